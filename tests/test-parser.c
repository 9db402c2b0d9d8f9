/* The parser process: poppler and Leptonica on a file from outside, in a
 * process that may crash, hang, spin or balloon without costing the batch.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The real worker reads the fixtures; fake-parse-worker (the same program
 * built with test hooks) misbehaves on files whose names say CRASH, HANG,
 * SPIN, BALLOON, GARBAGE or EXIT.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <shinsa.h>

#include "parse-ops.h"

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("SHINSA_SOURCE_ROOT"), "fixtures", name, NULL);
}

static GVariant *
request (const char *op, const char *path)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&d, "op", "s", op);
  g_variant_dict_insert (&d, "path", "s", path);
  if (strcmp (op, "pdf-page") == 0)
    {
      g_variant_dict_insert (&d, "page", "i", 1);
      g_variant_dict_insert (&d, "text", "b", TRUE);
      g_variant_dict_insert (&d, "japanese", "b", TRUE);
      g_variant_dict_insert (&d, "render", "s", "unusable");
    }
  return g_variant_dict_end (&d);
}

static gboolean
process_gone (GPid pid)
{
  /* reaped by the parser: no such process any more */
  return kill (pid, 0) != 0;
}

/* ---- the real worker ------------------------------------------------------ */

static void
test_real_probe_and_page (void)
{
  g_autoptr(ShinsaParser) parser = shinsa_parser_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) probe = NULL;
  g_autoptr(GVariant) page = NULL;
  g_autofree char *pdf = fixture ("sample/資料5_SLA.pdf");
  g_autoptr(GVariant) value = NULL;
  g_autoptr(ShinsaPage) read = NULL;
  gint32 pages = 0, readable = 0, first_bad = -1;
  guint32 verdict = 99;
  double width = 0;
  GPid pid;

  g_test_summary ("the worker counts a PDF's pages and reads page 1's text layer, and stays up for the next request");
  probe = shinsa_parser_call (parser, request ("pdf-probe", pdf), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (probe, "pages", "i", &pages));
  g_assert_true (g_variant_lookup (probe, "readable", "i", &readable));
  g_assert_true (g_variant_lookup (probe, "first-bad", "i", &first_bad));
  g_assert_cmpint (pages, ==, 4);
  g_assert_cmpint (readable, ==, 4);
  g_assert_cmpint (first_bad, ==, 0);
  pid = shinsa_parser_get_pid (parser);
  g_assert_cmpint (pid, >, 0);

  page = shinsa_parser_call (parser, request ("pdf-page", pdf), 10000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shinsa_parser_get_pid (parser), ==, pid);
  g_assert_true (g_variant_lookup (page, "verdict", "u", &verdict));
  g_assert_cmpuint (verdict, ==, 0);
  g_assert_true (g_variant_lookup (page, "width", "d", &width));
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.5);
  value = g_variant_lookup_value (page, "page", G_VARIANT_TYPE (PARSE_PAGE_TYPE));
  read = parse_page_from_variant (value);
  g_assert_nonnull (read);
  g_assert_cmpint (read->number, ==, 1);
  g_assert_nonnull (strstr (read->text, "サービスレベル合意書（SLA）"));
  g_assert_cmpuint (read->spans->len, >, 5);
  g_assert_cmpint (read->source, ==, SHINSA_PAGE_TEXT_PDF);
  /* the same page as JSON both ways: nothing lost, nothing rounded differently */
  {
    g_autoptr(ShinsaPage) again = parse_page_from_variant (g_variant_ref_sink (parse_page_to_variant (read)));
    g_autoptr(JsonNode) a = shinsa_page_to_json (read, TRUE);
    g_autoptr(JsonNode) b = shinsa_page_to_json (again, TRUE);
    g_autofree char *ja = json_to_string (a, FALSE);
    g_autofree char *jb = json_to_string (b, FALSE);

    g_assert_cmpstr (ja, ==, jb);
  }
  g_assert_false (g_variant_lookup (page, "image", PARSE_IMAGE_TYPE, NULL));
}

