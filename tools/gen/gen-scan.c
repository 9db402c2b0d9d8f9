/* The scan simulator: what the certification office's scanner makes of a
 * printed page. */

#include "gen-scan.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <math.h>
#include <stdio.h>
#include <jpeglib.h>
#include <setjmp.h>
#include <string.h>

typedef struct
{
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];
} JpegError;

static void
jpeg_error_exit (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;

  err->pub.format_message (cinfo, err->message);
  longjmp (err->jump, 1);
}

GBytes *
gen_jpeg_encode_grey (const guint8  *grey,
                      int            width,
                      int            height,
                      int            dpi,
                      int            quality,
                      GError       **error)
{
  return gen_jpeg_encode (grey, width, height, 1, dpi, quality, error);
}

GBytes *
gen_jpeg_encode (const guint8  *pixels,
                 int            width,
                 int            height,
                 int            components,
                 int            dpi,
                 int            quality,
                 GError       **error)
{
  struct jpeg_compress_struct cinfo;
  JpegError jerr;
  unsigned char *buffer = NULL;
  unsigned long size = 0;
  GBytes *bytes;

  memset (&cinfo, 0, sizeof cinfo);
  cinfo.err = jpeg_std_error (&jerr.pub);
  jerr.pub.error_exit = jpeg_error_exit;
  if (setjmp (jerr.jump))
    {
      jpeg_destroy_compress (&cinfo);
      free (buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot encode JPEG: %s", jerr.message);
      return NULL;
    }
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &buffer, &size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = components;
  cinfo.in_color_space = components == 3 ? JCS_RGB : JCS_GRAYSCALE;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  cinfo.density_unit = 1;
  cinfo.X_density = dpi;
  cinfo.Y_density = dpi;
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      JSAMPROW row = (JSAMPROW) (pixels + (gsize) cinfo.next_scanline * width * components);

      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  bytes = g_bytes_new (buffer, size);
  free (buffer);
  return bytes;
}

/* [1 2 1] separable blur: the scanner's optics */
static void
blur (guint8 *img,
      int     width,
      int     height)
{
  g_autofree guint8 *tmp = g_malloc ((gsize) width * height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        int l = img[y * width + MAX (x - 1, 0)];
        int c = img[y * width + x];
        int r = img[y * width + MIN (x + 1, width - 1)];

        tmp[y * width + x] = (guint8) ((l + 2 * c + r + 2) / 4);
      }
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        int u = tmp[MAX (y - 1, 0) * width + x];
        int c = tmp[y * width + x];
        int d = tmp[MIN (y + 1, height - 1) * width + x];

        img[y * width + x] = (guint8) ((u + 2 * c + d + 2) / 4);
      }
}

guint8 *
gen_scan_simulate (cairo_surface_t *page,
                   GenRng          *rng,
                   gboolean         sensor_noise)
{
  return gen_scan_simulate_full (page, rng, sensor_noise, 1.5, FALSE);
}

