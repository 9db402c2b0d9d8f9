/* shinsa — tests for the extract plugin's OCR (plugins/extract/ocr*.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "../plugins/extract/ocr.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <tesseract/capi.h>

#define SCAN_DPI 200

/* ---------------------------------------------------------------- helpers */

/* NFKC, without white space: full-width digits and line breaks are not what
 * we check */
static gunichar *
normalised (const char *text, glong *len)
{
  g_autofree char *nfkc = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFKC);
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (nfkc != NULL ? nfkc : "", -1, len);
  glong n = 0;

  for (glong i = 0; i < *len; i++)
    if (!g_unichar_isspace (chars[i]))
      chars[n++] = chars[i];
  *len = n;
  chars[n] = 0;
  return g_steal_pointer (&chars);
}

static char *
normalised_utf8 (const char *text)
{
  glong n;
  g_autofree gunichar *chars = normalised (text, &n);

  return g_ucs4_to_utf8 (chars, n, NULL, NULL, NULL);
}

/* character error rate of @read against @truth */
static double
cer (const char *truth, const char *read)
{
  glong n, m;
  g_autofree gunichar *a = normalised (truth, &n);
  g_autofree gunichar *b = normalised (read, &m);
  g_autofree glong *row = g_new (glong, m + 1);

  for (glong j = 0; j <= m; j++)
    row[j] = j;
  for (glong i = 1; i <= n; i++)
    {
      glong diag = row[0];

      row[0] = i;
      for (glong j = 1; j <= m; j++)
        {
          glong up = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (a[i - 1] != b[j - 1]));
          diag = up;
        }
    }
  return n > 0 ? (double) row[m] / n : 0.0;
}

static void
assert_facts (const ShinsaPage *page, const char *const *facts)
{
  g_autofree char *text = normalised_utf8 (page->text);

  for (int i = 0; facts[i] != NULL; i++)
    {
      g_autofree char *fact = normalised_utf8 (facts[i]);

      if (strstr (text, fact) == NULL)
        g_test_message ("'%s' not found on page %d in:\n%s", facts[i], page->number, page->text);
      g_assert_nonnull (strstr (text, fact));
    }
}

static void
assert_spans_sane (const ShinsaPage *page)
{
  g_assert_cmpuint (page->spans->len, >, 0);
  for (guint i = 0; i < page->spans->len; i++)
    {
      const ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);

      g_assert_cmpint (s->source, ==, SHINSA_SPAN_OCR);
      g_assert_cmpstr (s->text, !=, "");
      g_assert_cmpfloat (s->x, >=, -1);
      g_assert_cmpfloat (s->y, >=, -1);
      g_assert_cmpfloat (s->x + s->width, <=, page->width + 1);
      g_assert_cmpfloat (s->y + s->height, <=, page->height + 1);
      g_assert_cmpfloat (s->confidence, >=, 0);
      g_assert_cmpfloat (s->confidence, <=, 100);
      if (i > 0)
        g_assert_cmpuint (s->line, >=, g_array_index (page->spans, ShinsaSpan, i - 1).line);
    }
}

/* the exact text of page @number of @doc_id from a truth file, when the
 * corpus generator wrote it */
static char *
truth_text (const char *truth_file, const char *doc_id, int number)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *docs;

  if (!json_parser_load_from_file (parser, g_test_get_filename (G_TEST_DIST, "..", "fixtures", truth_file, NULL), NULL))
    return NULL;
  docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "documents");
  for (guint i = 0; docs != NULL && i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);
      JsonArray *pages;

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "id", ""), doc_id) != 0 ||
          !json_object_has_member (doc, "page_list"))
        continue;
      pages = json_object_get_array_member (doc, "page_list");
      for (guint p = 0; p < json_array_get_length (pages); p++)
        {
          JsonObject *page = json_array_get_object_element (pages, p);

          if (json_object_get_int_member_with_default (page, "page", 0) == number &&
              json_object_has_member (page, "text"))
            return g_strdup (json_object_get_string_member (page, "text"));
        }
    }
  return NULL;
}

