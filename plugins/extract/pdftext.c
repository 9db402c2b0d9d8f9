/* extract — the text layer of PDF pages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * poppler gives the page's text in its own reading order with one box per
 * character (poppler_page_get_text_layout) and runs of font, size and colour
 * (poppler_page_get_text_attributes), all from one cached TextPage.  Runs
 * are cut where a line has a wide gap (a header's title and its document
 * number, a table's cells), then put in Japanese horizontal order: lines
 * top to bottom, left to right within a line.
 */
#include <math.h>
#include <string.h>

#include "pdftext.h"

/* fewer visible characters than this may be a scan's stray text layer */
#define LITTLE_TEXT          40
#define IMAGE_COVERS_PAGE    0.5
/* shares of visible characters that make a text layer mojibake */
#define MAX_BAD_SHARE        0.10
#define MIN_LATIN1_SHARE     0.20
#define MAX_CJK_SHARE        0.05
/* a gap wider than this many font sizes starts a new span */
#define GAP_SPLIT            1.5
/* a gap this wide between two spans of a line is a word space */
#define GAP_SPACE            0.25
/* text over other text by more than this many points is a seal or a stamp */
#define OVERPRINT            2.0
/* the bottom of the page where folios are, read last */
#define FOOTER_BAND          0.10
/* a gap this wide between two characters poppler put no space between */
#define GAP_UNMARKED         0.15

const char *
pdftext_verdict_to_note (PdftextVerdict verdict)
{
  switch (verdict)
    {
    case PDFTEXT_NO_TEXT: return "no text layer";
    case PDFTEXT_IMAGE_ONLY: return "image-only page";
    case PDFTEXT_UNREADABLE: return "text layer unreadable";
    case PDFTEXT_USABLE:
    default: return NULL;
    }
}

typedef struct {
  guint start, end;            /* characters [start, end) */
  double x1, y1, x2, y2;       /* of the visible characters */
  PopplerTextAttributes *attr;
  gboolean space_before;
  gboolean overlay;            /* printed over other text: a seal, a stamp */
} Seg;

typedef struct {
  double y1, y2;
  GArray *segs;                /* guint indices into the segments */
  gboolean overlay;            /* printed over other text: a seal, a stamp */
  gboolean footer;             /* in the bottom band of the page */
} Line;

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

static gboolean
is_bad (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return c == 0xFFFD || type == G_UNICODE_PRIVATE_USE || type == G_UNICODE_UNASSIGNED ||
         type == G_UNICODE_SURROGATE || (type == G_UNICODE_CONTROL && c != '\t' && c != '\n');
}

/* "ABCDEF+IPAexMincho" → "IPAexMincho" */
static const char *
font_without_subset (const char *name)
{
  if (name == NULL)
    return NULL;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isupper (name[i]))
      return name;
  return name[6] == '+' ? name + 7 : name;
}

static gboolean
same_attributes (const PopplerTextAttributes *a, const PopplerTextAttributes *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return g_strcmp0 (a->font_name, b->font_name) == 0 && fabs (a->font_size - b->font_size) < 0.01 &&
         a->color.red == b->color.red && a->color.green == b->color.green &&
         a->color.blue == b->color.blue;
}

/* 16 bits a channel to 8, rounded.  poppler truncates the PDF's 0–1 value
 * to 16 bits; half a step back undoes that, so 0.1 is 0x1a as it should be */
static guint32
channel8 (guint16 c)
{
  return (guint32) (((2 * (guint64) c + 1) * 255 + 65535) / 131070);
}

static guint32
attr_color (const PopplerTextAttributes *attr)
{
  if (attr == NULL)
    return 0;
  return (channel8 (attr->color.red) << 16) | (channel8 (attr->color.green) << 8) |
         channel8 (attr->color.blue);
}

static double
seg_size (const Seg *seg)
{
  if (seg->attr != NULL && seg->attr->font_size > 0)
    return seg->attr->font_size;
  return MAX (seg->y2 - seg->y1, 1.0);
}

