/* Kind "sample": one realistic IaaS・PaaS (IoT) submission as it arrives
 * at the certification body, plus its truth file. */

#include "gen-sample.h"

#include "gen-archive.h"
#include "gen-catalogue.h"
#include "gen-content.h"
#include "gen-doc.h"
#include "gen-output.h"
#include "gen-pdfcrypt.h"
#include "gen-rng.h"
#include "gen-scan.h"
#include "gen-image.h"
#include "gen-truth.h"
#include "gen-vary.h"
#include "gen-xlsx.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

/* 申請書B as applicants lay it out: the columns a role each */
typedef enum
{
  ROLE_NO,
  ROLE_ITEM,
  ROLE_CLASS,
  ROLE_FIELDS,
  ROLE_CONTENT,
  ROLE_EVIDENCE,
  ROLE_REMARKS,
  N_ROLES
} Role;

static const char *const role_names[N_ROLES] = {
  "no", "item", "class", "fields", "content", "evidence", "remarks",
};

static const double role_widths[N_ROLES] = { 5.5, 17, 6.5, 38, 52, 28, 14 };

typedef struct
{
  guint       n_cols;
  Role        roles[N_ROLES];      /* column c (1-based) has role roles[c - 1] */
  guint       col[N_ROLES];        /* the column of a role, 0 when absent */
  const char *labels[N_ROLES];
  gboolean    title;               /* the form's title row */
  gboolean    notice;              /* 記入上の注意 */
  gboolean    who;                 /* 事業者名・サービス名称 row */
  guint       blank_rows;          /* empty rows above the header */
  guint       header_row;
  gboolean    sections;            /* section heading rows */
  gboolean    subrows;             /* several 記述内容 as sub-rows, not one cell */
} FormLayout;

static void
layout_set_columns (FormLayout *l,
                    const Role *roles,
                    guint       n)
{
  l->n_cols = n;
  for (guint r = 0; r < N_ROLES; r++)
    l->col[r] = 0;
  for (guint c = 0; c < n; c++)
    {
      l->roles[c] = roles[c];
      l->col[roles[c]] = c + 1;
    }
}

/* The reference layout (seed 1) or one of the variants applicants make of
 * the official form. */
static void
form_layout_choose (FormLayout *l,
                    GenRng     *rng,
                    gboolean    reference)
{
  static const Role standard[] = { ROLE_NO, ROLE_ITEM, ROLE_CLASS, ROLE_FIELDS, ROLE_CONTENT,
                                   ROLE_EVIDENCE };
  static const Role class_first[] = { ROLE_NO, ROLE_CLASS, ROLE_ITEM, ROLE_FIELDS, ROLE_CONTENT,
                                      ROLE_EVIDENCE, ROLE_REMARKS };
  static const Role remarks[] = { ROLE_NO, ROLE_ITEM, ROLE_FIELDS, ROLE_CLASS, ROLE_CONTENT,
                                  ROLE_EVIDENCE, ROLE_REMARKS };
  static const Role no_fields[] = { ROLE_NO, ROLE_ITEM, ROLE_CONTENT, ROLE_EVIDENCE, ROLE_CLASS,
                                    ROLE_REMARKS };
  static const char *const no_labels[] = { "通番", "項番", "No." };
  static const char *const item_labels[] = { "開示項目", "情報開示項目", "項目" };
  static const char *const class_labels[] = { "区分", "区分", "必須／選択" };
  static const char *const fields_labels[] = { "記述内容", "記述内容", "記載事項" };
  static const char *const content_labels[] = { "申請内容", "申請内容", "申請内容（開示内容）" };
  static const char *const evidence_labels[] = { "添付書類等（資料名・該当箇所）", "添付書類等",
                                                 "添付書類等（資料番号・頁）" };

  memset (l, 0, sizeof *l);
  l->labels[ROLE_REMARKS] = "備考";
  if (reference)
    {
      layout_set_columns (l, standard, G_N_ELEMENTS (standard));
      l->labels[ROLE_NO] = no_labels[0];
      l->labels[ROLE_ITEM] = item_labels[0];
      l->labels[ROLE_CLASS] = class_labels[0];
      l->labels[ROLE_FIELDS] = fields_labels[0];
      l->labels[ROLE_CONTENT] = content_labels[0];
      l->labels[ROLE_EVIDENCE] = evidence_labels[0];
      l->title = l->notice = l->who = TRUE;
      l->sections = TRUE;
    }
  else
    {
      switch (gen_rng_range (rng, 4))
        {
        case 0:
          layout_set_columns (l, standard, G_N_ELEMENTS (standard));
          break;
        case 1:
          layout_set_columns (l, class_first, G_N_ELEMENTS (class_first));
          break;
        case 2:
          layout_set_columns (l, remarks, G_N_ELEMENTS (remarks));
          break;
        default:
          layout_set_columns (l, no_fields, G_N_ELEMENTS (no_fields));
          break;
        }
      l->labels[ROLE_NO] = no_labels[gen_rng_range (rng, 3)];
      l->labels[ROLE_ITEM] = item_labels[gen_rng_range (rng, 3)];
      l->labels[ROLE_CLASS] = class_labels[gen_rng_range (rng, 3)];
      l->labels[ROLE_FIELDS] = fields_labels[gen_rng_range (rng, 3)];
      l->labels[ROLE_CONTENT] = content_labels[gen_rng_range (rng, 3)];
      l->labels[ROLE_EVIDENCE] = evidence_labels[gen_rng_range (rng, 3)];
      l->title = gen_rng_range (rng, 5) != 0;
      l->notice = gen_rng_range (rng, 2) == 0;
      l->who = gen_rng_range (rng, 3) != 0;
      l->blank_rows = gen_rng_range (rng, 3);
      l->sections = gen_rng_range (rng, 4) != 0;
      l->subrows = gen_rng_range (rng, 2) == 0;
    }
  l->header_row = 1 + (l->title ? 1 : 0) + (l->notice ? 1 : 0) + (l->who ? 1 : 0) + l->blank_rows;
}

static char *
column_letter (guint col)
{
  return g_strdup_printf ("%c", 'A' + (int) col - 1);
}

