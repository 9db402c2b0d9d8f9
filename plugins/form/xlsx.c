/* shinsa — reading .xlsx workbooks (Office Open XML spreadsheets)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The zip is read with libarchive into memory, part by part, under caps on
 * each part, on the total and on the unpacked/packed ratio; nothing is
 * written to disk and entry names are only ever compared, never opened.
 * Parts are parsed with libxml2's streaming reader without network access,
 * entity substitution or DTD loading, and a part that declares a DTD at all
 * is refused: OOXML never needs one, and that is where billion laughs and
 * XXE live.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>

#include "form.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS)

/* ---- the zip --------------------------------------------------------------- */

typedef struct {
  const char *path;            /* for messages */
  const FormLimits *limits;
  GHashTable *parts;           /* entry name → GBytes */
} Package;

static gboolean
wanted_entry (const char *name)
{
  return g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".rels");
}

/* (transfer full): @a's error, the file's local path in it (a private
 * temporary folder for a file from an archive) replaced by its name */
static char *
archive_message (struct archive *a, const char *local_path, const char *path)
{
  GString *s = g_string_new (archive_error_string (a) != NULL ? archive_error_string (a) : "unknown error");
  g_string_replace (s, local_path, path, 0);
  return g_string_free (s, FALSE);
}

/* more than @limits allow, from a small file: a zip bomb, not a big workbook */
static gboolean
is_bomb (guint64 unpacked, guint64 file_size, const FormLimits *limits)
{
  return unpacked > 1024 * 1024 && unpacked / MAX (file_size, 1) > limits->max_ratio;
}

static gboolean
package_read (Package *pkg, const char *local_path, GError **error)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  guint64 total = 0, file_size = 0;
  guint entries = 0;
  GStatBuf st;
  int r;
  gboolean ok = FALSE;

  if (g_stat (local_path, &st) == 0)
    file_size = (guint64) st.st_size;
  if (file_size > pkg->limits->max_file_bytes)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT,
                   "'%s' is too large to be a form (%" G_GUINT64_FORMAT " bytes)", pkg->path, file_size);
      archive_read_free (a);
      return FALSE;
    }

  archive_read_support_format_zip (a);
  if (archive_read_open_filename (a, local_path, 64 * 1024) != ARCHIVE_OK)
    {
      g_autofree char *why = archive_message (a, local_path, pkg->path);
      g_set_error (error, FORM_ERROR, FORM_ERROR_NOT_WORKBOOK, "'%s' is not a workbook: %s", pkg->path, why);
      goto out;
    }
  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      g_autoptr(GByteArray) buf = NULL;
      guint8 block[64 * 1024];
      la_ssize_t n;

      if (name == NULL)
        name = archive_entry_pathname (entry);
      if (++entries > pkg->limits->max_entries)
        {
          /* a workbook has a few dozen parts */
          g_set_error (error, FORM_ERROR, FORM_ERROR_BOMB,
                       "'%s' has more than %u zip entries", pkg->path, pkg->limits->max_entries);
          goto out;
        }
      if (name == NULL || !wanted_entry (name) || archive_entry_filetype (entry) != AE_IFREG)
        {
          archive_read_data_skip (a);
          continue;
        }
      if (archive_entry_size_is_set (entry)
          && (guint64) archive_entry_size (entry) > pkg->limits->max_part_bytes)
        {
          g_set_error (error, FORM_ERROR,
                       is_bomb ((guint64) archive_entry_size (entry), file_size, pkg->limits)
                         ? FORM_ERROR_BOMB : FORM_ERROR_LIMIT,
                       "part '%s' of '%s' unpacks to %" G_GINT64_FORMAT " bytes, more than allowed",
                       name, pkg->path, (gint64) archive_entry_size (entry));
          goto out;
        }
      buf = g_byte_array_new ();
      while ((n = archive_read_data (a, block, sizeof block)) > 0)
        {
          total += (guint64) n;
          if (is_bomb (total, file_size, pkg->limits))
            {
              g_set_error (error, FORM_ERROR, FORM_ERROR_BOMB,
                           "'%s' unpacks to more than %u times its size (part '%s'): a zip bomb",
                           pkg->path, pkg->limits->max_ratio, name);
              goto out;
            }
          if (buf->len + (guint64) n > pkg->limits->max_part_bytes || total > pkg->limits->max_total_bytes)
            {
              g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT,
                           "'%s' unpacks to too much data (part '%s')", pkg->path, name);
              goto out;
            }
          g_byte_array_append (buf, block, (guint) n);
        }
      if (n < 0)
        {
          g_autofree char *why = archive_message (a, local_path, pkg->path);
          g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED,
                       "cannot unpack part '%s' of '%s': %s", name, pkg->path, why);
          goto out;
        }
      g_hash_table_replace (pkg->parts, g_strdup (name), g_byte_array_free_to_bytes (g_steal_pointer (&buf)));
    }
  if (r != ARCHIVE_EOF)
    {
      /* a zip's signature, then no entry: cut short or damaged */
      g_autofree char *why = archive_message (a, local_path, pkg->path);
      g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED, "'%s' is a damaged zip: %s", pkg->path, why);
      goto out;
    }
  ok = TRUE;
