/* shinsa — crossref: the submission's documents, as citations find them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For each document: its id, title and file name in comparable form, the
 * text of every page normalised once, the printed page numbers, and the
 * headings (第N章, N.M, 第N条, 別表N, 付録X) with the pages each one spans.
 */
#include <stdlib.h>
#include <string.h>

#include "crossref.h"

static void
heading_free (gpointer data)
{
  XrefHeading *h = data;

  g_free (h->label);
  g_free (h->title);
  g_free (h);
}

static void
doc_free (gpointer data)
{
  XrefDoc *d = data;

  g_free (d->id);
  g_free (d->title);
  g_free (d->title_key);
  g_free (d->file_key);
  g_strfreev (d->page_text);
  g_ptr_array_unref (d->headings);
  g_free (d);
}

/* titles compare without brackets, spaces or the ｜site suffix of a web page */
static char *
title_key (const char *title)
{
  g_autofree char *n = xref_normalise (title);
  GString *s = g_string_new (NULL);

  for (const char *p = n; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '|')
        break;
      if (strchr ("()[]{}<>\"'_-.", (int) (c < 128 ? c : 1)) != NULL && c < 128)
        continue;
      if (c == 0x300C || c == 0x300D || c == 0x300E || c == 0x300F || c == 0x3010 || c == 0x3011)
        continue;
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static char *
file_key (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *n = g_utf8_normalize (base, -1, G_NORMALIZE_ALL_COMPOSE);
  char *key = g_utf8_casefold (n != NULL ? n : base, -1);
  return key;
}

/* ---- headings ------------------------------------------------------------ */

/* a table-of-contents line ends in its page number: "第3章 提供サービス 3" */
static gboolean
is_toc_line_ex (const char *line, gboolean ocr)
{
  const char *end = line + strlen (line);
  const char *p = end;

  while (p > line && g_ascii_isdigit (p[-1]))
    p--;
  if (p == end || p == line)
    return FALSE;
  /* OCR loses the space too: "第4章監視12"; a dotted "第6章…運用.21" */
  if (ocr)
    return TRUE;
  /* a space or leader dots before the number */
  {
    const char *q = g_utf8_find_prev_char (line, p);
    gunichar c = q != NULL ? g_utf8_get_char (q) : 0;
    return g_unichar_isspace (c) || c == '.' || c == 0x2026 || c == 0x30FB || c == 0x2025;
  }
}

/* OCR drops the space after a heading's number: "第4章監視", "6.1ウイルス対策" */
static gboolean ocr_heading_title (gunichar c)
{
  static const gunichar particles[] = { 0x306B /* に */, 0x306E /* の */, 0x3092 /* を */,
                                        0x3067 /* で */, 0x306F /* は */, 0x304C /* が */,
                                        0x3068 /* と */, 0x3082 /* も */, 0x3078 /* へ */,
                                        0x3084 /* や */, 0x307E /* ま */ };
  if (c == 0 || g_unichar_isdigit (c) || c == '%' || c == '.' || c == ',')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (particles); i++)
    if (c == particles[i])
      return FALSE;
  return TRUE;
}

static gboolean
heading_follows_ex (const char *p, gboolean ocr)
{
  gunichar c;

  if (*p == '\0')
    return TRUE;
  c = g_utf8_get_char (p);
  if (g_unichar_isspace (c) || c == '(' || c == '[' || c == ':' || c == '.')
    return TRUE;
  return ocr && ocr_heading_title (c);
}

#define heading_follows(p) heading_follows_ex ((p), ocr)

