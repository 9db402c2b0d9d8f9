/* shinsa — the form stage: 申請書B, 申請書A and the 資料内訳書 into the
 * "form" artifact, and the form rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "form.h"

static gboolean
readable (ShinsaDocument *doc)
{
  ShinsaDocumentStatus st = shinsa_document_get_status (doc);
  return st != SHINSA_DOCUMENT_STATUS_ENCRYPTED && st != SHINSA_DOCUMENT_STATUS_UNREADABLE;
}

static gboolean
is_spreadsheet_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm") || g_str_has_suffix (lower, ".xls")
         || g_str_has_suffix (lower, ".csv");
}

/* "64MiB", "200,000" */
static char *
size_ja (guint64 bytes)
{
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "MiB", bytes / (1024 * 1024));
  return g_strdup_printf ("%" G_GUINT64_FORMAT "バイト", bytes);
}

static char *
count_ja (guint n)
{
  GString *s = g_string_new (NULL);
  g_autofree char *digits = g_strdup_printf ("%u", n);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

char *
form_error_explain (const GError *error, const FormLimits *limits)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != FORM_ERROR)
    /* G_FILE_ERROR: the copy on this machine could not be read */
    return g_strdup ("ファイルを読み出せません（入出力エラー）。提出された媒体から取り込み直し、"
                     "それでも読めなければ再提出を求めてください。");
  switch ((FormError) error->code)
    {
    case FORM_ERROR_NOT_WORKBOOK:
      return g_strdup ("中身が表計算ファイル（Excelの.xlsx・.xls、またはCSV）ではありません。"
                       "拡張子と中身が合っているか確かめ、正しいファイルの再提出を求めてください。");
    case FORM_ERROR_LIMIT:
      if (limits != NULL)
        {
          g_autofree char *file = size_ja (limits->max_file_bytes);
          g_autofree char *cells = count_ja (limits->max_cells);
          g_autofree char *sheets = count_ja (limits->max_sheets);
          g_autofree char *rows = count_ja (limits->max_rows);
          g_autofree char *cols = count_ja (limits->max_cols);
          return g_strdup_printf ("審査で読める大きさの上限（ファイル%s、値のあるセル%s個、シート%s枚、"
                                  "%s行・%s列）を超えています。不要なシートや行を除いたファイルの"
                                  "再提出を求めてください。", file, cells, sheets, rows, cols);
        }
      return g_strdup ("審査で読める大きさの上限（ファイルの大きさ、セル・シート・行の数）を超えています。"
                       "不要なシートや行を除いたファイルの再提出を求めてください。");
    case FORM_ERROR_BOMB:
      return g_strdup ("展開すると異常な量のデータになる圧縮（zip爆弾）の疑いがあるため、読み込みを止めました。"
                       "このファイルを手元のExcelで開かず、作成し直したファイルの再提出を求めてください。");
    case FORM_ERROR_HOSTILE:
      return g_strdup ("細工されたファイルに見られる構造（DTD・外部参照の宣言、または壊された内部構造）を"
                       "含むため、読み込みを拒否しました。このファイルを手元のExcelで開かず、"
                       "保存し直したファイルの再提出を求めてください。");
    case FORM_ERROR_MALFORMED:
      return g_strdup ("ファイルが壊れているか、途中で切れています（コピーや書き込みの失敗が考えられます）。"
                       "元のファイルの再提出を求めてください。");
    case FORM_ERROR_NO_SHEET:
      return g_strdup ("ワークシートが1枚もありません（グラフシートだけのブックなど）。"
                       "申請書の表があるファイルの再提出を求めてください。");
    case FORM_ERROR_ENCODING:
      return g_strdup ("文字コードがUTF-8でもShift_JIS（CP932）でもないため、文字を読めません。"
                       "Excelで「CSV UTF-8」か.xlsx形式で保存し直したファイルの再提出を求めてください。");
    case FORM_ERROR_CRASHED:
      return g_strdup ("Excel 97-2003形式（.xls）の読み取りが異常終了しました（時間切れを含みます）。"
                       "壊れているか、細工されたファイルの可能性があります。このファイルを手元のExcelで"
                       "開かず、.xlsx形式で保存し直したファイルの再提出を求めてください。");
    case FORM_ERROR_FAILED:
    default:
      return g_strdup ("shinsaの読み取り処理を実行できませんでした。ファイルの問題とは限りません。"
                       "報告の status_reason を確かめ、このファイルは手作業で確認してください。");
    }
}

