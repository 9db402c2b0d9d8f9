/* shinsa — reading .xls workbooks (BIFF, from older CD-Rs) with libfreexl
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libfreexl gives values, not fonts: runs from an .xls carry no colour, so
 * red marking on an .xls form cannot be seen (the report says the format).
 */
#include <string.h>

#include <freexl.h>
#include <glib/gstdio.h>

#include "form.h"

FormBook *
form_read_xls (const char *local_path, const char *path, const FormLimits *limits, GError **error)
{
  const void *handle = NULL;
  g_autoptr(FormBook) book = form_book_new (path, "xls");
  unsigned int sheets = 0;
  guint cells = 0;
  GStatBuf st;
  int r;

  if (g_stat (local_path, &st) == 0 && (guint64) st.st_size > limits->max_file_bytes)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT, "'%s' is too large to be a form", path);
      return NULL;
    }
  r = freexl_open (local_path, &handle);
  if (r != FREEXL_OK)
    {
      g_set_error (error, FORM_ERROR, r == FREEXL_CRAFTED_FILE ? FORM_ERROR_HOSTILE : FORM_ERROR_NOT_WORKBOOK,
                   "'%s' is not a readable Excel 97–2003 workbook (freexl error %d)", path, r);
      if (handle != NULL)
        freexl_close (handle);
      return NULL;
    }
  if (freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK)
    sheets = 0;
  if (sheets > limits->max_sheets)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT, "'%s' has more than %u sheets", path, limits->max_sheets);
      freexl_close (handle);
      return NULL;
    }
  for (unsigned short s = 0; s < sheets; s++)
    {
      const char *name = NULL;
      unsigned int rows = 0;
      unsigned short cols = 0;
      FormSheet *sheet;

      if (freexl_get_worksheet_name (handle, s, &name) != FREEXL_OK
          || freexl_select_active_worksheet (handle, s) != FREEXL_OK
          || freexl_worksheet_dimensions (handle, &rows, &cols) != FREEXL_OK)
        continue;
      sheet = form_book_add_sheet (book, name != NULL && g_utf8_validate (name, -1, NULL) ? name : "");
      if (rows > limits->max_rows)
        rows = limits->max_rows;
      if (cols > limits->max_cols)
        cols = (unsigned short) limits->max_cols;
      for (unsigned int row = 0; row < rows; row++)
        for (unsigned short col = 0; col < cols; col++)
          {
            FreeXL_CellValue v;
            g_autofree char *text = NULL;

            if (freexl_get_cell_value (handle, row, col, &v) != FREEXL_OK)
              continue;
            switch (v.type)
              {
              case FREEXL_CELL_INT:
                text = g_strdup_printf ("%d", v.value.int_value);
                break;
              case FREEXL_CELL_DOUBLE:
                {
                  char buf[G_ASCII_DTOSTR_BUF_SIZE];
                  g_ascii_formatd (buf, sizeof buf, "%.15g", v.value.double_value);
                  text = g_strdup (buf);
                }
                break;
              case FREEXL_CELL_TEXT:
              case FREEXL_CELL_SST_TEXT:
              case FREEXL_CELL_DATE:
              case FREEXL_CELL_DATETIME:
              case FREEXL_CELL_TIME:
                if (v.value.text_value != NULL)
                  text = g_strdup (v.value.text_value);
                break;
              default:
                break;
              }
            if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
              continue;
            if (++cells > limits->max_cells)
              {
                g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT,
                             "'%s' has more than %u cells with values (sheet '%s')", path,
                             limits->max_cells, sheet->name);
                freexl_close (handle);
                return NULL;
              }
            /* BIFF text uses \r\n inside cells */
            {
              g_autoptr(GString) s2 = g_string_new (text);
              g_string_replace (s2, "\r\n", "\n", 0);
              form_sheet_set (sheet, row + 1, col + 1u, s2->str, NULL);
            }
          }
    }
  freexl_close (handle);
  if (book->sheets->len == 0)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_NOT_WORKBOOK, "'%s' has no worksheet", path);
      return NULL;
    }
  return g_steal_pointer (&book);
}
