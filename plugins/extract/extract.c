/* shinsa — the extract stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every page of every readable document becomes one task in one list, so
 * the shared workers stay busy across documents.  A PDF page is read from
 * its text layer when that layer is usable, otherwise rendered at its scan's
 * resolution and OCR'd; image files go straight to OCR.  Each worker opens
 * its own copy of a PDF (poppler documents are not shared across threads),
 * and keeps it for the next page of the same file.  Documents already read
 * with the same settings come from the cache.
 */
#include <string.h>

#include <poppler.h>

#include "cache.h"
#include "extract.h"
#include "folio.h"
#include "ocr.h"
#include "pdftext.h"

/* below this a scan is upsampled to the dpi option for OCR */
#define MIN_OCR_DPI        150
#define MAX_OCR_DPI        600
#define WATCHDOG_PERIOD_US (100 * G_TIME_SPAN_MILLISECOND)

typedef enum {
  SOURCE_PDF,
  SOURCE_IMAGE,
} SourceKind;

typedef struct {
  ShinsaDocument *doc;
  SourceKind kind;
  int first, last;             /* physical pages to read, 1-based */
  ShinsaPage **pages;          /* [last - first + 1], filled by the workers */
  char **labels;               /* PDF: poppler's label per physical page read, else NULL */
  int n_physical;
  gboolean catalog_has_labels;
  GMappedFile *mapped;         /* PDF */
  GBytes *bytes;
  GPtrArray *idle_pdfs;        /* PopplerDocument, one per worker at most */
  GCancellable *cancellable;   /* cancelled on timeout or when the run is */
  gint64 deadline;             /* monotonic µs; 0 until its first page starts */
  guint remaining;
  gboolean timed_out;
  char *failure;               /* English, for status_reason */
  char *failure_ja;            /* for the finding */
  char *key;                   /* cache key */
  gboolean cached;
} DocWork;

typedef struct {
  guint doc;
  int page;
} Task;

typedef struct {
  ShinsaContext *ctx;
  ExtractOcrMode mode;
  OcrSettings ocr;
  int dpi;
  gint64 timeout_us;
  gboolean expect_japanese;
  GCancellable *cancellable;   /* the run's */

  DocWork *docs;
  guint n_docs;
  GArray *tasks;

  GMutex lock;                 /* everything below, and DocWork's deadline,
                                * remaining, failure, idle_pdfs, timed_out */
  GCond cond;
  gboolean finished;
  guint done;
} Run;

static const char *const ocr_modes[] = { "auto", "always", "never", NULL };

gboolean
extract_parse_page_range (const char *text, int *first, int *last)
{
  g_autofree char *copy = NULL;
  char *dash, *end;
  gint64 a, b;

  *first = 1;
  *last = G_MAXINT;
  if (text == NULL || text[0] == '\0')
    return TRUE;
  copy = g_strstrip (g_strdup (text));
  dash = strchr (copy, '-');
  if (dash != NULL)
    *dash = '\0';
  a = g_ascii_strtoll (copy, &end, 10);
  if (end == copy || *end != '\0' || a < 1 || a > G_MAXINT)
    return FALSE;
  b = a;
  if (dash != NULL)
    {
      b = g_ascii_strtoll (dash + 1, &end, 10);
      if (end == dash + 1 || *end != '\0' || b < a || b > G_MAXINT)
        return FALSE;
    }
  *first = (int) a;
  *last = (int) b;
  return TRUE;
}

static gboolean
is_paged_image (const char *media_type)
{
  static const char *const types[] = {
    "image/tiff", "image/png", "image/jpeg", "image/gif", "image/bmp", NULL
  };

  return media_type != NULL && g_strv_contains (types, media_type);
}

static void
doc_work_clear (DocWork *dw)
{
  int n = dw->last - dw->first + 1;

  for (int i = 0; dw->pages != NULL && i < n; i++)
    g_clear_pointer (&dw->pages[i], shinsa_page_unref);
  g_free (dw->pages);
  /* holes where pages were not read: not a NULL-terminated vector */
  for (int i = 0; dw->labels != NULL && i < dw->n_physical; i++)
    g_free (dw->labels[i]);
  g_free (dw->labels);
  g_clear_pointer (&dw->idle_pdfs, g_ptr_array_unref);
  g_clear_pointer (&dw->bytes, g_bytes_unref);
  g_clear_pointer (&dw->mapped, g_mapped_file_unref);
  g_clear_object (&dw->cancellable);
  g_free (dw->failure);
  g_free (dw->failure_ja);
  g_free (dw->key);
}