guint8 *
gen_scan_simulate_full (cairo_surface_t *page,
                        GenRng          *rng,
                        gboolean         sensor_noise,
                        double           max_angle,
                        gboolean         colour)
{
  int width = cairo_image_surface_get_width (page);
  int height = cairo_image_surface_get_height (page);
  cairo_surface_t *rotated;
  cairo_t *cr;
  g_autofree guint8 *grey = NULL;
  double angle = gen_rng_uniform (rng, -max_angle, max_angle) * G_PI / 180.0;
  int bpp = colour ? 3 : 1;
  double dx = gen_rng_uniform (rng, -12, 12), dy = gen_rng_uniform (rng, -10, 10);
  double paper = gen_rng_uniform (rng, 236, 246);
  double ink = gen_rng_uniform (rng, 18, 40);
  int shadow = (int) gen_rng_uniform (rng, 6, 22);
  const guint8 *data;
  int stride, n_specks;

  /* the sheet lies a little askew on the glass */
  rotated = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (rotated);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, width / 2.0 + dx, height / 2.0 + dy);
  cairo_rotate (cr, angle);
  cairo_translate (cr, -width / 2.0, -height / 2.0);
  cairo_set_source_surface (cr, page, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (rotated);

  grey = g_malloc ((gsize) width * height * bpp);
  data = cairo_image_surface_get_data (rotated);
  stride = cairo_image_surface_get_stride (rotated);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      /* uneven lighting from top to bottom */
      double light = 1.0 - 0.025 * ((double) y / height);

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];
          int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
          double v = (77 * r + 150 * g + 29 * b) / 256.0;
          double out = ink + (paper - ink) * v / 255.0;
          double shade = light;

          /* the scanner lid's shadow along the left edge */
          if (x < shadow)
            shade *= 0.55 + 0.45 * x / (double) shadow;
          if (colour)
            {
              /* the paper a little warm, the ink never quite black */
              const double tint[3] = { 1.0, 0.99, 0.955 };
              const int rgb[3] = { r, g, b };

              for (int c = 0; c < 3; c++)
                {
                  double o = (ink + (paper * tint[c] - ink) * rgb[c] / 255.0) * shade;

                  grey[((gsize) y * width + x) * 3 + c] = (guint8) CLAMP (o + 0.5, 0, 255);
                }
              continue;
            }
          out *= shade;
          grey[(gsize) y * width + x] = (guint8) CLAMP (out + 0.5, 0, 255);
        }
    }
  cairo_surface_destroy (rotated);

  /* dust and toner specks */
  n_specks = width * height / 30000;
  for (int i = 0; i < n_specks; i++)
    {
      int cx = (int) gen_rng_range (rng, width), cy = (int) gen_rng_range (rng, height);
      double rad = gen_rng_uniform (rng, 0.6, 2.2);
      int level = (int) gen_rng_uniform (rng, 30, 150);

      for (int y = MAX (0, cy - 3); y < MIN (height, cy + 4); y++)
        for (int x = MAX (0, cx - 3); x < MIN (width, cx + 4); x++)
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad)
            for (int c = 0; c < bpp; c++)
              {
                gsize k = ((gsize) y * width + x) * bpp + c;

                grey[k] = MIN (grey[k], level);
              }
    }
  if (colour)
    {
      g_autofree guint8 *plane = g_malloc ((gsize) width * height);

      for (int c = 0; c < 3; c++)
        {
          for (gsize i = 0; i < (gsize) width * height; i++)
            plane[i] = grey[i * 3 + c];
          blur (plane, width, height);
          for (gsize i = 0; i < (gsize) width * height; i++)
            grey[i * 3 + c] = plane[i];
        }
      return g_steal_pointer (&grey);
    }
  blur (grey, width, height);
  /* a little sensor noise, kept low so the JPEG stays small; lossless
   * formats would grow tenfold with it */
  for (gsize i = 0; sensor_noise && i < (gsize) width * height; i += 1 + gen_rng_range (rng, 3))
    {
      int v = grey[i] + (int) lround (gen_rng_normal (rng) * 2.0);

      grey[i] = (guint8) CLAMP (v, 0, 255);
    }

  return g_steal_pointer (&grey);
}

GBytes *
gen_scan_page_jpeg (cairo_surface_t *page,
                    GenRng          *rng,
                    int              dpi,
                    int              quality,
                    GError         **error)
{
  g_autofree guint8 *grey = gen_scan_simulate (page, rng, TRUE);

  return gen_jpeg_encode_grey (grey, cairo_image_surface_get_width (page),
                               cairo_image_surface_get_height (page), dpi, quality, error);
}

