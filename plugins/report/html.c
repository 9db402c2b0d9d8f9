/* shinsa — report.html: the page an examiner does the 書類審査 from
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One self-contained file: inline CSS and script, thumbnails as data: URIs,
 * and a Content-Security-Policy that forbids every network load (the script
 * is allowed by its hash, not by 'unsafe-inline').  Everything from the
 * submission (file names, form text, messages quoting them) is hostile and
 * goes through report_append_escaped().  The page reads fully without
 * script: the filters only hide rows, and the cited pages open beside the
 * table through CSS :target.
 */
#include <string.h>

#include "report.h"

typedef struct {
  double x, y, w, h;
  const char *kind;             /* ok, weak, none, unchecked, found */
  char *label;
} Mark;

typedef struct {
  GString *out;
  JsonObject *root;
  JsonObject *face;
  ReportThumbs *thumbs;
  GHashTable *marks;            /* thumb index → GPtrArray of Mark */
  GHashTable *notes;            /* thumb index → GPtrArray of char* (who names the page) */
  GHashTable *item_numbers;     /* 通番 in items[] */
  GHashTable *item_codes;       /* 通番 → GPtrArray of codes (transfer none) */
} Html;

static const char report_css[] =
  ":root{--err:#b3261e;--warn:#9a6700;--info:#0b57d0;--ok:#1e7b34;--line:#d0d4da;--bg:#f6f7f9}"
  "*{box-sizing:border-box}"
  "body{margin:0;font-family:\"IPAexGothic\",\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",sans-serif;"
  "font-size:14px;line-height:1.55;color:#1b1f24;background:#fff}"
  "header{padding:16px 24px;background:var(--bg);border-bottom:1px solid var(--line)}"
  "h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid #1b1f24}"
  "h3{font-size:15px;margin:18px 0 6px}main{padding:0 24px 40px}"
  "dl.meta{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:2px 24px;margin:0}"
  "dl.meta div{display:flex;gap:12px}dl.meta div.wide{grid-column:1/-1}"
  "dl.meta dt{color:#57606a;min-width:5em}dl.meta dd{margin:0;font-weight:600}"
  "nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:6px 24px;z-index:5}"
  "nav a{margin-right:16px;color:#0b57d0;text-decoration:none}"
  ".verdict{font-size:17px;font-weight:700;padding:10px 14px;border-radius:6px;margin:12px 0}"
  ".v-fail{background:#fce8e6;color:var(--err)}.v-error{background:#fce8e6;color:var(--err)}"
  ".v-warning{background:#fef7e0;color:var(--warn)}.v-ok{background:#e6f4ea;color:var(--ok)}"
  "ul.counts{list-style:none;padding:0;display:flex;gap:12px;margin:8px 0}"
  "ul.counts li{border:1px solid var(--line);border-radius:6px;padding:6px 14px}"
  "ul.counts b{font-size:20px;margin-left:6px}"
  ".c-error b,.sev-error .sev{color:var(--err)}.c-warning b,.sev-warning .sev{color:var(--warn)}"
  ".c-info b,.sev-info .sev{color:var(--info)}"
  "table{border-collapse:collapse;width:100%;margin:6px 0 12px}"
  "th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}"
  "th{background:var(--bg);font-weight:600;white-space:nowrap}"
  "td.num{text-align:right;white-space:nowrap}td.code{font-family:monospace;white-space:nowrap}"
  "table.findings td:nth-child(3){min-width:4.5em}"
  ".txt{white-space:pre-wrap;word-break:break-all}.mono{font-family:monospace;font-size:12px;word-break:break-all}"
  "h3.sev-error{color:var(--err)}h3.sev-warning{color:var(--warn)}h3.sev-info{color:var(--info)}"
  ".filters{display:flex;gap:14px;flex-wrap:wrap;align-items:center;background:var(--bg);padding:8px;border-radius:6px}"
  ".filters[hidden],.only-issues[hidden]{display:none}"
  "tr.st-error td.st{background:#fce8e6;color:var(--err);font-weight:700}"
  "tr.st-warning td.st{background:#fef7e0;color:var(--warn);font-weight:700}"
  "td.st{white-space:nowrap}td.st small{display:block;font-weight:400;font-family:monospace}"
  ".cls{display:inline-block;font-size:11px;border:1px solid #888;border-radius:3px;padding:0 4px;margin-top:2px}"
  ".cls-required{border-color:var(--err);color:var(--err)}"
  "ul.cites{list-style:none;margin:4px 0 0;padding:0}ul.cites li{margin:2px 0}"
  ".sup{font-size:11px;border-radius:3px;padding:0 4px;margin-left:4px;white-space:nowrap}"
  "table.items td:nth-child(2){width:13%}table.items td:nth-child(4){width:30%}"
  ".sup-ok{background:#e6f4ea;color:var(--ok)}.sup-weak{background:#fef7e0;color:var(--warn)}"
  ".sup-none,.sup-unresolved{background:#fce8e6;color:var(--err)}.sup-unchecked{background:#eee;color:#555}"
  "a.pl{display:inline-block;border:1px solid #0b57d0;border-radius:3px;padding:0 4px;margin:0 2px;"
  "color:#0b57d0;text-decoration:none;font-size:12px}"
  "del{background:#fce8e6;color:var(--err)}ins{background:#e6f4ea;color:var(--ok);text-decoration:underline}"
  ".gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:14px}"
  ".pg{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px;background:#fff}"
  ".pg figcaption{font-size:12px;margin-bottom:6px}.pg figcaption b{font-size:13px}"
  ".pg ul{margin:2px 0 0;padding-left:16px}"
  ".pgimg{position:relative;display:block;width:100%;border:1px solid #aaa}"
  ".pgimg img{display:block;width:100%;height:auto}"
  /* outlined outside the claim's box, so the glyphs stay readable */
  ".mk{position:absolute;outline:2px solid var(--ok);outline-offset:1px;background:rgba(30,123,52,.08)}"
  ".mk-weak,.mk-none{outline-color:#e37400;background:rgba(255,171,0,.12)}"
  ".mk-found{outline-color:#0b57d0;background:rgba(11,87,208,.08)}"
  ".mk-unchecked{outline-color:#777;background:rgba(0,0,0,.05)}"
  ".pg .close{display:none;float:right}"
  ".pg:target{position:fixed;top:0;right:0;width:min(50vw,640px);max-height:100vh;overflow:auto;"
  "z-index:10;box-shadow:0 0 0 100vmax rgba(0,0,0,.25);border-radius:0}"
  ".pg:target .close{display:inline}"
  ".empty{color:#57606a}"
  "@media print{@page{size:A4;margin:12mm}"
  "body{font-size:9pt}nav,.filters,.only-issues,.pg .close{display:none!important}"
  "header{background:none;padding:0 0 8px}main{padding:0}"
  "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
  "tr,figure,.verdict{break-inside:avoid}a{color:inherit;text-decoration:none}"
  "tr[hidden]{display:table-row}"
  ".pg:target{position:static;width:auto;box-shadow:none;max-height:none}"
  ".gallery{grid-template-columns:repeat(3,1fr)}h2{break-after:avoid}}";

