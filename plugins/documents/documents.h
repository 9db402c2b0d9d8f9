/* shinsa — the documents stage: what each submitted file is, how many pages,
 * and whether it can be read at all
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

/**
 * DocumentsConfig:
 * @check_images: walk image structures (PNG chunks and CRCs, JPEG markers up
 *   to EOI, GIF blocks, TIFF strips within the file), not only their headers
 * @cancellable: (nullable): checked between pages of a long PDF
 * @in_process: open PDFs with poppler in this process, not in a parser
 *   process (core/shinsa-parser.h); only for measuring what isolation costs
 * @timeout_ms: how long opening one PDF may take in the parser, 0: no limit
 */
typedef struct {
  gboolean check_images;
  GCancellable *cancellable;
  gboolean in_process;
  guint timeout_ms;
} DocumentsConfig;

/**
 * DocumentsProbe:
 * @media_type: sniffed from the content, never from the name alone
 * @pages: physical pages, -1 for unpaged files (spreadsheets, text) and for
 *   files that cannot be read
 * @status: ok, encrypted or unreadable
 * @reason: (nullable): short, English, for report.json status_reason
 * @code: (nullable): finding code, static
 * @severity: of the finding
 * @message: (nullable): Japanese, for the examiner, names the file
 * @sha256: (nullable): lower-case hex, only when asked for
 * @size: bytes read, only when @sha256 was asked for
 * @cancelled: the probe stopped early; nothing else is meaningful
 */
typedef struct {
  char *media_type;
  int pages;
  ShinsaDocumentStatus status;
  char *reason;
  const char *code;
  ShinsaSeverity severity;
  char *message;
  char *sha256;
  guint64 size;
  gboolean cancelled;
} DocumentsProbe;

/**
 * documents_probe_file:
 * @local_path: where the bytes are
 * @path: the submission-relative path: its extension says what the file
 *   claims to be, and messages name the file by it
 * @want_sha256: also hash the bytes (when intake did not)
 * @probe: (out caller-allocates): filled in; clear with documents_probe_clear()
 *
 * Thread-safe: touches no global state.
 */
void documents_probe_file (const char *local_path,
                           const char *path,
                           const DocumentsConfig *config,
                           gboolean want_sha256,
                           DocumentsProbe *probe);
void documents_probe_clear (DocumentsProbe *probe);

gboolean documents_run (ShinsaContext *ctx,
                        const ShinsaOptions *options,
                        GError **error);

extern const ShinsaStageInfo documents_stage;

G_END_DECLS
