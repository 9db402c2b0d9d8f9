/* The runner: reports to the contract, written whole or not at all; a
 * failing submission does not stop the batch; --resume.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <shinsa.h>
#include <sys/stat.h>

typedef struct {
  ShinsaRegistry *registry;
  char *tmp;
  char *outdir;
} Fixture;

static void
write_file (const char *dir, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* a submission folder: two evidence files and a form */
static char *
make_submission (Fixture *fx, const char *folder, const char *ini_id)
{
  g_autofree char *dir = g_build_filename (fx->tmp, "in", folder, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  write_file (dir, "資料1_情報セキュリティ基本方針.txt", "第1条 目的\n");
  write_file (dir, "添付/資料2_SLA.txt", "稼働率 99.95%\n");
  write_file (dir, "申請書B.csv", "通番,申請内容,添付書類等\n1,2026年10月1日,資料1 p.1\n");
  if (ini_id != NULL)
    {
      g_autofree char *ini = g_strdup_printf ("[submission]\nid=%s\nscheme=iaas-paas-iot\n", ini_id);
      write_file (dir, "submission.ini", ini);
    }
  return g_steal_pointer (&dir);
}

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autofree char *good = g_test_build_filename (G_TEST_BUILT, "plugins", "good", NULL);
  const char *path[] = { good, NULL };
  g_autoptr(GError) error = NULL;

  fx->registry = shinsa_registry_new ();
  g_assert_cmpuint (shinsa_registry_scan (fx->registry, path, NULL), ==, 1);
  fx->tmp = g_dir_make_tmp ("shinsa-test-runner-XXXXXX", &error);
  g_assert_no_error (error);
  fx->outdir = g_build_filename (fx->tmp, "out", NULL);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  shinsa_remove_tree (fx->tmp, NULL);
  g_free (fx->tmp);
  g_free (fx->outdir);
  g_clear_object (&fx->registry);
}

static ShinsaPipeline *
make_pipeline (Fixture *fx, const char *const *sets)
{
  static const char text[] =
    "[pipeline]\nname=test\n"
    "[alpha]\nplugin=alpha\n"
    "[beta]\nplugin=beta\n"
    "[failer]\nplugin=failer\n";
  g_autoptr(GError) error = NULL;
  ShinsaPipeline *p = shinsa_pipeline_load_data (fx->registry, text, -1, "test.pipeline", NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_assert_true (shinsa_pipeline_override (p, sets[i], &error));
      g_assert_no_error (error);
    }
  return p;
}

static ShinsaExitStatus
run (Fixture *fx, const char *const *sets, const char *const *subs, gboolean resume)
{
  g_autoptr(ShinsaPipeline) p = make_pipeline (fx, sets);
  g_autoptr(ShinsaRunner) runner = shinsa_runner_new (p, fx->outdir);
  g_autoptr(GError) error = NULL;
  ShinsaExitStatus status;

  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  shinsa_runner_set_jobs (runner, 2);
  shinsa_runner_set_resume (runner, resume);
  status = shinsa_runner_run (runner, subs, &error);
  g_assert_no_error (error);
  return status;
}

static JsonObject *
load_json (JsonParser *parser, const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
sha256_of (const char *contents)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
}

