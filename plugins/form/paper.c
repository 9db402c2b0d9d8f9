/* shinsa — 申請書B on paper: a PDF print or a scan, read from the extract
 * stage's spans
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * On each page the header row gives the columns (通番, 開示項目, 申請内容,
 * 添付書類等…).  Header labels are centred over their columns while cell
 * text is left-aligned, so a column's left edge is taken from the data: the
 * most common left edge of the spans between the centres of its header and
 * the header before it.  Rows are found by 通番: an integer in the 通番
 * column starts an item, and every span below it (and above the next item
 * or sub-heading) belongs to it, also across a page break.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

enum { P_NO, P_NAME, P_CLASS, P_DESC, P_CONTENT, P_EVIDENCE, P_N };

typedef struct {
  gboolean present[P_N];
  double center[P_N];
  double left[P_N];            /* left edge of the column's cells */
  double label_left[P_N];      /* left edge of a label read as its own span, or 0 */
  double label_bottom[P_N];    /* bottom of the label over the column, or 0 */
  double header_bottom;
  gboolean merged;             /* several labels in one span (OCR) */
} PageColumns;

static int
paper_label (const char *text)
{
  g_autofree char *n = form_normalize_label (text);
  g_autofree char *lower = g_ascii_strdown (n, -1);

  if (strcmp (n, "通番") == 0 || strcmp (n, "項番") == 0 || strcmp (lower, "no.") == 0 || strcmp (lower, "no") == 0)
    return P_NO;
  if (g_str_has_prefix (n, "申請内容"))
    return P_CONTENT;
  if (g_str_has_prefix (n, "添付書類"))
    return P_EVIDENCE;
  if (g_str_has_prefix (n, "記述内容"))
    return P_DESC;
  if (strcmp (n, "区分") == 0)
    return P_CLASS;
  if (g_str_has_prefix (n, "開示項目") || strcmp (n, "項目") == 0)
    return P_NAME;
  return -1;
}

/* labels as they appear inside a header span; OCR often reads a whole
 * header row as one word ("通番開示項目区分記述内容申請内容添付書類等") */
static const struct {
  const char *text;
  int column;
} header_words[] = {
  { "通番", P_NO }, { "項番", P_NO }, { "開示項目", P_NAME }, { "区分", P_CLASS },
  { "記述内容", P_DESC }, { "申請内容", P_CONTENT }, { "添付書類", P_EVIDENCE },
};

/* x of the middle of @sub inside @s, from the span's width shared out over
 * its characters (full-width ones count twice) */
static double
substring_center (const ShinsaSpan *s, const char *text, const char *sub)
{
  double total = 0, before = 0, inside = 0;
  const char *start = text + (strstr (text, sub) - text);
  const char *end = start + strlen (sub);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      double w = g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      total += w;
      if (p < start)
        before += w;
      else if (p < end)
        inside += w;
    }
  return s->x + s->width * (before + inside / 2) / total;
}

static void
add_header_span (PageColumns *pc, const ShinsaSpan *t)
{
  g_autofree char *n = g_utf8_normalize (t->text, -1, G_NORMALIZE_NFKC);
  int k = paper_label (t->text);
  guint found = 0;

  if (n == NULL)
    return;
  if (k >= 0)
    {
      if (!pc->present[k])
        {
          pc->present[k] = TRUE;
          pc->center[k] = t->x + t->width / 2;
          pc->label_left[k] = t->x;
          pc->label_bottom[k] = t->y + t->height;
        }
      found++;
    }
  else
    for (guint w = 0; w < G_N_ELEMENTS (header_words); w++)
      if (strstr (n, header_words[w].text) != NULL && !pc->present[header_words[w].column])
        {
          pc->present[header_words[w].column] = TRUE;
          pc->center[header_words[w].column] = substring_center (t, n, header_words[w].text);
          pc->label_bottom[header_words[w].column] = t->y + t->height;
          found++;
        }
  if (found > 0)
    pc->header_bottom = MAX (pc->header_bottom, t->y + t->height);
  if (found > 2)
    pc->merged = TRUE;
}

/* the header line of @page: the line holding 申請内容 and 通番 */
static gboolean
find_header (ShinsaPage *page, PageColumns *pc)
{
  for (guint i = 0; i < page->spans->len; i++)
    {
      ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
      g_autofree char *n = g_utf8_normalize (s->text, -1, G_NORMALIZE_NFKC);
      PageColumns cand = { { 0 } };

      if (n == NULL || strstr (n, "申請内容") == NULL || g_utf8_strlen (n, -1) > 60)
        continue;
      for (guint j = 0; j < page->spans->len; j++)
        {
          ShinsaSpan *t = &g_array_index (page->spans, ShinsaSpan, j);
          /* on the OCR's line, or level with it: a scan's labels sit a
           * little up or down, a print's text layer numbers no lines */
          gboolean level = fabs ((t->y + t->height / 2) - (s->y + s->height / 2)) <= MAX (s->height, t->height) / 2 + 1;
          if (level || (s->source == SHINSA_SPAN_OCR && t->source == SHINSA_SPAN_OCR && t->line == s->line
                        && fabs ((t->y + t->height / 2) - (s->y + s->height / 2)) <= 2 * MAX (s->height, t->height)))
            add_header_span (&cand, t);
        }
      if (cand.present[P_NO] && cand.present[P_CONTENT])
        {
          *pc = cand;
          return TRUE;
        }
    }
  return FALSE;
}

/* sorted column indices of the present columns, by centre */
static guint
column_order (const PageColumns *pc, int *order)
{
  guint n = 0;
  for (int k = 0; k < P_N; k++)
    if (pc->present[k])
      order[n++] = k;
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && pc->center[order[j]] < pc->center[order[j - 1]]; j--)
      {
        int t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  return n;
}

/* The page's number at its foot ("4/11"), printed under the table: no
 * cell's text, though it sits close enough to the last row to be read with
 * it.  Alone on its line, near the middle of the page's width. */
static gboolean
is_folio (const ShinsaPage *page, const ShinsaSpan *s)
{
  g_autofree char *n = g_utf8_normalize (s->text, -1, G_NORMALIZE_NFKC);
  const char *p = n;
  guint digits = 0, slashes = 0;

  if (n == NULL || s->y < page->height * 0.85
      || fabs (s->x + s->width / 2 - page->width / 2) > page->width * 0.1)
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '/')
        slashes++;
      else if (*p != ' ')
        return FALSE;
    }
  if (digits < 2 || digits > 6 || slashes != 1)
    return FALSE;
  for (guint i = 0; i < page->spans->len; i++)
    {
      const ShinsaSpan *t = &g_array_index (page->spans, ShinsaSpan, i);
      if (t != s && fabs ((t->y + t->height / 2) - (s->y + s->height / 2)) < MAX (s->height, t->height) / 2)
        return FALSE;
    }
  return TRUE;
}

static void
find_left_edges (ShinsaPage *page, PageColumns *pc)
{
  int order[P_N];
  guint n = column_order (pc, order);

  pc->left[order[0]] = -G_MAXDOUBLE;
  for (guint c = 1; c < n; c++)
    {
      g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (double));
      double lo = pc->center[order[c - 1]], hi = pc->center[order[c]];
      double best = -1;

      /* cells are left-aligned under a centred label: they start left of
       * the label itself, when it was read as a span of its own */
      if (pc->label_left[order[c]] > lo)
        hi = MIN (hi, pc->label_left[order[c]] + 2.0);
      guint best_votes = 0;

      for (guint i = 0; i < page->spans->len; i++)
        {
          ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
          gboolean continues = FALSE;
          /* the folio, under the middle of the table, is no cell */
          if (s->y < pc->header_bottom || s->x <= lo || s->x > hi || is_folio (page, s))
            continue;
          /* only spans that start a cell's line vote: a run of another font
           * right after the one before it on the line does not */
          for (guint j = 0; j < page->spans->len && !continues; j++)
            {
              ShinsaSpan *t = &g_array_index (page->spans, ShinsaSpan, j);
              double right = t->x + t->width;
              continues = t != s && t->line == s->line && right >= s->x - 2.0 && right <= s->x + 0.5;
            }
          if (!continues)
            g_array_append_val (starts, s->x);
        }
      /* the left edge most lines start at: a print's to the point, a
       * scan's within a few points (the OCR's boxes, the paper's skew) */
      for (guint i = 0; i < starts->len; i++)
        {
          double x = g_array_index (starts, double, i);
          guint v = 0;
          for (guint j = 0; j < starts->len; j++)
            {
              double y = g_array_index (starts, double, j);
              v += y >= x - 0.5 && y <= x + 4.0;
            }
          if (v > best_votes || (v == best_votes && x < best))
            {
              best_votes = v;
              best = x;
            }
        }
      /* and the lines that start a little left of it, the scan skewed */
      for (double floor_x = best - 12.0; best_votes > 0;)
        {
          double lower = best;
          for (guint j = 0; j < starts->len; j++)
            {
              double y = g_array_index (starts, double, j);
              if (y < lower && y >= best - 4.0 && y >= floor_x)
                lower = y;
            }
          if (lower == best)
            break;
          best = lower;
        }
      /* no data under it: half-way between the centres */
      pc->left[order[c]] = best_votes > 0 ? floor (best + 0.5) - 1.5 : (lo + hi) / 2;
    }
}