out:
  archive_read_free (a);
  return ok;
}

/* ---- XML ------------------------------------------------------------------- */

static gboolean
part_is_hostile (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  /* an empty part has no data at all: memmem() must not see NULL (found
   * by tools/fuzz/fuzz-workbook under UBSan) */
  if (data == NULL)
    return FALSE;
  return memmem (data, len, "<!DOCTYPE", 9) != NULL || memmem (data, len, "<!ENTITY", 8) != NULL;
}

/* *out: (transfer full) (nullable): a reader over the part @name, NULL when
 * the part is absent and not @required.  FALSE with @error on failure. */
static gboolean
open_part (Package *pkg, const char *name, gboolean required, xmlTextReaderPtr *out, GError **error)
{
  GBytes *bytes = g_hash_table_lookup (pkg->parts, name);
  gsize len;
  const char *data;

  *out = NULL;
  if (bytes == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, FORM_ERROR, FORM_ERROR_NOT_WORKBOOK,
                   "'%s' is not a workbook: no part '%s'", pkg->path, name);
      return FALSE;
    }
  if (part_is_hostile (bytes))
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_HOSTILE,
                   "part '%s' of '%s' declares a DTD or entities; refused", name, pkg->path);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  if (len > G_MAXINT)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT, "part '%s' of '%s' is too large", name, pkg->path);
      return FALSE;
    }
  *out = xmlReaderForMemory (data, (int) len, name, NULL, XML_OPTIONS);
  if (*out == NULL)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED,
                   "cannot parse part '%s' of '%s'", name, pkg->path);
      return FALSE;
    }
  return TRUE;
}

/* steps the reader; FALSE at the end, with @error set when the XML is bad */
static gboolean
step (xmlTextReaderPtr reader, Package *pkg, const char *part, gboolean *failed, GError **error)
{
  int r = xmlTextReaderRead (reader);

  if (r == 1)
    {
      if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_DOCUMENT_TYPE)
        {
          g_set_error (error, FORM_ERROR, FORM_ERROR_HOSTILE,
                       "part '%s' of '%s' declares a DTD; refused", part, pkg->path);
          *failed = TRUE;
          return FALSE;
        }
      return TRUE;
    }
  if (r < 0)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED,
                   "part '%s' of '%s' is not well-formed XML (line %d)", part, pkg->path,
                   xmlTextReaderGetParserLineNumber (reader));
      *failed = TRUE;
    }
  return FALSE;
}

static gboolean
is_start (xmlTextReaderPtr reader, const char *local)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
         && strcmp ((const char *) xmlTextReaderConstLocalName (reader), local) == 0;
}

static gboolean
is_end (xmlTextReaderPtr reader, const char *local)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
         && strcmp ((const char *) xmlTextReaderConstLocalName (reader), local) == 0;
}

/* (transfer full) (nullable): attribute by local name, any namespace */
static char *
attr (xmlTextReaderPtr reader, const char *local)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return NULL;
  do
    {
      if (strcmp ((const char *) xmlTextReaderConstLocalName (reader), local) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);
  return value;
}

/* the text content of the current element (<t>, <v>), then positioned on its end */
static char *
element_text (xmlTextReaderPtr reader)
{
  xmlChar *s;
  char *out;

  if (xmlTextReaderIsEmptyElement (reader))
    return g_strdup ("");
  s = xmlTextReaderReadString (reader);
  out = g_strdup (s != NULL ? (const char *) s : "");
  xmlFree (s);
  return out;
}

/* ---- relationships ---------------------------------------------------------- */

/* resolves @target against the folder of @base_part, in memory only */
static char *
resolve_target (const char *base_dir, const char *target)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_auto(GStrv) segs = NULL;
  GString *out = g_string_new (NULL);

  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else
    joined = g_strconcat (base_dir, target, NULL);
  segs = g_strsplit (joined, "/", -1);
  for (guint i = 0; segs[i] != NULL; i++)
    {
      if (*segs[i] == '\0' || strcmp (segs[i], ".") == 0)
        continue;
      if (strcmp (segs[i], "..") == 0)
        {
          if (parts->len > 0)
            g_ptr_array_remove_index (parts, parts->len - 1);
          continue;
        }
      g_ptr_array_add (parts, segs[i]);
    }
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "/" : "", (char *) g_ptr_array_index (parts, i));
  return g_string_free (out, FALSE);
}

typedef struct {
  char *id;
  char *type;
  char *target;
} Rel;