/* kept short and free of anything from the submission: its hash is in the CSP */
static const char report_js[] =
  "(function(){var d=document;"
  "function $(i){return d.getElementById(i)}"
  "var f=$('filters');if(f){f.hidden=false;"
  "var apply=function(){var c=$('f-code').value,i=$('f-item').value,m=$('f-doc').value,n=0;"
  "var rows=d.querySelectorAll('tr.finding');"
  "for(var k=0;k<rows.length;k++){var r=rows[k];"
  "var s=(!c||r.dataset.code===c)&&(!i||r.dataset.item===i)&&(!m||r.dataset.doc===m);"
  "r.hidden=!s;if(s)n++}"
  "var g=d.querySelectorAll('.fgroup');"
  "for(var k=0;k<g.length;k++){g[k].hidden=!g[k].querySelector('tr.finding:not([hidden])')}"
  "$('f-count').textContent=n+'\xE4\xBB\xB6\xE3\x82\x92\xE8\xA1\xA8\xE7\xA4\xBA'};"
  "['f-code','f-item','f-doc'].forEach(function(i){$(i).addEventListener('change',apply)});apply()}"
  "var o=$('only-issues');if(o){o.hidden=false;var cb=$('f-issues');"
  "cb.addEventListener('change',function(){var rows=d.querySelectorAll('tr.st-ok');"
  "for(var k=0;k<rows.length;k++)rows[k].hidden=cb.checked})}"
  "})();";

static void
mark_free (Mark *m)
{
  g_free (m->label);
  g_free (m);
}

static void
put (Html *h, const char *s)
{
  g_string_append (h->out, s);
}

static void
esc (Html *h, const char *s)
{
  report_append_escaped (h->out, s);
}

static void
put_int (Html *h, gint64 v)
{
  g_string_append_printf (h->out, "%" G_GINT64_FORMAT, v);
}

/* a percentage for a style attribute, independent of the locale */
static void
put_pct (Html *h, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (h->out, g_ascii_formatd (buf, sizeof buf, "%.2f", CLAMP (v, -5.0, 105.0)));
  g_string_append_c (h->out, '%');
}

static const char *
severity_ja (const char *s)
{
  if (g_strcmp0 (s, "error") == 0)
    return "エラー";
  if (g_strcmp0 (s, "warning") == 0)
    return "警告";
  if (g_strcmp0 (s, "info") == 0)
    return "情報";
  return s != NULL ? s : "";
}

