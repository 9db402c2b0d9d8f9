/* Font colours from .xls workbooks: biff.c's reader of the OLE2 container
 * and BIFF8 records, matched to libfreexl's values in the worker.
 *
 * tests/data/renewal-red.xls is fixtures/renewal/current/申請書B.xlsx saved
 * by LibreOffice as BIFF8: the same items must come out red from both.  A
 * small workbook is written here byte by byte for what LibreOffice does not
 * write (a string whose CONTINUE switches from one-byte to UTF-16
 * characters, a custom palette, the mini stream), and damaged copies of both
 * are read in this process, so that AddressSanitizer sees every read.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "biff.h"
#include "form.h"

/* ---- the renewal form, .xls against .xlsx ------------------------------------------ */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static ShinsaForm *
read_form (FormBook *book)
{
  g_autoptr(GError) error = NULL;
  ShinsaForm *form = shinsa_form_new ();

  g_assert_true (formb_read (book, form, &error));
  g_assert_no_error (error);
  return form;
}

/* the red text of @runs, "" when none; without white space, whose colour
 * cannot be seen (LibreOffice moves a line end into the run before it) */
static char *
red_text (GArray *runs, guint32 *last_red)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const ShinsaFormRun *run = &g_array_index (runs, ShinsaFormRun, i);
      if (!shinsa_form_run_is_red (run))
        continue;
      for (const char *p = run->text; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          g_string_append_unichar (s, g_utf8_get_char (p));
      *last_red = run->color;
    }
  return g_string_free (s, FALSE);
}

static void
test_renewal_red (void)
{
  g_autofree char *xls = data_path ("renewal-red.xls");
  g_autofree char *xlsx = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal", "current",
                                                 "申請書B.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book_xls = NULL;
  g_autoptr(FormBook) book_xlsx = NULL;
  g_autoptr(ShinsaForm) form_xls = NULL;
  g_autoptr(ShinsaForm) form_xlsx = NULL;
  guint red_items = 0, plain_items = 0, pure_red = 0;
  FormLimits limits;

  g_test_summary ("the renewal's 申請書B saved as .xls: through the worker, the same items and the same "
                  "text are red as in the .xlsx it was saved from, and the others have no red");
  form_limits_init_default (&limits);
  book_xls = form_read_xls (xls, "申請書B.xls", &limits, &error);
  g_assert_no_error (error);
  book_xlsx = form_read_xlsx (xlsx, "申請書B.xlsx", &limits, &error);
  g_assert_no_error (error);
  form_xls = read_form (book_xls);
  form_xlsx = read_form (book_xlsx);

  g_assert_cmpuint (form_xls->items->len, ==, form_xlsx->items->len);
  for (guint i = 0; i < form_xls->items->len; i++)
    {
      ShinsaFormItem *a = g_ptr_array_index (form_xls->items, i);
      ShinsaFormItem *b = g_ptr_array_index (form_xlsx->items, i);
      guint32 colour_a = 0, colour_b = 0;
      g_autofree char *content_a = red_text (a->content_runs, &colour_a);
      g_autofree char *content_b = red_text (b->content_runs, &colour_b);
      g_autofree char *evidence_a = red_text (a->evidence_runs, &colour_a);
      g_autofree char *evidence_b = red_text (b->evidence_runs, &colour_b);

      g_assert_cmpint (a->no, ==, b->no);
      g_assert_cmpstr (a->content, ==, b->content);
      g_assert_cmpstr (content_a, ==, content_b);
      g_assert_cmpstr (evidence_a, ==, evidence_b);
      if (*content_a != '\0' || *evidence_a != '\0')
        {
          /* BIFF keeps the xlsx's colour when it is in the palette (red
           * itself), else the nearest palette colour: still red */
          red_items++;
          if (colour_b == 0xFF0000)
            {
              g_assert_cmphex (colour_a, ==, 0xFF0000);
              pure_red++;
            }
        }
      else
        plain_items++;
    }
  g_test_message ("%u items with red, %u without (%u in FF0000)", red_items, plain_items, pure_red);
  g_assert_cmpuint (red_items, >, 0);
  g_assert_cmpuint (pure_red, >, 0);
  g_assert_cmpuint (plain_items, >, red_items);
}

