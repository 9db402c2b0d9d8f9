/* kill -9 at any moment of a batch, then --resume: no partial report.json is
 * ever visible, and the reports equal an uninterrupted run's (findings,
 * documents and their checksums, summary); the page cache, killed in the
 * middle of writing too, never serves a half-written entry.
 *
 * The batch: fixtures/sample (two scans to OCR), defects and damaged, with
 * the intake pipeline, two submissions at once.  Killed at a quarter, half
 * and three quarters of an uninterrupted run's time, each time with the
 * cache the previous kill left behind.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <signal.h>
#include <string.h>

#include "test-util.h"

static const char *const fixture_names[] = { "sample", "defects", "damaged" };

static char *
shinsa_path (void)
{
  const char *build = g_getenv ("SHINSA_BUILD_ROOT");
  g_assert_nonnull (build);
  return g_build_filename (build, "core", "shinsa", NULL);
}

static GSubprocess *
start_run (const char *out, const char *cache, gboolean resume)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_ptr_array_add (argv, shinsa_path ());
  g_ptr_array_add (argv, g_strdup ("run"));
  g_ptr_array_add (argv, g_strdup ("intake"));
  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "..", "fixtures", fixture_names[i], NULL));
  g_ptr_array_add (argv, g_strdup ("-o"));
  g_ptr_array_add (argv, g_strdup (out));
  g_ptr_array_add (argv, g_strdup ("-j"));
  g_ptr_array_add (argv, g_strdup ("2"));
  g_ptr_array_add (argv, g_strdup ("--quiet"));
  if (resume)
    g_ptr_array_add (argv, g_strdup ("--resume"));
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

static void
finish_run (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  /* 1: done, with error findings (the fixtures have them) */
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
}

/* what must not change between runs: the findings, the documents and their
 * checksums, the summary — not timings or the pipeline digest's paths */
static char *
report_essence (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) essence = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root, *out = json_object_new ();
  static const char *const members[] = { "submission", "documents", "items", "findings", "summary" };

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member_with_default (root, "complete", FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (json_object_has_member (root, members[i]))
      json_object_set_member (out, members[i], json_node_copy (json_object_get_member (root, members[i])));
  json_node_take_object (essence, out);
  json_generator_set_root (gen, essence);
  return json_generator_to_data (gen, NULL);
}

/* every report.json present is whole: parses, and says complete: true */
static guint
check_visible_reports (const char *out)
{
  g_autoptr(GDir) dir = g_dir_open (out, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *report = g_build_filename (out, name, "report.json", NULL);
      g_autofree char *essence = NULL;

      if (!g_file_test (report, G_FILE_TEST_EXISTS))
        continue;
      essence = report_essence (report);
      n++;
    }
  return n;
}

static void
test_kill_resume (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-kill-XXXXXX", NULL);
  g_autofree char *ref_out = g_build_filename (tmp, "ref", NULL);
  g_autofree char *ref_cache = g_build_filename (tmp, "cache-ref", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  static const double fractions[] = { 0.25, 0.5, 0.75 };
  gint64 t0, ref_us;

  g_test_summary ("kill -9 during a batch, then --resume: whole reports only, equal to an uninterrupted run's");

  /* the uninterrupted run, cold */
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(GSubprocess) proc = start_run (ref_out, ref_cache, FALSE);
    finish_run (proc);
  }
  ref_us = g_get_monotonic_time () - t0;
  g_test_message ("uninterrupted batch: %.1f s", ref_us / 1e6);

  for (guint k = 0; k < G_N_ELEMENTS (fractions); k++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      guint visible;

      shinsa_remove_tree (out, NULL);
      proc = start_run (out, cache, FALSE);
      g_usleep ((gulong) (ref_us * fractions[k]));
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, NULL);
      visible = check_visible_reports (out);
      g_test_message ("killed at %.0f%%: %u whole reports visible", fractions[k] * 100, visible);

      /* resume, with whatever the cache holds after the kill */
      g_clear_object (&proc);
      proc = start_run (out, cache, TRUE);
      finish_run (proc);

      /* every submission's folder (named by its id, which submission.ini may set) */
      {
        g_autoptr(GDir) dir = g_dir_open (ref_out, 0, NULL);
        const char *name;
        guint compared = 0;

        g_assert_nonnull (dir);
        while ((name = g_dir_read_name (dir)) != NULL)
          {
            g_autofree char *a = g_build_filename (ref_out, name, "report.json", NULL);
            g_autofree char *b = g_build_filename (out, name, "report.json", NULL);
            g_autofree char *ea = NULL;
            g_autofree char *eb = NULL;

            if (!g_file_test (a, G_FILE_TEST_IS_REGULAR))
              continue;
            ea = report_essence (a);
            eb = report_essence (b);
            if (strcmp (ea, eb) != 0)
              g_error ("%s: the report after kill at %.0f%% and --resume differs from the uninterrupted run's",
                       name, fractions[k] * 100);
            compared++;
          }
        g_assert_cmpuint (compared, ==, G_N_ELEMENTS (fixture_names));
      }
    }
  shinsa_remove_tree (tmp, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kill/resume", test_kill_resume);
  return g_test_run ();
}