static void
test_real_encrypted_and_broken (void)
{
  g_autoptr(ShinsaParser) parser = shinsa_parser_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) enc = NULL;
  g_autoptr(GVariant) jpeg = NULL;
  g_autofree char *encrypted = fixture ("damaged/資料2_暗号化文書.pdf");
  g_autofree char *not_pdf = fixture ("damaged/資料4_実はJPEG.pdf");
  gboolean is_encrypted = FALSE;
  const char *message = NULL;

  g_test_summary ("an encrypted PDF and a JPEG named .pdf are answers, not failures of the worker");
  enc = shinsa_parser_call (parser, request ("pdf-probe", encrypted), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (enc, "encrypted", "b", &is_encrypted) && is_encrypted);
  jpeg = shinsa_parser_call (parser, request ("pdf-probe", not_pdf), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (jpeg, "error", "&s", &message));
  g_assert_cmpstr (message, !=, "");
}

static void
test_real_image (void)
{
  g_autoptr(ShinsaParser) parser = shinsa_parser_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) image = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *tiff = fixture ("damaged/資料7_複数ページ.tif");
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  PIX *pix;

  g_test_summary ("a TIFF page decoded by the worker arrives whole, with its resolution, its words after the reply");
  g_variant_dict_insert (&d, "op", "s", "image-page");
  g_variant_dict_insert (&d, "path", "s", tiff);
  g_variant_dict_insert (&d, "index", "i", 1);
  g_variant_dict_insert (&d, "max-mp", "i", 200);
  reply = shinsa_parser_call_full (parser, g_variant_dict_end (&d), 0, NULL, &payload, &error);
  g_assert_no_error (error);
  image = g_variant_lookup_value (reply, "image", G_VARIANT_TYPE (PARSE_IMAGE_TYPE));
  g_assert_nonnull (image);
  g_assert_nonnull (payload);
  pix = parse_image_to_pix (image, g_steal_pointer (&payload), 200);
  g_assert_nonnull (pix);
  g_assert_cmpint (pixGetWidth (pix), >, 100);
  g_assert_cmpint (pixGetXRes (pix), >, 0);
  /* the same page decoded here */
  {
    PIX *here = pixReadTiff (tiff, 1);
    PIX *here_norm = pixGetColormap (here) != NULL ? pixRemoveColormap (here, REMOVE_CMAP_BASED_ON_SRC)
                                                   : pixClone (here);
    l_int32 same = 0;

    pixEqual (pix, here_norm, &same);
    g_assert_true (same);
    pixDestroy (&here_norm);
    pixDestroy (&here);
  }
  pixDestroy (&pix);
  /* an image whose geometry does not fit its words is refused, never trusted */
  {
    g_autoptr(GVariant) lie = g_variant_ref_sink (g_variant_new ("(uuuuii)", 100000u, 100000u, 32u, 100000u, 300, 300));
    g_autoptr(GVariant) odd = g_variant_ref_sink (g_variant_new ("(uuuuii)", 2u, 1u, 32u, 1u, 300, 300));

    g_assert_null (parse_image_to_pix (lie, g_bytes_new ("abcd", 4), 0));
    g_assert_null (parse_image_to_pix (odd, g_bytes_new ("abcdefgh", 8), 0));
    g_assert_null (parse_image_to_pix (NULL, g_bytes_new ("abcd", 4), 0));
  }
}

static void
test_real_thumb (void)
{
  g_autoptr(ShinsaParser) parser = shinsa_parser_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) image = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *pdf = fixture ("sample/資料5_SLA.pdf");
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  ShinsaParserImage img;
  const guint8 *words;
  double w = 0, h = 0;
  gint64 dark = 0;

  g_test_summary ("the report's thumbnail of a PDF page is drawn by the worker at the width asked, with text on it");
  g_variant_dict_insert (&d, "op", "s", "thumb");
  g_variant_dict_insert (&d, "path", "s", pdf);
  g_variant_dict_insert (&d, "pdf", "b", TRUE);
  g_variant_dict_insert (&d, "page", "i", 2);
  g_variant_dict_insert (&d, "width-px", "i", 240);
  g_variant_dict_insert (&d, "max-height", "d", 1.6);
  reply = shinsa_parser_call_full (parser, g_variant_dict_end (&d), 0, NULL, &payload, &error);
  g_assert_no_error (error);
  image = g_variant_lookup_value (reply, "image", G_VARIANT_TYPE (SHINSA_PARSER_IMAGE_TYPE));
  g_assert_nonnull (payload);
  g_assert_true (shinsa_parser_image_parse (image, g_bytes_get_size (payload), &img));
  words = g_bytes_get_data (payload, NULL);
  g_assert_cmpuint (img.depth, ==, 32);
  g_assert_cmpuint (img.width, ==, 240);
  g_assert_cmpuint (img.height, ==, 339);   /* A4: 240 × 841.89 / 595.28 */
  g_assert_true (g_variant_lookup (reply, "page-width", "d", &w) && g_variant_lookup (reply, "page-height", "d", &h));
  g_assert_cmpfloat_with_epsilon (h / w, 841.89 / 595.28, 0.01);
  for (gsize i = 0; i + 4 <= img.size; i += 4)
    {
      guint32 v;
      memcpy (&v, words + i, 4);
      dark += (v >> 24) < 128;
    }
  g_assert_cmpint (dark, >, 500);
}

