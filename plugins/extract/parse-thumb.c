/* extract — thumbnails of pages, drawn in the parser process for the report
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   thumb   path s, page i (1-based), pdf b, width-px i, max-height d (a
 *           multiple of width-px), max-mp i (largest scan decoded)
 *     → image (PARSE_IMAGE_TYPE, 32 bpp, and its payload), page-width d, page-height d (PDF
 *       points, or the scan's pixels) | error s
 *
 * PDF pages are rendered with poppler into a cairo surface; scanned images
 * (TIFF pages, PNG, JPEG…) are read with Leptonica, as the extract stage
 * reads them, and scaled down.
 */
#include <math.h>

#include <poppler.h>

#include "ocr-private.h"
#include "parse-ops.h"

/* pixel size of a thumbnail of a page @w × @h (any unit) */
static void
thumb_size (int width_px, double max_height, double w, double h, int *out_w, int *out_h)
{
  double scale = width_px / w;

  if (h * scale > width_px * max_height)
    scale = width_px * max_height / h;
  *out_w = MAX (1, (int) lround (w * scale));
  *out_h = MAX (1, (int) lround (h * scale));
}

static PIX *
thumb_pdf (const char *path, int number, int width_px, double max_height, double *out_w, double *out_h,
           GError **error)
{
  PopplerDocument *pdf;
  PopplerPage *pp;
  cairo_surface_t *surface;
  cairo_t *cr;
  PIX *pix;
  double w, h;
  int pw, ph;

  /* kept open for the document's next thumbnail */
  if ((pdf = parse_ops_get_pdf (path, error)) == NULL)
    return NULL;
  pp = number <= poppler_document_get_n_pages (pdf) ? poppler_document_get_page (pdf, number - 1) : NULL;
  if (pp == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no page %d", number);
      return NULL;
    }
  poppler_page_get_size (pp, &w, &h);
  if (!(w > 0 && h > 0 && w < 1e6 && h < 1e6))
    {
      g_object_unref (pp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "page %d has no size", number);
      return NULL;
    }
  thumb_size (width_px, max_height, w, h, &pw, &ph);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pw, ph);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, pw / w, ph / h);
  poppler_page_render (pp, cr);
  cairo_destroy (cr);
  g_object_unref (pp);
  pix = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS ? ocr_pix_from_cairo (surface) : NULL;
  cairo_surface_destroy (surface);
  *out_w = w;
  *out_h = h;
  return pix;
}

static PIX *
thumb_image (const char *path, int number, int width_px, double max_height, int max_mp,
             double *out_w, double *out_h, GError **error)
{
  int format = IFF_UNKNOWN, w = 0, h = 0, bps = 0, spp = 0, cmap = 0, pw, ph;
  PIX *pix = NULL, *scaled = NULL, *rgb = NULL;

  if (findFileFormat (path, &format) != 0 ||
      (L_FORMAT_IS_TIFF (format) ? !ocr_tiff_page_size (path, number - 1, &w, &h)
       : number != 1 || pixReadHeader (path, &format, &w, &h, &bps, &spp, &cmap) != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no image header for page %d", number);
      return NULL;
    }
  /* pixel bombs are not decoded */
  if (w <= 0 || h <= 0 || (max_mp > 0 && (gint64) w * h > (gint64) max_mp * 1000000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%d×%d pixels", w, h);
      return NULL;
    }
  if (format == IFF_JFIF_JPEG)
    {
      /* libjpeg scales by 1/2, 1/4, 1/8 while decoding: a phone photo of
       * 12 megapixels need not be decoded whole for a thumbnail */
      int reduction = 1;

      while (reduction < 8 && w / (reduction * 2) >= width_px)
        reduction *= 2;
      pix = pixReadJpeg (path, 0, reduction, NULL, 0);
    }
  else
    pix = L_FORMAT_IS_TIFF (format) ? pixReadTiff (path, number - 1) : pixRead (path);
  if (pix != NULL)
    {
      /* the page's size is the scan's, at full resolution */
      *out_w = w;
      *out_h = h;
      thumb_size (width_px, max_height, pixGetWidth (pix), pixGetHeight (pix), &pw, &ph);
      scaled = pixScaleToSize (pix, pw, ph);
      rgb = scaled != NULL ? pixConvertTo32 (scaled) : NULL;
    }
  pixDestroy (&scaled);
  pixDestroy (&pix);
  if (rgb == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "damaged image data on page %d", number);
  return rgb;
}

GVariant *
parse_thumb (GVariantDict *args, GVariantDict *reply)
{
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  gboolean is_pdf = FALSE;
  gint32 number = 0, width_px = 240, max_mp = 200;
  double max_height = 1.6, w = 0, h = 0;
  PIX *pix;

  if (!g_variant_dict_lookup (args, "path", "&s", &path))
    {
      g_variant_dict_insert (reply, "error", "s", "no path");
      return g_variant_dict_end (reply);
    }
  g_variant_dict_lookup (args, "pdf", "b", &is_pdf);
  g_variant_dict_lookup (args, "page", "i", &number);
  g_variant_dict_lookup (args, "width-px", "i", &width_px);
  g_variant_dict_lookup (args, "max-height", "d", &max_height);
  g_variant_dict_lookup (args, "max-mp", "i", &max_mp);
  width_px = CLAMP (width_px, 16, 4000);
  max_height = CLAMP (max_height, 0.1, 10.0);
  if (number < 1)
    {
      g_variant_dict_insert (reply, "error", "s", "no page");
      return g_variant_dict_end (reply);
    }
  if (is_pdf)
    pix = thumb_pdf (path, number, width_px, max_height, &w, &h, &error);
  else
    pix = thumb_image (path, number, width_px, max_height, max_mp, &w, &h, &error);
  if (pix == NULL)
    {
      g_variant_dict_insert (reply, "error", "s", error != NULL ? error->message : "cannot draw");
      return g_variant_dict_end (reply);
    }
  parse_reply_add_image (reply, pix);
  g_variant_dict_insert (reply, "page-width", "d", w);
  g_variant_dict_insert (reply, "page-height", "d", h);
  return g_variant_dict_end (reply);
}