static void
layout_to_json (const FormLayout *l,
                JsonBuilder      *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, "申請書B.xlsx");
  json_builder_set_member_name (b, "sheet");
  json_builder_add_string_value (b, "申請書B");
  json_builder_set_member_name (b, "header_row");
  json_builder_add_int_value (b, l->header_row);
  json_builder_set_member_name (b, "columns");
  json_builder_begin_object (b);
  for (guint c = 1; c <= l->n_cols; c++)
    {
      g_autofree char *letter = column_letter (c);

      json_builder_set_member_name (b, role_names[l->roles[c - 1]]);
      json_builder_add_string_value (b, letter);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_object (b);
  for (guint c = 1; c <= l->n_cols; c++)
    {
      json_builder_set_member_name (b, role_names[l->roles[c - 1]]);
      json_builder_add_string_value (b, l->labels[l->roles[c - 1]]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "section_rows");
  json_builder_add_boolean_value (b, l->sections);
  json_builder_set_member_name (b, "subrows");
  json_builder_add_boolean_value (b, l->subrows);
  json_builder_end_object (b);
}

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

/* how 申請書A and the 資料内訳書 arrive */
typedef enum
{
  TABLE_XLSX,
  TABLE_CSV_UTF8,
  TABLE_CSV_CP932,
} TableFormat;

static const char *const table_format_names[][2] = {
  { "xlsx", NULL }, { "csv", "UTF-8" }, { "csv", "CP932" },
};

typedef enum
{
  RENEWAL_NONE,
  RENEWAL_PREVIOUS,     /* the submission certified two years ago */
  RENEWAL_CURRENT,      /* its renewal */
} RenewalRole;

/* How one document reached the office */
typedef struct
{
  const char   *source;      /* pdf-text, scan, photo */
  const char   *media_type;
  GenScanParams scan;        /* source scan: the scanner's settings */
  int           extra;       /* index in gen_extra_docs, -1 */
  gboolean      unlisted;    /* left out of the 資料内訳書 */
  const char   *status;      /* ok, encrypted, unreadable */
} DocOut;

typedef struct
{
  GPtrArray *catalogue;    /* GenItem* */
  GPtrArray *docs;         /* GenDoc* */
  GArray    *outs;         /* DocOut, one per document */
  GenRng     root;
  guint64    seed;
  GenVary   *vary;
  gboolean   reference;    /* seed 1: the content as written */
  gboolean   form_b_paper; /* a new application whose 申請書B came as mailed
                            * paper: printed landscape, scanned, no .xlsx */
  gboolean   defects;      /* plant a defect for every finding code */
  RenewalRole renewal;
  GenCompany company_buf;
  JsonBuilder *truth_changes;
  char      *listed_only[3];  /* defects: 資料内訳書 row without a file */
  FormLayout layout;
  TableFormat form_a_format;
  TableFormat inventory_format;
  int        cite_style;   /* the applicant's usual citation style */
  gboolean   sla_annex;    /* the SLA submitted as 別紙2 rather than 資料5 */
  gboolean   cite_slash;   /* separates citations with ／ instead of 、 */
  const GenAnswer  *answers;
  const GenCompany *company;
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
  if (g_str_has_prefix (format, "cite:"))
    {
      int style = atoi (format + 5);

      return style == 7 || style == 8 ? CITE_RANGE : style == 9 ? CITE_DOC : CITE_PAGE;
    }
  return CITE_DOC;
}

static char *
fullwidth (const char *ascii)
{
  static const char *const digits[] = { "０", "１", "２", "３", "４", "５", "６", "７", "８", "９" };
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append (out, digits[*p - '0']);
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* One citation of a document and a page, in one of the styles applicants
 * write (format "cite:N"):
 *   0 資料3 p.5      1 資料No.3 P5     2 資料3 5頁        3 資料３ ５ページ
 *   4 「題名」5頁    5 資料3 P.5       6 資料3（5ページ）  7 資料3 pp.5-6
 *   8 資料3 5～6ページ                 9 「題名」          10 資料3 ５ページ
 * 7 and 8 give the pages of the enclosing article, section or chapter. */
static gboolean
format_citation (GenDoc              *doc,
                 const GenAnchorInfo *info,
                 int                  style,
                 GString             *out,
                 GError             **error)
{
  const GenDocSpec *spec = gen_doc_get_spec (doc);
  const char *digits = spec->id;
  g_autofree char *prefix = NULL;
  g_autofree char *page = g_strdup_printf ("%d", info->number);
  int a = gen_doc_page_number (doc, info->unit_first_page);
  int b = gen_doc_page_number (doc, info->unit_last_page);

  while (*digits != '\0' && !g_ascii_isdigit (*digits))
    digits++;
  prefix = g_strndup (spec->id, digits - spec->id);
  if (info->number < 0 || ((style == 7 || style == 8) && (a < 0 || b < 0)))
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT,
                   "page %u of '%s' has no printed number to cite", info->page, spec->filename);
      return FALSE;
    }
  switch (style)
    {
    case 1:
      g_string_append_printf (out, "%sNo.%s P%s", prefix, digits, page);
      break;
    case 2:
      g_string_append_printf (out, "%s %s頁", spec->id, page);
      break;
    case 3:
      {
        g_autofree char *fd = fullwidth (digits);
        g_autofree char *fp = fullwidth (page);

        g_string_append_printf (out, "%s%s %sページ", prefix, fd, fp);
      }
      break;
    case 4:
      g_string_append_printf (out, "「%s」%s頁", spec->title, page);
      break;
    case 5:
      g_string_append_printf (out, "%s P.%s", spec->id, page);
      break;
    case 6:
      g_string_append_printf (out, "%s（%sページ）", spec->id, page);
      break;
    case 7:
      if (a == b)
        g_string_append_printf (out, "%s p.%d", spec->id, a);
      else
        g_string_append_printf (out, "%s pp.%d-%d", spec->id, a, b);
      break;
    case 8:
      if (a == b)
        g_string_append_printf (out, "%s %dページ", spec->id, a);
      else
        g_string_append_printf (out, "%s %d～%dページ", spec->id, a, b);
      break;
    case 9:
      g_string_append_printf (out, "「%s」", spec->title);
      break;
    case 10:
      {
        g_autofree char *fp = fullwidth (page);

        g_string_append_printf (out, "%s %sページ", spec->id, fp);
      }
      break;
    default:
      g_string_append_printf (out, "%s p.%s", spec->id, page);
      break;
    }
  return TRUE;
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
  else if (g_str_has_prefix (format, "cite:"))
    return format_citation (doc, &info, atoi (format + 5), out, error);
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

typedef struct
{
  GenRng *rng;
  int     main_style;
} RestyleData;

static gboolean
restyle_page (const GMatchInfo *match,
              GString          *out,
              gpointer          data)
{
  RestyleData *d = data;
  g_autofree char *anchor = g_match_info_fetch (match, 1);
  int style = d->main_style;

  /* most citations in the applicant's usual style, some not */
  if (gen_rng_range (d->rng, 10) >= 7)
    style = (int) gen_rng_range (d->rng, 11);
  g_string_append_printf (out, "{%s|cite:%d}", anchor, style);
  return FALSE;
}

/* Rewrites a 添付書類等 template in this applicant's citation habits: the
 * document-and-page citations in its styles, sometimes a bare 第N条 or
 * ／ between citations. The reference submission keeps the template. */
static char *
restyle_citation (Sample     *s,
                  const char *tmpl,
                  GenRng     *rng)
{
  static GRegex *page_re, *article_re;
  RestyleData data = { rng, s->cite_style };
  g_autofree char *styled = NULL;
  char *out;

  if (s->reference)
    return g_strdup (tmpl);
  if (page_re == NULL)
    {
      page_re = g_regex_new ("\\{([a-z_.0-9]+)\\|doc\\} ?(?:p\\.|P\\.)?\\{\\1\\|page\\}(?:頁)?",
                             G_REGEX_OPTIMIZE, 0, NULL);
      article_re = g_regex_new ("^\\{([a-z_.0-9]+)\\|doc\\} (第\\{\\1\\|art\\}条)$",
                                G_REGEX_OPTIMIZE, 0, NULL);
    }
  styled = g_regex_replace_eval (page_re, tmpl, -1, 0, 0, restyle_page, &data, NULL);
  /* a lone article cited without its document */
  if (gen_rng_range (rng, 4) == 0 && g_regex_match (article_re, styled, 0, NULL))
    out = g_regex_replace (article_re, styled, -1, 0, "\\2", 0, NULL);
  else
    out = g_strdup (styled);
  if (s->cite_slash)
    {
      g_auto(GStrv) parts = g_strsplit (out, "、{", -1);

      g_free (out);
      out = g_strjoinv ("／{", parts);
    }
  return out;
}

/* The template with the citations of the added documents that back this
 * item too. */
static char *
extra_citations (Sample     *s,
                 guint       no,
                 const char *tmpl)
{
  g_autoptr(GString) out = g_string_new (tmpl);

  for (guint i = 0; i < s->outs->len; i++)
    {
      const DocOut *o = &g_array_index (s->outs, DocOut, i);

      if (o->extra >= 0 && gen_extra_docs[o->extra].cite_item == no)
        g_string_append_printf (out, "、%s", gen_extra_docs[o->extra].cite);
      /* the defects case's unopenable files, named without a page */
      if ((no == 42 && strcmp (o->status, "encrypted") == 0)
          || (no == 43 && strcmp (o->status, "unreadable") == 0))
        g_string_append_printf (out, "、%s",
                                gen_doc_get_spec (g_ptr_array_index (s->docs, i))->id);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const GenAnswer *
answer_for (Sample *s,
            guint   no)
{
  for (const GenAnswer *a = s->answers; a->no != 0; a++)
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
              gboolean          numbered,
              char           ***fields_out,
              GError          **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) unused = g_ptr_array_new_with_free_func (citation_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  while (n < G_N_ELEMENTS (answer->fields) && answer->fields[n] != NULL)
    n++;
  for (guint i = 0; i < n; i++)
    {
      char *field = expand_template (s, answer->fields[i], unused, error);

      if (field == NULL)
        return NULL;
      g_ptr_array_add (fields, field);
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s%s", n > 1 && numbered ? circled[i] : "", field);
    }
  g_ptr_array_add (fields, NULL);
  *fields_out = (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
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

static const char *
code_severity (const char *code)
{
  static const char *const warnings[] = {
    "CITE-UNPARSED", "CITE-SECTION-NOT-FOUND", "CITE-WEAK-SUPPORT", "DOC-WEB-NO-URL-DATE",
    "RENEWAL-MARKED-UNCHANGED", "RENEWAL-OLD-NOT-SHOWN", "FORM-ITEM-NAME-MISMATCH",
    "FORM-OTHER-AUDIT-ONLY", "FORM-NOT-JAPANESE", "DOC-NOT-IN-INVENTORY",
    "CITE-OUTSOURCED-SELF-EVIDENCE", "RENEWAL-OUT-OF-WINDOW", NULL,
  };
  static const char *const infos[] = { "DOC-UNCITED", "RENEWAL-EVIDENCE-SUPERSEDED", NULL };

  if (g_strv_contains (warnings, code))
    return "warning";
  if (g_strv_contains (infos, code))
    return "info";
  return "error";
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
  json_builder_add_string_value (b, code_severity (code));
  if (item > 0)
    {
      json_builder_set_member_name (b, "item");
      json_builder_add_int_value (b, item);
    }
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

enum
{
  DEFECT_MISSING_ITEM = 47,     /* FORM-ITEM-MISSING: その他サービス left out */
  DEFECT_SHIFTED_ITEM = 63,     /* FORM-ITEM-NAME-MISMATCH */
};

static const char *
sample_doc_id (const char *anchor_prefix)
{
  /* the sample's documents by what their anchors start with */
  for (guint i = 0; gen_sample_docs[i] != NULL; i++)
    for (const GenBlock *b = gen_sample_docs[i]->blocks; b->kind != GEN_BLOCK_END; b++)
      if (b->anchor != NULL && g_str_has_prefix (b->anchor, anchor_prefix))
        return gen_sample_docs[i]->id;
  return NULL;
}

/* The defects case: the answers changed so that every form and citation
 * check has one item to find, each recorded in the truth file. */
static void
plant_form_defects (Sample *s)
{
  GenAnswer *answers;
  guint n = 0;

  while (s->answers[n].no != 0)
    n++;
  answers = g_new0 (GenAnswer, n + 1);
  memcpy (answers, s->answers, n * sizeof (GenAnswer));
  gen_vary_keep (s->vary, (char *) answers);
  for (guint i = 0; i < n; i++)
    {
      GenAnswer *a = &answers[i];

      switch (a->no)
        {
        case 8:
          a->cite = NULL;
          finding (s, "CITE-MISSING", a->no, NULL, 0, 0,
                   "申請内容（従業員数）は記入されているが、添付書類等が空欄");
          break;
        case 41:
          a->cite = "当社ホームページ掲載のとおり";
          finding (s, "CITE-UNPARSED", a->no, NULL, 0, 0,
                   "添付書類等が資料を特定しない文（当社ホームページ掲載のとおり）");
          break;
        case 97:
          a->fields[0] = "ISO/IEC 27001（ISMS）認証を取得しており、同認証の審査において確認済みである。";
          finding (s, "FORM-OTHER-AUDIT-ONLY", a->no, NULL, 0, 0,
                   "ウイルス対策の内容を書かず、ISMS認証の取得のみを挙げている");
          break;
        case 102:
          a->cite = "{spec.firewall|doc} 12.4節";
          finding (s, "CITE-SECTION-NOT-FOUND", a->no, sample_doc_id ("spec."), 0, 0,
                   "資料に存在しない節（12.4節）を引用している");
          break;
        case 105:
          a->fields[0] = "Yes. Mail and downloaded files are scanned at the gateway, files on servers are "
                         "scanned in real time, and pattern files are updated within one hour.";
          finding (s, "FORM-NOT-JAPANESE", a->no, NULL, 0, 0, "申請内容が英語で書かれている");
          break;
        case 115:
          a->cite = "{spec.location|doc} p.{spec.location|page}";
          finding (s, "CITE-OUTSOURCED-SELF-EVIDENCE", a->no, sample_doc_id ("spec."), 0, 0,
                   "委託先データセンターの耐震・免震構造を、事業者自身のサービス仕様書だけで根拠づけている");
          break;
        case 130:
          a->fields[0] = "事前告知は行わない（メンテナンスは必要に応じて随時実施）";
          finding (s, "FORM-REQUIREMENT-NOT-MET", a->no, NULL, 0, 0,
                   "一定の要件（メンテナンスの事前告知）を満たしていない");
          break;
        case DEFECT_MISSING_ITEM:
          finding (s, "FORM-ITEM-MISSING", a->no, NULL, 0, 0,
                   "通番47（その他サービス）の行が申請書Bにない");
          break;
        case DEFECT_SHIFTED_ITEM:
          finding (s, "FORM-ITEM-NAME-MISMATCH", a->no, NULL, 0, 0,
                   "通番63の行に通番64の開示項目名（使用条件）が書かれている");
          break;
        default:
          break;
        }
    }
  s->answers = answers;
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

/* ---- renewal ------------------------------------------------------------
 * The same applicant two years apart: the previous submission (certified
 * on RENEWAL_CERTIFIED) and its renewal. What changed, how the renewal
 * shows it, and the renewal defects planted on purpose. */

#define RENEWAL_CERTIFIED        "2022-08-01"
#define RENEWAL_EXPIRES          "2024-07-31"
#define RENEWAL_NUMBER           "ASP-IaaS-0147-2208"
#define RENEWAL_APPLIED          "2024-07-22"     /* 9 days before expiry: late */
#define RENEWAL_APPLIED_TEXT     "2024年7月22日"
#define PREVIOUS_APPLIED_TEXT    "2022年6月10日"
#define PREVIOUS_REPRESENTATIVE  "代表取締役社長　田村 和夫"

typedef enum
{
  SHOW_KYU_SHIN,     /* （旧）…\n（新）… */
  SHOW_HENKOU,       /* 変更前：…\n変更後：… */
  SHOW_NEW_ONLY,     /* only the new content */
  SHOW_UNCHANGED,    /* not a change */
} ChangeShow;

typedef enum
{
  MARK_NONE,
  MARK_CELL_RGB,     /* the whole cell's font FFFF0000 */
  MARK_CELL_THEME,   /* the whole cell's font theme 5 (accent2), tint -0.25 */
  MARK_RUNS_RGB,     /* rich text: only the changed part red (rgb) */
  MARK_RUNS_INDEXED, /* rich text: old and new red (indexed 10), labels black */
} ChangeMark;

static const char *const show_names[] = { "kyu-shin", "henkou", "new-only", "unchanged" };
static const char *const mark_names[] = { "none", "cell-rgb", "cell-theme", "runs-rgb", "runs-indexed" };

typedef struct
{
  guint        no;
  const char  *old_fields[5];   /* NULL: unchanged */
  const char  *doc_new;         /* the evidence text now… */
  const char  *doc_old;         /* …and as it read two years ago */
  ChangeShow   show;
  ChangeMark   mark;
  const char  *evidence;        /* replaces 添付書類等, or NULL */
  const char  *code;            /* the renewal defect planted, or NULL */
  const char  *note;
} Change;

static const Change renewal_changes[] = {
  { 8, { "241名（2022年3月31日現在）" },
    "286名（正社員のみ、単体、2024年3月31日現在）", "241名（正社員のみ、単体、2022年3月31日現在）",
    SHOW_KYU_SHIN, MARK_CELL_RGB, NULL, NULL, NULL },
  { 41, { "ハイパーバイザの提供は無し（仮想マシン単位で提供）。ゲストOS：Red Hat Enterprise Linux 7/8、Ubuntu Server 20.04 LTS/22.04 LTS、Windows Server 2016/2019" },
    "Ubuntu Server\t22.04 LTS、24.04 LTS", "Ubuntu Server\t20.04 LTS、22.04 LTS",
    SHOW_HENKOU, MARK_RUNS_INDEXED, NULL, NULL, NULL },
  { 106, { "ID・パスワードによる認証（ワンタイムパスワードによる多要素認証はオプション）、SAML 2.0によるシングルサインオン" },
    "利用者の認証は、IDとパスワードに加えてワンタイムパスワードによる多要素認証を必須とする。",
    "利用者の認証は、IDとパスワードによることとし、ワンタイムパスワードによる多要素認証をオプションで提供する。",
    SHOW_KYU_SHIN, MARK_CELL_THEME, NULL, NULL, NULL },
  { 128, { "平日9:00～17:30（土日祝日、年末年始を除く）", "可（障害受付は24時間365日）" }, NULL, NULL,
    SHOW_KYU_SHIN, MARK_NONE, NULL, "RENEWAL-CHANGED-NOT-MARKED",
    "営業時間の変更を旧新並記しているが朱書きしていない" },
  { 130, { "2週間前（緊急メンテナンスを除く）", "電子メール及びサポートポータル", "有り", "可" },
    "実施日の1ヵ月前までに", "実施日の2週間前までに",
    SHOW_NEW_ONLY, MARK_RUNS_RGB, NULL, "RENEWAL-OLD-NOT-SHOWN",
    "事前告知時期の変更を朱書きしているが、変更前の内容（2週間前）を併記していない" },
  { 97, { "有り（ベンダーリリースから24時間以内に自動更新）" },
    "ベンダーのリリースから1時間以内に自動で更新する", "ベンダーのリリースから24時間以内に自動で更新する",
    SHOW_HENKOU, MARK_CELL_RGB, "前回提出資料のとおり", "RENEWAL-NO-NEW-EVIDENCE",
    "パターンファイル更新の変更に対し、添付書類等が「前回提出資料のとおり」で新しい根拠資料を示していない" },
  { 22, { NULL }, NULL, NULL, SHOW_UNCHANGED, MARK_CELL_RGB, NULL, "RENEWAL-MARKED-UNCHANGED",
    "前回から変更のない項目が朱書きされている" },
  { 0 },
};

static const Change *
change_for (Sample *s,
            guint   no)
{
  if (s->renewal == RENEWAL_NONE)
    return NULL;
  for (const Change *c = renewal_changes; c->no != 0; c++)
    if (c->no == no)
      return c;
  return NULL;
}

static char *
join_fields (const char *const *fields,
             gboolean            numbered)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  while (n < 5 && fields[n] != NULL)
    n++;
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s%s", i > 0 ? "\n" : "", numbered && n > 1 ? circled[i] : "",
                            fields[i]);
  return g_string_free (out, FALSE);
}

/* The renewal's 申請内容 cell of a changed (or wrongly marked) item;
 * returns the text as it reads. */
static char *
renewal_content_cell (GenXlsxSheet *sheet,
                      guint         row,
                      guint         col,
                      const Change *c,
                      const char   *content)
{
  g_autofree char *old = c->old_fields[0] != NULL ? join_fields (c->old_fields, TRUE) : NULL;
  const char *label_old = c->show == SHOW_HENKOU ? "変更前：" : "（旧）";
  const char *label_new = c->show == SHOW_HENKOU ? "\n変更後：" : "\n（新）";
  char *text;

  if (c->show == SHOW_KYU_SHIN || c->show == SHOW_HENKOU)
    text = g_strconcat (label_old, old, label_new, content, NULL);
  else
    text = g_strdup (content);

  switch (c->mark)
    {
    case MARK_NONE:
      gen_xlsx_set_string (sheet, row, col, text, GEN_XLSX_STYLE_CELL);
      break;
    case MARK_CELL_RGB:
      gen_xlsx_set_string (sheet, row, col, text, GEN_XLSX_STYLE_CELL_RED);
      break;
    case MARK_CELL_THEME:
      gen_xlsx_set_string (sheet, row, col, text, GEN_XLSX_STYLE_CELL_RED_THEME);
      break;
    case MARK_RUNS_INDEXED:
      {
        const GenXlsxRun runs[] = {
          { label_old, 0, FALSE },
          { old, GEN_XLSX_COLOR_INDEXED (10), FALSE },
          { label_new, 0, FALSE },
          { content, GEN_XLSX_COLOR_INDEXED (10), FALSE },
        };

        gen_xlsx_set_rich (sheet, row, col, runs, G_N_ELEMENTS (runs), GEN_XLSX_STYLE_CELL);
      }
      break;
    case MARK_RUNS_RGB:
      {
        /* only the changed sub-field (the first) red */
        const char *nl = strchr (content, '\n');
        g_autofree char *head = nl != NULL ? g_strndup (content, nl - content) : g_strdup (content);
        const GenXlsxRun runs[] = {
          { head, 0xFF0000, FALSE },
          { nl != NULL ? nl : "", 0, FALSE },
        };

        gen_xlsx_set_rich (sheet, row, col, runs, nl != NULL ? 2 : 1, GEN_XLSX_STYLE_CELL);
      }
      break;
    }
  return text;
}

static void
renewal_change_json (JsonBuilder  *b,
                     const Change *c,
                     const char   *old,
                     const char   *new_text,
                     const char   *cell)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, c->no);
  json_builder_set_member_name (b, "changed");
  json_builder_add_boolean_value (b, c->show != SHOW_UNCHANGED);
  json_builder_set_member_name (b, "old");
  json_builder_add_string_value (b, old);
  json_builder_set_member_name (b, "new");
  json_builder_add_string_value (b, new_text);
  json_builder_set_member_name (b, "cell");
  json_builder_add_string_value (b, cell);
  json_builder_set_member_name (b, "shown");
  json_builder_add_string_value (b, show_names[c->show]);
  json_builder_set_member_name (b, "marked");
  json_builder_add_boolean_value (b, c->mark != MARK_NONE);
  json_builder_set_member_name (b, "mark");
  json_builder_add_string_value (b, mark_names[c->mark]);
  json_builder_end_object (b);
}

/* The forms of the two submissions: the previous one a new application
 * with the old answers and the old representative, the renewal one late
 * (9 days before expiry), without the certification-mark declaration and
 * without a new registry certificate though the representative changed. */
static void
renewal_setup (Sample *s)
{
  s->company_buf = *s->company;
  s->company = &s->company_buf;
  if (s->renewal == RENEWAL_PREVIOUS)
    {
      GenAnswer *answers;
      guint n = 0;

      while (s->answers[n].no != 0)
        n++;
      answers = g_new0 (GenAnswer, n + 1);
      memcpy (answers, s->answers, n * sizeof (GenAnswer));
      gen_vary_keep (s->vary, (char *) answers);
      for (guint i = 0; i < n; i++)
        for (const Change *c = renewal_changes; c->no != 0; c++)
          if (c->no == answers[i].no && c->old_fields[0] != NULL)
            for (guint f = 0; f < G_N_ELEMENTS (answers[i].fields); f++)
              answers[i].fields[f] = c->old_fields[f];
      s->answers = answers;
      s->company_buf.application = "新規";
      s->company_buf.application_date = PREVIOUS_APPLIED_TEXT;
      s->company_buf.form_date_iso = "2022-06-09T16:20:00Z";
      s->company_buf.representative = PREVIOUS_REPRESENTATIVE;
      return;
    }
  s->company_buf.application = "更新";
  s->company_buf.application_date = RENEWAL_APPLIED_TEXT;
  s->company_buf.form_date_iso = "2024-07-19T18:05:00Z";
  finding (s, "RENEWAL-OUT-OF-WINDOW", 0, NULL, 0, 0,
           "申請日（" RENEWAL_APPLIED "）が有効期限（" RENEWAL_EXPIRES "）の60日前から30日前までの間にない");
  finding (s, "RENEWAL-MARK-DECLARATION-MISSING", 0, NULL, 0, 0,
           "認定マークの適正使用に関する自己宣誓書が提出されていない");
  finding (s, "RENEWAL-REGISTRY-NOT-RESUBMITTED", 0, sample_doc_id ("reg."), 0, 0,
           "代表者が変わった（" PREVIOUS_REPRESENTATIVE " → 申請書Aの代表者）のに、登記事項証明書は前回と同じもの");
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

/* The 記述内容 cell: field `only` (0-based) or all of them (-1), with the
 * form's own red note on 一定の要件 items after the last. */
static void
fields_cell (GenXlsxSheet  *sheet,
             guint          row,
             guint          col,
             const GenItem *item,
             int            only)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_strv_length (item->fields);
  gboolean last = only < 0 || only == (int) n - 1;

  for (guint i = 0; i < n; i++)
    {
      if (only >= 0 && (int) i != only)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (n > 1)
        g_string_append_printf (text, "【記述内容%u】", i + 1);
      g_string_append (text, item->fields[i]);
    }
  if (last && item->requirement != NULL && item->requirement[0] != '\0')
    {
      g_autofree char *note = g_strdup_printf ("\n※一定の要件：%s", item->requirement);
      GenXlsxRun runs[] = {
        { text->str, 0, FALSE },
        { note, 0xFF0000, TRUE },
      };

      gen_xlsx_set_rich (sheet, row, col, runs, G_N_ELEMENTS (runs), GEN_XLSX_STYLE_SMALL_CELL);
    }
  else
    gen_xlsx_set_string (sheet, row, col, text->str, GEN_XLSX_STYLE_SMALL_CELL);
}

static void
text_or_blank (GenXlsxSheet *sheet,
               guint         row,
               guint         col,
               const char   *text,
               GenXlsxStyle  style)
{
  if (text != NULL && text[0] != '\0')
    gen_xlsx_set_string (sheet, row, col, text, style);
  else
    gen_xlsx_set_blank (sheet, row, col, style);
}

/* One value spanning rows first..last of a column: written in the first,
 * the cells below kept blank with the same borders, merged. */
static void
merged_down (GenXlsxSheet *sheet,
             guint         first,
             guint         last,
             guint         col,
             const char   *text,
             GenXlsxStyle  style)
{
  text_or_blank (sheet, first, col, text, style);
  for (guint r = first + 1; r <= last; r++)
    gen_xlsx_set_blank (sheet, r, col, style);
  if (last > first)
    gen_xlsx_merge (sheet, first, col, last, col);
}

static gboolean
build_form_b (Sample   *s,
              GBytes  **xlsx,
              GError  **error)
{
  const GenCompany *co = s->company;
  g_autoptr(GenXlsx) book = gen_xlsx_new (co->contact_name, co->form_date_iso);
  GenXlsxSheet *sheet = gen_xlsx_add_sheet (book, "申請書B");
  const FormLayout *l = &s->layout;
  const char *section = NULL;
  guint row = 1;
  const GenXlsxRun notice[] = {
    { "記入上の注意：", 0, TRUE },
    { "「申請内容」欄の記述は、認定後、認定機関のホームページにそのまま公表されます。", 0xFF0000, FALSE },
    { "「添付書類等」欄には、申請内容の根拠となる資料の番号と該当箇所（頁、章、節、条項等）を記入してください。",
      0, FALSE },
  };

  for (guint c = 1; c <= l->n_cols; c++)
    gen_xlsx_set_col_width (sheet, c, role_widths[l->roles[c - 1]]);

  if (l->title)
    {
      gen_xlsx_set_string (sheet, row, 1,
                           "ＩａａＳ・ＰａａＳ（ＩｏＴクラウドサービス）の安全・信頼性に係る情報開示認定制度　申請書Ｂ（情報開示項目）",
                           GEN_XLSX_STYLE_TITLE);
      gen_xlsx_merge (sheet, row, 1, row, l->n_cols);
      gen_xlsx_set_row_height (sheet, row, 24);
      row++;
    }
  if (l->notice)
    {
      gen_xlsx_set_rich (sheet, row, 1, notice, G_N_ELEMENTS (notice), GEN_XLSX_STYLE_NOTE);
      gen_xlsx_merge (sheet, row, 1, row, l->n_cols);
      gen_xlsx_set_row_height (sheet, row, 30);
      row++;
    }
  if (l->who)
    {
      g_autofree char *who = g_strdup_printf ("事業者名：%s　　サービス名称：%s　　記入日：%s",
                                              co->name, co->service, co->application_date);

      gen_xlsx_set_string (sheet, row, 1, who, GEN_XLSX_STYLE_DEFAULT);
      gen_xlsx_merge (sheet, row, 1, row, l->n_cols);
      gen_xlsx_set_row_height (sheet, row, 18);
      row++;
    }
  row += l->blank_rows;
  g_assert (row == l->header_row);
  for (guint c = 1; c <= l->n_cols; c++)
    gen_xlsx_set_string (sheet, row, c, l->labels[l->roles[c - 1]], GEN_XLSX_STYLE_HEADER);
  gen_xlsx_set_row_height (sheet, row, 30);
  gen_xlsx_freeze_rows (sheet, row);
  gen_xlsx_set_print (sheet, TRUE, row);

  row++;
  for (guint i = 0; i < s->catalogue->len; i++)
    {
      const GenItem *item = g_ptr_array_index (s->catalogue, i);
      const GenAnswer *answer = answer_for (s, item->no);
      g_autoptr(GPtrArray) citations = g_ptr_array_new_with_free_func (citation_free);
      g_auto(GStrv) fields = NULL;
      g_autofree char *content = NULL;
      g_autofree char *evidence = NULL;
      guint n_fields = g_strv_length (item->fields);
      guint n_rows = l->subrows && n_fields > 1 && l->col[ROLE_FIELDS] != 0 ? n_fields : 1;
      guint first = 0;
      const Change *change = change_for (s, item->no);
      g_autofree char *cell_text = NULL;

      if (answer == NULL)
        {
          g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT, "no answer for item %u", item->no);
          return FALSE;
        }
      if (s->defects && item->no == DEFECT_MISSING_ITEM)
        continue;
      if (l->sections && (section == NULL || strcmp (section, item->section) != 0))
        {
          section = item->section;
          gen_xlsx_set_string (sheet, row, 1, section, GEN_XLSX_STYLE_SECTION);
          for (guint c = 2; c <= l->n_cols; c++)
            gen_xlsx_set_blank (sheet, row, c, GEN_XLSX_STYLE_SECTION);
          gen_xlsx_merge (sheet, row, 1, row, l->n_cols);
          gen_xlsx_set_row_height (sheet, row, 18);
          row++;
        }

      content = content_text (s, answer, n_rows == 1, &fields, error);
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
          g_autofree char *cite = extra_citations (s, item->no, alternatives[pick]);
          g_autofree char *styled = restyle_citation (s, cite, &rng);

          evidence = expand_template (s, styled, citations, error);
          if (evidence == NULL)
            {
              g_prefix_error (error, "item %u: ", item->no);
              return FALSE;
            }
        }
      else
        evidence = g_strdup ("");
      if (change != NULL && change->evidence != NULL && s->renewal == RENEWAL_CURRENT)
        {
          g_free (evidence);
          evidence = g_strdup (change->evidence);
          g_ptr_array_set_size (citations, 0);
        }
      if (!record_plant (s, answer, citations, error))
        return FALSE;
      /* Two years ago 資料6 6.1 said 24時間 (item 97's change), and item 105,
       * citing the same paragraph, already said 1時間: the previous form
       * contradicts its own evidence there, and crossref rightly says so. */
      if (s->renewal == RENEWAL_PREVIOUS && answer->no == 105)
        {
          GenAnchorInfo info;
          GenDoc *doc = find_doc_by_anchor (s, "ops.virus_text", &info);

          if (doc != NULL)
            finding (s, "CITE-WEAK-SUPPORT", answer->no, gen_doc_get_spec (doc)->id, info.page,
                     info.number, "前回の申請内容（パターンファイルは1時間以内に更新）が、引用先の前回の資料6（24時間以内）と食い違っている");
        }

      first = row;
      for (guint sub = 0; sub < n_rows; sub++, row++)
        {
          double h = 0;

          for (guint c = 1; c <= l->n_cols; c++)
            {
              Role role = l->roles[c - 1];
              double w = role_widths[role];
              const char *text = NULL;

              switch (role)
                {
                case ROLE_NO:
                  if (sub == 0)
                    {
                      gen_xlsx_set_number (sheet, row, c, item->no, GEN_XLSX_STYLE_CELL_CENTER);
                      for (guint r = row + 1; r < first + n_rows; r++)
                        gen_xlsx_set_blank (sheet, r, c, GEN_XLSX_STYLE_CELL_CENTER);
                      if (n_rows > 1)
                        gen_xlsx_merge (sheet, row, c, first + n_rows - 1, c);
                    }
                  break;
                case ROLE_ITEM:
                  text = item->item;
                  /* rows shifted: the next item's name beside this 通番 */
                  if (s->defects && item->no == DEFECT_SHIFTED_ITEM && i + 1 < s->catalogue->len)
                    text = ((const GenItem *) g_ptr_array_index (s->catalogue, i + 1))->item;
                  if (sub == 0)
                    merged_down (sheet, row, first + n_rows - 1, c, text, GEN_XLSX_STYLE_CELL);
                  break;
                case ROLE_CLASS:
                  if (sub == 0)
                    merged_down (sheet, row, first + n_rows - 1, c, class_label (item),
                                 GEN_XLSX_STYLE_CELL_CENTER);
                  break;
                case ROLE_FIELDS:
                  fields_cell (sheet, row, c, item, n_rows > 1 ? (int) sub : -1);
                  {
                    g_autoptr(GString) t = g_string_new (NULL);

                    for (guint f = 0; item->fields[f] != NULL; f++)
                      if (n_rows == 1 || f == sub)
                        g_string_append_printf (t, "%s【記述内容%u】%s", t->len > 0 ? "\n" : "",
                                                f + 1, item->fields[f]);
                    if (item->requirement[0] != '\0' && (n_rows == 1 || sub == n_rows - 1))
                      g_string_append_printf (t, "\n※一定の要件：%s", item->requirement);
                    h = MAX (h, gen_xlsx_text_height (t->str, w, 9));
                  }
                  break;
                case ROLE_CONTENT:
                  text = n_rows > 1 ? fields[sub] : content;
                  if (change != NULL && s->renewal == RENEWAL_CURRENT)
                    {
                      g_autofree char *old = change->old_fields[0] != NULL
                                             ? join_fields (change->old_fields, TRUE) : g_strdup (content);

                      g_free (cell_text);
                      cell_text = renewal_content_cell (sheet, row, c, change, content);
                      text = cell_text;
                      renewal_change_json (s->truth_changes, change, old, content, cell_text);
                      if (change->code != NULL)
                        finding (s, change->code, item->no, NULL, 0, 0, change->note);
                    }
                  else
                    text_or_blank (sheet, row, c, text, GEN_XLSX_STYLE_CELL);
                  break;
                case ROLE_EVIDENCE:
                  if (sub == 0)
                    merged_down (sheet, row, first + n_rows - 1, c, evidence, GEN_XLSX_STYLE_CELL);
                  text = n_rows > 1 ? NULL : evidence;
                  break;
                case ROLE_REMARKS:
                  if (sub == 0)
                    merged_down (sheet, row, first + n_rows - 1, c, NULL, GEN_XLSX_STYLE_CELL);
                  break;
                case N_ROLES:
                  break;
                }
              if (text != NULL && role != ROLE_FIELDS)
                h = MAX (h, gen_xlsx_text_height (text, w, 10));
            }
          if (l->col[ROLE_FIELDS] == 0)
            h = MAX (h, gen_xlsx_text_height (content, role_widths[ROLE_CONTENT], 10));
          gen_xlsx_set_row_height (sheet, row, MIN (h, 409));
        }

      /* truth: the item as the form states it */
      json_builder_begin_object (s->truth_items);
      json_builder_set_member_name (s->truth_items, "no");
      json_builder_add_int_value (s->truth_items, item->no);
      json_builder_set_member_name (s->truth_items, "row");
      json_builder_add_int_value (s->truth_items, first);
      json_builder_set_member_name (s->truth_items, "last_row");
      json_builder_add_int_value (s->truth_items, row - 1);
      json_builder_set_member_name (s->truth_items, "content");
      json_builder_add_string_value (s->truth_items, cell_text != NULL ? cell_text : content);
      json_builder_set_member_name (s->truth_items, "fields");
      json_builder_begin_array (s->truth_items);
      for (guint f = 0; fields[f] != NULL; f++)
        json_builder_add_string_value (s->truth_items, fields[f]);
      json_builder_end_array (s->truth_items);
      json_builder_set_member_name (s->truth_items, "evidence");
      json_builder_add_string_value (s->truth_items, evidence);
      json_builder_set_member_name (s->truth_items, "citations");
      json_builder_begin_array (s->truth_items);
      for (guint c = 0; c < citations->len; c++)
        citation_to_json (s->truth_items, g_ptr_array_index (citations, c));
      json_builder_end_array (s->truth_items);
      json_builder_end_object (s->truth_items);
    }

  *xlsx = gen_xlsx_to_bytes (book, error);
  return *xlsx != NULL;
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

/* The bytes of a CSV file in its encoding: UTF-8 (with the BOM Excel
 * writes) or CP932, as Japanese Excel saves "CSV (コンマ区切り)". */
static GBytes *
csv_bytes (GString    *utf8,
           TableFormat format,
           GError    **error)
{
  g_autofree char *text = g_string_free (utf8, FALSE);
  gsize len = 0;
  char *converted;

  if (format != TABLE_CSV_CP932)
    return g_bytes_new (text, strlen (text));
  converted = g_convert (text, -1, "CP932", "UTF-8", NULL, &len, error);
  if (converted == NULL)
    return NULL;
  return g_bytes_new_take (converted, len);
}

static GBytes *
build_form_a (Sample  *s,
              GError **error)
{
  const GenCompany *co = s->company;
  g_autoptr(GenXlsx) book = gen_xlsx_new (co->contact_name, co->form_date_iso);
  GenXlsxSheet *sheet = gen_xlsx_add_sheet (book, "申請書A");
  g_autofree char *address = g_strdup_printf ("〒%s\n%s", co->postcode, co->address);
  g_autofree char *contact = g_strdup_printf ("%s\n%s\nTEL：%s\nE-mail：%s", co->contact_dept,
                                              co->contact_name, co->contact_phone,
                                              co->contact_mail);
  const char *rows[][2] = {
    { "申請区分", co->application },
    { "認定番号", s->renewal == RENEWAL_CURRENT ? RENEWAL_NUMBER : NULL },
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

  if (s->form_a_format != TABLE_XLSX)
    {
      GString *out = g_string_new (s->form_a_format == TABLE_CSV_UTF8 ? "\xEF\xBB\xBF" : "");

      g_string_append (out, "項目,内容\r\n");
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          if (rows[i][1] == NULL)
            continue;
          csv_field (out, rows[i][0]);
          g_string_append_c (out, ',');
          csv_field (out, rows[i][1]);
          g_string_append (out, "\r\n");
        }
      return csv_bytes (out, s->form_a_format, error);
    }
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
      if (rows[i][1] == NULL)
        {
          row--;
          continue;
        }
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


static GBytes *
build_inventory (Sample  *s,
                 GError **error)
{
  if (s->inventory_format == TABLE_XLSX)
    {
      const GenCompany *co = s->company;
      g_autoptr(GenXlsx) book = gen_xlsx_new (co->contact_name, co->form_date_iso);
      GenXlsxSheet *sheet = gen_xlsx_add_sheet (book, "資料内訳書");
      g_autofree char *who = g_strdup_printf ("事業者名：%s　　サービス名称：%s", co->name,
                                              co->service);
      static const char *const headers[] = { "資料番号", "資料名称", "ファイル名", "備考" };
      guint row = 4;

      gen_xlsx_set_col_width (sheet, 1, 11);
      gen_xlsx_set_col_width (sheet, 2, 40);
      gen_xlsx_set_col_width (sheet, 3, 44);
      gen_xlsx_set_col_width (sheet, 4, 16);
      gen_xlsx_set_string (sheet, 1, 1, "提出書類及び資料内訳書", GEN_XLSX_STYLE_TITLE);
      gen_xlsx_merge (sheet, 1, 1, 1, 4);
      gen_xlsx_set_row_height (sheet, 1, 24);
      gen_xlsx_set_string (sheet, 2, 1, who, GEN_XLSX_STYLE_DEFAULT);
      gen_xlsx_merge (sheet, 2, 1, 2, 4);
      for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
        gen_xlsx_set_string (sheet, 3, c + 1, headers[c], GEN_XLSX_STYLE_HEADER);
      for (guint i = 0; i < s->docs->len; i++)
        {
          GenDoc *doc = g_ptr_array_index (s->docs, i);
          const GenDocSpec *spec = gen_doc_get_spec (doc);
          g_autofree char *pages = g_strdup_printf ("%u頁", gen_doc_get_n_pages (doc));

          if (g_array_index (s->outs, DocOut, i).unlisted)
            continue;
          gen_xlsx_set_string (sheet, row, 1, spec->id, GEN_XLSX_STYLE_CELL_CENTER);
          gen_xlsx_set_string (sheet, row, 2, spec->title, GEN_XLSX_STYLE_CELL);
          gen_xlsx_set_string (sheet, row, 3, spec->filename, GEN_XLSX_STYLE_CELL);
          gen_xlsx_set_string (sheet, row, 4, pages, GEN_XLSX_STYLE_CELL_CENTER);
          gen_xlsx_set_row_height (sheet, row, 20);
          row++;
        }
      if (s->listed_only[0] != NULL)
        {
          gen_xlsx_set_string (sheet, row, 1, s->listed_only[0], GEN_XLSX_STYLE_CELL_CENTER);
          gen_xlsx_set_string (sheet, row, 2, s->listed_only[1], GEN_XLSX_STYLE_CELL);
          gen_xlsx_set_string (sheet, row, 3, s->listed_only[2], GEN_XLSX_STYLE_CELL);
          gen_xlsx_set_blank (sheet, row, 4, GEN_XLSX_STYLE_CELL_CENTER);
          gen_xlsx_set_row_height (sheet, row, 20);
        }
      gen_xlsx_freeze_rows (sheet, 3);
      gen_xlsx_set_print (sheet, FALSE, 3);
      return gen_xlsx_to_bytes (book, error);
    }
  else
    {
      GString *out = g_string_new (s->inventory_format == TABLE_CSV_UTF8 ? "\xEF\xBB\xBF" : "");

      g_string_append (out, "資料番号,資料名称,ファイル名\r\n");
      for (guint i = 0; i < s->docs->len; i++)
        {
          const GenDocSpec *spec = gen_doc_get_spec (g_ptr_array_index (s->docs, i));

          if (g_array_index (s->outs, DocOut, i).unlisted)
            continue;
          csv_field (out, spec->id);
          g_string_append_c (out, ',');
          csv_field (out, spec->title);
          g_string_append_c (out, ',');
          csv_field (out, spec->filename);
          g_string_append (out, "\r\n");
        }
      if (s->listed_only[0] != NULL)
        {
          for (guint k = 0; k < 3; k++)
            {
              if (k > 0)
                g_string_append_c (out, ',');
              csv_field (out, s->listed_only[k]);
            }
          g_string_append (out, "\r\n");
        }
      return csv_bytes (out, s->inventory_format, error);
    }
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
      const DocOut *o = &g_array_index (s->outs, DocOut, i);
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
      json_builder_add_string_value (b, o->source);
      json_builder_set_member_name (b, "media_type");
      json_builder_add_string_value (b, o->media_type);
      if (strcmp (o->source, "pdf-text") != 0)
        {
          json_builder_set_member_name (b, "image");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "dpi");
          json_builder_add_int_value (b, strcmp (o->source, "photo") == 0 ? 72 : o->scan.dpi);
          json_builder_set_member_name (b, "colour");
          json_builder_add_boolean_value (b, o->scan.colour);
          json_builder_end_object (b);
        }
      if (spec->web)
        {
          json_builder_set_member_name (b, "web");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "url");
          if (spec->web_url != NULL)
            json_builder_add_string_value (b, spec->web_url);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "date");
          if (spec->web_date != NULL)
            json_builder_add_string_value (b, spec->web_date);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
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
          /* a greyscale scan has no red left */
          gen_truth_page_text (b, doc, p, strcmp (o->source, "pdf-text") != 0,
                               strcmp (o->source, "pdf-text") != 0 && !o->scan.colour
                               ? GEN_INK_GREY : GEN_INK_COLOUR);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
table_file_to_json (JsonBuilder *b,
                    const char  *member,
                    const char  *path,
                    TableFormat  format)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, table_format_names[format][0]);
  if (table_format_names[format][1] != NULL)
    {
      json_builder_set_member_name (b, "encoding");
      json_builder_add_string_value (b, table_format_names[format][1]);
    }
  json_builder_end_object (b);
}

