/* shinsa — tests for the documents stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The stage is loaded from the build tree as the runner loads it (registry,
 * pipeline options) and run on small submissions: one per case for files
 * made here, and the committed fixtures/damaged folder.
 */
#include <locale.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

/* the worker pool, to run the stage in parallel as the runner does */
#ifndef GETTEXT_PACKAGE
#define GETTEXT_PACKAGE "shinsa"
#endif
#include "shinsa-private.h"

static ShinsaRegistry *registry;
/* the stage's isolate option in the pipelines stage_prepare() writes */
static gboolean stage_isolate = TRUE;

/* ---- running the stage ------------------------------------------------- */

typedef struct {
  ShinsaPipeline *pipeline;
  ShinsaSubmission *submission;
  ShinsaContext *ctx;
} StageRun;

static void
stage_run_clear (StageRun *run)
{
  g_clear_object (&run->ctx);
  g_clear_object (&run->submission);
  g_clear_object (&run->pipeline);
}

static const ShinsaStageInfo *
get_stage (void)
{
  const ShinsaStageInfo *stage = shinsa_registry_find_stage (registry, "documents");

  g_assert_nonnull (stage);
  return stage;
}

/* Opens @folder as a submission and makes a context for it, with a worker
 * pool of @threads (0: none, the stage runs inline). */
static void
stage_prepare (StageRun *run, const char *folder, gboolean check_images, guint threads,
               ShinsaWorkerPool **out_pool)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = g_strdup_printf ("[pipeline]\n"
                          "name=documents-test\n"
                          "description=documents stage only\n"
                          "\n"
                          "[documents]\n"
                          "plugin=documents\n"
                          "isolate=%s\n"
                          "check-images=%s\n", stage_isolate ? "true" : "false",
                          check_images ? "true" : "false");
  run->pipeline = shinsa_pipeline_load_data (registry, text, -1, "documents-test.pipeline",
                                             NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run->pipeline);

  run->submission = shinsa_submission_open (folder, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run->submission);
  run->ctx = shinsa_context_new (run->submission, "documents-test");

  *out_pool = NULL;
  if (threads > 0)
    {
      *out_pool = shinsa_worker_pool_new (threads);
      shinsa_context_set_pool (run->ctx, *out_pool);
    }
}

