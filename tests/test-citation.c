/* shinsa — the 添付書類等 citation parser, against a table of real-looking cells
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <shinsa.h>

typedef struct {
  const char *cell;
  const char *expected;     /* shinsa_citation_list_describe () */
} CiteCase;

static const char *const known_titles[] = {
  "情報セキュリティ基本方針", "サービス仕様書", "サービスレベル合意書（SLA）", "会社概要・組織図",
  "データセンター設備概要書", NULL
};

static const CiteCase cases[] = {
  /* pages, every way the forms write them */
  { "資料3 p.5", "資料3 pages 5" },
  { "資料3 P.5", "資料3 pages 5" },
  { "資料3 P5", "資料3 pages 5" },
  { "資料3 p5", "資料3 pages 5" },
  { "資料3 5頁", "資料3 pages 5" },
  { "資料3　5ページ", "資料3 pages 5" },
  { "資料３ ５ページ", "資料3 pages 5" },
  { "資料３　Ｐ．５", "資料3 pages 5" },
  { "資料3（5ページ）", "資料3 pages 5" },
  { "資料3 pp.5-6", "資料3 pages 5-6" },
  { "資料3 5～6ページ", "資料3 pages 5-6" },
  { "資料3 5〜6頁", "資料3 pages 5-6" },
  { "資料3 p.5-p.7", "資料3 pages 5-7" },
  { "資料3 3,5ページ", "資料3 pages 3 pages 5" },
  { "資料3 p.3, 5", "資料3 pages 3 pages 5" },
  { "資料3 第5頁", "資料3 pages 5" },
  { "資料3 5p", "資料3 pages 5" },
  { "資料3 3から5ページ", "資料3 pages 3-5" },
  { "資料3 p.12", "資料3 pages 12" },
  { "資料No.3 P5", "資料3 pages 5" },
  { "資料No.4 第3章", "資料4 chapter 3" },
  { "資料番号3 p.2", "資料3 pages 2" },
  { "資料3", "資料3" },
  /* chapters, sections, articles, tables, appendices */
  { "資料3 第2章", "資料3 chapter 2" },
  { "資料3 2章", "資料3 chapter 2" },
  { "資料4 3.5節", "資料4 section 3.5" },
  { "資料4 3.2.1", "資料4 section 3.2.1" },
  { "資料4 第3節", "資料4 section 3" },
  { "別紙1 第12条", "別紙1 article 12" },
  { "別紙1 第十二条", "別紙1 article 12" },
  { "別紙1 第三条", "別紙1 article 3" },
  { "別紙1 第12条第2項", "別紙1 article 12" },
  { "資料5 別表1", "資料5 table 1" },
  { "資料5 別表第2", "資料5 table 2" },
  { "資料6 付録A", "資料6 appendix A" },
  { "資料6 付属書2", "資料6 appendix 2" },
  { "資料4 第二章", "資料4 chapter 2" },
  /* notes and places in brackets */
  { "資料2 P.3（2024年6月1日現在）", "資料2 pages 3" },
  { "資料3 p.2（第9条）", "資料3 pages 2 article 9" },
  { "資料4 第2章（2頁）", "資料4 chapter 2 pages 2" },
  { "資料6 21頁（抜粋）", "資料6 pages 21" },
  /* titles */
  { "「情報セキュリティ基本方針」5頁", "「情報セキュリティ基本方針」 pages 5" },
  { "「情報セキュリティ基本方針」", "「情報セキュリティ基本方針」" },
  { "『運用手順書』 第4章", "「運用手順書」 chapter 4" },
  { "サービス仕様書 p.3", "「サービス仕様書」 pages 3" },
  { "サービス仕様書", "「サービス仕様書」" },
  { "会社概要・組織図 2頁", "「会社概要・組織図」 pages 2" },
  { "資料3「情報セキュリティ基本方針」p.5", "資料3「情報セキュリティ基本方針」 pages 5" },
  { "資料3 情報セキュリティ基本方針 第9条", "資料3「情報セキュリティ基本方針」 article 9" },
  { "「情報セキュリティ基本方針」(資料3) 第9条", "資料3「情報セキュリティ基本方針」 article 9" },
  /* files */
  { "資料3_情報セキュリティ基本方針.pdf p.2", "file 資料3_情報セキュリティ基本方針.pdf pages 2" },
  { "SLA.pdf 3頁", "file SLA.pdf pages 3" },
  /* several in one cell */
  { "資料3 p.5 ／ 資料4 第3章", "資料3 pages 5; 資料4 chapter 3" },
  { "資料3 p.5、資料4 p.6", "資料3 pages 5; 資料4 pages 6" },
  { "資料3 p.5\n資料4 p.6", "資料3 pages 5; 資料4 pages 6" },
  { "資料3 p.5・資料4 p.6", "資料3 pages 5; 資料4 pages 6" },
  { "資料3 p.5; 別紙1 第3条", "資料3 pages 5; 別紙1 article 3" },
  { "資料3 p.5及び資料5 p.2", "資料3 pages 5; 資料5 pages 2" },
  { "資料3 p.5、第9条", "資料3 pages 5 article 9" },
  { "資料2 P.3、資料2 P.5", "資料2 pages 3; 資料2 pages 5" },
  { "別紙2 第8条 / 資料5 p.4", "別紙2 article 8; 資料5 pages 4" },
  { "添付資料2 p.1", "添付2 pages 1" },
  { "添付3 3頁", "添付3 pages 3" },
  { "資料3-1 p.2", "資料3-1 pages 2" },
  { "①資料1 p.1\n②資料2 P.2", "資料1 pages 1; 資料2 pages 2" },
  { "①資料1（1ページ）②資料2（2ページ）", "資料1 pages 1; 資料2 pages 2" },
  { "「登記事項証明書」（公告をする方法）／資料2（4ページ）", "「登記事項証明書」; 資料2 pages 4" },
  /* a place alone */
  { "第3条", "- article 3" },
  { "3.2節", "- section 3.2" },
  { "p.5", "- pages 5" },
  /* filler words */
  { "資料3 p.5 参照", "資料3 pages 5" },
  { "資料3のp.5に記載", "資料3 pages 5" },
  { "資料3 p.5を参照", "資料3 pages 5" },
  /* nothing, previous, unreadable */
  { "", "" },
  { "無し", "none" },
  { "なし", "none" },
  { "該当なし", "none" },
  { "－", "none" },
  { "前回提出資料のとおり", "previous" },
  { "前回と同じ", "previous" },
  { "当社ホームページ掲載のとおり", "?当社ホームページ掲載のとおり" },
  { "お問い合わせください", "?お問い合わせください" },
  { "資料3 p.5、ISMS認証取得済み", "資料3 pages 5; ?ISMS認証取得済み" },
};