static void
rel_free (gpointer data)
{
  Rel *rel = data;
  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

static GPtrArray *
read_rels (Package *pkg, const char *rels_part, const char *base_dir, GError **error)
{
  g_autoptr(GPtrArray) rels = g_ptr_array_new_with_free_func (rel_free);
  xmlTextReaderPtr reader;
  gboolean failed = FALSE;

  if (!open_part (pkg, rels_part, FALSE, &reader, error))
    return NULL;
  if (reader == NULL)
    return g_steal_pointer (&rels);
  while (step (reader, pkg, rels_part, &failed, error))
    if (is_start (reader, "Relationship"))
      {
        g_autofree char *target = attr (reader, "Target");
        g_autofree char *mode = attr (reader, "TargetMode");
        Rel *rel;
        if (target == NULL || g_strcmp0 (mode, "External") == 0)
          continue;
        rel = g_new0 (Rel, 1);
        rel->id = attr (reader, "Id");
        rel->type = attr (reader, "Type");
        rel->target = resolve_target (base_dir, target);
        g_ptr_array_add (rels, rel);
      }
  xmlFreeTextReader (reader);
  if (failed)
    return NULL;
  return g_steal_pointer (&rels);
}

static const char *
rel_target_by_type (GPtrArray *rels, const char *type_suffix, const char *fallback)
{
  for (guint i = 0; i < rels->len; i++)
    {
      Rel *rel = g_ptr_array_index (rels, i);
      if (rel->type != NULL && g_str_has_suffix (rel->type, type_suffix))
        return rel->target;
    }
  return fallback;
}

/* ---- colours ------------------------------------------------------------------ */

/* Excel's indexed colours 0–63, the BIFF8 default palette (biff.c too) */
const guint32 form_default_palette[64] = {
  0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
  0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
  0x800000, 0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080,
  0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF,
  0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF,
  0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99,
  0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696,
  0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399, 0x333333,
};

typedef struct {
  guint32 palette[64];
  guint32 theme[12];           /* in the order theme="N" counts: lt1 dk1 lt2 dk2 accent1–6 hlink folHlink */
  gboolean have_theme;
} Colours;

typedef struct {
  guint32 color;
  gboolean has_color;
  gboolean strike;
} Font;

static gboolean
parse_hex (const char *s, guint32 *out)
{
  gsize len = s != NULL ? strlen (s) : 0;
  char *end = NULL;
  guint64 v;

  if (len != 6 && len != 8)
    return FALSE;
  v = g_ascii_strtoull (s, &end, 16);
  if (end == NULL || *end != '\0')
    return FALSE;
  *out = (guint32) (v & 0xFFFFFF);
  return TRUE;
}

/* Excel's tint: lighten or darken the HSL luminance */
static guint32
apply_tint (guint32 rgb, double tint)
{
  double r = ((rgb >> 16) & 0xff) / 255.0, g = ((rgb >> 8) & 0xff) / 255.0, b = (rgb & 0xff) / 255.0;
  double max = MAX (r, MAX (g, b)), min = MIN (r, MIN (g, b));
  double h = 0, s = 0, l = (max + min) / 2, q, p;
  double rgbv[3];

  if (tint == 0)
    return rgb;
  if (max != min)
    {
      double d = max - min;
      s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
      if (max == r)
        h = (g - b) / d + (g < b ? 6 : 0);
      else if (max == g)
        h = (b - r) / d + 2;
      else
        h = (r - g) / d + 4;
      h /= 6;
    }
  l = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  if (s == 0)
    rgbv[0] = rgbv[1] = rgbv[2] = l;
  else
    {
      q = l < 0.5 ? l * (1 + s) : l + s - l * s;
      p = 2 * l - q;
      for (int i = 0; i < 3; i++)
        {
          double t = h + (1 - i) / 3.0;
          if (t < 0)
            t += 1;
          if (t > 1)
            t -= 1;
          if (t < 1 / 6.0)
            rgbv[i] = p + (q - p) * 6 * t;
          else if (t < 0.5)
            rgbv[i] = q;
          else if (t < 2 / 3.0)
            rgbv[i] = p + (q - p) * (2 / 3.0 - t) * 6;
          else
            rgbv[i] = p;
        }
    }
  return ((guint32) lround (CLAMP (rgbv[0], 0, 1) * 255) << 16)
         | ((guint32) lround (CLAMP (rgbv[1], 0, 1) * 255) << 8)
         | (guint32) lround (CLAMP (rgbv[2], 0, 1) * 255);
}

/* the reader is on a <color>: resolve it */
static void
read_color (xmlTextReaderPtr reader, const Colours *colours, Font *font)
{
  g_autofree char *rgb = attr (reader, "rgb");
  g_autofree char *indexed = attr (reader, "indexed");
  g_autofree char *theme = attr (reader, "theme");
  g_autofree char *tint = attr (reader, "tint");
  g_autofree char *automatic = attr (reader, "auto");
  guint32 value;

  font->has_color = FALSE;
  if (automatic != NULL && strcmp (automatic, "1") == 0)
    return;
  if (rgb != NULL && parse_hex (rgb, &value))
    {
      font->color = value;
      font->has_color = TRUE;
    }
  else if (indexed != NULL)
    {
      guint64 i = g_ascii_strtoull (indexed, NULL, 10);
      if (i < 64)
        {
          font->color = colours->palette[i];
          font->has_color = TRUE;
        }
    }
  else if (theme != NULL)
    {
      guint64 i = g_ascii_strtoull (theme, NULL, 10);
      if (i < 12)
        {
          font->color = colours->theme[i];
          font->has_color = TRUE;
        }
    }
  if (font->has_color && tint != NULL)
    font->color = apply_tint (font->color, g_ascii_strtod (tint, NULL));
}

static void
colours_init (Colours *colours)
{
  static const guint32 office_theme[12] = {
    0xFFFFFF, 0x000000, 0xE7E6E6, 0x44546A, 0x4472C4, 0xED7D31,
    0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47, 0x0563C1, 0x954F72,
  };
  memcpy (colours->palette, form_default_palette, sizeof form_default_palette);
  memcpy (colours->theme, office_theme, sizeof office_theme);
}

static gboolean
read_theme (Package *pkg, const char *part, Colours *colours, GError **error)
{
  /* clrScheme children in file order: dk1 lt1 dk2 lt2 accent1–6 hlink
   * folHlink; theme="N" swaps the first two pairs */
  static const char *const names[12] = {
    "lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4",
    "accent5", "accent6", "hlink", "folHlink",
  };
  xmlTextReaderPtr reader;
  gboolean failed = FALSE, in_scheme = FALSE;
  int current = -1;

  if (!open_part (pkg, part, FALSE, &reader, error))
    return FALSE;
  if (reader == NULL)
    return TRUE;
  while (step (reader, pkg, part, &failed, error))
    {
      if (is_start (reader, "clrScheme"))
        in_scheme = TRUE;
      else if (is_end (reader, "clrScheme"))
        in_scheme = FALSE;
      else if (in_scheme && xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT)
        {
          const char *local = (const char *) xmlTextReaderConstLocalName (reader);
          gboolean matched = FALSE;
          for (int i = 0; i < 12; i++)
            if (strcmp (local, names[i]) == 0)
              {
                current = i;
                matched = TRUE;
              }
          if (!matched && current >= 0 && (strcmp (local, "srgbClr") == 0 || strcmp (local, "sysClr") == 0))
            {
              g_autofree char *val = attr (reader, strcmp (local, "srgbClr") == 0 ? "val" : "lastClr");
              guint32 v;
              if (val != NULL && parse_hex (val, &v))
                {
                  colours->theme[current] = v;
                  colours->have_theme = TRUE;
                }
              current = -1;
            }
        }
    }
  xmlFreeTextReader (reader);
  return !failed;
}

/* ---- styles ---------------------------------------------------------------------- */

typedef struct {
  GArray *fonts;               /* Font */
  GArray *xf_font;             /* guint per cellXfs entry */
  GArray *xf_numfmt;           /* guint */
  GHashTable *date_formats;    /* numFmtId → 1 for custom date formats */
} Styles;

static void
styles_clear (Styles *st)
{
  g_clear_pointer (&st->fonts, g_array_unref);
  g_clear_pointer (&st->xf_font, g_array_unref);
  g_clear_pointer (&st->xf_numfmt, g_array_unref);
  g_clear_pointer (&st->date_formats, g_hash_table_unref);
}

static gboolean
format_code_is_date (const char *code)
{
  gboolean quoted = FALSE, bracket = FALSE;

  for (const char *p = code; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == '[')
        bracket = TRUE;
      else if (!quoted && c == ']')
        bracket = FALSE;
      else if (!quoted && !bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 0x5E74 /* 年 */
                                       || c == 0x65E5 /* 日 */ || c == 'e' || c == 'g'))
        return TRUE;
    }
  return FALSE;
}

