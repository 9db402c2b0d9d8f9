/* shinsa — the documents stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every file is identified by its bytes, then checked as what it is: PDFs
 * through poppler (plus a look at their tail, which poppler silently
 * repairs), TIFFs through libtiff, the other images, OOXML and OLE2 files by
 * walking their structure.  Nothing here decodes page content; that is the
 * extract stage's work.
 */
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <poppler.h>
#include <zlib.h>

#include "documents.h"
#include "tiffcheck.h"

#define SNIFF_TEXT_BYTES   (64 * 1024)
#define PDF_TAIL_BYTES     1024          /* where Acrobat looks for %%EOF */
#define ZIP_MAX_ENTRIES    200000
/* a TIFF tag array or strip table bigger than this is an attack, not a scan */

#define LE16(p) ((guint16) ((p)[0] | ((p)[1] << 8)))
#define LE32(p) ((guint32) (p)[0] | ((guint32) (p)[1] << 8) | ((guint32) (p)[2] << 16) | ((guint32) (p)[3] << 24))
#define BE16(p) ((guint16) (((p)[0] << 8) | (p)[1]))
#define BE32(p) (((guint32) (p)[0] << 24) | ((guint32) (p)[1] << 16) | ((guint32) (p)[2] << 8) | (guint32) (p)[3])

/* ---- kinds ------------------------------------------------------------- */

typedef enum {
  KIND_UNKNOWN,
  KIND_EMPTY,
  KIND_PDF,
  KIND_JPEG,
  KIND_PNG,
  KIND_TIFF,
  KIND_GIF,
  KIND_BMP,
  KIND_WEBP,
  KIND_XLSX,
  KIND_DOCX,
  KIND_PPTX,
  KIND_ZIP,
  KIND_XLS,
  KIND_DOC,
  KIND_PPT,
  KIND_OLE2,
  KIND_OOXML_ENCRYPTED,
  KIND_TEXT,
  KIND_HTML,
  KIND_XML,
} Kind;

/* what a reader would open the file with; a mismatch inside one family
 * (a PNG named .jpg) still opens, across families it does not */
typedef enum {
  FAMILY_NONE,
  FAMILY_PDF,
  FAMILY_IMAGE,
  FAMILY_SPREADSHEET,
  FAMILY_WORDPROC,
  FAMILY_PRESENTATION,
  FAMILY_ARCHIVE,
  FAMILY_TEXT,
} Family;