static void
settings_for_test (OcrSettings *settings)
{
  g_autoptr (GError) error = NULL;

  ocr_settings_init_default (settings);
  g_assert_true (ocr_init (settings, &error));
  g_assert_no_error (error);
}

static ShinsaPage *
read_pix (const OcrSettings *settings, PIX *pix, int dpi, int number)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ShinsaPage) page = shinsa_page_new (number, 0, 0);

  g_assert_true (ocr_read_image (settings, pix, dpi, page, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (page->source, ==, SHINSA_PAGE_TEXT_OCR);
  return g_steal_pointer (&page);
}

/* page @index of a PDF as poppler renders it, at 200 dpi */
static PIX *
render_pdf_page (const char *path, int index, double *width, double *height)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *doc;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  PIX *pix;

  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (doc, index);
  g_assert_nonnull (page);
  poppler_page_get_size (page, width, height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (*width * SCAN_DPI / 72.0),
                                        (int) ceil (*height * SCAN_DPI / 72.0));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, SCAN_DPI / 72.0, SCAN_DPI / 72.0);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_object_unref (page);
  g_object_unref (doc);
  pix = ocr_pix_from_cairo (surface);
  cairo_surface_destroy (surface);
  g_assert_nonnull (pix);
  pixSetResolution (pix, SCAN_DPI, SCAN_DPI);
  return pix;
}

typedef struct {
  const char *text;
  guint32 rgb;
} Line;

/* A page drawn with pango at 200 dpi, then scanned: a little noise and
 * specks, as paper and a scanner add.  Vertical pages are set with east
 * gravity and turned a quarter, so lines run down, right to left. */
static PIX *
draw_page (const Line *lines, gboolean vertical, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context;
  PangoFontDescription *font;
  double y = 0;
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261124);
  guint8 *data;
  int stride;
  PIX *pix;

  cairo_set_source_rgb (cr, 0.97, 0.96, 0.94);
  cairo_paint (cr);
  /* pango counts in points; the surface is in 200 dpi pixels */
  cairo_scale (cr, SCAN_DPI / 72.0, SCAN_DPI / 72.0);
  if (vertical)
    {
      cairo_translate (cr, width * 72.0 / SCAN_DPI - 40, 40);
      cairo_rotate (cr, G_PI / 2);
    }
  else
    cairo_translate (cr, 40, 40);

  context = pango_cairo_create_context (cr);
  if (vertical)
    {
      pango_context_set_base_gravity (context, PANGO_GRAVITY_EAST);
      pango_context_set_gravity_hint (context, PANGO_GRAVITY_HINT_STRONG);
    }
  font = pango_font_description_from_string ("IPAexMincho 14");
  for (int i = 0; lines[i].text != NULL; i++)
    {
      PangoLayout *layout = pango_layout_new (context);
      int lw, lh;

      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, lines[i].text, -1);
      pango_cairo_update_context (cr, context);
      pango_layout_context_changed (layout);
      cairo_move_to (cr, 0, y);
      cairo_set_source_rgb (cr, ((lines[i].rgb >> 16) & 0xff) / 255.0,
                            ((lines[i].rgb >> 8) & 0xff) / 255.0, (lines[i].rgb & 0xff) / 255.0);
      pango_cairo_show_layout (cr, layout);
      pango_layout_get_size (layout, &lw, &lh);
      y += lh / (double) PANGO_SCALE * 1.6;
      g_object_unref (layout);
    }
  pango_font_description_free (font);
  g_object_unref (context);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int py = 0; py < height; py++)
    for (int px = 0; px < width; px++)
      {
        guint8 *p = data + (gsize) py * stride + px * 4;
        int noise = g_rand_int_range (rand, -10, 11);

        for (int c = 0; c < 3; c++)
          {
            int v = p[c] + noise + g_rand_int_range (rand, -3, 4);

            p[c] = (guint8) CLAMP (v, 0, 255);
          }
      }
  for (int i = 0; i < width * height / 30000; i++)
    {
      int sx = g_rand_int_range (rand, 2, width - 2), sy = g_rand_int_range (rand, 2, height - 2);

      for (int dy = -1; dy <= 1; dy++)
        memset (data + (gsize) (sy + dy) * stride + (sx - 1) * 4, 40, 12);
    }
  cairo_surface_mark_dirty (surface);
  pix = ocr_pix_from_cairo (surface);
  cairo_surface_destroy (surface);
  pixSetResolution (pix, SCAN_DPI, SCAN_DPI);
  return pix;
}