static gboolean
numfmt_is_date (const Styles *st, guint id)
{
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
    return TRUE;
  return st->date_formats != NULL && g_hash_table_contains (st->date_formats, GUINT_TO_POINTER (id));
}

static gboolean
read_styles (Package *pkg, const char *part, Colours *colours, Styles *st, GError **error)
{
  xmlTextReaderPtr reader;
  gboolean failed = FALSE, in_fonts = FALSE, in_cell_xfs = FALSE, in_indexed = FALSE;
  Font *font = NULL;
  guint indexed_n = 0;

  st->fonts = g_array_new (FALSE, TRUE, sizeof (Font));
  st->xf_font = g_array_new (FALSE, TRUE, sizeof (guint));
  st->xf_numfmt = g_array_new (FALSE, TRUE, sizeof (guint));
  st->date_formats = g_hash_table_new (g_direct_hash, g_direct_equal);

  /* indexedColors comes after fonts in the file but applies to them: two passes */
  if (!open_part (pkg, part, FALSE, &reader, error))
    return FALSE;
  if (reader == NULL)
    return TRUE;
  while (step (reader, pkg, part, &failed, error))
    {
      if (is_start (reader, "indexedColors"))
        in_indexed = TRUE;
      else if (is_end (reader, "indexedColors"))
        in_indexed = FALSE;
      else if (in_indexed && is_start (reader, "rgbColor"))
        {
          g_autofree char *rgb = attr (reader, "rgb");
          guint32 v;
          if (indexed_n < 64 && rgb != NULL && parse_hex (rgb, &v))
            colours->palette[indexed_n] = v;
          indexed_n++;
        }
    }
  xmlFreeTextReader (reader);
  if (failed)
    return FALSE;

  if (!open_part (pkg, part, FALSE, &reader, error))
    return FALSE;
  if (reader == NULL)
    return TRUE;
  while (step (reader, pkg, part, &failed, error))
    {
      if (is_start (reader, "fonts"))
        in_fonts = TRUE;
      else if (is_end (reader, "fonts"))
        in_fonts = FALSE;
      else if (in_fonts && is_start (reader, "font"))
        {
          Font f = { 0 };
          g_array_append_val (st->fonts, f);
          font = &g_array_index (st->fonts, Font, st->fonts->len - 1);
        }
      else if (in_fonts && font != NULL && is_start (reader, "color"))
        read_color (reader, colours, font);
      else if (in_fonts && font != NULL && is_start (reader, "strike"))
        {
          g_autofree char *val = attr (reader, "val");
          font->strike = val == NULL || (strcmp (val, "0") != 0 && strcmp (val, "false") != 0);
        }
      else if (is_start (reader, "numFmt"))
        {
          g_autofree char *id = attr (reader, "numFmtId");
          g_autofree char *code = attr (reader, "formatCode");
          if (id != NULL && code != NULL && format_code_is_date (code))
            g_hash_table_add (st->date_formats, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)));
        }
      else if (is_start (reader, "cellXfs"))
        in_cell_xfs = TRUE;
      else if (is_end (reader, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && is_start (reader, "xf"))
        {
          g_autofree char *font_id = attr (reader, "fontId");
          g_autofree char *numfmt = attr (reader, "numFmtId");
          guint f = font_id != NULL ? (guint) g_ascii_strtoull (font_id, NULL, 10) : 0;
          guint n = numfmt != NULL ? (guint) g_ascii_strtoull (numfmt, NULL, 10) : 0;
          g_array_append_val (st->xf_font, f);
          g_array_append_val (st->xf_numfmt, n);
        }
    }
  xmlFreeTextReader (reader);
  return !failed;
}

