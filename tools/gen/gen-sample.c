/* Kind "sample": one realistic IaaS・PaaS (IoT) submission as it arrives
 * at the certification body, plus its truth file. */

#include "gen-sample.h"

#include "gen-catalogue.h"
#include "gen-content.h"
#include "gen-doc.h"
#include "gen-output.h"
#include "gen-rng.h"
#include "gen-xlsx.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

/* column layout of 申請書B */
enum
{
  COL_NO = 1,
  COL_ITEM,
  COL_CLASS,
  COL_FIELDS,
  COL_CONTENT,
  COL_EVIDENCE,
  N_COLS = COL_EVIDENCE
};

static const double col_widths[N_COLS + 1] = { 0, 5.5, 17, 6.5, 38, 52, 28 };

typedef enum
{
  CITE_DOC,      /* only named */
  CITE_CHAPTER,
  CITE_SECTION,
  CITE_ARTICLE,
  CITE_RANGE,
  CITE_PAGE,
  CITE_PAST,
} CiteKind;

static const char *const cite_kind_names[] = {
  "document", "chapter", "section", "article", "range", "page", "past-end",
};

typedef struct
{
  char     *anchor;
  GenDoc   *doc;       /* not owned */
  CiteKind  kind;
  GenAnchorInfo info;
  int       past_number;
} Citation;

typedef struct
{
  GPtrArray *catalogue;    /* GenItem* */
  GPtrArray *docs;         /* GenDoc* */
  GenRng     root;
  JsonBuilder *truth_items;
  JsonBuilder *truth_findings;
} Sample;

static void
citation_free (gpointer data)
{
  Citation *c = data;

  g_free (c->anchor);
  g_free (c);
}

static GenDoc *
find_doc_by_anchor (Sample         *s,
                    const char     *anchor,
                    GenAnchorInfo  *info)
{
  for (guint i = 0; i < s->docs->len; i++)
    {
      GenDoc *doc = g_ptr_array_index (s->docs, i);

      if (gen_doc_find_anchor (doc, anchor, info))
        return doc;
    }
  return NULL;
}

static GenDoc *
find_doc_by_id (Sample     *s,
                const char *id)
{
  for (guint i = 0; i < s->docs->len; i++)
    {
      GenDoc *doc = g_ptr_array_index (s->docs, i);

      if (strcmp (gen_doc_get_spec (doc)->id, id) == 0)
        return doc;
    }
  return NULL;
}

static int
last_printed_number (GenDoc *doc)
{
  int last = -1;

  for (guint p = 1; p <= gen_doc_get_n_pages (doc); p++)
    last = MAX (last, gen_doc_page_number (doc, p));
  return last;
}

static gboolean
printed_range (GenDoc   *doc,
               guint     first,
               guint     last,
               GString  *out,
               GError  **error)
{
  int a = gen_doc_page_number (doc, first), b = gen_doc_page_number (doc, last);

  if (a < 0 || b < 0)
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT,
                   "pages %u–%u of '%s' carry no printed number", first, last,
                   gen_doc_get_spec (doc)->filename);
      return FALSE;
    }
  if (a == b)
    g_string_append_printf (out, "%d", a);
  else
    g_string_append_printf (out, "%d～%d", a, b);
  return TRUE;
}

static CiteKind
kind_of_format (const char *format)
{
  if (strcmp (format, "page") == 0)
    return CITE_PAGE;
  if (strcmp (format, "past") == 0)
    return CITE_PAST;
  if (strcmp (format, "range") == 0 || strcmp (format, "crange") == 0)
    return CITE_RANGE;
  if (strcmp (format, "art") == 0)
    return CITE_ARTICLE;
  if (strcmp (format, "sec") == 0)
    return CITE_SECTION;
  if (strcmp (format, "chap") == 0)
    return CITE_CHAPTER;
  return CITE_DOC;
}

