/* The report stage: findings.csv for Excel, report.html escaping and
 * citations with their page thumbnails, and the batch's index.html.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "report.h"
#include "test-util.h"

#define HOSTILE "<script>alert(1)</script>.pdf"
#define HOSTILE_ESCAPED "&lt;script&gt;alert(1)&lt;/script&gt;.pdf"

static JsonObject *
parse_object (JsonParser *parser, const char *json)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  return g_strndup (data, len);
}

static guint
count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* no address the browser could fetch: every URL in the page is a data: URI
 * or a fragment */
static void
assert_no_network_references (const char *html)
{
  g_assert_null (strstr (html, "http://"));
  g_assert_null (strstr (html, "https://"));
  g_assert_null (strstr (html, "src=\"//"));
  g_assert_null (strstr (html, "href=\"//"));
  for (const char *p = strstr (html, " src=\""); p != NULL; p = strstr (p + 1, " src=\""))
    g_assert_true (g_str_has_prefix (p + 6, "data:image/png;base64,"));
  for (const char *p = strstr (html, " href=\""); p != NULL; p = strstr (p + 1, " href=\""))
    g_assert_cmpint (p[7], ==, '#');
}

static const char csv_report[] =
  "{\"submission\": \"s1\", \"findings\": ["
  " {\"code\": \"FORM-REQUIRED-EMPTY\", \"severity\": \"error\", \"item\": 96,"
  "  \"document\": \"申請書B.xlsx\", \"message\": \"時刻同期が空欄です\"},"
  " {\"code\": \"CITE-WEAK-SUPPORT\", \"severity\": \"warning\", \"item\": 77, \"document\": \"資料5\","
  "  \"page\": 4, \"page_label\": \"2\","
  "  \"message\": \"稼働率は「99.95%\\\"」, 資料5では\\n99.9%\"},"
  " {\"code\": \"DOC-UNREADABLE\", \"severity\": \"error\", \"path\": \"=HYPERLINK(1).pdf\","
  "  \"message\": \"開けません\"}]}";

static void
test_csv_format (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (parser, csv_report);
  g_autoptr(GBytes) csv = report_csv_build (root);
  g_autofree char *text = bytes_to_string (csv);

  g_test_summary ("findings.csv opens in Excel: BOM, CRLF, RFC 4180 quoting, no formulas");
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "submission,code,severity,item,document,page,page_label,message\r\n"));
  /* every line ends in CRLF; the newline inside the quoted message stays LF */
  g_assert_cmpstr (text + 3, ==,
                   "submission,code,severity,item,document,page,page_label,message\r\n"
                   "s1,FORM-REQUIRED-EMPTY,error,96,申請書B.xlsx,,,時刻同期が空欄です\r\n"
                   "s1,CITE-WEAK-SUPPORT,warning,77,資料5,4,2,\"稼働率は「99.95%\"\"」, 資料5では\n99.9%\"\r\n"
                   "s1,DOC-UNREADABLE,error,,'=HYPERLINK(1).pdf,,,開けません\r\n");
  g_assert_cmpuint (count_occurrences (text, "\r\n"), ==, 4);
}

static void
test_csv_empty (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (parser, "{\"submission\": \"s\", \"findings\": []}");
  g_autoptr(GBytes) csv = report_csv_build (root);
  g_autofree char *text = bytes_to_string (csv);

  g_assert_cmpstr (text, ==, "\xEF\xBB\xBF" "submission,code,severity,item,document,page,page_label,message\r\n");
}