static Font
style_font (const Styles *st, guint xf)
{
  Font none = { 0 };
  guint f;

  if (st->xf_font == NULL || xf >= st->xf_font->len)
    return none;
  f = g_array_index (st->xf_font, guint, xf);
  if (f >= st->fonts->len)
    return none;
  return g_array_index (st->fonts, Font, f);
}

/* ---- rich text (shared strings, inline strings) ------------------------------------- */

typedef struct {
  ShinsaFormRun run;
  gboolean own_font;           /* the run had <rPr>; else it takes the cell's font */
} RichRun;

typedef struct {
  char *text;
  GArray *runs;                /* RichRun */
} Rich;

static void
rich_run_clear (gpointer data)
{
  RichRun *r = data;
  g_free (r->run.text);
}

static void
rich_free (gpointer data)
{
  Rich *rich = data;
  if (rich == NULL)
    return;
  g_free (rich->text);
  g_array_unref (rich->runs);
  g_free (rich);
}

/* reads the children of <si> or <is>, the reader on its start; stops on its end */
static Rich *
read_rich (xmlTextReaderPtr reader, Package *pkg, const char *part, const char *end_name,
           const Colours *colours, gboolean *failed, GError **error)
{
  Rich *rich = g_new0 (Rich, 1);
  GString *text = g_string_new (NULL);
  RichRun current = { 0 };
  gboolean in_run = FALSE;
  int skip_depth = -1;

  rich->runs = g_array_new (FALSE, TRUE, sizeof (RichRun));
  g_array_set_clear_func (rich->runs, rich_run_clear);
  if (xmlTextReaderIsEmptyElement (reader))
    goto done;
  while (step (reader, pkg, part, failed, error))
    {
      int depth = xmlTextReaderDepth (reader);

      if (skip_depth >= 0)
        {
          if (depth <= skip_depth)
            skip_depth = -1;
          else
            continue;
          if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT)
            continue;
        }
      if (is_end (reader, end_name))
        break;
      /* phonetic guides (振り仮名) are not part of the value */
      if (is_start (reader, "rPh") || is_start (reader, "phoneticPr"))
        {
          if (!xmlTextReaderIsEmptyElement (reader))
            skip_depth = depth;
          continue;
        }
      if (is_start (reader, "r"))
        {
          in_run = TRUE;
          memset (&current, 0, sizeof current);
        }
      else if (in_run && is_start (reader, "rPr"))
        current.own_font = TRUE;
      else if (in_run && is_start (reader, "color"))
        {
          Font f = { 0 };
          read_color (reader, colours, &f);
          current.run.color = f.color;
          current.run.has_color = f.has_color;
        }
      else if (in_run && is_start (reader, "strike"))
        {
          g_autofree char *val = attr (reader, "val");
          current.run.strike = val == NULL || (strcmp (val, "0") != 0 && strcmp (val, "false") != 0);
        }
      else if (is_start (reader, "t"))
        {
          g_autofree char *t = element_text (reader);
          RichRun r = in_run ? current : (RichRun) { 0 };
          r.run.text = g_strdup (t);
          g_string_append (text, t);
          g_array_append_val (rich->runs, r);
          if (in_run)
            memset (&current, 0, sizeof current);
        }
      else if (is_end (reader, "r"))
        in_run = FALSE;
    }