/* in this process (what the worker runs), the same runs as through it */
static void
test_renewal_direct (void)
{
  g_autofree char *xls = data_path ("renewal-red.xls");
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) worker = NULL;
  g_autoptr(FormBook) direct = NULL;
  FormLimits limits;
  guint coloured = 0;

  form_limits_init_default (&limits);
  worker = form_read_xls (xls, "申請書B.xls", &limits, &error);
  g_assert_no_error (error);
  direct = form_read_xls_direct (xls, "申請書B.xls", &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (worker->sheets->len, ==, direct->sheets->len);
  for (guint s = 0; s < direct->sheets->len; s++)
    {
      FormSheet *ws = g_ptr_array_index (worker->sheets, s);
      FormSheet *ds = g_ptr_array_index (direct->sheets, s);
      GHashTableIter iter;
      gpointer value;

      g_assert_cmpuint (g_hash_table_size (ws->cells), ==, g_hash_table_size (ds->cells));
      g_hash_table_iter_init (&iter, ds->cells);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          FormCell *d = value;
          FormCell *w = form_sheet_get (ws, d->row, d->col, FALSE);
          g_autoptr(GString) joined = g_string_new (NULL);

          g_assert_nonnull (w);
          g_assert_cmpstr (w->text, ==, d->text);
          g_assert_cmpuint (w->runs->len, ==, d->runs->len);
          for (guint r = 0; r < d->runs->len; r++)
            {
              const ShinsaFormRun *dr = &g_array_index (d->runs, ShinsaFormRun, r);
              const ShinsaFormRun *wr = &g_array_index (w->runs, ShinsaFormRun, r);

              g_assert_cmpstr (wr->text, ==, dr->text);
              g_assert_cmpint (wr->has_color, ==, dr->has_color);
              g_assert_cmphex (wr->color, ==, dr->color);
              g_assert_cmpint (wr->strike, ==, dr->strike);
              g_string_append (joined, dr->text);
              coloured += dr->has_color;
            }
          g_assert_cmpstr (joined->str, ==, d->text);
        }
    }
  g_assert_cmpuint (coloured, >, 0);
}

/* a header that libfreexl reads past and biff.c refuses (a byte order
 * mark other than FFFE): the values as before, no colours, no error */
static void
test_renewal_no_colours (void)
{
  g_autofree char *xls = data_path ("renewal-red.xls");
  g_autofree char *dir = g_dir_make_tmp ("shinsa-test-xls-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "申請書B.xls", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) good = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autoptr(ShinsaForm) good_form = NULL;
  g_autoptr(ShinsaForm) form = NULL;
  FormLimits limits;
  gsize size;

  g_assert_true (g_file_get_contents (xls, &contents, &size, NULL));
  contents[0x1C] = 0;
  g_assert_null (biff_book_read ((const guint8 *) contents, size, &error));
  g_assert_error (error, FORM_ERROR, FORM_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (out, contents, (gssize) size, NULL));
  form_limits_init_default (&limits);
  good = form_read_xls (xls, "申請書B.xls", &limits, &error);
  g_assert_no_error (error);
  book = form_read_xls (out, "申請書B.xls", &limits, &error);
  g_assert_no_error (error);
  good_form = read_form (good);
  form = read_form (book);
  g_assert_cmpuint (form->items->len, ==, good_form->items->len);
  for (guint i = 0; i < form->items->len; i++)
    {
      ShinsaFormItem *a = g_ptr_array_index (form->items, i);
      ShinsaFormItem *b = g_ptr_array_index (good_form->items, i);

      g_assert_cmpstr (a->content, ==, b->content);
      g_assert_cmpstr (a->evidence, ==, b->evidence);
      for (guint r = 0; r < a->content_runs->len; r++)
        g_assert_false (g_array_index (a->content_runs, ShinsaFormRun, r).has_color);
    }
  g_unlink (out);
  g_rmdir (dir);
}

/* ---- a workbook written here ---------------------------------------------------------- */

static void
put16 (GByteArray *a, guint v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };
  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a, guint32 v)
{
  put16 (a, v & 0xffff);
  put16 (a, v >> 16);
}

static void
set32 (GByteArray *a, guint off, guint32 v)
{
  for (guint i = 0; i < 4; i++)
    a->data[off + i] = (v >> (8 * i)) & 0xff;
}

