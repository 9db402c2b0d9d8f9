/* Applicants: the names, numbers and addresses a submission is written
 * for. */

#include "gen-vary.h"

#include <string.h>

typedef struct
{
  const char *short_name;     /* ミナトデータシステムズ (after 株式会社) */
  const char *kana;           /* カブシキガイシャ… */
  const char *english;        /* Minato Data Systems */
  const char *domain;         /* minato-ds */
  const char *prefix;         /* MDS: document and product codes */
  const char *service;        /* MINATO IoT Cloud Base */
  const char *service_kana;   /* ミナト IoT クラウドベース */
  const char *rep_family;     /* 高橋 */
  const char *rep_given;      /* 誠一 */
  const char *rep_reading;    /* たかはし せいいち */
  const char *town;           /* 東京都港区芝浦 */
  const char *bureau;         /* 東京法務局港出張所 */
  const char *bureau_code;    /* first 4 digits of the 会社法人等番号 */
  const char *postcode;
  const char *phone;          /* 03-5400-1230 */
  const char *dc_name;        /* ジャパン・データファシリティーズ */
  const char *dc_seal;        /* ジャパン・データ */
  const char *dc_prefix;      /* JDF */
  const char *contact;        /* 山本 奈緒 */
} Applicant;

/* entry 0 is the applicant the content is written for */
static const Applicant applicants[] = {
  { "ミナトデータシステムズ", "カブシキガイシャミナトデータシステムズ", "Minato Data Systems",
    "minato-ds", "MDS", "MINATO IoT Cloud Base", "ミナト IoT クラウドベース", "高橋", "誠一",
    "たかはし せいいち", "東京都港区芝浦", "東京法務局港出張所", "0104", "108-0023", "03-5400-1230",
    "ジャパン・データファシリティーズ", "ジャパン・データ", "JDF", "山本 奈緒" },
  { "ホクトクラウドテクノロジー", "カブシキガイシャホクトクラウドテクノロジー",
    "Hokuto Cloud Technology", "hokuto-ct", "HCT", "HOKUTO IoT Platform",
    "ホクト IoT プラットフォーム", "佐々木", "隆之", "ささき たかゆき", "北海道札幌市中央区北一条西",
    "札幌法務局", "4300", "060-0001", "011-231-5580", "ノーザン・データセンター", "ノーザン",
    "NDC", "工藤 由美" },
  { "なにわネットソリューションズ", "カブシキガイシャナニワネットソリューションズ",
    "Naniwa Net Solutions", "naniwa-ns", "NNS", "NANIWA Cloud Infra", "ナニワ クラウドインフラ",
    "中川", "雅人", "なかがわ まさと", "大阪府大阪市北区中之島", "大阪法務局北出張所", "1200",
    "530-0005", "06-6203-4471", "関西インターデータ", "関西インター", "KID", "井上 沙織" },
  { "サクラリンクシステム", "カブシキガイシャサクラリンクシステム", "Sakura Link System",
    "sakuralink", "SLS", "SAKURA LINK Cloud", "サクラリンク クラウド", "石井", "健太郎",
    "いしい けんたろう", "神奈川県横浜市西区みなとみらい", "横浜地方法務局", "0200", "220-0012",
    "045-650-2209", "ジャパン・データファシリティーズ", "ジャパン・データ", "JDF", "森 彩花" },
  { "中部デジタルワークス", "カブシキガイシャチュウブデジタルワークス", "Chubu Digital Works",
    "chubu-dw", "CDW", "CDW Edge Cloud", "シーディーダブリュー エッジクラウド", "加藤", "直樹",
    "かとう なおき", "愛知県名古屋市中村区名駅", "名古屋法務局", "1800", "450-0002",
    "052-581-6630", "セントラル・ファシリティ", "セントラル", "CFS", "水野 真理" },
  { "九州クラウドサービス", "カブシキガイシャキュウシュウクラウドサービス",
    "Kyushu Cloud Service", "q-cloud", "KCS", "Q-CLOUD Base", "キュークラウド ベース", "古賀",
    "浩一", "こが こういち", "福岡県福岡市博多区博多駅前", "福岡法務局", "2900", "812-0011",
    "092-473-1185", "西日本データセンター", "西日本データ", "WDC", "松尾 舞" },
  { "アオバ情報技研", "カブシキガイシャアオバジョウホウギケン", "Aoba Information Laboratory",
    "aoba-il", "AIL", "AOBA IoT Hub", "アオバ IoT ハブ", "菅原", "聡", "すがわら さとし",
    "宮城県仙台市青葉区中央", "仙台法務局", "3700", "980-0021", "022-266-4418",
    "ジャパン・データファシリティーズ", "ジャパン・データ", "JDF", "佐藤 恵美" },
  { "テンザンシステムズ", "カブシキガイシャテンザンシステムズ", "Tenzan Systems", "tenzan-sys",
    "TZS", "TENZAN Cloud Foundation", "テンザン クラウドファウンデーション", "渡部", "剛",
    "わたなべ つよし", "東京都千代田区神田須田町", "東京法務局", "0100", "101-0041",
    "03-3254-7702", "関西インターデータ", "関西インター", "KID", "長谷川 純" },
};

