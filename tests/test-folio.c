/* shinsa — tests for printed page labels: the folio recogniser on its own,
 * the document-level choice on made-up pages, and the labels of every page
 * of fixtures/sample against its truth file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <locale.h>

#include "folio.h"

/* ---- the recogniser ---------------------------------------------------- */

typedef struct {
  const char *input;
  FolioKind kind;              /* FOLIO_NONE: not a folio */
  const char *text;
  int value;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "3", FOLIO_ARABIC, "3", 3 },
  { "12", FOLIO_ARABIC, "12", 12 },
  { "- 3 -", FOLIO_ARABIC, "3", 3 },
  { "-3-", FOLIO_ARABIC, "3", 3 },
  { "— 14 —", FOLIO_ARABIC, "14", 14 },
  { "ー３ー", FOLIO_ARABIC, "3", 3 },
  { "－ ３ －", FOLIO_ARABIC, "3", 3 },
  { "3/12", FOLIO_ARABIC, "3", 3 },
  { "3 / 12", FOLIO_ARABIC, "3", 3 },
  { "３／１２", FOLIO_ARABIC, "3", 3 },
  { "Page 3 of 12", FOLIO_ARABIC, "3", 3 },
  { "P.3", FOLIO_ARABIC, "3", 3 },
  { "p. 3", FOLIO_ARABIC, "3", 3 },
  { "P3", FOLIO_ARABIC, "3", 3 },
  { "Ｐ．３", FOLIO_ARABIC, "3", 3 },
  { "page 7", FOLIO_ARABIC, "7", 7 },
  { "３頁", FOLIO_ARABIC, "3", 3 },
  { "第3頁", FOLIO_ARABIC, "3", 3 },
  { "3ページ", FOLIO_ARABIC, "3", 3 },
  { "(3)", FOLIO_ARABIC, "3", 3 },
  { "（３）", FOLIO_ARABIC, "3", 3 },
  { "〔12〕", FOLIO_ARABIC, "12", 12 },
  { "ii", FOLIO_ROMAN, "ii", 2 },
  { "- iv -", FOLIO_ROMAN, "iv", 4 },
  { "xii", FOLIO_ROMAN, "xii", 12 },
  { "(III)", FOLIO_ROMAN, "III", 3 },
  { "ⅱ", FOLIO_ROMAN, "ii", 2 },
  { "1024", FOLIO_NONE, NULL, 0 },        /* a year or an amount, not decorated */
  { "2024", FOLIO_NONE, NULL, 0 },
  { "- 1024 -", FOLIO_ARABIC, "1024", 1024 },
  { "第3条", FOLIO_NONE, NULL, 0 },
  { "第3章", FOLIO_NONE, NULL, 0 },
  { "3.1", FOLIO_NONE, NULL, 0 },
  { "2024年4月1日", FOLIO_NONE, NULL, 0 },
  { "MDS-ISMS-001", FOLIO_NONE, NULL, 0 },
  { "社外秘", FOLIO_NONE, NULL, 0 },
  { "13/12", FOLIO_NONE, NULL, 0 },       /* past the total */
  { "-3", FOLIO_NONE, NULL, 0 },          /* a dash on one side is not a folio's */
  { "iiii", FOLIO_NONE, NULL, 0 },        /* not a canonical numeral */
  { "IiI", FOLIO_NONE, NULL, 0 },
  { "0", FOLIO_NONE, NULL, 0 },
  { "", FOLIO_NONE, NULL, 0 },
  { "情報セキュリティ基本方針", FOLIO_NONE, NULL, 0 },
  { "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18", FOLIO_NONE, NULL, 0 },
};

static void
test_parse (gconstpointer data)
{
  const ParseCase *c = data;
  Folio folio;
  gboolean ok = folio_parse (c->input, &folio);

  g_assert_cmpint (ok, ==, c->kind != FOLIO_NONE);
  g_assert_cmpint (folio.kind, ==, c->kind);
  g_assert_cmpstr (folio.text, ==, c->text);
  g_assert_cmpint (folio.value, ==, c->value);
  folio_clear (&folio);
}

/* ---- the document-level choice ----------------------------------------- */