done:
  rich->text = g_string_free (text, FALSE);
  return rich;
}

static GPtrArray *
read_shared_strings (Package *pkg, const char *part, const Colours *colours, const FormLimits *limits,
                     GError **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (rich_free);
  xmlTextReaderPtr reader;
  gboolean failed = FALSE;

  if (!open_part (pkg, part, FALSE, &reader, error))
    return NULL;
  if (reader == NULL)
    return g_steal_pointer (&strings);
  while (!failed && step (reader, pkg, part, &failed, error))
    if (is_start (reader, "si"))
      {
        if (strings->len >= limits->max_cells)
          {
            g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT,
                         "'%s' has more than %u shared strings", pkg->path, limits->max_cells);
            failed = TRUE;
            break;
          }
        g_ptr_array_add (strings, read_rich (reader, pkg, part, "si", colours, &failed, error));
      }
  xmlFreeTextReader (reader);
  if (failed)
    return NULL;
  return g_steal_pointer (&strings);
}

/* the cell's runs: rich runs without their own font take the cell's */
static GArray *
cell_runs (const Rich *rich, Font cell_font)
{
  GArray *runs = form_runs_new ();

  for (guint i = 0; i < rich->runs->len; i++)
    {
      const RichRun *r = &g_array_index (rich->runs, RichRun, i);
      ShinsaFormRun run = r->run;
      if (!r->own_font)
        {
          run.color = cell_font.color;
          run.has_color = cell_font.has_color;
          run.strike = cell_font.strike;
        }
      run.text = g_strdup (r->run.text);
      g_array_append_val (runs, run);
    }
  return runs;
}

/* ---- worksheets ------------------------------------------------------------------------ */

static gboolean
parse_ref (const char *ref, guint *row, guint *col)
{
  guint c = 0, r = 0;
  const char *p = ref;

  while (*p == '$')
    p++;
  while (g_ascii_isalpha (*p))
    {
      c = c * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
      if (c > 16384)
        return FALSE;
      p++;
    }
  while (*p == '$')
    p++;
  while (g_ascii_isdigit (*p))
    {
      r = r * 10 + (guint) (*p - '0');
      if (r > 1048576)
        return FALSE;
      p++;
    }
  if (*p != '\0' || c == 0 || r == 0)
    return FALSE;
  *row = r;
  *col = c;
  return TRUE;
}

static char *
format_number (const char *v, gboolean is_date, gboolean date1904)
{
  char *end = NULL;
  double d = g_ascii_strtod (v, &end);

  if (end == v || *end != '\0' || !isfinite (d))
    return g_strdup (v);
  if (is_date && d >= 0 && d < 2958466)
    {
      /* serial days since 1899-12-30 (Excel's 1900 leap-year bug included) */
      g_autoptr(GDate) date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
      if (date1904)
        g_date_set_dmy (date, 1, G_DATE_JANUARY, 1904);
      g_date_add_days (date, (guint) floor (d));
      return g_strdup_printf ("%d/%02d/%02d", g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date));
    }
  if (d == floor (d) && fabs (d) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
  {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd (buf, sizeof buf, "%.15g", d);
    return g_strdup (buf);
  }
}

typedef struct {
  Package *pkg;
  const FormLimits *limits;
  const Colours *colours;
  const Styles *styles;
  GPtrArray *shared;
  gboolean date1904;
  guint cells;
} SheetCtx;