/* Fills one {anchor|format} field. */
static gboolean
expand_field (Sample     *s,
              const char *field,
              GString    *out,
              GPtrArray  *citations,
              GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (field, "|", 2);
  GenAnchorInfo info;
  GenDoc *doc;
  const GenDocSpec *spec;
  const char *format = parts[1] != NULL ? parts[1] : "page";
  Citation *cite = NULL;
  CiteKind kind = kind_of_format (format);

  doc = find_doc_by_anchor (s, parts[0], &info);
  if (doc == NULL)
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT, "no document has anchor '%s'", parts[0]);
      return FALSE;
    }
  spec = gen_doc_get_spec (doc);

  for (guint i = 0; i < citations->len; i++)
    {
      Citation *c = g_ptr_array_index (citations, i);

      if (strcmp (c->anchor, parts[0]) == 0)
        cite = c;
    }
  if (cite == NULL)
    {
      cite = g_new0 (Citation, 1);
      cite->anchor = g_strdup (parts[0]);
      cite->doc = doc;
      cite->info = info;
      cite->kind = CITE_DOC;
      g_ptr_array_add (citations, cite);
    }
  cite->kind = MAX (cite->kind, kind);

  if (strcmp (format, "doc") == 0)
    g_string_append (out, spec->id);
  else if (strcmp (format, "no") == 0)
    {
      const char *p = spec->id;

      while (*p != '\0' && !g_ascii_isdigit (*p))
        p++;
      g_string_append (out, p);
    }
  else if (strcmp (format, "title") == 0)
    g_string_append (out, spec->title);
  else if (strcmp (format, "page") == 0)
    {
      if (info.number < 0)
        {
          g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT,
                       "anchor '%s' is on page %u of '%s', which has no printed number",
                       parts[0], info.page, spec->filename);
          return FALSE;
        }
      g_string_append_printf (out, "%d", info.number);
    }
  else if (strcmp (format, "range") == 0)
    return printed_range (doc, info.unit_first_page, info.unit_last_page, out, error);
  else if (strcmp (format, "crange") == 0)
    {
      cite->info.unit_first_page = info.chapter_first_page;
      cite->info.unit_last_page = info.chapter_last_page;
      return printed_range (doc, info.chapter_first_page, info.chapter_last_page, out, error);
    }
  else if (strcmp (format, "chap") == 0)
    g_string_append_printf (out, "%d", info.chapter);
  else if (strcmp (format, "sec") == 0)
    g_string_append_printf (out, "%d.%d", info.chapter, info.section);
  else if (strcmp (format, "art") == 0)
    g_string_append_printf (out, "%d", info.article);
  else if (strcmp (format, "past") == 0)
    {
      cite->past_number = last_printed_number (doc) + 3;
      g_string_append_printf (out, "%d", cite->past_number);
    }
  else
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT, "unknown format '%s' in '{%s}'",
                   format, field);
      return FALSE;
    }
  return TRUE;
}

static char *
expand_template (Sample     *s,
                 const char *tmpl,
                 GPtrArray  *citations,
                 GError    **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = tmpl;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *field = NULL;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      close = strchr (open, '}');
      if (close == NULL)
        {
          g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT, "unclosed '{' in '%s'", tmpl);
          return NULL;
        }
      field = g_strndup (open + 1, close - open - 1);
      if (!expand_field (s, field, out, citations, error))
        return NULL;
      p = close + 1;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const GenAnswer *
answer_for (guint no)
{
  for (const GenAnswer *a = gen_sample_answers; a->no != 0; a++)
    if (a->no == no)
      return a;
  return NULL;
}

static const char *const circled[] = { "①", "②", "③", "④", "⑤" };

/* The 申請内容 cell: one line per sub-field, numbered ①② when there are
 * several. Fields may name article numbers as {anchor|art} too, so they
 * cannot drift from the documents. */
