/* extract — printed page labels
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "folio.h"

/* the top and bottom tenth of a page hold the running header and the folio */
#define BAND_FRACTION      0.10
/* a run of this many spans of one line may be a folio ("-", "3", "-" from OCR) */
#define MAX_RUN_SPANS      4
#define MAX_ROMAN          50
/* an undecorated number this large is a year or an amount, not a folio */
#define MAX_BARE_ARABIC    999
#define MAX_ARABIC         9999

void
folio_clear (Folio *folio)
{
  g_clear_pointer (&folio->text, g_free);
  folio->kind = FOLIO_NONE;
  folio->value = 0;
}

static gboolean
is_dash (gunichar c)
{
  switch (c)
    {
    case '-': case '~': case '_':
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:                        /* minus */
    case 0x2500: case 0x2501:           /* box drawing */
    case 0x301C:                        /* 〜 */
    case 0x30FC:                        /* ー, typed for a dash in Japanese */
      return TRUE;
    default:
      return FALSE;
    }
}

/* strips one pair of brackets around the whole string */
static gboolean
strip_brackets (GString *s)
{
  static const char *const pairs[][2] = {
    { "(", ")" }, { "[", "]" }, { "<", ">" }, { "〈", "〉" }, { "《", "》" },
    { "【", "】" }, { "〔", "〕" }, { "［", "］" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      gsize open = strlen (pairs[i][0]), close = strlen (pairs[i][1]);

      if (s->len > open + close && g_str_has_prefix (s->str, pairs[i][0]) &&
          g_str_has_suffix (s->str, pairs[i][1]))
        {
          g_string_truncate (s, s->len - close);
          g_string_erase (s, 0, open);
          return TRUE;
        }
    }
  return FALSE;
}

/* strips dashes on both sides ("- 3 -", "ー３ー"); one-sided dashes are not a
 * folio's decoration but a range or a list mark */
static gboolean
strip_dashes (GString *s)
{
  const char *start = s->str, *end = s->str + s->len;
  const char *p = start, *q = end;

  while (p < end && is_dash (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  while (q > p)
    {
      const char *prev = g_utf8_prev_char (q);
      if (!is_dash (g_utf8_get_char (prev)))
        break;
      q = prev;
    }
  if (p == start || q == end || p >= q)
    return FALSE;
  g_string_truncate (s, q - start);
  g_string_erase (s, 0, p - start);
  return TRUE;
}

static gboolean
strip_prefix (GString *s, const char *prefix)
{
  gsize n = strlen (prefix);

  if (s->len > n && g_ascii_strncasecmp (s->str, prefix, n) == 0)
    {
      g_string_erase (s, 0, n);
      return TRUE;
    }
  return FALSE;
}

static gboolean
strip_suffix (GString *s, const char *suffix)
{
  gsize n = strlen (suffix);

  if (s->len > n && g_ascii_strcasecmp (s->str + s->len - n, suffix) == 0)
    {
      g_string_truncate (s, s->len - n);
      return TRUE;
    }
  return FALSE;
}

static int
parse_arabic (const char *s, gsize len)
{
  int value = 0;

  if (len == 0 || len > 4)
    return -1;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      value = value * 10 + (s[i] - '0');
    }
  return value >= 1 && value <= MAX_ARABIC ? value : -1;
}

static void
roman_of (int value, char *out)
{
  static const struct { int v; const char *s; } digits[] = {
    { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" },
  };

  out[0] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    while (value >= digits[i].v)
      {
        strcat (out, digits[i].s);
        value -= digits[i].v;
      }
}

/* the value of a canonical roman numeral, either case but not mixed */
static int
parse_roman (const char *s)
{
  g_autofree char *low = g_ascii_strdown (s, -1);
  gboolean upper = g_ascii_isupper (s[0]);
  int value = 0;
  char canon[16];

  for (const char *p = s; *p != '\0'; p++)
    if (!strchr ("ivxlIVXL", *p) || (g_ascii_isupper (*p) != upper))
      return -1;
  for (const char *p = low; *p != '\0'; p++)
    value += *p == 'i' ? 1 : *p == 'v' ? 5 : *p == 'x' ? 10 : 50;
  /* an upper bound only: the canonical spelling decides */
  for (int v = 1; v <= MAX_ROMAN && v <= value; v++)
    {
      roman_of (v, canon);
      if (strcmp (canon, low) == 0)
        return v;
    }
  return -1;
}

gboolean
folio_parse (const char *text, Folio *folio)
{
  g_autofree char *nfkc = NULL;
  g_autoptr(GString) s = NULL;
  gboolean decorated = FALSE;
  const char *slash;
  int value;

  g_return_val_if_fail (folio != NULL, FALSE);
  memset (folio, 0, sizeof *folio);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  /* full-width digits and letters become ASCII; spaces go: "p. 3", "- 3 -" */
  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  s = g_string_sized_new (strlen (nfkc));
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }
  if (s->len == 0 || s->len > 40)
    return FALSE;

  decorated |= strip_dashes (s);
  decorated |= strip_brackets (s);
  decorated |= strip_dashes (s);

  /* "第3頁", "3ページ", "P.3", "page 3", "3 of 12", "3/12" */
  if (strip_prefix (s, "第"))
    {
      if (!strip_suffix (s, "頁") && !strip_suffix (s, "ページ"))
        return FALSE;
      decorated = TRUE;
    }
  else if (strip_suffix (s, "頁") || strip_suffix (s, "ページ"))
    decorated = TRUE;
  else if (strip_prefix (s, "page") || strip_prefix (s, "p.") || strip_prefix (s, "p"))
    {
      decorated = TRUE;
      if (s->len > 0 && s->str[0] == '.')
        g_string_erase (s, 0, 1);
    }

  slash = strchr (s->str, '/');
  if (slash == NULL)
    {
      const char *of = strstr (s->str, "of");
      if (of == NULL)
        of = strstr (s->str, "OF");
      if (of != NULL && of != s->str)
        slash = of + 1;            /* "of" is one byte longer than "/" */
    }
  if (slash != NULL)
    {
      gsize head = (gsize) (slash - s->str) - (*slash == 'f' || *slash == 'F' ? 1 : 0);
      int total = parse_arabic (slash + 1, strlen (slash + 1));

      value = parse_arabic (s->str, head);
      if (value < 0 || total < 0 || value > total)
        return FALSE;
      folio->kind = FOLIO_ARABIC;
      folio->value = value;
      folio->text = g_strdup_printf ("%d", value);
      return TRUE;
    }

  value = parse_arabic (s->str, s->len);
  if (value > 0)
    {
      if (!decorated && value > MAX_BARE_ARABIC)
        return FALSE;
      folio->kind = FOLIO_ARABIC;
      folio->value = value;
      folio->text = g_strdup_printf ("%d", value);
      return TRUE;
    }

  value = parse_roman (s->str);
  if (value > 0)
    {
      folio->kind = FOLIO_ROMAN;
      folio->value = value;
      folio->text = g_strdup (s->str);
      return TRUE;
    }
  return FALSE;
}

gboolean
folio_pdf_has_labels (const FolioPdfLabels *pdf)
{
  g_return_val_if_fail (pdf != NULL, FALSE);

  for (guint i = 0; i < pdf->n_labels; i++)
    {
      char number[16];

      g_snprintf (number, sizeof number, "%u", i + 1);
      if (pdf->labels[i] != NULL && strcmp (pdf->labels[i], number) != 0)
        return TRUE;
    }
  return pdf->n_labels > 0 && pdf->catalog_has_labels;
}

static gboolean
in_band (const ShinsaPage *page, const ShinsaSpan *span)
{
  double centre = span->y + span->height / 2;

  if (page->height <= 0)
    return FALSE;
  return centre < page->height * BAND_FRACTION || centre > page->height * (1 - BAND_FRACTION);
}

GPtrArray *
folio_candidates (const ShinsaPage *page)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  guint i = 0;

  g_return_val_if_fail (page != NULL, out);

  /* spans are in reading order, so the spans of one line are adjacent */
  while (i < page->spans->len)
    {
      const ShinsaSpan *first = &g_array_index (page->spans, ShinsaSpan, i);
      guint end = i;

      while (end < page->spans->len &&
             g_array_index (page->spans, ShinsaSpan, end).line == first->line)
        end++;
      if (in_band (page, first))
        for (guint a = i; a < end; a++)
          {
            g_autoptr(GString) run = g_string_new (NULL);

            for (guint b = a; b < end && b < a + MAX_RUN_SPANS; b++)
              {
                const ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, b);

                if (b > a)
                  g_string_append_c (run, ' ');
                g_string_append (run, s->text != NULL ? s->text : "");
                g_ptr_array_add (out, g_strdup (run->str));
              }
          }
      i = end;
    }
  return out;
}

