/* shinsa — font colours from an .xls workbook (OLE2 container, BIFF8 records)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * No library on Debian 12 gives BIFF formatting (libfreexl gives values
 * only), and red ink (朱書き) on a renewal's form is what the renewal stage
 * looks for.  This reads only the formatting: the compound file's workbook
 * stream ([MS-CFB]), then FONT, XF, PALETTE, SST with its CONTINUE records,
 * BOUNDSHEET and each sheet's cell records ([MS-XLS]).  Values stay
 * libfreexl's: a cell's runs are used only when its string is as long as
 * the text libfreexl read.
 *
 * Every count, length and offset comes from the file: each read is checked
 * against what is there, chains are bounded by the sectors that exist, and
 * anything unreadable ends the part being read (the SST, a sheet) or the
 * whole, never the process.  It runs inside shinsa-xls-worker, under the
 * same limits as libfreexl.
 */
#include <string.h>

#include "biff.h"
#include "form.h"

/* what one workbook's formatting may hold; a form has a few hundred each */
#define MAX_STRINGS  (1u << 22)
#define MAX_RUNS     (1u << 22)
#define MAX_CELLS    (1u << 21)
#define MAX_FONTS    (1u << 16)
#define MAX_XFS      (1u << 16)
#define MAX_SHEETS   4096u
#define MAX_DIR      (1u << 16)

#define NO_STRING    G_MAXUINT32
#define NO_RICH      G_MAXUINT32

/* ---- little-endian reads, bounds checked by the caller ------------------------ */

static inline guint16
rd16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static inline guint32
rd32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

/* ---- the compound file ([MS-CFB]) ------------------------------------------------ */

#define SECT_END   0xFFFFFFFEu
#define SECT_FREE  0xFFFFFFFFu

typedef struct {
  const guint8 *data;
  gsize size;
  guint32 ssz;                   /* sector size: 512 or 4096 */
  guint32 n_sectors;             /* whole sectors after the header */
  guint32 *fat;
  guint32 n_fat;
} Cfb;

static const guint8 *
cfb_sector (const Cfb *cfb, guint32 sid)
{
  if (sid >= cfb->n_sectors)
    return NULL;
  return cfb->data + ((gsize) sid + 1) * cfb->ssz;
}

/* the bytes of the chain from @start in @table, at most @want bytes of
 * @unit-sized pieces that @piece finds; NULL when the chain is broken
 * before @want bytes */
typedef const guint8 *(*PieceFunc) (const void *where, guint32 sid);

static GByteArray *
read_chain (const guint32 *table, guint32 n_table, guint32 start, gsize unit,
            PieceFunc piece, const void *where, guint64 want)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 sid = start;

  /* a chain visits each entry at most once: more steps is a loop */
  for (guint64 steps = 0; out->len < want; steps++)
    {
      const guint8 *p;

      if (sid == SECT_END || sid >= n_table || steps >= n_table)
        return NULL;
      p = piece (where, sid);
      if (p == NULL)
        return NULL;
      g_byte_array_append (out, p, (guint) MIN ((guint64) unit, want - out->len));
      sid = table[sid];
    }
  return g_steal_pointer (&out);
}

static const guint8 *
sector_piece (const void *where, guint32 sid)
{
  return cfb_sector (where, sid);
}

typedef struct {
  const GByteArray *stream;
} Mini;

static const guint8 *
mini_piece (const void *where, guint32 sid)
{
  const Mini *m = where;
  guint64 off = (guint64) sid * 64;

  if (off + 64 > m->stream->len)
    return NULL;
  return m->stream->data + off;
}