/* (transfer full) (nullable): the document's workbook; a file that cannot
 * be read is DOC-UNREADABLE, named, and the run goes on */
static FormBook *
read_book (ShinsaContext *ctx, ShinsaDocument *doc, const FormLimits *limits)
{
  g_autoptr(GError) error = NULL;
  FormBook *book = form_read_any (shinsa_document_get_local_path (doc), shinsa_document_get_path (doc),
                                  limits, &error);
  g_autofree char *reason = NULL;
  ShinsaFinding *f;

  if (book != NULL)
    return book;
  /* examiners read Japanese; the English message, for the logs, goes in
   * the document's status reason */
  reason = form_error_explain (error, limits);
  f = shinsa_context_add_finding (ctx, "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR,
                                  "「%s」を表計算ファイルとして読めません。%s",
                                  shinsa_document_get_path (doc), reason);
  shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
  if (shinsa_document_get_status (doc) != SHINSA_DOCUMENT_STATUS_UNREADABLE)
    shinsa_document_set_status (doc, SHINSA_DOCUMENT_STATUS_UNREADABLE, error->message);
  return NULL;
}

/* a paper form read well has its 通番 in order, each once */
static gboolean
paper_plausible (ShinsaForm *form)
{
  guint out_of_order = 0;

  for (guint i = 1; i < form->items->len; i++)
    {
      ShinsaFormItem *a = g_ptr_array_index (form->items, i - 1);
      ShinsaFormItem *b = g_ptr_array_index (form->items, i);
      if (b->no <= a->no)
        out_of_order++;
    }
  return form->items->len > 0 && out_of_order * 20 <= form->items->len;
}

static const char *
resolve_scheme (ShinsaContext *ctx, const ShinsaOptions *options, ShinsaForm *form)
{
  const char *opt = shinsa_options_get_string (options, "scheme");
  const char *guess;

  if (opt != NULL && strcmp (opt, "auto") != 0)
    return opt;
  if (shinsa_context_get_scheme (ctx) != NULL)
    return shinsa_context_get_scheme (ctx);
  if ((guess = shinsa_scheme_guess_from_title (form->title)) != NULL)
    return guess;
  if (form->face != NULL && (guess = shinsa_scheme_guess_from_title (form->face->scheme_title)) != NULL)
    return guess;
  return NULL;
}

