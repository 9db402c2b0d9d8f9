/* shinsa — crossref: claim facts, page resolution and support, on the
 * fixtures and on hand-made text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>

#include "test-util.h"
#include "crossref.h"

/* ---- facts and matching --------------------------------------------------- */

static gboolean
has_fact (GPtrArray *facts, const char *key)
{
  for (guint i = 0; i < facts->len; i++)
    if (strcmp (((XrefFact *) g_ptr_array_index (facts, i))->key, key) == 0)
      return TRUE;
  return FALSE;
}

static XrefFact *
fact_new (XrefFactKind kind, const char *key)
{
  XrefFact *f = g_new0 (XrefFact, 1);

  f->kind = kind;
  f->key = xref_normalise (key);
  f->text = g_strdup (f->key);
  return f;
}

static void
test_facts_from_claim (void)
{
  g_autoptr(GPtrArray) facts = xref_facts_from_claim (
    "①稼働率99.95%以上（月間）、障害は72時間以内に通知\n②1ヵ月前に告知\n"
    "③令和6年4月1日改定、東日本第１データセンター、ゲートウェイ MDS-GW200、1,000名");

  g_assert_true (has_fact (facts, "99.95%"));
  g_assert_true (has_fact (facts, "72時間"));
  g_assert_true (has_fact (facts, "1ヶ月"));
  g_assert_true (has_fact (facts, "2024年4月1日"));
  g_assert_true (has_fact (facts, "東日本第1データセンター"));
  g_assert_true (has_fact (facts, "mds-gw200"));
  g_assert_true (has_fact (facts, "1000名"));
  /* the circled field numbers are not digits of the claim */
  g_assert_false (has_fact (facts, "21ヶ月"));
  g_assert_false (has_fact (facts, "mds-gw2003"));
}

static void
test_normalise (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "2024/06/01", "2024年6月1日" },
    { "2024-6-1", "2024年6月1日" },
    { "令和元年5月1日", "2019年5月1日" },
    { "令和６年４月１日", "2024年4月1日" },
    { "平成31年4月30日", "2019年4月30日" },
    { "６か月前", "6ヶ月前" },
    { "6カ月", "6ヶ月" },
    { "1,000 名", "1000名" },
    { "ＴＬＳ　1.2", "tls1.2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *n = xref_normalise (cases[i].in);
      g_assert_cmpstr (n, ==, cases[i].out);
    }
}

static void
test_fact_matching (void)
{
  XrefFact *a = fact_new (XREF_FACT_NUMBER, "99.95%");
  XrefFact *b = fact_new (XREF_FACT_NUMBER, "99.9%");
  XrefFact *c = fact_new (XREF_FACT_NAME, "東日本第1データセンター");
  XrefFact *d = fact_new (XREF_FACT_NUMBER, "10分");
  XrefFact *e = fact_new (XREF_FACT_NUMBER, "15分");
  g_autofree char *sla = xref_normalise ("月間稼働率の目標値は99.9%以上とする。");
  g_autofree char *sla2 = xref_normalise ("月間稼働率の目標値は99.95%以上とする。");
  g_autofree char *ocr = xref_normalise ("東日本第1デ一タセンター（E1）");

  /* 99.9% is not 99.95%, either way, and 9.9% is not inside 99.9% */
  g_assert_false (xref_fact_in_text (a, sla, FALSE));
  g_assert_false (xref_fact_in_text (a, sla, TRUE));
  g_assert_false (xref_fact_in_text (b, sla2, FALSE));
  g_assert_true (xref_fact_in_text (b, sla, FALSE));
  g_assert_true (xref_fact_in_text (a, sla2, FALSE));
  /* OCR noise in a name: tolerated on OCR'd pages only */
  g_assert_false (xref_fact_in_text (c, ocr, FALSE));
  g_assert_true (xref_fact_in_text (c, ocr, TRUE));
  /* OCR misreads a character of a unit (間 as 問), never a digit */
  {
    XrefFact *g = fact_new (XREF_FACT_NUMBER, "5分間");
    XrefFact *h = fact_new (XREF_FACT_NUMBER, "15分間");
    g_autofree char *page = xref_normalise ("外部から5分問隔で計測");
    g_assert_true (xref_fact_in_text (g, page, TRUE));
    g_assert_false (xref_fact_in_text (g, page, FALSE));
    g_assert_false (xref_fact_in_text (h, page, TRUE));
    xref_fact_free (g);
    xref_fact_free (h);
  }
  /* a table cell that wrapped its unit */
  g_assert_true (xref_fact_wrapped (d, "UPS 有り（バッテリー運転10　有り（バッテリー運転15\n分） 分）"));
  g_assert_false (xref_fact_wrapped (d, "UPS 有り（バッテリー運転100\n分）"));
  g_assert_false (xref_fact_wrapped (e, "運転15分以上\n分）"));

  xref_fact_free (a);
  xref_fact_free (b);
  xref_fact_free (c);
  xref_fact_free (d);
  xref_fact_free (e);
}