/* A scanned page without the header: the columns are where they were on
 * the page before, give or take how the sheet lay on the scanner; each
 * left edge moves to the start most of this page's cell lines share
 * within a few points of it. */
static void
shift_left_edges (ShinsaPage *page, PageColumns *pc)
{
  for (int k = 0; k < P_N; k++)
    {
      g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (double));
      double edge = pc->left[k] + 1.5, best = 0;
      guint best_votes = 0;

      if (!pc->present[k] || pc->left[k] <= -G_MAXDOUBLE)
        continue;
      for (guint i = 0; i < page->spans->len; i++)
        {
          ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
          gboolean continues = FALSE;
          if (fabs (s->x - edge) > 8.0)
            continue;
          for (guint j = 0; j < page->spans->len && !continues; j++)
            {
              ShinsaSpan *t = &g_array_index (page->spans, ShinsaSpan, j);
              double right = t->x + t->width;
              continues = t != s && t->line == s->line && right >= s->x - 2.0 && right <= s->x + 0.5;
            }
          if (!continues)
            g_array_append_val (starts, s->x);
        }
      for (guint i = 0; i < starts->len; i++)
        {
          double x = g_array_index (starts, double, i);
          guint v = 0;
          for (guint j = 0; j < starts->len; j++)
            {
              double y = g_array_index (starts, double, j);
              v += y >= x - 0.5 && y <= x + 4.0;
            }
          if (v > best_votes || (v == best_votes && x < best))
            {
              best_votes = v;
              best = x;
            }
        }
      if (best_votes >= 2)
        pc->left[k] = floor (best + 0.5) - 1.5;
    }
}

/* For a header read as one word the label positions are guesses; the
 * columns' left edges are then where most cell lines start: the strongest
 * peaks of the left edges of line-starting spans, taken in header order. */
static gboolean
find_left_edges_from_data (ShinsaPage *page, PageColumns *pc)
{
  int order[P_N];
  guint n = column_order (pc, order);
  guint bins[400] = { 0 };
  int peaks[P_N];
  guint n_peaks = 0;

  for (guint i = 0; i < page->spans->len; i++)
    {
      ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
      gboolean continues = FALSE;
      int bin;
      if (s->y < pc->header_bottom || s->x < 0)
        continue;
      for (guint j = 0; j < page->spans->len && !continues; j++)
        {
          ShinsaSpan *t = &g_array_index (page->spans, ShinsaSpan, j);
          double right = t->x + t->width;
          continues = t != s && t->line == s->line && right >= s->x - 4.0 && right <= s->x + 0.5;
        }
      bin = (int) (s->x / 3.0);
      if (!continues && bin >= 0 && bin < (int) G_N_ELEMENTS (bins))
        bins[bin]++;
    }
  /* the n strongest local maxima, at least two bins apart */
  for (guint k = 0; k < n; k++)
    {
      int best = -1;
      for (int b = 0; b < (int) G_N_ELEMENTS (bins); b++)
        {
          gboolean near = FALSE;
          for (guint q = 0; q < n_peaks; q++)
            near |= abs (peaks[q] - b) <= 3;
          if (!near && bins[b] > 0 && (best < 0 || bins[b] > bins[best]))
            best = b;
        }
      if (best < 0)
        return FALSE;
      peaks[n_peaks++] = best;
    }
  for (guint i = 1; i < n_peaks; i++)
    for (guint j = i; j > 0 && peaks[j] < peaks[j - 1]; j--)
      {
        int t = peaks[j];
        peaks[j] = peaks[j - 1];
        peaks[j - 1] = t;
      }
  pc->left[order[0]] = -G_MAXDOUBLE;
  for (guint c = 1; c < n; c++)
    pc->left[order[c]] = peaks[c] * 3.0 - 1.5;
  return TRUE;
}

static int
column_at (const PageColumns *pc, double x)
{
  int best = -1;
  double best_left = -G_MAXDOUBLE;

  for (int k = 0; k < P_N; k++)
    if (pc->present[k] && pc->left[k] <= x && pc->left[k] >= best_left)
      {
        best = k;
        best_left = pc->left[k];
      }
  return best;
}

/* by the left edge (cells are left-aligned), except for text centred in a
 * narrow column that sticks out a little to the left of it */
static int
span_column (const PageColumns *pc, const ShinsaSpan *s)
{
  int by_left = column_at (pc, s->x + 1.0);
  int by_center = column_at (pc, s->x + s->width / 2);

  if (by_center >= 0 && by_center != by_left && pc->left[by_center] - s->x < 6.0
      && pc->left[by_center] > s->x)
    return by_center;
  return by_left;
}

/* the right edge of column @k: the next column's left edge, or the page's */
static double
column_right (const PageColumns *pc, int k, double page_width)
{
  double right = page_width;
  for (int j = 0; j < P_N; j++)
    if (pc->present[j] && pc->left[j] > pc->left[k] && pc->left[j] < right)
      right = pc->left[j];
  return right;
}

/* text of a cell from its spans in reading order: spans of one line are
 * joined as they are; a new line is a line break only when the line before
 * stopped well short of the column's edge (else the text wrapped) */
typedef struct {
  ShinsaFormItem *item;
  gboolean content;
  int last_line;
  int last_page;
  double last_right;
  double column_right;
  double font_size;
  const char *last_text;
  int marker;                  /* 1 once a line of the cell started with ①②… */
} CellText;

static gboolean
is_latin_start (const char *text)
{
  gunichar c = g_utf8_get_char (text);
  return c < 0x2E80 && !g_unichar_isspace (c);
}

/* the share of @text's width its leading run of Latin letters, digits and
 * marks takes (full-width characters count twice): a line breaks after
 * it at the earliest (".②外部…" wraps after the ".") */
static double
latin_run_share (const char *text)
{
  double run = 0, total = 0;
  gboolean in_run = TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      double w = g_unichar_iswide (c) ? 2 : 1;
      in_run = in_run && c < 0x2E80 && !g_unichar_isspace (c);
      run += in_run ? w : 0;
      total += w;
    }
  return total > 0 ? run / total : 1;
}

/* two OCR spans of one line that end and start with a letter or digit:
 * the extract stage cut the run there because the words were spaced
 * ("資料1" "1頁" is 資料1 1頁, never 資料11頁) */
static gboolean
ocr_spaced (const char *before, const ShinsaSpan *s)
{
  const char *last;

  if (s->source != SHINSA_SPAN_OCR || before == NULL || *before == '\0')
    return FALSE;
  last = g_utf8_find_prev_char (before, before + strlen (before));
  return g_ascii_isalnum (*last) && g_ascii_isalnum (*s->text);
}

static gboolean
is_circled (gunichar c)
{
  return c >= 0x2460 && c <= 0x2473;
}

static void
cell_add (CellText *ct, const ShinsaSpan *s, double unit_width, int page, double column_right)
{
  gboolean line_start = ct->last_line < 0 || ct->last_line != (int) s->line || ct->last_page != page;
  gunichar first = g_utf8_get_char (s->text);
  ShinsaFormRun run = { s->text, s->color & 0xFFFFFF, (s->color & 0xFFFFFF) != 0, FALSE };
  void (*append) (ShinsaFormItem *, const ShinsaFormRun *) =
    ct->content ? shinsa_form_item_append_content : shinsa_form_item_append_evidence;

  if (ct->last_line >= 0 && (ct->last_line != (int) s->line || ct->last_page != page))
    {
      /* wrapped text fills the line: what starts the next line would not
       * have fitted in what is left of this one */
      double slack = ct->column_right - ct->last_right;
      /* an OCR'd marker read as "@" after ①: renumber_markers puts it right */
      gboolean marker = is_circled (first) || g_str_has_prefix (run.text, "【")
                        || (ct->marker > 0 && s->source == SHINSA_SPAN_OCR && (first == '@' || first == 0xFF20));
      if (marker || slack > unit_width + 1.5 * MAX (ct->font_size, 6.0))
        {
          ShinsaFormRun nl = { (char *) "\n", 0, FALSE, FALSE };
          append (ct->item, &nl);
        }
      else if (ocr_spaced (ct->last_text, s))
        {
          /* Latin words and numbers wrap at a space ("資料2" "4ページ") */
          ShinsaFormRun space = { (char *) " ", 0, FALSE, FALSE };
          append (ct->item, &space);
        }
    }
  else if (ct->last_line >= 0 && !g_str_has_suffix (ct->last_text, " ") && !g_str_has_prefix (s->text, " ")
           && (s->x - ct->last_right > 0.2 * MAX (ct->font_size, 6.0) || ocr_spaced (ct->last_text, s)))
    {
      /* a gap between two runs on one line is a space the text layer dropped */
      ShinsaFormRun space = { (char *) " ", 0, FALSE, FALSE };
      append (ct->item, &space);
    }
  append (ct->item, &run);
  if (line_start && ct->content && is_circled (first))
    ct->marker = 1;
  ct->last_line = (int) s->line;
  ct->last_page = page;
  ct->last_right = s->x + s->width;
  ct->last_text = s->text;
  ct->column_right = column_right;
  ct->font_size = s->font_size > 0 ? s->font_size : s->height;
}

