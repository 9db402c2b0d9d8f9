/* shinsa — thumbnails of the pages a report cites, as PNG data: URIs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PDF pages are rendered with poppler into a cairo surface; scanned images
 * (TIFF pages, PNG, JPEG…) are read with Leptonica, as the extract stage
 * reads them, and scaled down.  Only requested pages are drawn, each once.
 */
#include <math.h>
#include <string.h>

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <tiffio.h>

#include "report.h"

/* a scan larger than this is not decoded for a thumbnail (pixel bombs) */
#define MAX_IMAGE_PIXELS (200 * 1000 * 1000)
/* thumbnails are at most this tall, whatever the page's shape */
#define MAX_HEIGHT_FACTOR 1.6

typedef struct {
  char *path;
  int page;
  int index;
  ReportThumb *thumb;
} Request;

struct _ReportThumbs {
  int width_px;
  guint max_thumbs;
  GMutex lock;
  GPtrArray *requests;          /* Request*, in request order */
  GHashTable *by_key;           /* "path\npage" → Request* */
};

static void
thumb_free (ReportThumb *thumb)
{
  if (thumb == NULL)
    return;
  g_free (thumb->data_uri);
  g_free (thumb);
}

static void
request_free (Request *r)
{
  g_free (r->path);
  thumb_free (r->thumb);
  g_free (r);
}

static char *
make_key (const char *path, int page)
{
  return g_strdup_printf ("%s\n%d", path, page);
}

ReportThumbs *
report_thumbs_new (int width_px, guint max_thumbs)
{
  ReportThumbs *t = g_new0 (ReportThumbs, 1);

  t->width_px = CLAMP (width_px, 64, 2000);
  t->max_thumbs = max_thumbs;
  g_mutex_init (&t->lock);
  t->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  t->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return t;
}

void
report_thumbs_free (ReportThumbs *thumbs)
{
  if (thumbs == NULL)
    return;
  g_hash_table_unref (thumbs->by_key);
  g_ptr_array_unref (thumbs->requests);
  g_mutex_clear (&thumbs->lock);
  g_free (thumbs);
}

static Request *
find_request (ReportThumbs *thumbs, const char *path, int page)
{
  g_autofree char *key = NULL;

  if (path == NULL || page < 1)
    return NULL;
  key = make_key (path, page);
  return g_hash_table_lookup (thumbs->by_key, key);
}

void
report_thumbs_request (ReportThumbs *thumbs, const char *path, int page)
{
  Request *r;

  g_return_if_fail (thumbs != NULL);
  if (path == NULL || page < 1 || find_request (thumbs, path, page) != NULL)
    return;
  if (thumbs->max_thumbs > 0 && thumbs->requests->len >= thumbs->max_thumbs)
    return;
  r = g_new0 (Request, 1);
  r->path = g_strdup (path);
  r->page = page;
  r->index = thumbs->requests->len;
  g_ptr_array_add (thumbs->requests, r);
  g_hash_table_insert (thumbs->by_key, make_key (path, page), r);
}

guint
report_thumbs_count_requests (ReportThumbs *thumbs)
{
  return thumbs->requests->len;
}

int
report_thumbs_index (ReportThumbs *thumbs, const char *path, int page)
{
  Request *r = thumbs != NULL ? find_request (thumbs, path, page) : NULL;
  return r != NULL ? r->index : -1;
}

const ReportThumb *
report_thumbs_get (ReportThumbs *thumbs, int index, const char **out_path, int *out_page)
{
  Request *r;

  if (thumbs == NULL || index < 0 || (guint) index >= thumbs->requests->len)
    return NULL;
  r = g_ptr_array_index (thumbs->requests, index);
  *out_path = r->path;
  *out_page = r->page;
  return r->thumb;
}

const ReportThumb *
report_thumbs_lookup (ReportThumbs *thumbs, const char *path, int page)
{
  Request *r = thumbs != NULL ? find_request (thumbs, path, page) : NULL;
  return r != NULL ? r->thumb : NULL;
}

void
report_thumbs_insert (ReportThumbs *thumbs, const char *path, int page, ReportThumb *thumb)
{
  Request *r;

  g_return_if_fail (thumbs != NULL && thumb != NULL);
  report_thumbs_request (thumbs, path, page);
  r = find_request (thumbs, path, page);
  if (r == NULL)
    {
      thumb_free (thumb);
      return;
    }
  thumb_free (r->thumb);
  r->thumb = thumb;
}

static void
request_pages (ReportThumbs *thumbs, JsonObject *root, const char *document, const char *path,
               JsonArray *pages)
{
  const char *resolved = report_resolve_path (root, document, path);

  for (guint i = 0; pages != NULL && i < json_array_get_length (pages); i++)
    report_thumbs_request (thumbs, resolved, (int) json_array_get_int_element (pages, i));
}