static gboolean
read_sheet (SheetCtx *sc, const char *part, FormSheet *sheet, GError **error)
{
  xmlTextReaderPtr reader;
  gboolean failed = FALSE;
  guint cur_row = 0, cur_col = 0;

  if (!open_part (sc->pkg, part, TRUE, &reader, error))
    return FALSE;
  while (!failed && step (reader, sc->pkg, part, &failed, error))
    {
      if (is_start (reader, "row"))
        {
          g_autofree char *r = attr (reader, "r");
          cur_row = r != NULL ? (guint) g_ascii_strtoull (r, NULL, 10) : cur_row + 1;
          cur_col = 0;
        }
      else if (is_start (reader, "c"))
        {
          g_autofree char *ref = attr (reader, "r");
          g_autofree char *t = attr (reader, "t");
          g_autofree char *s = attr (reader, "s");
          g_autofree char *value = NULL;
          Rich *inline_rich = NULL;
          guint row, col;
          guint xf = s != NULL ? (guint) g_ascii_strtoull (s, NULL, 10) : 0;
          Font font = style_font (sc->styles, xf);
          GArray *runs = NULL;
          g_autofree char *text = NULL;

          if (ref == NULL || !parse_ref (ref, &row, &col))
            {
              row = cur_row;
              col = cur_col + 1;
            }
          cur_col = col;
          if (row == 0 || row > sc->limits->max_rows || col > sc->limits->max_cols)
            {
              if (!xmlTextReaderIsEmptyElement (reader))
                {
                  /* a value so far out is a bomb; an empty styled cell is harmless */
                  int depth = xmlTextReaderDepth (reader);
                  while (step (reader, sc->pkg, part, &failed, error))
                    {
                      if (is_start (reader, "v") || is_start (reader, "t"))
                        {
                          g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT,
                                       "sheet '%s' of '%s' has values beyond row %u or column %u",
                                       sheet->name, sc->pkg->path, sc->limits->max_rows, sc->limits->max_cols);
                          failed = TRUE;
                          break;
                        }
                      if (xmlTextReaderDepth (reader) <= depth)
                        break;
                    }
                }
              continue;
            }
          if (xmlTextReaderIsEmptyElement (reader))
            continue;
          while (step (reader, sc->pkg, part, &failed, error))
            {
              if (is_end (reader, "c"))
                break;
              if (is_start (reader, "v"))
                {
                  g_free (value);
                  value = element_text (reader);
                }
              else if (is_start (reader, "is"))
                {
                  rich_free (inline_rich);
                  inline_rich = read_rich (reader, sc->pkg, part, "is", sc->colours, &failed, error);
                }
            }
          if (failed)
            {
              rich_free (inline_rich);
              break;
            }
          if (g_strcmp0 (t, "s") == 0 && value != NULL)
            {
              guint64 i = g_ascii_strtoull (value, NULL, 10);
              if (i < sc->shared->len)
                {
                  Rich *rich = g_ptr_array_index (sc->shared, i);
                  text = g_strdup (rich->text);
                  runs = cell_runs (rich, font);
                }
            }
          else if (g_strcmp0 (t, "inlineStr") == 0 && inline_rich != NULL)
            {
              text = g_strdup (inline_rich->text);
              runs = cell_runs (inline_rich, font);
            }
          else if (value != NULL && g_strcmp0 (t, "b") == 0)
            text = g_strdup (strcmp (value, "1") == 0 ? "TRUE" : "FALSE");
          else if (value != NULL && (t == NULL || strcmp (t, "n") == 0))
            {
              guint numfmt = sc->styles->xf_numfmt != NULL && xf < sc->styles->xf_numfmt->len
                               ? g_array_index (sc->styles->xf_numfmt, guint, xf) : 0;
              text = format_number (value, numfmt_is_date (sc->styles, numfmt), sc->date1904);
            }
          else if (value != NULL)
            text = g_strdup (value);
          rich_free (inline_rich);

          if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
            {
              if (runs != NULL)
                g_array_unref (runs);
              continue;
            }
          if (++sc->cells > sc->limits->max_cells)
            {
              g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT,
                           "'%s' has more than %u cells with values (sheet '%s')",
                           sc->pkg->path, sc->limits->max_cells, sheet->name);
              if (runs != NULL)
                g_array_unref (runs);
              failed = TRUE;
              break;
            }
          if (runs == NULL)
            {
              ShinsaFormRun run = { g_strdup (text), font.color, font.has_color, font.strike };
              runs = form_runs_new ();
              g_array_append_val (runs, run);
            }
          form_sheet_set (sheet, row, col, text, runs);
        }
      else if (is_start (reader, "mergeCell"))
        {
          g_autofree char *ref = attr (reader, "ref");
          g_auto(GStrv) ends = ref != NULL ? g_strsplit (ref, ":", 2) : NULL;
          FormRange range;
          if (ends != NULL && ends[0] != NULL && ends[1] != NULL
              && parse_ref (ends[0], &range.first_row, &range.first_col)
              && parse_ref (ends[1], &range.last_row, &range.last_col)
              && range.last_row >= range.first_row && range.last_col >= range.first_col
              && sheet->merges->len < sc->limits->max_cells)
            g_array_append_val (sheet->merges, range);
        }
    }
  xmlFreeTextReader (reader);
  return !failed;
}