static void
test_table (gconstpointer data)
{
  const CiteCase *c = data;
  g_autoptr(ShinsaCitationList) list = shinsa_citation_parse (c->cell, known_titles);
  g_autofree char *got = shinsa_citation_list_describe (list);

  g_assert_cmpstr (got, ==, c->expected);
}

/* read off a scanned form: what OCR makes of ページ, 頁, 章, 資料, ～ and a dot */
static const CiteCase ocr_cases[] = {
  { "資料2 2ペープ(事業内容)", "資料2 pages 2" },
  { "資料2 3ベーノ", "資料2 pages 3" },
  { "資料 7 1ペーノフ", "資料7 pages 1" },
  { "資料4 5真", "資料4 pages 5" },
  { "「会社概要」4買", "「会社概要」 pages 4" },
  { "資料No.4第3意", "資料4 chapter 3" },
  { "吹料No4 P5", "資料4 pages 5" },
  { "資料4 1 4節", "資料4 section 1.4" },
  { "資料4 3て4頁", "資料4 pages 3-4" },
  { "資料3 2こ3頁(第4剖)", "資料3 pages 2-3 chapter 4" },
  { "資料4 p.5", "資料4 pages 5" },
  { "資料6.4.4節", "資料6 section 4.4" },
  { "資料6 81節", "資料6 section 8.1" },
};

