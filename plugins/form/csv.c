/* shinsa — reading .csv forms and inventories (UTF-8 with or without BOM, CP932)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "form.h"

/* (transfer full): @data as UTF-8: a BOM dropped, CP932 (Windows Japanese,
 * what Excel writes by default) converted */
static char *
to_utf8 (const char *data, gsize len, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *out;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (g_utf8_validate_len (data, len, NULL))
    return g_strndup (data, len);
  out = g_convert (data, (gssize) len, "UTF-8", "CP932", NULL, NULL, &local);
  if (out == NULL)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_ENCODING,
                   "'%s' is neither UTF-8 nor CP932 text: %s", path, local->message);
      return NULL;
    }
  return out;
}

FormBook *
form_read_csv (const char *local_path, const char *path, const FormLimits *limits, GError **error)
{
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;
  GStatBuf st;
  FormSheet *sheet;
  gsize len;
  guint row = 1, col = 1, cells = 0;
  gboolean quoted = FALSE;
  char sep = ',';
  const char *p;

  /* before reading it all into memory */
  if (g_stat (local_path, &st) == 0 && (guint64) st.st_size > limits->max_file_bytes)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT, "'%s' is too large to be a form", path);
      return NULL;
    }
  if (!g_file_get_contents (local_path, &raw, &len, &local))
    {
      /* GLib's message names the local path, a private temporary folder
       * for a file from an archive */
      g_set_error (error, local->domain, local->code, "cannot read '%s'", path);
      return NULL;
    }
  if (len > limits->max_file_bytes)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT, "'%s' is too large to be a form", path);
      return NULL;
    }
  if (memchr (raw, '\0', len) != NULL)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_NOT_WORKBOOK, "'%s' is not text", path);
      return NULL;
    }
  text = to_utf8 (raw, len, path, error);
  if (text == NULL)
    return NULL;
  if (g_str_has_suffix (path, ".tsv") || (strchr (text, '\t') != NULL && strchr (text, ',') == NULL))
    sep = '\t';

  book = form_book_new (path, "csv");
  sheet = form_book_add_sheet (book, base);
  for (p = text;; p++)
    {
      char c = *p;
      gboolean end_field = FALSE, end_row = FALSE;

      if (quoted)
        {
          if (c == '\0')
            break;
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
          continue;
        }
      if (c == '"' && field->len == 0)
        {
          quoted = TRUE;
          continue;
        }
      if (c == sep)
        end_field = TRUE;
      else if (c == '\n' || c == '\r' || c == '\0')
        end_field = end_row = TRUE;
      else
        g_string_append_c (field, c);

      if (end_field)
        {
          if (field->len > 0)
            {
              if (++cells > limits->max_cells || row > limits->max_rows || col > limits->max_cols)
                {
                  g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT,
                               "'%s' has more than %u values or %u rows", path, limits->max_cells,
                               limits->max_rows);
                  return NULL;
                }
              form_sheet_set (sheet, row, col, field->str, NULL);
            }
          g_string_truncate (field, 0);
          col++;
        }
      if (end_row)
        {
          if (c == '\r' && p[1] == '\n')
            p++;
          row++;
          col = 1;
        }
      if (c == '\0')
        break;
    }
  return g_steal_pointer (&book);
}