static gboolean
cfb_load_fat (Cfb *cfb, GError **error)
{
  const guint8 *h = cfb->data;
  guint32 n_fat_sectors = rd32 (h + 0x2C);
  guint32 difat = rd32 (h + 0x44);
  guint32 n_difat = rd32 (h + 0x48);
  guint32 per = cfb->ssz / 4;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* more FAT sectors than the file has sectors cannot be */
  if (n_fat_sectors == 0 || n_fat_sectors > cfb->n_sectors)
    goto broken;
  for (guint i = 0; i < 109 && ids->len < n_fat_sectors; i++)
    {
      guint32 sid = rd32 (h + 0x4C + 4 * i);
      g_array_append_val (ids, sid);
    }
  for (guint32 k = 0; ids->len < n_fat_sectors; k++)
    {
      const guint8 *s = cfb_sector (cfb, difat);

      if (s == NULL || k >= n_difat || k >= cfb->n_sectors)
        goto broken;
      for (guint i = 0; i + 1 < per && ids->len < n_fat_sectors; i++)
        {
          guint32 sid = rd32 (s + 4 * i);
          g_array_append_val (ids, sid);
        }
      difat = rd32 (s + 4 * (per - 1));
    }

  cfb->n_fat = n_fat_sectors * per;
  cfb->fat = g_new (guint32, cfb->n_fat);
  for (guint i = 0; i < ids->len; i++)
    {
      const guint8 *s = cfb_sector (cfb, g_array_index (ids, guint32, i));

      for (guint j = 0; j < per; j++)
        /* a FAT sector past a cut file's end: its chains end there */
        cfb->fat[i * per + j] = s != NULL ? rd32 (s + 4 * j) : SECT_FREE;
    }
  return TRUE;

broken:
  g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED, "the compound file's sector table is broken");
  return FALSE;
}

static gboolean
dir_name_is (const guint8 *entry, const char *name)
{
  guint16 bytes = rd16 (entry + 64);
  gsize n = strlen (name);

  /* UTF-16LE with its terminating NUL counted */
  if (bytes != (n + 1) * 2 || bytes > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (entry[2 * i + 1] != 0 || g_ascii_tolower (entry[2 * i]) != g_ascii_tolower (name[i]))
      return FALSE;
  return TRUE;
}

/* the "Workbook" stream (BIFF8; "Book" is BIFF5, refused later by its BOF) */
static GByteArray *
cfb_workbook (const guint8 *data, gsize size, GError **error)
{
  static const guint8 magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  Cfb cfb = { data, size, 0, 0, NULL, 0 };
  g_autoptr(GByteArray) dir = NULL;
  g_autoptr(GByteArray) stream = NULL;
  const guint8 *root = NULL, *book = NULL;
  guint16 shift;
  guint32 cutoff;
  guint64 length;

  if (size < 512 || memcmp (data, magic, sizeof magic) != 0)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_NOT_WORKBOOK, "not a compound file");
      return NULL;
    }
  shift = rd16 (data + 0x1E);
  if (rd16 (data + 0x1C) != 0xFFFE || (shift != 9 && shift != 12) || rd16 (data + 0x20) != 6)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED, "the compound file's header is broken");
      return NULL;
    }
  cfb.ssz = 1u << shift;
  if (size < cfb.ssz)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED, "the compound file is cut short");
      return NULL;
    }
  /* a workbook is at most 64 MiB (FormLimits): this keeps the tables'
   * sizes, a quarter of the file's, far from overflowing */
  if (size > G_MAXUINT32)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT, "the compound file is too large");
      return NULL;
    }
  cfb.n_sectors = (guint32) ((size - cfb.ssz) / cfb.ssz);
  if (!cfb_load_fat (&cfb, error))
    return NULL;

  /* the directory's chain, to its end or as far as it goes */
  {
    guint32 sid = rd32 (data + 0x30);

    dir = g_byte_array_new ();
    for (guint32 steps = 0; sid < cfb.n_fat && steps < cfb.n_fat && dir->len < MAX_DIR * 128; steps++)
      {
        const guint8 *s = cfb_sector (&cfb, sid);
        if (s == NULL)
          break;
        g_byte_array_append (dir, s, cfb.ssz);
        sid = cfb.fat[sid];
      }
  }
  for (guint off = 0; off + 128 <= dir->len; off += 128)
    {
      const guint8 *e = dir->data + off;

      if (off == 0 && e[66] == 5)
        root = e;
      else if (e[66] == 2 && book == NULL && (dir_name_is (e, "Workbook") || dir_name_is (e, "Book")))
        book = e;
    }
  if (book == NULL)
    {
      g_free (cfb.fat);
      g_set_error (error, FORM_ERROR, FORM_ERROR_NOT_WORKBOOK, "no workbook stream in the compound file");
      return NULL;
    }

  /* version 3 files keep garbage in the size's high half */
  length = shift == 9 ? rd32 (book + 120) : rd32 (book + 120) | (guint64) rd32 (book + 124) << 32;
  length = MIN (length, (guint64) size);
  cutoff = rd32 (data + 0x38);
  if (length < cutoff && cutoff == 4096 && root != NULL)
    {
      guint64 root_len = shift == 9 ? rd32 (root + 120) : rd32 (root + 120) | (guint64) rd32 (root + 124) << 32;
      g_autoptr(GByteArray) ministream = read_chain (cfb.fat, cfb.n_fat, rd32 (root + 116), cfb.ssz,
                                                      sector_piece, &cfb, MIN (root_len, (guint64) size));
      guint32 n_minifat_sectors = MIN (rd32 (data + 0x40), cfb.n_sectors);
      g_autoptr(GByteArray) minifat = read_chain (cfb.fat, cfb.n_fat, rd32 (data + 0x3C), cfb.ssz,
                                                   sector_piece, &cfb, (guint64) n_minifat_sectors * cfb.ssz);

      if (ministream != NULL && minifat != NULL)
        {
          Mini m = { ministream };
          g_autofree guint32 *table = g_new (guint32, minifat->len / 4 + 1);

          for (guint i = 0; i < minifat->len / 4; i++)
            table[i] = rd32 (minifat->data + 4 * i);
          stream = read_chain (table, minifat->len / 4, rd32 (book + 116), 64, mini_piece, &m, length);
        }
    }
  else
    stream = read_chain (cfb.fat, cfb.n_fat, rd32 (book + 116), cfb.ssz, sector_piece, &cfb, length);
  g_free (cfb.fat);
  if (stream == NULL)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED, "the workbook stream's sector chain is broken");
      return NULL;
    }
  return g_steal_pointer (&stream);
}

