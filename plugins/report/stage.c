/* shinsa — the report stage: report.html and findings.csv beside report.json
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "report.h"

/* the 申請書A face sheet: a report member when a stage wrote one, else read
 * from the form artifact when the form stage ran */
static JsonNode *
face_sheet (ShinsaContext *ctx, JsonObject *root)
{
  JsonObject *form = report_json_object (root, "form");
  JsonObject *face = report_json_object (root, "face_sheet");
  ShinsaForm *artifact;

  if (face == NULL && form != NULL)
    face = report_json_object (form, "face_sheet");
  if (face != NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, face);
      return node;
    }
  artifact = shinsa_context_get_artifact (ctx, "form");
  if (artifact != NULL && artifact->face != NULL)
    return shinsa_face_sheet_to_json (artifact->face);
  return NULL;
}

static gboolean
report_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  g_autoptr(JsonNode) root = shinsa_context_build_report (ctx, NULL);
  g_autoptr(JsonNode) face = NULL;
  g_autoptr(ReportThumbs) thumbs = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) csv = NULL;
  JsonObject *obj;
  gint64 t0 = g_get_monotonic_time ();
  guint rendered = 0;

  (void) error;
  obj = json_node_get_object (root);
  face = face_sheet (ctx, obj);
  thumbs = report_thumbs_new ((int) shinsa_options_get_int (options, "thumbnail-width"),
                              (guint) shinsa_options_get_int (options, "max-thumbnails"));
  if (shinsa_options_get_bool (options, "cache"))
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "shinsa", "thumbs", NULL);
      report_thumbs_set_cache (thumbs, dir);
    }
  if (shinsa_options_get_bool (options, "thumbnails"))
    {
      report_thumbs_request_from_report (thumbs, obj);
      shinsa_context_set_progress (ctx, NULL, 0.1);
      rendered = report_thumbs_render (thumbs, shinsa_context_get_documents (ctx), ctx);
    }
  shinsa_context_set_progress (ctx, NULL, 0.8);
  html = report_html_build (obj, face != NULL ? json_node_get_object (face) : NULL, thumbs);
  csv = report_csv_build (obj);
  shinsa_context_add_output (ctx, "report.html", html);
  shinsa_context_add_output (ctx, "findings.csv", csv);
  g_debug ("report of '%s': %u of %u pages drawn, %zu bytes of HTML, %.0f ms",
           shinsa_submission_get_id (shinsa_context_get_submission (ctx)), rendered,
           report_thumbs_count_requests (thumbs), g_bytes_get_size (html),
           (g_get_monotonic_time () - t0) / 1e3);
  shinsa_context_set_progress (ctx, NULL, 1.0);
  return TRUE;
}

static const ShinsaOptionSpec report_options[] = {
  { "thumbnails", SHINSA_OPTION_BOOL, "true",
    "draw the cited pages (and pages findings name) into report.html" },
  { "thumbnail-width", SHINSA_OPTION_INT, "600",
    "width of a page thumbnail, in pixels", NULL, 120, 1200 },
  { "max-thumbnails", SHINSA_OPTION_INT, "400",
    "at most this many page thumbnails in one report (keeps the file small)", NULL, 0, 5000 },
  { "cache", SHINSA_OPTION_BOOL, "true",
    "keep drawn thumbnails in $XDG_CACHE_HOME/shinsa/thumbs and reuse them (--no-cache: draw again)" },
  { NULL }
};

static const char *const report_needs[] = { "documents", NULL };
static const char *const report_provides[] = { NULL };

const ShinsaStageInfo report_stage = {
  "report",
  "審査結果のレポート（report.html・findings.csv）",
  "write report.html (the examiner's page) and findings.csv beside report.json",
  report_options, report_needs, report_provides, report_run
};
