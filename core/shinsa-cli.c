/* shinsa — the command line
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "shinsa-private.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void
print_usage (FILE *out)
{
  fputs (_("Usage:\n"
           "  shinsa run PIPELINE SUBMISSION... [-o OUTDIR] [-j N] [--previous PREV]\n"
           "                                    [--set STAGE.KEY=VALUE]... [--resume]\n"
           "                                    [--quiet|--verbose]\n"
           "  shinsa plugins                    list installed plugins and their stages\n"
           "  shinsa inspect PLUGIN             a plugin's stages and their options\n"
           "  shinsa --version\n"
           "\n"
           "PIPELINE is a .pipeline file or a shipped pipeline: intake, renewal, return.\n"
           "A SUBMISSION is a folder, a .zip or a CD-R image (.iso).\n"
           "Exit status: 0 no error findings; 1 error findings; 2 usage or pipeline\n"
           "error; 3 could not run.\n"), out);
}

static ShinsaRegistry *
load_registry (gboolean show_errors)
{
  ShinsaRegistry *registry = shinsa_registry_new ();
  g_autoptr(GPtrArray) errors = NULL;

  shinsa_registry_scan (registry, NULL, &errors);
  for (guint i = 0; show_errors && i < errors->len; i++)
    g_printerr (_("warning: %s\n"), ((GError *) g_ptr_array_index (errors, i))->message);
  return registry;
}

/* ---- shinsa run --------------------------------------------------------- */

typedef struct {
  ShinsaRunner *runner;
  const char *const *submissions;
  ShinsaExitStatus status;
  GError *error;
  GMainLoop *loop;
} RunData;

static gpointer
run_thread (gpointer data)
{
  RunData *rd = data;

  rd->status = shinsa_runner_run (rd->runner, rd->submissions, &rd->error);
  g_main_loop_quit (rd->loop);
  return NULL;
}

static ShinsaRunner *signal_runner;
static GCancellable *signal_cancellable;

/* Documents unpacked from archives must not outlive an interrupted run:
 * remove the private folder, then leave.  Reports already written are whole
 * (they are renamed into place), so --resume picks up from here. */
static gboolean
on_signal (gpointer user_data)
{
  int signum = GPOINTER_TO_INT (user_data);

  g_cancellable_cancel (signal_cancellable);
  shinsa_runner_cleanup (signal_runner);
  g_printerr (_("\ninterrupted; temporary files removed\n"));
  _exit (128 + signum);
  return G_SOURCE_REMOVE;
}