static char *
content_text (Sample           *s,
              const GenAnswer  *answer,
              GError          **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) unused = g_ptr_array_new_with_free_func (citation_free);
  guint n = 0;

  while (n < G_N_ELEMENTS (answer->fields) && answer->fields[n] != NULL)
    n++;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = expand_template (s, answer->fields[i], unused, error);

      if (field == NULL)
        return NULL;
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s%s", n > 1 ? circled[i] : "", field);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_pages_json (JsonBuilder *b,
                GenDoc      *doc,
                guint        first,
                guint        last)
{
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint p = first; p <= last; p++)
    json_builder_add_int_value (b, p);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint p = first; p <= last; p++)
    {
      int n = p <= gen_doc_get_n_pages (doc) ? gen_doc_page_number (doc, p) : -1;

      if (n >= 0)
        {
          g_autofree char *t = g_strdup_printf ("%d", n);

          json_builder_add_string_value (b, t);
        }
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_array (b);
}

static void
citation_to_json (JsonBuilder *b,
                  Citation    *c)
{
  const GenDocSpec *spec = gen_doc_get_spec (c->doc);
  guint first = c->info.page, last = c->info.page;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "document");
  json_builder_add_string_value (b, spec->id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, cite_kind_names[c->kind]);
  switch (c->kind)
    {
    case CITE_CHAPTER:
      first = c->info.chapter_first_page;
      last = c->info.chapter_last_page;
      break;
    case CITE_SECTION:
      first = c->info.section_first_page;
      last = c->info.section_last_page;
      break;
    case CITE_RANGE:
      first = c->info.unit_first_page;
      last = c->info.unit_last_page;
      break;
    default:
      break;
    }
  if (c->kind == CITE_PAST)
    {
      g_autofree char *label = g_strdup_printf ("%d", c->past_number);

      json_builder_set_member_name (b, "page_label");
      json_builder_add_string_value (b, label);
    }
  else
    add_pages_json (b, c->doc, first, last);
  if (c->kind == CITE_CHAPTER || c->kind == CITE_SECTION || c->kind == CITE_ARTICLE)
    {
      g_autofree char *unit = NULL;

      if (c->kind == CITE_CHAPTER)
        unit = g_strdup_printf ("第%d章", c->info.chapter);
      else if (c->kind == CITE_SECTION)
        unit = g_strdup_printf ("%d.%d節", c->info.chapter, c->info.section);
      else
        unit = g_strdup_printf ("第%d条", c->info.article);
      json_builder_set_member_name (b, "section");
      json_builder_add_string_value (b, unit);
    }
  /* the page the cited fact is on */
  json_builder_set_member_name (b, "fact_page");
  json_builder_add_int_value (b, c->info.page);
  json_builder_end_object (b);
}

static void
finding (Sample     *s,
         const char *code,
         guint       item,
         const char *document,
         int         page,
         int         page_label,
         const char *note)
{
  JsonBuilder *b = s->truth_findings;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, g_str_equal (code, "CITE-WEAK-SUPPORT") ? "warning" : "error");
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, item);
  if (document != NULL)
    {
      json_builder_set_member_name (b, "document");
      json_builder_add_string_value (b, document);
    }
  if (page > 0)
    {
      json_builder_set_member_name (b, "page");
      json_builder_add_int_value (b, page);
    }
  if (page_label > 0)
    {
      g_autofree char *label = g_strdup_printf ("%d", page_label);

      json_builder_set_member_name (b, "page_label");
      json_builder_add_string_value (b, label);
    }
  if (note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
    }
  json_builder_end_object (b);
}

