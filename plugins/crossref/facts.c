/* shinsa — crossref: the checkable facts of a claim, and finding them on a page
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A claim (申請内容) is supported when the numbers with their units, the
 * dates and the proper names it states are on the cited pages.  Both sides
 * are normalised the same way: NFKC, no spaces, ASCII lower case, one
 * spelling of ヶ月, no thousands separators, 和暦 and 2024/6/1 as
 * 2024年6月1日.  On OCR'd pages a bounded edit distance absorbs misread
 * characters — never on the digits of a number, where one character is the
 * whole difference between 99.9% and 99.95%.
 */
#include <string.h>

#include "crossref.h"

/* ---- normalisation -------------------------------------------------------- */

static gboolean
is_digit_at (const GString *s, gssize i)
{
  return i >= 0 && (gsize) i < s->len && g_ascii_isdigit (s->str[i]);
}

/* 令和6年 → 2024年, 平成31年 → 2019年, 令和元年 → 2019年 */
static void
convert_eras (GString *s)
{
  static const struct { const char *name; int base; } eras[] = {
    { "令和", 2018 }, { "平成", 1988 }, { "昭和", 1925 },
  };

  for (guint e = 0; e < G_N_ELEMENTS (eras); e++)
    {
      gsize len = strlen (eras[e].name);
      char *p;
      gsize from = 0;

      while ((p = strstr (s->str + from, eras[e].name)) != NULL)
        {
          gsize at = (gsize) (p - s->str);
          const char *q = p + len;
          int year = -1;
          const char *end = q;

          if (g_str_has_prefix (q, "元"))
            {
              year = 1;
              end = q + strlen ("元");
            }
          else
            {
              year = 0;
              while (g_ascii_isdigit (*end) && end - q < 3)
                year = year * 10 + (*end++ - '0');
              if (end == q)
                year = -1;
            }
          if (year > 0 && g_str_has_prefix (end, "年"))
            {
              g_autofree char *west = g_strdup_printf ("%d", eras[e].base + year);
              g_string_erase (s, (gssize) at, (gssize) (end - p));
              g_string_insert (s, (gssize) at, west);
              from = at + strlen (west);
            }
          else
            from = at + len;
        }
    }
}

/* 2024/6/1, 2024-06-01, 2024年06月01日 → 2024年6月1日 */
static void
convert_dates (GString *s)
{
  GString *out = g_string_sized_new (s->len);
  gsize i = 0;

  while (i < s->len)
    {
      if (g_ascii_isdigit (s->str[i]) && !is_digit_at (s, (gssize) i - 1) &&
          i + 4 <= s->len && g_ascii_isdigit (s->str[i + 1]) && g_ascii_isdigit (s->str[i + 2]) &&
          g_ascii_isdigit (s->str[i + 3]) && (s->str[i] == '1' || s->str[i] == '2'))
        {
          const char *p = s->str + i + 4;
          int month = 0, day = 0;
          const char *q;
          gboolean kanji = g_str_has_prefix (p, "年");
          char sep = *p;

          if (kanji || sep == '/' || sep == '-' || sep == '.')
            {
              q = kanji ? p + strlen ("年") : p + 1;
              while (g_ascii_isdigit (*q) && month < 100)
                month = month * 10 + (*q++ - '0');
              if (month >= 1 && month <= 12 &&
                  ((kanji && g_str_has_prefix (q, "月")) || (!kanji && *q == sep)))
                {
                  const char *r = kanji ? q + strlen ("月") : q + 1;
                  const char *t = r;
                  while (g_ascii_isdigit (*t) && day < 100)
                    day = day * 10 + (*t++ - '0');
                  g_string_append_len (out, s->str + i, 4);
                  if (day >= 1 && day <= 31 && (!kanji || g_str_has_prefix (t, "日")) && !g_ascii_isdigit (*t))
                    {
                      g_string_append_printf (out, "年%d月%d日", month, day);
                      i = (gsize) (t - s->str) + (kanji ? strlen ("日") : 0);
                    }
                  else if (kanji)
                    {
                      g_string_append_printf (out, "年%d月", month);
                      i = (gsize) (r - s->str);
                    }
                  else
                    {
                      /* 2024/6 alone: leave as written */
                      g_string_append_c (out, sep);
                      i += 5;
                    }
                  continue;
                }
            }
        }
      g_string_append_c (out, s->str[i]);
      i++;
    }
  g_string_assign (s, out->str);
  g_string_free (out, TRUE);
}