static gboolean
is_coloured (const PopplerTextAttributes *attr)
{
  int r, g, b;

  if (attr == NULL)
    return FALSE;
  r = channel8 (attr->color.red), g = channel8 (attr->color.green), b = channel8 (attr->color.blue);
  return MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) > 0x40;
}

/* Text printed over other text — a seal over a signature, a stamp — is
 * read apart from it: of two overlapping runs, the coloured one, else the
 * one poppler read later. */
static void
mark_overlays (GArray *segs)
{
  for (guint i = 0; i < segs->len; i++)
    for (guint j = i + 1; j < segs->len; j++)
      {
        Seg *a = &g_array_index (segs, Seg, i), *b = &g_array_index (segs, Seg, j);

        if (MIN (a->x2, b->x2) - MAX (a->x1, b->x1) <= OVERPRINT ||
            MIN (a->y2, b->y2) - MAX (a->y1, b->y1) <= OVERPRINT)
          continue;
        if (is_coloured (a->attr) && !is_coloured (b->attr))
          a->overlay = TRUE;
        else
          b->overlay = TRUE;
      }

  /* the rest of a seal touches what overprints: same colour, no gap */
  for (gboolean grew = TRUE; grew;)
    {
      grew = FALSE;
      for (guint i = 0; i < segs->len; i++)
        for (guint j = 0; j < segs->len; j++)
          {
            Seg *a = &g_array_index (segs, Seg, i), *b = &g_array_index (segs, Seg, j);

            if (!a->overlay || b->overlay || !is_coloured (b->attr) ||
                attr_color (a->attr) != attr_color (b->attr))
              continue;
            if (MIN (a->x2, b->x2) - MAX (a->x1, b->x1) > -OVERPRINT &&
                MIN (a->y2, b->y2) - MAX (a->y1, b->y1) > -OVERPRINT)
              grew = b->overlay = TRUE;
          }
    }
}

static int
compare_by_centre (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Seg *segs = user_data;
  const Seg *sa = &segs[*(const guint *) a], *sb = &segs[*(const guint *) b];
  double ca = (sa->y1 + sa->y2) / 2, cb = (sb->y1 + sb->y2) / 2;

  if (sa->overlay != sb->overlay)
    return sa->overlay ? 1 : -1;
  if (ca != cb)
    return ca < cb ? -1 : 1;
  return sa->x1 < sb->x1 ? -1 : sa->x1 > sb->x1;
}

static int
line_rank (const Line *line)
{
  return line->footer ? 2 : line->overlay ? 1 : 0;
}

/* stable on the order the lines were made in, top to bottom */
static int
compare_lines (gconstpointer a, gconstpointer b)
{
  const Line *la = a, *lb = b;
  int ra = line_rank (la), rb = line_rank (lb);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return la->y1 < lb->y1 ? -1 : la->y1 > lb->y1;
}

static int
compare_by_x (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Seg *segs = user_data;
  const Seg *sa = &segs[*(const guint *) a], *sb = &segs[*(const guint *) b];

  if (sa->x1 != sb->x1)
    return sa->x1 < sb->x1 ? -1 : 1;
  return sa->start < sb->start ? -1 : sa->start > sb->start;
}

/* The white space a gap of @gap points stands for between @a and @b.
 * poppler writes every word break as ' '; Japanese text is spaced with
 * whole ideographic spaces (全角スペース), which the gap gives back: one em
 * ("3.6　IoT"), or a few next to a Japanese character ("目　　次"). */
static void
append_gap (GString *out, gunichar a, gunichar b, double gap, double size, int max_ems)
{
  double ems = gap / size;
  int n = (int) (ems + 0.5);

  if (n >= 1 && n <= max_ems && fabs (ems - n) < 0.2 && (is_cjk (a) || is_cjk (b) || n == 1))
    for (int i = 0; i < n; i++)
      g_string_append_unichar (out, 0x3000);
  else
    g_string_append_c (out, ' ');
}

