/* shinsa — thumbnails of the pages a report cites, as PNG data: URIs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The parser process draws them (plugins/extract/parse-thumb.c): PDF pages
 * rendered with poppler, scanned images (TIFF pages, PNG, JPEG…) read with
 * Leptonica and scaled down.  Here they only become PNG.  Only requested
 * pages are drawn, each once.
 */
#include <stdio.h>
#include <string.h>

#include <leptonica/allheaders.h>

#include "report.h"

/* a scan larger than this is not decoded for a thumbnail (pixel bombs) */
#define MAX_IMAGE_PIXELS (200 * 1000 * 1000)
/* thumbnails are at most this tall, whatever the page's shape */
#define MAX_HEIGHT_FACTOR 1.6
/* drawing one page small may take this long in the parser process */
#define THUMB_TIMEOUT_MS (60 * 1000)


typedef struct {
  char *path;
  int page;
  int index;
  ReportThumb *thumb;
} Request;

struct _ReportThumbs {
  int width_px;
  guint max_thumbs;
  char *cache_dir;              /* (nullable): thumbnails drawn before, by document sha256 */
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
  g_free (thumbs->cache_dir);
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

/* PNG bytes of @pix (32 bpp): most pages are black on white, and 16 grey
 * levels keep anti-aliased text legible at a quarter of the bytes of RGB; a
 * page with colour on it (red marking, stamps, photos) stays RGB */
static gboolean
encode_png (PIX *pix, guint8 **out_data, size_t *out_size)
{
  int w = pixGetWidth (pix), h = pixGetHeight (pix), wpl = pixGetWpl (pix);
  const l_uint32 *data = pixGetData (pix);
  PIX *grey = NULL, *levels = NULL;
  gint64 colour = 0;
  gboolean ok;

  pixSetSpp (pix, 3);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        /* Leptonica keeps 0xRRGGBBAA in a native word */
        guint32 v = data[(gsize) y * wpl + x];
        int r = (v >> 24) & 0xff, g = (v >> 16) & 0xff, b = (v >> 8) & 0xff;

        if (MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > COLOUR_SPREAD)
          colour++;
      }
  if (colour * COLOUR_SHARE > (gint64) w * h)
    ok = pixWriteMemPng (out_data, out_size, pix, 0.0) == 0;
  else
    {
      grey = pixConvertRGBToLuminance (pix);
      levels = grey != NULL ? pixThresholdTo4bpp (grey, 16, 0) : NULL;
      ok = levels != NULL && pixWriteMemPng (out_data, out_size, levels, 0.0) == 0;
    }
  pixDestroy (&levels);
  pixDestroy (&grey);
  return ok;
}

/* (transfer full) (nullable): the 32 bpp thumbnail the parser sent, when it
 * is one and no larger than asked; @payload (transfer full) its words,
 * taken over uncopied */
static PIX *
report_pix_from_image (GVariant *info, GBytes *payload, int width_px)
{
  g_autoptr(GBytes) bytes = payload;
  ShinsaParserImage img;
  gsize size = 0;
  PIX *pix;

  if (bytes == NULL || !shinsa_parser_image_parse (info, g_bytes_get_size (bytes), &img) || img.depth != 32 ||
      img.width > (guint) width_px + 1 || img.height > (guint) (width_px * MAX_HEIGHT_FACTOR) + 1)
    return NULL;
  pix = pixCreateHeader ((int) img.width, (int) img.height, 32);
  if (pix == NULL || (guint) pixGetWpl (pix) != img.wpl)
    {
      pixDestroy (&pix);
      return NULL;
    }
  /* g_malloc'd words, which Leptonica frees with free() */
  pixSetData (pix, g_bytes_unref_to_data (g_steal_pointer (&bytes), &size));
  return pix;
}

/* (transfer full) */
static ReportThumb *
thumb_from_png (const guint8 *png, gsize len, int width, int height, double page_width, double page_height)
{
  g_autofree char *b64 = g_base64_encode (png, len);
  ReportThumb *thumb = g_new0 (ReportThumb, 1);

  thumb->data_uri = g_strconcat ("data:image/png;base64,", b64, NULL);
  thumb->width = width;
  thumb->height = height;
  thumb->page_width = page_width;
  thumb->page_height = page_height;
  return thumb;
}

/* ---- the thumbnail cache ----------------------------------------------------
 *
 * A re-run of a batch draws nothing again: each thumbnail's PNG is kept
 * under $XDG_CACHE_HOME/shinsa/thumbs (folder 0700, files 0600, as the page
 * cache), named by the sha256 of the document's sha256, the page, the size
 * and THUMB_VERSION.  A file is "SHINSA-THUMB 1\n" and one line of page
 * width, page height, pixel width and height, then the PNG; one that does
 * not read so is drawn again. */

#define THUMB_VERSION  "1"
#define THUMB_MAGIC    "SHINSA-THUMB " THUMB_VERSION "\n"

void
report_thumbs_set_cache (ReportThumbs *thumbs, const char *dir)
{
  g_return_if_fail (thumbs != NULL);
  g_free (thumbs->cache_dir);
  thumbs->cache_dir = g_strdup (dir);
}

static char *
cache_path (ReportThumbs *thumbs, ShinsaDocument *doc, int number)
{
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  const char *sha = shinsa_document_get_sha256 (doc);

  if (thumbs->cache_dir == NULL || sha == NULL)
    return NULL;
  key = g_strdup_printf ("thumb %s\n%s\n%d\n%d\n%.3f", THUMB_VERSION, sha, number, thumbs->width_px,
                         MAX_HEIGHT_FACTOR);
  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  return g_build_filename (thumbs->cache_dir, name, NULL);
}