static const char *
class_ja (const char *c)
{
  static const struct { const char *name, *ja; } map[] = {
    { "required", "必須" }, { "optional", "選択" }, { "mixed", "必須／選択" },
    { "required+threshold", "必須・要件" }, { "unknown", "区分不明" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (c, map[i].name) == 0)
      return map[i].ja;
  return c;
}

static gboolean
class_is_required (const char *c)
{
  return c != NULL && (g_str_has_prefix (c, "required") || strcmp (c, "mixed") == 0);
}

static const char *
status_ja (const char *s)
{
  if (g_strcmp0 (s, "error") == 0)
    return "不備";
  if (g_strcmp0 (s, "warning") == 0)
    return "要確認";
  if (g_strcmp0 (s, "ok") == 0)
    return "適";
  return s != NULL ? s : "";
}

static const char *
role_ja (const char *r)
{
  static const struct { const char *name, *ja; } map[] = {
    { "form-b", "申請書B" }, { "form-a", "申請書A" }, { "inventory", "資料内訳書" },
    { "evidence", "疎明資料" }, { "registry-certificate", "登記事項証明書" }, { "other", "その他" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (r, map[i].name) == 0)
      return map[i].ja;
  return r;
}

static const char *
support_ja (const char *s)
{
  if (g_strcmp0 (s, "ok") == 0)
    return "記載あり";
  if (g_strcmp0 (s, "weak") == 0)
    return "記載が不十分";
  if (g_strcmp0 (s, "none") == 0)
    return "記載なし";
  return "未確認";
}

static const char *
support_class (const char *s)
{
  if (g_strcmp0 (s, "ok") == 0 || g_strcmp0 (s, "weak") == 0 || g_strcmp0 (s, "none") == 0)
    return s;
  return "unchecked";
}

/* ---- who names which page: marks and notes for the gallery -------------- */

static GPtrArray *
index_list (GHashTable *table, int index, GDestroyNotify free_func)
{
  GPtrArray *list = g_hash_table_lookup (table, GINT_TO_POINTER (index));

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (free_func);
      g_hash_table_insert (table, GINT_TO_POINTER (index), list);
    }
  return list;
}

static void
add_note (Html *h, const char *path, int page, char *note)
{
  int index = report_thumbs_index (h->thumbs, path, page);
  GPtrArray *notes;

  if (index < 0)
    {
      g_free (note);
      return;
    }
  notes = index_list (h->notes, index, g_free);
  for (guint i = 0; i < notes->len; i++)
    if (strcmp (g_ptr_array_index (notes, i), note) == 0)
      {
        g_free (note);
        return;
      }
  g_ptr_array_add (notes, note);
}

static void
add_matches (Html *h, const char *path, JsonArray *matches, const char *kind, int item)
{
  for (guint i = 0; matches != NULL && i < json_array_get_length (matches); i++)
    {
      JsonObject *m = json_array_get_object_element (matches, i);
      JsonArray *box = m != NULL ? report_json_array (m, "box") : NULL;
      int index;
      Mark *mark;

      if (box == NULL || json_array_get_length (box) != 4)
        continue;
      index = report_thumbs_index (h->thumbs, path, (int) report_json_int (m, "page", 0));
      if (index < 0)
        continue;
      mark = g_new0 (Mark, 1);
      mark->x = json_array_get_double_element (box, 0);
      mark->y = json_array_get_double_element (box, 1);
      mark->w = json_array_get_double_element (box, 2);
      mark->h = json_array_get_double_element (box, 3);
      mark->kind = kind;
      mark->label = g_strdup_printf ("通番%d: %s", item,
                                     report_json_string (m, "text") != NULL ? report_json_string (m, "text") : "");
      g_ptr_array_add (index_list (h->marks, index, (GDestroyNotify) mark_free), mark);
    }
}

static void
collect (Html *h)
{
  JsonArray *items = report_json_array (h->root, "items");
  JsonArray *findings = report_json_array (h->root, "findings");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray *cites = report_json_array (item, "citations");
      int no = (int) report_json_int (item, "no", 0);

      g_hash_table_add (h->item_numbers, GINT_TO_POINTER (no));
      for (guint j = 0; cites != NULL && j < json_array_get_length (cites); j++)
        {
          JsonObject *c = json_array_get_object_element (cites, j);
          JsonArray *pages = report_json_array (c, "pages");
          JsonObject *found = report_json_object (c, "found_on");
          const char *path = report_resolve_path (h->root, report_json_string (c, "document"),
                                                  report_json_string (c, "path"));
          const char *support = report_json_string (c, "support");

          for (guint k = 0; pages != NULL && k < json_array_get_length (pages); k++)
            add_note (h, path, (int) json_array_get_int_element (pages, k),
                      g_strdup_printf ("通番%d「%s」の引用（%s）", no,
                                       report_json_string (c, "text") != NULL ? report_json_string (c, "text") : "",
                                       support_ja (support)));
          add_matches (h, path, report_json_array (c, "matches"), support_class (support), no);
          if (found != NULL)
            {
              const char *fpath = report_resolve_path (h->root, report_json_string (found, "document"),
                                                       report_json_string (found, "path"));
              add_note (h, fpath, (int) report_json_int (found, "page", 0),
                        g_strdup_printf ("通番%dの申請内容の記載箇所（引用された頁ではない）", no));
              add_matches (h, fpath, report_json_array (found, "matches"), "found", no);
            }
        }
    }
  for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *path = report_resolve_path (h->root, report_json_string (f, "document"),
                                              report_json_string (f, "path"));
      gint64 item = report_json_int (f, "item", -1);
      const char *code = report_json_string (f, "code");

      if (item >= 0 && code != NULL)
        {
          GPtrArray *codes = g_hash_table_lookup (h->item_codes, GINT_TO_POINTER ((int) item));
          if (codes == NULL)
            {
              codes = g_ptr_array_new ();
              g_hash_table_insert (h->item_codes, GINT_TO_POINTER ((int) item), codes);
            }
          if (!g_ptr_array_find_with_equal_func (codes, code, g_str_equal, NULL))
            g_ptr_array_add (codes, (gpointer) code);
        }
      add_note (h, path, report_finding_page (h->root, f),
                g_strdup_printf ("%s %s", code != NULL ? code : "", severity_ja (report_json_string (f, "severity"))));
    }
}

/* a link to the thumbnail of @page, or the page as text when none was drawn */
static void
put_page_link (Html *h, const char *path, int page, const char *label)
{
  g_autofree char *text = NULL;

  if (page < 1)
    return;
  text = label != NULL && label[0] != '\0' ? g_strdup_printf ("p.%s", label) : g_strdup_printf ("p.%d", page);
  if (report_thumbs_lookup (h->thumbs, path, page) != NULL)
    {
      g_string_append_printf (h->out, "<a class=\"pl\" href=\"#pg-%d\" title=\"物理頁%d\">",
                              report_thumbs_index (h->thumbs, path, page), page);
      esc (h, text);
      put (h, "</a>");
    }
  else
    {
      put (h, "<span class=\"pl-none\">");
      esc (h, text);
      put (h, "</span>");
    }
}

/* ---- sections ---------------------------------------------------------- */