/* (transfer full): characters [start, end) without the spaces at either
 * end, each run of spaces inside as append_gap() reads it */
static char *
seg_text (const gunichar *chars, const PopplerRectangle *rects, const Seg *seg)
{
  GString *out = g_string_new (NULL);
  double size = seg_size (seg);
  guint start = seg->start, end = seg->end;

  while (start < end && g_unichar_isspace (chars[start]))
    start++;
  while (end > start && g_unichar_isspace (chars[end - 1]))
    end--;
  for (guint i = start; i < end; i++)
    {
      guint j = i;

      if (!g_unichar_isspace (chars[i]))
        {
          /* a space drawn as a gap, with no character for it */
          if (i > start && !g_unichar_isspace (chars[i - 1]) &&
              rects[i].x1 - rects[i - 1].x2 > GAP_UNMARKED * size)
            append_gap (out, chars[i - 1], chars[i], rects[i].x1 - rects[i - 1].x2, size, 4);
          g_string_append_unichar (out, chars[i]);
          continue;
        }
      while (j < end && g_unichar_isspace (chars[j]))
        j++;
      /* i - 1 and j are visible: the run is inside */
      append_gap (out, chars[i - 1], chars[j], rects[j].x1 - rects[i - 1].x2, size, 4);
      i = j - 1;
    }
  return g_string_free (out, FALSE);
}

/* the first and last visible characters of a segment */
static guint
seg_first (const gunichar *chars, const Seg *seg)
{
  guint i = seg->start;

  while (i + 1 < seg->end && g_unichar_isspace (chars[i]))
    i++;
  return i;
}

static guint
seg_last (const gunichar *chars, const Seg *seg)
{
  guint i = seg->end;

  while (i > seg->start + 1 && g_unichar_isspace (chars[i - 1]))
    i--;
  return i - 1;
}

