/* extract — reading scanned pages with Leptonica and Tesseract
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One Tesseract engine per worker thread, made on first use and reused for
 * every page that thread reads; Tesseract's own OpenMP is kept to one
 * thread (OMP_THREAD_LIMIT=1), since on few cores it slows a page down.
 */
#pragma once

#include <shinsa.h>
#include <cairo.h>
#include <leptonica/allheaders.h>

G_BEGIN_DECLS

typedef struct {
  const char *languages;       /* "jpn+eng" or "jpn" */
  const char *tessdata;        /* (nullable): NULL for Tesseract's default */
  gboolean deskew;
  gboolean despeckle;
  gboolean detect_orientation; /* OSD: pages scanned upside down or sideways */
  gboolean detect_vertical;    /* 縦書き: read with jpn_vert */
  int max_pixels;              /* refuse images larger than this (pixel bombs), in megapixels */
  gboolean binarize;           /* Sauvola binarisation before Tesseract (its own Otsu otherwise) */
} OcrSettings;

void ocr_settings_init_default (OcrSettings *settings);

/* Versions of Tesseract, Leptonica and the traineddata files in use, and
 * the settings: part of the cache key, so a new model reads again. */
char *ocr_settings_fingerprint (const OcrSettings *settings);

/* Sets OMP_THREAD_LIMIT and checks the languages are installed; call once
 * before any worker reads a page. */
gboolean ocr_init (const OcrSettings *settings, GError **error);

/**
 * ocr_read_image:
 * @image: the page as scanned, colour or grey, any depth Leptonica reads
 * @dpi: its resolution (0: take it from @image, else assume 300)
 * @page: the page to fill: spans (boxes in the page's points, i.e. scaled
 *   by page->width / image width), text, confidence, rotation, vertical,
 *   source = SHINSA_PAGE_TEXT_OCR; every span's colour is the dominant ink
 *   colour inside its box in the original @image (red ink stays red)
 *
 * Uses the calling thread's engine.  Thread-safe across threads.
 */
gboolean ocr_read_image (const OcrSettings *settings,
                         PIX *image,
                         int dpi,
                         ShinsaPage *page,
                         GCancellable *cancellable,
                         GError **error);

/* Loads page @index (0-based) of a TIFF, or a PNG/JPEG/BMP/GIF (index 0).
 * Refuses images over settings->max_pixels before decoding them fully. */
PIX *ocr_load_image_page (const OcrSettings *settings,
                          const char *path,
                          int index,
                          int *out_dpi,
                          GError **error);
/* pages in a TIFF; 1 for other images */
int  ocr_count_image_pages (const char *path, GError **error);

/* a cairo image surface (ARGB32/RGB24), e.g. a PDF page rendered by poppler, as a 32 bpp PIX */
PIX *ocr_pix_from_cairo (cairo_surface_t *surface);

/* frees the calling thread's engine; engines are also freed at exit */
void ocr_release_thread_engine (void);

G_END_DECLS
