/* shinsa — OUTDIR/index.html: every submission of a batch, linked to its report
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Written from the batch.json root, beside it.  Submission ids and reasons
 * come from folder names and files: hostile input, escaped everywhere.
 */
#include "shinsa-private.h"
#include "shinsa-util.h"

static const char *
member_string (JsonObject *obj, const char *name)
{
  JsonNode *n;

  if (obj == NULL || !json_object_has_member (obj, name))
    return NULL;
  n = json_object_get_member (obj, name);
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gint64
member_int (JsonObject *obj, const char *name)
{
  JsonNode *n;

  if (obj == NULL || !json_object_has_member (obj, name))
    return 0;
  n = json_object_get_member (obj, name);
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (n);
}

static void
append_escaped (GString *out, const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

/* a relative link to OUTDIR/<id>/<file>: the id percent-encoded (it may hold
 * '#', '?', '%'), then HTML-escaped for the attribute */
static void
append_link (GString *out, const char *id, const char *file, const char *text)
{
  g_autofree char *encoded = g_uri_escape_string (id, NULL, TRUE);
  g_autofree char *href = g_strconcat (encoded, "/", file, NULL);

  g_string_append (out, "<a href=\"");
  append_escaped (out, href);
  g_string_append (out, "\">");
  append_escaped (out, text);
  g_string_append (out, "</a>");
}

static const char index_css[] =
  "body{margin:24px;font-family:\"IPAexGothic\",\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",sans-serif;"
  "font-size:14px;color:#1b1f24}h1{font-size:22px}"
  "table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d4da;padding:4px 8px;text-align:left}"
  "th{background:#f6f7f9}td.num{text-align:right}.failed{color:#b3261e;font-weight:700}"
  ".e{color:#b3261e;font-weight:700}.w{color:#9a6700;font-weight:700}"
  "@media print{@page{size:A4;margin:12mm}body{margin:0;font-size:9pt}}";

gboolean
shinsa_batch_index_write (const char *outdir, JsonObject *batch, GError **error)
{
  g_autoptr(GString) out = g_string_sized_new (8192);
  g_autofree char *path = NULL;
  JsonObject *summary = NULL;
  JsonArray *subs = NULL;

  g_return_val_if_fail (outdir != NULL && batch != NULL, FALSE);

  if (json_object_has_member (batch, "summary") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (batch, "summary")))
    summary = json_object_get_object_member (batch, "summary");
  if (json_object_has_member (batch, "submissions") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (batch, "submissions")))
    subs = json_object_get_array_member (batch, "submissions");

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
                        "<meta name=\"referrer\" content=\"no-referrer\">\n"
                        "<title>審査バッチ一覧</title>\n<style>");
  g_string_append (out, index_css);
  g_string_append (out, "</style></head>\n<body><h1>審査バッチ一覧</h1><p>審査: ");
  append_escaped (out, member_string (batch, "pipeline"));
  g_string_append_printf (out, "　申請 %" G_GINT64_FORMAT " 件（完了 %" G_GINT64_FORMAT "、失敗 %" G_GINT64_FORMAT
                               "）　エラー %" G_GINT64_FORMAT "・警告 %" G_GINT64_FORMAT "・情報 %" G_GINT64_FORMAT "</p>\n",
                          member_int (summary, "submissions"), member_int (summary, "done"),
                          member_int (summary, "failed"), member_int (summary, "errors"),
                          member_int (summary, "warnings"), member_int (summary, "infos"));
  g_string_append (out, "<table><thead><tr><th>申請</th><th>提出元</th><th>状態</th><th>エラー</th><th>警告</th>"
                        "<th>情報</th><th>出力</th></tr></thead><tbody>\n");
  for (guint i = 0; subs != NULL && i < json_array_get_length (subs); i++)
    {
      JsonObject *s = json_array_get_object_element (subs, i);
      const char *id = member_string (s, "submission");
      const char *status = member_string (s, "status");
      gboolean done = g_strcmp0 (status, "done") == 0;
      JsonObject *counts = NULL;
      g_autofree char *html = NULL;

      if (s == NULL)
        continue;
      if (json_object_has_member (s, "summary") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (s, "summary")))
        counts = json_object_get_object_member (s, "summary");
      g_string_append (out, "<tr><td>");
      if (id != NULL)
        html = g_build_filename (outdir, id, "report.html", NULL);
      /* a pipeline without the report stage leaves report.json alone */
      if (done && id != NULL && g_file_test (html, G_FILE_TEST_IS_REGULAR))
        append_link (out, id, "report.html", id);
      else
        append_escaped (out, id != NULL ? id : "（不明）");
      g_string_append (out, "</td><td>");
      append_escaped (out, member_string (s, "source"));
      if (done)
        g_string_append (out, "</td><td>完了");
      else
        {
          g_string_append (out, "</td><td class=\"failed\">失敗");
          if (member_string (s, "reason") != NULL)
            {
              g_string_append (out, "：");
              append_escaped (out, member_string (s, "reason"));
            }
        }
      if (done)
        g_string_append_printf (out, "</td><td class=\"num%s\">%" G_GINT64_FORMAT "</td><td class=\"num%s\">%"
                                     G_GINT64_FORMAT "</td><td class=\"num\">%" G_GINT64_FORMAT "</td><td>",
                                member_int (counts, "errors") > 0 ? " e" : "", member_int (counts, "errors"),
                                member_int (counts, "warnings") > 0 ? " w" : "", member_int (counts, "warnings"),
                                member_int (counts, "infos"));
      else
        g_string_append (out, "</td><td></td><td></td><td></td><td>");
      if (done && id != NULL)
        append_link (out, id, "report.json", "report.json");
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table></body></html>\n");

  path = g_build_filename (outdir, "index.html", NULL);
  return shinsa_write_file_atomic (path, out->str, out->len, error);
}
