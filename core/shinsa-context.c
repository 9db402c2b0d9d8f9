/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

/* ---- the shared worker pool ------------------------------------------- */

struct _ShinsaWorkerPool {
  GThreadPool *pool;
};

typedef struct {
  ShinsaContext *ctx;
  ShinsaParallelFunc func;
  gpointer user_data;
  GMutex lock;
  GCond done_cond;
  guint remaining;
} ParallelBatch;

typedef struct {
  ParallelBatch *batch;
  guint index;
} ParallelTask;

/* A worker that calls shinsa_context_parallel_for() again must not wait on
 * the pool it occupies: that is how a full pool deadlocks. */
static GPrivate in_worker;

static void
pool_worker (gpointer data, gpointer user_data)
{
  ParallelTask *task = data;
  ParallelBatch *batch = task->batch;

  g_private_set (&in_worker, GINT_TO_POINTER (1));
  batch->func (batch->ctx, task->index, batch->user_data);
  g_private_set (&in_worker, NULL);

  g_mutex_lock (&batch->lock);
  if (--batch->remaining == 0)
    g_cond_signal (&batch->done_cond);
  g_mutex_unlock (&batch->lock);
  g_free (task);
}

ShinsaWorkerPool *
shinsa_worker_pool_new (guint threads)
{
  ShinsaWorkerPool *pool = g_new0 (ShinsaWorkerPool, 1);

  pool->pool = g_thread_pool_new (pool_worker, NULL, MAX (threads, 1), FALSE, NULL);
  return pool;
}

void
shinsa_worker_pool_free (ShinsaWorkerPool *pool)
{
  if (pool == NULL)
    return;
  g_thread_pool_free (pool->pool, FALSE, TRUE);
  g_free (pool);
}

/* ---- the context ------------------------------------------------------- */

typedef struct {
  char *kind;
  gpointer data;
  GDestroyNotify destroy;
} Artifact;

struct _ShinsaContext {
  GObject parent_instance;

  ShinsaSubmission *submission;
  char *pipeline_name;
  char *scheme;
  GCancellable *cancellable;
  ShinsaWorkerPool *pool;
  char *output_dir;

  GMutex lock;                        /* findings, artifacts, report members */
  GPtrArray *findings;                /* ShinsaFinding */
  GPtrArray *artifacts;               /* Artifact, in the order set */
  GPtrArray *report_names;            /* char*, order kept */
  GHashTable *report_members;         /* name → JsonNode */
  GHashTable *outputs;                /* file name → GBytes */

  const ShinsaStageInfo *stage;       /* running now, or NULL */
  char *stage_name;
  ShinsaProgressFunc progress_func;
  gpointer progress_data;
};

G_DEFINE_FINAL_TYPE (ShinsaContext, shinsa_context, G_TYPE_OBJECT)

static void
artifact_free (gpointer data)
{
  Artifact *a = data;

  if (a->destroy != NULL)
    a->destroy (a->data);
  g_free (a->kind);
  g_free (a);
}

static void
shinsa_context_finalize (GObject *object)
{
  ShinsaContext *ctx = SHINSA_CONTEXT (object);

  /* artifacts may point into each other: release the latest first */
  while (ctx->artifacts->len > 0)
    g_ptr_array_remove_index (ctx->artifacts, ctx->artifacts->len - 1);
  g_ptr_array_unref (ctx->artifacts);
  g_ptr_array_unref (ctx->findings);
  g_ptr_array_unref (ctx->report_names);
  g_hash_table_unref (ctx->report_members);
  g_hash_table_unref (ctx->outputs);
  g_clear_object (&ctx->submission);
  g_clear_object (&ctx->cancellable);
  g_free (ctx->pipeline_name);
  g_free (ctx->scheme);
  g_free (ctx->output_dir);
  g_free (ctx->stage_name);
  g_mutex_clear (&ctx->lock);

  G_OBJECT_CLASS (shinsa_context_parent_class)->finalize (object);
}