static void
stage_run (StageRun *run, const char *folder, gboolean check_images, guint threads)
{
  g_autoptr(GError) error = NULL;
  ShinsaWorkerPool *pool = NULL;
  gboolean ok;

  stage_prepare (run, folder, check_images, threads, &pool);
  ok = get_stage ()->run (run->ctx, shinsa_pipeline_get_options (run->pipeline, 0), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  shinsa_context_set_pool (run->ctx, NULL);
  shinsa_worker_pool_free (pool);
}

/* the findings about @path, in the context's order */
static GPtrArray *
findings_for (ShinsaContext *ctx, const char *path)
{
  GPtrArray *all = shinsa_context_get_findings (ctx);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      ShinsaFinding *f = g_ptr_array_index (all, i);
      if (g_strcmp0 (f->path, path) == 0)
        g_ptr_array_add (found, f);
    }
  return found;
}

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("shinsa-documents-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
write_bytes (const char *dir, const char *name, GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_file_set_contents (path, data != NULL ? data : "", len, &error);
  g_assert_no_error (error);
}

static void
remove_folder (const char *dir)
{
  g_autoptr(GError) error = NULL;

  shinsa_remove_tree (dir, &error);
  g_assert_no_error (error);
}

/* ---- making files ------------------------------------------------------ */

static GBytes *
bytes_head (GBytes *bytes, gsize n)
{
  g_autoptr(GBytes) owned = bytes;

  g_assert_cmpuint (n, <=, g_bytes_get_size (owned));
  return g_bytes_new_from_bytes (owned, 0, n);
}

static GBytes *
bytes_drop_tail (GBytes *bytes, gsize n)
{
  return bytes_head (bytes, g_bytes_get_size (bytes) - n);
}

static GBytes *
bytes_fraction (GBytes *bytes, double fraction)
{
  return bytes_head (bytes, (gsize) (g_bytes_get_size (bytes) * fraction));
}

/* offset of the last @needle in @bytes */
static gsize
bytes_rfind (GBytes *bytes, const char *needle)
{
  gsize len, n = strlen (needle);
  const guint8 *data = g_bytes_get_data (bytes, &len);

  for (gsize i = len - n + 1; i-- > 0;)
    if (memcmp (data + i, needle, n) == 0)
      return i;
  g_assert_not_reached ();
}

typedef enum {
  PDF_PLAIN = 0,
  PDF_ENCRYPTED = 1 << 0,       /* an /Encrypt dictionary no empty password opens */
  PDF_BAD_STARTXREF = 1 << 1,   /* startxref points past the table */
  PDF_STALE_OFFSETS = 1 << 2,   /* bytes inserted before the objects, table not updated */
  PDF_UPDATE = 1 << 3,          /* an incremental update appends one more page */
} PdfFlags;

#define PDF_ID "/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"

/* a second revision after the first one's %%EOF, as a PDF editor saves */
static void
append_update (GString *s, const char *kids, int n_pages, int n_objects, gsize prev_xref)
{
  static const char text[] = "BT /F1 24 Tf 72 720 Td (Added page) Tj ET";
  int page = n_objects + 1, content = n_objects + 2;
  gsize at_pages, at_page, at_content, xref_at;

  at_pages = s->len;
  g_string_append_printf (s, "2 0 obj\n<< /Type /Pages /Kids [%s%d 0 R] /Count %d >>\nendobj\n",
                          kids, page, n_pages + 1);
  at_page = s->len;
  g_string_append_printf (s, "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                          "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>\nendobj\n",
                          page, content);
  at_content = s->len;
  g_string_append_printf (s, "%d 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
                          content, strlen (text), text);
  xref_at = s->len;
  g_string_append_printf (s, "xref\n0 1\n0000000000 65535 f \n2 1\n%010zu 00000 n \n"
                          "%d 2\n%010zu 00000 n \n%010zu 00000 n \n",
                          at_pages, page, at_page, at_content);
  g_string_append_printf (s, "trailer\n<< /Size %d /Root 1 0 R /Prev %zu " PDF_ID " >>\n"
                          "startxref\n%zu\n%%%%EOF\n", content + 1, prev_xref, xref_at);
}

/* A text PDF written object by object: catalog and page tree first, as many
 * producers do, so that a truncated copy still has them. */
static GBytes *
build_pdf (int n_pages, PdfFlags flags)
{
  GString *s = g_string_new ("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) kids = g_string_new (NULL);
  int n_objects = 3 + 2 * n_pages + ((flags & PDF_ENCRYPTED) ? 1 : 0);
  gsize xref_at;

  for (int i = 0; i < n_pages; i++)
    g_string_append_printf (kids, "%d 0 R ", 4 + 2 * i);

#define OBJECT(...) G_STMT_START {                                         \
    gsize at_ = s->len;                                                   \
    g_array_append_val (offsets, at_);                                    \
    g_string_append_printf (s, "%u 0 obj\n", offsets->len);               \
    g_string_append_printf (s, __VA_ARGS__);                              \
    g_string_append (s, "\nendobj\n");                                    \
  } G_STMT_END

  OBJECT ("<< /Type /Catalog /Pages 2 0 R >>");
  OBJECT ("<< /Type /Pages /Kids [%s] /Count %d >>", kids->str, n_pages);
  OBJECT ("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *content = g_strdup_printf ("BT /F1 24 Tf 72 720 Td (Page %d) Tj ET", i + 1);

      OBJECT ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
              "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5 + 2 * i);
      OBJECT ("<< /Length %zu >>\nstream\n%s\nendstream", strlen (content), content);
    }
  if (flags & PDF_ENCRYPTED)
    OBJECT ("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
            "/O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> "
            "/U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >>");
#undef OBJECT
  g_assert_cmpint (offsets->len, ==, n_objects);

  if (flags & PDF_STALE_OFFSETS)
    {
      static const char pad[] = "% inserted after the table was written\n";

      g_string_insert (s, strlen ("%PDF-1.4\n"), pad);
    }

  xref_at = s->len;
  g_string_append_printf (s, "xref\n0 %d\n0000000000 65535 f \n", n_objects + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (s, "%010zu 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (s, "trailer\n<< /Size %d /Root 1 0 R ", n_objects + 1);
  if (flags & PDF_ENCRYPTED)
    g_string_append_printf (s, "/Encrypt %d 0 R ", n_objects);
  g_string_append (s, PDF_ID " >>\n");
  g_string_append_printf (s, "startxref\n%zu\n%%%%EOF\n",
                          (flags & PDF_BAD_STARTXREF) ? xref_at + 7 : xref_at);
  if (flags & PDF_UPDATE)
    append_update (s, kids->str, n_pages, n_objects, xref_at);
  return g_string_free_to_bytes (s);
}

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* cairo writes its page tree and catalog last: a cut copy loses them */
static GBytes *
build_cairo_pdf (int n_pages)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_array, out, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_rectangle (cr, 72, 72 + 40 * i, 200, 30);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
build_png (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 16, 16);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_to_array, out), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

/* An 8×8 greyscale baseline JPEG from libjpeg-turbo 2.1.5 (quality 50,
 * optimised Huffman tables, no JFIF segment). */
static const guint8 jpeg_8x8[] = {
  0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x10, 0x0b, 0x0c, 0x0e, 0x0c,
  0x0a, 0x10, 0x0e, 0x0d, 0x0e, 0x12, 0x11, 0x10, 0x13, 0x18, 0x28, 0x1a,
  0x18, 0x16, 0x16, 0x18, 0x31, 0x23, 0x25, 0x1d, 0x28, 0x3a, 0x33, 0x3d,
  0x3c, 0x39, 0x33, 0x38, 0x37, 0x40, 0x48, 0x5c, 0x4e, 0x40, 0x44, 0x57,
  0x45, 0x37, 0x38, 0x50, 0x6d, 0x51, 0x57, 0x5f, 0x62, 0x67, 0x68, 0x67,
  0x3e, 0x4d, 0x71, 0x79, 0x70, 0x64, 0x78, 0x5c, 0x65, 0x67, 0x63, 0xff,
  0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
  0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xc4,
  0x00, 0x1e, 0x10, 0x00, 0x00, 0x04, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x14, 0x41, 0x61, 0x00,
  0x01, 0x06, 0x11, 0x21, 0x31, 0xc2, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01,
  0x00, 0x00, 0x3f, 0x00, 0x3a, 0x56, 0x45, 0xcd, 0x62, 0xe5, 0x40, 0x9b,
  0x10, 0x99, 0x39, 0x78, 0xff, 0xd9,
};

/* 1×1 GIF89a with a graphic control extension */
static const guint8 gif_1x1[] = {
  'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
  0xff, 0xff, 0xff, 0x00, 0x00, 0x00,
  0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  0x02, 0x02, 0x44, 0x01, 0x00,
  0x3b,
};

static void
put_le16 (guint8 *p, guint16 v)
{
  p[0] = v & 0xff;
  p[1] = v >> 8;
}

static void
put_le32 (guint8 *p, guint32 v)
{
  put_le16 (p, v & 0xffff);
  put_le16 (p + 2, v >> 16);
}

/* 2×2, 24 bits, rows padded to 8 bytes */
static GBytes *
build_bmp (void)
{
  guint8 *b = g_malloc0 (14 + 40 + 16);

  b[0] = 'B';
  b[1] = 'M';
  put_le32 (b + 2, 14 + 40 + 16);
  put_le32 (b + 10, 14 + 40);
  put_le32 (b + 14, 40);
  put_le32 (b + 18, 2);
  put_le32 (b + 22, 2);
  put_le16 (b + 26, 1);
  put_le16 (b + 28, 24);
  memset (b + 54, 0x80, 16);
  return g_bytes_new_take (b, 14 + 40 + 16);
}

/* A little-endian bilevel TIFF of @n_pages 8×8 pages.  With @data_last the
 * directories come first and the pixel data after all of them. */
static GBytes *
build_tiff (guint n_pages, gboolean data_last)
{
  enum { N_ENTRIES = 9, IFD_SIZE = 2 + N_ENTRIES * 12 + 4, DATA_SIZE = 8 };
  gsize total = 8 + n_pages * (IFD_SIZE + DATA_SIZE);
  guint8 *b = g_malloc0 (total);

  b[0] = 'I';
  b[1] = 'I';
  put_le16 (b + 2, 42);
  for (guint p = 0; p < n_pages; p++)
    {
      gsize ifd, data;
      guint8 *e;
      static const struct { guint16 tag, type; } tags[N_ENTRIES] = {
        { 256, 3 }, { 257, 3 }, { 258, 3 }, { 259, 3 }, { 262, 3 },
        { 273, 4 }, { 277, 3 }, { 278, 3 }, { 279, 4 },
      };
      guint32 values[N_ENTRIES] = { 8, 8, 1, 1, 0, 0, 1, 8, DATA_SIZE };

      if (data_last)
        {
          ifd = 8 + p * IFD_SIZE;
          data = 8 + n_pages * IFD_SIZE + p * DATA_SIZE;
        }
      else
        {
          data = 8 + p * (IFD_SIZE + DATA_SIZE);
          ifd = data + DATA_SIZE;
        }
      values[5] = data;
      if (p == 0)
        put_le32 (b + 4, ifd);
      memset (b + data, p % 2 ? 0xaa : 0x55, DATA_SIZE);

      put_le16 (b + ifd, N_ENTRIES);
      e = b + ifd + 2;
      for (guint i = 0; i < N_ENTRIES; i++, e += 12)
        {
          put_le16 (e, tags[i].tag);
          put_le16 (e + 2, tags[i].type);
          put_le32 (e + 4, 1);
          if (tags[i].type == 3)
            put_le16 (e + 8, values[i]);
          else
            put_le32 (e + 8, values[i]);
        }
      if (p + 1 < n_pages)
        put_le32 (e, data_last ? ifd + IFD_SIZE : ifd + IFD_SIZE + DATA_SIZE);
    }
  return g_bytes_new_take (b, total);
}

/* A compound file (MS-CFB, 512-byte sectors): header, one FAT sector, one
 * directory sector holding the root and up to three empty streams. */
static GBytes *
build_ole2 (const char *const *streams)
{
  guint8 *b = g_malloc0 (512 * 3);
  guint8 *fat = b + 512, *dir = b + 1024;
  guint n = g_strv_length ((char **) streams);

  g_assert_cmpuint (n, <=, 3);
  memcpy (b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  put_le16 (b + 0x18, 0x3E);
  put_le16 (b + 0x1A, 3);
  put_le16 (b + 0x1C, 0xFFFE);
  put_le16 (b + 0x1E, 9);
  put_le16 (b + 0x20, 6);
  put_le32 (b + 0x2C, 1);                /* FAT sectors */
  put_le32 (b + 0x30, 1);                /* first directory sector */
  put_le32 (b + 0x38, 4096);
  put_le32 (b + 0x3C, 0xFFFFFFFE);       /* no mini FAT */
  put_le32 (b + 0x44, 0xFFFFFFFE);       /* no DIFAT sectors */
  put_le32 (b + 0x4C, 0);                /* the FAT is sector 0 */
  for (guint i = 1; i < 109; i++)
    put_le32 (b + 0x4C + 4 * i, 0xFFFFFFFF);

  for (guint i = 0; i < 128; i++)
    put_le32 (fat + 4 * i, 0xFFFFFFFF);
  put_le32 (fat, 0xFFFFFFFD);            /* FAT sector */
  put_le32 (fat + 4, 0xFFFFFFFE);        /* directory: one sector */

  for (guint e = 0; e <= n; e++)
    {
      guint8 *entry = dir + 128 * e;
      const char *name = e == 0 ? "Root Entry" : streams[e - 1];
      gsize len = strlen (name);

      for (gsize i = 0; i < len; i++)
        put_le16 (entry + 2 * i, (guchar) name[i]);
      put_le16 (entry + 0x40, (len + 1) * 2);
      entry[0x42] = e == 0 ? 5 : 2;
      entry[0x43] = 1;
      put_le32 (entry + 0x44, 0xFFFFFFFF);
      put_le32 (entry + 0x48, e > 0 && e < n ? e + 1 : 0xFFFFFFFF);
      put_le32 (entry + 0x4C, e == 0 && n > 0 ? 1 : 0xFFFFFFFF);
      put_le32 (entry + 0x74, 0xFFFFFFFE);
    }
  return g_bytes_new_take (b, 512 * 3);
}

/* A zip of the given (name, content) pairs, NULL-terminated */
static GBytes *
build_zip (const char *const *entries)
{
  struct archive *a = archive_write_new ();
  gsize size = 64 * 1024, used = 0;
  guint8 *buf = g_malloc (size);

  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_memory (a, buf, size, &used), ==, ARCHIVE_OK);
  for (guint i = 0; entries[i] != NULL; i += 2)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize len = strlen (entries[i + 1]);

      archive_entry_set_pathname (entry, entries[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, len);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, entries[i + 1], len), ==, (la_ssize_t) len);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return g_bytes_new_take (g_realloc (buf, used), used);
}

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

static GBytes *make_pdf (void) { return build_pdf (2, PDF_PLAIN); }
static GBytes *make_pdf_one (void) { return build_pdf (1, PDF_PLAIN); }
static GBytes *make_pdf_cairo (void) { return build_cairo_pdf (3); }
static GBytes *make_pdf_cairo_cut (void) { return bytes_fraction (build_cairo_pdf (9), 0.4); }
static GBytes *make_pdf_cut (void) { return bytes_fraction (build_pdf (9, PDF_PLAIN), 0.4); }
static GBytes *make_pdf_cut_late (void) { return bytes_fraction (build_pdf (9, PDF_PLAIN), 0.8); }

/* every object is there, only the table and trailer are gone: poppler
 * rebuilds it, but nothing says nothing else was lost */
static GBytes *
make_pdf_no_trailer (void)
{
  GBytes *pdf = build_pdf (2, PDF_PLAIN);

  return bytes_head (pdf, bytes_rfind (pdf, "xref\n0 "));
}

/* the end is there but the last few bytes after %%EOF are padding */
static GBytes *
make_pdf_padded (void)
{
  g_autoptr(GBytes) pdf = build_pdf (2, PDF_PLAIN);
  GByteArray *out = g_byte_array_new ();
  static const guint8 zeros[600] = { 0 };

  g_byte_array_append (out, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  g_byte_array_append (out, (const guint8 *) "\r\n", 2);
  g_byte_array_append (out, zeros, sizeof zeros);
  return g_byte_array_free_to_bytes (out);
}

/* only the %%EOF line is gone: everything it would close is there */
static GBytes *make_pdf_no_eof_marker (void) { return bytes_drop_tail (build_pdf (2, PDF_PLAIN), strlen ("%%EOF\n")); }
static GBytes *make_pdf_update (void) { return build_pdf (2, PDF_UPDATE); }

/* cut inside the second revision: poppler opens the first one and shows
 * two pages of three */
static GBytes *
make_pdf_update_cut (void)
{
  GBytes *pdf = build_pdf (2, PDF_UPDATE);

  return bytes_head (pdf, bytes_rfind (pdf, "\nxref\n") + 1);
}

static GBytes *make_pdf_bad_startxref (void) { return build_pdf (2, PDF_BAD_STARTXREF); }
static GBytes *make_pdf_stale_offsets (void) { return build_pdf (2, PDF_STALE_OFFSETS); }
static GBytes *make_pdf_encrypted (void) { return build_pdf (1, PDF_ENCRYPTED); }

static GBytes *
make_pdf_garbage (void)
{
  static const char text[] = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 99 0 R >>\nendobj\n"
                             "\x01\x02\x03 not a pdf \xff\xfe\n%%EOF\n";
  return g_bytes_new_static (text, sizeof text - 1);
}

/* a page tree that promises two pages and has one */
static GBytes *
make_pdf_missing_page (void)
{
  g_autoptr(GBytes) pdf = build_pdf (2, PDF_PLAIN);
  g_autofree char *text = g_strndup (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  char *kids = strstr (text, "/Kids [4 0 R 6 0 R ]");

  g_assert_nonnull (kids);
  /* same length, so the table stays right */
  memcpy (kids, "/Kids [4 0 R 99 0 R]", strlen ("/Kids [4 0 R 6 0 R ]"));
  return g_bytes_new_take (g_steal_pointer (&text), g_bytes_get_size (pdf));
}

static GBytes *make_jpeg (void) { return g_bytes_new_static (jpeg_8x8, sizeof jpeg_8x8); }
static GBytes *make_jpeg_cut (void) { return bytes_head (make_jpeg (), sizeof jpeg_8x8 - 10); }

/* what some cameras do: data after EOI */
static GBytes *
make_jpeg_trailing (void)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, jpeg_8x8, sizeof jpeg_8x8);
  g_byte_array_append (out, (const guint8 *) "trailing maker data", 19);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *make_png (void) { return build_png (); }
static GBytes *make_png_after_ihdr (void) { return bytes_head (build_png (), 8 + 25); }
static GBytes *make_png_cut (void) { return bytes_drop_tail (build_png (), 6); }

static GBytes *
make_png_bad_crc (void)
{
  g_autoptr(GBytes) png = build_png ();
  gsize len, idat = bytes_rfind (png, "IDAT");
  const guint8 *original = g_bytes_get_data (png, &len);
  guint8 *data = g_memdup2 (original, len);

  data[idat + 6] ^= 0x5a;
  return g_bytes_new_take (data, len);
}

static GBytes *make_gif (void) { return g_bytes_new_static (gif_1x1, sizeof gif_1x1); }
static GBytes *make_gif_cut (void) { return bytes_head (make_gif (), sizeof gif_1x1 - 4); }
static GBytes *make_bmp (void) { return build_bmp (); }
static GBytes *make_bmp_cut (void) { return bytes_drop_tail (build_bmp (), 6); }
static GBytes *make_tiff (void) { return build_tiff (3, FALSE); }
/* the last directory loses its second half */
static GBytes *make_tiff_ifd_cut (void) { return bytes_drop_tail (build_tiff (3, FALSE), 60); }
/* the last page's pixels run past the end */
static GBytes *make_tiff_data_cut (void) { return bytes_drop_tail (build_tiff (3, TRUE), 4); }

static GBytes *
make_xlsx (void)
{
  const char *const entries[] = {
    "[Content_Types].xml", content_types,
    "xl/workbook.xml", "<workbook/>",
    "xl/worksheets/sheet1.xml", "<worksheet/>",
    NULL,
  };
  return build_zip (entries);
}

static GBytes *
make_docx (void)
{
  const char *const entries[] = {
    "[Content_Types].xml", content_types,
    "word/document.xml", "<document/>",
    NULL,
  };
  return build_zip (entries);
}

static GBytes *
make_zip (void)
{
  const char *const entries[] = { "readme.txt", "just a zip", NULL };
  return build_zip (entries);
}

static GBytes *
make_xlsx_cut (void)
{
  GBytes *zip = make_xlsx ();

  /* the central directory is at the end */
  return bytes_head (zip, bytes_rfind (zip, "PK\x01\x02") + 10);
}

static GBytes *
make_xls (void)
{
  const char *const streams[] = { "Workbook", "\x05SummaryInformation", NULL };
  return build_ole2 (streams);
}

static GBytes *
make_xlsx_encrypted (void)
{
  const char *const streams[] = { "EncryptionInfo", "EncryptedPackage", NULL };
  return build_ole2 (streams);
}

static GBytes *
make_doc (void)
{
  const char *const streams[] = { "WordDocument", "1Table", NULL };
  return build_ole2 (streams);
}

static GBytes *
make_csv_utf8 (void)
{
  static const char text[] = "資料番号,資料名称,ファイル名\r\n資料1,情報セキュリティ基本方針,資料1.pdf\r\n";
  return g_bytes_new_static (text, sizeof text - 1);
}

static GBytes *
make_csv_cp932 (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  char *text = g_convert ("資料番号,資料名称,ファイル名\r\n資料1,情報セキュリティ基本方針,資料1.pdf\r\n"
                          "資料2,ソフトウェア開発管理規程,資料2.pdf\r\n",
                          -1, "CP932", "UTF-8", NULL, &len, &error);

  g_assert_no_error (error);
  return g_bytes_new_take (text, len);
}

static GBytes *
make_binary (void)
{
  guint8 *b = g_malloc (4096);
  guint32 x = 2463534242u;

  for (guint i = 0; i < 4096; i++)
    {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      b[i] = x & 0xff;
    }
  return g_bytes_new_take (b, 4096);
}

static GBytes *
make_html (void)
{
  static const char text[] = "<!DOCTYPE html>\n<html lang=\"ja\"><head><title>サービス仕様</title></head>"
                             "<body><p>https://example.jp/sla 2024年4月1日</p></body></html>\n";
  return g_bytes_new_static (text, sizeof text - 1);
}

static GBytes *
make_text (void)
{
  static const char text[] = "提出物についての覚え書き\n";
  return g_bytes_new_static (text, sizeof text - 1);
}

static GBytes *make_empty (void) { return g_bytes_new_static ("", 0); }

/* ---- the table --------------------------------------------------------- */

#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define OK SHINSA_DOCUMENT_STATUS_OK
#define UNREADABLE SHINSA_DOCUMENT_STATUS_UNREADABLE
#define ENCRYPTED SHINSA_DOCUMENT_STATUS_ENCRYPTED

typedef struct {
  const char *test;             /* test path component */
  const char *name;             /* file name in the submission */
  GBytes *(*make) (void);
  gboolean check_images;
  const char *media_type;
  ShinsaDocumentStatus status;
  int pages;
  const char *code;             /* the one finding expected, or NULL for none */
  ShinsaSeverity severity;
} ProbeCase;

static const ProbeCase probe_cases[] = {
  { "pdf/ok", "資料1_基本方針.pdf", make_pdf, TRUE, "application/pdf", OK, 2, NULL },
  { "pdf/ok-cairo", "資料2_cairo.pdf", make_pdf_cairo, TRUE, "application/pdf", OK, 3, NULL },
  { "pdf/padded-after-eof", "padded.pdf", make_pdf_padded, TRUE, "application/pdf", OK, 2, NULL },
  { "pdf/upper-case-extension", "SCAN.PDF", make_pdf_one, TRUE, "application/pdf", OK, 1, NULL },
  { "pdf/no-eof-marker", "no-eof.pdf", make_pdf_no_eof_marker, TRUE, "application/pdf", OK, 2, NULL },
  { "pdf/incremental-update", "updated.pdf", make_pdf_update, TRUE, "application/pdf", OK, 3, NULL },
  { "pdf/update-truncated", "update-cut.pdf", make_pdf_update_cut, TRUE, "application/pdf", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/truncated", "cut.pdf", make_pdf_cut, TRUE, "application/pdf", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/truncated-late", "cut-late.pdf", make_pdf_cut_late, TRUE, "application/pdf", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/truncated-cairo", "cut-cairo.pdf", make_pdf_cairo_cut, TRUE, "application/pdf", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/no-trailer", "no-trailer.pdf", make_pdf_no_trailer, TRUE, "application/pdf", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/bad-startxref", "bad-startxref.pdf", make_pdf_bad_startxref, TRUE, "application/pdf", OK, 2,
    "DOC-REPAIRED", SHINSA_SEVERITY_WARNING },
  { "pdf/stale-offsets", "stale.pdf", make_pdf_stale_offsets, TRUE, "application/pdf", OK, 2,
    "DOC-REPAIRED", SHINSA_SEVERITY_WARNING },
  { "pdf/missing-page", "missing-page.pdf", make_pdf_missing_page, TRUE, "application/pdf", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/encrypted", "資料2_暗号化.pdf", make_pdf_encrypted, TRUE, "application/pdf", ENCRYPTED, -1,
    "DOC-ENCRYPTED", SHINSA_SEVERITY_ERROR },
  { "pdf/garbage", "garbage.pdf", make_pdf_garbage, TRUE, "application/pdf", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/empty", "empty.pdf", make_empty, TRUE, "application/x-zerosize", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/really-jpeg", "資料4_実はJPEG.pdf", make_jpeg, TRUE, "image/jpeg", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/really-html", "saved-page.pdf", make_html, TRUE, "text/html", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "pdf/really-docx", "form.pdf", make_docx, TRUE, DOCX, UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },

  { "jpeg/ok", "scan.jpg", make_jpeg, TRUE, "image/jpeg", OK, 1, NULL },
  { "jpeg/trailing-data", "camera.jpeg", make_jpeg_trailing, TRUE, "image/jpeg", OK, 1, NULL },
  { "jpeg/truncated", "cut.jpg", make_jpeg_cut, TRUE, "image/jpeg", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "jpeg/truncated-unchecked", "cut.jpg", make_jpeg_cut, FALSE, "image/jpeg", OK, 1, NULL },
  { "png/ok", "diagram.png", make_png, TRUE, "image/png", OK, 1, NULL },
  { "png/after-ihdr", "資料6_壊れた画像.png", make_png_after_ihdr, TRUE, "image/png", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "png/no-iend", "cut.png", make_png_cut, TRUE, "image/png", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "png/bad-crc", "crc.png", make_png_bad_crc, TRUE, "image/png", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "png/bad-crc-unchecked", "crc.png", make_png_bad_crc, FALSE, "image/png", OK, 1, NULL },
  { "png/named-jpg", "photo.jpg", make_png, TRUE, "image/png", OK, 1,
    "DOC-TYPE-MISMATCH", SHINSA_SEVERITY_WARNING },
  { "gif/ok", "logo.gif", make_gif, TRUE, "image/gif", OK, 1, NULL },
  { "gif/truncated", "cut.gif", make_gif_cut, TRUE, "image/gif", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "bmp/ok", "old.bmp", make_bmp, TRUE, "image/bmp", OK, 1, NULL },
  { "bmp/truncated", "cut.bmp", make_bmp_cut, TRUE, "image/bmp", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "tiff/three-pages", "資料7_複数ページ.tif", make_tiff, TRUE, "image/tiff", OK, 3, NULL },
  { "tiff/three-pages-unchecked", "pages.tiff", make_tiff, FALSE, "image/tiff", OK, 3, NULL },
  { "tiff/directory-cut", "cut.tif", make_tiff_ifd_cut, TRUE, "image/tiff", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "tiff/data-cut", "cut-data.tif", make_tiff_data_cut, TRUE, "image/tiff", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "tiff/data-cut-unchecked", "cut-data.tif", make_tiff_data_cut, FALSE, "image/tiff", OK, 3, NULL },

  { "office/xlsx", "申請書B.xlsx", make_xlsx, TRUE, XLSX, OK, -1, NULL },
  { "office/docx", "申請書A.docx", make_docx, TRUE, DOCX, OK, -1, NULL },
  { "office/xlsx-really-zip", "申請書B.xlsx", make_zip, TRUE, "application/zip", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "office/xlsx-truncated", "申請書B.xlsx", make_xlsx_cut, TRUE, XLSX, UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "office/xlsx-encrypted", "申請書B.xlsx", make_xlsx_encrypted, TRUE, XLSX, ENCRYPTED, -1,
    "DOC-ENCRYPTED", SHINSA_SEVERITY_ERROR },
  { "office/xls", "申請書B.xls", make_xls, TRUE, "application/vnd.ms-excel", OK, -1, NULL },
  { "office/xls-named-xlsx", "申請書B.xlsx", make_xls, TRUE, "application/vnd.ms-excel", OK, -1,
    "DOC-TYPE-MISMATCH", SHINSA_SEVERITY_WARNING },
  { "office/doc-named-xls", "申請書B.xls", make_doc, TRUE, "application/msword", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "office/zip", "evidence.zip", make_xlsx, TRUE, XLSX, OK, -1, NULL },

  { "text/csv-utf8", "資料内訳書.csv", make_csv_utf8, TRUE, "text/csv", OK, -1, NULL },
  { "text/csv-cp932", "資料内訳書.csv", make_csv_cp932, TRUE, "text/csv", OK, -1, NULL },
  { "text/csv-binary", "資料内訳書.csv", make_binary, TRUE, "application/octet-stream", UNREADABLE, -1,
    "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR },
  { "text/html", "sla.html", make_html, TRUE, "text/html", OK, -1, NULL },
  { "text/no-extension", "覚え書き", make_text, TRUE, "text/plain", OK, -1, NULL },
  { "other/unknown", "blob.dat", make_binary, TRUE, "application/octet-stream", OK, -1,
    "DOC-UNKNOWN-TYPE", SHINSA_SEVERITY_INFO },
};

static void
check_finding (ShinsaContext *ctx, ShinsaDocument *doc, const char *code, ShinsaSeverity severity)
{
  g_autoptr(GPtrArray) findings = findings_for (ctx, shinsa_document_get_path (doc));
  ShinsaFinding *f;

  if (code == NULL)
    {
      if (findings->len > 0)
        g_test_message ("unexpected %s: %s", ((ShinsaFinding *) findings->pdata[0])->code,
                        ((ShinsaFinding *) findings->pdata[0])->message);
      g_assert_cmpuint (findings->len, ==, 0);
      return;
    }
  g_assert_cmpuint (findings->len, ==, 1);
  f = g_ptr_array_index (findings, 0);
  g_test_message ("%s %s: %s", f->code, shinsa_severity_to_string (f->severity), f->message);
  g_assert_cmpstr (f->code, ==, code);
  g_assert_cmpint (f->severity, ==, severity);
  /* the examiner's message names the file by its path in the submission */
  g_assert_nonnull (strstr (f->message, shinsa_document_get_path (doc)));
  g_assert_cmpstr (f->path, ==, shinsa_document_get_path (doc));
  g_assert_cmpstr (f->document, ==, shinsa_document_get_id (doc) != NULL
                                    ? shinsa_document_get_id (doc)
                                    : shinsa_document_get_path (doc));
}

static void
test_probe (gconstpointer data)
{
  const ProbeCase *c = data;
  g_autofree char *dir = make_folder ();
  g_autoptr(GBytes) bytes = c->make ();
  StageRun run = { 0 };
  ShinsaDocument *doc;

  write_bytes (dir, c->name, bytes);
  stage_run (&run, dir, c->check_images, 0);

  doc = shinsa_submission_find_document (run.submission, c->name);
  g_assert_nonnull (doc);
  g_test_message ("status reason: %s", shinsa_document_get_status_reason (doc));
  g_assert_cmpstr (shinsa_document_get_media_type (doc), ==, c->media_type);
  g_assert_cmpstr (shinsa_document_status_to_string (shinsa_document_get_status (doc)), ==,
                   shinsa_document_status_to_string (c->status));
  g_assert_cmpint (shinsa_document_get_pages (doc), ==, c->pages);
  if (c->status != OK)
    g_assert_nonnull (shinsa_document_get_status_reason (doc));
  check_finding (run.ctx, doc, c->code, c->severity);

  stage_run_clear (&run);
  remove_folder (dir);
}

/* ---- the stage as a whole ---------------------------------------------- */

static void
test_stage_info (void)
{
  const ShinsaStageInfo *stage = get_stage ();
  const ShinsaPluginInfo *plugin = shinsa_registry_find_plugin_for_stage (registry, "documents");

  g_assert_nonnull (plugin);
  g_assert_cmpstr (plugin->name, ==, "documents");
  g_assert_cmpstr (stage->name, ==, "documents");
  g_assert_true (g_strv_contains (stage->needs, "files"));
  g_assert_true (g_strv_contains (stage->provides, "documents"));
  g_assert_nonnull (stage->description_ja);
  g_assert_nonnull (stage->options);
  g_assert_cmpstr (stage->options[0].name, ==, "check-images");
  g_assert_cmpint (stage->options[0].type, ==, SHINSA_OPTION_BOOL);
  g_assert_cmpstr (stage->options[1].name, ==, "isolate");
  g_assert_cmpstr (stage->options[1].default_value, ==, "true");
  g_assert_cmpstr (stage->options[2].name, ==, "timeout");
  g_assert_null (stage->options[3].name);
}

static void
test_stage_bad_option (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  static const char text[] =
    "[pipeline]\nname=t\n\n[documents]\nplugin=documents\ncheck-images=sometimes\n";

  g_test_summary ("check-images is a boolean, checked when the pipeline loads");
  pipeline = shinsa_pipeline_load_data (registry, text, -1, "t.pipeline", NULL, &error);
  g_assert_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_BAD_VALUE);
  g_assert_null (pipeline);
}

/* many files of every case at once, on a pool: the same outcome as alone */
static void
test_stage_parallel (void)
{
  g_autofree char *dir = make_folder ();
  StageRun run = { 0 };
  GPtrArray *documents;
  guint n_cases = 0;

  g_test_summary ("probing spread over worker threads gives each document its own result");
  for (guint i = 0; i < G_N_ELEMENTS (probe_cases); i++)
    {
      const ProbeCase *c = &probe_cases[i];
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *name = NULL;

      if (!c->check_images)
        continue;
      bytes = c->make ();
      name = g_strdup_printf ("%02u-%s", i, c->name);
      write_bytes (dir, name, bytes);
      n_cases++;
    }
  stage_run (&run, dir, TRUE, 4);

  documents = shinsa_context_get_documents (run.ctx);
  g_assert_cmpuint (documents->len, ==, n_cases);
  for (guint i = 0; i < G_N_ELEMENTS (probe_cases); i++)
    {
      const ProbeCase *c = &probe_cases[i];
      g_autofree char *name = NULL;
      ShinsaDocument *doc;

      if (!c->check_images)
        continue;
      name = g_strdup_printf ("%02u-%s", i, c->name);
      doc = shinsa_submission_find_document (run.submission, name);
      g_assert_nonnull (doc);
      g_assert_cmpstr (shinsa_document_get_media_type (doc), ==, c->media_type);
      g_assert_cmpint (shinsa_document_get_status (doc), ==, c->status);
      g_assert_cmpint (shinsa_document_get_pages (doc), ==, c->pages);
    }

  /* later stages need "documents": the same array the context lists */
  g_assert_true (shinsa_context_get_artifact (run.ctx, "documents") == documents);

  stage_run_clear (&run);
  remove_folder (dir);
}

static void
test_stage_cancelled (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ShinsaWorkerPool *pool = NULL;
  StageRun run = { 0 };
  gboolean ok;

  write_bytes (dir, "a.pdf", pdf);
  stage_prepare (&run, dir, TRUE, 0, &pool);
  g_cancellable_cancel (cancellable);
  shinsa_context_set_cancellable (run.ctx, cancellable);

  ok = get_stage ()->run (run.ctx, shinsa_pipeline_get_options (run.pipeline, 0), &error);
  g_assert_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_CANCELLED);
  g_assert_false (ok);
  g_assert_false (shinsa_context_has_artifact (run.ctx, "documents"));
  g_assert_cmpuint (shinsa_context_get_findings (run.ctx)->len, ==, 0);

  stage_run_clear (&run);
  remove_folder (dir);
}

/* ---- fixtures/damaged -------------------------------------------------- */

static const struct {
  const char *name;
  const char *media_type;
  ShinsaDocumentStatus status;
  int pages;
  const char *code;
} damaged[] = {
  { "資料1_正常な文書.pdf", "application/pdf", OK, 2, NULL },
  { "資料2_暗号化文書.pdf", "application/pdf", ENCRYPTED, -1, "DOC-ENCRYPTED" },
  { "資料3_途中で切れた文書.pdf", "application/pdf", UNREADABLE, -1, "DOC-UNREADABLE" },
  { "資料4_実はJPEG.pdf", "image/jpeg", UNREADABLE, -1, "DOC-UNREADABLE" },
  { "資料5_空ファイル.pdf", "application/x-zerosize", UNREADABLE, -1, "DOC-UNREADABLE" },
  { "資料6_壊れた画像.png", "image/png", UNREADABLE, -1, "DOC-UNREADABLE" },
  { "資料7_複数ページ.tif", "image/tiff", OK, 3, NULL },
};

static void
test_fixture_damaged (void)
{
  const char *dir = g_test_get_filename (G_TEST_DIST, "..", "fixtures", "damaged", NULL);
  StageRun run = { 0 };
  GPtrArray *documents;

  g_test_summary ("the committed damaged submission: one finding per broken file, none for the rest");
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("fixtures/damaged is not there");
      return;
    }
  stage_run (&run, dir, TRUE, 2);

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      ShinsaDocument *doc = shinsa_submission_find_document (run.submission, damaged[i].name);

      g_test_message ("%s", damaged[i].name);
      g_assert_nonnull (doc);
      g_test_message ("status reason: %s", shinsa_document_get_status_reason (doc));
      g_assert_cmpstr (shinsa_document_get_media_type (doc), ==, damaged[i].media_type);
      g_assert_cmpint (shinsa_document_get_status (doc), ==, damaged[i].status);
      g_assert_cmpint (shinsa_document_get_pages (doc), ==, damaged[i].pages);
      check_finding (run.ctx, doc, damaged[i].code, SHINSA_SEVERITY_ERROR);
    }

  /* the rest (submission.ini, README) are plain text with nothing to say */
  documents = shinsa_context_get_documents (run.ctx);
  for (guint i = 0; i < documents->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (documents, i);

      g_assert_cmpint (shinsa_document_get_status (doc), !=, SHINSA_DOCUMENT_STATUS_UNKNOWN);
      if (!g_str_has_prefix (shinsa_document_get_basename (doc), "資料"))
        {
          g_assert_cmpstr (shinsa_document_get_media_type (doc), ==, "text/plain");
          check_finding (run.ctx, doc, NULL, SHINSA_SEVERITY_INFO);
        }
    }

  stage_run_clear (&run);
}

