/* Typesetting of evidence documents: pagination with pango, rendering
 * with cairo into PDF (or into images for gen-scan.c). */

#include "gen-doc.h"
#include "gen-scan.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN_X      68.0
#define BODY_TOP      84.0
#define BODY_BOTTOM   (doc->body_bottom)
#define BODY_WIDTH    (doc->page_w - 2 * MARGIN_X)
#define HEADER_Y      46.0
#define FOLIO_Y       (doc->folio_y)
#define BODY_SIZE     10.5

#define FONT_MINCHO   "IPAexMincho"
#define FONT_GOTHIC   "IPAexGothic"

typedef enum
{
  PAGE_COVER,
  PAGE_TOC,
  PAGE_BODY,
} PageKind;

typedef struct
{
  PageKind kind;
  int      number;       /* printed number, -1 none */
  char    *folio;
  char    *label;
  guint    repeat_block; /* 1 + the TABLE_H block drawn again on top, 0 none */
} PageInfo;

typedef struct
{
  const GenBlock *block;
  guint   page;          /* 1-based; 0 = not on any page */
  double  y;
  double  height;
  int     chapter;
  int     section;
  int     article;
  int     chapter_block; /* index of the enclosing heading, -1 */
  int     section_block;
  char   *heading;       /* numbered heading of CHAPTER/SECTION/ARTICLE */
  const char *body;      /* ARTICLE: text after the first line */
  guint   last_page;     /* CHAPTER/SECTION: last page of the unit */
} Placed;

struct _GenDoc
{
  const GenDocSpec *spec;
  PangoContext     *pango;
  GPtrArray        *pages;     /* PageInfo*, index 0 = physical page 1 */
  GPtrArray        *rec;       /* GenTextLine* while gen_doc_page_lines renders */
  int               rec_group; /* 0 header, 1 page content, 2 folio */
  guint             rec_seq;
  GArray           *placed;    /* Placed, one per block */
  double            page_w, page_h;
  double            body_bottom, folio_y;
};

static void
page_info_free (gpointer data)
{
  PageInfo *info = data;

  g_free (info->folio);
  g_free (info->label);
  g_free (info);
}

static gboolean
folio_is_physical (GenFolioStyle style)
{
  return style == GEN_FOLIO_FRACTION || style == GEN_FOLIO_P;
}