static gboolean
record_plant (Sample          *s,
              const GenAnswer *answer,
              GPtrArray       *citations,
              GError         **error)
{
  switch (answer->plant)
    {
    case GEN_PLANT_NONE:
      break;
    case GEN_PLANT_REQUIRED_EMPTY:
      finding (s, "FORM-REQUIRED-EMPTY", answer->no, NULL, 0, 0, answer->plant_note);
      break;
    case GEN_PLANT_PAGE_OUT_OF_RANGE:
      for (guint i = 0; i < citations->len; i++)
        {
          Citation *c = g_ptr_array_index (citations, i);
          int last = last_printed_number (c->doc);

          if (c->kind != CITE_PAST)
            continue;
          /* the physical page the printed number would fall on */
          finding (s, "CITE-PAGE-OUT-OF-RANGE", answer->no, gen_doc_get_spec (c->doc)->id,
                   (int) gen_doc_get_n_pages (c->doc) + (c->past_number - last), c->past_number,
                   answer->plant_note);
          return TRUE;
        }
      g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT,
                   "item %u plants a page out of range but cites no {…|past}", answer->no);
      return FALSE;
    case GEN_PLANT_DOC_NOT_FOUND:
      finding (s, "CITE-DOC-NOT-FOUND", answer->no, answer->plant_doc, 0, 0, answer->plant_note);
      break;
    case GEN_PLANT_WEAK_SUPPORT:
      {
        GenAnchorInfo info;
        GenDoc *doc = find_doc_by_anchor (s, answer->plant_anchor, &info);

        if (doc == NULL)
          {
            g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT, "item %u: no anchor '%s'",
                         answer->no, answer->plant_anchor);
            return FALSE;
          }
        finding (s, "CITE-WEAK-SUPPORT", answer->no, gen_doc_get_spec (doc)->id, info.page,
                 info.number, answer->plant_note);
      }
      break;
    }
  return TRUE;
}

static const char *
class_label (const GenItem *item)
{
  if (strcmp (item->klass, "required") == 0)
    return "必須";
  if (strcmp (item->klass, "optional") == 0)
    return "選択";
  if (strcmp (item->klass, "mixed") == 0)
    return "必須／\n選択";
  return "必須\n（要件）";
}

static void
fields_cell (GenXlsxSheet  *sheet,
             guint          row,
             const GenItem *item)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_strv_length (item->fields);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      if (n > 1)
        g_string_append_printf (text, "【記述内容%u】", i + 1);
      g_string_append (text, item->fields[i]);
    }
  if (item->requirement != NULL && item->requirement[0] != '\0')
    {
      /* the form's own red note on 一定の要件 items */
      g_autofree char *note = g_strdup_printf ("\n※一定の要件：%s", item->requirement);
      GenXlsxRun runs[] = {
        { text->str, 0, FALSE },
        { note, 0xFF0000, TRUE },
      };

      gen_xlsx_set_rich (sheet, row, COL_FIELDS, runs, G_N_ELEMENTS (runs),
                         GEN_XLSX_STYLE_SMALL_CELL);
      g_string_append (text, note);
    }
  else
    gen_xlsx_set_string (sheet, row, COL_FIELDS, text->str, GEN_XLSX_STYLE_SMALL_CELL);
}