static int
cmd_run (int argc, char **argv)
{
  g_autofree char *outdir = NULL;
  g_autofree char *previous = NULL;
  g_auto(GStrv) sets = NULL;
  g_auto(GStrv) args = NULL;
  gint jobs = 0;
  gboolean quiet = FALSE, verbose = FALSE, resume = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &outdir, N_("Write reports under OUTDIR (default: shinsa-out)"), N_("OUTDIR") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Examine N submissions at once (default: the number of cores)"), "N" },
    { "previous", 0, 0, G_OPTION_ARG_FILENAME, &previous, N_("The submission certified last time, for renewals"), N_("PREV") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Override a stage option"), N_("STAGE.KEY=VALUE") },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &resume, N_("Keep reports of unchanged submissions from an earlier run"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing but errors"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Print each submission and stage"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, N_("PIPELINE SUBMISSION…") },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new (_("PIPELINE SUBMISSION… — examine submissions"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaRegistry) registry = NULL;
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *pipeline_file = NULL;
  const char *available[] = { "files", NULL, NULL };
  RunData rd = { 0 };
  GThread *thread;

  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("shinsa run: %s\n", error->message);
      return SHINSA_EXIT_USAGE;
    }
  if (args == NULL || args[0] == NULL || args[1] == NULL)
    {
      g_printerr (_("shinsa run: give a pipeline and at least one submission\n"));
      print_usage (stderr);
      return SHINSA_EXIT_USAGE;
    }
  if (quiet && verbose)
    {
      g_printerr (_("shinsa run: --quiet and --verbose exclude each other\n"));
      return SHINSA_EXIT_USAGE;
    }
  if (jobs < 0)
    {
      g_printerr (_("shinsa run: -j takes a positive number\n"));
      return SHINSA_EXIT_USAGE;
    }
  for (guint i = 1; args[i] != NULL; i++)
    if (!g_file_test (args[i], G_FILE_TEST_EXISTS))
      {
        g_printerr (_("shinsa run: no submission '%s'\n"), args[i]);
        return SHINSA_EXIT_USAGE;
      }

  registry = load_registry (verbose);
  pipeline_file = shinsa_pipeline_find_file (args[0], &error);
  if (pipeline_file == NULL)
    {
      g_printerr ("shinsa: %s\n", error->message);
      return SHINSA_EXIT_USAGE;
    }
  if (previous != NULL)
    available[1] = "previous";
  pipeline = shinsa_pipeline_load (registry, pipeline_file, available, &error);
  if (pipeline == NULL)
    {
      g_printerr ("%s\n", error->message);
      if (g_error_matches (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_UNMET_NEED) &&
          previous == NULL && strstr (error->message, "'previous'") != NULL)
        g_printerr (_("(this pipeline compares with the last certified submission: give it with --previous)\n"));
      return SHINSA_EXIT_USAGE;
    }
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    if (!shinsa_pipeline_override (pipeline, sets[i], &error))
      {
        g_printerr ("%s\n", error->message);
        return SHINSA_EXIT_USAGE;
      }

  runner = shinsa_runner_new (pipeline, outdir != NULL ? outdir : "shinsa-out");
  shinsa_runner_set_jobs (runner, jobs);
  shinsa_runner_set_resume (runner, resume);
  shinsa_runner_set_previous (runner, previous);
  shinsa_runner_set_cancellable (runner, cancellable);
  shinsa_runner_set_progress (runner, quiet ? SHINSA_PROGRESS_QUIET
                                            : verbose ? SHINSA_PROGRESS_VERBOSE
                                                      : SHINSA_PROGRESS_AUTO);

  signal_runner = runner;
  signal_cancellable = cancellable;
  g_unix_signal_add (SIGINT, on_signal, GINT_TO_POINTER (SIGINT));
  g_unix_signal_add (SIGTERM, on_signal, GINT_TO_POINTER (SIGTERM));
  g_unix_signal_add (SIGHUP, on_signal, GINT_TO_POINTER (SIGHUP));

  loop = g_main_loop_new (NULL, FALSE);
  rd.runner = runner;
  rd.submissions = (const char *const *) &args[1];
  rd.loop = loop;
  thread = g_thread_new ("shinsa-run", run_thread, &rd);
  g_main_loop_run (loop);
  g_thread_join (thread);

  if (rd.error != NULL)
    {
      g_printerr ("shinsa: %s\n", rd.error->message);
      g_error_free (rd.error);
      return SHINSA_EXIT_FAILED;
    }
  if (!quiet)
    {
      g_autofree char *batch = g_build_filename (outdir != NULL ? outdir : "shinsa-out", "batch.json", NULL);
      g_print (_("reports: %s\n"), batch);
    }
  return rd.status;
}

/* ---- shinsa plugins / inspect ---------------------------------------- */

static int
cmd_plugins (int argc, char **argv)
{
  g_autoptr(ShinsaRegistry) registry = NULL;
  g_autoptr(GPtrArray) plugins = NULL;

  if (argc > 1)
    {
      g_printerr (_("shinsa plugins: takes no arguments\n"));
      return SHINSA_EXIT_USAGE;
    }
  registry = load_registry (TRUE);
  plugins = shinsa_registry_list_plugins (registry);
  if (plugins->len == 0)
    {
      g_printerr (_("no plugins found (search path: $SHINSA_PLUGIN_PATH, %s)\n"), SHINSA_PLUGIN_DIR);
      return SHINSA_EXIT_FAILED;
    }
  for (guint i = 0; i < plugins->len; i++)
    {
      const ShinsaPluginInfo *info = g_ptr_array_index (plugins, i);

      g_print ("%s %s — %s\n", info->name, info->version, info->description);
      g_print ("  %s\n", shinsa_registry_get_plugin_filename (registry, info->name));
      for (guint s = 0; info->stages[s] != NULL; s++)
        g_print ("  stage %s: %s (%s)\n", info->stages[s]->name, info->stages[s]->description_en,
                 info->stages[s]->description_ja);
    }
  return SHINSA_EXIT_OK;
}