static gboolean
write_scanned (Sample       *s,
               GenDoc       *doc,
               const char   *out_dir,
               GenRng       *rng,
               DocOut       *o,
               GError      **error)
{
  const GenDocSpec *spec = gen_doc_get_spec (doc);
  g_autofree char *path = g_build_filename (out_dir, spec->filename, NULL);

  if (g_str_has_suffix (spec->filename, ".tif"))
    {
      guint n = gen_doc_get_n_pages (doc);
      g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
      int width = 0, height = 0;

      for (guint p = 1; p <= n; p++)
        {
          g_autofree char *label = g_strdup_printf ("tiff-page-%u", p);
          GenRng page_rng = gen_rng_fork (rng, label);
          cairo_surface_t *image = gen_doc_render_image (doc, p, o->scan.dpi);

          width = cairo_image_surface_get_width (image);
          height = cairo_image_surface_get_height (image);
          g_ptr_array_add (pages, gen_scan_simulate_full (image, &page_rng, FALSE,
                                                          o->scan.max_angle, FALSE));
          cairo_surface_destroy (image);
        }
      o->media_type = "image/tiff";
      return gen_tiff_write_grey (path, (guint8 *const *) pages->pdata, n, width, height,
                                  o->scan.dpi, error);
    }
  else
    {
      g_autoptr(GBytes) pdf = gen_scan_doc_pdf_full (doc, rng, &o->scan, error);

      return pdf != NULL && gen_output_write_bytes (out_dir, spec->filename, pdf, error);
    }
}