static void
meta_row_full (Html *h, const char *label, const char *value, gboolean wide)
{
  if (value == NULL || value[0] == '\0')
    return;
  put (h, wide ? "<div class=\"wide\"><dt>" : "<div><dt>");
  put (h, label);
  put (h, "</dt><dd>");
  esc (h, value);
  put (h, "</dd></div>");
}

static void
meta_row (Html *h, const char *label, const char *value)
{
  meta_row_full (h, label, value, FALSE);
}

static void
put_header (Html *h)
{
  JsonObject *tool = report_json_object (h->root, "tool");
  g_autofree char *tool_text = NULL;

  put (h, "<header><h1>書類審査レポート</h1><dl class=\"meta\">");
  meta_row_full (h, "認定制度", report_json_string (h->face, "scheme_title"), TRUE);
  meta_row (h, "申請", report_json_string (h->root, "submission"));
  meta_row (h, "制度ID", report_json_string (h->root, "scheme"));
  meta_row (h, "事業者", report_json_string (h->face, "company"));
  meta_row (h, "法人番号", report_json_string (h->face, "corporate_number"));
  meta_row (h, "サービス", report_json_string (h->face, "service_name"));
  meta_row (h, "申請区分", report_json_string (h->face, "application_type"));
  meta_row (h, "申請日", report_json_string (h->face, "application_date"));
  meta_row (h, "認定番号", report_json_string (h->face, "certification_number"));
  meta_row (h, "審査", report_json_string (h->root, "pipeline"));
  if (tool != NULL)
    tool_text = g_strdup_printf ("%s %s", report_json_string (tool, "name") != NULL ? report_json_string (tool, "name") : "",
                                 report_json_string (tool, "version") != NULL ? report_json_string (tool, "version") : "");
  meta_row (h, "ツール", tool_text);
  put (h, "</dl></header>");
}

static void
put_nav (Html *h)
{
  put (h, "<nav><a href=\"#summary\">概要</a><a href=\"#findings\">指摘事項</a>"
          "<a href=\"#items\">開示項目</a>");
  if (report_json_array (h->root, "changes") != NULL)
    put (h, "<a href=\"#changes\">変更点</a>");
  put (h, "<a href=\"#documents\">提出書類</a>");
  if (report_json_array (h->root, "dispositions") != NULL || report_json_object (h->root, "bag") != NULL)
    put (h, "<a href=\"#dispositions\">返却・保管</a>");
  put (h, "<a href=\"#pages\">引用頁</a></nav>");
}

static void
put_summary (Html *h)
{
  JsonObject *summary = report_json_object (h->root, "summary");
  JsonArray *items = report_json_array (h->root, "items");
  gint64 errors = report_json_int (summary, "errors", 0);
  gint64 warnings = report_json_int (summary, "warnings", 0);
  gint64 infos = report_json_int (summary, "infos", 0);
  g_autoptr(GPtrArray) failing = g_ptr_array_new ();

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      if (class_is_required (report_json_string (item, "class")) &&
          g_strcmp0 (report_json_string (item, "status"), "error") == 0)
        g_ptr_array_add (failing, item);
    }

  put (h, "<section id=\"summary\"><h2>判定の概要</h2>");
  if (failing->len > 0)
    g_string_append_printf (h->out, "<p class=\"verdict v-fail\">非認定相当：必須項目 %u 件にエラーがあります</p>",
                            failing->len);
  else if (errors > 0)
    put (h, "<p class=\"verdict v-error\">要補正：エラーがあります</p>");
  else if (warnings > 0)
    put (h, "<p class=\"verdict v-warning\">要確認：警告があります</p>");
  else
    put (h, "<p class=\"verdict v-ok\">エラー・警告はありません</p>");
  g_string_append_printf (h->out,
                          "<ul class=\"counts\"><li class=\"c-error\">エラー<b>%" G_GINT64_FORMAT "</b></li>"
                          "<li class=\"c-warning\">警告<b>%" G_GINT64_FORMAT "</b></li>"
                          "<li class=\"c-info\">情報<b>%" G_GINT64_FORMAT "</b></li></ul>",
                          errors, warnings, infos);
  if (failing->len > 0)
    {
      put (h, "<h3>非認定となる必須項目のエラー</h3><table><thead><tr><th>通番</th><th>開示項目</th>"
              "<th>区分</th><th>指摘</th></tr></thead><tbody>");
      for (guint i = 0; i < failing->len; i++)
        {
          JsonObject *item = g_ptr_array_index (failing, i);
          int no = (int) report_json_int (item, "no", 0);
          GPtrArray *codes = g_hash_table_lookup (h->item_codes, GINT_TO_POINTER (no));

          put (h, "<tr><td class=\"num\"><a href=\"#item-");
          put_int (h, no);
          put (h, "\">");
          put_int (h, no);
          put (h, "</a></td><td>");
          esc (h, report_json_string (item, "name"));
          put (h, "</td><td>");
          esc (h, class_ja (report_json_string (item, "class")));
          put (h, "</td><td class=\"code\">");
          for (guint k = 0; codes != NULL && k < codes->len; k++)
            {
              if (k > 0)
                put (h, "<br>");
              esc (h, g_ptr_array_index (codes, k));
            }
          put (h, "</td></tr>");
        }
      put (h, "</tbody></table>");
    }
  put (h, "</section>");
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static int
compare_ints (gconstpointer a, gconstpointer b)
{
  int x = GPOINTER_TO_INT (*(gconstpointer const *) a), y = GPOINTER_TO_INT (*(gconstpointer const *) b);
  return (x > y) - (x < y);
}

