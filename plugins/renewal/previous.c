/* shinsa — what was submitted last time: the previous submission's
 * 申請書B and 申請書A, or its report.json
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "renewal.h"
#include "../form/form.h"

static void
prev_doc_free (gpointer data)
{
  RenewalPrevDoc *d = data;
  g_free (d->id);
  g_free (d->title);
  g_free (d->path);
  g_free (d->sha256);
  g_free (d);
}

RenewalPrevious *
renewal_previous_new (const char *source)
{
  RenewalPrevious *prev = g_new0 (RenewalPrevious, 1);

  prev->source = g_strdup (source);
  prev->form = shinsa_form_new ();
  prev->documents = g_ptr_array_new_with_free_func (prev_doc_free);
  return prev;
}

void
renewal_previous_free (RenewalPrevious *prev)
{
  if (prev == NULL)
    return;
  g_free (prev->source);
  g_clear_pointer (&prev->form, shinsa_form_unref);
  g_free (prev->form_path);
  g_ptr_array_unref (prev->documents);
  g_free (prev->form_problem);
  g_free (prev);
}

static gboolean
is_workbook (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm") || g_str_has_suffix (lower, ".xls")
         || g_str_has_suffix (lower, ".csv");
}

RenewalPrevious *
renewal_previous_from_submission (ShinsaSubmission *sub)
{
  g_autoptr(RenewalPrevious) prev = renewal_previous_new (shinsa_submission_get_source (sub));
  GPtrArray *docs = shinsa_submission_get_documents (sub);
  gboolean have_b = FALSE, tried_b = FALSE;
  g_autoptr(GError) b_error = NULL;
  FormLimits limits;

  form_limits_init_default (&limits);

  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      RenewalPrevDoc *d = g_new0 (RenewalPrevDoc, 1);
      const char *local = shinsa_document_get_local_path (doc);

      d->id = g_strdup (shinsa_document_get_id (doc));
      d->title = g_strdup (shinsa_document_get_title (doc));
      d->path = g_strdup (shinsa_document_get_path (doc));
      d->role = shinsa_document_get_role (doc);
      d->sha256 = g_strdup (shinsa_document_get_sha256 (doc));
      if (d->sha256 == NULL && local != NULL)
        d->sha256 = shinsa_file_sha256 (local, NULL, NULL);
      g_ptr_array_add (prev->documents, d);

      if (local == NULL || !is_workbook (d->path))
        continue;
      if (d->role == SHINSA_ROLE_FORM_B && !have_b)
        {
          g_autoptr(FormBook) book = NULL;
          g_autoptr(GError) local_error = NULL;

          tried_b = TRUE;
          book = form_read_any (local, d->path, &limits, &local_error);
          if (book != NULL && formb_read (book, prev->form, &local_error))
            {
              have_b = TRUE;
              prev->form_path = g_strdup (d->path);
            }
          else
            {
              g_ptr_array_set_size (prev->form->items, 0);
              g_clear_error (&b_error);
              b_error = g_steal_pointer (&local_error);
            }
        }
      else if (d->role == SHINSA_ROLE_FORM_A && prev->form->face == NULL)
        {
          g_autoptr(FormBook) book = form_read_any (local, d->path, &limits, NULL);
          if (book != NULL)
            prev->form->face = facesheet_read (book);
        }
    }

  if (!have_b)
    prev->form_problem = b_error != NULL ? g_strdup (b_error->message)
                         : g_strdup_printf (tried_b ? "cannot read the previous 申請書B of '%s'"
                                                    : "no 申請書B workbook in the previous submission '%s'",
                                            prev->source);
  return g_steal_pointer (&prev);
}

static const char *
member_string (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static char *
dup_member (JsonObject *o, const char *name)
{
  return g_strdup (member_string (o, name));
}

RenewalPrevious *
renewal_previous_from_report (JsonNode *report, const char *source, GError **error)
{
  g_autoptr(RenewalPrevious) prev = NULL;
  JsonObject *root;
  JsonArray *items = NULL, *docs = NULL;
  JsonNode *n;

  if (report == NULL || !JSON_NODE_HOLDS_OBJECT (report))
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "'%s' is not a shinsa report: not a JSON object", source);
      return NULL;
    }
  root = json_node_get_object (report);
  prev = renewal_previous_new (member_string (root, "submission") != NULL ? member_string (root, "submission") : source);
  if ((n = json_object_get_member (root, "items")) != NULL && JSON_NODE_HOLDS_ARRAY (n))
    items = json_node_get_array (n);
  if ((n = json_object_get_member (root, "documents")) != NULL && JSON_NODE_HOLDS_ARRAY (n))
    docs = json_node_get_array (n);
  if (items == NULL)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "'%s' is not a shinsa report with the form's items: no items[]", source);
      return NULL;
    }

  for (guint i = 0; docs != NULL && i < json_array_get_length (docs); i++)
    {
      JsonNode *dn = json_array_get_element (docs, i);
      JsonObject *o;
      RenewalPrevDoc *d;

      if (!JSON_NODE_HOLDS_OBJECT (dn))
        continue;
      o = json_node_get_object (dn);
      d = g_new0 (RenewalPrevDoc, 1);
      d->id = dup_member (o, "id");
      d->title = dup_member (o, "title");
      d->path = g_strdup (member_string (o, "path") != NULL ? member_string (o, "path") : "");
      d->sha256 = dup_member (o, "sha256");
      if (member_string (o, "role") == NULL || !shinsa_role_from_string (member_string (o, "role"), &d->role))
        d->role = SHINSA_ROLE_OTHER;
      if (d->role == SHINSA_ROLE_FORM_B && prev->form_path == NULL)
        prev->form_path = g_strdup (d->path);
      g_ptr_array_add (prev->documents, d);
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *in = json_array_get_element (items, i);
      JsonObject *o;
      ShinsaFormItem *item;
      ShinsaFormRun run = { NULL, 0, FALSE, FALSE };

      if (!JSON_NODE_HOLDS_OBJECT (in))
        continue;
      o = json_node_get_object (in);
      if (!json_object_has_member (o, "no"))
        continue;
      item = shinsa_form_item_new ((int) json_object_get_int_member (o, "no"));
      item->name = dup_member (o, "name");
      run.text = (char *) (member_string (o, "content") != NULL ? member_string (o, "content") : "");
      shinsa_form_item_append_content (item, &run);
      run.text = (char *) (member_string (o, "evidence") != NULL ? member_string (o, "evidence") : "");
      shinsa_form_item_append_evidence (item, &run);
      shinsa_form_item_split_fields (item);
      g_ptr_array_add (prev->form->items, item);
    }

  /* a renewal run's report keeps 申請書A as read */
  if ((n = json_object_get_member (root, "face")) != NULL && JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonObject *o = json_node_get_object (n);
      ShinsaFaceSheet *face = shinsa_face_sheet_new (member_string (o, "path") != NULL ? member_string (o, "path") : "");
      face->application_date = dup_member (o, "application_date");
      face->company = dup_member (o, "company");
      face->representative = dup_member (o, "representative");
      face->address = dup_member (o, "address");
      face->certification_number = dup_member (o, "certification_number");
      prev->form->face = face;
    }
  return g_steal_pointer (&prev);
}

