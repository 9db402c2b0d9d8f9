/* shinsa — the form rules (seed 002 §1): what makes a form 非認定 or doubtful
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"

static void
mark (GHashTable *statuses, int no, ShinsaSeverity severity)
{
  gpointer old = g_hash_table_lookup (statuses, GINT_TO_POINTER (no));
  guint v = (guint) severity + 1;
  if (GPOINTER_TO_UINT (old) < v)
    g_hash_table_insert (statuses, GINT_TO_POINTER (no), GUINT_TO_POINTER (v));
}

static ShinsaFinding *
item_finding (ShinsaContext *ctx, GHashTable *statuses, ShinsaForm *form, int no,
              const char *code, ShinsaSeverity severity, const char *message)
{
  ShinsaFinding *f = shinsa_context_add_finding (ctx, code, severity, "%s", message);
  f->item = no;
  if (form->path != NULL)
    shinsa_finding_set_document (f, NULL, form->path);
  mark (statuses, no, severity);
  return f;
}

static gboolean
blank (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x3000)
        return FALSE;
    }
  return TRUE;
}

/* names agree when one contains the other once spaces and widths are folded */
static gboolean
names_agree (const char *written, const char *catalogue)
{
  g_autofree char *a = form_normalize_label (written);
  g_autofree char *b = form_normalize_label (catalogue);
  return *a == '\0' || strstr (a, b) != NULL || strstr (b, a) != NULL;
}

/* why the applicant says the requirement cannot be met: the text after the
 * "無し", when it gives a reason */
static char *
stated_reason (const char *value, gsize matched)
{
  g_autofree char *rest = g_strdup (value + matched);
  static const char *const reason_words[] = {
    "ため", "特性", "やむを得", "理由", "により", "ので", "から", NULL
  };

  g_strstrip (rest);
  for (guint i = 0; reason_words[i] != NULL; i++)
    if (strstr (rest, reason_words[i]) != NULL)
      return g_steal_pointer (&rest);
  return NULL;
}

static void
check_requirement (ShinsaContext *ctx, GHashTable *statuses, ShinsaForm *form,
                   ShinsaFormItem *item, const ShinsaSchemeItem *si)
{
  const ShinsaSchemeRequirement *req = si->check;
  const char *value;
  g_autoptr(GRegex) unmet = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *norm = NULL;
  g_autofree char *where = NULL;
  g_autofree char *msg = NULL;
  int start, end;

  if (req->unmet == NULL)
    return;
  if (req->field > 0 && item->fields_marked)
    value = (int) g_strv_length (item->fields) >= req->field ? item->fields[req->field - 1] : "";
  else
    value = item->fields[0] != NULL ? item->fields[0] : shinsa_form_item_get_current_content (item);
  if (blank (value))
    return;                   /* FORM-REQUIRED-EMPTY says it */
  norm = g_utf8_normalize (value, -1, G_NORMALIZE_NFKC);
  g_strstrip (norm);
  unmet = g_regex_new (req->unmet, 0, 0, NULL);
  if (unmet == NULL || !g_regex_match (unmet, norm, 0, &match) || !g_match_info_fetch_pos (match, 0, &start, &end))
    return;
  if (req->exempt != NULL)
    {
      g_autoptr(GRegex) exempt = g_regex_new (req->exempt, 0, 0, NULL);
      if (exempt != NULL && g_regex_match (exempt, norm, 0, NULL))
        return;
    }
  where = shinsa_form_item_describe_cell (item, form->path, NULL);
  {
    g_autofree char *reason = stated_reason (norm, (gsize) end);
    if (reason != NULL)
      {
        msg = g_strdup_printf ("通番%d「%s」は一定の要件（%s）を満たしていませんが、やむを得ない理由として「%s」と記述されています（%s）",
                               item->no, si->name, req->text, reason, where);
        item_finding (ctx, statuses, form, item->no, "FORM-REQUIREMENT-NOT-MET", SHINSA_SEVERITY_WARNING, msg);
        return;
      }
  }
  msg = g_strdup_printf ("通番%d「%s」は一定の要件（%s）を満たしていません：「%s」（%s）",
                         item->no, si->name, req->text, norm, where);
  item_finding (ctx, statuses, form, item->no, "FORM-REQUIREMENT-NOT-MET", SHINSA_SEVERITY_ERROR, msg);
}

