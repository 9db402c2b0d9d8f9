/* shinsa — the report stage: report.html and findings.csv from report.json
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything renders from the report.json root as the core builds it
 * (shinsa_context_build_report()), so the page shows exactly what other
 * tools read.  The documents are only opened to draw thumbnails of the pages
 * a citation or a finding names: thumbs.c renders each (document, page) once
 * per report; html.c lays the claim boxes over it as positioned marks, so one
 * image serves every citation of that page.
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

/**
 * ReportThumb:
 * @data_uri: "data:image/png;base64,…"
 * @width: of the image, pixels
 * @height: of the image, pixels
 * @page_width: of the page in its own units (those of the span boxes)
 * @page_height: as @page_width
 */
typedef struct {
  char *data_uri;
  int width, height;
  double page_width, page_height;
} ReportThumb;

typedef struct _ReportThumbs ReportThumbs;

ReportThumbs *report_thumbs_new (int width_px, guint max_thumbs);
/* keep and reuse drawn thumbnails in @dir (nullable: none) */
void          report_thumbs_set_cache (ReportThumbs *thumbs, const char *dir);
void          report_thumbs_free (ReportThumbs *thumbs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReportThumbs, report_thumbs_free)

/* asks for page @page (physical, 1-based) of the document at @path (relative
 * to the submission); a second request for the same page is a no-op */
void     report_thumbs_request (ReportThumbs *thumbs, const char *path, int page);
/* every page the report's citations (and their found_on) and findings name */
void     report_thumbs_request_from_report (ReportThumbs *thumbs, JsonObject *root);
guint    report_thumbs_count_requests (ReportThumbs *thumbs);
/* renders every requested page of @documents (element-type ShinsaDocument);
 * spreads the documents over @ctx's workers when @ctx is not NULL; pages that
 * cannot be rendered are left out.  Returns how many were rendered. */
guint    report_thumbs_render (ReportThumbs *thumbs, GPtrArray *documents, ShinsaContext *ctx);
/* (transfer none) (nullable) */
const ReportThumb *report_thumbs_lookup (ReportThumbs *thumbs, const char *path, int page);
/* @thumb: (transfer full): for tests and for callers with their own images */
void     report_thumbs_insert (ReportThumbs *thumbs, const char *path, int page, ReportThumb *thumb);
/* (transfer none) (nullable): the thumbnail of request @index, with its
 * document path and page */
const ReportThumb *report_thumbs_get (ReportThumbs *thumbs, int index, const char **out_path, int *out_page);
/* the anchor number of a requested page, -1 when it was never requested */
int      report_thumbs_index (ReportThumbs *thumbs, const char *path, int page);

/* the document path a citation or finding means: @path when set, else the
 * report's document whose id (or path) is @document; NULL when none */
const char *report_resolve_path (JsonObject *root, const char *document, const char *path);

/* the page a finding shows: its page, else page 1 of the document a
 * document-level finding (DOC-…) names, when that document has pages; -1 */
int report_finding_page (JsonObject *root, JsonObject *finding);

/* JSON helpers that tolerate absent and null members */
const char *report_json_string (JsonObject *obj, const char *name);
gint64      report_json_int (JsonObject *obj, const char *name, gint64 fallback);
JsonArray  *report_json_array (JsonObject *obj, const char *name);
JsonObject *report_json_object (JsonObject *obj, const char *name);

/* appends @text with & < > " ' as references and control characters other
 * than tab and newline dropped: safe in element content and quoted attributes */
void report_append_escaped (GString *out, const char *text);

/**
 * report_html_build:
 * @root: the report.json root
 * @face: (nullable): the 申請書A face sheet as shinsa_face_sheet_to_json() writes it
 * @thumbs: (nullable): rendered pages
 *
 * Returns: (transfer full): report.html, one self-contained page
 */
GBytes *report_html_build (JsonObject *root, JsonObject *face, ReportThumbs *thumbs);

/* (transfer full): findings.csv: UTF-8 with BOM, CRLF, RFC 4180 quoting */
GBytes *report_csv_build (JsonObject *root);

extern const ShinsaStageInfo report_stage;

G_END_DECLS
