/* shinsa — the renewal stage: only what changed since the last
 * certification is examined; every change must be written old and new,
 * in red (seed 000 §9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "renewal.h"

/* (nullable): 申請書B when it was read by OCR (its differences may be
 * misreadings) */
static ShinsaDocument *
form_ocr_document (ShinsaContext *ctx, const ShinsaForm *form)
{
  GPtrArray *docs = shinsa_context_get_documents (ctx);

  for (guint i = 0; form->path != NULL && i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      if (g_strcmp0 (shinsa_document_get_path (doc), form->path) == 0)
        return shinsa_document_get_ocr_pages (doc) > 0 ? doc : NULL;
    }
  return NULL;
}

static int
compare_items_by_no (gconstpointer a, gconstpointer b)
{
  const ShinsaFormItem *x = *(ShinsaFormItem *const *) a, *y = *(ShinsaFormItem *const *) b;
  return (x->no > y->no) - (x->no < y->no);
}

/* the items to compare: the form's, or on a scan each item as found by
 * aligning the previous form with the pages (and the form's others) */
static GPtrArray *
items_to_compare (ShinsaForm *form, ShinsaDocument *scan, const RenewalPrevious *prev, GHashTable *unread)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_form_item_unref);
  g_autoptr(GHashTable) found = NULL;
  GHashTableIter iter;
  gpointer value;

  if (scan == NULL)
    {
      for (guint i = 0; i < form->items->len; i++)
        g_ptr_array_add (items, shinsa_form_item_ref (g_ptr_array_index (form->items, i)));
      return items;
    }
  found = renewal_scan_items (scan, form, prev->form, unread);
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (items, shinsa_form_item_ref (value));
  for (guint i = 0; i < form->items->len; i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (form->items, i);
      if (!g_hash_table_contains (found, GINT_TO_POINTER (item->no)))
        g_ptr_array_add (items, shinsa_form_item_ref (item));
    }
  g_ptr_array_sort (items, compare_items_by_no);
  return items;
}

static const ShinsaFaceSheet *
current_face (ShinsaContext *ctx, const ShinsaForm *form, ShinsaFaceSheet **owned)
{
  GPtrArray *docs = shinsa_context_get_documents (ctx);

  *owned = NULL;
  if (form->face != NULL)
    return form->face;
  /* 申請書A on paper: the form stage reads workbooks only */
  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      GPtrArray *pages = shinsa_document_get_page_list (doc);

      if (shinsa_document_get_role (doc) != SHINSA_ROLE_FORM_A || pages == NULL || pages->len == 0)
        continue;
      *owned = renewal_face_from_pages (doc);
      return *owned;
    }
  return NULL;
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
change_to_json (JsonBuilder *b, const RenewalChange *change)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, change->no);
  if (change->prev_no != 0 && change->prev_no != change->no)
    {
      json_builder_set_member_name (b, "previous_item");
      json_builder_add_int_value (b, change->prev_no);
    }
  add_string (b, "name", change->name);
  json_builder_set_member_name (b, "changed");
  json_builder_add_boolean_value (b, change->changed);
  add_string (b, "old", change->old_text);
  add_string (b, "new", change->new_text);
  json_builder_set_member_name (b, "marked");
  json_builder_add_boolean_value (b, change->marked);
  json_builder_set_member_name (b, "old_shown");
  json_builder_add_boolean_value (b, change->old_shown);
  if (change->shown_old != NULL)
    add_string (b, "old_as_written", change->shown_old);
  json_builder_set_member_name (b, "diff");
  json_builder_add_value (b, json_node_copy (change->diff));
  add_string (b, "evidence_old", change->evidence_old);
  add_string (b, "evidence_new", change->evidence_new);
  json_builder_end_object (b);
}

static void
item_findings (ShinsaContext *ctx, const RenewalChange *change, const ShinsaFormItem *cur, const char *form_path)
{
  g_autofree char *where = shinsa_form_item_describe_cell (cur, form_path, NULL);
  const char *name = change->name != NULL ? change->name : "";
  ShinsaFinding *f = NULL;

  if (change->changed && !change->marked)
    {
      f = shinsa_context_add_finding (ctx, "RENEWAL-CHANGED-NOT-MARKED", SHINSA_SEVERITY_ERROR,
                                      change->content_changed
                                        ? "通番%d「%s」は前回から変更されていますが、変更箇所が朱書き（赤字）になっていません（%s：前回「%s」→今回「%s」）"
                                        : "通番%d「%s」の添付書類等は前回から変更されていますが、朱書き（赤字）になっていません（%s：前回「%s」→今回「%s」）",
                                      cur->no, name, where,
                                      change->content_changed ? change->old_text : change->evidence_old,
                                      change->content_changed ? change->new_text : change->evidence_new);
      f->item = cur->no;
    }
  if (!change->changed && change->any_red)
    {
      f = shinsa_context_add_finding (ctx, "RENEWAL-MARKED-UNCHANGED", SHINSA_SEVERITY_WARNING,
                                      "通番%d「%s」は前回から変更がないのに朱書き（赤字）されています（%s）。変更した項目だけを朱書きしてください",
                                      cur->no, name, where);
      f->item = cur->no;
    }
  if (change->content_changed && !change->old_shown && change->prev_no != 0)
    {
      f = shinsa_context_add_finding (ctx, "RENEWAL-OLD-NOT-SHOWN", SHINSA_SEVERITY_WARNING,
                                      "通番%d「%s」は前回から変更されていますが、変更前の内容（「%s」）が併記されていません（%s）。（旧）・（新）や変更前・変更後のように新旧を並べて記載してください",
                                      cur->no, name, change->old_text, where);
      f->item = cur->no;
    }
}