#define BLACK 0x181818
#define RED   0xd02020

static const Line horizontal_lines[] = {
  { "運用マニュアル　第４章　監視", BLACK },
  { "運用センターは、全ての仮想マシンを対象に、", BLACK },
  { "１分間隔で死活監視を行う。監視は２４時間", BLACK },
  { "３６５日行い、異常を検知した場合は利用者に", BLACK },
  { "１５分以内に電子メールで通知する。", BLACK },
  { "ログは改ざん防止のため、変更できない", BLACK },
  { "ストレージに１年間保存する。", BLACK },
  { NULL, 0 }
};

static const Line colour_lines[] = {
  { "稼働率の目標値は月間で定める。", BLACK },
  { "稼働率目標値を九九・九五％に改める。", RED },
  { "障害の通知は電子メールで行う。", BLACK },
  { "通知の期限を三十分以内とする。", RED },
  { NULL, 0 }
};

static const Line vertical_lines[] = {
  { "情報セキュリティ基本方針", BLACK },
  { "当社は、お客様からお預かりした", BLACK },
  { "情報資産を、あらゆる脅威から", BLACK },
  { "保護するため、情報セキュリティ", BLACK },
  { "管理体制を確立し、これを継続的", BLACK },
  { "に改善することを宣言します。", BLACK },
  { NULL, 0 }
};

static char *
lines_text (const Line *lines)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (int i = 0; lines[i].text != NULL; i++)
    g_string_append_printf (s, "%s\n", lines[i].text);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ------------------------------------------------------------------ tests */

static const char *const scan_facts_page3[] = {
  "死活監視", "1分間隔", "24時間365日", "電子メール", "1年間保存", "NTP", NULL
};
static const char *const scan_facts_page5[] = {
  "30分以内", "セキュリティインシデント", NULL
};

static void
check_scanned_pdf_page (int number, const char *const *facts)
{
  OcrSettings settings;
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "fixtures", "sample",
                                          "資料6_運用マニュアル（抜粋）.pdf", NULL);
  g_autoptr (ShinsaPage) page = NULL;
  g_autofree char *truth = NULL;
  double width, height;
  PIX *pix;

  settings_for_test (&settings);
  pix = render_pdf_page (path, number - 1, &width, &height);
  page = shinsa_page_new (number, width, height);
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (ocr_read_image (&settings, pix, 0, page, NULL, &error));
    g_assert_no_error (error);
  }
  pixDestroy (&pix);

  g_assert_cmpint (page->rotation, ==, 0);
  g_assert_false (page->vertical);
  g_assert_cmpfloat (page->confidence, >, 50);
  assert_spans_sane (page);
  assert_facts (page, facts);

  truth = truth_text ("sample.truth.json", "資料6", number);
  if (truth != NULL)
    {
      double rate = cer (truth, page->text);

      g_test_message ("page %d: character error rate %.3f", number, rate);
      g_assert_cmpfloat (rate, <=, 0.06);
    }
}

