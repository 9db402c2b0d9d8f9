/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Document numbers, titles and roles from file names.
 */
#include <locale.h>
#include <shinsa.h>

typedef struct {
  const char *name;
  const char *id;        /* NULL: no 資料番号 in the name */
  const char *title;     /* NULL: nothing left */
  ShinsaRole role;
} NameCase;

static const NameCase name_cases[] = {
  /* the usual spellings of one number */
  { "資料3_情報セキュリティ基本方針.pdf", "資料3", "情報セキュリティ基本方針", SHINSA_ROLE_EVIDENCE },
  { "資料No.3_情報セキュリティ基本方針.pdf", "資料3", "情報セキュリティ基本方針", SHINSA_ROLE_EVIDENCE },
  { "資料ＮＯ３ 運用マニュアル.pdf", "資料3", "運用マニュアル", SHINSA_ROLE_EVIDENCE },
  { "資料NO３_運用マニュアル.pdf", "資料3", "運用マニュアル", SHINSA_ROLE_EVIDENCE },
  { "資料番号3_SLA.pdf", "資料3", "SLA", SHINSA_ROLE_EVIDENCE },
  { "資料-3_SLA.pdf", "資料3", "SLA", SHINSA_ROLE_EVIDENCE },
  { "資料３_利用規約.pdf", "資料3", "利用規約", SHINSA_ROLE_EVIDENCE },
  { "資料 No.7 ネットワーク構成図.pdf", "資料7", "ネットワーク構成図", SHINSA_ROLE_EVIDENCE },
  { "資料第3号_規程.pdf", "資料3", "規程", SHINSA_ROLE_EVIDENCE },
  { "資料03.pdf", "資料3", NULL, SHINSA_ROLE_EVIDENCE },
  { "資料（3）_規程.pdf", "資料3", "規程", SHINSA_ROLE_EVIDENCE },
  { "別紙ー1.pdf", "別紙1", NULL, SHINSA_ROLE_EVIDENCE },
  { "20240401_資料4_議事録.pdf", "資料4", "議事録", SHINSA_ROLE_EVIDENCE },
  { "資料No.3", "資料3", NULL, SHINSA_ROLE_OTHER },
  /* brackets and sort prefixes around the id */
  { "【資料3】情報セキュリティ基本方針.pdf", "資料3", "情報セキュリティ基本方針", SHINSA_ROLE_EVIDENCE },
  { "03_資料3_情報セキュリティ基本方針.pdf", "資料3", "情報セキュリティ基本方針", SHINSA_ROLE_EVIDENCE },
  { "情報セキュリティ基本方針（資料5）.pdf", "資料5", "情報セキュリティ基本方針", SHINSA_ROLE_EVIDENCE },
  { "ポリシー_資料9.pdf", "資料9", "ポリシー", SHINSA_ROLE_EVIDENCE },
  /* kanji numerals */
  { "資料三_障害対応手順.pdf", "資料3", "障害対応手順", SHINSA_ROLE_EVIDENCE },
  { "資料十二 監査報告書.pdf", "資料12", "監査報告書", SHINSA_ROLE_EVIDENCE },
  { "資料二十_教育記録.pdf", "資料20", "教育記録", SHINSA_ROLE_EVIDENCE },
  /* sub-numbers */
  { "資料3-1_バックアップ手順.pdf", "資料3-1", "バックアップ手順", SHINSA_ROLE_EVIDENCE },
  { "資料３－２_バックアップ手順.pdf", "資料3-2", "バックアップ手順", SHINSA_ROLE_EVIDENCE },
  { "資料3ー1_手順書.pdf", "資料3-1", "手順書", SHINSA_ROLE_EVIDENCE },
  { "資料3.1.pdf", "資料3-1", NULL, SHINSA_ROLE_EVIDENCE },
  /* other prefixes */
  { "別紙2_体制図.pdf", "別紙2", "体制図", SHINSA_ROLE_EVIDENCE },
  { "別添1.pdf", "別添1", NULL, SHINSA_ROLE_EVIDENCE },
  { "添付2_契約書.pdf", "添付2", "契約書", SHINSA_ROLE_EVIDENCE },
  { "添付資料2_契約書.pdf", "添付2", "契約書", SHINSA_ROLE_EVIDENCE },
  { "参考資料1_業界ガイド.pdf", "参考資料1", "業界ガイド", SHINSA_ROLE_EVIDENCE },
  /* words that only look like ids */
  { "資料一覧.xlsx", NULL, "資料一覧", SHINSA_ROLE_INVENTORY },
  { "資料_2023年度_計画.pdf", NULL, "資料_2023年度_計画", SHINSA_ROLE_EVIDENCE },
  { "新資料3.pdf", NULL, "新資料3", SHINSA_ROLE_EVIDENCE },
  /* roles */
  { "申請書A.xlsx", NULL, "申請書A", SHINSA_ROLE_FORM_A },
  { "申請書Ａ.pdf", NULL, "申請書A", SHINSA_ROLE_FORM_A },
  { "申請書a_記入済.xlsx", NULL, "申請書a_記入済", SHINSA_ROLE_FORM_A },
  { "フェースシート.pdf", NULL, "フェースシート", SHINSA_ROLE_FORM_A },
  { "申請書B.xlsx", NULL, "申請書B", SHINSA_ROLE_FORM_B },
  { "申請書Ｂ（クラウドサービス）.xlsx", NULL, "申請書B(クラウドサービス)", SHINSA_ROLE_FORM_B },
  { "申請書Appendix.pdf", NULL, "申請書Appendix", SHINSA_ROLE_EVIDENCE },
  { "提出書類及び資料内訳書.xlsx", NULL, "提出書類及び資料内訳書", SHINSA_ROLE_INVENTORY },
  { "資料内訳書.csv", NULL, "資料内訳書", SHINSA_ROLE_INVENTORY },
  { "内訳書.xlsx", NULL, "内訳書", SHINSA_ROLE_INVENTORY },
  { "登記事項証明書.pdf", NULL, "登記事項証明書", SHINSA_ROLE_REGISTRY_CERTIFICATE },
  { "履歴事項全部証明書_株式会社サンプル.tif", NULL, "履歴事項全部証明書_株式会社サンプル",
    SHINSA_ROLE_REGISTRY_CERTIFICATE },
  { "現在事項全部証明書.PDF", NULL, "現在事項全部証明書", SHINSA_ROLE_REGISTRY_CERTIFICATE },
  { "資料1_登記簿謄本.jpg", "資料1", "登記簿謄本", SHINSA_ROLE_REGISTRY_CERTIFICATE },
  /* extensions */
  { "ｾｷｭﾘﾃｨ規程.pdf", NULL, "セキュリティ規程", SHINSA_ROLE_EVIDENCE },
  { "資料4.PNG", "資料4", NULL, SHINSA_ROLE_EVIDENCE },
  { "説明.docx", NULL, "説明", SHINSA_ROLE_EVIDENCE },
  { "構成.jpeg", NULL, "構成", SHINSA_ROLE_EVIDENCE },
  { "README.txt", NULL, "README", SHINSA_ROLE_OTHER },
  { "notes.zip", NULL, "notes", SHINSA_ROLE_OTHER },
};