static void
record (GByteArray *s, guint type, const void *body, gsize len)
{
  put16 (s, type);
  put16 (s, (guint) len);
  g_byte_array_append (s, body, (guint) len);
}

/* the Workbook stream: fonts 0–3 automatic, font "5" (the fifth record:
 * index 4 is never used) colour 10, font 6 colour 12 struck; a PALETTE
 * that makes 10 0xCC0000; an SST whose first string "ab日本" starts in
 * one-byte characters and goes on in UTF-16 in a CONTINUE, with runs at 2
 * (font 5) and 3 (font 6); its second "x\r\ny"; a sheet "S" with A1 on
 * string 0 (XF 0), A2 on string 1 (XF 1: font 5), A3 a number (XF 1),
 * B3:C3 numbers in a MULRK (XF 0, XF 1) */
static GByteArray *
write_stream (gsize pad_to)
{
  GByteArray *s = g_byte_array_new ();
  g_autoptr(GByteArray) body = g_byte_array_new ();
  static const guint8 bof_globals[16] = { 0x00, 0x06, 0x05, 0x00 };
  static const guint8 bof_sheet[16] = { 0x00, 0x06, 0x10, 0x00 };
  guint boundsheet_at;

  record (s, 0x0809, bof_globals, sizeof bof_globals);
  for (guint f = 0; f < 6; f++)
    {
      guint8 font[16] = { 0xC8, 0x00 };
      guint icv = f == 4 ? 10 : f == 5 ? 12 : 0x7FFF;

      font[2] = f == 5 ? 0x08 : 0;    /* struck out */
      font[4] = icv & 0xff;
      font[5] = icv >> 8;
      record (s, 0x0031, font, sizeof font);
    }
  for (guint x = 0; x < 2; x++)
    {
      guint8 xf[20] = { x == 0 ? 0 : 5, 0 };
      record (s, 0x00E0, xf, sizeof xf);
    }
  g_byte_array_set_size (body, 0);
  put16 (body, 56);
  for (guint i = 0; i < 56; i++)
    put32 (body, i == 2 ? 0x0000CC : i == 4 ? 0xFF0000 : 0x808080);   /* bytes R, G, B, 0 */
  record (s, 0x0092, body->data, body->len);

  g_byte_array_set_size (body, 0);
  put32 (body, 0);              /* its BOF's offset, set below */
  put16 (body, 0);              /* visible worksheet */
  g_byte_array_append (body, (const guint8 *) "\x01\x00S", 3);
  boundsheet_at = s->len + 4;
  record (s, 0x0085, body->data, body->len);

  /* SST: 2 strings; the first's header and "ab" here */
  g_byte_array_set_size (body, 0);
  put32 (body, 2);
  put32 (body, 2);
  put16 (body, 4);              /* cch */
  g_byte_array_append (body, (const guint8 *) "\x08", 1);   /* rich, one-byte */
  put16 (body, 2);              /* runs */
  g_byte_array_append (body, (const guint8 *) "ab", 2);
  record (s, 0x00FC, body->data, body->len);
  /* CONTINUE: option byte (UTF-16), 日本, the runs, the second string */
  g_byte_array_set_size (body, 0);
  g_byte_array_append (body, (const guint8 *) "\x01", 1);
  put16 (body, 0x65E5);
  put16 (body, 0x672C);
  put16 (body, 2);
  put16 (body, 5);
  put16 (body, 3);
  put16 (body, 6);
  put16 (body, 4);
  g_byte_array_append (body, (const guint8 *) "\x00x\r\ny", 5);
  record (s, 0x003C, body->data, body->len);
  while (s->len + 4 < pad_to)
    {
      guint8 zeros[512] = { 0 };
      record (s, 0x00EB, zeros, MIN (sizeof zeros, pad_to - s->len - 4));
    }
  record (s, 0x000A, NULL, 0);

  set32 (s, boundsheet_at, s->len);
  record (s, 0x0809, bof_sheet, sizeof bof_sheet);
  {
    static const guint8 a1[10] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    static const guint8 a2[10] = { 1, 0, 0, 0, 1, 0, 1, 0, 0, 0 };
    static const guint8 a3[14] = { 2, 0, 0, 0, 1, 0 };
    static const guint8 mulrk[18] = { 2, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 2, 0 };

    record (s, 0x00FD, a1, sizeof a1);
    record (s, 0x00FD, a2, sizeof a2);
    record (s, 0x0203, a3, sizeof a3);
    record (s, 0x00BD, mulrk, sizeof mulrk);
  }
  record (s, 0x000A, NULL, 0);
  return s;
}