static void
test_scan_pdf_page3 (void)
{
  g_test_summary ("the facts on a scanned page of 資料6 (rendered by poppler at its "
                  "native 200 dpi) are read; with the truth text, the CER is bounded");
  check_scanned_pdf_page (3, scan_facts_page3);
}

static void
test_scan_pdf_page5 (void)
{
  check_scanned_pdf_page (5, scan_facts_page5);
}

static void
test_tiff_pages (void)
{
  static const char *const facts[][5] = {
    { "内部監査報告書", "2023年度", "運用部門", "JIS Q", NULL },
    { "不適合", "VPNアカウント", "改善の機会", NULL },
    { "是正処置の確認", "2023年度上期", "不適合3件", NULL },
  };
  OcrSettings settings;
  g_autoptr (GError) error = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "fixtures", "damaged",
                                          "資料7_複数ページ.tif", NULL);

  settings_for_test (&settings);
  g_assert_cmpint (ocr_count_image_pages (path, &error), ==, 3);
  g_assert_no_error (error);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr (ShinsaPage) page = NULL;
      int dpi = 0;
      PIX *pix = ocr_load_image_page (&settings, path, i, &dpi, &error);

      g_assert_no_error (error);
      g_assert_nonnull (pix);
      g_assert_cmpint (dpi, ==, 150);
      page = read_pix (&settings, pix, dpi, i + 1);
      pixDestroy (&pix);
      /* 1240 pixels at 150 dpi: A4's 595 points */
      g_assert_cmpfloat_with_epsilon (page->width, 595.2, 0.5);
      assert_spans_sane (page);
      assert_facts (page, facts[i]);
    }
}

static void
test_jpeg_named_pdf (void)
{
  static const char *const facts[] = { "2024年4月1日", "代表取締役社長", "秘密情報", "就業規則", NULL };
  OcrSettings settings;
  g_autoptr (GError) error = NULL;
  g_autoptr (ShinsaPage) page = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "fixtures", "damaged",
                                          "資料4_実はJPEG.pdf", NULL);
  int dpi = 0;
  PIX *pix;

  g_test_summary ("a JPEG under a .pdf name is read by its content");
  settings_for_test (&settings);
  g_assert_cmpint (ocr_count_image_pages (path, &error), ==, 1);
  g_assert_no_error (error);
  pix = ocr_load_image_page (&settings, path, 0, &dpi, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pix);
  g_assert_cmpint (dpi, ==, 200);
  page = read_pix (&settings, pix, dpi, 1);
  pixDestroy (&pix);
  assert_facts (page, facts);
}

static void
test_rotated (gconstpointer data)
{
  int quads = GPOINTER_TO_INT (data);
  static const char *const facts[] = { "死活監視", "仮想マシン", "ストレージ", NULL };
  OcrSettings settings;
  g_autoptr (ShinsaPage) page = NULL;
  PIX *upright = draw_page (horizontal_lines, FALSE, 1300, 900);
  PIX *turned = pixRotateOrth (upright, quads);

  g_test_summary ("a page scanned sideways or upside down is turned and read; the "
                  "rotation says by how much, clockwise; boxes stay in the page as given");
  settings_for_test (&settings);
  page = read_pix (&settings, turned, SCAN_DPI, 1);
  g_assert_cmpint (page->rotation, ==, (4 - quads) % 4 * 90);
  g_assert_cmpfloat_with_epsilon (page->width, pixGetWidth (turned) * 72.0 / SCAN_DPI, 0.01);
  assert_spans_sane (page);
  assert_facts (page, facts);

  /* the first line's box, turned back, lies where it was on the upright page */
  if (quads != 0)
    {
      g_autoptr (ShinsaPage) ref = read_pix (&settings, upright, SCAN_DPI, 1);
      const ShinsaSpan *a = &g_array_index (ref->spans, ShinsaSpan, 0);
      const ShinsaSpan *b = &g_array_index (page->spans, ShinsaSpan, 0);
      double W = ref->width, H = ref->height, cx = b->x + b->width / 2, cy = b->y + b->height / 2;
      double ux = cx, uy = cy;

      /* undo the test's own clockwise turn of the upright page */
      switch (quads)
        {
        case 1: ux = cy; uy = H - cx; break;
        case 2: ux = W - cx; uy = H - cy; break;
        case 3: ux = W - cy; uy = cx; break;
        default: break;
        }
      g_assert_cmpfloat (fabs (ux - (a->x + a->width / 2)), <, 10);
      g_assert_cmpfloat (fabs (uy - (a->y + a->height / 2)), <, 10);
    }
  pixDestroy (&turned);
  pixDestroy (&upright);
}

