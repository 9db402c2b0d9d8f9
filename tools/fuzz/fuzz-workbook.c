/* libFuzzer harness: the 申請書B readers that run inside shinsa (.xlsx
 * through libarchive and libxml2, .csv) and the table finder.  Whatever the
 * bytes, reading gives a book or an error naming the file, and finding the
 * table gives items or an error — never a crash, a hang or a leak.
 *
 * Not libfreexl: it overflows its heap on crafted OLE2 headers (this
 * harness found one: tests/data/hostile-freexl.xls), so it runs in a
 * process of its own and its crashes are the worker's (tests/test-form.c,
 * /form/xls/isolated).  An OLE2 input goes to biff.c, shinsa's own reader
 * of .xls fonts, which the worker runs beside libfreexl: a book or an
 * error, and runs that make up the text they were asked for.
 *
 *   tools/fuzz/run 60      (corpus: tools/fuzz/corpus/workbook, the fixtures' forms)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <unistd.h>

#include "biff.h"
#include "form.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static char *dir = NULL;
  const char *name;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  FormLimits limits;

  if (dir == NULL)
    dir = g_dir_make_tmp ("shinsa-fuzz-workbook-XXXXXX", NULL);
  g_assert (dir != NULL);
  if (size >= 2 && data[0] == 0xD0 && data[1] == 0xCF)
    {
      g_autoptr(BiffBook) fonts = biff_book_read (data, size, &error);

      g_assert (fonts != NULL || error != NULL);
      for (guint row = 0; fonts != NULL && row < 8; row++)
        for (guint col = 0; col < 8; col++)
          {
            g_autoptr(GArray) runs = biff_book_cell_runs (fonts, "Sheet1", row, col, "ab日本\r\nx");
            g_autoptr(GArray) runs_b = biff_book_cell_runs (fonts, "申請書B", row, col, "ab日本\r\nx");
            g_autoptr(GString) joined = g_string_new (NULL);

            for (guint r = 0; runs_b != NULL && r < runs_b->len; r++)
              g_string_append (joined, g_array_index (runs_b, ShinsaFormRun, r).text);
            g_assert (runs_b == NULL || strcmp (joined->str, "ab日本\nx") == 0);
          }
      return 0;
    }
  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    name = "申請書B.xlsx";
  else
    name = "申請書B.csv";
  path = g_build_filename (dir, name, NULL);
  g_assert (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));

  form_limits_init_default (&limits);
  book = form_read_any (path, name, &limits, &error);
  g_assert (book != NULL || error != NULL);
  if (book != NULL)
    {
      g_autoptr(ShinsaForm) form = shinsa_form_new ();
      g_autoptr(GError) table_error = NULL;

      if (!formb_read (book, form, &table_error))
        g_assert (table_error != NULL);
    }
  unlink (path);
  return 0;
}