static void
make_pdf_id (guint64     seed,
             const char *name,
             guint8      id[16])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_MD5);
  g_autofree char *text = g_strdup_printf ("shinsa-gen:%" G_GUINT64_FORMAT ":%s", seed, name);
  gsize len = 16;

  g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_get_digest (sum, id, &len);
}

/* The defects case's broken files: a password-protected contract and a
 * ledger cut off in transfer, each named (without a page) by one item so
 * neither is also uncited; and a 資料内訳書 row for a file never sent. */
static gboolean
write_defect_documents (Sample     *s,
                        const char *out_dir,
                        guint       next_no,
                        GError    **error)
{
  const GenDocSpec *bases[] = { &gen_extra_contract_spec, &gen_extra_ledger_spec };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      GenDocSpec *spec = gen_vary_doc_copy (s->vary, bases[i]);
      DocOut o = { "pdf-text", "application/pdf", GEN_SCAN_PARAMS_DEFAULT, -1, FALSE, "ok" };
      g_autoptr(GBytes) pdf = NULL;
      g_autoptr(GBytes) out = NULL;
      GenDoc *doc;

      spec->id = gen_vary_keep (s->vary, g_strdup_printf ("資料%u", next_no));
      spec->filename = gen_vary_keep (s->vary, g_strdup_printf ("資料%u_%s", next_no,
                                                                  spec->filename));
      next_no++;
      doc = gen_doc_new (spec);
      pdf = gen_doc_pdf_bytes (doc, error);
      if (pdf == NULL)
        {
          gen_doc_free (doc);
          return FALSE;
        }
      if (i == 0)
        {
          guint8 id[16];

          make_pdf_id (0, spec->filename, id);
          out = gen_pdf_encrypt (pdf, "shinsa", "shinsa-owner", id, error);
          if (out == NULL)
            {
              gen_doc_free (doc);
              return FALSE;
            }
          o.status = "encrypted";
          finding (s, "DOC-ENCRYPTED", 0, spec->id, 0, 0,
                   "パスワード（利用者パスワード \"shinsa\"）付きのPDFで、開けない");
        }
      else
        {
          gsize len;
          const guint8 *data = g_bytes_get_data (pdf, &len);

          out = g_bytes_new (data, len * 2 / 5);
          o.status = "unreadable";
          finding (s, "DOC-UNREADABLE", 0, spec->id, 0, 0,
                   "ファイルが途中で切れている（先頭40%のみ、xrefもtrailerもない）");
        }
      g_ptr_array_add (s->docs, doc);
      g_array_append_val (s->outs, o);
      if (!gen_output_write_bytes (out_dir, spec->filename, out, error))
        return FALSE;
    }
  s->listed_only[0] = g_strdup_printf ("資料%u", next_no);
  s->listed_only[1] = g_strdup ("委託先監査報告書");
  s->listed_only[2] = g_strdup_printf ("資料%u_委託先監査報告書.pdf", next_no);
  finding (s, "INVENTORY-FILE-MISSING", 0, s->listed_only[0], 0, 0,
           "資料内訳書に記載された資料のファイルが提出されていない");
  return TRUE;
}