/* takes @reason and @reason_ja; the first failure of a document wins */
static void
doc_fail (Run *run, DocWork *dw, char *reason, char *reason_ja)
{
  g_mutex_lock (&run->lock);
  if (dw->failure == NULL)
    {
      dw->failure = reason;
      dw->failure_ja = reason_ja;
      reason = reason_ja = NULL;
    }
  g_mutex_unlock (&run->lock);
  g_cancellable_cancel (dw->cancellable);
  g_free (reason);
  g_free (reason_ja);
}

/* ---- PDF pages --------------------------------------------------------- */

static PopplerDocument *
take_pdf (Run *run, DocWork *dw, GError **error)
{
  PopplerDocument *pdf = NULL;

  g_mutex_lock (&run->lock);
  if (dw->idle_pdfs->len > 0)
    pdf = g_ptr_array_steal_index_fast (dw->idle_pdfs, dw->idle_pdfs->len - 1);
  g_mutex_unlock (&run->lock);
  if (pdf == NULL)
    pdf = poppler_document_new_from_bytes (dw->bytes, NULL, error);
  return pdf;
}

static void
give_back_pdf (Run *run, DocWork *dw, PopplerDocument *pdf)
{
  g_mutex_lock (&run->lock);
  g_ptr_array_add (dw->idle_pdfs, pdf);
  g_mutex_unlock (&run->lock);
}

static void
page_set_note (ShinsaPage *page, const char *note)
{
  g_free (page->note);
  page->note = g_strdup (note);
}

static void
page_clear_text (ShinsaPage *page)
{
  g_array_set_size (page->spans, 0);
  g_clear_pointer (&page->text, g_free);
  page->source = SHINSA_PAGE_TEXT_NONE;
  page->confidence = 0;
}

/* OCR of a rendered PDF page; FALSE only when cancelled */
static gboolean
ocr_pdf_page (Run *run, DocWork *dw, PopplerPage *ppage, ShinsaPage *page, const char *why)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  double native = 0, dpi;
  PIX *pix;
  gboolean ok;

  pdftext_scan_image (ppage, &native);
  dpi = native >= MIN_OCR_DPI ? MIN (native, MAX_OCR_DPI) : run->dpi;
  surface = pdftext_render (ppage, dpi, run->ocr.max_pixels, &dpi, &error);
  if (surface == NULL)
    {
      g_autofree char *note = g_strdup_printf ("%s; cannot render for OCR: %s", why, error->message);
      page_set_note (page, note);
      return TRUE;
    }
  pix = ocr_pix_from_cairo (surface);
  cairo_surface_destroy (surface);
  ok = ocr_read_image (&run->ocr, pix, (int) (dpi + 0.5), page, dw->cancellable, &error);
  pixDestroy (&pix);
  if (!ok)
    {
      if (g_cancellable_is_cancelled (dw->cancellable))
        return FALSE;
      page_clear_text (page);
      g_autofree char *note = g_strdup_printf ("%s; OCR failed: %s", why, error->message);
      page_set_note (page, note);
      return TRUE;
    }
  if (page->note == NULL)
    page_set_note (page, why);
  return TRUE;
}

static ShinsaPage *
read_pdf_page (Run *run, DocWork *dw, int number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaPage) page = NULL;
  PopplerDocument *pdf;
  PopplerPage *ppage;
  PdftextVerdict verdict;
  double width, height;
  const char *why;

  pdf = take_pdf (run, dw, &error);
  if (pdf == NULL)
    {
      doc_fail (run, dw, g_strdup_printf ("cannot open: %s", error->message),
                g_strdup_printf ("PDF文書として開けません（%s）", error->message));
      return NULL;
    }
  ppage = poppler_document_get_page (pdf, number - 1);
  if (ppage == NULL)
    {
      give_back_pdf (run, dw, pdf);
      doc_fail (run, dw, g_strdup_printf ("page %d cannot be read", number),
                g_strdup_printf ("%dページ目を読めません", number));
      return NULL;
    }

  poppler_page_get_size (ppage, &width, &height);
  page = shinsa_page_new (number, width, height);
  dw->labels[number - 1] = poppler_page_get_label (ppage);

  if (run->mode == EXTRACT_OCR_ALWAYS)
    {
      verdict = PDFTEXT_USABLE;
      why = "OCR of every page (ocr=always)";
    }
  else
    {
      verdict = pdftext_read_page (ppage, page, run->expect_japanese);
      why = pdftext_verdict_to_note (verdict);
    }

  if (verdict != PDFTEXT_USABLE && run->mode == EXTRACT_OCR_NEVER)
    {
      g_autofree char *note = g_strdup_printf ("%s; not OCR'd (ocr=never)", why);

      page_clear_text (page);
      page_set_note (page, note);
    }
  else if (verdict != PDFTEXT_USABLE || run->mode == EXTRACT_OCR_ALWAYS)
    {
      page_clear_text (page);
      if (!ocr_pdf_page (run, dw, ppage, page, why))
        g_clear_pointer (&page, shinsa_page_unref);
    }

  g_object_unref (ppage);
  give_back_pdf (run, dw, pdf);
  return g_steal_pointer (&page);
}

