/* shinsa — extracted pages: what each page of a document says, and where
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  SHINSA_SPAN_PDF_TEXT,        /* from the PDF's text layer */
  SHINSA_SPAN_OCR,             /* recognised by Tesseract */
} ShinsaSpanSource;

/**
 * ShinsaSpan:
 * @text: UTF-8, a word (OCR) or a run of one font and colour (PDF text)
 * @x: left edge, in PDF points from the page's left (1/72 inch)
 * @y: top edge, in PDF points from the page's top
 * @width: in points
 * @height: in points
 * @font_size: in points, 0 when unknown
 * @font: (nullable): font name
 * @color: 0xRRGGBB of the ink
 * @source: where the text came from
 * @confidence: 0–100; 100 for PDF text
 * @line: index of the line within the page, in reading order
 * @vertical: part of vertical (縦書き) text
 */
typedef struct {
  char *text;
  double x, y, width, height;
  double font_size;
  char *font;
  guint32 color;
  ShinsaSpanSource source;
  float confidence;
  guint line;
  gboolean vertical;
  /*< private >*/
  gpointer _reserved[2];
} ShinsaSpan;

typedef enum {
  SHINSA_PAGE_TEXT_NONE,       /* nothing read: blank, or extraction failed */
  SHINSA_PAGE_TEXT_PDF,        /* the text layer was used */
  SHINSA_PAGE_TEXT_OCR,        /* the page was OCR'd */
} ShinsaPageTextSource;

/**
 * ShinsaPage:
 * @number: physical page, 1-based
 * @label: (nullable): the printed page number: the PDF page label, or the
 *   folio found in the header or footer ("3" for "- 3 -", "ii")
 * @label_source: (nullable): "pdf-label" or "folio"
 * @width: in points
 * @height: in points
 * @rotation: degrees the page was turned to read it (0, 90, 180, 270)
 * @vertical: the page is written vertically (縦書き)
 * @source: how its text was read
 * @confidence: mean OCR word confidence, 100 for PDF text, 0 for none
 * @text: (nullable): the page's text in reading order, lines separated by '\n'
 * @spans: (element-type ShinsaSpan): in reading order
 * @note: (nullable): why the page was OCR'd or read as it was, for the report
 * @parse_errors: errors the PDF reader met in the page's content (operators
 *   it did not know, a font it could not find, objects that loop): the page
 *   may say more than was read; 0 for a sound page
 */
typedef struct {
  int number;
  char *label;
  char *label_source;
  double width, height;
  int rotation;
  gboolean vertical;
  ShinsaPageTextSource source;
  float confidence;
  char *text;
  GArray *spans;
  char *note;
  guint parse_errors;
  /*< private >*/
  gatomicrefcount ref_count;
  gpointer _reserved[3];
} ShinsaPage;

#define SHINSA_TYPE_PAGE (shinsa_page_get_type ())
GType       shinsa_page_get_type (void) G_GNUC_CONST;

ShinsaPage *shinsa_page_new (int number, double width, double height);
ShinsaPage *shinsa_page_ref (ShinsaPage *page);
void        shinsa_page_unref (ShinsaPage *page);

/* copies @text and @font into the page's span array; returns the stored span */
ShinsaSpan *shinsa_page_add_span (ShinsaPage *page, const ShinsaSpan *span);
/* the label, else the physical number, as it would be cited */
char       *shinsa_page_display_label (const ShinsaPage *page);

const char *shinsa_span_source_to_string (ShinsaSpanSource source);
const char *shinsa_page_text_source_to_string (ShinsaPageTextSource source);

/* (transfer full): the page as report/cache JSON; with_spans FALSE leaves spans out */
JsonNode   *shinsa_page_to_json (const ShinsaPage *page, gboolean with_spans);
/* (transfer full) (nullable): NULL with @error when @node is not a page */
ShinsaPage *shinsa_page_from_json (JsonNode *node, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaPage, shinsa_page_unref)

G_END_DECLS
