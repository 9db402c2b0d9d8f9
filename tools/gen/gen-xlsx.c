/* The xlsx writer: ECMA-376 SpreadsheetML parts, zipped. */

#include "gen-xlsx.h"
#include "gen-output.h"

#include <archive.h>
#include <archive_entry.h>
#include <gio/gio.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <string.h>

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG  "http://schemas.openxmlformats.org/package/2006/relationships"
#define FONT_NAME "ＭＳ Ｐゴシック"

typedef enum
{
  CELL_STRING,
  CELL_NUMBER,
  CELL_BLANK,
} CellKind;

typedef struct
{
  guint        row, col;
  CellKind     kind;
  guint        sst;       /* shared string index */
  double       number;
  GenXlsxStyle style;
} Cell;

typedef struct
{
  char      *text;         /* plain text, or NULL for rich */
  GPtrArray *runs;         /* GenXlsxRun copies (text owned) */
} SharedString;

struct _GenXlsxSheet
{
  GenXlsx *book;           /* not owned: the book owns its sheets */
  char    *name;
  GArray  *cells;          /* Cell, in insertion order; sorted on output */
  GArray  *col_widths;     /* double, index = col - 1, 0 = default */
  GArray  *row_heights;    /* double, index = row - 1 */
  GPtrArray *merges;       /* "A1:F1" */
  guint    frozen_rows;
  gboolean print_set;
  gboolean landscape;
  guint    title_row;
};

struct _GenXlsx
{
  char       *creator;
  char       *created;
  GPtrArray  *sheets;      /* GenXlsxSheet* */
  GPtrArray  *strings;     /* SharedString* */
  GHashTable *plain_index; /* text → index + 1 (lookup only, never iterated) */
  guint       string_refs; /* count of string cells, for sst's count */
  gboolean    red;         /* uses the red styles (and so the theme) */
};

static void
shared_string_free (gpointer data)
{
  SharedString *s = data;

  g_free (s->text);
  if (s->runs != NULL)
    g_ptr_array_unref (s->runs);
  g_free (s);
}

static void
run_free (gpointer data)
{
  GenXlsxRun *run = data;

  g_free ((char *) run->text);
  g_free (run);
}

static void
sheet_free (gpointer data)
{
  GenXlsxSheet *sheet = data;

  g_free (sheet->name);
  g_array_unref (sheet->cells);
  g_array_unref (sheet->col_widths);
  g_array_unref (sheet->row_heights);
  g_ptr_array_unref (sheet->merges);
  g_free (sheet);
}

GenXlsx *
gen_xlsx_new (const char *creator,
              const char *created_iso)
{
  GenXlsx *book = g_new0 (GenXlsx, 1);

  book->creator = g_strdup (creator);
  book->created = g_strdup (created_iso);
  book->sheets = g_ptr_array_new_with_free_func (sheet_free);
  book->strings = g_ptr_array_new_with_free_func (shared_string_free);
  book->plain_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return book;
}

void
gen_xlsx_free (GenXlsx *book)
{
  if (book == NULL)
    return;
  g_free (book->creator);
  g_free (book->created);
  g_ptr_array_unref (book->sheets);
  g_ptr_array_unref (book->strings);
  g_hash_table_unref (book->plain_index);
  g_free (book);
}

GenXlsxSheet *
gen_xlsx_add_sheet (GenXlsx    *book,
                    const char *name)
{
  GenXlsxSheet *sheet = g_new0 (GenXlsxSheet, 1);

  sheet->book = book;
  sheet->name = g_strdup (name);
  sheet->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  sheet->col_widths = g_array_new (FALSE, TRUE, sizeof (double));
  sheet->row_heights = g_array_new (FALSE, TRUE, sizeof (double));
  sheet->merges = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (book->sheets, sheet);
  return sheet;
}

void
gen_xlsx_set_col_width (GenXlsxSheet *sheet,
                        guint         col,
                        double        width)
{
  if (sheet->col_widths->len < col)
    g_array_set_size (sheet->col_widths, col);
  g_array_index (sheet->col_widths, double, col - 1) = width;
}

void
gen_xlsx_set_row_height (GenXlsxSheet *sheet,
                         guint         row,
                         double        points)
{
  if (sheet->row_heights->len < row)
    g_array_set_size (sheet->row_heights, row);
  g_array_index (sheet->row_heights, double, row - 1) = points;
}

static void
add_cell (GenXlsxSheet *sheet,
          Cell         *cell)
{
  g_array_append_val (sheet->cells, *cell);
}