static const char *
skip_blanks (const char *p)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* reads one heading at the start of @line (NFKC, trimmed) */
static gboolean
parse_heading (const char *line, gboolean ocr, int chapter,
               ShinsaCitePlaceKind *kind, char **label, int *depth)
{
  const char *p = line;
  int n = 0;

  if (g_str_has_prefix (p, "第"))
    {
      const char *q = p + strlen ("第");
      const char *r = q;

      /* the numeral runs to the unit: 第12条, 第十二条 */
      while (*r != '\0' && r - q < 24 && !g_str_has_prefix (r, "章") && !g_str_has_prefix (r, "条")
             && !g_str_has_prefix (r, "節"))
        r = g_utf8_next_char (r);
      if (*r == '\0' || (n = shinsa_parse_number (q, r - q)) < 0)
        return FALSE;
      if (r == q || n <= 0 || n > 9999)
        return FALSE;
      if (g_str_has_prefix (r, "章") && heading_follows (r + strlen ("章")))
        {
          *kind = SHINSA_CITE_PLACE_CHAPTER;
          *depth = 1;
        }
      else if (g_str_has_prefix (r, "条") && heading_follows (r + strlen ("条")))
        {
          *kind = SHINSA_CITE_PLACE_ARTICLE;
          *depth = 3;
        }
      else if (g_str_has_prefix (r, "節") && heading_follows (r + strlen ("節")))
        {
          *kind = SHINSA_CITE_PLACE_SECTION;
          *depth = 2;
        }
      else
        return FALSE;
      *label = g_strdup_printf ("%d", n);
      return TRUE;
    }

  if (g_ascii_isdigit (*p))
    {
      GString *l = g_string_new (NULL);
      int dots = 0;

      while (TRUE)
        {
          int v = 0;
          const char *start = p;

          while (g_ascii_isdigit (*p) && p - start < 4)
            v = v * 10 + (*p++ - '0');
          if (p == start)
            break;
          g_string_append_printf (l, "%s%d", dots > 0 ? "." : "", v);
          if (*p == '.' && g_ascii_isdigit (p[1]))
            {
              p++;
              dots++;
              continue;
            }
          break;
        }
      /* OCR read the dot as a space: "6 1ウイルス対策" inside 第6章 is 6.1 */
      if (ocr && dots == 0 && l->len == 1 && l->str[0] - '0' == chapter && *p == ' ' &&
          g_ascii_isdigit (p[1]) && !g_ascii_isdigit (p[2]) && p[2] != '\0' && p[2] != ' ' &&
          ocr_heading_title (g_utf8_get_char (p + 2)))
        {
          *kind = SHINSA_CITE_PLACE_SECTION;
          *depth = 2;
          *label = g_strdup_printf ("%c.%c", l->str[0], p[1]);
          g_string_free (l, TRUE);
          return TRUE;
        }
      /* OCR lost the dot: "63脆弱性診断" or "63 脆弱性診断" inside 第6章 is 6.3 */
      if (ocr && dots == 0 && l->len == 2 && l->str[0] - '0' == chapter && l->str[1] != '0' &&
          ocr_heading_title (g_utf8_get_char (skip_blanks (p))))
        {
          *kind = SHINSA_CITE_PLACE_SECTION;
          *depth = 2;
          *label = g_strdup_printf ("%c.%c", l->str[0], l->str[1]);
          g_string_free (l, TRUE);
          return TRUE;
        }
      if (ocr && dots > 0 && ocr_heading_title (g_utf8_get_char (p)) &&
          !g_unichar_isspace (g_utf8_get_char (p)))
        {
          *kind = SHINSA_CITE_PLACE_SECTION;
          *depth = 1 + dots;
          *label = g_string_free (l, FALSE);
          return TRUE;
        }
      /* 3.5 サーバ: a section needs a dot, a space and a word after it */
      if (dots > 0 && g_unichar_isspace (g_utf8_get_char (p)))
        {
          const char *q = p;
          while (*q != '\0' && g_unichar_isspace (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          if (*q != '\0' && !g_ascii_isdigit (*q))
            {
              *kind = SHINSA_CITE_PLACE_SECTION;
              *depth = 1 + dots;
              *label = g_string_free (l, FALSE);
              return TRUE;
            }
        }
      g_string_free (l, TRUE);
      return FALSE;
    }

  if (g_str_has_prefix (p, "別表"))
    {
      const char *q = p + strlen ("別表");
      if (g_str_has_prefix (q, "第"))
        q += strlen ("第");
      while (g_ascii_isdigit (*q))
        n = n * 10 + (*q++ - '0');
      if (n > 0 && heading_follows (q))
        {
          *kind = SHINSA_CITE_PLACE_TABLE;
          *depth = 1;
          *label = g_strdup_printf ("%d", n);
          return TRUE;
        }
      return FALSE;
    }

  {
    static const char *const appendix[] = { "付録", "付属書", "附属書", "Appendix", NULL };
    for (guint i = 0; appendix[i] != NULL; i++)
      if (g_str_has_prefix (p, appendix[i]))
        {
          const char *q = p + strlen (appendix[i]);
          while (*q == ' ')
            q++;
          if (g_ascii_isalnum (*q))
            {
              const char *r = q;
              while (g_ascii_isalnum (*r))
                r++;
              if (heading_follows (r) && r - q <= 3)
                {
                  *kind = SHINSA_CITE_PLACE_APPENDIX;
                  *depth = 1;
                  *label = g_ascii_strup (q, r - q);
                  return TRUE;
                }
            }
        }
  }
  return FALSE;
}

/* 第12条（リスク管理） → リスク管理; 3.5 アプリケーション支援 → アプリケーション支援 */
static char *
heading_title (const char *line)
{
  const char *p = line;

  if (g_str_has_prefix (p, "第"))
    p += strlen ("第");
  while (*p != '\0' && (g_ascii_isdigit (*p) || *p == '.'))
    p++;
  /* a kanji numeral and its unit */
  while (*p != '\0' && !g_str_has_prefix (p, "章") && !g_str_has_prefix (p, "条") &&
         !g_str_has_prefix (p, "節") && !g_unichar_isspace (g_utf8_get_char (p)) && *p != '(' &&
         p - line < 24 && (line[0] != '\0' && g_str_has_prefix (line, "第")))
    p = g_utf8_next_char (p);
  if (g_str_has_prefix (p, "章") || g_str_has_prefix (p, "条") || g_str_has_prefix (p, "節"))
    p += strlen ("章");
  return xref_normalise (p);
}

guint
xref_common_run (const char *a, const char *b)
{
  glong na, nb;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, &na);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, &nb);
  g_autofree guint *prev = g_new0 (guint, nb + 1);
  g_autofree guint *cur = g_new0 (guint, nb + 1);
  guint best = 0;

  for (glong i = 1; i <= na; i++)
    {
      for (glong j = 1; j <= nb; j++)
        {
          cur[j] = ua[i - 1] == ub[j - 1] ? prev[j - 1] + 1 : 0;
          best = MAX (best, cur[j]);
        }
      memcpy (prev, cur, sizeof (guint) * (nb + 1));
    }
  return best;
}

