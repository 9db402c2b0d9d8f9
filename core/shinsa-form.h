/* shinsa — the application form as read: 申請書B items, 申請書A fields and
 * the 資料内訳書, whatever file they came from
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The form stage provides the artifact "form", a #ShinsaForm.  Later stages
 * (crossref, renewal, bundle, report) read it; none of them needs to know
 * whether the form was a workbook, a CSV file or a scanned page.
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * ShinsaItemClass:
 * @SHINSA_ITEM_CLASS_UNKNOWN: not in the scheme's catalogue
 * @SHINSA_ITEM_CLASS_REQUIRED: 必須開示項目
 * @SHINSA_ITEM_CLASS_OPTIONAL: 選択開示項目
 * @SHINSA_ITEM_CLASS_MIXED: 必須／選択: only some sub-fields are required
 * @SHINSA_ITEM_CLASS_REQUIRED_THRESHOLD: 必須 and 一定の要件を考慮すべき項目
 *
 * Written in schemes and report.json as "unknown", "required", "optional",
 * "mixed", "required+threshold".
 */
typedef enum {
  SHINSA_ITEM_CLASS_UNKNOWN,
  SHINSA_ITEM_CLASS_REQUIRED,
  SHINSA_ITEM_CLASS_OPTIONAL,
  SHINSA_ITEM_CLASS_MIXED,
  SHINSA_ITEM_CLASS_REQUIRED_THRESHOLD,
} ShinsaItemClass;

const char *shinsa_item_class_to_string (ShinsaItemClass klass);
gboolean    shinsa_item_class_from_string (const char *str, ShinsaItemClass *out_class);

/**
 * ShinsaFormRun:
 * @text: UTF-8, never NULL
 * @color: 0xRRGGBB of the ink, meaningful when @has_color
 * @has_color: FALSE for automatic (black) ink
 * @strike: struck through (the old content of a renewal is often struck)
 *
 * A stretch of text in one colour.  Runs of a cell concatenate to its text.
 */
typedef struct {
  char *text;
  guint32 color;
  gboolean has_color;
  gboolean strike;
} ShinsaFormRun;

/* whether @run is in red ink (朱書き): a red hue (within 20° of red; within
 * 10° when pale, as red ink comes out of a scan), saturated and not dark */
gboolean shinsa_form_run_is_red (const ShinsaFormRun *run);
/* the same test on a colour */
gboolean shinsa_color_is_red (guint32 rgb);

/**
 * ShinsaFormLocation:
 * @sheet: (nullable): worksheet name (spreadsheets, CSV files: the file's name)
 * @first_row: first spreadsheet row of the item, 1-based, 0 for paper
 * @last_row: last row of the item (items may span rows)
 * @no_cell: (nullable): A1 reference of the 通番 cell, e.g. "A45"
 * @name_cell: (nullable): of the item name
 * @content_cell: (nullable): of 申請内容, a range when it spans rows ("E45:E47")
 * @evidence_cell: (nullable): of 添付書類等
 * @page: physical page of a paper form, 1-based, 0 for spreadsheets
 * @x: box of the item's row on @page, in PDF points from the top left
 * @y: as @x
 * @width: as @x
 * @height: as @x
 */
typedef struct {
  char *sheet;
  int first_row;
  int last_row;
  char *no_cell;
  char *name_cell;
  char *content_cell;
  char *evidence_cell;
  int page;
  double x, y, width, height;
} ShinsaFormLocation;