/* a version 3 compound file (512-byte sectors): sector 0 the FAT, 1 the
 * directory, then the stream; under 4096 bytes it goes in the mini stream,
 * with sector 2 the mini FAT and the root's chain after it */
static GBytes *
write_cfb (GByteArray *stream)
{
  g_autoptr(GByteArray) f = g_byte_array_new ();
  gboolean mini = stream->len < 4096;
  guint32 fat[128];
  guint n_stream = (stream->len + 511) / 512;
  guint first = mini ? 3 : 2;
  guint8 dir[512] = { 0 };
  static const guint8 magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  g_assert_cmpuint (first + n_stream, <=, 128);
  g_byte_array_set_size (f, 512);
  memset (f->data, 0, 512);
  memcpy (f->data, magic, 8);
  f->data[0x18] = 0x3E;
  f->data[0x1A] = 3;
  f->data[0x1C] = 0xFE;
  f->data[0x1D] = 0xFF;
  f->data[0x1E] = 9;
  f->data[0x20] = 6;
  set32 (f, 0x2C, 1);           /* FAT sectors */
  set32 (f, 0x30, 1);           /* directory */
  set32 (f, 0x38, 4096);
  set32 (f, 0x3C, mini ? 2 : 0xFFFFFFFE);
  set32 (f, 0x40, mini ? 1 : 0);
  set32 (f, 0x44, 0xFFFFFFFE);
  memset (f->data + 0x4C, 0xFF, 512 - 0x4C);
  set32 (f, 0x4C, 0);

  for (guint i = 0; i < 128; i++)
    fat[i] = 0xFFFFFFFF;
  fat[0] = 0xFFFFFFFD;
  fat[1] = 0xFFFFFFFE;
  if (mini)
    fat[2] = 0xFFFFFFFE;
  for (guint i = 0; i < n_stream; i++)
    fat[first + i] = i + 1 < n_stream ? first + i + 1 : 0xFFFFFFFE;
  for (guint i = 0; i < 128; i++)
    put32 (f, fat[i]);

  /* root entry, then "Workbook" */
  {
    const char *names[2] = { "Root Entry", "Workbook" };
    for (guint e = 0; e < 2; e++)
      {
        guint8 *d = dir + 128 * e;
        gsize n = strlen (names[e]);

        for (gsize i = 0; i < n; i++)
          d[2 * i] = (guint8) names[e][i];
        d[64] = (guint8) ((n + 1) * 2);
        d[66] = e == 0 ? 5 : 2;
        memset (d + 68, 0xFF, 12);
        if (e == 0)
          d[76] = 1;            /* child: the stream */
        if (e == 0 && mini)
          {
            d[116] = (guint8) first;
            d[120] = (guint8) ((n_stream * 512) & 0xff);
            d[121] = (guint8) ((n_stream * 512) >> 8);
          }
        else if (e == 0)
          memset (d + 116, 0xFE, 1), memset (d + 117, 0xFF, 3);
        else
          {
            d[116] = mini ? 0 : (guint8) first;
            d[120] = stream->len & 0xff;
            d[121] = (stream->len >> 8) & 0xff;
            d[122] = (stream->len >> 16) & 0xff;
          }
      }
    for (guint e = 2; e < 4; e++)
      memset (dir + 128 * e + 68, 0xFF, 12);
    g_byte_array_append (f, dir, sizeof dir);
  }
  if (mini)
    {
      guint n_mini = (stream->len + 63) / 64;
      g_assert_cmpuint (n_mini, <=, 128);
      for (guint i = 0; i < 128; i++)
        put32 (f, i < n_mini ? (i + 1 < n_mini ? i + 1 : 0xFFFFFFFE) : 0xFFFFFFFF);
    }
  g_byte_array_append (f, stream->data, stream->len);
  g_byte_array_set_size (f, 512 + (first + n_stream) * 512);
  memset (f->data + 512 * (first + 1) + stream->len, 0, f->len - 512 * (first + 1) - stream->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&f));
}