struct _GenVary
{
  const Applicant *who;
  GPtrArray       *pairs;     /* old, new, old, new… */
  GPtrArray       *owned;     /* everything handed out */
  GHashTable      *texts;     /* original text → varied text */
  GPtrArray       *answer_pairs;  /* old, new…: the answers' wording only */
};

static const char *const fullwidth_digits[] = {
  "０", "１", "２", "３", "４", "５", "６", "７", "８", "９",
};

static char *
to_fullwidth (const char *ascii)
{
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append (out, fullwidth_digits[*p - '0']);
      else if (*p == '-')
        g_string_append (out, "－");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
pair (GenVary    *v,
      const char *old,
      const char *new_text)
{
  if (strcmp (old, new_text) == 0)
    return;
  g_ptr_array_add (v->pairs, g_strdup (old));
  g_ptr_array_add (v->pairs, g_strdup (new_text));
}

/* 法人番号: a check digit, then the 12 digits of the 会社法人等番号 */
static char *
corporate_number (const char *base12)
{
  int sum = 0;

  for (int n = 1; n <= 12; n++)
    sum += (base12[12 - n] - '0') * (n % 2 == 1 ? 1 : 2);
  return g_strdup_printf ("%d%s", 9 - sum % 9, base12);
}

GenVary *
gen_vary_new (GenRng   *rng,
              gboolean  reference)
{
  GenVary *v = g_new0 (GenVary, 1);
  const Applicant *a = &applicants[0];
  guint pick = reference ? 0 : 1 + gen_rng_range (rng, G_N_ELEMENTS (applicants) - 1);
  const Applicant *b = &applicants[pick];

  v->who = b;
  v->pairs = g_ptr_array_new_with_free_func (g_free);
  v->owned = g_ptr_array_new_with_free_func (g_free);
  v->texts = g_hash_table_new (g_str_hash, g_str_equal);
  v->answer_pairs = g_ptr_array_new_with_free_func (g_free);
  if (reference)
    return v;

  {
    g_autofree char *base = g_strdup_printf ("%s01%06u", b->bureau_code,
                                             100000 + gen_rng_range (rng, 900000));
    g_autofree char *number = corporate_number (base);
    g_autofree char *old_reg = NULL, *new_reg = NULL, *tmp = NULL;

    /* the longest first: each pair is applied in order */
    pair (v, a->kana, b->kana);
    pair (v, a->short_name, b->short_name);
    pair (v, a->english, b->english);
    pair (v, a->domain, b->domain);
    pair (v, a->service, b->service);
    pair (v, a->service_kana, b->service_kana);
    pair (v, a->rep_reading, b->rep_reading);
    pair (v, a->bureau, b->bureau);
    pair (v, a->town, b->town);
    pair (v, a->postcode, b->postcode);
    pair (v, a->phone, b->phone);
    pair (v, "ミナト芝浦ビル", "本社ビル");
    pair (v, a->dc_name, b->dc_name);
    pair (v, a->dc_seal, b->dc_seal);
    pair (v, a->dc_prefix, b->dc_prefix);
    pair (v, a->contact, b->contact);
    pair (v, "8010401098765", number);
    tmp = to_fullwidth ("0104-01-098765");
    old_reg = g_steal_pointer (&tmp);
    {
      g_autofree char *dashed = g_strdup_printf ("%.4s-%.2s-%s", base, base + 4, base + 6);

      new_reg = to_fullwidth (dashed);
    }
    pair (v, old_reg, new_reg);
    pair (v, a->rep_family, b->rep_family);
    pair (v, a->rep_given, b->rep_given);
    pair (v, a->prefix, b->prefix);
  }
  return v;
}

void
gen_vary_free (GenVary *v)
{
  if (v == NULL)
    return;
  g_ptr_array_unref (v->pairs);
  g_ptr_array_unref (v->owned);
  g_hash_table_unref (v->texts);
  g_ptr_array_unref (v->answer_pairs);
  g_free (v);
}

const char *
gen_vary_name (GenVary *v)
{
  return v->who->short_name;
}

static char *
replace_all (const char *text,
             const char *old,
             const char *new_text)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  return g_strjoinv (new_text, parts);
}