static gboolean
is_red (guint32 c)
{
  int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;

  return r >= 0xa0 && g <= 0x60 && b <= 0x60;
}

static gboolean
is_black (guint32 c)
{
  int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;

  return MAX (r, MAX (g, b)) <= 0x60 && MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) <= 0x20;
}

static void
test_colour (void)
{
  OcrSettings settings;
  g_autoptr (ShinsaPage) page = NULL;
  PIX *pix = draw_page (colour_lines, FALSE, 1300, 600);
  guint red_chars = 0, black_chars = 0, wrong = 0;

  g_test_summary ("every OCR'd word carries its ink colour: 朱書き comes out red, "
                  "the rest black, sampled from the colour scan");
  settings_for_test (&settings);
  page = read_pix (&settings, pix, SCAN_DPI, 1);
  pixDestroy (&pix);
  assert_spans_sane (page);

  for (guint i = 0; i < page->spans->len; i++)
    {
      const ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
      /* lines 1 and 3 of the drawing are red */
      gboolean want_red = s->line == 1 || s->line == 3;
      glong n = g_utf8_strlen (s->text, -1);

      g_test_message ("line %u '%s' #%06x", s->line, s->text, s->color);
      if (want_red ? is_red (s->color) : is_black (s->color))
        (want_red ? (red_chars += n) : (black_chars += n));
      else
        wrong += n;
    }
  g_assert_cmpuint (page->spans->len, >=, 4);
  g_assert_cmpuint (red_chars, >=, 20);
  g_assert_cmpuint (black_chars, >=, 20);
  g_assert_cmpuint (wrong, ==, 0);
  /* the red is the ink's own, not a pink blend with the paper */
  for (guint i = 0; i < page->spans->len; i++)
    {
      const ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);

      if (is_red (s->color))
        {
          g_assert_cmpint ((int) (s->color >> 16), >=, 0xb8);
          g_assert_cmpint ((int) ((s->color >> 8) & 0xff), <=, 0x40);
        }
    }
}

static void
test_vertical (void)
{
  OcrSettings settings;
  g_autoptr (ShinsaPage) page = NULL;
  g_autofree char *truth = lines_text (vertical_lines);
  PIX *pix = draw_page (vertical_lines, TRUE, 1000, 1300);
  double rate;


  g_test_summary ("a vertical (縦書き) page is detected and read with jpn_vert");
  settings_for_test (&settings);
  page = read_pix (&settings, pix, SCAN_DPI, 1);
  pixDestroy (&pix);

  g_assert_true (page->vertical);
  g_assert_cmpint (page->rotation, ==, 0);
  assert_spans_sane (page);
  for (guint i = 0; i < page->spans->len; i++)
    g_assert_true (g_array_index (page->spans, ShinsaSpan, i).vertical);
  rate = cer (truth, page->text);
  g_test_message ("vertical page: character error rate %.3f\n%s", rate, page->text);
  g_assert_cmpfloat (rate, <=, 0.2);
  /* the first column is the rightmost */
  g_assert_cmpfloat (g_array_index (page->spans, ShinsaSpan, 0).x, >, page->width / 2);

  /* and a horizontal page is not taken for a vertical one */
  {
    g_autoptr (ShinsaPage) horizontal = NULL;

    pix = draw_page (horizontal_lines, FALSE, 1300, 900);
    horizontal = read_pix (&settings, pix, SCAN_DPI, 1);
    pixDestroy (&pix);
    g_assert_false (horizontal->vertical);
  }
}