/* a page with one line of body text and, when given, a footer line */
static ShinsaPage *
make_page (int number, const char *footer)
{
  ShinsaPage *page = shinsa_page_new (number, 595, 842);
  ShinsaSpan body = { .text = (char *) "本文", .x = 68, .y = 300, .width = 40, .height = 10,
                      .font_size = 10.5, .line = 0 };

  shinsa_page_add_span (page, &body);
  if (footer != NULL)
    {
      ShinsaSpan foot = { .text = (char *) footer, .x = 280, .y = 796, .width = 30, .height = 10,
                          .font_size = 9.5, .line = 1 };
      shinsa_page_add_span (page, &foot);
    }
  return page;
}

typedef struct {
  const char *name;
  const char *footers[8];      /* per physical page, NULL-padded to n */
  guint n;
  const char *labels[8];       /* expected */
} LabelCase;

static const LabelCase label_cases[] = {
  { "cover-then-dashes", { NULL, NULL, "- 1 -", "- 2 -", "- 3 -" }, 5,
    { NULL, NULL, "1", "2", "3" } },
  { "counting-the-cover", { NULL, "P.2", "P.3", "P.4" }, 4, { NULL, "2", "3", "4" } },
  { "roman-front-matter", { NULL, "i", "ii", "1", "2", "3" }, 6, { NULL, "i", "ii", "1", "2", "3" } },
  { "extract-skips-pages", { NULL, "i", "12", "21", "31" }, 5, { NULL, "i", "12", "21", "31" } },
  /* a stray number in one footer is not a sequence */
  { "one-stray-number", { NULL, NULL, "7", NULL, NULL }, 5, { NULL } },
  /* a repeated number drops out; the run goes on after it */
  { "repeat-dropped", { "1", "2", "2", "3" }, 4, { "1", "2", NULL, "3" } },
  { "decreasing-rejected", { "9", "8", "7", "6" }, 4, { NULL } },
  { "fractions", { "1/3", "2/3", "3/3" }, 3, { "1", "2", "3" } },
  { "single-page", { "1" }, 1, { "1" } },
  { "roman-after-arabic-dropped", { "1", "2", "iii" }, 3, { "1", "2", NULL } },
};

static void
test_label_pages (gconstpointer data)
{
  const LabelCase *c = data;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);

  for (guint i = 0; i < c->n; i++)
    g_ptr_array_add (pages, make_page (i + 1, c->footers[i]));
  folio_label_pages (pages, NULL);
  for (guint i = 0; i < c->n; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);

      g_assert_cmpstr (page->label, ==, c->labels[i]);
      g_assert_cmpstr (page->label_source, ==, c->labels[i] != NULL ? "folio" : NULL);
    }
}

static void
test_pdf_labels (void)
{
  static const char *const made_up[] = { "1", "2", "3" };
  static const char *const real[] = { "表紙", "i", "1" };
  FolioPdfLabels pdf = { made_up, 3, FALSE };
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);

  g_test_summary ("poppler's made-up labels are not labels; real ones win over folios");
  g_assert_false (folio_pdf_has_labels (&pdf));
  pdf.catalog_has_labels = TRUE;
  g_assert_true (folio_pdf_has_labels (&pdf));
  pdf.labels = real;
  pdf.catalog_has_labels = FALSE;
  g_assert_true (folio_pdf_has_labels (&pdf));

  g_ptr_array_add (pages, make_page (1, NULL));
  g_ptr_array_add (pages, make_page (2, "- 5 -"));
  g_ptr_array_add (pages, make_page (3, "- 6 -"));
  folio_label_pages (pages, &pdf);
  for (guint i = 0; i < 3; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);
      g_assert_cmpstr (page->label, ==, real[i]);
      g_assert_cmpstr (page->label_source, ==, "pdf-label");
    }
}

/* ---- fixtures/sample ----------------------------------------------------- */

static JsonObject *
find_document (JsonArray *docs, const char *path)
{
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *o = json_array_get_object_element (docs, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "path", NULL), path) == 0)
        return o;
    }
  return NULL;
}

/* what the page is cited as: the PDF label, else the printed number (the
 * roman folio itself when it has no number) */
