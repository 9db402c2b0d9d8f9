/* shinsa — the extract stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every page of every readable document becomes one task in one list, so
 * the shared workers stay busy across documents.  A PDF page is read from
 * its text layer when that layer is usable, otherwise rendered at its scan's
 * resolution and OCR'd; image files go straight to OCR.  poppler and
 * Leptonica never touch a document in this process: each worker thread asks
 * its own parser process (core/shinsa-parser.h, parse-ops.h) for a page's
 * text layer and, when it must be OCR'd, its image; the parser keeps the
 * PDF open for the next page.  A file that crashes or stalls the parser
 * becomes DOC-UNREADABLE, and the batch goes on.  Tesseract runs here, on
 * images the parser decoded.  Documents already read with the same settings
 * come from the cache.
 */
#include <string.h>

#include <poppler.h>

#include "cache.h"
#include "extract.h"
#include "folio.h"
#include "ocr.h"
#include "parse-ops.h"
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
  gboolean isolate;            /* poppler and Leptonica in parser processes */
  GCancellable *cancellable;   /* the run's */

  DocWork *docs;
  guint n_docs;
  GArray *tasks;

  GMutex lock;                 /* everything below, and DocWork's deadline,
                                * remaining, failure, timed_out */
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

/* ---- asking the parser ------------------------------------------------- */

/* Leptonica's PIX for g_autoptr */
typedef PIX ExtractPix;
static void
extract_pix_free (ExtractPix *pix)
{
  pixDestroy (&pix);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtractPix, extract_pix_free)

/* Why the parser process gave up, for the examiner: never its English */
static const char *
parser_reason_ja (const GError *error)
{
  if (error->domain == SHINSA_PARSER_ERROR)
    switch ((ShinsaParserError) error->code)
      {
      case SHINSA_PARSER_ERROR_CRASHED:
        return "読み取り処理が異常終了しました。壊れているか、細工されたファイルのおそれがあります";
      case SHINSA_PARSER_ERROR_MEMORY:
        return "読み取りに必要なメモリが上限を超えました。極端に大きいか、壊れているおそれがあります";
      case SHINSA_PARSER_ERROR_TIMEOUT:
        return "読み取りの処理時間が上限を超えました。極端に大きいか、壊れているおそれがあります";
      case SHINSA_PARSER_ERROR_START:
        return "読み取り処理を開始できませんでした（システムの問題です。時間をおいて再実行してください）";
      case SHINSA_PARSER_ERROR_PROTOCOL:
      default:
        break;
      }
  return "読み取り処理が途中で止まりました。壊れているか、細工されたファイルのおそれがあります";
}

/* The reply to @request (floating, sunk), from the thread's parser process,
 * or in this process when the stage runs with isolate=false; *@image the
 * page image the reply describes, if any.  NULL when the document was
 * cancelled (its time is up) or the parser failed, which is then recorded
 * as the document's failure. */
static GVariant *
parse (Run *run, DocWork *dw, GVariant *request, PIX **image)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = NULL;
  PIX *here = NULL;
  GVariant *reply;

  *image = NULL;
  if (!run->isolate)
    {
      g_autoptr(GVariant) req = g_variant_ref_sink (request);

      reply = parse_ops_handle (req, &here);
      *image = here;
      return reply;
    }
  reply = shinsa_parser_call_full (shinsa_parser_get_for_thread (), request, 0, dw->cancellable,
                                   &payload, &error);
  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    doc_fail (run, dw, g_strdup (error->message), g_strdup (parser_reason_ja (error)));
  if (reply != NULL && payload != NULL)
    {
      g_autoptr(GVariant) info = g_variant_lookup_value (reply, "image", G_VARIANT_TYPE (PARSE_IMAGE_TYPE));

      *image = parse_image_to_pix (info, g_steal_pointer (&payload), run->ocr.max_pixels);
    }
  return reply;
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

/* OCR of a page image the parser rendered or decoded (@pix: transfer full,
 * nullable); FALSE only when cancelled */
static gboolean
ocr_page_image (Run *run, DocWork *dw, PIX *pix, int dpi, ShinsaPage *page, const char *why)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (pix == NULL)
    {
      g_autofree char *note = g_strdup_printf ("%s; the page image came back unsound", why);
      page_set_note (page, note);
      return TRUE;
    }
  ok = ocr_read_image (&run->ocr, pix, dpi, page, dw->cancellable, &error);
  pixDestroy (&pix);
  if (!ok)
    {
      if (g_cancellable_is_cancelled (dw->cancellable))
        return FALSE;
      page_clear_text (page);
      g_autofree char *note = g_strdup_printf ("%s; OCR failed: %s", why, error->message);
      page_set_note (page, note);
    }
  else if (page->note == NULL)
    page_set_note (page, why);
  return TRUE;
}