/* ---- image pages ------------------------------------------------------- */

static ShinsaPage *
read_image_page (Run *run, DocWork *dw, int number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaPage) page = NULL;
  PIX *pix;
  int dpi = 0;
  double scale;

  pix = ocr_load_image_page (&run->ocr, shinsa_document_get_local_path (dw->doc), number - 1,
                             &dpi, &error);
  if (pix == NULL)
    {
      doc_fail (run, dw, g_strdup_printf ("page %d cannot be read: %s", number, error->message),
                g_strdup_printf ("%dページ目の画像を読めません（画像データが壊れているか、大きすぎます。上限は%d百万画素）",
                                 number, run->ocr.max_pixels));
      return NULL;
    }
  /* an image without a resolution is taken as a 300 dpi scan, as Tesseract does */
  scale = 72.0 / (dpi > 0 ? dpi : 300);
  page = shinsa_page_new (number, pixGetWidth (pix) * scale, pixGetHeight (pix) * scale);
  if (run->mode == EXTRACT_OCR_NEVER)
    page_set_note (page, "image; not OCR'd (ocr=never)");
  else if (!ocr_read_image (&run->ocr, pix, dpi, page, dw->cancellable, &error))
    {
      if (g_cancellable_is_cancelled (dw->cancellable))
        g_clear_pointer (&page, shinsa_page_unref);
      else
        {
          g_autofree char *note = g_strdup_printf ("image; OCR failed: %s", error->message);

          page_clear_text (page);
          page_set_note (page, note);
        }
    }
  else if (page->note == NULL)
    page_set_note (page, "image");
  pixDestroy (&pix);
  return g_steal_pointer (&page);
}

/* ---- the work list ----------------------------------------------------- */

static void
extract_one (ShinsaContext *ctx, guint index, gpointer user_data)
{
  Run *run = user_data;
  const Task *task = &g_array_index (run->tasks, Task, index);
  DocWork *dw = &run->docs[task->doc];
  ShinsaPage *page = NULL;

  g_mutex_lock (&run->lock);
  if (dw->deadline == 0)
    dw->deadline = g_get_monotonic_time () + (run->timeout_us > 0 ? run->timeout_us : G_MAXINT64 / 2);
  g_mutex_unlock (&run->lock);

  if (!g_cancellable_is_cancelled (dw->cancellable))
    {
      if (dw->kind == SOURCE_PDF)
        page = read_pdf_page (run, dw, task->page);
      else
        page = read_image_page (run, dw, task->page);
    }
  dw->pages[task->page - dw->first] = page;

  g_mutex_lock (&run->lock);
  dw->remaining--;
  run->done++;
  shinsa_context_set_progress (ctx, NULL, (double) run->done / run->tasks->len);
  g_mutex_unlock (&run->lock);
}

/* Cancels a document whose time is up, and every document when the run is
 * cancelled; pages check between steps, OCR inside Tesseract. */
static gpointer
watchdog (gpointer data)
{
  Run *run = data;

  g_mutex_lock (&run->lock);
  while (!run->finished)
    {
      gint64 now;

      g_cond_wait_until (&run->cond, &run->lock, g_get_monotonic_time () + WATCHDOG_PERIOD_US);
      now = g_get_monotonic_time ();
      for (guint i = 0; i < run->n_docs; i++)
        {
          DocWork *dw = &run->docs[i];

          if (dw->cached || dw->remaining == 0 || g_cancellable_is_cancelled (dw->cancellable))
            continue;
          if (g_cancellable_is_cancelled (run->cancellable))
            g_cancellable_cancel (dw->cancellable);
          else if (dw->deadline != 0 && now > dw->deadline)
            {
              dw->timed_out = TRUE;
              g_cancellable_cancel (dw->cancellable);
            }
        }
    }
  g_mutex_unlock (&run->lock);
  return NULL;
}