static const struct {
  const char *media_type;
  Family family;
  const char *label_ja;
} kinds[] = {
  [KIND_UNKNOWN] = { "application/octet-stream", FAMILY_NONE, "形式を判別できないデータ" },
  [KIND_EMPTY] = { "application/x-zerosize", FAMILY_NONE, "空のファイル" },
  [KIND_PDF] = { "application/pdf", FAMILY_PDF, "PDF文書" },
  [KIND_JPEG] = { "image/jpeg", FAMILY_IMAGE, "JPEG画像" },
  [KIND_PNG] = { "image/png", FAMILY_IMAGE, "PNG画像" },
  [KIND_TIFF] = { "image/tiff", FAMILY_IMAGE, "TIFF画像" },
  [KIND_GIF] = { "image/gif", FAMILY_IMAGE, "GIF画像" },
  [KIND_BMP] = { "image/bmp", FAMILY_IMAGE, "BMP画像" },
  [KIND_WEBP] = { "image/webp", FAMILY_IMAGE, "WebP画像" },
  [KIND_XLSX] = { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  FAMILY_SPREADSHEET, "Excelブック（.xlsx）" },
  [KIND_DOCX] = { "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  FAMILY_WORDPROC, "Word文書（.docx）" },
  [KIND_PPTX] = { "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                  FAMILY_PRESENTATION, "PowerPoint資料（.pptx）" },
  [KIND_ZIP] = { "application/zip", FAMILY_ARCHIVE, "ZIPアーカイブ" },
  [KIND_XLS] = { "application/vnd.ms-excel", FAMILY_SPREADSHEET, "Excelブック（.xls）" },
  [KIND_DOC] = { "application/msword", FAMILY_WORDPROC, "Word文書（.doc）" },
  [KIND_PPT] = { "application/vnd.ms-powerpoint", FAMILY_PRESENTATION, "PowerPoint資料（.ppt）" },
  [KIND_OLE2] = { "application/x-ole-storage", FAMILY_NONE, "OLE2複合文書" },
  /* an encrypted OOXML file is an OLE2 container; its media type is taken
   * from the name it claims (see media_type_for) */
  [KIND_OOXML_ENCRYPTED] = { "application/x-ole-storage", FAMILY_NONE, "暗号化されたOffice文書" },
  [KIND_TEXT] = { "text/plain", FAMILY_TEXT, "テキスト" },
  [KIND_HTML] = { "text/html", FAMILY_TEXT, "HTML" },
  [KIND_XML] = { "application/xml", FAMILY_TEXT, "XML" },
};

static const struct {
  const char *ext;
  Kind kind;
} extensions[] = {
  { "pdf", KIND_PDF },
  { "jpg", KIND_JPEG }, { "jpeg", KIND_JPEG }, { "jpe", KIND_JPEG }, { "jfif", KIND_JPEG },
  { "png", KIND_PNG },
  { "tif", KIND_TIFF }, { "tiff", KIND_TIFF },
  { "gif", KIND_GIF },
  { "bmp", KIND_BMP },
  { "webp", KIND_WEBP },
  { "xlsx", KIND_XLSX }, { "xlsm", KIND_XLSX },
  { "docx", KIND_DOCX }, { "docm", KIND_DOCX },
  { "pptx", KIND_PPTX },
  { "zip", KIND_ZIP },
  { "xls", KIND_XLS },
  { "doc", KIND_DOC },
  { "ppt", KIND_PPT },
  { "txt", KIND_TEXT }, { "csv", KIND_TEXT }, { "tsv", KIND_TEXT },
  { "htm", KIND_HTML }, { "html", KIND_HTML },
  { "xml", KIND_XML },
};

/* (transfer full) (nullable): lower-case extension of the last component */
static char *
path_extension (const char *path)
{
  const char *base = strrchr (path, '/');
  const char *dot;

  base = base != NULL ? base + 1 : path;
  dot = strrchr (base, '.');
  if (dot == NULL || dot == base || dot[1] == '\0')
    return NULL;
  return g_ascii_strdown (dot + 1, -1);
}

static Kind
kind_from_extension (const char *ext)
{
  if (ext == NULL)
    return KIND_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (strcmp (ext, extensions[i].ext) == 0)
      return extensions[i].kind;
  return KIND_UNKNOWN;
}

static const char *
media_type_for (Kind kind, Kind claimed, const char *ext)
{
  if (kind == KIND_TEXT && ext != NULL)
    {
      if (strcmp (ext, "csv") == 0)
        return "text/csv";
      if (strcmp (ext, "tsv") == 0)
        return "text/tab-separated-values";
    }
  if (kind == KIND_OOXML_ENCRYPTED &&
      (claimed == KIND_XLSX || claimed == KIND_DOCX || claimed == KIND_PPTX))
    return kinds[claimed].media_type;
  return kinds[kind].media_type;
}

/* whether content of @kind can be used as what a file named like @claimed is */
static gboolean
kind_fits_claim (Kind claimed, Kind kind)
{
  if (claimed == KIND_UNKNOWN || claimed == kind)
    return TRUE;
  /* every OOXML file is a zip */
  if (claimed == KIND_ZIP)
    return kind == KIND_XLSX || kind == KIND_DOCX || kind == KIND_PPTX;
  return kinds[claimed].family != FAMILY_NONE && kinds[claimed].family == kinds[kind].family;
}

/* ---- small byte helpers ------------------------------------------------ */

static gboolean
has_prefix (const guint8 *data, gsize len, const char *prefix, gsize n)
{
  return len >= n && memcmp (data, prefix, n) == 0;
}

/* last occurrence of @needle in @hay */
static const guint8 *
mem_rfind (const guint8 *hay, gsize hay_len, const char *needle, gsize needle_len)
{
  if (needle_len == 0 || hay_len < needle_len)
    return NULL;
  for (gsize i = hay_len - needle_len + 1; i-- > 0;)
    if (hay[i] == (guint8) needle[0] && memcmp (hay + i, needle, needle_len) == 0)
      return hay + i;
  return NULL;
}

static gboolean
is_pdf_space (guint8 c)
{
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static gsize
skip_pdf_space (const guint8 *data, gsize len, gsize pos)
{
  while (pos < len && is_pdf_space (data[pos]))
    pos++;
  return pos;
}

/* a non-negative decimal integer at @pos; FALSE when none or absurdly long */
static gboolean
read_pdf_uint (const guint8 *data, gsize len, gsize *pos, guint64 *out)
{
  guint64 v = 0;
  gsize p = *pos, digits = 0;

  while (p < len && g_ascii_isdigit (data[p]))
    {
      if (++digits > 18)
        return FALSE;
      v = v * 10 + (data[p] - '0');
      p++;
    }
  if (digits == 0)
    return FALSE;
  *pos = p;
  *out = v;
  return TRUE;
}

/* ---- sniffing ---------------------------------------------------------- */

typedef struct {
  Kind kind;
  /* the container was recognised but its directory could not be read */
  char *damage;
} Sniff;

static gboolean
ole_name_is (const guint8 *entry, guint name_bytes, const char *ascii)
{
  gsize n = strlen (ascii);

  /* name_bytes counts the UTF-16 terminator */
  if (name_bytes != (n + 1) * 2)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (entry[2 * i] != (guint8) ascii[i] || entry[2 * i + 1] != 0)
      return FALSE;
  return TRUE;
}

/* Walks the directory of a compound file (MS-CFB) for the names of its
 * streams: Workbook, WordDocument, EncryptedPackage… */
static void
sniff_ole2 (const guint8 *data, gsize len, Sniff *sniff)
{
  g_autoptr(GArray) fat = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint shift, per_sector;
  gsize sector_size, max_sectors;
  guint32 n_fat, dir, difat;
  gboolean workbook = FALSE, word = FALSE, powerpoint = FALSE, encrypted = FALSE;

  sniff->kind = KIND_OLE2;
  if (len < 512)
    goto damaged;
  shift = LE16 (data + 0x1E);
  if (shift != 9 && shift != 12)
    goto damaged;
  sector_size = (gsize) 1 << shift;
  per_sector = sector_size / 4;
  max_sectors = len / sector_size + 1;
  n_fat = LE32 (data + 0x2C);
  dir = LE32 (data + 0x30);
  difat = LE32 (data + 0x44);
  if (n_fat > max_sectors)
    goto damaged;

  for (guint i = 0; i < 109 && fat->len < n_fat; i++)
    {
      guint32 s = LE32 (data + 0x4C + 4 * i);
      g_array_append_val (fat, s);
    }
  for (gsize steps = 0; fat->len < n_fat && difat < 0xFFFFFFFA; steps++)
    {
      gsize off = ((gsize) difat + 1) * sector_size;

      if (steps > max_sectors || off + sector_size > len)
        goto damaged;
      for (guint i = 0; i + 1 < per_sector && fat->len < n_fat; i++)
        {
          guint32 s = LE32 (data + off + 4 * i);
          g_array_append_val (fat, s);
        }
      difat = LE32 (data + off + sector_size - 4);
    }

  for (gsize steps = 0; dir < 0xFFFFFFFA; steps++)
    {
      gsize off = ((gsize) dir + 1) * sector_size, fat_off;
      guint32 fat_sector;

      if (steps > max_sectors || off + sector_size > len)
        goto damaged;
      for (gsize e = 0; e < sector_size; e += 128)
        {
          const guint8 *entry = data + off + e;
          guint name_bytes = LE16 (entry + 0x40);
          guint8 type = entry[0x42];

          if (type != 1 && type != 2)      /* storage or stream */
            continue;
          workbook |= ole_name_is (entry, name_bytes, "Workbook") ||
                      ole_name_is (entry, name_bytes, "Book");
          word |= ole_name_is (entry, name_bytes, "WordDocument");
          powerpoint |= ole_name_is (entry, name_bytes, "PowerPoint Document");
          encrypted |= ole_name_is (entry, name_bytes, "EncryptedPackage");
        }

      if (dir / per_sector >= fat->len)
        goto damaged;
      fat_sector = g_array_index (fat, guint32, dir / per_sector);
      fat_off = ((gsize) fat_sector + 1) * sector_size + (dir % per_sector) * 4;
      if (fat_sector >= 0xFFFFFFFA || fat_off + 4 > len)
        goto damaged;
      dir = LE32 (data + fat_off);
    }
  if (dir != 0xFFFFFFFE)
    goto damaged;

  if (encrypted)
    sniff->kind = KIND_OOXML_ENCRYPTED;
  else if (workbook)
    sniff->kind = KIND_XLS;
  else if (word)
    sniff->kind = KIND_DOC;
  else if (powerpoint)
    sniff->kind = KIND_PPT;
  return;

damaged:
  sniff->damage = g_strdup ("OLE2 directory damaged");
}

/* Reads the zip's central directory (not its data) for the OOXML main parts. */
static void
sniff_zip (const guint8 *data, gsize len, Sniff *sniff)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  guint n = 0;
  int r;

  sniff->kind = KIND_ZIP;
  archive_read_support_format_zip_seekable (a);
  if (archive_read_open_memory (a, data, len) != ARCHIVE_OK)
    {
      sniff->damage = g_strdup_printf ("ZIP directory unreadable: %s", archive_error_string (a));
      archive_read_free (a);
      return;
    }
  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN)
    {
      const char *name = archive_entry_pathname (entry);

      if (name != NULL && sniff->kind == KIND_ZIP)
        {
          /* OPC part names compare case-insensitively */
          if (g_ascii_strcasecmp (name, "xl/workbook.xml") == 0)
            sniff->kind = KIND_XLSX;
          else if (g_ascii_strcasecmp (name, "word/document.xml") == 0)
            sniff->kind = KIND_DOCX;
          else if (g_ascii_strcasecmp (name, "ppt/presentation.xml") == 0)
            sniff->kind = KIND_PPTX;
        }
      if (++n > ZIP_MAX_ENTRIES)
        break;
    }
  if (r == ARCHIVE_FATAL)
    sniff->damage = g_strdup_printf ("ZIP directory unreadable: %s", archive_error_string (a));
  archive_read_free (a);
}

static gboolean
has_prefix_ci (const guint8 *data, gsize len, const char *prefix)
{
  gsize n = strlen (prefix);

  return len >= n && g_ascii_strncasecmp ((const char *) data, prefix, n) == 0;
}

static Kind
sniff_markup (const guint8 *data, gsize len)
{
  gsize pos = 0, window = MIN (len, 1024);

  while (pos < window && g_ascii_isspace (data[pos]))
    pos++;
  if (pos >= window || data[pos] != '<')
    return KIND_TEXT;
  if (has_prefix_ci (data + pos, window - pos, "<!doctype html") ||
      has_prefix_ci (data + pos, window - pos, "<html"))
    return KIND_HTML;
  /* XHTML, or markup opening with a comment */
  for (gsize i = pos; i + 5 <= window; i++)
    if (has_prefix_ci (data + i, window - i, "<html"))
      return KIND_HTML;
  if (has_prefix (data + pos, window - pos, "<?xml", 5))
    return KIND_XML;
  return KIND_TEXT;
}

/* UTF-8 or CP932 text without control characters; UTF-16 only with a BOM */
static Kind
sniff_text (const guint8 *data, gsize len)
{
  gsize n = MIN (len, SNIFF_TEXT_BYTES);
  gboolean cut = n < len;
  const char *end;

  if (has_prefix (data, n, "\xFF\xFE", 2) || has_prefix (data, n, "\xFE\xFF", 2))
    return n % 2 == 0 || cut ? KIND_TEXT : KIND_UNKNOWN;
  if (has_prefix (data, n, "\xEF\xBB\xBF", 3))
    {
      data += 3;
      n -= 3;
    }

  for (gsize i = 0; i < n; i++)
    {
      guint8 c = data[i];

      /* 0x1A ends old MS-DOS text files */
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A) || c == 0x7F)
        return KIND_UNKNOWN;
    }

  if (!g_utf8_validate_len ((const char *) data, n, &end))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *converted = NULL;
      gsize bytes_read = 0;
      /* a sample cut inside a character is not a bad character */
      gboolean cut_in_char = cut && n - (gsize) ((const guint8 *) end - data) < 4 &&
                             g_utf8_get_char_validated (end, n - ((const guint8 *) end - data)) == (gunichar) -2;

      if (!cut_in_char)
        {
          converted = g_convert ((const char *) data, n, "UTF-8", "CP932", &bytes_read, NULL, &error);
          if (converted == NULL &&
              !(cut && g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT)))
            return KIND_UNKNOWN;
        }
    }
  return sniff_markup (data, n);
}