typedef struct {
  XrefHeading *h;
  gboolean top_of_page;        /* nothing but running headers above it */
} Found;

static void
index_headings (XrefDoc *d)
{
  GPtrArray *pages = shinsa_document_get_page_list (d->doc);
  g_autoptr(GHashTable) line_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  int chapter = 0;

  if (pages == NULL)
    return;

  /* running headers and footers repeat on the pages */
  for (guint i = 0; i < pages->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);
      g_auto(GStrv) lines = g_strsplit (page->text != NULL ? page->text : "", "\n", -1);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_strstrip (lines[j]);
          if (lines[j][0] == '\0' || g_hash_table_contains (seen, lines[j]))
            continue;
          g_hash_table_add (seen, lines[j]);
          g_hash_table_insert (line_counts, g_strdup (lines[j]),
                               GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (line_counts, lines[j])) + 1));
        }
    }

  for (guint i = 0; i < pages->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);
      g_auto(GStrv) lines = g_strsplit (page->text != NULL ? page->text : "", "\n", -1);
      gboolean body_seen = FALSE;
      gboolean ocr = page->source == SHINSA_PAGE_TEXT_OCR;

      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *norm = NULL;
          ShinsaCitePlaceKind kind;
          char *label = NULL;
          int depth;

          g_strstrip (lines[j]);
          if (lines[j][0] == '\0')
            continue;
          norm = g_utf8_normalize (lines[j], -1, G_NORMALIZE_ALL_COMPOSE);
          if (norm != NULL && !is_toc_line_ex (norm, ocr) && parse_heading (norm, ocr, chapter, &kind, &label, &depth))
            {
              Found f;

              if (kind == SHINSA_CITE_PLACE_CHAPTER)
                chapter = atoi (label);

              f.h = g_new0 (XrefHeading, 1);
              f.h->kind = kind;
              f.h->label = label;
              f.h->depth = depth;
              f.h->first_page = page->number;
              f.h->title = heading_title (norm);
              f.top_of_page = !body_seen;
              g_array_append_val (found, f);
              body_seen = TRUE;
              continue;
            }
          if (pages->len < 2 || GPOINTER_TO_INT (g_hash_table_lookup (line_counts, lines[j])) < 2)
            body_seen = TRUE;
        }
    }

  /* a heading runs to the next one at its depth or above: through that
   * one's page, unless that one opens its page */
  for (guint i = 0; i < found->len; i++)
    {
      Found *f = &g_array_index (found, Found, i);

      f->h->last_page = d->n_pages > 0 ? d->n_pages : f->h->first_page;
      for (guint j = i + 1; j < found->len; j++)
        {
          Found *g = &g_array_index (found, Found, j);

          if (g->h->depth <= f->h->depth)
            {
              f->h->last_page = g->top_of_page ? g->h->first_page - 1 : g->h->first_page;
              break;
            }
        }
      if (f->h->last_page < f->h->first_page)
        f->h->last_page = f->h->first_page;
      g_ptr_array_add (d->headings, f->h);
    }
}

