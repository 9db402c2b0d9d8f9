/* extract — reading scanned pages with Tesseract's C API, one engine per
 * worker thread
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "ocr-private.h"

#include <stdbool.h>
#include <string.h>
#include <gmodule.h>
#include <tesseract/capi.h>

#define DEBIAN_TESSDATA "/usr/share/tesseract-ocr/5/tessdata"
#define VERTICAL_LANGUAGE "jpn_vert"
/* OSD below this is a guess; Tesseract's own CLI warns below 2 as well */
#define MIN_ORIENTATION_CONFIDENCE 2.0f
/* a page read as it lies with less mean word confidence than this may lie
 * the wrong way round (our scans read at 75–93) */
#define MIN_UPRIGHT_CONFIDENCE 60.0f

/* The engines of one thread.  An engine is keyed by its data path and
 * languages; settings that change those get a new engine. */
typedef struct {
  TessBaseAPI *api;
  char *key;
} OcrEngine;

typedef struct {
  OcrEngine main;      /* the languages asked for, PSM_AUTO */
  OcrEngine vertical;  /* jpn_vert, PSM_SINGLE_BLOCK_VERT_TEXT */
  OcrEngine osd;       /* osd, PSM_OSD_ONLY */
} OcrEngines;

static void
engine_clear (OcrEngine *engine)
{
  if (engine->api != NULL)
    {
      TessBaseAPIEnd (engine->api);
      TessBaseAPIDelete (engine->api);
    }
  engine->api = NULL;
  g_clear_pointer (&engine->key, g_free);
}

static void
engines_free (gpointer data)
{
  OcrEngines *engines = data;

  engine_clear (&engines->main);
  engine_clear (&engines->vertical);
  engine_clear (&engines->osd);
  g_free (engines);
}

static GPrivate thread_engines = G_PRIVATE_INIT (engines_free);

void
ocr_release_thread_engine (void)
{
  g_private_replace (&thread_engines, NULL);
}

void
ocr_settings_init_default (OcrSettings *settings)
{
  g_return_if_fail (settings != NULL);

  memset (settings, 0, sizeof *settings);
  settings->languages = "jpn";
  settings->tessdata = NULL;
  settings->deskew = TRUE;
  settings->despeckle = TRUE;
  settings->detect_orientation = TRUE;
  settings->detect_vertical = TRUE;
  settings->max_pixels = 150;
  settings->binarize = FALSE;
}

/* where the traineddata files are: the setting, TESSDATA_PREFIX (the folder
 * itself, or its parent as Tesseract 3 had it), else Debian's */
static char *
tessdata_dir (const OcrSettings *settings)
{
  const char *prefix = g_getenv ("TESSDATA_PREFIX");

  if (settings->tessdata != NULL)
    return g_strdup (settings->tessdata);
  if (prefix != NULL && *prefix != '\0')
    {
      g_autofree char *sub = g_build_filename (prefix, "tessdata", NULL);
      g_autofree char *probe = g_build_filename (prefix, "osd.traineddata", NULL);

      if (!g_file_test (probe, G_FILE_TEST_EXISTS) && g_file_test (sub, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&sub);
      return g_strdup (prefix);
    }
  return g_strdup (DEBIAN_TESSDATA);
}

/* the traineddata names the settings read with, in a stable order */
static GPtrArray *
models_in_use (const OcrSettings *settings)
{
  GPtrArray *models = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) langs = g_strsplit (settings->languages, "+", -1);

  for (int i = 0; langs[i] != NULL; i++)
    if (*langs[i] != '\0')
      g_ptr_array_add (models, g_strdup (langs[i]));
  if (settings->detect_vertical)
    g_ptr_array_add (models, g_strdup (VERTICAL_LANGUAGE));
  if (settings->detect_orientation)
    g_ptr_array_add (models, g_strdup ("osd"));
  return models;
}

