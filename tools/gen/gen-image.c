/* Image files: multi-page TIFF with libtiff, PNG with cairo. */

#include "gen-image.h"

#include <gio/gio.h>
#include <tiffio.h>

gboolean
gen_tiff_write_grey (const char    *path,
                     guint8 *const *pages,
                     guint          n_pages,
                     int            width,
                     int            height,
                     int            dpi,
                     GError       **error)
{
  TIFF *tif = TIFFOpen (path, "w");

  if (tif == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create TIFF '%s'", path);
      return FALSE;
    }
  for (guint p = 0; p < n_pages; p++)
    {
      TIFFSetField (tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
      TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (uint32_t) width);
      TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (uint32_t) height);
      TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, 8);
      TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, 1);
      TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
      TIFFSetField (tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
      TIFFSetField (tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
      TIFFSetField (tif, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
      TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, 64);
      TIFFSetField (tif, TIFFTAG_XRESOLUTION, (float) dpi);
      TIFFSetField (tif, TIFFTAG_YRESOLUTION, (float) dpi);
      TIFFSetField (tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
      TIFFSetField (tif, TIFFTAG_PAGENUMBER, (uint16_t) p, (uint16_t) n_pages);
      for (int y = 0; y < height; y++)
        if (TIFFWriteScanline (tif, pages[p] + (gsize) y * width, (uint32_t) y, 0) < 0)
          {
            TIFFClose (tif);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "cannot write page %u of TIFF '%s'", p + 1, path);
            return FALSE;
          }
      if (!TIFFWriteDirectory (tif))
        {
          TIFFClose (tif);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "cannot write page %u of TIFF '%s'", p + 1, path);
          return FALSE;
        }
    }
  TIFFClose (tif);
  return TRUE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
gen_png_bytes (cairo_surface_t  *surface,
               GError          **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  cairo_status_t status = cairo_surface_write_to_png_stream (surface, append_bytes, out);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot encode PNG: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