/* seed 002 §1-4: 「SSAE16取得済み」 and the like instead of a description */
static gboolean
only_cites_other_audit (const char *content)
{
  static const char *const pattern =
    "(SOC ?[123]|SSAE ?1[68]|ISAE ?3402|IASE ?3402|監査基準委員会報告書第?\\d*号?|保証業務実務指針\\d*号?"
    "|ISO/?(IEC)? ?2700[0-9]|ISO/?(IEC)? ?27017|ISO/?(IEC)? ?27018|JIS ?Q ?2700[0-9]|ISMS(クラウドセキュリティ)?(認証)?"
    "|プライバシーマーク|Pマーク|CSマーク|ISMAP|PCI ?DSS|(米国では)?監査基準|国際監査基準|報告書|監査|認証|認定|取得済み?|取得しています|取得|準拠|に基づく|参照|のとおり|による|ご参照ください"
    /* the attestation's own wording: 「同認証の審査において確認済みである」 */
    "|同|当該|審査|評価|検証|確認済み?|確認されて|確認を受けて|確認|受けて|受審|において|にて|されて|して|おり|います|いる|ある|である|です|済み?|有効|維持|更新|を|が|は|に|の|で|も"
    "|[()（）「」、。・,.\\s]|[0-9]+)";
  g_autofree char *norm = g_utf8_normalize (content, -1, G_NORMALIZE_NFKC);
  g_autoptr(GRegex) audit = g_regex_new ("(SOC ?[123]|SSAE|ISAE|IASE|監査基準委員会報告書|ISO/?(IEC)? ?270|ISMS|プライバシーマーク|ISMAP|PCI ?DSS)",
                                         G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) strip = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autofree char *rest = NULL;

  if (norm == NULL || !g_regex_match (audit, norm, 0, NULL))
    return FALSE;
  rest = g_regex_replace_literal (strip, norm, -1, 0, "", 0, NULL);
  /* what is left is not a description of the measure */
  return rest != NULL && g_utf8_strlen (rest, -1) < 8;
}

/* seed 002 §1-5: written in Japanese.  Latin letters dominate, URLs and
 * e-mail addresses aside */
static gboolean
not_japanese (const char *content)
{
  g_autoptr(GRegex) urls = g_regex_new ("(https?://\\S+|[\\w.+-]+@[\\w.-]+)", 0, 0, NULL);
  g_autofree char *text = g_regex_replace_literal (urls, content, -1, 0, "", 0, NULL);
  guint latin = 0, japanese = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script = g_unichar_get_script (c);
      if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA
          || script == G_UNICODE_SCRIPT_KATAKANA)
        japanese++;
      else if (script == G_UNICODE_SCRIPT_LATIN && g_unichar_isalpha (c))
        latin++;
    }
  return latin >= 30 && japanese * 10 < latin;
}

/* The 特定個人情報 scheme's seeds give its requirements but no item
 * catalogue: a requirement applies to the form item whose name it names
 * (「申請者の連絡先の有無」 → 連絡先). */
static ShinsaFormItem *
item_for_requirement (ShinsaForm *form, const ShinsaSchemeRequirement *req)
{
  g_autofree char *want = form_normalize_label (req->text);
  gsize len = strlen (want);

  if (len > strlen ("の有無") && g_str_has_suffix (want, "の有無"))
    want[len - strlen ("の有無")] = '\0';
  for (guint i = 0; i < form->items->len; i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (form->items, i);
      g_autofree char *name = item->name != NULL ? form_normalize_label (item->name) : g_strdup ("");
      if (g_utf8_strlen (name, -1) >= 2 && (strstr (want, name) != NULL || strstr (name, want) != NULL))
        return item;
    }
  return NULL;
}