/* The evidence: the sample's documents (their scanned ones scanned as this
 * office's scanner was set), then the documents this applicant adds. */
static gboolean
write_documents (Sample     *s,
                 const char *out_dir,
                 GError    **error)
{
  GenRng choice = gen_rng_fork (&s->root, "documents");
  guint next_no = 9;       /* 資料8 is cited but missing (a planted defect) */

  for (guint i = 0; gen_sample_docs[i] != NULL; i++)
    {
      const GenDocSpec *base = gen_sample_docs[i];
      GenRng rng = gen_rng_fork (&s->root, base->filename);
      DocOut o = { "pdf-text", "application/pdf", GEN_SCAN_PARAMS_DEFAULT, -1, FALSE, "ok" };
      GenDoc *doc;

      if (base->scanned)
        o.source = "scan";
      if (s->renewal == RENEWAL_PREVIOUS && base->edition != NULL
          && g_str_has_prefix (base->title, "情報セキュリティ基本方針"))
        {
          /* the edition in force two years ago, replaced since */
          GenDocSpec *spec = gen_vary_doc_copy (s->vary, base);
          g_autofree char *path = g_build_filename (out_dir, spec->filename, NULL);

          spec->edition = "第4版";
          spec->date_text = "2022年4月1日 改定";
          spec->pdf_date = "2022-04-01T10:00:00+09:00";
          doc = gen_doc_new (spec);
          g_ptr_array_add (s->docs, doc);
          g_array_append_val (s->outs, o);
          if (!gen_doc_write_pdf (doc, path, &rng, error))
            return FALSE;
          continue;
        }
      if (s->sla_annex && strcmp (base->id, "資料5") == 0)
        {
          GenDocSpec *spec = gen_vary_doc_copy (s->vary, base);
          g_autofree char *path = NULL;

          spec->id = "別紙2";
          path = g_build_filename (out_dir, spec->filename, NULL);
          doc = gen_doc_new (spec);
          g_ptr_array_add (s->docs, doc);
          g_array_append_val (s->outs, o);
          if (!gen_doc_write_pdf (doc, path, &rng, error))
            return FALSE;
          continue;
        }
      if (s->reference || !base->scanned)
        {
          const GenDocSpec *spec = gen_vary_doc (s->vary, base);
          g_autofree char *path = g_build_filename (out_dir, spec->filename, NULL);

          doc = gen_doc_new (spec);
          g_ptr_array_add (s->docs, doc);
          g_array_append_val (s->outs, o);
          if (!gen_doc_write_pdf (doc, path, &rng, error))
            return FALSE;
          continue;
        }

      /* scanned: greyscale or colour, 200 or 300 dpi, askew up to 2°; the
       * long one sometimes as a multi-page TIFF */
      {
        GenDocSpec *spec = gen_vary_doc_copy (s->vary, base);

        o.scan.max_angle = 2.0;
        o.scan.colour = gen_rng_range (&choice, 3) == 0;
        o.scan.dpi = gen_rng_range (&choice, 3) == 0 ? 300 : 200;
        o.scan.quality = o.scan.dpi == 300 ? 62 : 75;
        if (gen_doc_get_n_pages (doc = gen_doc_new (spec)) > 2 && gen_rng_range (&choice, 3) == 0)
          {
            g_autofree char *stem = g_strndup (spec->filename, strlen (spec->filename) - 4);

            gen_doc_free (doc);
            spec->filename = gen_vary_keep (s->vary, g_strconcat (stem, ".tif", NULL));
            o.scan.colour = FALSE;
            o.scan.dpi = 200;
            doc = gen_doc_new (spec);
          }
        g_ptr_array_add (s->docs, doc);
        g_array_append_val (s->outs, o);
        if (!write_scanned (s, doc, out_dir, &rng,
                            &g_array_index (s->outs, DocOut, s->outs->len - 1), error))
          return FALSE;
      }
    }

  if (s->reference)
    return TRUE;
  for (guint e = 0; gen_extra_docs[e].spec != NULL; e++)
    {
      static const guint percent[] = { 70, 60, 35, 50, 50 };
      const GenExtraDoc *extra = &gen_extra_docs[e];
      GenDocSpec *spec;
      GenRng rng;
      DocOut o = { "pdf-text", "application/pdf", GEN_SCAN_PARAMS_DEFAULT, (int) e, FALSE, "ok" };
      GenDoc *doc;

      if (gen_rng_range (&choice, 100) >= percent[MIN (e, G_N_ELEMENTS (percent) - 1)]
          && !s->defects)
        continue;
      if (s->renewal != RENEWAL_NONE && extra->kind == GEN_EXTRA_VERTICAL)
        continue;
      spec = gen_vary_doc_copy (s->vary, extra->spec);
      spec->id = gen_vary_keep (s->vary, g_strdup_printf ("資料%u", next_no));
      spec->filename = gen_vary_keep (s->vary, g_strdup_printf ("資料%u_%s", next_no,
                                                                  spec->filename));
      next_no++;
      rng = gen_rng_fork (&s->root, spec->filename);
      doc = gen_doc_new (spec);
      if (extra->kind == GEN_EXTRA_PHOTO)
        {
          g_autoptr(GBytes) jpeg = gen_photo_page_jpeg (doc, 1, &rng, error);

          o.source = "photo";
          o.media_type = "image/jpeg";
          o.scan.colour = TRUE;
          if (s->defects)
            {
              o.unlisted = TRUE;
              finding (s, "DOC-NOT-IN-INVENTORY", 0, spec->id, 0, 0,
                       "提出されたファイルが資料内訳書に記載されていない");
            }
          g_ptr_array_add (s->docs, doc);
          g_array_append_val (s->outs, o);
          if (jpeg == NULL || !gen_output_write_bytes (out_dir, spec->filename, jpeg, error))
            return FALSE;
          continue;
        }
      if (extra->kind == GEN_EXTRA_VERTICAL && s->seed % 2 == 0)
        {
          /* printed, signed and scanned: the vertical page as an image only,
           * greyscale or colour, 200 or 300 dpi, askew */
          GenRng how = gen_rng_fork (&s->root, "vertical-scan");

          o.source = "scan";
          o.scan.max_angle = 2.0;
          o.scan.colour = gen_rng_range (&how, 2) == 0;
          o.scan.dpi = gen_rng_range (&how, 2) == 0 ? 300 : 200;
          o.scan.quality = o.scan.dpi == 300 ? 62 : 75;
          g_ptr_array_add (s->docs, doc);
          g_array_append_val (s->outs, o);
          if (!write_scanned (s, doc, out_dir, &rng,
                              &g_array_index (s->outs, DocOut, s->outs->len - 1), error))
            return FALSE;
        }
      else
        {
          g_autoptr(GBytes) pdf = NULL;

          g_ptr_array_add (s->docs, doc);
          g_array_append_val (s->outs, o);
          pdf = gen_doc_pdf_bytes (doc, error);
          if (pdf == NULL || !gen_output_write_bytes (out_dir, spec->filename, pdf, error))
            return FALSE;
        }
      if (extra->kind == GEN_EXTRA_WEB_NO_URL)
        finding (s, "DOC-WEB-NO-URL-DATE", 0, spec->id, 0, 0,
                 "Webページの写しにURLと取得日が印字されていない");
      if (extra->cite_item == 0)
        finding (s, "DOC-UNCITED", 0, spec->id, 0, 0, "どの開示項目の添付書類等にも挙げられていない");
    }
  if (s->defects)
    return write_defect_documents (s, out_dir, next_no, error);
  return TRUE;
}