static gboolean
build_form_b (Sample   *s,
              GBytes  **xlsx,
              GError  **error)
{
  const GenCompany *co = &gen_sample_company;
  g_autoptr(GenXlsx) book = gen_xlsx_new (co->contact_name, co->form_date_iso);
  GenXlsxSheet *sheet = gen_xlsx_add_sheet (book, "申請書B");
  g_autofree char *who = NULL;
  const char *section = NULL;
  guint row;
  static const char *const headers[N_COLS] = {
    "通番", "開示項目", "区分", "記述内容", "申請内容", "添付書類等（資料名・該当箇所）",
  };
  const GenXlsxRun notice[] = {
    { "記入上の注意：", 0, TRUE },
    { "「申請内容」欄の記述は、認定後、認定機関のホームページにそのまま公表されます。", 0xFF0000, FALSE },
    { "「添付書類等」欄には、申請内容の根拠となる資料の番号と該当箇所（頁、章、節、条項等）を記入してください。",
      0, FALSE },
  };

  for (guint c = 1; c <= N_COLS; c++)
    gen_xlsx_set_col_width (sheet, c, col_widths[c]);

  gen_xlsx_set_string (sheet, 1, 1,
                       "ＩａａＳ・ＰａａＳ（ＩｏＴクラウドサービス）の安全・信頼性に係る情報開示認定制度　申請書Ｂ（情報開示項目）",
                       GEN_XLSX_STYLE_TITLE);
  gen_xlsx_merge (sheet, 1, 1, 1, N_COLS);
  gen_xlsx_set_row_height (sheet, 1, 24);
  gen_xlsx_set_rich (sheet, 2, 1, notice, G_N_ELEMENTS (notice), GEN_XLSX_STYLE_NOTE);
  gen_xlsx_merge (sheet, 2, 1, 2, N_COLS);
  gen_xlsx_set_row_height (sheet, 2, 30);
  who = g_strdup_printf ("事業者名：%s　　サービス名称：%s　　記入日：%s", co->name, co->service,
                         co->application_date);
  gen_xlsx_set_string (sheet, 3, 1, who, GEN_XLSX_STYLE_DEFAULT);
  gen_xlsx_merge (sheet, 3, 1, 3, N_COLS);
  gen_xlsx_set_row_height (sheet, 3, 18);
  for (guint c = 1; c <= N_COLS; c++)
    gen_xlsx_set_string (sheet, 4, c, headers[c - 1], GEN_XLSX_STYLE_HEADER);
  gen_xlsx_set_row_height (sheet, 4, 30);
  gen_xlsx_freeze_rows (sheet, 4);
  gen_xlsx_set_print (sheet, TRUE, 4);

  row = 5;
  for (guint i = 0; i < s->catalogue->len; i++)
    {
      const GenItem *item = g_ptr_array_index (s->catalogue, i);
      const GenAnswer *answer = answer_for (item->no);
      g_autoptr(GPtrArray) citations = g_ptr_array_new_with_free_func (citation_free);
      g_autofree char *content = NULL;
      g_autofree char *evidence = NULL;
      double h;

      if (answer == NULL)
        {
          g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT, "no answer for item %u", item->no);
          return FALSE;
        }
      if (section == NULL || strcmp (section, item->section) != 0)
        {
          section = item->section;
          gen_xlsx_set_string (sheet, row, 1, section, GEN_XLSX_STYLE_SECTION);
          for (guint c = 2; c <= N_COLS; c++)
            gen_xlsx_set_blank (sheet, row, c, GEN_XLSX_STYLE_SECTION);
          gen_xlsx_merge (sheet, row, 1, row, N_COLS);
          gen_xlsx_set_row_height (sheet, row, 18);
          row++;
        }

      content = content_text (s, answer, error);
      if (content == NULL)
        {
          g_prefix_error (error, "item %u: ", item->no);
          return FALSE;
        }
      if (answer->cite != NULL)
        {
          g_auto(GStrv) alternatives = g_strsplit (answer->cite, " || ", -1);
          g_autofree char *label = g_strdup_printf ("cite-%u", item->no);
          GenRng rng = gen_rng_fork (&s->root, label);
          guint pick = gen_rng_range (&rng, g_strv_length (alternatives));

          evidence = expand_template (s, alternatives[pick], citations, error);
          if (evidence == NULL)
            {
              g_prefix_error (error, "item %u: ", item->no);
              return FALSE;
            }
        }
      else
        evidence = g_strdup ("");
      if (!record_plant (s, answer, citations, error))
        return FALSE;

      gen_xlsx_set_number (sheet, row, COL_NO, item->no, GEN_XLSX_STYLE_CELL_CENTER);
      gen_xlsx_set_string (sheet, row, COL_ITEM, item->item, GEN_XLSX_STYLE_CELL);
      gen_xlsx_set_string (sheet, row, COL_CLASS, class_label (item), GEN_XLSX_STYLE_CELL_CENTER);
      fields_cell (sheet, row, item);
      if (content[0] != '\0')
        gen_xlsx_set_string (sheet, row, COL_CONTENT, content, GEN_XLSX_STYLE_CELL);
      else
        gen_xlsx_set_blank (sheet, row, COL_CONTENT, GEN_XLSX_STYLE_CELL);
      if (evidence[0] != '\0')
        gen_xlsx_set_string (sheet, row, COL_EVIDENCE, evidence, GEN_XLSX_STYLE_CELL);
      else
        gen_xlsx_set_blank (sheet, row, COL_EVIDENCE, GEN_XLSX_STYLE_CELL);

      {
        g_autoptr(GString) fields = g_string_new (NULL);

        for (guint f = 0; item->fields[f] != NULL; f++)
          g_string_append_printf (fields, "%s【記述内容%u】%s", f > 0 ? "\n" : "", f + 1,
                                  item->fields[f]);
        if (item->requirement[0] != '\0')
          g_string_append_printf (fields, "\n※一定の要件：%s", item->requirement);
        h = gen_xlsx_text_height (fields->str, col_widths[COL_FIELDS], 9);
        h = MAX (h, gen_xlsx_text_height (content, col_widths[COL_CONTENT], 10));
        h = MAX (h, gen_xlsx_text_height (evidence, col_widths[COL_EVIDENCE], 10));
        h = MAX (h, gen_xlsx_text_height (item->item, col_widths[COL_ITEM], 10));
        gen_xlsx_set_row_height (sheet, row, MIN (h, 409));
      }

      /* truth: the item as the form states it */
      json_builder_begin_object (s->truth_items);
      json_builder_set_member_name (s->truth_items, "no");
      json_builder_add_int_value (s->truth_items, item->no);
      json_builder_set_member_name (s->truth_items, "row");
      json_builder_add_int_value (s->truth_items, row);
      json_builder_set_member_name (s->truth_items, "content");
      json_builder_add_string_value (s->truth_items, content);
      json_builder_set_member_name (s->truth_items, "evidence");
      json_builder_add_string_value (s->truth_items, evidence);
      json_builder_set_member_name (s->truth_items, "citations");
      json_builder_begin_array (s->truth_items);
      for (guint c = 0; c < citations->len; c++)
        citation_to_json (s->truth_items, g_ptr_array_index (citations, c));
      json_builder_end_array (s->truth_items);
      json_builder_end_object (s->truth_items);
      row++;
    }

  *xlsx = gen_xlsx_to_bytes (book, error);
  return *xlsx != NULL;
}