static void
shinsa_context_class_init (ShinsaContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shinsa_context_finalize;
}

static void
shinsa_context_init (ShinsaContext *ctx)
{
  g_mutex_init (&ctx->lock);
  ctx->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_finding_free);
  ctx->artifacts = g_ptr_array_new_with_free_func (artifact_free);
  ctx->report_names = g_ptr_array_new_with_free_func (g_free);
  ctx->report_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) json_node_unref);
  ctx->outputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_bytes_unref);
}

ShinsaContext *
shinsa_context_new (ShinsaSubmission *submission, const char *pipeline_name)
{
  ShinsaContext *ctx;
  GPtrArray *intake;

  g_return_val_if_fail (SHINSA_IS_SUBMISSION (submission), NULL);

  ctx = g_object_new (SHINSA_TYPE_CONTEXT, NULL);
  ctx->submission = g_object_ref (submission);
  ctx->pipeline_name = g_strdup (pipeline_name);
  ctx->scheme = g_strdup (shinsa_submission_get_scheme (submission));

  /* what intake refused belongs in the report like any other finding */
  intake = shinsa_submission_get_findings (submission);
  for (guint i = 0; intake != NULL && i < intake->len; i++)
    g_ptr_array_add (ctx->findings, shinsa_finding_copy (g_ptr_array_index (intake, i)));

  shinsa_context_set_artifact (ctx, "files",
                               g_ptr_array_ref (shinsa_submission_get_documents (submission)),
                               (GDestroyNotify) g_ptr_array_unref);
  return ctx;
}

ShinsaSubmission *
shinsa_context_get_submission (ShinsaContext *ctx)
{
  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  return ctx->submission;
}

GPtrArray *
shinsa_context_get_documents (ShinsaContext *ctx)
{
  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  return shinsa_submission_get_documents (ctx->submission);
}

const char *
shinsa_context_get_pipeline_name (ShinsaContext *ctx)
{
  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  return ctx->pipeline_name;
}

const char *
shinsa_context_get_scheme (ShinsaContext *ctx)
{
  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  return ctx->scheme;
}

void
shinsa_context_set_scheme (ShinsaContext *ctx, const char *scheme)
{
  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  g_mutex_lock (&ctx->lock);
  g_free (ctx->scheme);
  ctx->scheme = g_strdup (scheme);
  g_mutex_unlock (&ctx->lock);
}

GCancellable *
shinsa_context_get_cancellable (ShinsaContext *ctx)
{
  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  return ctx->cancellable;
}

void
shinsa_context_set_cancellable (ShinsaContext *ctx, GCancellable *cancellable)
{
  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  g_set_object (&ctx->cancellable, cancellable);
}

static Artifact *
find_artifact (ShinsaContext *ctx, const char *kind)
{
  for (guint i = 0; i < ctx->artifacts->len; i++)
    {
      Artifact *a = g_ptr_array_index (ctx->artifacts, i);
      if (strcmp (a->kind, kind) == 0)
        return a;
    }
  return NULL;
}

void
shinsa_context_set_artifact (ShinsaContext *ctx, const char *kind, gpointer data,
                             GDestroyNotify destroy)
{
  Artifact *a;

  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  g_return_if_fail (kind != NULL);

  /* a stage may only give what it declared: the pipeline was checked on that */
  if (ctx->stage != NULL &&
      (ctx->stage->provides == NULL || !g_strv_contains (ctx->stage->provides, kind)))
    {
      g_critical ("stage '%s' sets artifact '%s' it does not declare in provides",
                  ctx->stage->name, kind);
      if (destroy != NULL)
        destroy (data);
      return;
    }

  g_mutex_lock (&ctx->lock);
  a = find_artifact (ctx, kind);
  if (a == NULL)
    {
      a = g_new0 (Artifact, 1);
      a->kind = g_strdup (kind);
      g_ptr_array_add (ctx->artifacts, a);
    }
  else if (a->destroy != NULL)
    a->destroy (a->data);
  a->data = data;
  a->destroy = destroy;
  g_mutex_unlock (&ctx->lock);
}