static gboolean
looks_like_bmp (const guint8 *data, gsize len)
{
  guint32 header;

  if (!has_prefix (data, len, "BM", 2) || len < 18)
    return FALSE;
  header = LE32 (data + 14);
  return header == 12 || header == 40 || header == 52 || header == 56 ||
         header == 64 || header == 108 || header == 124;
}

static void
sniff_content (const guint8 *data, gsize len, Sniff *sniff)
{
  sniff->kind = KIND_UNKNOWN;
  if (len == 0)
    sniff->kind = KIND_EMPTY;
  else if (has_prefix (data, len, "\xFF\xD8\xFF", 3))
    sniff->kind = KIND_JPEG;
  else if (has_prefix (data, len, "\x89PNG\r\n\x1A\n", 8))
    sniff->kind = KIND_PNG;
  else if (has_prefix (data, len, "II*\0", 4) || has_prefix (data, len, "MM\0*", 4) ||
           has_prefix (data, len, "II+\0", 4) || has_prefix (data, len, "MM\0+", 4))
    sniff->kind = KIND_TIFF;
  else if (has_prefix (data, len, "GIF87a", 6) || has_prefix (data, len, "GIF89a", 6))
    sniff->kind = KIND_GIF;
  else if (looks_like_bmp (data, len))
    sniff->kind = KIND_BMP;
  else if (len >= 12 && has_prefix (data, len, "RIFF", 4) && memcmp (data + 8, "WEBP", 4) == 0)
    sniff->kind = KIND_WEBP;
  else if (has_prefix (data, len, "PK\x03\x04", 4) || has_prefix (data, len, "PK\x05\x06", 4))
    sniff_zip (data, len, sniff);
  else if (has_prefix (data, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    sniff_ole2 (data, len, sniff);
  /* readers accept junk before the header within the first KiB */
  else if (memmem (data, MIN (len, 1024), "%PDF-", 5) != NULL)
    sniff->kind = KIND_PDF;
  else
    sniff->kind = sniff_text (data, len);
}

/* ---- the probe --------------------------------------------------------- */

typedef struct {
  const char *path;             /* for messages */
  const char *local_path;
  const guint8 *data;
  gsize len;
  GBytes *bytes;
  const DocumentsConfig *config;
  Kind kind;
  DocumentsProbe *probe;
} Job;

/* takes @reason and @message */
static void
job_fail (Job *job, ShinsaDocumentStatus status, const char *code, char *reason, char *message)
{
  DocumentsProbe *probe = job->probe;

  probe->status = status;
  probe->pages = -1;
  probe->code = code;
  probe->severity = SHINSA_SEVERITY_ERROR;
  g_free (probe->reason);
  probe->reason = reason;
  g_free (probe->message);
  probe->message = message;
}

static void
job_damaged (Job *job, char *reason)
{
  job_fail (job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE", reason,
            g_strdup_printf ("「%s」は%sとして壊れているか途中で切れているため、開けません。"
                             "再提出を求めてください。",
                             job->path, kinds[job->kind].label_ja));
}

static void
job_encrypted (Job *job)
{
  job_fail (job, SHINSA_DOCUMENT_STATUS_ENCRYPTED, "DOC-ENCRYPTED",
            g_strdup ("password protected"),
            g_strdup_printf ("「%s」はパスワードで保護されているため開けません。"
                             "パスワードなしの版の提出を求めてください。", job->path));
}

/* -- PDF -- */

/* Whether the cross-reference data the trailer points at is sound: a
 * table whose in-use entries all point at their objects, or an xref stream
 * object.  When not, poppler rebuilds the table by scanning the file, and
 * says nothing about it. */
static gboolean
pdf_xref_sound (const guint8 *data, gsize len, gsize tail_end)
{
  gsize tail_start = tail_end > 2 * PDF_TAIL_BYTES ? tail_end - 2 * PDF_TAIL_BYTES : 0;
  const guint8 *sx = mem_rfind (data + tail_start, tail_end - tail_start, "startxref", 9);
  gsize pos;
  guint64 offset, first, count, v;

  if (sx == NULL)
    return FALSE;
  pos = skip_pdf_space (data, len, (gsize) (sx - data) + 9);
  if (!read_pdf_uint (data, len, &pos, &offset) || offset >= len)
    return FALSE;
  pos = skip_pdf_space (data, len, (gsize) offset);

  if (!has_prefix (data + pos, len - pos, "xref", 4))
    {
      /* an xref stream: "N G obj"; poppler checks its content */
      return read_pdf_uint (data, len, &pos, &v) &&
             (pos = skip_pdf_space (data, len, pos), read_pdf_uint (data, len, &pos, &v)) &&
             (pos = skip_pdf_space (data, len, pos), has_prefix (data + pos, len - pos, "obj", 3));
    }

  pos += 4;
  for (;;)
    {
      pos = skip_pdf_space (data, len, pos);
      if (has_prefix (data + pos, len - pos, "trailer", 7))
        return TRUE;
      if (!read_pdf_uint (data, len, &pos, &first))
        return FALSE;
      pos = skip_pdf_space (data, len, pos);
      if (!read_pdf_uint (data, len, &pos, &count) || count > len / 18)
        return FALSE;
      for (guint64 i = 0; i < count; i++)
        {
          guint64 obj_offset, gen, num, obj_gen;
          gsize at;

          pos = skip_pdf_space (data, len, pos);
          if (!read_pdf_uint (data, len, &pos, &obj_offset))
            return FALSE;
          pos = skip_pdf_space (data, len, pos);
          if (!read_pdf_uint (data, len, &pos, &gen))
            return FALSE;
          pos = skip_pdf_space (data, len, pos);
          if (pos >= len || (data[pos] != 'n' && data[pos] != 'f'))
            return FALSE;
          if (data[pos++] == 'f')
            continue;
          if (obj_offset >= len)
            return FALSE;
          at = (gsize) obj_offset;
          if (!read_pdf_uint (data, len, &at, &num) || num != first + i)
            return FALSE;
          at = skip_pdf_space (data, len, at);
          if (!read_pdf_uint (data, len, &at, &obj_gen) || obj_gen != gen)
            return FALSE;
          at = skip_pdf_space (data, len, at);
          if (!has_prefix (data + at, len - at, "obj", 3))
            return FALSE;
        }
    }
}

/* Whether the file still has its end: a last %%EOF followed by nothing
 * that looks like more of the document (padding and junk after it are
 * common), or at least the startxref line %%EOF would follow.  A file cut
 * short has neither, or an earlier revision's %%EOF followed by the start
 * of an incremental update. */
static gboolean
pdf_has_end (const guint8 *data, gsize tail_end)
{
  gsize tail_start = tail_end > PDF_TAIL_BYTES ? tail_end - PDF_TAIL_BYTES : 0;
  const guint8 *eof = mem_rfind (data + tail_start, tail_end - tail_start, "%%EOF", 5);
  const guint8 *sx;
  gsize pos;
  guint64 offset;

  if (eof != NULL)
    {
      const guint8 *rest = eof + 5;
      gsize n = (gsize) (data + tail_end - rest);

      return memmem (rest, n, "obj", 3) == NULL && memmem (rest, n, "xref", 4) == NULL &&
             memmem (rest, n, "trailer", 7) == NULL;
    }
  sx = mem_rfind (data + tail_start, tail_end - tail_start, "startxref", 9);
  if (sx == NULL)
    return FALSE;
  pos = skip_pdf_space (data, tail_end, (gsize) (sx - data) + 9);
  return read_pdf_uint (data, tail_end, &pos, &offset) && pos == tail_end;
}

typedef struct {
  gboolean encrypted;
  char *open_error;            /* poppler's reason it cannot open the file */
  int n_pages, readable, first_bad;
} PdfPages;

/* poppler in this process: only for measuring what the parser process costs */
static gboolean
pdf_pages_here (Job *job, PdfPages *out)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf = poppler_document_new_from_bytes (job->bytes, NULL, &error);

  if (pdf == NULL)
    {
      out->encrypted = g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);
      out->open_error = out->encrypted ? NULL : g_strdup (error->message);
      return TRUE;
    }
  out->n_pages = poppler_document_get_n_pages (pdf);
  for (int i = 0; i < out->n_pages; i++)
    {
      PopplerPage *page;

      if (i % 64 == 63 && g_cancellable_is_cancelled (job->config->cancellable))
        {
          job->probe->cancelled = TRUE;
          g_object_unref (pdf);
          return FALSE;
        }
      page = poppler_document_get_page (pdf, i);
      if (page != NULL)
        out->readable++;
      else if (out->first_bad == 0)
        out->first_bad = i + 1;
      g_clear_object (&page);
    }
  /* poppler 22.12 has no autoptr for its types */
  g_object_unref (pdf);
  return TRUE;
}

