/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

#include <stdio.h>
#include <unistd.h>

typedef struct {
  guint index;
  char *source;
  char *id;
  char *status;                        /* "done" | "failed" */
  char *reason;
  gboolean resumed;
  guint errors, warnings, infos;
  gint64 started, finished;            /* monotonic µs */
} Job;

struct _ShinsaRunner {
  GObject parent_instance;

  ShinsaPipeline *pipeline;
  char *outdir;
  guint jobs;
  gboolean resume;
  char *previous;
  ShinsaProgressMode progress;
  ShinsaIntakeLimits limits;
  GCancellable *cancellable;

  GMutex tmp_lock;
  char *tmp_dir;

  /* during a run */
  GMutex lock;                         /* everything below */
  GPtrArray *all_jobs;
  GHashTable *ids;                     /* ids taken in OUTDIR in this run */
  guint done;
  gint64 run_started;
  gint64 last_print;                   /* the terminal line is redrawn ≤ 10 times a second */
  gboolean tty;
  ShinsaWorkerPool *pool;
  ShinsaSubmission *previous_submission;
  JsonNode *previous_report;            /* --previous given as a report.json */
  char *digest;
};

G_DEFINE_FINAL_TYPE (ShinsaRunner, shinsa_runner, G_TYPE_OBJECT)

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->source);
  g_free (job->id);
  g_free (job->status);
  g_free (job->reason);
  g_free (job);
}

static void
shinsa_runner_finalize (GObject *object)
{
  ShinsaRunner *runner = SHINSA_RUNNER (object);

  shinsa_runner_cleanup (runner);
  g_clear_pointer (&runner->all_jobs, g_ptr_array_unref);
  g_clear_pointer (&runner->ids, g_hash_table_unref);
  g_free (runner->digest);
  g_clear_object (&runner->pipeline);
  g_clear_object (&runner->cancellable);
  g_free (runner->outdir);
  g_free (runner->previous);
  g_mutex_clear (&runner->tmp_lock);
  g_mutex_clear (&runner->lock);
  G_OBJECT_CLASS (shinsa_runner_parent_class)->finalize (object);
}

static void
shinsa_runner_class_init (ShinsaRunnerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shinsa_runner_finalize;
}

static void
shinsa_runner_init (ShinsaRunner *runner)
{
  g_mutex_init (&runner->tmp_lock);
  g_mutex_init (&runner->lock);
  shinsa_intake_limits_init_default (&runner->limits);
}

ShinsaRunner *
shinsa_runner_new (ShinsaPipeline *pipeline, const char *outdir)
{
  ShinsaRunner *runner;

  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), NULL);
  g_return_val_if_fail (outdir != NULL, NULL);

  runner = g_object_new (SHINSA_TYPE_RUNNER, NULL);
  runner->pipeline = g_object_ref (pipeline);
  runner->outdir = g_strdup (outdir);
  return runner;
}

void
shinsa_runner_set_jobs (ShinsaRunner *runner, guint jobs)
{
  g_return_if_fail (SHINSA_IS_RUNNER (runner));
  runner->jobs = jobs;
}

void
shinsa_runner_set_resume (ShinsaRunner *runner, gboolean resume)
{
  g_return_if_fail (SHINSA_IS_RUNNER (runner));
  runner->resume = resume;
}

void
shinsa_runner_set_previous (ShinsaRunner *runner, const char *previous)
{
  g_return_if_fail (SHINSA_IS_RUNNER (runner));
  g_free (runner->previous);
  runner->previous = g_strdup (previous);
}

void
shinsa_runner_set_progress (ShinsaRunner *runner, ShinsaProgressMode mode)
{
  g_return_if_fail (SHINSA_IS_RUNNER (runner));
  runner->progress = mode;
}

void
shinsa_runner_set_intake_limits (ShinsaRunner *runner, const ShinsaIntakeLimits *limits)
{
  g_return_if_fail (SHINSA_IS_RUNNER (runner));
  g_return_if_fail (limits != NULL);
  runner->limits = *limits;
}

void
shinsa_runner_set_cancellable (ShinsaRunner *runner, GCancellable *cancellable)
{
  g_return_if_fail (SHINSA_IS_RUNNER (runner));
  g_set_object (&runner->cancellable, cancellable);
}