static GBytes *
build_form_a (GError **error)
{
  const GenCompany *co = &gen_sample_company;
  g_autoptr(GenXlsx) book = gen_xlsx_new (co->contact_name, co->form_date_iso);
  GenXlsxSheet *sheet = gen_xlsx_add_sheet (book, "申請書A");
  g_autofree char *address = g_strdup_printf ("〒%s\n%s", co->postcode, co->address);
  g_autofree char *contact = g_strdup_printf ("%s\n%s\nTEL：%s\nE-mail：%s", co->contact_dept,
                                              co->contact_name, co->contact_phone,
                                              co->contact_mail);
  const char *rows[][2] = {
    { "申請区分", co->application },
    { "申請日", co->application_date },
    { "認定制度", "ＩａａＳ・ＰａａＳ（ＩｏＴクラウドサービス）の安全・信頼性に係る情報開示認定制度" },
    { "事業者名", co->name },
    { "事業者名（フリガナ）", co->name_kana },
    { "法人番号", co->corporate_number },
    { "代表者", co->representative },
    { "所在地", address },
    { "サービス名称", co->service },
    { "申請担当者", contact },
  };
  guint row = 4;

  gen_xlsx_set_col_width (sheet, 1, 24);
  gen_xlsx_set_col_width (sheet, 2, 30);
  gen_xlsx_set_col_width (sheet, 3, 30);
  gen_xlsx_set_col_width (sheet, 4, 12);
  gen_xlsx_set_string (sheet, 1, 1, "申請書Ａ（フェースシート）", GEN_XLSX_STYLE_TITLE);
  gen_xlsx_merge (sheet, 1, 1, 1, 4);
  gen_xlsx_set_row_height (sheet, 1, 26);
  gen_xlsx_set_string (sheet, 2, 1,
                       "一般社団法人日本クラウド産業協会（ASPIC）　認定審査委員会　御中",
                       GEN_XLSX_STYLE_DEFAULT);
  gen_xlsx_merge (sheet, 2, 1, 2, 4);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++, row++)
    {
      gen_xlsx_set_string (sheet, row, 1, rows[i][0], GEN_XLSX_STYLE_LABEL);
      gen_xlsx_set_string (sheet, row, 2, rows[i][1], GEN_XLSX_STYLE_CELL);
      gen_xlsx_set_blank (sheet, row, 3, GEN_XLSX_STYLE_CELL);
      gen_xlsx_set_blank (sheet, row, 4, GEN_XLSX_STYLE_CELL);
      gen_xlsx_merge (sheet, row, 2, row, 4);
      gen_xlsx_set_row_height (sheet, row, MAX (22, gen_xlsx_text_height (rows[i][1], 70, 10)));
    }
  gen_xlsx_set_print (sheet, FALSE, 0);
  return gen_xlsx_to_bytes (book, error);
}