static char *
sha256_of_file (const char *path, GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, error);

  if (file == NULL)
    return NULL;
  g_checksum_update (sum, (const guchar *) g_mapped_file_get_contents (file),
                     g_mapped_file_get_length (file));
  return g_strdup (g_checksum_get_string (sum));
}

char *
ocr_settings_fingerprint (const OcrSettings *settings)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autoptr (GPtrArray) models = NULL;
  char *lept;

  g_return_val_if_fail (settings != NULL && settings->languages != NULL, NULL);

  dir = tessdata_dir (settings);
  models = models_in_use (settings);
  lept = getLeptonicaVersion ();
  g_string_append_printf (out, "tesseract=%s;leptonica=%s", TessVersion (), lept);
  lept_free (lept);
  for (guint i = 0; i < models->len; i++)
    {
      g_autofree char *name = g_strconcat (g_ptr_array_index (models, i), ".traineddata", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *sha = sha256_of_file (path, NULL);

      g_string_append_printf (out, ";%s=%s", name, sha != NULL ? sha : "missing");
    }
  g_string_append_printf (out, ";languages=%s;deskew=%d;despeckle=%d;binarize=%d;orientation=%d;vertical=%d;max_pixels=%d",
                          settings->languages, !!settings->deskew, !!settings->despeckle,
                          !!settings->binarize, !!settings->detect_orientation,
                          !!settings->detect_vertical, settings->max_pixels);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Tesseract's OpenMP reads OMP_THREAD_LIMIT when libgomp is loaded, which
 * for a plugin is before any of our code runs; so besides the variable (for
 * builds where libgomp comes later) each reading thread tells the runtime
 * that no parallel region may be active, and every region then runs on its
 * caller.  Since GCC 11 that limit is per thread (a data-environment ICV),
 * hence once per thread, when its engines are made.  Set once in ocr_init,
 * read only afterwards. */
static void (*openmp_set_max_active_levels) (int);

static void
limit_openmp (void)
{
  GModule *gomp;
  gpointer symbol = NULL;

  g_setenv ("OMP_THREAD_LIMIT", "1", FALSE);
  gomp = g_module_open ("libgomp.so.1", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (gomp == NULL)
    return;
  if (g_module_symbol (gomp, "omp_set_max_active_levels", &symbol) && symbol != NULL)
    openmp_set_max_active_levels = (void (*) (int)) symbol;
  /* the runtime stays loaded with Tesseract; never unloaded */
  g_module_make_resident (gomp);
  g_module_close (gomp);
}

gboolean
ocr_init (const OcrSettings *settings, GError **error)
{
  static gsize openmp_limited = 0;
  g_autofree char *dir = NULL;
  g_autoptr (GPtrArray) models = NULL;

  g_return_val_if_fail (settings != NULL && settings->languages != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_once_init_enter (&openmp_limited))
    {
      /* SHINSA_OCR_OPENMP=1 leaves Tesseract's OpenMP be, to measure what the limit gains */
      if (g_getenv ("SHINSA_OCR_OPENMP") == NULL)
        limit_openmp ();
      g_once_init_leave (&openmp_limited, 1);
    }
  ocr_quiet_leptonica ();

  dir = tessdata_dir (settings);
  models = models_in_use (settings);
  if (models->len == 0 || g_strcmp0 (g_ptr_array_index (models, 0), "osd") == 0 ||
      g_strcmp0 (g_ptr_array_index (models, 0), VERTICAL_LANGUAGE) == 0)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "no OCR language in '%s'", settings->languages);
      return FALSE;
    }
  for (guint i = 0; i < models->len; i++)
    {
      g_autofree char *name = g_strconcat (g_ptr_array_index (models, i), ".traineddata", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                       "cannot find the Tesseract model '%s' in '%s'", name, dir);
          return FALSE;
        }
    }
  return TRUE;
}