char *
xref_nfkc (const char *text)
{
  GString *plain = g_string_sized_new (text != NULL ? strlen (text) : 0);
  char *nfkc;

  /* ①1ヵ月前: a circled field number is not a digit of the claim */
  for (const char *c = text != NULL ? text : ""; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      if ((u >= 0x2460 && u <= 0x2487) || (u >= 0x3251 && u <= 0x325F) || (u >= 0x32B1 && u <= 0x32BF))
        g_string_append_c (plain, '\n');
      else
        g_string_append_unichar (plain, u);
    }
  nfkc = g_utf8_normalize (plain->str, -1, G_NORMALIZE_ALL_COMPOSE);
  g_string_free (plain, TRUE);
  return nfkc != NULL ? nfkc : g_strdup ("");
}

char *
xref_normalise (const char *text)
{
  g_autofree char *nfkc = NULL;
  GString *s;

  if (text == NULL)
    return g_strdup ("");
  nfkc = xref_nfkc (text);
  s = g_string_sized_new (strlen (nfkc));
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (g_unichar_isspace (c) || c == 0x200B)
        continue;
      /* 1,000 → 1000 */
      if (c == ',' && is_digit_at (s, (gssize) s->len - 1) && g_ascii_isdigit (*next))
        continue;
      /* 6ヶ月, 6か月, 6カ月, 6ヵ月, 6箇月 → 6ヶ月 */
      if ((c == 0x30F6 || c == 0x30B1 || c == 0x304B || c == 0x30AB || c == 0x30F5 || c == 0x7B87)
          && g_str_has_prefix (next, "月") && is_digit_at (s, (gssize) s->len - 1))
        {
          g_string_append (s, "ヶ");
          continue;
        }
      if (c == 0x301C || c == 0xFF5E || c == 0x223C)
        c = '~';
      if (c == 0x2212 || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2014)
        c = '-';
      if (c < 128)
        c = g_ascii_tolower ((char) c);
      g_string_append_unichar (s, c);
    }
  convert_eras (s);
  convert_dates (s);
  return g_string_free (s, FALSE);
}

/* ---- facts ------------------------------------------------------------------ */

void
xref_fact_free (gpointer data)
{
  XrefFact *f = data;

  g_free (f->text);
  g_free (f->key);
  g_free (f);
}

static void
add_fact (GPtrArray *facts, XrefFactKind kind, const char *start, gsize len)
{
  XrefFact *f;

  for (guint i = 0; i < facts->len; i++)
    {
      XrefFact *g = g_ptr_array_index (facts, i);
      if (strlen (g->key) == len && strncmp (g->key, start, len) == 0)
        return;
    }
  f = g_new0 (XrefFact, 1);
  f->kind = kind;
  f->key = g_strndup (start, len);
  f->text = g_strdup (f->key);
  g_ptr_array_add (facts, f);
}

/* units a claim's numbers come with, longest first where one begins another */
static const char *const units[] = {
  "%", "時間", "分間", "分", "秒", "営業日", "日間", "日", "週間", "ヶ月間", "ヶ月", "年間",
  "世代", "文字", "桁", "回", "名", "人", "億円", "百万円", "千円", "万円", "円",
  "gbps", "mbps", "tb", "gb", "mb", "pb", "拠点", "台", "件", "社", "箇所", "ヵ所", "か所",
  "kva", "kw", "m", "倍", "度", "時", NULL
};

