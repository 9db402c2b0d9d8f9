/* shinsa-gen: deterministic fixture submissions for shinsa.
 *
 *   shinsa-gen --seed N --out DIR [--kind sample|damaged] [--catalogue TSV]
 *
 * The same seed gives byte-identical files. */

#include "gen-damaged.h"
#include "gen-sample.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>

#ifndef GEN_SOURCE_ROOT
#define GEN_SOURCE_ROOT "."
#endif

static char *
find_catalogue (const char *given)
{
  g_autofree char *fallback = NULL;

  if (given != NULL)
    return g_strdup (given);
  if (g_file_test ("schemes/iaas-paas-iot.tsv", G_FILE_TEST_IS_REGULAR))
    return g_strdup ("schemes/iaas-paas-iot.tsv");
  fallback = g_build_filename (GEN_SOURCE_ROOT, "schemes", "iaas-paas-iot.tsv", NULL);
  return g_steal_pointer (&fallback);
}

/* fixtures/sample → fixtures/sample.truth.json: beside the submission, not in it */
static char *
truth_path_for (const char *out_dir)
{
  g_autofree char *canon = g_canonicalize_filename (out_dir, NULL);
  g_autofree char *parent = g_path_get_dirname (canon);
  g_autofree char *base = g_path_get_basename (canon);
  g_autofree char *name = g_strconcat (base, ".truth.json", NULL);

  return g_build_filename (parent, name, NULL);
}

int
main (int    argc,
      char **argv)
{
  gint64 seed = -1;
  g_autofree char *out_dir = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *catalogue = NULL;
  g_autofree char *truth = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the pseudo-random choices", "N" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "Folder to write the submission to", "DIR" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "sample (default) or damaged", "KIND" },
    { "catalogue", 0, 0, G_OPTION_ARG_FILENAME, &catalogue,
      "Disclosure item catalogue (default schemes/iaas-paas-iot.tsv)", "TSV" },
    { "truth", 0, 0, G_OPTION_ARG_FILENAME, &truth,
      "Where to write the truth file of a sample (default DIR.truth.json)", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  gboolean ok;

  setlocale (LC_ALL, "");
  /* zip entry times are stored as local DOS times: fix the zone so the
   * output does not depend on where the generator runs */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  context = g_option_context_new ("- write a deterministic fixture submission");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("shinsa-gen: %s\n", error->message);
      return 2;
    }
  if (seed < 0 || out_dir == NULL)
    {
      g_printerr ("shinsa-gen: --seed N and --out DIR are required\n");
      return 2;
    }
  if (kind == NULL)
    kind = g_strdup ("sample");
  if (g_strcmp0 (kind, "sample") != 0 && g_strcmp0 (kind, "damaged") != 0)
    {
      g_printerr ("shinsa-gen: unknown kind '%s' (sample or damaged)\n", kind);
      return 2;
    }
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_printerr ("shinsa-gen: cannot create '%s': %s\n", out_dir, g_strerror (errno));
      return 3;
    }

  if (g_strcmp0 (kind, "damaged") == 0)
    ok = gen_damaged_write (out_dir, (guint64) seed, &error);
  else
    {
      g_autofree char *cat = find_catalogue (catalogue);

      if (truth == NULL)
        truth = truth_path_for (out_dir);
      ok = gen_sample_write (out_dir, truth, cat, (guint64) seed, &error);
    }
  if (!ok)
    {
      g_printerr ("shinsa-gen: %s\n", error->message);
      return 3;
    }
  return 0;
}