void
report_thumbs_request_from_report (ReportThumbs *thumbs, JsonObject *root)
{
  JsonArray *items = report_json_array (root, "items");
  JsonArray *findings = report_json_array (root, "findings");

  /* citations first, in form order: the gallery follows the items table */
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray *cites = item != NULL ? report_json_array (item, "citations") : NULL;

      for (guint j = 0; cites != NULL && j < json_array_get_length (cites); j++)
        {
          JsonObject *c = json_array_get_object_element (cites, j);
          JsonObject *found;

          if (c == NULL)
            continue;
          request_pages (thumbs, root, report_json_string (c, "document"),
                         report_json_string (c, "path"), report_json_array (c, "pages"));
          found = report_json_object (c, "found_on");
          if (found != NULL)
            report_thumbs_request (thumbs,
                                   report_resolve_path (root, report_json_string (found, "document"),
                                                        report_json_string (found, "path")),
                                   (int) report_json_int (found, "page", 0));
        }
    }
  for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (f != NULL)
        report_thumbs_request (thumbs,
                               report_resolve_path (root, report_json_string (f, "document"),
                                                    report_json_string (f, "path")),
                               report_finding_page (root, f));
    }
}

/* ---- drawing ------------------------------------------------------------ */

/* a pixel counts as colour when its channels differ by more than this */
#define COLOUR_SPREAD 40
/* a page is drawn in colour when more than 1/this of its pixels are colour */
#define COLOUR_SHARE 2000

/* PNG bytes of @surface: most pages are black on white, and 16 grey levels
 * keep anti-aliased text legible at a quarter of the bytes of RGB; a page
 * with colour on it (red marking, stamps, photos) stays RGB */
static gboolean
encode_png (cairo_surface_t *surface, guint8 **out_data, size_t *out_size)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const unsigned char *data = cairo_image_surface_get_data (surface);
  PIX *rgb = pixCreate (w, h, 32);
  PIX *grey = NULL, *levels = NULL;
  l_uint32 *dst;
  int wpl;
  gint64 colour = 0;
  gboolean ok;

  if (rgb == NULL)
    return FALSE;
  pixSetSpp (rgb, 3);
  dst = pixGetData (rgb);
  wpl = pixGetWpl (rgb);
  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      for (int x = 0; x < w; x++)
        {
          guint32 v = row[x];
          int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;

          if (MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > COLOUR_SPREAD)
            colour++;
          /* cairo keeps 0x00RRGGBB in a native word, Leptonica 0xRRGGBBAA */
          dst[(gsize) y * wpl + x] = (v << 8) | 0xff;
        }
    }
  if (colour * COLOUR_SHARE > (gint64) w * h)
    ok = pixWriteMemPng (out_data, out_size, rgb, 0.0) == 0;
  else
    {
      grey = pixConvertRGBToLuminance (rgb);
      levels = grey != NULL ? pixThresholdTo4bpp (grey, 16, 0) : NULL;
      ok = levels != NULL && pixWriteMemPng (out_data, out_size, levels, 0.0) == 0;
    }
  pixDestroy (&levels);
  pixDestroy (&grey);
  pixDestroy (&rgb);
  return ok;
}

/* (transfer full) (nullable) */
static ReportThumb *
thumb_from_surface (cairo_surface_t *surface, double page_width, double page_height)
{
  guint8 *png = NULL;
  size_t len = 0;
  g_autofree char *b64 = NULL;
  ReportThumb *thumb;

  cairo_surface_flush (surface);
  if (!encode_png (surface, &png, &len))
    return NULL;
  b64 = g_base64_encode (png, len);
  lept_free (png);
  thumb = g_new0 (ReportThumb, 1);
  thumb->data_uri = g_strconcat ("data:image/png;base64,", b64, NULL);
  thumb->width = cairo_image_surface_get_width (surface);
  thumb->height = cairo_image_surface_get_height (surface);
  thumb->page_width = page_width;
  thumb->page_height = page_height;
  return thumb;
}

/* pixel size of a thumbnail of a page @w × @h (any unit) */
static void
thumb_size (const ReportThumbs *thumbs, double w, double h, int *out_w, int *out_h)
{
  double scale = thumbs->width_px / w;

  if (h * scale > thumbs->width_px * MAX_HEIGHT_FACTOR)
    scale = thumbs->width_px * MAX_HEIGHT_FACTOR / h;
  *out_w = MAX (1, (int) lround (w * scale));
  *out_h = MAX (1, (int) lround (h * scale));
}