/* text with every pair of pairs applied in order; allocated */
static char *
apply_pairs (GPtrArray  *pairs,
             const char *text)
{
  char *out = g_strdup (text);

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    if (strstr (out, g_ptr_array_index (pairs, i)) != NULL)
      {
        char *next = replace_all (out, g_ptr_array_index (pairs, i),
                                  g_ptr_array_index (pairs, i + 1));

        g_free (out);
        out = next;
      }
  return out;
}

const char *
gen_vary_text (GenVary    *v,
               const char *text)
{
  char *out;

  if (text == NULL || v->pairs->len == 0)
    return text;
  out = g_hash_table_lookup (v->texts, text);
  if (out != NULL)
    return out;
  out = apply_pairs (v->pairs, text);
  g_ptr_array_add (v->owned, out);
  g_hash_table_insert (v->texts, (gpointer) text, out);
  return out;
}

const GenDocSpec *
gen_vary_doc (GenVary          *v,
              const GenDocSpec *spec)
{
  GenDocSpec *copy;
  GenBlock *blocks;
  guint n = 0;

  if (v->pairs->len == 0)
    return spec;
  while (spec->blocks[n].kind != GEN_BLOCK_END)
    n++;
  blocks = g_new0 (GenBlock, n + 1);
  for (guint i = 0; i < n; i++)
    {
      blocks[i] = spec->blocks[i];
      blocks[i].text = gen_vary_text (v, spec->blocks[i].text);
    }
  copy = g_new0 (GenDocSpec, 1);
  *copy = *spec;
  copy->title = gen_vary_text (v, spec->title);
  copy->filename = gen_vary_text (v, spec->filename);
  copy->subtitle = gen_vary_text (v, spec->subtitle);
  copy->docno = gen_vary_text (v, spec->docno);
  copy->issuer = gen_vary_text (v, spec->issuer);
  copy->approver = gen_vary_text (v, spec->approver);
  copy->web_url = gen_vary_text (v, spec->web_url);
  copy->blocks = blocks;
  g_ptr_array_add (v->owned, blocks);
  g_ptr_array_add (v->owned, copy);
  return copy;
}

const GenAnswer *
gen_vary_answers (GenVary         *v,
                  const GenAnswer *answers)
{
  GenAnswer *copy;
  guint n = 0;

  if (v->pairs->len == 0)
    return answers;
  while (answers[n].no != 0)
    n++;
  copy = g_new0 (GenAnswer, n + 1);
  for (guint i = 0; i < n; i++)
    {
      copy[i] = answers[i];
      for (guint f = 0; f < G_N_ELEMENTS (copy[i].fields) && answers[i].fields[f] != NULL; f++)
        {
          copy[i].fields[f] = gen_vary_text (v, answers[i].fields[f]);
          if (v->answer_pairs->len > 0)
            copy[i].fields[f] = gen_vary_keep (v, apply_pairs (v->answer_pairs,
                                                               copy[i].fields[f]));
        }
      copy[i].cite = gen_vary_text (v, answers[i].cite);
      copy[i].plant_note = gen_vary_text (v, answers[i].plant_note);
    }
  g_ptr_array_add (v->owned, copy);
  return copy;
}

