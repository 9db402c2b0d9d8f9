#pragma once

#include <glib.h>
#include <cairo.h>

#include "gen-rng.h"

G_BEGIN_DECLS

/* A document is a static list of blocks (see gen-content-*.c); the
 * typesetter paginates it with pango, never splitting a block, so that a
 * fact written in one block is on one page and a citation to that page
 * really points at it. */
typedef enum
{
  GEN_BLOCK_END = 0,
  GEN_BLOCK_CHAPTER,      /* "第N章　text"; text may start "N|" to set N */
  GEN_BLOCK_SECTION,      /* "N.M　text"; "N.M|" sets the number */
  GEN_BLOCK_ARTICLE,      /* "第N条（first line）" + the rest as the body */
  GEN_BLOCK_HEADING,      /* unnumbered heading */
  GEN_BLOCK_PARA,         /* body paragraph, first line indented */
  GEN_BLOCK_LIST,         /* one item per line, hanging indent */
  GEN_BLOCK_TABLE,        /* rows by '\n', cells by '\t', '\r' breaks a line
                           * inside a cell; an optional first row "@30,70"
                           * gives the column widths in percent */
  GEN_BLOCK_TABLE_H,      /* same, first row is a shaded header */
  GEN_BLOCK_TITLE,        /* centred big title inside the body */
  GEN_BLOCK_RIGHT,        /* right-aligned lines (dates, signatures) */
  GEN_BLOCK_NOTE,         /* small print */
  GEN_BLOCK_SEAL,         /* a square red seal with the text in it */
  GEN_BLOCK_SPACE,        /* vertical space, text = points */
  GEN_BLOCK_PAGEBREAK,
  GEN_BLOCK_FOLIO_JUMP,   /* new page whose printed number is text */
  GEN_BLOCK_TOC_ONLY,     /* "title\tpage": listed in the contents only */
  GEN_BLOCK_TABLE_ROW,    /* TABLE rows that continue the table above without
                           * a gap (a form printed row by row); a cell
                           * starting with "\x1b" is written in red ink */
  GEN_BLOCK_VERTICAL,     /* 縦書き: the text set in columns from the right,
                           * filling the rest of the page */
} GenBlockKind;

typedef struct
{
  GenBlockKind kind;
  const char  *anchor;    /* key items cite this block by, or NULL */
  const char  *text;
} GenBlock;

typedef enum
{
  GEN_FOLIO_NONE,
  GEN_FOLIO_PLAIN,        /* "3"        body pages from 1 */
  GEN_FOLIO_DASH,         /* "- 3 -"    body pages from 1 */
  GEN_FOLIO_FRACTION,     /* "3/12"     physical pages, cover counted */
  GEN_FOLIO_P,            /* "P.3"      physical pages, cover counted */
} GenFolioStyle;

typedef struct
{
  const char    *id;            /* 資料3 */
  const char    *title;         /* 情報セキュリティ基本方針 */
  const char    *filename;
  const char    *subtitle;      /* on the cover, under the title */
  const char    *docno;         /* 文書番号 */
  const char    *edition;       /* 第5版 */
  const char    *date_text;     /* 2024年4月1日 改定 */
  const char    *issuer;        /* company on the cover */
  const char    *approver;      /* 承認者 on the cover, or NULL */
  const char    *marking;       /* 社外秘 etc. or NULL */
  const char    *pdf_date;      /* ISO 8601 for the PDF metadata */
  GenFolioStyle  folio;
  gboolean       page_labels;   /* PDF page labels: 表紙, i, 1, 2… */
  gboolean       cover;
  gboolean       toc;
  gboolean       toc_sections;  /* list N.M sections in the contents too */
  gboolean       toc_articles;  /* contents list 第N条 instead of chapters */
  gboolean       chapter_new_page;
  gboolean       scanned;
  gboolean       running_header;
  gboolean       web;           /* a browser's print of a web page: date and
                                 * title on top, URL and n/N below */
  const char    *web_url;       /* NULL: printed without URL and date */
  const char    *web_date;      /* "2024/06/10 14:32" */
  const GenBlock *blocks;
  gboolean       landscape;     /* A4 landscape (a form printed sideways) */
  gboolean       repeat_header; /* a TABLE_ROW that starts a page has the last
                                 * TABLE_H's header drawn above it again */
} GenDocSpec;