/* ---- reading across CONTINUE records ----------------------------------------------- */

typedef struct {
  const guint8 *p;
  gsize len;
} Seg;

/* a record and its CONTINUE records, read as one, except that characters
 * split across records restart with an option byte ([MS-XLS] 2.5.293) */
typedef struct {
  const Seg *segs;
  guint n, i;
  gsize pos;
} Cursor;

static gboolean
cur_byte (Cursor *c, guint8 *out)
{
  while (c->i < c->n && c->pos >= c->segs[c->i].len)
    {
      c->i++;
      c->pos = 0;
    }
  if (c->i >= c->n)
    return FALSE;
  *out = c->segs[c->i].p[c->pos++];
  return TRUE;
}

static gboolean
cur_u16 (Cursor *c, guint16 *out)
{
  guint8 a, b;

  if (!cur_byte (c, &a) || !cur_byte (c, &b))
    return FALSE;
  *out = (guint16) (a | b << 8);
  return TRUE;
}

static gboolean
cur_u32 (Cursor *c, guint32 *out)
{
  guint16 a, b;

  if (!cur_u16 (c, &a) || !cur_u16 (c, &b))
    return FALSE;
  *out = a | (guint32) b << 16;
  return TRUE;
}

static gboolean
cur_skip (Cursor *c, guint64 n)
{
  while (n > 0)
    {
      gsize left;

      if (c->i >= c->n)
        return FALSE;
      left = c->segs[c->i].len - c->pos;
      if (left == 0)
        {
          c->i++;
          c->pos = 0;
          continue;
        }
      if (n < left)
        {
          c->pos += (gsize) n;
          return TRUE;
        }
      n -= left;
      c->pos += left;
    }
  return TRUE;
}

/* @cch characters, one or two bytes each by @high; a record boundary
 * inside them brings a new option byte, which may switch the width */
static gboolean
cur_chars (Cursor *c, guint32 cch, gboolean high, gunichar2 *out)
{
  for (guint32 k = 0; k < cch; k++)
    {
      guint8 lo, hi = 0;

      if (c->i < c->n && c->pos >= c->segs[c->i].len)
        {
          guint8 flags;

          /* the option byte opens the next record that has bytes */
          c->i++;
          c->pos = 0;
          if (!cur_byte (c, &flags))
            return FALSE;
          high = (flags & 0x01) != 0;
        }
      if (!cur_byte (c, &lo) || (high && !cur_byte (c, &hi)))
        return FALSE;
      if (out != NULL)
        out[k] = (gunichar2) (lo | hi << 8);
    }
  return TRUE;
}

/* ---- the workbook ------------------------------------------------------------------ */

typedef struct {
  guint16 icv;                   /* colour index; ≥ 64 is a system colour */
  gboolean strike;
} BiffFont;

typedef struct {
  guint16 ich;                   /* first character, in UTF-16 units */
  guint16 font;
} BiffRun;