static gboolean
is_name_char (gunichar c)
{
  GUnicodeScript sc = g_unichar_get_script (c);

  if (c < 128)
    return g_ascii_isalnum ((char) c);
  return sc == G_UNICODE_SCRIPT_HAN || sc == G_UNICODE_SCRIPT_KATAKANA || c == 0x30FC;
}

GPtrArray *
xref_facts_from_claim (const char *claim)
{
  GPtrArray *facts = g_ptr_array_new_with_free_func (xref_fact_free);
  g_autofree char *n = xref_normalise (claim);
  const char *p = n;

  /* dates first: their numbers are not counted again */
  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p) && (p == n || !g_ascii_isdigit (p[-1])))
        {
          const char *q = p;
          while (g_ascii_isdigit (*q))
            q++;
          /* 2024年6月1日, 2024年6月 */
          if (q - p == 4 && g_str_has_prefix (q, "年") && g_ascii_isdigit (q[strlen ("年")]))
            {
              const char *r = q + strlen ("年");
              while (g_ascii_isdigit (*r))
                r++;
              if (g_str_has_prefix (r, "月"))
                {
                  const char *t = r + strlen ("月");
                  const char *u = t;
                  while (g_ascii_isdigit (*u))
                    u++;
                  if (u > t && g_str_has_prefix (u, "日"))
                    r = u + strlen ("日");
                  else
                    r = t;
                  add_fact (facts, XREF_FACT_DATE, p, (gsize) (r - p));
                  p = r;
                  continue;
                }
            }
          /* a number: integer or decimal, then a unit */
          if (*q == '.' && g_ascii_isdigit (q[1]))
            {
              q++;
              while (g_ascii_isdigit (*q))
                q++;
            }
          {
            /* 第3条 is a reference, E1 a name, 3.2.1 a section: not facts */
            gboolean reference = p > n && (((gsize) (p - n) >= strlen ("第") &&
                                            strncmp (p - strlen ("第"), "第", strlen ("第")) == 0) ||
                                           g_ascii_isalpha (p[-1]) || p[-1] == '.' || p[-1] == '-');
            for (guint u = 0; units[u] != NULL && !reference; u++)
              if (g_str_has_prefix (q, units[u]))
                {
                  const char *end = q + strlen (units[u]);
                  /* 5m: not the m of mbps or a word */
                  if (units[u][0] >= 'a' && units[u][0] <= 'z' && g_ascii_isalpha (*end))
                    continue;
                  add_fact (facts, XREF_FACT_NUMBER, p, (gsize) (end - p));
                  break;
                }
          }
          p = q;
          continue;
        }
      p = g_utf8_next_char (p);
    }

  /* names: 「…」, …データセンター, product codes */
  for (p = n; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_str_has_prefix (p, "「"))
        {
          const char *start = p + strlen ("「");
          const char *end = strstr (start, "」");
          if (end != NULL && g_utf8_strlen (start, end - start) >= 2 && end - start < 120)
            add_fact (facts, XREF_FACT_NAME, start, (gsize) (end - start));
        }
      else if (g_str_has_prefix (p, "データセンター"))
        {
          const char *start = p;
          int count = 0;
          while (start > n && count < 10)
            {
              const char *prev = g_utf8_find_prev_char (n, start);
              if (prev == NULL || !is_name_char (g_utf8_get_char (prev)))
                break;
              /* 東日本第1データセンター関西第2データセンター: the second's name
               * starts after the first */
              if ((gsize) (prev - n) + strlen ("ー") <= strlen (n) &&
                  (gsize) (start - n) >= strlen ("データセンター") &&
                  strncmp (start - strlen ("データセンター"), "データセンター", strlen ("データセンター")) == 0)
                break;
              start = prev;
              count++;
            }
          if (count >= 2)
            add_fact (facts, XREF_FACT_NAME, start, (gsize) (p + strlen ("データセンター") - start));
        }
    }

  /* product codes: MDS-GW200, AES-256 — read where the spaces still are */
  {
    g_autofree char *spaced = xref_nfkc (claim);
    for (p = spaced; *p != '\0'; p++)
      if (g_ascii_isalnum (*p) && (p == spaced || !g_ascii_isalnum (p[-1])))
        {
          const char *q = p;
          gboolean alpha = FALSE, digit = FALSE;
          while (g_ascii_isalnum (*q) || ((*q == '-' || *q == '_') && g_ascii_isalnum (q[1])))
            {
              alpha |= g_ascii_isalpha (*q);
              digit |= g_ascii_isdigit (*q);
              q++;
            }
          if (alpha && digit && q - p >= 4)
            {
              g_autofree char *token = g_strndup (p, (gsize) (q - p));
              g_autofree char *key = xref_normalise (token);
              add_fact (facts, XREF_FACT_NAME, key, strlen (key));
            }
          p = q - 1;
        }
  }
  return facts;
}

