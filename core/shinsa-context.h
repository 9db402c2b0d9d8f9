/* shinsa — the per-submission context stages work in
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "shinsa-submission.h"
#include "shinsa-finding.h"

G_BEGIN_DECLS

typedef struct _ShinsaOptions ShinsaOptions;

#define SHINSA_TYPE_CONTEXT (shinsa_context_get_type ())
G_DECLARE_FINAL_TYPE (ShinsaContext, shinsa_context, SHINSA, CONTEXT, GObject)

ShinsaContext *shinsa_context_new (ShinsaSubmission *submission,
                                   const char *pipeline_name);

/* (transfer none) */
ShinsaSubmission *shinsa_context_get_submission (ShinsaContext *ctx);
/* (element-type ShinsaDocument) (transfer none) */
GPtrArray  *shinsa_context_get_documents (ShinsaContext *ctx);
const char *shinsa_context_get_pipeline_name (ShinsaContext *ctx);

/* the certification scheme, e.g. "iaas-paas-iot": set by a stage or taken
 * from submission.ini; NULL when not known yet */
const char *shinsa_context_get_scheme (ShinsaContext *ctx);
void        shinsa_context_set_scheme (ShinsaContext *ctx, const char *scheme);

/* (nullable): the cancellable of the run; stages check it between pages */
GCancellable *shinsa_context_get_cancellable (ShinsaContext *ctx);
void          shinsa_context_set_cancellable (ShinsaContext *ctx, GCancellable *cancellable);

/**
 * shinsa_context_set_artifact:
 * @kind: an artifact kind the running stage declares in provides
 * @data: (transfer full)
 * @destroy: (nullable): frees @data with the context
 */
void     shinsa_context_set_artifact (ShinsaContext *ctx,
                                      const char *kind,
                                      gpointer data,
                                      GDestroyNotify destroy);
/* (transfer none) (nullable) */
gpointer shinsa_context_get_artifact (ShinsaContext *ctx, const char *kind);
gboolean shinsa_context_has_artifact (ShinsaContext *ctx, const char *kind);

/**
 * shinsa_context_add_finding:
 * @message_format: printf-style, Japanese, for the examiner
 *
 * Thread-safe.
 * Returns: (transfer none): the finding, for setting item, document and page
 */
ShinsaFinding *shinsa_context_add_finding (ShinsaContext *ctx,
                                           const char *code,
                                           ShinsaSeverity severity,
                                           const char *message_format,
                                           ...) G_GNUC_PRINTF (4, 5);
/* (element-type ShinsaFinding) (transfer none) */
GPtrArray *shinsa_context_get_findings (ShinsaContext *ctx);
/* counts by severity */
void       shinsa_context_count_findings (ShinsaContext *ctx,
                                          guint *errors,
                                          guint *warnings,
                                          guint *infos);

/**
 * shinsa_context_set_report_member:
 * @name: a top-level report.json member, e.g. "items", "changes"
 * @node: (transfer full)
 *
 * The core writes "submission", "pipeline", "scheme", "tool", "documents",
 * "findings" and "summary" itself; stages add the rest.
 */
void shinsa_context_set_report_member (ShinsaContext *ctx,
                                       const char *name,
                                       JsonNode *node);
/* (transfer none) (nullable) */
JsonNode *shinsa_context_get_report_member (ShinsaContext *ctx, const char *name);

/**
 * shinsa_context_add_output:
 * @name: a plain file name, e.g. "pages.json": no '/', not hidden, not
 *   "report.json"
 * @contents: (transfer none): the bytes
 *
 * Adds a file the runner writes next to report.json, in
 * OUTDIR/<submission-id>/, atomically and mode 0600, before report.json (so
 * a report marked complete has its outputs beside it).  A second call with
 * the same name replaces the first.  Thread-safe.
 */
void shinsa_context_add_output (ShinsaContext *ctx,
                                const char *name,
                                GBytes *contents);
/* (transfer none): output file name → GBytes, in no particular order */
GHashTable *shinsa_context_get_outputs (ShinsaContext *ctx);

typedef void (*ShinsaParallelFunc) (ShinsaContext *ctx, guint index, gpointer user_data);

/**
 * shinsa_context_parallel_for:
 * @n: how many calls
 * @func: called once for each index in [0, @n), from worker threads
 *
 * Spreads work (pages, documents) over the run's shared worker pool and waits
 * for all of it.  Runs inline when the context has no pool.
 */
void shinsa_context_parallel_for (ShinsaContext *ctx,
                                  guint n,
                                  ShinsaParallelFunc func,
                                  gpointer user_data);

/**
 * shinsa_context_get_output_dir:
 *
 * The folder the runner writes this submission's report and outputs into,
 * OUTDIR/<submission-id>/ (it may not exist yet), for a stage that writes a
 * whole folder of its own (the bundle stage's bag) beside report.json.  Such
 * a stage builds its folder under a temporary name there and renames it into
 * place.  Files go through shinsa_context_add_output().
 *
 * Returns: (transfer none) (nullable): NULL when run without a runner
 */
const char *shinsa_context_get_output_dir (ShinsaContext *ctx);

/* progress: the stage now running, for the terminal line */
void shinsa_context_set_progress (ShinsaContext *ctx, const char *stage, double fraction);

/**
 * shinsa_context_build_report:
 * @extra: (nullable): members added at the end (the runner's timings)
 *
 * The report.json root as it stands now: what the runner writes after the
 * last stage, and what a stage that renders the report (HTML, CSV) reads.
 * Findings are sorted, `summary` counted, and every `items[]` element's
 * `status` derived from the findings on that item (error > warning > ok).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *shinsa_context_build_report (ShinsaContext *ctx, JsonObject *extra);

G_END_DECLS
