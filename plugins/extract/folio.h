/* extract — printed page labels: PDF page labels, else the folio printed in
 * the header or footer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

typedef enum {
  FOLIO_NONE,
  FOLIO_ARABIC,                /* 3, - 3 -, 3/12, P.3, ３頁, (3) */
  FOLIO_ROMAN,                 /* ii, - iv -, (II) */
} FolioKind;

/**
 * Folio:
 * @kind: what was recognised
 * @value: the number (roman numerals too: ii = 2)
 * @text: the label as cited: "3" for "- 3 -" or "３頁", "ii" as printed
 */
typedef struct {
  FolioKind kind;
  int value;
  char *text;
} Folio;

/**
 * folio_parse:
 * @text: one header or footer line (or one part of it), UTF-8
 * @folio: (out caller-allocates): filled when it is a folio; clear with
 *   folio_clear()
 *
 * Reads the whole of @text as a page number in any of the forms Japanese
 * documents print, full-width or not (NFKC): "- 3 -", "ー３ー", "3/12",
 * "3 of 12", "P.3", "p. 3", "Page 3", "３頁", "第3頁", "3ページ", "(3)", "ii".
 * Anything else — "第3条", "3.1", "2024年", "MDS-ISMS-001" — is not a folio.
 * Returns: whether @text is a folio
 */
gboolean folio_parse (const char *text, Folio *folio);
void     folio_clear (Folio *folio);

/* what the catalogue of a PDF says about labels; see folio_pdf_has_labels() */
typedef struct {
  const char *const *labels;   /* poppler's label per physical page; may hold NULLs */
  guint n_labels;
  gboolean catalog_has_labels; /* the bytes name a /PageLabels tree */
} FolioPdfLabels;

/**
 * folio_pdf_has_labels:
 *
 * poppler makes up "1", "2"… when a PDF has no /PageLabels; a label that is
 * not the physical number proves real labels, and labels that all equal the
 * physical numbers count only when the catalogue names a /PageLabels tree.
 */
gboolean folio_pdf_has_labels (const FolioPdfLabels *pdf);

/**
 * folio_candidates:
 * Returns: (transfer full): the texts of @page's header and footer (spans in
 *   the top and bottom tenth of the page), each line whole and each span
 *   alone, for folio_parse()
 */
GPtrArray *folio_candidates (const ShinsaPage *page);

/**
 * folio_label_pages:
 * @pages: (element-type ShinsaPage): one document's pages, by physical page
 * @pdf: (nullable): its PDF labels, NULL for images
 *
 * Sets every page's label and label_source: the PDF labels when the
 * document has real ones ("pdf-label"), otherwise the folios found in the
 * headers and footers ("folio") that are consistent across the document:
 * the longest run of folios that increase with the physical page (an
 * extract skips numbers), when most pages that show a number are in it;
 * roman numerals only before the arabic ones.  Pages without one (a cover, a contents page) get none.
 */
void folio_label_pages (GPtrArray *pages, const FolioPdfLabels *pdf);

G_END_DECLS