/* ---- finding a fact in a text ------------------------------------------- */

/* exact, with the number not glued to a longer one on the left */
static gboolean
contains_exact (const char *hay, const char *key, gboolean number)
{
  const char *p = hay;
  gsize len = strlen (key);

  while ((p = strstr (p, key)) != NULL)
    {
      if (!number || p == hay || !(g_ascii_isdigit (p[-1]) || p[-1] == '.'))
        return TRUE;
      p += len > 0 ? 1 : 0;
      if (len == 0)
        break;
    }
  return FALSE;
}

/* Sellers: the least edit distance of @key against any substring of @hay */
static int
approx_distance (const char *hay, const char *key, int bound)
{
  glong nh, nk;
  g_autofree gunichar *h = g_utf8_to_ucs4_fast (hay, -1, &nh);
  g_autofree gunichar *k = g_utf8_to_ucs4_fast (key, -1, &nk);
  g_autofree int *col = NULL;
  int best = bound + 1;

  if (nk == 0)
    return 0;
  col = g_new (int, nk + 1);
  for (glong i = 0; i <= nk; i++)
    col[i] = (int) i;
  for (glong j = 1; j <= nh; j++)
    {
      int diag = col[0];
      col[0] = 0;
      for (glong i = 1; i <= nk; i++)
        {
          int up = col[i];
          int v = diag + (k[i - 1] == h[j - 1] ? 0 : 1);
          v = MIN (v, col[i - 1] + 1);
          v = MIN (v, up + 1);
          diag = up;
          col[i] = v;
        }
      best = MIN (best, col[nk]);
      if (best == 0)
        break;
    }
  return best;
}

static gboolean
number_with_misread_unit (const char *hay, const char *key)
{
  const char *unit = key;
  g_autofree char *number = NULL;
  glong unit_len;
  g_autofree gunichar *u = NULL;
  const char *p;

  while (g_ascii_isdigit (*unit) || *unit == '.')
    unit++;
  u = g_utf8_to_ucs4_fast (unit, -1, &unit_len);
  if (unit == key || unit_len < 2)
    return FALSE;
  number = g_strndup (key, (gsize) (unit - key));
  for (p = hay; (p = strstr (p, number)) != NULL; p++)
    {
      const char *q = p + strlen (number);
      guint diff = 0;
      glong i;

      if ((p > hay && (g_ascii_isdigit (p[-1]) || p[-1] == '.')) || g_ascii_isdigit (*q) || *q == '.')
        continue;
      for (i = 0; i < unit_len && *q != '\0'; i++, q = g_utf8_next_char (q))
        diff += g_utf8_get_char (q) != u[i];
      if (i == unit_len && diff <= 1)
        return TRUE;
    }
  return FALSE;
}