typedef struct {
  guint page;                  /* index into the pages */
  int value;
  FolioKind kind;
  const char *text;
} Candidate;

static int
compare_candidates (gconstpointer a, gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->page != cb->page)
    return ca->page < cb->page ? -1 : 1;
  /* within a page the larger value first: a chain then takes one per page */
  return ca->value > cb->value ? -1 : ca->value < cb->value;
}

/* Longest chain of candidates of @kind on pages before @before whose values
 * increase with the physical page (an extract skips numbers; a page without
 * one, or with a repeated one, drops out of the chain).  Returns its length and fills
 * @chain (indices into @cands), in page order. */
static guint
longest_chain (GArray *cands, FolioKind kind, guint before, GArray *chain)
{
  guint n = cands->len, best_end = G_MAXUINT, best_len = 0;
  g_autofree guint *len = g_new0 (guint, MAX (n, 1));
  g_autofree guint *prev = g_new0 (guint, MAX (n, 1));

  g_array_set_size (chain, 0);
  for (guint j = 0; j < n; j++)
    {
      const Candidate *cj = &g_array_index (cands, Candidate, j);

      if (cj->kind != kind || cj->page >= before)
        continue;
      len[j] = 1;
      prev[j] = G_MAXUINT;
      for (guint i = 0; i < j; i++)
        {
          const Candidate *ci = &g_array_index (cands, Candidate, i);

          if (ci->kind != kind || len[i] == 0 || ci->page >= cj->page)
            continue;
          if (cj->value > ci->value && len[i] + 1 > len[j])
            {
              len[j] = len[i] + 1;
              prev[j] = i;
            }
        }
      if (len[j] > best_len)
        {
          best_len = len[j];
          best_end = j;
        }
    }
  for (guint k = best_end; k != G_MAXUINT; k = prev[k])
    g_array_prepend_val (chain, k);
  return best_len;
}