typedef struct {
  guint32 n_chars;
  guint32 first_run, n_runs;     /* in BiffBook.runs */
} BiffRich;

typedef struct {
  guint16 xf;
  guint32 rich;                  /* in BiffBook.rich, or NO_RICH */
} BiffCell;

typedef struct {
  char *name;
  guint32 offset;                /* of its BOF in the stream */
  GHashTable *cells;             /* row << 8 | col → index + 1 in BiffBook.cells */
} BiffSheet;

struct _BiffBook {
  guint32 palette[64];
  GArray *fonts;                 /* BiffFont, in FONT order (index 4 is skipped by references) */
  GArray *xfs;                   /* guint16 font index */
  GArray *sst;                   /* guint32: index in rich, or NO_RICH; per SST string */
  GArray *sst_chars;             /* guint32: length of each SST string */
  GArray *rich;                  /* BiffRich */
  GArray *runs;                  /* BiffRun */
  GArray *cells;                 /* BiffCell */
  GPtrArray *sheets;             /* BiffSheet */
  BiffSheet *last;               /* the sheet found last, asked for cell after cell */
};

static void
sheet_free (gpointer data)
{
  BiffSheet *sheet = data;

  g_free (sheet->name);
  if (sheet->cells != NULL)
    g_hash_table_unref (sheet->cells);
  g_free (sheet);
}

void
biff_book_free (BiffBook *book)
{
  if (book == NULL)
    return;
  g_array_unref (book->fonts);
  g_array_unref (book->xfs);
  g_array_unref (book->sst);
  g_array_unref (book->sst_chars);
  g_array_unref (book->rich);
  g_array_unref (book->runs);
  g_array_unref (book->cells);
  g_ptr_array_unref (book->sheets);
  g_free (book);
}

static BiffBook *
biff_book_new (void)
{
  BiffBook *book = g_new0 (BiffBook, 1);

  memcpy (book->palette, form_default_palette, sizeof form_default_palette);
  book->fonts = g_array_new (FALSE, FALSE, sizeof (BiffFont));
  book->xfs = g_array_new (FALSE, FALSE, sizeof (guint16));
  book->sst = g_array_new (FALSE, FALSE, sizeof (guint32));
  book->sst_chars = g_array_new (FALSE, FALSE, sizeof (guint32));
  book->rich = g_array_new (FALSE, FALSE, sizeof (BiffRich));
  book->runs = g_array_new (FALSE, FALSE, sizeof (BiffRun));
  book->cells = g_array_new (FALSE, FALSE, sizeof (BiffCell));
  book->sheets = g_ptr_array_new_with_free_func (sheet_free);
  return book;
}

/* a record at @off of @stream: FALSE when its header or body is not all there */
static gboolean
record_at (const GByteArray *stream, gsize off, guint16 *type, guint16 *len)
{
  if (off > stream->len || stream->len - off < 4)
    return FALSE;
  *type = rd16 (stream->data + off);
  *len = rd16 (stream->data + off + 2);
  return *len <= stream->len - off - 4;
}

/* after the character data: the runs, kept when there are any */
static gboolean
read_runs (BiffBook *book, Cursor *c, guint16 n_runs, guint32 n_chars, guint32 *rich_out)
{
  BiffRich rich = { n_chars, book->runs->len, 0 };

  *rich_out = NO_RICH;
  for (guint16 r = 0; r < n_runs; r++)
    {
      BiffRun run;

      if (!cur_u16 (c, &run.ich) || !cur_u16 (c, &run.font))
        return FALSE;
      /* runs start in order, inside the string; others are dropped */
      if (run.ich >= n_chars
          || (rich.n_runs > 0 && run.ich <= g_array_index (book->runs, BiffRun, book->runs->len - 1).ich)
          || book->runs->len >= MAX_RUNS)
        continue;
      g_array_append_val (book->runs, run);
      rich.n_runs++;
    }
  if (rich.n_runs > 0)
    {
      *rich_out = book->rich->len;
      g_array_append_val (book->rich, rich);
    }
  return TRUE;
}

/* SST: its strings' lengths and runs; a string that cannot be read ends it,
 * and cells on later strings take their XF's font */