gboolean
xref_fact_in_text (const XrefFact *fact, const char *hay, gboolean tolerant)
{
  glong len;
  int bound;

  if (contains_exact (hay, fact->key, fact->kind != XREF_FACT_NAME))
    return TRUE;
  if (!tolerant)
    return FALSE;
  len = g_utf8_strlen (fact->key, -1);
  if (fact->kind == XREF_FACT_NUMBER || fact->kind == XREF_FACT_DATE)
    {
      /* OCR reads 0 for O, 1 for l: only those, and only in the number */
      g_autofree char *fixed = g_strdup (hay);
      for (char *c = fixed; *c != '\0'; c++)
        {
          gboolean near_digit = (c > fixed && g_ascii_isdigit (c[-1])) || g_ascii_isdigit (c[1]);
          if (!near_digit)
            continue;
          if (*c == 'o')
            *c = '0';
          else if (*c == 'l' || *c == 'i' || *c == '|')
            *c = '1';
        }
      if (contains_exact (fixed, fact->key, TRUE))
        return TRUE;
      /* the digits exact, one character of a longer unit misread: 5分問 for 5分間 */
      if (fact->kind == XREF_FACT_NUMBER)
        return number_with_misread_unit (fixed, fact->key);
      return FALSE;
    }
  bound = len >= 10 ? 2 : len >= 4 ? 1 : 0;
  return bound > 0 && approx_distance (hay, fact->key, bound) <= bound;
}

static void
add_box (JsonArray *boxes, double x, double y, double w, double h)
{
  JsonArray *box = json_array_new ();

  json_array_add_double_element (box, x);
  json_array_add_double_element (box, y);
  json_array_add_double_element (box, w);
  json_array_add_double_element (box, h);
  json_array_add_array_element (boxes, box);
}

void
xref_fact_boxes (const XrefFact *fact, ShinsaPage *page, JsonArray *boxes)
{
  guint start = 0;
  gboolean tolerant = page->source == SHINSA_PAGE_TEXT_OCR;

  if (page->spans == NULL)
    return;
  /* line by line: one span, else the whole line that holds it */
  while (start < page->spans->len)
    {
      ShinsaSpan *first = &g_array_index (page->spans, ShinsaSpan, start);
      guint end = start;
      gboolean found = FALSE;
      GString *line = g_string_new (NULL);

      while (end < page->spans->len && g_array_index (page->spans, ShinsaSpan, end).line == first->line)
        end++;
      for (guint i = start; i < end; i++)
        {
          ShinsaSpan *span = &g_array_index (page->spans, ShinsaSpan, i);
          g_autofree char *n = xref_normalise (span->text);

          g_string_append (line, n);
          if (xref_fact_in_text (fact, n, tolerant))
            {
              add_box (boxes, span->x, span->y, span->width, span->height);
              found = TRUE;
            }
        }
      if (!found && xref_fact_in_text (fact, line->str, tolerant))
        {
          double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
          for (guint i = start; i < end; i++)
            {
              ShinsaSpan *span = &g_array_index (page->spans, ShinsaSpan, i);
              x0 = MIN (x0, span->x);
              y0 = MIN (y0, span->y);
              x1 = MAX (x1, span->x + span->width);
              y1 = MAX (y1, span->y + span->height);
            }
          add_box (boxes, x0, y0, x1 - x0, y1 - y0);
        }
      g_string_free (line, TRUE);
      start = end;
    }
}

/* A table cell wraps its unit: "バッテリー運転10" then, under it, "分）".
 * The number must end its cell and the next line begin with the unit. */
gboolean
xref_fact_wrapped (const XrefFact *fact, const char *page_text)
{
  g_autofree char *nfkc = NULL;
  g_auto(GStrv) lines = NULL;
  const char *unit = fact->key;
  g_autofree char *number = NULL;

  if (fact->kind != XREF_FACT_NUMBER || page_text == NULL)
    return FALSE;
  while (g_ascii_isdigit (*unit) || *unit == '.')
    unit++;
  if (unit == fact->key || *unit == '\0')
    return FALSE;
  number = g_strndup (fact->key, (gsize) (unit - fact->key));
  nfkc = xref_nfkc (page_text);
  lines = g_strsplit (nfkc, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_autofree char *next = xref_normalise (lines[i + 1]);
      const char *p = lines[i];

      if (!g_str_has_prefix (next, unit))
        continue;
      while ((p = strstr (p, number)) != NULL)
        {
          const char *after = p + strlen (number);
          gboolean left = p == lines[i] || !(g_ascii_isdigit (p[-1]) || p[-1] == '.');
          gboolean right = *after == '\0' || g_unichar_isspace (g_utf8_get_char (after));

          if (left && right)
            return TRUE;
          p = after;
        }
    }
  return FALSE;
}

