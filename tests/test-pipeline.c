/* Pipeline files: checked whole before anything runs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <shinsa.h>

typedef struct {
  ShinsaRegistry *registry;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autofree char *good = g_test_build_filename (G_TEST_BUILT, "plugins", "good", NULL);
  const char *path[] = { good, NULL };

  fx->registry = shinsa_registry_new ();
  g_assert_cmpuint (shinsa_registry_scan (fx->registry, path, NULL), ==, 1);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->registry);
}

static ShinsaPipeline *
load (Fixture *fx, const char *text, GError **error)
{
  return shinsa_pipeline_load_data (fx->registry, text, -1, "bad.pipeline", NULL, error);
}

static const char good_text[] =
  "# a comment\n"
  "[pipeline]\n"
  "name=test\n"
  "description=テスト\n"
  "description[en]=test\n"
  "\n"
  "[first]\n"
  "plugin=alpha\n"
  "mode=thorough\n"
  "count=7\n"
  "flag=yes\n"
  "\n"
  "[second]\n"
  "plugin=beta\n";

static void
test_load_good (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaPipeline) p = load (fx, good_text, &error);
  const ShinsaOptions *o;

  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpstr (shinsa_pipeline_get_name (p), ==, "test");
  g_assert_cmpstr (shinsa_pipeline_get_description (p), ==, "テスト");
  g_assert_cmpuint (shinsa_pipeline_get_n_stages (p), ==, 2);
  g_assert_cmpstr (shinsa_pipeline_get_stage_name (p, 0), ==, "first");
  g_assert_cmpstr (shinsa_pipeline_get_stage (p, 1)->name, ==, "beta");

  o = shinsa_pipeline_get_options (p, 0);
  g_assert_cmpstr (shinsa_options_get_string (o, "mode"), ==, "thorough");
  g_assert_cmpint (shinsa_options_get_int (o, "count"), ==, 7);
  g_assert_true (shinsa_options_get_bool (o, "flag"));
  /* not set in the file: the stage's default */
  g_assert_cmpstr (shinsa_options_get_string (o, "label"), ==, "ラベル");
  g_assert_cmpstr (shinsa_options_get_stage_name (o), ==, "first");
  g_assert_true (shinsa_pipeline_needs (p, "a"));
  g_assert_false (shinsa_pipeline_needs (p, "b"));
}

/* A bad file: the error code, and what the message must name (file, line,
 * group, key) so that the examiner's admin can find it. */
typedef struct {
  const char *name;
  const char *text;
  int code;
  const char *const must_name[4];
} BadPipeline;