PdftextVerdict
pdftext_read_page (PopplerPage *ppage, ShinsaPage *page, gboolean expect_japanese)
{
  g_autofree char *text = NULL;
  g_autofree gunichar *chars = NULL;
  g_autofree PopplerRectangle *rects = NULL;
  g_autofree PopplerTextAttributes **attr_of = NULL;
  g_autoptr(GArray) segs = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GString) page_text = NULL;
  GList *attrs;
  glong n_chars = 0;
  guint n_rects = 0, visible = 0, bad = 0, latin1 = 0, cjk = 0;
  Seg cur = { 0 };
  gboolean in_seg = FALSE, space_pending = FALSE;

  g_return_val_if_fail (POPPLER_IS_PAGE (ppage), PDFTEXT_NO_TEXT);
  g_return_val_if_fail (page != NULL, PDFTEXT_NO_TEXT);

  text = poppler_page_get_text (ppage);
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  for (glong i = 0; i < n_chars; i++)
    {
      gunichar c = chars[i];

      if (g_unichar_isspace (c))
        continue;
      visible++;
      if (is_bad (c))
        bad++;
      else if (c >= 0x80 && c <= 0xFF)
        latin1++;
      else if (is_cjk (c))
        cjk++;
    }

  if (visible < LITTLE_TEXT)
    {
      double dpi;

      if (pdftext_scan_image (ppage, &dpi) >= IMAGE_COVERS_PAGE)
        return PDFTEXT_IMAGE_ONLY;
      if (visible == 0)
        return PDFTEXT_NO_TEXT;
    }
  if (bad > visible * MAX_BAD_SHARE ||
      (expect_japanese && latin1 > visible * MIN_LATIN1_SHARE && cjk < visible * MAX_CJK_SHARE))
    return PDFTEXT_UNREADABLE;

  if (!poppler_page_get_text_layout (ppage, &rects, &n_rects))
    n_rects = 0;
  /* one box per character of the text; never read past either */
  n_chars = MIN ((guint) n_chars, n_rects);

  attr_of = g_new0 (PopplerTextAttributes *, n_chars + 1);
  attrs = poppler_page_get_text_attributes (ppage);
  for (GList *l = attrs; l != NULL; l = l->next)
    {
      PopplerTextAttributes *a = l->data;

      for (int i = MAX (a->start_index, 0); i <= a->end_index && i < n_chars; i++)
        attr_of[i] = a;
    }

  segs = g_array_new (FALSE, TRUE, sizeof (Seg));
  for (glong i = 0; i <= n_chars; i++)
    {
      gunichar c = i < n_chars ? chars[i] : '\n';
      const PopplerRectangle *r = i < n_chars ? &rects[i] : NULL;
      gboolean split = FALSE;

      if (c == '\n' || g_unichar_isspace (c))
        {
          if (c == '\n' && in_seg)
            {
              cur.end = i;
              g_array_append_val (segs, cur);
              in_seg = FALSE;
            }
          if (c == '\n')
            space_pending = FALSE;
          else
            space_pending = TRUE;
          continue;
        }

      if (in_seg)
        {
          double size = seg_size (&cur);
          double centre = (r->y1 + r->y2) / 2;

          split = !same_attributes (cur.attr, attr_of[i]) ||
                  r->x1 - cur.x2 > GAP_SPLIT * size ||
                  r->x2 < cur.x1 ||
                  centre < cur.y1 - size / 2 || centre > cur.y2 + size / 2;
          if (split)
            {
              cur.end = i;
              /* the spaces before this character stay with no span */
              while (cur.end > cur.start && g_unichar_isspace (chars[cur.end - 1]))
                cur.end--;
              g_array_append_val (segs, cur);
              in_seg = FALSE;
            }
        }
      if (!in_seg)
        {
          memset (&cur, 0, sizeof cur);
          cur.start = i;
          cur.attr = attr_of[i];
          cur.x1 = r->x1, cur.y1 = r->y1, cur.x2 = r->x2, cur.y2 = r->y2;
          cur.space_before = space_pending;
          in_seg = TRUE;
        }
      else
        {
          cur.x1 = MIN (cur.x1, r->x1);
          cur.y1 = MIN (cur.y1, r->y1);
          cur.x2 = MAX (cur.x2, r->x2);
          cur.y2 = MAX (cur.y2, r->y2);
        }
      space_pending = FALSE;
    }

  mark_overlays (segs);

  /* lines: segments whose middles fall within each other's height */
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), segs->len);
  for (guint i = 0; i < segs->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_by_centre, segs->data);

  lines = g_array_new (FALSE, TRUE, sizeof (Line));
  for (guint k = 0; k < order->len; k++)
    {
      guint index = g_array_index (order, guint, k);
      const Seg *s = &g_array_index (segs, Seg, index);
      double centre = (s->y1 + s->y2) / 2;
      Line *line = lines->len > 0 ? &g_array_index (lines, Line, lines->len - 1) : NULL;

      if (line != NULL && line->overlay == s->overlay && centre >= line->y1 && centre <= line->y2 &&
          MIN (line->y2, s->y2) - MAX (line->y1, s->y1) >= 0.5 * MIN (line->y2 - line->y1, s->y2 - s->y1))
        {
          g_array_append_val (line->segs, index);
          continue;
        }
      g_array_set_size (lines, lines->len + 1);
      line = &g_array_index (lines, Line, lines->len - 1);
      line->y1 = s->y1;
      line->y2 = s->y2;
      line->overlay = s->overlay;
      line->footer = centre > page->height * (1 - FOOTER_BAND);
      line->segs = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (line->segs, index);
    }
  /* reading order: the body (header included), what is printed over it,
   * then the footer */
  g_array_sort (lines, compare_lines);

  page_text = g_string_new (NULL);
  for (guint l = 0; l < lines->len; l++)
    {
      Line *line = &g_array_index (lines, Line, l);
      const Seg *prev = NULL;

      g_array_sort_with_data (line->segs, compare_by_x, segs->data);
      if (l > 0)
        g_string_append_c (page_text, '\n');
      for (guint k = 0; k < line->segs->len; k++)
        {
          const Seg *s = &g_array_index (segs, Seg, g_array_index (line->segs, guint, k));
          g_autofree char *str = seg_text (chars, rects, s);
          ShinsaSpan span = { 0 };

          if (str == NULL || str[0] == '\0')
            continue;
          /* between runs a wide gap is a column or a table cell, unless the
           * runs are single characters spaced out ("目　　次") */
          if (prev != NULL && (s->space_before || s->x1 - prev->x2 > GAP_SPACE * seg_size (s)))
            append_gap (page_text, chars[seg_last (chars, prev)], chars[seg_first (chars, s)],
                        s->x1 - prev->x2, seg_size (s),
                        seg_first (chars, prev) == seg_last (chars, prev) &&
                        seg_first (chars, s) == seg_last (chars, s) ? 4 : 1);
          g_string_append (page_text, str);

          span.text = str;
          span.x = s->x1;
          span.y = s->y1;
          span.width = s->x2 - s->x1;
          span.height = s->y2 - s->y1;
          span.font_size = s->attr != NULL ? s->attr->font_size : 0;
          span.font = (char *) font_without_subset (s->attr != NULL ? s->attr->font_name : NULL);
          span.color = attr_color (s->attr);
          span.source = SHINSA_SPAN_PDF_TEXT;
          span.confidence = 100;
          span.line = l;
          shinsa_page_add_span (page, &span);
          prev = s;
        }
      g_array_unref (line->segs);
    }

  poppler_page_free_text_attributes (attrs);
  g_free (page->text);
  page->text = g_string_free (g_steal_pointer (&page_text), FALSE);
  page->source = SHINSA_PAGE_TEXT_PDF;
  page->confidence = 100;
  return PDFTEXT_USABLE;
}