static void
put_select (Html *h, const char *id, const char *label, GPtrArray *values)
{
  g_string_append_printf (h->out, "<label>%s <select id=\"%s\"><option value=\"\">すべて</option>", label, id);
  for (guint i = 0; i < values->len; i++)
    {
      put (h, "<option value=\"");
      esc (h, g_ptr_array_index (values, i));
      put (h, "\">");
      esc (h, g_ptr_array_index (values, i));
      put (h, "</option>");
    }
  put (h, "</select></label>");
}

static const char *
finding_document (JsonObject *f)
{
  const char *d = report_json_string (f, "document");
  return d != NULL ? d : report_json_string (f, "path");
}

static void
put_findings (Html *h)
{
  static const char *const severities[] = { "error", "warning", "info" };
  JsonArray *findings = report_json_array (h->root, "findings");
  guint n = findings != NULL ? json_array_get_length (findings) : 0;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) item_texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (h->out, "<section id=\"findings\"><h2>指摘事項（%u件）</h2>", n);
  if (n == 0)
    {
      put (h, "<p class=\"empty\">指摘はありません。</p></section>");
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *code = report_json_string (f, "code");
      const char *doc = finding_document (f);
      gint64 item = report_json_int (f, "item", -1);
      g_autofree char *k1 = g_strconcat ("c\n", code != NULL ? code : "", NULL);
      g_autofree char *k3 = g_strconcat ("d\n", doc != NULL ? doc : "", NULL);

      if (code != NULL && !g_hash_table_contains (seen, k1))
        {
          g_hash_table_add (seen, g_steal_pointer (&k1));
          g_ptr_array_add (codes, g_strdup (code));
        }
      if (doc != NULL && !g_hash_table_contains (seen, k3))
        {
          g_hash_table_add (seen, g_steal_pointer (&k3));
          g_ptr_array_add (docs, g_strdup (doc));
        }
      if (item >= 0 && !g_ptr_array_find (items, GINT_TO_POINTER ((int) item), NULL))
        g_ptr_array_add (items, GINT_TO_POINTER ((int) item));
    }
  g_ptr_array_sort (codes, compare_strings);
  g_ptr_array_sort (docs, compare_strings);
  g_ptr_array_sort (items, compare_ints);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (item_texts, g_strdup_printf ("%d", GPOINTER_TO_INT (g_ptr_array_index (items, i))));

  put (h, "<div id=\"filters\" class=\"filters\" hidden>");
  put_select (h, "f-code", "コード", codes);
  put_select (h, "f-item", "通番", item_texts);
  put_select (h, "f-doc", "資料", docs);
  put (h, "<span id=\"f-count\"></span></div>");

  for (guint s = 0; s < G_N_ELEMENTS (severities); s++)
    {
      guint count = 0;

      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (report_json_string (json_array_get_object_element (findings, i), "severity"),
                       severities[s]) == 0)
          count++;
      if (count == 0)
        continue;
      g_string_append_printf (h->out,
                              "<div class=\"fgroup\"><h3 class=\"sev-%s\">%s（%u件）</h3>"
                              "<table class=\"findings\"><thead><tr><th>コード</th><th>通番</th><th>資料</th>"
                              "<th>頁</th><th>内容</th></tr></thead><tbody>",
                              severities[s], severity_ja (severities[s]), count);
      for (guint i = 0; i < n; i++)
        {
          JsonObject *f = json_array_get_object_element (findings, i);
          const char *doc = finding_document (f);
          const char *path = report_resolve_path (h->root, report_json_string (f, "document"),
                                                  report_json_string (f, "path"));
          gint64 item = report_json_int (f, "item", -1);
          gint64 page = report_finding_page (h->root, f);

          if (g_strcmp0 (report_json_string (f, "severity"), severities[s]) != 0)
            continue;
          g_string_append_printf (h->out, "<tr class=\"finding sev-%s\" data-code=\"", severities[s]);
          esc (h, report_json_string (f, "code"));
          put (h, "\" data-item=\"");
          if (item >= 0)
            put_int (h, item);
          put (h, "\" data-doc=\"");
          esc (h, doc);
          put (h, "\"><td class=\"code\"><span class=\"sev\">");
          esc (h, report_json_string (f, "code"));
          put (h, "</span></td><td class=\"num\">");
          if (item >= 0 && g_hash_table_contains (h->item_numbers, GINT_TO_POINTER ((int) item)))
            g_string_append_printf (h->out, "<a href=\"#item-%" G_GINT64_FORMAT "\">%" G_GINT64_FORMAT "</a>",
                                    item, item);
          else if (item >= 0)
            put_int (h, item);
          put (h, "</td><td>");
          esc (h, doc);
          put (h, "</td><td>");
          if (page > 0)
            put_page_link (h, path, (int) page, report_json_string (f, "page_label"));
          put (h, "</td><td class=\"txt\">");
          esc (h, report_json_string (f, "message"));
          put (h, "</td></tr>");
        }
      put (h, "</tbody></table></div>");
    }
  put (h, "</section>");
}