/* one change to an item's 申請内容: @len bytes at @offset become @text */
typedef struct {
  gsize offset;
  gsize len;
  char text[8];
} ContentEdit;

/* Applies @edits (by offset, not overlapping) to @item's content runs and
 * text, keeping each run's ink. */
static void
edit_content (ShinsaFormItem *item, GArray *edits)
{
  GString *all = g_string_new (NULL);
  gsize at = 0, cut_to = 0;    /* what an edit replaces can reach into the next runs */
  guint e = 0;

  for (guint r = 0; r < item->content_runs->len; r++)
    {
      ShinsaFormRun *run = &g_array_index (item->content_runs, ShinsaFormRun, r);
      gsize len = strlen (run->text);
      GString *text = g_string_new (NULL);
      gsize from = cut_to > at ? MIN (cut_to - at, len) : 0;

      /* an insertion at a run's end goes with the next run (a marker opens a line) */
      for (; e < edits->len && g_array_index (edits, ContentEdit, e).offset < at + len; e++)
        {
          ContentEdit *edit = &g_array_index (edits, ContentEdit, e);
          gsize local = edit->offset - at;
          g_string_append_len (text, run->text + from, (gssize) (local - from));
          g_string_append (text, edit->text);
          from = MIN (local + edit->len, len);
          cut_to = edit->offset + edit->len;
        }
      g_string_append (text, run->text + from);
      at += len;
      g_free (run->text);
      run->text = g_string_free (text, FALSE);
      g_string_append (all, run->text);
    }
  g_free (item->content);
  item->content = g_string_free (all, FALSE);
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || g_utf8_get_char (p) == 0x3000)
    p = g_utf8_next_char (p);
  return p;
}

/* the length of an old/new label opening @line (（旧）, (新), 変更後：…),
 * 0 when none: the labels shinsa_form_split_old_new reads */
static gsize
old_new_label (const char *line)
{
  static const char *const words[] = { "変更前", "変更後", "改定前", "改定後", "改訂前", "改訂後", "旧", "新" };
  const char *p = skip_blanks (line);
  gunichar open = g_utf8_get_char (p);
  gboolean bracket = open == '(' || open == 0xFF08 || open == 0x3010 || open == 0xFF3B || open == '[';

  if (bracket)
    p = skip_blanks (g_utf8_next_char (p));
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      const char *q;
      gunichar close;

      if (!g_str_has_prefix (p, words[w]))
        continue;
      q = skip_blanks (p + strlen (words[w]));
      close = g_utf8_get_char (q);
      if ((bracket && (close == ')' || close == 0xFF09 || close == 0x3011 || close == 0xFF3D || close == ']'))
          || (!bracket && (close == ':' || close == 0xFF1A)))
        return skip_blanks (g_utf8_next_char (q)) - line;
      return 0;
    }
  return 0;
}

typedef struct {
  gsize offset, len;           /* the marker's bytes in the content */
  int value;                   /* ①: 1; an "@": 0 */
} MarkerAt;

/* one count of markers (@markers, down a cell's lines) renumbered from
 * where most of them agree it starts; the changes go to @edits */
static void
renumber_count (GArray *markers, GArray *edits)
{
  int best = 1, best_votes = 0;
  gboolean circled = FALSE;

  if (markers->len < 2)
    return;
  for (guint i = 0; i < markers->len; i++)
    {
      int start = g_array_index (markers, MarkerAt, i).value - (int) i, votes = 0;
      if (g_array_index (markers, MarkerAt, i).value == 0 || start < 1)
        continue;
      circled = TRUE;
      for (guint j = 0; j < markers->len; j++)
        votes += g_array_index (markers, MarkerAt, j).value - (int) j == start;
      /* a tie goes to ①: a count starts there */
      if (votes > best_votes || (votes == best_votes && (start == 1 || (best != 1 && start < best))))
        {
          best = start;
          best_votes = votes;
        }
    }
  /* "@"s alone are no count: an address can start a line */
  for (guint i = 0; circled && i < markers->len; i++)
    {
      MarkerAt *m = &g_array_index (markers, MarkerAt, i);
      ContentEdit edit = { m->offset, m->len, { 0 } };
      if (m->value == best + (int) i || best + (int) i > 20)
        continue;
      g_unichar_to_utf8 (0x2460 + best + (int) i - 1, edit.text);
      g_array_append_val (edits, edit);
    }
}

/* Sub-field markers at the lines of an OCR'd 申請内容 put right from their
 * order.  The OCR reads a circled number as another one (① as ④, ③ as ⑧)
 * or as "@"; one read wrong at the start made every later one wrong when
 * each was taken as the one after the marker before it.  The markers of a
 * cell count ①②③… down its lines: where most of those read agree on where
 * the count starts (one place per marker: ④②③ say ① twice, ④ once), each
 * is renumbered from there.  An old/new label (（旧）, （新）) starts the
 * count again. */
static void
renumber_markers (ShinsaFormItem *item)
{
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (ContentEdit));
  g_autoptr(GArray) markers = g_array_new (FALSE, FALSE, sizeof (MarkerAt));
  const char *text = item->content;

  if (text == NULL)
    return;
  for (const char *line = text; line != NULL;)
    {
      const char *end = strchr (line, '\n');
      gsize label = old_new_label (line);
      const char *p = line + label;
      gunichar c = g_utf8_get_char (p);

      if (label > 0)
        {
          renumber_count (markers, edits);
          g_array_set_size (markers, 0);
        }
      if (is_circled (c) || c == '@' || c == 0xFF20)
        {
          MarkerAt m = { p - text, g_utf8_next_char (p) - p, is_circled (c) ? (int) (c - 0x2460) + 1 : 0 };
          g_array_append_val (markers, m);
        }
      line = end != NULL ? end + 1 : NULL;
    }
  renumber_count (markers, edits);
  if (edits->len > 0)
    edit_content (item, edits);
}

/* an item read to its end: its markers put right (a scan), its sub-fields split */
static void
finish_item (ShinsaFormItem *item, gboolean ocr)
{
  if (ocr)
    renumber_markers (item);
  shinsa_form_item_split_fields (item);
}

/* a piece of an item name as read, where it lay */
typedef struct {
  char *text;
  int page;
  double middle;               /* vertical centre */
  double height;
  double x;
} NamePiece;

static void
name_piece_clear (gpointer data)
{
  g_free (((NamePiece *) data)->text);
}

/* whether @a comes before @b in reading order: the earlier page, then the
 * higher line (pieces whose centres lie within half a character of each
 * other are on one line), then the one further left */
static gboolean
name_piece_before (const NamePiece *a, const NamePiece *b)
{
  if (a->page != b->page)
    return a->page < b->page;
  if (fabs (a->middle - b->middle) >= 0.5 * MIN (a->height, b->height))
    return a->middle < b->middle;
  return a->x < b->x;
}

/* The item name from its pieces in reading order.  The OCR's lines are
 * not always in reading order inside a cell: the end of a name's first
 * line ("リストアサー") can be numbered after its second line ("ビス").
 * (transfer full) */
static char *
name_from_pieces (GArray *pieces)
{
  g_autofree guint *order = g_new (guint, pieces->len + 1);
  GString *name = g_string_new (NULL);

  for (guint i = 0; i < pieces->len; i++)
    {
      guint j = i;
      order[i] = i;
      for (; j > 0 && name_piece_before (&g_array_index (pieces, NamePiece, i),
                                         &g_array_index (pieces, NamePiece, order[j - 1])); j--)
        order[j] = order[j - 1];
      order[j] = i;
    }
  for (guint i = 0; i < pieces->len; i++)
    g_string_append (name, g_array_index (pieces, NamePiece, order[i]).text);
  return g_string_free (name, FALSE);
}

static int
parse_item_no (const char *text)
{
  g_autofree char *n = form_normalize_label (text);
  int v = 0;

  if (*n == '\0')
    return 0;
  for (const char *p = n; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return 0;
      v = v * 10 + (*p - '0');
      if (v > 9999)
        return 0;
    }
  return v;
}

/* An OCR'd 通番: the number at the start of a span in the 通番 column, read
 * with the usual confusions (l I | ! → 1, O o → 0), and what follows it
 * when the OCR ran the row's cells into one span ("1開示情報の日付2024年…").
 * 0 when the span does not start with one; *confused when a letter stood
 * for a digit, *rest (transfer full, nullable) the text after the number. */