/* ---- the paper-only renewal ----------------------------------------------
 * The renewal's forms as they arrive when the applicant sends paper only:
 * 申請書A and 申請書B printed, the changed items written in red ink, and
 * scanned in colour by the office. */

static void
paper_doc_json (JsonBuilder         *b,
                GenDoc              *doc,
                const char          *id,
                const char          *role,
                const GenScanParams *scan)
{
  const GenDocSpec *spec = gen_doc_get_spec (doc);

  json_builder_begin_object (b);
  if (spec->landscape)
    {
      /* the new application's paper 申請書B stands in for the workbook */
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, "scan");
      json_builder_set_member_name (b, "orientation");
      json_builder_add_string_value (b, "landscape");
      json_builder_set_member_name (b, "header_repeated");
      json_builder_add_boolean_value (b, spec->repeat_header);
    }
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, spec->title);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, spec->filename);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, role);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, "scan");
  json_builder_set_member_name (b, "media_type");
  json_builder_add_string_value (b, "application/pdf");
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, gen_doc_get_n_pages (doc));
  json_builder_set_member_name (b, "image");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "dpi");
  json_builder_add_int_value (b, scan->dpi);
  json_builder_set_member_name (b, "colour");
  json_builder_add_boolean_value (b, scan->colour);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "page_list");
  json_builder_begin_array (b);
  for (guint p = 1; p <= gen_doc_get_n_pages (doc); p++)
    {
      const char *folio = gen_doc_page_folio (doc, p);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "page");
      json_builder_add_int_value (b, p);
      json_builder_set_member_name (b, "folio");
      if (folio != NULL)
        json_builder_add_string_value (b, folio);
      else
        json_builder_add_null_value (b);
      /* a greyscale scan has no red left */
      gen_truth_page_text (b, doc, p, TRUE, scan->colour ? GEN_INK_COLOUR : GEN_INK_GREY);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static char *