static ReportThumb *
cache_lookup (const char *path, ShinsaPage *page)
{
  g_autofree char *data = NULL;
  gsize len = 0, magic = strlen (THUMB_MAGIC);
  const char *line, *eol, *png;
  double pw, ph;
  int w, h;

  if (path == NULL || !g_file_get_contents (path, &data, &len, NULL) || len < magic ||
      memcmp (data, THUMB_MAGIC, magic) != 0)
    return NULL;
  line = data + magic;
  eol = memchr (line, '\n', len - magic);
  if (eol == NULL)
    return NULL;
  png = eol + 1;
  if (sscanf (line, "%lf %lf %d %d", &pw, &ph, &w, &h) != 4 || w <= 0 || h <= 0 ||
      (gsize) (data + len - png) < 8 || memcmp (png, "\x89PNG\r\n\x1a\n", 8) != 0)
    return NULL;
  return thumb_from_png ((const guint8 *) png, (gsize) (data + len - png), w, h,
                         page != NULL && page->width > 0 ? page->width : pw,
                         page != NULL && page->height > 0 ? page->height : ph);
}

static void
cache_store (ReportThumbs *thumbs, const char *path, const guint8 *png, gsize len, int w, int h,
             double page_width, double page_height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = NULL;
  char pw[G_ASCII_DTOSTR_BUF_SIZE], ph[G_ASCII_DTOSTR_BUF_SIZE];

  if (path == NULL || !shinsa_mkdir_private (thumbs->cache_dir, &error))
    return;
  data = g_string_new (THUMB_MAGIC);
  g_string_append_printf (data, "%s %s %d %d\n", g_ascii_dtostr (pw, sizeof pw, page_width),
                          g_ascii_dtostr (ph, sizeof ph, page_height), w, h);
  g_string_append_len (data, (const char *) png, (gssize) len);
  /* a report without the cache is slower, not wrong */
  if (!shinsa_write_file_atomic (path, data->str, (gssize) data->len, &error))
    g_debug ("thumbnail not cached: %s", error->message);
}

/* A page drawn small by the thread's parser process (poppler and Leptonica
 * never open a document in this process), or NULL */
static ReportThumb *
render_page (ReportThumbs *thumbs, ShinsaDocument *doc, gboolean is_pdf, int number, ShinsaPage *page,
             GCancellable *cancellable)
{
  g_auto(GVariantDict) req = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) image = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  const char *message = NULL;
  double w = 0, h = 0;
  g_autofree char *cached = cache_path (thumbs, doc, number);
  ReportThumb *thumb;
  guint8 *png = NULL;
  size_t len = 0;
  PIX *pix;

  thumb = cache_lookup (cached, page);
  if (thumb != NULL)
    return thumb;
  g_variant_dict_insert (&req, "op", "s", "thumb");
  g_variant_dict_insert (&req, "path", "s", shinsa_document_get_local_path (doc));
  g_variant_dict_insert (&req, "pdf", "b", is_pdf);
  g_variant_dict_insert (&req, "page", "i", number);
  g_variant_dict_insert (&req, "width-px", "i", thumbs->width_px);
  g_variant_dict_insert (&req, "max-height", "d", MAX_HEIGHT_FACTOR);
  g_variant_dict_insert (&req, "max-mp", "i", MAX_IMAGE_PIXELS / 1000000);
  reply = shinsa_parser_call_full (shinsa_parser_get_for_thread (), g_variant_dict_end (&req),
                                   THUMB_TIMEOUT_MS, cancellable, &payload, &error);
  if (reply == NULL || g_variant_lookup (reply, "error", "&s", &message))
    {
      /* the extract stage has said what is wrong with the document */
      g_debug ("no thumbnail of page %d of '%s': %s", number, shinsa_document_get_path (doc),
               error != NULL ? error->message : message);
      return NULL;
    }
  image = g_variant_lookup_value (reply, "image", G_VARIANT_TYPE (SHINSA_PARSER_IMAGE_TYPE));
  g_variant_lookup (reply, "page-width", "d", &w);
  g_variant_lookup (reply, "page-height", "d", &h);
  pix = report_pix_from_image (image, g_steal_pointer (&payload), thumbs->width_px);
  if (pix == NULL)
    return NULL;
  /* the boxes are in the extracted page's units: PDF points, or for a scan
   * points from its resolution, as the extract stage measured it */
  if (page != NULL && page->width > 0 && page->height > 0)
    {
      w = page->width;
      h = page->height;
    }
  if (!encode_png (pix, &png, &len))
    {
      pixDestroy (&pix);
      return NULL;
    }
  thumb = thumb_from_png (png, len, pixGetWidth (pix), pixGetHeight (pix), w, h);
  cache_store (thumbs, cached, png, len, pixGetWidth (pix), pixGetHeight (pix), w, h);
  lept_free (png);
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
  const char *media = shinsa_document_get_media_type (job->doc);
  GCancellable *cancellable = ctx != NULL ? shinsa_context_get_cancellable (ctx) : NULL;
  gboolean is_pdf = g_strcmp0 (media, "application/pdf") == 0;
  guint n = 0;

  if (!is_pdf && (media == NULL || !g_str_has_prefix (media, "image/")))
    return;
  for (guint i = 0; i < job->requests->len; i++)
    {
      Request *r = g_ptr_array_index (job->requests, i);
      ShinsaPage *page = shinsa_document_get_page (job->doc, r->page);
      ReportThumb *thumb = render_page (run->thumbs, job->doc, is_pdf, r->page, page, cancellable);

      if (thumb == NULL)
        continue;
      /* each request belongs to one job: no other thread writes it */
      r->thumb = thumb;
      n++;
    }
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

  g_return_val_if_fail (thumbs != NULL, 0);

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
