/* extract — what the parser process does: poppler and Leptonica on one file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The last PDF opened stays open for the next request: the extract stage
 * asks for a document's pages one after another.
 */
#include <string.h>

#include <poppler.h>

#include "ocr-private.h"
#include "parse-ops.h"
#include "pdftext.h"
#include "tiffcheck.h"

typedef struct {
  char *path;
  GMappedFile *mapped;
  PopplerDocument *pdf;
} OpenPdf;

/* one per thread: the worker has one, an in-process stage one per worker thread */
static void
open_pdf_free (OpenPdf *open)
{
  if (open == NULL)
    return;
  g_clear_object (&open->pdf);
  g_clear_pointer (&open->mapped, g_mapped_file_unref);
  g_free (open->path);
  g_free (open);
}

static GPrivate last_pdf = G_PRIVATE_INIT ((GDestroyNotify) open_pdf_free);

PopplerDocument *
parse_ops_get_pdf (const char *path, GError **error)
{
  OpenPdf *open = g_private_get (&last_pdf);
  g_autoptr(GBytes) bytes = NULL;
  GMappedFile *mapped;
  PopplerDocument *pdf;

  if (open != NULL && g_strcmp0 (open->path, path) == 0)
    return open->pdf;
  g_private_replace (&last_pdf, NULL);

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  pdf = poppler_document_new_from_bytes (bytes, NULL, error);
  if (pdf == NULL)
    {
      g_mapped_file_unref (mapped);
      return NULL;
    }
  open = g_new0 (OpenPdf, 1);
  open->path = g_strdup (path);
  open->mapped = mapped;
  open->pdf = pdf;
  g_private_set (&last_pdf, open);
  return pdf;
}

static GVariant *
reply_error (GVariantDict *reply, const char *message)
{
  g_variant_dict_insert (reply, "error", "s", message);
  return g_variant_dict_end (reply);
}

/* ---- images: geometry in the reply, words in the payload ------------------ */

static void
pix_free (gpointer pix)
{
  PIX *p = pix;
  pixDestroy (&p);
}

/* the image the current request answers with, until parse_ops_handle() hands it over */
static GPrivate pending_image = G_PRIVATE_INIT (pix_free);

/* colour maps and odd depths become 8 or 32 bpp: what the reader takes */
static PIX *
normalize (PIX *pix)
{
  PIX *norm = NULL;
  int d = pixGetDepth (pix);

  if (pixGetColormap (pix) != NULL)
    norm = pixRemoveColormap (pix, REMOVE_CMAP_BASED_ON_SRC);
  else if (d == 16)
    norm = pixConvert16To8 (pix, L_MS_BYTE);
  else if (d != 1 && d != 8 && d != 32)
    norm = pixConvertTo32 (pix);
  if (norm != NULL && pixGetDepth (norm) != 1 && pixGetDepth (norm) != 8 && pixGetDepth (norm) != 32)
    {
      PIX *again = pixConvertTo32 (norm);
      pixDestroy (&norm);
      norm = again;
    }
  return norm != NULL ? norm : pixClone (pix);
}

void
parse_reply_add_image (GVariantDict *reply, PIX *pix)
{
  PIX *norm;

  g_return_if_fail (pix != NULL);
  norm = normalize (pix);
  pixDestroy (&pix);
  g_variant_dict_insert (reply, "image", "(uuuuii)",
                         (guint32) pixGetWidth (norm), (guint32) pixGetHeight (norm),
                         (guint32) pixGetDepth (norm), (guint32) pixGetWpl (norm),
                         (gint32) pixGetXRes (norm), (gint32) pixGetYRes (norm));
  g_variant_dict_insert (reply, "payload", "t", (guint64) pixGetWpl (norm) * pixGetHeight (norm) * 4);
  g_private_replace (&pending_image, norm);
}

PIX *
parse_image_to_pix (GVariant *info, GBytes *payload, int max_megapixels)
{
  g_autoptr(GBytes) bytes = payload;
  ShinsaParserImage img;
  gsize size = 0;
  gpointer data;
  PIX *pix;

  if (bytes == NULL || !shinsa_parser_image_parse (info, g_bytes_get_size (bytes), &img))
    return NULL;
  if (max_megapixels > 0 && (guint64) img.width * img.height > (guint64) max_megapixels * 1000000)
    return NULL;
  pix = pixCreateHeader ((int) img.width, (int) img.height, (int) img.depth);
  if (pix == NULL || (guint) pixGetWpl (pix) != img.wpl)
    {
      pixDestroy (&pix);
      return NULL;
    }
  /* the words as read off the socket become the image's: g_malloc'd
   * memory, which Leptonica frees with free() */
  data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
  pixSetData (pix, data);
  pixSetResolution (pix, img.xres, img.yres);
  return pix;
}

