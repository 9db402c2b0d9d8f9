/* shinsa — reading 申請書A (the face sheet): label → value pairs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "form.h"

typedef enum {
  F_TYPE, F_DATE, F_SCHEME, F_COMPANY, F_KANA, F_NUMBER, F_REPRESENTATIVE,
  F_ADDRESS, F_SERVICE, F_CONTACT, F_CERT, F_NONE
} Field;

static const struct {
  const char *label;           /* normalised (NFKC, no spaces) */
  Field field;
} labels[] = {
  { "申請区分", F_TYPE }, { "新規/更新", F_TYPE }, { "申請種別", F_TYPE },
  { "申請日", F_DATE }, { "申請年月日", F_DATE },
  { "認定制度", F_SCHEME }, { "制度名", F_SCHEME },
  { "事業者名", F_COMPANY }, { "法人名", F_COMPANY }, { "会社名", F_COMPANY }, { "商号", F_COMPANY },
  { "事業者名(フリガナ)", F_KANA }, { "フリガナ", F_KANA }, { "事業者名(ふりがな)", F_KANA },
  { "法人番号", F_NUMBER },
  { "代表者", F_REPRESENTATIVE }, { "代表者名", F_REPRESENTATIVE }, { "代表者氏名", F_REPRESENTATIVE },
  { "所在地", F_ADDRESS }, { "本店所在地", F_ADDRESS }, { "住所", F_ADDRESS },
  { "サービス名称", F_SERVICE }, { "サービス名", F_SERVICE },
  { "申請担当者", F_CONTACT }, { "担当者", F_CONTACT }, { "連絡先", F_CONTACT },
  { "認定番号", F_CERT },
};

static Field
label_field (const char *text)
{
  g_autofree char *n = form_normalize_label (text);
  gsize len = strlen (n);

  /* 「事業者名：」 */
  if (len >= 1 && n[len - 1] == ':')
    n[len - 1] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (n, labels[i].label) == 0)
      return labels[i].field;
  return F_NONE;
}

static void
set (char **slot, const char *value)
{
  if (*slot == NULL)
    *slot = g_strstrip (g_strdup (value));
}

ShinsaFaceSheet *
facesheet_read (FormBook *book)
{
  ShinsaFaceSheet *face = shinsa_face_sheet_new (book->path);

  for (guint s = 0; s < book->sheets->len; s++)
    {
      FormSheet *sheet = g_ptr_array_index (book->sheets, s);
      for (guint row = 1; row <= sheet->max_row; row++)
        for (guint col = 1; col <= sheet->max_col; col++)
          {
            FormCell *label = form_sheet_get (sheet, row, col, FALSE);
            const FormRange *merge;
            FormCell *value = NULL;
            guint next;
            Field field;

            if (label == NULL || (field = label_field (label->text)) == F_NONE)
              continue;
            merge = form_sheet_merge_at (sheet, row, col);
            next = merge != NULL ? merge->last_col + 1 : col + 1;
            for (guint c = next; c <= sheet->max_col && value == NULL; c++)
              value = form_sheet_get (sheet, row, c, FALSE);
            if (value == NULL)
              value = form_sheet_get (sheet, row + (merge != NULL ? merge->last_row - row + 1 : 1), col, FALSE);
            if (value == NULL || label_field (value->text) != F_NONE)
              continue;
            if (!g_hash_table_contains (face->fields, label->text))
              g_hash_table_insert (face->fields, g_strdup (label->text), g_strdup (value->text));
            switch (field)
              {
              case F_TYPE: set (&face->application_type, value->text); break;
              case F_DATE: set (&face->application_date, value->text); break;
              case F_SCHEME: set (&face->scheme_title, value->text); break;
              case F_COMPANY: set (&face->company, value->text); break;
              case F_KANA: set (&face->company_kana, value->text); break;
              case F_NUMBER: set (&face->corporate_number, value->text); break;
              case F_REPRESENTATIVE: set (&face->representative, value->text); break;
              case F_ADDRESS: set (&face->address, value->text); break;
              case F_SERVICE: set (&face->service_name, value->text); break;
              case F_CONTACT: set (&face->contact, value->text); break;
              case F_CERT: set (&face->certification_number, value->text); break;
              case F_NONE: break;
              }
          }
    }
  face->renewal = face->application_type != NULL && strstr (face->application_type, "更新") != NULL;
  return face;
}