static int
parse_ocr_item_no (const char *text, gboolean *confused, char **rest)
{
  const char *p = text != NULL ? text : "";
  int v = 0, digits = 0;

  *confused = FALSE;
  *rest = NULL;
  while (*p == ' ')
    p = g_utf8_next_char (p);
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      /* one character folded (full-width digits and letters), the rest
       * kept as written: NFKC would also turn ① into 1 */
      g_autofree char *one = g_utf8_normalize (p, g_utf8_next_char (p) - p, G_NORMALIZE_NFKC);
      int d;
      if (one == NULL || strlen (one) != 1)
        break;
      if (g_ascii_isdigit (*one))
        d = *one - '0';
      else if (*one == 'l' || *one == 'I' || *one == '|' || *one == '!')
        d = 1;
      else if (*one == 'O' || *one == 'o')
        d = 0;
      else
        break;
      if (!g_ascii_isdigit (*one))
        *confused = TRUE;
      v = v * 10 + d;
      if (++digits > 3)
        return 0;                 /* a year, a phone number: no 通番 */
    }
  if (digits == 0 || v == 0)
    return 0;
  /* the number ends at a space, a non-ASCII character (the item name) or
   * the span's end */
  if (*p != '\0' && *p != ' ' && (guchar) *p < 0x80)
    return 0;
  while (*p == ' ' || g_utf8_get_char (p) == 0x3000)
    p = g_utf8_next_char (p);
  if (*p != '\0')
    *rest = g_strdup (p);
  return v;
}

static gboolean
is_rule_char (gunichar c)
{
  return c == '|' || c == 0xFF5C /* ｜ */ || c == 0x00A6 /* ¦ */ || c == '[' || c == ']';
}

/* A mark in the 通番 column with no letter or digit in it: a table rule or
 * a speck the OCR read as "|" or "-", neither a row nor a sub-heading. */
static gboolean
is_speck (const ShinsaSpan *s)
{
  for (const char *p = s->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c) && !is_rule_char (c))
        return FALSE;
    }
  return s->source == SHINSA_SPAN_OCR;
}

/* the catalogue runs in order: a 通番 read off a scan is believed when it
 * comes after the item before it and not far after (a number the OCR merged
 * into a row, or read with a letter for a digit, is checked this way) */
static gboolean
plausible_next (int no, int previous)
{
  return no > previous && no <= previous + 12;
}

/* the 通番 of the next row on the page, as read, or 0 */
static int
next_row_no (const PageColumns *pc, GPtrArray *spans, guint i, int previous)
{
  ShinsaSpan *s = g_ptr_array_index (spans, i);

  for (guint j = i + 1; j < spans->len; j++)
    {
      ShinsaSpan *t = g_ptr_array_index (spans, j);
      gboolean confused;
      g_autofree char *rest = NULL;
      int no;

      /* the rest of this row's number, misread as two words ("0" "yd"),
       * and specks are no row */
      if (span_column (pc, t) != P_NO || (t->source == SHINSA_SPAN_OCR && t->line == s->line) || is_speck (t))
        continue;
      if ((no = parse_item_no (t->text)) > 0)
        return no;
      if ((no = parse_ocr_item_no (t->text, &confused, &rest)) > 0 && plausible_next (no, previous))
        return no;
      return 0;                 /* a row whose number is not read either */
    }
  return 0;
}

/* A row starting in the 通番 column whose number the OCR misread beyond
 * recognition ("Ghサービス稼働設定" for 77): when the rows either side are
 * the numbers before and after it in the catalogue's order, it is the one
 * between.  (A sub-heading sits between consecutive numbers, never in a
 * gap of one.)  *rest (transfer full) is the text after the misread
 * number, when there is any. */
static int
repair_misread_no (const PageColumns *pc, GPtrArray *spans, guint i, int previous, char **rest)
{
  ShinsaSpan *s = g_ptr_array_index (spans, i);
  const char *p = s->text;
  int ascii = 0;

  *rest = NULL;
  if (previous <= 0 || next_row_no (pc, spans, i, previous) != previous + 2)
    return 0;
  /* what the number was read as: a few Latin letters, digits or marks */
  while (*p != '\0' && (guchar) *p < 0x80 && *p != ' ' && ascii < 4)
    {
      p++;
      ascii++;
    }
  if (ascii == 0 || (*p != '\0' && (guchar) *p < 0x80 && *p != ' '))
    return 0;
  while (*p == ' ')
    p++;
  if (*p != '\0')
    *rest = g_strdup (p);
  return previous + 1;
}

static gint
span_order (gconstpointer a, gconstpointer b)
{
  const ShinsaSpan *x = *(ShinsaSpan **) a, *y = *(ShinsaSpan **) b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->x < y->x ? -1 : x->x > y->x;
}

/* A span the extract stage merged across a column border ("33 IaaS": the
 * 通番 and the start of the item name, one font) is cut at the space
 * nearest the border.  Character positions are estimated from widths:
 * full-width characters count twice. */
static void
split_across_columns (const PageColumns *pc, const ShinsaSpan *s, GArray *out)
{
  glong n = g_utf8_strlen (s->text, -1);
  double total = 0, pos = 0, best_dist = G_MAXDOUBLE;
  const char *best = NULL;
  double best_x = 0, border = 0;
  int col = span_column (pc, s);
  ShinsaSpan piece;

  for (int k = 0; k < P_N; k++)
    if (pc->present[k] && k != col && pc->left[k] > s->x + 1.0 && pc->left[k] < s->x + s->width - 2.0
        && (border == 0 || pc->left[k] < border))
      border = pc->left[k];
  if (border == 0 || n < 2)
    {
      g_array_append_val (out, *s);
      return;
    }
  for (const char *p = s->text; *p != '\0'; p = g_utf8_next_char (p))
    total += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  for (const char *p = s->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      double x = s->x + s->width * pos / total;
      if ((c == ' ' || c == 0x3000) && fabs (x - border) < best_dist)
        {
          best_dist = fabs (x - border);
          best = p;
          best_x = x;
        }
      pos += g_unichar_iswide (c) ? 2 : 1;
    }
  if (best == NULL || best_dist > 12.0)
    {
      g_array_append_val (out, *s);
      return;
    }
  piece = *s;
  piece.text = g_strndup (s->text, best - s->text);
  piece.width = best_x - s->x;
  piece._reserved[0] = piece.text;          /* owned: freed with the array */
  g_array_append_val (out, piece);
  piece = *s;
  piece.text = g_strdup (g_utf8_next_char (best));
  piece.x = MAX (border + 1.5, best_x);
  piece.width = s->x + s->width - piece.x;
  piece._reserved[0] = piece.text;
  g_array_append_val (out, piece);
}

/* @piece's text (owned) goes to @out with it, or is freed when
 * split_across_columns made new pieces of it */
static void
emit_piece (const PageColumns *pc, ShinsaSpan *piece, GArray *out)
{
  guint before = out->len;
  gboolean kept = FALSE;

  piece->_reserved[0] = NULL;
  split_across_columns (pc, piece, out);
  for (guint i = before; i < out->len; i++)
    {
      ShinsaSpan *o = &g_array_index (out, ShinsaSpan, i);
      if (o->text == piece->text)
        {
          o->_reserved[0] = piece->text;
          kept = TRUE;
        }
    }
  if (!kept)
    g_free (piece->text);
}

/* the rule character of @s nearest to the border at @border inside it
 * (positions estimated from the characters' widths, which drift over a
 * long span), or NULL */
static const char *
nearest_rule (const ShinsaSpan *s, double border, double total)
{
  const char *best = NULL;
  double pos = 0, best_dist = G_MAXDOUBLE;

  if (border <= s->x + 2.0 || border >= s->x + s->width - 2.0)
    return NULL;
  for (const char *p = s->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      double x = s->x + s->width * pos / total;
      if (is_rule_char (c) && fabs (x - border) < best_dist)
        {
          best_dist = fabs (x - border);
          best = p;
        }
      pos += g_unichar_iswide (c) ? 2 : 1;
    }
  return best_dist <= MAX (14.0, 0.3 * s->width) ? best : NULL;
}

/* The table's rules as the OCR read them: a "|" (or a bracket) at a column
 * border, between two cells' text that ran into one span or before a
 * cell's first word ("|株主構成", "会議|有り").  The span is cut there and
 * the rule dropped; a "|" inside a cell (I or l misread, "|aaS") is kept.
 * Each piece then goes through split_across_columns. */
