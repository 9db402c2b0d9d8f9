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
           "                                    [--no-cache] [--quiet|--verbose]\n"
           "  shinsa extract FILE [--format text|json] [--pages N-M] [--ocr auto|always|never]\n"
           "                      [--no-cache]  the text of one file's pages\n"
           "  shinsa verify BAG                 validate a BagIt bag (folder, .zip, .tar)\n"
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

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gpointer
run_thread (gpointer data)
{
  RunData *rd = data;

  rd->status = shinsa_runner_run (rd->runner, rd->submissions, &rd->error);
  /* through the loop's own context: a run that ends at once (a required
   * option missing) may end before g_main_loop_run() has started, and a
   * quit before the run would be lost */
  g_idle_add (quit_loop, rd->loop);
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

/* --no-cache: cache=false on every stage that declares a "cache" option,
 * after --set, so that it wins */
static gboolean
disable_caches (ShinsaPipeline *pipeline, GError **error)
{
  for (guint i = 0; i < shinsa_pipeline_get_n_stages (pipeline); i++)
    if (shinsa_stage_find_option (shinsa_pipeline_get_stage (pipeline, i), "cache") != NULL)
      {
        g_autofree char *set = g_strdup_printf ("%s.cache=false",
                                                shinsa_pipeline_get_stage_name (pipeline, i));
        if (!shinsa_pipeline_override (pipeline, set, error))
          return FALSE;
      }
  return TRUE;
}

static int
cmd_run (int argc, char **argv)
{
  g_autofree char *outdir = NULL;
  g_autofree char *previous = NULL;
  g_auto(GStrv) sets = NULL;
  g_auto(GStrv) args = NULL;
  gint jobs = 0;
  gboolean quiet = FALSE, verbose = FALSE, resume = FALSE, no_cache = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &outdir, N_("Write reports under OUTDIR (default: shinsa-out)"), N_("OUTDIR") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Examine N submissions at once (default: the number of cores)"), "N" },
    { "previous", 0, 0, G_OPTION_ARG_FILENAME, &previous, N_("The submission certified last time, for renewals"), N_("PREV") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Override a stage option"), N_("STAGE.KEY=VALUE") },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &resume, N_("Keep reports of unchanged submissions from an earlier run"), NULL },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &no_cache, N_("Read every page again: set cache=false on every stage that has it"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing but errors"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Print each submission and stage"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, N_("PIPELINE SUBMISSION…") },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new (_("— examine submissions"));
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
  if (no_cache && !disable_caches (pipeline, &error))
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
      /* a required option left out is a usage error, like a bad --set */
      return rd.status == SHINSA_EXIT_USAGE ? SHINSA_EXIT_USAGE : SHINSA_EXIT_FAILED;
    }
  if (!quiet)
    {
      g_autofree char *batch = g_build_filename (outdir != NULL ? outdir : "shinsa-out", "batch.json", NULL);
      g_print (_("reports: %s\n"), batch);
    }
  return rd.status;
}

/* ---- shinsa extract ---------------------------------------------------- */

static const char extract_pipeline[] =
  "[pipeline]\n"
  "name=extract\n"
  "description=一つのファイルの全ページの文字\n"
  "\n"
  "[documents]\n"
  "plugin=documents\n"
  "\n"
  "[extract]\n"
  "plugin=extract\n";

/* "N" or "N-M", 1-based */
static gboolean
parse_pages (const char *text, int *first, int *last)
{
  char *end;
  gint64 a, b;

  a = g_ascii_strtoll (text, &end, 10);
  if (end == text || a < 1 || a > G_MAXINT)
    return FALSE;
  b = a;
  if (*end == '-')
    {
      const char *rest = end + 1;

      b = g_ascii_strtoll (rest, &end, 10);
      if (end == rest || b < a || b > G_MAXINT)
        return FALSE;
    }
  if (*end != '\0')
    return FALSE;
  *first = (int) a;
  *last = (int) b;
  return TRUE;
}

/* "--- page 3 (printed 1; OCR, confidence 91) ---": the physical page, then
 * what an examiner would cite and how the text was read */
static void
print_page_header (const ShinsaPage *page)
{
  g_autoptr(GString) extra = g_string_new (NULL);
  char number[16];

  g_snprintf (number, sizeof number, "%d", page->number);
  if (page->label != NULL && strcmp (page->label, number) != 0)
    g_string_append_printf (extra, _("printed %s"), page->label);
  if (page->source == SHINSA_PAGE_TEXT_OCR)
    g_string_append_printf (extra, _("%sOCR, confidence %.0f"), extra->len > 0 ? "; " : "",
                            page->confidence);
  else if (page->source == SHINSA_PAGE_TEXT_NONE)
    g_string_append_printf (extra, _("%sno text: %s"), extra->len > 0 ? "; " : "",
                            page->note != NULL ? page->note : _("nothing on the page"));
  if (extra->len > 0)
    g_print (_("--- page %d (%s) ---\n"), page->number, extra->str);
  else
    g_print (_("--- page %d ---\n"), page->number);
}

static void
print_json (ShinsaDocument *doc, GPtrArray *pages)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, shinsa_document_get_path (doc));
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, shinsa_document_get_sha256 (doc));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, shinsa_document_status_to_string (shinsa_document_get_status (doc)));
  if (shinsa_document_get_status_reason (doc) != NULL)
    {
      json_builder_set_member_name (b, "status_reason");
      json_builder_add_string_value (b, shinsa_document_get_status_reason (doc));
    }
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    json_builder_add_value (b, shinsa_page_to_json (g_ptr_array_index (pages, i), TRUE));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  data = json_generator_to_data (gen, NULL);
  g_print ("%s\n", data);
}

