/* shinsa — reading 添付書類等 cells as citations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The grammar, after NFKC (full-width digits and letters become ASCII, ～
 * becomes ~, （） become ()):
 *
 *   cell      := part (SEP part)*
 *   SEP       := 、 , / ; ・ newline 及び および 並びに
 *   part      := doc [title] place* | title place* | file place* | place+
 *   doc       := (資料|別紙|添付資料|添付|別添|参考資料|疎明資料) [No.|番号|第] number [号]
 *   title     := 「…」 | 『…』 | a title the submission knows, written bare
 *   place     := pages | 第N章 | N章 | 第N条[第M項] | N.M[.K][節|項] | 第N節 | 別表N
 *              | 付録X | 付属書X | '(' place* ')'
 *   pages     := (p|P|pp|page)[.] list | [第] list (頁|ページ|p)
 *   list      := range ((,|、) range)*      range := N [(-|~|〜|ー|から) N]
 *   number    := ASCII digits | kanji numerals (三, 十二, 一〇)
 *
 * Parenthesised text that holds no place is a note (（2024年6月1日現在）) and
 * is skipped; filler words (参照, のとおり, に記載) are skipped; anything else
 * is kept, with the part it stands in, as unparsed.  A hand-written scanner
 * rather than GRegex: the cell mixes a dozen notations whose meaning depends
 * on what came before (a title after 資料3 names it, a number after p. is a
 * page, after 第 and before 条 an article), which regexes cannot carry.
 */
#include <string.h>

#include "shinsa-private.h"

G_DEFINE_BOXED_TYPE (ShinsaCitationList, shinsa_citation_list,
                     shinsa_citation_list_ref, shinsa_citation_list_unref)

const char *
shinsa_cite_place_kind_to_string (ShinsaCitePlaceKind kind)
{
  static const char *const names[] = {
    "pages", "chapter", "section", "article", "table", "appendix",
  };
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

static void
place_clear (gpointer data)
{
  ShinsaCitePlace *place = data;

  g_free (place->label);
  g_free (place->text);
}

static ShinsaCitation *
citation_new (ShinsaCiteDocKind kind)
{
  ShinsaCitation *cite = g_new0 (ShinsaCitation, 1);

  cite->doc_kind = kind;
  cite->places = g_array_new (FALSE, TRUE, sizeof (ShinsaCitePlace));
  g_array_set_clear_func (cite->places, place_clear);
  return cite;
}

static void
citation_free (gpointer data)
{
  ShinsaCitation *cite = data;

  g_free (cite->doc_id);
  g_free (cite->title);
  g_free (cite->file);
  g_array_unref (cite->places);
  g_free (cite->text);
  g_free (cite);
}

static ShinsaCitationList *
citation_list_new (void)
{
  ShinsaCitationList *list = g_new0 (ShinsaCitationList, 1);

  g_atomic_ref_count_init (&list->ref_count);
  list->citations = g_ptr_array_new_with_free_func (citation_free);
  list->unparsed = g_ptr_array_new_with_free_func (g_free);
  return list;
}

ShinsaCitationList *
shinsa_citation_list_ref (ShinsaCitationList *list)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_atomic_ref_count_inc (&list->ref_count);
  return list;
}

void
shinsa_citation_list_unref (ShinsaCitationList *list)
{
  g_return_if_fail (list != NULL);
  if (!g_atomic_ref_count_dec (&list->ref_count))
    return;
  g_ptr_array_unref (list->citations);
  g_ptr_array_unref (list->unparsed);
  g_free (list);
}

/* ---- small scanners: each takes a position and returns the end of what it
 * matched, or NULL ---------------------------------------------------------- */

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

static const char *
match_any (const char *p, const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (p, words[i]))
      return p + strlen (words[i]);
  return NULL;
}

/* ASCII digits (up to 5) or kanji numerals */
static const char *
scan_number (const char *p, int *value)
{
  if (g_ascii_isdigit (*p))
    {
      const char *q = p;
      int v = 0;

      while (g_ascii_isdigit (*q))
        {
          if (q - p >= 5)
            return NULL;
          v = v * 10 + (*q - '0');
          q++;
        }
      *value = v;
      return q;
    }
  else
    {
      guint v = 0;
      const char *q = shinsa_names_parse_kanji_number (p, &v);

      if (q == NULL || v > 99999)
        return NULL;
      *value = (int) v;
      return q;
    }
}