/* ---- a number in its role: 目標値 99.99% against a page whose 目標値 is
 * 99.95% — the page may still print 99.99% elsewhere (an actual) ---------- */

static const char *const role_words[] = {
  "目標", "実績", "保存", "保管", "告知", "通知", "営業時間", "受付時間", "上限", "期限", NULL
};

char **
xref_roles_of (const char *field_name)
{
  GPtrArray *roles = g_ptr_array_new ();

  for (guint i = 0; field_name != NULL && role_words[i] != NULL; i++)
    if (strstr (field_name, role_words[i]) != NULL)
      g_ptr_array_add (roles, g_strdup (role_words[i]));
  g_ptr_array_add (roles, NULL);
  return (char **) g_ptr_array_free (roles, FALSE);
}

/* the numbers with @unit on the lines of @page_text that name a role */
static void
role_numbers (const char *page_text, char **roles, const char *unit, GPtrArray *out)
{
  g_autofree char *nfkc = xref_nfkc (page_text);
  g_auto(GStrv) lines = g_strsplit (nfkc, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = xref_normalise (lines[i]);
      gboolean named = FALSE;

      for (guint r = 0; roles[r] != NULL && !named; r++)
        named = strstr (line, roles[r]) != NULL;
      if (!named)
        continue;
      for (const char *p = line; *p != '\0'; p++)
        {
          const char *q = p;

          if (!g_ascii_isdigit (*p) || (p > line && (g_ascii_isdigit (p[-1]) || p[-1] == '.')))
            continue;
          while (g_ascii_isdigit (*q) || (*q == '.' && g_ascii_isdigit (q[1])))
            q++;
          if (g_str_has_prefix (q, unit))
            g_ptr_array_add (out, g_strndup (p, (gsize) (q - p) + strlen (unit)));
          p = q - 1;
        }
    }
}

char *
xref_role_conflict (const XrefFact *fact, char **roles, const char *page_text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *unit = fact->key;

  if (fact->kind != XREF_FACT_NUMBER || roles == NULL || roles[0] == NULL || page_text == NULL)
    return NULL;
  while (g_ascii_isdigit (*unit) || *unit == '.')
    unit++;
  if (*unit == '\0')
    return NULL;
  role_numbers (page_text, roles, unit, found);
  if (found->len == 0)
    return NULL;
  for (guint i = 0; i < found->len; i++)
    if (strcmp (g_ptr_array_index (found, i), fact->key) == 0)
      return NULL;
  return g_strdup (g_ptr_array_index (found, 0));
}

/* A claim read off a scanned form: its names are as unreliable as the OCR
 * (a lost ・ glues two words, a lost hyphen changes a product code), so only
 * its numbers and dates are checked; a thousands comma read as a dot
 * (50.000円) is put back. */
GPtrArray *
xref_facts_from_ocr_claim (const char *claim)
{
  GPtrArray *facts = xref_facts_from_claim (claim);

  for (guint i = facts->len; i > 0; i--)
    {
      XrefFact *f = g_ptr_array_index (facts, i - 1);
      const char *dot;

      if (f->kind == XREF_FACT_NAME)
        {
          g_ptr_array_remove_index (facts, i - 1);
          continue;
        }
      dot = strchr (f->key, '.');
      if (f->kind == XREF_FACT_NUMBER && dot != NULL && g_ascii_isdigit (dot[1]) && g_ascii_isdigit (dot[2]) &&
          g_ascii_isdigit (dot[3]) && !g_ascii_isdigit (dot[4]) && dot[4] != '%')
        {
          GString *k = g_string_new_len (f->key, dot - f->key);
          g_string_append (k, dot + 1);
          g_free (f->key);
          f->key = g_string_free (k, FALSE);
          g_free (f->text);
          f->text = g_strdup (f->key);
        }
    }
  return facts;
}