/* what the stage said about every document of @folder, as one text */
static char *
describe_stage (const char *folder)
{
  StageRun run = { 0 };
  GString *out = g_string_new (NULL);
  GPtrArray *documents;

  stage_run (&run, folder, TRUE, 2);
  documents = shinsa_context_get_documents (run.ctx);
  for (guint i = 0; i < documents->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (documents, i);
      g_autoptr(GPtrArray) findings = findings_for (run.ctx, shinsa_document_get_path (doc));

      g_string_append_printf (out, "%s %s pages=%d status=%d reason=%s\n", shinsa_document_get_path (doc),
                              shinsa_document_get_media_type (doc), shinsa_document_get_pages (doc),
                              shinsa_document_get_status (doc), shinsa_document_get_status_reason (doc));
      for (guint j = 0; j < findings->len; j++)
        {
          ShinsaFinding *f = g_ptr_array_index (findings, j);
          g_string_append_printf (out, "  %s %s\n", f->code, f->message);
        }
    }
  stage_run_clear (&run);
  return g_string_free (out, FALSE);
}

static void
test_isolation_same (void)
{
  const char *names[] = { "damaged", "defects", "sample" };

  g_test_summary ("poppler and libtiff in the parser process say exactly what they say in this process: "
                  "media type, pages, status, reason and finding of every fixture document");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "fixtures", names[i], NULL);
      g_autofree char *isolated = NULL;
      g_autofree char *here = NULL;

      stage_isolate = TRUE;
      isolated = describe_stage (dir);
      stage_isolate = FALSE;
      here = describe_stage (dir);
      stage_isolate = TRUE;
      g_assert_cmpstr (isolated, ==, here);
      /* the damaged fixture's encrypted, truncated and multi-page files are there */
      if (i == 0)
        {
          g_assert_nonnull (strstr (isolated, "DOC-ENCRYPTED"));
          g_assert_nonnull (strstr (isolated, "image/tiff pages=3"));
        }
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) errors = NULL;
  int status;

  /* so that the Japanese messages in the log read as such */
  setlocale (LC_ALL, "");
  /* no G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the strings it sets, and
   * nothing here reads XDG folders */
  g_test_init (&argc, &argv, NULL);

  registry = shinsa_registry_new ();
  shinsa_registry_scan (registry, NULL, &errors);
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    g_test_message ("plugin refused: %s", ((GError *) errors->pdata[i])->message);

  g_test_add_func ("/documents/stage/info", test_stage_info);
  g_test_add_func ("/documents/stage/bad-option", test_stage_bad_option);
  g_test_add_func ("/documents/stage/parallel", test_stage_parallel);
  g_test_add_func ("/documents/stage/cancelled", test_stage_cancelled);
  g_test_add_func ("/documents/fixtures/damaged", test_fixture_damaged);
  g_test_add_func ("/documents/isolation/same", test_isolation_same);
  for (guint i = 0; i < G_N_ELEMENTS (probe_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/documents/probe/%s", probe_cases[i].test);
      g_test_add_data_func (path, &probe_cases[i], test_probe);
    }

  status = g_test_run ();
  g_object_unref (registry);
  return status;
}
