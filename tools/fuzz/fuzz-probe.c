/* libFuzzer harness: the documents stage's probe on one file.  The probe's
 * own structure walks run in shinsa's process on hostile bytes: the content
 * sniffers (OLE2 directory, zip central directory, markup, text), the PDF's
 * end and cross-reference table, PNG chunks and CRCs, JPEG markers, GIF
 * blocks, BMP and WebP headers.  Whatever the bytes, the probe gives a
 * status and, for a damaged file, a finding — never a crash or a leak.
 *
 * The first byte picks the name's extension (what the file claims to be);
 * the rest is the file.  poppler and libtiff run in the parser process,
 * which this harness does not start: their requests fail at once, and the
 * probe must still give an answer.
 *
 *   tools/fuzz/run 60      (corpus: tools/fuzz/corpus/probe)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <unistd.h>

#include "documents.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char *const names[] = {
  "資料1.pdf", "資料2.png", "資料3.jpg", "資料4.gif", "資料5.bmp", "資料6.tif", "資料7.webp",
  "資料8.xlsx", "資料9.xls", "資料10.zip", "資料11.txt", "資料12.docx", "資料13.csv", "資料14",
};

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static char *dir = NULL;
  g_autofree char *path = NULL;
  DocumentsConfig config = { TRUE, NULL, FALSE, 1000 };
  DocumentsProbe probe;
  const char *name;

  if (size < 1)
    return 0;
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("shinsa-fuzz-probe-XXXXXX", NULL);
      /* no parser process: the probe's own code is what is fuzzed */
      g_setenv ("SHINSA_PARSE_WORKER", "/nonexistent/shinsa-parse-worker", TRUE);
    }
  g_assert (dir != NULL);
  name = names[data[0] % G_N_ELEMENTS (names)];
  path = g_build_filename (dir, "input", NULL);
  g_assert (g_file_set_contents (path, (const char *) data + 1, (gssize) size - 1, NULL));
  documents_probe_file (path, name, &config, TRUE, &probe);
  g_assert (probe.media_type != NULL);
  g_assert (probe.status == SHINSA_DOCUMENT_STATUS_OK || probe.code != NULL);
  g_assert (probe.code == NULL || probe.message != NULL);
  documents_probe_clear (&probe);
  unlink (path);
  return 0;
}