static guint
intern_plain (GenXlsx    *book,
              const char *text)
{
  gpointer found = g_hash_table_lookup (book->plain_index, text);
  SharedString *s;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  s = g_new0 (SharedString, 1);
  s->text = g_strdup (text);
  g_ptr_array_add (book->strings, s);
  g_hash_table_insert (book->plain_index, g_strdup (text), GUINT_TO_POINTER (book->strings->len));
  return book->strings->len - 1;
}

void
gen_xlsx_set_string (GenXlsxSheet *sheet,
                     guint         row,
                     guint         col,
                     const char   *text,
                     GenXlsxStyle  style)
{
  GenXlsx *book = sheet->book;
  Cell cell = { .row = row, .col = col, .kind = CELL_STRING, .style = style };

  if (style >= GEN_XLSX_N_BASE_STYLES)
    book->red = TRUE;
  cell.sst = intern_plain (book, text);
  book->string_refs++;
  add_cell (sheet, &cell);
}

void
gen_xlsx_set_rich (GenXlsxSheet     *sheet,
                   guint             row,
                   guint             col,
                   const GenXlsxRun *runs,
                   guint             n_runs,
                   GenXlsxStyle      style)
{
  GenXlsx *book = sheet->book;
  SharedString *s = g_new0 (SharedString, 1);
  Cell cell = { .row = row, .col = col, .kind = CELL_STRING, .style = style };

  s->runs = g_ptr_array_new_with_free_func (run_free);
  for (guint i = 0; i < n_runs; i++)
    {
      GenXlsxRun *copy = g_new0 (GenXlsxRun, 1);

      *copy = runs[i];
      copy->text = g_strdup (runs[i].text);
      g_ptr_array_add (s->runs, copy);
      if (runs[i].color & 0x2000000u)
        book->red = TRUE;
    }
  if (style >= GEN_XLSX_N_BASE_STYLES)
    book->red = TRUE;
  g_ptr_array_add (book->strings, s);
  cell.sst = book->strings->len - 1;
  book->string_refs++;
  add_cell (sheet, &cell);
}

void
gen_xlsx_set_number (GenXlsxSheet *sheet,
                     guint         row,
                     guint         col,
                     double        value,
                     GenXlsxStyle  style)
{
  Cell cell = { .row = row, .col = col, .kind = CELL_NUMBER, .number = value, .style = style };

  add_cell (sheet, &cell);
}

void
gen_xlsx_set_blank (GenXlsxSheet *sheet,
                    guint         row,
                    guint         col,
                    GenXlsxStyle  style)
{
  Cell cell = { .row = row, .col = col, .kind = CELL_BLANK, .style = style };

  add_cell (sheet, &cell);
}

static char *
cell_ref (guint row,
          guint col)
{
  char letters[8];
  int n = 0;
  char out[8];

  while (col > 0)
    {
      letters[n++] = (char) ('A' + (col - 1) % 26);
      col = (col - 1) / 26;
    }
  for (int i = 0; i < n; i++)
    out[i] = letters[n - 1 - i];
  out[n] = '\0';
  return g_strdup_printf ("%s%u", out, row);
}

void
gen_xlsx_merge (GenXlsxSheet *sheet,
                guint         row1,
                guint         col1,
                guint         row2,
                guint         col2)
{
  g_autofree char *a = cell_ref (row1, col1);
  g_autofree char *b = cell_ref (row2, col2);

  g_ptr_array_add (sheet->merges, g_strdup_printf ("%s:%s", a, b));
}

void
gen_xlsx_freeze_rows (GenXlsxSheet *sheet,
                      guint         rows)
{
  sheet->frozen_rows = rows;
}

void
gen_xlsx_set_print (GenXlsxSheet *sheet,
                    gboolean      landscape,
                    guint         title_row)
{
  sheet->print_set = TRUE;
  sheet->landscape = landscape;
  sheet->title_row = title_row;
}

double
gen_xlsx_text_height (const char *text,
                      double      width,
                      double      font_points)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  guint n = 0;
  /* an Excel width unit is about one half-width character; keep a margin */
  double usable = MAX (width - 1.5, 2.0);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      double w = 0;

      for (const char *p = lines[i]; *p != '\0'; p = g_utf8_next_char (p))
        w += g_unichar_iswide (g_utf8_get_char (p)) ? 2.0 : 1.05;
      n += MAX (1, (guint) ceil (w / usable));
    }
  return MAX (1, n) * font_points * 1.3 + 4;
}

/* XML helpers over xmlTextWriter */

typedef struct
{
  xmlBufferPtr     buffer;
  xmlTextWriterPtr writer;
} Xml;

static void
xml_begin (Xml *x)
{
  x->buffer = xmlBufferCreate ();
  x->writer = xmlNewTextWriterMemory (x->buffer, 0);
  xmlTextWriterStartDocument (x->writer, NULL, "UTF-8", "yes");
}