/* ------------------------------------------------------------ bad inputs */

static guint32
crc32_of (const guint8 *data, gsize len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

static void
put_be32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

/* a PNG whose header claims 100000×100000 RGB pixels: 30 GB if decoded */
static GBytes *
pixel_bomb_png (void)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 png[8 + 25 + 12 + 12] = { 0 };
  guint8 *ihdr = png + 8, *idat = ihdr + 25, *iend = idat + 12;

  memcpy (png, signature, 8);
  put_be32 (ihdr, 13);
  memcpy (ihdr + 4, "IHDR", 4);
  put_be32 (ihdr + 8, 100000);
  put_be32 (ihdr + 12, 100000);
  ihdr[16] = 8;   /* bits per sample */
  ihdr[17] = 2;   /* RGB */
  put_be32 (ihdr + 21, crc32_of (ihdr + 4, 17));
  put_be32 (idat, 0);
  memcpy (idat + 4, "IDAT", 4);
  put_be32 (idat + 8, crc32_of (idat + 4, 4));
  put_be32 (iend, 0);
  memcpy (iend + 4, "IEND", 4);
  put_be32 (iend + 8, crc32_of (iend + 4, 4));
  return g_bytes_new (png, sizeof png);
}

typedef struct {
  const char *name;
  const char *file;        /* in fixtures/damaged, or NULL: written by @make */
  GBytes *(*make) (void);
  int index;
} BadImage;

static GBytes *
empty_file (void)
{
  return g_bytes_new_static ("", 0);
}

static GBytes *
text_file (void)
{
  static const char text[] = "申請書の控え\nこれは画像ではありません\n";

  return g_bytes_new_static (text, sizeof text - 1);
}

static const BadImage bad_images[] = {
  { "pixel-bomb", NULL, pixel_bomb_png, 0 },
  { "empty", NULL, empty_file, 0 },
  { "not-an-image", NULL, text_file, 0 },
  { "damaged-png", "資料6_壊れた画像.png", NULL, 0 },
  { "tiff-page-out-of-range", "資料7_複数ページ.tif", NULL, 3 },
  { "missing", "存在しない.png", NULL, 0 },
};

static void
test_bad_image (gconstpointer data)
{
  const BadImage *bad = data;
  OcrSettings settings;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  gint64 start;
  int dpi = -1;
  PIX *pix;

  ocr_settings_init_default (&settings);
  if (bad->make != NULL)
    {
      g_autoptr (GBytes) bytes = bad->make ();
      g_autofree char *name = g_strconcat (bad->name, ".png", NULL);

      path = g_build_filename (g_get_tmp_dir (), name, NULL);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), &error));
      g_assert_no_error (error);
    }
  else
    path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "damaged", bad->file, NULL);

  start = g_get_monotonic_time ();
  pix = ocr_load_image_page (&settings, path, bad->index, &dpi, &error);
  g_assert_null (pix);
  g_assert_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED);
  g_assert_cmpint (dpi, ==, 0);
  /* the message names the file, and a refusal comes before any decoding */
  base = g_path_get_basename (path);
  g_assert_nonnull (strstr (error->message, base));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  if (bad->make != NULL)
    g_unlink (path);
}

/* --------------------------------------------------------- the rest */

typedef struct {
  const OcrSettings *settings;
  PIX *pix;
  int rounds;
  char *text[2];
} ThreadJob;