static void
split_at_rules (const PageColumns *pc, const ShinsaSpan *s, GArray *out)
{
  double total = 0, pos = 0, piece_x = s->x;
  const char *start = s->text;
  gboolean cut = FALSE;

  if (s->source != SHINSA_SPAN_OCR)
    {
      split_across_columns (pc, s, out);
      return;
    }
  for (const char *p = s->text; *p != '\0'; p = g_utf8_next_char (p))
    total += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  for (const char *p = s->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      double w = g_unichar_iswide (c) ? 2 : 1;
      double x = s->x + s->width * pos / total, x_end = s->x + s->width * (pos + w) / total;
      gboolean border = FALSE;
      int k;

      pos += w;
      if (!is_rule_char (c))
        continue;
      for (k = 0; k < P_N && !border; k++)
        border = pc->present[k] && pc->left[k] > -G_MAXDOUBLE
                 && (fabs (x - pc->left[k]) < 14.0 || p == nearest_rule (s, pc->left[k], total));
      if (!border)
        continue;
      if (p > start)
        {
          ShinsaSpan piece = *s;
          piece.text = g_strndup (start, p - start);
          piece.x = piece_x;
          piece.width = MAX (x - piece_x, 1.0);
          emit_piece (pc, &piece, out);
        }
      start = g_utf8_next_char (p);
      piece_x = x_end;
      /* what follows a rule at a column's edge is that column's, though
       * the widths of the characters before put it a little short (they
       * drift over a long span) */
      for (k = 0; k < P_N; k++)
        if (pc->present[k] && pc->left[k] > -G_MAXDOUBLE && pc->left[k] >= x_end && pc->left[k] - x_end < 14.0)
          piece_x = MAX (piece_x, pc->left[k] + 1.0);
      cut = TRUE;
    }
  if (!cut)
    split_across_columns (pc, s, out);
  else if (*start != '\0')
    {
      ShinsaSpan piece = *s;
      piece.text = g_strdup (start);
      piece.x = piece_x;
      piece.width = MAX (s->x + s->width - piece_x, 1.0);
      emit_piece (pc, &piece, out);
    }
}

static void
piece_clear (gpointer data)
{
  ShinsaSpan *s = data;
  g_free (s->_reserved[0]);
}

/* Whether @s lies below the page's header.  A scan lies a little skewed on
 * the scanner, so the labels of one header sit at different heights: the
 * first row's cells count from the bottom of the label over their own
 * column, not from the lowest label (the 通番 and the first row's name would
 * be cut off under a tall 添付書類等 label).  @top: the header's bottom, or
 * where the body starts on a page without one; @header_here: the page has
 * the header. */
static gboolean
below_header (const PageColumns *pc, const ShinsaSpan *s, double top, gboolean header_here)
{
  int col;

  if (s->y >= top - 0.5)
    return TRUE;
  if (!header_here || s->source != SHINSA_SPAN_OCR || pc->merged)
    return FALSE;
  col = span_column (pc, s);
  return col >= 0 && pc->label_bottom[col] > 0 && s->y >= pc->label_bottom[col] - 0.5;
}

/* What the OCR made of a 通番 it could not read ("の" for 21, "19]" for
 * 131, "0" for 17): a short word alone in the 通番 column, the row's name
 * beside it on the line.  A sub-heading runs on across the table. */
static gboolean
looks_like_lost_no (const PageColumns *pc, GPtrArray *spans, guint i)
{
  ShinsaSpan *s = g_ptr_array_index (spans, i);
  glong n = g_utf8_strlen (s->text, -1);

  if (s->source != SHINSA_SPAN_OCR || n == 0 || n > 4 || strchr (s->text, ' ') != NULL || is_speck (s))
    return FALSE;
  if (pc->present[P_NAME] && s->x + s->width > pc->left[P_NAME] + 4.0)
    return FALSE;
  for (guint j = i + 1; j < spans->len; j++)
    {
      ShinsaSpan *t = g_ptr_array_index (spans, j);
      if (t->line != s->line)
        break;
      if (t->x > s->x + s->width - 1.0)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  guint line;
  double top;
  double middle;               /* the mean vertical centre of its spans */
  guint first, n;              /* its spans in the array sorted by line */
} OcrLine;

/* the OCR lines of @spans (sorted by line), in their order */
static GArray *
ocr_lines (GPtrArray *spans)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (OcrLine));

  for (guint i = 0; i < spans->len; i++)
    {
      ShinsaSpan *s = g_ptr_array_index (spans, i);
      OcrLine *last = lines->len > 0 ? &g_array_index (lines, OcrLine, lines->len - 1) : NULL;
      double middle = s->y + s->height / 2;

      if (last != NULL && last->line == s->line)
        {
          last->top = MIN (last->top, s->y);
          last->middle += (middle - last->middle) / ++last->n;
        }
      else
        {
          OcrLine l = { s->line, s->y, middle, i, 1 };
          g_array_append_val (lines, l);
        }
    }
  return lines;
}

/* @spans rearranged line by line in the order of @lines */
static void
spans_in_line_order (GPtrArray *spans, GArray *lines)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_copy (spans, NULL, NULL);

  g_ptr_array_set_size (spans, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      OcrLine *l = &g_array_index (lines, OcrLine, i);
      for (guint k = 0; k < l->n; k++)
        g_ptr_array_add (spans, g_ptr_array_index (copy, l->first + k));
    }
}

/* The OCR numbers lines block by block, and now and then a block from low
 * on the page comes first (the end of a row near the foot numbered before
 * the rows at the top).  Cells are read in line order, so such a line would
 * join whichever item was open.  A line is moved down to where it lies
 * when a later line starts clearly above it — by more than an inch, far
 * more than a row's number sits below its first line when it is centred
 * in a tall cell.  @spans: sorted by span_order. */
static void
order_lines_down_the_page (GPtrArray *spans)
{
  g_autoptr(GArray) lines = ocr_lines (spans);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (OcrLine));
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (OcrLine));

  for (guint i = 0; i < lines->len; i++)
    {
      OcrLine *l = &g_array_index (lines, OcrLine, i);
      gboolean misplaced = FALSE;
      for (guint j = i + 1; j < lines->len && !misplaced; j++)
        misplaced = g_array_index (lines, OcrLine, j).top + 72.0 < l->top;
      g_array_append_val (misplaced ? moved : order, *l);
    }
  if (moved->len == 0)
    return;
  for (guint i = 0; i < moved->len; i++)
    {
      OcrLine *l = &g_array_index (moved, OcrLine, i);
      guint at = 0;
      for (guint j = 0; j < order->len; j++)
        if (g_array_index (order, OcrLine, j).top <= l->top)
          at = j + 1;
      g_array_insert_val (order, at, *l);
    }
  spans_in_line_order (spans, order);
}

/* whether a span of @l lies in the 通番 column (specks too, when @specks);
 * (transfer none) the first such span, or NULL */
static const ShinsaSpan *
line_number (const PageColumns *pc, GPtrArray *spans, const OcrLine *l, gboolean specks)
{
  for (guint k = 0; k < l->n; k++)
    {
      ShinsaSpan *s = g_ptr_array_index (spans, l->first + k);
      if (span_column (pc, s) == P_NO && (specks || !is_speck (s)))
        return s;
    }
  return NULL;
}

/* A row's first line can come from the OCR before the line with its 通番,
 * level with it ("SLA(サービスレベル" numbered before "84"): it would end
 * the item before.  The line with a number in the 通番 column goes first
 * among the lines just before it that lie level with the number. */
static void
number_lines_first (const PageColumns *pc, GPtrArray *spans)
{
  g_autoptr(GArray) lines = ocr_lines (spans);
  gboolean moved = FALSE;

  for (guint i = 1; i < lines->len; i++)
    {
      const ShinsaSpan *no = line_number (pc, spans, &g_array_index (lines, OcrLine, i), FALSE);

      for (guint j = i; no != NULL && j > 0; j--)
        {
          OcrLine *before = &g_array_index (lines, OcrLine, j - 1), t;

          if (line_number (pc, spans, before, TRUE) != NULL
              || fabs (before->middle - (no->y + no->height / 2)) > MAX (no->height, 6.0) / 2)
            break;
          t = *before;
          *before = g_array_index (lines, OcrLine, j);
          g_array_index (lines, OcrLine, j) = t;
          moved = TRUE;
        }
    }
  if (moved)
    spans_in_line_order (spans, lines);
}

/* The right edge of the table, where the last column's lines wrap: its
 * label is centred over it, so as far right of the label's centre as the
 * column's left edge lies left of it, and at least as far as its longest
 * line reaches.  Without the label's place, short of the page's edge by a
 * margin.  (The page's edge alone made every wrapped line of 添付書類等 a
 * line break of its own, "資料3第20\n条".) */
static double
table_right_edge (const ShinsaPage *page, const PageColumns *pc, GPtrArray *spans)
{
  double right = 0;

  if (!pc->present[P_EVIDENCE] || pc->left[P_EVIDENCE] <= -G_MAXDOUBLE
      || pc->center[P_EVIDENCE] <= pc->left[P_EVIDENCE])
    return page->width - 28;
  right = 2 * pc->center[P_EVIDENCE] - pc->left[P_EVIDENCE];
  for (guint i = 0; i < spans->len; i++)
    {
      ShinsaSpan *s = g_ptr_array_index (spans, i);
      if (span_column (pc, s) == P_EVIDENCE)
        right = MAX (right, s->x + s->width);
    }
  return MIN (right, page->width - 28);
}

