/* Kind "damaged": a submission whose files each break a reader in its
 * own way, for the intake and extract tests. */

#include "gen-damaged.h"

#include "gen-doc.h"
#include "gen-image.h"
#include "gen-output.h"
#include "gen-pdfcrypt.h"
#include "gen-scan.h"
#include "gen-truth.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#define COMPANY "株式会社ミナトデータシステムズ"

static const GenBlock minutes_blocks[] = {
  { GEN_BLOCK_TITLE, NULL, "第42回 情報セキュリティ委員会 議事録" },
  { GEN_BLOCK_TABLE, NULL,
    "日時\t2024年5月14日（火）14:00～15:30\n"
    "場所\t本社 7階 第2会議室（オンライン併用）\n"
    "出席者\t中村（委員長・CISO）、佐藤、山本、小林、加藤、吉田（事務局）\n"
    "欠席者\tなし" },
  { GEN_BLOCK_HEADING, NULL, "1．議題" },
  { GEN_BLOCK_LIST, NULL,
    "(1)　2023年度 情報セキュリティ目標の達成状況\n"
    "(2)　第4四半期のセキュリティインシデント報告\n"
    "(3)　情報セキュリティ教育（2024年度上期）の実施計画\n"
    "(4)　その他" },
  { GEN_BLOCK_HEADING, NULL, "2．報告事項" },
  { GEN_BLOCK_PARA, NULL,
    "事務局より、2023年度の情報セキュリティ目標10項目のうち9項目を達成したことが報告された。"
    "未達成の1項目（委託先監査の実施率100%）については、2社の監査が翌年度第1四半期にずれ込んだことが原因であり、"
    "6月末までに完了させる予定である。" },
  { GEN_BLOCK_PARA, NULL,
    "第4四半期に発生したセキュリティインシデントは2件（いずれもレベル1）であった。"
    "1件は社外宛てメールの誤送信、1件は貸与PCの一時的な所在不明（翌日発見）であり、"
    "いずれも個人情報の漏えいには至っていない。再発防止策として、社外宛てメールの送信保留機能を全社に展開した。" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_HEADING, NULL, "3．審議事項" },
  { GEN_BLOCK_PARA, NULL,
    "2024年度上期の情報セキュリティ教育について、全従業員を対象とするeラーニングを6月に、"
    "標的型メール訓練を7月に実施する計画が諮られ、原案どおり承認された。"
    "委託先従業員についても、当社常駐者は同じ教材で受講させることとする。" },
  { GEN_BLOCK_HEADING, NULL, "4．決定事項" },
  { GEN_BLOCK_LIST, NULL,
    "・委託先監査の未実施分2社を6月末までに完了する（担当：小林）。\n"
    "・教育計画を原案どおり実施し、受講率を次回委員会で報告する（担当：吉田）。\n"
    "・次回委員会は2024年8月下旬に開催する。" },
  { GEN_BLOCK_RIGHT, NULL, "以上\n\n議事録作成：情報セキュリティ委員会事務局　吉田" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec minutes_spec = {
  .id = "資料1",
  .title = "情報セキュリティ委員会 議事録",
  .filename = "資料1_正常な文書.pdf",
  .issuer = COMPANY,
  .marking = "社外秘",
  .pdf_date = "2024-05-16T09:12:00+09:00",
  .folio = GEN_FOLIO_FRACTION,
  .running_header = TRUE,
  .blocks = minutes_blocks,
};

static const GenBlock nda_blocks[] = {
  { GEN_BLOCK_TITLE, NULL, "秘密保持契約書" },
  { GEN_BLOCK_PARA, NULL,
    "株式会社ミナトデータシステムズ（以下「甲」という。）と株式会社北斗ネットワークサービス"
    "（以下「乙」という。）は、甲が乙に委託するデータセンター運用業務（以下「本業務」という。）"
    "に関して相互に開示する秘密情報の取扱いについて、次のとおり契約を締結する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "秘密情報\n本契約において秘密情報とは、本業務に関して一方の当事者が相手方に開示した技術上、"
    "営業上その他一切の情報であって、開示の際に秘密である旨を明示したものをいう。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "秘密保持義務\n甲及び乙は、相手方の書面による事前の承諾なく、秘密情報を第三者に開示又は漏えいしてはならない。\n"
    "２　甲及び乙は、秘密情報を本業務の目的以外に使用してはならない。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "再委託\n乙は、甲の書面による事前の承諾を得た場合に限り、本業務の一部を第三者に再委託することができる。"
    "この場合、乙は再委託先に本契約と同等の義務を負わせるものとする。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "返還及び廃棄\n本契約が終了したとき、乙は甲の指示に従い、秘密情報を含む一切の資料を返還又は廃棄し、"
    "廃棄した場合はその旨を証する書面を甲に提出する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "損害賠償\n甲又は乙が本契約に違反して相手方に損害を与えたときは、その損害を賠償する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "有効期間\n本契約の有効期間は、締結日から3年間とする。ただし、第2条の義務は本契約終了後も5年間存続する。" },
  { GEN_BLOCK_RIGHT, NULL,
    "2024年4月1日\n\n甲　東京都港区芝浦三丁目4番1号\n株式会社ミナトデータシステムズ\n代表取締役社長　高橋 誠一\n\n"
    "乙　大阪府大阪市北区中之島二丁目7番3号\n株式会社北斗ネットワークサービス\n代表取締役　森田 健" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec nda_spec = {
  .id = "資料2",
  .title = "秘密保持契約書",
  .filename = "資料2_暗号化文書.pdf",
  .issuer = COMPANY,
  .pdf_date = "2024-04-01T11:00:00+09:00",
  .folio = GEN_FOLIO_PLAIN,
  .blocks = nda_blocks,
};

static const GenBlock procedure_blocks[] = {
  { GEN_BLOCK_CHAPTER, NULL, "総則" },
  { GEN_BLOCK_SECTION, NULL, "目的" },
  { GEN_BLOCK_PARA, NULL,
    "本手順書は、当社が提供するクラウド基盤サービスの運用業務について、日常運用、障害対応及び"
    "変更管理の手順を定め、サービスの安定稼働を図ることを目的とする。" },
  { GEN_BLOCK_SECTION, NULL, "適用範囲" },
  { GEN_BLOCK_PARA, NULL,
    "本手順書は、運用センターに所属する運用担当者及び当社から運用業務を受託した委託先の要員に適用する。" },
  { GEN_BLOCK_CHAPTER, NULL, "日常運用" },
  { GEN_BLOCK_SECTION, NULL, "監視業務" },
  { GEN_BLOCK_PARA, NULL,
    "運用担当者は、統合監視システムの画面を常時確認し、アラートを検知した場合は5分以内に一次切り分けを開始する。"
    "監視対象はサーバ、ストレージ、ネットワーク機器及び各サービスのエンドポイントとする。" },
  { GEN_BLOCK_SECTION, NULL, "日次点検" },
  { GEN_BLOCK_LIST, NULL,
    "(1)　バックアップジョブの完了状況を確認する。\n"
    "(2)　ストレージ使用率が80%を超えたボリュームを抽出し、担当者に通知する。\n"
    "(3)　前日の認証失敗ログを確認し、不審なアクセスの有無を記録する。\n"
    "(4)　点検結果を運用日誌に記録し、当番責任者の承認を得る。" },
  { GEN_BLOCK_CHAPTER, NULL, "障害対応" },
  { GEN_BLOCK_SECTION, NULL, "障害の検知と連絡" },
  { GEN_BLOCK_PARA, NULL,
    "障害を検知した運用担当者は、障害管理票を起票し、影響範囲を確認のうえ当番責任者に報告する。"
    "利用者への影響がある場合は、検知から30分以内に障害情報ページへ第一報を掲載する。" },
  { GEN_BLOCK_SECTION, NULL, "復旧と報告" },
  { GEN_BLOCK_PARA, NULL,
    "復旧後、当番責任者は障害報告書を作成し、原因、対策及び再発防止策を記載して翌営業日までに運用部長に提出する。"
    "重大障害の場合は、情報セキュリティ委員会に報告する。" },
  { GEN_BLOCK_CHAPTER, NULL, "変更管理" },
  { GEN_BLOCK_PARA, NULL,
    "本番環境への変更は、変更要求票により変更諮問会議の承認を得た後に実施する。"
    "緊急変更は当番責任者の承認で実施できるが、事後3営業日以内に変更諮問会議へ報告する。" },
  { GEN_BLOCK_SECTION, NULL, "メンテナンスの告知" },
  { GEN_BLOCK_PARA, NULL,
    "利用者に影響のある計画メンテナンスは、実施日の1か月前までに管理ポータル及び電子メールで告知する。" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec procedure_spec = {
  .id = "資料3",
  .title = "クラウド基盤サービス 運用手順書",
  .filename = "資料3_途中で切れた文書.pdf",
  .docno = "MDS-OPS-010",
  .edition = "第3版",
  .date_text = "2024年3月1日 改定",
  .issuer = COMPANY,
  .marking = "社外秘",
  .pdf_date = "2024-03-01T10:00:00+09:00",
  .folio = GEN_FOLIO_DASH,
  .cover = TRUE,
  .toc = TRUE,
  .toc_sections = TRUE,
  .chapter_new_page = TRUE,
  .running_header = TRUE,
  .blocks = procedure_blocks,
};

static const GenBlock pledge_blocks[] = {
  { GEN_BLOCK_SPACE, NULL, "20" },
  { GEN_BLOCK_TITLE, NULL, "誓　約　書" },
  { GEN_BLOCK_RIGHT, NULL, "2024年4月1日" },
  { GEN_BLOCK_PARA, NULL, "株式会社ミナトデータシステムズ\n代表取締役社長　高橋 誠一 殿" },
  { GEN_BLOCK_SPACE, NULL, "10" },
  { GEN_BLOCK_PARA, NULL,
    "私は、貴社の従業員として勤務するにあたり、下記の事項を遵守することを誓約いたします。" },
  { GEN_BLOCK_TITLE, NULL, "記" },
  { GEN_BLOCK_LIST, NULL,
    "1．　業務上知り得た貴社及び貴社の顧客の秘密情報を、在職中はもとより退職後も第三者に開示又は漏えいしないこと。\n"
    "2．　秘密情報を業務の目的以外に使用しないこと。\n"
    "3．　貴社の情報セキュリティ基本方針及び関連規程を遵守すること。\n"
    "4．　退職時には、業務に関して貸与を受けた資料及び機器を速やかに返還すること。\n"
    "5．　前各号に違反した場合は、就業規則に基づく懲戒処分を受け、貴社に生じた損害を賠償すること。" },
  { GEN_BLOCK_RIGHT, NULL, "以上\n\n住所　神奈川県川崎市中原区小杉町一丁目403番\n氏名　鈴木 美咲　　　　" },
  { GEN_BLOCK_SEAL, NULL, "鈴木" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec pledge_spec = {
  .id = "資料4",
  .title = "誓約書",
  .filename = "資料4_実はJPEG.pdf",
  .pdf_date = "2024-04-01T09:00:00+09:00",
  .folio = GEN_FOLIO_NONE,
  .blocks = pledge_blocks,
};

static const GenBlock audit_blocks[] = {
  { GEN_BLOCK_TITLE, NULL, "内部監査報告書\n（2023年度 下期）" },
  { GEN_BLOCK_TABLE, NULL,
    "監査対象\tクラウド基盤サービス運用部門\n"
    "監査期間\t2024年2月5日～2024年2月16日\n"
    "監査責任者\t内部監査室長　岡田 恵\n"
    "監査基準\t情報セキュリティ基本方針、情報セキュリティ管理規程、JIS Q 27001:2023" },
  { GEN_BLOCK_HEADING, NULL, "1．監査の結論" },
  { GEN_BLOCK_PARA, NULL,
    "監査の結果、運用部門の情報セキュリティ管理は規程に従って概ね適切に実施されていると判断する。"
    "ただし、次ページ以降に記載する軽微な不適合2件及び改善の機会3件が認められた。" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_HEADING, NULL, "2．不適合" },
  { GEN_BLOCK_LIST, NULL,
    "(1)　特権IDの棚卸しが規程で定める四半期ごとに実施されていなかった（第3四半期未実施）。\n"
    "(2)　退職者1名のVPNアカウントが退職日から5営業日後に削除されていた（規程は退職日当日）。" },
  { GEN_BLOCK_HEADING, NULL, "3．改善の機会" },
  { GEN_BLOCK_LIST, NULL,
    "(1)　運用日誌の承認欄に押印漏れが散見される。電子承認への移行を検討されたい。\n"
    "(2)　バックアップからのリストア訓練の記録様式が部署ごとに異なる。\n"
    "(3)　委託先からの作業報告書の保管場所を一元化することが望ましい。" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_HEADING, NULL, "4．是正処置の確認" },
  { GEN_BLOCK_PARA, NULL,
    "前回監査（2023年度上期）で指摘した不適合3件については、いずれも是正処置が完了していることを確認した。" },
  { GEN_BLOCK_RIGHT, NULL, "2024年3月8日\n内部監査室長　岡田 恵" },
  { GEN_BLOCK_SEAL, NULL, "岡田" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec audit_spec = {
  .id = "資料7",
  .title = "内部監査報告書",
  .filename = "資料7_複数ページ.tif",
  .issuer = COMPANY,
  .pdf_date = "2024-03-08T10:00:00+09:00",
  .folio = GEN_FOLIO_FRACTION,
  .blocks = audit_blocks,
};

static void
make_id (guint64     seed,
         const char *name,
         guint8      id[16])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_MD5);
  g_autofree char *text = g_strdup_printf ("shinsa-gen:%" G_GUINT64_FORMAT ":%s", seed, name);
  gsize len = 16;

  g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_get_digest (sum, id, &len);
}

/* One file of the truth: what intake must say of it, and what is drawn
 * on its pages when it has any. */
static void
truth_document (JsonBuilder      *b,
                const char       *id,
                const char       *title,
                const char       *path,
                const char       *media_type,
                const char       *status,
                int               pages,
                const char       *code,
                const char       *source,
                GenDoc           *doc,
                GenInk            ink,
                const char       *note)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "evidence");
  json_builder_set_member_name (b, "media_type");
  json_builder_add_string_value (b, media_type);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  json_builder_set_member_name (b, "pages");
  if (pages >= 0)
    json_builder_add_int_value (b, pages);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "expected_codes");
  json_builder_begin_array (b);
  if (code != NULL)
    json_builder_add_string_value (b, code);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "source");
  if (source != NULL)
    json_builder_add_string_value (b, source);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, note);
  /* the pages the file holds, also where a reader must refuse it (資料2
   * opens with its password, 資料4 is a JPEG) */
  json_builder_set_member_name (b, "page_list");
  json_builder_begin_array (b);
  for (guint p = 1; doc != NULL && p <= gen_doc_get_n_pages (doc); p++)
    {
      const char *folio = gen_doc_page_folio (doc, p);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "page");
      json_builder_add_int_value (b, p);
      json_builder_set_member_name (b, "folio");
      if (folio != NULL)
        json_builder_add_string_value (b, folio);
      else
        json_builder_add_null_value (b);
      gen_truth_page_text (b, doc, p, g_strcmp0 (source, "scan") == 0, ink);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
truth_finding (JsonBuilder *b,
               const char  *code,
               const char  *id,
               const char  *path)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, "error");
  json_builder_set_member_name (b, "document");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_end_object (b);
}

static gboolean
write_truth (const char *truth_path,
             guint64     seed,
             GError    **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GenDoc) minutes = gen_doc_new (&minutes_spec);
  g_autoptr(GenDoc) nda = gen_doc_new (&nda_spec);
  g_autoptr(GenDoc) pledge = gen_doc_new (&pledge_spec);
  g_autoptr(GenDoc) audit = gen_doc_new (&audit_spec);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "generator");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "shinsa-gen");
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "damaged");
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) seed);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "submission");
  json_builder_add_string_value (b, "damaged-sample");
  json_builder_set_member_name (b, "scheme");
  json_builder_add_string_value (b, "iaas-paas-iot");

  json_builder_set_member_name (b, "expected_findings");
  json_builder_begin_array (b);
  truth_finding (b, "DOC-ENCRYPTED", "資料2", nda_spec.filename);
  truth_finding (b, "DOC-UNREADABLE", "資料3", procedure_spec.filename);
  truth_finding (b, "DOC-UNREADABLE", "資料4", pledge_spec.filename);
  truth_finding (b, "DOC-UNREADABLE", "資料5", "資料5_空ファイル.pdf");
  truth_finding (b, "DOC-UNREADABLE", "資料6", "資料6_壊れた画像.png");
  json_builder_end_array (b);

  json_builder_set_member_name (b, "documents");
  json_builder_begin_array (b);
  truth_document (b, "資料1", minutes_spec.title, minutes_spec.filename, "application/pdf", "ok",
                  2, NULL, "pdf-text", minutes, GEN_INK_COLOUR,
                  "a valid 2-page text PDF: extracts cleanly, no finding");
  truth_document (b, "資料2", nda_spec.title, nda_spec.filename, "application/pdf", "encrypted",
                  -1, "DOC-ENCRYPTED", "pdf-text", nda, GEN_INK_COLOUR,
                  "standard security handler R3, 128-bit RC4; user password \"shinsa\", owner "
                  "password \"shinsa-owner\"; page_list is what it holds once opened");
  truth_document (b, "資料3", procedure_spec.title, procedure_spec.filename, "application/pdf",
                  "unreadable", -1, "DOC-UNREADABLE", NULL, NULL, GEN_INK_COLOUR,
                  "the first 40% of the bytes of a text PDF: no xref, no trailer");
  truth_document (b, "資料4", pledge_spec.title, pledge_spec.filename, "image/jpeg", "unreadable",
                  -1, "DOC-UNREADABLE", "scan", pledge, GEN_INK_GREY,
                  "a greyscale JFIF JPEG (1654×2339 at 200 dpi) under a .pdf name; page_list is "
                  "the page in the image");
  truth_document (b, "資料5", "空ファイル", "資料5_空ファイル.pdf", "application/x-zerosize",
                  "unreadable", -1, "DOC-UNREADABLE", NULL, NULL, GEN_INK_COLOUR, "0 bytes");
  truth_document (b, "資料6", "壊れた画像", "資料6_壊れた画像.png", "image/png", "unreadable", -1,
                  "DOC-UNREADABLE", NULL, NULL, GEN_INK_COLOUR,
                  "a PNG cut right after its IHDR chunk (33 bytes, no IDAT, no IEND)");
  truth_document (b, "資料7", audit_spec.title, audit_spec.filename, "image/tiff", "ok", 3, NULL,
                  "scan", audit, GEN_INK_GREY,
                  "a 3-page greyscale TIFF (8-bit, deflate, 1240×1754 at 150 dpi), no text layer");
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return gen_truth_write (root, truth_path, error);
}

