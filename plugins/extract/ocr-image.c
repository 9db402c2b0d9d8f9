/* extract — loading page images for OCR: TIFF pages, PNG, JPEG, BMP, GIF,
 * and cairo surfaces rendered by poppler
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "ocr-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <tiffio.h>

void
ocr_quiet_leptonica (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* damaged files are our daily bread; their reasons go into GErrors */
      setMsgSeverity (L_SEVERITY_NONE);
      g_once_init_leave (&done, 1);
    }
}

static gboolean
format_is_supported (int format)
{
  return L_FORMAT_IS_TIFF (format) || format == IFF_PNG || format == IFF_JFIF_JPEG ||
         format == IFF_BMP || format == IFF_GIF || format == IFF_PNM || format == IFF_WEBP ||
         format == IFF_JP2;
}

/* Messages name the file, never where it lies: a submission from an
 * archive is read from a private temporary folder the examiner never sees */
static gboolean
read_format (const char *path, int *format, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);

  *format = IFF_UNKNOWN;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot open '%s': %s", name, g_strerror (ENOENT));
      return FALSE;
    }
  if (findFileFormat (path, format) != 0 || !format_is_supported (*format))
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot read '%s': not a TIFF, PNG, JPEG, BMP or GIF image", name);
      return FALSE;
    }
  return TRUE;
}

static int
tiff_quiet (TIFF *tif, void *user_data, const char *module, const char *fmt, va_list ap)
{
  /* a damaged scan is the caller's error to report; 1: handled */
  return 1;
}

gboolean
ocr_tiff_page_size (const char *path, int index, int *out_w, int *out_h)
{
  TIFFOpenOptions *opts = TIFFOpenOptionsAlloc ();
  TIFF *tif;
  guint32 w = 0, h = 0;
  gboolean ok;

  TIFFOpenOptionsSetErrorHandlerExtR (opts, tiff_quiet, NULL);
  TIFFOpenOptionsSetWarningHandlerExtR (opts, tiff_quiet, NULL);
  tif = TIFFOpenExt (path, "r", opts);
  TIFFOpenOptionsFree (opts);
  if (tif == NULL)
    return FALSE;
  ok = index >= 0 && TIFFSetDirectory (tif, (tdir_t) index) &&
       TIFFGetField (tif, TIFFTAG_IMAGEWIDTH, &w) && TIFFGetField (tif, TIFFTAG_IMAGELENGTH, &h) &&
       w > 0 && h > 0 && w <= G_MAXINT && h <= G_MAXINT;
  TIFFClose (tif);
  *out_w = (int) w;
  *out_h = (int) h;
  return ok;
}

int
ocr_count_image_pages (const char *path, GError **error)
{
  int format, n = 0;
  FILE *fp;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, 0);
  name = g_path_get_basename (path);

  ocr_quiet_leptonica ();
  if (!read_format (path, &format, error))
    return 0;
  if (!L_FORMAT_IS_TIFF (format))
    return 1;

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot open '%s': %s", name, g_strerror (saved));
      return 0;
    }
  if (tiffGetCount (fp, &n) != 0 || n < 1)
    {
      fclose (fp);
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot read '%s': damaged TIFF", name);
      return 0;
    }
  fclose (fp);
  return n;
}

PIX *
ocr_load_image_page (const OcrSettings *settings,
                     const char *path,
                     int index,
                     int *out_dpi,
                     GError **error)
{
  int format, w = 0, h = 0, bps = 0, spp = 0, cmap = 0, n_pages = 1;
  PIX *pix;
  g_autofree char *name = NULL;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (index >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_path_get_basename (path);
  ocr_quiet_leptonica ();
  if (out_dpi != NULL)
    *out_dpi = 0;
  if (!read_format (path, &format, error))
    return NULL;

  if (L_FORMAT_IS_TIFF (format))
    {
      n_pages = ocr_count_image_pages (path, error);
      if (n_pages == 0)
        return NULL;
    }
  if (index >= n_pages)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot read page %d of '%s': it has %d page%s",
                   index + 1, name, n_pages, n_pages == 1 ? "" : "s");
      return NULL;
    }

  /* the header alone, so that a pixel bomb is refused before it is decoded */
  if ((L_FORMAT_IS_TIFF (format)
       ? !ocr_tiff_page_size (path, index, &w, &h)
       : pixReadHeader (path, &format, &w, &h, &bps, &spp, &cmap) != 0) ||
      w <= 0 || h <= 0)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot read page %d of '%s': damaged image header", index + 1, name);
      return NULL;
    }
  if (settings->max_pixels > 0 && (gint64) w * h > (gint64) settings->max_pixels * 1000000)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "refusing page %d of '%s': %d×%d pixels (%.1f megapixels) exceeds the limit of %d megapixels",
                   index + 1, name, w, h, (double) w * h / 1e6, settings->max_pixels);
      return NULL;
    }

  pix = L_FORMAT_IS_TIFF (format) ? pixReadTiff (path, index) : pixRead (path);
  if (pix == NULL)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot read page %d of '%s': damaged or truncated image data", index + 1, name);
      return NULL;
    }
  if (out_dpi != NULL)
    *out_dpi = pixGetXRes (pix) > 0 ? pixGetXRes (pix) : 0;
  return pix;
}

PIX *
ocr_pix_from_cairo (cairo_surface_t *surface)
{
  cairo_format_t format;
  int width, height, stride, wpl;
  const guint8 *data;
  l_uint32 *pixdata;
  PIX *pix;

  g_return_val_if_fail (surface != NULL, NULL);
  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, NULL);
  format = cairo_image_surface_get_format (surface);
  g_return_val_if_fail (format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24, NULL);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  g_return_val_if_fail (data != NULL && width > 0 && height > 0, NULL);

  pix = pixCreate (width, height, 32);
  if (pix == NULL)
    return NULL;
  pixdata = pixGetData (pix);
  wpl = pixGetWpl (pix);
  for (int y = 0; y < height; y++)
    {
      /* cairo stores native-endian 0xAARRGGBB words, premultiplied;
       * Leptonica 0xRRGGBB00 words.  Transparency is paper: over white. */
      const guint32 *src = (const guint32 *) (data + (gsize) y * stride);
      l_uint32 *dst = pixdata + (gsize) y * wpl;

      for (int x = 0; x < width; x++)
        {
          guint32 v = src[x];
          guint a = format == CAIRO_FORMAT_ARGB32 ? v >> 24 : 255;
          guint r = ((v >> 16) & 0xff) + 255 - a;
          guint g = ((v >> 8) & 0xff) + 255 - a;
          guint b = (v & 0xff) + 255 - a;

          dst[x] = ((l_uint32) MIN (r, 255) << 24) | ((l_uint32) MIN (g, 255) << 16) |
                   ((l_uint32) MIN (b, 255) << 8);
        }
    }
  return pix;
}