/* ---- pages as values ----------------------------------------------------- */

/* GVariant strings must be UTF-8: poppler's text is, but a hostile font's
 * ToUnicode map may say anything */
static const char *
valid (const char *text, char **owned)
{
  if (text == NULL)
    return "";
  if (g_utf8_validate (text, -1, NULL))
    return text;
  *owned = g_utf8_make_valid (text, -1);
  return *owned;
}

GVariant *
parse_page_to_variant (const ShinsaPage *page)
{
  GVariantBuilder spans;
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;

  g_variant_builder_init (&spans, G_VARIANT_TYPE ("a" PARSE_SPAN_TYPE));
  for (guint i = 0; i < page->spans->len; i++)
    {
      const ShinsaSpan *span = &g_array_index (page->spans, ShinsaSpan, i);
      g_autofree char *t = NULL;
      g_autofree char *f = NULL;

      g_variant_builder_add (&spans, PARSE_SPAN_TYPE, valid (span->text, &t), span->x, span->y,
                             span->width, span->height, span->font_size, valid (span->font, &f),
                             (guint32) span->color, (guint32) span->source, (double) span->confidence,
                             (guint32) span->line, span->vertical);
    }
  return g_variant_new ("(iddibudss@a" PARSE_SPAN_TYPE ")", page->number, page->width, page->height,
                        page->rotation, page->vertical, (guint32) page->source, (double) page->confidence,
                        valid (page->text, &text), valid (page->note, &note),
                        g_variant_builder_end (&spans));
}

ShinsaPage *
parse_page_from_variant (GVariant *value)
{
  g_autoptr(GVariant) spans = NULL;
  const char *text, *note;
  gint32 number, rotation;
  double width, height, confidence;
  gboolean vertical;
  guint32 source;
  ShinsaPage *page;
  gsize n;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE (PARSE_PAGE_TYPE)))
    return NULL;
  g_variant_get (value, "(iddibud&s&s@a" PARSE_SPAN_TYPE ")", &number, &width, &height, &rotation,
                 &vertical, &source, &confidence, &text, &note, &spans);
  if (number < 1 || source > SHINSA_PAGE_TEXT_OCR)
    return NULL;
  page = shinsa_page_new (number, width, height);
  page->rotation = rotation;
  page->vertical = vertical;
  page->source = (ShinsaPageTextSource) source;
  page->confidence = (float) confidence;
  page->text = g_strdup (text);
  page->note = note[0] != '\0' ? g_strdup (note) : NULL;
  n = g_variant_n_children (spans);
  for (gsize i = 0; i < n; i++)
    {
      ShinsaSpan span = { 0 };
      guint32 color, span_source, line;
      double conf;

      g_variant_get_child (spans, i, "(&sddddd&suudub)", &span.text, &span.x, &span.y, &span.width,
                           &span.height, &span.font_size, &span.font, &color, &span_source, &conf,
                           &line, &span.vertical);
      span.color = color;
      span.source = span_source == SHINSA_SPAN_OCR ? SHINSA_SPAN_OCR : SHINSA_SPAN_PDF_TEXT;
      span.confidence = (float) conf;
      span.line = line;
      shinsa_page_add_span (page, &span);
    }
  return page;
}

/* ---- the operations ------------------------------------------------------ */

static GVariant *
op_pdf_probe (GVariantDict *args, GVariantDict *reply)
{
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  PopplerDocument *pdf;
  int n_pages, readable = 0, first_bad = 0;

  if (!g_variant_dict_lookup (args, "path", "&s", &path))
    return reply_error (reply, "no path");
  pdf = parse_ops_get_pdf (path, &error);
  if (pdf == NULL)
    {
      if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        {
          g_variant_dict_insert (reply, "encrypted", "b", TRUE);
          return g_variant_dict_end (reply);
        }
      return reply_error (reply, error->message);
    }
  n_pages = poppler_document_get_n_pages (pdf);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);

      if (page != NULL)
        readable++;
      else if (first_bad == 0)
        first_bad = i + 1;
      g_clear_object (&page);
    }
  g_variant_dict_insert (reply, "pages", "i", n_pages);
  g_variant_dict_insert (reply, "readable", "i", readable);
  g_variant_dict_insert (reply, "first-bad", "i", first_bad);
  return g_variant_dict_end (reply);
}

