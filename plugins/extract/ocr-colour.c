/* extract — the ink colour of an OCR'd word, sampled from the colour scan
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "ocr-private.h"

#define HUE_BINS 24

typedef struct {
  guint8 r, g, b;
} Rgb;

static int
compare_guint8 (gconstpointer a, gconstpointer b)
{
  return (int) *(const guint8 *) a - (int) *(const guint8 *) b;
}

/* the component-wise median of @n pixels */
static guint32
median_of (Rgb *px, int n)
{
  g_autofree guint8 *c = g_new (guint8, n);
  guint32 out = 0;

  for (int k = 0; k < 3; k++)
    {
      for (int i = 0; i < n; i++)
        c[i] = k == 0 ? px[i].r : k == 1 ? px[i].g : px[i].b;
      qsort (c, n, 1, compare_guint8);
      out = (out << 8) | c[n / 2];
    }
  return out;
}

static int
hue_bin (const Rgb *p)
{
  int max = MAX (p->r, MAX (p->g, p->b)), min = MIN (p->r, MIN (p->g, p->b));
  double d = max - min, h;

  if (max == p->r)
    h = (p->g - p->b) / d;
  else if (max == p->g)
    h = 2 + (p->b - p->r) / d;
  else
    h = 4 + (p->r - p->g) / d;
  h *= 60;
  if (h < 0)
    h += 360;
  return MIN ((int) (h * HUE_BINS / 360), HUE_BINS - 1);
}

guint32
ocr_colour_of_box (PIX *colour, int left, int top, int right, int bottom)
{
  int width = pixGetWidth (colour), height = pixGetHeight (colour);
  int wpl, n = 0, n_ink = 0, n_chroma = 0, best = 0;
  int hist[HUE_BINS] = { 0 }, lum_hist[256] = { 0 };
  l_uint32 *data;
  g_autofree Rgb *px = NULL;
  g_autofree Rgb *ink = NULL;
  int paper = 255, acc = 0;
  BOX *box;
  PIX *crop, *smooth;

  left = CLAMP (left, 0, width);
  right = CLAMP (right, 0, width);
  top = CLAMP (top, 0, height);
  bottom = CLAMP (bottom, 0, height);
  if (right <= left || bottom <= top)
    return 0x000000;

  /* a 3×3 median first: a scanner's coloured sensor noise is single
   * pixels, ink strokes are wider */
  box = boxCreate (left, top, right - left, bottom - top);
  crop = pixClipRectangle (colour, box, NULL);
  boxDestroy (&box);
  if (crop == NULL)
    return 0x000000;
  smooth = right - left >= 3 && bottom - top >= 3 ? pixRankFilterRGB (crop, 3, 3, 0.5f) : NULL;
  if (smooth != NULL)
    pixDestroy (&crop);
  else
    smooth = crop;
  width = pixGetWidth (smooth);
  height = pixGetHeight (smooth);
  wpl = pixGetWpl (smooth);
  data = pixGetData (smooth);

  px = g_new (Rgb, (gsize) width * height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        l_uint32 v = data[(gsize) y * wpl + x];
        Rgb p = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff };

        px[n++] = p;
        lum_hist[(77 * p.r + 150 * p.g + 29 * p.b) >> 8]++;
      }
  pixDestroy (&smooth);

  /* the local paper: the bright end of the box (a word's box is mostly paper) */
  for (int l = 255; l >= 0; l--)
    {
      acc += lum_hist[l];
      if (acc >= n / 4)
        {
          paper = l;
          break;
        }
    }

  /* ink: clearly darker than the paper, or clearly coloured */
  ink = g_new (Rgb, n);
  for (int i = 0; i < n; i++)
    {
      const Rgb *p = &px[i];
      int lum = (77 * p->r + 150 * p->g + 29 * p->b) >> 8;
      int max = MAX (p->r, MAX (p->g, p->b)), min = MIN (p->r, MIN (p->g, p->b));
      gboolean chroma = max - min >= 60 && (max - min) * 100 >= max * 35;

      if (lum <= paper - 60 || (chroma && lum <= paper - 20))
        {
          ink[n_ink++] = *p;
          if (chroma)
            {
              hist[hue_bin (p)]++;
              n_chroma++;
            }
        }
    }
  if (n_ink == 0)
    return 0x000000;

  /* coloured ink when most ink pixels are coloured: anti-aliased edges of
   * black text pick up a little colour from JPEG, never the majority */
  if (n_chroma * 2 >= n_ink)
    {
      int m = 0;

      for (int b = 1; b < HUE_BINS; b++)
        if (hist[b] > hist[best])
          best = b;
      for (int i = 0; i < n_ink; i++)
        {
          const Rgb *p = &ink[i];
          int max = MAX (p->r, MAX (p->g, p->b)), min = MIN (p->r, MIN (p->g, p->b));
          int bin;

          if (!(max - min >= 60 && (max - min) * 100 >= max * 35))
            continue;
          bin = hue_bin (p);
          /* the dominant hue and its neighbours, round the circle */
          if (bin == best || (bin + 1) % HUE_BINS == best || (best + 1) % HUE_BINS == bin)
            ink[m++] = *p;
        }
      return median_of (ink, m);
    }

  /* dark ink: the darker half is the stroke's core, the rest its rim */
  {
    g_autofree Rgb *core = g_new (Rgb, n_ink);
    int lum_ink[256] = { 0 }, cut = 255, m = 0;

    acc = 0;
    for (int i = 0; i < n_ink; i++)
      lum_ink[(77 * ink[i].r + 150 * ink[i].g + 29 * ink[i].b) >> 8]++;
    for (int l = 0; l < 256; l++)
      {
        acc += lum_ink[l];
        if (acc * 2 >= n_ink)
          {
            cut = l;
            break;
          }
      }
    for (int i = 0; i < n_ink; i++)
      if (((77 * ink[i].r + 150 * ink[i].g + 29 * ink[i].b) >> 8) <= cut)
        core[m++] = ink[i];
    return median_of (core, m);
  }
}
