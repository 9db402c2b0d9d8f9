/* shinsa — report helpers: reading report.json leniently, escaping HTML
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "report.h"

static JsonNode *
member (JsonObject *obj, const char *name)
{
  if (obj == NULL || !json_object_has_member (obj, name))
    return NULL;
  return json_object_get_member (obj, name);
}

const char *
report_json_string (JsonObject *obj, const char *name)
{
  JsonNode *n = member (obj, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

gint64
report_json_int (JsonObject *obj, const char *name, gint64 fallback)
{
  JsonNode *n = member (obj, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return fallback;
  if (json_node_get_value_type (n) == G_TYPE_INT64)
    return json_node_get_int (n);
  if (json_node_get_value_type (n) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (n);
  return fallback;
}

JsonArray *
report_json_array (JsonObject *obj, const char *name)
{
  JsonNode *n = member (obj, name);
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

JsonObject *
report_json_object (JsonObject *obj, const char *name)
{
  JsonNode *n = member (obj, name);
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

const char *
report_resolve_path (JsonObject *root, const char *document, const char *path)
{
  JsonArray *docs;

  if (path != NULL)
    return path;
  if (document == NULL)
    return NULL;
  docs = report_json_array (root, "documents");
  for (guint i = 0; docs != NULL && i < json_array_get_length (docs); i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);
      if (g_strcmp0 (report_json_string (d, "id"), document) == 0)
        return report_json_string (d, "path");
    }
  for (guint i = 0; docs != NULL && i < json_array_get_length (docs); i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);
      if (g_strcmp0 (report_json_string (d, "path"), document) == 0)
        return report_json_string (d, "path");
    }
  return NULL;
}

int
report_finding_page (JsonObject *root, JsonObject *finding)
{
  gint64 page = report_json_int (finding, "page", -1);
  const char *path, *code = report_json_string (finding, "code");
  JsonArray *docs;

  if (page > 0)
    return (int) page;
  if (code == NULL || !g_str_has_prefix (code, "DOC-"))
    return -1;
  path = report_resolve_path (root, report_json_string (finding, "document"),
                              report_json_string (finding, "path"));
  docs = report_json_array (root, "documents");
  for (guint i = 0; path != NULL && docs != NULL && i < json_array_get_length (docs); i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);
      if (g_strcmp0 (report_json_string (d, "path"), path) == 0)
        return report_json_int (d, "pages", 0) > 0 && g_strcmp0 (report_json_string (d, "status"), "ok") == 0 ? 1 : -1;
    }
  return -1;
}

void
report_append_escaped (GString *out, const char *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        case '\t':
        case '\n':
          g_string_append_c (out, *p);
          break;
        default:
          /* C0 controls and DEL are not allowed in HTML text */
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (out, *p);
          break;
        }
    }
}