static const BadPipeline bad_pipelines[] = {
  { "not-a-keyfile", "this is not\na key file\n", SHINSA_PIPELINE_ERROR_PARSE,
    { "bad.pipeline", NULL } },
  { "no-pipeline-group", "[first]\nplugin=alpha\n", SHINSA_PIPELINE_ERROR_MISSING_KEY,
    { "bad.pipeline", "[pipeline]", NULL } },
  { "no-name", "[pipeline]\ndescription=x\n[first]\nplugin=alpha\n", SHINSA_PIPELINE_ERROR_MISSING_KEY,
    { "bad.pipeline:1", "group [pipeline]", "name=", NULL } },
  { "unknown-pipeline-key", "[pipeline]\nname=t\nnmae=u\n[first]\nplugin=alpha\n",
    SHINSA_PIPELINE_ERROR_UNKNOWN_OPTION, { "bad.pipeline:3", "group [pipeline]", "key 'nmae'", NULL } },
  { "no-stages", "[pipeline]\nname=t\n", SHINSA_PIPELINE_ERROR_NO_STAGES, { "bad.pipeline", NULL } },
  { "no-plugin-key", "[pipeline]\nname=t\n[first]\nmode=fast\n", SHINSA_PIPELINE_ERROR_MISSING_KEY,
    { "bad.pipeline:3", "group [first]", "plugin=", NULL } },
  { "unknown-plugin", "[pipeline]\nname=t\n[first]\nplugin=alpah\n", SHINSA_PIPELINE_ERROR_UNKNOWN_PLUGIN,
    { "bad.pipeline:4", "group [first]", "key 'plugin'", "did you mean 'alpha'" } },
  { "unknown-option", "[pipeline]\nname=t\n[first]\nplugin=alpha\ncolour=red\n",
    SHINSA_PIPELINE_ERROR_UNKNOWN_OPTION, { "bad.pipeline:5", "group [first]", "key 'colour'", "'mode'" } },
  { "bad-enum", "[pipeline]\nname=t\n[first]\nplugin=alpha\nmode=sloppy\n",
    SHINSA_PIPELINE_ERROR_BAD_VALUE, { "bad.pipeline:5", "key 'mode'", "fast|careful|thorough", NULL } },
  { "bad-int", "[pipeline]\nname=t\n[first]\nplugin=alpha\ncount=three\n",
    SHINSA_PIPELINE_ERROR_BAD_VALUE, { "bad.pipeline:5", "key 'count'", "from 0 to 10", NULL } },
  { "int-out-of-range", "[pipeline]\nname=t\n[first]\nplugin=alpha\ncount=11\n",
    SHINSA_PIPELINE_ERROR_BAD_VALUE, { "key 'count'", "'11'", NULL } },
  { "bad-bool", "[pipeline]\nname=t\n[first]\nplugin=alpha\nflag=maybe\n",
    SHINSA_PIPELINE_ERROR_BAD_VALUE, { "key 'flag'", "true|false", NULL } },
  { "unmet-need", "[pipeline]\nname=t\n[second]\nplugin=beta\n", SHINSA_PIPELINE_ERROR_UNMET_NEED,
    { "bad.pipeline:4", "group [second]", "needs 'a'", "'alpha'" } },
  { "need-after-provider", "[pipeline]\nname=t\n[second]\nplugin=beta\n[first]\nplugin=alpha\n",
    SHINSA_PIPELINE_ERROR_UNMET_NEED, { "group [second]", "needs 'a'", NULL } },
  { "duplicate-group", "[pipeline]\nname=t\n[first]\nplugin=alpha\n[first]\nplugin=alpha\n",
    SHINSA_PIPELINE_ERROR_DUPLICATE_STAGE, { "bad.pipeline:5", "[first]", "line 3", NULL } },
  { "duplicate-stage", "[pipeline]\nname=t\n[first]\nplugin=alpha\n[again]\nplugin=alpha\n",
    SHINSA_PIPELINE_ERROR_DUPLICATE_STAGE, { "bad.pipeline:6", "group [again]", "[first]", NULL } },
  { "duplicate-key", "[pipeline]\nname=t\n[first]\nplugin=alpha\nmode=fast\nmode=careful\n",
    SHINSA_PIPELINE_ERROR_DUPLICATE_KEY, { "bad.pipeline:6", "key 'mode'", "line 5", NULL } },
};

static void
test_load_bad (Fixture *fx, gconstpointer data)
{
  const BadPipeline *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaPipeline) p = load (fx, bad->text, &error);

  g_assert_null (p);
  g_assert_error (error, SHINSA_PIPELINE_ERROR, bad->code);
  for (guint i = 0; i < G_N_ELEMENTS (bad->must_name) && bad->must_name[i] != NULL; i++)
    if (strstr (error->message, bad->must_name[i]) == NULL)
      g_error ("message “%s” does not name “%s”", error->message, bad->must_name[i]);
}

static void
test_all_problems_reported (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaPipeline) p = load (fx,
    "[pipeline]\nname=t\n[first]\nplugin=alpha\nmode=sloppy\ncount=99\n[x]\nplugin=nope\n", &error);

  g_test_summary ("Every problem of a file is listed at once, not one per run.");
  g_assert_null (p);
  g_assert_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "key 'mode'"));
  g_assert_nonnull (strstr (error->message, "key 'count'"));
  g_assert_nonnull (strstr (error->message, "unknown stage 'nope'"));
}

typedef struct {
  const char *assignment;
  int code;                    /* -1: accepted */
} Override;