int
shinsa_parse_number (const char *text, gssize length)
{
  g_autofree char *copy = NULL;
  g_autofree char *norm = NULL;
  const char *end;
  int value = -1;

  g_return_val_if_fail (text != NULL, -1);
  copy = length < 0 ? g_strdup (text) : g_strndup (text, (gsize) length);
  norm = g_utf8_normalize (copy, -1, G_NORMALIZE_ALL_COMPOSE);
  if (norm == NULL || norm[0] == '\0')
    return -1;
  end = scan_number (norm, &value);
  if (end == NULL || *end != '\0')
    return -1;
  return value;
}

static const char *const range_marks[] = { "-", "~", "〜", "ー", "−", "–", "—", "から", NULL };

/* N [(-|~|から) M] */
static const char *
scan_range (const char *p, int *first, int *last)
{
  const char *q = scan_number (p, first);
  const char *r;

  if (q == NULL)
    return NULL;
  *last = *first;
  r = match_any (skip_spaces (q), range_marks);
  if (r != NULL)
    {
      int to;
      const char *s = skip_spaces (r);

      /* p.3-p.5 */
      if (*s == 'p' || *s == 'P')
        s = *(s + 1) == '.' ? s + 2 : s + 1;
      s = scan_number (s, &to);
      if (s != NULL && to >= *first)
        {
          *last = to;
          return s;
        }
    }
  return q;
}

typedef struct {
  int first, last;
} Range;

/* range ((,|、) range)*: stops before a separator not followed by a number */
static const char *
scan_list (const char *p, GArray *ranges)
{
  const char *q;
  Range r;

  q = scan_range (p, &r.first, &r.last);
  if (q == NULL)
    return NULL;
  g_array_append_val (ranges, r);
  for (;;)
    {
      static const char *const commas[] = { ",", "、", NULL };
      const char *s = match_any (skip_spaces (q), commas);
      const char *t;

      if (s == NULL)
        break;
      s = skip_spaces (s);
      /* 資料3 p.5、p.7 */
      if (*s == 'p' || *s == 'P')
        s = *(s + 1) == '.' ? s + 2 : s + 1;
      t = scan_range (s, &r.first, &r.last);
      if (t == NULL)
        break;
      /* 3, 資料4 …: a number followed by a document word is not a page */
      g_array_append_val (ranges, r);
      q = t;
    }
  return q;
}

static void
add_place (GArray *places, ShinsaCitePlaceKind kind, int first, int last,
           char *label, const char *start, const char *end)
{
  ShinsaCitePlace place = { 0, };

  place.kind = kind;
  place.first = first;
  place.last = last;
  place.label = label;
  place.text = g_strndup (start, (gsize) (end - start));
  g_array_append_val (places, place);
}

static void
add_pages (GArray *places, GArray *ranges, const char *start, const char *end)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      Range *r = &g_array_index (ranges, Range, i);
      char *label = r->first == r->last ? g_strdup_printf ("%d", r->first)
                                        : g_strdup_printf ("%d-%d", r->first, r->last);
      add_place (places, SHINSA_CITE_PLACE_PAGES, r->first, r->last, label, start, end);
    }
}

static const char *const page_prefixes[] = {
  "pp.", "PP.", "Pp.", "pp", "PP", "page", "Page", "PAGE", "p.", "P.", "p", "P", NULL
};
static const char *const page_suffixes[] = {
  "ページ", "ぺージ", "頁", "ﾍﾟｰｼﾞ", "p.", "P.", "p", "P", NULL
};

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) && c < 0x80;
}

