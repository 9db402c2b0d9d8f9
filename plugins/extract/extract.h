/* extract — the extract stage: the text of every page, with where it is
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

/* part of the cache key: bump when the pages this stage makes change */
#define EXTRACT_STAGE_VERSION "4"

typedef enum {
  EXTRACT_OCR_AUTO,            /* OCR pages whose text layer is missing or broken */
  EXTRACT_OCR_ALWAYS,          /* OCR every page */
  EXTRACT_OCR_NEVER,           /* text layers only; scanned pages stay empty */
} ExtractOcrMode;

/**
 * extract_parse_page_range:
 * @text: "" (every page), "N" or "N-M", 1-based, inclusive
 *
 * Returns: whether @text is a range; *@first and *@last are 1 and G_MAXINT
 *   for every page
 */
gboolean extract_parse_page_range (const char *text, int *first, int *last);

gboolean extract_run (ShinsaContext *ctx,
                      const ShinsaOptions *options,
                      GError **error);

extern const ShinsaStageInfo extract_stage;

G_END_DECLS