static void
read_sst (BiffBook *book, const Seg *segs, guint n_segs)
{
  Cursor c = { segs, n_segs, 0, 8 };
  guint32 unique;

  if (segs[0].len < 8)
    return;
  unique = rd32 (segs[0].p + 4);
  for (guint32 s = 0; s < unique && s < MAX_STRINGS; s++)
    {
      guint16 cch, n_runs = 0;
      guint32 ext = 0, rich;
      guint8 flags;

      if (!cur_u16 (&c, &cch) || !cur_byte (&c, &flags))
        return;
      if ((flags & 0x08) && !cur_u16 (&c, &n_runs))
        return;
      if ((flags & 0x04) && !cur_u32 (&c, &ext))
        return;
      if (!cur_chars (&c, cch, (flags & 0x01) != 0, NULL)
          || !read_runs (book, &c, n_runs, cch, &rich)
          || !cur_skip (&c, ext))
        return;
      g_array_append_val (book->sst, rich);
      {
        guint32 n = cch;
        g_array_append_val (book->sst_chars, n);
      }
    }
}

static void
add_cell (BiffBook *book, BiffSheet *sheet, const guint8 *p, guint32 rich)
{
  guint16 row = rd16 (p), col = rd16 (p + 2);
  BiffCell cell = { rd16 (p + 4), rich };

  if (col > 255 || book->cells->len >= MAX_CELLS)
    return;
  g_array_append_val (book->cells, cell);
  g_hash_table_replace (sheet->cells, GUINT_TO_POINTER ((guint) row << 8 | col),
                        GUINT_TO_POINTER (book->cells->len));
}

/* LABEL and RSTRING: a string in the record; RSTRING's runs follow it */
static void
add_string_cell (BiffBook *book, BiffSheet *sheet, const guint8 *p, guint16 len, gboolean has_runs)
{
  Seg seg = { p, len };
  Cursor c = { &seg, 1, 0, 6 };
  guint16 cch, n_runs = 0;
  guint32 rich = NO_RICH;
  guint8 flags;

  if (len < 9 || !cur_u16 (&c, &cch) || !cur_byte (&c, &flags)
      || !cur_chars (&c, cch, (flags & 0x01) != 0, NULL))
    return;
  if (has_runs && (!cur_u16 (&c, &n_runs) || !read_runs (book, &c, n_runs, cch, &rich)))
    rich = NO_RICH;
  add_cell (book, sheet, p, rich);
}

/* @budget: bytes of records all sheets may still read; sheets do not
 * overlap, but BOUNDSHEET offsets from a hostile file may all be one */
static void
read_sheet (BiffBook *book, BiffSheet *sheet, const GByteArray *stream, gsize *budget)
{
  gsize off = sheet->offset;
  guint16 type, len;
  int depth = 0;

  sheet->cells = g_hash_table_new (g_direct_hash, g_direct_equal);
  if (!record_at (stream, off, &type, &len) || type != 0x0809)
    return;
  while (record_at (stream, off, &type, &len) && *budget >= 4 + (gsize) len)
    {
      const guint8 *p = stream->data + off + 4;

      off += 4 + (gsize) len;
      *budget -= 4 + (gsize) len;
      if (type == 0x0809)
        depth++;                /* a chart's substream inside the sheet */
      else if (type == 0x000A && --depth <= 0)
        return;
      if (depth != 1)
        continue;
      switch (type)
        {
        case 0x00FD:            /* LABELSST */
          if (len >= 10)
            {
              guint32 isst = rd32 (p + 6);
              add_cell (book, sheet, p, isst < book->sst->len ? g_array_index (book->sst, guint32, isst) : NO_RICH);
            }
          break;
        case 0x0204:            /* LABEL */
          add_string_cell (book, sheet, p, len, FALSE);
          break;
        case 0x00D6:            /* RSTRING */
          add_string_cell (book, sheet, p, len, TRUE);
          break;
        case 0x0203:            /* NUMBER */
        case 0x027E:            /* RK */
        case 0x0205:            /* BOOLERR */
        case 0x0006:            /* FORMULA */
          if (len >= 6)
            add_cell (book, sheet, p, NO_RICH);
          break;
        case 0x00BD:            /* MULRK: row, first col, (xf, rk)…, last col */
          if (len >= 12)
            {
              guint16 row = rd16 (p), col = rd16 (p + 2);
              guint n = (len - 6u) / 6u;
              for (guint k = 0; k < n; k++)
                {
                  guint8 one[6];
                  guint c = col + k;

                  if (c > 255)
                    break;
                  one[0] = (guint8) (row & 0xff);
                  one[1] = (guint8) (row >> 8);
                  one[2] = c & 0xff;
                  one[3] = (guint8) (c >> 8);
                  memcpy (one + 4, p + 4 + 6 * k, 2);
                  add_cell (book, sheet, one, NO_RICH);
                }
            }
          break;
        default:
          break;
        }
    }
}

