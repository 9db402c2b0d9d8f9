/* shinsa — tests for the extract stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The stage runs as the runner runs it (registry, pipeline options, worker
 * pool) on the committed fixtures and on PDFs made here with cairo; what
 * it read is taken from the files the runner writes: report.json and
 * pages.json.
 */
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <shinsa.h>

static ShinsaRegistry *registry;
static char *cache_home;

typedef struct {
  char *outdir;
  JsonParser *report;
  JsonParser *pages;
  ShinsaExitStatus status;
} Result;

static void
result_clear (Result *r)
{
  if (r->outdir != NULL)
    shinsa_remove_tree (r->outdir, NULL);
  g_clear_pointer (&r->outdir, g_free);
  g_clear_object (&r->report);
  g_clear_object (&r->pages);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* documents + extract over @folder, with extract's options @sets
 * ("ocr=never"…), through the runner */
static void
run_extract (const char *folder, const char *const *sets, Result *r)
{
  static const char text[] =
    "[pipeline]\nname=extract-test\ndescription=extract\n\n"
    "[documents]\nplugin=documents\n\n"
    "[extract]\nplugin=extract\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autofree char *id = NULL;
  g_autofree char *report = NULL;
  g_autofree char *pages = NULL;
  const char *subs[] = { folder, NULL };
  struct stat st;

  pipeline = shinsa_pipeline_load_data (registry, text, -1, "extract-test.pipeline", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_autofree char *set = g_strdup_printf ("extract.%s", sets[i]);

      shinsa_pipeline_override (pipeline, set, &error);
      g_assert_no_error (error);
    }
  r->outdir = g_dir_make_tmp ("shinsa-test-extract-XXXXXX", &error);
  g_assert_no_error (error);
  runner = shinsa_runner_new (pipeline, r->outdir);
  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  r->status = shinsa_runner_run (runner, subs, &error);
  g_assert_no_error (error);

  {
    g_autoptr(ShinsaSubmission) sub = shinsa_submission_open (folder, NULL, NULL, &error);
    g_assert_no_error (error);
    id = g_strdup (shinsa_submission_get_id (sub));
  }
  report = g_build_filename (r->outdir, id, "report.json", NULL);
  pages = g_build_filename (r->outdir, id, "pages.json", NULL);
  r->report = json_parser_new ();
  json_parser_load_from_file (r->report, report, &error);
  g_assert_no_error (error);
  r->pages = json_parser_new ();
  json_parser_load_from_file (r->pages, pages, &error);
  g_assert_no_error (error);
  /* written like the report: the examiner's only */
  g_assert_cmpint (g_stat (pages, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static int
g_strcmp0_ptr (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static JsonObject *
find_by_path (JsonArray *array, const char *path)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "path", NULL), path) == 0)
        return o;
    }
  return NULL;
}

static JsonObject *
report_root (Result *r)
{
  return json_node_get_object (json_parser_get_root (r->report));
}

/* (nullable): the extracted pages of @path from pages.json */
static JsonArray *
pages_of (Result *r, const char *path)
{
  JsonArray *docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (r->pages)),
                                                  "documents");
  JsonObject *doc = find_by_path (docs, path);

  return doc != NULL ? json_object_get_array_member (doc, "pages") : NULL;
}

static guint
count_findings (Result *r, const char *path, const char *code)
{
  JsonArray *findings = json_object_get_array_member (report_root (r), "findings");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (f, "path", NULL), path) == 0 &&
          (code == NULL || g_strcmp0 (json_object_get_string_member (f, "code"), code) == 0))
        n++;
    }
  return n;
}

/* A table is read row by row here ("商号 株式会社…" on one line), and the
 * gap between two cells may be read as an ideographic space; the
 * generator's truth writes a table cell by cell, each on its own line.
 * Short of that order, the words must be the same: sorted, split at line
 * breaks and spaces. */
