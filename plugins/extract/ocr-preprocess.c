/* extract — Leptonica preprocessing of a scanned page before Tesseract reads it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "ocr-private.h"

#include <math.h>

/* Tesseract finds its lines on pages a degree or two askew and reads them
 * better from the untouched scan than from a rotated one (our corpus, ±1.5°:
 * CER 0.052 without rotating, 0.060 with), so only a clearly crooked sheet is
 * turned.  The confidence is Leptonica's own threshold in skew.c. */
#define MIN_DESKEW_ANGLE      2.0f
#define MIN_DESKEW_CONFIDENCE 3.0f

static void
replace (PIX **slot, PIX *pix)
{
  if (pix == NULL)
    return;
  pixDestroy (slot);
  *slot = pix;
}

gboolean
ocr_prepare (PIX *image, OcrPrepared *prep)
{
  memset (prep, 0, sizeof *prep);
  prep->colour = pixConvertTo32 (image);
  if (prep->colour == NULL)
    return FALSE;
  prep->factor = 1;
  prep->grey = pixConvertRGBToLuminance (prep->colour);
  if (prep->grey == NULL)
    {
      pixDestroy (&prep->colour);
      return FALSE;
    }
  return TRUE;
}

void
ocr_prepared_clear (OcrPrepared *prep)
{
  pixDestroy (&prep->colour);
  pixDestroy (&prep->grey);
}

int
ocr_prepared_upscale (OcrPrepared *prep, int dpi)
{
  /* 150 dpi type is about 20 pixels high, below what Tesseract's models
   * were trained on; twice that reads far better and costs little more
   * than a 300 dpi scan would */
  if (dpi >= 200)
    return dpi;
  replace (&prep->grey, pixScaleGrayLI (prep->grey, 2.0f, 2.0f));
  replace (&prep->colour, pixScaleColorLI (prep->colour, 2.0f, 2.0f));
  prep->factor *= 2;
  return dpi * 2;
}

void
ocr_prepared_rotate (OcrPrepared *prep, int quads)
{
  quads = ((quads % 4) + 4) % 4;
  if (quads == 0)
    return;
  replace (&prep->colour, pixRotateOrth (prep->colour, quads));
  replace (&prep->grey, pixRotateOrth (prep->grey, quads));
}

/* ink black, paper white; the threshold sits between the paper and the ink
 * of the page itself, since scans differ in both */
static PIX *
binary_of (PIX *grey)
{
  l_int32 threshold = 128;
  PIX *small = pixScaleByIntSampling (grey, 4);

  if (small != NULL)
    {
      pixSplitDistributionFgBg (small, 0.5, 1, &threshold, NULL, NULL, NULL);
      pixDestroy (&small);
    }
  return pixConvertTo1 (grey, MAX (threshold, 60));
}

void
ocr_prepared_deskew (OcrPrepared *prep)
{
  l_float32 angle = 0, conf = 0;
  PIX *binary = binary_of (prep->grey);

  if (binary == NULL)
    return;
  if (pixFindSkew (binary, &angle, &conf) == 0 &&
      conf >= MIN_DESKEW_CONFIDENCE && fabsf (angle) >= MIN_DESKEW_ANGLE)
    {
      float radians = angle * (float) G_PI / 180.0f;

      /* shear, not area mapping: for a degree or two it moves whole rows and
       * columns and keeps the thin strokes of 200 dpi type sharp, where
       * interpolation greys them */
      replace (&prep->grey, pixRotate (prep->grey, radians, L_ROTATE_SHEAR, L_BRING_IN_WHITE, 0, 0));
      replace (&prep->colour, pixRotate (prep->colour, radians, L_ROTATE_SHEAR, L_BRING_IN_WHITE, 0, 0));
      prep->skew = angle;
    }
  pixDestroy (&binary);
}

/* ink, generously: anything clearly darker than the paper, so that thin
 * strokes stay whole and their pieces are not taken for specks */
static PIX *
ink_of (PIX *grey)
{
  NUMA *hist = pixGetGrayHistogram (grey, 4);
  l_float32 paper = 230;
  PIX *binary;

  if (hist != NULL)
    {
      /* most of a page is paper: its median pixel is */
      numaGetHistogramStats (hist, 0, 1, NULL, &paper, NULL, NULL);
      numaDestroy (&hist);
    }
  binary = pixConvertTo1 (grey, (int) (paper * 0.8f));
  return binary;
}

void
ocr_prepared_despeckle (OcrPrepared *prep, int dpi)
{
  /* Dust and toner specks are small; so are the dots of 、。゛ and of the
   * leaders in a table of contents.  Wiped: specks with no other ink
   * around them, and runs of dots with no character near them (leaders,
   * which Tesseract reads as strings of junk).  Kept: small pieces next to
   * a character.  (A median filter would also round off the thin strokes of
   * 200 dpi kanji.) */
  int speck = MAX (2, dpi * 6 / 200);
  int reach = MAX (3, dpi * 10 / 200) | 1;
  PIX *binary, *small = NULL, *big = NULL, *near = NULL, *lone = NULL;
  l_int32 changed = 0;

  binary = ink_of (prep->grey);
  if (binary == NULL)
    return;
  small = pixSelectBySize (binary, speck, speck, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, &changed);
  if (small != NULL)
    big = pixSubtract (NULL, binary, small);
  if (big != NULL)
    near = pixDilateBrick (NULL, big, reach, reach);
  if (near != NULL)
    lone = pixSubtract (NULL, small, near);
  if (lone != NULL)
    {
      /* widen by a pixel so the blurred rim of the speck goes too */
      PIX *mask = pixDilateBrick (NULL, lone, 3, 3);

      if (mask != NULL)
        pixSetMasked (prep->grey, mask, 255);
      pixDestroy (&mask);
    }
  pixDestroy (&lone);
  pixDestroy (&near);
  pixDestroy (&big);
  pixDestroy (&small);
  pixDestroy (&binary);
}

void
ocr_prepared_binarize (OcrPrepared *prep, int dpi)
{
  PIX *binary = NULL;
  int window = MAX (8, dpi / 10);

  if (pixSauvolaBinarizeTiled (prep->grey, window, 0.34f, 1, 1, NULL, &binary) != 0 || binary == NULL)
    return;
  replace (&prep->grey, pixConvert1To8 (NULL, binary, 255, 0));
  pixDestroy (&binary);
}