/* the sheet's name: BOUNDSHEET's ShortXLUnicodeString, in UTF-8 or NULL */
static char *
sheet_name (const guint8 *p, guint16 len)
{
  Seg seg = { p, len };
  Cursor c = { &seg, 1, 0, 6 };
  guint8 cch, flags;
  gunichar2 chars[256];

  if (len < 8 || !cur_byte (&c, &cch) || !cur_byte (&c, &flags)
      || !cur_chars (&c, cch, (flags & 0x01) != 0, chars))
    return NULL;
  return g_utf16_to_utf8 (chars, cch, NULL, NULL, NULL);
}

BiffBook *
biff_book_read (const guint8 *data, gsize size, GError **error)
{
  g_autoptr(GByteArray) stream = cfb_workbook (data, size, error);
  g_autoptr(BiffBook) book = NULL;
  g_autoptr(GArray) segs = NULL;
  gsize off = 0;
  guint16 type, len;

  if (stream == NULL)
    return NULL;
  /* BOF of the globals: BIFF8 is version 0x0600 */
  if (!record_at (stream, 0, &type, &len) || type != 0x0809 || len < 4 || rd16 (stream->data + 4) != 0x0600)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_NOT_WORKBOOK, "not an Excel 97–2003 (BIFF8) workbook");
      return NULL;
    }
  book = biff_book_new ();
  segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  off = 4 + (gsize) len;
  while (record_at (stream, off, &type, &len))
    {
      const guint8 *p = stream->data + off + 4;

      off += 4 + (gsize) len;
      if (type == 0x000A)       /* EOF */
        break;
      switch (type)
        {
        case 0x002F:            /* FILEPASS */
          g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED, "the workbook is encrypted");
          return NULL;
        case 0x0031:            /* FONT */
          if (len >= 6 && book->fonts->len < MAX_FONTS)
            {
              BiffFont font = { rd16 (p + 4), (rd16 (p + 2) & 0x0008) != 0 };
              g_array_append_val (book->fonts, font);
            }
          break;
        case 0x00E0:            /* XF */
          if (len >= 2 && book->xfs->len < MAX_XFS)
            {
              guint16 font = rd16 (p);
              g_array_append_val (book->xfs, font);
            }
          break;
        case 0x0092:            /* PALETTE: replaces indexes 8… */
          if (len >= 2)
            {
              guint n = rd16 (p);
              for (guint i = 0; i < n && 8 + i < 64 && 2 + 4 * (gsize) i + 3 <= len; i++)
                book->palette[8 + i] = (guint32) p[2 + 4 * i] << 16 | (guint32) p[3 + 4 * i] << 8 | p[4 + 4 * i];
            }
          break;
        case 0x0085:            /* BOUNDSHEET */
          if (len >= 8 && book->sheets->len < MAX_SHEETS)
            {
              BiffSheet *sheet = g_new0 (BiffSheet, 1);
              sheet->offset = rd32 (p);
              sheet->name = sheet_name (p, len);
              g_ptr_array_add (book->sheets, sheet);
            }
          break;
        case 0x00FC:            /* SST, and the CONTINUE records after it */
          if (book->sst->len == 0)
            {
              guint16 ctype, clen;

              g_array_set_size (segs, 0);
              g_array_append_val (segs, ((Seg) { p, len }));
              while (record_at (stream, off, &ctype, &clen) && ctype == 0x003C)
                {
                  g_array_append_val (segs, ((Seg) { stream->data + off + 4, clen }));
                  off += 4 + (gsize) clen;
                }
              read_sst (book, (const Seg *) segs->data, segs->len);
            }
          break;
        default:
          break;
        }
    }
  {
    gsize budget = stream->len;

    for (guint i = 0; i < book->sheets->len; i++)
      read_sheet (book, g_ptr_array_index (book->sheets, i), stream, &budget);
  }
  return g_steal_pointer (&book);
}

/* ---- matching libfreexl's values ------------------------------------------------------ */