static char *
sorted_words (const char *text)
{
  g_autoptr(GString) plain = g_string_new (text);
  g_auto(GStrv) words = NULL;

  g_string_replace (plain, "\u3000", " ", 0);
  words = g_strsplit_set (plain->str, "\n ", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_sort (kept, (GCompareFunc) g_strcmp0_ptr);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("|", (char **) kept->pdata);
}

/* ---- text PDFs ----------------------------------------------------------- */

static void
test_sample_text (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", NULL);
  g_autofree char *truth_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample.truth.json", NULL);
  const char *sets[] = { "ocr=never", "cache=false", NULL };
  g_autoptr(JsonParser) truth = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };
  JsonArray *truth_docs;
  guint checked = 0, exact = 0;

  g_test_summary ("every text-PDF page of fixtures/sample reads as the generator wrote it");
  json_parser_load_from_file (truth, truth_path, &error);
  g_assert_no_error (error);
  truth_docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (truth)), "documents");
  run_extract (sample, sets, &r);

  for (guint i = 0; i < json_array_get_length (truth_docs); i++)
    {
      JsonObject *t = json_array_get_object_element (truth_docs, i);
      const char *path = json_object_get_string_member (t, "path");
      JsonArray *truth_pages = json_object_get_array_member (t, "page_list");
      JsonArray *pages = pages_of (&r, path);
      JsonObject *doc = find_by_path (json_object_get_array_member (report_root (&r), "documents"), path);
      gboolean text_pdf = g_strcmp0 (json_object_get_string_member (t, "source"), "pdf-text") == 0;

      g_assert_nonnull (pages);
      g_assert_cmpuint (json_array_get_length (pages), ==, json_array_get_length (truth_pages));
      g_assert_cmpint (json_object_get_int_member (doc, "text_pages"), ==,
                       text_pdf ? (gint64) json_array_get_length (truth_pages) : 0);
      g_assert_cmpint (json_object_get_int_member (doc, "ocr_pages"), ==, 0);
      for (guint p = 0; p < json_array_get_length (pages); p++)
        {
          JsonObject *page = json_array_get_object_element (pages, p);
          JsonObject *tp = json_array_get_object_element (truth_pages, p);
          const char *want = json_object_get_string_member (tp, "text");
          const char *got = json_object_get_string_member (page, "text");

          g_assert_cmpint (json_object_get_int_member (page, "page"), ==, p + 1);
          if (!text_pdf)
            {
              /* ocr=never: a scan stays empty and says why */
              g_assert_cmpstr (got, ==, "");
              g_assert_cmpstr (json_object_get_string_member (page, "source"), ==, "none");
              g_assert_cmpstr (json_object_get_string_member (page, "note"), ==,
                               "image-only page; not OCR'd (ocr=never)");
              continue;
            }
          g_assert_cmpstr (json_object_get_string_member (page, "source"), ==, "pdf-text");
          if (strcmp (want, got) == 0)
            exact++;
          else
            {
              g_autofree char *w = sorted_words (want);
              g_autofree char *g = sorted_words (got);

              if (strcmp (w, g) != 0)
                g_error ("%s page %u:\n--- truth\n%s\n--- read\n%s", path, p + 1, want, got);
            }
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);
  g_test_message ("%u of %u text pages equal the truth line for line", exact, checked);
}