const char *
shinsa_runner_get_tmp_dir (ShinsaRunner *runner)
{
  const char *dir;

  g_return_val_if_fail (SHINSA_IS_RUNNER (runner), NULL);
  g_mutex_lock (&runner->tmp_lock);
  /* g_dir_make_tmp creates the folder 0700: documents unpacked there are
   * readable by the examiner only */
  if (runner->tmp_dir == NULL)
    runner->tmp_dir = g_dir_make_tmp ("shinsa-XXXXXX", NULL);
  dir = runner->tmp_dir;
  g_mutex_unlock (&runner->tmp_lock);
  return dir;
}

void
shinsa_runner_cleanup (ShinsaRunner *runner)
{
  g_return_if_fail (SHINSA_IS_RUNNER (runner));
  g_mutex_lock (&runner->tmp_lock);
  if (runner->tmp_dir != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!shinsa_remove_tree (runner->tmp_dir, &error))
        g_warning (_("cannot remove temporary folder '%s': %s"), runner->tmp_dir, error->message);
      g_clear_pointer (&runner->tmp_dir, g_free);
    }
  g_mutex_unlock (&runner->tmp_lock);
}

/* ---- progress ---------------------------------------------------------- */

static void
print_progress (ShinsaRunner *runner, const char *id, const char *stage, double fraction)
{
  guint total = runner->all_jobs->len;
  gint64 now = g_get_monotonic_time ();
  double elapsed = (now - runner->run_started) / 1e6;
  g_autofree char *eta = NULL;

  if (runner->done > 0 && runner->done < total)
    {
      guint secs = (guint) (elapsed / runner->done * (total - runner->done));
      eta = g_strdup_printf (_(", ETA %u:%02u"), secs / 60, secs % 60);
    }
  fprintf (stderr, "\r\033[K[%u/%u] %s: %s %3.0f%%%s", runner->done, total, id,
           stage != NULL ? stage : "", fraction * 100.0, eta != NULL ? eta : "");
  fflush (stderr);
}

typedef struct {
  ShinsaRunner *runner;
  Job *job;
} ProgressData;

static void
on_progress (ShinsaContext *ctx, const char *stage, double fraction, gpointer user_data)
{
  ProgressData *pd = user_data;
  ShinsaRunner *runner = pd->runner;

  g_mutex_lock (&runner->lock);
  if (runner->progress == SHINSA_PROGRESS_VERBOSE && fraction == 0.0)
    fprintf (stderr, "%s: %s\n", pd->job->id, stage);
  else if (runner->tty && runner->progress == SHINSA_PROGRESS_AUTO)
    {
      gint64 now = g_get_monotonic_time ();
      if (fraction == 0.0 || now - runner->last_print >= G_USEC_PER_SEC / 10)
        {
          print_progress (runner, pd->job->id, stage, fraction);
          runner->last_print = now;
        }
    }
  g_mutex_unlock (&runner->lock);
}

/* ---- one submission ---------------------------------------------------- */

/* A second submission with the same id in one batch gets -2, -3… so that no
 * report overwrites another. */
static char *
claim_id (ShinsaRunner *runner, const char *id)
{
  char *claimed = g_strdup (id);

  g_mutex_lock (&runner->lock);
  for (guint n = 2; g_hash_table_contains (runner->ids, claimed); n++)
    {
      g_free (claimed);
      claimed = g_strdup_printf ("%s-%u", id, n);
    }
  g_hash_table_add (runner->ids, g_strdup (claimed));
  g_mutex_unlock (&runner->lock);
  return claimed;
}

/* --resume: a report counts only when it was written whole by a run of the
 * same pipeline on the same input bytes */
static gboolean
try_resume (ShinsaRunner *runner, ShinsaSubmission *sub, const char *report_path, Job *job)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *source, *summary;

  if (!json_parser_load_from_file (parser, report_path, NULL))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_get_boolean_member_with_default (root, "complete", FALSE))
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "pipeline_digest", ""),
                 runner->digest) != 0)
    return FALSE;
  source = json_object_get_object_member (root, "source");
  if (source == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (source, "fingerprint", ""),
                 shinsa_submission_get_fingerprint (sub)) != 0)
    return FALSE;
  summary = json_object_get_object_member (root, "summary");
  if (summary != NULL)
    {
      job->errors = json_object_get_int_member_with_default (summary, "errors", 0);
      job->warnings = json_object_get_int_member_with_default (summary, "warnings", 0);
      job->infos = json_object_get_int_member_with_default (summary, "infos", 0);
    }
  return TRUE;
}