gpointer
shinsa_context_get_artifact (ShinsaContext *ctx, const char *kind)
{
  Artifact *a;
  gpointer data;

  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  g_mutex_lock (&ctx->lock);
  a = find_artifact (ctx, kind);
  data = a != NULL ? a->data : NULL;
  g_mutex_unlock (&ctx->lock);
  return data;
}

gboolean
shinsa_context_has_artifact (ShinsaContext *ctx, const char *kind)
{
  gboolean found;

  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), FALSE);
  g_mutex_lock (&ctx->lock);
  found = find_artifact (ctx, kind) != NULL;
  g_mutex_unlock (&ctx->lock);
  return found;
}

ShinsaFinding *
shinsa_context_add_finding (ShinsaContext *ctx, const char *code, ShinsaSeverity severity,
                            const char *message_format, ...)
{
  g_autofree char *message = NULL;
  ShinsaFinding *f;
  va_list args;

  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  g_return_val_if_fail (code != NULL && message_format != NULL, NULL);

  va_start (args, message_format);
  message = g_strdup_vprintf (message_format, args);
  va_end (args);

  f = shinsa_finding_new (code, severity, message);
  g_mutex_lock (&ctx->lock);
  g_ptr_array_add (ctx->findings, f);
  g_mutex_unlock (&ctx->lock);
  /* the finding stays owned by the context; callers fill in where */
  return f;
}

GPtrArray *
shinsa_context_get_findings (ShinsaContext *ctx)
{
  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  return ctx->findings;
}

void
shinsa_context_count_findings (ShinsaContext *ctx, guint *errors, guint *warnings, guint *infos)
{
  guint n[3] = { 0, 0, 0 };

  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  g_mutex_lock (&ctx->lock);
  for (guint i = 0; i < ctx->findings->len; i++)
    {
      ShinsaFinding *f = g_ptr_array_index (ctx->findings, i);
      if ((guint) f->severity < 3)
        n[f->severity]++;
    }
  g_mutex_unlock (&ctx->lock);
  if (infos != NULL)
    *infos = n[SHINSA_SEVERITY_INFO];
  if (warnings != NULL)
    *warnings = n[SHINSA_SEVERITY_WARNING];
  if (errors != NULL)
    *errors = n[SHINSA_SEVERITY_ERROR];
}

static const char *const core_members[] = {
  "submission", "pipeline", "scheme", "tool", "source", "documents", "findings", "summary", NULL
};

void
shinsa_context_set_report_member (ShinsaContext *ctx, const char *name, JsonNode *node)
{
  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  g_return_if_fail (name != NULL && node != NULL);

  if (g_strv_contains (core_members, name))
    {
      g_critical ("report member '%s' is written by the core", name);
      json_node_unref (node);
      return;
    }
  g_mutex_lock (&ctx->lock);
  if (!g_hash_table_contains (ctx->report_members, name))
    g_ptr_array_add (ctx->report_names, g_strdup (name));
  g_hash_table_insert (ctx->report_members, g_strdup (name), node);
  g_mutex_unlock (&ctx->lock);
}

JsonNode *
shinsa_context_get_report_member (ShinsaContext *ctx, const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  g_mutex_lock (&ctx->lock);
  node = g_hash_table_lookup (ctx->report_members, name);
  g_mutex_unlock (&ctx->lock);
  return node;
}

void
shinsa_context_add_output (ShinsaContext *ctx, const char *name, GBytes *contents)
{
  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  g_return_if_fail (name != NULL && contents != NULL);

  /* the runner joins the name to the submission's folder: one component,
   * and never the report itself */
  if (name[0] == '\0' || name[0] == '.' || strchr (name, '/') != NULL ||
      strcmp (name, "report.json") == 0 || !g_utf8_validate (name, -1, NULL))
    {
      g_critical ("'%s' is not a name for an output file", name);
      return;
    }
  g_mutex_lock (&ctx->lock);
  g_hash_table_insert (ctx->outputs, g_strdup (name), g_bytes_ref (contents));
  g_mutex_unlock (&ctx->lock);
}