static char *
expected_label (JsonObject *truth_page)
{
  if (!json_object_get_null_member (truth_page, "label"))
    return g_strdup (json_object_get_string_member (truth_page, "label"));
  if (!json_object_get_null_member (truth_page, "number"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (truth_page, "number"));
  if (!json_object_get_null_member (truth_page, "folio"))
    return g_strdup (json_object_get_string_member (truth_page, "folio"));
  return NULL;
}

/* Runs documents + extract over fixtures/sample once, through the runner,
 * and compares report.json's page_labels with the truth file. @source picks
 * the documents: "pdf-text" or "scan". */
static void
test_sample_labels (gconstpointer data)
{
  const char *source = data;
  static const char pipeline_text[] =
    "[pipeline]\nname=folio-test\ndescription=labels\n\n"
    "[documents]\nplugin=documents\n\n"
    "[extract]\nplugin=extract\n";
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", NULL);
  g_autofree char *truth_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample.truth.json", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-folio-XXXXXX", NULL);
  g_autofree char *report = g_build_filename (tmp, "sample", "report.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autoptr(JsonParser) truth = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *subs[] = { sample, NULL };
  JsonArray *truth_docs, *docs;
  g_autoptr(GString) misread = g_string_new (NULL);
  guint checked = 0;

  shinsa_registry_scan (registry, NULL, NULL);
  pipeline = shinsa_pipeline_load_data (registry, pipeline_text, -1, "folio-test.pipeline", NULL, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (source, "pdf-text") == 0)
    {
      /* the text PDFs need no OCR; the scans are left empty */
      shinsa_pipeline_override (pipeline, "extract.ocr=never", &error);
      g_assert_no_error (error);
    }
  runner = shinsa_runner_new (pipeline, tmp);
  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  g_assert_cmpint (shinsa_runner_run (runner, subs, &error), ==, SHINSA_EXIT_OK);
  g_assert_no_error (error);

  json_parser_load_from_file (truth, truth_path, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (parser, report, &error);
  g_assert_no_error (error);
  truth_docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (truth)), "documents");
  docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "documents");

  for (guint i = 0; i < json_array_get_length (truth_docs); i++)
    {
      JsonObject *t = json_array_get_object_element (truth_docs, i);
      const char *path = json_object_get_string_member (t, "path");
      JsonArray *truth_pages = json_object_get_array_member (t, "page_list");
      JsonObject *d;
      JsonArray *labels;

      if (g_strcmp0 (json_object_get_string_member (t, "source"), source) != 0)
        continue;
      d = find_document (docs, path);
      g_assert_nonnull (d);
      labels = json_object_get_array_member (d, "page_labels");
      g_assert_nonnull (labels);
      g_assert_cmpuint (json_array_get_length (labels), ==, json_array_get_length (truth_pages));
      for (guint p = 0; p < json_array_get_length (truth_pages); p++)
        {
          g_autofree char *want = expected_label (json_array_get_object_element (truth_pages, p));
          JsonNode *got = json_array_get_element (labels, p);
          const char *label = JSON_NODE_HOLDS_NULL (got) ? NULL : json_node_get_string (got);

          if (g_strcmp0 (label, want) != 0)
            g_string_append_printf (misread, "%s page %u: label '%s', printed '%s'\n", path, p + 1,
                                    label != NULL ? label : "(none)", want != NULL ? want : "(none)");
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);
  shinsa_remove_tree (tmp, NULL);
  if (misread->len == 0)
    return;
  /* a text layer's folio is read exactly; a scan's is as good as OCR reads
   * the footer, which is the OCR's to improve, not the folio logic's */
  if (g_strcmp0 (source, "scan") == 0)
    g_test_incomplete (misread->str);
  else
    g_error ("%s", misread->str);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/folio/parse/%u", i);
      g_test_add_data_func (path, &parse_cases[i], test_parse);
    }
  for (guint i = 0; i < G_N_ELEMENTS (label_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/folio/label/%s", label_cases[i].name);
      g_test_add_data_func (path, &label_cases[i], test_label_pages);
    }
  g_test_add_func ("/folio/pdf-labels", test_pdf_labels);
  g_test_add_data_func ("/folio/sample/pdf-text", "pdf-text", test_sample_labels);
  g_test_add_data_func ("/folio/sample/scan", "scan", test_sample_labels);
  return g_test_run ();
}