const GenCompany *
gen_vary_company (GenVary          *v,
                  const GenCompany *co)
{
  GenCompany *copy;
  g_autofree char *mail = NULL;

  if (v->pairs->len == 0)
    return co;
  copy = g_new0 (GenCompany, 1);
  *copy = *co;
  copy->name = gen_vary_text (v, co->name);
  copy->name_kana = gen_vary_text (v, co->name_kana);
  copy->corporate_number = gen_vary_text (v, co->corporate_number);
  copy->representative = gen_vary_text (v, co->representative);
  copy->postcode = gen_vary_text (v, co->postcode);
  copy->address = gen_vary_text (v, co->address);
  copy->service = gen_vary_text (v, co->service);
  copy->contact_name = gen_vary_text (v, co->contact_name);
  copy->contact_phone = gen_vary_text (v, co->contact_phone);
  copy->contact_mail = gen_vary_text (v, co->contact_mail);
  g_ptr_array_add (v->owned, copy);
  return copy;
}

GenDocSpec *
gen_vary_doc_copy (GenVary          *v,
                   const GenDocSpec *spec)
{
  const GenDocSpec *varied = gen_vary_doc (v, spec);
  GenDocSpec *copy = g_new0 (GenDocSpec, 1);

  *copy = *varied;
  g_ptr_array_add (v->owned, copy);
  return copy;
}

const char *
gen_vary_keep (GenVary *v,
               char    *text)
{
  g_ptr_array_add (v->owned, text);
  return text;
}

void
gen_vary_add_pair (GenVary    *v,
                   const char *old,
                   const char *new_text)
{
  g_autofree char *varied_old = NULL, *varied_new = NULL;

  g_return_if_fail (g_hash_table_size (v->texts) == 0);
  /* the texts as the earlier pairs (the applicant, the facts) leave them */
  varied_old = apply_pairs (v->pairs, old);
  varied_new = apply_pairs (v->pairs, new_text);
  pair (v, varied_old, varied_new);
}

/* "1,234,567": n with thousands separators */
static char *
grouped (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* olds[i] → news[i] for all i at once: through placeholders, so that no
 * new text is taken for a later old one (3ヶ月前 → 6ヶ月前, 6ヶ月前 → 12ヶ月前) */
static void
pairs_at_once (GenVary            *v,
               const char *const  *olds,
               const char *const  *news,
               guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *token = g_strdup_printf ("\x01%u:%s\x01", v->pairs->len, olds[i]);

      pair (v, olds[i], token);
      g_ptr_array_add (v->owned, g_steal_pointer (&token));
    }
  for (guint i = 0; i < n; i++)
    {
      const char *token = g_ptr_array_index (v->owned, v->owned->len - n + i);

      if (strcmp (olds[i], news[i]) == 0)
        pair (v, token, olds[i]);
      else
        pair (v, token, news[i]);
    }
}

typedef struct
{
  const char *yen;        /* 310,000,000円 */
  const char *oku;        /* 3億1,000万円 */
  const char *kanji;      /* 金３億１０００万円 (the registry certificate) */
} Capital;

