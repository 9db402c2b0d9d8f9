/* Plugin loading: ABI checked first, refusals name the file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <shinsa.h>

static char *
module_path (const char *dir, const char *name)
{
  g_autofree char *file = g_strconcat (name, ".", G_MODULE_SUFFIX, NULL);
  return g_test_build_filename (G_TEST_BUILT, "plugins", dir, file, NULL);
}

static void
test_load_good (void)
{
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = module_path ("good", "teststages");
  const ShinsaStageInfo *alpha;

  g_assert_true (shinsa_registry_load_file (registry, path, &error));
  g_assert_no_error (error);
  alpha = shinsa_registry_find_stage (registry, "alpha");
  g_assert_nonnull (alpha);
  g_assert_cmpstr (alpha->provides[0], ==, "a");
  g_assert_nonnull (shinsa_registry_find_stage (registry, "beta"));
  g_assert_null (shinsa_registry_find_stage (registry, "gamma"));
  g_assert_cmpstr (shinsa_registry_find_plugin_for_stage (registry, "beta")->name, ==, "teststages");
  g_assert_cmpstr (shinsa_registry_get_plugin_filename (registry, "teststages"), ==, path);
}

typedef struct {
  const char *module;
  int code;
} BadModule;

static const BadModule bad_modules[] = {
  { "badabi", SHINSA_PLUGIN_ERROR_ABI },
  { "misnamed", SHINSA_PLUGIN_ERROR_NAME_MISMATCH },
  { "noentry", SHINSA_PLUGIN_ERROR_NO_ENTRY_POINT },
};

static void
test_load_bad (gconstpointer data)
{
  const BadModule *bad = data;
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = module_path ("bad", bad->module);

  g_assert_false (shinsa_registry_load_file (registry, path, &error));
  g_assert_error (error, SHINSA_PLUGIN_ERROR, bad->code);
  /* the refusal names the file, so the office knows what to rebuild */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (shinsa_registry_list_plugins (registry)->len, ==, 0);
}

static void
test_abi_message (void)
{
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = module_path ("bad", "badabi");
  g_autofree char *expect = g_strdup_printf ("ABI 999, this shinsa has ABI %d", SHINSA_PLUGIN_ABI_VERSION);

  g_assert_false (shinsa_registry_load_file (registry, path, &error));
  g_assert_nonnull (strstr (error->message, expect));
}

static void
test_scan_goes_on (void)
{
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *bad = g_test_build_filename (G_TEST_BUILT, "plugins", "bad", NULL);
  g_autofree char *good = g_test_build_filename (G_TEST_BUILT, "plugins", "good", NULL);
  const char *path[] = { bad, good, "/nonexistent", NULL };

  g_test_summary ("A refused module does not stop the scan; each refusal is returned.");
  g_assert_cmpuint (shinsa_registry_scan (registry, path, &errors), ==, 1);
  g_assert_cmpuint (errors->len, ==, 3);
  for (guint i = 0; i < errors->len; i++)
    g_assert_true (((GError *) g_ptr_array_index (errors, i))->domain == SHINSA_PLUGIN_ERROR);
  g_assert_nonnull (shinsa_registry_find_stage (registry, "alpha"));
}

static void
test_first_in_path_wins (void)
{
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *good = g_test_build_filename (G_TEST_BUILT, "plugins", "good", NULL);
  const char *path[] = { good, good, NULL };

  g_assert_cmpuint (shinsa_registry_scan (registry, path, &errors), ==, 1);
  g_assert_cmpuint (errors->len, ==, 0);
}

static gboolean
noop_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  return TRUE;
}

static void
test_duplicate_stage (void)
{
  static const ShinsaStageInfo clash = { "alpha", "重複", "clash", NULL, NULL, NULL, noop_run };
  static const ShinsaStageInfo *const stages[] = { &clash, NULL };
  static const ShinsaPluginInfo info = {
    SHINSA_PLUGIN_ABI_VERSION, sizeof (ShinsaPluginInfo), "static", "static test plugin", "1.0",
    "LGPL-2.1-or-later", stages
  };
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = module_path ("good", "teststages");

  g_assert_true (shinsa_registry_load_file (registry, path, &error));
  g_assert_false (shinsa_registry_add_static (registry, &info, &error));
  g_assert_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "'teststages'"));
}

static void
test_invalid_static (void)
{
  static const ShinsaStageInfo nameless = { NULL, "名無し", "nameless", NULL, NULL, NULL, noop_run };
  static const ShinsaStageInfo *const stages[] = { &nameless, NULL };
  static const ShinsaPluginInfo info = {
    SHINSA_PLUGIN_ABI_VERSION, sizeof (ShinsaPluginInfo), "static", "static test plugin", "1.0",
    "LGPL-2.1-or-later", stages
  };
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (shinsa_registry_add_static (registry, &info, &error));
  g_assert_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/registry/load/good", test_load_good);
  for (guint i = 0; i < G_N_ELEMENTS (bad_modules); i++)
    {
      g_autofree char *path = g_strdup_printf ("/registry/load/bad/%s", bad_modules[i].module);
      g_test_add_data_func (path, &bad_modules[i], test_load_bad);
    }
  g_test_add_func ("/registry/load/abi-message", test_abi_message);
  g_test_add_func ("/registry/scan/goes-on", test_scan_goes_on);
  g_test_add_func ("/registry/scan/first-wins", test_first_in_path_wins);
  g_test_add_func ("/registry/static/duplicate-stage", test_duplicate_stage);
  g_test_add_func ("/registry/static/invalid", test_invalid_static);

  return g_test_run ();
}