static void
csv_field (GString    *out,
           const char *value)
{
  if (strpbrk (value, ",\"\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static GBytes *
build_inventory (Sample *s)
{
  GString *out = g_string_new ("\xEF\xBB\xBF" "資料番号,資料名称,ファイル名\r\n");

  for (guint i = 0; i < s->docs->len; i++)
    {
      const GenDocSpec *spec = gen_doc_get_spec (g_ptr_array_index (s->docs, i));

      csv_field (out, spec->id);
      g_string_append_c (out, ',');
      csv_field (out, spec->title);
      g_string_append_c (out, ',');
      csv_field (out, spec->filename);
      g_string_append (out, "\r\n");
    }
  return g_string_free_to_bytes (out);
}

static void
documents_to_json (Sample      *s,
                   JsonBuilder *b)
{
  json_builder_set_member_name (b, "documents");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->docs->len; i++)
    {
      GenDoc *doc = g_ptr_array_index (s->docs, i);
      const GenDocSpec *spec = gen_doc_get_spec (doc);
      guint n = gen_doc_get_n_pages (doc);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, spec->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, spec->title);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, spec->filename);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, g_str_has_suffix (spec->title, "登記事項証明書")
                                            ? "registry-certificate" : "evidence");
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, spec->scanned ? "scan" : "pdf-text");
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, n);
      json_builder_set_member_name (b, "pdf_page_labels");
      json_builder_add_boolean_value (b, spec->page_labels);
      json_builder_set_member_name (b, "page_list");
      json_builder_begin_array (b);
      for (guint p = 1; p <= n; p++)
        {
          const char *label = gen_doc_page_label (doc, p);
          const char *folio = gen_doc_page_folio (doc, p);
          int number = gen_doc_page_number (doc, p);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "page");
          json_builder_add_int_value (b, p);
          json_builder_set_member_name (b, "label");
          if (label != NULL)
            json_builder_add_string_value (b, label);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "folio");
          if (folio != NULL)
            json_builder_add_string_value (b, folio);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "number");
          if (number >= 0)
            json_builder_add_int_value (b, number);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