static ReportThumb *
render_pdf_page (ReportThumbs *thumbs, PopplerDocument *pdf, int number, ShinsaPage *page)
{
  PopplerPage *pp;
  cairo_surface_t *surface;
  cairo_t *cr;
  ReportThumb *thumb;
  double w, h;
  int pw, ph;

  if (number > poppler_document_get_n_pages (pdf))
    return NULL;
  pp = poppler_document_get_page (pdf, number - 1);
  if (pp == NULL)
    return NULL;
  poppler_page_get_size (pp, &w, &h);
  if (w <= 0 || h <= 0)
    {
      g_object_unref (pp);
      return NULL;
    }
  thumb_size (thumbs, w, h, &pw, &ph);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pw, ph);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, pw / w, ph / h);
  poppler_page_render (pp, cr);
  cairo_destroy (cr);
  g_object_unref (pp);
  /* the boxes are in the extracted page's units, which may differ from
   * poppler's size when the extract stage measured the page itself */
  thumb = thumb_from_surface (surface, page != NULL && page->width > 0 ? page->width : w,
                              page != NULL && page->height > 0 ? page->height : h);
  cairo_surface_destroy (surface);
  return thumb;
}

static int
tiff_quiet (TIFF *tif, void *user_data, const char *module, const char *fmt, va_list ap)
{
  /* a damaged scan is the extract stage's finding; 1: handled */
  return 1;
}

/* the size of page @number (1-based) of a TIFF, read from its directory alone
 * (Leptonica's readHeaderTiff leaks the TIFF handle) */
static gboolean
tiff_page_size (const char *path, int number, int *out_w, int *out_h)
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
  ok = TIFFSetDirectory (tif, (tdir_t) (number - 1)) &&
       TIFFGetField (tif, TIFFTAG_IMAGEWIDTH, &w) && TIFFGetField (tif, TIFFTAG_IMAGELENGTH, &h) &&
       w > 0 && h > 0 && w <= G_MAXINT && h <= G_MAXINT;
  TIFFClose (tif);
  *out_w = (int) w;
  *out_h = (int) h;
  return ok;
}

static ReportThumb *
render_image_page (ReportThumbs *thumbs, const char *local_path, int number, ShinsaPage *page)
{
  int format = IFF_UNKNOWN, w = 0, h = 0, bps = 0, spp = 0, cmap = 0, pw, ph;
  PIX *pix = NULL, *scaled = NULL, *rgb = NULL;
  cairo_surface_t *surface = NULL;
  ReportThumb *thumb = NULL;
  double page_w, page_h;

  if (findFileFormat (local_path, &format) != 0)
    return NULL;
  if (L_FORMAT_IS_TIFF (format))
    {
      if (!tiff_page_size (local_path, number, &w, &h))
        return NULL;
    }
  else if (number != 1 || pixReadHeader (local_path, &format, &w, &h, &bps, &spp, &cmap) != 0)
    return NULL;
  if (w <= 0 || h <= 0 || (gint64) w * h > MAX_IMAGE_PIXELS)
    return NULL;
  if (format == IFF_JFIF_JPEG)
    {
      /* libjpeg scales by 1/2, 1/4, 1/8 while decoding: a phone photo of
       * 12 megapixels need not be decoded whole for a thumbnail */
      int reduction = 1;

      while (reduction < 8 && w / (reduction * 2) >= thumbs->width_px)
        reduction *= 2;
      pix = pixReadJpeg (local_path, 0, reduction, NULL, 0);
    }
  else
    pix = L_FORMAT_IS_TIFF (format) ? pixReadTiff (local_path, number - 1) : pixRead (local_path);
  if (pix == NULL)
    goto out;
  w = pixGetWidth (pix);
  h = pixGetHeight (pix);
  thumb_size (thumbs, w, h, &pw, &ph);
  scaled = pixScaleToSize (pix, pw, ph);
  if (scaled == NULL)
    goto out;
  rgb = pixConvertTo32 (scaled);
  if (rgb == NULL)
    goto out;
  pw = pixGetWidth (rgb);
  ph = pixGetHeight (rgb);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pw, ph);
  {
    unsigned char *data = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);
    l_uint32 *src = pixGetData (rgb);
    int wpl = pixGetWpl (rgb);

    cairo_surface_flush (surface);
    for (int y = 0; y < ph; y++)
      {
        guint32 *row = (guint32 *) (data + (gsize) y * stride);
        for (int x = 0; x < pw; x++)
          /* Leptonica keeps 0xRRGGBBAA in a native word, cairo 0x00RRGGBB */
          row[x] = src[(gsize) y * wpl + x] >> 8;
      }
    cairo_surface_mark_dirty (surface);
  }
  /* scans measure their pages in points from the image's resolution, as
   * the extract stage does; without it the boxes would not fit */
  page_w = page != NULL && page->width > 0 ? page->width : w;
  page_h = page != NULL && page->height > 0 ? page->height : h;
  thumb = thumb_from_surface (surface, page_w, page_h);

