/* The command line contract: exit codes, messages that name what is wrong.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <shinsa.h>

typedef struct {
  char *tmp;
  char *out;
} Fixture;

typedef struct {
  int status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  fx->tmp = g_dir_make_tmp ("shinsa-test-cli-XXXXXX", NULL);
  g_assert_nonnull (fx->tmp);
  fx->out = g_build_filename (fx->tmp, "out", NULL);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  shinsa_remove_tree (fx->tmp, NULL);
  g_free (fx->tmp);
  g_free (fx->out);
}

/* runs the built shinsa with the test plugins on the path too */
static Result
shinsa (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_build_filename (g_getenv ("SHINSA_BUILD_ROOT"), "core", "shinsa", NULL);
  g_autofree char *good = g_test_build_filename (G_TEST_BUILT, "plugins", "good", NULL);
  g_autofree char *plugins = g_build_filename (g_getenv ("SHINSA_BUILD_ROOT"), "plugins", NULL);
  g_autofree char *path = g_strconcat (plugins, ":", good, NULL);
  Result r = { 0 };
  va_list args;

  g_ptr_array_add (argv, exe);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "SHINSA_PLUGIN_PATH", path, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r.status = g_subprocess_get_exit_status (proc);
  return r;
}

static char *
write_pipeline (Fixture *fx, const char *text)
{
  g_autofree char *path = g_build_filename (fx->tmp, "test.pipeline", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_steal_pointer (&path);
}

static char *
make_submission (Fixture *fx)
{
  g_autofree char *dir = g_build_filename (fx->tmp, "提出物", NULL);
  g_autofree char *file = g_build_filename (dir, "資料1_方針.txt", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (file, "第1条\n", -1, NULL));
  return g_steal_pointer (&dir);
}

static void
test_version_help (Fixture *fx, gconstpointer data)
{
  Result r = shinsa ("--version", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, SHINSA_VERSION));
  result_clear (&r);

  r = shinsa ("--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "shinsa run PIPELINE SUBMISSION"));
  result_clear (&r);

  r = shinsa (NULL, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  r = shinsa ("frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "'frobnicate'"));
  result_clear (&r);
}

static void
test_bad_pipeline_exit_2 (Fixture *fx, gconstpointer data)
{
  g_autofree char *sub = make_submission (fx);
  g_autofree char *pl = write_pipeline (fx, "[pipeline]\nname=t\n[first]\nplugin=alpha\nmode=sloppy\n");
  Result r = shinsa ("run", pl, sub, "-o", fx->out, NULL);

  g_test_summary ("A bad pipeline exits 2 before any work, naming the group and key");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "group [first]"));
  g_assert_nonnull (strstr (r.err, "key 'mode'"));
  g_assert_false (g_file_test (fx->out, G_FILE_TEST_EXISTS));
  result_clear (&r);
}

static void
test_required_option (Fixture *fx, gconstpointer data)
{
  g_autofree char *sub = make_submission (fx);
  Result r = shinsa ("run", "return", sub, "-o", fx->out, NULL);

  g_test_summary ("The return pipeline without bundle.reason exits 2 before any work, saying how to give it");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "stage 'bundle' needs option 'reason'"));
  g_assert_nonnull (strstr (r.err, "--set bundle.reason=non-certified|expired|revoked|renewal"));
  g_assert_false (g_file_test (fx->out, G_FILE_TEST_EXISTS));
  result_clear (&r);

  r = shinsa ("run", "return", sub, "-o", fx->out, "--set", "bundle.reason=expired", NULL);
  g_assert_cmpint (r.status, <=, 1);
  g_assert_true (g_file_test (fx->out, G_FILE_TEST_IS_DIR));
  result_clear (&r);
}

static void
test_usage_errors (Fixture *fx, gconstpointer data)
{
  g_autofree char *sub = make_submission (fx);
  g_autofree char *pl = write_pipeline (fx, "[pipeline]\nname=t\n[first]\nplugin=alpha\n");
  Result r;

  r = shinsa ("run", pl, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  r = shinsa ("run", pl, "/nonexistent/submission", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "/nonexistent/submission"));
  result_clear (&r);

  r = shinsa ("run", "no-such-pipeline", sub, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "'no-such-pipeline'"));
  result_clear (&r);

  r = shinsa ("run", pl, sub, "--set", "first.colour=red", "-o", fx->out, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "first.colour=red"));
  result_clear (&r);

  r = shinsa ("run", pl, sub, "--quiet", "--verbose", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  r = shinsa ("inspect", "no-such-plugin", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
}

static void
test_run_exit_codes (Fixture *fx, gconstpointer data)
{
  g_autofree char *sub = make_submission (fx);
  g_autofree char *pl = write_pipeline (fx, "[pipeline]\nname=t\n[a]\nplugin=alpha\n[b]\nplugin=beta\n"
                                            "[f]\nplugin=failer\n");
  g_autofree char *report = g_build_filename (fx->out, "提出物", "report.json", NULL);
  Result r;

  r = shinsa ("run", pl, sub, "-o", fx->out, "--quiet", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (report, G_FILE_TEST_IS_REGULAR));
  result_clear (&r);

  r = shinsa ("run", pl, sub, "-o", fx->out, "--set", "b.severity=error", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "batch.json"));
  result_clear (&r);

  r = shinsa ("run", pl, sub, "-o", fx->out, "--set", "f.submission=提出物", "--quiet", NULL);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "asked to fail"));
  result_clear (&r);
}

static void
test_plugins_inspect (Fixture *fx, gconstpointer data)
{
  Result r = shinsa ("plugins", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "teststages"));
  g_assert_nonnull (strstr (r.out, "stage documents"));
  result_clear (&r);

  r = shinsa ("inspect", "teststages", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "fast|careful|thorough"));
  g_assert_nonnull (strstr (r.out, "needs: a"));
  result_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/version-help", test_version_help);
  ADD ("/cli/bad-pipeline-exit-2", test_bad_pipeline_exit_2);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/required-option", test_required_option);
  ADD ("/cli/run/exit-codes", test_run_exit_codes);
  ADD ("/cli/plugins-inspect", test_plugins_inspect);
#undef ADD

  return g_test_run ();
}
