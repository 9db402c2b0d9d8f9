/* libFuzzer harness: pipeline files.  Whatever the bytes, loading either
 * gives a pipeline or a SHINSA_PIPELINE_ERROR — never a crash, a leak or an
 * error of another domain.
 *
 *   CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
 *   ninja -C build-fuzz && build-fuzz/tools/fuzz/fuzz-pipeline -max_total_time=60 tools/fuzz/corpus/pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <shinsa.h>

static gboolean
noop (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  return TRUE;
}

static const char *const modes[] = { "auto", "always", "never", NULL };
static const ShinsaOptionSpec first_options[] = {
  { "ocr", SHINSA_OPTION_ENUM, "auto", "when to OCR", modes },
  { "dpi", SHINSA_OPTION_INT, "300", "resolution", NULL, 72, 1200 },
  { "cache", SHINSA_OPTION_BOOL, "true", "use the cache" },
  { "languages", SHINSA_OPTION_STRING, "jpn+eng", "Tesseract languages" },
  { NULL }
};
static const char *const first_provides[] = { "pages", NULL };
static const char *const second_needs[] = { "pages", NULL };
static const char *const second_provides[] = { "form", NULL };
static const char *const files_needs[] = { "files", NULL };
static const ShinsaStageInfo first = { "documents", "一覧", "list", first_options, files_needs, first_provides, noop };
static const ShinsaStageInfo second = { "form", "様式", "form", NULL, second_needs, second_provides, noop };
static const ShinsaStageInfo *const stages[] = { &first, &second, NULL };
static const ShinsaPluginInfo info = {
  SHINSA_PLUGIN_ABI_VERSION, sizeof (ShinsaPluginInfo), "fuzz", "stages for the fuzzer", "1",
  "LGPL-2.1-or-later", stages
};

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static ShinsaRegistry *registry;
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;

  if (registry == NULL)
    {
      registry = shinsa_registry_new ();
      shinsa_registry_add_static (registry, &info, NULL);
    }

  pipeline = shinsa_pipeline_load_data (registry, (const char *) data, size, "fuzz.pipeline", NULL, &error);
  if (pipeline == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SHINSA_PIPELINE_ERROR);
      return 0;
    }
  g_assert_no_error (error);
  /* a loaded pipeline answers every question about itself */
  for (guint i = 0; i < shinsa_pipeline_get_n_stages (pipeline); i++)
    {
      g_assert_nonnull (shinsa_pipeline_get_stage (pipeline, i));
      g_assert_nonnull (shinsa_pipeline_get_options (pipeline, i));
    }
  g_free (shinsa_pipeline_digest (pipeline));
  return 0;
}
