/* shinsa — findings.csv: one row per finding, for Excel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Excel opens a CSV file as CP932 unless it starts with a UTF-8 BOM, and
 * splits records at CRLF; fields are quoted as RFC 4180 says.
 */
#include <string.h>

#include "report.h"

static void
append_field (GString *out, const char *text)
{
  gboolean quote;

  if (text == NULL)
    return;
  quote = strpbrk (text, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  /* a cell starting with = + - @ would be taken by Excel as a formula: file
   * names and form text are the submitter's, so such text is kept as text */
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static void
append_int_field (GString *out, JsonObject *obj, const char *name)
{
  gint64 v = report_json_int (obj, name, -1);

  if (v >= 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, v);
}

GBytes *
report_csv_build (JsonObject *root)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  JsonArray *findings = report_json_array (root, "findings");
  const char *submission = report_json_string (root, "submission");

  g_string_append (out, "submission,code,severity,item,document,page,page_label,message\r\n");
  for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *document;

      if (f == NULL)
        continue;
      document = report_json_string (f, "document");
      if (document == NULL)
        document = report_json_string (f, "path");
      append_field (out, submission);
      g_string_append_c (out, ',');
      append_field (out, report_json_string (f, "code"));
      g_string_append_c (out, ',');
      append_field (out, report_json_string (f, "severity"));
      g_string_append_c (out, ',');
      append_int_field (out, f, "item");
      g_string_append_c (out, ',');
      append_field (out, document);
      g_string_append_c (out, ',');
      append_int_field (out, f, "page");
      g_string_append_c (out, ',');
      append_field (out, report_json_string (f, "page_label"));
      g_string_append_c (out, ',');
      append_field (out, report_json_string (f, "message"));
      g_string_append (out, "\r\n");
    }
  return g_string_free_to_bytes (out);
}