/* ---- the stage --------------------------------------------------------- */

static gboolean
prepare_doc (Run *run, DocWork *dw, ShinsaDocument *doc, int first, int last)
{
  const char *media_type = shinsa_document_get_media_type (doc);
  int n_pages = shinsa_document_get_pages (doc);

  if (shinsa_document_get_status (doc) != SHINSA_DOCUMENT_STATUS_OK)
    return FALSE;
  if (g_strcmp0 (media_type, "application/pdf") == 0)
    dw->kind = SOURCE_PDF;
  else if (is_paged_image (media_type))
    dw->kind = SOURCE_IMAGE;
  else
    return FALSE;
  if (n_pages < 1)
    return FALSE;

  dw->doc = doc;
  dw->n_physical = n_pages;
  dw->first = MIN (first, n_pages + 1);
  dw->last = MIN (last, n_pages);
  dw->pages = g_new0 (ShinsaPage *, MAX (dw->last - dw->first + 1, 1));
  dw->labels = g_new0 (char *, n_pages + 1);
  dw->idle_pdfs = g_ptr_array_new_with_free_func (g_object_unref);
  dw->cancellable = g_cancellable_new ();
  return TRUE;
}

/* maps a PDF for the workers; FALSE (a failure recorded) when it cannot be read */
static gboolean
map_pdf (Run *run, DocWork *dw)
{
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize len;

  dw->mapped = g_mapped_file_new (shinsa_document_get_local_path (dw->doc), FALSE, &error);
  if (dw->mapped == NULL)
    {
      doc_fail (run, dw, g_strdup_printf ("cannot read: %s", error->message),
                g_strdup_printf ("読み出せません（%s）", error->message));
      return FALSE;
    }
  dw->bytes = g_mapped_file_get_bytes (dw->mapped);
  data = g_bytes_get_data (dw->bytes, &len);
  /* poppler cannot say whether its labels are made up: see folio.h */
  dw->catalog_has_labels = data != NULL && memmem (data, len, "/PageLabels", 11) != NULL;
  return TRUE;
}

static char *
make_key (Run *run, ShinsaDocument *doc, const ShinsaOptions *options, const char *fingerprint)
{
  g_autofree char *dpi = g_strdup_printf ("dpi=%d", run->dpi);
  g_autofree char *mode = g_strdup_printf ("ocr=%s", ocr_modes[run->mode]);
  g_autofree char *pages = g_strdup_printf ("pages=%s", shinsa_options_get_string (options, "pages"));
  g_autofree char *langs = g_strdup_printf ("languages=%s", run->ocr.languages);
  g_autofree char *filters = g_strdup_printf ("deskew=%d despeckle=%d", run->ocr.deskew,
                                              run->ocr.despeckle);
  const char *parts[] = {
    shinsa_document_get_sha256 (doc), "extract " EXTRACT_STAGE_VERSION, fingerprint,
    mode, dpi, pages, langs, filters, NULL
  };

  return cache_key (parts);
}

static GBytes *
pages_json (GPtrArray *documents)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  char *data;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "documents");
  json_builder_begin_array (b);
  for (guint i = 0; i < documents->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (documents, i);
      GPtrArray *pages = shinsa_document_get_page_list (doc);

      if (pages == NULL)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      if (shinsa_document_get_id (doc) != NULL)
        json_builder_add_string_value (b, shinsa_document_get_id (doc));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, shinsa_document_get_path (doc));
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, shinsa_document_get_sha256 (doc));
      json_builder_set_member_name (b, "pages");
      json_builder_begin_array (b);
      for (guint p = 0; p < pages->len; p++)
        json_builder_add_value (b, shinsa_page_to_json (g_ptr_array_index (pages, p), TRUE));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  data = json_generator_to_data (gen, &len);
  return g_bytes_new_take (data, len);
}

/* the document's pages, labelled, or NULL when it failed */
static GPtrArray *
collect_pages (DocWork *dw)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);
  FolioPdfLabels pdf = { (const char *const *) dw->labels, dw->n_physical, dw->catalog_has_labels };

  for (int i = 0; i <= dw->last - dw->first; i++)
    {
      if (dw->pages[i] == NULL)
        return NULL;
      g_ptr_array_add (pages, g_steal_pointer (&dw->pages[i]));
    }
  folio_label_pages (pages, dw->kind == SOURCE_PDF ? &pdf : NULL);
  return g_steal_pointer (&pages);
}