/**
 * ShinsaFormItem:
 * @no: 通番 as written on the form
 * @name: (nullable): the item name as written (開示項目)
 * @section: (nullable): the sub-heading the item sits under, as written
 * @klass: from the scheme's catalogue, by 通番
 * @class_label: (nullable): 区分 as written (必須, 選択…)
 * @content: 申請内容, rows joined by '\n'; "" when empty
 * @content_runs: (element-type ShinsaFormRun): its runs
 * @fields: (array zero-terminated=1): the 記述内容 sub-field values, in order:
 *   split at ①②… or 【記述内容N】, or one per row when the item spans rows;
 *   a single element (the whole content) when the content is not split
 * @fields_marked: @fields came from explicit markers or separate rows, so an
 *   absent sub-field is really missing
 * @evidence: 添付書類等; "" when empty
 * @evidence_runs: (element-type ShinsaFormRun): its runs
 * @where: where the item is on the form
 * @old_content: (nullable): on a renewal form written old/new side by side
 *   (（旧）…（新）…, 変更前/変更後, 改定前/改定後, 旧：/新：), the old text;
 *   NULL when the content is not so written
 * @new_content: (nullable): the new text of such a content (what the rules
 *   check and @fields are split from); NULL when not so written
 *
 * Refcounted; read-only once the form stage has provided it.
 */
typedef struct {
  int no;
  char *name;
  char *section;
  ShinsaItemClass klass;
  char *class_label;
  char *content;
  GArray *content_runs;
  char **fields;
  gboolean fields_marked;
  char *evidence;
  GArray *evidence_runs;
  ShinsaFormLocation where;
  char *old_content;
  char *new_content;
  /*< private >*/
  gatomicrefcount ref_count;
  gpointer _reserved[4];
} ShinsaFormItem;

#define SHINSA_TYPE_FORM_ITEM (shinsa_form_item_get_type ())
GType           shinsa_form_item_get_type (void) G_GNUC_CONST;
ShinsaFormItem *shinsa_form_item_new (int no);
ShinsaFormItem *shinsa_form_item_ref (ShinsaFormItem *item);
void            shinsa_form_item_unref (ShinsaFormItem *item);

/* appends a run to the content (or the evidence) and its text to @content */
void     shinsa_form_item_append_content (ShinsaFormItem *item, const ShinsaFormRun *run);
void     shinsa_form_item_append_evidence (ShinsaFormItem *item, const ShinsaFormRun *run);
/* whether any run of the content or evidence is red */
gboolean shinsa_form_item_has_red (const ShinsaFormItem *item);
/* (transfer full): the red text of the content, runs joined, or NULL */
char    *shinsa_form_item_dup_red_content (const ShinsaFormItem *item);
/* sets @fields from @content: split at ①② / 【記述内容N】 when present */
void     shinsa_form_item_split_fields (ShinsaFormItem *item);
/* Splits a text written old/new side by side (（旧）…（新）…, 変更前：…変更後：…,
 * 【改定前】…【改定後】…, 旧：…新：…) into its old and new sides; text outside
 * any marked part belongs to both.  FALSE (and NULLs) when @text has no old
 * and new marker. */
gboolean shinsa_form_split_old_new (const char *text, char **old_text, char **new_text);
/* the content the form rules read: @new_content when the item is written
 * old/new, @content otherwise */
const char *shinsa_form_item_get_current_content (const ShinsaFormItem *item);
/* (transfer full): "「申請書B.xlsx」のシート申請書B E45" or "「申請書B.pdf」の3頁" */
char    *shinsa_form_item_describe_cell (const ShinsaFormItem *item,
                                         const char *path,
                                         const char *cell);
JsonNode *shinsa_form_item_to_json (const ShinsaFormItem *item);

/**
 * ShinsaFaceSheet:
 * @path: the 申請書A file, relative to the submission
 * @application_type: (nullable): 申請区分 as written (新規, 更新)
 * @renewal: @application_type says 更新
 * @application_date: (nullable): 申請日 as written
 * @scheme_title: (nullable): 認定制度 as written
 * @company: (nullable): 事業者名
 * @company_kana: (nullable): 事業者名（フリガナ）
 * @corporate_number: (nullable): 法人番号, 13 digits when well formed
 * @representative: (nullable): 代表者
 * @address: (nullable): 所在地
 * @service_name: (nullable): サービス名称
 * @contact: (nullable): 申請担当者 (department, name, telephone, e-mail)
 * @certification_number: (nullable): 認定番号 (renewals)
 * @fields: every label → value pair found, label as written (char* → char*)
 */