static void
font_run (const BiffBook *book, guint16 index, ShinsaFormRun *run)
{
  const BiffFont *font;

  run->color = 0;
  run->has_color = FALSE;
  run->strike = FALSE;
  /* FONT index 4 is never written: references past it count from 5 */
  if (index == 4)
    return;
  if (index > 4)
    index--;
  if (index >= book->fonts->len)
    return;
  font = &g_array_index (book->fonts, BiffFont, index);
  run->strike = font->strike;
  /* 0x7FFF and the system colours from 64: the window's text, automatic */
  if (font->icv < 64)
    {
      run->color = book->palette[font->icv];
      run->has_color = TRUE;
    }
}

/* UTF-16 units of the UTF-8 character at @p */
static guint
utf16_units (const char *p)
{
  return g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
}

static void
append_run (GArray *runs, const char *start, const char *end, const ShinsaFormRun *font)
{
  g_autoptr(GString) s = g_string_new_len (start, end - start);
  ShinsaFormRun run = *font;

  g_string_replace (s, "\r\n", "\n", 0);
  /* a line end split between runs: its \n is in the next one */
  if (runs->len > 0 && s->str[0] == '\n')
    {
      ShinsaFormRun *prev = &g_array_index (runs, ShinsaFormRun, runs->len - 1);
      gsize n = strlen (prev->text);
      if (n > 0 && prev->text[n - 1] == '\r')
        {
          prev->text[n - 1] = '\0';
          if (n == 1)
            g_array_remove_index (runs, runs->len - 1);
        }
    }
  if (s->len == 0)
    return;
  run.text = g_string_free (g_steal_pointer (&s), FALSE);
  g_array_append_val (runs, run);
}

GArray *
biff_book_cell_runs (BiffBook *book, const char *sheet_name, guint row, guint col, const char *text)
{
  BiffSheet *sheet = NULL;
  const BiffCell *cell;
  ShinsaFormRun font;
  GArray *runs;
  guint index;

  g_return_val_if_fail (book != NULL && text != NULL, NULL);
  if (book->last != NULL && sheet_name != NULL && strcmp (book->last->name, sheet_name) == 0)
    sheet = book->last;
  for (guint i = 0; i < book->sheets->len && sheet == NULL; i++)
    {
      BiffSheet *s = g_ptr_array_index (book->sheets, i);
      if (s->name != NULL && sheet_name != NULL && strcmp (s->name, sheet_name) == 0)
        sheet = s;
    }
  if (sheet == NULL || sheet->cells == NULL || row > G_MAXUINT16 || col > 255)
    return NULL;
  book->last = sheet;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (sheet->cells, GUINT_TO_POINTER (row << 8 | col)));
  if (index == 0 || index > book->cells->len)
    return NULL;
  cell = &g_array_index (book->cells, BiffCell, index - 1);
  font_run (book, cell->xf < book->xfs->len ? g_array_index (book->xfs, guint16, cell->xf) : G_MAXUINT16, &font);

  runs = form_runs_new ();
  if (cell->rich == NO_RICH || cell->rich >= book->rich->len)
    append_run (runs, text, text + strlen (text), &font);
  else
    {
      const BiffRich *rich = &g_array_index (book->rich, BiffRich, cell->rich);
      const char *p = text, *start = text;
      guint32 units = 0;

      /* the value is libfreexl's: split it where the runs start, if the
       * string it read is the one the runs are for */
      for (const char *q = text; *q != '\0'; q = g_utf8_next_char (q))
        units += utf16_units (q);
      if (units != rich->n_chars || (guint64) rich->first_run + rich->n_runs > book->runs->len)
        {
          g_array_unref (runs);
          return NULL;
        }
      units = 0;
      for (guint r = 0; r <= rich->n_runs; r++)
        {
          guint32 stop = r < rich->n_runs ? g_array_index (book->runs, BiffRun, rich->first_run + r).ich : G_MAXUINT32;

          while (*p != '\0' && units < stop)
            {
              units += utf16_units (p);
              p = g_utf8_next_char (p);
            }
          if (p > start)
            append_run (runs, start, p, &font);
          start = p;
          if (r < rich->n_runs)
            font_run (book, g_array_index (book->runs, BiffRun, rich->first_run + r).font, &font);
        }
    }
  if (runs->len == 0)
    {
      g_array_unref (runs);
      return NULL;
    }
  return runs;
}