/* the calling thread's engine for @language, made on first use */
static TessBaseAPI *
thread_engine (const OcrSettings *settings, OcrEngine *engine, const char *language,
               TessOcrEngineMode oem, GError **error)
{
  g_autofree char *dir = tessdata_dir (settings);
  g_autofree char *key = g_strconcat (dir, "\n", language, NULL);
  TessBaseAPI *api;

  if (engine->api != NULL && g_strcmp0 (engine->key, key) == 0)
    return engine->api;
  engine_clear (engine);

  api = TessBaseAPICreate ();
  if (TessBaseAPIInit2 (api, dir, language, oem) != 0)
    {
      TessBaseAPIDelete (api);
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot start Tesseract with '%s' from '%s'", language, dir);
      return NULL;
    }
  /* after Init, which starts from fresh parameters: Tesseract's warnings
   * ("Detected 45 diacritics") go nowhere; failures are GErrors */
  TessBaseAPISetVariable (api, "debug_file", "/dev/null");
  TessBaseAPISetVariable (api, "preserve_interword_spaces", "1");
  engine->api = api;
  engine->key = g_steal_pointer (&key);
  return api;
}

static OcrEngines *
thread_engines_get (void)
{
  OcrEngines *engines = g_private_get (&thread_engines);

  if (engines == NULL)
    {
      engines = g_new0 (OcrEngines, 1);
      g_private_set (&thread_engines, engines);
      if (openmp_set_max_active_levels != NULL)
        openmp_set_max_active_levels (0);
    }
  return engines;
}

/* Tesseract asks between words whether to stop */
static bool
cancel_requested (void *cancel_this, int words)
{
  return g_cancellable_is_cancelled (cancel_this);
}

/* quarter turns clockwise that make the page upright, from OSD; 0 when unsure */
static int
upright_quads (const OcrSettings *settings, OcrEngines *engines, PIX *grey, int dpi, GError **error)
{
  TessBaseAPI *osd;
  int orient_deg = 0;
  float orient_conf = 0, script_conf = 0;
  const char *script = NULL;
  int quads = 0;
  PIX *small;

  osd = thread_engine (settings, &engines->osd, "osd", OEM_TESSERACT_ONLY, error);
  if (osd == NULL)
    return -1;
  /* orientation shows as well at 100 dpi, at a quarter of the cost */
  small = dpi >= 200 ? pixScaleAreaMap2 (grey) : pixClone (grey);
  if (small == NULL)
    return 0;
  TessBaseAPISetPageSegMode (osd, PSM_OSD_ONLY);
  TessBaseAPISetImage2 (osd, small);
  TessBaseAPISetSourceResolution (osd, dpi >= 200 ? dpi / 2 : dpi);
  if (TessBaseAPIDetectOrientationScript (osd, &orient_deg, &orient_conf, &script, &script_conf))
    {
      /* orient_deg is how far the page is turned clockwise; turning it
       * back is the rest of the circle */
      if (orient_conf >= MIN_ORIENTATION_CONFIDENCE)
        quads = ((360 - orient_deg) / 90) % 4;
      g_debug ("OSD: turned %d°, confidence %.2f, script %s (%.2f)",
               orient_deg, orient_conf, script != NULL ? script : "?", script_conf);
    }
  /* @script points into the OSD model's unicharset (capi.h's advice to free
   * it predates Tesseract 4): not ours to free */
  TessBaseAPIClear (osd);
  pixDestroy (&small);
  return quads;
}

/* Tesseract's own layout analysis finds vertical text lines (textord's
 * vertical text detection) and marks their blocks top-to-bottom; the page
 * is vertical when most of its text area is.  The layout stays with the
 * engine, and Recognize reuses it rather than analysing again.  (Projection
 * profiles were tried first and took tables of contents, whose leaders leave
 * wide blank columns, and sparse cover pages for vertical pages.) */
