/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Document numbers (資料番号) and roles guessed from file names.  Names are
 * matched after NFKC, so full-width digits and letters (資料３, 申請書Ａ,
 * 資料Ｎｏ．３) and half-width katakana read like their usual forms.
 */
#include "shinsa-private.h"

#include <string.h>

typedef struct {
  const char *prefix;      /* as written in the name, after NFKC */
  const char *canonical;   /* what the id starts with */
} IdPrefix;

/* Longer prefixes first: 添付資料2 is 添付2, not 添付 followed by 資料2.
 * 参考資料 stays apart from 資料 so that 参考資料3 is not mistaken for 資料3. */
static const IdPrefix id_prefixes[] = {
  { "添付資料", "添付" },
  { "疎明資料", "資料" },
  { "参考資料", "参考資料" },
  { "資料", "資料" },
  { "別紙", "別紙" },
  { "別添", "別添" },
  { "添付", "添付" },
};

/* real document numbers are short; longer runs are dates or codes */
#define MAX_ID_DIGITS 4

static const char *const evidence_extensions[] = {
  "pdf", "tif", "tiff", "png", "jpg", "jpeg", "gif", "bmp",
  "docx", "doc", "xlsx", "xls",
};

static const char *const registry_names[] = {
  "登記事項証明", "履歴事項全部証明", "現在事項全部証明",
  "履歴事項一部証明", "現在事項一部証明", "閉鎖事項全部証明",
  "登記簿謄本", "登記簿抄本",
};

static const struct { gunichar open, close; } bracket_pairs[] = {
  { '(', ')' }, { '[', ']' }, { '{', '}' }, { '<', '>' },
  { 0x3010, 0x3011 },   /* 【】 */
  { 0x3014, 0x3015 },   /* 〔〕 */
  { 0x300C, 0x300D },   /* 「」 */
  { 0x300E, 0x300F },   /* 『』 */
  { 0x3008, 0x3009 },   /* 〈〉 */
  { 0x300A, 0x300B },   /* 《》 */
  { 0x3016, 0x3017 },   /* 〖〗 */
};

static gboolean
is_dash (gunichar c)
{
  switch (c)
    {
    case '-':
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:          /* minus sign, NFKC leaves it alone */
      return TRUE;
    default:
      return FALSE;
    }
}

/* between a number and its sub-number; ー is often typed for a dash there,
 * but is a letter anywhere else (ポリシー) */
static gboolean
is_subnumber_separator (gunichar c)
{
  return is_dash (c) || c == '.' || c == 0x30FC;
}

/* what may stand between 資料 and its number, or around the title */
static gboolean
is_separator (gunichar c)
{
  return c == ' ' || c == '_' || c == '.' || c == ':' || c == '#' || c == ',' ||
         c == 0x30FB /* ・ */ || c == 0x3001 /* 、 */ || is_dash (c) ||
         g_unichar_isspace (c);
}

static gboolean
is_ascii_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

static int
kanji_digit (gunichar c)
{
  switch (c)
    {
    case 0x3007: case 0x96F6: return 0;   /* 〇 零 */
    case 0x4E00: return 1;                /* 一 */
    case 0x4E8C: return 2;                /* 二 */
    case 0x4E09: return 3;                /* 三 */
    case 0x56DB: return 4;                /* 四 */
    case 0x4E94: return 5;                /* 五 */
    case 0x516D: return 6;                /* 六 */
    case 0x4E03: return 7;                /* 七 */
    case 0x516B: return 8;                /* 八 */
    case 0x4E5D: return 9;                /* 九 */
    default: return -1;
    }
}

static int
kanji_unit (gunichar c)
{
  switch (c)
    {
    case 0x5341: return 10;     /* 十 */
    case 0x767E: return 100;    /* 百 */
    case 0x5343: return 1000;   /* 千 */
    default: return 0;
    }
}