/* Why the parser process gave up on a file, for the examiner */
static const char *
parser_failure_ja (const GError *error)
{
  if (g_error_matches (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_MEMORY))
    return "開く処理に必要なメモリが上限を超えました。極端に大きいか、壊れているおそれがあります";
  if (g_error_matches (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_TIMEOUT))
    return "開く処理が制限時間内に終わりませんでした。壊れているか、細工されたファイルのおそれがあります";
  if (g_error_matches (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_START))
    return "開く処理を開始できませんでした（システムの問題です。時間をおいて再実行してください）";
  return "開く処理が異常終了しました。壊れているか、細工されたファイルのおそれがあります";
}

/* poppler in the thread's parser process: a PDF that crashes or stalls it
 * is unreadable, and the batch goes on */
static gboolean
pdf_pages_isolated (Job *job, PdfPages *out)
{
  g_auto(GVariantDict) req = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;

  g_variant_dict_insert (&req, "op", "s", "pdf-probe");
  g_variant_dict_insert (&req, "path", "s", job->local_path);
  reply = shinsa_parser_call (shinsa_parser_get_for_thread (), g_variant_dict_end (&req),
                              job->config->timeout_ms, job->config->cancellable, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          job->probe->cancelled = TRUE;
          return FALSE;
        }
      job_fail (job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE",
                g_strdup_printf ("cannot open: %s", error->message),
                g_strdup_printf ("「%s」をPDF文書として開けません。%s。再提出を求めてください。",
                                 job->path, parser_failure_ja (error)));
      return FALSE;
    }
  if (g_variant_lookup (reply, "encrypted", "b", &out->encrypted) && out->encrypted)
    return TRUE;
  if (g_variant_lookup (reply, "error", "&s", &message))
    {
      out->open_error = g_strdup (message);
      return TRUE;
    }
  g_variant_lookup (reply, "pages", "i", &out->n_pages);
  g_variant_lookup (reply, "readable", "i", &out->readable);
  g_variant_lookup (reply, "first-bad", "i", &out->first_bad);
  return TRUE;
}