void
gen_vary_facts (GenVary  *v,
                guint64   seed,
                gboolean  phrasing)
{
  static const Capital capitals[] = {
    { "310,000,000円", "3億1,000万円", "金３億１０００万円" },
    { "150,000,000円", "1億5,000万円", "金１億５０００万円" },
    { "480,000,000円", "4億8,000万円", "金４億８０００万円" },
    { "125,000,000円", "1億2,500万円", "金１億２５００万円" },
    { "900,000,000円", "9億円", "金９億円" },
  };
  /* the SLA's target and the application's claim above it (the sample's
   * planted CITE-WEAK-SUPPORT): both move together */
  static const char *const availability[][2] = {
    { "99.9%", "99.95%" }, { "99.95%", "99.99%" }, { "99.99%", "99.995%" },
  };
  static const char *const provider_notice[] = { "3ヶ月前", "6ヶ月前", "12ヶ月前" };
  static const char *const user_notice[] = { "1ヶ月前", "2ヶ月前", "3ヶ月前", "6ヶ月前" };
  static const char *const renew_notice[] = { "1ヶ月前", "2ヶ月前", "3ヶ月前" };
  static const char *const password[] = { "8文字以上", "10文字以上", "12文字以上", "14文字以上",
                                          "16文字以上" };
  static const char *const retention[] = { "6ヶ月間保存", "1年間保存", "13ヶ月間保存",
                                           "18ヶ月間保存", "2年間保存", "3年間保存" };
  static const char *const east_dc[] = { "東日本第1データセンター", "関東第1データセンター",
                                         "首都圏第1データセンター", "東京第1データセンター" };
  static const char *const west_dc[] = { "西日本第2データセンター", "関西第2データセンター",
                                         "大阪第2データセンター", "近畿第2データセンター" };
  static const char *const have[] = { "有り（", "あり（", "有（", "はい（" };
  GenRng rng;
  const Capital *cap;
  guint a, employees;
  guint64 sales0;
  g_autofree char *staff = NULL, *s0 = NULL, *s1 = NULL, *s2 = NULL;
  g_autofree char *y0 = NULL, *y1 = NULL, *y2 = NULL;

  g_return_if_fail (g_hash_table_size (v->texts) == 0);
  gen_rng_init (&rng, seed ^ G_GUINT64_CONSTANT (0x5eed0fac75));
  employees = 60 + gen_rng_range (&rng, 1400);
  staff = g_strdup_printf ("%u名", employees);
  pair (v, "286名", staff);
  cap = &capitals[gen_rng_range (&rng, G_N_ELEMENTS (capitals))];
  pair (v, "310,000,000円", cap->yen);
  pair (v, "3億1,000万円", cap->oku);
  pair (v, "金３億１０００万円", cap->kanji);
  /* three years of sales, growing 5–15 % a year, to the thousand yen */
  sales0 = (guint64) (800000 + gen_rng_range (&rng, 9000000)) * 1000;
  y0 = grouped (sales0);
  sales0 = sales0 / 1000 * (105 + gen_rng_range (&rng, 11)) / 100 * 1000;
  y1 = grouped (sales0);
  sales0 = sales0 / 1000 * (105 + gen_rng_range (&rng, 11)) / 100 * 1000;
  y2 = grouped (sales0);
  s0 = g_strconcat (y0, "円", NULL);
  s1 = g_strconcat (y1, "円", NULL);
  s2 = g_strconcat (y2, "円", NULL);
  {
    const char *olds[] = { "3,954,210,000円", "4,402,880,000円", "4,826,530,000円" };
    const char *news[] = { s0, s1, s2 };

    pairs_at_once (v, olds, news, 3);
  }
  a = gen_rng_range (&rng, G_N_ELEMENTS (availability));
  {
    const char *olds[] = { "99.95%", "99.9%" };
    const char *news[] = { availability[a][1], availability[a][0] };

    pairs_at_once (v, olds, news, 2);
  }
  {
    const char *olds[] = { "6ヶ月前", "3ヶ月前", "1ヶ月前" };
    const char *news[] = {
      provider_notice[gen_rng_range (&rng, G_N_ELEMENTS (provider_notice))],
      user_notice[gen_rng_range (&rng, G_N_ELEMENTS (user_notice))],
      renew_notice[gen_rng_range (&rng, G_N_ELEMENTS (renew_notice))],
    };

    pairs_at_once (v, olds, news, 3);
  }
  pair (v, "12文字以上", password[gen_rng_range (&rng, G_N_ELEMENTS (password))]);
  {
    const char *olds[] = { "1年間保存", "3年間保存" };
    const char *news[] = { retention[gen_rng_range (&rng, G_N_ELEMENTS (retention))],
                           "3年間保存" };

    pairs_at_once (v, olds, news, 2);
  }
  pair (v, "東日本第1データセンター", east_dc[gen_rng_range (&rng, G_N_ELEMENTS (east_dc))]);
  pair (v, "西日本第2データセンター", west_dc[gen_rng_range (&rng, G_N_ELEMENTS (west_dc))]);
  if (phrasing)
    {
      const char *h = have[gen_rng_range (&rng, G_N_ELEMENTS (have))];

      if (strcmp (h, "有り（") != 0)
        {
          g_ptr_array_add (v->answer_pairs, g_strdup ("有り（"));
          g_ptr_array_add (v->answer_pairs, g_strdup (h));
        }
      if (gen_rng_range (&rng, 2) == 0)
        {
          g_ptr_array_add (v->answer_pairs, g_strdup ("年2回"));
          g_ptr_array_add (v->answer_pairs, g_strdup ("年に2回"));
          g_ptr_array_add (v->answer_pairs, g_strdup ("年1回"));
          g_ptr_array_add (v->answer_pairs, g_strdup ("年に1回"));
        }
    }
}