static GBytes *
written_workbook (gboolean mini)
{
  g_autoptr(GByteArray) stream = write_stream (mini ? 0 : 5000);
  return write_cfb (stream);
}

static void
assert_run (GArray *runs, guint i, const char *text, gboolean has_color, guint32 color, gboolean strike)
{
  const ShinsaFormRun *run;

  g_assert_cmpuint (i, <, runs->len);
  run = &g_array_index (runs, ShinsaFormRun, i);
  g_assert_cmpstr (run->text, ==, text);
  g_assert_cmpint (run->has_color, ==, has_color);
  if (has_color)
    g_assert_cmphex (run->color, ==, color);
  g_assert_cmpint (run->strike, ==, strike);
}

static void
test_written (gconstpointer data)
{
  gboolean mini = GPOINTER_TO_INT (data);
  g_autoptr(GBytes) bytes = written_workbook (mini);
  g_autoptr(GError) error = NULL;
  g_autoptr(BiffBook) book = NULL;
  g_autoptr(GArray) a1 = NULL;
  g_autoptr(GArray) a2 = NULL;
  g_autoptr(GArray) a3 = NULL;
  g_autoptr(GArray) b3 = NULL;
  g_autoptr(GArray) c3 = NULL;
  gsize size;
  const guint8 *p = g_bytes_get_data (bytes, &size);

  g_test_summary ("a CONTINUE switching to UTF-16 inside a rich string, its runs after it, "
                  "font index 4 skipped, a custom palette, strike-through, MULRK; in the "
                  "mini stream and in sectors");
  book = biff_book_read (p, size, &error);
  g_assert_no_error (error);
  g_assert_nonnull (book);

  a1 = biff_book_cell_runs (book, "S", 0, 0, "ab日本");
  g_assert_nonnull (a1);
  g_assert_cmpuint (a1->len, ==, 3);
  assert_run (a1, 0, "ab", FALSE, 0, FALSE);
  assert_run (a1, 1, "日", TRUE, 0xCC0000, FALSE);
  assert_run (a1, 2, "本", TRUE, 0x0000FF, TRUE);

  a2 = biff_book_cell_runs (book, "S", 1, 0, "x\r\ny");
  g_assert_nonnull (a2);
  g_assert_cmpuint (a2->len, ==, 1);
  assert_run (a2, 0, "x\ny", TRUE, 0xCC0000, FALSE);

  a3 = biff_book_cell_runs (book, "S", 2, 0, "3.5");
  g_assert_nonnull (a3);
  assert_run (a3, 0, "3.5", TRUE, 0xCC0000, FALSE);
  b3 = biff_book_cell_runs (book, "S", 2, 1, "1");
  g_assert_nonnull (b3);
  assert_run (b3, 0, "1", FALSE, 0, FALSE);
  c3 = biff_book_cell_runs (book, "S", 2, 2, "2");
  g_assert_nonnull (c3);
  assert_run (c3, 0, "2", TRUE, 0xCC0000, FALSE);

  /* not the string the runs are for, not a cell, not a sheet */
  g_assert_null (biff_book_cell_runs (book, "S", 0, 0, "abc"));
  g_assert_null (biff_book_cell_runs (book, "S", 5, 0, "x"));
  g_assert_null (biff_book_cell_runs (book, "T", 0, 0, "ab日本"));
}

/* ---- damaged files ------------------------------------------------------------------------ */

/* whatever biff.c makes of @data: no read out of range (AddressSanitizer),
 * a book or an error in FORM_ERROR, and runs that make up the text */
static void
read_damaged (const guint8 *data, gsize size)
{
  static const char *texts[] = { "ab日本", "x\r\ny", "3.5", "", "記入上の注意：「申請内容」" };
  g_autoptr(GError) error = NULL;
  g_autoptr(BiffBook) book = biff_book_read (data, size, &error);

  if (book == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == FORM_ERROR);
      return;
    }
  for (guint row = 0; row < 4; row++)
    for (guint col = 0; col < 4; col++)
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_autoptr(GArray) runs = biff_book_cell_runs (book, "S", row, col, texts[t]);
          g_autoptr(GString) joined = g_string_new (NULL);
          g_autoptr(GString) want = g_string_new (texts[t]);

          if (runs == NULL)
            continue;
          for (guint r = 0; r < runs->len; r++)
            g_string_append (joined, g_array_index (runs, ShinsaFormRun, r).text);
          g_string_replace (want, "\r\n", "\n", 0);
          g_assert_cmpstr (joined->str, ==, want->str);
        }
}