cell_text (const char *text)
{
  g_autofree char *t = g_strdup (text != NULL ? text : "");

  /* tabs and newlines are the table's own separators */
  g_strdelimit (t, "\t", ' ');
  g_strdelimit (t, "\n", '\r');
  return g_steal_pointer (&t);
}

static const char *
keep_text (GPtrArray *texts,
           char      *text)
{
  g_ptr_array_add (texts, text);
  return text;
}

/* form_b_only: the new application's 申請書B alone, printed A4 landscape
 * with the header row on every page, scanned in greyscale or colour into
 * paper_dir (the submission) */
static gboolean
write_paper_forms (Sample      *s,
                   JsonNode    *items,
                   const char  *paper_dir,
                   JsonBuilder *b,
                   gboolean     form_b_only,
                   GError     **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) blocks_b = g_array_new (TRUE, TRUE, sizeof (GenBlock));
  g_autoptr(GArray) blocks_a = g_array_new (TRUE, TRUE, sizeof (GenBlock));
  JsonArray *list = json_node_get_array (items);
  const GenCompany *co = s->company;
  GenDocSpec spec_b = {
    .id = "申請書B", .title = "申請書Ｂ（情報開示項目）", .filename = "申請書B.pdf",
    .pdf_date = "2024-07-22T09:30:00+09:00", .folio = GEN_FOLIO_FRACTION,
  };
  GenDocSpec spec_a = {
    .id = "申請書A", .title = "申請書Ａ（フェースシート）", .filename = "申請書A.pdf",
    .pdf_date = "2024-07-22T09:30:00+09:00", .folio = GEN_FOLIO_NONE,
  };
  GenScanParams scan = { 200, TRUE, 1.2, 62 };
  GenBlock blk = { 0, };

  if (form_b_only)
    {
      GenRng how = gen_rng_fork (&s->root, "paper-form-b");

      spec_b.landscape = TRUE;
      spec_b.repeat_header = TRUE;
      spec_b.pdf_date = "2024-06-28T10:05:00+09:00";
      scan.colour = gen_rng_range (&how, 2) == 0;
      scan.dpi = gen_rng_range (&how, 3) == 0 ? 300 : 200;
      scan.max_angle = 1.5;
      scan.quality = scan.dpi == 300 ? 62 : 75;
    }

#define ADD(arr, k, t) \
  G_STMT_START { blk.kind = (k); blk.anchor = NULL; blk.text = (t); g_array_append_val ((arr), blk); } G_STMT_END
#define KEEP(t) keep_text (texts, (t))

  /* 申請書B */
  ADD (blocks_b, GEN_BLOCK_TITLE,
       "ＩａａＳ・ＰａａＳ（ＩｏＴクラウドサービス）の安全・信頼性に係る情報開示認定制度\n申請書Ｂ（情報開示項目）");
  ADD (blocks_b, GEN_BLOCK_RIGHT,
       KEEP (g_strdup_printf ("事業者名：%s\nサービス名称：%s\n記入日：%s", co->name, co->service,
                              co->application_date)));
  ADD (blocks_b, GEN_BLOCK_TABLE_H, "@7,19,47,27\n通番\t開示項目\t申請内容\t添付書類等（資料名・該当箇所）");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *it = json_array_get_object_element (list, i);
      guint no = (guint) json_object_get_int_member (it, "no");
      const Change *c = change_for (s, no);
      const GenItem *item = NULL;
      g_autofree char *content = cell_text (json_object_get_string_member (it, "content"));
      g_autofree char *evidence = cell_text (json_object_get_string_member (it, "evidence"));

      for (guint k = 0; k < s->catalogue->len; k++)
        if (((const GenItem *) g_ptr_array_index (s->catalogue, k))->no == no)
          item = g_ptr_array_index (s->catalogue, k);
      ADD (blocks_b, GEN_BLOCK_TABLE_ROW,
           KEEP (g_strdup_printf ("@7,19,47,27\n%u\t%s\t%s%s\t%s", no, item != NULL ? item->item : "",
                                  c != NULL && c->mark != MARK_NONE ? "\x1b" : "", content,
                                  evidence)));
    }
  spec_b.blocks = (const GenBlock *) blocks_b->data;

  /* 申請書A */
  ADD (blocks_a, GEN_BLOCK_TITLE, "申請書Ａ（フェースシート）");
  ADD (blocks_a, GEN_BLOCK_PARA, "一般社団法人日本クラウド産業協会（ASPIC）　認定審査委員会　御中");
  ADD (blocks_a, GEN_BLOCK_TABLE,
       KEEP (g_strdup_printf ("@30,70\n申請区分\t%s\n認定番号\t%s\n申請日\t%s\n事業者名\t%s\n"
                              "事業者名（フリガナ）\t%s\n法人番号\t%s\n代表者\t%s\n所在地\t〒%s\r%s\n"
                              "サービス名称\t%s\n申請担当者\t%s\r%s\rTEL：%s\rE-mail：%s",
                              co->application, RENEWAL_NUMBER, co->application_date, co->name,
                              co->name_kana, co->corporate_number, co->representative,
                              co->postcode, co->address, co->service, co->contact_dept,
                              co->contact_name, co->contact_phone, co->contact_mail)));
  ADD (blocks_a, GEN_BLOCK_SEAL, "代表者印");
  spec_a.blocks = (const GenBlock *) blocks_a->data;
#undef ADD
#undef KEEP

  if (g_mkdir_with_parents (paper_dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "cannot create '%s'",
                   paper_dir);
      return FALSE;
    }
  {
    const GenDocSpec *specs[] = { &spec_a, &spec_b };
    const char *roles[] = { "form-a", "form-b" };

    for (guint i = form_b_only ? 1 : 0; i < G_N_ELEMENTS (specs); i++)
      {
        g_autoptr(GenDoc) doc = gen_doc_new (specs[i]);
        GenRng rng = gen_rng_fork (&s->root, specs[i]->filename);
        g_autoptr(GBytes) pdf = gen_scan_doc_pdf_full (doc, &rng, &scan, error);

        if (pdf == NULL || !gen_output_write_bytes (paper_dir, specs[i]->filename, pdf, error))
          return FALSE;
        paper_doc_json (b, doc, specs[i]->id, roles[i], &scan);
      }
  }
  return TRUE;
}

static gboolean
sample_build (const char *out_dir,
              const char *catalogue_path,
              const char *kind,
              guint64     seed,
              const char *paper_dir,
              JsonNode  **truth_root,
              GError    **error)
{
  Sample s = { 0, };
  g_autoptr(GPtrArray) catalogue = NULL;
  g_autoptr(GenVary) vary = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) gen_doc_free);
  g_autoptr(GArray) outs = g_array_new (FALSE, TRUE, sizeof (DocOut));
  g_autoptr(JsonBuilder) items = json_builder_new ();
  g_autoptr(JsonBuilder) findings = json_builder_new ();
  g_autoptr(JsonBuilder) changes = json_builder_new ();
  g_autoptr(JsonBuilder) truth = json_builder_new ();
  g_autoptr(GBytes) form_b = NULL;
  g_autoptr(GBytes) form_a = NULL;
  g_autoptr(GBytes) inventory = NULL;
  const char *form_a_name, *inventory_name;
  g_autofree char *submission_id = g_path_get_basename (out_dir);

  catalogue = gen_catalogue_load (catalogue_path, error);
  if (catalogue == NULL)
    return FALSE;
  gen_rng_init (&s.root, seed);
  s.seed = seed;
  {
    GenRng rng = gen_rng_fork (&s.root, "applicant");
    static const int usual_styles[] = { 0, 1, 2, 3, 5, 6, 10 };

    /* seed 1 is the reference submission, as the content is written */
    s.defects = g_strcmp0 (kind, "defects") == 0;
    s.renewal = g_strcmp0 (kind, "previous") == 0 ? RENEWAL_PREVIOUS
                : g_strcmp0 (kind, "renewal") == 0 ? RENEWAL_CURRENT : RENEWAL_NONE;
    s.reference = seed == 1 && !s.defects && s.renewal == RENEWAL_NONE;
    s.form_b_paper = !s.reference && !s.defects && s.renewal == RENEWAL_NONE && seed % 4 == 3;
    vary = gen_vary_new (&rng, s.reference);
    /* the reference numbers stay in every seed-1 submission (the fixtures) */
    if (seed != 1)
      gen_vary_facts (vary, seed, s.renewal == RENEWAL_NONE);
    /* two years ago the evidence read as the old answers do */
    for (const Change *c = renewal_changes; s.renewal == RENEWAL_PREVIOUS && c->no != 0; c++)
      if (c->doc_new != NULL)
        gen_vary_add_pair (vary, c->doc_new, c->doc_old);
    s.cite_style = usual_styles[gen_rng_range (&rng, G_N_ELEMENTS (usual_styles))];
    s.cite_slash = gen_rng_range (&rng, 4) == 0;
    form_layout_choose (&s.layout, &rng, s.reference);
    if (s.renewal != RENEWAL_NONE)
      s.layout.subrows = FALSE;   /* 旧新 side by side need the whole cell */
    if (s.reference)
      {
        s.form_a_format = TABLE_XLSX;
        s.inventory_format = TABLE_CSV_UTF8;
      }
    else
      {
        static const TableFormat a_formats[] = { TABLE_XLSX, TABLE_XLSX, TABLE_XLSX,
                                                 TABLE_CSV_CP932 };
        static const TableFormat inv_formats[] = { TABLE_XLSX, TABLE_XLSX, TABLE_CSV_UTF8,
                                                   TABLE_CSV_CP932 };

        s.form_a_format = a_formats[gen_rng_range (&rng, G_N_ELEMENTS (a_formats))];
        s.inventory_format = inv_formats[gen_rng_range (&rng, G_N_ELEMENTS (inv_formats))];
        /* the SLA as an annex of the terms (別紙2), cited so */
        s.sla_annex = gen_rng_range (&rng, 2) == 0;
        if (s.sla_annex)
          gen_vary_add_pair (vary, "資料5", "別紙2");
      }
  }
  s.vary = vary;
  json_builder_begin_array (findings);
  s.answers = gen_vary_answers (vary, gen_sample_answers);
  s.company = gen_vary_company (vary, &gen_sample_company);
  s.catalogue = catalogue;
  s.docs = docs;
  s.outs = outs;
  s.truth_items = items;
  s.truth_findings = findings;
  s.truth_changes = changes;
  if (s.defects)
    plant_form_defects (&s);
  if (s.renewal != RENEWAL_NONE)
    renewal_setup (&s);

  if (!write_documents (&s, out_dir, error))
    return FALSE;

  json_builder_begin_array (items);
  json_builder_begin_array (changes);
  if (!build_form_b (&s, &form_b, error))
    return FALSE;
  json_builder_end_array (items);
  json_builder_end_array (findings);
  json_builder_end_array (changes);
  for (const GenAnswer *a = s.answers; a->no != 0; a++)
    if (a->plant == GEN_PLANT_DOC_NOT_FOUND && find_doc_by_id (&s, a->plant_doc) != NULL)
      {
        g_set_error (error, GEN_ERROR, GEN_ERROR_CONTENT,
                     "item %u plants a citation to '%s', which is submitted", a->no,
                     a->plant_doc);
        return FALSE;
      }

  form_a = build_form_a (&s, error);
  if (form_a == NULL)
    return FALSE;
  form_a_name = s.form_a_format == TABLE_XLSX ? "申請書A.xlsx" : "申請書A.csv";
  inventory_name = s.inventory_format == TABLE_XLSX ? "資料内訳書.xlsx" : "資料内訳書.csv";
  inventory = build_inventory (&s, error);
  if (inventory == NULL)
    return FALSE;
  if ((!s.form_b_paper && !gen_output_write_bytes (out_dir, "申請書B.xlsx", form_b, error))
      || !gen_output_write_bytes (out_dir, form_a_name, form_a, error)
      || !gen_output_write_bytes (out_dir, inventory_name, inventory, error)
      || !gen_output_write_ini_full (out_dir, submission_id, "iaas-paas-iot",
                                     s.renewal == RENEWAL_CURRENT ? RENEWAL_NUMBER : NULL,
                                     s.renewal == RENEWAL_CURRENT ? RENEWAL_CERTIFIED : NULL,
                                     error))
    return FALSE;

  json_builder_begin_object (truth);
  json_builder_set_member_name (truth, "generator");
  json_builder_begin_object (truth);
  json_builder_set_member_name (truth, "name");
  json_builder_add_string_value (truth, "shinsa-gen");
  json_builder_set_member_name (truth, "kind");
  json_builder_add_string_value (truth, kind);
  json_builder_set_member_name (truth, "seed");
  json_builder_add_int_value (truth, (gint64) seed);
  json_builder_end_object (truth);
  json_builder_set_member_name (truth, "submission");
  json_builder_add_string_value (truth, submission_id);
  json_builder_set_member_name (truth, "scheme");
  json_builder_add_string_value (truth, "iaas-paas-iot");
  json_builder_set_member_name (truth, "applicant");
  json_builder_add_string_value (truth, s.company->name);
  table_file_to_json (truth, "form_a", form_a_name, s.form_a_format);
  table_file_to_json (truth, "inventory", inventory_name, s.inventory_format);
  json_builder_set_member_name (truth, "form_b");
  if (s.form_b_paper)
    {
      g_autoptr(JsonNode) items_root = json_builder_get_root (items);

      if (!write_paper_forms (&s, items_root, out_dir, truth, TRUE, error))
        return FALSE;
    }
  else
    layout_to_json (&s.layout, truth);
  json_builder_set_member_name (truth, "expected_findings");
  json_builder_add_value (truth, json_builder_get_root (findings));
  if (s.renewal == RENEWAL_CURRENT)
    {
      json_builder_set_member_name (truth, "changes");
      json_builder_add_value (truth, json_builder_get_root (changes));
    }
  if (paper_dir != NULL)
    {
      g_autoptr(JsonNode) items_root = json_builder_get_root (items);

      json_builder_set_member_name (truth, "paper_forms");
      json_builder_begin_array (truth);
      if (!write_paper_forms (&s, items_root, paper_dir, truth, FALSE, error))
        return FALSE;
      json_builder_end_array (truth);
    }
  documents_to_json (&s, truth);
  json_builder_set_member_name (truth, "items");
  json_builder_add_value (truth, json_builder_get_root (items));
  if (s.defects)
    {
      /* the same submission as a zip, with entries intake must refuse */
      g_autofree char *zip_path = g_strconcat (out_dir, ".zip", NULL);
      g_autofree char *zip_name = g_path_get_basename (zip_path);

      json_builder_set_member_name (truth, "archive");
      json_builder_begin_object (truth);
      json_builder_set_member_name (truth, "path");
      json_builder_add_string_value (truth, zip_name);
      json_builder_set_member_name (truth, "note");
      json_builder_add_string_value (truth, "the submission's files as a zip, plus three entries "
                                            "intake must refuse; its other findings are the folder's");
      json_builder_set_member_name (truth, "expected_findings");
      json_builder_begin_array (truth);
      if (!gen_archive_write_hostile_zip (out_dir, zip_path, truth, error))
        return FALSE;
      json_builder_end_array (truth);
      json_builder_end_object (truth);
    }
  json_builder_end_object (truth);
  for (guint k = 0; k < G_N_ELEMENTS (s.listed_only); k++)
    g_free (s.listed_only[k]);

  *truth_root = json_builder_get_root (truth);
  return TRUE;
}