/* months in 「3ヵ月前」「6ヶ月前まで」「1年前」; -1 when none is written */
static int
notice_months (const char *text)
{
  g_autofree char *norm = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autoptr(GRegex) re = g_regex_new ("(\\d+)\\s*(ヵ月|ヶ月|か月|カ月|ケ月|箇月|年)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *n = NULL, *unit = NULL;

  if (norm == NULL || !g_regex_match (re, norm, 0, &match))
    return -1;
  n = g_match_info_fetch (match, 1);
  unit = g_match_info_fetch (match, 2);
  return atoi (n) * (strcmp (unit, "年") == 0 ? 12 : 1);
}

static void
check_requirements_by_name (ShinsaContext *ctx, ShinsaForm *form, const ShinsaScheme *scheme,
                            GHashTable *statuses)
{
  static const char default_unmet[] = "^(無し|なし|無い|ない|無|否|不可|実施していない|行わない|告知しない|設置していない)";

  for (guint r = 0; r < scheme->requirements->len; r++)
    {
      const ShinsaSchemeRequirement *req = g_ptr_array_index (scheme->requirements, r);
      ShinsaFormItem *item = item_for_requirement (form, req);
      g_autoptr(GRegex) unmet = NULL;
      g_autofree char *norm = NULL;
      g_autofree char *where = NULL;
      g_autofree char *msg = NULL;

      if (item == NULL || blank (shinsa_form_item_get_current_content (item)))
        continue;
      norm = g_utf8_normalize (shinsa_form_item_get_current_content (item), -1, G_NORMALIZE_NFKC);
      g_strstrip (norm);
      where = shinsa_form_item_describe_cell (item, form->path, NULL);
      unmet = g_regex_new (req->unmet != NULL ? req->unmet : default_unmet, 0, 0, NULL);
      if (unmet != NULL && g_regex_match (unmet, norm, 0, NULL))
        msg = g_strdup_printf ("通番%d「%s」は一定の要件（%s）を満たしていません：「%s」（%s）",
                               item->no, item->name, req->text, norm, where);
      else if (strcmp (req->kind, "minimum") == 0 && req->minimum != NULL)
        {
          int have = notice_months (shinsa_form_item_get_current_content (item)), need = notice_months (req->minimum);
          if (need > 0 && have >= 0 && have < need)
            msg = g_strdup_printf ("通番%d「%s」の%sが最低水準（%s）に達していません：「%s」（%s）",
                                   item->no, item->name, req->text, req->minimum, norm, where);
        }
      if (msg != NULL)
        item_finding (ctx, statuses, form, item->no, "FORM-REQUIREMENT-NOT-MET", SHINSA_SEVERITY_ERROR, msg);
    }
}

void
form_rules_apply (ShinsaContext *ctx, ShinsaForm *form, const ShinsaScheme *scheme, GHashTable *statuses)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < form->items->len; i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (form->items, i);
      const ShinsaSchemeItem *si = scheme != NULL ? shinsa_scheme_get_item (scheme, item->no) : NULL;
      g_autofree char *where = shinsa_form_item_describe_cell (item, form->path, NULL);
      g_autofree char *msg = NULL;
      const char *name = si != NULL ? si->name : (item->name != NULL ? item->name : "");
      /* a renewal form written old/new side by side: the rules read the new side */
      const char *content = shinsa_form_item_get_current_content (item);

      if (g_hash_table_contains (seen, GINT_TO_POINTER (item->no)))
        {
          msg = g_strdup_printf ("通番%dが申請書Bに二度あります（%s）", item->no, where);
          item_finding (ctx, statuses, form, item->no, "FORM-ITEM-DUPLICATE", SHINSA_SEVERITY_WARNING, msg);
          continue;
        }
      g_hash_table_add (seen, GINT_TO_POINTER (item->no));

      if (scheme != NULL && scheme->items->len > 0 && si == NULL)
        {
          msg = g_strdup_printf ("通番%d「%s」は認定基準（%s）にない項目です（%s）", item->no,
                                 item->name != NULL ? item->name : "", scheme->name, where);
          item_finding (ctx, statuses, form, item->no, "FORM-ITEM-UNKNOWN", SHINSA_SEVERITY_WARNING, msg);
          continue;
        }

      if (si != NULL && item->name != NULL && !names_agree (item->name, si->name))
        {
          g_autofree char *cell = shinsa_form_item_describe_cell (item, form->path, item->where.name_cell);
          msg = g_strdup_printf ("通番%dの開示項目名「%s」が認定基準の「%s」と一致しません。行がずれていないか確認してください（%s）",
                                 item->no, item->name, si->name, cell);
          item_finding (ctx, statuses, form, item->no, "FORM-ITEM-NAME-MISMATCH", SHINSA_SEVERITY_WARNING, msg);
        }

      if (si != NULL && si->klass != SHINSA_ITEM_CLASS_OPTIONAL)
        {
          if (blank (content) && si->required[0] != 0)
            {
              g_free (msg);
              msg = g_strdup_printf ("必須開示項目 通番%d「%s」の申請内容が空欄です（%s）", item->no, name, where);
              item_finding (ctx, statuses, form, item->no, "FORM-REQUIRED-EMPTY", SHINSA_SEVERITY_ERROR, msg);
            }
          else if (item->fields_marked)
            for (guint k = 0; si->required[k] != 0; k++)
              {
                int field = si->required[k];
                guint n = g_strv_length (item->fields);
                if ((guint) field <= n && !blank (item->fields[field - 1]))
                  continue;
                g_free (msg);
                msg = g_strdup_printf ("必須開示項目 通番%d「%s」の【記述内容%d】%sが未記入です（%s）", item->no, name, field,
                                       si->fields[0] != NULL && (guint) field <= g_strv_length (si->fields)
                                         ? si->fields[field - 1] : "", where);
                item_finding (ctx, statuses, form, item->no, "FORM-REQUIRED-EMPTY", SHINSA_SEVERITY_ERROR, msg);
              }
        }

      if (si != NULL && si->check != NULL && !blank (content))
        check_requirement (ctx, statuses, form, item, si);

      if (!blank (content) && only_cites_other_audit (content))
        {
          g_free (msg);
          msg = g_strdup_printf ("通番%d「%s」の申請内容が他の監査・認証の取得を示すだけで、対策を記述していません（%s）",
                                 item->no, name, where);
          item_finding (ctx, statuses, form, item->no, "FORM-OTHER-AUDIT-ONLY", SHINSA_SEVERITY_WARNING, msg);
        }
      if (!blank (content) && not_japanese (content))
        {
          g_free (msg);
          msg = g_strdup_printf ("通番%d「%s」の申請内容が日本語で書かれていません（%s）", item->no, name, where);
          item_finding (ctx, statuses, form, item->no, "FORM-NOT-JAPANESE", SHINSA_SEVERITY_WARNING, msg);
        }
    }

  if (scheme == NULL)
    return;
  if (scheme->items->len == 0)
    check_requirements_by_name (ctx, form, scheme, statuses);
  for (guint i = 0; i < scheme->items->len; i++)
    {
      const ShinsaSchemeItem *si = g_ptr_array_index (scheme->items, i);
      g_autofree char *msg = NULL;
      if (g_hash_table_contains (seen, GINT_TO_POINTER (si->no)))
        continue;
      msg = g_strdup_printf ("申請書B「%s」に通番%d「%s」の行がありません", form->path != NULL ? form->path : "",
                             si->no, si->name);
      item_finding (ctx, statuses, form, si->no, "FORM-ITEM-MISSING", SHINSA_SEVERITY_ERROR, msg);
    }
}