static int
lookup_int (GVariantDict *args, const char *key, int fallback)
{
  gint32 v;

  return g_variant_dict_lookup (args, key, "i", &v) ? v : fallback;
}

static gboolean
lookup_bool (GVariantDict *args, const char *key)
{
  gboolean v;

  return g_variant_dict_lookup (args, key, "b", &v) && v;
}

static void
render_for_ocr (PopplerPage *ppage, GVariantDict *args, GVariantDict *reply)
{
  g_autoptr(GError) error = NULL;
  double native = 0, dpi;
  int min_dpi = lookup_int (args, "min-dpi", 150), max_dpi = lookup_int (args, "max-dpi", 600);
  cairo_surface_t *surface;
  PIX *pix;

  pdftext_scan_image (ppage, &native);
  dpi = native >= min_dpi ? MIN (native, max_dpi) : lookup_int (args, "dpi", 300);
  surface = pdftext_render (ppage, dpi, lookup_int (args, "max-mp", 0), &dpi, &error);
  if (surface == NULL)
    {
      g_variant_dict_insert (reply, "render-error", "s", error->message);
      return;
    }
  pix = ocr_pix_from_cairo (surface);
  cairo_surface_destroy (surface);
  if (pix == NULL)
    {
      g_variant_dict_insert (reply, "render-error", "s", "no memory for the page image");
      return;
    }
  parse_reply_add_image (reply, pix);
  g_variant_dict_insert (reply, "image-dpi", "d", dpi);
}

static GVariant *
op_pdf_page (GVariantDict *args, GVariantDict *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaPage) page = NULL;
  const char *path = NULL, *render = "never";
  PopplerDocument *pdf;
  PopplerPage *ppage;
  PdftextVerdict verdict = PDFTEXT_USABLE;
  double width, height;
  char *label;
  int number = lookup_int (args, "page", 0);

  if (!g_variant_dict_lookup (args, "path", "&s", &path))
    return reply_error (reply, "no path");
  g_variant_dict_lookup (args, "render", "&s", &render);
  pdf = parse_ops_get_pdf (path, &error);
  if (pdf == NULL)
    return reply_error (reply, error->message);
  ppage = number >= 1 ? poppler_document_get_page (pdf, number - 1) : NULL;
  if (ppage == NULL)
    {
      g_variant_dict_insert (reply, "error-page", "b", TRUE);
      return reply_error (reply, "no such page");
    }

  poppler_page_get_size (ppage, &width, &height);
  g_variant_dict_insert (reply, "width", "d", width);
  g_variant_dict_insert (reply, "height", "d", height);
  label = poppler_page_get_label (ppage);
  if (label != NULL && g_utf8_validate (label, -1, NULL))
    g_variant_dict_insert (reply, "label", "s", label);
  g_free (label);

  if (lookup_bool (args, "text"))
    {
      page = shinsa_page_new (number, width, height);
      verdict = pdftext_read_page (ppage, page, lookup_bool (args, "japanese"));
      g_variant_dict_insert (reply, "verdict", "u", (guint32) verdict);
      if (verdict == PDFTEXT_USABLE)
        g_variant_dict_insert_value (reply, "page", parse_page_to_variant (page));
    }
  if (g_strcmp0 (render, "always") == 0 || (g_strcmp0 (render, "unusable") == 0 && verdict != PDFTEXT_USABLE))
    render_for_ocr (ppage, args, reply);
  g_object_unref (ppage);
  return g_variant_dict_end (reply);
}

static GVariant *
op_image_page (GVariantDict *args, GVariantDict *reply)
{
  g_autoptr(GError) error = NULL;
  OcrSettings settings;
  const char *path = NULL;
  int dpi = 0;
  PIX *pix;

  if (!g_variant_dict_lookup (args, "path", "&s", &path))
    return reply_error (reply, "no path");
  memset (&settings, 0, sizeof settings);
  settings.max_pixels = lookup_int (args, "max-mp", 0);
  pix = ocr_load_image_page (&settings, path, MAX (lookup_int (args, "index", 0), 0), &dpi, &error);
  if (pix == NULL)
    return reply_error (reply, error->message);
  parse_reply_add_image (reply, pix);
  g_variant_dict_insert (reply, "dpi", "i", dpi);
  return g_variant_dict_end (reply);
}