/* "12|text" or "4.2|text": an explicit number for extracts */
static const char *
split_number (const char *text,
              int        *major,
              int        *minor)
{
  const char *bar = strchr (text, '|');
  const char *p;

  *major = *minor = -1;
  if (bar == NULL)
    return text;
  for (p = text; p < bar; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return text;
  *major = atoi (text);
  p = memchr (text, '.', bar - text);
  if (p != NULL)
    *minor = atoi (p + 1);
  return bar + 1;
}

static PangoLayout *
make_layout (GenDoc         *doc,
             const char     *family,
             double          size,
             const char     *text,
             double          width,
             PangoAlignment  align,
             double          indent,
             double          spacing)
{
  PangoLayout *layout = pango_layout_new (doc->pango);
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  if (indent != 0)
    pango_layout_set_indent (layout, (int) (indent * PANGO_SCALE));
  if (spacing > 0)
    pango_layout_set_line_spacing (layout, spacing);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
text_line_free (gpointer data)
{
  GenTextLine *line = data;

  g_free (line->text);
  g_free (line);
}

/* Notes every line of layout, as drawn at (x, y) in the source colour,
 * while gen_doc_page_lines collects a page's text. */
static void
record_layout (GenDoc      *doc,
               cairo_t     *cr,
               PangoLayout *layout,
               double       x,
               double       y)
{
  const char *text;
  PangoLayoutIter *iter;
  double r = 0, g = 0, b = 0, a = 1;

  if (doc->rec == NULL)
    return;
  text = pango_layout_get_text (layout);
  if (cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a) != CAIRO_STATUS_SUCCESS)
    r = g = b = 0;
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      GenTextLine *rec;
      char *t = g_strndup (text + line->start_index, line->length);

      g_strchomp (t);
      if (t[0] == '\0')
        {
          g_free (t);
          continue;
        }
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      rec = g_new0 (GenTextLine, 1);
      rec->text = t;
      rec->rgb = ((guint32) lround (CLAMP (r, 0, 1) * 255) << 16)
                 | ((guint32) lround (CLAMP (g, 0, 1) * 255) << 8)
                 | (guint32) lround (CLAMP (b, 0, 1) * 255);
      rec->x = x + (double) logical.x / PANGO_SCALE;
      rec->y = y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      rec->group = doc->rec_group;
      rec->seq = doc->rec_seq++;
      g_ptr_array_add (doc->rec, rec);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
paint_layout (cairo_t     *cr,
              PangoLayout *layout,
              double       x,
              double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
show_layout (GenDoc      *doc,
             cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  record_layout (doc, cr, layout, x, y);
  paint_layout (cr, layout, x, y);
}


/* Draws one text line; returns its height. */
static double
draw_text (GenDoc         *doc,
           cairo_t        *cr,
           const char     *family,
           double          size,
           const char     *text,
           double          x,
           double          y,
           double          width,
           PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = make_layout (doc, family, size, text, width, align, 0, 0);

  if (cr != NULL)
    show_layout (doc, cr, layout, x, y);
  return layout_height (layout);
}

static double
table_draw (GenDoc     *doc,
            cairo_t    *cr,
            const char *text,
            gboolean    header,
            double      y0,
            double      gap)
{
  gboolean red[8] = { FALSE, };
  g_auto(GStrv) rows = NULL;
  double widths[8];
  guint ncols = 0;
  const double pad = 4.0;
  double y = y0;
  guint first = 0;

  rows = g_strsplit (text, "\n", -1);
  if (rows[0] != NULL && rows[0][0] == '@')
    {
      g_auto(GStrv) w = g_strsplit (rows[0] + 1, ",", -1);

      for (ncols = 0; w[ncols] != NULL && ncols < G_N_ELEMENTS (widths); ncols++)
        widths[ncols] = BODY_WIDTH * g_ascii_strtod (w[ncols], NULL) / 100.0;
      first = 1;
    }
  else
    {
      g_auto(GStrv) cells = g_strsplit (rows[0], "\t", -1);

      ncols = MIN (g_strv_length (cells), G_N_ELEMENTS (widths));
      for (guint c = 0; c < ncols; c++)
        widths[c] = ncols == 2 ? BODY_WIDTH * (c == 0 ? 0.3 : 0.7) : BODY_WIDTH / ncols;
    }

  for (guint r = first; rows[r] != NULL; r++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[r], "\t", -1);
      gboolean is_header = header && r == first;
      PangoLayout *layouts[8] = { NULL, };
      double h = 0, x = MARGIN_X;
      guint n = MIN (g_strv_length (cells), ncols);

      for (guint c = 0; c < n; c++)
        {
          double w = widths[c];

          /* a short last row spans the remaining columns */
          if (c == n - 1)
            for (guint k = n; k < ncols; k++)
              w += widths[k];
          g_strdelimit (cells[c], "\r", '\n');
          /* a cell written in red ink */
          red[c] = cells[c][0] == '\x1b';
          layouts[c] = make_layout (doc, is_header ? FONT_GOTHIC : FONT_MINCHO, 9.5,
                                    cells[c] + (red[c] ? 1 : 0), w - 2 * pad,
                                    is_header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT, 0, 1.3);
          h = MAX (h, layout_height (layouts[c]));
        }
      h += 2 * pad;

      if (cr != NULL)
        {
          for (guint c = 0; c < n; c++)
            {
              double w = widths[c];

              if (c == n - 1)
                for (guint k = n; k < ncols; k++)
                  w += widths[k];
              if (is_header || c == 0)
                {
                  cairo_rectangle (cr, x, y, w, h);
                  cairo_set_source_rgb (cr, is_header ? 0.86 : 0.95, is_header ? 0.86 : 0.95,
                                        is_header ? 0.86 : 0.95);
                  cairo_fill (cr);
                }
              cairo_set_source_rgb (cr, 0, 0, 0);
              cairo_set_line_width (cr, 0.6);
              cairo_rectangle (cr, x, y, w, h);
              cairo_stroke (cr);
              if (red[c])
                cairo_set_source_rgb (cr, 0.85, 0.1, 0.12);
              show_layout (doc, cr, layouts[c], x + pad, y + pad);
              cairo_set_source_rgb (cr, 0, 0, 0);
              x += w;
            }
        }
      for (guint c = 0; c < n; c++)
        g_object_unref (layouts[c]);
      y += h;
    }
  return y - y0 + gap;
}

static double
seal_draw (GenDoc     *doc,
           cairo_t    *cr,
           const char *text,
           double      y)
{
  const double size = 50.0;
  double x = doc->page_w - MARGIN_X - size - 10;
  g_autoptr(PangoLayout) layout =
      make_layout (doc, FONT_MINCHO, 10.5, text, size - 10, PANGO_ALIGN_CENTER, 0, 1.0);

  if (cr != NULL)
    {
      double th = layout_height (layout);

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.78, 0.12, 0.12);
      cairo_set_line_width (cr, 2.2);
      cairo_rectangle (cr, x, y - 40, size, size);
      cairo_stroke (cr);
      show_layout (doc, cr, layout, x + 5, y - 40 + (size - th) / 2);
      cairo_restore (cr);
    }
  return 14.0;
}

/* 縦書き: pango lays the text out with east gravity along the rotated x
 * axis; turned a quarter clockwise, its lines become columns read from the
 * right. */
static void
vertical_draw (GenDoc     *doc,
               cairo_t    *cr,
               const char *text,
               double      y)
{
  PangoContext *ctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (ctx, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (ctx, 72.0);
  pango_context_set_round_glyph_positions (ctx, FALSE);
  pango_context_set_language (ctx, pango_language_from_string ("ja-jp"));
  pango_context_set_base_gravity (ctx, PANGO_GRAVITY_EAST);
  pango_context_set_gravity_hint (ctx, PANGO_GRAVITY_HINT_STRONG);

  layout = pango_layout_new (ctx);
  pango_font_description_set_family (desc, FONT_MINCHO);
  pango_font_description_set_absolute_size (desc, 13 * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) ((BODY_BOTTOM - y - 10) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (layout, 1.9);
  pango_layout_set_text (layout, text, -1);

  cairo_save (cr);
  cairo_translate (cr, doc->page_w - MARGIN_X, y + 10);
  cairo_rotate (cr, G_PI / 2);
  pango_cairo_update_layout (cr, layout);
  record_layout (doc, cr, layout, 0, 0);
  paint_layout (cr, layout, 0, 0);
  cairo_restore (cr);
  g_object_unref (ctx);
}

/* Draws (cr != NULL) or measures one block at y; returns its height
 * including the space after it. Measuring and drawing share this code so
 * the pagination is exactly what gets drawn. */
static double
block_draw (GenDoc  *doc,
            Placed  *pb,
            cairo_t *cr,
            double   y)
{
  const GenBlock *b = pb->block;
  g_autoptr(PangoLayout) layout = NULL;
  double h;

  switch (b->kind)
    {
    case GEN_BLOCK_CHAPTER:
      layout = make_layout (doc, FONT_GOTHIC, 14, pb->heading, BODY_WIDTH, PANGO_ALIGN_LEFT, 0, 0);
      h = layout_height (layout);
      if (cr != NULL)
        {
          show_layout (doc, cr, layout, MARGIN_X, y + 10);
          cairo_set_line_width (cr, 0.8);
          cairo_move_to (cr, MARGIN_X, y + 10 + h + 3);
          cairo_line_to (cr, MARGIN_X + BODY_WIDTH, y + 10 + h + 3);
          cairo_stroke (cr);
        }
      return 10 + h + 12;

    case GEN_BLOCK_SECTION:
      layout = make_layout (doc, FONT_GOTHIC, 11.5, pb->heading, BODY_WIDTH, PANGO_ALIGN_LEFT, 0, 0);
      if (cr != NULL)
        show_layout (doc, cr, layout, MARGIN_X, y + 8);
      return 8 + layout_height (layout) + 5;

    case GEN_BLOCK_HEADING:
      layout = make_layout (doc, FONT_GOTHIC, 10.5, b->text, BODY_WIDTH, PANGO_ALIGN_LEFT, 0, 0);
      if (cr != NULL)
        show_layout (doc, cr, layout, MARGIN_X, y + 6);
      return 6 + layout_height (layout) + 4;

    case GEN_BLOCK_ARTICLE:
      {
        g_autoptr(PangoLayout) body = NULL;
        double hh;

        layout = make_layout (doc, FONT_GOTHIC, BODY_SIZE, pb->heading, BODY_WIDTH,
                              PANGO_ALIGN_LEFT, 0, 0);
        hh = layout_height (layout);
        h = 6 + hh + 3;
        if (pb->body != NULL && *pb->body != '\0')
          {
            body = make_layout (doc, FONT_MINCHO, BODY_SIZE, pb->body, BODY_WIDTH - BODY_SIZE,
                                PANGO_ALIGN_LEFT, BODY_SIZE, 1.55);
            /* read the heading first, though it is drawn after the body */
            if (cr != NULL)
              {
                record_layout (doc, cr, layout, MARGIN_X, y + 6);
                show_layout (doc, cr, body, MARGIN_X + BODY_SIZE, y + h);
              }
            h += layout_height (body);
          }
        else if (cr != NULL)
          record_layout (doc, cr, layout, MARGIN_X, y + 6);
        if (cr != NULL)
          paint_layout (cr, layout, MARGIN_X, y + 6);
        return h + 6;
      }

    case GEN_BLOCK_PARA:
      layout = make_layout (doc, FONT_MINCHO, BODY_SIZE, b->text, BODY_WIDTH, PANGO_ALIGN_LEFT,
                            BODY_SIZE, 1.55);
      if (cr != NULL)
        show_layout (doc, cr, layout, MARGIN_X, y);
      return layout_height (layout) + 6;

    case GEN_BLOCK_LIST:
      {
        gboolean bullet = g_str_has_prefix (b->text, "・") || g_str_has_prefix (b->text, "●")
                          || g_str_has_prefix (b->text, "○") || g_str_has_prefix (b->text, "■");
        double hang = bullet ? BODY_SIZE : 2.4 * BODY_SIZE;

        layout = make_layout (doc, FONT_MINCHO, BODY_SIZE, b->text, BODY_WIDTH - BODY_SIZE,
                              PANGO_ALIGN_LEFT, -hang, 1.5);
        if (cr != NULL)
          show_layout (doc, cr, layout, MARGIN_X + BODY_SIZE, y);
        return layout_height (layout) + 6;
      }

    case GEN_BLOCK_TABLE:
    case GEN_BLOCK_TABLE_H:
      return table_draw (doc, cr, b->text, b->kind == GEN_BLOCK_TABLE_H, y + 2, 8.0) + 2;

    case GEN_BLOCK_TABLE_ROW:
      return table_draw (doc, cr, b->text, FALSE, y, 0.0);

    case GEN_BLOCK_TITLE:
      layout = make_layout (doc, FONT_GOTHIC, 18, b->text, BODY_WIDTH, PANGO_ALIGN_CENTER, 0, 1.2);
      if (cr != NULL)
        show_layout (doc, cr, layout, MARGIN_X, y + 6);
      return 6 + layout_height (layout) + 16;

    case GEN_BLOCK_RIGHT:
      layout = make_layout (doc, FONT_MINCHO, BODY_SIZE, b->text, BODY_WIDTH, PANGO_ALIGN_RIGHT,
                            0, 1.4);
      if (cr != NULL)
        show_layout (doc, cr, layout, MARGIN_X, y);
      return layout_height (layout) + 8;

    case GEN_BLOCK_NOTE:
      layout = make_layout (doc, FONT_MINCHO, 8.5, b->text, BODY_WIDTH, PANGO_ALIGN_LEFT, 0, 1.35);
      if (cr != NULL)
        show_layout (doc, cr, layout, MARGIN_X, y);
      return layout_height (layout) + 5;

    case GEN_BLOCK_SEAL:
      return seal_draw (doc, cr, b->text, y);

    case GEN_BLOCK_SPACE:
      return g_ascii_strtod (b->text, NULL);

    case GEN_BLOCK_VERTICAL:
      if (cr != NULL)
        vertical_draw (doc, cr, b->text, y);
      return BODY_BOTTOM - y;

    case GEN_BLOCK_END:
    case GEN_BLOCK_PAGEBREAK:
    case GEN_BLOCK_FOLIO_JUMP:
    case GEN_BLOCK_TOC_ONLY:
      break;
    }
  return 0;
}

static gboolean
is_heading (GenBlockKind kind)
{
  return kind == GEN_BLOCK_CHAPTER || kind == GEN_BLOCK_SECTION || kind == GEN_BLOCK_HEADING;
}

static gboolean
is_flowing (GenBlockKind kind)
{
  return kind != GEN_BLOCK_END && kind != GEN_BLOCK_PAGEBREAK && kind != GEN_BLOCK_FOLIO_JUMP
         && kind != GEN_BLOCK_TOC_ONLY;
}

static PageInfo *
add_page (GenDoc   *doc,
          PageKind  kind,
          int       number)
{
  PageInfo *info = g_new0 (PageInfo, 1);

  info->kind = kind;
  info->number = number;
  g_ptr_array_add (doc->pages, info);
  return info;
}

static void
number_blocks (GenDoc *doc)
{
  int chapter = 0, section = 0, article = 0;
  int chapter_block = -1, section_block = -1;

  for (guint i = 0; i < doc->placed->len; i++)
    {
      Placed *pb = &g_array_index (doc->placed, Placed, i);
      const GenBlock *b = pb->block;
      int major, minor;
      const char *text;

      switch (b->kind)
        {
        case GEN_BLOCK_CHAPTER:
          text = split_number (b->text, &major, &minor);
          chapter = major > 0 ? major : chapter + 1;
          section = 0;
          chapter_block = (int) i;
          section_block = -1;
          pb->heading = g_strdup_printf ("第%d章　%s", chapter, text);
          break;
        case GEN_BLOCK_SECTION:
          text = split_number (b->text, &major, &minor);
          if (major > 0 && minor > 0)
            {
              chapter = major;
              section = minor;
            }
          else
            section++;
          section_block = (int) i;
          pb->heading = g_strdup_printf ("%d.%d　%s", chapter, section, text);
          break;
        case GEN_BLOCK_ARTICLE:
          {
            const char *nl;
            g_autofree char *title = NULL;

            text = split_number (b->text, &major, &minor);
            article = major > 0 ? major : article + 1;
            nl = strchr (text, '\n');
            title = nl != NULL ? g_strndup (text, nl - text) : g_strdup (text);
            pb->heading = g_strdup_printf ("第%d条（%s）", article, title);
            pb->body = nl != NULL ? nl + 1 : NULL;
          }
          break;
        default:
          break;
        }
      pb->chapter = chapter;
      pb->section = section;
      pb->article = b->kind == GEN_BLOCK_ARTICLE ? article : 0;
      pb->chapter_block = chapter_block;
      pb->section_block = section_block;
    }
}

static void
paginate (GenDoc *doc)
{
  const GenDocSpec *spec = doc->spec;
  gboolean physical = folio_is_physical (spec->folio);
  int next_number = 1;
  double y = BODY_TOP;
  guint page;
  PageInfo *cur;
  int header_block = -1;    /* the last TABLE_H, for repeat_header */

  if (spec->cover)
    add_page (doc, PAGE_COVER, physical ? (int) doc->pages->len + 1 : -1);
  if (spec->toc)
    add_page (doc, PAGE_TOC, physical ? (int) doc->pages->len + 1 : -1);

  cur = add_page (doc, PAGE_BODY, physical ? (int) doc->pages->len + 1 : next_number++);
  page = doc->pages->len;

  for (guint i = 0; i < doc->placed->len; i++)
    {
      Placed *pb = &g_array_index (doc->placed, Placed, i);
      GenBlockKind kind = pb->block->kind;
      gboolean fresh = y <= BODY_TOP;
      double h, need;

      if (kind == GEN_BLOCK_TOC_ONLY || kind == GEN_BLOCK_END)
        continue;
      if (kind == GEN_BLOCK_PAGEBREAK || kind == GEN_BLOCK_FOLIO_JUMP
          || (kind == GEN_BLOCK_CHAPTER && spec->chapter_new_page))
        {
          if (!fresh)
            {
              cur = add_page (doc, PAGE_BODY,
                              physical ? (int) doc->pages->len + 1 : next_number++);
              page = doc->pages->len;
              y = BODY_TOP;
            }
          if (kind == GEN_BLOCK_FOLIO_JUMP && !physical)
            {
              cur->number = atoi (pb->block->text);
              next_number = cur->number + 1;
            }
          if (kind != GEN_BLOCK_CHAPTER)
            continue;
        }

      h = block_draw (doc, pb, NULL, y);
      need = h;
      /* keep a heading with what follows it */
      if (is_heading (kind) || kind == GEN_BLOCK_ARTICLE)
        for (guint j = i + 1; j < doc->placed->len; j++)
          {
            Placed *next = &g_array_index (doc->placed, Placed, j);

            if (!is_flowing (next->block->kind))
              break;
            if (kind == GEN_BLOCK_ARTICLE)
              break;
            need += MIN (block_draw (doc, next, NULL, y), 60.0);
            if (!is_heading (next->block->kind))
              break;
          }
      if (y + need > BODY_BOTTOM && !fresh)
        {
          cur = add_page (doc, PAGE_BODY, physical ? (int) doc->pages->len + 1 : next_number++);
          page = doc->pages->len;
          y = BODY_TOP;
          if (spec->repeat_header && kind == GEN_BLOCK_TABLE_ROW && header_block >= 0)
            {
              cur->repeat_block = (guint) header_block + 1;
              y += block_draw (doc, &g_array_index (doc->placed, Placed, header_block), NULL, y);
            }
        }
      if (kind == GEN_BLOCK_TABLE_H)
        header_block = (int) i;
      if (y + h > BODY_BOTTOM + 20)
        g_warning ("block %u of '%s' is taller than a page", i, spec->title);
      pb->page = page;
      pb->y = y;
      pb->height = h;
      y += h;
    }

  /* the extent of each chapter and section */
  for (guint i = 0; i < doc->placed->len; i++)
    {
      Placed *pb = &g_array_index (doc->placed, Placed, i);

      if (pb->page == 0)
        continue;
      if (pb->chapter_block >= 0)
        g_array_index (doc->placed, Placed, pb->chapter_block).last_page = pb->page;
      if (pb->section_block >= 0)
        g_array_index (doc->placed, Placed, pb->section_block).last_page = pb->page;
    }
}

static const char *const roman[] = { "i", "ii", "iii", "iv", "v" };

static void
make_folios (GenDoc *doc)
{
  const GenDocSpec *spec = doc->spec;
  guint n = doc->pages->len;
  guint toc_index = 0;

  for (guint i = 0; i < n; i++)
    {
      PageInfo *info = g_ptr_array_index (doc->pages, i);

      if (info->kind == PAGE_COVER)
        {
          if (spec->page_labels)
            info->label = g_strdup ("表紙");
          continue;
        }
      if (info->kind == PAGE_TOC)
        {
          const char *r = roman[MIN (toc_index, G_N_ELEMENTS (roman) - 1)];

          toc_index++;
          if (spec->page_labels)
            info->label = g_strdup (r);
          switch (spec->folio)
            {
            case GEN_FOLIO_PLAIN:
              info->folio = g_strdup (r);
              break;
            case GEN_FOLIO_FRACTION:
              info->folio = g_strdup_printf ("%d/%u", info->number, n);
              break;
            case GEN_FOLIO_P:
              info->folio = g_strdup_printf ("P.%d", info->number);
              break;
            default:
              break;
            }
          continue;
        }
      if (spec->page_labels)
        info->label = g_strdup_printf ("%d", info->number);
      switch (spec->folio)
        {
        case GEN_FOLIO_NONE:
          break;
        case GEN_FOLIO_PLAIN:
          info->folio = g_strdup_printf ("%d", info->number);
          break;
        case GEN_FOLIO_DASH:
          info->folio = g_strdup_printf ("- %d -", info->number);
          break;
        case GEN_FOLIO_FRACTION:
          info->folio = g_strdup_printf ("%d/%u", info->number, n);
          break;
        case GEN_FOLIO_P:
          info->folio = g_strdup_printf ("P.%d", info->number);
          break;
        }
    }
}

GenDoc *
gen_doc_new (const GenDocSpec *spec)
{
  GenDoc *doc = g_new0 (GenDoc, 1);
  cairo_font_options_t *options;

  doc->spec = spec;
  if (spec->landscape)
    {
      doc->page_w = GEN_A4_HEIGHT;
      doc->page_h = GEN_A4_WIDTH;
      doc->body_bottom = GEN_A4_WIDTH - 70.0;
      doc->folio_y = GEN_A4_WIDTH - 46.0;
    }
  else
    {
      doc->page_w = GEN_A4_WIDTH;
      doc->page_h = GEN_A4_HEIGHT;
      doc->body_bottom = 772.0;
      doc->folio_y = 796.0;
    }
  doc->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* the same metrics whatever surface we end up drawing on */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (doc->pango, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (doc->pango, 72.0);
  pango_context_set_round_glyph_positions (doc->pango, FALSE);
  pango_context_set_language (doc->pango, pango_language_from_string ("ja-jp"));

  doc->pages = g_ptr_array_new_with_free_func (page_info_free);
  doc->placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  for (const GenBlock *b = spec->blocks; b->kind != GEN_BLOCK_END; b++)
    {
      Placed pb = { .block = b, .chapter_block = -1, .section_block = -1 };

      g_array_append_val (doc->placed, pb);
    }
  number_blocks (doc);
  paginate (doc);
  make_folios (doc);
  return doc;
}

void
gen_doc_get_size (GenDoc *doc,
                  double *width,
                  double *height)
{
  *width = doc->page_w;
  *height = doc->page_h;
}

void
gen_doc_free (GenDoc *doc)
{
  if (doc == NULL)
    return;
  for (guint i = 0; i < doc->placed->len; i++)
    g_free (g_array_index (doc->placed, Placed, i).heading);
  g_array_unref (doc->placed);
  g_ptr_array_unref (doc->pages);
  g_object_unref (doc->pango);
  g_free (doc);
}

const GenDocSpec *
gen_doc_get_spec (GenDoc *doc)
{
  return doc->spec;
}

guint
gen_doc_get_n_pages (GenDoc *doc)
{
  return doc->pages->len;
}

static PageInfo *
page_info (GenDoc *doc,
           guint   page)
{
  g_return_val_if_fail (page >= 1 && page <= doc->pages->len, NULL);

  return g_ptr_array_index (doc->pages, page - 1);
}

int
gen_doc_page_number (GenDoc *doc,
                     guint   page)
{
  PageInfo *info = page_info (doc, page);

  /* an unprinted physical number (the cover) does not count */
  if (info == NULL || (info->folio == NULL && info->label == NULL))
    return -1;
  return info->number;
}

const char *
gen_doc_page_folio (GenDoc *doc,
                    guint   page)
{
  PageInfo *info = page_info (doc, page);

  return info != NULL ? info->folio : NULL;
}

const char *
gen_doc_page_label (GenDoc *doc,
                    guint   page)
{
  PageInfo *info = page_info (doc, page);

  return info != NULL ? info->label : NULL;
}

guint
gen_doc_page_for_number (GenDoc *doc,
                         int     number)
{
  for (guint i = 1; i <= doc->pages->len; i++)
    if (gen_doc_page_number (doc, i) == number && page_info (doc, i)->kind == PAGE_BODY)
      return i;
  return 0;
}

gboolean
gen_doc_find_anchor (GenDoc        *doc,
                     const char    *anchor,
                     GenAnchorInfo *info)
{
  for (guint i = 0; i < doc->placed->len; i++)
    {
      Placed *pb = &g_array_index (doc->placed, Placed, i);

      if (pb->block->anchor == NULL || strcmp (pb->block->anchor, anchor) != 0)
        continue;
      g_return_val_if_fail (pb->page > 0, FALSE);

      memset (info, 0, sizeof *info);
      info->page = pb->page;
      info->number = gen_doc_page_number (doc, pb->page);
      info->chapter = pb->chapter;
      info->section = pb->section;
      info->article = pb->article;
      info->article_first_page = info->article_last_page = pb->page;
      if (pb->chapter_block >= 0)
        {
          Placed *ch = &g_array_index (doc->placed, Placed, pb->chapter_block);

          info->chapter_first_page = ch->page;
          info->chapter_last_page = ch->last_page;
        }
      if (pb->section_block >= 0)
        {
          Placed *sec = &g_array_index (doc->placed, Placed, pb->section_block);

          info->section_first_page = sec->page;
          info->section_last_page = sec->last_page;
        }
      if (pb->article > 0)
        {
          info->unit_first_page = info->unit_last_page = pb->page;
        }
      else if (pb->section_block >= 0)
        {
          info->unit_first_page = info->section_first_page;
          info->unit_last_page = info->section_last_page;
        }
      else if (pb->chapter_block >= 0)
        {
          info->unit_first_page = info->chapter_first_page;
          info->unit_last_page = info->chapter_last_page;
        }
      else
        info->unit_first_page = info->unit_last_page = pb->page;
      return TRUE;
    }
  return FALSE;
}

static void
render_cover (GenDoc  *doc,
              cairo_t *cr)
{
  const GenDocSpec *spec = doc->spec;
  double y;

  if (spec->marking != NULL)
    {
      g_autoptr(PangoLayout) layout =
          make_layout (doc, FONT_GOTHIC, 12, spec->marking, 0, PANGO_ALIGN_LEFT, 0, 0);
      double w = layout_width (layout) + 16;

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
      cairo_set_line_width (cr, 1.5);
      cairo_rectangle (cr, doc->page_w - MARGIN_X - w, 52, w, 24);
      cairo_stroke (cr);
      show_layout (doc, cr, layout, doc->page_w - MARGIN_X - w + 8, 56);
      cairo_restore (cr);
    }
  if (spec->docno != NULL)
    {
      g_autofree char *t = g_strdup_printf ("文書番号：%s", spec->docno);

      draw_text (doc, cr, FONT_MINCHO, 9.5, t, MARGIN_X, 58, 0, PANGO_ALIGN_LEFT);
    }

  y = 250;
  y += draw_text (doc, cr, FONT_GOTHIC, 26, spec->title, MARGIN_X, y, BODY_WIDTH,
                  PANGO_ALIGN_CENTER);
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, MARGIN_X + 40, y + 10);
  cairo_line_to (cr, doc->page_w - MARGIN_X - 40, y + 10);
  cairo_stroke (cr);
  y += 26;
  if (spec->subtitle != NULL)
    y += draw_text (doc, cr, FONT_GOTHIC, 13, spec->subtitle, MARGIN_X, y, BODY_WIDTH,
                    PANGO_ALIGN_CENTER) + 8;

  y = 540;
  if (spec->edition != NULL)
    y += draw_text (doc, cr, FONT_MINCHO, 13, spec->edition, MARGIN_X, y, BODY_WIDTH,
                    PANGO_ALIGN_CENTER) + 8;
  if (spec->date_text != NULL)
    y += draw_text (doc, cr, FONT_MINCHO, 13, spec->date_text, MARGIN_X, y, BODY_WIDTH,
                    PANGO_ALIGN_CENTER) + 8;
  y = 620;
  if (spec->issuer != NULL)
    draw_text (doc, cr, FONT_GOTHIC, 16, spec->issuer, MARGIN_X, y, BODY_WIDTH,
               PANGO_ALIGN_CENTER);

  if (spec->approver != NULL)
    {
      g_auto(GStrv) names = g_strsplit (spec->approver, ",", 3);
      static const char *const roles[] = { "承認", "審査", "作成" };
      double bw = 56, bx = doc->page_w - MARGIN_X - 3 * bw, by = 690;

      cairo_set_line_width (cr, 0.7);
      for (guint i = 0; i < 3 && names[i] != NULL; i++)
        {
          double x = bx + i * bw;

          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_rectangle (cr, x, by, bw, 16);
          cairo_rectangle (cr, x, by + 16, bw, 50);
          cairo_stroke (cr);
          draw_text (doc, cr, FONT_GOTHIC, 8.5, roles[i], x, by + 3, bw, PANGO_ALIGN_CENTER);
          /* a personal seal: a red circle with the surname */
          cairo_save (cr);
          cairo_set_source_rgb (cr, 0.8, 0.15, 0.15);
          cairo_set_line_width (cr, 1.3);
          cairo_new_path (cr);
          cairo_arc (cr, x + bw / 2, by + 41, 17, 0, 2 * G_PI);
          cairo_stroke (cr);
          {
            g_autoptr(PangoLayout) l =
                make_layout (doc, FONT_MINCHO, 10, names[i], 26, PANGO_ALIGN_CENTER, 0, 0.9);
            double th = layout_height (l);

            show_layout (doc, cr, l, x + bw / 2 - 13, by + 41 - th / 2);
          }
          cairo_restore (cr);
        }
    }
}

static void
dot_leader (cairo_t *cr,
            double   x0,
            double   x1,
            double   y)
{
  for (double x = x0 + 4; x < x1 - 4; x += 4.5)
    {
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 0.55, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
render_toc (GenDoc  *doc,
            cairo_t *cr)
{
  const GenDocSpec *spec = doc->spec;
  double y = BODY_TOP + 10;

  y += draw_text (doc, cr, FONT_GOTHIC, 16, "目　　次", MARGIN_X, y, BODY_WIDTH,
                  PANGO_ALIGN_CENTER) + 22;

  for (guint i = 0; i < doc->placed->len; i++)
    {
      Placed *pb = &g_array_index (doc->placed, Placed, i);
      GenBlockKind kind = pb->block->kind;
      g_autofree char *title = NULL;
      g_autofree char *number = NULL;
      double indent = 0, size = BODY_SIZE;
      const char *family = FONT_MINCHO;

      if (kind == GEN_BLOCK_TOC_ONLY)
        {
          const char *tab = strchr (pb->block->text, '\t');

          title = g_strndup (pb->block->text, tab != NULL ? (gsize) (tab - pb->block->text) : strlen (pb->block->text));
          number = g_strdup (tab != NULL ? tab + 1 : "");
          if (g_str_has_prefix (title, "　"))
            indent = 2 * BODY_SIZE;
          else
            family = FONT_GOTHIC;
        }
      else if (kind == GEN_BLOCK_CHAPTER
               || (kind == GEN_BLOCK_SECTION && spec->toc_sections)
               || (kind == GEN_BLOCK_ARTICLE && spec->toc_articles))
        {
          int n = gen_doc_page_number (doc, pb->page);

          title = g_strdup (pb->heading);
          number = n >= 0 ? g_strdup_printf ("%d", n) : g_strdup ("");
          if (kind == GEN_BLOCK_CHAPTER)
            family = FONT_GOTHIC;
          else
            indent = 2 * BODY_SIZE;
        }
      else
        continue;

      {
        g_autoptr(PangoLayout) lt =
            make_layout (doc, family, size, title, 0, PANGO_ALIGN_LEFT, 0, 0);
        g_autoptr(PangoLayout) ln =
            make_layout (doc, FONT_MINCHO, size, number, 0, PANGO_ALIGN_LEFT, 0, 0);
        double wt = layout_width (lt), wn = layout_width (ln);
        double right = doc->page_w - MARGIN_X - 10;

        if (strcmp (family, FONT_GOTHIC) == 0 && y > BODY_TOP + 60)
          y += 6;
        show_layout (doc, cr, lt, MARGIN_X + 10 + indent, y);
        show_layout (doc, cr, ln, right - wn, y);
        dot_leader (cr, MARGIN_X + 10 + indent + wt, right - wn, y + size * 0.9);
        /* a contents listing every article is long: set it tighter */
        y += layout_height (lt) + (spec->toc_articles && kind != GEN_BLOCK_CHAPTER ? 4 : 9);
      }
    }
}

void
gen_doc_render_page (GenDoc  *doc,
                     cairo_t *cr,
                     guint    page)
{
  const GenDocSpec *spec = doc->spec;
  PageInfo *info = page_info (doc, page);

  g_return_if_fail (info != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  switch (info->kind)
    {
    case PAGE_COVER:
      render_cover (doc, cr);
      break;
    case PAGE_TOC:
      render_toc (doc, cr);
      break;
    case PAGE_BODY:
      if (info->repeat_block > 0)
        block_draw (doc, &g_array_index (doc->placed, Placed, info->repeat_block - 1), cr,
                    BODY_TOP);
      for (guint i = 0; i < doc->placed->len; i++)
        {
          Placed *pb = &g_array_index (doc->placed, Placed, i);

          if (pb->page == page)
            {
              cairo_set_source_rgb (cr, 0, 0, 0);
              block_draw (doc, pb, cr, pb->y);
            }
        }
      break;
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (spec->running_header && info->kind != PAGE_COVER)
    {
      doc->rec_group = 0;
      const char *right = spec->marking != NULL ? spec->marking : spec->docno;

      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      draw_text (doc, cr, FONT_GOTHIC, 8, spec->title, MARGIN_X, HEADER_Y, 0, PANGO_ALIGN_LEFT);
      if (right != NULL)
        draw_text (doc, cr, FONT_GOTHIC, 8, right, MARGIN_X, HEADER_Y, BODY_WIDTH,
                   PANGO_ALIGN_RIGHT);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_X, HEADER_Y + 14);
      cairo_line_to (cr, doc->page_w - MARGIN_X, HEADER_Y + 14);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }
  if (spec->web && spec->web_url == NULL && spec->web_date == NULL)
    {
      /* pasted into a word processor: nothing around the page */
      cairo_restore (cr);
      return;
    }
  if (spec->web)
    {
      /* what the browser prints around the page */
      cairo_set_source_rgb (cr, 0, 0, 0);
      doc->rec_group = 0;
      if (spec->web_date != NULL)
        draw_text (doc, cr, FONT_GOTHIC, 7.5, spec->web_date, 28, 18, 0, PANGO_ALIGN_LEFT);
      draw_text (doc, cr, FONT_GOTHIC, 7.5, spec->title, 28, 18, doc->page_w - 56,
                 PANGO_ALIGN_CENTER);
      doc->rec_group = 2;
      if (spec->web_url != NULL)
        draw_text (doc, cr, FONT_GOTHIC, 7.5, spec->web_url, 28, doc->page_h - 28, 0,
                   PANGO_ALIGN_LEFT);
      if (info->folio != NULL)
        draw_text (doc, cr, FONT_GOTHIC, 7.5, info->folio, 28, doc->page_h - 28,
                   doc->page_w - 56, PANGO_ALIGN_RIGHT);
      doc->rec_group = 1;
      cairo_restore (cr);
      return;
    }
  doc->rec_group = 2;
  if (info->folio != NULL)
    draw_text (doc, cr, FONT_MINCHO, 9.5, info->folio, MARGIN_X, FOLIO_Y, BODY_WIDTH,
               PANGO_ALIGN_CENTER);
  doc->rec_group = 1;
  cairo_restore (cr);
}

static int
line_cmp_group (gconstpointer a,
                gconstpointer b)
{
  const GenTextLine *la = *(const GenTextLine *const *) a;
  const GenTextLine *lb = *(const GenTextLine *const *) b;

  if (la->group != lb->group)
    return la->group < lb->group ? -1 : 1;
  return la->seq < lb->seq ? -1 : la->seq > lb->seq;
}

static int
line_cmp_position (gconstpointer a,
                   gconstpointer b,
                   gpointer      unused)
{
  const GenTextLine *la = *(const GenTextLine *const *) a;
  const GenTextLine *lb = *(const GenTextLine *const *) b;

  if (la->group != lb->group)
    return la->group < lb->group ? -1 : 1;
  if (la->band != lb->band)
    return la->band < lb->band ? -1 : 1;
  if (la->x != lb->x)
    return la->x < lb->x ? -1 : 1;
  return la->seq < lb->seq ? -1 : la->seq > lb->seq;
}

/* Lines whose baselines are within a few points share a band. */
static void
assign_bands (GPtrArray *lines)
{
  g_autoptr(GPtrArray) by_y = g_ptr_array_sized_new (lines->len);
  double band_y = -1000;
  guint band = 0;

  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (by_y, g_ptr_array_index (lines, i));
  for (guint i = 1; i < by_y->len; i++)
    for (guint j = i; j > 0; j--)
      {
        GenTextLine *x = g_ptr_array_index (by_y, j - 1), *y = g_ptr_array_index (by_y, j);

        if (x->group < y->group || (x->group == y->group && x->y <= y->y))
          break;
        by_y->pdata[j - 1] = y;
        by_y->pdata[j] = x;
      }
  for (guint i = 0; i < by_y->len; i++)
    {
      GenTextLine *l = g_ptr_array_index (by_y, i);

      if (l->y - band_y > 3.0)
        {
          band++;
          band_y = l->y;
        }
      l->band = band;
    }
}

GPtrArray *
gen_doc_page_spans (GenDoc *doc,
                    guint   page)
{
  PageInfo *info = page_info (doc, page);
  cairo_surface_t *surface;
  cairo_t *cr;
  GPtrArray *lines;

  g_return_val_if_fail (info != NULL, NULL);

  lines = g_ptr_array_new_with_free_func (text_line_free);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, NULL);
  cr = cairo_create (surface);
  doc->rec = lines;
  doc->rec_group = 1;
  doc->rec_seq = 0;
  gen_doc_render_page (doc, cr, page);
  doc->rec = NULL;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* body text in the order it is written; the cover, the contents and the
   * running header as the eye scans them: top to bottom, left to right */
  assign_bands (lines);
  if (info->kind == PAGE_BODY)
    {
      g_ptr_array_sort (lines, line_cmp_group);
      for (guint i = 0; i < lines->len; i++)
        {
          GenTextLine *l = g_ptr_array_index (lines, i);

          l->merge = l->group != 1;
        }
    }
  else
    for (guint i = 0; i < lines->len; i++)
      ((GenTextLine *) g_ptr_array_index (lines, i))->merge = TRUE;
  /* header (and cover, contents) lines sorted by position */
  {
    guint i = 0;

    while (i < lines->len)
      {
        guint j = i;

        while (j < lines->len && ((GenTextLine *) g_ptr_array_index (lines, j))->merge)
          j++;
        if (j > i + 1)
          g_qsort_with_data (lines->pdata + i, j - i, sizeof (gpointer),
                             line_cmp_position, NULL);
        i = MAX (j, i + 1);
      }
  }
  return lines;
}

char *
gen_doc_page_text (GPtrArray *spans)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GenTextLine *prev = NULL;

  for (guint i = 0; i < spans->len; i++)
    {
      GenTextLine *l = g_ptr_array_index (spans, i);

      if (prev != NULL)
        g_string_append (out, prev->merge && l->merge && prev->group == l->group
                              && prev->band == l->band ? " " : "\n");
      g_string_append (out, l->text);
      prev = l;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
gen_pdf_set_metadata (cairo_surface_t *surface,
                      const char      *title,
                      const char      *author,
                      const char      *date)
{
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "shinsa-gen");
  /* without these cairo writes the current time */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
gen_doc_pdf_bytes (GenDoc  *doc,
                   GError **error)
{
  const GenDocSpec *spec = doc->spec;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, out, doc->page_w, doc->page_h);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  gen_pdf_set_metadata (surface, spec->title, spec->issuer, spec->pdf_date);
  cr = cairo_create (surface);
  for (guint page = 1; page <= doc->pages->len; page++)
    {
      const char *label = gen_doc_page_label (doc, page);

      if (label != NULL)
        cairo_pdf_surface_set_page_label (surface, label);
      gen_doc_render_page (doc, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write PDF of '%s': %s",
                   spec->filename, cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
gen_doc_write_pdf (GenDoc      *doc,
                   const char  *path,
                   GenRng      *rng,
                   GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (doc->spec->scanned)
    bytes = gen_scan_doc_pdf (doc, rng, error);
  else
    bytes = gen_doc_pdf_bytes (doc, error);
  if (bytes == NULL)
    return FALSE;
  return g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              error);
}