static void
probe_pdf (Job *job)
{
  DocumentsProbe *probe = job->probe;
  PdfPages pages = { 0 };
  gsize tail_end = job->len;
  gboolean complete, xref_sound = FALSE;
  int n_pages, readable = 0, first_bad = 0;

  /* a file that lost its end may have lost anything before it too, however
   * much poppler rebuilds from the rest (an earlier revision, a linearized
   * file's first-page table) */
  while (tail_end > 0 && is_pdf_space (job->data[tail_end - 1]))
    tail_end--;
  complete = pdf_has_end (job->data, tail_end);
  if (complete)
    xref_sound = pdf_xref_sound (job->data, job->len, tail_end);

  if (!(job->config->in_process ? pdf_pages_here (job, &pages) : pdf_pages_isolated (job, &pages)))
    return;
  if (pages.encrypted)
    {
      job_encrypted (job);
      return;
    }
  if (pages.open_error != NULL)
    {
      if (!complete)
        job_fail (job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE",
                  g_strdup_printf ("truncated: the end of the file is missing, cannot open: %s", pages.open_error),
                  g_strdup_printf ("「%s」は途中で切れているため開けません（ファイルの終わりがありません）。"
                                   "完全な版の再提出を求めてください。", job->path));
      else
        job_fail (job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE",
                  g_strdup_printf ("cannot open: %s", pages.open_error),
                  g_strdup_printf ("「%s」はPDF文書として壊れているため開けません。"
                                   "再提出を求めてください。", job->path));
      g_free (pages.open_error);
      return;
    }
  n_pages = pages.n_pages;
  readable = pages.readable;
  first_bad = pages.first_bad;

  if (!complete)
    {
      char *message;

      if (readable == 0)
        message = g_strdup_printf ("「%s」は途中で切れているため開けません（ファイルの終わりがありません）。"
                                   "完全な版の再提出を求めてください。", job->path);
      else if (readable < n_pages)
        message = g_strdup_printf ("「%s」は途中で切れています（ファイルの終わりがありません）。"
                                   "全%dページのうち%dページしか読めないため、"
                                   "完全な版の再提出を求めてください。", job->path, n_pages, readable);
      else
        message = g_strdup_printf ("「%s」は途中で切れています（ファイルの終わりがありません）。"
                                   "修復すると%dページ分は開けますが、欠けた部分があり得るため、"
                                   "完全な版の再提出を求めてください。", job->path, readable);
      job_fail (job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE",
                g_strdup_printf ("truncated: the end of the file is missing, %d of %d pages recoverable",
                                 readable, n_pages),
                message);
      return;
    }
  if (n_pages <= 0)
    {
      job_fail (job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE",
                g_strdup ("no pages"),
                g_strdup_printf ("「%s」にはページが見つかりません（空の文書か、ページの構成が壊れています）。再提出を求めてください。", job->path));
      return;
    }
  if (first_bad != 0)
    {
      job_fail (job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE",
                g_strdup_printf ("page %d of %d cannot be read", first_bad, n_pages),
                g_strdup_printf ("「%s」はPDF文書として壊れています（全%dページのうち"
                                 "%dページ目を読めません）。再提出を求めてください。",
                                 job->path, n_pages, first_bad));
      return;
    }

  probe->pages = n_pages;
  if (!xref_sound)
    {
      probe->code = "DOC-REPAIRED";
      probe->severity = SHINSA_SEVERITY_WARNING;
      probe->reason = g_strdup ("cross-reference table damaged, rebuilt");
      probe->message = g_strdup_printf ("「%s」はPDFの相互参照表が壊れていましたが、"
                                        "修復して全%dページを開けました。審査には使えますが、"
                                        "元の版の確認をお勧めします。", job->path, n_pages);
    }
}

