/* shinsa — a scanned renewal form: the previous form's text aligned with
 * the OCR'd pages, to find each item's text and ink
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "renewal.h"
#include "../form/form.h"

/* per page: the OCR differs from the previous form by misreadings, headers
 * and the changes; more than this and the page is not aligned */
#define SCAN_MAX_D 6000

typedef enum {
  PART_NAME,                     /* 通番 and 開示項目 */
  PART_CONTENT,
  PART_EVIDENCE,
} Part;

typedef struct {
  gunichar c;                    /* folded */
  int owner;                     /* index into the page's items */
  Part part;
} PrevChar;

typedef struct {
  gunichar c;                    /* folded */
  gunichar orig;                 /* as read */
  guint line;
  gboolean red;
  gboolean evidence;             /* in the 添付書類等 column */
  gboolean name;                 /* in the 開示項目 column */
  gboolean skip;                 /* the page's title, table header or folio */
} OcrChar;

static void
append_prev (GArray *out, const char *text, int owner, Part part)
{
  g_autoptr(GArray) folded = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      g_array_set_size (folded, 0);
      renewal_fold_char (g_utf8_get_char (p), folded);
      for (guint i = 0; i < folded->len; i++)
        {
          PrevChar pc = { g_array_index (folded, gunichar, i), owner, part };
          g_array_append_val (out, pc);
        }
    }
}

static gboolean
starts_citation (const char *text)
{
  return g_str_has_prefix (text, "資料") || g_str_has_prefix (text, "別紙") || g_str_has_prefix (text, "「")
         || g_str_has_prefix (text, "前回");
}

/* the left edge of the 添付書類等 column: where the spans that start a
 * citation start, on the right of the page */
static double
evidence_left (ShinsaPage *page)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < page->spans->len; i++)
    {
      const ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
      if (s->x > page->width * 0.55 && starts_citation (s->text))
        best = MIN (best, s->x);
    }
  return best == G_MAXDOUBLE ? page->width : best - 4.0;
}

/* the left edge of the 申請内容 column: where the lines that continue a
 * content start (the first span of a line, right of the item names); a
 * low quantile, not the least, so that one stray span does not move it */
static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
content_left (ShinsaPage *page, double ev_left)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  guint line = G_MAXUINT;

  for (guint i = 0; i < page->spans->len; i++)
    {
      const ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
      if (s->line == line)
        continue;
      line = s->line;
      if (s->x > page->width * 0.25 && s->x < ev_left)
        g_array_append_val (xs, s->x);
    }
  if (xs->len == 0)
    return 0.0;
  g_array_sort (xs, compare_doubles);
  return g_array_index (xs, double, xs->len / 5) - 6.0;
}

typedef struct {
  GHashTable *line_top;          /* line → its topmost y (double*) */
} LineOrder;

static int
compare_spans_top_down (gconstpointer a, gconstpointer b, gpointer data)
{
  const ShinsaSpan *x = *(const ShinsaSpan *const *) a, *y = *(const ShinsaSpan *const *) b;
  LineOrder *lo = data;
  double tx = *(double *) g_hash_table_lookup (lo->line_top, GUINT_TO_POINTER (x->line));
  double ty = *(double *) g_hash_table_lookup (lo->line_top, GUINT_TO_POINTER (y->line));

  if (tx != ty)
    return tx < ty ? -1 : 1;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return (x->x > y->x) - (x->x < y->x);
}

/* (element-type ShinsaSpan): the page's spans line by line from the top:
 * OCR gives a table's blocks in its own order, and a row cut by the
 * block boundary would come out of place */
static GPtrArray *
spans_top_down (ShinsaPage *page)
{
  GPtrArray *order = g_ptr_array_sized_new (page->spans->len);
  LineOrder lo = { g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free) };

  for (guint i = 0; i < page->spans->len; i++)
    {
      ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
      double *top = g_hash_table_lookup (lo.line_top, GUINT_TO_POINTER (s->line));

      if (top == NULL)
        {
          top = g_new (double, 1);
          *top = s->y;
          g_hash_table_insert (lo.line_top, GUINT_TO_POINTER (s->line), top);
        }
      *top = MIN (*top, s->y);
      g_ptr_array_add (order, s);
    }
  g_ptr_array_sort_with_data (order, compare_spans_top_down, &lo);
  g_hash_table_unref (lo.line_top);
  return order;
}