static void
test_html_escape (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (parser,
    "{\"submission\": \"<img src=x onerror=alert(2)>\", \"pipeline\": \"intake\","
    " \"documents\": [{\"id\": null, \"title\": \"x'\\\"&\", \"path\": \"" HOSTILE "\", \"role\": \"other\","
    "   \"sha256\": \"00\", \"pages\": 1, \"status\": \"ok\"}],"
    " \"items\": [{\"no\": 1, \"name\": \"</td><script>x</script>\", \"class\": \"required\","
    "   \"content\": \"<b>内容</b>\", \"evidence\": \"" HOSTILE "\", \"status\": \"ok\"}],"
    " \"findings\": [{\"code\": \"DOC-UNREADABLE\", \"severity\": \"error\", \"document\": \"" HOSTILE "\","
    "   \"path\": \"" HOSTILE "\", \"message\": \"「" HOSTILE "」を開けません\"}],"
    " \"summary\": {\"errors\": 1, \"warnings\": 0, \"infos\": 0}}");
  g_autoptr(GBytes) bytes = report_html_build (root, NULL, NULL);
  g_autofree char *html = bytes_to_string (bytes);

  g_test_summary ("file names and form text never reach report.html as markup");
  g_assert_null (strstr (html, "<script>alert"));
  g_assert_null (strstr (html, "<img src=x"));
  g_assert_null (strstr (html, "<b>内容"));
  g_assert_null (strstr (html, "</td><script>"));
  /* the page's own script, and no other */
  g_assert_cmpuint (count_occurrences (html, "<script"), ==, 1);
  g_assert_nonnull (strstr (html, HOSTILE_ESCAPED));
  g_assert_nonnull (strstr (html, "&lt;img src=x onerror=alert(2)&gt;"));
  g_assert_nonnull (strstr (html, "x&#39;&quot;&amp;"));
  /* the filter's option values are attributes too */
  g_assert_nonnull (strstr (html, "<option value=\"" HOSTILE_ESCAPED "\">"));
  g_assert_nonnull (strstr (html, "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"));
  assert_no_network_references (html);
}

static ShinsaDocument *
fixture_document (JsonObject *d, const char *folder)
{
  const char *path = report_json_string (d, "path");
  g_autofree char *local = g_build_filename (folder, path, NULL);
  ShinsaDocument *doc = shinsa_document_new (path, local);

  shinsa_document_set_media_type (doc, report_json_string (d, "media_type"));
  shinsa_document_set_status (doc, g_file_test (local, G_FILE_TEST_IS_REGULAR) ? SHINSA_DOCUMENT_STATUS_OK
                                                                              : SHINSA_DOCUMENT_STATUS_UNREADABLE,
                              NULL);
  return doc;
}

static void
assert_png_thumb (const ReportThumb *t, int width)
{
  g_autofree guchar *png = NULL;
  gsize len = 0;

  g_assert_nonnull (t);
  g_assert_true (g_str_has_prefix (t->data_uri, "data:image/png;base64,"));
  png = g_base64_decode (t->data_uri + strlen ("data:image/png;base64,"), &len);
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: width and height, big-endian */
  g_assert_cmpint ((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], ==, width);
  g_assert_cmpint ((png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23], ==, t->height);
  g_assert_cmpint (t->width, ==, width);
  /* an A4 page */
  g_assert_cmpint (t->height, ==, (int) (width * 841.89 / 595.28 + 0.5));
  g_assert_cmpfloat_with_epsilon (t->page_width, 595.28, 0.01);
}

