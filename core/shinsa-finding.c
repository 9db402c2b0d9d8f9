/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

G_DEFINE_BOXED_TYPE (ShinsaFinding, shinsa_finding, shinsa_finding_copy, shinsa_finding_free)

const char *
shinsa_severity_to_string (ShinsaSeverity severity)
{
  switch (severity)
    {
    case SHINSA_SEVERITY_INFO: return "info";
    case SHINSA_SEVERITY_WARNING: return "warning";
    case SHINSA_SEVERITY_ERROR: return "error";
    default: g_return_val_if_reached ("error");
    }
}

ShinsaFinding *
shinsa_finding_new (const char *code, ShinsaSeverity severity, const char *message)
{
  ShinsaFinding *f;

  g_return_val_if_fail (code != NULL, NULL);

  f = g_new0 (ShinsaFinding, 1);
  f->code = g_strdup (code);
  f->severity = severity;
  f->message = g_strdup (message);
  return f;
}

ShinsaFinding *
shinsa_finding_copy (const ShinsaFinding *finding)
{
  ShinsaFinding *f;

  g_return_val_if_fail (finding != NULL, NULL);

  f = g_new0 (ShinsaFinding, 1);
  f->code = g_strdup (finding->code);
  f->severity = finding->severity;
  f->item = finding->item;
  f->document = g_strdup (finding->document);
  f->path = g_strdup (finding->path);
  f->page = finding->page;
  f->page_label = g_strdup (finding->page_label);
  f->message = g_strdup (finding->message);
  return f;
}

void
shinsa_finding_free (ShinsaFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->code);
  g_free (finding->document);
  g_free (finding->path);
  g_free (finding->page_label);
  g_free (finding->message);
  g_free (finding);
}

void
shinsa_finding_set_document (ShinsaFinding *finding, const char *document, const char *path)
{
  g_return_if_fail (finding != NULL);
  g_free (finding->document);
  finding->document = g_strdup (document != NULL ? document : path);
  g_free (finding->path);
  finding->path = g_strdup (path);
}

void
shinsa_finding_set_page (ShinsaFinding *finding, int page, const char *page_label)
{
  g_return_if_fail (finding != NULL);
  finding->page = page;
  g_free (finding->page_label);
  /* the label is only worth showing when it says something the number does not */
  if (page_label != NULL && page > 0)
    {
      g_autofree char *num = g_strdup_printf ("%d", page);
      finding->page_label = g_strcmp0 (num, page_label) != 0 ? g_strdup (page_label) : NULL;
    }
  else
    finding->page_label = NULL;
}

JsonNode *
shinsa_finding_to_json (const ShinsaFinding *f)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, f->code);
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, shinsa_severity_to_string (f->severity));
  if (f->item > 0)
    {
      json_builder_set_member_name (b, "item");
      json_builder_add_int_value (b, f->item);
    }
  if (f->document != NULL)
    {
      json_builder_set_member_name (b, "document");
      json_builder_add_string_value (b, f->document);
    }
  if (f->path != NULL)
    {
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, f->path);
    }
  if (f->page > 0)
    {
      json_builder_set_member_name (b, "page");
      json_builder_add_int_value (b, f->page);
      if (f->page_label != NULL)
        {
          json_builder_set_member_name (b, "page_label");
          json_builder_add_string_value (b, f->page_label);
        }
    }
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, f->message != NULL ? f->message : "");
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