typedef struct _GenDoc GenDoc;

/* Where a cited block landed. Pages are physical and 1-based; `number`
 * is the printed page number (-1 when the page has none). */
typedef struct
{
  guint page;
  int   number;
  int   chapter;
  int   section;            /* 0 when not inside a section */
  int   article;
  guint unit_first_page;    /* the enclosing article/section/chapter */
  guint unit_last_page;
  guint chapter_first_page;
  guint chapter_last_page;
  guint section_first_page;
  guint section_last_page;
  guint article_first_page;
  guint article_last_page;
} GenAnchorInfo;

/* One line of text as drawn on a page (a pango layout line) */
typedef struct
{
  char    *text;
  guint32  rgb;       /* 0xRRGGBB of the ink */
  double   x, y;      /* left end and baseline, in points from the top left */
  int      group;     /* 0 running header, 1 page content, 2 folio */
  guint    seq;       /* drawing order */
  guint    band;      /* lines sharing a baseline share a band */
  gboolean merge;     /* read across with the band's other lines */
} GenTextLine;

GenDoc     *gen_doc_new             (const GenDocSpec *spec);
void        gen_doc_free            (GenDoc           *doc);
const GenDocSpec *gen_doc_get_spec  (GenDoc           *doc);
guint       gen_doc_get_n_pages     (GenDoc           *doc);
/* printed page number, -1 if none */
int         gen_doc_page_number     (GenDoc           *doc,
                                     guint             page);
/* the text printed as folio ("- 3 -"), NULL if none */
const char *gen_doc_page_folio      (GenDoc           *doc,
                                     guint             page);
/* the PDF page label, NULL if none */
const char *gen_doc_page_label      (GenDoc           *doc,
                                     guint             page);
/* physical page carrying a printed number, 0 if none */
guint       gen_doc_page_for_number (GenDoc           *doc,
                                     int               number);
gboolean    gen_doc_find_anchor     (GenDoc           *doc,
                                     const char       *anchor,
                                     GenAnchorInfo    *info);
/* The lines drawn on a physical page (GenTextLine*), in reading order:
 * running header, content (the cover and contents read top to bottom,
 * left to right), folio. */
GPtrArray  *gen_doc_page_spans      (GenDoc           *doc,
                                     guint             page);
/* the lines of gen_doc_page_spans joined by "\n" (lines sharing a
 * baseline in the header, cover or contents joined by " ") */
char       *gen_doc_page_text       (GPtrArray        *spans);
/* draw one physical page (1-based) in points on cr */
void        gen_doc_render_page     (GenDoc           *doc,
                                     cairo_t          *cr,
                                     guint             page);
gboolean    gen_doc_write_pdf       (GenDoc           *doc,
                                     const char       *path,
                                     GenRng           *rng,
                                     GError          **error);
GBytes     *gen_doc_pdf_bytes       (GenDoc           *doc,
                                     GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenDoc, gen_doc_free)

#define GEN_A4_WIDTH  595.2756
#define GEN_A4_HEIGHT 841.8898

/* the page in points: A4, portrait or landscape */
void        gen_doc_get_size        (GenDoc           *doc,
                                     double           *width,
                                     double           *height);

/* cairo_pdf_surface_set_metadata with everything fixed */
void        gen_pdf_set_metadata    (cairo_surface_t  *surface,
                                     const char       *title,
                                     const char       *author,
                                     const char       *date);

G_END_DECLS