GHashTable *
shinsa_context_get_outputs (ShinsaContext *ctx)
{
  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  return ctx->outputs;
}

void
shinsa_context_set_pool (ShinsaContext *ctx, ShinsaWorkerPool *pool)
{
  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  ctx->pool = pool;
}

void
shinsa_context_set_output_dir (ShinsaContext *ctx, const char *dir)
{
  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  g_free (ctx->output_dir);
  ctx->output_dir = g_strdup (dir);
}

const char *
shinsa_context_get_output_dir (ShinsaContext *ctx)
{
  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);
  return ctx->output_dir;
}

void
shinsa_context_parallel_for (ShinsaContext *ctx, guint n, ShinsaParallelFunc func, gpointer user_data)
{
  ParallelBatch batch = { ctx, func, user_data };

  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  g_return_if_fail (func != NULL);

  if (n == 0)
    return;
  if (ctx->pool == NULL || n == 1 || g_private_get (&in_worker) != NULL)
    {
      for (guint i = 0; i < n; i++)
        func (ctx, i, user_data);
      return;
    }

  g_mutex_init (&batch.lock);
  g_cond_init (&batch.done_cond);
  batch.remaining = n;
  for (guint i = 0; i < n; i++)
    {
      ParallelTask *task = g_new0 (ParallelTask, 1);
      task->batch = &batch;
      task->index = i;
      g_thread_pool_push (ctx->pool->pool, task, NULL);
    }
  g_mutex_lock (&batch.lock);
  while (batch.remaining > 0)
    g_cond_wait (&batch.done_cond, &batch.lock);
  g_mutex_unlock (&batch.lock);
  g_mutex_clear (&batch.lock);
  g_cond_clear (&batch.done_cond);
}

void
shinsa_context_begin_stage (ShinsaContext *ctx, const ShinsaStageInfo *stage, const char *stage_name)
{
  ctx->stage = stage;
  g_free (ctx->stage_name);
  ctx->stage_name = g_strdup (stage_name);
  shinsa_context_set_progress (ctx, stage_name, 0.0);
}

void
shinsa_context_end_stage (ShinsaContext *ctx)
{
  ctx->stage = NULL;
}

void
shinsa_context_set_progress_func (ShinsaContext *ctx, ShinsaProgressFunc func, gpointer user_data)
{
  ctx->progress_func = func;
  ctx->progress_data = user_data;
}

void
shinsa_context_set_progress (ShinsaContext *ctx, const char *stage, double fraction)
{
  g_return_if_fail (SHINSA_IS_CONTEXT (ctx));
  if (ctx->progress_func != NULL)
    ctx->progress_func (ctx, stage != NULL ? stage : ctx->stage_name, CLAMP (fraction, 0.0, 1.0),
                        ctx->progress_data);
}

/* Deterministic order, so that a resumed or parallel run writes the same
 * report: errors first, then by item, document, page, code and message. */
static int
compare_findings (gconstpointer a, gconstpointer b)
{
  const ShinsaFinding *fa = *(ShinsaFinding *const *) a;
  const ShinsaFinding *fb = *(ShinsaFinding *const *) b;
  int c;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  if (fa->item != fb->item)
    return fa->item < fb->item ? -1 : 1;
  if ((c = g_strcmp0 (fa->path, fb->path)) != 0)
    return c;
  if (fa->page != fb->page)
    return fa->page < fb->page ? -1 : 1;
  if ((c = g_strcmp0 (fa->code, fb->code)) != 0)
    return c;
  return g_strcmp0 (fa->message, fb->message);
}

/* An item's status is the worst severity of the findings on it, whichever
 * stage raised them: the form rules, the citations, the renewal diff. */
