/* shinsa — crossref: inside the plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

/* ---- text as compared: NFKC, no spaces, one spelling of ヶ月, dates in
 * 西暦 (docindex.c, facts.c) ---------------------------------------------- */

/* (transfer full): NFKC with circled field numbers (①) taken out */
char *xref_nfkc (const char *text);
/* (transfer full): @text normalised for matching, never NULL */
char *xref_normalise (const char *text);

/* ---- the documents of the submission, indexed (docindex.c) ------------- */

typedef struct {
  ShinsaCitePlaceKind kind;
  char *label;                 /* "3", "3.5", "12", "A" */
  int depth;                   /* chapter 1, section 1 + dots, article 3, table/appendix 1 */
  char *title;                 /* the heading's words, normalised: リスク管理 */
  int first_page;              /* physical, 1-based */
  int last_page;
} XrefHeading;

typedef struct {
  ShinsaDocument *doc;         /* (transfer none) */
  char *id;                    /* 資料3 or NULL */
  char *title;                 /* from the inventory, else the file name */
  char *title_key;             /* normalised title for comparison */
  char *file_key;              /* normalised base name */
  int n_pages;                 /* pages with text (0 when unread) */
  gboolean readable;
  gboolean has_labels;         /* printed page numbers were found */
  char **page_text;            /* [n_pages], normalised */
  GPtrArray *headings;         /* XrefHeading*, in page order */
  gboolean cited;
} XrefDoc;

typedef struct {
  GPtrArray *docs;             /* XrefDoc* (evidence and other documents) */
  GPtrArray *titles;           /* char*, NULL-terminated: for the citation parser */
  const ShinsaForm *form;      /* (nullable) for the inventory */
} XrefIndex;

XrefIndex *xref_index_new (GPtrArray *documents, const ShinsaForm *form);
void       xref_index_free (XrefIndex *index);
XrefDoc   *xref_index_find_id (XrefIndex *index, const char *id);
XrefDoc   *xref_index_find_title (XrefIndex *index, const char *title);
XrefDoc   *xref_index_find_file (XrefIndex *index, const char *file);
/* (nullable): the inventory entry with @id, when the form has one */
const ShinsaInventoryEntry *xref_index_find_inventory (XrefIndex *index, const char *id);

/* the physical pages carrying printed page @label; appends to @pages */
void       xref_doc_pages_for_label (XrefDoc *doc, int label, GArray *pages);
/* (nullable) the heading for @kind and @label */
const XrefHeading *xref_doc_find_heading (XrefDoc *doc, ShinsaCitePlaceKind kind, const char *label);

/* the length of the longest run of characters @a and @b share */
guint      xref_common_run (const char *a, const char *b);

/* ---- claim facts and where they are (facts.c) -------------------------- */

typedef enum {
  XREF_FACT_NUMBER,            /* 99.95%, 72時間, 6ヶ月, 12文字 */
  XREF_FACT_DATE,              /* 2024年6月1日 (和暦 converted) */
  XREF_FACT_NAME,              /* 東日本第1データセンター, 「題名」, product codes */
} XrefFactKind;

typedef struct {
  XrefFactKind kind;
  char *text;                  /* as it reads in the claim (normalised) */
  char *key;                   /* what is searched for */
} XrefFact;

/* (element-type XrefFact) (transfer full) */
GPtrArray *xref_facts_from_claim (const char *claim);
/* the same for a claim read by OCR off a scanned form: numbers and dates
 * only, a thousands comma read as a dot put back */
GPtrArray *xref_facts_from_ocr_claim (const char *claim);
void       xref_fact_free (gpointer fact);

/* whether normalised page text @hay contains @fact; @tolerant allows OCR
 * errors (bounded edit distance) */
gboolean   xref_fact_in_text (const XrefFact *fact, const char *hay, gboolean tolerant);

/* @fact is a number whose unit a table cell wrapped to the next line of
 * @page_text (the page's text as extracted, lines kept) */
gboolean   xref_fact_wrapped (const XrefFact *fact, const char *page_text);

/* (transfer full): the role words (目標, 実績, 保存…) a 記述内容 field's
 * name carries */
char     **xref_roles_of (const char *field_name);
/* (transfer full) (nullable): when the lines of @page_text that name one of
 * @roles state numbers in @fact's unit and none is @fact, the first of them */
char      *xref_role_conflict (const XrefFact *fact, char **roles, const char *page_text);

/* boxes of the spans of @page that hold @fact: appends [x, y, w, h] arrays
 * to @boxes (json) */
void       xref_fact_boxes (const XrefFact *fact, ShinsaPage *page, JsonArray *boxes);

/* ---- web-page hard copies (webcopy.c) ----------------------------------- */

typedef struct {
  gboolean looks_web;          /* printed from a browser, or pasted web text */
  gboolean has_url;
  gboolean has_date;
} XrefWebLook;

void xref_web_look (ShinsaDocument *doc, XrefWebLook *look);

extern const ShinsaStageInfo crossref_stage;

G_END_DECLS
