/* extract — internals of the OCR files (ocr*.c), shared between them only
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "ocr.h"

G_BEGIN_DECLS

/* Leptonica reports to stderr by default; the batch's stderr is for progress */
void     ocr_quiet_leptonica (void);

/* the size of page @index (0-based) of a TIFF from its directory alone,
 * through libtiff (Leptonica's readHeaderTiff leaks the TIFF handle) */
gboolean ocr_tiff_page_size (const char *path, int index, int *out_w, int *out_h);

/* ocr-preprocess.c */
typedef struct {
  PIX   *colour;      /* 32 bpp, upright and deskewed like @grey: where ink colours are sampled */
  PIX   *grey;        /* 8 bpp, what Tesseract reads */
  float  skew;        /* degrees found and corrected, counter-clockwise positive */
  int    factor;      /* how many times larger than the image as given */
} OcrPrepared;

/* greyscale and keep the colour copy; @image any depth */
gboolean ocr_prepare (PIX *image, OcrPrepared *prep);
/* turns both images by @quads quarter turns clockwise */
void     ocr_prepared_rotate (OcrPrepared *prep, int quads);
/* finds and corrects a small skew in both images */
void     ocr_prepared_deskew (OcrPrepared *prep);
/* enlarges scans below 200 dpi, which Tesseract reads poorly; returns the new dpi */
int      ocr_prepared_upscale (OcrPrepared *prep, int dpi);
/* removes dust and toner specks from the grey image */
void     ocr_prepared_despeckle (OcrPrepared *prep, int dpi);
/* replaces the grey image by a Sauvola binarisation (8 bpp, 0/255) */
void     ocr_prepared_binarize (OcrPrepared *prep, int dpi);
void     ocr_prepared_clear (OcrPrepared *prep);

/* ocr-colour.c: the dominant ink colour inside a box of a 32 bpp image, 0xRRGGBB */
guint32  ocr_colour_of_box (PIX *colour, int left, int top, int right, int bottom);

G_END_DECLS
