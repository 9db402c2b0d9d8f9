/* shinsa — renewal checks over the whole submission: evidence editions,
 * the registry certificate, the certification-mark declaration and the
 * application window (seed 000 §9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "renewal.h"

static char *
norm (const char *text)
{
  g_autoptr(RenewalText) t = renewal_text_new (text);
  return renewal_text_dup_normalized (t);
}

static const char *
doc_key (ShinsaDocument *doc)
{
  return shinsa_document_get_id (doc) != NULL ? shinsa_document_get_id (doc) : shinsa_document_get_path (doc);
}

static gboolean
is_form_role (ShinsaRole role)
{
  return role == SHINSA_ROLE_FORM_A || role == SHINSA_ROLE_FORM_B || role == SHINSA_ROLE_INVENTORY;
}

/* the previous edition of @doc: same 資料番号, else same title */
static const RenewalPrevDoc *
previous_edition (const RenewalPrevious *prev, ShinsaDocument *doc)
{
  const char *id = shinsa_document_get_id (doc);
  const char *title = shinsa_document_get_title (doc);
  g_autofree char *ntitle = title != NULL ? norm (title) : NULL;

  for (guint i = 0; id != NULL && i < prev->documents->len; i++)
    {
      const RenewalPrevDoc *d = g_ptr_array_index (prev->documents, i);
      if (g_strcmp0 (d->id, id) == 0 && !is_form_role (d->role))
        return d;
    }
  for (guint i = 0; ntitle != NULL && *ntitle != '\0' && i < prev->documents->len; i++)
    {
      const RenewalPrevDoc *d = g_ptr_array_index (prev->documents, i);
      g_autofree char *pt = d->title != NULL ? norm (d->title) : NULL;
      if (pt != NULL && strcmp (pt, ntitle) == 0 && !is_form_role (d->role))
        return d;
    }
  return NULL;
}

void
renewal_check_documents (ShinsaContext *ctx, const RenewalPrevious *prev, GHashTable *unchanged)
{
  GPtrArray *docs = shinsa_context_get_documents (ctx);

  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      const char *sha = shinsa_document_get_sha256 (doc);
      const RenewalPrevDoc *old;
      ShinsaFinding *f;

      if (is_form_role (shinsa_document_get_role (doc)) || sha == NULL
          || (old = previous_edition (prev, doc)) == NULL || old->sha256 == NULL)
        continue;
      if (g_ascii_strcasecmp (old->sha256, sha) == 0)
        {
          g_hash_table_add (unchanged, g_strdup (doc_key (doc)));
          continue;
        }
      f = shinsa_context_add_finding (ctx, "RENEWAL-EVIDENCE-SUPERSEDED", SHINSA_SEVERITY_INFO,
                                      "%s「%s」は新しい版に差し替えられました（前回提出の「%s」は返却対象です）",
                                      doc_key (doc),
                                      shinsa_document_get_title (doc) != NULL ? shinsa_document_get_title (doc)
                                                                              : shinsa_document_get_path (doc),
                                      old->path);
      shinsa_finding_set_document (f, doc_key (doc), shinsa_document_get_path (doc));
    }
}

/* (transfer none) (nullable): the submitted document a citation names */
static ShinsaDocument *
cited_document (ShinsaContext *ctx, const ShinsaCitation *c)
{
  GPtrArray *docs = shinsa_context_get_documents (ctx);
  g_autofree char *want = NULL;

  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      const char *title = shinsa_document_get_title (doc);

      switch (c->doc_kind)
        {
        case SHINSA_CITE_DOC_NUMBER:
          if (g_strcmp0 (shinsa_document_get_id (doc), c->doc_id) == 0)
            return doc;
          break;
        case SHINSA_CITE_DOC_TITLE:
          if (want == NULL)
            want = norm (c->title);
          if (title != NULL && *want != '\0')
            {
              g_autofree char *t = norm (title);
              if (strstr (t, want) != NULL || strstr (want, t) != NULL)
                return doc;
            }
          break;
        case SHINSA_CITE_DOC_FILE:
          if (g_strcmp0 (shinsa_document_get_basename (doc), c->file) == 0)
            return doc;
          break;
        case SHINSA_CITE_DOC_NONE:
          return NULL;
        }
    }
  return NULL;
}