static void
put_citation (Html *h, JsonObject *c)
{
  JsonArray *pages = report_json_array (c, "pages");
  JsonArray *labels = report_json_array (c, "labels");
  JsonObject *found = report_json_object (c, "found_on");
  const char *path = report_resolve_path (h->root, report_json_string (c, "document"),
                                          report_json_string (c, "path"));
  const char *support = report_json_string (c, "support");
  gboolean resolved = json_object_has_member (c, "resolved") &&
                      JSON_NODE_HOLDS_VALUE (json_object_get_member (c, "resolved")) &&
                      json_object_get_boolean_member (c, "resolved");

  /* the citation as written is in the 添付書類等 text above: here what it
   * was read as, the document, its section and its pages */
  put (h, "<li title=\"");
  esc (h, report_json_string (c, "text"));
  put (h, "\">");
  esc (h, report_json_string (c, "document") != NULL ? report_json_string (c, "document")
                                                      : report_json_string (c, "text"));
  if (report_json_string (c, "section") != NULL)
    {
      put (h, " ");
      esc (h, report_json_string (c, "section"));
    }
  put (h, " ");
  for (guint i = 0; pages != NULL && i < json_array_get_length (pages); i++)
    {
      const char *label = NULL;

      if (labels != NULL && i < json_array_get_length (labels))
        {
          JsonNode *ln = json_array_get_element (labels, i);
          if (JSON_NODE_HOLDS_VALUE (ln) && json_node_get_value_type (ln) == G_TYPE_STRING)
            label = json_node_get_string (ln);
        }
      put_page_link (h, path, (int) json_array_get_int_element (pages, i), label);
    }
  if (!resolved)
    put (h, "<span class=\"sup sup-unresolved\">未解決</span>");
  else
    {
      g_string_append_printf (h->out, "<span class=\"sup sup-%s\">", support_class (support));
      put (h, support_ja (support));
      put (h, "</span>");
    }
  if (found != NULL)
    {
      const char *fdoc = report_json_string (found, "document");
      const char *fpath = report_resolve_path (h->root, fdoc, report_json_string (found, "path"));

      put (h, "<br>→ 記載箇所：");
      esc (h, fdoc != NULL ? fdoc : fpath);
      put (h, " ");
      put_page_link (h, fpath, (int) report_json_int (found, "page", 0), NULL);
    }
  put (h, "</li>");
}

static void
put_items (Html *h)
{
  JsonArray *items = report_json_array (h->root, "items");
  guint n = items != NULL ? json_array_get_length (items) : 0;

  g_string_append_printf (h->out, "<section id=\"items\"><h2>開示項目（%u項目）</h2>", n);
  if (items == NULL)
    {
      put (h, "<p class=\"empty\">申請書Bの項目は読み取られていません。</p></section>");
      return;
    }
  put (h, "<p id=\"only-issues\" class=\"only-issues\" hidden><label><input type=\"checkbox\" id=\"f-issues\"> "
          "指摘のある項目だけを表示</label></p>"
          "<table class=\"items\"><thead><tr><th>通番</th><th>開示項目</th><th>申請内容</th>"
          "<th>添付書類等</th><th>判定</th></tr></thead><tbody>");
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray *cites = report_json_array (item, "citations");
      const char *status = report_json_string (item, "status");
      const char *klass = report_json_string (item, "class");
      int no = (int) report_json_int (item, "no", 0);
      GPtrArray *codes = g_hash_table_lookup (h->item_codes, GINT_TO_POINTER (no));
      const char *st = g_strcmp0 (status, "error") == 0 ? "error" : g_strcmp0 (status, "warning") == 0 ? "warning" : "ok";

      g_string_append_printf (h->out, "<tr id=\"item-%d\" class=\"st-%s\"><td class=\"num\">%d</td><td>", no, st, no);
      esc (h, report_json_string (item, "name"));
      if (klass != NULL)
        {
          g_string_append_printf (h->out, "<br><span class=\"cls%s\">", class_is_required (klass) ? " cls-required" : "");
          esc (h, class_ja (klass));
          put (h, "</span>");
        }
      put (h, "</td><td class=\"txt\">");
      esc (h, report_json_string (item, "content"));
      put (h, "</td><td><div class=\"txt\">");
      esc (h, report_json_string (item, "evidence"));
      put (h, "</div>");
      if (cites != NULL && json_array_get_length (cites) > 0)
        {
          put (h, "<ul class=\"cites\">");
          for (guint j = 0; j < json_array_get_length (cites); j++)
            {
              JsonObject *c = json_array_get_object_element (cites, j);
              if (c != NULL)
                put_citation (h, c);
            }
          put (h, "</ul>");
        }
      put (h, "</td><td class=\"st\">");
      esc (h, status_ja (status));
      for (guint k = 0; codes != NULL && k < codes->len; k++)
        {
          put (h, "<small>");
          esc (h, g_ptr_array_index (codes, k));
          put (h, "</small>");
        }
      put (h, "</td></tr>");
    }
  put (h, "</tbody></table></section>");
}