/* ---- PDF pages --------------------------------------------------------- */

/* (transfer full): @page, its note saying what poppler could not read */
static ShinsaPage *
note_parse_errors (ShinsaPage *page, GVariant *reply)
{
  const char *first = NULL;
  char *note;

  if (page->parse_errors == 0)
    return page;
  g_variant_lookup (reply, "poppler-error", "&s", &first);
  note = g_strdup_printf ("%s%s%u errors reading the page's content%s%s", page->note != NULL ? page->note : "",
                          page->note != NULL ? "; " : "", page->parse_errors,
                          first != NULL ? ", the first: " : "", first != NULL ? first : "");
  g_free (page->note);
  page->note = note;
  return page;
}

static ShinsaPage *
read_pdf_page (Run *run, DocWork *dw, int number)
{
  g_auto(GVariantDict) req = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(ExtractPix) image = NULL;
  g_autoptr(ShinsaPage) page = NULL;
  const char *message = NULL, *render_error = NULL, *label = NULL;
  double width = 0, height = 0, image_dpi = 0;
  guint32 verdict = PDFTEXT_USABLE;
  gboolean bad_page = FALSE;
  const char *why;

  g_variant_dict_insert (&req, "op", "s", "pdf-page");
  g_variant_dict_insert (&req, "path", "s", shinsa_document_get_local_path (dw->doc));
  g_variant_dict_insert (&req, "page", "i", number);
  g_variant_dict_insert (&req, "text", "b", run->mode != EXTRACT_OCR_ALWAYS);
  g_variant_dict_insert (&req, "japanese", "b", run->expect_japanese);
  g_variant_dict_insert (&req, "render", "s", run->mode == EXTRACT_OCR_NEVER ? "never"
                                              : run->mode == EXTRACT_OCR_ALWAYS ? "always" : "unusable");
  g_variant_dict_insert (&req, "dpi", "i", run->dpi);
  g_variant_dict_insert (&req, "min-dpi", "i", MIN_OCR_DPI);
  g_variant_dict_insert (&req, "max-dpi", "i", MAX_OCR_DPI);
  g_variant_dict_insert (&req, "max-mp", "i", run->ocr.max_pixels);
  reply = parse (run, dw, g_variant_dict_end (&req), &image);
  if (reply == NULL)
    return NULL;

  if (g_variant_lookup (reply, "error", "&s", &message))
    {
      if (g_variant_lookup (reply, "error-page", "b", &bad_page) && bad_page)
        doc_fail (run, dw, g_strdup_printf ("page %d cannot be read", number),
                  g_strdup_printf ("%dページ目を読めません", number));
      else
        doc_fail (run, dw, g_strdup_printf ("cannot open: %s", message),
                  g_strdup ("PDF文書として壊れているため開けません"));
      return NULL;
    }
  g_variant_lookup (reply, "width", "d", &width);
  g_variant_lookup (reply, "height", "d", &height);
  if (g_variant_lookup (reply, "label", "&s", &label) && g_utf8_validate (label, -1, NULL))
    dw->labels[number - 1] = g_strdup (label);
  g_variant_lookup (reply, "verdict", "u", &verdict);
  {
    g_autoptr(GVariant) value = g_variant_lookup_value (reply, "page", G_VARIANT_TYPE (PARSE_PAGE_TYPE));

    page = parse_page_from_variant (value);
    if (page != NULL)
      page->number = number;
  }
  if (page == NULL)
    page = shinsa_page_new (number, width, height);
  /* poppler's own complaints, which the worker collects (not in process) */
  g_variant_lookup (reply, "poppler-errors", "u", &page->parse_errors);

  why = run->mode == EXTRACT_OCR_ALWAYS ? "OCR of every page (ocr=always)"
        : pdftext_verdict_to_note ((PdftextVerdict) verdict);
  if (verdict == PDFTEXT_USABLE && run->mode != EXTRACT_OCR_ALWAYS)
    return note_parse_errors (g_steal_pointer (&page), reply);

  page_clear_text (page);
  if (run->mode == EXTRACT_OCR_NEVER)
    {
      g_autofree char *note = g_strdup_printf ("%s; not OCR'd (ocr=never)", why);
      page_set_note (page, note);
    }
  else if (g_variant_lookup (reply, "render-error", "&s", &render_error))
    {
      g_autofree char *note = g_strdup_printf ("%s; cannot render for OCR: %s", why, render_error);
      page_set_note (page, note);
    }
  else
    {
      g_variant_lookup (reply, "image-dpi", "d", &image_dpi);
      if (!ocr_page_image (run, dw, g_steal_pointer (&image), (int) (image_dpi + 0.5), page, why))
        return NULL;
    }
  return note_parse_errors (g_steal_pointer (&page), reply);
}