static GPtrArray *
known_titles (ShinsaContext *ctx, const ShinsaForm *form)
{
  GPtrArray *titles = g_ptr_array_new ();
  GPtrArray *docs = shinsa_context_get_documents (ctx);

  for (guint i = 0; i < docs->len; i++)
    {
      const char *t = shinsa_document_get_title (g_ptr_array_index (docs, i));
      if (t != NULL && *t != '\0')
        g_ptr_array_add (titles, (gpointer) t);
    }
  for (guint i = 0; form != NULL && i < form->inventory->len; i++)
    {
      const ShinsaInventoryEntry *e = g_ptr_array_index (form->inventory, i);
      if (e->title != NULL && *e->title != '\0')
        g_ptr_array_add (titles, e->title);
    }
  g_ptr_array_add (titles, NULL);
  return titles;
}

void
renewal_check_evidence (ShinsaContext *ctx, const ShinsaForm *form, const RenewalChange *change,
                        const ShinsaFormItem *cur, GHashTable *unchanged, const char *form_path)
{
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(ShinsaCitationList) list = NULL;
  g_autoptr(GString) old_docs = NULL;
  g_autofree char *where = NULL;
  guint resolved = 0, same = 0;
  ShinsaFinding *f;

  if (!change->content_changed)
    return;
  titles = known_titles (ctx, form);
  list = shinsa_citation_parse (cur->evidence, (const char *const *) titles->pdata);
  where = shinsa_form_item_describe_cell (cur, form_path, cur->where.evidence_cell);

  if (list->previous && list->citations->len == 0)
    {
      f = shinsa_context_add_finding (ctx, "RENEWAL-NO-NEW-EVIDENCE", SHINSA_SEVERITY_ERROR,
                                      "通番%d「%s」は前回から変更されていますが、添付書類等（%s）が「%s」で、変更後の内容を裏付ける資料を示していません（変更後の内容が書かれた資料と該当箇所を記載してください）",
                                      cur->no, change->name != NULL ? change->name : "", where, cur->evidence);
      f->item = cur->no;
      return;
    }

  old_docs = g_string_new (NULL);
  for (guint i = 0; i < list->citations->len; i++)
    {
      const ShinsaCitation *c = g_ptr_array_index (list->citations, i);
      ShinsaDocument *doc;

      if (c->doc_kind == SHINSA_CITE_DOC_NONE)
        continue;
      if ((doc = cited_document (ctx, c)) == NULL)
        return;              /* not found: crossref says so */
      resolved++;
      if (g_hash_table_contains (unchanged, doc_key (doc)))
        {
          same++;
          g_string_append_printf (old_docs, "%s%s", old_docs->len > 0 ? "、" : "", doc_key (doc));
        }
    }
  if (resolved == 0 || same < resolved)
    return;
  f = shinsa_context_add_finding (ctx, "RENEWAL-NO-NEW-EVIDENCE", SHINSA_SEVERITY_ERROR,
                                  "通番%d「%s」は前回から変更されていますが、添付書類等（%s）が前回と同じ版の資料（%s）しか示していません（変更後の内容が書かれた新しい資料と該当箇所を記載してください）",
                                  cur->no, change->name != NULL ? change->name : "", where, old_docs->str);
  f->item = cur->no;
}

/* read by OCR: the same when, look-alikes folded, at most one character
 * in ten differs */
static gboolean
same_value (const char *a, const char *b, gboolean ocr)
{
  g_autoptr(RenewalText) ra = renewal_text_new (a);
  g_autoptr(RenewalText) rb = renewal_text_new (b);
  g_autoptr(RenewalText) ta = ocr ? renewal_text_ocr_skeleton (ra) : renewal_text_new (a);
  g_autoptr(RenewalText) tb = ocr ? renewal_text_ocr_skeleton (rb) : renewal_text_new (b);
  g_autoptr(GArray) edits = renewal_diff ((const gunichar *) ta->norm->data, ta->norm->len,
                                          (const gunichar *) tb->norm->data, tb->norm->len, 200);
  guint n = 0;

  for (guint i = 0; i < edits->len; i++)
    if (g_array_index (edits, RenewalEdit, i).op != RENEWAL_OP_EQUAL)
      n++;
  return ocr ? n * 10 <= MAX (ta->norm->len, tb->norm->len) : n == 0;
}

