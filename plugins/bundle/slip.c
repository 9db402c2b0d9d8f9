/* shinsa — the return slip (返却書類一覧, HTML and CSV) and manifest.xml
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <libxml/xmlwriter.h>

#include "bundle.h"

static const char *
or_blank (const char *s)
{
  return s != NULL ? s : "";
}

static const char *
doc_label (BundleDisposition *d)
{
  const char *id = shinsa_document_get_id (d->doc);
  return id != NULL ? id : "";
}

/* ---- HTML --------------------------------------------------------------- */

static void
html_text (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (or_blank (text), -1);
  g_string_append (out, escaped);
}

/* a multi-line value (申請担当者) keeps its lines */
static void
html_lines (GString *out, const char *text)
{
  g_auto(GStrv) lines = g_strsplit (or_blank (text), "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "<br>");
      html_text (out, lines[i]);
    }
}

static const char slip_css[] =
  "@page { size: A4 portrait; margin: 15mm 12mm; }\n"
  "html { font-family: \"Noto Sans CJK JP\", \"IPAexGothic\", \"Yu Gothic\", \"Hiragino Sans\", sans-serif;"
  " font-size: 10pt; color: #000; background: #fff; }\n"
  "body { margin: 0 auto; max-width: 186mm; }\n"
  "h1 { font-size: 16pt; text-align: center; letter-spacing: 0.5em; margin: 0 0 6mm; }\n"
  "h2 { font-size: 11pt; margin: 6mm 0 2mm; border-bottom: 0.3mm solid #000; }\n"
  "table { width: 100%; border-collapse: collapse; page-break-inside: auto; }\n"
  "tr { page-break-inside: avoid; }\n"
  "thead { display: table-header-group; }\n"
  "th, td { border: 0.2mm solid #000; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }\n"
  "th { background: #eee; font-weight: bold; white-space: nowrap; }\n"
  "td.num { text-align: right; white-space: nowrap; }\n"
  "td.hash { font-family: monospace; font-size: 6.5pt; word-break: break-all; }\n"
  "table.head th { width: 28mm; }\n"
  ".note { font-size: 8.5pt; margin-top: 2mm; }\n"
  ".sign { margin-top: 10mm; width: 60%; margin-left: 40%; }\n"
  ".sign td { height: 14mm; }\n"
  "@media print { body { max-width: none; } }\n";

static void
html_document_rows (GString *out, const BundleReturn *ret, gboolean returned)
{
  guint n = 0;

  for (guint i = 0; i < ret->dispositions->len; i++)
    {
      BundleDisposition *d = g_ptr_array_index (ret->dispositions, i);
      g_autofree char *size = NULL;

      if (d->returned != returned)
        continue;
      n++;
      size = g_strdup_printf ("%" G_GUINT64_FORMAT, d->size);
      g_string_append_printf (out, "<tr><td class=\"num\">%u</td><td>", n);
      html_text (out, doc_label (d));
      g_string_append (out, "</td><td>");
      html_text (out, shinsa_document_get_title (d->doc));
      g_string_append (out, "</td><td>");
      html_text (out, shinsa_document_get_path (d->doc));
      g_string_append (out, "</td><td>");
      html_text (out, bundle_rule_label_ja (d->rule));
      if (returned)
        {
          g_string_append_printf (out, "</td><td class=\"num\">%s</td><td class=\"hash\">", size);
          html_text (out, d->sha256);
        }
      g_string_append (out, "</td></tr>\n");
    }
  if (n == 0)
    g_string_append_printf (out, "<tr><td colspan=\"%d\">なし</td></tr>\n", returned ? 7 : 5);
}

GBytes *
bundle_slip_html (const BundleReturn *ret)
{
  GString *out = g_string_new (NULL);
  guint n_returned = 0;
  guint64 bytes = 0;

  for (guint i = 0; i < ret->dispositions->len; i++)
    {
      BundleDisposition *d = g_ptr_array_index (ret->dispositions, i);
      if (d->returned)
        {
          n_returned++;
          bytes += d->size;
        }
    }

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<title>返却書類一覧 ");
  html_text (out, ret->submission_id);
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", slip_css);
  g_string_append (out, "<h1>返却書類一覧</h1>\n<table class=\"head\">\n<tr><th>返却先</th><td>");
  html_text (out, ret->company);
  g_string_append (out, ret->company != NULL ? "　御中" : "（申請書Aに事業者名なし）");
  g_string_append (out, "</td></tr>\n<tr><th>申請担当者</th><td>");
  html_lines (out, ret->contact);
  g_string_append (out, "</td></tr>\n<tr><th>代表者</th><td>");
  html_text (out, ret->representative);
  g_string_append (out, "</td></tr>\n<tr><th>返却理由</th><td>");
  html_text (out, bundle_reason_label_ja (ret->reason));
  g_string_append (out, "</td></tr>\n<tr><th>提出物</th><td>");
  html_text (out, ret->submission_id);
  if (ret->certification_number != NULL)
    {
      g_string_append (out, "（認定番号 ");
      html_text (out, ret->certification_number);
      g_string_append (out, "）");
    }
  g_string_append (out, "</td></tr>\n<tr><th>作成日</th><td>");
  html_text (out, ret->date);
  g_string_append_printf (out, "</td></tr>\n<tr><th>返却する書類</th><td>%u点（%" G_GUINT64_FORMAT
                          "バイト）</td></tr>\n</table>\n", n_returned, bytes);

  g_string_append (out, "<h2>返却する書類</h2>\n<table>\n<thead><tr><th>No.</th><th>資料番号</th>"
                        "<th>資料名称</th><th>ファイル名</th><th>理由</th><th>バイト数</th><th>SHA-256</th></tr></thead>\n"
                        "<tbody>\n");
  html_document_rows (out, ret, TRUE);
  g_string_append (out, "</tbody>\n</table>\n"
                        "<p class=\"note\">返却する書類は、同じファイル名・同じ SHA-256 の電子データとして"
                        "BagIt 形式（RFC 8493）の data/ に収めています。</p>\n");

  g_string_append (out, "<h2>返却しない書類（当協会で保管）</h2>\n<table>\n<thead><tr><th>No.</th>"
                        "<th>資料番号</th><th>資料名称</th><th>ファイル名</th><th>理由</th></tr></thead>\n"
                        "<tbody>\n");
  html_document_rows (out, ret, FALSE);
  g_string_append (out, "</tbody>\n</table>\n"
                        "<table class=\"sign\">\n<tr><th>返却日</th><td></td></tr>\n"
                        "<tr><th>受領者</th><td></td></tr>\n</table>\n</body>\n</html>\n");
  {
    gsize len = out->len;
    return g_bytes_new_take (g_string_free (out, FALSE), len);
  }
}