/* ---- the fixtures ---------------------------------------------------------- */

typedef struct {
  char *tmp;
  JsonParser *truth;
  JsonParser *report;
} Run;

static void
run_fixture (Run *run, const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "fixtures", name, NULL);
  g_autofree char *truth = g_strdup_printf ("%s.truth.json", dir);
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;
  const char *subs[] = { dir, NULL };

  run->tmp = g_dir_make_tmp ("shinsa-test-crossref-XXXXXX", NULL);
  test_run_shipped_pipeline ("intake", subs, run->tmp);
  report = g_build_filename (run->tmp, name, "report.json", NULL);
  run->truth = json_parser_new ();
  json_parser_load_from_file (run->truth, truth, &error);
  g_assert_no_error (error);
  run->report = json_parser_new ();
  json_parser_load_from_file (run->report, report, &error);
  g_assert_no_error (error);
}

static void
run_clear (Run *run)
{
  shinsa_remove_tree (run->tmp, NULL);
  g_free (run->tmp);
  g_object_unref (run->truth);
  g_object_unref (run->report);
}

/* (nullable): the report's item @no */
static JsonObject *
find_item (JsonObject *root, gint64 no)
{
  JsonArray *items = json_object_get_array_member (root, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      if (json_object_get_int_member (o, "no") == no)
        return o;
    }
  return NULL;
}

static JsonObject *
report_item (Run *run, gint64 no)
{
  return find_item (json_node_get_object (json_parser_get_root (run->report)), no);
}

static JsonObject *
report_item_in (JsonObject *root, gint64 no)
{
  JsonObject *o = find_item (root, no);

  if (o == NULL)
    g_error ("item %" G_GINT64_FORMAT " not in the report", no);
  return o;
}

static gboolean
array_has_int (JsonArray *a, gint64 v)
{
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    if (json_array_get_int_element (a, i) == v)
      return TRUE;
  return FALSE;
}

/* Every citation the generator wrote resolves to the document it meant and
 * to pages that hold the fact — printed page numbers on documents with a
 * cover and front matter, 第N条 and N.M節 through the headings, 「題名」 and a
 * bare 第N条 through the titles and the headings. */