/* -- PNG, JPEG, GIF, BMP, WebP: structure walks, no decoding -- */

/* NULL when sound, else the reason */
static char *
check_png (const guint8 *data, gsize len)
{
  gsize pos = 8;
  gboolean idat = FALSE;

  for (guint n = 0;; n++)
    {
      guint32 length, crc;
      const guint8 *type;

      if (pos + 12 > len)
        return g_strdup ("PNG truncated before IEND");
      length = BE32 (data + pos);
      type = data + pos + 4;
      if (length > 0x7FFFFFFF)
        return g_strdup_printf ("PNG chunk at offset %" G_GSIZE_FORMAT " has a bad length", pos);
      for (guint i = 0; i < 4; i++)
        if (!g_ascii_isalpha (type[i]))
          return g_strdup_printf ("PNG chunk at offset %" G_GSIZE_FORMAT " has a bad type", pos);
      if (length > len - pos - 12)
        return g_strdup ("PNG truncated before IEND");
      crc = (guint32) crc32 (0, type, length + 4);
      if (crc != BE32 (type + 4 + length))
        return g_strdup_printf ("PNG chunk '%.4s' at offset %" G_GSIZE_FORMAT " has a bad CRC",
                                (const char *) type, pos);
      if (n == 0 && (memcmp (type, "IHDR", 4) != 0 || length != 13))
        return g_strdup ("PNG does not start with IHDR");
      if (n == 0 && (BE32 (type + 4) == 0 || BE32 (type + 8) == 0))
        return g_strdup ("PNG has a zero width or height");
      if (memcmp (type, "IDAT", 4) == 0)
        idat = TRUE;
      pos += 12 + (gsize) length;
      if (memcmp (type, "IEND", 4) == 0)
        return idat ? NULL : g_strdup ("PNG has no image data");
    }
}

static char *
check_jpeg (const guint8 *data, gsize len)
{
  gsize pos = 2;
  gboolean frame = FALSE, scan = FALSE;

  for (;;)
    {
      guint8 marker;
      guint16 length;

      /* libjpeg skips stray bytes before a marker with a warning, so do we */
      while (pos < len && data[pos] != 0xFF)
        pos++;
      while (pos < len && data[pos] == 0xFF)
        pos++;
      if (pos >= len)
        return g_strdup ("JPEG truncated before EOI");
      marker = data[pos++];
      if (marker == 0xD9)
        {
          if (!frame || !scan)
            return g_strdup ("JPEG ends before any image data");
          return NULL;
        }
      if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0x00)
        continue;
      if (pos + 2 > len)
        return g_strdup ("JPEG truncated before EOI");
      length = BE16 (data + pos);
      if (length < 2)
        return g_strdup_printf ("JPEG segment at offset %" G_GSIZE_FORMAT " has a bad length", pos);
      if (length > len - pos)
        return g_strdup ("JPEG truncated before EOI");
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          if (length < 8 || BE16 (data + pos + 5) == 0)
            return g_strdup ("JPEG frame header is damaged");
          frame = TRUE;
        }
      pos += length;
      if (marker == 0xDA)
        {
          if (!frame)
            return g_strdup ("JPEG scan before the frame header");
          scan = TRUE;
          /* entropy-coded data runs to the next marker that is neither a
           * stuffed 0xFF00 nor a restart */
          for (;;)
            {
              const guint8 *ff = memchr (data + pos, 0xFF, len - pos);

              if (ff == NULL || (gsize) (ff - data) + 1 >= len)
                return g_strdup ("JPEG truncated before EOI");
              pos = (gsize) (ff - data) + 1;
              if (data[pos] == 0x00 || (data[pos] >= 0xD0 && data[pos] <= 0xD7) || data[pos] == 0xFF)
                continue;
              pos--;
              break;
            }
        }
    }
}

static gboolean
gif_skip_sub_blocks (const guint8 *data, gsize len, gsize *pos)
{
  for (;;)
    {
      guint8 size;

      if (*pos >= len)
        return FALSE;
      size = data[(*pos)++];
      if (size == 0)
        return TRUE;
      if (size > len - *pos)
        return FALSE;
      *pos += size;
    }
}

static char *
check_gif (const guint8 *data, gsize len)
{
  gsize pos = 13;
  gboolean image = FALSE;

  if (len < 13)
    return g_strdup ("GIF truncated in its header");
  if (data[10] & 0x80)
    pos += (gsize) 3 << ((data[10] & 7) + 1);
  for (;;)
    {
      if (pos >= len)
        return g_strdup ("GIF truncated before its trailer");
      switch (data[pos++])
        {
        case 0x3B:
          return image ? NULL : g_strdup ("GIF has no image");
        case 0x21:
          if (pos >= len)
            return g_strdup ("GIF truncated before its trailer");
          pos++;                       /* label */
          if (!gif_skip_sub_blocks (data, len, &pos))
            return g_strdup ("GIF truncated before its trailer");
          break;
        case 0x2C:
          if (pos + 9 > len)
            return g_strdup ("GIF truncated before its trailer");
          if (data[pos + 8] & 0x80)
            pos += (gsize) 3 << ((data[pos + 8] & 7) + 1);
          pos += 9 + 1;                /* descriptor, LZW code size */
          if (pos > len || !gif_skip_sub_blocks (data, len, &pos))
            return g_strdup ("GIF truncated before its trailer");
          image = TRUE;
          break;
        default:
          return g_strdup_printf ("GIF block at offset %" G_GSIZE_FORMAT " is damaged", pos - 1);
        }
    }
}

static char *
check_bmp (const guint8 *data, gsize len)
{
  guint32 offset, header;
  gint64 width, height;
  guint bpp, compression = 0;

  if (len < 26)
    return g_strdup ("BMP truncated in its header");
  offset = LE32 (data + 10);
  header = LE32 (data + 14);
  if (header == 12)
    {
      width = LE16 (data + 18);
      height = LE16 (data + 20);
      bpp = LE16 (data + 24);
    }
  else
    {
      if (len < 14 + 20)
        return g_strdup ("BMP truncated in its header");
      width = (gint32) LE32 (data + 18);
      height = (gint32) LE32 (data + 22);
      bpp = LE16 (data + 28);
      compression = LE32 (data + 30);
    }
  if (width <= 0 || height == 0 || bpp == 0 || offset < 14 + header || offset > len)
    return g_strdup ("BMP header is damaged");
  /* uncompressed rows are 4-byte aligned; compressed sizes are not known */
  if (compression == 0 || compression == 3)
    {
      guint64 stride = (((guint64) width * bpp + 31) / 32) * 4;

      if (stride * (guint64) ABS (height) > len - offset)
        return g_strdup ("BMP pixel data truncated");
    }
  return NULL;
}