static gboolean
layout_is_vertical (TessBaseAPI *api)
{
  TessPageIterator *it = TessBaseAPIAnalyseLayout (api);
  gint64 vertical = 0, horizontal = 0;

  if (it == NULL)
    return FALSE;
  do
    {
      TessOrientation orientation;
      TessWritingDirection direction;
      TessTextlineOrder order;
      float deskew;
      int l, t, r, b;

      if (!TessPageIteratorBoundingBox (it, RIL_BLOCK, &l, &t, &r, &b))
        continue;
      TessPageIteratorOrientation (it, &orientation, &direction, &order, &deskew);
      if (direction == WRITING_DIRECTION_TOP_TO_BOTTOM)
        vertical += (gint64) (r - l) * (b - t);
      else
        horizontal += (gint64) (r - l) * (b - t);
    }
  while (TessPageIteratorNext (it, RIL_BLOCK));
  TessPageIteratorDelete (it);
  g_debug ("layout: %" G_GINT64_FORMAT " px² of vertical text blocks, %" G_GINT64_FORMAT " horizontal",
           vertical, horizontal);
  return vertical > horizontal;
}

static gboolean
is_wide_char (gunichar c)
{
  return g_unichar_iswide (c) || (c >= 0xff61 && c <= 0xff9f) /* half-width kana */;
}

/* a space between two words only where both sides are narrow (Latin, digits):
 * Tesseract cuts Japanese into "words" that were never spaced */
static gboolean
needs_space (const char *before, const char *after)
{
  const char *last;

  if (*before == '\0' || *after == '\0')
    return FALSE;
  last = g_utf8_find_prev_char (before, before + strlen (before));
  return !is_wide_char (g_utf8_get_char (last)) && !is_wide_char (g_utf8_get_char (after));
}

typedef struct {
  GString *text;
  double left, top, right, bottom;   /* in the upright image's pixels */
  double confidence_sum;
  int n_words;
  guint32 colour;
  guint line;
} OcrRun;

static gboolean
same_ink (guint32 a, guint32 b)
{
  int dr = (int) (a >> 16) - (int) (b >> 16);
  int dg = (int) ((a >> 8) & 0xff) - (int) ((b >> 8) & 0xff);
  int db = (int) (a & 0xff) - (int) (b & 0xff);

  return dr * dr + dg * dg + db * db <= 60 * 60;
}

/* the upright image's box back in the page as it was given, in points */
static void
to_page (const OcrRun *run, int quads, int width, int height, double scale, ShinsaSpan *span)
{
  double l = run->left, t = run->top, r = run->right, b = run->bottom;
  double x0 = l, y0 = t, x1 = r, y1 = b;

  /* @width × @height: the image as given; the upright one was turned @quads
   * quarter turns clockwise from it */
  switch (quads)
    {
    case 1:
      x0 = t; x1 = b; y0 = height - r; y1 = height - l;
      break;
    case 2:
      x0 = width - r; x1 = width - l; y0 = height - b; y1 = height - t;
      break;
    case 3:
      x0 = width - b; x1 = width - t; y0 = l; y1 = r;
      break;
    default:
      break;
    }
  span->x = x0 * scale;
  span->y = y0 * scale;
  span->width = (x1 - x0) * scale;
  span->height = (y1 - y0) * scale;
}

static void
flush_run (ShinsaPage *page, OcrRun *run, gboolean vertical, int quads, int width, int height,
           double scale)
{
  ShinsaSpan span = { 0 };

  if (run->n_words == 0)
    return;
  span.text = run->text->str;
  to_page (run, quads, width, height, scale, &span);
  /* the size of the type: across the line, whichever way it runs */
  span.font_size = (vertical ? span.width : span.height);
  span.font = NULL;
  span.color = run->colour;
  span.source = SHINSA_SPAN_OCR;
  span.confidence = (float) (run->confidence_sum / run->n_words);
  span.line = run->line;
  span.vertical = vertical;
  shinsa_page_add_span (page, &span);
  g_string_truncate (run->text, 0);
  run->n_words = 0;
  run->confidence_sum = 0;
}