static void
test_html_citations (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ReportThumbs) thumbs = report_thumbs_new (600, 400);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", NULL);
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "data", "report-citations.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *html = NULL;
  g_autofree char *weak_link = NULL;
  g_autofree char *found_link = NULL;
  JsonObject *root;
  JsonArray *documents;
  int weak, found, scan;

  g_test_summary ("citations link to thumbnails of the cited pages, claim boxes laid over them; "
                  "a weak citation also shows the page that does say it");
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  documents = report_json_array (root, "documents");
  for (guint i = 0; i < json_array_get_length (documents); i++)
    g_ptr_array_add (docs, fixture_document (json_array_get_object_element (documents, i), folder));

  report_thumbs_request_from_report (thumbs, root);
  /* 資料1 p1, 資料2 p2, 資料4 p6, 資料5 p2, 資料5 p7 (cited, out of range), 資料6 p1 (a
   * finding); 資料8 is not submitted, so it has no path */
  g_assert_cmpuint (report_thumbs_count_requests (thumbs), ==, 6);
  g_assert_cmpuint (report_thumbs_render (thumbs, docs, NULL), ==, 5);
  assert_png_thumb (report_thumbs_lookup (thumbs, "資料5_SLA.pdf", 2), 600);
  /* 資料1 is a scan: an image-only PDF page */
  assert_png_thumb (report_thumbs_lookup (thumbs, "資料1_登記事項証明書.pdf", 1), 600);
  assert_png_thumb (report_thumbs_lookup (thumbs, "資料6_運用マニュアル（抜粋）.pdf", 1), 600);
  g_assert_null (report_thumbs_lookup (thumbs, "資料5_SLA.pdf", 7));
  /* requested once: the weak citation's found_on and item 60 name the same page */
  found = report_thumbs_index (thumbs, "資料4_サービス仕様書.pdf", 6);
  weak = report_thumbs_index (thumbs, "資料5_SLA.pdf", 2);
  scan = report_thumbs_index (thumbs, "資料1_登記事項証明書.pdf", 1);
  g_assert_cmpint (found, >=, 0);
  g_assert_cmpint (weak, >=, 0);

  bytes = report_html_build (root, NULL, thumbs);
  html = bytes_to_string (bytes);
  if (g_getenv ("REPORT_HTML_OUT") != NULL)
    {
      g_file_set_contents (g_getenv ("REPORT_HTML_OUT"), html, -1, &error);
      g_assert_no_error (error);
    }

  weak_link = g_strdup_printf ("<a class=\"pl\" href=\"#pg-%d\" title=\"物理頁2\">p.2</a>", weak);
  found_link = g_strdup_printf ("<a class=\"pl\" href=\"#pg-%d\" title=\"物理頁6\">p.6</a>", found);
  g_assert_nonnull (strstr (html, weak_link));
  g_assert_nonnull (strstr (html, "<span class=\"sup sup-weak\">記載が不十分</span><br>→ 記載箇所：資料4 "));
  g_assert_nonnull (strstr (html, found_link));
  /* the printed label, not the physical page, is what the examiner reads */
  g_assert_nonnull (strstr (html, "title=\"物理頁6\">p.4</a>"));
  /* each page image once, however many citations name it */
  g_assert_cmpuint (count_occurrences (html, "<img src=\"data:image/png;base64,"), ==, 5);
  {
    g_autofree char *fig = g_strdup_printf ("<figure class=\"pg\" id=\"pg-%d\">", weak);
    const char *at = strstr (html, fig);

    g_assert_nonnull (at);
    /* the claim box on 資料5 p.2: x 89.0 of 595.28, y 103.51 of 841.89 */
    g_assert_nonnull (strstr (at, "<span class=\"mk mk-weak\" title=\"通番77: 99.9%以上\" "
                                  "style=\"left:14.95%;top:12.29%;width:59.75%;height:1.25%\">"));
  }
  {
    g_autofree char *fig = g_strdup_printf ("<figure class=\"pg\" id=\"pg-%d\">", found);
    const char *at = strstr (html, fig);
    g_assert_nonnull (at);
    g_assert_nonnull (strstr (at, "<span class=\"mk mk-found\" title=\"通番77: LTE\""));
    g_assert_nonnull (strstr (at, "<span class=\"mk mk-ok\" title=\"通番60: LTE\""));
  }
  {
    g_autofree char *fig = g_strdup_printf ("<figure class=\"pg\" id=\"pg-%d\">", scan);
    g_assert_nonnull (strstr (html, fig));
  }
  /* unresolved citations, out-of-range pages: named, not linked */
  g_assert_nonnull (strstr (html, "<li title=\"資料8 p.3\">資料8 <span class=\"pl-none\">p.3</span><span class=\"sup sup-unresolved\">未解決</span>"));
  g_assert_nonnull (strstr (html, "<span class=\"pl-none\">p.7</span>"));
  /* the verdict names the 必須 items with errors: 96 and 133, not 110 (選択) */
  g_assert_nonnull (strstr (html, "非認定相当：必須項目 2 件にエラーがあります"));
  /* renewal changes, character diff, red marking; return dispositions and bag */
  g_assert_nonnull (strstr (html, "99.9<ins>5</ins>%（月間）"));
  g_assert_nonnull (strstr (html, "朱書きなし"));
  g_assert_nonnull (strstr (html, "<td>返却</td><td>新版で置き換えられた旧版</td>"));
  g_assert_nonnull (strstr (html, "<dd>123456.7</dd>"));
  g_assert_nonnull (strstr (html, "&lt;i&gt;hostile&lt;/i&gt;"));
  g_assert_null (strstr (html, "<script>alert"));
  g_assert_cmpuint (count_occurrences (html, "<script"), ==, 1);
  g_assert_nonnull (strstr (html, HOSTILE_ESCAPED));
  assert_no_network_references (html);
}

