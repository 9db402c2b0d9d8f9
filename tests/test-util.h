/* Helpers shared by the tests that run a shipped pipeline on a fixture.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <shinsa.h>

/* Runs the shipped pipeline @name with the installed-or-built plugins on
 * @submissions, writing into @outdir; returns the exit status. */
static inline ShinsaExitStatus
test_run_shipped_pipeline (const char *name, const char *const *submissions, const char *outdir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autofree char *file = shinsa_pipeline_find_file (name, &error);
  ShinsaExitStatus status;

  g_assert_no_error (error);
  shinsa_registry_scan (registry, NULL, NULL);
  pipeline = shinsa_pipeline_load (registry, file, NULL, &error);
  g_assert_no_error (error);
  runner = shinsa_runner_new (pipeline, outdir);
  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  status = shinsa_runner_run (runner, submissions, &error);
  g_assert_no_error (error);
  return status;
}