static void
test_real_tiff (void)
{
  g_autoptr(ShinsaParser) parser = shinsa_parser_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) good = NULL;
  g_autoptr(GVariant) bad = NULL;
  g_autofree char *tiff = fixture ("damaged/資料7_複数ページ.tif");
  g_autofree char *png = fixture ("damaged/資料6_壊れた画像.png");
  const char *message = NULL;
  gint32 pages = 0;

  g_test_summary ("libtiff counts a TIFF's pages in the worker, and says why a file that is no TIFF is not");
  good = shinsa_parser_call (parser, request ("tiff-probe", tiff), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (good, "pages", "i", &pages));
  g_assert_cmpint (pages, ==, 3);
  bad = shinsa_parser_call (parser, request ("tiff-probe", png), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (bad, "error", "&s", &message));
  g_assert_true (g_str_has_prefix (message, "TIFF cannot be opened"));
}

/* a one-page PDF whose content uses a font its page does not have */
static char *
write_fontless_pdf (const char *dir)
{
  static const char content[] = "BT /F9 12 Tf 72 720 Td (lost) Tj ET";
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[4];
  gsize xref;
  char *path = g_build_filename (dir, "fontless.pdf", NULL);

  offsets[0] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[1] = pdf->len;
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n");
  offsets[3] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
                          strlen (content), content);
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 5\n0000000000 65535 f \n");
  for (int i = 0; i < 4; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
  g_assert_true (g_file_set_contents (path, pdf->str, (gssize) pdf->len, NULL));
  return path;
}

static void
test_real_poppler_errors (void)
{
  g_autoptr(ShinsaParser) parser = shinsa_parser_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) bad = NULL;
  g_autoptr(GVariant) good = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shinsa-test-parser-XXXXXX", NULL);
  g_autofree char *fontless = write_fontless_pdf (dir);
  g_autofree char *sound = fixture ("sample/資料5_SLA.pdf");
  const char *first = NULL;
  guint32 errors = 0;

  g_test_summary ("what poppler could not make sense of in a page comes back with it; a sound page has none");
  bad = shinsa_parser_call (parser, request ("pdf-page", fontless), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (bad, "poppler-errors", "u", &errors));
  g_assert_cmpuint (errors, >=, 1);
  g_assert_true (g_variant_lookup (bad, "poppler-error", "&s", &first));
  g_assert_nonnull (strstr (first, "F9"));
  good = shinsa_parser_call (parser, request ("pdf-page", sound), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_variant_lookup (good, "poppler-errors", "u", &errors));
  shinsa_remove_tree (dir, NULL);
}

/* ---- a worker that misbehaves ---------------------------------------------- */

static ShinsaParser *
fake_parser (guint cpu_seconds, guint64 memory)
{
  ShinsaParserLimits limits;

  shinsa_parser_limits_init_default (&limits);
  if (cpu_seconds > 0)
    limits.cpu_seconds = cpu_seconds;
  if (memory > 0)
    limits.address_space = memory;
  g_setenv ("SHINSA_PARSE_WORKER", FAKE_PARSE_WORKER, TRUE);
  return shinsa_parser_new (&limits);
}