static gboolean
run_stages (ShinsaRunner *runner, ShinsaContext *ctx, GError **error)
{
  guint n = shinsa_pipeline_get_n_stages (runner->pipeline);

  for (guint i = 0; i < n; i++)
    {
      const ShinsaStageInfo *stage = shinsa_pipeline_get_stage (runner->pipeline, i);
      const char *name = shinsa_pipeline_get_stage_name (runner->pipeline, i);
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (runner->cancellable, error))
        return FALSE;

      shinsa_context_begin_stage (ctx, stage, name);
      ok = stage->run (ctx, shinsa_pipeline_get_options (runner->pipeline, i), &local_error);
      shinsa_context_end_stage (ctx);
      if (!ok)
        {
          if (local_error == NULL)
            g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                         _("stage [%s] failed without saying why"), name);
          else
            {
              g_prefix_error (&local_error, _("stage [%s]: "), name);
              g_propagate_error (error, g_steal_pointer (&local_error));
            }
          return FALSE;
        }
      for (const char *const *p = stage->provides; p != NULL && *p != NULL; p++)
        if (!shinsa_context_has_artifact (ctx, *p))
          {
            g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_MISSING_ARTIFACT,
                         _("stage [%s] finished without providing '%s'"), name, *p);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
write_report (ShinsaRunner *runner, ShinsaContext *ctx, const char *dir, GError **error)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  gsize length;

  json_object_set_string_member (extra, "status", "done");
  json_object_set_string_member (extra, "pipeline_digest", runner->digest);
  /* last member: a reader that sees it knows the whole report was written */
  json_object_set_boolean_member (extra, "complete", TRUE);
  root = shinsa_context_build_report (ctx, extra);

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json = json_generator_to_data (gen, &length);

  if (!shinsa_mkdir_private (dir, error))
    return FALSE;

  /* the stages' own files first: report.json, written last, vouches for them */
  {
    GHashTableIter iter;
    gpointer name, bytes;

    g_hash_table_iter_init (&iter, shinsa_context_get_outputs (ctx));
    while (g_hash_table_iter_next (&iter, &name, &bytes))
      {
        g_autofree char *out = g_build_filename (dir, (const char *) name, NULL);
        gsize len;
        const char *data = g_bytes_get_data (bytes, &len);

        if (!shinsa_write_file_atomic (out, data != NULL ? data : "", len, error))
          return FALSE;
      }
  }

  path = g_build_filename (dir, "report.json", NULL);
  return shinsa_write_file_atomic (path, json, length, error);
}