gboolean
gen_damaged_write (const char *out_dir,
                   const char *truth_path,
                   guint64     seed,
                   GError    **error)
{
  GenRng root;

  gen_rng_init (&root, seed);
  if (!write_truth (truth_path, seed, error))
    return FALSE;

  /* 資料1: a good two-page text PDF */
  {
    g_autoptr(GenDoc) doc = gen_doc_new (&minutes_spec);
    g_autoptr(GBytes) pdf = gen_doc_pdf_bytes (doc, error);

    if (pdf == NULL || !gen_output_write_bytes (out_dir, minutes_spec.filename, pdf, error))
      return FALSE;
  }

  /* 資料2: needs the user password "shinsa" */
  {
    g_autoptr(GenDoc) doc = gen_doc_new (&nda_spec);
    g_autoptr(GBytes) pdf = gen_doc_pdf_bytes (doc, error);
    g_autoptr(GBytes) encrypted = NULL;
    guint8 id[16];

    if (pdf == NULL)
      return FALSE;
    make_id (seed, nda_spec.filename, id);
    encrypted = gen_pdf_encrypt (pdf, "shinsa", "shinsa-owner", id, error);
    if (encrypted == NULL
        || !gen_output_write_bytes (out_dir, nda_spec.filename, encrypted, error))
      return FALSE;
  }

  /* 資料3: the first 40% of a text PDF, as a broken transfer leaves it */
  {
    g_autoptr(GenDoc) doc = gen_doc_new (&procedure_spec);
    g_autoptr(GBytes) pdf = gen_doc_pdf_bytes (doc, error);
    gsize len;
    const guint8 *data;

    if (pdf == NULL)
      return FALSE;
    data = g_bytes_get_data (pdf, &len);
    if (!gen_output_write (out_dir, procedure_spec.filename, data, len * 2 / 5, error))
      return FALSE;
  }

  /* 資料4: a scanned page saved as JPEG under a .pdf name */
  {
    g_autoptr(GenDoc) doc = gen_doc_new (&pledge_spec);
    GenRng rng = gen_rng_fork (&root, pledge_spec.filename);
    g_autoptr(GBytes) jpeg = gen_scan_doc_page_jpeg (doc, 1, &rng, error);

    if (jpeg == NULL || !gen_output_write_bytes (out_dir, pledge_spec.filename, jpeg, error))
      return FALSE;
  }

  /* 資料5: nothing at all */
  if (!gen_output_write (out_dir, "資料5_空ファイル.pdf", "", 0, error))
    return FALSE;

  /* 資料6: a PNG cut right after its IHDR chunk (8 + 25 bytes) */
  {
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 200);
    cairo_t *cr = cairo_create (image);
    g_autoptr(GBytes) png = NULL;

    cairo_set_source_rgb (cr, 0.9, 0.92, 0.95);
    cairo_paint (cr);
    cairo_set_source_rgb (cr, 0.2, 0.35, 0.6);
    cairo_rectangle (cr, 20, 20, 280, 40);
    cairo_fill (cr);
    cairo_destroy (cr);
    png = gen_png_bytes (image, error);
    cairo_surface_destroy (image);
    if (png == NULL
        || !gen_output_write (out_dir, "資料6_壊れた画像.png", g_bytes_get_data (png, NULL),
                              MIN (33, g_bytes_get_size (png)), error))
      return FALSE;
  }

  /* 資料7: a good three-page greyscale TIFF at 150 dpi */
  {
    g_autoptr(GenDoc) doc = gen_doc_new (&audit_spec);
    guint n = gen_doc_get_n_pages (doc);
    g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *path = g_build_filename (out_dir, audit_spec.filename, NULL);
    int width = 0, height = 0;

    for (guint p = 1; p <= n; p++)
      {
        g_autofree char *label = g_strdup_printf ("tiff-page-%u", p);
        GenRng rng = gen_rng_fork (&root, label);
        cairo_surface_t *image = gen_doc_render_image (doc, p, 150);

        width = cairo_image_surface_get_width (image);
        height = cairo_image_surface_get_height (image);
        g_ptr_array_add (pages, gen_scan_simulate (image, &rng, FALSE));
        cairo_surface_destroy (image);
      }
    if (n != 3)
      {
        g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT,
                     "'%s' came out with %u pages instead of 3", audit_spec.filename, n);
        return FALSE;
      }
    if (!gen_tiff_write_grey (path, (guint8 *const *) pages->pdata, n, width, height, 150, error))
      return FALSE;
  }

  return gen_output_write_ini (out_dir, "damaged-sample", "iaas-paas-iot", error);
}