static void
test_name (gconstpointer data)
{
  const NameCase *c = data;
  g_autofree char *title = NULL;
  g_autofree char *id = shinsa_document_id_from_name (c->name, &title);

  g_assert_cmpstr (id, ==, c->id);
  g_assert_cmpstr (title, ==, c->title);
  g_assert_cmpstr (shinsa_role_to_string (shinsa_role_guess_from_name (c->name)), ==,
                   shinsa_role_to_string (c->role));
}

static void
test_name_without_title (void)
{
  g_autofree char *id = shinsa_document_id_from_name ("資料3_基本方針.pdf", NULL);

  g_assert_cmpstr (id, ==, "資料3");
}

static void
test_role_uses_basename (void)
{
  g_test_summary ("a folder named like a form does not make its files forms");
  g_assert_cmpint (shinsa_role_guess_from_name ("申請書B関連/資料3.pdf"), ==, SHINSA_ROLE_EVIDENCE);
  g_assert_cmpint (shinsa_role_guess_from_name ("資料/申請書B.xlsx"), ==, SHINSA_ROLE_FORM_B);
}

static void
test_name_nfd (void)
{
  g_autofree char *nfd = g_utf8_normalize ("資料8_ガイドライン.pdf", -1, G_NORMALIZE_NFD);
  g_autofree char *title = NULL;
  g_autofree char *id = shinsa_document_id_from_name (nfd, &title);

  g_assert_cmpstr (id, ==, "資料8");
  g_assert_cmpstr (title, ==, "ガイドライン");
}

static void
test_name_invalid_utf8 (void)
{
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;

  g_test_summary ("bytes that are not UTF-8 do not crash and give no id");
  id = shinsa_document_id_from_name ("\x8e\x91\x97\xbf\xff.pdf", &title);
  g_assert_null (id);
  g_assert_nonnull (title);
  g_assert_true (g_utf8_validate (title, -1, NULL));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* no G_TEST_OPTION_ISOLATE_DIRS: nothing here touches user folders, and
   * GLib 2.74 leaks the isolated paths, which fails LeakSanitizer runs */
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (name_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/names/from-name/%u", i);
      g_test_add_data_func (path, &name_cases[i], test_name);
    }
  g_test_add_func ("/names/no-title-wanted", test_name_without_title);
  g_test_add_func ("/names/role-uses-basename", test_role_uses_basename);
  g_test_add_func ("/names/nfd", test_name_nfd);
  g_test_add_func ("/names/invalid-utf8", test_name_invalid_utf8);

  return g_test_run ();
}
