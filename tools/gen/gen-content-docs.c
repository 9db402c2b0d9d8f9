/* The evidence documents of the sample submission.
 *
 * Each document is a list of blocks (see gen-doc.h). Blocks with an anchor
 * are what 申請書B cites (gen-content-form.c); the facts an answer states
 * must be written in its anchored block, in other words. A block is never
 * split across pages, so its page is the cited page. */

#include "gen-content.h"

#define COMPANY "株式会社ミナトデータシステムズ"
#define SERVICE "MINATO IoT Cloud Base"

/* 資料1: the registry certificate, scanned from the paper original */
static const GenBlock registry_blocks[] = {
  { GEN_BLOCK_TITLE, NULL, "履歴事項全部証明書" },
  { GEN_BLOCK_RIGHT, NULL, "東京都港区芝浦三丁目４番１号\n株式会社ミナトデータシステムズ" },
  { GEN_BLOCK_TABLE, "reg.head",
    "@24,76\n"
    "会社法人等番号\t０１０４－０１－０９８７６５\n"
    "商号\t株式会社ミナトデータシステムズ\n"
    "本店\t東京都港区芝浦三丁目４番１号\n"
    "公告をする方法\t官報に掲載してする。\n"
    "会社成立の年月日\t平成１５年１０月１日" },
  { GEN_BLOCK_TABLE, "reg.purpose",
    "@24,76\n"
    "目的\t１．情報処理サービス業及び情報提供サービス業\r２．クラウドコンピューティングサービスの提供\r３．電気通信事業法に基づく電気通信事業\r４．コンピュータシステムの企画、設計、開発、販売、賃貸及び保守\r５．ＩｏＴ機器及びセンサー機器の製造、販売及び賃貸\r６．データセンターの運営及び運用受託\r７．前各号に附帯関連する一切の事業" },
  { GEN_BLOCK_TABLE, "reg.capital",
    "@24,76\n"
    "発行可能株式総数\t２万４０００株\n"
    "発行済株式の総数並びに種類及び数\t発行済株式の総数\r６２００株\n"
    "資本金の額\t金３億１０００万円\n"
    "株式の譲渡制限に関する規定\t当会社の株式を譲渡により取得するには、取締役会の承認を要する。" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_TABLE, "reg.officers",
    "@24,76\n"
    "役員に関する事項\t取締役　　高橋　誠一\r　　　令和５年６月２８日重任　令和５年７月３日登記\r取締役　　佐藤　恵子\r取締役　　中村　浩二\r取締役　　伊藤　大輔\r取締役　　松本　裕子（社外取締役）\r東京都世田谷区深沢五丁目１２番８号\r代表取締役　　高橋　誠一\r　　　令和５年６月２８日重任　令和５年７月３日登記\r監査役　　渡辺　修" },
  { GEN_BLOCK_TABLE, NULL,
    "@24,76\n"
    "取締役会設置会社に関する事項\t取締役会設置会社\n"
    "監査役設置会社に関する事項\t監査役設置会社\n"
    "登記記録に関する事項\t設立\r平成１５年１０月１日登記" },
  { GEN_BLOCK_NOTE, NULL,
    "これは登記簿に記録されている閉鎖されていない事項の全部であることを証明した書面である。" },
  { GEN_BLOCK_RIGHT, NULL, "令和６年５月２０日\n東京法務局港出張所\n登記官　　　　山　田　　太　郎" },
  { GEN_BLOCK_SEAL, NULL, "登記官之印" },
  { GEN_BLOCK_SPACE, NULL, "30" },
  { GEN_BLOCK_NOTE, NULL, "整理番号　ア２４８１３６　　＊下線のあるものは抹消事項であることを示す。" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec registry_spec = {
  .id = "資料1",
  .title = "登記事項証明書",
  .filename = "資料1_登記事項証明書.pdf",
  .pdf_date = "2024-06-05T16:42:10+09:00",
  .folio = GEN_FOLIO_FRACTION,
  .scanned = TRUE,
  .blocks = registry_blocks,
};

/* 資料2: the company brochure, folios "P.n" counting the cover */
static const GenBlock profile_blocks[] = {
  { GEN_BLOCK_CHAPTER, NULL, "会社概要" },
  { GEN_BLOCK_TABLE, "co.outline",
    "商号\t株式会社ミナトデータシステムズ\n"
    "英文社名\tMinato Data Systems Co., Ltd.\n"
    "法人番号\t8010401098765\n"
    "設立\t2003年（平成15年）10月1日\n"
    "本社所在地\t〒108-0023　東京都港区芝浦三丁目4番1号　ミナト芝浦ビル\n"
    "ホームページ\thttps://www.minato-ds.co.jp/\n"
    "資本金\t3億1,000万円\n"
    "代表者\t代表取締役社長　高橋 誠一\n"
    "従業員数\t286名（正社員のみ、単体、2024年3月31日現在）\n"
    "決算期\t3月\n"
    "主要取引銀行\t東都銀行 芝浦支店、みなと信用金庫 本店営業部" },
  { GEN_BLOCK_HEADING, NULL, "事業内容" },
  { GEN_BLOCK_LIST, "co.business",
    "・クラウド基盤サービス（IaaS・PaaS）「MINATO IoT Cloud Base」の提供\n"
    "・IoTプラットフォーム及びIoT機器（センサー、ゲートウェイ）の販売・レンタル\n"
    "・企業向け業務システムの設計・開発及び運用の受託\n"
    "・データセンターを利用したハウジング・運用監視サービス" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_CHAPTER, NULL, "経営陣" },
  { GEN_BLOCK_HEADING, NULL, "代表者略歴" },
  { GEN_BLOCK_TABLE, "co.ceo",
    "@22,78\n"
    "氏名\t高橋 誠一（たかはし せいいち）\n"
    "生年月日\t1966年4月12日\n"
    "学歴\t1989年3月　東京工業大学 工学部 情報工学科 卒業\n"
    "職歴\t1989年4月　大手電機メーカー入社、通信システムの開発に従事\r1998年4月　同社 ネットワークサービス事業部 課長\r2003年10月　当社設立、代表取締役社長に就任（現任）\n"
    "資格\t情報処理技術者（システム監査技術者、ネットワークスペシャリスト）" },
  { GEN_BLOCK_HEADING, NULL, "役員一覧（2024年6月1日現在）" },
  { GEN_BLOCK_TABLE_H, "co.officers",
    "役職\t氏名\t担当\n"
    "代表取締役社長\t高橋 誠一\t経営全般\n"
    "取締役\t佐藤 恵子\t管理本部長（コンプライアンス担当）\n"
    "取締役\t中村 浩二\t技術本部長（最高情報セキュリティ責任者）\n"
    "取締役\t伊藤 大輔\t営業本部長\n"
    "社外取締役\t松本 裕子\t―\n"
    "監査役\t渡辺 修\t―\n"
    "執行役員\t小林 直樹\tクラウド事業部長\n"
    "執行役員\t加藤 美穂\tIoT事業部長\n"
    "執行役員\t吉田 健太郎\tデータセンター運用部長" },
  { GEN_BLOCK_PARA, "co.officer_count",
    "当社の役員は、取締役5名（うち社外取締役1名）、監査役1名及び執行役員3名の計9名で構成されています。" },
  { GEN_BLOCK_HEADING, NULL, "コンプライアンス体制" },
  { GEN_BLOCK_PARA, "co.compliance",
    "当社は、取締役 管理本部長の佐藤 恵子をコンプライアンス担当役員に任命し、同人を委員長とする"
    "「コンプライアンス委員会」を四半期ごとに開催しています。委員会の事務局として管理本部に"
    "「法務・コンプライアンス室」を置き、法令遵守の教育、内部通報窓口の運営及び契約審査を担っています。" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_CHAPTER, NULL, "財務情報" },
  { GEN_BLOCK_HEADING, NULL, "業績の推移（単体）" },
  { GEN_BLOCK_TABLE_H, "co.finance",
    "@28,24,24,24\n"
    "項目\t第19期\r（2022年3月期）\t第20期\r（2023年3月期）\t第21期\r（2024年3月期）\n"
    "売上高\t3,954,210,000円\t4,402,880,000円\t4,826,530,000円\n"
    "経常利益\t301,440,000円\t356,120,000円\t412,870,000円\n"
    "資本金\t310,000,000円\t310,000,000円\t310,000,000円\n"
    "自己資本比率\t44.1%\t46.3%\t48.6%" },
  { GEN_BLOCK_NOTE, NULL,
    "※数値は各期の定時株主総会で承認された計算書類によります。第21期の計算書類は2024年5月30日開催の定時株主総会で承認されました。" },
  { GEN_BLOCK_HEADING, NULL, "株式の状況（2024年3月31日現在）" },
  { GEN_BLOCK_TABLE_H, "co.shareholders",
    "@55,20,25\n"
    "株主名\t持株数\t持株比率\n"
    "高橋 誠一\t2,387株\t38.5%\n"
    "株式会社東都キャピタル\t930株\t15.0%\n"
    "ミナトデータシステムズ従業員持株会\t756株\t12.2%\n"
    "中村 浩二\t422株\t6.8%\n"
    "株式会社芝浦産業\t310株\t5.0%" },
  { GEN_BLOCK_PARA, "co.listing",
    "当社の株式は非上場です。財務の信頼性確保のため、会計監査人は置いておりませんが、常勤の監査役による"
    "業務監査及び会計監査を受けております。決算公告は、定款の定めに従い官報に掲載しております。" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_CHAPTER, NULL, "認証・所属団体・沿革" },
  { GEN_BLOCK_HEADING, NULL, "第三者認証" },
  { GEN_BLOCK_TABLE_H, "co.certs",
    "@34,40,26\n"
    "認証\t適用範囲\t取得\n"
    "ISMS（JIS Q 27001:2023）\tクラウド基盤サービスの設計・開発・運用\t2012年2月\n"
    "プライバシーマーク\t全社\t2010年8月\n"
    "ITSMS（JIS Q 20000-1）\t―（未取得）\t―" },
  { GEN_BLOCK_HEADING, NULL, "所属団体" },
  { GEN_BLOCK_LIST, "co.memberships",
    "・一般社団法人日本クラウド産業協会（ASPIC）\n"
    "・一般社団法人情報サービス産業協会（JISA）\n"
    "・東京商工会議所" },
  { GEN_BLOCK_HEADING, NULL, "沿革" },
  { GEN_BLOCK_TABLE, "co.history",
    "@22,78\n"
    "2003年10月\t東京都港区にて設立（資本金1億円）\n"
    "2008年4月\tホスティングサービスを開始\n"
    "2010年8月\tプライバシーマークを取得\n"
    "2012年2月\tISMS認証を取得\n"
    "2015年7月\t資本金を3億1,000万円に増資\n"
    "2018年4月\tクラウド基盤サービス「MINATO IoT Cloud Base」を開始\n"
    "2022年10月\t同サービスのIoT機能を拡充（大規模リニューアル）\n"
    "2024年4月\t西日本第2データセンターでの提供を開始" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec profile_spec = {
  .id = "資料2",
  .title = "会社概要",
  .filename = "資料2_会社概要.pdf",
  .subtitle = "Company Profile 2024",
  .issuer = COMPANY,
  .pdf_date = "2024-06-03T10:20:00+09:00",
  .folio = GEN_FOLIO_P,
  .cover = TRUE,
  .running_header = TRUE,
  .blocks = profile_blocks,
};

/* 資料3: the security policy, articles, "- n -" from the first body page */
static const GenBlock policy_blocks[] = {
  { GEN_BLOCK_CHAPTER, NULL, "総則" },
  { GEN_BLOCK_ARTICLE, "pol.purpose",
    "目的\n本方針は、株式会社ミナトデータシステムズ（以下「当社」という。）が保有し、又は利用者から預託を受けた"
    "情報資産を、故意、過失、事故、災害等のあらゆる脅威から保護し、当社が提供するサービスの信頼性を確保する"
    "ために、当社の情報セキュリティに関する基本的な事項を定めることを目的とする。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "適用範囲\n本方針は、当社の役員、従業員（正社員、契約社員、派遣社員及びアルバイトを含む。以下「従業員等」という。）"
    "並びに当社の業務に従事する委託先の要員に適用する。\n"
    "２　本方針の対象とする情報資産は、当社の業務において取り扱う全ての情報及び情報システムとする。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "基本方針\n当社は、情報資産の機密性、完全性及び可用性を維持するため、組織的、人的、物理的及び技術的な"
    "安全管理措置を講じ、その継続的な改善に努める。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "法令等の遵守\n当社は、個人情報の保護に関する法律、不正アクセス行為の禁止等に関する法律その他の情報セキュリティに"
    "関する法令、国が定める指針その他の規範及び利用者との契約上の義務を遵守する。" },

  { GEN_BLOCK_CHAPTER, NULL, "組織体制" },
  { GEN_BLOCK_ARTICLE, "pol.org",
    "組織体制\n当社は、情報セキュリティに関する最高責任者として最高情報セキュリティ責任者（CISO）を置き、"
    "取締役 技術本部長がこれに当たる（2024年6月1日現在　中村 浩二）。\n"
    "２　CISOを委員長とし、各本部長及び情報システム部長を委員とする情報セキュリティ委員会を設置し、"
    "原則として毎月1回開催する。\n"
    "３　各部門に情報セキュリティ推進責任者を置き、部門における本方針及び関連規程の遵守状況を管理させる。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "内部監査\n内部監査室は、本方針及び関連規程の遵守状況について、年2回以上内部監査を行い、"
    "その結果を代表取締役及び情報セキュリティ委員会に報告する。\n"
    "２　監査で指摘された事項について、被監査部門は是正処置計画を作成し、期限までに是正を完了する。" },

  { GEN_BLOCK_CHAPTER, NULL, "人的及び組織的安全管理" },
  { GEN_BLOCK_ARTICLE, "pol.privacy",
    "個人情報の取扱い\n個人情報の取得、利用、提供、保管及び廃棄は、別に定める「個人情報保護規程」に従って行う。\n"
    "２　利用者から預託を受けた個人情報の取扱いは、サービス利用約款の個人情報に関する条項に定めるところによる。" },
  { GEN_BLOCK_ARTICLE, "pol.secrecy",
    "従業員の守秘義務\n当社は、従業員等から、入社時及び退職時に秘密保持に関する誓約書を取得する。"
    "退職後も、在職中に知り得た秘密を漏らしてはならない。\n"
    "２　就業規則において守秘義務を定め、これに違反した者は懲戒処分の対象とする。\n"
    "３　従業員等の守秘義務の取組状況は、利用者から求めがあった場合、秘密保持契約の締結を条件として開示する。" },
  { GEN_BLOCK_ARTICLE, "pol.training",
    "教育及び訓練\n当社は、全ての従業員等を対象に、情報セキュリティに関する研修を年2回（eラーニング）実施するほか、"
    "新たに採用した者には入社時研修を実施する。受講状況はCISOが確認し、未受講者には再受講させる。\n"
    "２　標的型攻撃メールへの対応訓練を年1回以上実施する。\n"
    "３　教育の実施状況（受講率等）は、利用者から求めがあった場合、秘密保持契約の締結を条件として開示する。" },
  { GEN_BLOCK_ARTICLE, "pol.outsourcing",
    "委託先の管理\n業務を外部に委託する場合は、「委託先管理規程」に基づき委託先を選定し、当社の個人情報保護方針"
    "及び本方針と同等の遵守を契約により義務付ける。\n"
    "２　全ての委託先と秘密保持契約を締結し、再委託は当社の事前の書面承諾を要するものとする。\n"
    "３　委託先の管理状況は年1回監査し、その結果を情報セキュリティ委員会に報告する。\n"
    "４　委託先（再委託先を含む。）の名称及び委託業務の範囲並びに個人情報保護の状況は、利用者から求めがあった場合、"
    "秘密保持契約の締結を条件として開示する。" },

  { GEN_BLOCK_CHAPTER, NULL, "規程及びリスク管理" },
  { GEN_BLOCK_ARTICLE, "pol.rules",
    "規程体系\n本方針の下に、次の規程及び手順書を定める。\n"
    "（1）情報セキュリティ管理規程　（2）個人情報保護規程　（3）委託先管理規程　（4）リスク管理規程\n"
    "（5）事業継続基本計画（BCP）及び災害時対応手順書　（6）販売管理規程　（7）苦情対応規程\n"
    "（8）クラウド基盤サービス運用マニュアル　（9）セキュリティインシデント対応手順書\n"
    "２　前項の規程等は、秘密保持契約を締結した利用者に対し、目次及び該当部分を閲覧の方法により提供することができる。" },
  { GEN_BLOCK_ARTICLE, "pol.risk",
    "リスク管理\n当社は、「リスク管理規程」を定め、事業に係るリスクを年1回評価し、"
    "評価結果に基づく対応計画を情報セキュリティ委員会で承認する。" },
  { GEN_BLOCK_ARTICLE, "pol.bcp",
    "事業継続\n当社は、大規模災害、感染症の流行その他の事業中断に備え、「事業継続基本計画（BCP）」及び"
    "「災害時対応手順書」を定め、年1回以上の訓練により実効性を確認する。\n"
    "２　事業継続基本計画の概要版は、利用者から求めがあった場合、秘密保持契約の締結を条件として開示する。" },
  { GEN_BLOCK_ARTICLE, "pol.sales",
    "販売及び苦情への対応\n当社は、「販売管理規程」を定め、サービスの勧誘及び販売を適正に行う。\n"
    "２　利用者からの苦情は、「苦情対応規程」に従い、受付から原則5営業日以内に回答する。\n"
    "３　利用者との紛争が生じた場合は、サービス利用約款に定める合意管轄裁判所において解決を図る。" },

  { GEN_BLOCK_CHAPTER, NULL, "物理的及び技術的安全管理" },
  { GEN_BLOCK_ARTICLE, NULL,
    "情報資産の管理\n情報資産は、その重要度に応じて「極秘」「社外秘」「社内限」「公開」の4区分に分類し、"
    "区分ごとに定める取扱基準に従って管理する。情報資産の管理責任者は、情報資産台帳を年1回以上見直す。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "物理的セキュリティ\n執務室、サーバ室及び運用センターはセキュリティ区画として定め、ICカードによる入退室管理を行う。\n"
    "２　セキュリティ区画への来訪者の立入りは、従業員等の同行を条件とし、入退室を記録する。\n"
    "３　離席時は、書類及び記憶媒体を机上に放置せず、端末の画面をロックする。" },
  { GEN_BLOCK_ARTICLE, "pol.access",
    "アクセス制御\n情報システムへのアクセス権限は、業務上必要な最小限の範囲で付与する。\n"
    "２　特権IDの登録及び削除は、申請書に基づき情報システム部長の承認を得て行い、その記録を保存する。"
    "特権IDの棚卸しは四半期ごとに行う。" },
  { GEN_BLOCK_ARTICLE, "pol.password",
    "ID及びパスワードの管理\nID及びパスワードの運用は「情報セキュリティ管理規程」に従う。"
    "パスワードは12文字以上とし、英大文字、英小文字、数字及び記号を組み合わせて設定する。\n"
    "２　管理者による情報システムへのログインには、多要素認証を必須とする。\n"
    "３　退職者のIDは退職日当日に無効化する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "暗号化\n「社外秘」以上に区分される情報を社外へ送信し、又は可搬媒体に保存するときは、暗号化しなければならない。"
    "暗号方式及び鍵の管理は、情報セキュリティ管理規程の定めによる。" },
  { GEN_BLOCK_ARTICLE, "pol.incident",
    "セキュリティインシデントへの対応\nセキュリティインシデントが発生した場合は、「セキュリティインシデント対応手順書」に"
    "従い、被害の拡大防止、原因の調査、暫定対策及び恒久対策を速やかに実施する。\n"
    "２　利用者に影響するインシデントは、影響を受ける利用者に24時間以内に通知する。" },

  { GEN_BLOCK_CHAPTER, NULL, "雑則" },
  { GEN_BLOCK_ARTICLE, NULL,
    "見直し\n本方針及び関連規程は、年1回以上、並びに組織、業務、法令又は技術の環境に重大な変化が生じた場合に"
    "見直しを行う。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "罰則\n本方針又は関連規程に違反した従業員等は、就業規則に基づき懲戒処分の対象とする。" },
  { GEN_BLOCK_HEADING, NULL, "附則" },
  { GEN_BLOCK_PARA, NULL,
    "本方針は2012年1月10日から施行する。\n2016年4月1日改定、2020年4月1日改定、2023年4月1日改定、2024年4月1日改定（第5版）。" },
  { GEN_BLOCK_RIGHT, NULL, "株式会社ミナトデータシステムズ\n代表取締役社長　高橋 誠一" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec policy_spec = {
  .id = "資料3",
  .title = "情報セキュリティ基本方針",
  .filename = "資料3_情報セキュリティ基本方針.pdf",
  .subtitle = "（情報セキュリティ管理規程を含む）",
  .docno = "MDS-ISMS-001",
  .edition = "第5版",
  .date_text = "2024年4月1日 改定",
  .issuer = COMPANY,
  .approver = "高橋,中村,山本",
  .marking = "社外秘",
  .pdf_date = "2024-04-01T09:30:00+09:00",
  .folio = GEN_FOLIO_DASH,
  .cover = TRUE,
  .toc = TRUE,
  .toc_articles = TRUE,
  .running_header = TRUE,
  .blocks = policy_blocks,
};

/* 資料4: the service specification, PDF page labels 表紙, i, 1, 2… */
static const GenBlock spec_blocks[] = {
  { GEN_BLOCK_CHAPTER, NULL, "サービス概要" },
  { GEN_BLOCK_SECTION, "spec.name", "サービスの名称" },
  { GEN_BLOCK_PARA, "spec.name_text",
    "本書で定めるサービスの正式名称は「MINATO IoT Cloud Base（ミナト IoT クラウドベース）」"
    "（以下「本サービス」という。）とする。" },
  { GEN_BLOCK_SECTION, NULL, "沿革" },
  { GEN_BLOCK_PARA, "spec.history",
    "本サービスは2018年4月1日に法人向けクラウド基盤サービスとして提供を開始した。"
    "2022年10月1日には、IoT機器からのデータ収集・管理機能を追加する大規模なリニューアルを行い、"
    "現在の名称に改めた。" },
  { GEN_BLOCK_SECTION, NULL, "サービスの概要" },
  { GEN_BLOCK_PARA, "spec.overview",
    "本サービスは、企業の利用者に対し、仮想サーバ、ストレージ及びネットワークからなる計算基盤（IaaS）と、"
    "IoT機器から収集したデータを蓄積、処理及び可視化するためのアプリケーション実行基盤（PaaS）を、"
    "一つの契約で一体的に提供するクラウドサービスである。利用者は、管理ポータルから必要な資源を申し込み、"
    "即日利用を開始できる。" },
  { GEN_BLOCK_SECTION, NULL, "サービスの基本タイプ" },
  { GEN_BLOCK_TABLE_H, "spec.types",
    "@34,14,52\n"
    "基本タイプ\t該当\t主な提供内容\n"
    "システム基盤サービス\t○\t仮想サーバ、OS、バックアップ\n"
    "開発・実行基盤サービス\t○\t言語実行環境、コンテナ実行環境\n"
    "アプリ基盤サービス\t○\t認証、IoTデータ収集・管理\n"
    "ハード基盤サービス\t―\t（提供しない）\n"
    "ネットワーク基盤サービス\t○\t仮想ネットワーク、ロードバランサ、閉域網接続" },

  { GEN_BLOCK_CHAPTER, NULL, "IoTクラウドサービスの基本的な考え方" },
  { GEN_BLOCK_SECTION, NULL, "基本方針" },
  { GEN_BLOCK_PARA, "spec.iot_policy",
    "当社は、IoT機器、IoT側ネットワーク及びクラウドの全体を一つのシステムとして捉え、企画・設計の段階から"
    "セキュリティを組み込む「セキュリティ・バイ・デザイン」を基本とする。機器とクラウドの連携は、"
    "当社が定める接続仕様（MQTT over TLS又はHTTPS）に限る。" },
  { GEN_BLOCK_SECTION, NULL, "安全性（セーフティ）" },
  { GEN_BLOCK_PARA, "spec.safety",
    "アクチュエータを制御する指示は、利用者システムでの確認を経てから機器に送る二段階の方式とし、"
    "通信が途絶した場合は機器側で安全側（停止）に移行する。人の身体に危害を及ぼすおそれのある機器の制御は、"
    "本サービスの対象外とする。" },
  { GEN_BLOCK_SECTION, NULL, "資産管理及び調達管理" },
  { GEN_BLOCK_PARA, "spec.assets",
    "接続される機器はデバイス台帳に登録し、機器ID、設置場所、ファームウェアの版数を管理する。"
    "当社が提供する機器は、当社の評価基準（通信の暗号化、ファームウェア更新機能、脆弱性対応体制）を"
    "満たす製造元からのみ調達する。" },

  { GEN_BLOCK_CHAPTER, NULL, "提供サービス" },
  { GEN_BLOCK_SECTION, NULL, "提供サービスの一覧" },
  { GEN_BLOCK_PARA, "spec.scope",
    "本サービスで提供するサービスは、本章に記載するものに限る。本章に記載のないサービス（ハウジング、"
    "物理機器の販売等）は本サービスの範囲外であり、必要な場合は別途の契約による。" },
  { GEN_BLOCK_SECTION, NULL, "サーバ及びOS" },
  { GEN_BLOCK_PARA, "spec.server",
    "仮想サーバは共用の仮想化基盤上で提供する。物理サーバを占有する専有サーバはオプションとして提供する。"
    "ハイパーバイザは利用者には提供せず、仮想マシン単位で提供する。" },
  { GEN_BLOCK_TABLE_H, "spec.os",
    "@40,60\n"
    "OS\t提供バージョン\n"
    "Red Hat Enterprise Linux\t8、9\n"
    "Ubuntu Server\t22.04 LTS、24.04 LTS\n"
    "Windows Server\t2019、2022" },
  { GEN_BLOCK_PARA, "spec.server_mgmt",
    "OSの初期化は、管理ポータルからOSテンプレートを選んで再インストールする方法で行う。OSのセキュリティパッチは"
    "当社が検証後に提供し、適用は利用者が行う。マネージドオプションを契約した場合は、当社が毎月1回適用する。" },
  { GEN_BLOCK_SECTION, NULL, "ストレージ及びバックアップ" },
  { GEN_BLOCK_PARA, "spec.storage",
    "ブロックストレージ（SSD又はHDD、1ボリューム最大16TB）及びS3互換APIのオブジェクトストレージを提供する。" },
  { GEN_BLOCK_PARA, "spec.backup",
    "仮想マシン及びブロックストレージのバックアップは、毎日午前2時からスナップショット方式で取得し、14世代（14日分）を"
    "保持する。障害時のリストアは利用者が管理ポータルから行えるほか、当社による復旧作業（有償）も受け付ける。"
    "バックアップデータは、取得したデータセンターとは別の地域のデータセンターにも複製する。" },
  { GEN_BLOCK_SECTION, NULL, "ネットワーク" },
  { GEN_BLOCK_PARA, "spec.lines",
    "インターネット接続は基本料金に含まれ、最大1Gbpsの共有帯域（ベストエフォート）で提供する。"
    "専用線又はIP-VPNによる閉域網接続は別契約（有償）とし、100Mbpsからの帯域保証メニューを用意する。" },
  { GEN_BLOCK_PARA, "spec.admin_access",
    "利用者の管理者が仮想サーバに接続する手段として、SSL-VPN経由のSSH接続、及び踏み台サーバ経由の"
    "リモートデスクトップ（RDP）接続を提供する。" },
  { GEN_BLOCK_PARA, "spec.network_devices",
    "仮想ルータ及び仮想ファイアウォールを標準で提供し、L4/L7ロードバランサ（ヘルスチェック、SSL/TLS終端、"
    "セッション維持）をオプションで提供する。物理スイッチを専有で提供するメニューもある。" },
  { GEN_BLOCK_PARA, "spec.dns",
    "グローバルIPアドレスの払い出し及び管理、並びに権威DNSサーバの提供を行う。ドメイン名の取得代行は行わない。" },
  { GEN_BLOCK_SECTION, NULL, "アプリケーション支援及び開発環境" },
  { GEN_BLOCK_PARA, "spec.app_support",
    "ASP・SaaS事業者を支援する機能として、認証（ID連携及び多要素認証）、タイムスタンプ（時刻配信）及び"
    "暗号鍵管理を提供する。決済・課金、位置情報及び言語変換の機能は提供しない。" },
  { GEN_BLOCK_PARA, "spec.devenv",
    "開発・実行環境として、Java（17、21）、Python 3.11、Node.js 20、PHP 8.2、Ruby 3.2、Go 1.22 及び"
    "C/C++（GCC）の実行環境と、Kubernetesによるコンテナ実行環境を提供する。" },
  { GEN_BLOCK_PARA, "spec.mail_web",
    "メールは、アプリケーションからの送信に用いるSMTPリレーのみを提供し、Webメール及びメーリングリストは提供しない。"
    "Webについては、Webサーバ（nginx、Apache）のテンプレートとアクセスログの取得（保存期間90日）を提供し、"
    "WAFをオプションとする。ブログ及び掲示板は提供しない。" },
  { GEN_BLOCK_SECTION, NULL, "IoT支援サービス" },
  { GEN_BLOCK_PARA, "spec.iot_support",
    "IoTシステムの構築を支援するため、MQTT及びHTTPSによるデータ収集、Modbus及びBACnetからMQTTへのプロトコル変換、"
    "機器ごとのアクセス制御、並びにファームウェア配信を含むデバイス管理の機能を提供する。" },
  { GEN_BLOCK_PARA, "spec.iot_network",
    "IoT側ネットワークとしては、当社が提供するSIMによるLTE通信（下り最大150Mbps、上り最大50Mbps、"
    "ベストエフォート）を推奨する。屋外の広域設置ではLPWA（LoRaWAN）の利用を推奨する。" },
  { GEN_BLOCK_SECTION, NULL, "統合リソース及びレンタル機器" },
  { GEN_BLOCK_PARA, "spec.vpc",
    "仮想マシン、ストレージ、仮想ネットワーク及びロードバランサを、利用者ごとに分離された仮想プライベートクラウド"
    "（VPC）として統合的に提供する。" },
  { GEN_BLOCK_PARA, "spec.rental",
    "IoTゲートウェイ MDS-GW200 をレンタルで提供する。故障時はセンドバック方式により、連絡を受けた翌営業日に"
    "代替機を発送する。運用・保守支援として、ゲートウェイの死活監視とファームウェアの定期更新を行う。" },
  { GEN_BLOCK_SECTION, NULL, "カスタマイズ" },
  { GEN_BLOCK_PARA, "spec.customize",
    "本サービスは標準メニューの組合せで提供する。標準メニューで対応できない個別の要件は、相談に応じて"
    "可否と費用を個別に見積もる。" },

  { GEN_BLOCK_CHAPTER, NULL, "IoT機器" },
  { GEN_BLOCK_SECTION, NULL, "提供するセンサー" },
  { GEN_BLOCK_TABLE, "spec.sensors",
    "@26,74\n"
    "製品\t環境センサー MDS-ENV10（温度・湿度・CO2）\r電力センサー MDS-PWR20\n"
    "主な機能\t環境値及び電力値を計測し、Bluetooth Low Energy によりゲートウェイへ送信する。\n"
    "セキュリティ\t通信はAES-128で暗号化。技術基準適合証明（技適）取得済み。\n"
    "組込みソフト\t当社開発のMDS Sensor Firmware（無線経由の更新（OTA）に対応）" },
  { GEN_BLOCK_PARA, "spec.sensor_conditions",
    "センサーは、ゲートウェイ1台あたり200台まで接続できる。設置場所は日本国内の屋内（温度0～40℃、結露しないこと）"
    "に限る。本サービス以外の目的で使用すること、及び当社が提供していない機器を接続することにより生じた損害について、"
    "当社は責任を負わない。" },
  { GEN_BLOCK_PARA, "spec.sensor_security",
    "センサーには初期パスワードがなく、機器ごとに書き込まれた証明書により認証する。ファームウェアは自動で更新され、"
    "クラウドへはゲートウェイを経由してのみ接続する。盗難対策として固定金具を同梱し、取り外しを検知すると"
    "管理ポータルへ通知する。設置場所の施錠を推奨する。" },
  { GEN_BLOCK_PARA, "spec.sensor_maint",
    "センサーの保守は当社IoTサポートセンターが行う。稼働状況を遠隔で監視し、故障時はセンドバック方式で翌営業日に"
    "交換品を発送する。稼働状況のレポートは年1回提供する。" },
  { GEN_BLOCK_SECTION, NULL, "IoTゲートウェイ" },
  { GEN_BLOCK_TABLE, "spec.gateway",
    "@26,74\n"
    "製品\tIoTゲートウェイ MDS-GW200\n"
    "主な機能\tセンサーデータの集約、プロトコル変換、LTE又は有線LANによるクラウド接続、通信断時のローカル蓄積（最大72時間分）\n"
    "セキュリティ\tセキュアブート、TPM 2.0 搭載。技適及びVCCI取得済み。\n"
    "接続条件\t1拠点に1台以上設置。1台あたりセンサー200台まで。屋内設置（0～45℃）。" },
  { GEN_BLOCK_PARA, "spec.gateway_terms",
    "ゲートウェイは、本サービスへの接続以外の目的に使用してはならない。また、改造及び分解を禁止する。"
    "ゲートウェイは施錠できる場所（マシン室、ラック内等）に設置することを推奨する。筐体が開けられた場合は"
    "開封検知により管理ポータルへ通知する。" },
  { GEN_BLOCK_PARA, "spec.gateway_maint",
    "ゲートウェイは当社が24時間365日遠隔で監視し、故障時はセンドバック方式で翌営業日に代替機を発送する。"
    "ファームウェアは当社が定期的に更新する。" },
  { GEN_BLOCK_SECTION, NULL, "推奨端末及び推奨機器" },
  { GEN_BLOCK_TABLE_H, "spec.terminals",
    "@30,70\n"
    "区分\t推奨環境\n"
    "操作端末\tPC：Windows 10/11、macOS 13以降\rタブレット：iPadOS 16以降、Android 12以降\n"
    "ブラウザ\tGoogle Chrome、Microsoft Edge、Safari、Mozilla Firefox（いずれも最新版）" },
  { GEN_BLOCK_PARA, "spec.recommended_sensors",
    "他社製のセンサー及びアクチュエータのうち、当社が接続検証を完了した製品を「接続検証済み機器一覧」に掲載し、"
    "推奨機器としている。掲載機器は温湿度、照度、振動等を計測するものであり、接続検証では通信の暗号化と"
    "ファームウェア更新機能を確認している。" },
  { GEN_BLOCK_PARA, "spec.recommended_edge",
    "エッジコンピュータとしては、産業用エッジコンピュータ MDS-EDGE5 を推奨する。MDS-EDGE5 は、収集データの"
    "前処理（フィルタリング、集計）及びAI推論を機器側で実行できる。セキュアブート及びディスク暗号化に対応し、"
    "VCCIを取得している。" },

  { GEN_BLOCK_CHAPTER, NULL, "信頼性及びセキュリティ" },
  { GEN_BLOCK_SECTION, NULL, "冗長化" },
  { GEN_BLOCK_PARA, "spec.redundancy",
    "サーバ、ストレージ及びネットワーク機器は全て二重化しており、仮想マシンは物理サーバの障害時に他の物理サーバ上で"
    "自動的に再起動する。利用者のデータ及びシステムのバックアップは、東日本第1データセンター（関東）から"
    "西日本第2データセンター（近畿）へ日次で複製する。" },
  { GEN_BLOCK_SECTION, NULL, "データの所在" },
  { GEN_BLOCK_PARA, "spec.location",
    "本サービスは当社が契約する国内2か所のデータセンター（東日本第1データセンター及び西日本第2データセンター）で"
    "提供し、利用者のデータを日本国外に保存することはない。" },
  { GEN_BLOCK_SECTION, NULL, "認証" },
  { GEN_BLOCK_PARA, "spec.user_auth",
    "利用者の認証は、IDとパスワードに加えてワンタイムパスワードによる多要素認証を必須とする。"
    "SAML 2.0 による利用者のID基盤とのシングルサインオンにも対応する。" },
  { GEN_BLOCK_PARA, "spec.device_auth",
    "IoT機器の認証は、機器ごとに発行するX.509クライアント証明書を用いた相互TLS認証により行い、"
    "デバイス台帳に登録された機器IDと一致しない機器からの接続は受け付けない。" },
  { GEN_BLOCK_SECTION, NULL, "不正アクセス対策" },
  { GEN_BLOCK_PARA, "spec.firewall",
    "インターネットとの境界には冗長構成の次世代ファイアウォールを設置し、許可した通信以外を遮断する。" },
  { GEN_BLOCK_PARA, "spec.spoofing",
    "当社を装ったなりすましを防ぐため、管理ポータル及びAPIにはEV SSLサーバ証明書を使用し、"
    "当社が送信するメールには送信ドメイン認証（SPF、DKIM及びDMARC）を適用している。" },
  { GEN_BLOCK_PARA, "spec.encryption",
    "保存データはAES-256で暗号化し、通信はTLS 1.2以上で暗号化する。データセンター内での管理者の操作は"
    "すべて記録する。" },

  { GEN_BLOCK_CHAPTER, NULL, "料金" },
  { GEN_BLOCK_TABLE_H, "spec.price",
    "@34,26,40\n"
    "項目\t金額（税別）\t備考\n"
    "初期費用\t50,000円\t契約ごと\n"
    "月額利用料（基本プラン）\t98,000円\t仮想サーバ4台、ストレージ2TBを含む\n"
    "IoT接続料\t1台あたり月額300円\tセンサー、ゲートウェイ\n"
    "最低利用期間\t12ヶ月\t" },
  { GEN_BLOCK_NOTE, NULL, "※オプション料金は別紙料金表による。料金は改定することがある。" },

  { GEN_BLOCK_CHAPTER, NULL, "サポート" },
  { GEN_BLOCK_SECTION, NULL, "問合せ窓口" },
  { GEN_BLOCK_TABLE, "spec.contact",
    "@30,70\n"
    "電話\t0120-370-482（フリーダイヤル）\n"
    "FAX\t03-5400-1239\n"
    "Web\tサポートポータル https://support.minato-ds.co.jp/\n"
    "電子メール\tsupport@minato-ds.co.jp\n"
    "代理店\t代理店による販売及び窓口業務は行っていない。" },
  { GEN_BLOCK_PARA, "spec.contact_ops",
    "運用体制（監視体制、保守体制等）に関する問合せも上記窓口で受け付ける。" },
  { GEN_BLOCK_SECTION, NULL, "受付時間及びサポート範囲" },
  { GEN_BLOCK_PARA, "spec.hours",
    "窓口の受付時間は、平日の9時から18時まで（土曜日、日曜日、祝日及び年末年始を除く。）とする。"
    "障害の受付は、電話及びサポートポータルで24時間365日行う。" },
  { GEN_BLOCK_PARA, "spec.support_scope",
    "サポートの範囲は、本サービスの操作方法、障害及び技術的な問合せとする。利用者のアプリケーションの"
    "開発支援は範囲外とする。連絡手段は、電話、電子メール及びサポートポータルとする。" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec spec_spec = {
  .id = "資料4",
  .title = "サービス仕様書",
  .filename = "資料4_サービス仕様書.pdf",
  .subtitle = "MINATO IoT Cloud Base",
  .docno = "MDS-ICB-SPEC-2024",
  .edition = "第7版",
  .date_text = "2024年5月15日",
  .issuer = COMPANY,
  .pdf_date = "2024-05-15T13:05:00+09:00",
  .folio = GEN_FOLIO_PLAIN,
  .page_labels = TRUE,
  .cover = TRUE,
  .toc = TRUE,
  .toc_sections = TRUE,
  .chapter_new_page = TRUE,
  .running_header = TRUE,
  .blocks = spec_blocks,
};

/* 資料5: the SLA, "n/m" on every page */
static const GenBlock sla_blocks[] = {
  { GEN_BLOCK_TITLE, NULL, "サービスレベル合意書（SLA）\nMINATO IoT Cloud Base" },
  { GEN_BLOCK_PARA, NULL,
    "株式会社ミナトデータシステムズ（以下「当社」という。）は、「MINATO IoT Cloud Base」（以下「本サービス」という。）"
    "のサービスレベルについて、サービス利用約款に基づき次のとおり定める。" },
  { GEN_BLOCK_ARTICLE, "sla.a1",
    "位置付け\n本合意書は、サービス利用約款の別紙として本サービスの利用契約書に添付され、利用契約と一体をなすものとする。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "適用範囲\n本合意書は、本サービスのうち、仮想サーバ、ストレージ、ネットワーク及びIoTデータ収集機能に適用する。"
    "オプションサービス及びベータ版として提供する機能には適用しない。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "定義\n本合意書で用いる用語の意味は、次のとおりとする。" },
  { GEN_BLOCK_TABLE, NULL,
    "@28,72\n"
    "サービス提供時間\t暦月の総時間から、第6条の計画メンテナンスの時間を除いた時間\n"
    "サービス停止時間\t利用者の全部又は一部が本サービスを利用できない状態が連続して5分以上継続した時間の合計\n"
    "サービス稼働時間\tサービス提供時間からサービス停止時間を除いた時間\n"
    "サービス稼働率\t（サービス稼働時間 ÷ サービス提供時間）× 100（%）" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_ARTICLE, "sla.target",
    "サービス稼働率\n当社は、本サービスの月間のサービス稼働率の目標値を99.9%以上とする。\n"
    "２　当社は、目標値を下回った月について、第7条に定めるサービスクレジットを利用者に付与する。" },
  { GEN_BLOCK_HEADING, NULL, "参考：サービス稼働率の実績" },
  { GEN_BLOCK_TABLE_H, "sla.actual",
    "@40,30,30\n"
    "期間\t稼働率（実績）\t主な停止\n"
    "2023年4月～2023年9月\t99.96%\t2023年8月 2時間（ストレージ障害）\n"
    "2023年10月～2024年3月\t99.99%\tなし\n"
    "2023年4月～2024年3月（年間）\t99.98%\t" },
  { GEN_BLOCK_NOTE, "sla.incidents",
    "※過去1年間のサービス停止事故は、2023年8月17日のストレージ制御装置の障害による約2時間の停止1件である。"
    "原因と再発防止策は利用者に報告済み。" },
  { GEN_BLOCK_ARTICLE, "sla.failure",
    "障害の通知\n当社は、本サービスに利用者に影響する障害が発生したときは、障害を検知してから30分以内に、"
    "電子メール及びサポートポータルにより利用者に第一報を通知する。以後、復旧まで1時間ごとに状況を通知する。\n"
    "２　大規模な災害その他の緊急事態が発生したときは、電子メール、サポートポータル及び当社Webサイトにより通知する。\n"
    "３　利用者への影響がない障害は、通知の対象としない。" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_ARTICLE, "sla.maintenance",
    "メンテナンス\n当社は、本サービスを一時的に停止する計画メンテナンスを行うときは、実施日の1ヵ月前までに、"
    "電子メール及びサポートポータルにより利用者に告知する。ただし、緊急を要するメンテナンスはこの限りでない。\n"
    "２　計画メンテナンスは、原則として毎月第3日曜日の午前1時から午前5時までの間に行う。\n"
    "３　保守作業の実施中も、利用者は電話により緊急の問合せを行うことができる。" },
  { GEN_BLOCK_ARTICLE, "sla.credit",
    "サービスクレジット\n月間のサービス稼働率が目標値を下回った場合、当社は、利用者の請求に基づき、"
    "次の表に定める割合の額を翌々月の月額利用料から減額する。" },
  { GEN_BLOCK_TABLE_H, NULL,
    "@50,50\n"
    "月間サービス稼働率\t減額の割合（月額利用料に対して）\n"
    "99.9%未満 99.0%以上\t10%\n"
    "99.0%未満 95.0%以上\t25%\n"
    "95.0%未満\t50%" },
  { GEN_BLOCK_PARA, NULL,
    "２　サービスクレジットの請求は、対象月の翌月末日までに行わなければならない。\n"
    "３　サービスクレジットは、本サービスの停止について当社が負う唯一の責任とする。ただし、当社の故意又は"
    "重大な過失による場合はこの限りでない。" },
  { GEN_BLOCK_PAGEBREAK, NULL, NULL },
  { GEN_BLOCK_ARTICLE, "sla.report",
    "定期報告\n当社は、毎月10日までに、前月のサービス稼働率、本合意書の達成状況、障害及び保守の実績をまとめた"
    "月次報告書を、サポートポータルで利用者に提供する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "適用除外\n次の各号に該当する停止は、サービス停止時間に含めない。\n"
    "（1）計画メンテナンス及び利用者の同意を得て行った作業による停止\n"
    "（2）利用者の設備、ソフトウェア又は操作に起因する停止\n"
    "（3）天災地変その他当社の責によらない事由による停止" },
  { GEN_BLOCK_ARTICLE, NULL,
    "見直し\n本合意書は、年1回見直しを行い、変更する場合はサービス利用約款の定めに従い利用者に通知する。" },
  { GEN_BLOCK_RIGHT, NULL, "制定　2018年4月1日\n改定　2024年4月1日" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec sla_spec = {
  .id = "資料5",
  .title = "サービスレベル合意書（SLA）",
  .filename = "資料5_SLA.pdf",
  .issuer = COMPANY,
  .pdf_date = "2024-04-01T10:00:00+09:00",
  .folio = GEN_FOLIO_FRACTION,
  .running_header = TRUE,
  .marking = "MDS-ICB-SLA",
  .blocks = sla_blocks,
};

/* 資料6: an extract of the operations manual (cover, contents and the
 * cited pages only), printed, then scanned by the office */
static const GenBlock ops_blocks[] = {
  { GEN_BLOCK_TOC_ONLY, NULL, "第1章　総則\t1" },
  { GEN_BLOCK_TOC_ONLY, NULL, "第2章　運用体制\t3" },
  { GEN_BLOCK_TOC_ONLY, NULL, "第3章　日常運用\t7" },
  { GEN_BLOCK_FOLIO_JUMP, NULL, "12" },
  { GEN_BLOCK_CHAPTER, NULL, "4|監視" },
  { GEN_BLOCK_SECTION, "ops.alive", "死活監視" },
  { GEN_BLOCK_PARA, "ops.alive_text",
    "運用センターは、物理サーバ、ストレージ、ネットワーク機器及び全ての仮想マシンを対象に、1分間隔で死活監視を行う。"
    "監視は24時間365日行い、異常を検知した場合は、影響を受ける利用者に15分以内に電子メールで通知する。" },
  { GEN_BLOCK_SECTION, "ops.fault", "障害監視" },
  { GEN_BLOCK_PARA, "ops.fault_text",
    "ハードウェアの障害、システムログの異常及びリソース使用率の閾値超過を統合監視システムで24時間365日監視する。" },
  { GEN_BLOCK_SECTION, "ops.perf", "性能監視" },
  { GEN_BLOCK_PARA, "ops.perf_text",
    "機器障害やシステム遅延を早く見つけるため、データセンター内の監視サーバから各サービスのエンドポイントに"
    "1分間隔でPing及びHTTPによる応答確認を行う。また、外部の監視拠点から管理ポータル画面の表示時間を"
    "5分間隔で計測し、性能を把握する。" },
  { GEN_BLOCK_SECTION, "ops.logs", "ログの取得と保存" },
  { GEN_BLOCK_PARA, "ops.logs_text",
    "利用者の利用状況（アクセスログ、操作ログ）、例外処理及びセキュリティ事象のログを取得し、1年間保存する。"
    "ファイアウォール及びIDS/IPSの通信ログも同様に1年間保存する。ログは改ざん防止のため、書込み後に変更できない"
    "ストレージに保管する。" },
  { GEN_BLOCK_SECTION, "ops.ntp", "時刻同期" },
  { GEN_BLOCK_PARA, "ops.ntp_text",
    "全てのサーバ及びネットワーク機器は、データセンター内のNTPサーバ（GPS受信機を時刻源とする）に同期させる。" },
  { GEN_BLOCK_FOLIO_JUMP, NULL, "21" },
  { GEN_BLOCK_CHAPTER, NULL, "6|セキュリティ運用" },
  { GEN_BLOCK_SECTION, "ops.virus", "ウイルス対策" },
  { GEN_BLOCK_PARA, "ops.virus_text",
    "全てのサーバにウイルス対策ソフトを導入し、ファイルアクセス時にリアルタイムで検査する。パターンファイルは"
    "ベンダーのリリースから1時間以内に自動で更新する。メール及びダウンロードファイルは、ゲートウェイで検査する。" },
  { GEN_BLOCK_SECTION, "ops.patch", "セキュリティパッチの管理" },
  { GEN_BLOCK_PARA, "ops.patch_text",
    "セキュリティパッチの情報は、JPCERT/CC及び各ベンダーの公開情報を毎日確認して取得する。取得した情報は"
    "CVSS v3 の値で評価し、通常は月1回の定期メンテナンスで適用する。CVSS 9.0以上の緊急の脆弱性は"
    "72時間以内に適用するか、回避策を講じる。" },
  { GEN_BLOCK_SECTION, "ops.vuln", "脆弱性診断" },
  { GEN_BLOCK_PARA, "ops.vuln_text",
    "年1回、第三者の専門業者による脆弱性診断を受ける。検出された脆弱性はCVSS v3 で評価し、"
    "「高」以上は30日以内に対策する。対策の実施状況はCISOに報告する。" },
  { GEN_BLOCK_SECTION, "ops.privid", "特権IDの管理" },
  { GEN_BLOCK_PARA, "ops.privid_text",
    "運用者の特権IDは、特権ID申請書により申請し、運用部長の承認を得て登録する。異動又は退職の際は、"
    "当日中に削除する。登録及び削除の記録は3年間保存する。" },
  { GEN_BLOCK_SECTION, "ops.ids", "不正侵入の検知" },
  { GEN_BLOCK_PARA, "ops.ids_text",
    "IDS/IPSにより不正なパケット及び権限のないサーバへの侵入を検知し、既知の攻撃は自動で遮断する。"
    "SOC（セキュリティ監視センター）が24時間監視し、検知から15分以内に一次対応を開始する。" },
  { GEN_BLOCK_FOLIO_JUMP, NULL, "31" },
  { GEN_BLOCK_CHAPTER, NULL, "8|障害及びインシデントへの対応" },
  { GEN_BLOCK_SECTION, "ops.notify", "障害時の利用者への通知" },
  { GEN_BLOCK_PARA, "ops.notify_text",
    "利用者に影響する障害を検知した場合は、検知から30分以内にサポートポータルへ掲載し、電子メールで"
    "第一報を送る。利用者への影響がない障害は通知の対象外とする。" },
  { GEN_BLOCK_SECTION, "ops.incident", "セキュリティインシデント" },
  { GEN_BLOCK_PARA, "ops.incident_text",
    "セキュリティインシデントが発生した場合は、①影響を受ける利用者への通知（24時間以内）、②被害の拡大防止、"
    "③暫定対策、④恒久対策の順に対応し、対応完了後に報告書を利用者に提出する。" },
  { GEN_BLOCK_SECTION, "ops.erase", "データの消去" },
  { GEN_BLOCK_PARA, "ops.erase_text",
    "契約終了後の利用者データは、NIST SP 800-88 に準拠した方法で消去する。利用者から求めがあった場合は、"
    "消去方法の概要を秘密保持契約の締結を条件に開示し、データ消去証明書を発行する。" },
  { GEN_BLOCK_TOC_ONLY, NULL, "第9章　変更管理\t35" },
  { GEN_BLOCK_TOC_ONLY, NULL, "第10章　記録と報告\t39" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec ops_spec = {
  .id = "資料6",
  .title = "運用マニュアル（抜粋）",
  .filename = "資料6_運用マニュアル（抜粋）.pdf",
  .subtitle = "MINATO IoT Cloud Base\n（抜粋：表紙、目次、第4章、第6章、第8章）",
  .docno = "MDS-OPS-001",
  .edition = "第9版",
  .date_text = "2024年2月1日 改定",
  .issuer = COMPANY,
  .marking = "社外秘",
  .pdf_date = "2024-06-06T11:03:27+09:00",
  .folio = GEN_FOLIO_PLAIN,
  .cover = TRUE,
  .toc = TRUE,
  .running_header = TRUE,
  .scanned = TRUE,
  .blocks = ops_blocks,
};

/* 資料7: the data-centre operator's own facility summary (an outsourcer's
 * document, as the rules want for outsourced parts) */
static const GenBlock dc_blocks[] = {
  { GEN_BLOCK_PARA, NULL,
    "本書は、株式会社ジャパン・データファシリティーズ（以下「当社」という。）が株式会社ミナトデータシステムズ様に"
    "提供するデータセンターの設備の概要を示すものです。" },
  { GEN_BLOCK_CHAPTER, NULL, "データセンターの概要" },
  { GEN_BLOCK_TABLE_H, "dc.outline",
    "@28,36,36\n"
    "項目\t東日本第1データセンター\t西日本第2データセンター\n"
    "略称\tE1\tW2\n"
    "事業開始\t2009年\t2014年\n"
    "建物形態\tデータセンター専用建物\tデータセンター専用建物\n"
    "所在地域\t日本（関東）\t日本（近畿）" },
  { GEN_BLOCK_PARA, "dc.site",
    "E1は、N値50以上の強固な支持地盤の上に建設されており、自治体のハザードマップで浸水想定区域外にある。"
    "W2は、海抜25mの高台に位置し、津波及び高潮による浸水のおそれが小さい。" },
  { GEN_BLOCK_CHAPTER, NULL, "建物及び構造" },
  { GEN_BLOCK_PARA, "dc.quake",
    "E1及びW2は、いずれも免震構造の建物であり、震度7相当の地震に対しても建物の構造体が損傷しない強度で"
    "設計されている。サーバラックは床に固定している。" },
  { GEN_BLOCK_CHAPTER, NULL, "電源設備" },
  { GEN_BLOCK_TABLE_H, "dc.power",
    "@28,36,36\n"
    "項目\tE1\tW2\n"
    "受電\t異なる2か所の変電所から2回線で受電\t異なる2か所の変電所から2回線で受電\n"
    "UPS\t有り（N+1構成、バッテリー運転10分）\t有り（N+1構成、バッテリー運転15分）\n"
    "非常用発電機\t有り（停電から40秒以内に起動）\t有り（停電から40秒以内に起動）\n"
    "無給油運転\t72時間\t72時間" },
  { GEN_BLOCK_PARA, "dc.fuel",
    "非常用発電機の燃料は、石油販売会社2社と災害時の優先供給契約を締結しており、72時間を超える停電時も"
    "継続して給油を受けることができる。" },
  { GEN_BLOCK_CHAPTER, NULL, "防災設備" },
  { GEN_BLOCK_PARA, "dc.fire",
    "サーバ室には窒素ガスを用いる新ガス系の自動消火設備を設置している。火災の検知には、煙感知器に加え、"
    "空気を吸引して微量の煙を検知する超高感度煙検知システムを用いている。" },
  { GEN_BLOCK_PARA, "dc.lightning",
    "建物には避雷設備を設けて直撃雷に備えている。誘導雷対策として、受電設備及び通信回線に避雷器を設置し、"
    "20kVまでの雷サージに対応している。" },
  { GEN_BLOCK_CHAPTER, NULL, "空調設備" },
  { GEN_BLOCK_PARA, "dc.hvac",
    "床下から冷気を吹き出す床吹き上げ方式を採用し、コンピュータ専用の空冷式パッケージ空調機をN+1の冗長構成で"
    "設置している。ラック列はホットアイルとコールドアイルに分離している。" },
  { GEN_BLOCK_CHAPTER, NULL, "セキュリティ" },
  { GEN_BLOCK_PARA, "dc.access",
    "入館及びサーバ室への入室には、ICカードと静脈認証による個人認証を行う。入退館の記録は1年間保存する。"
    "監視カメラは建物の内外に設置し、24時間365日録画して映像を90日間保存する。録画データには改ざんを"
    "防止する機能を備えている。" },
  { GEN_BLOCK_PARA, "dc.media",
    "磁気テープ等の媒体は、施錠できる媒体保管庫で保管し、媒体保管管理手順書に従って持出し及び返却を記録する。" },
  { GEN_BLOCK_RIGHT, NULL,
    "2024年5月30日\n株式会社ジャパン・データファシリティーズ\nデータセンター事業本部長　森田 健" },
  { GEN_BLOCK_SEAL, NULL, "ジャパン・データ" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec dc_spec = {
  .id = "資料7",
  .title = "データセンター設備概要書",
  .filename = "資料7_データセンター設備概要書.pdf",
  .subtitle = "株式会社ミナトデータシステムズ様向け",
  .docno = "JDF-FAC-2405",
  .date_text = "2024年5月30日",
  .issuer = "株式会社ジャパン・データファシリティーズ",
  .pdf_date = "2024-05-30T15:00:00+09:00",
  .folio = GEN_FOLIO_DASH,
  .cover = TRUE,
  .running_header = TRUE,
  .blocks = dc_blocks,
};

/* 別紙1: the terms of service, numbered as an attachment */
static const GenBlock tos_blocks[] = {
  { GEN_BLOCK_TITLE, NULL, "MINATO IoT Cloud Base\nサービス利用約款" },
  { GEN_BLOCK_ARTICLE, NULL,
    "適用\n本約款は、株式会社ミナトデータシステムズ（以下「当社」という。）が提供する「MINATO IoT Cloud Base」"
    "（以下「本サービス」という。）の利用に関し、当社と利用者との間に適用される。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "定義\n本約款において「利用者」とは、当社と本サービスの利用契約（以下「利用契約」という。）を締結した法人をいい、"
    "「利用者データ」とは、利用者が本サービスに保存したデータをいう。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "契約の成立\n利用契約は、利用者が当社所定の申込書を提出し、当社がこれを承諾したときに成立する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "サービスの内容\n本サービスの内容は、当社が別に定めるサービス仕様書による。" },
  { GEN_BLOCK_ARTICLE, "tos.sla",
    "サービスレベル\n本サービスのサービスレベルは、別に定めるサービスレベル合意書（SLA）による。"
    "SLAは利用契約書に添付し、利用契約の一部をなす。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "料金及び支払\n利用者は、当社が別に定める料金を、当社の指定する方法により毎月末日までに支払う。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "利用者の責任\n利用者は、本サービスを利用するためのID及びパスワードを自らの責任で管理する。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "禁止事項\n利用者は、法令に違反する行為、当社又は第三者の権利を侵害する行為、"
    "本サービスの運営を妨げる行為をしてはならない。" },
  { GEN_BLOCK_ARTICLE, "tos.devices",
    "IoT機器の使用条件\n利用者は、当社が提供するIoT機器（センサー及びゲートウェイ）を本サービスの利用以外の目的に"
    "使用してはならず、改造又は分解してはならない。\n"
    "２　前項に反する使用、又は当社が提供していない機器の接続により生じた損害について、当社は責任を負わない。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "契約期間\n利用契約の最低利用期間は、サービス開始日から12ヶ月とする。期間満了の1ヶ月前までに"
    "いずれからも申出がないときは、1年間自動で更新する。" },
  { GEN_BLOCK_ARTICLE, "tos.cancel",
    "利用者による解約\n利用者は、解約を希望する日の3ヶ月前までに当社所定の書面により申し出ることにより、"
    "利用契約を解約することができる。\n"
    "２　最低利用期間内に解約する場合、利用者は、残りの期間の月額利用料に相当する額を違約金として一括で支払う。" },
  { GEN_BLOCK_ARTICLE, "tos.change",
    "サービスの変更及び終了\n当社は、本サービスの内容を変更し、又は本サービスの提供を終了するときは、"
    "その6ヶ月前までに、電子メール及び当社Webサイトにより利用者に通知する。" },
  { GEN_BLOCK_ARTICLE, "tos.exit",
    "契約終了時の措置\n当社は、本サービスの提供を終了する場合、代替サービスへの移行を支援することを基本方針とし、"
    "他社サービスを含む代替サービスの紹介、データ移行の支援、及び移行期間中の利用契約の延長に応じる。\n"
    "２　当社は、利用契約の終了後30日間、利用者データを利用者がダウンロードできる状態で保持する。"
    "利用者の求めにより、当社はCSV形式又は利用者の指定する形式で利用者データを暗号化した媒体に格納して"
    "返却する（有償）。\n"
    "３　前項の期間が経過した後、当社は利用者データを消去し、利用者の求めに応じて消去証明書を発行する。" },
  { GEN_BLOCK_ARTICLE, "tos.secret",
    "秘密保持\n当社及び利用者は、利用契約に関して知り得た相手方の秘密情報を、相手方の事前の書面による承諾なく"
    "第三者に開示してはならない。\n"
    "２　前項の義務は、利用契約の終了後も3年間存続する。\n"
    "３　当社又は利用者が本条に違反したときは、相手方に対し、第18条に定めるところにより損害を賠償する。" },
  { GEN_BLOCK_ARTICLE, "tos.privacy",
    "個人情報の取扱い\n当社は、利用者データに含まれる個人情報を、当社の個人情報保護規程に従い、"
    "本サービスの提供に必要な範囲でのみ取り扱う。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "再委託\n当社は、本サービスの提供に必要な業務の一部を第三者に委託することができる。この場合、当社は委託先に"
    "本約款と同等の義務を負わせる。" },
  { GEN_BLOCK_ARTICLE, "tos.disclaimer",
    "免責\n当社は、天災地変、利用者の設備の故障その他当社の責に帰さない事由により生じた損害について責任を負わない。\n"
    "２　本サービスの停止について当社が負う責任は、SLAに定めるサービスクレジットの範囲とする。" },
  { GEN_BLOCK_ARTICLE, "tos.damages",
    "損害賠償\n当社又は利用者が本約款に違反して相手方に損害を与えたときは、その損害を賠償する。"
    "ただし、当社が賠償する額は、損害が発生した月の前12ヶ月間に利用者が支払った利用料の総額を上限とする。" },
  { GEN_BLOCK_ARTICLE, NULL,
    "反社会的勢力の排除\n当社及び利用者は、自らが反社会的勢力に該当しないことを表明し、保証する。" },
  { GEN_BLOCK_ARTICLE, "tos.court",
    "合意管轄\n利用契約に関する一切の紛争については、東京地方裁判所を第一審の専属的合意管轄裁判所とする。" },
  { GEN_BLOCK_HEADING, NULL, "附則" },
  { GEN_BLOCK_PARA, NULL, "本約款は2018年4月1日から実施する。\n2022年10月1日改定、2024年4月1日改定。" },
  { GEN_BLOCK_END, NULL, NULL },
};

static const GenDocSpec tos_spec = {
  .id = "別紙1",
  .title = "サービス利用約款",
  .filename = "別紙1_サービス利用約款.pdf",
  .issuer = COMPANY,
  .pdf_date = "2024-04-01T10:30:00+09:00",
  .folio = GEN_FOLIO_PLAIN,
  .blocks = tos_blocks,
};

const GenDocSpec *const gen_sample_docs[] = {
  &registry_spec,
  &profile_spec,
  &policy_spec,
  &spec_spec,
  &sla_spec,
  &ops_spec,
  &dc_spec,
  &tos_spec,
  NULL,
};