static void
test_ocr_table (gconstpointer data)
{
  const CiteCase *c = data;
  g_autoptr(ShinsaCitationList) list = shinsa_citation_parse_full (c->cell, known_titles, SHINSA_CITE_PARSE_OCR);
  g_autofree char *got = shinsa_citation_list_describe (list);

  g_assert_cmpstr (got, ==, c->expected);
}

/* and never in a typed cell: 5真 there is not a page */
static void
test_ocr_only_when_asked (void)
{
  g_autoptr(ShinsaCitationList) list = shinsa_citation_parse ("資料4 5真", known_titles);
  g_assert_cmpuint (list->unparsed->len, ==, 1);
}

static void
test_text_kept (void)
{
  g_autoptr(ShinsaCitationList) list = shinsa_citation_parse ("資料3 p.5 ／ 資料4 第3章（抜粋）", NULL);
  const ShinsaCitation *a, *b;
  const ShinsaCitePlace *pl;

  g_assert_cmpuint (list->citations->len, ==, 2);
  a = g_ptr_array_index (list->citations, 0);
  b = g_ptr_array_index (list->citations, 1);
  g_assert_cmpstr (a->text, ==, "資料3 p.5");
  g_assert_cmpstr (b->text, ==, "資料4 第3章(抜粋)");
  pl = &g_array_index (a->places, ShinsaCitePlace, 0);
  g_assert_cmpint (pl->kind, ==, SHINSA_CITE_PLACE_PAGES);
  g_assert_cmpint (pl->first, ==, 5);
  g_assert_cmpint (pl->last, ==, 5);
  g_assert_cmpstr (pl->text, ==, "p.5");
}

static void
test_numbers (void)
{
  g_assert_cmpint (shinsa_parse_number ("12", -1), ==, 12);
  g_assert_cmpint (shinsa_parse_number ("１２", -1), ==, 12);
  g_assert_cmpint (shinsa_parse_number ("十二", -1), ==, 12);
  g_assert_cmpint (shinsa_parse_number ("二十", -1), ==, 20);
  g_assert_cmpint (shinsa_parse_number ("一二", -1), ==, 12);
  g_assert_cmpint (shinsa_parse_number ("百五", -1), ==, 105);
  g_assert_cmpint (shinsa_parse_number ("12a", -1), ==, -1);
  g_assert_cmpint (shinsa_parse_number ("", -1), ==, -1);
  g_assert_cmpint (shinsa_parse_number ("三条", 3), ==, 3);
}

static void
test_hostile (void)
{
  /* invalid UTF-8, a lone bracket, a long run of digits: never a crash */
  static const char *const cells[] = {
    "\xff\xfe資料3", "資料3 p.(((((", "資料3 p.99999999999999", "「「「「", "資料 p.",
    "p.-5", "第条", "3..2節", "))))", "資料3 pp.9-2",
  };
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autoptr(ShinsaCitationList) list = shinsa_citation_parse (cells[i], NULL);
      g_autofree char *d = shinsa_citation_list_describe (list);
      g_assert_nonnull (d);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("添付書類等 cells as written in real forms read into documents and places");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/citation/table/%02u", i);
      g_test_add_data_func (path, &cases[i], test_table);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ocr_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/citation/ocr/%02u", i);
      g_test_add_data_func (path, &ocr_cases[i], test_ocr_table);
    }
  g_test_add_func ("/citation/ocr-only-when-asked", test_ocr_only_when_asked);
  g_test_add_func ("/citation/text-kept", test_text_kept);
  g_test_add_func ("/citation/numbers", test_numbers);
  g_test_add_func ("/citation/hostile", test_hostile);
  return g_test_run ();
}