static void
assert_mode (const char *path, guint mode)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_report_contract (Fixture *fx, gconstpointer data)
{
  g_autofree char *sub = make_submission (fx, "申請-001", "A-001");
  const char *subs[] = { sub, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) bparser = json_parser_new ();
  g_autofree char *dir = g_build_filename (fx->outdir, "A-001", NULL);
  g_autofree char *report = g_build_filename (dir, "report.json", NULL);
  g_autofree char *expect_sha = sha256_of ("稼働率 99.95%\n");
  JsonObject *root, *doc = NULL, *summary, *entry;
  JsonArray *docs, *findings, *batch_subs;
  gboolean saw_sla_finding = FALSE;

  g_test_summary ("report.json holds the fields of the contract in DESIGN.md");
  g_assert_cmpint (run (fx, NULL, subs, FALSE), ==, SHINSA_EXIT_OK);

  root = load_json (parser, dir, "report.json");
  g_assert_cmpstr (json_object_get_string_member (root, "submission"), ==, "A-001");
  g_assert_cmpstr (json_object_get_string_member (root, "pipeline"), ==, "test");
  g_assert_cmpstr (json_object_get_string_member (root, "scheme"), ==, "iaas-paas-iot");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "tool"), "name"), ==, "shinsa");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "tool"), "version"), ==, SHINSA_VERSION);
  g_assert_true (json_object_get_boolean_member (root, "complete"));

  docs = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (docs), ==, 3);   /* submission.ini is not a document */
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);
      if (g_strcmp0 (json_object_get_string_member (d, "path"), "添付/資料2_SLA.txt") == 0)
        doc = d;
    }
  g_assert_nonnull (doc);
  g_assert_cmpstr (json_object_get_string_member (doc, "id"), ==, "資料2");
  g_assert_cmpstr (json_object_get_string_member (doc, "sha256"), ==, expect_sha);
  g_assert_nonnull (json_object_get_string_member (doc, "role"));

  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 3);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      g_assert_cmpstr (json_object_get_string_member (f, "code"), ==, "TEST-SEEN");
      g_assert_cmpstr (json_object_get_string_member (f, "severity"), ==, "info");
      g_assert_cmpint (json_object_get_int_member (f, "page"), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (f, "page_label"), ==, "表紙");
      if (g_strcmp0 (json_object_get_string_member (f, "document"), "資料2") == 0)
        saw_sla_finding = TRUE;
    }
  g_assert_true (saw_sla_finding);

  summary = json_object_get_object_member (root, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "errors"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "infos"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "alpha"), "files"), ==, 3);

  /* 守秘義務: only the examiner can read what was written */
  assert_mode (report, 0600);
  assert_mode (dir, 0700);

  batch_subs = json_object_get_array_member (load_json (bparser, fx->outdir, "batch.json"), "submissions");
  g_assert_cmpuint (json_array_get_length (batch_subs), ==, 1);
  entry = json_array_get_object_element (batch_subs, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (entry, "report"), ==, "A-001/report.json");
}

static void
test_exit_codes (Fixture *fx, gconstpointer data)
{
  g_autofree char *sub = make_submission (fx, "s1", NULL);
  const char *subs[] = { sub, NULL };
  const char *warn[] = { "beta.severity=warning", NULL };
  const char *err[] = { "beta.severity=error", NULL };
  const char *fail[] = { "failer.submission=s1", NULL };

  g_assert_cmpint (run (fx, NULL, subs, FALSE), ==, SHINSA_EXIT_OK);
  g_assert_cmpint (run (fx, warn, subs, FALSE), ==, SHINSA_EXIT_OK);
  g_assert_cmpint (run (fx, err, subs, FALSE), ==, SHINSA_EXIT_FINDINGS);
  g_assert_cmpint (run (fx, fail, subs, FALSE), ==, SHINSA_EXIT_FAILED);
}

static void
test_batch_goes_on (Fixture *fx, gconstpointer data)
{
  g_autofree char *s1 = make_submission (fx, "s1", NULL);
  g_autofree char *s2 = make_submission (fx, "s2", NULL);
  g_autofree char *missing = g_build_filename (fx->tmp, "in", "not-there.zip", NULL);
  const char *subs[] = { s1, missing, s2, NULL };
  const char *fail[] = { "failer.submission=s1", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *r1 = g_build_filename (fx->outdir, "s1", "report.json", NULL);
  g_autofree char *r2 = g_build_filename (fx->outdir, "s2", "report.json", NULL);
  JsonArray *entries;
  JsonObject *summary;

  g_test_summary ("A submission that fails is marked failed with its reason; the others are done.");
  g_assert_cmpint (run (fx, fail, subs, FALSE), ==, SHINSA_EXIT_FAILED);

  entries = json_object_get_array_member (load_json (parser, fx->outdir, "batch.json"), "submissions");
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  /* in the order given, whatever order they finished in */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "status"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "reason"),
                            "asked to fail for 's1'"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 1), "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 2), "status"), ==, "done");
  summary = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "done"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "failed"), ==, 2);
  g_assert_false (g_file_test (r1, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (r2, G_FILE_TEST_EXISTS));
}