/* ---- the index ------------------------------------------------------------ */

static gboolean
is_evidence_role (ShinsaRole role)
{
  return role != SHINSA_ROLE_FORM_A && role != SHINSA_ROLE_FORM_B && role != SHINSA_ROLE_INVENTORY;
}

XrefIndex *
xref_index_new (GPtrArray *documents, const ShinsaForm *form)
{
  XrefIndex *index = g_new0 (XrefIndex, 1);

  index->docs = g_ptr_array_new_with_free_func (doc_free);
  index->titles = g_ptr_array_new_with_free_func (g_free);
  index->form = form;

  for (guint i = 0; i < documents->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (documents, i);
      GPtrArray *pages = shinsa_document_get_page_list (doc);
      XrefDoc *d;
      g_autofree char *stem_title = NULL;
      g_autofree char *stem_id = NULL;

      if (!is_evidence_role (shinsa_document_get_role (doc)))
        continue;
      d = g_new0 (XrefDoc, 1);
      d->doc = doc;
      d->id = g_strdup (shinsa_document_get_id (doc));
      stem_id = shinsa_document_id_from_name (shinsa_document_get_basename (doc), &stem_title);
      d->title = g_strdup (shinsa_document_get_title (doc) != NULL ? shinsa_document_get_title (doc) : stem_title);
      d->title_key = d->title != NULL ? title_key (d->title) : NULL;
      d->file_key = file_key (shinsa_document_get_path (doc));
      d->readable = shinsa_document_get_status (doc) == SHINSA_DOCUMENT_STATUS_OK;
      d->headings = g_ptr_array_new_with_free_func (heading_free);
      d->n_pages = pages != NULL ? (int) pages->len : 0;
      d->page_text = g_new0 (char *, d->n_pages + 1);
      for (int p = 0; p < d->n_pages; p++)
        {
          ShinsaPage *page = g_ptr_array_index (pages, p);

          d->page_text[p] = xref_normalise (page->text != NULL ? page->text : "");
          if (page->label != NULL && shinsa_parse_number (page->label, -1) >= 0)
            d->has_labels = TRUE;
        }
      if (d->n_pages == 0 && shinsa_document_get_pages (doc) > 0)
        d->n_pages = shinsa_document_get_pages (doc);
      index_headings (d);
      if (d->title != NULL)
        g_ptr_array_add (index->titles, g_strdup (d->title));
      if (stem_title != NULL && g_strcmp0 (stem_title, d->title) != 0)
        g_ptr_array_add (index->titles, g_strdup (stem_title));
      g_ptr_array_add (index->docs, d);
    }
  if (form != NULL && form->inventory != NULL)
    for (guint i = 0; i < form->inventory->len; i++)
      {
        const ShinsaInventoryEntry *e = g_ptr_array_index (form->inventory, i);
        if (e->title != NULL)
          g_ptr_array_add (index->titles, g_strdup (e->title));
      }
  g_ptr_array_add (index->titles, NULL);
  return index;
}

void
xref_index_free (XrefIndex *index)
{
  if (index == NULL)
    return;
  g_ptr_array_unref (index->docs);
  g_ptr_array_unref (index->titles);
  g_free (index);
}