static void
test_written_damaged (void)
{
  for (int mini = 0; mini < 2; mini++)
    {
      g_autoptr(GBytes) bytes = written_workbook (mini);
      gsize size;
      const guint8 *p = g_bytes_get_data (bytes, &size);
      g_autofree guint8 *copy = g_malloc (size);

      /* every length it could be cut to; every byte set to 0x00, 0xFF, 0x80 */
      for (gsize n = 0; n < size; n++)
        {
          g_autofree guint8 *cut = g_memdup2 (p, n);
          read_damaged (cut, n);
        }
      for (gsize i = 0; i < size; i++)
        for (guint v = 0; v < 3; v++)
          {
            memcpy (copy, p, size);
            copy[i] = v == 0 ? 0x00 : v == 1 ? 0xFF : copy[i] ^ 0x80;
            read_damaged (copy, size);
          }
    }
}

typedef struct {
  const char *name;
  gsize cut;                    /* keep this many bytes; 0: all */
  gboolean cut_half;
  guint flips;                  /* random bytes changed, from @seed */
  guint32 seed;
} Damage;

static const Damage damages[] = {
  { "cut-header", 300, FALSE, 0, 0 },
  { "cut-4096", 4096, FALSE, 0, 0 },
  { "cut-half", 0, TRUE, 0, 0 },
  { "cut-end", 60000, FALSE, 0, 0 },
  { "flip-8", 0, FALSE, 8, 1 },
  { "flip-64", 0, FALSE, 64, 2 },
  { "flip-512", 0, FALSE, 512, 3 },
  { "flip-4096", 0, FALSE, 4096, 4 },
  { "cut-flip", 0, TRUE, 64, 5 },
};

/* the renewal's .xls damaged: biff.c in this process, then the whole
 * reader: the values through libfreexl, or an error in FORM_ERROR */
static void
test_renewal_damaged (gconstpointer data)
{
  const Damage *d = data;
  g_autofree char *xls = data_path ("renewal-red.xls");
  g_autofree char *dir = g_dir_make_tmp ("shinsa-test-xls-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "申請書B.xls", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (d->seed);
  FormLimits limits;
  gsize size;

  g_assert_true (g_file_get_contents (xls, &contents, &size, NULL));
  if (d->cut_half)
    size /= 2;
  else if (d->cut > 0)
    size = MIN (size, d->cut);
  for (guint i = 0; i < d->flips; i++)
    contents[g_rand_int_range (rand, 0, (gint32) size)] = (char) g_rand_int_range (rand, 0, 256);
  read_damaged ((const guint8 *) contents, size);

  g_assert_true (g_file_set_contents (out, contents, (gssize) size, NULL));
  form_limits_init_default (&limits);
  book = form_read_xls (out, "申請書B.xls", &limits, &error);
  g_test_message ("%s: %s", d->name, book != NULL ? "read" : error->message);
  if (book == NULL)
    g_assert_true (error->domain == FORM_ERROR);
  else
    g_assert_no_error (error);
  g_unlink (out);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xls/renewal/red", test_renewal_red);
  g_test_add_func ("/xls/renewal/direct", test_renewal_direct);
  g_test_add_func ("/xls/renewal/no-colours", test_renewal_no_colours);
  g_test_add_data_func ("/xls/written/sectors", GINT_TO_POINTER (FALSE), test_written);
  g_test_add_data_func ("/xls/written/mini-stream", GINT_TO_POINTER (TRUE), test_written);
  g_test_add_func ("/xls/written/damaged", test_written_damaged);
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *name = g_strdup_printf ("/xls/renewal/damaged/%s", damages[i].name);
      g_test_add_data_func (name, &damages[i], test_renewal_damaged);
    }
  return g_test_run ();
}