typedef struct {
  char *path;
  char *application_type;
  gboolean renewal;
  char *application_date;
  char *scheme_title;
  char *company;
  char *company_kana;
  char *corporate_number;
  char *representative;
  char *address;
  char *service_name;
  char *contact;
  char *certification_number;
  GHashTable *fields;
  /*< private >*/
  gpointer _reserved[4];
} ShinsaFaceSheet;

ShinsaFaceSheet *shinsa_face_sheet_new (const char *path);
void             shinsa_face_sheet_free (ShinsaFaceSheet *face);
JsonNode        *shinsa_face_sheet_to_json (const ShinsaFaceSheet *face);

/**
 * shinsa_certification_number_parse:
 * @number: e.g. 特個0012-2406, IoT第0012-2406号
 * @out_identifier: (out) (optional) (transfer full): 特個
 * @out_serial: (out) (optional): 12
 * @out_year: (out) (optional): 2024
 * @out_month: (out) (optional): 6
 *
 * Seed 000 §8: an identifier, then a 4-digit serial of the certified service,
 * then 4 digits of the certification year (2) and month (2).
 * Returns: whether @number has that form with a month 01–12
 */
gboolean shinsa_certification_number_parse (const char *number,
                                            char **out_identifier,
                                            int *out_serial,
                                            int *out_year,
                                            int *out_month);

/**
 * ShinsaInventoryEntry:
 * @id: 資料番号, normalised as shinsa_document_id_from_name() does (資料3)
 * @id_as_written: as written (資料No.3)
 * @title: (nullable): 資料名称
 * @file: (nullable): file name when the inventory has that column
 * @row: row of the entry in the inventory, 1-based
 * @document: (nullable): path of the submitted file it was bound to
 */
typedef struct {
  char *id;
  char *id_as_written;
  char *title;
  char *file;
  int row;
  char *document;
} ShinsaInventoryEntry;

void shinsa_inventory_entry_free (ShinsaInventoryEntry *entry);

/**
 * ShinsaForm:
 * @scheme: (nullable): the certification scheme the form was read against
 * @path: (nullable): 申請書B, relative to the submission; NULL when none was found
 * @format: (nullable): "xlsx", "xls", "csv", "pdf"
 * @title: (nullable): the form's title line, when found
 * @items: (element-type ShinsaFormItem): in form order
 * @face: (nullable): 申請書A
 * @inventory_path: (nullable): the 資料内訳書 file
 * @inventory: (element-type ShinsaInventoryEntry): its entries, in order
 *
 * Refcounted; the artifact "form".
 */
typedef struct {
  char *scheme;
  char *path;
  char *format;
  char *title;
  GPtrArray *items;
  ShinsaFaceSheet *face;
  char *inventory_path;
  GPtrArray *inventory;
  /*< private >*/
  gatomicrefcount ref_count;
  gpointer _reserved[4];
} ShinsaForm;

#define SHINSA_TYPE_FORM (shinsa_form_get_type ())
GType       shinsa_form_get_type (void) G_GNUC_CONST;
ShinsaForm *shinsa_form_new (void);
ShinsaForm *shinsa_form_ref (ShinsaForm *form);
void        shinsa_form_unref (ShinsaForm *form);

/* (transfer none) (nullable): the first item with 通番 @no */
ShinsaFormItem *shinsa_form_find_item (const ShinsaForm *form, int no);
/* (transfer full): the form as JSON: scheme, path, items, face sheet, inventory */
JsonNode       *shinsa_form_to_json (const ShinsaForm *form);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaFormItem, shinsa_form_item_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaFaceSheet, shinsa_face_sheet_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaForm, shinsa_form_unref)

G_END_DECLS