void
renewal_check_registry (ShinsaContext *ctx, const ShinsaFaceSheet *cur_face,
                        const RenewalPrevious *prev, gboolean ocr)
{
  const ShinsaFaceSheet *old_face = prev->form != NULL ? prev->form->face : NULL;
  GPtrArray *docs = shinsa_context_get_documents (ctx);
  g_autoptr(GString) what = g_string_new (NULL);
  ShinsaDocument *registry = NULL;
  gboolean resubmitted = FALSE;
  ShinsaFinding *f;
  const struct {
    const char *label;
    const char *old_value, *new_value;
  } fields[] = {
    { "事業者名", old_face != NULL ? old_face->company : NULL, cur_face != NULL ? cur_face->company : NULL },
    { "代表者", old_face != NULL ? old_face->representative : NULL, cur_face != NULL ? cur_face->representative : NULL },
    { "所在地", old_face != NULL ? old_face->address : NULL, cur_face != NULL ? cur_face->address : NULL },
  };

  if (old_face == NULL || cur_face == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].old_value != NULL && fields[i].new_value != NULL
        && !same_value (fields[i].old_value, fields[i].new_value, ocr))
      g_string_append_printf (what, "%s%sが「%s」から「%s」に", what->len > 0 ? "、" : "", fields[i].label,
                              fields[i].old_value, fields[i].new_value);
  if (what->len == 0)
    return;

  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      const char *sha = shinsa_document_get_sha256 (doc);
      gboolean old_copy = FALSE;

      if (shinsa_document_get_role (doc) != SHINSA_ROLE_REGISTRY_CERTIFICATE)
        continue;
      registry = registry != NULL ? registry : doc;
      for (guint j = 0; sha != NULL && j < prev->documents->len; j++)
        {
          const RenewalPrevDoc *d = g_ptr_array_index (prev->documents, j);
          if (d->sha256 != NULL && g_ascii_strcasecmp (d->sha256, sha) == 0)
            old_copy = TRUE;
        }
      if (!old_copy)
        resubmitted = TRUE;
    }
  if (resubmitted)
    return;
  if (registry == NULL)
    {
      shinsa_context_add_finding (ctx, "RENEWAL-REGISTRY-NOT-RESUBMITTED", SHINSA_SEVERITY_ERROR,
                                  "申請書Aの%s変わっていますが、登記事項証明書が提出されていません（変更後の登記事項証明書を提出してください）",
                                  what->str);
      return;
    }
  f = shinsa_context_add_finding (ctx, "RENEWAL-REGISTRY-NOT-RESUBMITTED", SHINSA_SEVERITY_ERROR,
                                  "申請書Aの%s変わっていますが、登記事項証明書（%s「%s」）は前回提出のものと同一です（変更後の登記事項証明書を提出してください）",
                                  what->str, doc_key (registry), shinsa_document_get_path (registry));
  shinsa_finding_set_document (f, doc_key (registry), shinsa_document_get_path (registry));
}

static gboolean
says_mark_declaration (const char *text)
{
  g_autofree char *n = NULL;
  const char *mark;

  if (text == NULL)
    return FALSE;
  n = norm (text);
  mark = strstr (n, "認定マーク");
  return mark != NULL && (strstr (mark, "宣誓") != NULL || strstr (mark, "誓約") != NULL);
}

