/* extract — the text layer of PDF pages, through poppler
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <shinsa.h>
#include <cairo.h>
#include <poppler.h>

G_BEGIN_DECLS

typedef enum {
  PDFTEXT_USABLE,              /* the text layer says what the page says */
  PDFTEXT_NO_TEXT,             /* no text at all */
  PDFTEXT_IMAGE_ONLY,          /* a scan: an image over most of the page, little text */
  PDFTEXT_UNREADABLE,          /* mojibake: a broken ToUnicode map, a wrong encoding */
} PdftextVerdict;

/* why a page was not read from its text layer, for page->note */
const char *pdftext_verdict_to_note (PdftextVerdict verdict);

/**
 * pdftext_read_page:
 * @ppage: the poppler page; only this thread may use its document meanwhile
 * @page: filled with spans (one per run of one font, size and colour within
 *   a line, split at wide gaps), lines top to bottom and left to right,
 *   text, source SHINSA_PAGE_TEXT_PDF and confidence 100 — when the layer is
 *   usable; left empty otherwise
 * @expect_japanese: Latin-1 letters in place of Japanese count as mojibake
 *
 * Returns: whether the text layer is usable, and if not why
 */
PdftextVerdict pdftext_read_page (PopplerPage *ppage,
                                  ShinsaPage *page,
                                  gboolean expect_japanese);

/**
 * pdftext_scan_image:
 * @ppage: the page
 * @out_dpi: (out): the resolution the largest image is drawn at, 0 when the
 *   page has no image
 *
 * Returns: the share of the page the images cover, 0–1
 */
double pdftext_scan_image (PopplerPage *ppage, double *out_dpi);

/**
 * pdftext_render:
 * @dpi: resolution; lowered when the page would exceed @max_megapixels
 *
 * Renders the page on white, for OCR.
 * Returns: (transfer full) (nullable): an RGB24 image surface, NULL with
 *   @error when cairo cannot make one that large
 */
cairo_surface_t *pdftext_render (PopplerPage *ppage,
                                 double dpi,
                                 int max_megapixels,
                                 double *out_dpi,
                                 GError **error);

G_END_DECLS