static void
changes_free (gpointer data)
{
  g_hash_table_unref (data);
}

gboolean
renewal_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  ShinsaForm *form = shinsa_context_get_artifact (ctx, "form");
  ShinsaSubmission *prev_sub = shinsa_context_get_artifact (ctx, "previous");
  JsonNode *prev_report = shinsa_context_get_artifact (ctx, "previous-report");
  g_autoptr(RenewalPrevious) prev = NULL;
  g_autoptr(GHashTable) unchanged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) prev_by_name = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(ShinsaFaceSheet) owned_face = NULL;
  g_autoptr(GHashTable) unread = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) items = NULL;
  ShinsaDocument *scan;
  g_autoptr(GHashTable) changes = g_hash_table_new (NULL, NULL);
  const ShinsaFaceSheet *face;
  gboolean ocr;

  (void) options;
  g_return_val_if_fail (form != NULL, FALSE);

  if (prev_report != NULL)
    {
      prev = renewal_previous_from_report (prev_report, "report.json", error);
      if (prev == NULL)
        return FALSE;
    }
  else if (prev_sub != NULL)
    prev = renewal_previous_from_submission (prev_sub);
  else
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_MISSING_ARTIFACT,
                   "no previous submission: give it with --previous");
      return FALSE;
    }
  if (prev->form_problem != NULL)
    shinsa_context_add_finding (ctx, "RENEWAL-PREVIOUS-NOT-READ", SHINSA_SEVERITY_WARNING,
                                "前回認定時の申請書Bを読めなかったため、項目の変更を確認していません（%s）",
                                prev->form_problem);

  scan = form_ocr_document (ctx, form);
  ocr = scan != NULL;
  renewal_check_documents (ctx, prev, unchanged);

  prev_by_name = renewal_index_names (prev->form);
  json_builder_begin_array (b);
  items = prev->form_problem == NULL ? items_to_compare (form, scan, prev, unread)
                             : g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_form_item_unref);
  for (guint i = 0; i < items->len; i++)
    {
      ShinsaFormItem *cur = g_ptr_array_index (items, i);
      const ShinsaFormItem *old = ocr ? shinsa_form_find_item (prev->form, cur->no)
                                      : renewal_align (prev->form, prev_by_name, cur);
      g_autoptr(RenewalChange) change = renewal_compare_item (old, cur, ocr);

      /* a scanned row too little of which was recognised says nothing,
       * unless it is in red or written old/new */
      if (g_hash_table_contains (unread, GINT_TO_POINTER (cur->no)) && !change->any_red && !change->old_shown)
        continue;

      if (change->changed)
        g_hash_table_insert (changes, GINT_TO_POINTER (cur->no), GINT_TO_POINTER (1));
      if (change->changed || change->any_red)
        change_to_json (b, change);
      item_findings (ctx, change, cur, form->path);
      renewal_check_evidence (ctx, form, change, cur, unchanged, form->path);
    }
  json_builder_end_array (b);

  face = current_face (ctx, form, &owned_face);
  renewal_check_registry (ctx, face, prev, owned_face != NULL);
  /* the declaration is asked of renewals: not of a form that says 新規 */
  if (face == NULL || face->application_type == NULL || face->renewal)
    renewal_check_mark_declaration (ctx, form);
  renewal_check_window (ctx, face);

  shinsa_context_set_report_member (ctx, "changes", json_builder_get_root (b));
  if (face != NULL)
    shinsa_context_set_report_member (ctx, "face", shinsa_face_sheet_to_json (face));
  shinsa_context_set_artifact (ctx, "changes", g_steal_pointer (&changes), changes_free);
  return TRUE;
}

static const char *const renewal_needs[] = { "documents", "form", "previous", NULL };
static const char *const renewal_provides[] = { "changes", NULL };

const ShinsaStageInfo renewal_stage = {
  "renewal",
  "更新申請：前回認定時の申請書との差分と朱書き（赤字）の確認",
  "compare with the form certified last time; check the changes are marked in red",
  NULL, renewal_needs, renewal_provides, renewal_run
};