/* The 通番 a scan's OCR got wrong, put right from the whole sequence: the
 * items whose numbers run in order, each a plausible step after the one
 * before (the longest such chain), are believed; a run of others between
 * two believed ones that leave exactly room for them ("130, 191, 192,
 * 133": 131, 132) is numbered into that room.  Anything else stays as
 * read (FORM-ITEM-UNKNOWN, FORM-ITEM-DUPLICATE show it). */
static void
renumber_from_sequence (GPtrArray *items, GHashTable *tentative)
{
  guint n = items->len;
  g_autofree guint *length = g_new0 (guint, n);
  g_autofree int *from = g_new (int, n);
  g_autofree gboolean *good = g_new0 (gboolean, n);
  int best = -1;

  for (guint i = 0; i < n; i++)
    {
      int no = ((ShinsaFormItem *) g_ptr_array_index (items, i))->no;
      from[i] = -1;
      /* a row whose number was not read at all has only a guess: never a
       * link in the chain, numbered only by the room it leaves */
      if (g_hash_table_contains (tentative, g_ptr_array_index (items, i)))
        continue;
      length[i] = 1;
      for (guint j = 0; j < i; j++)
        {
          int before = ((ShinsaFormItem *) g_ptr_array_index (items, j))->no;
          /* a step of at most 12, more over the items between */
          if (length[j] > 0 && no > before && no - before <= 12 + (int) (i - j) && length[j] + 1 > length[i])
            {
              length[i] = length[j] + 1;
              from[i] = (int) j;
            }
        }
      if (best < 0 || length[i] > length[best])
        best = (int) i;
    }
  if (best < 0)
    return;
  for (int i = best; i >= 0; i = from[i])
    good[i] = TRUE;
  for (guint i = 0; i < n;)
    {
      guint end = i;
      int a, b;
      if (good[i])
        {
          i++;
          continue;
        }
      while (end < n && !good[end])
        end++;
      /* [i, end) read wrong, between two believed items */
      if (i > 0 && end < n)
        {
          a = ((ShinsaFormItem *) g_ptr_array_index (items, i - 1))->no;
          b = ((ShinsaFormItem *) g_ptr_array_index (items, end))->no;
          if (b - a - 1 == (int) (end - i))
            for (guint k = i; k < end; k++)
              {
                ((ShinsaFormItem *) g_ptr_array_index (items, k))->no = a + 1 + (int) (k - i);
                g_hash_table_remove (tentative, g_ptr_array_index (items, k));
              }
        }
      i = end;
    }
}