static void
test_resolution (gconstpointer data)
{
  const char *name = data;
  Run run = { 0, };
  JsonArray *items;
  guint checked = 0, printed_not_physical = 0;

  run_fixture (&run, name);
  items = json_object_get_array_member (json_node_get_object (json_parser_get_root (run.truth)), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *ti = json_array_get_object_element (items, i);
      gint64 no = json_object_get_int_member (ti, "no");
      JsonArray *tcites = json_object_get_array_member (ti, "citations");
      JsonObject *ri = report_item (&run, no);
      JsonArray *rcites;

      if (tcites == NULL || json_array_get_length (tcites) == 0 || ri == NULL)
        continue;
      rcites = json_object_get_array_member (ri, "citations");
      g_assert_nonnull (rcites);
      for (guint c = 0; c < json_array_get_length (tcites); c++)
        {
          JsonObject *tc = json_array_get_object_element (tcites, c);
          const char *doc = json_object_get_string_member (tc, "document");
          const char *kind = json_object_get_string_member (tc, "kind");
          gint64 fact_page = json_object_get_int_member_with_default (tc, "fact_page", 0);
          gboolean found = FALSE;

          /* past-end and missing documents are findings, tested elsewhere */
          if (g_strcmp0 (kind, "past-end") == 0 || !json_object_has_member (tc, "pages"))
            continue;
          for (guint r = 0; r < json_array_get_length (rcites) && !found; r++)
            {
              JsonObject *rc = json_array_get_object_element (rcites, r);
              JsonArray *pages = json_object_get_array_member (rc, "pages");

              /* several citations of one document: the one holding the fact */
              if (g_strcmp0 (json_object_get_string_member_with_default (rc, "document", NULL), doc) != 0 ||
                  !array_has_int (pages, fact_page))
                continue;
              if (g_strcmp0 (kind, "page") == 0)
                {
                  JsonArray *want = json_object_get_array_member (tc, "pages");
                  JsonArray *labels = json_object_get_array_member (tc, "labels");
                  g_assert_cmpint (json_array_get_int_element (pages, 0), ==, json_array_get_int_element (want, 0));
                  if (json_array_get_int_element (want, 0) != g_ascii_strtoll (json_array_get_string_element (labels, 0), NULL, 10))
                    printed_not_physical++;
                }
              found = TRUE;
            }
          if (!found)
            g_error ("%s item %" G_GINT64_FORMAT ": no citation of %s resolved to the fact's page %" G_GINT64_FORMAT,
                     name, no, doc, fact_page);
          checked++;
        }
    }
  g_test_message ("%s: %u citations resolved, %u of them printed ≠ physical", name, checked, printed_not_physical);
  g_assert_cmpuint (checked, >, 100);
  g_assert_cmpuint (printed_not_physical, >, 10);
  run_clear (&run);
}

/* sample: the claims on the scanned 資料6 (OCR'd, noisy) are still supported,
 * and the one planted weak claim is weak, naming what is missing */
static void
test_support (void)
{
  Run run = { 0, };
  JsonArray *items;
  guint scanned_ok = 0;

  run_fixture (&run, "sample");
  items = json_object_get_array_member (json_node_get_object (json_parser_get_root (run.report)), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      JsonArray *cites = json_object_get_array_member (o, "citations");

      for (guint c = 0; cites != NULL && c < json_array_get_length (cites); c++)
        {
          JsonObject *rc = json_array_get_object_element (cites, c);
          const char *support = json_object_get_string_member_with_default (rc, "support", "");

          if (json_object_get_int_member (o, "no") == 77)
            {
              g_assert_cmpstr (support, ==, "weak");
              continue;
            }
          g_assert_cmpstr (support, !=, "weak");
          if (g_strcmp0 (json_object_get_string_member_with_default (rc, "document", NULL), "資料6") == 0 &&
              g_strcmp0 (support, "ok") == 0)
            {
              JsonArray *matches = json_object_get_array_member (rc, "matches");
              scanned_ok++;
              /* the report highlights where: boxes on the scanned page */
              g_assert_nonnull (matches);
            }
        }
    }
  g_assert_cmpuint (scanned_ok, >=, 3);
  {
    JsonArray *findings = json_object_get_array_member (json_node_get_object (json_parser_get_root (run.report)), "findings");
    gboolean seen = FALSE;
    for (guint i = 0; i < json_array_get_length (findings); i++)
      {
        JsonObject *f = json_array_get_object_element (findings, i);
        if (g_strcmp0 (json_object_get_string_member (f, "code"), "CITE-WEAK-SUPPORT") != 0)
          continue;
        g_assert_cmpint (json_object_get_int_member (f, "item"), ==, 77);
        g_assert_nonnull (strstr (json_object_get_string_member (f, "message"), "99.95%"));
        seen = TRUE;
      }
    g_assert_true (seen);
  }
  run_clear (&run);
}

/* ---- a submission made here: the cases the generator does not write ---- */