/* one place at @p, appended to @places */
static const char *
scan_place (const char *p, GArray *places)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  const char *q, *r;
  int n, m;

  /* p.5, pp.3-5, P5 */
  if ((q = match_any (p, page_prefixes)) != NULL)
    {
      const char *s = skip_spaces (q);

      if ((r = scan_list (s, ranges)) != NULL && g_ascii_isdigit (*s))
        {
          /* p.5頁 */
          const char *t = match_any (r, page_suffixes);
          if (t != NULL && !g_ascii_isalpha (*r))
            r = t;
          add_pages (places, ranges, p, r);
          return r;
        }
      g_array_set_size (ranges, 0);
    }

  /* 別表1, 別表第2 */
  if (g_str_has_prefix (p, "別表"))
    {
      q = p + strlen ("別表");
      if (g_str_has_prefix (q, "第"))
        q += strlen ("第");
      if ((r = scan_number (q, &n)) != NULL)
        {
          add_place (places, SHINSA_CITE_PLACE_TABLE, n, n, g_strdup_printf ("%d", n), p, r);
          return r;
        }
    }

  /* 付録A, 付属書1, Appendix B */
  {
    static const char *const appendix[] = { "付録", "付属書", "附属書", "Appendix", "appendix", NULL };
    if ((q = match_any (p, appendix)) != NULL)
      {
        q = skip_spaces (q);
        if ((r = scan_number (q, &n)) != NULL)
          {
            add_place (places, SHINSA_CITE_PLACE_APPENDIX, n, n, g_strdup_printf ("%d", n), p, r);
            return r;
          }
        if (g_ascii_isalpha (*q) && !is_word_char (g_utf8_get_char (q + 1)))
          {
            add_place (places, SHINSA_CITE_PLACE_APPENDIX, 0, 0,
                       g_strdup_printf ("%c", g_ascii_toupper (*q)), p, q + 1);
            return q + 1;
          }
      }
  }

  /* 第N章 / 第N条[第M項] / 第N節 / 第N頁 */
  q = g_str_has_prefix (p, "第") ? p + strlen ("第") : p;
  if ((r = scan_list (q, ranges)) != NULL)
    {
      const char *unit_end;
      Range *first = &g_array_index (ranges, Range, 0);

      n = first->first;
      if ((unit_end = match_any (r, page_suffixes)) != NULL &&
          (r[0] != 'p' && r[0] != 'P' ? TRUE : !is_word_char (g_utf8_get_char (unit_end))))
        {
          add_pages (places, ranges, p, unit_end);
          return unit_end;
        }
      if (ranges->len == 1 && first->first == first->last)
        {
          if (g_str_has_prefix (r, "章"))
            {
              r += strlen ("章");
              add_place (places, SHINSA_CITE_PLACE_CHAPTER, n, n, g_strdup_printf ("%d", n), p, r);
              return r;
            }
          if (g_str_has_prefix (r, "条"))
            {
              const char *s = r + strlen ("条");
              /* 第12条第2項, 第12条の2: the article is what is cited */
              if (g_str_has_prefix (s, "第"))
                {
                  const char *t = scan_number (s + strlen ("第"), &m);
                  if (t != NULL && (g_str_has_prefix (t, "項") || g_str_has_prefix (t, "号")))
                    s = t + strlen ("項");
                }
              add_place (places, SHINSA_CITE_PLACE_ARTICLE, n, n, g_strdup_printf ("%d", n), p, s);
              return s;
            }
          if (g_str_has_prefix (r, "節") && q != p)
            {
              r += strlen ("節");
              add_place (places, SHINSA_CITE_PLACE_SECTION, n, n, g_strdup_printf ("%d", n), p, r);
              return r;
            }
        }
    }

  /* 3.2節, 3.2.1, 4.5項 */
  if (g_ascii_isdigit (*p) && (q = scan_number (p, &n)) != NULL && *q == '.' && g_ascii_isdigit (q[1]))
    {
      const char *s = q;
      g_autoptr(GString) label = g_string_new (NULL);

      g_string_append_printf (label, "%d", n);
      while (*s == '.' && g_ascii_isdigit (s[1]))
        {
          const char *t = scan_number (s + 1, &m);
          if (t == NULL)
            break;
          g_string_append_printf (label, ".%d", m);
          s = t;
        }
      /* 99.9%, 3.2倍: numbers, not sections */
      if (*s != '%' && !g_ascii_isdigit (*s))
        {
          static const char *const units[] = { "節", "項", NULL };
          const char *t = match_any (s, units);
          if (t != NULL)
            s = t;
          add_place (places, SHINSA_CITE_PLACE_SECTION, n, n, g_string_free (g_steal_pointer (&label), FALSE), p, s);
          return s;
        }
    }
  return NULL;
}