gboolean
paper_read (ShinsaDocument *doc, ShinsaForm *form, GError **error)
{
  GPtrArray *pages = shinsa_document_get_page_list (doc);
  ShinsaFormItem *item = NULL;
  CellText content = { NULL, TRUE, -1, 0, 0, 0, 0, NULL, 0 };
  CellText evidence = { NULL, FALSE, -1, 0, 0, 0, 0, NULL, 0 };
  g_autofree char *section = NULL;
  PageColumns pc = { { 0 } };
  gboolean have_columns = FALSE, any = FALSE, ocr = FALSE, item_ocr = FALSE;
  int last_no = 0;
  guint row_line = 0;          /* the OCR line of the current item's 通番 */
  double name_bottom = 0;      /* the lowest line of its name on this page, or 0 */
  g_autoptr(GArray) pieces = g_array_new (FALSE, TRUE, sizeof (ShinsaSpan));
  g_autoptr(GArray) name_pieces = g_array_new (FALSE, TRUE, sizeof (NamePiece));
  g_autoptr(GHashTable) tentative = g_hash_table_new (g_direct_hash, g_direct_equal);

  g_array_set_clear_func (pieces, piece_clear);
  g_array_set_clear_func (name_pieces, name_piece_clear);

  if (pages == NULL || pages->len == 0)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_FAILED, "no text was read from '%s'", shinsa_document_get_path (doc));
      return FALSE;
    }
  for (guint p = 0; p < pages->len; p++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, p);
      g_autoptr(GPtrArray) spans = g_ptr_array_new ();
      double top = 0;
      gboolean header_here = FALSE, ocr_page;
      double table_right;

      ocr_page = page->spans->len > 0 && g_array_index (page->spans, ShinsaSpan, 0).source == SHINSA_SPAN_OCR;
      if ((header_here = find_header (page, &pc)))
        {
          if (!pc.merged || !find_left_edges_from_data (page, &pc))
            find_left_edges (page, &pc);
          have_columns = TRUE;
          top = pc.header_bottom;
          any = TRUE;
          ocr |= page->spans->len > 0 && g_array_index (page->spans, ShinsaSpan, 0).source == SHINSA_SPAN_OCR;
        }
      else if (have_columns && page->spans->len > 0 && g_array_index (page->spans, ShinsaSpan, 0).source == SHINSA_SPAN_OCR)
        {
          /* a scanned page without the header: the labels' places carry
           * over, the cells' edges are this sheet's (it lay a little
           * differently on the scanner) */
          pc.header_bottom = 0;
          shift_left_edges (page, &pc);
          /* a header whose 申請内容 the OCR misread is still no row */
          for (guint i = 0; i < page->spans->len; i++)
            {
              ShinsaSpan *h = &g_array_index (page->spans, ShinsaSpan, i);
              g_autofree char *n = g_utf8_normalize (h->text, -1, G_NORMALIZE_NFKC);
              if (n == NULL || h->y > page->height / 4
                  || (strstr (n, "添付書類") == NULL && strstr (n, "開示項目") == NULL && strcmp (n, "通番") != 0))
                continue;
              for (guint j = 0; j < page->spans->len; j++)
                {
                  ShinsaSpan *t = &g_array_index (page->spans, ShinsaSpan, j);
                  if (t->line == h->line)
                    top = MAX (top, t->y + t->height);
                }
            }
        }
      if (!have_columns)
        continue;
      if (form->title == NULL && page->spans->len > 0)
        form->title = g_strdup (g_array_index (page->spans, ShinsaSpan, 0).text);

      g_array_set_size (pieces, 0);
      /* in reading order before they are cut at the rules: where a cut
       * falls is estimated, and a piece that seems to lie past the next
       * word of its line still comes before it ("…|資料2" "4ページ") */
      {
        g_autoptr(GPtrArray) raw = g_ptr_array_new ();

        for (guint i = 0; i < page->spans->len; i++)
          {
            ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
            if (below_header (&pc, s, top, header_here) && s->y < page->height - 40 && !is_folio (page, s))
              g_ptr_array_add (raw, s);
          }
        g_ptr_array_sort (raw, span_order);
        for (guint i = 0; i < raw->len; i++)
          {
            ShinsaSpan copy = *(ShinsaSpan *) g_ptr_array_index (raw, i);
            copy._reserved[0] = NULL;
            split_at_rules (&pc, &copy, pieces);
          }
      }
      for (guint i = 0; i < pieces->len; i++)
        g_ptr_array_add (spans, &g_array_index (pieces, ShinsaSpan, i));
      if (ocr_page)
        {
          order_lines_down_the_page (spans);
          number_lines_first (&pc, spans);
        }
      table_right = table_right_edge (page, &pc, spans);
      name_bottom = 0;

      for (guint i = 0; i < spans->len; i++)
        {
          ShinsaSpan *s = g_ptr_array_index (spans, i);
          int col = span_column (&pc, s);
          int no;
          gboolean lost_no = FALSE;
          ShinsaSpan rest_span;
          g_autofree char *rest = NULL;

          if (!below_header (&pc, s, top, header_here))
            continue;               /* the header itself */
          if (col == P_NO && is_speck (s))
            continue;
          no = col == P_NO ? parse_item_no (s->text) : 0;
          /* what follows the 通番 on its line is the item's, though it
           * starts left of the name column (a rule read as "|", skew) */
          if (col == P_NO && item != NULL && s->source == SHINSA_SPAN_OCR && item->where.page == page->number
              && s->line == row_line && s->x > item->where.x)
            col = P_NAME;
          if (col == P_NO && no == 0)
            {
              gboolean confused;
              int previous = item != NULL ? item->no : last_no;
              int read_no = parse_ocr_item_no (s->text, &confused, &rest);
              if (read_no > 0 && plausible_next (read_no, previous))
                no = read_no;
              else
                {
                  g_clear_pointer (&rest, g_free);
                  no = repair_misread_no (&pc, spans, i, previous, &rest);
                }
              /* not read at all: a row all the same, numbered after the
               * one before for now; renumber_from_sequence decides */
              if (no == 0 && looks_like_lost_no (&pc, spans, i))
                {
                  no = previous + 1;
                  lost_no = TRUE;
                }
            }
          /* a number read whole but wrong ("7" for 71, "79" for 73): the
           * rows either side, the numbers before and after it, leave room
           * for exactly one */
          if (col == P_NO && no > 0 && s->source == SHINSA_SPAN_OCR && last_no > 0 && no != last_no + 1
              && next_row_no (&pc, spans, i, last_no) == last_no + 2)
            no = last_no + 1;
          if (col == P_NO && no > 0)
            {
              if (item != NULL)
                finish_item (item, item_ocr);
              item = shinsa_form_item_new (no);
              g_ptr_array_add (form->items, item);
              if (lost_no)
                g_hash_table_add (tentative, item);
              item_ocr = s->source == SHINSA_SPAN_OCR;
              g_array_set_size (name_pieces, 0);
              name_bottom = 0;
              item->section = g_strdup (section);
              item->where.page = page->number;
              item->where.x = s->x;
              item->where.y = s->y;
              item->where.width = page->width - s->x;
              item->where.height = s->height;
              item->where.first_row = 0;
              row_line = s->line;
              content = (CellText) { item, TRUE, -1, 0, 0, 0, 0, NULL, 0 };
              evidence = (CellText) { item, FALSE, -1, 0, 0, 0, 0, NULL, 0 };
              last_no = no;
              if (rest == NULL || !pc.present[P_NAME])
                continue;
              /* the rest of a row the OCR ran together starts the item name
               * (form_paper_repair_names moves what is past the name on) */
              rest_span = *s;
              rest_span.text = rest;
              rest_span.x = MAX (s->x + s->width * (strlen (s->text) - strlen (rest)) / MAX (strlen (s->text), 1),
                                 pc.left[P_NAME] + 1.0);
              rest_span.width = MAX (s->x + s->width - rest_span.x, 1.0);
              s = &rest_span;
              col = P_NAME;
            }
          else if (col == P_NO || (item == NULL && col >= 0))
            {
              /* a sub-heading across the table: 2.1 開示情報の時点 */
              g_autoptr(GString) heading = g_string_new (s->text);
              while (i + 1 < spans->len && ((ShinsaSpan *) g_ptr_array_index (spans, i + 1))->line == s->line)
                g_string_append_printf (heading, " %s", ((ShinsaSpan *) g_ptr_array_index (spans, ++i))->text);
              if (item != NULL)
                finish_item (item, item_ocr);
              item = NULL;
              g_free (section);
              section = g_string_free (g_steal_pointer (&heading), FALSE);
              continue;
            }
          /* a row whose 通番 the OCR lost altogether: its item name starts
           * a line clearly below the name of the item before (below the
           * whole item when none was read on this page: a tall box read
           * round a 添付書類等 reaches down into the next row), and the
           * next number read leaves room for it */
          if (col == P_NAME && item != NULL && item->name != NULL && s->source == SHINSA_SPAN_OCR
              && item->where.page == page->number && s->line != row_line
              && s->y - (name_bottom > 0 ? name_bottom : item->where.y + item->where.height)
                   > 0.4 * MAX (s->height, 6.0))
            {
              int next = next_row_no (&pc, spans, i, item->no);
              if (next > item->no + 1 && next <= item->no + 12)
                {
                  int no_lost = item->no + 1;
                  finish_item (item, item_ocr);
                  item = shinsa_form_item_new (no_lost);
                  g_ptr_array_add (form->items, item);
                  item_ocr = TRUE;
                  g_array_set_size (name_pieces, 0);
                  name_bottom = 0;
                  item->section = g_strdup (section);
                  item->where.page = page->number;
                  item->where.x = pc.left[P_NAME];
                  item->where.y = s->y;
                  item->where.width = page->width - s->x;
                  item->where.height = s->height;
                  item->where.first_row = 0;
                  row_line = s->line;
                  content = (CellText) { item, TRUE, -1, 0, 0, 0, 0, NULL, 0 };
                  evidence = (CellText) { item, FALSE, -1, 0, 0, 0, 0, NULL, 0 };
                  last_no = no_lost;
                }
            }
          if (item == NULL)
            continue;
          if (s->y + s->height > item->where.y + item->where.height && item->where.page == page->number)
            item->where.height = s->y + s->height - item->where.y;
          switch (col)
            {
            case P_NAME:
              {
                NamePiece piece = { g_strdup (s->text), page->number, s->y + s->height / 2, s->height, s->x };
                g_array_append_val (name_pieces, piece);
                g_free (item->name);
                item->name = name_from_pieces (name_pieces);
                name_bottom = MAX (name_bottom, s->y + s->height);
              }
              break;
            case P_CLASS:
              {
                char *label = g_strconcat (item->class_label != NULL ? item->class_label : "", s->text, NULL);
                g_free (item->class_label);
                item->class_label = label;
              }
              break;
            case P_CONTENT:
            case P_EVIDENCE:
              {
                /* the first unbreakable stretch of this span's line in
                 * this column: a Latin word with its brackets */
                double unit = s->width;
                if (g_utf8_strlen (s->text, -1) > 1 && !is_latin_start (s->text))
                  unit = s->width / g_utf8_strlen (s->text, -1);
                else if (g_utf8_strlen (s->text, -1) > 1)
                  unit = s->width * latin_run_share (s->text);
                for (guint j = i + 1; j < spans->len; j++)
                  {
                    ShinsaSpan *t = g_ptr_array_index (spans, j);
                    if (t->line != s->line || span_column (&pc, t) != col || !is_latin_start (t->text)
                        || t->x - (s->x + unit) > 1.0)
                      break;
                    unit = t->x + t->width - s->x;
                  }
                if (col == P_CONTENT)
                  cell_add (&content, s, unit, page->number, column_right (&pc, P_CONTENT, page->width));
                else
                  cell_add (&evidence, s, unit, page->number, column_right (&pc, P_EVIDENCE, table_right));
              }
              break;
            default:
              break;
            }
        }
    }
  if (item != NULL)
    finish_item (item, item_ocr);
  if (ocr)
    renumber_from_sequence (form->items, tentative);
  /* a row whose number neither its neighbours nor the sequence could give
   * is left out, as a sub-heading would be */
  for (guint i = form->items->len; i > 0; i--)
    if (g_hash_table_contains (tentative, g_ptr_array_index (form->items, i - 1)))
      g_ptr_array_remove_index (form->items, i - 1);
  g_free (form->format);
  form->format = g_strdup ("pdf");
  g_free (form->path);
  form->path = g_strdup (shinsa_document_get_path (doc));
  if (!any || form->items->len == 0)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_FAILED,
                   "no page of '%s' has the form's header (通番, 開示項目, 申請内容, 添付書類等)",
                   shinsa_document_get_path (doc));
      return FALSE;
    }
  return TRUE;
}

/* @text NFKC-folded without spaces, punctuation and symbols (the middle
 * dots and slashes a scan's OCR drops), as characters */
static gunichar *
name_letters (const char *text, glong *len)
{
  g_autofree char *n = form_normalize_label (text);
  gunichar *out = g_new (gunichar, strlen (n) + 1);
  glong k = 0;

  for (const char *p = n; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c) && g_unichar_type (c) != G_UNICODE_MATH_SYMBOL
          && g_unichar_type (c) != G_UNICODE_OTHER_SYMBOL)
        out[k++] = c;
    }
  out[k] = 0;
  *len = k;
  return out;
}

static glong
edit_distance (const gunichar *a, glong na, const gunichar *b, glong nb)
{
  g_autofree glong *row = g_new (glong, nb + 1);

  for (glong j = 0; j <= nb; j++)
    row[j] = j;
  for (glong i = 1; i <= na; i++)
    {
      glong diagonal = row[0];
      row[0] = i;
      for (glong j = 1; j <= nb; j++)
        {
          glong up = row[j];
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] != b[j - 1]));
          diagonal = up;
        }
    }
  return row[nb];
}

/* The item name as read off a scan is the catalogue's for its 通番, read
 * with the OCR's usual losses: the same letters once punctuation is left
 * out (財務監査財務データの状況), or at most a quarter of them misread
 * (キャッンュフロー…).  A row shifted by one (another item's name) is far
 * from that and still raises FORM-ITEM-NAME-MISMATCH. */
static gboolean
name_read_as (const char *read, const char *want)
{
  glong nr, nw;
  g_autofree gunichar *r = name_letters (read, &nr);
  g_autofree gunichar *w = name_letters (want, &nw);

  if (nw < 3 || nr == 0)
    return FALSE;
  return edit_distance (r, nr, w, nw) * 4 <= nw;
}

/* Whether @read, the name as read off a scan, is nearer the catalogue's
 * name for its 通番 (@own) than any other item's of @scheme, with at least
 * a third of its letters right.  A row shifted by one reads as its
 * neighbour's name; OCR noise beyond a quarter of the letters
 * ("ジントウテア" for ソフトウェア) is still nearest its own. */