/* pages of text, each with its folio ("" for none) at the foot */
static void
write_pdf (const char *path, const char *const *pages, const char *const *folios, guint n)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "IPAexGothic", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (guint p = 0; p < n; p++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[p], "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          cairo_move_to (cr, 72, 100 + 18 * i);
          cairo_show_text (cr, lines[i]);
        }
      if (folios[p][0] != '\0')
        {
          cairo_move_to (cr, 290, 800);
          cairo_show_text (cr, folios[p]);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static JsonObject *
citation_of (JsonObject *item, guint i)
{
  JsonArray *cites = json_object_get_array_member (item, "citations");
  g_assert_nonnull (cites);
  g_assert_cmpuint (json_array_get_length (cites), >, i);
  return json_array_get_object_element (cites, i);
}

static guint
count_findings (JsonArray *findings, const char *code, gint64 item)
{
  guint n = 0;
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      if (g_strcmp0 (json_object_get_string_member (f, "code"), code) == 0 &&
          json_object_get_int_member_with_default (f, "item", 0) == item)
        n++;
    }
  return n;
}

/* A CSV 申請書B and one evidence PDF with a cover, printed page numbers 1-2
 * on physical pages 2-3, an article and a section: a glued citation
 * (資料13.4節 for 資料1 3.4節), a bare 第1条, a printed page that is not the
 * physical one, a page past the end, a claim its page contradicts. */
static void
test_handmade (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-crossref-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (tmp, "handmade", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  static const char *const pages[] = {
    "運用規程\n株式会社テスト",
    "第1章　総則\n第1条（目的）\n本規程は、情報資産の保護を目的とする。\nパターンファイルは1時間以内に更新する。",
    "第2章　暗号化\n3.4　データの暗号化\n保存データはAES-256で暗号化し、鍵は90日ごとに更新する。",
  };
  static const char *const folios[] = { "", "- 1 -", "- 2 -" };
  const char *subs[] = { sub, NULL };
  JsonObject *root, *cite;
  JsonArray *findings;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  pdf = g_build_filename (sub, "資料1_運用規程.pdf", NULL);
  write_pdf (pdf, pages, folios, G_N_ELEMENTS (pages));
  csv = g_build_filename (sub, "申請書B.csv", NULL);
  g_file_set_contents (csv,
                       "通番,開示項目,申請内容,添付書類等\n"
                       "105,ウイルスチェック,パターンファイルは1時間以内に更新,資料1 p.1\n"
                       "108,記録（ログ等）,鍵は90日ごとに更新,資料13.4節\n"
                       "29,情報セキュリティに関する規程等の整備,有り（運用規程）,第1条\n"
                       "106,ユーザ認証,IDとパスワード,資料1 p.9\n"
                       "110,その他セキュリティ対策,保存データをAES-128で暗号化,資料1 p.2\n",
                       -1, &error);
  g_assert_no_error (error);

  test_run_shipped_pipeline ("intake", subs, out);
  report = g_build_filename (out, "handmade", "report.json", NULL);
  json_parser_load_from_file (parser, report, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  findings = json_object_get_array_member (root, "findings");

  /* p.1 is the printed 1: physical page 2, and the note says so */
  cite = citation_of (report_item_in (root, 105), 0);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (cite, "pages"), 0), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (cite, "by"), ==, "label");
  g_assert_nonnull (strstr (json_object_get_string_member (cite, "note"), "物理頁の2頁目"));
  g_assert_cmpstr (json_object_get_string_member (cite, "support"), ==, "ok");

  /* 資料13.4節: no 資料13, so 資料1 3.4節, on physical page 3 */
  cite = citation_of (report_item_in (root, 108), 0);
  g_assert_cmpstr (json_object_get_string_member (cite, "document"), ==, "資料1");
  g_assert_cmpstr (json_object_get_string_member (cite, "section"), ==, "3.4節");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (cite, "pages"), 0), ==, 3);
  g_assert_cmpuint (count_findings (findings, "CITE-DOC-NOT-FOUND", 108), ==, 0);

  /* 第1条 alone: the one document that has it */
  cite = citation_of (report_item_in (root, 29), 0);
  g_assert_cmpstr (json_object_get_string_member (cite, "document"), ==, "資料1");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (cite, "pages"), 0), ==, 2);

  /* p.9 of a document printed 1-2 */
  g_assert_cmpuint (count_findings (findings, "CITE-PAGE-OUT-OF-RANGE", 106), ==, 1);
  /* AES-128 claimed, AES-256 on the page */
  g_assert_cmpuint (count_findings (findings, "CITE-WEAK-SUPPORT", 110), ==, 1);
  g_assert_cmpuint (count_findings (findings, "CITE-WEAK-SUPPORT", 105), ==, 0);
  g_assert_cmpuint (count_findings (findings, "CITE-WEAK-SUPPORT", 108), ==, 0);

  shinsa_remove_tree (tmp, NULL);
}

