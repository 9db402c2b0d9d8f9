/* libFuzzer harness: shinsa verify on a serialised bag.  Whatever the
 * bytes — a .zip or a .tar of a bag, or neither — verifying gives a report
 * or an error, never a crash, a leak or a file written outside the private
 * folder the archive is unpacked into.
 *
 *   tools/fuzz/run 60      (corpus: tools/fuzz/corpus/bag, bags the tests make)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <shinsa.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaBagReport) report = NULL;

  if (dir == NULL)
    dir = g_dir_make_tmp ("shinsa-fuzz-bag-XXXXXX", NULL);
  g_assert (dir != NULL);
  /* the name says what the reader tries first; the content decides */
  path = g_build_filename (dir, size >= 2 && data[0] == 'P' && data[1] == 'K' ? "bag.zip" : "bag.tar", NULL);
  g_assert (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  report = shinsa_bag_verify (path, NULL, &error);
  g_assert (report != NULL || error != NULL);
  if (report != NULL)
    (void) shinsa_bag_report_is_valid (report);
  unlink (path);
  return 0;
}