void
renewal_check_mark_declaration (ShinsaContext *ctx, const ShinsaForm *form)
{
  GPtrArray *docs = shinsa_context_get_documents (ctx);

  /* listed in the 資料内訳書 under that title, and submitted */
  for (guint i = 0; form != NULL && i < form->inventory->len; i++)
    {
      const ShinsaInventoryEntry *e = g_ptr_array_index (form->inventory, i);
      if (e->document != NULL && says_mark_declaration (e->title))
        return;
    }
  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, i);
      GPtrArray *pages = shinsa_document_get_page_list (doc);

      if (is_form_role (shinsa_document_get_role (doc)))
        continue;
      if (says_mark_declaration (shinsa_document_get_title (doc))
          || says_mark_declaration (shinsa_document_get_basename (doc)))
        return;
      /* the first pages say what a document is */
      for (guint p = 0; pages != NULL && p < MIN (pages->len, 2); p++)
        {
          ShinsaPage *page = g_ptr_array_index (pages, p);
          if (says_mark_declaration (page->text))
            return;
        }
    }
  shinsa_context_add_finding (ctx, "RENEWAL-MARK-DECLARATION-MISSING", SHINSA_SEVERITY_ERROR,
                              "認定マークの使用に関する自己宣誓書が提出されていません（更新申請には、認定マークを適正に使用していることの宣誓書が必要です）");
}

static const struct {
  const char *name;
  int first_year;              /* western year of 元年 */
} eras[] = {
  { "令和", 2019 }, { "平成", 1989 },
};

gboolean
renewal_parse_date (const char *text, GDate *out)
{
  g_autofree char *n = NULL;
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) m = NULL;
  int year, month, day, offset = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_date_clear (out, 1);
  if (text == NULL)
    return FALSE;
  n = norm (text);
  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    if (g_str_has_prefix (n, eras[i].name))
      {
        char *rest = g_strdup (n + strlen (eras[i].name));
        g_free (n);
        n = rest;
        if (g_str_has_prefix (n, "元"))
          {
            rest = g_strconcat ("1", n + strlen ("元"), NULL);
            g_free (n);
            n = rest;
          }
        offset = eras[i].first_year - 1;
        break;
      }
  re = g_regex_new ("^(\\d{1,4})(?:年|/|-|\\.)(\\d{1,2})(?:月|/|-|\\.)(\\d{1,2})", 0, 0, NULL);
  if (!g_regex_match (re, n, 0, &m))
    return FALSE;
  {
    g_autofree char *y = g_match_info_fetch (m, 1), *mo = g_match_info_fetch (m, 2), *d = g_match_info_fetch (m, 3);
    year = atoi (y) + offset;
    month = atoi (mo);
    day = atoi (d);
  }
  if (year < 1900 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

static char *
format_date (const GDate *d)
{
  return g_strdup_printf ("%d年%d月%d日", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

void
renewal_check_window (ShinsaContext *ctx, const ShinsaFaceSheet *cur_face)
{
  ShinsaSubmission *sub = shinsa_context_get_submission (ctx);
  const char *certified = shinsa_submission_get_previous_certification_date (sub);
  GDate applied, cert, expiry, from, to;
  g_autofree char *s_applied = NULL, *s_expiry = NULL, *s_from = NULL, *s_to = NULL;
  gint before;

  if (cur_face == NULL || !renewal_parse_date (cur_face->application_date, &applied)
      || !renewal_parse_date (certified, &cert))
    return;
  /* certified for two years: to the day before the second anniversary */
  expiry = cert;
  g_date_add_years (&expiry, 2);
  g_date_subtract_days (&expiry, 1);
  from = expiry;
  g_date_subtract_days (&from, 60);
  to = expiry;
  g_date_subtract_days (&to, 30);
  if (g_date_compare (&applied, &from) >= 0 && g_date_compare (&applied, &to) <= 0)
    return;
  s_applied = format_date (&applied);
  s_expiry = format_date (&expiry);
  s_from = format_date (&from);
  s_to = format_date (&to);
  before = g_date_days_between (&applied, &expiry);
  shinsa_context_add_finding (ctx, "RENEWAL-OUT-OF-WINDOW", SHINSA_SEVERITY_WARNING,
                              "申請日（%s）が、有効期限（%s）の60日前から30日前まで（%s～%s）の更新申請期間にありません（%s%d日%s）",
                              s_applied, s_expiry, s_from, s_to,
                              before >= 0 ? "有効期限の" : "有効期限を",
                              ABS (before), before >= 0 ? "前" : "過ぎています");
}