static void
derive_item_statuses (JsonNode *items, GPtrArray *findings)
{
  g_autoptr(GHashTable) worst = g_hash_table_new (NULL, NULL);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (items))
    return;
  for (guint i = 0; i < findings->len; i++)
    {
      const ShinsaFinding *f = g_ptr_array_index (findings, i);
      gpointer key = GINT_TO_POINTER (f->item);
      int severity = GPOINTER_TO_INT (g_hash_table_lookup (worst, key));

      if (f->item <= 0 || f->severity == SHINSA_SEVERITY_INFO)
        continue;
      /* stored +1 so that 0 means "none" */
      if ((int) f->severity + 1 > severity)
        g_hash_table_insert (worst, key, GINT_TO_POINTER ((int) f->severity + 1));
    }
  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      int severity;

      if (item == NULL || !json_object_has_member (item, "no"))
        continue;
      severity = GPOINTER_TO_INT (g_hash_table_lookup (worst,
                                                       GINT_TO_POINTER (json_object_get_int_member (item, "no"))));
      json_object_set_string_member (item, "status",
                                     severity == SHINSA_SEVERITY_ERROR + 1 ? "error" :
                                     severity == SHINSA_SEVERITY_WARNING + 1 ? "warning" : "ok");
    }
}

JsonNode *
shinsa_context_build_report (ShinsaContext *ctx, JsonObject *extra)
{
  JsonObject *root = json_object_new ();
  JsonObject *tool = json_object_new ();
  JsonObject *source = json_object_new ();
  JsonObject *summary = json_object_new ();
  JsonArray *docs = json_array_new ();
  JsonArray *findings = json_array_new ();
  GPtrArray *documents = shinsa_context_get_documents (ctx);
  JsonNode *node;
  guint errors, warnings, infos;
  static const char *const kinds[] = { "folder", "zip", "iso", "file" };

  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), NULL);

  json_object_set_string_member (root, "submission", shinsa_submission_get_id (ctx->submission));
  json_object_set_string_member (root, "pipeline", ctx->pipeline_name);
  if (ctx->scheme != NULL)
    json_object_set_string_member (root, "scheme", ctx->scheme);
  else
    json_object_set_null_member (root, "scheme");

  json_object_set_string_member (tool, "name", "shinsa");
  json_object_set_string_member (tool, "version", SHINSA_VERSION);
  json_object_set_object_member (root, "tool", tool);

  json_object_set_string_member (source, "path", shinsa_submission_get_source (ctx->submission));
  json_object_set_string_member (source, "kind", kinds[shinsa_submission_get_kind (ctx->submission)]);
  json_object_set_string_member (source, "fingerprint",
                                 shinsa_submission_get_fingerprint (ctx->submission));
  json_object_set_object_member (root, "source", source);

  for (guint i = 0; i < documents->len; i++)
    json_array_add_element (docs, shinsa_document_to_json (g_ptr_array_index (documents, i)));
  json_object_set_array_member (root, "documents", docs);

  g_mutex_lock (&ctx->lock);
  for (guint i = 0; i < ctx->report_names->len; i++)
    {
      const char *name = g_ptr_array_index (ctx->report_names, i);
      json_object_set_member (root, name,
                              json_node_copy (g_hash_table_lookup (ctx->report_members, name)));
    }
  if (json_object_has_member (root, "items"))
    derive_item_statuses (json_object_get_member (root, "items"), ctx->findings);
  g_ptr_array_sort (ctx->findings, compare_findings);
  for (guint i = 0; i < ctx->findings->len; i++)
    json_array_add_element (findings, shinsa_finding_to_json (g_ptr_array_index (ctx->findings, i)));
  g_mutex_unlock (&ctx->lock);
  json_object_set_array_member (root, "findings", findings);

  shinsa_context_count_findings (ctx, &errors, &warnings, &infos);
  json_object_set_int_member (summary, "errors", errors);
  json_object_set_int_member (summary, "warnings", warnings);
  json_object_set_int_member (summary, "infos", infos);
  json_object_set_object_member (root, "summary", summary);

  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (root, name, json_node_copy (value));
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}