XrefDoc *
xref_index_find_id (XrefIndex *index, const char *id)
{
  for (guint i = 0; i < index->docs->len; i++)
    {
      XrefDoc *d = g_ptr_array_index (index->docs, i);
      if (d->id != NULL && strcmp (d->id, id) == 0)
        return d;
    }
  return NULL;
}

/* share of @a's characters found in order in @b: a forgiving title match */
static double
lcs_ratio (const char *a, const char *b)
{
  glong na, nb;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, &na);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, &nb);
  g_autofree int *prev = g_new0 (int, nb + 1);
  g_autofree int *cur = g_new0 (int, nb + 1);

  if (na == 0 || nb == 0)
    return 0.0;
  for (glong i = 1; i <= na; i++)
    {
      for (glong j = 1; j <= nb; j++)
        cur[j] = ua[i - 1] == ub[j - 1] ? prev[j - 1] + 1 : MAX (prev[j], cur[j - 1]);
      memcpy (prev, cur, sizeof (int) * (nb + 1));
    }
  return (double) prev[nb] / (double) MAX (na, nb);
}

XrefDoc *
xref_index_find_title (XrefIndex *index, const char *title)
{
  g_autofree char *key = title_key (title);
  XrefDoc *best = NULL;
  double best_score = 0.0;

  if (key[0] == '\0')
    return NULL;
  for (guint i = 0; i < index->docs->len; i++)
    {
      XrefDoc *d = g_ptr_array_index (index->docs, i);
      g_autofree char *stem_title = NULL;
      g_autofree char *stem_id = shinsa_document_id_from_name (shinsa_document_get_basename (d->doc), &stem_title);
      g_autofree char *stem_key = stem_title != NULL ? title_key (stem_title) : NULL;
      const char *keys[] = { d->title_key, stem_key };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          double score;

          if (keys[k] == NULL || keys[k][0] == '\0')
            continue;
          if (strcmp (keys[k], key) == 0)
            return d;
          /* 「運用マニュアル」 for 運用マニュアル（抜粋）: one inside the other */
          if (g_utf8_strlen (key, -1) >= 3 &&
              (strstr (keys[k], key) != NULL || strstr (key, keys[k]) != NULL))
            score = 0.9;
          else
            score = lcs_ratio (key, keys[k]);
          if (score > best_score)
            {
              best_score = score;
              best = d;
            }
        }
    }
  return best_score >= 0.75 ? best : NULL;
}

XrefDoc *
xref_index_find_file (XrefIndex *index, const char *file)
{
  g_autofree char *key = file_key (file);

  for (guint i = 0; i < index->docs->len; i++)
    {
      XrefDoc *d = g_ptr_array_index (index->docs, i);
      if (strcmp (d->file_key, key) == 0)
        return d;
    }
  return NULL;
}

const ShinsaInventoryEntry *
xref_index_find_inventory (XrefIndex *index, const char *id)
{
  if (index->form == NULL || index->form->inventory == NULL || id == NULL)
    return NULL;
  for (guint i = 0; i < index->form->inventory->len; i++)
    {
      const ShinsaInventoryEntry *e = g_ptr_array_index (index->form->inventory, i);
      if (g_strcmp0 (e->id, id) == 0)
        return e;
    }
  return NULL;
}

void
xref_doc_pages_for_label (XrefDoc *d, int label, GArray *out)
{
  GPtrArray *pages = shinsa_document_get_page_list (d->doc);

  if (pages == NULL)
    return;
  for (guint i = 0; i < pages->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);
      if (page->label != NULL && shinsa_parse_number (page->label, -1) == label)
        g_array_append_val (out, page->number);
    }
}

const XrefHeading *
xref_doc_find_heading (XrefDoc *d, ShinsaCitePlaceKind kind, const char *label)
{
  /* the last: a contents page that escaped is_toc_line comes first */
  for (guint i = d->headings->len; i > 0; i--)
    {
      const XrefHeading *h = g_ptr_array_index (d->headings, i - 1);
      if (h->kind == kind && g_strcmp0 (h->label, label) == 0)
        return h;
    }
  return NULL;
}