static void
test_crash_then_recover (void)
{
  g_autoptr(ShinsaParser) parser = fake_parser (0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *good = fixture ("sample/資料5_SLA.pdf");
  gint32 pages = 0;
  GPid first;

  g_test_summary ("a file that crashes the parser is an error naming the crash; the next file gets a new worker");
  reply = shinsa_parser_call (parser, request ("pdf-probe", "/nowhere/資料1_CRASH.pdf"), 0, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_CRASHED);
  g_assert_nonnull (strstr (error->message, "crashed"));
  g_assert_cmpint (shinsa_parser_get_pid (parser), ==, 0);
  g_clear_error (&error);

  reply = shinsa_parser_call (parser, request ("pdf-probe", good), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (reply, "pages", "i", &pages));
  g_assert_cmpint (pages, ==, 4);
  first = shinsa_parser_get_pid (parser);
  g_assert_cmpint (first, >, 0);
  g_clear_pointer (&reply, g_variant_unref);

  /* a worker that exits by itself between requests */
  reply = shinsa_parser_call (parser, request ("pdf-probe", "/nowhere/EXIT.pdf"), 0, NULL, &error);
  g_assert_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "status 7"));
  g_assert_true (process_gone (first));
}

static void
test_hang_times_out (void)
{
  g_autoptr(ShinsaParser) parser = fake_parser (0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  gint64 start = g_get_monotonic_time ();
  GPid pid;

  g_test_summary ("a file that stalls the parser is given up after the request's wall time, and the worker killed");
  reply = shinsa_parser_call (parser, request ("pdf-page", "/nowhere/HANG.pdf"), 400, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  pid = shinsa_parser_get_pid (parser);
  g_assert_cmpint (pid, ==, 0);
}

static void
test_spin_runs_out_of_cpu (void)
{
  g_autoptr(ShinsaParser) parser = fake_parser (1, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_test_summary ("a file that keeps the parser busy is stopped by its CPU limit (SIGXCPU)");
  reply = shinsa_parser_call (parser, request ("pdf-page", "/nowhere/SPIN.pdf"), 30000, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "CPU"));
}

static void
test_balloon_runs_out_of_memory (void)
{
  g_autoptr(ShinsaParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_test_summary ("a file that makes the parser allocate without end meets the address-space limit");
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer's shadow memory rules out an address-space limit");
  return;
#endif
  parser = fake_parser (0, 256u << 20);
  reply = shinsa_parser_call (parser, request ("image-page", "/nowhere/BALLOON.png"), 60000, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_MEMORY);
}

static void
test_garbage_is_refused (void)
{
  g_autoptr(ShinsaParser) parser = fake_parser (0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_test_summary ("a worker that claims a 1 TiB reply is cut off, not believed");
  reply = shinsa_parser_call (parser, request ("pdf-page", "/nowhere/GARBAGE.pdf"), 5000, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_PROTOCOL);
  g_assert_cmpint (shinsa_parser_get_pid (parser), ==, 0);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer data)
{
  g_usleep (200 * 1000);
  cancel_soon (data);
  return NULL;
}

static void
test_cancel_kills (void)
{
  g_autoptr(ShinsaParser) parser = fake_parser (0, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GThread *canceller = g_thread_new ("cancel", cancel_thread, cancellable);

  g_test_summary ("cancelling a request (the document's time is up, the batch is stopped) kills the worker at once");
  reply = shinsa_parser_call (parser, request ("pdf-page", "/nowhere/HANG.pdf"), 0, cancellable, &error);
  g_thread_join (canceller);
  g_assert_null (reply);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (shinsa_parser_get_pid (parser), ==, 0);
}

/* ---- the stages with a worker that crashes on one file ----------------------- */

static void
test_stages_go_on (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-parser-XXXXXX", &error);
  g_autofree char *sub = g_build_filename (tmp, "sub", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *pipeline = g_build_filename (tmp, "read.pipeline", NULL);
  g_autofree char *good = fixture ("sample/資料5_SLA.pdf");
  g_autofree char *report = g_build_filename (out, "sub", "report.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *shinsa = g_build_filename (g_getenv ("SHINSA_BUILD_ROOT"), "core", "shinsa", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "SHINSA_PARSE_WORKER", FAKE_PARSE_WORKER, TRUE);
  /* CRASH and SPIN trouble the documents stage's probe, PAGECRASH only the
   * extract stage's reading of a page */
  const char *copies[] = { "資料1_正常.pdf", "資料2_CRASH.pdf", "資料3_SPIN.pdf", "資料4_正常.pdf",
                           "資料5_PAGECRASH.pdf" };
  int status = -1;

  g_test_summary ("documents and extract: PDFs that crash the parser (opening it, or reading a page) and one that spins are "
                  "DOC-UNREADABLE, "
                  "named, in Japanese; the other PDFs are read");
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_autofree char *bytes = NULL;
      g_autofree char *dest = g_build_filename (sub, copies[i], NULL);
      gsize len;

      g_assert_true (g_file_get_contents (good, &bytes, &len, NULL));
      g_assert_true (g_file_set_contents (dest, bytes, (gssize) len, NULL));
    }
  g_assert_true (g_file_set_contents (pipeline,
                                      "[pipeline]\nname=read\ndescription=読み取りのみ\n\n"
                                      "[documents]\nplugin=documents\ntimeout=2\n\n"
                                      "[extract]\nplugin=extract\ntimeout=20\n", -1, NULL));
  {
    const char *argv[] = { shinsa, "run", pipeline, sub, "-o", out, "--quiet", "--no-cache", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                                 &stdout_text, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL) || WEXITSTATUS (status) == 1);
  g_assert_true (g_file_get_contents (report, &contents, NULL, NULL));

  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;
    JsonArray *findings, *documents;
    guint unreadable = 0, read_ok = 0;

    g_assert_true (json_parser_load_from_data (parser, contents, -1, NULL));
    root = json_node_get_object (json_parser_get_root (parser));
    findings = json_object_get_array_member (root, "findings");
    for (guint i = 0; i < json_array_get_length (findings); i++)
      {
        JsonObject *f = json_array_get_object_element (findings, i);
        const char *message = json_object_get_string_member (f, "message");

        if (g_strcmp0 (json_object_get_string_member (f, "code"), "DOC-UNREADABLE") != 0)
          continue;
        unreadable++;
        /* Japanese, naming the file, never the private path nor English */
        g_assert_true (strstr (message, "資料2_CRASH.pdf") != NULL || strstr (message, "資料3_SPIN.pdf") != NULL ||
                       strstr (message, "資料5_PAGECRASH.pdf") != NULL);
        g_assert_null (strstr (message, tmp));
        g_assert_null (strstr (message, "crashed"));
        g_assert_nonnull (strstr (message, "再提出"));
        if (strstr (message, "CRASH") != NULL)
          g_assert_nonnull (strstr (message, "異常終了"));
        if (strstr (message, "SPIN") != NULL)
          g_assert_nonnull (strstr (message, "制限時間"));
      }
    g_assert_cmpuint (unreadable, ==, 3);
    documents = json_object_get_array_member (root, "documents");
    for (guint i = 0; i < json_array_get_length (documents); i++)
      {
        JsonObject *d = json_array_get_object_element (documents, i);
        if (g_str_has_suffix (json_object_get_string_member (d, "path"), "_正常.pdf"))
          {
            g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "ok");
            read_ok++;
          }
      }
    g_assert_cmpuint (read_ok, ==, 2);
  }
  shinsa_remove_tree (tmp, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#if defined(__SANITIZE_ADDRESS__)
  {
    /* a worker that crashes on purpose should die of its signal, as in a
     * release build, not be caught and reported by AddressSanitizer */
    const char *asan = g_getenv ("ASAN_OPTIONS");
    g_autofree char *options = g_strdup_printf ("%s%shandle_segv=0:handle_abort=0:handle_sigbus=0",
                                                asan != NULL ? asan : "", asan != NULL && *asan ? ":" : "");
    g_setenv ("ASAN_OPTIONS", options, TRUE);
  }
#endif

  g_test_add_func ("/parser/real/probe-and-page", test_real_probe_and_page);
  g_test_add_func ("/parser/real/encrypted-and-broken", test_real_encrypted_and_broken);
  g_test_add_func ("/parser/real/image", test_real_image);
  g_test_add_func ("/parser/real/thumb", test_real_thumb);
  g_test_add_func ("/parser/real/tiff", test_real_tiff);
  g_test_add_func ("/parser/real/poppler-errors", test_real_poppler_errors);
  g_test_add_func ("/parser/fake/crash-then-recover", test_crash_then_recover);
  g_test_add_func ("/parser/fake/hang", test_hang_times_out);
  g_test_add_func ("/parser/fake/spin", test_spin_runs_out_of_cpu);
  g_test_add_func ("/parser/fake/balloon", test_balloon_runs_out_of_memory);
  g_test_add_func ("/parser/fake/garbage", test_garbage_is_refused);
  g_test_add_func ("/parser/fake/cancel", test_cancel_kills);
  g_test_add_func ("/parser/stages-go-on", test_stages_go_on);
  return g_test_run ();
}