static void
run_job (ShinsaRunner *runner, Job *job)
{
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(ShinsaContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *report_path = NULL;
  ProgressData pd = { runner, job };

  job->started = g_get_monotonic_time ();
  if (g_cancellable_set_error_if_cancelled (runner->cancellable, &error))
    goto failed;

  sub = shinsa_submission_open (job->source, shinsa_runner_get_tmp_dir (runner), &runner->limits, &error);
  if (sub == NULL)
    goto failed;

  g_free (job->id);
  job->id = claim_id (runner, shinsa_submission_get_id (sub));
  dir = g_build_filename (runner->outdir, job->id, NULL);
  report_path = g_build_filename (dir, "report.json", NULL);

  if (runner->resume && try_resume (runner, sub, report_path, job))
    {
      job->resumed = TRUE;
      job->status = g_strdup ("done");
      if (runner->progress == SHINSA_PROGRESS_VERBOSE)
        fprintf (stderr, _("%s: unchanged since the last run, report kept\n"), job->id);
      goto out;
    }

  ctx = shinsa_context_new (sub, shinsa_pipeline_get_name (runner->pipeline));
  shinsa_context_set_cancellable (ctx, runner->cancellable);
  shinsa_context_set_pool (ctx, runner->pool);
  shinsa_context_set_output_dir (ctx, dir);
  shinsa_context_set_progress_func (ctx, on_progress, &pd);
  if (runner->previous_submission != NULL)
    shinsa_context_set_artifact (ctx, "previous", g_object_ref (runner->previous_submission),
                                 g_object_unref);
  if (runner->previous_report != NULL)
    shinsa_context_set_artifact (ctx, "previous-report", json_node_ref (runner->previous_report),
                                 (GDestroyNotify) json_node_unref);

  if (!run_stages (runner, ctx, &error))
    goto failed;
  if (!write_report (runner, ctx, dir, &error))
    goto failed;

  shinsa_context_count_findings (ctx, &job->errors, &job->warnings, &job->infos);
  job->status = g_strdup ("done");
  goto out;

failed:
  job->status = g_strdup ("failed");
  job->reason = g_strdup (error->message);
  /* a failed submission is an error: said even with --quiet */
    {
      g_mutex_lock (&runner->lock);
      if (runner->tty && runner->progress == SHINSA_PROGRESS_AUTO)
        fprintf (stderr, "\r\033[K");
      fprintf (stderr, _("%s: failed: %s\n"), job->id != NULL ? job->id : job->source, error->message);
      g_mutex_unlock (&runner->lock);
    }

out:
  if (sub != NULL)
    shinsa_submission_close (sub);
  job->finished = g_get_monotonic_time ();
  g_mutex_lock (&runner->lock);
  runner->done++;
  if (runner->tty && runner->progress == SHINSA_PROGRESS_AUTO)
    print_progress (runner, job->id != NULL ? job->id : job->source, _("done"), 1.0);
  else if (runner->progress == SHINSA_PROGRESS_VERBOSE)
    fprintf (stderr, _("%s: %s (%u errors, %u warnings, %u infos) in %.1f s\n"),
             job->id != NULL ? job->id : job->source, job->status, job->errors, job->warnings,
             job->infos, (job->finished - job->started) / 1e6);
  g_mutex_unlock (&runner->lock);
}

static void
job_thread (gpointer data, gpointer user_data)
{
  run_job (user_data, data);
}

/* ---- the batch --------------------------------------------------------- */

static gboolean
write_batch (ShinsaRunner *runner, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  guint done = 0, failed = 0, errors = 0, warnings = 0, infos = 0;
  gsize length;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pipeline");
  json_builder_add_string_value (b, shinsa_pipeline_get_name (runner->pipeline));
  json_builder_set_member_name (b, "tool");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "shinsa");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, SHINSA_VERSION);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "submissions");
  json_builder_begin_array (b);
  for (guint i = 0; i < runner->all_jobs->len; i++)
    {
      Job *job = g_ptr_array_index (runner->all_jobs, i);
      gboolean ok = g_strcmp0 (job->status, "done") == 0;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "submission");
      if (job->id != NULL)
        json_builder_add_string_value (b, job->id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, job->source);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, job->status != NULL ? job->status : "failed");
      if (job->reason != NULL)
        {
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, job->reason);
        }
      if (ok)
        {
          g_autofree char *report = g_build_filename (job->id, "report.json", NULL);

          json_builder_set_member_name (b, "report");
          json_builder_add_string_value (b, report);
          json_builder_set_member_name (b, "resumed");
          json_builder_add_boolean_value (b, job->resumed);
          json_builder_set_member_name (b, "summary");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "errors");
          json_builder_add_int_value (b, job->errors);
          json_builder_set_member_name (b, "warnings");
          json_builder_add_int_value (b, job->warnings);
          json_builder_set_member_name (b, "infos");
          json_builder_add_int_value (b, job->infos);
          json_builder_end_object (b);
          done++;
          errors += job->errors, warnings += job->warnings, infos += job->infos;
        }
      else
        failed++;
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "submissions");
  json_builder_add_int_value (b, runner->all_jobs->len);
  json_builder_set_member_name (b, "done");
  json_builder_add_int_value (b, done);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, failed);
  json_builder_set_member_name (b, "errors");
  json_builder_add_int_value (b, errors);
  json_builder_set_member_name (b, "warnings");
  json_builder_add_int_value (b, warnings);
  json_builder_set_member_name (b, "infos");
  json_builder_add_int_value (b, infos);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json = json_generator_to_data (gen, &length);
  path = g_build_filename (runner->outdir, "batch.json", NULL);
  if (!shinsa_write_file_atomic (path, json, length, error))
    return FALSE;
  return shinsa_batch_index_write (runner->outdir, json_node_get_object (root), error);
}