static guint    header_line (ShinsaPage *page);
static gboolean is_folio (const char *text);

static void
append_ocr (GArray *out, ShinsaPage *page)
{
  double ev_left = evidence_left (page);
  double ct_left = content_left (page, ev_left);
  guint header = header_line (page);
  g_autoptr(GArray) folded = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autoptr(GPtrArray) order = spans_top_down (page);

  for (guint i = 0; i < order->len; i++)
    {
      const ShinsaSpan *s = g_ptr_array_index (order, i);
      glong n = g_utf8_strlen (s->text, -1), k = 0;
      gboolean red = shinsa_color_is_red (s->color & 0xFFFFFF);
      glong ev_from = n, name_until = -1;

      /* a span the OCR ran across both columns: the evidence starts at the
       * last citation word in the part of the span over that column */
      if (s->x >= ev_left)
        ev_from = 0;
      else if (s->x + s->width > ev_left && n > 0)
        {
          glong idx = 0;
          for (const char *p = s->text; *p != '\0'; p = g_utf8_next_char (p), idx++)
            {
              /* a citation word, or the column's rule read as a bar */
              gboolean rule = *p == '|' || g_str_has_prefix (p, "｜");
              if ((starts_citation (p) || rule) && s->x + s->width * idx / n > ev_left - 60.0)
                {
                  ev_from = MIN (ev_from, rule ? idx + 1 : idx);
                  break;
                }
            }
        }
      /* a span run from the name column into the content: the column's
       * rule, read as a bar, is where the name ends */
      if (s->x < ct_left && s->x + s->width > ct_left && n > 0)
        {
          glong idx = 0;
          for (const char *p = s->text; *p != '\0'; p = g_utf8_next_char (p), idx++)
            {
              double at = s->x + s->width * idx / n;
              if ((*p == '|' || g_str_has_prefix (p, "｜")) && at > ct_left - 80.0 && at < ct_left + 40.0)
                {
                  name_until = idx;
                  break;
                }
            }
        }
      for (const char *p = s->text; *p != '\0'; p = g_utf8_next_char (p), k++)
        {
          gunichar u = g_utf8_get_char (p);
          g_array_set_size (folded, 0);
          renewal_fold_char (u, folded);
          for (guint j = 0; j < folded->len; j++)
            {
              /* the item name's lines run into the content's on a line
               * the OCR read across both columns: by position in the span */
              gboolean in_name = name_until >= 0 ? k <= name_until
                                                 : n > 0 && s->x + s->width * (k + 0.5) / n < ct_left;
              OcrChar oc = { g_array_index (folded, gunichar, j), u, s->line, red, k >= ev_from,
                             s->x + s->width <= ct_left + 8.0 || in_name,
                             (header != G_MAXUINT && (s->line <= header
                                                      || (s->line == header + 1 && strstr (s->text, "箇所") != NULL)))
                             || is_folio (s->text) };
              g_array_append_val (out, oc);
            }
        }
    }
}

typedef struct {
  GArray *runs;                  /* ShinsaFormRun, content */
  GString *evidence;             /* what lies in the 添付書類等 column */
  guint prev_content;            /* folded characters of the previous content */
  guint matched;                 /* of them, found on the pages */
  guint last_line;
  gboolean any;
} Segment;

static void
segment_add (Segment *seg, const OcrChar *oc)
{
  char buf[8];
  int len;
  ShinsaFormRun *last = seg->runs->len > 0 ? &g_array_index (seg->runs, ShinsaFormRun, seg->runs->len - 1) : NULL;

  len = g_unichar_to_utf8 (oc->orig, buf);
  buf[len] = '\0';
  /* the lines of the row as the scan has them */
  if (seg->any && oc->line != seg->last_line && last != NULL)
    {
      char *t = g_strconcat (last->text, "\n", NULL);
      g_free (last->text);
      last->text = t;
    }
  if (last == NULL || last->has_color != oc->red)
    {
      ShinsaFormRun run = { g_strdup (buf), oc->red ? 0xFF0000 : 0, oc->red, FALSE };
      g_array_append_val (seg->runs, run);
    }
  else
    {
      char *t = g_strconcat (last->text, buf, NULL);
      g_free (last->text);
      last->text = t;
    }
  seg->last_line = oc->line;
  seg->any = TRUE;
}

