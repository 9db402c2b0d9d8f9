/* shinsa — citations: what a 添付書類等 cell says about where the evidence is
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A 添付書類等 cell names one or more documents and places in them:
 *
 *   資料3 p.5 ／ 資料No.4 第3章、別紙1 第12条
 *   「情報セキュリティ基本方針」5頁
 *   資料３ ５～６ページ（第9条）
 *
 * shinsa_citation_parse() reads such a cell with a small grammar (NFKC first,
 * full-width digits and kanji numerals understood) into a list of
 * citations; what it cannot read is kept, as written, in @unparsed.  It only
 * reads: which document a title means, and which physical page a printed
 * page number is, is decided later against the submission (crossref).
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SHINSA_CITE_PLACE_PAGES,     /* p.5, 5頁, pp.3-5, 3～5ページ: pages as printed */
  SHINSA_CITE_PLACE_CHAPTER,   /* 第3章 */
  SHINSA_CITE_PLACE_SECTION,   /* 3.2節, 3.2, 第3節 */
  SHINSA_CITE_PLACE_ARTICLE,   /* 第12条, 第三条 */
  SHINSA_CITE_PLACE_TABLE,     /* 別表1 */
  SHINSA_CITE_PLACE_APPENDIX,  /* 付録A, 付属書1 */
} ShinsaCitePlaceKind;

const char *shinsa_cite_place_kind_to_string (ShinsaCitePlaceKind kind);

typedef struct {
  ShinsaCitePlaceKind kind;
  int first;                   /* pages: first page; chapter/article/table: its number */
  int last;                    /* pages: last page (== first for one page); else == first */
  char *label;                 /* the place normalised: "5", "3-5", "3.2", "12", "A" */
  char *text;                  /* as written, e.g. "５～６ページ" */
} ShinsaCitePlace;

typedef enum {
  SHINSA_CITE_DOC_NONE,        /* no document named: "第3条" alone (the one before it,
                                * or — first in the cell — unresolvable) */
  SHINSA_CITE_DOC_NUMBER,      /* 資料3, 資料No.3, 資料３, 別紙2, 添付2 */
  SHINSA_CITE_DOC_TITLE,       /* 「題名」, or a known title written bare */
  SHINSA_CITE_DOC_FILE,        /* a file name: 資料3_基本方針.pdf */
} ShinsaCiteDocKind;

typedef struct {
  ShinsaCiteDocKind doc_kind;
  char *doc_id;                /* NUMBER: canonical id, "資料3", "別紙2", "添付2"; else NULL */
  char *title;                 /* TITLE: the title as written (NFKC, no 「」); NUMBER: a title
                                * written beside the number, if any; else NULL */
  char *file;                  /* FILE: the file name as written */
  GArray *places;              /* ShinsaCitePlace, in the order written; empty = whole document */
  char *text;                  /* this citation as written in the cell */
} ShinsaCitation;

typedef struct {
  GPtrArray *citations;        /* ShinsaCitation* */
  GPtrArray *unparsed;         /* char*: parts of the cell that are not citations */
  gboolean none;               /* the cell says there is no evidence: 無し, なし, 該当なし, －, 不要 */
  gboolean previous;           /* the cell refers to the last submission: 前回提出資料のとおり,
                                * 前回と同じ, 前回申請時に提出済み */
  /*< private >*/
  gatomicrefcount ref_count;
} ShinsaCitationList;

#define SHINSA_TYPE_CITATION_LIST (shinsa_citation_list_get_type ())
GType               shinsa_citation_list_get_type (void) G_GNUC_CONST;
ShinsaCitationList *shinsa_citation_list_ref (ShinsaCitationList *list);
void                shinsa_citation_list_unref (ShinsaCitationList *list);

/**
 * shinsa_citation_parse:
 * @text: (nullable): the 添付書類等 cell
 * @titles: (nullable) (array zero-terminated=1): titles of the documents
 *   known in the submission (資料名称 of the inventory, titles from file
 *   names), so that a title written without 「」 is read as a document
 *
 * An empty or NULL @text gives an empty list (no citations, none FALSE).
 * A document named with no place cites the whole document.  Places with no
 * document before them ("第3条" alone) get doc_kind NONE.  Parenthesised
 * notes that are not places — （2024年6月1日現在）, （抜粋） — are skipped;
 * parenthesised places — （第9条）, （5ページ） — belong to the citation before.
 *
 * Returns: (transfer full): never NULL
 */
ShinsaCitationList *shinsa_citation_parse (const char *text, const char *const *titles);

typedef enum {
  SHINSA_CITE_PARSE_DEFAULT = 0,
  SHINSA_CITE_PARSE_OCR = 1 << 0,   /* the cell was read by OCR off a scanned form:
                                     * ペープ/ペーノ for ページ, 真/買 for 頁, 意 for 章,
                                     * 吹料 for 資料, て for ～, "1 1節" for 1.1節 */
} ShinsaCiteParseFlags;

/* shinsa_citation_parse() with @flags */
ShinsaCitationList *shinsa_citation_parse_full (const char *text, const char *const *titles,
                                                ShinsaCiteParseFlags flags);

/* (transfer full): a JSON-ish one-line description for tests and logs:
 * "資料3 pages 5-6; 資料4 chapter 3" */
char *shinsa_citation_list_describe (const ShinsaCitationList *list);

/* Reads an integer written in ASCII, full-width or kanji digits
 * (12, １２, 十二, 一二); -1 when @text is not one. */
int   shinsa_parse_number (const char *text, gssize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaCitationList, shinsa_citation_list_unref)

G_END_DECLS