static void
test_missing_artifact (Fixture *fx, gconstpointer data)
{
  g_autofree char *s1 = make_submission (fx, "s1", NULL);
  const char *subs[] = { s1, NULL };
  const char *forget[] = { "failer.forget=true", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *entry;

  g_assert_cmpint (run (fx, forget, subs, FALSE), ==, SHINSA_EXIT_FAILED);
  entry = json_array_get_object_element (
    json_object_get_array_member (load_json (parser, fx->outdir, "batch.json"), "submissions"), 0);
  g_assert_nonnull (strstr (json_object_get_string_member (entry, "reason"), "without providing 'c'"));
}

static void
test_atomic_failure (Fixture *fx, gconstpointer data)
{
  g_autofree char *s1 = make_submission (fx, "s1", NULL);
  const char *subs[] = { s1, NULL };
  g_autofree char *dir = g_build_filename (fx->outdir, "s1", NULL);
  g_autofree char *blocker = g_build_filename (dir, "report.json", "kept.txt", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint entries = 0;

  g_test_summary ("When the report cannot be written, nothing partial is left behind.");
  /* report.json is a folder: the rename into place must fail */
  write_file (dir, "report.json/kept.txt", "x");
  g_assert_cmpint (run (fx, NULL, subs, FALSE), ==, SHINSA_EXIT_FAILED);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_cmpstr (name, ==, "report.json");
      entries++;
    }
  g_assert_cmpuint (entries, ==, 1);
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));
}

static gint64
mtime_of (const char *path)
{
  struct stat st;
  g_assert_cmpint (stat (path, &st), ==, 0);
  return (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

static gboolean
entry_resumed (Fixture *fx, guint index)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *entries = json_object_get_array_member (load_json (parser, fx->outdir, "batch.json"), "submissions");
  return json_object_get_boolean_member (json_array_get_object_element (entries, index), "resumed");
}

static void
test_resume (Fixture *fx, gconstpointer data)
{
  g_autofree char *s1 = make_submission (fx, "s1", NULL);
  g_autofree char *s2 = make_submission (fx, "s2", NULL);
  const char *subs[] = { s1, s2, NULL };
  const char *other[] = { "alpha.count=4", NULL };
  g_autofree char *r1 = g_build_filename (fx->outdir, "s1", "report.json", NULL);
  g_autofree char *r2 = g_build_filename (fx->outdir, "s2", "report.json", NULL);
  gint64 m1, m2;

  g_assert_cmpint (run (fx, NULL, subs, FALSE), ==, SHINSA_EXIT_OK);
  m1 = mtime_of (r1);
  m2 = mtime_of (r2);

  /* change one input file of s2 only */
  g_usleep (10000);
  write_file (s2, "添付/資料2_SLA.txt", "稼働率 99.9%\n");
  g_assert_cmpint (run (fx, NULL, subs, TRUE), ==, SHINSA_EXIT_OK);
  g_assert_true (entry_resumed (fx, 0));
  g_assert_false (entry_resumed (fx, 1));
  g_assert_cmpint (mtime_of (r1), ==, m1);
  g_assert_cmpint (mtime_of (r2), !=, m2);

  /* other options: nothing can be reused */
  g_assert_cmpint (run (fx, other, subs, TRUE), ==, SHINSA_EXIT_OK);
  g_assert_false (entry_resumed (fx, 0));
  g_assert_false (entry_resumed (fx, 1));

  /* a truncated report is never taken as done */
  write_file (fx->outdir, "s1/report.json", "{\"submission\": \"s1\", \"complete\": tr");
  g_assert_cmpint (run (fx, other, subs, TRUE), ==, SHINSA_EXIT_OK);
  g_assert_false (entry_resumed (fx, 0));
  g_assert_true (entry_resumed (fx, 1));
}

static void
test_duplicate_ids (Fixture *fx, gconstpointer data)
{
  g_autofree char *s1 = make_submission (fx, "one", "same");
  g_autofree char *s2 = make_submission (fx, "two", "same");
  const char *subs[] = { s1, s2, NULL };
  g_autofree char *r1 = g_build_filename (fx->outdir, "same", "report.json", NULL);
  g_autofree char *r2 = g_build_filename (fx->outdir, "same-2", "report.json", NULL);

  g_test_summary ("Two submissions with one id never overwrite each other's report.");
  g_assert_cmpint (run (fx, NULL, subs, FALSE), ==, SHINSA_EXIT_OK);
  g_assert_true (g_file_test (r1, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (r2, G_FILE_TEST_IS_REGULAR));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/runner/report/contract", test_report_contract);
  ADD ("/runner/exit-codes", test_exit_codes);
  ADD ("/runner/batch/goes-on", test_batch_goes_on);
  ADD ("/runner/batch/duplicate-ids", test_duplicate_ids);
  ADD ("/runner/stage/missing-artifact", test_missing_artifact);
  ADD ("/runner/output/atomic-failure", test_atomic_failure);
  ADD ("/runner/resume", test_resume);
#undef ADD

  return g_test_run ();
}
