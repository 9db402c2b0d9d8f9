/* shinsa — the form stage's in-memory workbook, shared by every reader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "form.h"

G_DEFINE_QUARK (shinsa-form-error-quark, form_error)

void
form_limits_init_default (FormLimits *limits)
{
  limits->max_file_bytes = 64 * 1024 * 1024;
  limits->max_part_bytes = 64 * 1024 * 1024;
  limits->max_total_bytes = 256 * 1024 * 1024;
  limits->max_ratio = 200;
  limits->max_entries = 10000;
  limits->max_cells = 200000;
  limits->max_sheets = 256;
  limits->max_rows = 65536;
  limits->max_cols = 16384;
}

#define CELL_KEY(row, col) GUINT_TO_POINTER (((row) << 14) | (col))

static void
run_clear (gpointer data)
{
  ShinsaFormRun *run = data;
  g_free (run->text);
}

GArray *
form_runs_new (void)
{
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (ShinsaFormRun));
  g_array_set_clear_func (runs, run_clear);
  return runs;
}

static void
cell_free (gpointer data)
{
  FormCell *cell = data;
  g_free (cell->text);
  g_array_unref (cell->runs);
  g_free (cell);
}

static void
sheet_free (gpointer data)
{
  FormSheet *sheet = data;
  g_free (sheet->name);
  g_hash_table_unref (sheet->cells);
  g_array_unref (sheet->merges);
  g_free (sheet);
}

FormBook *
form_book_new (const char *path, const char *format)
{
  FormBook *book = g_new0 (FormBook, 1);
  book->path = g_strdup (path);
  book->format = g_strdup (format);
  book->sheets = g_ptr_array_new_with_free_func (sheet_free);
  return book;
}

void
form_book_free (FormBook *book)
{
  if (book == NULL)
    return;
  g_free (book->path);
  g_free (book->format);
  g_ptr_array_unref (book->sheets);
  g_free (book);
}

FormSheet *
form_book_add_sheet (FormBook *book, const char *name)
{
  FormSheet *sheet = g_new0 (FormSheet, 1);
  sheet->name = g_strdup (name);
  sheet->cells = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, cell_free);
  sheet->merges = g_array_new (FALSE, FALSE, sizeof (FormRange));
  g_ptr_array_add (book->sheets, sheet);
  return sheet;
}

FormCell *
form_sheet_set (FormSheet *sheet, guint row, guint col, const char *text, GArray *runs)
{
  FormCell *cell;

  g_return_val_if_fail (row > 0 && col > 0 && col < (1u << 14) && row < (1u << 18), NULL);
  cell = g_new0 (FormCell, 1);
  cell->row = row;
  cell->col = col;
  cell->text = g_strdup (text);
  if (runs == NULL)
    {
      ShinsaFormRun run = { g_strdup (text), 0, FALSE, FALSE };
      runs = form_runs_new ();
      g_array_append_val (runs, run);
    }
  cell->runs = runs;
  g_hash_table_replace (sheet->cells, CELL_KEY (row, col), cell);
  sheet->max_row = MAX (sheet->max_row, row);
  sheet->max_col = MAX (sheet->max_col, col);
  return cell;
}

const FormRange *
form_sheet_merge_covering (FormSheet *sheet, guint row, guint col)
{
  for (guint i = 0; i < sheet->merges->len; i++)
    {
      const FormRange *r = &g_array_index (sheet->merges, FormRange, i);
      if (row >= r->first_row && row <= r->last_row && col >= r->first_col && col <= r->last_col)
        return r;
    }
  return NULL;
}

const FormRange *
form_sheet_merge_at (FormSheet *sheet, guint row, guint col)
{
  const FormRange *r = form_sheet_merge_covering (sheet, row, col);
  return r != NULL && r->first_row == row && r->first_col == col ? r : NULL;
}

FormCell *
form_sheet_get (FormSheet *sheet, guint row, guint col, gboolean follow_merges)
{
  FormCell *cell;

  if (row == 0 || col == 0 || row >= (1u << 18) || col >= (1u << 14))
    return NULL;
  cell = g_hash_table_lookup (sheet->cells, CELL_KEY (row, col));
  if (cell == NULL && follow_merges)
    {
      const FormRange *r = form_sheet_merge_covering (sheet, row, col);
      if (r != NULL)
        cell = g_hash_table_lookup (sheet->cells, CELL_KEY (r->first_row, r->first_col));
    }
  return cell;
}

char *
form_cell_name (guint row, guint col)
{
  char letters[8];
  int n = 0;
  char rev[8];

  while (col > 0 && n < 7)
    {
      col--;
      rev[n++] = 'A' + (col % 26);
      col /= 26;
    }
  for (int i = 0; i < n; i++)
    letters[i] = rev[n - 1 - i];
  letters[n] = '\0';
  return g_strdup_printf ("%s%u", letters, row);
}

char *
form_normalize_label (const char *text)
{
  g_autofree char *norm = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  if (norm == NULL)
    return g_string_free (out, FALSE);
  for (const char *p = norm; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static const char *
extension (const char *path)
{
  const char *base = strrchr (path, '/');
  const char *dot = strrchr (base != NULL ? base : path, '.');
  return dot != NULL ? dot + 1 : "";
}

FormBook *
form_read_any (const char *local_path, const char *path, const FormLimits *limits, GError **error)
{
  const char *ext = extension (path);
  guint8 head[8] = { 0 };
  FILE *f;
  gsize n = 0;

  if (g_ascii_strcasecmp (ext, "csv") == 0 || g_ascii_strcasecmp (ext, "txt") == 0
      || g_ascii_strcasecmp (ext, "tsv") == 0)
    return form_read_csv (local_path, path, limits, error);

  /* the name may lie (an .xls that is really OOXML): look at the bytes */
  f = fopen (local_path, "rb");
  if (f != NULL)
    {
      n = fread (head, 1, sizeof head, f);
      fclose (f);
    }
  if (n >= 4 && memcmp (head, "PK\003\004", 4) == 0)
    return form_read_xlsx (local_path, path, limits, error);
  if (n >= 8 && memcmp (head, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    return form_read_xls (local_path, path, limits, error);
  if (g_ascii_strcasecmp (ext, "xls") == 0)
    return form_read_xls (local_path, path, limits, error);
  return form_read_xlsx (local_path, path, limits, error);
}