static void
set_label (ShinsaPage *page, const char *label, const char *source)
{
  g_free (page->label);
  page->label = g_strdup (label);
  g_free (page->label_source);
  page->label_source = g_strdup (source);
}

void
folio_label_pages (GPtrArray *pages, const FolioPdfLabels *pdf)
{
  g_autoptr(GArray) cands = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) arabic = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) roman = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint n_arabic_pages = 0, first_arabic, n_arabic, n_roman;
  int last_page = -1;

  g_return_if_fail (pages != NULL);

  for (guint i = 0; i < pages->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);

      g_clear_pointer (&page->label, g_free);
      g_clear_pointer (&page->label_source, g_free);
    }

  if (pdf != NULL && folio_pdf_has_labels (pdf))
    {
      for (guint i = 0; i < pages->len; i++)
        {
          ShinsaPage *page = g_ptr_array_index (pages, i);
          guint index = (guint) page->number - 1;

          if (index < pdf->n_labels && pdf->labels[index] != NULL && pdf->labels[index][0] != '\0')
            set_label (page, pdf->labels[index], "pdf-label");
        }
      return;
    }

  for (guint i = 0; i < pages->len; i++)
    {
      g_autoptr(GPtrArray) lines = folio_candidates (g_ptr_array_index (pages, i));

      for (guint l = 0; l < lines->len; l++)
        {
          Folio folio;

          if (!folio_parse (g_ptr_array_index (lines, l), &folio))
            continue;
          g_ptr_array_add (texts, folio.text);
          g_array_append_vals (cands, &(Candidate) { i, folio.value, folio.kind, folio.text }, 1);
          if (folio.kind == FOLIO_ARABIC && last_page != (int) i)
            {
              n_arabic_pages++;
              last_page = (int) i;
            }
        }
    }
  g_array_sort (cands, compare_candidates);

  /* a folio counts only as part of a sequence: most pages that show a
   * number agree, or the document is too short to have one */
  n_arabic = longest_chain (cands, FOLIO_ARABIC, G_MAXUINT, arabic);
  if (n_arabic * 2 < n_arabic_pages || (n_arabic < 2 && pages->len > 2))
    {
      g_array_set_size (arabic, 0);
      n_arabic = 0;
    }
  first_arabic = n_arabic > 0 ? g_array_index (cands, Candidate, g_array_index (arabic, guint, 0)).page
                              : G_MAXUINT;
  n_roman = longest_chain (cands, FOLIO_ROMAN, first_arabic, roman);
  if (n_roman < 2 && n_arabic == 0)
    g_array_set_size (roman, 0);

  for (guint k = 0; k < roman->len; k++)
    {
      const Candidate *c = &g_array_index (cands, Candidate, g_array_index (roman, guint, k));
      set_label (g_ptr_array_index (pages, c->page), c->text, "folio");
    }
  for (guint k = 0; k < arabic->len; k++)
    {
      const Candidate *c = &g_array_index (cands, Candidate, g_array_index (arabic, guint, k));
      set_label (g_ptr_array_index (pages, c->page), c->text, "folio");
    }
}