static char *
check_webp (const guint8 *data, gsize len)
{
  return (guint64) LE32 (data + 4) + 8 > len ? g_strdup ("WebP truncated") : NULL;
}

/* -- TIFF: libtiff reads its directories in the parser process (tiffcheck.c) -- */

static int
check_tiff_isolated (Job *job, gboolean check_strips, char **reason)
{
  g_auto(GVariantDict) req = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *message = NULL;
  gint32 pages = -1;

  if (job->config->in_process)
    return documents_check_tiff (job->data, job->len, check_strips, reason);
  g_variant_dict_insert (&req, "op", "s", "tiff-probe");
  g_variant_dict_insert (&req, "path", "s", job->local_path);
  g_variant_dict_insert (&req, "strips", "b", check_strips);
  reply = shinsa_parser_call (shinsa_parser_get_for_thread (), g_variant_dict_end (&req),
                              job->config->timeout_ms, job->config->cancellable, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        job->probe->cancelled = TRUE;
      *reason = g_strdup_printf ("TIFF cannot be read: %s", error->message);
      return -1;
    }
  if (g_variant_lookup (reply, "error", "&s", &message))
    {
      *reason = g_strdup (message);
      return -1;
    }
  if (!g_variant_lookup (reply, "pages", "i", &pages) || pages < 1)
    {
      *reason = g_strdup ("TIFF has no pages");
      return -1;
    }
  return pages;
}