/* a word of one punctuation mark ("。", "、"): too little ink to sample
 * its colour from, so it never starts a run of another ink */
static gboolean
is_punctuation_word (const char *word)
{
  return *word != '\0' && *g_utf8_next_char (word) == '\0' && g_unichar_ispunct (g_utf8_get_char (word));
}

/* a word's box in the upright image's pixels */
typedef struct {
  int left, top, right, bottom;
} OcrBox;

/* gap_ratio() beyond which two words are two spans, and beyond which the
 * page text gets a space between them */
#define SPAN_GAP 0.75
#define TEXT_GAP 1.5

/* How far the word at @l, @t, @r, @b stands apart from the word before it
 * on its line (@previous), in characters: the gap is along the line
 * (horizontal, or top to bottom on a vertical page), the character size
 * across it (the taller of the two words' heights, or the wider of their
 * widths).  Japanese is set without spaces, so a gap of about a character
 * is where one table cell's text ends and the next cell's begins, or a
 * full-width space.  @punctuation: the word before is one punctuation
 * mark. */
static double
gap_ratio (const OcrBox *previous, gboolean punctuation, int l, int t, int r, int b, gboolean vertical)
{
  int gap, size;

  if (vertical)
    {
      size = MAX (r - l, previous->right - previous->left);
      /* a punctuation mark's box is a dot in its square: the gap is
       * counted from the end of the square */
      gap = t - (punctuation ? MAX (previous->bottom, previous->top + size) : previous->bottom);
    }
  else
    {
      size = MAX (b - t, previous->bottom - previous->top);
      gap = l - (punctuation ? MAX (previous->right, previous->left + size) : previous->right);
    }
  return size > 0 ? (double) gap / size : 0;
}

/* words into spans (runs of one ink on one line, Japanese unspaced, broken
 * where a wide gap parts two words) and the page text (lines joined by
 * newlines, a space for each wide gap) */
static void
collect_words (TessBaseAPI *api, const OcrPrepared *prep, gboolean vertical, int quads,
               int width, int height, ShinsaPage *page)
{
  TessResultIterator *ri = TessBaseAPIGetIterator (api);
  const TessPageIterator *pi;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) line_text = g_string_new (NULL);
  OcrRun run = { 0 };
  OcrBox previous = { 0, 0, 0, 0 };
  gboolean previous_punctuation = FALSE;
  double scale = page->width / width, confidence_sum = 0;
  int n_words = 0, line = -1;

  run.text = g_string_new (NULL);
  if (ri == NULL)
    goto out;
  pi = TessResultIteratorGetPageIterator (ri);
  do
    {
      char *word = TessResultIteratorGetUTF8Text (ri, RIL_WORD);
      float confidence = TessResultIteratorConfidence (ri, RIL_WORD);
      int l, t, r, b;
      guint32 colour;
      gboolean new_line;
      double gap = 0;

      if (word == NULL)
        continue;
      g_strstrip (word);
      if (*word == '\0' || !TessPageIteratorBoundingBox (pi, RIL_WORD, &l, &t, &r, &b))
        {
          TessDeleteText (word);
          continue;
        }

      new_line = line < 0 || TessPageIteratorIsAtBeginningOf (pi, RIL_TEXTLINE);
      colour = ocr_colour_of_box (prep->colour, l, t, r, b);
      /* back to the pixels of the image as given */
      l /= prep->factor; t /= prep->factor; r /= prep->factor; b /= prep->factor;
      if (new_line)
        {
          flush_run (page, &run, vertical, quads, width, height, scale);
          if (line >= 0)
            {
              g_string_append (text, line_text->str);
              g_string_append_c (text, '\n');
            }
          g_string_truncate (line_text, 0);
          line++;
        }
      else if (needs_space (line_text->str, word)
               || (gap = gap_ratio (&previous, previous_punctuation, l, t, r, b, vertical)) > SPAN_GAP)
        {
          /* a space between Latin words, or the gap between two cells of
           * a table row that Tesseract read as one line: a new span; the
           * page text gets a space where the gap is clearly wider than a
           * full-width space ("6.3　脆弱性診断" stays one heading) */
          if (gap == 0 || gap > TEXT_GAP)
            g_string_append_c (line_text, ' ');
          flush_run (page, &run, vertical, quads, width, height, scale);
        }
      else if (!same_ink (run.colour, colour) && !is_punctuation_word (word))
        flush_run (page, &run, vertical, quads, width, height, scale);
      g_string_append (line_text, word);

      if (run.n_words == 0)
        {
          run.left = l; run.top = t; run.right = r; run.bottom = b;
          run.colour = colour;
          run.line = (guint) line;
        }
      else
        {
          run.left = MIN (run.left, l); run.top = MIN (run.top, t);
          run.right = MAX (run.right, r); run.bottom = MAX (run.bottom, b);
        }
      previous = (OcrBox) { l, t, r, b };
      previous_punctuation = is_punctuation_word (word);
      g_string_append (run.text, word);
      run.confidence_sum += confidence;
      run.n_words++;
      confidence_sum += confidence;
      n_words++;
      TessDeleteText (word);
    }
  while (TessResultIteratorNext (ri, RIL_WORD));
  flush_run (page, &run, vertical, quads, width, height, scale);
  if (line >= 0)
    g_string_append (text, line_text->str);
  TessResultIteratorDelete (ri);