/* 「…」 or 『…』 or "…": the title inside */
static const char *
scan_quoted (const char *p, char **out_title)
{
  static const struct { const char *open, *close; } quotes[] = {
    { "「", "」" }, { "『", "』" }, { "\"", "\"" }, { "“", "”" }, { "【", "】" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      const char *start, *end;

      if (!g_str_has_prefix (p, quotes[i].open))
        continue;
      start = p + strlen (quotes[i].open);
      end = strstr (start, quotes[i].close);
      if (end == NULL || end == start)
        return NULL;
      *out_title = g_strstrip (g_strndup (start, (gsize) (end - start)));
      return end + strlen (quotes[i].close);
    }
  return NULL;
}

static const char *const file_extensions[] = {
  ".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".gif", ".bmp",
  ".docx", ".doc", ".xlsx", ".xls", ".csv", ".txt", ".pptx", ".ppt", NULL
};

static gboolean
is_cell_separator (const char *p, const char **end)
{
  static const char *const seps[] = {
    "\n", "\r", "、", ",", "/", ";", "・", "及び", "および", "並びに", "ならびに", "＆", "&", NULL
  };
  const char *q = match_any (p, seps);

  if (q != NULL && end != NULL)
    *end = q;
  return q != NULL;
}

/* a file name: a run with no spaces or separators ending in a known
 * extension */
static const char *
scan_file (const char *p, char **out_file)
{
  const char *q = p;

  while (*q != '\0')
    {
      gunichar c = g_utf8_get_char (q);

      if (g_unichar_isspace (c) || c == '(' || c == ')' || c == '\n' || c == '/' ||
          c == 0x3001 /* 、 */ || c == ',' || c == ';' || c == 0x300C || c == 0x300D)
        break;
      q = g_utf8_next_char (q);
    }
  for (const char *const *ext = file_extensions; *ext != NULL; ext++)
    {
      gsize len = strlen (*ext);

      if ((gsize) (q - p) > len && g_ascii_strncasecmp (q - len, *ext, len) == 0)
        {
          *out_file = g_strndup (p, (gsize) (q - p));
          return q;
        }
    }
  return NULL;
}

/* words that say how to read the citation, not where: skipped */
static const char *const fillers[] = {
  "を参照ください", "を参照のこと", "を参照", "ご参照", "参照のこと", "参照",
  "に記載のとおり", "に記載の通り", "に記載", "記載のとおり", "記載の通り", "記載",
  "のとおり", "の通り", "該当箇所", "該当部分", "該当頁", "全体", "全文", "全般",
  "全頁", "全ページ", "抜粋", "内", "中", "欄", "等", "など", "にて", "より",
  "の", "に", "を", "は", "で", ":", "：", "-", "~", "〜", "。", ".", "※",
  NULL
};

/* what the cell says when there is no evidence */
static const char *const none_words[] = {
  "無し", "なし", "ナシ", "該当なし", "該当無し", "該当資料なし", "特になし", "特に無し",
  "不要", "添付なし", "添付無し", "資料なし", "-", "―", "ー", "−", "—", "N/A", "n/a",
  "NA", "なし。", "無し。", "対象外", "該当せず", NULL
};

static const char *const previous_words[] = {
  "前回提出資料", "前回提出", "前回と同じ", "前回と同様", "前回申請時", "前回の資料",
  "前回認定時", "前回資料", NULL
};

typedef struct {
  ShinsaCitationList *list;
  const char *const *titles;     /* NFKC */
  ShinsaCitation *current;
  const char *current_start;
  const char *current_end;       /* after the last token that belongs to it */
  gboolean separated;            /* a separator since the current citation's doc */
  const char *part_start;
  gboolean part_unknown;
  int depth;
  const char *last_token_end;    /* set by a token the current citation took */
} Parser;

static void
finish_current (Parser *ps, const char *end)
{
  if (ps->current == NULL)
    return;
  g_free (ps->current->text);
  if (ps->current_end != NULL && ps->current_end > ps->current_start && ps->current_end < end)
    end = ps->current_end;
  ps->current->text = g_strstrip (g_strndup (ps->current_start, (gsize) (end - ps->current_start)));
  ps->current = NULL;
}

static void
end_part (Parser *ps, const char *end)
{
  if (ps->part_unknown && ps->part_start != NULL)
    {
      g_autofree char *part = g_strndup (ps->part_start, (gsize) (end - ps->part_start));

      g_strstrip (part);
      if (part[0] != '\0')
        g_ptr_array_add (ps->list->unparsed, g_steal_pointer (&part));
    }
  ps->part_unknown = FALSE;
  ps->part_start = NULL;
}

static ShinsaCitation *
start_citation (Parser *ps, ShinsaCiteDocKind kind, const char *at)
{
  if (ps->current != NULL)
    finish_current (ps, at);
  ps->current = citation_new (kind);
  ps->current_start = at;
  ps->current_end = NULL;
  ps->separated = FALSE;
  g_ptr_array_add (ps->list->citations, ps->current);
  return ps->current;
}

/* the longest known title at @p, not inside a longer word of letters */
static const char *
scan_known_title (Parser *ps, const char *p, char **out_title)
{
  const char *best = NULL;
  gsize best_len = 0;

  if (ps->titles == NULL)
    return NULL;
  for (const char *const *t = ps->titles; *t != NULL; t++)
    {
      gsize len = strlen (*t);

      if (len > best_len && g_utf8_strlen (*t, -1) >= 2 && strncmp (p, *t, len) == 0)
        {
          best = *t;
          best_len = len;
        }
    }
  if (best == NULL)
    return NULL;
  *out_title = g_strdup (best);
  return p + best_len;
}

static gboolean
is_whole (const char *text, const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strcmp (text, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* What OCR makes of a scanned 添付書類等 cell, put back before the grammar
 * reads it.  These are character confusions of one cell's handwriting-free
 * print, not grammar: GRegex substitutions read better than scanner code. */
static const struct {
  const char *pattern;
  const char *replacement;
} ocr_repairs[] = {
  { "([0-9])\\s*[ペベ]\\s*[ー一-]\\s*[ジシノプブフ]{0,2}", "\\1ページ" },   /* 2ペープ, 3ベーノ, 1ペーノフ */
  { "([0-9])\\s*[真買貞頂]", "\\1頁" },                                      /* 5真, 4買 */
  { "第\\s*([0-9]+)\\s*[意竜剖]", "第\\1章" },                              /* 第3意 */
  { "[吹中抽賓][料粁](?=\\s*(?:No|[0-9]))", "資料" },                           /* 吹料No4 */
  { "([0-9])\\s+([0-9]{1,2})\\s*(節|項)", "\\1.\\2\\3" },               /* 1 1節 */
  { "([0-9])\\s*[てこ]\\s*([0-9])", "\\1~\\2" },                           /* 3て4頁, 2こ3頁 */
  { "(資料|別紙|添付)([0-9]+)[.\\-]([0-9]+(?:\\.[0-9]+)*)\\s*(節|項)", "\\1\\2 \\3\\4" }, /* 資料6.4.4節 */
  { "(\\s)([1-9])([1-9])\\s*節", "\\1\\2.\\3節" },                       /* 資料6 81節: 8.1 */
};

static char *
repair_ocr (const char *text)
{
  static GRegex *regexes[G_N_ELEMENTS (ocr_repairs)];
  static gsize ready = 0;
  char *out = g_strdup (text);

  if (g_once_init_enter (&ready))
    {
      for (guint i = 0; i < G_N_ELEMENTS (ocr_repairs); i++)
        regexes[i] = g_regex_new (ocr_repairs[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&ready, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ocr_repairs); i++)
    {
      char *next;

      if (regexes[i] == NULL)
        continue;
      next = g_regex_replace (regexes[i], out, -1, 0, ocr_repairs[i].replacement, 0, NULL);
      if (next != NULL)
        {
          g_free (out);
          out = next;
        }
    }
  return out;
}

ShinsaCitationList *
shinsa_citation_parse (const char *text, const char *const *titles)
{
  return shinsa_citation_parse_full (text, titles, SHINSA_CITE_PARSE_DEFAULT);
}

ShinsaCitationList *
shinsa_citation_parse_full (const char *text, const char *const *titles, ShinsaCiteParseFlags flags)
{
  ShinsaCitationList *list = citation_list_new ();
  g_autofree char *norm = NULL;
  g_autofree char *trimmed = NULL;
  g_autoptr(GPtrArray) norm_titles = g_ptr_array_new_with_free_func (g_free);
  Parser ps = { 0, };
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return list;
  {
    /* ①資料1 p.1 ②資料2 p.2: the circled numbers pair evidence with the
     * 記述内容 fields; NFKC would make them digits glued to the next word */
    GString *plain = g_string_sized_new (strlen (text));
    for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
      {
        gunichar u = g_utf8_get_char (c);
        if ((u >= 0x2460 && u <= 0x2473) || (u >= 0x2474 && u <= 0x2487) || (u >= 0x3251 && u <= 0x325F))
          g_string_append_c (plain, '\n');
        else
          g_string_append_unichar (plain, u);
      }
    norm = g_utf8_normalize (plain->str, -1, G_NORMALIZE_ALL_COMPOSE);
    g_string_free (plain, TRUE);
  }
  if (norm == NULL)
    return list;
  if (flags & SHINSA_CITE_PARSE_OCR)
    {
      char *repaired = repair_ocr (norm);
      g_free (norm);
      norm = repaired;
    }
  trimmed = g_strstrip (g_strdup (norm));
  if (trimmed[0] == '\0')
    return list;
  if (is_whole (trimmed, none_words))
    {
      list->none = TRUE;
      return list;
    }
  for (guint i = 0; previous_words[i] != NULL; i++)
    if (strstr (trimmed, previous_words[i]) != NULL)
      list->previous = TRUE;

  for (guint i = 0; titles != NULL && titles[i] != NULL; i++)
    {
      char *t = g_utf8_normalize (titles[i], -1, G_NORMALIZE_ALL_COMPOSE);
      if (t != NULL && t[0] != '\0')
        g_ptr_array_add (norm_titles, t);
      else
        g_free (t);
    }
  g_ptr_array_add (norm_titles, NULL);

  ps.list = list;
  ps.titles = (const char *const *) norm_titles->pdata;
  p = trimmed;

  while (*p != '\0')
    {
      const char *q;
      char *word = NULL;

      if (ps.current != NULL && ps.last_token_end != NULL)
        ps.current_end = ps.last_token_end;
      ps.last_token_end = NULL;

      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (ps.part_start == NULL)
        ps.part_start = p;

      /* brackets: places inside belong to the citation before, the rest is a note */
      if (*p == '(' || *p == '[')
        {
          ps.depth++;
          p++;
          continue;
        }
      if ((*p == ')' || *p == ']') && ps.depth > 0)
        {
          ps.depth--;
          p++;
          ps.last_token_end = p;
          continue;
        }

      /* a known title may hold a separator: 会社概要・組織図 */
      if ((q = scan_known_title (&ps, p, &word)) != NULL)
        {
          if (ps.current != NULL && !ps.separated && ps.current->title == NULL &&
              ps.current->places->len == 0 && ps.current->doc_kind == SHINSA_CITE_DOC_NUMBER)
            ps.current->title = word;
          else
            {
              ShinsaCitation *cite = start_citation (&ps, SHINSA_CITE_DOC_TITLE, p);
              cite->title = word;
            }
          p = ps.last_token_end = q;
          continue;
        }

      if (ps.depth == 0 && is_cell_separator (p, &q))
        {
          /* 3,5ページ is handled by the place scanner; here a separator ends a part */
          end_part (&ps, p);
          ps.separated = TRUE;
          p = q;
          continue;
        }

      if ((q = scan_file (p, &word)) != NULL)
        {
          ShinsaCitation *cite = start_citation (&ps, SHINSA_CITE_DOC_FILE, p);
          cite->file = word;
          p = ps.last_token_end = q;
          continue;
        }

      if ((q = shinsa_names_match_document_id (p, &word)) != NULL)
        {
          /* in brackets after a title: 「基本方針」(資料3) names the same document */
          if (ps.current != NULL && ps.depth > 0 && ps.current->doc_kind == SHINSA_CITE_DOC_TITLE
              && ps.current->doc_id == NULL)
            {
              ps.current->doc_kind = SHINSA_CITE_DOC_NUMBER;
              ps.current->doc_id = word;
            }
          else
            {
              ShinsaCitation *cite = start_citation (&ps, SHINSA_CITE_DOC_NUMBER, p);
              cite->doc_id = word;
            }
          p = ps.last_token_end = q;
          continue;
        }

      if ((q = scan_quoted (p, &word)) != NULL)
        {
          if (ps.current != NULL && !ps.separated && ps.current->title == NULL &&
              ps.current->places->len == 0 && ps.current->doc_kind == SHINSA_CITE_DOC_NUMBER)
            ps.current->title = word;
          else
            {
              ShinsaCitation *cite = start_citation (&ps, SHINSA_CITE_DOC_TITLE, p);
              cite->title = word;
            }
          p = ps.last_token_end = q;
          continue;
        }

      {
        GArray *places = ps.current != NULL ? ps.current->places : NULL;
        g_autoptr(GArray) loose = NULL;

        if (places == NULL)
          {
            loose = g_array_new (FALSE, TRUE, sizeof (ShinsaCitePlace));
            g_array_set_clear_func (loose, place_clear);
            places = loose;
          }
        if ((q = scan_place (p, places)) != NULL)
          {
            if (loose != NULL)
              {
                ShinsaCitation *cite = start_citation (&ps, SHINSA_CITE_DOC_NONE, p);
                /* move the places over */
                for (guint i = 0; i < loose->len; i++)
                  {
                    ShinsaCitePlace *pl = &g_array_index (loose, ShinsaCitePlace, i);
                    g_array_append_val (cite->places, *pl);
                    pl->label = NULL;
                    pl->text = NULL;
                  }
              }
            p = ps.last_token_end = q;
            continue;
          }
      }

      if ((q = match_any (p, fillers)) != NULL)
        {
          p = q;
          continue;
        }

      /* not a citation: notes in brackets are fine, the rest is unread */
      if (ps.depth == 0)
        {
          ps.part_unknown = TRUE;
          /* an unknown word ends the citation it follows */
          if (ps.current != NULL)
            finish_current (&ps, p);
        }
      p = g_utf8_next_char (p);
    }
  if (ps.current != NULL && ps.last_token_end != NULL)
    ps.current_end = ps.last_token_end;
  end_part (&ps, p);
  finish_current (&ps, p);

  /* 前回提出資料のとおり is a statement about evidence, not unread text */
  if (list->previous && list->citations->len == 0)
    g_ptr_array_set_size (list->unparsed, 0);
  return list;
}

char *
shinsa_citation_list_describe (const ShinsaCitationList *list)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (list != NULL, NULL);
  if (list->none)
    g_string_append (s, "none");
  if (list->previous)
    g_string_append_printf (s, "%sprevious", s->len > 0 ? "; " : "");
  for (guint i = 0; i < list->citations->len; i++)
    {
      const ShinsaCitation *c = g_ptr_array_index (list->citations, i);

      if (s->len > 0)
        g_string_append (s, "; ");
      switch (c->doc_kind)
        {
        case SHINSA_CITE_DOC_NUMBER:
          g_string_append (s, c->doc_id);
          if (c->title != NULL)
            g_string_append_printf (s, "「%s」", c->title);
          break;
        case SHINSA_CITE_DOC_TITLE:
          g_string_append_printf (s, "「%s」", c->title);
          break;
        case SHINSA_CITE_DOC_FILE:
          g_string_append_printf (s, "file %s", c->file);
          break;
        case SHINSA_CITE_DOC_NONE:
        default:
          g_string_append (s, "-");
          break;
        }
      for (guint j = 0; j < c->places->len; j++)
        {
          const ShinsaCitePlace *pl = &g_array_index (c->places, ShinsaCitePlace, j);
          g_string_append_printf (s, " %s %s", shinsa_cite_place_kind_to_string (pl->kind), pl->label);
        }
    }
  for (guint i = 0; i < list->unparsed->len; i++)
    g_string_append_printf (s, "%s?%s", s->len > 0 ? "; " : "",
                            (const char *) g_ptr_array_index (list->unparsed, i));
  return g_string_free (s, FALSE);
}