static gpointer
read_in_thread (gpointer data)
{
  ThreadJob *job = data;

  for (int i = 0; i < job->rounds; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ShinsaPage) page = shinsa_page_new (1, 0, 0);

      g_assert_true (ocr_read_image (job->settings, job->pix, SCAN_DPI, page, NULL, &error));
      g_assert_no_error (error);
      job->text[i] = g_strdup (page->text);
    }
  /* the thread's engines go with it (the GPrivate's destroy notify) */
  return NULL;
}

static void
test_threads (void)
{
  OcrSettings settings;
  ThreadJob jobs[2] = { { 0 } };
  GThread *threads[2];
  g_autoptr (ShinsaPage) alone_a = NULL;
  g_autoptr (ShinsaPage) alone_b = NULL;

  g_test_summary ("two threads read at once, each with its own engine reused for "
                  "its pages, and read what one thread alone reads");
  settings_for_test (&settings);
  jobs[0].pix = draw_page (colour_lines, FALSE, 1300, 600);
  jobs[1].pix = draw_page (horizontal_lines, FALSE, 1300, 900);
  alone_a = read_pix (&settings, jobs[0].pix, SCAN_DPI, 1);
  alone_b = read_pix (&settings, jobs[1].pix, SCAN_DPI, 1);
  ocr_release_thread_engine ();

  for (int i = 0; i < 2; i++)
    {
      jobs[i].settings = &settings;
      jobs[i].rounds = 2;
      threads[i] = g_thread_new ("ocr", read_in_thread, &jobs[i]);
    }
  for (int i = 0; i < 2; i++)
    g_thread_join (threads[i]);

  for (int r = 0; r < 2; r++)
    {
      g_assert_cmpstr (jobs[0].text[r], ==, alone_a->text);
      g_assert_cmpstr (jobs[1].text[r], ==, alone_b->text);
    }
  for (int i = 0; i < 2; i++)
    {
      pixDestroy (&jobs[i].pix);
      g_free (jobs[i].text[0]);
      g_free (jobs[i].text[1]);
    }
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (G_USEC_PER_SEC / 2);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (void)
{
  OcrSettings settings;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (ShinsaPage) page = shinsa_page_new (3, 0, 0);
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "fixtures", "sample",
                                          "資料6_運用マニュアル（抜粋）.pdf", NULL);
  double width, height;
  PIX *pix = render_pdf_page (path, 2, &width, &height);
  GThread *canceller;

  settings_for_test (&settings);
  canceller = g_thread_new ("cancel", cancel_later, cancellable);
  g_assert_false (ocr_read_image (&settings, pix, SCAN_DPI, page, cancellable, &error));
  g_assert_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_CANCELLED);
  g_thread_join (canceller);
  g_clear_error (&error);

  /* already cancelled: nothing is read */
  g_assert_false (ocr_read_image (&settings, pix, SCAN_DPI, page, cancellable, &error));
  g_assert_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_CANCELLED);
  pixDestroy (&pix);
}