/* the line index of the table's header (通番 開示項目 申請内容 …), the
 * title lines above it, or G_MAXUINT when the page repeats no header */
static guint
header_line (ShinsaPage *page)
{
  g_autoptr(GString) line_text = g_string_new (NULL);
  guint line = G_MAXUINT;

  for (guint i = 0; i <= page->spans->len; i++)
    {
      const ShinsaSpan *s = i < page->spans->len ? &g_array_index (page->spans, ShinsaSpan, i) : NULL;
      if (s == NULL || s->line != line)
        {
          if (strstr (line_text->str, "通番") != NULL && strstr (line_text->str, "申請内容") != NULL)
            return line;
          g_string_truncate (line_text, 0);
          if (s == NULL)
            break;
          line = s->line;
        }
      g_string_append (line_text, s->text);
    }
  return G_MAXUINT;
}

/* a folio: 3/9, - 3 - */
static gboolean
is_folio (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("^\\s*[-－]?\\s*\\d+\\s*(/\\s*\\d+|[-－])?\\s*$", 0, 0, NULL);
  return g_regex_match (re, text, 0, NULL);
}

GHashTable *
renewal_scan_items (ShinsaDocument *doc, const ShinsaForm *cur, const ShinsaForm *prev, GHashTable *unread)
{
  GHashTable *items = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                             (GDestroyNotify) shinsa_form_item_unref);
  GPtrArray *pages = shinsa_document_get_page_list (doc);
  g_autofree int *page_of = NULL;
  g_autofree Segment *segs = NULL;
  int page = 1, owner = -1;

  if (pages == NULL || prev == NULL || prev->items->len == 0)
    return items;

  /* each previous item on the page the form stage saw its 通番 on */
  page_of = g_new0 (int, prev->items->len);
  segs = g_new0 (Segment, prev->items->len);
  for (guint i = 0; i < prev->items->len; i++)
    {
      const ShinsaFormItem *p = g_ptr_array_index (prev->items, i);
      const ShinsaFormItem *c = shinsa_form_find_item (cur, p->no);
      if (c != NULL && c->where.page >= page)
        page = c->where.page;
      page_of[i] = page;
      segs[i].runs = form_runs_new ();
      segs[i].evidence = g_string_new (NULL);
    }

  for (guint pi = 0; pi < pages->len; pi++)
    {
      ShinsaPage *pg = g_ptr_array_index (pages, pi);
      g_autoptr(GArray) prev_chars = g_array_new (FALSE, FALSE, sizeof (PrevChar));
      g_autoptr(GArray) ocr_chars = g_array_new (FALSE, FALSE, sizeof (OcrChar));
      g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (gunichar));
      g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (gunichar));
      g_autoptr(GArray) edits = NULL;
      int carried = -1;

      for (guint i = 0; i < prev->items->len; i++)
        {
          const ShinsaFormItem *p = g_ptr_array_index (prev->items, i);
          g_autofree char *no = g_strdup_printf ("%d", p->no);

          /* an item is looked for on its page, and the last item of the
           * page before too: its content may run onto this page */
          if (page_of[i] != pg->number
              && !(page_of[i] == pg->number - 1 && (i + 1 == prev->items->len || page_of[i + 1] == pg->number)))
            continue;
          if (page_of[i] != pg->number)
            carried = (int) i;
          append_prev (prev_chars, no, (int) i, PART_NAME);
          append_prev (prev_chars, p->name, (int) i, PART_NAME);
          append_prev (prev_chars, shinsa_form_item_get_current_content (p), (int) i, PART_CONTENT);
          append_prev (prev_chars, p->evidence, (int) i, PART_EVIDENCE);
        }
      for (guint i = 0; i < prev_chars->len; i++)
        {
          const PrevChar *pc = &g_array_index (prev_chars, PrevChar, i);
          if (pc->part == PART_CONTENT && page_of[pc->owner] == pg->number)
            segs[pc->owner].prev_content++;
        }
      if (pg->spans == NULL)
        continue;
      append_ocr (ocr_chars, pg);
      for (guint i = 0; i < prev_chars->len; i++)
        g_array_append_val (a, g_array_index (prev_chars, PrevChar, i).c);
      for (guint i = 0; i < ocr_chars->len; i++)
        g_array_append_val (b, g_array_index (ocr_chars, OcrChar, i).c);
      edits = renewal_diff ((gunichar *) a->data, a->len, (gunichar *) b->data, b->len, SCAN_MAX_D);

      /* an item running onto this page goes on until the next begins;
       * nothing else does */
      owner = carried;
      for (guint i = 0; i < edits->len; i++)
        {
          const RenewalEdit *e = &g_array_index (edits, RenewalEdit, i);
          const OcrChar *oc;
          Part part;

          /* the next item begins where three of its characters in a row
           * are found: a digit of a figure matching its 通番 is not it */
          if (e->op == RENEWAL_OP_EQUAL && g_array_index (prev_chars, PrevChar, e->a).owner != owner)
            {
              int o = g_array_index (prev_chars, PrevChar, e->a).owner;
              guint run = 0;
              for (guint j = i; j < edits->len && run < 3; j++, run++)
                {
                  const RenewalEdit *f = &g_array_index (edits, RenewalEdit, j);
                  if (f->op != RENEWAL_OP_EQUAL || g_array_index (prev_chars, PrevChar, f->a).owner != o)
                    break;
                }
              if (run >= 3 || owner < 0)
                owner = o;
            }
          if (e->op == RENEWAL_OP_DELETE || owner < 0)
            continue;
          oc = &g_array_index (ocr_chars, OcrChar, e->b);
          if (oc->skip)
            continue;
          part = e->op == RENEWAL_OP_EQUAL ? g_array_index (prev_chars, PrevChar, e->a).part
                                           : oc->evidence ? PART_EVIDENCE : PART_CONTENT;
          if (e->op == RENEWAL_OP_EQUAL && part == PART_CONTENT && g_array_index (prev_chars, PrevChar, e->a).owner == owner)
            segs[owner].matched++;
          /* what the OCR put in the 添付書類等 column is not content, even
           * where it matched the previous content's words */
          if (oc->evidence)
            g_string_append_unichar (segs[owner].evidence, oc->orig);
          else if (part == PART_CONTENT && !oc->name)
            segment_add (&segs[owner], oc);
        }
    }

  for (guint i = 0; i < prev->items->len; i++)
    {
      const ShinsaFormItem *p = g_ptr_array_index (prev->items, i);
      const ShinsaFormItem *c = shinsa_form_find_item (cur, p->no);
      ShinsaFormItem *item = shinsa_form_item_new (p->no);
      ShinsaFormRun ev = { NULL, 0, FALSE, FALSE };

      item->name = g_strdup (c != NULL && c->name != NULL ? c->name : p->name);
      for (guint r = 0; r < segs[i].runs->len; r++)
        shinsa_form_item_append_content (item, &g_array_index (segs[i].runs, ShinsaFormRun, r));
      /* the form stage's 添付書類等 when it read one, else what lay in
       * that column beside the item */
      ev.text = c != NULL && c->evidence[0] != '\0' ? c->evidence : segs[i].evidence->str;
      shinsa_form_item_append_evidence (item, &ev);
      item->where.page = c != NULL ? c->where.page : page_of[i];
      if (c != NULL)
        item->where.sheet = g_strdup (c->where.sheet);
      /* less than half of what was there last time recognised: the row
       * was not read, whatever it says now */
      if (segs[i].matched * 2 < segs[i].prev_content && unread != NULL)
        g_hash_table_add (unread, GINT_TO_POINTER (p->no));
      g_hash_table_replace (items, GINT_TO_POINTER (p->no), item);
      g_string_free (segs[i].evidence, TRUE);
      g_array_unref (segs[i].runs);
    }
  return items;
}