/* libxml2 initialises itself lazily, which is not safe when the first two
 * uses race on two worker threads */
static void
ensure_libxml (void)
{
  static gsize initialised = 0;
  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }
}

/* ---- the workbook ---------------------------------------------------------------------- */

FormBook *
form_read_xlsx (const char *local_path, const char *path, const FormLimits *limits, GError **error)
{
  Package pkg = { path, limits, NULL };
  g_autoptr(FormBook) book = form_book_new (path, "xlsx");
  g_autoptr(GPtrArray) root_rels = NULL, wb_rels = NULL, shared = NULL;
  g_autoptr(GPtrArray) sheet_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sheet_rids = g_ptr_array_new_with_free_func (g_free);
  const char *wb_part;
  g_autofree char *wb_dir = NULL, *wb_rels_part = NULL;
  Colours colours;
  Styles styles = { 0 };
  xmlTextReaderPtr reader;
  gboolean failed = FALSE, date1904 = FALSE;
  SheetCtx sc;
  FormBook *result = NULL;

  ensure_libxml ();
  pkg.parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  colours_init (&colours);
  if (!package_read (&pkg, local_path, error))
    goto out;

  root_rels = read_rels (&pkg, "_rels/.rels", "", error);
  if (root_rels == NULL)
    goto out;
  wb_part = rel_target_by_type (root_rels, "/officeDocument", "xl/workbook.xml");
  wb_dir = g_path_get_dirname (wb_part);
  if (strcmp (wb_dir, ".") == 0)
    {
      g_free (wb_dir);
      wb_dir = g_strdup ("");
    }
  else
    {
      char *d = g_strconcat (wb_dir, "/", NULL);
      g_free (wb_dir);
      wb_dir = d;
    }
  {
    g_autofree char *base = g_path_get_basename (wb_part);
    wb_rels_part = g_strconcat (wb_dir, "_rels/", base, ".rels", NULL);
  }
  wb_rels = read_rels (&pkg, wb_rels_part, wb_dir, error);
  if (wb_rels == NULL)
    goto out;

  if (!open_part (&pkg, wb_part, TRUE, &reader, error))
    goto out;
  while (step (reader, &pkg, wb_part, &failed, error))
    {
      if (is_start (reader, "workbookPr"))
        {
          g_autofree char *d = attr (reader, "date1904");
          date1904 = d != NULL && (strcmp (d, "1") == 0 || strcmp (d, "true") == 0);
        }
      else if (is_start (reader, "sheet"))
        {
          if (sheet_names->len >= limits->max_sheets)
            {
              g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT,
                           "'%s' has more than %u sheets", path, limits->max_sheets);
              failed = TRUE;
              break;
            }
          g_ptr_array_add (sheet_names, attr (reader, "name"));
          g_ptr_array_add (sheet_rids, attr (reader, "id"));
        }
    }
  xmlFreeTextReader (reader);
  if (failed)
    goto out;

  if (!read_theme (&pkg, rel_target_by_type (wb_rels, "/theme", "xl/theme/theme1.xml"), &colours, error)
      || !read_styles (&pkg, rel_target_by_type (wb_rels, "/styles", "xl/styles.xml"), &colours, &styles, error))
    goto out;
  shared = read_shared_strings (&pkg, rel_target_by_type (wb_rels, "/sharedStrings", "xl/sharedStrings.xml"),
                                &colours, limits, error);
  if (shared == NULL)
    goto out;

  sc = (SheetCtx) { &pkg, limits, &colours, &styles, shared, date1904, 0 };
  for (guint i = 0; i < sheet_names->len; i++)
    {
      const char *rid = g_ptr_array_index (sheet_rids, i);
      const char *target = NULL;
      FormSheet *sheet;

      for (guint j = 0; rid != NULL && j < wb_rels->len; j++)
        {
          Rel *rel = g_ptr_array_index (wb_rels, j);
          if (g_strcmp0 (rel->id, rid) == 0)
            target = rel->target;
        }
      /* chart sheets and dialog sheets hold no cells */
      if (target == NULL || !g_hash_table_contains (pkg.parts, target))
        continue;
      sheet = form_book_add_sheet (book, g_ptr_array_index (sheet_names, i) != NULL
                                           ? g_ptr_array_index (sheet_names, i) : "");
      if (!read_sheet (&sc, target, sheet, error))
        goto out;
    }
  if (book->sheets->len == 0)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_NO_SHEET, "'%s' has no worksheet", path);
      goto out;
    }
  result = g_steal_pointer (&book);
out:
  styles_clear (&styles);
  g_hash_table_unref (pkg.parts);
  return result;
}