static const Override overrides[] = {
  { "first.mode=fast", -1 },
  { "first.count=10", -1 },
  { "first.flag=off", -1 },
  { "first.label=a=b", -1 },
  { "first.mode=sloppy", SHINSA_PIPELINE_ERROR_BAD_VALUE },
  { "first.colour=red", SHINSA_PIPELINE_ERROR_UNKNOWN_OPTION },
  { "third.mode=fast", SHINSA_PIPELINE_ERROR_BAD_OVERRIDE },
  { "first.plugin=beta", SHINSA_PIPELINE_ERROR_BAD_OVERRIDE },
  { "mode=fast", SHINSA_PIPELINE_ERROR_BAD_OVERRIDE },
  { "first.mode", SHINSA_PIPELINE_ERROR_BAD_OVERRIDE },
  { ".mode=fast", SHINSA_PIPELINE_ERROR_BAD_OVERRIDE },
};

static void
test_override (Fixture *fx, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (overrides); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShinsaPipeline) p = load (fx, good_text, &error);
      gboolean ok;

      g_assert_no_error (error);
      ok = shinsa_pipeline_override (p, overrides[i].assignment, &error);
      if (overrides[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SHINSA_PIPELINE_ERROR, overrides[i].code);
          g_assert_nonnull (strstr (error->message, overrides[i].assignment));
        }
    }
}

static void
test_override_value (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaPipeline) p = load (fx, good_text, &error);
  g_autofree char *before = shinsa_pipeline_digest (p);
  g_autofree char *after = NULL;

  g_assert_true (shinsa_pipeline_override (p, "first.label=a=b", &error));
  g_assert_cmpstr (shinsa_options_get_string (shinsa_pipeline_get_options (p, 0), "label"), ==, "a=b");
  g_assert_true (shinsa_pipeline_override (p, "first.count=0", &error));
  g_assert_cmpint (shinsa_options_get_int (shinsa_pipeline_get_options (p, 0), "count"), ==, 0);
  after = shinsa_pipeline_digest (p);
  g_assert_cmpstr (before, !=, after);
}

static void
test_shipped (Fixture *fx, gconstpointer data)
{
  const char *const names[] = { "intake", "renewal", "return" };
  g_autofree char *plugins = g_build_filename (g_getenv ("SHINSA_BUILD_ROOT"), "plugins", NULL);
  const char *path[] = { plugins, NULL };
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();

  g_test_summary ("The shipped pipelines load against the shipped plugins.");
  shinsa_registry_scan (registry, path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = shinsa_pipeline_find_file (names[i], &error);
      g_autoptr(ShinsaPipeline) p = NULL;

      /* the renewal compares with the last certification: run with --previous */
      const char *const with_previous[] = { "files", "previous", NULL };
      const char *const *available = strcmp (names[i], "renewal") == 0 ? with_previous : NULL;

      g_assert_no_error (error);
      p = shinsa_pipeline_load (registry, file, available, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (shinsa_pipeline_get_name (p), ==, names[i]);
      if (available != NULL)
        {
          /* and says so, without it */
          g_autoptr(ShinsaPipeline) q = shinsa_pipeline_load (registry, file, NULL, &error);
          g_assert_null (q);
          g_assert_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_UNMET_NEED);
          g_clear_error (&error);
        }
    }
}

static void
test_find_missing (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = shinsa_pipeline_find_file ("intkae", &error);

  g_assert_null (file);
  g_assert_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  file = shinsa_pipeline_find_file ("/nonexistent/x.pipeline", &error);
  g_assert_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pipeline/load/good", Fixture, NULL, fixture_setup, test_load_good, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (bad_pipelines); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pipeline/load/bad/%s", bad_pipelines[i].name);
      g_test_add (path, Fixture, &bad_pipelines[i], fixture_setup, test_load_bad, fixture_teardown);
    }
  g_test_add ("/pipeline/load/all-problems", Fixture, NULL, fixture_setup, test_all_problems_reported,
              fixture_teardown);
  g_test_add ("/pipeline/override/table", Fixture, NULL, fixture_setup, test_override, fixture_teardown);
  g_test_add ("/pipeline/override/value", Fixture, NULL, fixture_setup, test_override_value,
              fixture_teardown);
  g_test_add ("/pipeline/shipped", Fixture, NULL, fixture_setup, test_shipped, fixture_teardown);
  g_test_add ("/pipeline/find/missing", Fixture, NULL, fixture_setup, test_find_missing, fixture_teardown);

  return g_test_run ();
}