double
pdftext_scan_image (PopplerPage *ppage, double *out_dpi)
{
  GList *maps = poppler_page_get_image_mapping (ppage);
  double width, height, covered = 0, largest = 0;
  int largest_id = -1;

  poppler_page_get_size (ppage, &width, &height);
  *out_dpi = 0;
  for (GList *l = maps; l != NULL; l = l->next)
    {
      PopplerImageMapping *m = l->data;
      double w = MIN (MAX (m->area.x1, m->area.x2), width) - MAX (MIN (m->area.x1, m->area.x2), 0);
      double h = MIN (MAX (m->area.y1, m->area.y2), height) - MAX (MIN (m->area.y1, m->area.y2), 0);

      if (w <= 0 || h <= 0)
        continue;
      covered += w * h;
      if (w * h > largest)
        {
          largest = w * h;
          largest_id = m->image_id;
          *out_dpi = fabs (m->area.x2 - m->area.x1);
        }
    }
  poppler_page_free_image_mapping (maps);

  if (largest_id >= 0 && *out_dpi > 0)
    {
      cairo_surface_t *image = poppler_page_get_image (ppage, largest_id);
      double drawn_width = *out_dpi;

      *out_dpi = 0;
      if (image != NULL)
        {
          *out_dpi = cairo_image_surface_get_width (image) / (drawn_width / 72.0);
          cairo_surface_destroy (image);
        }
    }
  if (width <= 0 || height <= 0)
    return 0;
  return MIN (covered / (width * height), 1.0);
}

cairo_surface_t *
pdftext_render (PopplerPage *ppage, double dpi, int max_megapixels, double *out_dpi, GError **error)
{
  double width, height, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;

  poppler_page_get_size (ppage, &width, &height);
  if (max_megapixels > 0 && width * height * (dpi / 72) * (dpi / 72) > max_megapixels * 1e6)
    dpi = 72 * sqrt (max_megapixels * 1e6 / (width * height));
  scale = dpi / 72;
  w = (int) ceil (width * scale);
  h = (int) ceil (height * scale);
  *out_dpi = dpi;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, MAX (w, 1), MAX (h, 1));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot render a page of %d×%d pixels: %s", w, h,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (ppage, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}
