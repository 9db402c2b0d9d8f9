/* shinsa — pipeline files: which stages run, in order, with which options
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include "shinsa-registry.h"

G_BEGIN_DECLS

#define SHINSA_TYPE_PIPELINE (shinsa_pipeline_get_type ())
G_DECLARE_FINAL_TYPE (ShinsaPipeline, shinsa_pipeline, SHINSA, PIPELINE, GObject)

/**
 * shinsa_pipeline_find_file:
 * @name_or_path: a path, or the name of a shipped pipeline ("intake")
 * Looks in $SHINSA_PIPELINE_PATH, the source tree's pipelines/ when running
 * from the build tree, and the installed datadir/shinsa/pipelines.
 * Returns: (transfer full): a path, or NULL with SHINSA_PIPELINE_ERROR_NOT_FOUND
 */
char *shinsa_pipeline_find_file (const char *name_or_path, GError **error);

/**
 * shinsa_pipeline_load:
 * @available: (nullable): artifact kinds present before the first stage
 *   (NULL-terminated); NULL means the core's "files"
 *
 * Reads and checks the whole file before anything runs: the [pipeline]
 * group, every stage's plugin, option names and values, needs against what
 * earlier stages provide, duplicates.  Errors name the file, group and key
 * and say what would be right.
 */
ShinsaPipeline *shinsa_pipeline_load (ShinsaRegistry *registry,
                                      const char *filename,
                                      const char *const *available,
                                      GError **error);
ShinsaPipeline *shinsa_pipeline_load_data (ShinsaRegistry *registry,
                                           const char *data,
                                           gssize length,
                                           const char *display_name,
                                           const char *const *available,
                                           GError **error);

/* --set STAGE.KEY=VALUE, checked like the file */
gboolean shinsa_pipeline_override (ShinsaPipeline *pipeline,
                                   const char *assignment,
                                   GError **error);

const char *shinsa_pipeline_get_name (ShinsaPipeline *pipeline);
const char *shinsa_pipeline_get_description (ShinsaPipeline *pipeline);
const char *shinsa_pipeline_get_filename (ShinsaPipeline *pipeline);
guint       shinsa_pipeline_get_n_stages (ShinsaPipeline *pipeline);
/* (transfer none) */
const char *shinsa_pipeline_get_stage_name (ShinsaPipeline *pipeline, guint index);
const ShinsaStageInfo *shinsa_pipeline_get_stage (ShinsaPipeline *pipeline, guint index);
const ShinsaOptions   *shinsa_pipeline_get_options (ShinsaPipeline *pipeline, guint index);
/* whether a stage of the pipeline needs @kind (e.g. "previous") */
gboolean    shinsa_pipeline_needs (ShinsaPipeline *pipeline, const char *kind);
/* whether every option without a default (ShinsaOptionSpec) has been given,
 * in the file or by an override; shinsa_runner_run() checks it first */
gboolean    shinsa_pipeline_check_required (ShinsaPipeline *pipeline, GError **error);

/* a stable digest of the stages and their option values, for --resume */
char       *shinsa_pipeline_digest (ShinsaPipeline *pipeline);

G_END_DECLS