static int
count_ocr_pages (GPtrArray *pages)
{
  int n = 0;

  for (guint i = 0; i < pages->len; i++)
    if (((ShinsaPage *) g_ptr_array_index (pages, i))->source == SHINSA_PAGE_TEXT_OCR)
      n++;
  return n;
}

static void
report_unreadable (ShinsaContext *ctx, ShinsaDocument *doc, const char *reason, const char *message)
{
  ShinsaFinding *f;

  shinsa_document_set_status (doc, SHINSA_DOCUMENT_STATUS_UNREADABLE, reason);
  f = shinsa_context_add_finding (ctx, "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR, "%s", message);
  shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
}

gboolean
extract_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  g_autoptr(Cache) cache = NULL;
  g_autofree char *fingerprint = NULL;
  GPtrArray *documents;
  Run run = { 0 };
  GThread *dog = NULL;
  gboolean need_ocr = FALSE, ok = TRUE;
  int first, last;
  const char *mode;

  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!extract_parse_page_range (shinsa_options_get_string (options, "pages"), &first, &last))
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "bad page range '%s' in option 'pages'; give N or N-M",
                   shinsa_options_get_string (options, "pages"));
      return FALSE;
    }

  run.ctx = ctx;
  mode = shinsa_options_get_string (options, "ocr");
  run.mode = g_strcmp0 (mode, "always") == 0 ? EXTRACT_OCR_ALWAYS
             : g_strcmp0 (mode, "never") == 0 ? EXTRACT_OCR_NEVER : EXTRACT_OCR_AUTO;
  ocr_settings_init_default (&run.ocr);
  run.ocr.languages = shinsa_options_get_string (options, "languages");
  run.ocr.deskew = shinsa_options_get_bool (options, "deskew");
  run.ocr.despeckle = shinsa_options_get_bool (options, "despeckle");
  run.dpi = (int) shinsa_options_get_int (options, "dpi");
  run.timeout_us = shinsa_options_get_int (options, "timeout") * G_TIME_SPAN_SECOND;
  run.expect_japanese = strstr (run.ocr.languages, "jpn") != NULL;
  run.cancellable = shinsa_context_get_cancellable (ctx);
  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);

  documents = shinsa_context_get_documents (ctx);
  run.docs = g_new0 (DocWork, MAX (documents->len, 1));
  run.n_docs = documents->len;
  run.tasks = g_array_new (FALSE, FALSE, sizeof (Task));

  if (shinsa_options_get_bool (options, "cache"))
    {
      g_autoptr(GError) cache_error = NULL;

      cache = cache_open (NULL, &cache_error);
      /* a run without a cache is slower, not wrong */
      if (cache == NULL)
        g_warning ("page cache not used: %s", cache_error->message);
      else
        fingerprint = ocr_settings_fingerprint (&run.ocr);
    }

  for (guint i = 0; i < documents->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (documents, i);
      DocWork *dw = &run.docs[i];
      GPtrArray *cached = NULL;

      if (!prepare_doc (&run, dw, doc, first, last))
        continue;
      if (cache != NULL && shinsa_document_get_sha256 (doc) != NULL)
        {
          dw->key = make_key (&run, doc, options, fingerprint);
          cached = cache_lookup (cache, dw->key);
        }
      if (cached != NULL)
        {
          shinsa_document_set_page_list (doc, cached);
          shinsa_document_set_ocr_pages (doc, count_ocr_pages (cached));
          dw->cached = TRUE;
          continue;
        }
      if (dw->kind == SOURCE_PDF && !map_pdf (&run, dw))
        continue;
      if (dw->kind == SOURCE_IMAGE || run.mode != EXTRACT_OCR_NEVER)
        need_ocr = TRUE;
      for (int p = dw->first; p <= dw->last; p++)
        g_array_append_vals (run.tasks, &(Task) { i, p }, 1);
      dw->remaining = MAX (dw->last - dw->first + 1, 0);
    }

  if (need_ocr && !ocr_init (&run.ocr, error))
    {
      g_prefix_error (error, "cannot start OCR: ");
      ok = FALSE;
      goto out;
    }

  dog = g_thread_new ("shinsa-extract-watchdog", watchdog, &run);
  shinsa_context_parallel_for (ctx, run.tasks->len, extract_one, &run);
  g_mutex_lock (&run.lock);
  run.finished = TRUE;
  g_cond_signal (&run.cond);
  g_mutex_unlock (&run.lock);
  g_thread_join (dog);

  if (g_cancellable_set_error_if_cancelled (run.cancellable, error))
    {
      ok = FALSE;
      goto out;
    }

  /* applied here, in document order, so that a document is only changed
   * from the stage's own thread */
  for (guint i = 0; i < run.n_docs; i++)
    {
      DocWork *dw = &run.docs[i];
      g_autoptr(GPtrArray) pages = NULL;

      if (dw->doc == NULL || dw->cached)
        continue;
      if (dw->timed_out)
        {
          g_autofree char *reason = g_strdup_printf ("text extraction timed out after %" G_GINT64_FORMAT " s",
                                                     run.timeout_us / G_TIME_SPAN_SECOND);
          g_autofree char *message =
            g_strdup_printf ("「%s」の文字の読み取りが制限時間（%" G_GINT64_FORMAT "秒）内に終わらず、"
                             "中断しました。壊れているか極端に大きいおそれがあります。"
                             "内容を確認してください。",
                             shinsa_document_get_path (dw->doc), run.timeout_us / G_TIME_SPAN_SECOND);

          report_unreadable (ctx, dw->doc, reason, message);
          continue;
        }
      if (dw->failure != NULL)
        {
          g_autofree char *message =
            g_strdup_printf ("「%s」の文字を読み取れません：%s。再提出を求めてください。",
                             shinsa_document_get_path (dw->doc), dw->failure_ja);

          report_unreadable (ctx, dw->doc, dw->failure, message);
          continue;
        }
      pages = collect_pages (dw);
      if (pages == NULL)
        continue;
      shinsa_document_set_ocr_pages (dw->doc, count_ocr_pages (pages));
      if (cache != NULL && dw->key != NULL)
        {
          g_autoptr(GError) store_error = NULL;

          if (!cache_store (cache, dw->key, pages, &store_error))
            g_warning ("%s", store_error->message);
        }
      shinsa_document_set_page_list (dw->doc, g_steal_pointer (&pages));
    }

  {
    g_autoptr(GBytes) json = pages_json (documents);
    shinsa_context_add_output (ctx, "pages.json", json);
  }
  shinsa_context_set_artifact (ctx, "pages", g_ptr_array_ref (documents),
                               (GDestroyNotify) g_ptr_array_unref);