static void
put_changes (Html *h)
{
  JsonArray *changes = report_json_array (h->root, "changes");

  if (changes == NULL)
    return;
  {
    /* the renewal lists the red-marked unchanged items too (RENEWAL-MARKED-UNCHANGED) */
    guint changed = 0, marked_only = 0;

    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *c = json_array_get_object_element (changes, i);
        if (c != NULL && !json_object_get_boolean_member_with_default (c, "changed", TRUE))
          marked_only++;
        else
          changed++;
      }
    if (marked_only > 0)
      g_string_append_printf (h->out, "<section id=\"changes\"><h2>前回申請からの変更点（変更%u項目、変更のない朱書き%u項目）</h2>",
                              changed, marked_only);
    else
      g_string_append_printf (h->out, "<section id=\"changes\"><h2>前回申請からの変更点（%u項目）</h2>", changed);
  }
  if (json_array_get_length (changes) == 0)
    {
      put (h, "<p class=\"empty\">変更された項目はありません。</p></section>");
      return;
    }
  put (h, "<table class=\"changes\"><thead><tr><th>通番</th><th>開示項目</th><th>前回（旧）</th>"
          "<th>今回（新）</th><th>差分</th><th>朱書き</th></tr></thead><tbody>");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      JsonArray *diff = report_json_array (c, "diff");
      JsonNode *marked = c != NULL && json_object_has_member (c, "marked") ? json_object_get_member (c, "marked") : NULL;
      gboolean is_marked = marked != NULL && JSON_NODE_HOLDS_VALUE (marked) && json_node_get_boolean (marked);
      gint64 no = report_json_int (c, "item", -1);
      gboolean changed = c == NULL || json_object_get_boolean_member_with_default (c, "changed", TRUE);

      put (h, "<tr><td class=\"num\">");
      if (no >= 0 && g_hash_table_contains (h->item_numbers, GINT_TO_POINTER ((int) no)))
        g_string_append_printf (h->out, "<a href=\"#item-%" G_GINT64_FORMAT "\">%" G_GINT64_FORMAT "</a>", no, no);
      else if (no >= 0)
        put_int (h, no);
      put (h, "</td><td>");
      esc (h, report_json_string (c, "name"));
      put (h, "</td><td class=\"txt\">");
      esc (h, report_json_string (c, "old"));
      if (report_json_string (c, "evidence_old") != NULL)
        {
          put (h, "<br><small>添付書類等：");
          esc (h, report_json_string (c, "evidence_old"));
          put (h, "</small>");
        }
      put (h, "</td><td class=\"txt\">");
      esc (h, report_json_string (c, "new"));
      if (report_json_string (c, "evidence_new") != NULL)
        {
          put (h, "<br><small>添付書類等：");
          esc (h, report_json_string (c, "evidence_new"));
          put (h, "</small>");
        }
      put (h, "</td><td class=\"txt\">");
      if (!changed)
        put (h, "<em>変更なし</em>");
      for (guint k = 0; changed && diff != NULL && k < json_array_get_length (diff); k++)
        {
          JsonObject *d = json_array_get_object_element (diff, k);
          const char *op = report_json_string (d, "op");
          const char *tag = g_strcmp0 (op, "delete") == 0 ? "del" : g_strcmp0 (op, "insert") == 0 ? "ins" : NULL;

          if (tag != NULL)
            g_string_append_printf (h->out, "<%s>", tag);
          esc (h, report_json_string (d, "text"));
          if (tag != NULL)
            g_string_append_printf (h->out, "</%s>", tag);
        }
      if (!changed)
        put (h, is_marked ? "</td><td class=\"st\" style=\"color:var(--warn);font-weight:700\">朱書きあり（変更なし）</td></tr>"
                          : "</td><td class=\"st\">—</td></tr>");
      else
        put (h, is_marked ? "</td><td class=\"st\">朱書きあり</td></tr>"
                          : "</td><td class=\"st\" style=\"color:var(--err);font-weight:700\">朱書きなし</td></tr>");
    }
  put (h, "</tbody></table></section>");
}

static void
put_documents (Html *h)
{
  JsonArray *docs = report_json_array (h->root, "documents");
  guint n = docs != NULL ? json_array_get_length (docs) : 0;

  g_string_append_printf (h->out, "<section id=\"documents\"><h2>提出書類（%u件）</h2>", n);
  put (h, "<table><thead><tr><th>資料番号</th><th>名称</th><th>ファイル</th><th>種別</th><th>頁数</th>"
          "<th>OCR頁</th><th>状態</th><th>SHA-256</th></tr></thead><tbody>");
  for (guint i = 0; i < n; i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);
      gint64 pages = report_json_int (d, "pages", -1);
      gint64 ocr = report_json_int (d, "ocr_pages", -1);

      put (h, "<tr><td>");
      esc (h, report_json_string (d, "id"));
      put (h, "</td><td>");
      esc (h, report_json_string (d, "title"));
      put (h, "</td><td class=\"mono\">");
      esc (h, report_json_string (d, "path"));
      put (h, "</td><td>");
      esc (h, role_ja (report_json_string (d, "role")));
      put (h, "</td><td class=\"num\">");
      if (pages >= 0)
        put_int (h, pages);
      put (h, "</td><td class=\"num\">");
      if (ocr >= 0)
        put_int (h, ocr);
      put (h, "</td><td>");
      esc (h, report_json_string (d, "status"));
      put (h, "</td><td class=\"mono\">");
      esc (h, report_json_string (d, "sha256"));
      put (h, "</td></tr>");
    }
  put (h, "</tbody></table></section>");
}

static void
put_dispositions (Html *h)
{
  JsonArray *disp = report_json_array (h->root, "dispositions");
  JsonObject *bag = report_json_object (h->root, "bag");

  if (disp == NULL && bag == NULL)
    return;
  put (h, "<section id=\"dispositions\"><h2>返却・保管</h2>");
  if (disp != NULL)
    {
      put (h, "<table><thead><tr><th>資料</th><th>ファイル</th><th>処理</th><th>根拠</th></tr></thead><tbody>");
      for (guint i = 0; i < json_array_get_length (disp); i++)
        {
          JsonObject *d = json_array_get_object_element (disp, i);
          const char *what = report_json_string (d, "disposition");

          put (h, "<tr><td>");
          esc (h, report_json_string (d, "document"));
          put (h, "</td><td class=\"mono\">");
          esc (h, report_json_string (d, "path"));
          put (h, "</td><td>");
          esc (h, g_strcmp0 (what, "returned") == 0 ? "返却" : g_strcmp0 (what, "retained") == 0 ? "保管" : what);
          put (h, "</td><td>");
          esc (h, report_json_string (d, "rule"));
          put (h, "</td></tr>");
        }
      put (h, "</tbody></table>");
    }
  if (bag != NULL)
    {
      put (h, "<dl class=\"meta\">");
      meta_row (h, "BagIt バッグ", report_json_string (bag, "path"));
      meta_row (h, "Payload-Oxum", report_json_string (bag, "payload_oxum"));
      put (h, "</dl>");
    }
  put (h, "</section>");
}