static JsonNode *
items_json (ShinsaForm *form, GHashTable *statuses)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  static const char *const status_names[] = { "ok", "info", "warning", "error" };

  json_builder_begin_array (b);
  for (guint i = 0; i < form->items->len; i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (form->items, i);
      guint st = GPOINTER_TO_UINT (g_hash_table_lookup (statuses, GINT_TO_POINTER (item->no)));
      /* info findings leave an item ok */
      const char *status = st == 0 || st == SHINSA_SEVERITY_INFO + 1 ? "ok" : status_names[st];
      g_autofree char *red = shinsa_form_item_dup_red_content (item);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "no");
      json_builder_add_int_value (b, item->no);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, item->name != NULL ? item->name : "");
      json_builder_set_member_name (b, "class");
      json_builder_add_string_value (b, shinsa_item_class_to_string (item->klass));
      json_builder_set_member_name (b, "content");
      json_builder_add_string_value (b, item->content);
      if (item->old_content != NULL)
        {
          /* a renewal form written old/new side by side */
          json_builder_set_member_name (b, "old_content");
          json_builder_add_string_value (b, item->old_content);
          json_builder_set_member_name (b, "new_content");
          json_builder_add_string_value (b, item->new_content);
        }
      json_builder_set_member_name (b, "evidence");
      json_builder_add_string_value (b, item->evidence);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, status);
      json_builder_set_member_name (b, "marked");
      json_builder_add_boolean_value (b, shinsa_form_item_has_red (item));
      if (red != NULL)
        {
          json_builder_set_member_name (b, "red_content");
          json_builder_add_string_value (b, red);
        }
      json_builder_set_member_name (b, "source");
      json_builder_begin_object (b);
      if (item->where.sheet != NULL)
        {
          json_builder_set_member_name (b, "sheet");
          json_builder_add_string_value (b, item->where.sheet);
        }
      if (item->where.content_cell != NULL)
        {
          json_builder_set_member_name (b, "cell");
          json_builder_add_string_value (b, item->where.content_cell);
        }
      if (item->where.page > 0)
        {
          json_builder_set_member_name (b, "page");
          json_builder_add_int_value (b, item->where.page);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

gboolean
form_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  GPtrArray *docs = shinsa_context_get_documents (ctx);
  g_autoptr(ShinsaForm) form = shinsa_form_new ();
  g_autoptr(GPtrArray) form_b = g_ptr_array_new ();
  g_autoptr(GHashTable) statuses = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(ShinsaScheme) scheme = NULL;
  const char *scheme_name;
  gboolean have_form = FALSE, paper_only = FALSE, paper_rejected = FALSE;
  FormLimits limits;

  form_limits_init_default (&limits);

  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      if (shinsa_document_get_role (doc) == SHINSA_ROLE_FORM_B)
        g_ptr_array_add (form_b, doc);
    }
  /* spreadsheets first: a PDF print beside the CD-R's workbook is the same form */
  for (guint i = 0; i < form_b->len && !have_form; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (form_b, i);
      g_autoptr(FormBook) book = NULL;
      g_autoptr(GError) local = NULL;

      if (!is_spreadsheet_name (shinsa_document_get_path (doc)))
        {
          paper_only = TRUE;
          continue;
        }
      if (!readable (doc) || (book = read_book (ctx, doc, &limits)) == NULL)
        continue;
      if (!formb_read (book, form, &local))
        {
          ShinsaFinding *f = shinsa_context_add_finding (ctx, "FORM-TABLE-NOT-FOUND", SHINSA_SEVERITY_ERROR,
                                                         "「%s」に申請書Bの表（通番・開示項目・申請内容・添付書類等の見出し）が見つかりません（%s）",
                                                         shinsa_document_get_path (doc), local->message);
          shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
          g_ptr_array_set_size (form->items, 0);
          continue;
        }
      have_form = TRUE;
    }
  /* paper only: the extract stage's spans, when it ran before this stage */
  for (guint i = 0; i < form_b->len && !have_form; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (form_b, i);
      g_autoptr(GError) local = NULL;
      GPtrArray *pages;

      if (is_spreadsheet_name (shinsa_document_get_path (doc)) || !readable (doc))
        continue;
      pages = shinsa_document_get_page_list (doc);
      if (pages == NULL || pages->len == 0)
        continue;
      if (paper_read (doc, form, &local) && !paper_plausible (form))
        {
          /* OCR misreads 通番 (1 for 7, 2.1 for 2): a form whose numbers do
           * not run in order is not trusted, rather than reported wrongly */
          ShinsaFinding *f = shinsa_context_add_finding (ctx, "FORM-B-NOT-READ", SHINSA_SEVERITY_WARNING,
                                                         "「%s」の通番を順に読み取れなかったため（読み取り精度の不足）、紙の申請書Bの項目を審査していません",
                                                         shinsa_document_get_path (doc));
          shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
          g_ptr_array_set_size (form->items, 0);
          paper_only = FALSE;
          paper_rejected = TRUE;
          continue;
        }
      if (form->items->len == 0)
        {
          ShinsaFinding *f = shinsa_context_add_finding (ctx, "FORM-TABLE-NOT-FOUND", SHINSA_SEVERITY_ERROR,
                                                         "「%s」のどの頁にも申請書Bの表（通番・開示項目・申請内容・添付書類等の見出し）が見つかりません",
                                                         shinsa_document_get_path (doc));
          shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
          g_ptr_array_set_size (form->items, 0);
          paper_rejected = TRUE;
          continue;
        }
      have_form = TRUE;
    }
  /* no file named as 申請書B: a spreadsheet that has its table */
  for (guint i = 0; i < docs->len && !have_form && form_b->len == 0; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      g_autoptr(FormBook) book = NULL;
      g_autoptr(GError) ignored = NULL;

      if (shinsa_document_get_role (doc) != SHINSA_ROLE_OTHER || !readable (doc)
          || !is_spreadsheet_name (shinsa_document_get_path (doc)))
        continue;
      book = form_read_any (shinsa_document_get_local_path (doc), shinsa_document_get_path (doc), &limits, &ignored);
      if (book != NULL && formb_detect (book) && formb_read (book, form, NULL))
        {
          shinsa_document_set_role (doc, SHINSA_ROLE_FORM_B);
          have_form = TRUE;
        }
    }

  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      ShinsaRole role = shinsa_document_get_role (doc);
      g_autoptr(FormBook) book = NULL;

      if ((role != SHINSA_ROLE_FORM_A && role != SHINSA_ROLE_INVENTORY) || !readable (doc)
          || !is_spreadsheet_name (shinsa_document_get_path (doc)))
        continue;
      if (role == SHINSA_ROLE_FORM_A && form->face != NULL)
        continue;
      if (role == SHINSA_ROLE_INVENTORY && form->inventory_path != NULL)
        continue;
      if ((book = read_book (ctx, doc, &limits)) == NULL)
        continue;
      if (role == SHINSA_ROLE_FORM_A)
        {
          form->face = facesheet_read (book);
          if (form->face->certification_number != NULL
              && !shinsa_certification_number_parse (form->face->certification_number, NULL, NULL, NULL, NULL))
            {
              ShinsaFinding *f = shinsa_context_add_finding (ctx, "FORM-A-CERT-NUMBER-INVALID", SHINSA_SEVERITY_WARNING,
                                                             "「%s」の認定番号「%s」が、識別子・4桁の通番・4桁の認定年月の形式になっていません",
                                                             shinsa_document_get_path (doc), form->face->certification_number);
              shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
            }
        }
      else
        {
          g_autoptr(GError) local = NULL;
          form->inventory_path = g_strdup (shinsa_document_get_path (doc));
          if (!inventory_read (book, form->inventory, &local))
            {
              ShinsaFinding *f = shinsa_context_add_finding (ctx, "INVENTORY-UNREADABLE", SHINSA_SEVERITY_ERROR,
                                                             "資料内訳書「%s」に資料番号・資料名称の見出しが見つかりません",
                                                             shinsa_document_get_path (doc));
              shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
            }
          else
            inventory_bind (ctx, form);
        }
    }

  scheme_name = resolve_scheme (ctx, options, form);
  if (scheme_name == NULL)
    {
      ShinsaFinding *f = shinsa_context_add_finding (ctx, "FORM-SCHEME-UNKNOWN", SHINSA_SEVERITY_WARNING,
                                                     "認定制度が分からないため、IaaS・PaaS（IoT）の基準で審査しました（submission.ini の scheme か --set form.scheme= で指定できます）");
      (void) f;
      scheme_name = "iaas-paas-iot";
    }
  if (shinsa_context_get_scheme (ctx) == NULL)
    shinsa_context_set_scheme (ctx, scheme_name);
  scheme = shinsa_scheme_load (scheme_name, error);
  if (scheme == NULL)
    {
      g_prefix_error (error, "form stage: ");
      return FALSE;
    }
  form->scheme = g_strdup (scheme_name);

  if (have_form)
    {
      if (g_strcmp0 (form->format, "pdf") == 0)
        form_paper_repair_names (form, scheme);
      for (guint i = 0; i < form->items->len; i++)
        {
          ShinsaFormItem *item = g_ptr_array_index (form->items, i);
          const ShinsaSchemeItem *si = shinsa_scheme_get_item (scheme, item->no);
          item->klass = si != NULL ? si->klass : SHINSA_ITEM_CLASS_UNKNOWN;
        }
      form_rules_apply (ctx, form, scheme, statuses);
    }
  else if (!paper_rejected)
    {
      ShinsaFinding *f;
      if (paper_only)
        f = shinsa_context_add_finding (ctx, "FORM-B-NOT-READ", SHINSA_SEVERITY_WARNING,
                                        "申請書Bが紙（PDF・画像）でのみ提出されており、その頁の文字が読み取られていないため項目を読めませんでした（パイプラインに extract 段を入れてください）");
      else
        f = shinsa_context_add_finding (ctx, "FORM-B-NOT-READ", SHINSA_SEVERITY_ERROR,
                                        "申請書Bを読み取れませんでした（提出されていないか、表が見つかりません）");
      (void) f;
    }

  shinsa_context_set_report_member (ctx, "items", items_json (form, statuses));
  shinsa_context_set_artifact (ctx, "form", g_steal_pointer (&form), (GDestroyNotify) shinsa_form_unref);
  return TRUE;
}

static const char *const scheme_choices[] = { "auto", "iaas-paas-iot", "tokutei-asp-saas", NULL };

static const ShinsaOptionSpec form_options[] = {
  { "scheme", SHINSA_OPTION_ENUM, "auto",
    "certification scheme: auto takes submission.ini, then the form's title", scheme_choices },
  { NULL }
};

static const char *const form_needs[] = { "documents", NULL };
static const char *const form_provides[] = { "form", NULL };

const ShinsaStageInfo form_stage = {
  "form",
  "申請書B・申請書A・資料内訳書の読み取りと形式チェック",
  "read 申請書B, 申請書A and the inventory; apply the form rules",
  form_options, form_needs, form_provides, form_run
};