static void
probe_image (Job *job)
{
  char *reason = NULL;
  gboolean check = job->config->check_images;

  switch (job->kind)
    {
    case KIND_TIFF:
      job->probe->pages = check_tiff_isolated (job, check, &reason);
      break;
    case KIND_PNG:
      reason = check ? check_png (job->data, job->len) : NULL;
      break;
    case KIND_JPEG:
      reason = check ? check_jpeg (job->data, job->len) : NULL;
      break;
    case KIND_GIF:
      reason = check ? check_gif (job->data, job->len) : NULL;
      break;
    case KIND_BMP:
      reason = check ? check_bmp (job->data, job->len) : NULL;
      break;
    case KIND_WEBP:
      reason = check ? check_webp (job->data, job->len) : NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  if (reason != NULL)
    job_damaged (job, reason);
  else if (job->kind != KIND_TIFF)
    job->probe->pages = 1;
}

static void
probe_bytes (Job *job, Kind claimed, const char *ext)
{
  DocumentsProbe *probe = job->probe;
  Sniff sniff = { KIND_UNKNOWN, NULL };

  sniff_content (job->data, job->len, &sniff);
  /* a container whose directory cannot be read says nothing about what it
   * holds: judge it as what its name claims */
  if (sniff.damage != NULL &&
      ((sniff.kind == KIND_ZIP &&
        (claimed == KIND_XLSX || claimed == KIND_DOCX || claimed == KIND_PPTX)) ||
       (sniff.kind == KIND_OLE2 &&
        (claimed == KIND_XLS || claimed == KIND_DOC || claimed == KIND_PPT))))
    sniff.kind = claimed;
  job->kind = sniff.kind;
  probe->media_type = g_strdup (media_type_for (sniff.kind, claimed, ext));
  probe->status = SHINSA_DOCUMENT_STATUS_OK;
  probe->pages = -1;

  if (sniff.kind == KIND_EMPTY)
    {
      job_fail (job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE", g_strdup ("empty file"),
                g_strdup_printf ("「%s」は空のファイル（0バイト）です。"
                                 "内容のある版の再提出を求めてください。", job->path));
      return;
    }
  if (sniff.kind == KIND_OOXML_ENCRYPTED)
    {
      job_encrypted (job);
      return;
    }
  if (!kind_fits_claim (claimed, sniff.kind))
    {
      job_fail (job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE",
                g_strdup_printf ("content is %s, not %s", probe->media_type,
                                 media_type_for (claimed, claimed, ext)),
                g_strdup_printf ("「%s」は拡張子が「.%s」ですが、中身は%sです。"
                                 "%sとして開けないため、正しい形式での再提出を求めてください。",
                                 job->path, ext, kinds[sniff.kind].label_ja,
                                 kinds[claimed].label_ja));
      g_free (sniff.damage);
      return;
    }
  if (sniff.damage != NULL)
    {
      job_damaged (job, g_steal_pointer (&sniff.damage));
      return;
    }

  switch (sniff.kind)
    {
    case KIND_PDF:
      probe_pdf (job);
      break;
    case KIND_JPEG:
    case KIND_PNG:
    case KIND_TIFF:
    case KIND_GIF:
    case KIND_BMP:
    case KIND_WEBP:
      probe_image (job);
      break;
    default:
      break;
    }

  if (probe->status != SHINSA_DOCUMENT_STATUS_OK || probe->code != NULL || probe->cancelled)
    return;
  if (claimed != KIND_UNKNOWN && claimed != sniff.kind &&
      !(claimed == KIND_ZIP || (kinds[claimed].family == FAMILY_TEXT)))
    {
      probe->code = "DOC-TYPE-MISMATCH";
      probe->severity = SHINSA_SEVERITY_WARNING;
      probe->reason = g_strdup_printf ("content is %s, the name says %s", probe->media_type,
                                       media_type_for (claimed, claimed, ext));
      probe->message = g_strdup_printf ("「%s」は拡張子が「.%s」ですが、中身は%sです。"
                                        "開くことはできますが、拡張子と形式が一致していません。",
                                        job->path, ext, kinds[sniff.kind].label_ja);
    }
  else if (claimed == KIND_UNKNOWN && (sniff.kind == KIND_UNKNOWN || sniff.kind == KIND_OLE2))
    {
      probe->code = "DOC-UNKNOWN-TYPE";
      probe->severity = SHINSA_SEVERITY_INFO;
      probe->reason = g_strdup ("unknown file type");
      probe->message = g_strdup_printf ("「%s」の形式を判別できませんでした。"
                                        "内容を確認してください。", job->path);
    }
}

void
documents_probe_file (const char *local_path,
                      const char *path,
                      const DocumentsConfig *config,
                      gboolean want_sha256,
                      DocumentsProbe *probe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *ext = NULL;
  Job job = { 0 };

  g_return_if_fail (local_path != NULL && path != NULL && config != NULL && probe != NULL);

  memset (probe, 0, sizeof *probe);
  probe->pages = -1;
  ext = path_extension (path);
  job.path = path;
  job.local_path = local_path;
  job.config = config;
  job.probe = probe;

  mapped = g_mapped_file_new (local_path, FALSE, &error);
  if (mapped == NULL)
    {
      probe->media_type = g_strdup (kinds[KIND_UNKNOWN].media_type);
      job_fail (&job, SHINSA_DOCUMENT_STATUS_UNREADABLE, "DOC-UNREADABLE",
                g_strdup_printf ("cannot read: %s", error->message),
                g_strdup_printf ("「%s」を読み出せません（%s）。", path, error->message));
      return;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  job.bytes = bytes;
  job.data = g_bytes_get_data (bytes, &job.len);

  if (want_sha256)
    {
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

      /* g_checksum_update takes gssize */
      for (gsize done = 0; done < job.len; done += MIN (job.len - done, (gsize) G_MAXINT32))
        g_checksum_update (sum, job.data + done, MIN (job.len - done, (gsize) G_MAXINT32));
      probe->sha256 = g_strdup (g_checksum_get_string (sum));
      probe->size = job.len;
    }

  probe_bytes (&job, kind_from_extension (ext), ext);
}

void
documents_probe_clear (DocumentsProbe *probe)
{
  g_clear_pointer (&probe->media_type, g_free);
  g_clear_pointer (&probe->reason, g_free);
  g_clear_pointer (&probe->message, g_free);
  g_clear_pointer (&probe->sha256, g_free);
  probe->code = NULL;
}

/* ---- the stage --------------------------------------------------------- */

typedef struct {
  GPtrArray *documents;
  DocumentsConfig config;
  DocumentsProbe *probes;
  GMutex lock;                  /* progress */
  guint done;
} Run;

static void
probe_one (ShinsaContext *ctx, guint index, gpointer user_data)
{
  Run *run = user_data;
  ShinsaDocument *doc = g_ptr_array_index (run->documents, index);
  DocumentsProbe *probe = &run->probes[index];

  if (g_cancellable_is_cancelled (run->config.cancellable))
    {
      probe->cancelled = TRUE;
      return;
    }
  documents_probe_file (shinsa_document_get_local_path (doc), shinsa_document_get_path (doc),
                        &run->config, shinsa_document_get_sha256 (doc) == NULL, probe);

  g_mutex_lock (&run->lock);
  run->done++;
  shinsa_context_set_progress (ctx, NULL, (double) run->done / run->documents->len);
  g_mutex_unlock (&run->lock);
}

gboolean
documents_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  GPtrArray *documents;
  Run run = { 0 };
  gboolean cancelled = FALSE;

  g_return_val_if_fail (SHINSA_IS_CONTEXT (ctx), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  documents = shinsa_context_get_documents (ctx);
  run.documents = documents;
  run.config.check_images = shinsa_options_get_bool (options, "check-images");
  run.config.cancellable = shinsa_context_get_cancellable (ctx);
  run.config.in_process = !shinsa_options_get_bool (options, "isolate");
  run.config.timeout_ms = (guint) shinsa_options_get_int (options, "timeout") * 1000;
  run.probes = g_new0 (DocumentsProbe, MAX (documents->len, 1));
  g_mutex_init (&run.lock);

  shinsa_context_parallel_for (ctx, documents->len, probe_one, &run);

  for (guint i = 0; i < documents->len; i++)
    cancelled |= run.probes[i].cancelled;

  /* applied here rather than in the workers, so that a document is only
   * ever changed from the stage's own thread */
  for (guint i = 0; i < documents->len && !cancelled; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (documents, i);
      DocumentsProbe *probe = &run.probes[i];

      shinsa_document_set_media_type (doc, probe->media_type);
      shinsa_document_set_pages (doc, probe->pages);
      shinsa_document_set_status (doc, probe->status, probe->reason);
      if (probe->sha256 != NULL)
        {
          shinsa_document_set_sha256 (doc, probe->sha256);
          shinsa_document_set_size (doc, probe->size);
        }
      if (probe->code != NULL)
        {
          ShinsaFinding *f = shinsa_context_add_finding (ctx, probe->code, probe->severity,
                                                         "%s", probe->message);
          shinsa_finding_set_document (f, shinsa_document_get_id (doc),
                                       shinsa_document_get_path (doc));
        }
    }

  for (guint i = 0; i < documents->len; i++)
    documents_probe_clear (&run.probes[i]);
  g_free (run.probes);
  g_mutex_clear (&run.lock);

  if (cancelled)
    {
      g_set_error_literal (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_CANCELLED,
                           "documents stage cancelled");
      return FALSE;
    }

  shinsa_context_set_artifact (ctx, "documents", g_ptr_array_ref (documents),
                               (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static const ShinsaOptionSpec documents_options[] = {
  { "check-images", SHINSA_OPTION_BOOL, "true",
    "walk image structures (PNG chunks and CRCs, JPEG markers, GIF blocks, TIFF strips), "
    "not only their headers" },
  { "isolate", SHINSA_OPTION_BOOL, "true",
    "open PDFs in parser processes with limits, so a hostile file costs a process, not the batch "
    "(false: in this process, for measuring the difference)" },
  { "timeout", SHINSA_OPTION_INT, "120",
    "seconds opening one PDF may take before it is given up as unreadable (0: no limit)",
    NULL, 0, 86400 },
  { NULL }
};

static const char *const documents_needs[] = { "files", NULL };
static const char *const documents_provides[] = { "documents", NULL };

const ShinsaStageInfo documents_stage = {
  "documents",
  "提出書類の種類・ページ数の確認と、開けない書類（破損・暗号化・形式違い）の検出",
  "identify each submitted file by content, count its pages, find files that cannot be read",
  documents_options,
  documents_needs,
  documents_provides,
  documents_run,
};