static const char *
skip_separators (const char *p)
{
  while (*p != '\0' && is_separator (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* appends the ASCII digit run at *p without leading zeros */
static const char *
append_digits (GString *out, const char *p, guint *out_ndigits)
{
  const char *start = p;
  const char *end;

  while (is_ascii_digit (*p))
    p++;
  end = p;
  *out_ndigits = (guint) (end - start);
  while (start + 1 < end && *start == '0')
    start++;
  g_string_append_len (out, start, end - start);
  return end;
}

/* 三 → 3, 十二 → 12, 二十 → 20, 百五 → 105, 一〇 → 10 */
const char *
shinsa_names_parse_kanji_number (const char *p, guint *out_value)
{
  guint total = 0, current = 0, positional = 0;
  gboolean has_unit = FALSE;
  guint count = 0;
  const char *q;

  for (q = p; *q != '\0' && count < 8; q = g_utf8_next_char (q), count++)
    {
      gunichar c = g_utf8_get_char (q);
      int d = kanji_digit (c);
      int unit = kanji_unit (c);

      if (d >= 0)
        {
          current = (guint) d;
          positional = positional * 10 + (guint) d;
        }
      else if (unit > 0)
        {
          has_unit = TRUE;
          total += (current > 0 ? current : 1) * (guint) unit;
          current = 0;
        }
      else
        break;
    }
  if (q == p)
    return NULL;
  *out_value = has_unit ? total + current : positional;
  return q;
}

/* Parses what follows an id prefix: separators, an optional No./番号/第,
 * the number and sub-numbers (3-1).  Appends the normalised number to @out
 * and returns the end of the match, or NULL. */
static const char *
parse_id_number (const char *p, GString *out)
{
  const char *q = skip_separators (p);
  gboolean in_parens = FALSE;
  gsize mark = out->len;
  guint ndigits = 0;

  /* 別紙ー1: ー typed for a dash */
  if (g_str_has_prefix (q, "ー") && is_ascii_digit (q[strlen ("ー")]))
    q += strlen ("ー");

  if (g_ascii_strncasecmp (q, "no", 2) == 0 && !g_ascii_isalpha (q[2]))
    q = skip_separators (q + 2);
  else if (g_str_has_prefix (q, "番号"))
    q = skip_separators (q + strlen ("番号"));
  else if (g_str_has_prefix (q, "第"))
    q += strlen ("第");

  /* 資料（3） */
  if (*q == '(')
    {
      in_parens = TRUE;
      q++;
    }

  if (is_ascii_digit (*q))
    {
      q = append_digits (out, q, &ndigits);
      if (ndigits > MAX_ID_DIGITS ||
          g_str_has_prefix (q, "年") || g_str_has_prefix (q, "月") ||
          g_str_has_prefix (q, "日"))
        {
          g_string_truncate (out, mark);
          return NULL;
        }
      /* sub-numbers: 資料3-1, 資料3ー1, 資料3.1 → 資料3-1 */
      for (;;)
        {
          const char *after;

          if (*q == '\0' || !is_subnumber_separator (g_utf8_get_char (q)))
            break;
          after = g_utf8_next_char (q);
          if (!is_ascii_digit (*after))
            break;
          g_string_append_c (out, '-');
          q = append_digits (out, after, &ndigits);
          if (ndigits > MAX_ID_DIGITS)
            {
              g_string_truncate (out, mark);
              return NULL;
            }
        }
    }
  else
    {
      guint value = 0;
      const char *end = shinsa_names_parse_kanji_number (q, &value);

      if (end == NULL)
        return NULL;
      /* 資料一覧, 資料一式 are words, not numbers: the numeral must end there */
      if (*end != '\0' && !g_str_has_prefix (end, "号") &&
          g_unichar_isalpha (g_utf8_get_char (end)))
        return NULL;
      g_string_append_printf (out, "%u", value);
      q = end;
    }

  if (g_str_has_prefix (q, "号"))
    q += strlen ("号");
  if (in_parens)
    {
      if (*q != ')')
        {
          g_string_truncate (out, mark);
          return NULL;
        }
      q++;
    }
  return q;
}

static gboolean
is_extension (const char *ext)
{
  gsize len = strlen (ext);
  gboolean has_letter = FALSE;

  if (len == 0 || len > 5)
    return FALSE;
  for (const char *p = ext; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
      if (g_ascii_isalpha (*p))
        has_letter = TRUE;
    }
  /* a digit-only suffix is part of the name: 資料No.3 */
  return has_letter;
}

/* NFKC of the last component of @name, without its extension when
 * @strip_extension; never NULL */
static char *
normalise_basename (const char *name, gboolean strip_extension, char **out_extension)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  const char *slash = strrchr (valid, '/');
  char *norm = g_utf8_normalize (slash != NULL ? slash + 1 : valid, -1, G_NORMALIZE_NFKC);
  char *dot = strrchr (norm, '.');

  if (out_extension != NULL)
    *out_extension = NULL;
  if (dot != NULL && dot != norm && is_extension (dot + 1))
    {
      if (out_extension != NULL)
        *out_extension = g_ascii_strdown (dot + 1, -1);
      if (strip_extension)
        *dot = '\0';
    }
  return norm;
}

static char *
trim_title_part (const char *start, const char *end)
{
  while (start < end && is_separator (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_separator (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

static gboolean
only_digits (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s) && !is_separator ((guchar) *s))
      return FALSE;
  return TRUE;
}

static char *
make_title (const char *stem, const char *id_start, const char *id_end)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* 【資料3】…, (資料3) → the brackets go with the id */
  if (id_start > stem && *id_end != '\0')
    {
      gunichar open = g_utf8_get_char (g_utf8_prev_char (id_start));
      gunichar close = g_utf8_get_char (id_end);

      for (guint i = 0; i < G_N_ELEMENTS (bracket_pairs); i++)
        if (bracket_pairs[i].open == open && bracket_pairs[i].close == close)
          {
            id_start = g_utf8_prev_char (id_start);
            id_end = g_utf8_next_char (id_end);
            break;
          }
    }

  before = trim_title_part (stem, id_start);
  after = trim_title_part (id_end, id_end + strlen (id_end));

  /* 03_資料3_… : a leading sort number is not part of the title */
  if (only_digits (before))
    before[0] = '\0';

  if (before[0] != '\0' && after[0] != '\0')
    return g_strconcat (before, " ", after, NULL);
  if (before[0] != '\0')
    return g_steal_pointer (&before);
  if (after[0] != '\0')
    return g_steal_pointer (&after);
  return NULL;
}

char *
shinsa_document_id_from_name (const char *name, char **out_title)
{
  g_autofree char *stem = NULL;
  gunichar prev = 0;

  if (out_title != NULL)
    *out_title = NULL;
  g_return_val_if_fail (name != NULL, NULL);

  stem = normalise_basename (name, TRUE, NULL);

  for (const char *p = stem; *p != '\0'; p = g_utf8_next_char (p))
    {
      /* an id starts a word: 参考資料3 is not 資料3 */
      if (p == stem || !g_unichar_isalpha (prev))
        {
          for (guint i = 0; i < G_N_ELEMENTS (id_prefixes); i++)
            {
              const IdPrefix *ip = &id_prefixes[i];
              g_autoptr(GString) id = NULL;
              const char *end;

              if (!g_str_has_prefix (p, ip->prefix))
                continue;
              id = g_string_new (ip->canonical);
              end = parse_id_number (p + strlen (ip->prefix), id);
              if (end == NULL)
                continue;
              if (out_title != NULL)
                *out_title = make_title (stem, p, end);
              return g_string_free (g_steal_pointer (&id), FALSE);
            }
        }
      prev = g_utf8_get_char (p);
    }

  if (out_title != NULL)
    *out_title = make_title (stem, stem, stem);
  return NULL;
}

static gboolean
contains_form_letter (const char *s, char letter)
{
  const char *p = s;

  while ((p = strstr (p, "申請書")) != NULL)
    {
      const char *q = p + strlen ("申請書");

      /* 申請書A, 申請書_A, 申請書(A), 申請書【B】 */
      for (;;)
        {
          gunichar c = g_utf8_get_char (q);
          gboolean open = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (bracket_pairs); i++)
            if (bracket_pairs[i].open == c)
              open = TRUE;
          if (*q == '\0' || !(open || is_separator (c)))
            break;
          q = g_utf8_next_char (q);
        }
      if (g_ascii_toupper (*q) == letter && !g_ascii_isalpha (q[1]))
        return TRUE;
      p = q;
    }
  return FALSE;
}

ShinsaRole
shinsa_role_guess_from_name (const char *name)
{
  g_autofree char *ext = NULL;
  g_autofree char *norm = NULL;

  g_return_val_if_fail (name != NULL, SHINSA_ROLE_OTHER);

  norm = normalise_basename (name, FALSE, &ext);

  /* 提出書類及び資料内訳書 and friends; checked before the forms so that an
   * inventory that mentions 申請書B in its name stays an inventory */
  if (strstr (norm, "内訳書") != NULL)
    return SHINSA_ROLE_INVENTORY;
  for (guint i = 0; i < G_N_ELEMENTS (registry_names); i++)
    if (strstr (norm, registry_names[i]) != NULL)
      return SHINSA_ROLE_REGISTRY_CERTIFICATE;
  if (contains_form_letter (norm, 'A') ||
      strstr (norm, "フェースシート") != NULL || strstr (norm, "フェイスシート") != NULL)
    return SHINSA_ROLE_FORM_A;
  if (contains_form_letter (norm, 'B'))
    return SHINSA_ROLE_FORM_B;
  if (strstr (norm, "資料一覧") != NULL || strstr (norm, "書類一覧") != NULL)
    return SHINSA_ROLE_INVENTORY;

  if (ext != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (evidence_extensions); i++)
      if (strcmp (ext, evidence_extensions[i]) == 0)
        return SHINSA_ROLE_EVIDENCE;
  return SHINSA_ROLE_OTHER;
}

const char *
shinsa_names_match_document_id (const char *p, char **out_id)
{
  *out_id = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (id_prefixes); i++)
    {
      const IdPrefix *ip = &id_prefixes[i];
      g_autoptr(GString) id = NULL;
      const char *end;

      if (!g_str_has_prefix (p, ip->prefix))
        continue;
      id = g_string_new (ip->canonical);
      end = parse_id_number (p + strlen (ip->prefix), id);
      if (end == NULL)
        continue;
      *out_id = g_string_free (g_steal_pointer (&id), FALSE);
      return end;
    }
  return NULL;
}
