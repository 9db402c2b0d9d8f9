/* ocr-bench — shinsa's OCR over page images, for tools/bench-ocr
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ocr-bench [OPTIONS] OUTDIR IMAGE...: reads every page of every IMAGE with
 * the extract plugin's OCR on a pool of worker threads and writes each page's
 * text to OUTDIR/<image name>[-<page>].txt; prints the wall time.
 *
 * ocr-bench --cer TRUTHDIR OUTDIR: the character error rate of every
 * OUTDIR/NAME.txt against TRUTHDIR/NAME.txt, both NFKC-normalised and
 * without white space (edits / characters of the truth, over all files).
 */
#include "../plugins/extract/ocr.h"

#include <locale.h>

typedef struct {
  const OcrSettings *settings;
  const char *outdir;
  GMutex lock;
  int failures;
} Bench;

typedef struct {
  char *path;
  int index;
  int n_pages;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job);
}

static void
read_one (gpointer data, gpointer user_data)
{
  Job *job = data;
  Bench *bench = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ShinsaPage) page = shinsa_page_new (job->index + 1, 0, 0);
  g_autofree char *base = g_path_get_basename (job->path);
  g_autofree char *name = NULL, *out = NULL;
  PIX *pix;
  int dpi = 0;

  char *dot = strrchr (base, '.');
  if (dot != NULL)
    *dot = '\0';
  name = job->n_pages > 1 ? g_strdup_printf ("%s-%d.txt", base, job->index + 1)
                          : g_strdup_printf ("%s.txt", base);
  out = g_build_filename (bench->outdir, name, NULL);

  pix = ocr_load_image_page (bench->settings, job->path, job->index, &dpi, &error);
  if (pix == NULL || !ocr_read_image (bench->settings, pix, dpi, page, NULL, &error) ||
      !g_file_set_contents (out, page->text, -1, &error))
    {
      g_mutex_lock (&bench->lock);
      g_printerr ("ocr-bench: %s\n", error->message);
      bench->failures++;
      g_mutex_unlock (&bench->lock);
    }
  else if (g_getenv ("OCR_BENCH_VERBOSE") != NULL)
    g_printerr ("%s: rotation %d, vertical %d, confidence %.1f\n", name, page->rotation,
                page->vertical, page->confidence);
  pixDestroy (&pix);
  job_free (job);
}

/* NFKC, white space dropped: full-width digits and the spacing of lines
 * are not what we count */
static gunichar *
normalised (const char *text, glong *len)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (nfkc != NULL ? nfkc : "", -1, len);
  glong n = 0;

  for (glong i = 0; i < *len; i++)
    if (!g_unichar_isspace (chars[i]))
      chars[n++] = chars[i];
  *len = n;
  return g_steal_pointer (&chars);
}

static glong
edit_distance (const gunichar *a, glong n, const gunichar *b, glong m)
{
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
  return row[m];
}

static int
cer_main (const char *truth_dir, const char *out_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (truth_dir, 0, &error);
  const char *name;
  glong edits = 0, total = 0;
  int files = 0;

  if (dir == NULL)
    {
      g_printerr ("ocr-bench: %s\n", error->message);
      return 3;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *truth_path = g_build_filename (truth_dir, name, NULL);
      g_autofree char *out_path = g_build_filename (out_dir, name, NULL);
      g_autofree char *truth = NULL, *out = NULL;
      g_autofree gunichar *a = NULL, *b = NULL;
      glong n, m;

      if (!g_str_has_suffix (name, ".txt") || !g_file_get_contents (truth_path, &truth, NULL, NULL))
        continue;
      /* a page not read at all counts as all wrong */
      if (!g_file_get_contents (out_path, &out, NULL, NULL))
        out = g_strdup ("");
      a = normalised (truth, &n);
      b = normalised (out, &m);
      edits += edit_distance (a, n, b, m);
      total += n;
      files++;
    }
  g_print ("%.4f %d\n", total > 0 ? (double) edits / total : 0.0, files);
  return 0;
}

int
main (int argc, char **argv)
{
  OcrSettings settings;
  Bench bench = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = NULL;
  int threads = 2;
  char *languages = NULL;
  gboolean no_deskew = FALSE, no_despeckle = FALSE, binarize = FALSE, no_osd = FALSE, no_vertical = FALSE;
  GThreadPool *pool;
  gint64 start;
  const GOptionEntry entries[] = {
    { "threads", 'j', 0, G_OPTION_ARG_INT, &threads, "worker threads (2)", "N" },
    { "languages", 'l', 0, G_OPTION_ARG_STRING, &languages, "Tesseract languages", "L" },
    { "no-deskew", 0, 0, G_OPTION_ARG_NONE, &no_deskew, "do not deskew", NULL },
    { "no-despeckle", 0, 0, G_OPTION_ARG_NONE, &no_despeckle, "do not remove specks", NULL },
    { "binarize", 0, 0, G_OPTION_ARG_NONE, &binarize, "Sauvola binarisation", NULL },
    { "no-osd", 0, 0, G_OPTION_ARG_NONE, &no_osd, "do not detect orientation", NULL },
    { "no-vertical", 0, 0, G_OPTION_ARG_NONE, &no_vertical, "do not detect vertical text", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  if (argc == 4 && strcmp (argv[1], "--cer") == 0)
    return cer_main (argv[2], argv[3]);
  context = g_option_context_new ("OUTDIR IMAGE...");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 3)
    {
      g_printerr ("ocr-bench: %s\n", error != NULL ? error->message : "usage: ocr-bench [OPTIONS] OUTDIR IMAGE...");
      return 2;
    }

  ocr_settings_init_default (&settings);
  if (languages != NULL)
    settings.languages = languages;
  settings.deskew = !no_deskew;
  settings.despeckle = !no_despeckle;
  settings.binarize = binarize;
  settings.detect_orientation = !no_osd;
  settings.detect_vertical = !no_vertical;
  if (!ocr_init (&settings, &error))
    {
      g_printerr ("ocr-bench: %s\n", error->message);
      return 3;
    }
  bench.settings = &settings;
  bench.outdir = argv[1];
  g_mutex_init (&bench.lock);
  g_mkdir_with_parents (bench.outdir, 0700);

  start = g_get_monotonic_time ();
  pool = g_thread_pool_new (read_one, &bench, threads, TRUE, NULL);
  for (int i = 2; i < argc; i++)
    {
      g_autoptr (GError) count_error = NULL;
      int n = ocr_count_image_pages (argv[i], &count_error);

      if (n == 0)
        {
          g_printerr ("ocr-bench: %s\n", count_error->message);
          bench.failures++;
          continue;
        }
      for (int p = 0; p < n; p++)
        {
          Job *job = g_new0 (Job, 1);

          job->path = g_strdup (argv[i]);
          job->index = p;
          job->n_pages = n;
          g_thread_pool_push (pool, job, NULL);
        }
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  g_print ("%.3f\n", (g_get_monotonic_time () - start) / 1e6);
  g_free (languages);
  g_mutex_clear (&bench.lock);
  return bench.failures > 0 ? 1 : 0;
}