typedef struct {
  int index;
  char *key;
  int page;
} GallerySlot;

static int
compare_slots (gconstpointer a, gconstpointer b)
{
  const GallerySlot *x = a, *y = b;
  int c = strcmp (x->key, y->key);
  return c != 0 ? c : (x->page > y->page) - (x->page < y->page);
}

static void
put_gallery (Html *h)
{
  guint n = report_thumbs_count_requests (h->thumbs), shown = 0;

  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (GallerySlot), n);

  /* the anchors are the request indexes; the gallery reads by document and
   * page, file names compared as people do (資料2 before 資料10) */
  for (int index = 0; index < (int) n; index++)
    {
      GallerySlot slot = { index, NULL, 0 };
      const char *path = NULL;

      if (report_thumbs_get (h->thumbs, index, &path, &slot.page) == NULL)
        continue;
      slot.key = g_utf8_collate_key_for_filename (path, -1);
      g_array_append_val (order, slot);
    }
  g_array_sort (order, compare_slots);

  put (h, "<section id=\"pages\"><h2>引用頁</h2><div class=\"gallery\">");
  for (guint o = 0; o < order->len; o++)
    {
      int index = g_array_index (order, GallerySlot, o).index;
      const char *path = NULL;
      int page = 0;
      const ReportThumb *t = report_thumbs_get (h->thumbs, index, &path, &page);
      GPtrArray *marks = g_hash_table_lookup (h->marks, GINT_TO_POINTER (index));
      GPtrArray *notes = g_hash_table_lookup (h->notes, GINT_TO_POINTER (index));

      if (t == NULL)
        continue;
      shown++;
      g_string_append_printf (h->out, "<figure class=\"pg\" id=\"pg-%d\"><figcaption>"
                                      "<a class=\"close\" href=\"#_\">閉じる ✕</a><b>", index);
      esc (h, path);
      g_string_append_printf (h->out, " 物理頁%d</b>", page);
      if (notes != NULL)
        {
          put (h, "<ul>");
          for (guint k = 0; k < notes->len; k++)
            {
              put (h, "<li>");
              esc (h, g_ptr_array_index (notes, k));
              put (h, "</li>");
            }
          put (h, "</ul>");
        }
      g_string_append_printf (h->out, "</figcaption><div class=\"pgimg\"><img src=\"%s\" width=\"%d\" height=\"%d\" alt=\"",
                              t->data_uri, t->width, t->height);
      esc (h, path);
      put (h, "\">");
      for (guint k = 0; marks != NULL && k < marks->len; k++)
        {
          Mark *m = g_ptr_array_index (marks, k);

          if (t->page_width <= 0 || t->page_height <= 0)
            break;
          g_string_append_printf (h->out, "<span class=\"mk mk-%s\" title=\"", m->kind);
          esc (h, m->label);
          put (h, "\" style=\"left:");
          put_pct (h, 100.0 * m->x / t->page_width);
          put (h, ";top:");
          put_pct (h, 100.0 * m->y / t->page_height);
          put (h, ";width:");
          put_pct (h, 100.0 * m->w / t->page_width);
          put (h, ";height:");
          put_pct (h, 100.0 * m->h / t->page_height);
          put (h, "\"></span>");
        }
      put (h, "</div></figure>");
    }
  put (h, "</div>");
  for (guint o = 0; o < order->len; o++)
    g_free (g_array_index (order, GallerySlot, o).key);
  if (shown == 0)
    put (h, "<p class=\"empty\">引用または指摘された頁はありません。</p>");
  put (h, "</section>");
}

GBytes *
report_html_build (JsonObject *root, JsonObject *face, ReportThumbs *thumbs)
{
  g_autoptr(ReportThumbs) no_thumbs = NULL;
  g_autofree char *script_hash = NULL;
  Html h = { 0 };

  g_return_val_if_fail (root != NULL, NULL);
  if (thumbs == NULL)
    thumbs = no_thumbs = report_thumbs_new (360, 0);
  {
    guint8 digest[32];
    gsize len = sizeof digest;
    GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);

    g_checksum_update (sum, (const guchar *) report_js, strlen (report_js));
    g_checksum_get_digest (sum, digest, &len);
    g_checksum_free (sum);
    script_hash = g_base64_encode (digest, len);
  }

  h.out = g_string_sized_new (256 * 1024);
  h.root = root;
  h.face = face;
  h.thumbs = thumbs;
  h.marks = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  h.notes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  h.item_numbers = g_hash_table_new (NULL, NULL);
  h.item_codes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  collect (&h);

  put (&h, "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
           "style-src 'unsafe-inline'; script-src 'sha256-");
  put (&h, script_hash);
  put (&h, "'; base-uri 'none'; form-action 'none'\">\n"
           "<meta name=\"referrer\" content=\"no-referrer\">\n"
           "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>書類審査レポート ");
  esc (&h, report_json_string (root, "submission"));
  put (&h, "</title>\n<style>");
  put (&h, report_css);
  put (&h, "</style></head>\n<body>");
  put_header (&h);
  put_nav (&h);
  put (&h, "<main>");
  put_summary (&h);
  put_findings (&h);
  put_items (&h);
  put_changes (&h);
  put_documents (&h);
  put_dispositions (&h);
  put_gallery (&h);
  put (&h, "</main>\n<script>");
  put (&h, report_js);
  put (&h, "</script></body></html>\n");

  g_hash_table_unref (h.marks);
  g_hash_table_unref (h.notes);
  g_hash_table_unref (h.item_numbers);
  g_hash_table_unref (h.item_codes);
  return g_string_free_to_bytes (h.out);
}