static void
test_pix_from_cairo (void)
{
  static const cairo_format_t formats[] = { CAIRO_FORMAT_RGB24, CAIRO_FORMAT_ARGB32 };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      /* an odd width, so the stride has padding */
      cairo_surface_t *surface = cairo_image_surface_create (formats[f], 7, 3);
      cairo_t *cr = cairo_create (surface);
      l_int32 r, g, b;
      PIX *pix;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0xd0 / 255.0, 0x20 / 255.0, 0x10 / 255.0);
      cairo_rectangle (cr, 0, 0, 1, 1);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0x10 / 255.0, 0x80 / 255.0, 0xf0 / 255.0);
      cairo_rectangle (cr, 6, 2, 1, 1);
      cairo_fill (cr);
      cairo_destroy (cr);

      pix = ocr_pix_from_cairo (surface);
      g_assert_nonnull (pix);
      g_assert_cmpint (pixGetDepth (pix), ==, 32);
      g_assert_cmpint (pixGetWidth (pix), ==, 7);
      pixGetRGBPixel (pix, 0, 0, &r, &g, &b);
      g_assert_cmpint (r, ==, 0xd0); g_assert_cmpint (g, ==, 0x20); g_assert_cmpint (b, ==, 0x10);
      pixGetRGBPixel (pix, 6, 2, &r, &g, &b);
      g_assert_cmpint (r, ==, 0x10); g_assert_cmpint (g, ==, 0x80); g_assert_cmpint (b, ==, 0xf0);
      pixGetRGBPixel (pix, 3, 1, &r, &g, &b);
      g_assert_cmpint (r, ==, 0xff); g_assert_cmpint (g, ==, 0xff); g_assert_cmpint (b, ==, 0xff);
      pixDestroy (&pix);
      cairo_surface_destroy (surface);
    }

  /* transparent ARGB is paper */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2, 2);
    l_int32 r, g, b;
    PIX *pix = ocr_pix_from_cairo (surface);

    pixGetRGBPixel (pix, 1, 1, &r, &g, &b);
    g_assert_cmpint (r, ==, 0xff); g_assert_cmpint (g, ==, 0xff); g_assert_cmpint (b, ==, 0xff);
    pixDestroy (&pix);
    cairo_surface_destroy (surface);
  }
}

static void
test_fingerprint (void)
{
  OcrSettings settings;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  ocr_settings_init_default (&settings);
  a = ocr_settings_fingerprint (&settings);
  b = ocr_settings_fingerprint (&settings);
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, TessVersion ()));
  g_assert_nonnull (strstr (a, "leptonica"));
  g_assert_nonnull (strstr (a, "jpn.traineddata="));
  g_assert_null (strstr (a, "=missing"));

  settings.languages = "jpn+eng";
  c = ocr_settings_fingerprint (&settings);
  g_assert_cmpstr (a, !=, c);
  g_assert_nonnull (strstr (c, "eng.traineddata="));
}

static void
test_init_missing_model (void)
{
  OcrSettings settings;
  g_autoptr (GError) error = NULL;

  ocr_settings_init_default (&settings);
  settings.languages = "jpn+klingon";
  g_assert_false (ocr_init (&settings, &error));
  g_assert_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "klingon.traineddata"));
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  /* no G_TEST_OPTION_ISOLATE_DIRS: nothing here touches the user folders, and
   * GLib 2.74 leaks the isolated folders' names (g_set_user_dirs) under LSan */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ocr/scan/pdf-page-3", test_scan_pdf_page3);
  g_test_add_func ("/ocr/scan/pdf-page-5", test_scan_pdf_page5);
  g_test_add_func ("/ocr/scan/tiff-pages", test_tiff_pages);
  g_test_add_func ("/ocr/scan/jpeg-named-pdf", test_jpeg_named_pdf);
  g_test_add_data_func ("/ocr/orientation/90", GINT_TO_POINTER (1), test_rotated);
  g_test_add_data_func ("/ocr/orientation/180", GINT_TO_POINTER (2), test_rotated);
  g_test_add_data_func ("/ocr/orientation/270", GINT_TO_POINTER (3), test_rotated);
  g_test_add_func ("/ocr/colour/red-and-black", test_colour);
  g_test_add_func ("/ocr/vertical", test_vertical);
  for (guint i = 0; i < G_N_ELEMENTS (bad_images); i++)
    {
      g_autofree char *name = g_strconcat ("/ocr/bad-image/", bad_images[i].name, NULL);

      g_test_add_data_func (name, &bad_images[i], test_bad_image);
    }
  g_test_add_func ("/ocr/threads", test_threads);
  g_test_add_func ("/ocr/cancel", test_cancel);
  g_test_add_func ("/ocr/pix-from-cairo", test_pix_from_cairo);
  g_test_add_func ("/ocr/fingerprint", test_fingerprint);
  g_test_add_func ("/ocr/init/missing-model", test_init_missing_model);

  status = g_test_run ();
  ocr_release_thread_engine ();
  return status;
}