/* labels of 申請書A, as form_normalize_label() gives them: on paper a label
 * is a line of its own and its value the lines after it */
static const char *const face_labels[] = {
  "申請区分", "申請種別", "申請日", "申請年月日", "認定制度", "制度名", "事業者名", "法人名", "会社名",
  "商号", "事業者名(フリガナ)", "フリガナ", "事業者名(ふりがな)", "法人番号", "代表者", "代表者名",
  "代表者氏名", "所在地", "本店所在地", "住所", "サービス名称", "サービス名", "申請担当者", "担当者",
  "連絡先", "認定番号", NULL
};

/* the label a line of 申請書A starts with (OCR runs label and value into
 * one line: 申請日2024年7月22日), longest first; @rest gets the value */
static const char *
face_label_prefix (const char *line, char **rest)
{
  g_autofree char *n = form_normalize_label (line);
  const char *best = NULL;

  *rest = NULL;
  for (guint i = 0; face_labels[i] != NULL; i++)
    if (g_str_has_prefix (n, face_labels[i]) && (best == NULL || strlen (face_labels[i]) > strlen (best)))
      best = face_labels[i];
  if (best != NULL)
    {
      const char *v = n + strlen (best);
      /* the colon, or what OCR made of it */
      while (*v == ':' || *v == '.' || g_str_has_prefix (v, "。") || g_str_has_prefix (v, "、"))
        v = g_utf8_next_char (v);
      *rest = g_strdup (v);
    }
  return best;
}

ShinsaFaceSheet *
renewal_face_from_pages (ShinsaDocument *doc)
{
  g_autoptr(FormBook) book = form_book_new (shinsa_document_get_path (doc), "pdf");
  FormSheet *sheet = form_book_add_sheet (book, "1");
  GPtrArray *pages = shinsa_document_get_page_list (doc);
  g_autoptr(GString) value = g_string_new (NULL);
  guint row = 0;

  for (guint p = 0; pages != NULL && p < pages->len; p++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, p);
      g_auto(GStrv) lines = NULL;

      if (page->text == NULL)
        continue;
      lines = g_strsplit (page->text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *line = g_strstrip (lines[i]);
          g_autofree char *rest = NULL;
          const char *label;

          if (*line == '\0')
            continue;
          if ((label = face_label_prefix (line, &rest)) != NULL)
            {
              if (row > 0 && value->len > 0)
                form_sheet_set (sheet, row, 2, value->str, NULL);
              g_string_assign (value, rest);
              form_sheet_set (sheet, ++row, 1, label, NULL);
            }
          else if (row > 0)
            {
              if (value->len > 0)
                g_string_append_c (value, '\n');
              g_string_append (value, line);
            }
        }
    }
  if (row > 0 && value->len > 0)
    form_sheet_set (sheet, row, 2, value->str, NULL);
  return facesheet_read (book);
}
