/* shinsa — finding 申請書B's table in a workbook and reading its items
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The table is found by its header labels, not by position: forms come in
 * many layouts (columns reordered, a title block of any height, a two-row
 * header, several sheets).  Rows are assigned to items by 通番; a row with
 * no 通番 continues the item above, unless it is a sub-heading.
 */
#include <string.h>

#include "form.h"

#define HEADER_SCAN_ROWS 60
#define HEADER_SCAN_COLS 64

typedef enum {
  COL_NO,
  COL_NAME,
  COL_CLASS,
  COL_DESC,
  COL_CONTENT,
  COL_EVIDENCE,
  N_COLS
} Column;

typedef struct {
  guint col[N_COLS];           /* 0: absent */
  guint header_row;            /* last header row */
  guint first_header_row;
} Layout;

static int
classify_label (const char *text)
{
  g_autofree char *n = form_normalize_label (text);
  g_autofree char *lower = g_ascii_strdown (n, -1);

  if (*n == '\0' || strlen (n) > 60)
    return -1;
  if (strcmp (n, "通番") == 0 || strcmp (n, "項番") == 0 || strcmp (lower, "no.") == 0
      || strcmp (lower, "no") == 0 || strcmp (n, "番号") == 0 || strcmp (n, "項目番号") == 0)
    return COL_NO;
  if (g_str_has_prefix (n, "申請内容"))
    return COL_CONTENT;
  if (g_str_has_prefix (n, "添付書類") || g_str_has_prefix (n, "根拠資料") || g_str_has_prefix (n, "疎明資料"))
    return COL_EVIDENCE;
  if (g_str_has_prefix (n, "記述内容"))
    return COL_DESC;
  if (strcmp (n, "区分") == 0 || g_str_has_prefix (n, "必須/選択") || g_str_has_prefix (n, "開示区分"))
    return COL_CLASS;
  if (g_str_has_prefix (n, "開示項目") || strcmp (n, "項目") == 0 || strcmp (n, "項目名") == 0
      || g_str_has_prefix (n, "審査項目") || g_str_has_prefix (n, "情報開示項目"))
    return COL_NAME;
  return -1;
}

static void
scan_row (FormSheet *sheet, guint row, Layout *layout)
{
  for (guint col = 1; col <= MIN (sheet->max_col, HEADER_SCAN_COLS); col++)
    {
      FormCell *cell = form_sheet_get (sheet, row, col, FALSE);
      int kind;
      if (cell == NULL)
        continue;
      kind = classify_label (cell->text);
      if (kind >= 0 && layout->col[kind] == 0)
        layout->col[kind] = col;
    }
}

static gboolean
find_layout (FormSheet *sheet, Layout *out)
{
  for (guint row = 1; row <= MIN (sheet->max_row, HEADER_SCAN_ROWS); row++)
    {
      Layout layout = { { 0 }, row, row };

      scan_row (sheet, row, &layout);
      if (layout.col[COL_CONTENT] == 0 || (layout.col[COL_NO] == 0 && layout.col[COL_NAME] == 0))
        continue;
      /* a two-row header puts some labels in the row below */
      if (layout.col[COL_NO] == 0 || layout.col[COL_NAME] == 0 || layout.col[COL_EVIDENCE] == 0)
        {
          Layout below = layout;
          scan_row (sheet, row + 1, &below);
          for (int k = 0; k < N_COLS; k++)
            if (layout.col[k] == 0 && below.col[k] != 0)
              {
                layout.col[k] = below.col[k];
                layout.header_row = row + 1;
              }
        }
      if (layout.col[COL_NO] == 0)
        continue;
      *out = layout;
      return TRUE;
    }
  return FALSE;
}

gboolean
formb_detect (FormBook *book)
{
  for (guint i = 0; i < book->sheets->len; i++)
    {
      Layout layout;
      if (find_layout (g_ptr_array_index (book->sheets, i), &layout))
        return TRUE;
    }
  return FALSE;
}

