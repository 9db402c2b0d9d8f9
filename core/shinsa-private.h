/* shinsa — internal layouts; not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define SHINSA_COMPILATION 1
#include <glib/gi18n-lib.h>
#include "shinsa.h"

G_BEGIN_DECLS

struct _ShinsaOptions {
  char *stage_name;
  const ShinsaStageInfo *stage;
  GHashTable *values;          /* name → char* (checked against the spec) */
};

ShinsaOptions *shinsa_options_new (const char *stage_name, const ShinsaStageInfo *stage);
void           shinsa_options_free (ShinsaOptions *options);
/* checks @value against the spec of @name; the error names neither file nor group */
gboolean       shinsa_options_set (ShinsaOptions *options, const char *name,
                                   const char *value, GError **error);
const ShinsaOptionSpec *shinsa_stage_find_option (const ShinsaStageInfo *stage, const char *name);
char          *shinsa_options_describe_choices (const ShinsaOptionSpec *spec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaOptions, shinsa_options_free)

/* context internals for the runner */
typedef struct _ShinsaWorkerPool ShinsaWorkerPool;
ShinsaWorkerPool *shinsa_worker_pool_new (guint threads);
void              shinsa_worker_pool_free (ShinsaWorkerPool *pool);
void              shinsa_context_set_pool (ShinsaContext *ctx, ShinsaWorkerPool *pool);
void              shinsa_context_begin_stage (ShinsaContext *ctx, const ShinsaStageInfo *stage,
                                              const char *stage_name);
void              shinsa_context_end_stage (ShinsaContext *ctx);
void              shinsa_context_set_output_dir (ShinsaContext *ctx, const char *dir);
typedef void (*ShinsaProgressFunc) (ShinsaContext *ctx, const char *stage, double fraction,
                                    gpointer user_data);
void              shinsa_context_set_progress_func (ShinsaContext *ctx, ShinsaProgressFunc func,
                                                    gpointer user_data);

/* findings from intake, also used by the submission code */
void              shinsa_submission_add_finding (ShinsaSubmission *sub, ShinsaFinding *finding);

/* (element-type utf8) (transfer full): entry names of the folder open on
 * @dfd without "." and "..", byte-ordered when @sorted; NULL with @out_errno */
GPtrArray        *shinsa_list_folder_at (int dfd, gboolean sorted, int *out_errno);

/* whether the running program lives in the build tree (tests, demo) */
gboolean          shinsa_running_from_build_tree (void);

/* the citation parser shares the file-name grammar (shinsa-names.c): at @p
 * exactly, a document id (資料3, 資料No.3, 別紙二, 添付資料3-1) → its end and
 * the canonical id; a kanji numeral (三, 十二, 一〇) → its end and value */
const char       *shinsa_names_match_document_id (const char *p, char **out_id);
const char       *shinsa_names_parse_kanji_number (const char *p, guint *out_value);

/* OUTDIR/index.html from the batch.json root @batch: every submission, its
 * status and counts, linked to its report.html; atomic, mode 0600 */
gboolean          shinsa_batch_index_write (const char *outdir, JsonObject *batch, GError **error);

JsonNode         *shinsa_finding_to_json (const ShinsaFinding *finding);
JsonNode         *shinsa_document_to_json (ShinsaDocument *doc);

G_END_DECLS
