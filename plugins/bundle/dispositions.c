/* shinsa — which documents are returned, and by which rule
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * 申請書A is kept, and so is 申請書B (its 申請内容 is what gets published);
 * everything else goes back after 非認定, expiry or revocation.  On renewal
 * what goes back is the previous submission's evidence that the current one
 * replaces with a new edition or no longer submits.
 */
#include <string.h>

#include "bundle.h"

static const struct {
  const char *rule;
  const char *label;
} rule_labels[] = {
  { "form-a-kept", "申請書Aは返却しない" },
  { "form-b-published", "申請書Bは申請内容を公開するため返却しない" },
  { "non-certified", "非認定のため返却" },
  { "expired", "認定期間満了のため返却" },
  { "revoked", "認定取消しのため返却" },
  { "renewal-superseded", "更新申請で新しい版が提出されたため旧版を返却" },
  { "renewal-no-longer-submitted", "更新申請で提出されなくなったため返却" },
  { "renewal-unchanged", "更新申請でも同じものが引き続き有効なため保管" },
  { "renewal-not-evidence", "疎明資料ではないため保管" },
  { "renewal-current", "今回の更新申請の書類のため保管" },
};

const char *
bundle_rule_label_ja (const char *rule)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rule_labels); i++)
    if (strcmp (rule_labels[i].rule, rule) == 0)
      return rule_labels[i].label;
  return rule;
}

const char *
bundle_reason_to_string (BundleReason reason)
{
  static const char *const names[] = { "non-certified", "expired", "revoked", "renewal" };
  return names[reason];
}

const char *
bundle_reason_label_ja (BundleReason reason)
{
  static const char *const labels[] = { "非認定", "認定期間満了", "認定取消し", "更新に伴う旧版資料" };
  return labels[reason];
}

void
bundle_disposition_free (BundleDisposition *d)
{
  if (d == NULL)
    return;
  g_object_unref (d->doc);
  g_free (d->sha256);
  g_free (d->bag_path);
  g_free (d->replaced_by);
  g_free (d);
}

static BundleDisposition *
disposition_new (ShinsaDocument *doc, gboolean previous, GError **error)
{
  BundleDisposition *d = g_new0 (BundleDisposition, 1);
  const char *sha = shinsa_document_get_sha256 (doc);

  d->doc = g_object_ref (doc);
  d->previous = previous;
  d->size = shinsa_document_get_size (doc);
  if (sha != NULL && sha[0] != '\0')
    d->sha256 = g_strdup (sha);
  else
    {
      d->sha256 = shinsa_file_sha256 (shinsa_document_get_local_path (doc), &d->size, error);
      if (d->sha256 == NULL)
        {
          bundle_disposition_free (d);
          return NULL;
        }
    }
  return d;
}

static gboolean
is_form (BundleDisposition *d)
{
  ShinsaRole role = shinsa_document_get_role (d->doc);

  if (role == SHINSA_ROLE_FORM_A)
    d->rule = "form-a-kept";
  else if (role == SHINSA_ROLE_FORM_B)
    d->rule = "form-b-published";
  else
    return FALSE;
  d->returned = FALSE;
  return TRUE;
}

static gboolean
same_text (const char *a, const char *b)
{
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;

  if (a == NULL || b == NULL || a[0] == '\0' || b[0] == '\0')
    return FALSE;
  na = g_utf8_normalize (a, -1, G_NORMALIZE_NFKC);
  nb = g_utf8_normalize (b, -1, G_NORMALIZE_NFKC);
  return na != NULL && nb != NULL && strcmp (na, nb) == 0;
}

/* renewal: the previous document's fate against the current submission */
static void
decide_previous (BundleDisposition *d, GPtrArray *current)
{
  ShinsaRole role = shinsa_document_get_role (d->doc);
  const char *id = shinsa_document_get_id (d->doc);
  const char *title = shinsa_document_get_title (d->doc);
  BundleDisposition *match = NULL;

  if (is_form (d))
    return;
  if (role != SHINSA_ROLE_EVIDENCE && role != SHINSA_ROLE_REGISTRY_CERTIFICATE)
    {
      d->rule = "renewal-not-evidence";
      return;
    }
  /* the very same bytes still submitted, under any name: still needed */
  for (guint i = 0; i < current->len; i++)
    {
      BundleDisposition *c = g_ptr_array_index (current, i);
      if (strcmp (c->sha256, d->sha256) == 0)
        {
          d->rule = "renewal-unchanged";
          return;
        }
    }
  for (guint i = 0; i < current->len && match == NULL; i++)
    {
      BundleDisposition *c = g_ptr_array_index (current, i);
      if (id != NULL && g_strcmp0 (shinsa_document_get_id (c->doc), id) == 0)
        match = c;
    }
  for (guint i = 0; i < current->len && match == NULL; i++)
    {
      BundleDisposition *c = g_ptr_array_index (current, i);
      if (same_text (shinsa_document_get_title (c->doc), title))
        match = c;
    }
  d->returned = TRUE;
  if (match != NULL)
    {
      d->rule = "renewal-superseded";
      d->replaced_by = g_strdup (shinsa_document_get_path (match->doc));
    }
  else
    d->rule = "renewal-no-longer-submitted";
}

GPtrArray *
bundle_decide (GPtrArray *documents, ShinsaSubmission *previous, BundleReason reason, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) bundle_disposition_free);

  g_return_val_if_fail (documents != NULL, NULL);
  g_return_val_if_fail (reason != BUNDLE_REASON_RENEWAL || previous != NULL, NULL);

  for (guint i = 0; i < documents->len; i++)
    {
      BundleDisposition *d = disposition_new (g_ptr_array_index (documents, i), FALSE, error);
      if (d == NULL)
        return NULL;
      g_ptr_array_add (out, d);
      if (is_form (d))
        continue;
      if (reason == BUNDLE_REASON_RENEWAL)
        {
          d->rule = "renewal-current";
          continue;
        }
      d->returned = TRUE;
      d->rule = bundle_reason_to_string (reason);
    }

  if (reason == BUNDLE_REASON_RENEWAL)
    {
      GPtrArray *prev_docs = shinsa_submission_get_documents (previous);
      guint n_current = out->len;
      g_autoptr(GPtrArray) current = g_ptr_array_new ();

      for (guint i = 0; i < n_current; i++)
        g_ptr_array_add (current, g_ptr_array_index (out, i));
      for (guint i = 0; i < prev_docs->len; i++)
        {
          BundleDisposition *d = disposition_new (g_ptr_array_index (prev_docs, i), TRUE, error);
          if (d == NULL)
            return NULL;
          decide_previous (d, current);
          g_ptr_array_add (out, d);
        }
    }
  return g_steal_pointer (&out);
}