static const char *
option_type_name (ShinsaOptionType type)
{
  switch (type)
    {
    case SHINSA_OPTION_STRING: return "string";
    case SHINSA_OPTION_INT: return "int";
    case SHINSA_OPTION_BOOL: return "bool";
    case SHINSA_OPTION_ENUM: return "enum";
    default: return "?";
    }
}

static void
print_kinds (const char *label, const char *const *kinds)
{
  g_print ("    %s:", label);
  if (kinds == NULL || kinds[0] == NULL)
    g_print (" -");
  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    g_print (" %s", kinds[i]);
  g_print ("\n");
}

static int
cmd_inspect (int argc, char **argv)
{
  g_autoptr(ShinsaRegistry) registry = NULL;
  const ShinsaPluginInfo *info;

  if (argc != 2)
    {
      g_printerr (_("shinsa inspect: give one plugin name (see shinsa plugins)\n"));
      return SHINSA_EXIT_USAGE;
    }
  registry = load_registry (FALSE);
  info = shinsa_registry_find_plugin (registry, argv[1]);
  if (info == NULL)
    info = shinsa_registry_find_plugin_for_stage (registry, argv[1]);
  if (info == NULL)
    {
      g_printerr (_("shinsa inspect: no plugin '%s' (see shinsa plugins)\n"), argv[1]);
      return SHINSA_EXIT_USAGE;
    }

  g_print ("%s %s — %s\n", info->name, info->version, info->description);
  g_print (_("  file: %s\n  license: %s\n"), shinsa_registry_get_plugin_filename (registry, info->name),
           info->license != NULL ? info->license : "-");
  for (guint s = 0; info->stages[s] != NULL; s++)
    {
      const ShinsaStageInfo *st = info->stages[s];

      g_print ("\n  stage %s\n    %s\n    %s\n", st->name, st->description_en, st->description_ja);
      print_kinds ("needs", st->needs);
      print_kinds ("provides", st->provides);
      g_print ("    options:");
      if (st->options == NULL || st->options[0].name == NULL)
        g_print (" -\n");
      else
        g_print ("\n");
      for (const ShinsaOptionSpec *o = st->options; o != NULL && o->name != NULL; o++)
        {
          g_autofree char *choices = shinsa_options_describe_choices (o);

          g_print ("      %s (%s, default %s)\n        %s\n        values: %s\n", o->name,
                   option_type_name (o->type), o->default_value != NULL ? o->default_value : "none",
                   o->help != NULL ? o->help : "", choices);
        }
    }
  return SHINSA_EXIT_OK;
}

int
main (int argc, char **argv)
{
  const char *cmd;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, "/usr/share/locale");
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (argc < 2)
    {
      print_usage (stderr);
      return SHINSA_EXIT_USAGE;
    }
  cmd = argv[1];
  if (strcmp (cmd, "--version") == 0 || strcmp (cmd, "-V") == 0)
    {
      g_print ("shinsa %s (plugin ABI %d)\n", SHINSA_VERSION, SHINSA_PLUGIN_ABI_VERSION);
      return SHINSA_EXIT_OK;
    }
  if (strcmp (cmd, "--help") == 0 || strcmp (cmd, "-h") == 0 || strcmp (cmd, "help") == 0)
    {
      print_usage (stdout);
      return SHINSA_EXIT_OK;
    }
  if (strcmp (cmd, "run") == 0)
    return cmd_run (argc - 1, argv + 1);
  if (strcmp (cmd, "plugins") == 0)
    return cmd_plugins (argc - 1, argv + 1);
  if (strcmp (cmd, "inspect") == 0)
    return cmd_inspect (argc - 1, argv + 1);

  g_printerr (_("shinsa: unknown command '%s'\n"), cmd);
  print_usage (stderr);
  return SHINSA_EXIT_USAGE;
}