static GBytes *
xml_end (Xml *x)
{
  GBytes *bytes;

  xmlTextWriterEndDocument (x->writer);
  xmlFreeTextWriter (x->writer);
  bytes = g_bytes_new (xmlBufferContent (x->buffer), xmlBufferLength (x->buffer));
  xmlBufferFree (x->buffer);
  return bytes;
}

#define W(x) ((x)->writer)
#define BAD_CAST_S(s) ((const xmlChar *) (s))

static void
start (Xml *x, const char *name)
{
  xmlTextWriterStartElement (W (x), BAD_CAST_S (name));
}

static void
end (Xml *x)
{
  xmlTextWriterEndElement (W (x));
}

static void
attr (Xml *x, const char *name, const char *value)
{
  xmlTextWriterWriteAttribute (W (x), BAD_CAST_S (name), BAD_CAST_S (value));
}

static void
attrf (Xml *x, const char *name, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
attrf (Xml *x, const char *name, const char *format, ...)
{
  va_list args;
  g_autofree char *value = NULL;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  attr (x, name, value);
}

static void
text (Xml *x, const char *value)
{
  xmlTextWriterWriteString (W (x), BAD_CAST_S (value));
}

static void
empty (Xml *x, const char *name, const char *attr_name, const char *value)
{
  start (x, name);
  if (attr_name != NULL)
    attr (x, attr_name, value);
  end (x);
}

static void
text_element (Xml *x, const char *name, const char *value)
{
  start (x, name);
  text (x, value);
  end (x);
}

/* The workbook's theme (written with the red styles): the Office 2007
 * colours, whose accent2 is a red (C0504D), so a theme-coloured 朱書き
 * reads as red. */
static const char theme_xml_text[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office Theme\">"
  "<a:themeElements><a:clrScheme name=\"Office\">"
  "<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>"
  "<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>"
  "<a:dk2><a:srgbClr val=\"1F497D\"/></a:dk2><a:lt2><a:srgbClr val=\"EEECE1\"/></a:lt2>"
  "<a:accent1><a:srgbClr val=\"4F81BD\"/></a:accent1><a:accent2><a:srgbClr val=\"C0504D\"/></a:accent2>"
  "<a:accent3><a:srgbClr val=\"9BBB59\"/></a:accent3><a:accent4><a:srgbClr val=\"8064A2\"/></a:accent4>"
  "<a:accent5><a:srgbClr val=\"4BACC6\"/></a:accent5><a:accent6><a:srgbClr val=\"F79646\"/></a:accent6>"
  "<a:hlink><a:srgbClr val=\"0000FF\"/></a:hlink><a:folHlink><a:srgbClr val=\"800080\"/></a:folHlink>"
  "</a:clrScheme><a:fontScheme name=\"Office\">"
  "<a:majorFont><a:latin typeface=\"Cambria\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
  "<a:font script=\"Jpan\" typeface=\"ＭＳ Ｐゴシック\"/></a:majorFont>"
  "<a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
  "<a:font script=\"Jpan\" typeface=\"ＭＳ Ｐゴシック\"/></a:minorFont></a:fontScheme>"
  "<a:fmtScheme name=\"Office\"><a:fillStyleLst>"
  "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
  "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
  "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:fillStyleLst>"
  "<a:lnStyleLst><a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
  "<a:ln w=\"25400\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
  "<a:ln w=\"38100\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst>"
  "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"
  "<a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"
  "<a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
  "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
  "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>"
  "</a:themeElements></a:theme>";

static GBytes *
content_types_xml (GenXlsx *book)
{
  Xml x;

  xml_begin (&x);
  start (&x, "Types");
  attr (&x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  start (&x, "Default");
  attr (&x, "Extension", "rels");
  attr (&x, "ContentType", "application/vnd.openxmlformats-package.relationships+xml");
  end (&x);
  start (&x, "Default");
  attr (&x, "Extension", "xml");
  attr (&x, "ContentType", "application/xml");
  end (&x);
  start (&x, "Override");
  attr (&x, "PartName", "/xl/workbook.xml");
  attr (&x, "ContentType",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
  end (&x);
  for (guint i = 0; i < book->sheets->len; i++)
    {
      start (&x, "Override");
      attrf (&x, "PartName", "/xl/worksheets/sheet%u.xml", i + 1);
      attr (&x, "ContentType",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
      end (&x);
    }
  if (book->red)
    {
      start (&x, "Override");
      attr (&x, "PartName", "/xl/theme/theme1.xml");
      attr (&x, "ContentType", "application/vnd.openxmlformats-officedocument.theme+xml");
      end (&x);
    }
  start (&x, "Override");
  attr (&x, "PartName", "/xl/styles.xml");
  attr (&x, "ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
  end (&x);
  start (&x, "Override");
  attr (&x, "PartName", "/xl/sharedStrings.xml");
  attr (&x, "ContentType",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml");
  end (&x);
  start (&x, "Override");
  attr (&x, "PartName", "/docProps/core.xml");
  attr (&x, "ContentType", "application/vnd.openxmlformats-package.core-properties+xml");
  end (&x);
  start (&x, "Override");
  attr (&x, "PartName", "/docProps/app.xml");
  attr (&x, "ContentType", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  end (&x);
  end (&x);
  return xml_end (&x);
}

static void
relationship (Xml *x, const char *id, const char *type, const char *target)
{
  start (x, "Relationship");
  attr (x, "Id", id);
  attr (x, "Type", type);
  attr (x, "Target", target);
  end (x);
}

static GBytes *
root_rels_xml (void)
{
  Xml x;

  xml_begin (&x);
  start (&x, "Relationships");
  attr (&x, "xmlns", NS_PKG);
  relationship (&x, "rId1", NS_REL "/officeDocument", "xl/workbook.xml");
  relationship (&x, "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml");
  relationship (&x, "rId3", NS_REL "/extended-properties", "docProps/app.xml");
  end (&x);
  return xml_end (&x);
}

static GBytes *
workbook_rels_xml (GenXlsx *book)
{
  Xml x;
  guint n = book->sheets->len;
  g_autofree char *styles_id = g_strdup_printf ("rId%u", n + 1);
  g_autofree char *strings_id = g_strdup_printf ("rId%u", n + 2);

  xml_begin (&x);
  start (&x, "Relationships");
  attr (&x, "xmlns", NS_PKG);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("rId%u", i + 1);
      g_autofree char *target = g_strdup_printf ("worksheets/sheet%u.xml", i + 1);

      relationship (&x, id, NS_REL "/worksheet", target);
    }
  relationship (&x, styles_id, NS_REL "/styles", "styles.xml");
  relationship (&x, strings_id, NS_REL "/sharedStrings", "sharedStrings.xml");
  if (book->red)
    {
      g_autofree char *theme_id = g_strdup_printf ("rId%u", n + 3);

      relationship (&x, theme_id, NS_REL "/theme", "theme/theme1.xml");
    }
  end (&x);
  return xml_end (&x);
}

static GBytes *
workbook_xml (GenXlsx *book)
{
  Xml x;
  gboolean any_print = FALSE;

  xml_begin (&x);
  start (&x, "workbook");
  attr (&x, "xmlns", NS_MAIN);
  attr (&x, "xmlns:r", NS_REL);
  start (&x, "bookViews");
  start (&x, "workbookView");
  attr (&x, "xWindow", "0");
  attr (&x, "yWindow", "0");
  attr (&x, "windowWidth", "28800");
  attr (&x, "windowHeight", "15600");
  end (&x);
  end (&x);
  start (&x, "sheets");
  for (guint i = 0; i < book->sheets->len; i++)
    {
      GenXlsxSheet *sheet = g_ptr_array_index (book->sheets, i);

      start (&x, "sheet");
      attr (&x, "name", sheet->name);
      attrf (&x, "sheetId", "%u", i + 1);
      attrf (&x, "r:id", "rId%u", i + 1);
      end (&x);
      any_print |= sheet->title_row > 0;
    }
  end (&x);
  if (any_print)
    {
      start (&x, "definedNames");
      for (guint i = 0; i < book->sheets->len; i++)
        {
          GenXlsxSheet *sheet = g_ptr_array_index (book->sheets, i);
          g_autofree char *value = NULL;

          if (sheet->title_row == 0)
            continue;
          value = g_strdup_printf ("'%s'!$%u:$%u", sheet->name, sheet->title_row,
                                   sheet->title_row);
          start (&x, "definedName");
          attr (&x, "name", "_xlnm.Print_Titles");
          attrf (&x, "localSheetId", "%u", i);
          text (&x, value);
          end (&x);
        }
      end (&x);
    }
  end (&x);
  return xml_end (&x);
}

static void
color_element (Xml *x, guint32 color)
{
  if (color & 0x1000000u)
    {
      g_autofree char *i = g_strdup_printf ("%u", color & 0xffu);

      empty (x, "color", "indexed", i);
    }
  else if (color & 0x2000000u)
    {
      g_autofree char *t = g_strdup_printf ("%u", color & 0xffu);

      start (x, "color");
      attr (x, "theme", t);
      attr (x, "tint", "-0.249977111117893");
      end (x);
    }
  else
    {
      g_autofree char *rgb = g_strdup_printf ("FF%06X", color);

      empty (x, "color", "rgb", rgb);
    }
}

static void
font (Xml *x, double size, gboolean bold, guint32 color)
{
  g_autofree char *sz = g_strdup_printf ("%g", size);

  start (x, "font");
  if (bold)
    empty (x, "b", NULL, NULL);
  empty (x, "sz", "val", sz);
  if (color != 0)
    color_element (x, color);
  empty (x, "name", "val", FONT_NAME);
  empty (x, "family", "val", "3");
  empty (x, "charset", "val", "128");
  end (x);
}

static void
fill (Xml *x, const char *rgb)
{
  start (x, "fill");
  start (x, "patternFill");
  attr (x, "patternType", "solid");
  empty (x, "fgColor", "rgb", rgb);
  empty (x, "bgColor", "indexed", "64");
  end (x);
  end (x);
}

typedef struct
{
  guint font, fill, border;
  const char *horizontal, *vertical;
  gboolean wrap;
} Xf;

/* index = GenXlsxStyle; fonts: 0 normal, 1 bold, 2 title, 3 small;
 * fills: 0 none, 1 gray125, 2 header grey, 3 light; borders: 0 none, 1 thin */
static const Xf xfs[GEN_XLSX_N_STYLES] = {
  [GEN_XLSX_STYLE_DEFAULT] = { 0, 0, 0, NULL, "center", FALSE },
  [GEN_XLSX_STYLE_TITLE] = { 2, 0, 0, NULL, "center", FALSE },
  [GEN_XLSX_STYLE_HEADER] = { 1, 2, 1, "center", "center", TRUE },
  [GEN_XLSX_STYLE_CELL] = { 0, 0, 1, "left", "top", TRUE },
  [GEN_XLSX_STYLE_CELL_CENTER] = { 0, 0, 1, "center", "top", TRUE },
  [GEN_XLSX_STYLE_SECTION] = { 1, 3, 1, "left", "center", FALSE },
  [GEN_XLSX_STYLE_NOTE] = { 3, 0, 0, "left", "center", TRUE },
  [GEN_XLSX_STYLE_LABEL] = { 1, 3, 1, "left", "center", TRUE },
  [GEN_XLSX_STYLE_SMALL_CELL] = { 3, 0, 1, "left", "top", TRUE },
  [GEN_XLSX_STYLE_CELL_RED] = { 4, 0, 1, "left", "top", TRUE },
  [GEN_XLSX_STYLE_CELL_RED_INDEXED] = { 5, 0, 1, "left", "top", TRUE },
  [GEN_XLSX_STYLE_CELL_RED_THEME] = { 6, 0, 1, "left", "top", TRUE },
};

static GBytes *
styles_xml (gboolean red)
{
  Xml x;
  guint n_styles = red ? GEN_XLSX_N_STYLES : GEN_XLSX_N_BASE_STYLES;

  xml_begin (&x);
  start (&x, "styleSheet");
  attr (&x, "xmlns", NS_MAIN);

  start (&x, "fonts");
  attr (&x, "count", red ? "7" : "4");
  font (&x, 10, FALSE, 0);
  font (&x, 10, TRUE, 0);
  font (&x, 14, TRUE, 0);
  font (&x, 9, FALSE, 0);
  if (red)
    {
      font (&x, 10, FALSE, 0xFF0000);
      font (&x, 10, FALSE, GEN_XLSX_COLOR_INDEXED (10));
      font (&x, 10, FALSE, GEN_XLSX_COLOR_THEME (5));
    }
  end (&x);

  start (&x, "fills");
  attr (&x, "count", "4");
  start (&x, "fill");
  empty (&x, "patternFill", "patternType", "none");
  end (&x);
  start (&x, "fill");
  empty (&x, "patternFill", "patternType", "gray125");
  end (&x);
  fill (&x, "FFD9D9D9");
  fill (&x, "FFF2F2F2");
  end (&x);

  start (&x, "borders");
  attr (&x, "count", "2");
  start (&x, "border");
  empty (&x, "left", NULL, NULL);
  empty (&x, "right", NULL, NULL);
  empty (&x, "top", NULL, NULL);
  empty (&x, "bottom", NULL, NULL);
  empty (&x, "diagonal", NULL, NULL);
  end (&x);
  start (&x, "border");
  for (guint i = 0; i < 4; i++)
    {
      static const char *const sides[] = { "left", "right", "top", "bottom" };

      start (&x, sides[i]);
      attr (&x, "style", "thin");
      empty (&x, "color", "indexed", "64");
      end (&x);
    }
  empty (&x, "diagonal", NULL, NULL);
  end (&x);
  end (&x);

  start (&x, "cellStyleXfs");
  attr (&x, "count", "1");
  start (&x, "xf");
  attr (&x, "numFmtId", "0");
  attr (&x, "fontId", "0");
  attr (&x, "fillId", "0");
  attr (&x, "borderId", "0");
  end (&x);
  end (&x);

  start (&x, "cellXfs");
  attrf (&x, "count", "%u", n_styles);
  for (guint i = 0; i < n_styles; i++)
    {
      const Xf *xf = &xfs[i];

      start (&x, "xf");
      attr (&x, "numFmtId", "0");
      attrf (&x, "fontId", "%u", xf->font);
      attrf (&x, "fillId", "%u", xf->fill);
      attrf (&x, "borderId", "%u", xf->border);
      attr (&x, "xfId", "0");
      if (xf->font != 0)
        attr (&x, "applyFont", "1");
      if (xf->fill != 0)
        attr (&x, "applyFill", "1");
      if (xf->border != 0)
        attr (&x, "applyBorder", "1");
      attr (&x, "applyAlignment", "1");
      start (&x, "alignment");
      if (xf->horizontal != NULL)
        attr (&x, "horizontal", xf->horizontal);
      attr (&x, "vertical", xf->vertical);
      if (xf->wrap)
        attr (&x, "wrapText", "1");
      end (&x);
      end (&x);
    }
  end (&x);

  start (&x, "cellStyles");
  attr (&x, "count", "1");
  start (&x, "cellStyle");
  attr (&x, "name", "標準");
  attr (&x, "xfId", "0");
  attr (&x, "builtinId", "0");
  end (&x);
  end (&x);
  end (&x);
  return xml_end (&x);
}

static void
t_element (Xml *x, const char *value)
{
  start (x, "t");
  if (strchr (value, '\n') != NULL || g_ascii_isspace (value[0])
      || (value[0] != '\0' && g_ascii_isspace (value[strlen (value) - 1])))
    attr (x, "xml:space", "preserve");
  text (x, value);
  end (x);
}

static GBytes *
shared_strings_xml (GenXlsx *book)
{
  Xml x;

  xml_begin (&x);
  start (&x, "sst");
  attr (&x, "xmlns", NS_MAIN);
  attrf (&x, "count", "%u", book->string_refs);
  attrf (&x, "uniqueCount", "%u", book->strings->len);
  for (guint i = 0; i < book->strings->len; i++)
    {
      SharedString *s = g_ptr_array_index (book->strings, i);

      start (&x, "si");
      if (s->runs == NULL)
        t_element (&x, s->text);
      else
        for (guint r = 0; r < s->runs->len; r++)
          {
            GenXlsxRun *run = g_ptr_array_index (s->runs, r);

            start (&x, "r");
            start (&x, "rPr");
            if (run->bold)
              empty (&x, "b", NULL, NULL);
            empty (&x, "sz", "val", "10");
            if (run->color != 0)
              color_element (&x, run->color);
            empty (&x, "rFont", "val", FONT_NAME);
            empty (&x, "family", "val", "3");
            empty (&x, "charset", "val", "128");
            end (&x);
            t_element (&x, run->text);
            end (&x);
          }
      end (&x);
    }
  end (&x);
  return xml_end (&x);
}

static int
cell_compare (gconstpointer a,
              gconstpointer b)
{
  const Cell *ca = a, *cb = b;

  if (ca->row != cb->row)
    return ca->row < cb->row ? -1 : 1;
  if (ca->col != cb->col)
    return ca->col < cb->col ? -1 : 1;
  return 0;
}

static GBytes *
sheet_xml (GenXlsxSheet *sheet,
           gboolean      selected)
{
  Xml x;
  guint max_row = 0, max_col = 0;
  guint i;

  g_array_sort (sheet->cells, cell_compare);
  for (i = 0; i < sheet->cells->len; i++)
    {
      Cell *c = &g_array_index (sheet->cells, Cell, i);

      max_row = MAX (max_row, c->row);
      max_col = MAX (max_col, c->col);
    }

  xml_begin (&x);
  start (&x, "worksheet");
  attr (&x, "xmlns", NS_MAIN);
  attr (&x, "xmlns:r", NS_REL);

  if (sheet->print_set)
    {
      start (&x, "sheetPr");
      empty (&x, "pageSetUpPr", "fitToPage", "1");
      end (&x);
    }
  if (max_row > 0)
    {
      g_autofree char *last = cell_ref (max_row, max_col);
      g_autofree char *ref = g_strdup_printf ("A1:%s", last);

      empty (&x, "dimension", "ref", ref);
    }
  start (&x, "sheetViews");
  start (&x, "sheetView");
  if (selected)
    attr (&x, "tabSelected", "1");
  attr (&x, "zoomScale", "85");
  attr (&x, "zoomScaleNormal", "85");
  attr (&x, "workbookViewId", "0");
  if (sheet->frozen_rows > 0)
    {
      g_autofree char *top = cell_ref (sheet->frozen_rows + 1, 1);

      start (&x, "pane");
      attrf (&x, "ySplit", "%u", sheet->frozen_rows);
      attr (&x, "topLeftCell", top);
      attr (&x, "activePane", "bottomLeft");
      attr (&x, "state", "frozen");
      end (&x);
      start (&x, "selection");
      attr (&x, "pane", "bottomLeft");
      attr (&x, "activeCell", top);
      attr (&x, "sqref", top);
      end (&x);
    }
  end (&x);
  end (&x);
  start (&x, "sheetFormatPr");
  attr (&x, "defaultRowHeight", "13.5");
  end (&x);

  if (sheet->col_widths->len > 0)
    {
      start (&x, "cols");
      for (i = 0; i < sheet->col_widths->len; i++)
        {
          double w = g_array_index (sheet->col_widths, double, i);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          if (w <= 0)
            continue;
          start (&x, "col");
          attrf (&x, "min", "%u", i + 1);
          attrf (&x, "max", "%u", i + 1);
          attr (&x, "width", g_ascii_formatd (buf, sizeof buf, "%.2f", w));
          attr (&x, "customWidth", "1");
          end (&x);
        }
      end (&x);
    }

  start (&x, "sheetData");
  for (i = 0; i < sheet->cells->len;)
    {
      guint row = g_array_index (sheet->cells, Cell, i).row;
      double ht = row <= sheet->row_heights->len
                      ? g_array_index (sheet->row_heights, double, row - 1) : 0;

      start (&x, "row");
      attrf (&x, "r", "%u", row);
      if (ht > 0)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          attr (&x, "ht", g_ascii_formatd (buf, sizeof buf, "%.1f", ht));
          attr (&x, "customHeight", "1");
        }
      for (; i < sheet->cells->len && g_array_index (sheet->cells, Cell, i).row == row; i++)
        {
          Cell *c = &g_array_index (sheet->cells, Cell, i);
          g_autofree char *ref = cell_ref (c->row, c->col);

          start (&x, "c");
          attr (&x, "r", ref);
          if (c->style != GEN_XLSX_STYLE_DEFAULT)
            attrf (&x, "s", "%d", c->style);
          if (c->kind == CELL_STRING)
            {
              attr (&x, "t", "s");
              start (&x, "v");
              xmlTextWriterWriteFormatString (W (&x), "%u", c->sst);
              end (&x);
            }
          else if (c->kind == CELL_NUMBER)
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              text_element (&x, "v", g_ascii_dtostr (buf, sizeof buf, c->number));
            }
          end (&x);
        }
      end (&x);
    }
  end (&x);

  if (sheet->merges->len > 0)
    {
      start (&x, "mergeCells");
      attrf (&x, "count", "%u", sheet->merges->len);
      for (i = 0; i < sheet->merges->len; i++)
        empty (&x, "mergeCell", "ref", g_ptr_array_index (sheet->merges, i));
      end (&x);
    }

  start (&x, "pageMargins");
  attr (&x, "left", "0.39");
  attr (&x, "right", "0.39");
  attr (&x, "top", "0.59");
  attr (&x, "bottom", "0.59");
  attr (&x, "header", "0.31");
  attr (&x, "footer", "0.31");
  end (&x);
  if (sheet->print_set)
    {
      start (&x, "pageSetup");
      attr (&x, "paperSize", "9");
      attr (&x, "orientation", sheet->landscape ? "landscape" : "portrait");
      attr (&x, "fitToHeight", "0");
      end (&x);
      start (&x, "headerFooter");
      text_element (&x, "oddFooter", "&C&P / &N");
      end (&x);
    }
  end (&x);
  return xml_end (&x);
}

static GBytes *
core_xml (GenXlsx *book)
{
  Xml x;

  xml_begin (&x);
  start (&x, "cp:coreProperties");
  attr (&x, "xmlns:cp",
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  attr (&x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  attr (&x, "xmlns:dcterms", "http://purl.org/dc/terms/");
  attr (&x, "xmlns:dcmitype", "http://purl.org/dc/dcmitype/");
  attr (&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  text_element (&x, "dc:creator", book->creator);
  text_element (&x, "cp:lastModifiedBy", book->creator);
  start (&x, "dcterms:created");
  attr (&x, "xsi:type", "dcterms:W3CDTF");
  text (&x, book->created);
  end (&x);
  start (&x, "dcterms:modified");
  attr (&x, "xsi:type", "dcterms:W3CDTF");
  text (&x, book->created);
  end (&x);
  end (&x);
  return xml_end (&x);
}

static GBytes *
app_xml (void)
{
  Xml x;

  xml_begin (&x);
  start (&x, "Properties");
  attr (&x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  attr (&x, "xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
  text_element (&x, "Application", "shinsa-gen");
  text_element (&x, "DocSecurity", "0");
  text_element (&x, "ScaleCrop", "false");
  end (&x);
  return xml_end (&x);
}

static la_ssize_t
archive_append (struct archive *a G_GNUC_UNUSED,
                void           *closure,
                const void     *buffer,
                size_t          length)
{
  g_byte_array_append (closure, buffer, (guint) length);
  return (la_ssize_t) length;
}

/* 2024-06-01 00:00:00 UTC; main() sets TZ=UTC so the DOS times libarchive
 * derives from it do not depend on where the generator runs */
#define ENTRY_MTIME ((time_t) 1717200000)

static gboolean
zip_add (struct archive  *a,
         const char      *name,
         GBytes          *data,
         GError         **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gsize len;
  const void *bytes = g_bytes_get_data (data, &len);
  gboolean ok = TRUE;

  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_size (entry, (la_int64_t) len);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, ENTRY_MTIME, 0);
  archive_entry_set_uid (entry, 0);
  archive_entry_set_gid (entry, 0);
  if (archive_write_header (a, entry) != ARCHIVE_OK
      || archive_write_data (a, bytes, len) != (la_ssize_t) len)
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_FAILED, "cannot zip '%s': %s", name,
                   archive_error_string (a));
      ok = FALSE;
    }
  archive_entry_free (entry);
  return ok;
}

GBytes *
gen_xlsx_to_bytes (GenXlsx  *book,
                   GError  **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  struct archive *a = archive_write_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gboolean ok = TRUE;

  /* the same part order as Excel writes, [Content_Types].xml first */
  g_ptr_array_add (names, g_strdup ("[Content_Types].xml"));
  g_ptr_array_add (parts, content_types_xml (book));
  g_ptr_array_add (names, g_strdup ("_rels/.rels"));
  g_ptr_array_add (parts, root_rels_xml ());
  g_ptr_array_add (names, g_strdup ("xl/workbook.xml"));
  g_ptr_array_add (parts, workbook_xml (book));
  g_ptr_array_add (names, g_strdup ("xl/_rels/workbook.xml.rels"));
  g_ptr_array_add (parts, workbook_rels_xml (book));
  for (guint i = 0; i < book->sheets->len; i++)
    {
      g_ptr_array_add (names, g_strdup_printf ("xl/worksheets/sheet%u.xml", i + 1));
      g_ptr_array_add (parts, sheet_xml (g_ptr_array_index (book->sheets, i), i == 0));
    }
  if (book->red)
    {
      g_ptr_array_add (names, g_strdup ("xl/theme/theme1.xml"));
      g_ptr_array_add (parts, g_bytes_new_static (theme_xml_text, strlen (theme_xml_text)));
    }
  g_ptr_array_add (names, g_strdup ("xl/styles.xml"));
  g_ptr_array_add (parts, styles_xml (book->red));
  g_ptr_array_add (names, g_strdup ("xl/sharedStrings.xml"));
  g_ptr_array_add (parts, shared_strings_xml (book));
  g_ptr_array_add (names, g_strdup ("docProps/core.xml"));
  g_ptr_array_add (parts, core_xml (book));
  g_ptr_array_add (names, g_strdup ("docProps/app.xml"));
  g_ptr_array_add (parts, app_xml ());

  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_deflate (a);
  /* no padding of the last block */
  archive_write_set_bytes_per_block (a, 0);
  if (archive_write_open2 (a, out, NULL, archive_append, NULL, NULL) != ARCHIVE_OK)
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_FAILED, "cannot start zip: %s",
                   archive_error_string (a));
      archive_write_free (a);
      return NULL;
    }
  for (guint i = 0; ok && i < names->len; i++)
    ok = zip_add (a, g_ptr_array_index (names, i), g_ptr_array_index (parts, i), error);
  if (archive_write_close (a) != ARCHIVE_OK && ok)
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_FAILED, "cannot finish zip: %s",
                   archive_error_string (a));
      ok = FALSE;
    }
  archive_write_free (a);
  if (!ok)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