gboolean
gen_sample_write (const char *out_dir,
                  const char *truth_path,
                  const char *catalogue_path,
                  guint64     seed,
                  GError    **error)
{
  Sample s = { 0, };
  g_autoptr(GPtrArray) catalogue = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) gen_doc_free);
  g_autoptr(JsonBuilder) items = json_builder_new ();
  g_autoptr(JsonBuilder) findings = json_builder_new ();
  g_autoptr(JsonBuilder) truth = json_builder_new ();
  g_autoptr(GBytes) form_b = NULL;
  g_autoptr(GBytes) form_a = NULL;
  g_autoptr(GBytes) inventory = NULL;

  catalogue = gen_catalogue_load (catalogue_path, error);
  if (catalogue == NULL)
    return FALSE;
  gen_rng_init (&s.root, seed);
  s.catalogue = catalogue;
  s.docs = docs;
  s.truth_items = items;
  s.truth_findings = findings;

  for (guint i = 0; gen_sample_docs[i] != NULL; i++)
    {
      const GenDocSpec *spec = gen_sample_docs[i];
      GenDoc *doc = gen_doc_new (spec);
      g_autofree char *path = g_build_filename (out_dir, spec->filename, NULL);
      GenRng rng = gen_rng_fork (&s.root, spec->filename);

      g_ptr_array_add (docs, doc);
      if (!gen_doc_write_pdf (doc, path, &rng, error))
        return FALSE;
    }

  json_builder_begin_array (items);
  json_builder_begin_array (findings);
  if (!build_form_b (&s, &form_b, error))
    return FALSE;
  json_builder_end_array (items);
  json_builder_end_array (findings);
  for (const GenAnswer *a = gen_sample_answers; a->no != 0; a++)
    if (a->plant == GEN_PLANT_DOC_NOT_FOUND && find_doc_by_id (&s, a->plant_doc) != NULL)
      {
        g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT,
                     "item %u plants a citation to '%s', which is submitted", a->no,
                     a->plant_doc);
        return FALSE;
      }

  form_a = build_form_a (error);
  if (form_a == NULL)
    return FALSE;
  inventory = build_inventory (&s);
  if (!gen_output_write_bytes (out_dir, "申請書B.xlsx", form_b, error)
      || !gen_output_write_bytes (out_dir, "申請書A.xlsx", form_a, error)
      || !gen_output_write_bytes (out_dir, "資料内訳書.csv", inventory, error)
      || !gen_output_write_ini (out_dir, "sample", "iaas-paas-iot", error))
    return FALSE;

  json_builder_begin_object (truth);
  json_builder_set_member_name (truth, "generator");
  json_builder_begin_object (truth);
  json_builder_set_member_name (truth, "name");
  json_builder_add_string_value (truth, "shinsa-gen");
  json_builder_set_member_name (truth, "kind");
  json_builder_add_string_value (truth, "sample");
  json_builder_set_member_name (truth, "seed");
  json_builder_add_int_value (truth, (gint64) seed);
  json_builder_end_object (truth);
  json_builder_set_member_name (truth, "submission");
  json_builder_add_string_value (truth, "sample");
  json_builder_set_member_name (truth, "scheme");
  json_builder_add_string_value (truth, "iaas-paas-iot");
  json_builder_set_member_name (truth, "expected_findings");
  json_builder_add_value (truth, json_builder_get_root (findings));
  documents_to_json (&s, truth);
  json_builder_set_member_name (truth, "items");
  json_builder_add_value (truth, json_builder_get_root (items));
  json_builder_end_object (truth);

  {
    g_autoptr(JsonGenerator) gen = json_generator_new ();
    g_autoptr(JsonNode) root = json_builder_get_root (truth);
    g_autofree char *text = NULL;
    gsize len;

    json_generator_set_root (gen, root);
    json_generator_set_pretty (gen, TRUE);
    json_generator_set_indent (gen, 2);
    text = json_generator_to_data (gen, &len);
    text = g_realloc (text, len + 2);
    text[len++] = '\n';
    text[len] = '\0';
    if (!g_file_set_contents (truth_path, text, len, error))
      return FALSE;
  }
  return TRUE;
}