/* scans that are images: a page of a multi-page TIFF, drawn through
 * Leptonica; the boxes keep the extracted page's units (points) */
static void
test_thumbs_tiff (void)
{
  g_autofree char *local = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "damaged",
                                                  "資料7_複数ページ.tif", NULL);
  g_autoptr(ShinsaDocument) doc = shinsa_document_new ("資料7_複数ページ.tif", local);
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);
  g_autoptr(ReportThumbs) thumbs = report_thumbs_new (600, 10);

  for (int i = 1; i <= 3; i++)
    g_ptr_array_add (pages, shinsa_page_new (i, 595.28, 841.89));
  shinsa_document_set_page_list (doc, g_steal_pointer (&pages));
  shinsa_document_set_media_type (doc, "image/tiff");
  shinsa_document_set_status (doc, SHINSA_DOCUMENT_STATUS_OK, NULL);
  g_ptr_array_add (docs, doc);
  report_thumbs_request (thumbs, "資料7_複数ページ.tif", 2);
  report_thumbs_request (thumbs, "資料7_複数ページ.tif", 4);
  g_assert_cmpuint (report_thumbs_render (thumbs, docs, NULL), ==, 1);
  assert_png_thumb (report_thumbs_lookup (thumbs, "資料7_複数ページ.tif", 2), 600);
  g_assert_null (report_thumbs_lookup (thumbs, "資料7_複数ページ.tif", 4));
}