/* ---- image pages ------------------------------------------------------- */

static ShinsaPage *
read_image_page (Run *run, DocWork *dw, int number)
{
  g_auto(GVariantDict) req = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(ShinsaPage) page = NULL;
  PIX *image = NULL;
  gint32 dpi = 0;
  double scale;

  g_variant_dict_insert (&req, "op", "s", "image-page");
  g_variant_dict_insert (&req, "path", "s", shinsa_document_get_local_path (dw->doc));
  g_variant_dict_insert (&req, "index", "i", number - 1);
  g_variant_dict_insert (&req, "max-mp", "i", run->ocr.max_pixels);
  reply = parse (run, dw, g_variant_dict_end (&req), &image);
  if (reply == NULL)
    return NULL;
  if (image == NULL)
    {
      const char *message = "no image";

      g_variant_lookup (reply, "error", "&s", &message);
      doc_fail (run, dw, g_strdup_printf ("page %d cannot be read: %s", number, message),
                g_strdup_printf ("%dページ目の画像を読めません（画像データが壊れているか、大きすぎます。上限は%d百万画素）",
                                 number, run->ocr.max_pixels));
      return NULL;
    }
  g_variant_lookup (reply, "dpi", "i", &dpi);
  /* an image without a resolution is taken as a 300 dpi scan, as Tesseract does */
  scale = 72.0 / (dpi > 0 ? dpi : 300);
  page = shinsa_page_new (number, pixGetWidth (image) * scale, pixGetHeight (image) * scale);
  if (run->mode == EXTRACT_OCR_NEVER)
    {
      page_set_note (page, "image; not OCR'd (ocr=never)");
      pixDestroy (&image);
    }
  else if (!ocr_page_image (run, dw, image, dpi, page, "image"))
    g_clear_pointer (&page, shinsa_page_unref);
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
  dw->cancellable = g_cancellable_new ();
  return TRUE;
}

/* whether a PDF's catalogue holds page labels; FALSE (a failure recorded)
 * when the file cannot be read */
static gboolean
scan_pdf (Run *run, DocWork *dw)
{
  g_autoptr(GMappedFile) mapped = NULL;
  const char *data;
  gsize len;

  mapped = g_mapped_file_new (shinsa_document_get_local_path (dw->doc), FALSE, NULL);
  if (mapped == NULL)
    {
      /* GLib's message holds the local path: a private folder for an archive */
      doc_fail (run, dw, g_strdup ("cannot read the file"), g_strdup ("ファイルを読み出せません"));
      return FALSE;
    }
  data = g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
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

/* A page poppler could only partly make sense of (unknown operators, a
 * font it could not find, objects that refer to themselves) may say more
 * than was read: one warning per document, naming its pages */
static void
report_damaged_pages (ShinsaContext *ctx, ShinsaDocument *doc)
{
  GPtrArray *pages = shinsa_document_get_page_list (doc);
  g_autoptr(GString) which = g_string_new (NULL);
  ShinsaPage *first = NULL;
  guint n = 0, errors = 0;
  ShinsaFinding *f;

  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);
      g_autofree char *label = NULL;

      if (page->parse_errors == 0)
        continue;
      if (first == NULL)
        first = page;
      errors += page->parse_errors;
      if (++n <= 10)
        {
          label = shinsa_page_display_label (page);
          g_string_append_printf (which, "%s%s", which->len > 0 ? "、" : "", label);
        }
    }
  if (n == 0)
    return;
  if (n > 10)
    g_string_append_printf (which, "ほか計%u", n);
  f = shinsa_context_add_finding (ctx, "DOC-PAGE-DAMAGED", SHINSA_SEVERITY_WARNING,
                                  "「%s」の%sページ目は、PDFの中身に解釈できない部分があり（%u箇所）、"
                                  "書かれている文字の一部または全部を読み取れていないおそれがあります。"
                                  "原本の該当ページを目で確認し、必要なら再提出を求めてください。",
                                  shinsa_document_get_path (doc), which->str, errors);
  shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
  shinsa_finding_set_page (f, first->number, first->label);
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
  run.isolate = shinsa_options_get_bool (options, "isolate");
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
      if (dw->kind == SOURCE_PDF && !scan_pdf (&run, dw))
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

  /* cached or read now, in document order */
  for (guint i = 0; i < run.n_docs; i++)
    if (run.docs[i].doc != NULL && shinsa_document_get_status (run.docs[i].doc) == SHINSA_DOCUMENT_STATUS_OK)
      report_damaged_pages (ctx, run.docs[i].doc);

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
  { "isolate", SHINSA_OPTION_BOOL, "true",
    "parse PDFs and images in parser processes with limits, so a hostile file costs a process, "
    "not the batch (false: in this process, for measuring the difference)" },
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