static GVariant *
op_tiff_probe (GVariantDict *args, GVariantDict *reply)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *reason = NULL;
  const char *path = NULL;
  int pages;

  if (!g_variant_dict_lookup (args, "path", "&s", &path))
    return reply_error (reply, "no path");
  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return reply_error (reply, "the file cannot be read");
  pages = documents_check_tiff ((const guint8 *) g_mapped_file_get_contents (mapped),
                                g_mapped_file_get_length (mapped), lookup_bool (args, "strips"), &reason);
  if (pages < 0)
    return reply_error (reply, reason != NULL ? reason : "damaged TIFF");
  g_variant_dict_insert (reply, "pages", "i", pages);
  return g_variant_dict_end (reply);
}

/* ---- what poppler said --------------------------------------------------
 *
 * poppler-glib reports what it could not make sense of in a document
 * ("Syntax error at position 812: Unknown operator ']'", "Unknown font tag")
 * as messages in the log domain "Poppler".  They are counted per thread
 * and request, so that a page poppler could only partly read is not taken
 * for a blank one; and never printed, since a batch's output is progress. */

typedef struct {
  guint errors;
  char *first;
} Complaints;

static void
complaints_free (Complaints *c)
{
  if (c == NULL)
    return;
  g_free (c->first);
  g_free (c);
}

static GPrivate complaints = G_PRIVATE_INIT ((GDestroyNotify) complaints_free);

static void
on_poppler_message (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  Complaints *c = g_private_get (&complaints);

  /* warnings are what poppler worked around; errors what it could not */
  if (c == NULL || message == NULL ||
      !(g_str_has_prefix (message, "Syntax error") || g_str_has_prefix (message, "Internal error")))
    return;
  if (c->errors++ == 0 && g_utf8_validate (message, -1, NULL))
    c->first = g_strndup (message, 300);
}

static void
complaints_begin (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_log_set_handler ("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                         on_poppler_message, NULL);
      g_once_init_leave (&installed, 1);
    }
  g_private_replace (&complaints, g_new0 (Complaints, 1));
}

/* adds "poppler-errors" u and "poppler-error" s to @reply when there were any */
static GVariant *
complaints_end (GVariant *reply)
{
  Complaints *c = g_private_get (&complaints);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (reply);

  if (c == NULL || c->errors == 0)
    return reply;
  g_variant_dict_insert (&dict, "poppler-errors", "u", c->errors);
  if (c->first != NULL)
    g_variant_dict_insert (&dict, "poppler-error", "s", c->first);
  g_private_replace (&complaints, NULL);
  g_variant_unref (reply);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static GVariant *
handle (GVariant *request);

GVariant *
parse_ops_handle (GVariant *request, PIX **out_image)
{
  GVariant *reply;

  g_private_replace (&pending_image, NULL);
  reply = handle (request);
  *out_image = g_private_get (&pending_image);
  /* handed over, not freed */
  g_private_set (&pending_image, NULL);
  return reply;
}

static GVariant *
handle (GVariant *request)
{
  g_auto(GVariantDict) args = G_VARIANT_DICT_INIT (request);
  g_auto(GVariantDict) reply = G_VARIANT_DICT_INIT (NULL);
  const char *op = NULL;

  if (!g_variant_dict_lookup (&args, "op", "&s", &op))
    return g_variant_ref_sink (reply_error (&reply, "no operation"));
  if (strcmp (op, "pdf-probe") == 0)
    return g_variant_ref_sink (op_pdf_probe (&args, &reply));
  if (strcmp (op, "pdf-page") == 0)
    {
      complaints_begin ();
      return complaints_end (g_variant_ref_sink (op_pdf_page (&args, &reply)));
    }
  if (strcmp (op, "image-page") == 0)
    return g_variant_ref_sink (op_image_page (&args, &reply));
  if (strcmp (op, "tiff-probe") == 0)
    return g_variant_ref_sink (op_tiff_probe (&args, &reply));
  if (strcmp (op, "thumb") == 0)
    return g_variant_ref_sink (parse_thumb (&args, &reply));
  return g_variant_ref_sink (reply_error (&reply, "unknown operation"));
}
