/* shinsa-gen: deterministic fixture submissions for shinsa.
 *
 *   shinsa-gen --seed N --out DIR [--kind sample|defects|renewal|damaged] [--catalogue TSV]
 *   shinsa-gen --seed N --out DIR --submissions M [-j J]    (a corpus: DIR/sub-SEED…)
 *
 * The same seed gives byte-identical files. */

#include "gen-damaged.h"
#include "gen-sample.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>
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

/* --submissions N: submissions sub-SEED (seed … seed + N - 1) under out_dir,
 * each with its truth file beside it, by `jobs` processes */
static int
write_corpus (const char *out_dir,
              const char *kind,
              const char *catalogue,
              guint64     seed,
              guint       n,
              guint       jobs)
{
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (pid_t));
  int status = 0;

  jobs = CLAMP (jobs, 1, MAX (n, 1));
  for (guint j = 0; j < jobs; j++)
    {
      pid_t pid = jobs == 1 ? 0 : fork ();

      if (pid < 0)
        {
          g_printerr ("shinsa-gen: cannot fork: %s\n", g_strerror (errno));
          return 3;
        }
      if (pid == 0)
        {
          for (guint i = j; i < n; i += jobs)
            {
              g_autoptr(GError) error = NULL;
              g_autofree char *name = g_strdup_printf ("sub-%04" G_GUINT64_FORMAT, seed + i);
              g_autofree char *dir = g_build_filename (out_dir, name, NULL);
              g_autofree char *truth = g_strconcat (dir, ".truth.json", NULL);

              if (g_mkdir_with_parents (dir, 0755) != 0
                  || !gen_sample_write (dir, truth, catalogue, kind, seed + i, &error))
                {
                  g_printerr ("shinsa-gen: %s: %s\n", name,
                              error != NULL ? error->message : g_strerror (errno));
                  if (jobs == 1)
                    return 3;
                  _exit (3);
                }
            }
          if (jobs == 1)
            return 0;
          _exit (0);
        }
      g_array_append_val (children, pid);
    }
  for (guint j = 0; j < children->len; j++)
    {
      int st = 0;

      if (waitpid (g_array_index (children, pid_t, j), &st, 0) < 0 || !WIFEXITED (st)
          || WEXITSTATUS (st) != 0)
        status = 3;
    }
  return status;
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
  int submissions = 0;
  int jobs = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the pseudo-random choices", "N" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "Folder to write the submission to", "DIR" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "sample (default), defects, renewal or damaged", "KIND" },
    { "catalogue", 0, 0, G_OPTION_ARG_FILENAME, &catalogue,
      "Disclosure item catalogue (default schemes/iaas-paas-iot.tsv)", "TSV" },
    { "submissions", 0, 0, G_OPTION_ARG_INT, &submissions,
      "Write N submissions (seeds SEED … SEED+N-1) as DIR/sub-SEED, truth files beside them", "N" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      "Processes for --submissions (default: the number of cores)", "J" },
    { "truth", 0, 0, G_OPTION_ARG_FILENAME, &truth,
      "Where to write the truth file (default DIR.truth.json, beside DIR)", "FILE" },
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
  if (g_strcmp0 (kind, "sample") != 0 && g_strcmp0 (kind, "damaged") != 0
      && g_strcmp0 (kind, "defects") != 0 && g_strcmp0 (kind, "renewal") != 0)
    {
      g_printerr ("shinsa-gen: unknown kind '%s' (sample, defects, renewal or damaged)\n", kind);
      return 2;
    }
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_printerr ("shinsa-gen: cannot create '%s': %s\n", out_dir, g_strerror (errno));
      return 3;
    }

  if (submissions > 0)
    {
      g_autofree char *cat = find_catalogue (catalogue);

      if (g_strcmp0 (kind, "sample") != 0 && g_strcmp0 (kind, "defects") != 0)
        {
          g_printerr ("shinsa-gen: --submissions writes kind sample or defects\n");
          return 2;
        }
      return write_corpus (out_dir, kind, cat, (guint64) seed, (guint) submissions,
                           jobs > 0 ? (guint) jobs : g_get_num_processors ());
    }
  if (truth == NULL)
    truth = truth_path_for (out_dir);
  if (g_strcmp0 (kind, "damaged") == 0)
    ok = gen_damaged_write (out_dir, truth, (guint64) seed, &error);
  else
    {
      g_autofree char *cat = find_catalogue (catalogue);

      if (g_strcmp0 (kind, "renewal") == 0)
        ok = gen_renewal_write (out_dir, truth, cat, (guint64) seed, &error);
      else
        ok = gen_sample_write (out_dir, truth, cat, kind, (guint64) seed, &error);
    }
  if (!ok)
    {
      g_printerr ("shinsa-gen: %s\n", error->message);
      return 3;
    }
  return 0;
}