out:
  for (guint i = 0; i < run.n_docs; i++)
    doc_work_clear (&run.docs[i]);
  g_free (run.docs);
  g_array_unref (run.tasks);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);
  return ok;
}

static const char *const language_choices[] = { "jpn", "jpn+eng", NULL };

static const ShinsaOptionSpec extract_options[] = {
  { "ocr", SHINSA_OPTION_ENUM, "auto",
    "auto: OCR pages without a usable text layer; always: every page; never: text layers only",
    ocr_modes },
  { "languages", SHINSA_OPTION_ENUM, "jpn", "Tesseract languages (jpn reads our scans better and twice as fast: tools/bench-ocr)", language_choices },
  { "cache", SHINSA_OPTION_BOOL, "true",
    "keep extracted pages in $XDG_CACHE_HOME/shinsa/extract.sqlite and reuse them" },
  { "timeout", SHINSA_OPTION_INT, "600",
    "seconds one document may take before it is given up as unreadable (0: no limit)",
    NULL, 0, 86400 },
  { "dpi", SHINSA_OPTION_INT, "300",
    "resolution for OCR of a PDF page whose scan resolution is not known", NULL, 72, 1200 },
  { "deskew", SHINSA_OPTION_BOOL, "true", "straighten scans before OCR" },
  { "despeckle", SHINSA_OPTION_BOOL, "true", "remove scanner speckle before OCR" },
  { "pages", SHINSA_OPTION_STRING, "", "only these physical pages, N or N-M (empty: all)" },
  { NULL }
};

static const char *const extract_needs[] = { "documents", NULL };
static const char *const extract_provides[] = { "pages", NULL };

const ShinsaStageInfo extract_stage = {
  "extract",
  "各ページの文字の読み取り（PDFのテキスト、スキャン画像のOCR）と印字されたページ番号の確認",
  "read the text of every page (PDF text layers, OCR of scans) and its printed page number",
  extract_options,
  extract_needs,
  extract_provides,
  extract_run,
};