static void
test_sample_red_spans (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", NULL);
  g_autofree char *truth_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample.truth.json", NULL);
  const char *sets[] = { "ocr=never", "cache=false", NULL };
  g_autoptr(JsonParser) truth = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };
  JsonArray *truth_docs;
  guint checked = 0;

  g_test_summary ("the red runs the generator drew are red spans, with their colour");
  json_parser_load_from_file (truth, truth_path, &error);
  g_assert_no_error (error);
  truth_docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (truth)), "documents");
  run_extract (sample, sets, &r);

  for (guint i = 0; i < json_array_get_length (truth_docs); i++)
    {
      JsonObject *t = json_array_get_object_element (truth_docs, i);
      JsonArray *truth_pages = json_object_get_array_member (t, "page_list");
      JsonArray *pages = pages_of (&r, json_object_get_string_member (t, "path"));

      if (g_strcmp0 (json_object_get_string_member (t, "source"), "pdf-text") != 0)
        continue;
      for (guint p = 0; p < json_array_get_length (truth_pages); p++)
        {
          JsonArray *red = json_object_get_array_member (json_array_get_object_element (truth_pages, p),
                                                         "red_spans");
          JsonArray *spans = json_object_get_array_member (json_array_get_object_element (pages, p), "spans");

          for (guint k = 0; k < json_array_get_length (red); k++)
            {
              JsonObject *want = json_array_get_object_element (red, k);
              g_autofree char *colour = g_ascii_strdown (json_object_get_string_member (want, "color"), -1);
              gboolean found = FALSE;

              for (guint s = 0; s < json_array_get_length (spans) && !found; s++)
                {
                  JsonObject *span = json_array_get_object_element (spans, s);

                  found = g_strcmp0 (json_object_get_string_member (span, "text"),
                                     json_object_get_string_member (want, "text")) == 0 &&
                          g_strcmp0 (json_object_get_string_member (span, "color"), colour) == 0;
                }
              if (!found)
                g_error ("%s page %u: no %s span '%s'", json_object_get_string_member (t, "path"), p + 1,
                         colour, json_object_get_string_member (want, "text"));
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, >, 0);
}

/* ---- colour, from a PDF made here ---------------------------------------- */

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct {
  const char *text;
  double r, g, b;
  double x, y;
  const char *colour;          /* as read */
} Run;

static const Run colour_runs[] = {
  { "黒い文字で書いた行", 0, 0, 0, 72, 100, "#000000" },
  { "朱書きの変更箇所", 1, 0, 0, 72, 140, "#ff0000" },
  { "濃い赤の行", 0.8, 0.1, 0.1, 72, 180, "#cc1a1a" },
};

static void
test_colour (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shinsa-test-colour-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "資料1_色.pdf", NULL);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const char *sets[] = { "cache=false", NULL };
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_array, out, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_auto(Result) r = { 0 };
  JsonArray *pages, *spans;

  g_test_summary ("span colour is the ink's: black, pure red, a dark red");
  cairo_select_font_face (cr, "IPAexGothic", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  for (guint i = 0; i < G_N_ELEMENTS (colour_runs); i++)
    {
      cairo_set_source_rgb (cr, colour_runs[i].r, colour_runs[i].g, colour_runs[i].b);
      cairo_move_to (cr, colour_runs[i].x, colour_runs[i].y);
      cairo_show_text (cr, colour_runs[i].text);
    }
  /* enough text that the page is not taken for a scan's stray layer */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 72, 220);
  cairo_show_text (cr, "本文はこの行に続けて、変更した箇所だけを赤で示しています。");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  g_file_set_contents (path, (const char *) out->data, out->len, &error);
  g_assert_no_error (error);

  run_extract (dir, sets, &r);
  pages = pages_of (&r, "資料1_色.pdf");
  g_assert_nonnull (pages);
  g_assert_cmpuint (json_array_get_length (pages), ==, 1);
  spans = json_object_get_array_member (json_array_get_object_element (pages, 0), "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, G_N_ELEMENTS (colour_runs) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (colour_runs); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);
      JsonArray *box = json_object_get_array_member (span, "box");

      g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, colour_runs[i].text);
      g_assert_cmpstr (json_object_get_string_member (span, "color"), ==, colour_runs[i].colour);
      g_assert_cmpstr (json_object_get_string_member (span, "source"), ==, "pdf-text");
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (span, "font_size"), 12, 0.01);
      /* boxes from the top left, in points: the baseline is inside the box */
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (box, 0), colour_runs[i].x, 1);
      g_assert_cmpfloat (json_array_get_double_element (box, 1), <, colour_runs[i].y);
      g_assert_cmpfloat (json_array_get_double_element (box, 1) + json_array_get_double_element (box, 3), >,
                         colour_runs[i].y - 2);
      g_assert_cmpint (json_object_get_int_member (span, "line"), ==, i);
    }
  shinsa_remove_tree (dir, NULL);
}

/* A text layer of private-use characters: what a font without a usable
 * ToUnicode map gives.  Not text; OCR reads the page instead. */