/* ---- CSV ---------------------------------------------------------------- */

static void
csv_field (GString *out, const char *text, gboolean last)
{
  const char *t = or_blank (text);

  if (strpbrk (t, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = t; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, t);
  g_string_append (out, last ? "\r\n" : ",");
}

GBytes *
bundle_slip_csv (const BundleReturn *ret)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  static const char *const header[] = {
    "区分", "資料番号", "資料名称", "ファイル名", "バイト数", "SHA-256", "規則", "理由",
    "返却理由", "返却先", "申請担当者", "提出物", "作成日", NULL
  };

  for (guint i = 0; header[i] != NULL; i++)
    csv_field (out, header[i], header[i + 1] == NULL);
  for (int pass = 1; pass >= 0; pass--)
    for (guint i = 0; i < ret->dispositions->len; i++)
      {
        BundleDisposition *d = g_ptr_array_index (ret->dispositions, i);
        g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, d->size);

        if (d->returned != (pass == 1))
          continue;
        csv_field (out, d->returned ? "返却" : "保管", FALSE);
        csv_field (out, doc_label (d), FALSE);
        csv_field (out, shinsa_document_get_title (d->doc), FALSE);
        csv_field (out, shinsa_document_get_path (d->doc), FALSE);
        csv_field (out, size, FALSE);
        csv_field (out, d->sha256, FALSE);
        csv_field (out, d->rule, FALSE);
        csv_field (out, bundle_rule_label_ja (d->rule), FALSE);
        csv_field (out, bundle_reason_label_ja (ret->reason), FALSE);
        csv_field (out, ret->company, FALSE);
        csv_field (out, ret->contact, FALSE);
        csv_field (out, ret->submission_id, FALSE);
        csv_field (out, ret->date, TRUE);
      }
  {
    gsize len = out->len;
    return g_bytes_new_take (g_string_free (out, FALSE), len);
  }
}

/* ---- manifest.xml ------------------------------------------------------- */

#define SHINSA_RETURN_NS "urn:shinsa:return:1"

static void
xml_attr (xmlTextWriterPtr w, const char *name, const char *value)
{
  if (value != NULL)
    xmlTextWriterWriteAttribute (w, BAD_CAST name, BAD_CAST value);
}

GBytes *
bundle_manifest_xml (const BundleReturn *ret)
{
  xmlBufferPtr buf = xmlBufferCreate ();
  xmlTextWriterPtr w = xmlNewTextWriterMemory (buf, 0);
  GBytes *bytes;

  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElementNS (w, NULL, BAD_CAST "return", BAD_CAST SHINSA_RETURN_NS);
  xml_attr (w, "submission", ret->submission_id);
  xml_attr (w, "reason", bundle_reason_to_string (ret->reason));
  xml_attr (w, "reason-ja", bundle_reason_label_ja (ret->reason));
  xml_attr (w, "date", ret->date);
  xml_attr (w, "certification-number", ret->certification_number);

  xmlTextWriterStartElement (w, BAD_CAST "recipient");
  xml_attr (w, "company", ret->company);
  xml_attr (w, "representative", ret->representative);
  if (ret->contact != NULL)
    xmlTextWriterWriteElement (w, BAD_CAST "contact", BAD_CAST ret->contact);
  xmlTextWriterEndElement (w);

  xmlTextWriterStartElement (w, BAD_CAST "documents");
  for (guint i = 0; i < ret->dispositions->len; i++)
    {
      BundleDisposition *d = g_ptr_array_index (ret->dispositions, i);
      g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, d->size);
      g_autofree char *bag_path = d->bag_path != NULL ? g_strconcat ("data/", d->bag_path, NULL) : NULL;

      xmlTextWriterStartElement (w, BAD_CAST "document");
      xml_attr (w, "id", shinsa_document_get_id (d->doc));
      xml_attr (w, "title", shinsa_document_get_title (d->doc));
      xml_attr (w, "path", shinsa_document_get_path (d->doc));
      xml_attr (w, "role", shinsa_role_to_string (shinsa_document_get_role (d->doc)));
      xml_attr (w, "submission", d->previous ? "previous" : "current");
      xml_attr (w, "sha256", d->sha256);
      xml_attr (w, "size", size);
      xml_attr (w, "disposition", d->returned ? "returned" : "retained");
      xml_attr (w, "rule", d->rule);
      xml_attr (w, "rule-ja", bundle_rule_label_ja (d->rule));
      xml_attr (w, "bag-path", bag_path);
      xml_attr (w, "replaced-by", d->replaced_by);
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);

  bytes = g_bytes_new (xmlBufferContent (buf), (gsize) xmlBufferLength (buf));
  xmlBufferFree (buf);
  return bytes;
}
