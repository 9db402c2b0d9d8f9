/* Evidence some applicants add and others do not: hard copies of their
 * web pages (most printed from the browser with URL and date, one copied
 * into a word processor without them), a phone photo of a signed pledge,
 * and a declaration typeset vertically (縦書き). The generator numbers
 * them after the sample's documents and cites them from the items below. */

#include "gen-content.h"

#define COMPANY "株式会社ミナトデータシステムズ"

static const GenBlock status_blocks[] = {
  { GEN_BLOCK_HEADING, NULL, "MINATO IoT Cloud Base サポートポータル　＞　障害・メンテナンス情報" },
  { GEN_BLOCK_TITLE, NULL, "障害・メンテナンス情報" },
  { GEN_BLOCK_PARA, "web.failure",
    "本サービスに利用者へ影響する障害が発生した場合は、障害を検知してから30分以内に本ページに第一報を掲載し、"
    "ご登録の管理者メールアドレスへ同じ内容をお知らせします。以後、復旧までの間は1時間ごとに状況を更新します。" },
  { GEN_BLOCK_PARA, "web.maint",
    "サービスを一時的に停止する計画メンテナンスは、実施日の1ヵ月前までに本ページ及び電子メールでお知らせします。"
    "緊急メンテナンスを行う場合は、決定後速やかにお知らせします。" },
  { GEN_BLOCK_HEADING, NULL, "現在のお知らせ" },
  { GEN_BLOCK_TABLE_H, NULL,
    "@18,16,66\n"
    "掲載日\t種別\t件名\n"
    "2024/06/07\tメンテナンス\t【予告】7月21日（日）1:00～5:00 ストレージ制御装置のファームウェア更新\n"
    "2024/05/24\t復旧\t【復旧】IoTデータ収集APIの応答遅延（5月24日 10:12～10:47）\n"
    "2024/05/24\t障害\t【障害】IoTデータ収集APIの応答遅延について（第一報）\n"
    "2024/05/17\tメンテナンス\t【予告】6月16日（日）1:00～4:00 管理ポータルの機能追加\n"
    "2024/04/19\tメンテナンス\t【完了】4月21日（日）ネットワーク機器の定期保守" },
  { GEN_BLOCK_NOTE, NULL,
    "※障害の受付は24時間365日、電話（0120-370-482）及びサポートポータルで承ります。"
    "※過去のお知らせは「お知らせ一覧」からご覧いただけます。" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec status_spec = {
  .title = "障害・メンテナンス情報｜MINATO IoT Cloud Base サポートポータル",
  .filename = "サポートポータル（障害・メンテナンス情報）.pdf",
  .issuer = COMPANY,
  .pdf_date = "2024-06-10T14:32:00+09:00",
  .folio = GEN_FOLIO_FRACTION,
  .web = TRUE,
  .web_url = "https://support.minato-ds.co.jp/status/",
  .web_date = "2024/06/10 14:32",
  .blocks = status_blocks,
};

static const GenBlock privacy_blocks[] = {
  { GEN_BLOCK_HEADING, NULL, "ホーム　＞　会社情報　＞　個人情報保護方針" },
  { GEN_BLOCK_TITLE, NULL, "個人情報保護方針" },
  { GEN_BLOCK_PARA, NULL,
    "株式会社ミナトデータシステムズ（以下「当社」）は、クラウドサービスの提供を通じてお客様からお預かりする個人情報を適切に保護することが"
    "社会的責務であると考え、次のとおり個人情報保護方針を定め、全ての役員及び従業員に周知し、これを実行します。" },
  { GEN_BLOCK_LIST, "web.privacy",
    "1．　当社は、個人情報を取得する際には利用目的を明示し、その目的の達成に必要な範囲内でのみ利用します。\n"
    "2．　当社は、法令に定める場合を除き、ご本人の同意なく個人情報を第三者に提供しません。\n"
    "3．　当社は、個人情報の漏えい、滅失又はき損を防止するため、組織的、人的、物理的及び技術的な安全管理措置を講じます。\n"
    "4．　当社は、個人情報の取扱いを委託する場合は、十分な保護水準を満たす委託先を選定し、契約により適切に監督します。\n"
    "5．　当社は、個人情報の開示、訂正、利用停止等のご請求に、遅滞なく対応します。\n"
    "6．　当社は、個人情報の保護に関する法令、国が定める指針その他の規範を遵守し、本方針を継続的に見直し改善します。" },
  { GEN_BLOCK_RIGHT, NULL, "制定日：2015年4月1日\n最終改定日：2024年4月1日\n株式会社ミナトデータシステムズ\n代表取締役社長　高橋 誠一" },
  { GEN_BLOCK_HEADING, NULL, "個人情報に関するお問い合わせ窓口" },
  { GEN_BLOCK_PARA, NULL,
    "株式会社ミナトデータシステムズ　個人情報お問い合わせ窓口（管理本部 法務・コンプライアンス室）\n"
    "電子メール：privacy@minato-ds.co.jp　受付時間：平日9:00～17:00" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec privacy_spec = {
  .title = "個人情報保護方針｜株式会社ミナトデータシステムズ",
  .filename = "個人情報保護方針（Webページ）.pdf",
  .issuer = COMPANY,
  .pdf_date = "2024-06-10T14:40:00+09:00",
  .folio = GEN_FOLIO_FRACTION,
  .web = TRUE,
  .web_url = "https://www.minato-ds.co.jp/privacy/",
  .web_date = "2024/06/10 14:40",
  .blocks = privacy_blocks,
};

static const GenBlock security_blocks[] = {
  { GEN_BLOCK_TITLE, NULL, "情報セキュリティへの取り組み" },
  { GEN_BLOCK_PARA, "web.security",
    "当社は、最高情報セキュリティ責任者（CISO）を委員長とする情報セキュリティ委員会を設置し、全社の情報セキュリティ施策を決定しています。"
    "各部門には情報セキュリティ推進責任者を置き、委員会の決定を現場に展開するとともに、四半期ごとに実施状況を委員会へ報告しています。" },
  { GEN_BLOCK_HEADING, NULL, "第三者認証" },
  { GEN_BLOCK_PARA, NULL,
    "当社のクラウド基盤サービス部門は、情報セキュリティマネジメントシステム（ISMS）の国際規格 ISO/IEC 27001 の認証を取得しています。" },
  { GEN_BLOCK_HEADING, NULL, "従業員教育" },
  { GEN_BLOCK_PARA, NULL,
    "全従業員を対象に年2回の情報セキュリティ研修と、年1回以上の標的型メール訓練を実施しています。" },
  { GEN_BLOCK_END, NULL, NULL },
};

/* copied into a word processor: no browser header or footer at all */
static const GenDocSpec security_spec = {
  .title = "情報セキュリティへの取り組み",
  .filename = "情報セキュリティへの取り組み（Webページ）.pdf",
  .issuer = COMPANY,
  .pdf_date = "2024-06-11T09:05:00+09:00",
  .folio = GEN_FOLIO_NONE,
  .web = TRUE,
  .blocks = security_blocks,
};

static const GenBlock pledge_blocks[] = {
  { GEN_BLOCK_SPACE, NULL, "20" },
  { GEN_BLOCK_TITLE, NULL, "秘密保持に関する誓約書" },
  { GEN_BLOCK_RIGHT, NULL, "2024年4月1日" },
  { GEN_BLOCK_PARA, NULL, "株式会社ミナトデータシステムズ\n代表取締役社長　高橋 誠一 殿" },
  { GEN_BLOCK_SPACE, NULL, "10" },
  { GEN_BLOCK_PARA, "pledge.body",
    "私は、貴社のクラウド基盤サービスの運用業務に従事するにあたり、下記の事項を遵守することを誓約いたします。" },
  { GEN_BLOCK_TITLE, NULL, "記" },
  { GEN_BLOCK_LIST, NULL,
    "1．　業務上知り得た貴社及び貴社の顧客の秘密情報を、在職中はもとより退職後も第三者に開示又は漏えいしないこと。\n"
    "2．　利用者のデータには、業務上必要な範囲で、定められた手続に従ってのみアクセスすること。\n"
    "3．　貴社の情報セキュリティ基本方針及び関連規程を遵守すること。\n"
    "4．　前各号に違反した場合は、就業規則に基づく懲戒処分を受け、貴社に生じた損害を賠償すること。" },
  { GEN_BLOCK_RIGHT, NULL, "以上\n\n所属　クラウド事業部 運用センター\n氏名　青木 翔太　　　　" },
  { GEN_BLOCK_SEAL, NULL, "青木" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec pledge_spec = {
  .title = "秘密保持に関する誓約書",
  .filename = "秘密保持誓約書（写真）.jpg",
  .pdf_date = "2024-04-01T09:00:00+09:00",
  .folio = GEN_FOLIO_NONE,
  .blocks = pledge_blocks,
};

static const GenBlock mark_blocks[] = {
  { GEN_BLOCK_VERTICAL, "mark.declaration",
    "認定マークの使用に関する宣誓書\n"
    "\n"
    "一般社団法人日本クラウド産業協会　御中\n"
    "\n"
    "　当社は、ＩａａＳ・ＰａａＳ（ＩｏＴクラウドサービス）の安全・信頼性に係る情報開示認定制度の認定マークを、"
    "認定を受けたサービスについてのみ、定められた使用規程に従って正しく使用することを宣誓いたします。\n"
    "　認定の有効期間が満了し、又は認定が取り消されたときは、直ちに認定マークの使用を中止いたします。\n"
    "\n"
    "令和六年六月十四日\n"
    "株式会社ミナトデータシステムズ\n"
    "代表取締役社長　高橋 誠一" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec mark_spec = {
  .title = "認定マークの使用に関する宣誓書",
  .filename = "認定マーク使用宣誓書.pdf",
  .issuer = COMPANY,
  .pdf_date = "2024-06-14T10:00:00+09:00",
  .folio = GEN_FOLIO_NONE,
  .blocks = mark_blocks,
};

const GenExtraDoc gen_extra_docs[] = {
  { &status_spec, GEN_EXTRA_WEB, 131, "{web.failure|doc} p.{web.failure|page}" },
  { &privacy_spec, GEN_EXTRA_WEB, 23, "{web.privacy|doc} p.{web.privacy|page}" },
  { &security_spec, GEN_EXTRA_WEB_NO_URL, 22, "{web.security|doc}" },
  { &pledge_spec, GEN_EXTRA_PHOTO, 24, "{pledge.body|doc}" },
  { &mark_spec, GEN_EXTRA_VERTICAL, 0, NULL },
  { NULL },
};

/* Two more for the defects case: a contract sent with a password, and a
 * ledger whose upload broke off. */
static const GenBlock contract_blocks[] = {
  { GEN_BLOCK_TITLE, NULL, "データセンター運用業務委託契約書" },
  { GEN_BLOCK_PARA, NULL,
    "株式会社ミナトデータシステムズ（以下「甲」という。）と株式会社ジャパン・データファシリティーズ（以下「乙」という。）は、"
    "甲が乙に委託するデータセンター運用業務について、次のとおり契約を締結する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "委託業務\n甲は乙に対し、別紙1に定めるデータセンターの設備運用、入退館管理及び監視業務（以下「本業務」という。）を委託し、乙はこれを受託する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "報告\n乙は、毎月10日までに前月の本業務の実施状況を書面により甲に報告する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "監査\n甲は、必要と認めるときは、乙の事前の同意を得て、本業務の実施状況を監査することができる。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "有効期間\n本契約の有効期間は、2024年4月1日から2027年3月31日までとする。" },
  { GEN_BLOCK_END, NULL, NULL },
};

const GenDocSpec gen_extra_contract_spec = {
  .title = "データセンター運用業務委託契約書",
  .filename = "データセンター運用業務委託契約書.pdf",
  .issuer = COMPANY,
  .pdf_date = "2024-03-25T15:00:00+09:00",
  .folio = GEN_FOLIO_PLAIN,
  .blocks = contract_blocks,
};

static const GenBlock ledger_blocks[] = {
  { GEN_BLOCK_TITLE, NULL, "委託先管理台帳\n（2024年度）" },
  { GEN_BLOCK_TABLE_H, NULL,
    "@22,30,24,24\n"
    "委託先\t委託業務\t契約期間\t直近の評価\n"
    "株式会社ジャパン・データファシリティーズ\tデータセンター設備運用\t2024/4/1～2027/3/31\t2024年2月　適合\n"
    "株式会社北斗ネットワークサービス\tネットワーク監視（夜間）\t2023/10/1～2025/9/30\t2024年1月　適合\n"
    "株式会社ケイ・サポート\tヘルプデスク一次受付\t2024/4/1～2025/3/31\t2024年3月　条件付適合" },
  { GEN_BLOCK_PARA, NULL,
    "委託先の評価は、委託先評価基準に基づき年1回実施し、結果を情報セキュリティ委員会に報告する。" },
  { GEN_BLOCK_END, NULL, NULL },
};

const GenDocSpec gen_extra_ledger_spec = {
  .title = "委託先管理台帳",
  .filename = "委託先管理台帳.pdf",
  .issuer = COMPANY,
  .pdf_date = "2024-04-05T11:00:00+09:00",
  .folio = GEN_FOLIO_FRACTION,
  .running_header = TRUE,
  .marking = "社外秘",
  .blocks = ledger_blocks,
};