static void
test_mojibake (gconstpointer data)
{
  const char *mode = data;
  g_autofree char *dir = g_dir_make_tmp ("shinsa-test-mojibake-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "資料1_文字化け.pdf", NULL);
  g_autofree char *ocr = g_strdup_printf ("ocr=%s", mode);
  const char *sets[] = { ocr, "cache=false", NULL };
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_auto(Result) r = { 0 };
  JsonArray *pages;
  JsonObject *page;

  cairo_select_font_face (cr, "IPAexGothic", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  for (int i = 0; i < 10; i++)
    {
      cairo_move_to (cr, 72, 100 + 20 * i);
      cairo_show_text (cr, "\uE001\uE002\uE003\uE004\uE005\uE006\uE007\uE008");
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  run_extract (dir, sets, &r);
  pages = pages_of (&r, "資料1_文字化け.pdf");
  g_assert_nonnull (pages);
  page = json_array_get_object_element (pages, 0);
  if (strcmp (mode, "never") == 0)
    {
      g_assert_cmpstr (json_object_get_string_member (page, "source"), ==, "none");
      g_assert_cmpstr (json_object_get_string_member (page, "text"), ==, "");
      g_assert_cmpstr (json_object_get_string_member (page, "note"), ==,
                       "text layer unreadable; not OCR'd (ocr=never)");
    }
  else
    {
      g_assert_cmpstr (json_object_get_string_member (page, "source"), ==, "ocr");
      g_assert_cmpstr (json_object_get_string_member (page, "note"), ==, "text layer unreadable");
      g_assert_null (strstr (json_object_get_string_member (page, "text"), "\uE001"));
    }
  shinsa_remove_tree (dir, NULL);
}

/* ---- fixtures/damaged ----------------------------------------------------- */

typedef struct {
  const char *path;
  const char *code;            /* the one finding, or NULL */
  int pages;                   /* -1: no page list */
} DamagedCase;

static const DamagedCase damaged_cases[] = {
  { "資料1_正常な文書.pdf", NULL, 2 },
  { "資料2_暗号化文書.pdf", "DOC-ENCRYPTED", -1 },
  { "資料3_途中で切れた文書.pdf", "DOC-UNREADABLE", -1 },
  { "資料4_実はJPEG.pdf", "DOC-UNREADABLE", -1 },
  { "資料5_空ファイル.pdf", "DOC-UNREADABLE", -1 },
  { "資料6_壊れた画像.png", "DOC-UNREADABLE", -1 },
  { "資料7_複数ページ.tif", NULL, 3 },
};

static void
test_damaged (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "damaged", NULL);
  const char *sets[] = { "ocr=never", "cache=false", NULL };
  g_auto(Result) r = { 0 };

  g_test_summary ("files the documents stage refused get no pages and no second finding");
  run_extract (dir, sets, &r);
  g_assert_cmpint (r.status, ==, SHINSA_EXIT_FINDINGS);
  for (guint i = 0; i < G_N_ELEMENTS (damaged_cases); i++)
    {
      const DamagedCase *c = &damaged_cases[i];
      JsonArray *pages = pages_of (&r, c->path);
      JsonObject *doc = find_by_path (json_object_get_array_member (report_root (&r), "documents"), c->path);

      g_assert_cmpuint (count_findings (&r, c->path, NULL), ==, c->code != NULL ? 1 : 0);
      if (c->code != NULL)
        g_assert_cmpuint (count_findings (&r, c->path, c->code), ==, 1);
      if (c->pages < 0)
        {
          g_assert_null (pages);
          g_assert_false (json_object_has_member (doc, "page_labels"));
          continue;
        }
      g_assert_nonnull (pages);
      g_assert_cmpint (json_array_get_length (pages), ==, c->pages);
      g_assert_cmpint (json_array_get_length (json_object_get_array_member (doc, "page_labels")), ==,
                       c->pages);
    }
  /* the readable PDF prints 1/2, 2/2 */
  {
    JsonArray *labels = json_object_get_array_member (
      find_by_path (json_object_get_array_member (report_root (&r), "documents"), "資料1_正常な文書.pdf"),
      "page_labels");

    g_assert_cmpstr (json_array_get_string_element (labels, 0), ==, "1");
    g_assert_cmpstr (json_array_get_string_element (labels, 1), ==, "2");
  }
}

/* ---- the cache ----------------------------------------------------------- */

static char *
cache_file (void)
{
  return g_build_filename (cache_home, "shinsa", "extract.sqlite", NULL);
}

/* replaces @from with @to in every stored blob; with @fix_checksum the
 * checksum is made to match again */
static void
cache_rewrite (const char *from, const char *to, gboolean fix_checksum)
{
  g_autofree char *path = cache_file ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT key, blob FROM pages", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *blob = g_string_new_len (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));

      g_assert_cmpuint (g_string_replace (blob, from, to, 0), >, 0);
      g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (blobs, g_string_free (blob, FALSE));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *blob = g_ptr_array_index (blobs, i);
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, blob, -1);

      g_assert_cmpint (sqlite3_prepare_v2 (db, fix_checksum
                                                 ? "UPDATE pages SET blob = ?1, checksum = ?3 WHERE key = ?2"
                                                 : "UPDATE pages SET blob = ?1 WHERE key = ?2",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_blob (stmt, 1, blob, strlen (blob), SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (keys, i), -1, SQLITE_TRANSIENT);
      if (fix_checksum)
        sqlite3_bind_text (stmt, 3, sum, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
}

static guint
cache_rows (void)
{
  g_autofree char *path = cache_file ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM pages", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
pages_json_text (Result *r)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, json_parser_get_root (r->pages));
  return json_generator_to_data (gen, NULL);
}

static void
copy_fixture (const char *dir, const char *name)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", name, NULL);
  g_autofree char *dst = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (src, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (dst, data, len, &error);
  g_assert_no_error (error);
}

static void
test_cache (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shinsa-test-cache-XXXXXX", NULL);
  g_autofree char *db = cache_file ();
  g_autofree char *cold = NULL;
  g_autofree char *warm = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *recomputed = NULL;
  const char *sets[] = { "ocr=never", NULL };
  struct stat st;

  g_test_summary ("a cache hit gives the cold run's pages; an entry whose checksum "
                  "does not match is recomputed and replaced, never used");
  copy_fixture (dir, "資料3_情報セキュリティ基本方針.pdf");
  shinsa_remove_tree (cache_home, NULL);

  {
    g_auto(Result) r = { 0 };
    run_extract (dir, sets, &r);
    cold = pages_json_text (&r);
  }
  g_assert_cmpuint (cache_rows (), ==, 1);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *folder = g_path_get_dirname (db);
    g_assert_cmpint (g_stat (folder, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }

  {
    g_auto(Result) r = { 0 };
    run_extract (dir, sets, &r);
    warm = pages_json_text (&r);
  }
  g_assert_cmpstr (warm, ==, cold);

  /* an entry whose checksum matches is what a run reads: proof that the
   * runs here are hits, not cold runs again */
  cache_rewrite ("基本方針", "基本方針（改）", TRUE);
  {
    g_auto(Result) r = { 0 };
    run_extract (dir, sets, &r);
    forged = pages_json_text (&r);
  }
  g_assert_nonnull (strstr (forged, "基本方針（改）"));

  /* a blob changed behind its checksum's back is a miss */
  cache_rewrite ("当社", "他社", FALSE);
  {
    g_auto(Result) r = { 0 };
    run_extract (dir, sets, &r);
    recomputed = pages_json_text (&r);
  }
  g_assert_cmpstr (recomputed, ==, cold);
  g_assert_cmpuint (cache_rows (), ==, 1);

  /* and the entry was replaced: a hit again */
  {
    g_auto(Result) r = { 0 };
    g_autofree char *again = NULL;

    run_extract (dir, sets, &r);
    again = pages_json_text (&r);
    g_assert_cmpstr (again, ==, cold);
  }
  shinsa_remove_tree (dir, NULL);
}

/* ---- the time limit ------------------------------------------------------ */

static void
test_timeout (void)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "damaged",
                                                "資料7_複数ページ.tif", NULL);
  g_autofree char *dir = g_dir_make_tmp ("shinsa-test-timeout-XXXXXX", NULL);
  g_autofree char *dst = g_build_filename (dir, "資料7_複数ページ.tif", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  const char *sets[] = { "timeout=1", "cache=false", "ocr=always", NULL };
  g_auto(Result) r = { 0 };
  JsonObject *doc;
  gsize len;

  g_test_summary ("a document that takes longer than timeout= is given up as unreadable, "
                  "with one finding, and the run goes on");
  g_file_get_contents (src, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (dst, data, len, &error);
  g_assert_no_error (error);

  run_extract (dir, sets, &r);
  g_assert_cmpint (r.status, ==, SHINSA_EXIT_FINDINGS);
  g_assert_cmpuint (count_findings (&r, "資料7_複数ページ.tif", "DOC-UNREADABLE"), ==, 1);
  g_assert_cmpuint (count_findings (&r, "資料7_複数ページ.tif", NULL), ==, 1);
  g_assert_null (pages_of (&r, "資料7_複数ページ.tif"));
  doc = find_by_path (json_object_get_array_member (report_root (&r), "documents"), "資料7_複数ページ.tif");
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "unreadable");
  g_assert_cmpstr (json_object_get_string_member (doc, "status_reason"), ==,
                   "text extraction timed out after 1 s");
  shinsa_remove_tree (dir, NULL);
}

/* ---- the command line ---------------------------------------------------- */

typedef struct {
  const char *name;
  const char *args[6];         /* after "extract"; "@FIXTURE" is fixtures/damaged/<file> */
  int status;
  const char *stdout_has;      /* (nullable) */
} CliCase;

static const CliCase cli_cases[] = {
  { "text", { "@資料1_正常な文書.pdf", "--no-cache", NULL }, 0, "--- page 1 ---\n" },
  { "form-feed", { "@資料1_正常な文書.pdf", "--no-cache", NULL }, 0, "\f--- page 2 ---\n" },
  { "json", { "@資料1_正常な文書.pdf", "--format", "json", "--no-cache", NULL }, 0, "\"label_source\" : \"folio\"" },
  { "pages", { "@資料1_正常な文書.pdf", "--pages", "2", "--format", "json", NULL }, 0, "\"page\" : 2," },
  { "encrypted", { "@資料2_暗号化文書.pdf", NULL }, 1, NULL },
  { "zero-bytes", { "@資料5_空ファイル.pdf", NULL }, 1, NULL },
  { "missing", { "no-such-file.pdf", NULL }, 3, NULL },
  { "bad-pages", { "@資料1_正常な文書.pdf", "--pages", "3-1", NULL }, 2, NULL },
  { "bad-format", { "@資料1_正常な文書.pdf", "--format", "xml", NULL }, 2, NULL },
  { "bad-ocr", { "@資料1_正常な文書.pdf", "--ocr", "sometimes", NULL }, 2, NULL },
  { "beyond", { "@資料1_正常な文書.pdf", "--pages", "5-6", NULL }, 2, NULL },
};

static void
test_cli (gconstpointer data)
{
  const CliCase *c = data;
  g_autofree char *shinsa = g_test_build_filename (G_TEST_BUILT, "..", "core", "shinsa", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_ptr_array_add (argv, g_strdup (shinsa));
  g_ptr_array_add (argv, g_strdup ("extract"));
  for (guint i = 0; c->args[i] != NULL; i++)
    g_ptr_array_add (argv, c->args[i][0] == '@'
                             ? g_test_build_filename (G_TEST_DIST, "..", "fixtures", "damaged", c->args[i] + 1, NULL)
                             : g_strdup (c->args[i]));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  if (WEXITSTATUS (wait_status) != c->status)
    g_error ("exit %d, not %d; stderr:\n%s", WEXITSTATUS (wait_status), c->status, err);
  if (c->stdout_has != NULL && strstr (out, c->stdout_has) == NULL)
    g_error ("'%s' not in:\n%s", c->stdout_has, out);
  if (c->status == 1)
    g_assert_nonnull (strstr (err, "DOC-"));
}

/* --no-cache on `shinsa run` sets cache=false on the extract stage */
static void
test_run_no_cache (void)
{
  g_autofree char *shinsa = g_test_build_filename (G_TEST_BUILT, "..", "core", "shinsa", NULL);
  g_autofree char *dir = g_dir_make_tmp ("shinsa-test-nocache-XXXXXX", NULL);
  g_autofree char *pipeline = g_build_filename (dir, "p.pipeline", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *db = cache_file ();
  g_autoptr(GError) error = NULL;
  int wait_status;
  const char *argv[] = { shinsa, "run", pipeline, sub, "-o", out, "--quiet", "--no-cache", NULL };

  g_file_set_contents (pipeline, "[pipeline]\nname=p\ndescription=p\n\n[documents]\nplugin=documents\n\n"
                                 "[extract]\nplugin=extract\nocr=never\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  copy_fixture (sub, "資料5_SLA.pdf");
  shinsa_remove_tree (cache_home, NULL);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  argv[7] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  shinsa_remove_tree (dir, NULL);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* before anything asks GLib for the cache folder: it keeps the first answer */
  cache_home = g_dir_make_tmp ("shinsa-test-xdg-cache-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);

  registry = shinsa_registry_new ();
  shinsa_registry_scan (registry, NULL, NULL);

  g_test_add_func ("/extract/text/sample", test_sample_text);
  g_test_add_func ("/extract/text/red-spans", test_sample_red_spans);
  g_test_add_func ("/extract/text/colour", test_colour);
  g_test_add_func ("/extract/damaged", test_damaged);
  g_test_add_data_func ("/extract/text/mojibake/never", "never", test_mojibake);
  g_test_add_data_func ("/extract/text/mojibake/auto", "auto", test_mojibake);
  g_test_add_func ("/extract/cache", test_cache);
  g_test_add_func ("/extract/timeout", test_timeout);
  g_test_add_func ("/extract/cli/run-no-cache", test_run_no_cache);
  for (guint i = 0; i < G_N_ELEMENTS (cli_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/extract/cli/%s", cli_cases[i].name);
      g_test_add_data_func (path, &cli_cases[i], test_cli);
    }
  status = g_test_run ();

  g_object_unref (registry);
  shinsa_remove_tree (cache_home, NULL);
  g_free (cache_home);
  return status;
}