ShinsaExitStatus
shinsa_runner_run (ShinsaRunner *runner, const char *const *submissions, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GThreadPool *jobs_pool;
  guint cores = g_get_num_processors ();
  guint jobs;
  gboolean any_failed = FALSE, any_errors = FALSE;

  g_return_val_if_fail (SHINSA_IS_RUNNER (runner), SHINSA_EXIT_FAILED);
  g_return_val_if_fail (submissions != NULL, SHINSA_EXIT_FAILED);

  /* before anything is written: a run that cannot do its job does not start */
  if (!shinsa_pipeline_check_required (runner->pipeline, error))
    return SHINSA_EXIT_USAGE;
  if (!shinsa_mkdir_private (runner->outdir, error))
    return SHINSA_EXIT_FAILED;
  if (shinsa_runner_get_tmp_dir (runner) == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("cannot create a private temporary folder in '%s'"), g_get_tmp_dir ());
      return SHINSA_EXIT_FAILED;
    }

  runner->digest = shinsa_pipeline_digest (runner->pipeline);
  g_clear_pointer (&runner->all_jobs, g_ptr_array_unref);
  runner->all_jobs = g_ptr_array_new_with_free_func (job_free);
  runner->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  runner->tty = isatty (STDERR_FILENO);
  runner->run_started = g_get_monotonic_time ();
  runner->done = 0;

  if (runner->previous != NULL && g_str_has_suffix (runner->previous, ".json")
      && g_file_test (runner->previous, G_FILE_TEST_IS_REGULAR))
    {
      /* the report of the last certification instead of its files */
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_file (parser, runner->previous, error))
        {
          g_prefix_error (error, _("--previous: '%s': "), runner->previous);
          return SHINSA_EXIT_FAILED;
        }
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                       _("--previous: '%s' is not a report: not a JSON object"), runner->previous);
          return SHINSA_EXIT_FAILED;
        }
      runner->previous_report = json_node_ref (json_parser_get_root (parser));
    }
  else if (runner->previous != NULL)
    {
      runner->previous_submission = shinsa_submission_open (runner->previous,
                                                            shinsa_runner_get_tmp_dir (runner),
                                                            &runner->limits, error);
      if (runner->previous_submission == NULL)
        {
          g_prefix_error (error, _("--previous: "));
          return SHINSA_EXIT_FAILED;
        }
    }

  for (guint i = 0; submissions[i] != NULL; i++)
    {
      Job *job = g_new0 (Job, 1);
      g_autofree char *base = g_path_get_basename (submissions[i]);

      job->index = i;
      job->source = g_strdup (submissions[i]);
      job->id = g_strdup (base);         /* until intake knows better */
      g_ptr_array_add (runner->all_jobs, job);
    }

  /* Submissions run on `jobs` threads; the pages within them on a pool the
   * size of the machine, so -j 1 still uses every core for OCR. */
  jobs = runner->jobs > 0 ? runner->jobs : cores;
  jobs = MIN (jobs, MAX (runner->all_jobs->len, 1));
  runner->pool = shinsa_worker_pool_new (cores);
  jobs_pool = g_thread_pool_new (job_thread, runner, jobs, FALSE, NULL);
  for (guint i = 0; i < runner->all_jobs->len; i++)
    g_thread_pool_push (jobs_pool, g_ptr_array_index (runner->all_jobs, i), NULL);
  g_thread_pool_free (jobs_pool, FALSE, TRUE);
  g_clear_pointer (&runner->pool, shinsa_worker_pool_free);
  g_clear_object (&runner->previous_submission);
  g_clear_pointer (&runner->previous_report, json_node_unref);

  if (runner->tty && runner->progress == SHINSA_PROGRESS_AUTO)
    fprintf (stderr, "\r\033[K");

  for (guint i = 0; i < runner->all_jobs->len; i++)
    {
      Job *job = g_ptr_array_index (runner->all_jobs, i);
      if (g_strcmp0 (job->status, "done") != 0)
        any_failed = TRUE;
      else if (job->errors > 0)
        any_errors = TRUE;
    }

  if (!write_batch (runner, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return SHINSA_EXIT_FAILED;
    }

  g_clear_pointer (&runner->ids, g_hash_table_unref);
  g_clear_pointer (&runner->digest, g_free);
  shinsa_runner_cleanup (runner);

  if (any_failed)
    return SHINSA_EXIT_FAILED;
  return any_errors ? SHINSA_EXIT_FINDINGS : SHINSA_EXIT_OK;
}
