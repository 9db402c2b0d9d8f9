/* An office's own stage, built out of tree against the installed
 * <shinsa.h> and shinsa-plugin.pc: every evidence file must carry a
 * 資料番号 in its name, as this office asks applicants to do.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <shinsa.h>

static const ShinsaOptionSpec options[] = {
  { "severity", SHINSA_OPTION_ENUM, "warning", "severity of OFFICE-NO-ID",
    (const char *const[]) { "info", "warning", "error", NULL } },
  { NULL }
};

static gboolean
run (ShinsaContext *ctx, const ShinsaOptions *opts, GError **error)
{
  GPtrArray *docs = shinsa_context_get_documents (ctx);
  const char *sev = shinsa_options_get_string (opts, "severity");
  ShinsaSeverity severity = g_str_equal (sev, "error") ? SHINSA_SEVERITY_ERROR
                          : g_str_equal (sev, "info") ? SHINSA_SEVERITY_INFO
                          : SHINSA_SEVERITY_WARNING;
  guint missing = 0;

  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      ShinsaFinding *f;

      if (shinsa_document_get_role (doc) != SHINSA_ROLE_EVIDENCE || shinsa_document_get_id (doc) != NULL)
        continue;
      f = shinsa_context_add_finding (ctx, "OFFICE-NO-ID", severity,
                                      "「%s」のファイル名に資料番号がありません",
                                      shinsa_document_get_path (doc));
      shinsa_finding_set_document (f, NULL, shinsa_document_get_path (doc));
      missing++;
    }
  shinsa_context_set_report_member (ctx, "office_ids_missing", json_node_init_int (json_node_alloc (), missing));
  shinsa_context_set_artifact (ctx, "office-ids", NULL, NULL);
  return TRUE;
}

static const char *const needs[] = { "files", NULL };
static const char *const provides[] = { "office-ids", NULL };
static const ShinsaStageInfo stage = {
  "office-ids", "資料番号のないファイル名の検出", "find evidence files named without a 資料番号",
  options, needs, provides, run
};

SHINSA_PLUGIN_DEFINE ("office-ids", "an office's own check, built out of tree", "1.0",
                      "LGPL-2.1-or-later", &stage)
