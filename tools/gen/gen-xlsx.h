#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small Office Open XML (SpreadsheetML) writer: shared strings with rich
 * text runs, a fixed set of cell styles, merged cells, column widths, row
 * heights, frozen header rows and print setup. XML by libxml2's
 * xmlTextWriter, zip by libarchive with fixed timestamps. */

typedef enum
{
  GEN_XLSX_STYLE_DEFAULT = 0,
  GEN_XLSX_STYLE_TITLE,        /* bold, 14 pt */
  GEN_XLSX_STYLE_HEADER,       /* bold, grey fill, borders, centred, wrapped */
  GEN_XLSX_STYLE_CELL,         /* borders, wrapped, top-left */
  GEN_XLSX_STYLE_CELL_CENTER,  /* borders, centred, top */
  GEN_XLSX_STYLE_SECTION,      /* bold, light fill, borders */
  GEN_XLSX_STYLE_NOTE,         /* 9 pt, wrapped */
  GEN_XLSX_STYLE_LABEL,        /* bold, light fill, borders, wrapped */
  GEN_XLSX_STYLE_SMALL_CELL,   /* 9 pt, borders, wrapped, top-left */
  GEN_XLSX_N_BASE_STYLES,
  /* 朱書き: the whole cell's font red; written only by workbooks that use them */
  GEN_XLSX_STYLE_CELL_RED = GEN_XLSX_N_BASE_STYLES,   /* rgb FFFF0000 */
  GEN_XLSX_STYLE_CELL_RED_INDEXED,                    /* indexed colour 10 */
  GEN_XLSX_STYLE_CELL_RED_THEME,                      /* theme 5 (accent2, red in
                                                       * the workbook's theme), tint -0.25 */
  GEN_XLSX_N_STYLES
} GenXlsxStyle;

/* a run colour that is not RGB: the palette index, or a theme colour */
#define GEN_XLSX_COLOR_INDEXED(i) (0x1000000u | (guint32) (i))
#define GEN_XLSX_COLOR_THEME(t)   (0x2000000u | (guint32) (t))

typedef struct
{
  const char *text;
  guint32     color;        /* 0xRRGGBB; 0 for the cell's own colour */
  gboolean    bold;
} GenXlsxRun;

typedef struct _GenXlsx GenXlsx;
typedef struct _GenXlsxSheet GenXlsxSheet;

GenXlsx      *gen_xlsx_new            (const char   *creator,
                                       const char   *created_iso);
void          gen_xlsx_free           (GenXlsx      *book);
GenXlsxSheet *gen_xlsx_add_sheet      (GenXlsx      *book,
                                       const char   *name);
void          gen_xlsx_set_col_width  (GenXlsxSheet *sheet,
                                       guint         col,
                                       double        width);
void          gen_xlsx_set_row_height (GenXlsxSheet *sheet,
                                       guint         row,
                                       double        points);
/* rows and columns are 1-based */
void          gen_xlsx_set_string     (GenXlsxSheet *sheet,
                                       guint         row,
                                       guint         col,
                                       const char   *text,
                                       GenXlsxStyle  style);
void          gen_xlsx_set_rich       (GenXlsxSheet     *sheet,
                                       guint             row,
                                       guint             col,
                                       const GenXlsxRun *runs,
                                       guint             n_runs,
                                       GenXlsxStyle      style);
void          gen_xlsx_set_number     (GenXlsxSheet *sheet,
                                       guint         row,
                                       guint         col,
                                       double        value,
                                       GenXlsxStyle  style);
/* a styled empty cell (keeps borders on blank cells) */
void          gen_xlsx_set_blank      (GenXlsxSheet *sheet,
                                       guint         row,
                                       guint         col,
                                       GenXlsxStyle  style);
void          gen_xlsx_merge          (GenXlsxSheet *sheet,
                                       guint         row1,
                                       guint         col1,
                                       guint         row2,
                                       guint         col2);
void          gen_xlsx_freeze_rows    (GenXlsxSheet *sheet,
                                       guint         rows);
void          gen_xlsx_set_print      (GenXlsxSheet *sheet,
                                       gboolean      landscape,
                                       guint         title_row);
GBytes       *gen_xlsx_to_bytes       (GenXlsx      *book,
                                       GError      **error);

/* Rough height in points of text wrapped in a column of Excel width
 * units: full-width characters count two. */
double        gen_xlsx_text_height    (const char   *text,
                                       double        width,
                                       double        font_points);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenXlsx, gen_xlsx_free)

G_END_DECLS