/* 通番 from a cell: "12", "12.", "１２", "No.12"; 0 when not one */
static int
parse_no (const char *text)
{
  g_autofree char *n = form_normalize_label (text);
  const char *p = n;
  int v = 0;

  if (g_ascii_strncasecmp (p, "no.", 3) == 0)
    p += 3;
  if (!g_ascii_isdigit (*p))
    return 0;
  while (g_ascii_isdigit (*p))
    {
      v = v * 10 + (*p - '0');
      if (v > 9999)
        return 0;
      p++;
    }
  if (*p == '.' || *p == ')')
    p++;
  return *p == '\0' ? v : 0;
}

static char *
range_name (guint first_row, guint last_row, guint col)
{
  g_autofree char *a = form_cell_name (first_row, col);
  g_autofree char *b = NULL;
  if (last_row == first_row)
    return g_steal_pointer (&a);
  b = form_cell_name (last_row, col);
  return g_strdup_printf ("%s:%s", a, b);
}

static void
append_cell (ShinsaFormItem *item, FormCell *cell, gboolean content)
{
  void (*append) (ShinsaFormItem *, const ShinsaFormRun *) =
    content ? shinsa_form_item_append_content : shinsa_form_item_append_evidence;
  const char *current = content ? item->content : item->evidence;

  if (*current != '\0')
    {
      ShinsaFormRun nl = { (char *) "\n", 0, FALSE, FALSE };
      append (item, &nl);
    }
  for (guint i = 0; i < cell->runs->len; i++)
    append (item, &g_array_index (cell->runs, ShinsaFormRun, i));
}

static void
finish_item (ShinsaFormItem *item, FormSheet *sheet, const Layout *layout, GPtrArray *row_fields)
{
  item->where.content_cell = range_name (item->where.first_row, item->where.last_row, layout->col[COL_CONTENT]);
  if (layout->col[COL_EVIDENCE] != 0)
    item->where.evidence_cell = range_name (item->where.first_row, item->where.last_row, layout->col[COL_EVIDENCE]);
  g_clear_pointer (&item->old_content, g_free);
  g_clear_pointer (&item->new_content, g_free);
  shinsa_form_split_old_new (item->content, &item->old_content, &item->new_content);
  /* rows written old/new side by side are no longer one sub-field a row:
   * the sub-fields come from the new side's markers */
  if (row_fields->len >= 2 && item->new_content == NULL)
    {
      /* one sub-field per row: the form gives each 記述内容 its own row */
      g_strfreev (item->fields);
      g_ptr_array_add (row_fields, NULL);
      item->fields = (char **) g_ptr_array_steal (row_fields, NULL);
      item->fields_marked = TRUE;
    }
  else
    shinsa_form_item_split_fields (item);
  g_ptr_array_set_size (row_fields, 0);
}