/* a folder submission whose own name and one file's path are markup */
static void
test_run_hostile_names (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-report-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (tmp, "<img src=x onerror=alert(3)>", NULL);
  g_autofree char *evil_dir = g_build_filename (sub, "<script>alert(1)<", NULL);
  g_autofree char *evil = g_build_filename (evil_dir, "script>.pdf", NULL);
  g_autofree char *sla = g_build_filename (sub, "資料5_SLA.pdf", NULL);
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", "資料5_SLA.pdf", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *report = NULL, *csv = NULL, *index = NULL, *index_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  const char *subs[] = { sub, NULL };
  gsize len;
  GStatBuf st;

  g_test_summary ("hostile submission and file names are escaped in report.html and index.html");
  g_assert_cmpint (g_mkdir_with_parents (evil_dir, 0700), ==, 0);
  g_file_get_contents (src, &pdf, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (sla, pdf, len, &error);
  g_assert_no_error (error);
  /* a truncated PDF: DOC-UNREADABLE names the file */
  g_file_set_contents (evil, pdf, len / 3, &error);
  g_assert_no_error (error);

  test_run_shipped_pipeline ("intake", subs, out);

  {
    g_autofree char *p = g_build_filename (out, "<img src=x onerror=alert(3)>", "report.html", NULL);
    g_autofree char *c = g_build_filename (out, "<img src=x onerror=alert(3)>", "findings.csv", NULL);
    g_file_get_contents (p, &report, NULL, &error);
    g_assert_no_error (error);
    g_file_get_contents (c, &csv, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (p, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_null (strstr (report, "<script>alert"));
  g_assert_null (strstr (report, "<img src=x"));
  g_assert_cmpuint (count_occurrences (report, "<script"), ==, 1);
  g_assert_nonnull (strstr (report, HOSTILE_ESCAPED));
  g_assert_nonnull (strstr (report, "DOC-UNREADABLE"));
  assert_no_network_references (report);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (csv, ",DOC-UNREADABLE,error,,"));

  index_path = g_build_filename (out, "index.html", NULL);
  g_file_get_contents (index_path, &index, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (index_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_null (strstr (index, "<img src=x"));
  g_assert_nonnull (strstr (index, "<a href=\"%3Cimg%20src%3Dx%20onerror%3Dalert%283%29%3E/report.html\">"
                                   "&lt;img src=x onerror=alert(3)&gt;</a>"));
  g_assert_nonnull (strstr (index, "Content-Security-Policy"));

  shinsa_remove_tree (tmp, NULL);
}

/* the thumbnail cache: a re-run draws nothing again, and a damaged entry is drawn again */
static void
test_thumbs_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", NULL);
  g_autofree char *out = g_dir_make_tmp ("shinsa-test-report-XXXXXX", &error);
  g_autofree char *thumbs = g_build_filename (g_get_user_cache_dir (), "shinsa", "thumbs", NULL);
  g_autofree char *html_path = g_build_filename (out, "sample", "report.html", NULL);
  g_autofree char *first = NULL, *again = NULL, *mended = NULL;
  const char *subs[] = { sample, NULL };
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint files = 0;

  g_test_summary ("report thumbnails are kept by document and page (0600 files in a 0700 folder): a re-run "
                  "gives the same report.html, and an entry cut short is drawn again");
  g_assert_no_error (error);
  g_assert_cmpint (test_run_shipped_pipeline ("intake", subs, out), <=, 1);
  g_assert_true (g_file_get_contents (html_path, &first, NULL, NULL));

  dir = g_dir_open (thumbs, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (thumbs, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      /* cut short: must not be trusted */
      g_assert_true (g_file_set_contents (path, "SHINSA-THUMB 1\n595", -1, NULL));
      files++;
    }
  g_assert_cmpuint (files, >=, 20);
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (thumbs, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }

  g_assert_cmpint (test_run_shipped_pipeline ("intake", subs, out), <=, 1);
  g_assert_true (g_file_get_contents (html_path, &mended, NULL, NULL));
  g_assert_cmpstr (mended, ==, first);
  g_assert_cmpint (test_run_shipped_pipeline ("intake", subs, out), <=, 1);
  g_assert_true (g_file_get_contents (html_path, &again, NULL, NULL));
  g_assert_cmpstr (again, ==, first);
  shinsa_remove_tree (out, NULL);
}

int
main (int argc, char **argv)
{
  g_autofree char *cache = g_dir_make_tmp ("shinsa-test-report-cache-XXXXXX", NULL);

  /* a cache of this test's own, before GLib reads where the cache is */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/csv/format", test_csv_format);
  g_test_add_func ("/report/csv/empty", test_csv_empty);
  g_test_add_func ("/report/html/escape", test_html_escape);
  g_test_add_func ("/report/html/citations", test_html_citations);
  g_test_add_func ("/report/thumbs/tiff", test_thumbs_tiff);
  g_test_add_func ("/report/run/hostile-names", test_run_hostile_names);
  g_test_add_func ("/report/thumbs/cache", test_thumbs_cache);
  {
    int status = g_test_run ();
    shinsa_remove_tree (cache, NULL);
    return status;
  }
}