/* A renewal examines the changed items only: crossref leaves the others
 * alone (examined: false, no citations, no CITE-*), so the planted CITE-*
 * of unchanged items (77, 110, 133) are not reported, and the truth of the
 * renewal run does not expect them. */
static void
test_renewal_scope (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-crossref-XXXXXX", NULL);
  g_autofree char *current = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal", "current", NULL);
  g_autofree char *previous = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal", "previous", NULL);
  g_autofree char *truth_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal.truth.json", NULL);
  g_autofree char *report = g_build_filename (tmp, "current", "report.json", NULL);
  g_autofree char *file = NULL;
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) truth = json_parser_new ();
  g_autoptr(GHashTable) changed = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *const available[] = { "files", "previous", NULL };
  const char *subs[] = { current, NULL };
  JsonObject *root;
  JsonArray *changes, *items, *findings, *expected;

  file = shinsa_pipeline_find_file ("renewal", &error);
  g_assert_no_error (error);
  shinsa_registry_scan (registry, NULL, NULL);
  pipeline = shinsa_pipeline_load (registry, file, available, &error);
  g_assert_no_error (error);
  runner = shinsa_runner_new (pipeline, tmp);
  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  shinsa_runner_set_previous (runner, previous);
  shinsa_runner_run (runner, subs, &error);
  g_assert_no_error (error);

  json_parser_load_from_file (parser, report, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  changes = json_object_get_array_member (root, "changes");
  g_assert_nonnull (changes);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      if (json_object_get_boolean_member_with_default (c, "changed", TRUE))
        g_hash_table_add (changed, GINT_TO_POINTER (json_object_get_int_member (c, "item")));
    }
  g_assert_cmpuint (g_hash_table_size (changed), >, 0);

  items = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      gboolean is_changed = g_hash_table_contains (changed, GINT_TO_POINTER (json_object_get_int_member (o, "no")));

      if (is_changed)
        g_assert_false (json_object_has_member (o, "examined"));
      else
        {
          g_assert_false (json_object_get_boolean_member_with_default (o, "examined", TRUE));
          g_assert_false (json_object_has_member (o, "citations"));
        }
    }

  findings = json_object_get_array_member (root, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      gint64 item = json_object_get_int_member_with_default (f, "item", 0);

      if (g_str_has_prefix (json_object_get_string_member (f, "code"), "CITE-"))
        g_assert_true (g_hash_table_contains (changed, GINT_TO_POINTER (item)));
    }

  /* the truth of the renewal run agrees */
  json_parser_load_from_file (truth, truth_path, &error);
  g_assert_no_error (error);
  expected = json_object_get_array_member (json_node_get_object (json_parser_get_root (truth)), "expected_findings");
  for (guint j = 0; j < json_array_get_length (expected); j++)
    {
      JsonObject *e = json_array_get_object_element (expected, j);
      if (g_str_has_prefix (json_object_get_string_member (e, "code"), "CITE-"))
        g_assert_true (g_hash_table_contains (changed, GINT_TO_POINTER (json_object_get_int_member_with_default (e, "item", 0))));
    }
  shinsa_remove_tree (tmp, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crossref/facts/from-claim", test_facts_from_claim);
  g_test_add_func ("/crossref/facts/normalise", test_normalise);
  g_test_add_func ("/crossref/facts/matching", test_fact_matching);
  g_test_add_data_func ("/crossref/resolution/sample", "sample", test_resolution);
  g_test_add_data_func ("/crossref/resolution/defects", "defects", test_resolution);
  g_test_add_func ("/crossref/support/sample", test_support);
  g_test_add_func ("/crossref/handmade", test_handmade);
  g_test_add_func ("/crossref/renewal-scope", test_renewal_scope);
  return g_test_run ();
}