static gboolean
name_nearest (const char *read, const ShinsaSchemeItem *own, const ShinsaScheme *scheme)
{
  glong nr, nw;
  g_autofree gunichar *r = name_letters (read, &nr);
  g_autofree gunichar *w = name_letters (own->name, &nw);
  glong d;

  /* longer than the name by far: the row's other cells ran into it */
  if (nw < 3 || nr == 0 || nr > nw + nw / 2 + 2)
    return FALSE;
  d = edit_distance (r, nr, w, nw);
  if (d * 3 > nw * 2)
    return FALSE;
  /* nearer by the share of letters misread: a short name is never near
   * by a few edits alone */
  for (guint i = 0; i < scheme->items->len; i++)
    {
      const ShinsaSchemeItem *other = g_ptr_array_index (scheme->items, i);
      glong no;
      g_autofree gunichar *o = NULL;

      if (other == own || other->name == NULL || strcmp (other->name, own->name) == 0)
        continue;
      o = name_letters (other->name, &no);
      if (no > 0 && (double) edit_distance (r, nr, o, no) / MAX (nr, no) <= (double) d / MAX (nr, nw))
        return FALSE;
    }
  return TRUE;
}

/* a first character that is a misread sub-field marker rather than the
 * field's first word: one standing apart ("る 有り"), or kana or a mark
 * before a word of another kind ("る有り"); never a bracket or a digit */
static gboolean
misread_marker (const char *line)
{
  gunichar c = g_utf8_get_char (line), d;
  GUnicodeScript script = g_unichar_get_script (c);

  if (c == 0 || g_unichar_isdigit (c) || g_unichar_type (c) == G_UNICODE_OPEN_PUNCTUATION)
    return FALSE;
  d = g_utf8_get_char (g_utf8_next_char (line));
  if (d == ' ' || d == 0x3000)
    return TRUE;
  return (script == G_UNICODE_SCRIPT_HIRAGANA || !g_unichar_isalnum (c))
         && d != 0 && g_unichar_get_script (d) != G_UNICODE_SCRIPT_HIRAGANA;
}

/* Sub-field markers a scan's OCR lost or read as something else (a kana,
 * a kanji), put back from the catalogue: when the 申請内容 has as many lines
 * as its item has sub-fields, and every marker read stands on its own
 * line's place (①, line 2 unmarked, ③ for three sub-fields), each unmarked
 * line opens the sub-field of its place.  A line whose first character
 * looks like a misread marker has it replaced, other lines get one.  A
 * circled number out of place is renumbered only when the first line is ①
 * and every unmarked line starts with what looks like a misread marker.
 * Items written old/new are left alone. */
static void
restore_markers (ShinsaFormItem *item, const ShinsaSchemeItem *si)
{
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (ContentEdit));
  guint n = si->fields != NULL ? g_strv_length (si->fields) : 0;
  guint lines = 0, marked = 0, astray = 0;
  gboolean all_misread = TRUE, first_right = FALSE;

  if (n < 2 || item->content == NULL || item->new_content != NULL)
    return;
  for (const char *line = item->content; line != NULL; lines++)
    {
      const char *end = strchr (line, '\n');
      gunichar c = g_utf8_get_char (line);
      ContentEdit edit = { line - item->content, 0, { 0 } };

      if (lines >= n || c == '\n' || c == 0)
        return;               /* more lines than sub-fields, or a blank one */
      if (is_circled (c) && (guint) (c - 0x2460) == lines)
        {
          marked++;
          first_right |= lines == 0;
        }
      else if (is_circled (c))
        {
          /* out of place: put right below only when every other line
           * looks like a misread marker too (①, 用, る, ② for ①②③④) */
          edit.len = g_utf8_next_char (line) - line;
          g_unichar_to_utf8 (0x2460 + lines, edit.text);
          g_array_append_val (edits, edit);
          astray++;
        }
      else
        {
          const char *next = g_utf8_next_char (line);
          /* a speck read before the marker ("(②"): dropped */
          if (*line != '\0' && g_utf8_get_char (next) == 0x2460 + lines)
            edit.len = next - line;
          else
            {
              if (misread_marker (line))
                edit.len = skip_blanks (next) - line;
              else
                all_misread = FALSE;
              g_unichar_to_utf8 (0x2460 + lines, edit.text);
            }
          g_array_append_val (edits, edit);
        }
      line = end != NULL ? end + 1 : NULL;
    }
  if (lines != n || marked == 0 || edits->len == 0 || (astray > 0 && !(all_misread && first_right)))
    return;
  edit_content (item, edits);
  shinsa_form_item_split_fields (item);
}

/* A row the OCR ran together left the item name followed by the start of
 * the content ("事業者名①株式会社…"): where the name as read begins with
 * the catalogue's name for its 通番, what follows the name is moved to the
 * front of the content.  A name read as the catalogue's with OCR errors
 * (name_read_as) becomes the catalogue's. */
void
form_paper_repair_names (ShinsaForm *form, const ShinsaScheme *scheme)
{
  g_return_if_fail (form != NULL);
  if (scheme == NULL)
    return;
  for (guint i = 0; i < form->items->len; i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (form->items, i);
      const ShinsaSchemeItem *si = shinsa_scheme_get_item (scheme, item->no);
      g_autofree char *name = NULL, *want = NULL;
      g_autoptr(ShinsaFormItem) fresh = NULL;
      const char *excess;
      ShinsaFormRun first = { NULL, 0, FALSE, FALSE };
      GArray *runs;
      char *text;

      if (si == NULL)
        continue;
      restore_markers (item, si);
      if (item->name == NULL)
        continue;
      if (name_read_as (item->name, si->name))
        {
          g_free (item->name);
          item->name = g_strdup (si->name);
          continue;
        }
      /* the catalogue's name without its dots ("料金体系金額初期費用…"):
       * written out as the catalogue has it, what follows is moved on */
      {
        glong nw;
        g_autofree gunichar *w = name_letters (si->name, &nw);

        for (const char *p = item->name; nw > 0 && *p != '\0'; p = g_utf8_next_char (p))
          {
            g_autofree char *prefix = g_strndup (item->name, g_utf8_next_char (p) - item->name);
            glong np;
            g_autofree gunichar *letters = name_letters (prefix, &np);
            const char *after = g_utf8_next_char (p);

            if (np > nw)
              break;
            if (np == nw && memcmp (letters, w, sizeof (gunichar) * (gsize) nw) == 0 && *after != '\0')
              {
                char *joined = g_strconcat (si->name, after, NULL);
                g_free (item->name);
                item->name = joined;
                break;
              }
          }
      }
      name = form_normalize_label (item->name);
      want = form_normalize_label (si->name);
      if (!g_str_has_prefix (name, want) && name_nearest (item->name, si, scheme))
        {
          g_free (item->name);
          item->name = g_strdup (si->name);
          continue;
        }
      if (*want == '\0' || strlen (name) <= strlen (want) || !g_str_has_prefix (name, want))
        continue;
      /* the same place in the name as read: NFKC would turn ① into 1 */
      excess = item->name;
      {
        gsize folded = 0;
        while (*excess != '\0' && folded < strlen (want))
          {
            g_autofree char *one = g_strndup (excess, g_utf8_next_char (excess) - excess);
            g_autofree char *f = form_normalize_label (one);
            folded += strlen (f);
            excess = g_utf8_next_char (excess);
          }
        if (folded != strlen (want))
          continue;
        while (g_unichar_isspace (g_utf8_get_char (excess)) || g_utf8_get_char (excess) == 0x3000)
          excess = g_utf8_next_char (excess);
        /* a name written longer than the catalogue's, its gloss in
         * brackets (「…規程等の整備（要件…）」), is the name */
        if (*excess == '\0' || g_utf8_get_char (excess) == 0xFF08 || *excess == '('
            || g_utf8_get_char (excess) == 0x3010 || *excess == '[')
          continue;
      }
      fresh = shinsa_form_item_new (item->no);
      first.text = (char *) excess;
      shinsa_form_item_append_content (fresh, &first);
      if (item->content_runs->len > 0)
        {
          gunichar c = g_utf8_get_char (item->content);
          if ((c >= 0x2460 && c <= 0x2473) || g_str_has_prefix (item->content, "【"))
            {
              ShinsaFormRun nl = { (char *) "\n", 0, FALSE, FALSE };
              shinsa_form_item_append_content (fresh, &nl);
            }
        }
      for (guint k = 0; k < item->content_runs->len; k++)
        shinsa_form_item_append_content (fresh, &g_array_index (item->content_runs, ShinsaFormRun, k));
      runs = item->content_runs;
      item->content_runs = fresh->content_runs;
      fresh->content_runs = runs;
      text = item->content;
      item->content = fresh->content;
      fresh->content = text;
      text = g_strndup (item->name, excess - item->name);
      g_free (item->name);
      item->name = g_strstrip (text);
      shinsa_form_item_split_fields (item);
    }
}