out:
  g_string_free (run.text, TRUE);
  g_free (page->text);
  page->text = g_strdup (text->str);
  page->confidence = n_words > 0 ? (float) (confidence_sum / n_words) : 0;
}

/* Reads the prepared image with the thread's engines into @page (spans,
 * text, confidence, vertical, rotation): the page as given was turned
 * @quads quarter turns clockwise to make @prep, of @width × @height. */
static gboolean
recognise (const OcrSettings *settings, OcrEngines *engines, OcrPrepared *prep, int dpi,
           int quads, int width, int height, ShinsaPage *page, GCancellable *cancellable,
           GError **error)
{
  TessBaseAPI *api;
  ETEXT_DESC *monitor;
  gboolean vertical = FALSE;
  int status;

  api = thread_engine (settings, &engines->main, settings->languages, OEM_DEFAULT, error);
  if (api == NULL)
    return FALSE;
  TessBaseAPISetPageSegMode (api, PSM_AUTO);
  TessBaseAPISetImage2 (api, prep->grey);
  TessBaseAPISetSourceResolution (api, dpi);
  if (settings->detect_vertical && strstr (settings->languages, "jpn") != NULL)
    {
      vertical = layout_is_vertical (api);
      if (vertical)
        {
          TessBaseAPIClear (api);
          api = thread_engine (settings, &engines->vertical, VERTICAL_LANGUAGE, OEM_DEFAULT, error);
          if (api == NULL)
            return FALSE;
          TessBaseAPISetPageSegMode (api, PSM_SINGLE_BLOCK_VERT_TEXT);
          TessBaseAPISetImage2 (api, prep->grey);
          TessBaseAPISetSourceResolution (api, dpi);
        }
    }

  monitor = TessMonitorCreate ();
  if (cancellable != NULL)
    {
      TessMonitorSetCancelThis (monitor, cancellable);
      TessMonitorSetCancelFunc (monitor, cancel_requested);
    }
  status = TessBaseAPIRecognize (api, monitor);
  TessMonitorDelete (monitor);
  if (g_cancellable_is_cancelled (cancellable))
    {
      TessBaseAPIClear (api);
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_CANCELLED,
                   "cancelled while reading page %d", page->number);
      return FALSE;
    }
  if (status != 0)
    {
      TessBaseAPIClear (api);
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot read page %d: Tesseract failed to recognise it", page->number);
      return FALSE;
    }

  g_array_set_size (page->spans, 0);
  collect_words (api, prep, vertical, quads, width, height, page);
  TessBaseAPIClear (api);
  page->rotation = quads * 90;
  page->vertical = vertical;
  return TRUE;
}

