/* shinsa — the form stage: reading 申請書B, 申請書A and the 資料内訳書
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every reader (xlsx.c, xls.c, csv.c) turns a file into a FormBook: sheets
 * of cells with text, per-run colour and merged ranges.  formb.c,
 * facesheet.c and inventory.c read what they need from a FormBook without
 * knowing where it came from; rules.c turns the result into findings.
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

/**
 * FormLimits:
 * What a workbook may cost before it is refused as hostile.
 */
typedef struct {
  guint64 max_file_bytes;        /* the file itself */
  guint64 max_part_bytes;        /* one unpacked zip entry */
  guint64 max_total_bytes;       /* all unpacked entries read */
  guint   max_ratio;             /* unpacked / file size, above 1 MiB unpacked */
  guint   max_entries;           /* zip entries */
  guint   max_cells;             /* non-empty cells over all sheets */
  guint   max_sheets;
  guint   max_rows;              /* highest row number of a cell with a value */
  guint   max_cols;
} FormLimits;

void form_limits_init_default (FormLimits *limits);

typedef enum {
  FORM_ERROR_FAILED,             /* shinsa could not run its reader: not the file's fault */
  FORM_ERROR_NOT_WORKBOOK,       /* not a zip / not OOXML / not BIFF / not text */
  FORM_ERROR_LIMIT,              /* too big, too many cells, sheets, rows */
  FORM_ERROR_HOSTILE,            /* DTDs or entities in a part, a crafted BIFF file */
  FORM_ERROR_MALFORMED,          /* damaged: XML not well formed, a cut zip, broken BIFF */
  FORM_ERROR_BOMB,               /* unpacks to far more than it holds: a zip bomb */
  FORM_ERROR_NO_SHEET,           /* an .xlsx without a worksheet (chart sheets only) */
  FORM_ERROR_ENCODING,           /* text neither UTF-8 nor CP932 */
  FORM_ERROR_CRASHED,            /* the isolated .xls reader crashed or ran out of time */
} FormError;

/* Excel's indexed colours 0–63 (0xRRGGBB): the BIFF8 default palette, also
 * what an .xlsx's indexed="N" means without a palette of its own */
extern const guint32 form_default_palette[64];

#define FORM_ERROR (form_error_quark ())
GQuark form_error_quark (void);

/**
 * form_error_explain:
 * @error: what a reader gave
 * @limits: the limits it read under, quoted when one was passed
 *
 * Returns: (transfer full): what is wrong, and what the examiner should do,
 * in Japanese for the DOC-UNREADABLE finding; without any path, since a
 * file from an archive lies in a private temporary folder
 */
char *form_error_explain (const GError *error, const FormLimits *limits);

/**
 * FormCell:
 * @row: 1-based
 * @col: 1-based
 * @text: the value as shown ("" never stored: empty cells are absent)
 * @runs: (element-type ShinsaFormRun): its runs; one run when not rich text
 */
typedef struct {
  guint row, col;
  char *text;
  GArray *runs;
} FormCell;

typedef struct {
  guint first_row, first_col, last_row, last_col;
} FormRange;

typedef struct {
  char *name;
  GHashTable *cells;             /* key: row << 14 | col */
  GArray *merges;                /* FormRange */
  guint max_row, max_col;
} FormSheet;

typedef struct {
  char *path;                    /* submission-relative, for messages */
  char *format;                  /* "xlsx", "xls", "csv" */
  GPtrArray *sheets;             /* FormSheet */
} FormBook;

FormBook  *form_book_new (const char *path, const char *format);
void       form_book_free (FormBook *book);
FormSheet *form_book_add_sheet (FormBook *book, const char *name);
/* @runs: (transfer full) (nullable): NULL makes one uncoloured run */
FormCell  *form_sheet_set (FormSheet *sheet, guint row, guint col, const char *text, GArray *runs);
/* (nullable): the cell, or the anchor of a merged range covering it when
 * @follow_merges */
FormCell  *form_sheet_get (FormSheet *sheet, guint row, guint col, gboolean follow_merges);
/* the merged range with top-left @row, @col, or NULL */
const FormRange *form_sheet_merge_at (FormSheet *sheet, guint row, guint col);
const FormRange *form_sheet_merge_covering (FormSheet *sheet, guint row, guint col);
/* "E45", "AA3" */
char      *form_cell_name (guint row, guint col);
GArray    *form_runs_new (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FormBook, form_book_free)

/* readers; NULL with FORM_ERROR or G_FILE_ERROR naming the file */
FormBook *form_read_xlsx (const char *local_path, const char *path,
                          const FormLimits *limits, GError **error);
FormBook *form_read_xls (const char *local_path, const char *path,
                         const FormLimits *limits, GError **error);
/* the same, in this process: what the isolated worker (xls-worker.c) runs */
FormBook *form_read_xls_direct (const char *local_path, const char *path,
                                const FormLimits *limits, GError **error);
FormBook *form_read_csv (const char *local_path, const char *path,
                         const FormLimits *limits, GError **error);
/* by extension, then by content */
FormBook *form_read_any (const char *local_path, const char *path,
                         const FormLimits *limits, GError **error);

/* text as matched against labels: NFKC, no white space */
char *form_normalize_label (const char *text);

/**
 * formb_read:
 * @book: the workbook
 * @form: receives the items, title, format and path
 * @error: FORM_ERROR_FAILED when no sheet holds a recognisable table
 *
 * Finds the table by its header labels (通番/項番/No., 開示項目, 申請内容,
 * 添付書類等…) on any sheet, in any column order and header row, and reads
 * every item row; items may span rows, sub-headings are kept as sections.
 */
gboolean formb_read (FormBook *book, ShinsaForm *form, GError **error);
/* whether @book looks like a 申請書B: a sheet with the table's header */
gboolean formb_detect (FormBook *book);

/**
 * paper_read:
 * @doc: a 申請書B whose pages the extract stage has read (PDF or scan)
 *
 * Finds the header row and column positions on each page and assigns the
 * spans to items by 通番, keeping each span's colour.
 * Returns: FALSE with @error when no page has the form's header
 */
gboolean paper_read (ShinsaDocument *doc, ShinsaForm *form, GError **error);
/* on a form read from paper, the text the OCR ran from the item name into
 * the content is moved back, by the catalogue's item names */
void     form_paper_repair_names (ShinsaForm *form, const ShinsaScheme *scheme);

/* 申請書A: label → value pairs */
ShinsaFaceSheet *facesheet_read (FormBook *book);

/**
 * inventory_read:
 * Reads 資料番号, 資料名称 and ファイル名 rows into @entries.
 * Returns: FALSE with @error when there is no such header
 */
gboolean inventory_read (FormBook *book, GPtrArray *entries, GError **error);

/**
 * FormItemStatus: per-item outcome of the rules, for report.json items[]
 */
typedef struct {
  int no;
  ShinsaSeverity worst;
  gboolean any;
} FormItemStatus;

/**
 * form_rules_apply:
 * @form: the form read
 * @scheme: (nullable): the scheme's catalogue
 * @statuses: (out): hash table 通番 → worst severity + 1 (0: ok)
 *
 * Every form rule, as findings on @ctx.
 */
void form_rules_apply (ShinsaContext *ctx,
                       ShinsaForm *form,
                       const ShinsaScheme *scheme,
                       GHashTable *statuses);

/* the inventory against the submitted files: ids bound, INVENTORY-FILE-MISSING,
 * DOC-NOT-IN-INVENTORY */
void inventory_bind (ShinsaContext *ctx, ShinsaForm *form);

gboolean form_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error);

extern const ShinsaStageInfo form_stage;

G_END_DECLS