static int
cmd_extract (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *ocr = NULL;
  g_auto(GStrv) args = NULL;
  gboolean no_cache = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (default) or json"), N_("FORMAT") },
    { "pages", 'p', 0, G_OPTION_ARG_STRING, &pages, N_("Only physical pages N to M"), N_("N-M") },
    { "ocr", 0, 0, G_OPTION_ARG_STRING, &ocr, N_("auto (default), always or never"), N_("MODE") },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &no_cache, N_("Read the pages again, not from the cache"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new (_("— the text of a file's pages"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaRegistry) registry = NULL;
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(ShinsaContext) ctx = NULL;
  ShinsaWorkerPool *pool;
  ShinsaDocument *doc;
  GPtrArray *page_list, *findings;
  gboolean json, ok = TRUE;
  int first = 1, last = G_MAXINT;

  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (octx,
    _("Exit status: 0 the pages were read; 1 the file cannot be read (encrypted,\n"
      "damaged, not a paged document) — the finding is printed on stderr;\n"
      "2 usage; 3 could not run (the file cannot be opened, no plugins)."));
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("shinsa extract: %s\n", error->message);
      return SHINSA_EXIT_USAGE;
    }
  if (args == NULL || args[0] == NULL || args[1] != NULL)
    {
      g_printerr (_("shinsa extract: give one file\n"));
      print_usage (stderr);
      return SHINSA_EXIT_USAGE;
    }
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    {
      g_printerr (_("shinsa extract: unknown format '%s'; use text or json\n"), format);
      return SHINSA_EXIT_USAGE;
    }
  json = format != NULL && strcmp (format, "json") == 0;
  if (pages != NULL && !parse_pages (pages, &first, &last))
    {
      g_printerr (_("shinsa extract: bad page range '%s'; give N or N-M, counting from 1\n"), pages);
      return SHINSA_EXIT_USAGE;
    }

  registry = load_registry (FALSE);
  pipeline = shinsa_pipeline_load_data (registry, extract_pipeline, -1, "shinsa extract", NULL, &error);
  if (pipeline == NULL)
    {
      g_printerr ("shinsa extract: %s\n", error->message);
      return SHINSA_EXIT_FAILED;
    }
  if (ocr != NULL)
    {
      g_autofree char *set = g_strdup_printf ("extract.ocr=%s", ocr);

      if (!shinsa_pipeline_override (pipeline, set, &error))
        {
          g_printerr (_("shinsa extract: unknown OCR mode '%s'; use auto, always or never\n"), ocr);
          return SHINSA_EXIT_USAGE;
        }
    }
  if (pages != NULL)
    {
      g_autofree char *set = g_strdup_printf ("extract.pages=%d-%d", first, last);

      if (!shinsa_pipeline_override (pipeline, set, &error))
        {
          g_printerr ("shinsa extract: %s\n", error->message);
          return SHINSA_EXIT_USAGE;
        }
    }
  if (no_cache && !disable_caches (pipeline, &error))
    {
      g_printerr ("shinsa extract: %s\n", error->message);
      return SHINSA_EXIT_USAGE;
    }

  sub = shinsa_submission_open_file (args[0], &error);
  if (sub == NULL)
    {
      g_printerr ("shinsa extract: %s\n", error->message);
      return SHINSA_EXIT_FAILED;
    }

  ctx = shinsa_context_new (sub, "extract");
  pool = shinsa_worker_pool_new (g_get_num_processors ());
  shinsa_context_set_pool (ctx, pool);
  for (guint i = 0; ok && i < shinsa_pipeline_get_n_stages (pipeline); i++)
    {
      const ShinsaStageInfo *stage = shinsa_pipeline_get_stage (pipeline, i);

      shinsa_context_begin_stage (ctx, stage, shinsa_pipeline_get_stage_name (pipeline, i));
      ok = stage->run (ctx, shinsa_pipeline_get_options (pipeline, i), &error);
      shinsa_context_end_stage (ctx);
    }
  shinsa_context_set_pool (ctx, NULL);
  shinsa_worker_pool_free (pool);
  if (!ok)
    {
      g_printerr ("shinsa extract: %s\n", error != NULL ? error->message : _("a stage failed"));
      return SHINSA_EXIT_FAILED;
    }

  doc = g_ptr_array_index (shinsa_submission_get_documents (sub), 0);
  page_list = shinsa_document_get_page_list (doc);
  findings = shinsa_context_get_findings (ctx);
  for (guint i = 0; i < findings->len; i++)
    {
      const ShinsaFinding *f = g_ptr_array_index (findings, i);
      g_printerr ("%s: %s\n", f->code, f->message);
    }

  if (json)
    print_json (doc, page_list);
  if (shinsa_document_get_status (doc) != SHINSA_DOCUMENT_STATUS_OK)
    {
      g_printerr (_("shinsa extract: cannot read '%s': %s\n"), args[0],
                  shinsa_document_get_status_reason (doc) != NULL
                    ? shinsa_document_get_status_reason (doc) : shinsa_document_status_to_string (shinsa_document_get_status (doc)));
      return SHINSA_EXIT_FINDINGS;
    }
  if (page_list == NULL)
    {
      g_printerr (_("shinsa extract: '%s' has no pages to read (%s)\n"), args[0],
                  shinsa_document_get_media_type (doc));
      return SHINSA_EXIT_FINDINGS;
    }
  if (page_list->len == 0)
    {
      g_printerr (_("shinsa extract: '%s' has %d pages; --pages %s is beyond them\n"), args[0],
                  shinsa_document_get_pages (doc), pages);
      return SHINSA_EXIT_USAGE;
    }
  if (!json)
    for (guint i = 0; i < page_list->len; i++)
      {
        const ShinsaPage *page = g_ptr_array_index (page_list, i);

        if (i > 0)
          g_print ("\f");
        print_page_header (page);
        if (page->text != NULL && page->text[0] != '\0')
          g_print ("%s\n", page->text);
      }
  return SHINSA_EXIT_OK;
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

/* `shinsa verify BAG`: every problem on its own line, naming the file;
 * errors on stdout (the verdict), warnings on stderr */
static int
cmd_verify (int argc, char **argv)
{
  g_auto(GStrv) args = NULL;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print no warnings and no verdict, only errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, N_("BAG") },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new (_("— validate a BagIt bag"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaBagReport) report = NULL;
  guint errors;

  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (octx,
    _("BAG is a bag's base folder or a .zip or .tar of one, BagIt 0.93 to 1.0 (RFC 8493).\n"
      "Exit status: 0 valid (warnings on stderr); 1 invalid, each problem printed;\n"
      "2 usage; 3 the bag cannot be read."));
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("shinsa verify: %s\n", error->message);
      return SHINSA_EXIT_USAGE;
    }
  if (args == NULL || args[0] == NULL || args[1] != NULL)
    {
      g_printerr (_("shinsa verify: give one bag\n"));
      print_usage (stderr);
      return SHINSA_EXIT_USAGE;
    }

  report = shinsa_bag_verify (args[0], NULL, &error);
  if (report == NULL)
    {
      g_printerr ("shinsa verify: %s\n", error->message);
      return SHINSA_EXIT_FAILED;
    }
  for (guint i = 0; i < report->problems->len; i++)
    {
      ShinsaBagProblem *p = g_ptr_array_index (report->problems, i);
      if (p->level == SHINSA_BAG_PROBLEM_ERROR)
        g_print (_("%s: error: %s\n"), p->file, p->message);
      else if (!quiet)
        g_printerr (_("%s: warning: %s\n"), p->file, p->message);
    }
  errors = shinsa_bag_report_count (report, SHINSA_BAG_PROBLEM_ERROR);
  if (errors > 0)
    {
      if (!quiet)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%s: not a valid bag: %u problem\n",
                              "%s: not a valid bag: %u problems\n", errors), args[0], errors);
      return SHINSA_EXIT_FINDINGS;
    }
  if (!quiet)
    g_print (_("%s: valid bag (BagIt %s, %" G_GUINT64_FORMAT " payload files, %" G_GUINT64_FORMAT " octets)\n"),
             args[0], report->version, report->payload_files, report->payload_bytes);
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
  if (strcmp (cmd, "extract") == 0)
    return cmd_extract (argc - 1, argv + 1);
  if (strcmp (cmd, "verify") == 0)
    return cmd_verify (argc - 1, argv + 1);
  if (strcmp (cmd, "plugins") == 0)
    return cmd_plugins (argc - 1, argv + 1);
  if (strcmp (cmd, "inspect") == 0)
    return cmd_inspect (argc - 1, argv + 1);

  g_printerr (_("shinsa: unknown command '%s'\n"), cmd);
  print_usage (stderr);
  return SHINSA_EXIT_USAGE;
}