cairo_surface_t *
gen_doc_render_image (GenDoc *doc,
                      guint   page,
                      int     dpi)
{
  double page_w, page_h;
  int width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  gen_doc_get_size (doc, &page_w, &page_h);
  width = (int) lround (page_w * dpi / 72.0);
  height = (int) lround (page_h * dpi / 72.0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);

  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  gen_doc_render_page (doc, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

GBytes *
gen_scan_doc_page_jpeg (GenDoc  *doc,
                        guint    page,
                        GenRng  *rng,
                        GError **error)
{
  cairo_surface_t *image = gen_doc_render_image (doc, page, GEN_SCAN_DPI);
  GBytes *jpeg = gen_scan_page_jpeg (image, rng, GEN_SCAN_DPI, 75, error);

  cairo_surface_destroy (image);
  return jpeg;
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
gen_scan_doc_pdf (GenDoc  *doc,
                  GenRng  *rng,
                  GError **error)
{
  const GenScanParams params = GEN_SCAN_PARAMS_DEFAULT;

  return gen_scan_doc_pdf_full (doc, rng, &params, error);
}

GBytes *
gen_scan_doc_page_jpeg_full (GenDoc              *doc,
                             guint                page,
                             GenRng              *rng,
                             const GenScanParams *params,
                             GError             **error)
{
  cairo_surface_t *image = gen_doc_render_image (doc, page, params->dpi);
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  g_autofree guint8 *pixels = gen_scan_simulate_full (image, rng, TRUE, params->max_angle,
                                                      params->colour);

  cairo_surface_destroy (image);
  return gen_jpeg_encode (pixels, width, height, params->colour ? 3 : 1, params->dpi,
                          params->quality, error);
}

GBytes *
gen_scan_doc_pdf_full (GenDoc              *doc,
                       GenRng              *rng,
                       const GenScanParams *params,
                       GError             **error)
{
  const GenDocSpec *spec = gen_doc_get_spec (doc);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n = gen_doc_get_n_pages (doc);
  double page_w, page_h;

  gen_doc_get_size (doc, &page_w, &page_h);
  surface = cairo_pdf_surface_create_for_stream (append_bytes, out, page_w, page_h);
  /* a scanner knows no title */
  gen_pdf_set_metadata (surface, NULL, NULL, spec->pdf_date);
  cr = cairo_create (surface);
  for (guint page = 1; page <= n; page++)
    {
      g_autofree char *label = g_strdup_printf ("scan-page-%u", page);
      GenRng page_rng = gen_rng_fork (rng, label);
      g_autoptr(GBytes) jpeg = gen_scan_doc_page_jpeg_full (doc, page, &page_rng, params, error);
      cairo_surface_t *image;
      int width = (int) lround (page_w * params->dpi / 72.0);
      int height = (int) lround (page_h * params->dpi / 72.0);

      if (jpeg == NULL)
        {
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          return NULL;
        }
      /* cairo embeds the JPEG as is (DCTDecode); the pixels are never used */
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG,
                                   g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                                   (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (jpeg));
      cairo_save (cr);
      cairo_scale (cr, 72.0 / params->dpi, 72.0 / params->dpi);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (image);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write PDF of '%s': %s",
                   spec->filename, cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A page photographed with a phone on a desk: the sheet smaller than the
 * frame, turned and sheared a little, lit from one side, in colour. */
GBytes *
gen_photo_page_jpeg (GenDoc  *doc,
                     guint    page,
                     GenRng  *rng,
                     GError **error)
{
  const int width = 1512, height = 2016;     /* a 3:4 phone photo */
  cairo_surface_t *sheet = gen_doc_render_image (doc, page, 150);
  cairo_surface_t *photo = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (photo);
  cairo_matrix_t shear;
  cairo_pattern_t *light;
  double sw = cairo_image_surface_get_width (sheet), sh = cairo_image_surface_get_height (sheet);
  double scale = 0.92 * MIN (width / sw, height / sh);
  double angle = gen_rng_uniform (rng, -3.5, 3.5) * G_PI / 180.0;
  g_autofree guint8 *rgb = g_malloc ((gsize) width * height * 3);
  const guint8 *data;
  int stride;

  /* the desk */
  cairo_set_source_rgb (cr, 0.42, 0.33, 0.25);
  cairo_paint (cr);
  cairo_translate (cr, width / 2.0 + gen_rng_uniform (rng, -20, 20),
                   height / 2.0 + gen_rng_uniform (rng, -20, 20));
  cairo_rotate (cr, angle);
  cairo_matrix_init (&shear, 1, gen_rng_uniform (rng, -0.015, 0.015),
                     gen_rng_uniform (rng, -0.03, 0.03), 1, 0, 0);
  cairo_transform (cr, &shear);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -sw / 2, -sh / 2);
  /* the sheet's shadow, then the sheet */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_rectangle (cr, 8, 10, sw, sh);
  cairo_fill (cr);
  cairo_set_source_surface (cr, sheet, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_identity_matrix (cr);
  /* light from the top left, falling off to the bottom right */
  light = cairo_pattern_create_linear (0, 0, width, height);
  cairo_pattern_add_color_stop_rgba (light, 0, 1, 0.98, 0.9, 0.10);
  cairo_pattern_add_color_stop_rgba (light, 1, 0.1, 0.1, 0.2, 0.30);
  cairo_set_source (cr, light);
  cairo_paint (cr);
  cairo_pattern_destroy (light);
  cairo_destroy (cr);
  cairo_surface_destroy (sheet);
  cairo_surface_flush (photo);

  data = cairo_image_surface_get_data (photo);
  stride = cairo_image_surface_get_stride (photo);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          guint8 *out = rgb + ((gsize) y * width + x) * 3;
          int noise = (int) lround (gen_rng_normal (rng) * 3.0);

          out[0] = (guint8) CLAMP ((int) ((row[x] >> 16) & 0xff) + noise, 0, 255);
          out[1] = (guint8) CLAMP ((int) ((row[x] >> 8) & 0xff) + noise, 0, 255);
          out[2] = (guint8) CLAMP ((int) (row[x] & 0xff) + noise, 0, 255);
        }
    }
  cairo_surface_destroy (photo);
  return gen_jpeg_encode (rgb, width, height, 3, 72, 82, error);
}
