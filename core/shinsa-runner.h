/* shinsa — running a pipeline over a batch of submissions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include "shinsa-pipeline.h"

G_BEGIN_DECLS

typedef enum {
  SHINSA_EXIT_OK = 0,          /* done, no error-severity finding */
  SHINSA_EXIT_FINDINGS = 1,    /* done, error findings (or an invalid bag) */
  SHINSA_EXIT_USAGE = 2,       /* usage or pipeline-file error */
  SHINSA_EXIT_FAILED = 3,      /* could not run: I/O, internal, a submission failed */
} ShinsaExitStatus;

typedef enum {
  SHINSA_PROGRESS_AUTO,        /* a line on stderr when it is a terminal */
  SHINSA_PROGRESS_QUIET,
  SHINSA_PROGRESS_VERBOSE,     /* a line per submission and stage */
} ShinsaProgressMode;

#define SHINSA_TYPE_RUNNER (shinsa_runner_get_type ())
G_DECLARE_FINAL_TYPE (ShinsaRunner, shinsa_runner, SHINSA, RUNNER, GObject)

ShinsaRunner *shinsa_runner_new (ShinsaPipeline *pipeline, const char *outdir);

/* submissions in parallel; 0 = number of cores */
void shinsa_runner_set_jobs (ShinsaRunner *runner, guint jobs);
void shinsa_runner_set_resume (ShinsaRunner *runner, gboolean resume);
void shinsa_runner_set_previous (ShinsaRunner *runner, const char *previous);
void shinsa_runner_set_progress (ShinsaRunner *runner, ShinsaProgressMode mode);
void shinsa_runner_set_intake_limits (ShinsaRunner *runner, const ShinsaIntakeLimits *limits);
void shinsa_runner_set_cancellable (ShinsaRunner *runner, GCancellable *cancellable);
/* the private temporary folder of this run (0700), created on first use */
const char *shinsa_runner_get_tmp_dir (ShinsaRunner *runner);

/**
 * shinsa_runner_run:
 * @submissions: NULL-terminated paths
 *
 * Runs every submission; one that fails is marked failed in batch.json and
 * the batch goes on.  Writes OUTDIR/<id>/report.json and OUTDIR/batch.json.
 * Returns: the exit status for the command line
 */
ShinsaExitStatus shinsa_runner_run (ShinsaRunner *runner,
                                    const char *const *submissions,
                                    GError **error);

/* removes the private temporary folder; safe to call twice */
void shinsa_runner_cleanup (ShinsaRunner *runner);

G_END_DECLS