static void
read_sheet_items (FormSheet *sheet, const Layout *layout, ShinsaForm *form)
{
  g_autofree char *section = NULL;
  g_autoptr(GPtrArray) row_fields = g_ptr_array_new_with_free_func (g_free);
  ShinsaFormItem *item = NULL;
  guint content_col = layout->col[COL_CONTENT];
  guint evidence_col = layout->col[COL_EVIDENCE];

  /* the title: the first text above the header */
  if (form->title == NULL)
    for (guint row = 1; row < layout->first_header_row && form->title == NULL; row++)
      for (guint col = 1; col <= sheet->max_col && form->title == NULL; col++)
        {
          FormCell *cell = form_sheet_get (sheet, row, col, FALSE);
          if (cell != NULL)
            form->title = g_strdup (cell->text);
        }

  for (guint row = layout->header_row + 1; row <= sheet->max_row; row++)
    {
      FormCell *no_cell = form_sheet_get (sheet, row, layout->col[COL_NO], FALSE);
      FormCell *content = form_sheet_get (sheet, row, content_col, FALSE);
      FormCell *evidence = evidence_col != 0 ? form_sheet_get (sheet, row, evidence_col, FALSE) : NULL;
      const FormRange *no_merge = form_sheet_merge_covering (sheet, row, layout->col[COL_NO]);
      int no = no_cell != NULL ? parse_no (no_cell->text) : 0;
      gboolean continues = no == 0 && item != NULL && no_merge != NULL && no_merge->first_row < row;

      if (no > 0)
        {
          FormCell *name = layout->col[COL_NAME] != 0 ? form_sheet_get (sheet, row, layout->col[COL_NAME], TRUE) : NULL;
          FormCell *klass = layout->col[COL_CLASS] != 0 ? form_sheet_get (sheet, row, layout->col[COL_CLASS], TRUE) : NULL;

          if (item != NULL)
            finish_item (item, sheet, layout, row_fields);
          item = shinsa_form_item_new (no);
          g_ptr_array_add (form->items, item);
          item->name = name != NULL ? g_strdup (name->text) : NULL;
          item->class_label = klass != NULL ? g_strdup (klass->text) : NULL;
          item->section = g_strdup (section);
          item->where.sheet = g_strdup (sheet->name);
          item->where.first_row = item->where.last_row = (int) row;
          item->where.no_cell = form_cell_name (row, layout->col[COL_NO]);
          if (layout->col[COL_NAME] != 0)
            item->where.name_cell = form_cell_name (row, layout->col[COL_NAME]);
        }
      else if (!continues)
        {
          /* a row without 通番: a sub-heading (one text across the row), a
           * continuation of the item above, or blank */
          FormCell *first = NULL;
          guint texts = 0;
          for (guint col = 1; col <= sheet->max_col && col <= HEADER_SCAN_COLS; col++)
            {
              FormCell *cell = form_sheet_get (sheet, row, col, FALSE);
              if (cell != NULL)
                {
                  texts++;
                  if (first == NULL)
                    first = cell;
                }
            }
          if (texts == 0)
            continue;
          if (content == NULL && evidence == NULL && texts == 1)
            {
              g_free (section);
              section = g_strdup (first->text);
              if (item != NULL)
                {
                  finish_item (item, sheet, layout, row_fields);
                  item = NULL;
                }
              continue;
            }
          if (item == NULL)
            continue;
        }
      if (item == NULL)
        continue;
      item->where.last_row = (int) row;
      if (content != NULL)
        {
          append_cell (item, content, TRUE);
          g_ptr_array_add (row_fields, g_strstrip (g_strdup (content->text)));
        }
      else if (layout->col[COL_DESC] != 0 && form_sheet_get (sheet, row, layout->col[COL_DESC], FALSE) != NULL)
        g_ptr_array_add (row_fields, g_strdup (""));    /* a sub-field row left empty */
      if (evidence != NULL)
        append_cell (item, evidence, FALSE);
    }
  if (item != NULL)
    finish_item (item, sheet, layout, row_fields);
}

gboolean
formb_read (FormBook *book, ShinsaForm *form, GError **error)
{
  guint tables = 0;

  for (guint i = 0; i < book->sheets->len; i++)
    {
      FormSheet *sheet = g_ptr_array_index (book->sheets, i);
      Layout layout;

      if (!find_layout (sheet, &layout))
        continue;
      tables++;
      read_sheet_items (sheet, &layout, form);
    }
  g_free (form->format);
  form->format = g_strdup (book->format);
  g_free (form->path);
  form->path = g_strdup (book->path);
  if (tables == 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      for (guint i = 0; i < book->sheets->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                ((FormSheet *) g_ptr_array_index (book->sheets, i))->name);
      g_set_error (error, FORM_ERROR, FORM_ERROR_FAILED,
                   "no sheet of '%s' has the form's header (通番, 開示項目, 申請内容, 添付書類等); sheets: %s",
                   book->path, names->str);
      return FALSE;
    }
  return TRUE;
}