gboolean
gen_sample_write (const char *out_dir,
                  const char *truth_path,
                  const char *catalogue_path,
                  const char *kind,
                  guint64     seed,
                  GError    **error)
{
  g_autoptr(JsonNode) root = NULL;

  return sample_build (out_dir, catalogue_path, kind, seed, NULL, &root, error)
         && gen_truth_write (root, truth_path, error);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *da = NULL, *db = NULL;
  gsize la, lb;

  if (!g_file_get_contents (a, &da, &la, NULL) || !g_file_get_contents (b, &db, &lb, NULL))
    return FALSE;
  return la == lb && memcmp (da, db, la) == 0;
}

gboolean
gen_renewal_write (const char *out_dir,
                   const char *truth_path,
                   const char *catalogue_path,
                   guint64     seed,
                   GError    **error)
{
  g_autofree char *prev_dir = g_build_filename (out_dir, "previous", NULL);
  g_autofree char *cur_dir = g_build_filename (out_dir, "current", NULL);
  g_autofree char *paper_dir = g_build_filename (out_dir, "paper", NULL);
  g_autoptr(JsonNode) prev = NULL;
  g_autoptr(JsonNode) cur = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *prev_docs, *cur_docs, *cur_findings;

  if (g_mkdir_with_parents (prev_dir, 0755) != 0 || g_mkdir_with_parents (cur_dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "cannot create '%s'",
                   out_dir);
      return FALSE;
    }
  if (!sample_build (prev_dir, catalogue_path, "previous", seed, NULL, &prev, error)
      || !sample_build (cur_dir, catalogue_path, "renewal", seed, paper_dir, &cur, error))
    return FALSE;
  prev_docs = json_object_get_array_member (json_node_get_object (prev), "documents");
  cur_docs = json_object_get_array_member (json_node_get_object (cur), "documents");
  cur_findings = json_object_get_array_member (json_node_get_object (cur), "expected_findings");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "generator");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "shinsa-gen");
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "renewal");
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) seed);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "certification");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, RENEWAL_NUMBER);
  json_builder_set_member_name (b, "certified");
  json_builder_add_string_value (b, RENEWAL_CERTIFIED);
  json_builder_set_member_name (b, "expires");
  json_builder_add_string_value (b, RENEWAL_EXPIRES);
  json_builder_set_member_name (b, "renewal_applied");
  json_builder_add_string_value (b, RENEWAL_APPLIED);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "run");
  json_builder_add_string_value (b, "shinsa run renewal renewal/current --previous renewal/previous");

  /* what `shinsa run renewal` finds: the renewal's own findings and the
   * superseded evidence (same id, other bytes: a new edition).  Only the
   * changed items are examined (seed 000 §9(1)): the citations of the items
   * that did not change are not checked again, so their CITE-* are not
   * expected; the form's own rules still apply to every item. */
  json_builder_set_member_name (b, "expected_findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (cur_findings); i++)
    {
      JsonObject *f = json_array_get_object_element (cur_findings, i);
      gint64 item = json_object_get_int_member_with_default (f, "item", 0);
      gboolean changed = FALSE;

      for (const Change *c = renewal_changes; c->no != 0; c++)
        if ((gint64) c->no == item && c->old_fields[0] != NULL)
          changed = TRUE;
      if (g_str_has_prefix (json_object_get_string_member (f, "code"), "CITE-") && !changed)
        continue;
      json_builder_add_value (b, json_node_copy (json_array_get_element (cur_findings, i)));
    }
  for (guint i = 0; i < json_array_get_length (cur_docs); i++)
    {
      JsonObject *c = json_array_get_object_element (cur_docs, i);
      const char *id = json_object_get_string_member (c, "id");

      for (guint j = 0; j < json_array_get_length (prev_docs); j++)
        {
          JsonObject *p = json_array_get_object_element (prev_docs, j);
          g_autofree char *pa = NULL, *pb = NULL;

          if (strcmp (json_object_get_string_member (p, "id"), id) != 0)
            continue;
          pa = g_build_filename (prev_dir, json_object_get_string_member (p, "path"), NULL);
          pb = g_build_filename (cur_dir, json_object_get_string_member (c, "path"), NULL);
          if (same_file (pa, pb))
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "code");
          json_builder_add_string_value (b, "RENEWAL-EVIDENCE-SUPERSEDED");
          json_builder_set_member_name (b, "severity");
          json_builder_add_string_value (b, "info");
          json_builder_set_member_name (b, "document");
          json_builder_add_string_value (b, id);
          json_builder_set_member_name (b, "note");
          json_builder_add_string_value (b, "新しい版が提出された（前回提出の版は返却対象）");
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  /* the paper-only renewal: the same evidence, the forms scanned */
  {
    JsonObject *co = json_node_get_object (cur);
    JsonNode *forms = json_node_copy (json_object_get_member (co, "paper_forms"));
    JsonArray *docs = json_object_get_array_member (co, "documents");
    g_autoptr(GDir) d = g_dir_open (cur_dir, 0, error);
    const char *name;

    json_object_remove_member (co, "paper_forms");
    if (d == NULL)
      return FALSE;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *from = g_build_filename (cur_dir, name, NULL);
        g_autofree char *data = NULL;
        gsize len;

        if (g_str_has_prefix (name, "申請書") || strcmp (name, "submission.ini") == 0)
          continue;
        if (!g_file_get_contents (from, &data, &len, error)
            || !gen_output_write (paper_dir, name, data, len, error))
          return FALSE;
      }
    if (!gen_output_write_ini_full (paper_dir, "paper", "iaas-paas-iot", RENEWAL_NUMBER,
                                    RENEWAL_CERTIFIED, error))
      return FALSE;
    json_builder_set_member_name (b, "paper");
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "submission");
    json_builder_add_string_value (b, "paper");
    json_builder_set_member_name (b, "note");
    json_builder_add_string_value (b, "renewal/current sent on paper only: 申請書A and 申請書B printed, "
                                      "the changed items in red ink, scanned in colour at 200 dpi; "
                                      "the other files, the items, changes and expected findings are "
                                      "current's");
    json_builder_set_member_name (b, "documents");
    json_builder_begin_array (b);
    for (guint i = 0; i < json_array_get_length (forms != NULL ? json_node_get_array (forms) : NULL); i++)
      json_builder_add_value (b, json_node_copy (json_array_get_element (json_node_get_array (forms), i)));
    for (guint i = 0; i < json_array_get_length (docs); i++)
      json_builder_add_value (b, json_node_copy (json_array_get_element (docs, i)));
    json_builder_end_array (b);
    json_builder_end_object (b);
    if (forms != NULL)
      json_node_unref (forms);
  }
  json_builder_set_member_name (b, "previous");
  json_builder_add_value (b, g_steal_pointer (&prev));
  json_builder_set_member_name (b, "current");
  json_builder_add_value (b, g_steal_pointer (&cur));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return gen_truth_write (root, truth_path, error);
}