gboolean
ocr_read_image (const OcrSettings *settings,
                PIX *image,
                int dpi,
                ShinsaPage *page,
                GCancellable *cancellable,
                GError **error)
{
  OcrEngines *engines;
  OcrPrepared prep = { 0 };
  gboolean ok = FALSE;
  int width, height, quads = 0;
  gint64 t_start = g_get_monotonic_time (), t_prep, t_read, t_osd;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_CANCELLED,
                   "cancelled before reading page %d", page->number);
      return FALSE;
    }

  width = pixGetWidth (image);
  height = pixGetHeight (image);
  if (dpi <= 0)
    dpi = pixGetXRes (image) > 0 ? pixGetXRes (image) : 300;
  if (page->width <= 0 || page->height <= 0)
    {
      page->width = width * 72.0 / dpi;
      page->height = height * 72.0 / dpi;
    }

  if (!ocr_prepare (image, &prep))
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot read page %d: unusable image (%d bpp)", page->number, pixGetDepth (image));
      return FALSE;
    }
  engines = thread_engines_get ();
  dpi = ocr_prepared_upscale (&prep, dpi);
  if (settings->deskew)
    ocr_prepared_deskew (&prep);
  if (settings->despeckle)
    ocr_prepared_despeckle (&prep, dpi);
  if (settings->binarize)
    ocr_prepared_binarize (&prep, dpi);
  t_prep = g_get_monotonic_time ();

  /* Most pages lie the right way up, and OSD costs a third of a second a
   * page; so a page is read as it lies, and only a poor reading (a page
   * upside down or sideways reads as junk of low confidence) asks OSD
   * which way is up and reads again, keeping the better of the two. */
  if (!recognise (settings, engines, &prep, dpi, 0, width, height, page, cancellable, error))
    goto out;
  t_read = t_osd = g_get_monotonic_time ();
  if (settings->detect_orientation && page->confidence < MIN_UPRIGHT_CONFIDENCE)
    {
      quads = upright_quads (settings, engines, prep.grey, dpi, error);
      if (quads < 0)
        goto out;
      t_osd = g_get_monotonic_time ();
      if (quads > 0)
        {
          g_autoptr (ShinsaPage) turned = shinsa_page_new (page->number, page->width, page->height);

          ocr_prepared_rotate (&prep, quads);
          if (!recognise (settings, engines, &prep, dpi, quads, width, height, turned,
                          cancellable, error))
            goto out;
          g_debug ("page %d: confidence %.1f as it lies, %.1f turned %d°", page->number,
                   page->confidence, turned->confidence, quads * 90);
          if (turned->confidence > page->confidence)
            {
              GArray *spans = page->spans;

              page->spans = turned->spans;
              turned->spans = spans;
              g_free (page->text);
              page->text = g_steal_pointer (&turned->text);
              page->confidence = turned->confidence;
              page->rotation = turned->rotation;
              page->vertical = turned->vertical;
            }
        }
    }
  g_debug ("page %d: preprocessing %.0f ms, recognition %.0f ms, orientation %.0f ms, again %.0f ms",
           page->number, (t_prep - t_start) / 1e3, (t_read - t_prep) / 1e3, (t_osd - t_read) / 1e3,
           (g_get_monotonic_time () - t_osd) / 1e3);
  page->source = SHINSA_PAGE_TEXT_OCR;
  ok = TRUE;

out:
  ocr_prepared_clear (&prep);
  return ok;
}
