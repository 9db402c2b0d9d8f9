/* Stages for the core's tests: they exercise options, needs/provides,
 * findings, report members and failures, and do nothing else.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <shinsa.h>

static const char *const mode_choices[] = { "fast", "careful", "thorough", NULL };

static const ShinsaOptionSpec alpha_options[] = {
  { "mode", SHINSA_OPTION_ENUM, "careful", "how hard to look", mode_choices },
  { "count", SHINSA_OPTION_INT, "3", "how many", NULL, 0, 10 },
  { "flag", SHINSA_OPTION_BOOL, "false", "a switch" },
  { "label", SHINSA_OPTION_STRING, "ラベル", "free text" },
  { NULL }
};

static gboolean
alpha_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "mode", shinsa_options_get_string (options, "mode"));
  json_object_set_int_member (obj, "count", shinsa_options_get_int (options, "count"));
  json_object_set_boolean_member (obj, "flag", shinsa_options_get_bool (options, "flag"));
  json_object_set_string_member (obj, "label", shinsa_options_get_string (options, "label"));
  json_object_set_int_member (obj, "files", shinsa_context_get_documents (ctx)->len);
  json_node_take_object (node, obj);
  shinsa_context_set_report_member (ctx, "alpha", node);
  shinsa_context_set_artifact (ctx, "a", g_strdup ("from alpha"), g_free);
  return TRUE;
}

static const char *const alpha_provides[] = { "a", NULL };
static const ShinsaStageInfo alpha_stage = {
  "alpha", "テスト用の段階A", "test stage A", alpha_options, NULL, alpha_provides, alpha_run
};

static const ShinsaOptionSpec beta_options[] = {
  { "severity", SHINSA_OPTION_ENUM, "info", "severity of the per-file finding",
    (const char *const[]) { "info", "warning", "error", NULL } },
  { NULL }
};

static void
beta_one (ShinsaContext *ctx, guint index, gpointer user_data)
{
  ShinsaDocument *doc = g_ptr_array_index (shinsa_context_get_documents (ctx), index);
  ShinsaSeverity severity = GPOINTER_TO_INT (user_data);
  ShinsaFinding *f;

  f = shinsa_context_add_finding (ctx, "TEST-SEEN", severity, "「%s」を確認しました",
                                  shinsa_document_get_path (doc));
  shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
  shinsa_finding_set_page (f, 1, "表紙");
}

static gboolean
beta_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  const char *sev = shinsa_options_get_string (options, "severity");
  ShinsaSeverity severity = g_str_equal (sev, "error") ? SHINSA_SEVERITY_ERROR
                          : g_str_equal (sev, "warning") ? SHINSA_SEVERITY_WARNING
                          : SHINSA_SEVERITY_INFO;

  if (g_strcmp0 (shinsa_context_get_artifact (ctx, "a"), "from alpha") != 0)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_MISSING_ARTIFACT, "no 'a'");
      return FALSE;
    }
  shinsa_context_parallel_for (ctx, shinsa_context_get_documents (ctx)->len, beta_one,
                               GINT_TO_POINTER (severity));
  shinsa_context_set_artifact (ctx, "b", NULL, NULL);
  return TRUE;
}

static const char *const beta_needs[] = { "a", NULL };
static const char *const beta_provides[] = { "b", NULL };
static const ShinsaStageInfo beta_stage = {
  "beta", "テスト用の段階B", "test stage B", beta_options, beta_needs, beta_provides, beta_run
};

static const ShinsaOptionSpec fail_options[] = {
  { "submission", SHINSA_OPTION_STRING, "", "fail for the submission with this id (empty: none)" },
  { "forget", SHINSA_OPTION_BOOL, "false", "succeed without providing 'c'" },
  { NULL }
};

static gboolean
fail_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  const char *id = shinsa_submission_get_id (shinsa_context_get_submission (ctx));

  if (g_strcmp0 (shinsa_options_get_string (options, "submission"), id) == 0)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "asked to fail for '%s'", id);
      return FALSE;
    }
  if (!shinsa_options_get_bool (options, "forget"))
    shinsa_context_set_artifact (ctx, "c", NULL, NULL);
  return TRUE;
}

static const char *const fail_needs[] = { "b", NULL };
static const char *const fail_provides[] = { "c", NULL };
static const ShinsaStageInfo fail_stage = {
  "failer", "テスト用の失敗する段階", "test stage that fails on request", fail_options,
  fail_needs, fail_provides, fail_run
};

SHINSA_PLUGIN_DEFINE ("teststages", "stages for the core's tests", "1.0", "LGPL-2.1-or-later",
                      &alpha_stage, &beta_stage, &fail_stage)
