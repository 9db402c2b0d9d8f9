/* The bundle stage: which documents go back, the slip, the bag.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <shinsa.h>

typedef struct {
  char *tmp;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  fx->tmp = g_dir_make_tmp ("shinsa-test-bundle-XXXXXX", NULL);
  g_assert_nonnull (fx->tmp);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  shinsa_remove_tree (fx->tmp, NULL);
  g_free (fx->tmp);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* sha256 of every file of a fixture folder, in order: the run must not
 * change one byte */
static char *
tree_digest (const char *root)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (root, g_ptr_array_index (names, i), NULL);
      g_autofree char *hex = shinsa_file_sha256 (path, NULL, NULL);
      g_checksum_update (sum, (const guchar *) path, -1);
      if (hex != NULL)
        g_checksum_update (sum, (const guchar *) hex, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* runs the pipeline in @file (a path, or NULL for the shipped return pipeline) */
static ShinsaExitStatus
run_pipeline (const char *path, const char *submission, const char *previous, const char *const *sets,
              const char *outdir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autofree char *file = path != NULL ? g_strdup (path) : shinsa_pipeline_find_file ("return", &error);
  const char *subs[] = { submission, NULL };
  const char *available[] = { "files", previous != NULL ? "previous" : NULL, NULL };
  ShinsaExitStatus status;

  g_assert_no_error (error);
  shinsa_registry_scan (registry, NULL, NULL);
  pipeline = shinsa_pipeline_load (registry, file, available, &error);
  g_assert_no_error (error);
  for (guint i = 0; sets[i] != NULL; i++)
    {
      shinsa_pipeline_override (pipeline, sets[i], &error);
      g_assert_no_error (error);
    }
  runner = shinsa_runner_new (pipeline, outdir);
  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  shinsa_runner_set_jobs (runner, 1);
  if (previous != NULL)
    shinsa_runner_set_previous (runner, previous);
  status = shinsa_runner_run (runner, subs, &error);
  g_assert_no_error (error);
  shinsa_runner_cleanup (runner);
  return status;
}

static ShinsaExitStatus
run_return (const char *submission, const char *previous, const char *const *sets, const char *outdir)
{
  return run_pipeline (NULL, submission, previous, sets, outdir);
}

static JsonObject *
load_report (JsonParser *parser, const char *outdir, const char *id)
{
  g_autofree char *path = g_build_filename (outdir, id, "report.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_bag_valid (const char *bag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaBagReport) report = shinsa_bag_verify (bag, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    {
      ShinsaBagProblem *p = g_ptr_array_index (report->problems, i);
      g_test_message ("%s: %s: %s", bag, p->file, p->message);
    }
  g_assert_cmpuint (shinsa_bag_report_count (report, SHINSA_BAG_PROBLEM_ERROR), ==, 0);
  g_assert_true (shinsa_bag_report_is_valid (report));
}

/* coreutils agrees with the payload manifest */
static void
assert_sha256sum_agrees (const char *bag)
{
  const char *argv[] = { "sha256sum", "--check", "--strict", "--quiet", "manifest-sha256.txt", NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (bag, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

typedef struct {
  const char *reason;
  const char *reason_ja;
} ReasonCase;

static const ReasonCase reason_cases[] = {
  { "non-certified", "非認定" },
  { "expired", "認定期間満了" },
  { "revoked", "認定取消し" },
};

static void
test_reason (Fixture *fx, gconstpointer data)
{
  const ReasonCase *c = data;
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", NULL);
  g_autofree char *set = g_strdup_printf ("bundle.reason=%s", c->reason);
  const char *sets[] = { set, NULL };
  g_autofree char *before = tree_digest (sample);
  g_autofree char *after = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *bag = g_build_filename (fx->tmp, "sample", "bag", NULL);
  g_autofree char *manifest_path = g_build_filename (bag, "manifest-sha256.txt", NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *info = NULL;
  g_autofree char *info_path = g_build_filename (bag, "bag-info.txt", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *csv_path = g_build_filename (fx->tmp, "sample", "return-slip.csv", NULL);
  g_autofree char *html = NULL;
  g_autofree char *html_path = g_build_filename (fx->tmp, "sample", "return-slip.html", NULL);
  g_autofree char *in_bag_csv = NULL;
  g_autofree char *in_bag_csv_path = g_build_filename (bag, "return-slip.csv", NULL);
  JsonObject *root, *bag_member;
  JsonArray *dispositions;
  guint returned = 0, retained = 0;
  GStatBuf st;

  g_test_summary ("non-certified, expired, revoked: all but 申請書A and 申請書B go back, bagged and verifiable");
  g_assert_cmpint (run_return (sample, NULL, sets, fx->tmp), !=, SHINSA_EXIT_FAILED);
  after = tree_digest (sample);
  g_assert_cmpstr (before, ==, after);

  root = load_report (parser, fx->tmp, "sample");
  dispositions = json_object_get_array_member (root, "dispositions");
  g_assert_nonnull (dispositions);
  g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
  for (guint i = 0; i < json_array_get_length (dispositions); i++)
    {
      JsonObject *d = json_array_get_object_element (dispositions, i);
      const char *role = json_object_get_string_member (d, "role");
      const char *disp = json_object_get_string_member (d, "disposition");
      const char *rule = json_object_get_string_member (d, "rule");
      const char *path = json_object_get_string_member (d, "path");
      g_autofree char *line = g_strdup_printf ("  data/%s\n", path);
      g_autofree char *source = g_build_filename (sample, path, NULL);
      g_autofree char *sha = shinsa_file_sha256 (source, NULL, NULL);

      g_assert_cmpstr (json_object_get_string_member (d, "sha256"), ==, sha);
      if (g_strcmp0 (role, "form-a") == 0)
        {
          g_assert_cmpstr (disp, ==, "retained");
          g_assert_cmpstr (rule, ==, "form-a-kept");
        }
      else if (g_strcmp0 (role, "form-b") == 0)
        {
          g_assert_cmpstr (disp, ==, "retained");
          g_assert_cmpstr (rule, ==, "form-b-published");
        }
      else
        {
          g_assert_cmpstr (disp, ==, "returned");
          g_assert_cmpstr (rule, ==, c->reason);
        }
      if (strcmp (disp, "returned") == 0)
        {
          g_autofree char *want = g_strdup_printf ("%s%s", sha, line);
          g_assert_nonnull (strstr (manifest, want));
          returned++;
        }
      else
        {
          g_assert_null (strstr (manifest, line));
          retained++;
        }
    }
  g_assert_cmpuint (retained, ==, 2);
  g_assert_null (strstr (manifest, "申請書A"));
  g_assert_null (strstr (manifest, "申請書B"));

  bag_member = json_object_get_object_member (root, "bag");
  g_assert_nonnull (bag_member);
  g_assert_cmpint (json_object_get_int_member (bag_member, "files"), ==, returned);
  assert_bag_valid (bag);
  assert_sha256sum_agrees (bag);

  g_assert_true (g_file_get_contents (info_path, &info, NULL, NULL));
  g_assert_nonnull (strstr (info, "External-Identifier: sample\n"));
  g_assert_nonnull (strstr (info, c->reason_ja));
  {
    g_autofree char *oxum = g_strdup_printf ("Payload-Oxum: %s\n",
                                             json_object_get_string_member (bag_member, "payload_oxum"));
    g_assert_nonnull (strstr (info, oxum));
  }

  /* the slip: CSV in UTF-8 with BOM and CRLF, one row per document; HTML
   * self-contained; both also inside the bag */
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF区分,"));
  {
    g_auto(GStrv) rows = g_strsplit (csv, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (rows), ==, 1 + json_array_get_length (dispositions) + 1);
    g_assert_cmpstr (rows[g_strv_length (rows) - 1], ==, "");
    g_assert_true (g_str_has_prefix (rows[1], "返却,"));
    g_assert_nonnull (strstr (rows[1], c->reason_ja));
  }
  g_assert_true (g_file_get_contents (in_bag_csv_path, &in_bag_csv, NULL, NULL));
  g_assert_cmpstr (csv, ==, in_bag_csv);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "返却書類一覧"));
  g_assert_nonnull (strstr (html, "size: A4"));
  g_assert_nonnull (strstr (html, c->reason_ja));
  g_assert_null (strstr (html, "http"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<link"));

  g_assert_cmpint (g_stat (bag, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (manifest_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_renewal (Fixture *fx, gconstpointer data)
{
  g_autofree char *current = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal", "current", NULL);
  g_autofree char *previous = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal", "previous", NULL);
  g_autofree char *truth_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal.truth.json", NULL);
  g_autofree char *bag = g_build_filename (fx->tmp, "current", "bag", NULL);
  const char *sets[] = { "bundle.reason=renewal", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) truth_parser = json_parser_new ();
  g_autoptr(GHashTable) want = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) got = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *expected, *dispositions, *findings;
  guint superseded_findings = 0;

  g_test_summary ("renewal: exactly the previous editions the current submission supersedes go back");
  g_assert_cmpint (run_return (current, previous, sets, fx->tmp), !=, SHINSA_EXIT_FAILED);

  json_parser_load_from_file (truth_parser, truth_path, &error);
  g_assert_no_error (error);
  expected = json_object_get_array_member (json_node_get_object (json_parser_get_root (truth_parser)),
                                           "expected_findings");
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonObject *e = json_array_get_object_element (expected, i);
      if (g_strcmp0 (json_object_get_string_member (e, "code"), "RENEWAL-EVIDENCE-SUPERSEDED") == 0)
        g_hash_table_add (want, (gpointer) json_object_get_string_member (e, "document"));
    }
  g_assert_cmpuint (g_hash_table_size (want), ==, 6);

  root = load_report (parser, fx->tmp, "current");
  dispositions = json_object_get_array_member (root, "dispositions");
  for (guint i = 0; i < json_array_get_length (dispositions); i++)
    {
      JsonObject *d = json_array_get_object_element (dispositions, i);
      const char *disp = json_object_get_string_member (d, "disposition");
      const char *sub = json_object_get_string_member (d, "submission");

      if (strcmp (sub, "current") == 0)
        g_assert_cmpstr (disp, ==, "retained");
      if (strcmp (disp, "returned") == 0)
        {
          g_assert_cmpstr (sub, ==, "previous");
          g_assert_cmpstr (json_object_get_string_member (d, "rule"), ==, "renewal-superseded");
          g_hash_table_add (got, (gpointer) json_object_get_string_member (d, "document"));
        }
    }
  g_assert_cmpuint (g_hash_table_size (got), ==, g_hash_table_size (want));
  {
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init (&iter, want);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_hash_table_contains (got, key));
  }
  findings = json_object_get_array_member (root, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      if (g_strcmp0 (json_object_get_string_member (f, "code"), "RENEWAL-EVIDENCE-SUPERSEDED") == 0)
        {
          g_assert_true (g_hash_table_contains (want, json_object_get_string_member (f, "document")));
          superseded_findings++;
        }
    }
  g_assert_cmpuint (superseded_findings, ==, 6);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "bag"), "files"), ==, 6);
  assert_bag_valid (bag);
  assert_sha256sum_agrees (bag);
}

static void
test_renewal_said_once (Fixture *fx, gconstpointer data)
{
  g_autofree char *current = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal", "current", NULL);
  g_autofree char *previous = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal", "previous", NULL);
  g_autofree char *pipeline = g_build_filename (fx->tmp, "renew-and-return.pipeline", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *sets[] = { NULL };
  JsonObject *root;
  JsonArray *findings;
  guint superseded = 0;

  g_test_summary ("a pipeline with both the renewal stage and the bundle stage says each superseded edition once");
  g_assert_true (g_file_set_contents (pipeline,
                                      "[pipeline]\nname=renew-and-return\ndescription=更新審査と返却\n\n"
                                      "[documents]\nplugin=documents\n\n[form]\nplugin=form\n\n"
                                      "[renewal]\nplugin=renewal\n\n"
                                      "[bundle]\nplugin=bundle\nreason=renewal\n", -1, NULL));
  g_assert_cmpint (run_pipeline (pipeline, current, previous, sets, fx->tmp), !=, SHINSA_EXIT_FAILED);
  root = load_report (parser, fx->tmp, "current");
  findings = json_object_get_array_member (root, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (findings, i), "code"),
                   "RENEWAL-EVIDENCE-SUPERSEDED") == 0)
      superseded++;
  g_assert_cmpuint (superseded, ==, 6);
}

static void
test_renewal_needs_previous (Fixture *fx, gconstpointer data)
{
  g_autofree char *current = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal", "current", NULL);
  g_autofree char *bag = g_build_filename (fx->tmp, "current", "bag", NULL);
  const char *sets[] = { "bundle.reason=renewal", NULL };

  g_test_summary ("renewal without --previous fails the submission and writes no bag");
  g_assert_cmpint (run_return (current, NULL, sets, fx->tmp), ==, SHINSA_EXIT_FAILED);
  g_assert_false (g_file_test (bag, G_FILE_TEST_EXISTS));
}

typedef struct {
  const char *format;
  gboolean folder;
} SerialCase;

static const SerialCase serial_cases[] = {
  { "zip", TRUE },
  { "tar", FALSE },
};

static void
test_serialised (Fixture *fx, gconstpointer data)
{
  const SerialCase *c = data;
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", NULL);
  g_autofree char *ser = g_strdup_printf ("bundle.serialise=%s", c->format);
  g_autofree char *folder = g_strdup_printf ("bundle.folder=%s", c->folder ? "true" : "false");
  const char *sets[] = { "bundle.reason=expired", ser, folder, NULL };
  g_autofree char *name = g_strdup_printf ("bag.%s", c->format);
  g_autofree char *archive = g_build_filename (fx->tmp, "sample", name, NULL);
  g_autofree char *bag = g_build_filename (fx->tmp, "sample", "bag", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_test_summary ("serialise=zip|tar writes one file that verifies as a bag; folder=false leaves only it");
  g_assert_cmpint (run_return (sample, NULL, sets, fx->tmp), !=, SHINSA_EXIT_FAILED);
  g_assert_true (g_file_test (archive, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_file_test (bag, G_FILE_TEST_IS_DIR), ==, c->folder);
  assert_bag_valid (archive);
  if (c->folder)
    assert_bag_valid (bag);
  root = load_report (parser, fx->tmp, "sample");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "bag"), "archive"), ==, name);
}

static void
test_rerun_replaces (Fixture *fx, gconstpointer data)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", NULL);
  const char *first[] = { "bundle.reason=expired", NULL };
  const char *second[] = { "bundle.reason=revoked", NULL };
  g_autofree char *bag = g_build_filename (fx->tmp, "sample", "bag", NULL);
  g_autofree char *info_path = g_build_filename (bag, "bag-info.txt", NULL);
  g_autofree char *info = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_test_summary ("a second run swaps the bag whole and leaves no temporary folder");
  run_return (sample, NULL, first, fx->tmp);
  run_return (sample, NULL, second, fx->tmp);
  g_assert_true (g_file_get_contents (info_path, &info, NULL, NULL));
  g_assert_nonnull (strstr (info, "認定取消し"));
  assert_bag_valid (bag);
  {
    g_autofree char *out = g_build_filename (fx->tmp, "sample", NULL);
    dir = g_dir_open (out, 0, NULL);
  }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".bag-"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (reason_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bundle/reason/%s", reason_cases[i].reason);
      g_test_add (path, Fixture, &reason_cases[i], fixture_setup, test_reason, fixture_teardown);
    }
  g_test_add ("/bundle/renewal/superseded", Fixture, NULL, fixture_setup, test_renewal, fixture_teardown);
  g_test_add ("/bundle/renewal/said-once", Fixture, NULL, fixture_setup, test_renewal_said_once, fixture_teardown);
  g_test_add ("/bundle/renewal/needs-previous", Fixture, NULL, fixture_setup, test_renewal_needs_previous,
              fixture_teardown);
  for (gsize i = 0; i < G_N_ELEMENTS (serial_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bundle/serialised/%s", serial_cases[i].format);
      g_test_add (path, Fixture, &serial_cases[i], fixture_setup, test_serialised, fixture_teardown);
    }
  g_test_add ("/bundle/rerun-replaces", Fixture, NULL, fixture_setup, test_rerun_replaces, fixture_teardown);
  return g_test_run ();
}