out:
  if (surface != NULL)
    cairo_surface_destroy (surface);
  pixDestroy (&rgb);
  pixDestroy (&scaled);
  pixDestroy (&pix);
  return thumb;
}

typedef struct {
  ReportThumbs *thumbs;
  GPtrArray *jobs;              /* Job* */
  guint rendered;
} RenderRun;

typedef struct {
  ShinsaDocument *doc;
  GPtrArray *requests;          /* Request* (transfer none) of this document */
} Job;

static void
job_free (Job *job)
{
  g_ptr_array_unref (job->requests);
  g_free (job);
}

static void
render_job (ShinsaContext *ctx, guint index, gpointer user_data)
{
  RenderRun *run = user_data;
  Job *job = g_ptr_array_index (run->jobs, index);
  const char *local = shinsa_document_get_local_path (job->doc);
  const char *media = shinsa_document_get_media_type (job->doc);
  PopplerDocument *pdf = NULL;
  guint n = 0;

  (void) ctx;
  if (g_strcmp0 (media, "application/pdf") == 0)
    {
      g_autoptr(GError) error = NULL;
      /* poppler wants a URI, and a URI wants an absolute path */
      g_autofree char *absolute = g_canonicalize_filename (local, NULL);
      g_autofree char *uri = g_filename_to_uri (absolute, NULL, &error);

      if (uri == NULL || (pdf = poppler_document_new_from_file (uri, NULL, &error)) == NULL)
        {
          g_debug ("no thumbnails of '%s': %s", shinsa_document_get_path (job->doc),
                   error != NULL ? error->message : "cannot open");
          return;
        }
    }
  else if (media == NULL || !g_str_has_prefix (media, "image/"))
    return;

  for (guint i = 0; i < job->requests->len; i++)
    {
      Request *r = g_ptr_array_index (job->requests, i);
      ShinsaPage *page = shinsa_document_get_page (job->doc, r->page);
      ReportThumb *thumb = pdf != NULL ? render_pdf_page (run->thumbs, pdf, r->page, page)
                                       : render_image_page (run->thumbs, local, r->page, page);
      if (thumb == NULL)
        continue;
      /* each request belongs to one job: no other thread writes it */
      r->thumb = thumb;
      n++;
    }
  g_clear_object (&pdf);
  g_mutex_lock (&run->thumbs->lock);
  run->rendered += n;
  g_mutex_unlock (&run->thumbs->lock);
}

guint
report_thumbs_render (ReportThumbs *thumbs, GPtrArray *documents, ShinsaContext *ctx)
{
  g_autoptr(GHashTable) by_path = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) jobs_by_doc = g_hash_table_new (NULL, NULL);
  RenderRun run = { thumbs, g_ptr_array_new_with_free_func ((GDestroyNotify) job_free), 0 };
  static gsize quiet = 0;

  g_return_val_if_fail (thumbs != NULL, 0);
  if (g_once_init_enter (&quiet))
    {
      /* a damaged scan is reported by the extract stage, not on stderr */
      setMsgSeverity (L_SEVERITY_NONE);
      g_once_init_leave (&quiet, 1);
    }

  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (documents, i);
      g_hash_table_insert (by_path, (gpointer) shinsa_document_get_path (doc), doc);
    }
  for (guint i = 0; i < thumbs->requests->len; i++)
    {
      Request *r = g_ptr_array_index (thumbs->requests, i);
      ShinsaDocument *doc = g_hash_table_lookup (by_path, r->path);
      ShinsaDocumentStatus status;
      Job *job;

      if (doc == NULL || r->thumb != NULL)
        continue;
      status = shinsa_document_get_status (doc);
      if (status == SHINSA_DOCUMENT_STATUS_ENCRYPTED || status == SHINSA_DOCUMENT_STATUS_UNREADABLE)
        continue;
      job = g_hash_table_lookup (jobs_by_doc, doc);
      if (job == NULL)
        {
          job = g_new0 (Job, 1);
          job->doc = doc;
          job->requests = g_ptr_array_new ();
          g_hash_table_insert (jobs_by_doc, doc, job);
          g_ptr_array_add (run.jobs, job);
        }
      g_ptr_array_add (job->requests, r);
    }

  if (ctx != NULL)
    shinsa_context_parallel_for (ctx, run.jobs->len, render_job, &run);
  else
    for (guint i = 0; i < run.jobs->len; i++)
      render_job (NULL, i, &run);
  g_ptr_array_unref (run.jobs);
  return run.rendered;
}
