/* shinsa — crossref: every claim backed by a citation that points at a real
 * document, page and passage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For each 申請書B item: read its 添付書類等 (shinsa_citation_parse), find the
 * document (資料番号, then title, then file name), turn the places into
 * physical pages (printed page numbers first, physical ones when the
 * document prints none; headings for 第N章/N.M節/第N条), and look for the
 * claim's facts on those pages.  Then, per document: cited or not, and
 * whether a web page's hard copy carries its URL and date.
 */
#include <string.h>

#include "crossref.h"

typedef struct {
  ShinsaContext *ctx;
  XrefIndex *index;
  ShinsaScheme *scheme;
  const ShinsaForm *form;
  gboolean outsourced;         /* some evidence is a data-centre provider's own */
  gboolean check_support;
  ShinsaCiteParseFlags parse_flags;  /* OCR when 申請書B came on paper */
} Xref;

typedef struct {
  const ShinsaCitation *cite;
  XrefDoc *doc;                /* NULL: not found */
  char *doc_name;              /* what the citation calls it: 資料8, 「題名」 */
  GArray *pages;               /* int, physical, sorted, unique */
  const char *by;              /* label | physical | section | document */
  char *section;               /* 第3条, 3.5節 … as cited */
  GString *note;               /* Japanese: how an ambiguous place was read */
  gboolean resolved;
  ShinsaCitationList *reread;  /* (nullable) owns @cite when the cell was re-read */
} Resolved;

static void
resolved_free (gpointer data)
{
  Resolved *r = data;

  g_free (r->doc_name);
  g_array_unref (r->pages);
  g_free (r->section);
  g_string_free (r->note, TRUE);
  g_clear_pointer (&r->reread, shinsa_citation_list_unref);
  g_free (r);
}

static const char *
doc_label (XrefDoc *d)
{
  return d->id != NULL ? d->id : shinsa_document_get_path (d->doc);
}

static void
add_page (GArray *pages, int page)
{
  for (guint i = 0; i < pages->len; i++)
    if (g_array_index (pages, int, i) == page)
      return;
  g_array_append_val (pages, page);
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static char *
page_label_of (XrefDoc *d, int number)
{
  ShinsaPage *page = shinsa_document_get_page (d->doc, number);
  return page != NULL ? shinsa_page_display_label (page) : g_strdup_printf ("%d", number);
}

static char *
place_as_written (const ShinsaCitePlace *pl)
{
  switch (pl->kind)
    {
    case SHINSA_CITE_PLACE_CHAPTER: return g_strdup_printf ("第%s章", pl->label);
    case SHINSA_CITE_PLACE_ARTICLE: return g_strdup_printf ("第%s条", pl->label);
    case SHINSA_CITE_PLACE_SECTION: return g_strdup_printf ("%s節", pl->label);
    case SHINSA_CITE_PLACE_TABLE: return g_strdup_printf ("別表%s", pl->label);
    case SHINSA_CITE_PLACE_APPENDIX: return g_strdup_printf ("付録%s", pl->label);
    case SHINSA_CITE_PLACE_PAGES:
    default:
      return g_strdup (pl->text);
    }
}

static ShinsaFinding *
item_finding (Xref *x, const ShinsaFormItem *item, const char *code, ShinsaSeverity severity,
              const char *message)
{
  ShinsaFinding *f = shinsa_context_add_finding (x->ctx, code, severity, "%s", message);
  f->item = item->no;
  return f;
}

static void
set_doc (ShinsaFinding *f, XrefDoc *d)
{
  shinsa_finding_set_document (f, d->id, shinsa_document_get_path (d->doc));
}

/* ---- which document ------------------------------------------------------ */

static XrefDoc *
find_by_heading (Xref *x, const ShinsaFormItem *item, const ShinsaCitation *cite,
                 const GPtrArray *facts, GString *note)
{
  XrefDoc *only = NULL, *best = NULL;
  guint matches = 0, best_run = 0;
  const ShinsaCitePlace *pl;
  g_autofree char *about = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  {
    g_autofree char *joined = g_strconcat (item->name != NULL ? item->name : "", " ",
                                           shinsa_form_item_get_current_content (item), NULL);
    about = xref_normalise (joined);
  }

  if (cite->places->len == 0)
    return NULL;
  pl = &g_array_index (cite->places, ShinsaCitePlace, 0);
  if (pl->kind == SHINSA_CITE_PLACE_PAGES)
    return NULL;
  for (guint i = 0; i < x->index->docs->len; i++)
    {
      XrefDoc *d = g_ptr_array_index (x->index->docs, i);
      const XrefHeading *h = xref_doc_find_heading (d, pl->kind, pl->label);

      if (h == NULL)
        continue;
      matches++;
      if (only == NULL)
        only = d;
      g_string_append_printf (names, "%s%s", names->len > 0 ? "・" : "", doc_label (d));
      /* 第12条（リスク管理） for an item about リスク管理 */
      if (h->title != NULL && xref_common_run (h->title, about) > best_run)
        {
          best_run = xref_common_run (h->title, about);
          best = d;
        }
      /* several documents have a 第8条: the one whose article says it */
      if (facts != NULL && facts->len > 0)
        {
          guint found = 0;
          for (guint f = 0; f < facts->len; f++)
            for (int p = h->first_page; p <= h->last_page && p <= d->n_pages; p++)
              if (xref_fact_in_text (g_ptr_array_index (facts, f), d->page_text[p - 1], FALSE))
                {
                  found++;
                  break;
                }
          if (found == facts->len)
            return d;
        }
    }
  if (matches > 1)
    g_string_append_printf (note, "見出しが複数の資料（%s）にあり、見出しの語と申請内容から選びました。", names->str);
  if (matches > 1 && best != NULL && best_run >= 2)
    return best;
  return matches >= 1 ? only : NULL;
}

/* 資料43.4節 where 資料43 does not exist but 資料4 does: the space of
 * "資料4 3.4節" lost (OCR, or typed that way).  Re-read with it put back. */
static ShinsaCitationList *
reread_glued (Xref *x, const ShinsaCitation *cite, XrefDoc **out_doc)
{
  g_autofree char *text = g_utf8_normalize (cite->text, -1, G_NORMALIZE_ALL_COMPOSE);
  XrefDoc *best = NULL;
  gsize best_len = 0;

  if (text == NULL)
    return NULL;
  for (guint i = 0; i < x->index->docs->len; i++)
    {
      XrefDoc *d = g_ptr_array_index (x->index->docs, i);
      gsize len = d->id != NULL ? strlen (d->id) : 0;

      /* 資料43.4節, or 資料6.4.4節 where OCR read the space as a dot */
      if (len > best_len && strncmp (text, d->id, len) == 0 &&
          (g_ascii_isdigit (text[len]) ||
           ((text[len] == '.' || text[len] == '-') && g_ascii_isdigit (text[len + 1]))))
        {
          best = d;
          best_len = len;
        }
    }
  if (best != NULL)
    {
      const char *rest = text + best_len + (g_ascii_isdigit (text[best_len]) ? 0 : 1);
      g_autofree char *spaced = g_strdup_printf ("%.*s %s", (int) best_len, text, rest);
      ShinsaCitationList *list = shinsa_citation_parse_full (spaced, NULL, x->parse_flags);
      const ShinsaCitation *c = list->citations->len == 1 ? g_ptr_array_index (list->citations, 0) : NULL;

      if (c != NULL && g_strcmp0 (c->doc_id, best->id) == 0 && c->places->len > 0 && list->unparsed->len == 0)
        {
          *out_doc = best;
          return list;
        }
      shinsa_citation_list_unref (list);
    }
  return NULL;
}

static Resolved *
resolve (Xref *x, const ShinsaFormItem *item, const ShinsaCitation *cite, XrefDoc *previous_doc,
         const GPtrArray *facts)
{
  Resolved *r = g_new0 (Resolved, 1);

  r->cite = cite;
  r->pages = g_array_new (FALSE, FALSE, sizeof (int));
  r->note = g_string_new (NULL);

  switch (cite->doc_kind)
    {
    case SHINSA_CITE_DOC_NUMBER:
      r->doc_name = g_strdup (cite->doc_id);
      r->doc = xref_index_find_id (x->index, cite->doc_id);
      if (r->doc == NULL && cite->title != NULL)
        {
          r->doc = xref_index_find_title (x->index, cite->title);
          if (r->doc != NULL)
            g_string_append_printf (r->note, "%sは提出資料にないため、題名「%s」から%sと判断しました。",
                                    cite->doc_id, cite->title, doc_label (r->doc));
        }
      if (r->doc == NULL && (r->reread = reread_glued (x, cite, &r->doc)) != NULL)
        {
          r->cite = g_ptr_array_index (r->reread->citations, 0);
          g_free (r->doc_name);
          r->doc_name = g_strdup (r->doc->id);
          g_string_append_printf (r->note, "「%s」は%sが提出されていないため、%sの後に空白が抜けたものとして「%s」と読みました。",
                                  cite->text, cite->doc_id, r->doc->id, r->cite->text);
        }
      break;
    case SHINSA_CITE_DOC_TITLE:
      r->doc_name = g_strdup_printf ("「%s」", cite->title);
      r->doc = xref_index_find_title (x->index, cite->title);
      break;
    case SHINSA_CITE_DOC_FILE:
      r->doc_name = g_strdup (cite->file);
      r->doc = xref_index_find_file (x->index, cite->file);
      if (r->doc == NULL)
        {
          g_autofree char *id = shinsa_document_id_from_name (cite->file, NULL);
          if (id != NULL)
            r->doc = xref_index_find_id (x->index, id);
        }
      break;
    case SHINSA_CITE_DOC_NONE:
    default:
      r->doc = find_by_heading (x, item, cite, facts, r->note);
      if (r->doc == NULL)
        r->doc = previous_doc;
      if (r->doc != NULL)
        {
          r->doc_name = g_strdup (doc_label (r->doc));
          g_string_append_printf (r->note, "資料名の記載がないため、%sの見出しから%sと判断しました。",
                                  cite->text, doc_label (r->doc));
        }
      break;
    }
  return r;
}

/* ---- which pages ---------------------------------------------------------- */

/* the first and last printed page numbers, for messages */
static void
printed_range (XrefDoc *d, char **first, char **last)
{
  GPtrArray *pages = shinsa_document_get_page_list (d->doc);

  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);
      if (page->label == NULL || shinsa_parse_number (page->label, -1) < 0)
        continue;
      if (*first == NULL)
        *first = g_strdup (page->label);
      g_free (*last);
      *last = g_strdup (page->label);
    }
  if (*first == NULL)
    *first = g_strdup ("1");
  if (*last == NULL)
    *last = g_strdup_printf ("%d", d->n_pages);
}

/* digits OCR takes for one another on a scanned folio */
static gboolean
ocr_confusable (char a, char b)
{
  static const char *const pairs[] = { "38", "36", "68", "08", "17", "14", "27", "56", "59", "35", "89", "01", NULL };

  for (guint i = 0; pairs[i] != NULL; i++)
    if ((pairs[i][0] == a && pairs[i][1] == b) || (pairs[i][0] == b && pairs[i][1] == a))
      return TRUE;
  return FALSE;
}

static guint
labels_used (GPtrArray *pages, int label)
{
  guint n = 0;
  for (guint i = 0; i < pages->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);
      if (page->label != NULL && shinsa_parse_number (page->label, -1) == label)
        n++;
    }
  return n;
}

/* The one OCR'd page whose printed number differs from @n by one
 * confusable digit (31 read as 81) or one lost digit (12 read as 2), when
 * no page carries @n itself. */
static int
ocr_misread_label (XrefDoc *d, int n, int *out_label)
{
  GPtrArray *pages = shinsa_document_get_page_list (d->doc);
  char want[16];
  int found = 0, count = 0;

  g_snprintf (want, sizeof want, "%d", n);
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);
      int label = page->label != NULL ? shinsa_parse_number (page->label, -1) : -1;
      char got[16];
      guint diff = 0, confusable = 0;

      if (label < 0 || page->source != SHINSA_PAGE_TEXT_OCR)
        continue;
      g_snprintf (got, sizeof got, "%d", label);
      /* a digit lost: 12 read as 2 */
      if (strlen (got) + 1 == strlen (want))
        {
          for (guint k = 0; want[k] != '\0'; k++)
            {
              char shorter[16];
              g_snprintf (shorter, sizeof shorter, "%.*s%s", (int) k, want, want + k + 1);
              if (strcmp (shorter, got) == 0 && labels_used (pages, label) == 1)
                {
                  found = page->number;
                  *out_label = label;
                  count++;
                  break;
                }
            }
          continue;
        }
      if (strlen (got) != strlen (want))
        continue;
      for (guint k = 0; got[k] != '\0'; k++)
        if (got[k] != want[k])
          {
            diff++;
            confusable += ocr_confusable (got[k], want[k]);
          }
      if (diff == 1 && confusable == 1)
        {
          found = page->number;
          *out_label = label;
          count++;
        }
    }
  return count == 1 ? found : 0;
}

static gboolean fact_on_page (const XrefFact *fact, XrefDoc *d, int number);

/* a page guessed from a misread folio must say what the claim says */
static gboolean
page_supports (XrefDoc *d, int number, const GPtrArray *facts)
{
  guint found = 0;

  if (facts == NULL || facts->len == 0)
    return FALSE;
  for (guint f = 0; f < facts->len; f++)
    found += fact_on_page (g_ptr_array_index (facts, f), d, number);
  return found >= 1 && found * 2 >= facts->len;
}

static void
resolve_pages (Xref *x, const ShinsaFormItem *item, Resolved *r, const GPtrArray *facts)
{
  XrefDoc *d = r->doc;
  gboolean section_missing = FALSE;

  r->resolved = TRUE;
  if (!d->readable || d->n_pages <= 0)
    return;
  if (r->cite->places->len == 0)
    {
      for (int p = 1; p <= d->n_pages; p++)
        add_page (r->pages, p);
      r->by = "document";
      return;
    }
  for (guint i = 0; i < r->cite->places->len; i++)
    {
      const ShinsaCitePlace *pl = &g_array_index (r->cite->places, ShinsaCitePlace, i);

      if (pl->kind == SHINSA_CITE_PLACE_PAGES)
        {
          int last = MIN (pl->last, pl->first + 200);

          for (int n = pl->first; n <= last; n++)
            {
              g_autoptr(GArray) labelled = g_array_new (FALSE, FALSE, sizeof (int));
              int ocr_page, misread = 0;

              if (d->has_labels)
                xref_doc_pages_for_label (d, n, labelled);
              if (labelled->len > 0)
                {
                  int phys = g_array_index (labelled, int, 0);
                  for (guint k = 0; k < labelled->len; k++)
                    add_page (r->pages, g_array_index (labelled, int, k));
                  if (r->by == NULL)
                    r->by = "label";
                  if (phys != n && n <= d->n_pages)
                    g_string_append_printf (r->note,
                                            "%d頁は印刷された頁番号として読み、物理頁の%d頁目を参照しました（物理頁の%d頁目とは別の頁です）。",
                                            n, phys, n);
                }
              else if (d->has_labels && (ocr_page = ocr_misread_label (d, n, &misread)) > 0 &&
                       page_supports (d, ocr_page, facts))
                {
                  add_page (r->pages, ocr_page);
                  if (r->by == NULL)
                    r->by = "label";
                  g_string_append_printf (r->note,
                                          "%d頁という印刷された頁番号は見当たりませんが、物理頁の%d頁目の頁番号がOCRで「%d」と読まれており、%dの読み違いと判断してこの頁を参照しました。",
                                          n, ocr_page, misread, n);
                }
              else if (n >= 1 && n <= d->n_pages)
                {
                  add_page (r->pages, n);
                  if (r->by == NULL)
                    r->by = "physical";
                  if (d->has_labels)
                    g_string_append_printf (r->note,
                                            "印刷された頁番号%dが見当たらないため、物理頁の%d頁目として読みました。",
                                            n, n);
                }
              else
                {
                  g_autofree char *msg = NULL;
                  g_autofree char *lab = g_strdup_printf ("%d", n);
                  g_autofree char *first_label = NULL;
                  g_autofree char *last_label = NULL;
                  ShinsaFinding *f;

                  printed_range (d, &first_label, &last_label);
                  if (d->has_labels)
                    msg = g_strdup_printf ("通番%dの添付書類等「%s」は%sの%d頁を示していますが、%s「%s」は全%d頁（印刷された頁番号は%s～%s）で、その頁はありません",
                                           item->no, r->cite->text, doc_label (d), n, doc_label (d),
                                           d->title != NULL ? d->title : shinsa_document_get_basename (d->doc),
                                           d->n_pages, first_label, last_label);
                  else
                    msg = g_strdup_printf ("通番%dの添付書類等「%s」は%sの%d頁を示していますが、%s「%s」は全%d頁で、その頁はありません",
                                           item->no, r->cite->text, doc_label (d), n, doc_label (d),
                                           d->title != NULL ? d->title : shinsa_document_get_basename (d->doc),
                                           d->n_pages);
                  f = item_finding (x, item, "CITE-PAGE-OUT-OF-RANGE", SHINSA_SEVERITY_ERROR, msg);
                  set_doc (f, d);
                  shinsa_finding_set_page (f, n, lab);
                  r->resolved = FALSE;
                  /* one finding for a range that runs past the end */
                  break;
                }
            }
        }
      else
        {
          const XrefHeading *h = xref_doc_find_heading (d, pl->kind, pl->label);
          g_autofree char *written = place_as_written (pl);

          if (r->section == NULL)
            r->section = g_strdup (written);
          if (h != NULL)
            {
              for (int p = h->first_page; p <= h->last_page; p++)
                add_page (r->pages, p);
              if (r->by == NULL)
                r->by = "section";
            }
          else
            {
              g_autofree char *msg = g_strdup_printf ("通番%dの添付書類等「%s」が示す%sは、%s「%s」に見当たりません（見出しとして現れません）",
                                                      item->no, r->cite->text, written, doc_label (d),
                                                      d->title != NULL ? d->title : shinsa_document_get_basename (d->doc));
              ShinsaFinding *f = item_finding (x, item, "CITE-SECTION-NOT-FOUND", SHINSA_SEVERITY_WARNING, msg);
              set_doc (f, d);
              section_missing = TRUE;
            }
        }
    }
  /* the claim is still looked for, in the whole document */
  if (section_missing && r->pages->len == 0)
    {
      for (int p = 1; p <= d->n_pages; p++)
        add_page (r->pages, p);
      r->by = "document";
      g_string_append (r->note, "示された箇所が見つからないため、資料全体で申請内容を確認しました。");
    }
  g_array_sort (r->pages, compare_int);
}

/* ---- support -------------------------------------------------------------- */

/* 実施なし, 開示なし, 該当なし, 無し: an answer that needs no evidence */
static gboolean
is_no_answer (const char *content)
{
  static const char *const words[] = {
    "実施なし", "実施無し", "開示なし", "開示無し", "該当なし", "該当無し", "無し", "なし",
    "提供なし", "提供無し", "対象外", "非開示", "該当せず", "実施していない", "提供していない", "-", NULL
  };
  g_autofree char *n = xref_normalise (content);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (n, words[i]) && g_utf8_strlen (n, -1) <= (glong) g_utf8_strlen (words[i], -1) + 12)
      return TRUE;
  return FALSE;
}

static gboolean
page_is_ocr (XrefDoc *d, int number)
{
  ShinsaPage *page = shinsa_document_get_page (d->doc, number);
  return page != NULL && page->source == SHINSA_PAGE_TEXT_OCR;
}

static gboolean
fact_on_page (const XrefFact *fact, XrefDoc *d, int number)
{
  if (number < 1 || number > d->n_pages || d->page_text == NULL || d->page_text[number - 1] == NULL)
    return FALSE;
  if (xref_fact_in_text (fact, d->page_text[number - 1], page_is_ocr (d, number)))
    return TRUE;
  {
    ShinsaPage *page = shinsa_document_get_page (d->doc, number);
    return page != NULL && xref_fact_wrapped (fact, page->text);
  }
}

static JsonArray *
matches_on (const GPtrArray *facts, XrefDoc *d, int number)
{
  JsonArray *matches = json_array_new ();
  ShinsaPage *page = shinsa_document_get_page (d->doc, number);

  if (page == NULL)
    return matches;
  for (guint f = 0; f < facts->len; f++)
    {
      const XrefFact *fact = g_ptr_array_index (facts, f);
      g_autoptr(JsonArray) boxes = json_array_new ();

      if (!fact_on_page (fact, d, number))
        continue;
      xref_fact_boxes (fact, page, boxes);
      for (guint b = 0; b < json_array_get_length (boxes); b++)
        {
          JsonObject *m = json_object_new ();
          json_object_set_int_member (m, "page", number);
          json_object_set_string_member (m, "text", fact->text);
          json_object_set_array_member (m, "box", json_array_ref (json_array_get_array_element (boxes, b)));
          json_array_add_object_element (matches, m);
        }
    }
  return matches;
}

/* where else the missing facts are said: the same document first */
static gboolean
find_elsewhere (Xref *x, const GPtrArray *missing, XrefDoc *first, XrefDoc **out_doc, int *out_page)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < x->index->docs->len; i++)
      {
        XrefDoc *d = g_ptr_array_index (x->index->docs, i);

        if ((pass == 0) != (d == first) || !d->readable)
          continue;
        for (int p = 1; p <= d->n_pages; p++)
          {
            gboolean all = TRUE;
            for (guint f = 0; f < missing->len && all; f++)
              all = fact_on_page (g_ptr_array_index (missing, f), d, p);
            if (all)
              {
                *out_doc = d;
                *out_page = p;
                return TRUE;
              }
          }
      }
  return FALSE;
}

static char *
join_facts (const GPtrArray *facts)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < facts->len; i++)
    {
      const XrefFact *f = g_ptr_array_index (facts, i);
      g_string_append_printf (s, "%s「%s」", i > 0 ? "、" : "", f->text);
    }
  return g_string_free (s, FALSE);
}

static char *
pages_text (Resolved *r)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < r->pages->len && i < 6; i++)
    {
      g_autofree char *label = page_label_of (r->doc, g_array_index (r->pages, int, i));
      g_string_append_printf (s, "%s%s", i > 0 ? "・" : "", label);
    }
  if (r->pages->len > 6)
    g_string_append (s, "…");
  g_string_append (s, "頁");
  return g_string_free (s, FALSE);
}

/* the claim's 記述内容 fields, each with the name the scheme gives it: the
 * ①② the form marked, else one per line when the count agrees */
static char **
claim_fields (Xref *x, const ShinsaFormItem *item, const char *claim, char ***out_names)
{
  const ShinsaSchemeItem *si = x->scheme != NULL ? shinsa_scheme_get_item (x->scheme, item->no) : NULL;
  guint n;

  *out_names = NULL;
  if (si == NULL || si->fields == NULL || (n = g_strv_length (si->fields)) == 0)
    return NULL;
  *out_names = si->fields;
  if (item->fields != NULL && g_strv_length (item->fields) == n && (item->fields_marked || n == 1))
    return g_strdupv (item->fields);
  {
    g_auto(GStrv) lines = g_strsplit (claim, "\n", -1);
    g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_strstrip (lines[i])[0] != '\0')
        g_ptr_array_add (kept, g_strdup (lines[i]));
    if (kept->len != n)
      return NULL;
    g_ptr_array_add (kept, NULL);
    return (char **) g_ptr_array_steal (kept, NULL);
  }
}

typedef struct {
  char *field;                 /* the scheme's name of the field */
  char *claimed;               /* 99.99% */
  char *stated;                /* 99.95% */
  XrefDoc *doc;
  int page;
} Conflict;

static void
conflict_free (gpointer data)
{
  Conflict *c = data;
  g_free (c->field);
  g_free (c->claimed);
  g_free (c->stated);
  g_free (c);
}

/* A number in its role: the claim's 目標値 99.99% against a cited page whose
 * 目標値 line says 99.95%, even though 99.99% is printed there as an actual. */
static void
find_conflicts (Xref *x, const ShinsaFormItem *item, const char *claim, GPtrArray *resolved,
                GPtrArray *out)
{
  char **names = NULL;
  g_auto(GStrv) fields = claim_fields (x, item, claim, &names);

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      g_auto(GStrv) roles = xref_roles_of (names[i]);
      g_autoptr(GPtrArray) facts = NULL;

      if (roles[0] == NULL)
        continue;
      facts = xref_facts_from_claim (fields[i]);
      for (guint f = 0; f < facts->len; f++)
        {
          const XrefFact *fact = g_ptr_array_index (facts, f);
          Conflict *first = NULL;
          gboolean agreed = FALSE;

          if (fact->kind != XREF_FACT_NUMBER)
            continue;
          for (guint r = 0; r < resolved->len && !agreed; r++)
            {
              Resolved *res = g_ptr_array_index (resolved, r);
              if (res->doc == NULL || !res->doc->readable)
                continue;
              for (guint p = 0; p < res->pages->len && !agreed; p++)
                {
                  int number = g_array_index (res->pages, int, p);
                  ShinsaPage *page = shinsa_document_get_page (res->doc->doc, number);
                  g_autofree char *stated = page != NULL ? xref_role_conflict (fact, roles, page->text) : NULL;

                  if (page == NULL)
                    continue;
                  if (stated == NULL)
                    {
                      /* no role line here, or one that agrees */
                      agreed = fact_on_page (fact, res->doc, number);
                      continue;
                    }
                  if (first == NULL)
                    {
                      first = g_new0 (Conflict, 1);
                      first->field = g_strdup (names[i]);
                      first->claimed = g_strdup (fact->text);
                      first->stated = g_steal_pointer (&stated);
                      first->doc = res->doc;
                      first->page = number;
                    }
                }
            }
          /* another cited page saying it plainly settles it */
          if (first != NULL && !agreed)
            g_ptr_array_add (out, first);
          else if (first != NULL)
            conflict_free (first);
        }
    }
}

static void
check_support (Xref *x, const ShinsaFormItem *item, const char *claim, GPtrArray *resolved,
               GPtrArray *facts, JsonArray *cites_json)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (conflict_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  Resolved *first = NULL;
  const char *support;
  XrefDoc *else_doc = NULL;
  int else_page = 0;
  gboolean found_else = FALSE;

  for (guint i = 0; i < resolved->len; i++)
    {
      Resolved *r = g_ptr_array_index (resolved, i);
      if (r->doc != NULL && r->doc->readable && r->pages->len > 0 && first == NULL)
        first = r;
    }
  if (first == NULL || facts->len == 0 || !x->check_support)
    support = "unchecked";
  else
    {
      for (guint f = 0; f < facts->len; f++)
        {
          const XrefFact *fact = g_ptr_array_index (facts, f);
          gboolean found = FALSE;

          for (guint i = 0; i < resolved->len && !found; i++)
            {
              Resolved *r = g_ptr_array_index (resolved, i);
              if (r->doc == NULL || !r->doc->readable)
                continue;
              for (guint p = 0; p < r->pages->len && !found; p++)
                found = fact_on_page (fact, r->doc, g_array_index (r->pages, int, p));
            }
          if (!found)
            g_ptr_array_add (missing, (gpointer) fact);
        }
      find_conflicts (x, item, claim, resolved, conflicts);
      support = missing->len == 0 && conflicts->len == 0 ? "ok" : "weak";
    }

  if (missing->len == 0 && conflicts->len > 0)
    {
      Conflict *c = g_ptr_array_index (conflicts, 0);
      g_autofree char *label = page_label_of (c->doc, c->page);
      g_autofree char *msg = g_strdup_printf ("通番%dの申請内容の「%s」は「%s」ですが、引用先の%s %s頁（物理%d頁目）ではその値が「%s」と書かれています",
                                              item->no, c->field, c->claimed, doc_label (c->doc), label,
                                              c->page, c->stated);
      ShinsaFinding *f = item_finding (x, item, "CITE-WEAK-SUPPORT", SHINSA_SEVERITY_WARNING, msg);
      set_doc (f, c->doc);
      shinsa_finding_set_page (f, c->page, label);
    }

  if (missing->len > 0)
    {
      g_autofree char *what = join_facts (missing);
      g_autofree char *where = pages_text (first);
      g_autofree char *label = page_label_of (first->doc, g_array_index (first->pages, int, 0));
      g_autofree char *msg = NULL;
      ShinsaFinding *f;

      found_else = find_elsewhere (x, missing, first->doc, &else_doc, &else_page);
      if (found_else)
        {
          g_autofree char *else_label = page_label_of (else_doc, else_page);
          msg = g_strdup_printf ("通番%dの申請内容にある%sが、引用先の%s %sに見当たりません。%sの%s頁（物理%d頁目）に記載があります",
                                 item->no, what, doc_label (first->doc), where, doc_label (else_doc),
                                 else_label, else_page);
        }
      else
        msg = g_strdup_printf ("通番%dの申請内容にある%sが、引用先の%s %sに見当たりません（提出された資料のどこにも見当たりません）",
                               item->no, what, doc_label (first->doc), where);
      /* what the page says instead, when a line names the field's role */
      if (conflicts->len > 0)
        {
          Conflict *c = g_ptr_array_index (conflicts, 0);
          g_autofree char *with = g_strdup_printf ("%s。引用先では「%s」が「%s」とされています", msg, c->field, c->stated);
          g_free (msg);
          msg = g_steal_pointer (&with);
        }
      f = item_finding (x, item, "CITE-WEAK-SUPPORT", SHINSA_SEVERITY_WARNING, msg);
      set_doc (f, first->doc);
      shinsa_finding_set_page (f, g_array_index (first->pages, int, 0), label);
    }

  /* the report's view: per citation, its pages' matches */
  for (guint i = 0; i < resolved->len; i++)
    {
      Resolved *r = g_ptr_array_index (resolved, i);
      JsonObject *cj = json_array_get_object_element (cites_json, i);
      JsonArray *matches = json_array_new ();

      if (r->doc == NULL || !r->resolved || !r->doc->readable)
        {
          json_object_set_string_member (cj, "support", "unchecked");
          json_array_unref (matches);
          continue;
        }
      json_object_set_string_member (cj, "support", support);
      for (guint p = 0; p < r->pages->len && facts->len > 0; p++)
        {
          g_autoptr(JsonArray) m = matches_on (facts, r->doc, g_array_index (r->pages, int, p));
          for (guint k = 0; k < json_array_get_length (m); k++)
            json_array_add_element (matches, json_node_copy (json_array_get_element (m, k)));
        }
      json_object_set_array_member (cj, "matches", matches);
      if (found_else && r == first)
        {
          JsonObject *on = json_object_new ();
          json_object_set_string_member (on, "document", doc_label (else_doc));
          json_object_set_string_member (on, "path", shinsa_document_get_path (else_doc->doc));
          json_object_set_int_member (on, "page", else_page);
          json_object_set_array_member (on, "matches", matches_on (missing, else_doc, else_page));
          json_object_set_object_member (cj, "found_on", on);
        }
    }
  (void) claim;
}

/* ---- the data centre: a provider's facility backed by the applicant's word */

static char *
normalised_company (const char *company)
{
  return company != NULL ? xref_normalise (company) : NULL;
}

/* the applicant's own document: its company named as the author, not as the
 * addressee (…様, …殿, …御中, …様向け) */
static gboolean
is_own_document (XrefDoc *d, const char *company)
{
  int pages = MIN (d->n_pages, 2);

  if (company == NULL || company[0] == '\0')
    return FALSE;
  for (int p = 0; p < pages; p++)
    {
      const char *hay = d->page_text[p];
      const char *at = hay;
      gsize len = strlen (company);

      while (hay != NULL && (at = strstr (at, company)) != NULL)
        {
          const char *after = at + len;
          if (!g_str_has_prefix (after, "様") && !g_str_has_prefix (after, "殿") &&
              !g_str_has_prefix (after, "御中") && !g_str_has_prefix (after, "向け"))
            return TRUE;
          at = after;
        }
    }
  return FALSE;
}

static gboolean
is_facility_item (Xref *x, int no)
{
  const ShinsaSchemeItem *si = x->scheme != NULL ? shinsa_scheme_get_item (x->scheme, no) : NULL;

  return si != NULL && si->section != NULL &&
         (strstr (si->section, "ハウジング") != NULL || strstr (si->section, "データセンター") != NULL);
}

static void
check_outsourced (Xref *x, const ShinsaFormItem *item, GPtrArray *resolved, const char *company)
{
  XrefDoc *own = NULL;

  if (!x->outsourced || !is_facility_item (x, item->no))
    return;
  for (guint i = 0; i < resolved->len; i++)
    {
      Resolved *r = g_ptr_array_index (resolved, i);

      if (r->doc == NULL || !r->doc->readable)
        continue;
      if (!is_own_document (r->doc, company))
        return;
      own = r->doc;
    }
  if (own != NULL)
    {
      g_autofree char *msg = g_strdup_printf ("通番%d（%s）はデータセンター事業者の設備に関する項目ですが、根拠が申請者自身の%s「%s」だけです。データセンター事業者が発行した資料（設備概要書、契約書、第三者認証など）で確認してください",
                                              item->no, item->name != NULL ? item->name : "",
                                              doc_label (own), own->title != NULL ? own->title : "");
      ShinsaFinding *f = item_finding (x, item, "CITE-OUTSOURCED-SELF-EVIDENCE", SHINSA_SEVERITY_WARNING, msg);
      set_doc (f, own);
    }
}

/* ---- one item ------------------------------------------------------------- */

static JsonArray *
examine_item (Xref *x, const ShinsaFormItem *item, const char *company)
{
  const char *claim = shinsa_form_item_get_current_content (item);
  g_autoptr(ShinsaCitationList) list = shinsa_citation_parse_full (item->evidence,
                                                                   (const char *const *) x->index->titles->pdata,
                                                                   x->parse_flags);
  g_autoptr(GPtrArray) resolved = g_ptr_array_new_with_free_func (resolved_free);
  g_autoptr(GPtrArray) facts = (x->parse_flags & SHINSA_CITE_PARSE_OCR) ? xref_facts_from_ocr_claim (claim)
                                                                        : xref_facts_from_claim (claim);
  g_autofree char *claim_norm = xref_normalise (claim);
  JsonArray *cites_json = json_array_new ();
  gboolean filled = claim_norm[0] != '\0';
  XrefDoc *previous_doc = NULL;

  /* CITE-MISSING: a claim with nothing behind it */
  if (filled && !is_no_answer (claim) && list->citations->len == 0 && list->unparsed->len == 0 &&
      !list->previous)
    {
      g_autofree char *msg = NULL;

      if (list->none)
        msg = g_strdup_printf ("通番%d（%s）は申請内容が記入されていますが、添付書類等が「%s」で根拠資料が示されていません",
                               item->no, item->name != NULL ? item->name : "", item->evidence);
      else
        msg = g_strdup_printf ("通番%d（%s）は申請内容が記入されていますが、添付書類等が空欄で根拠資料が示されていません",
                               item->no, item->name != NULL ? item->name : "");
      item_finding (x, item, "CITE-MISSING", SHINSA_SEVERITY_ERROR, msg);
    }

  for (guint i = 0; i < list->unparsed->len; i++)
    {
      const char *part = g_ptr_array_index (list->unparsed, i);
      g_autofree char *msg = g_strdup_printf ("通番%dの添付書類等「%s」を資料・頁の指定として読めませんでした（資料番号と頁を「資料3 p.5」のように示してください）",
                                              item->no, part);
      item_finding (x, item, "CITE-UNPARSED", SHINSA_SEVERITY_WARNING, msg);
    }

  for (guint i = 0; i < list->citations->len; i++)
    {
      const ShinsaCitation *cite = g_ptr_array_index (list->citations, i);
      Resolved *r = resolve (x, item, cite, previous_doc, facts);
      JsonObject *cj = json_object_new ();
      JsonArray *pages = json_array_new ();
      JsonArray *labels = json_array_new ();

      g_ptr_array_add (resolved, r);
      if (r->doc == NULL)
        {
          ShinsaFinding *f;
          g_autofree char *msg = NULL;

          if (cite->doc_kind == SHINSA_CITE_DOC_NONE)
            {
              msg = g_strdup_printf ("通番%dの添付書類等「%s」は資料名が書かれておらず、示された箇所をもつ資料も見つかりません",
                                     item->no, cite->text);
              f = item_finding (x, item, "CITE-SECTION-NOT-FOUND", SHINSA_SEVERITY_WARNING, msg);
            }
          else
            {
              const ShinsaInventoryEntry *e = cite->doc_id != NULL ?
                xref_index_find_inventory (x->index, cite->doc_id) : NULL;

              msg = g_strdup_printf ("通番%dの添付書類等「%s」が示す%sは提出されていません（%s）",
                                     item->no, cite->text, r->doc_name,
                                     e != NULL ? "資料内訳書には記載があります" : "資料内訳書にもありません");
              f = item_finding (x, item, "CITE-DOC-NOT-FOUND", SHINSA_SEVERITY_ERROR, msg);
              shinsa_finding_set_document (f, cite->doc_id != NULL ? cite->doc_id : r->doc_name, NULL);
            }
        }
      else
        {
          r->doc->cited = TRUE;
          previous_doc = r->doc;
          resolve_pages (x, item, r, facts);
        }

      json_object_set_string_member (cj, "text", cite->text);
      if (r->doc != NULL)
        {
          json_object_set_string_member (cj, "document", doc_label (r->doc));
          json_object_set_string_member (cj, "path", shinsa_document_get_path (r->doc->doc));
        }
      else if (r->doc_name != NULL)
        json_object_set_string_member (cj, "document", r->doc_name);
      else
        json_object_set_null_member (cj, "document");
      for (guint p = 0; p < r->pages->len; p++)
        {
          int number = g_array_index (r->pages, int, p);
          g_autofree char *label = page_label_of (r->doc, number);
          json_array_add_int_element (pages, number);
          json_array_add_string_element (labels, label);
        }
      json_object_set_array_member (cj, "pages", pages);
      json_object_set_array_member (cj, "labels", labels);
      if (r->section != NULL)
        json_object_set_string_member (cj, "section", r->section);
      json_object_set_boolean_member (cj, "resolved", r->doc != NULL && r->resolved);
      if (r->by != NULL)
        json_object_set_string_member (cj, "by", r->by);
      if (r->note->len > 0)
        json_object_set_string_member (cj, "note", r->note->str);
      json_array_add_object_element (cites_json, cj);
    }

  if (filled)
    check_support (x, item, claim, resolved, facts, cites_json);
  else
    for (guint i = 0; i < json_array_get_length (cites_json); i++)
      json_object_set_string_member (json_array_get_object_element (cites_json, i), "support", "unchecked");
  check_outsourced (x, item, resolved, company);
  return cites_json;
}

/* ---- the stage ------------------------------------------------------------ */

static void
check_documents (Xref *x, gboolean whole_form)
{
  for (guint i = 0; i < x->index->docs->len; i++)
    {
      XrefDoc *d = g_ptr_array_index (x->index->docs, i);
      ShinsaRole role = shinsa_document_get_role (d->doc);
      const char *title = d->title != NULL ? d->title : shinsa_document_get_basename (d->doc);
      XrefWebLook look;

      if (!d->readable)
        continue;
      if (whole_form && !d->cited && role == SHINSA_ROLE_EVIDENCE)
        {
          ShinsaFinding *f = shinsa_context_add_finding (x->ctx, "DOC-UNCITED", SHINSA_SEVERITY_INFO,
                                                         "%s「%s」は、どの開示項目の添付書類等にも挙げられていません（不要な資料か、引用の書き漏れです）",
                                                         doc_label (d), title);
          set_doc (f, d);
        }
      xref_web_look (d->doc, &look);
      if (look.looks_web && (!look.has_url || !look.has_date))
        {
          const char *what = !look.has_url && !look.has_date ? "URLと取得日（印刷日時）" :
                             !look.has_url ? "URL" : "取得日（印刷日時）";
          ShinsaFinding *f = shinsa_context_add_finding (x->ctx, "DOC-WEB-NO-URL-DATE", SHINSA_SEVERITY_WARNING,
                                                         "%s「%s」はWebページの写しと見られますが、%sが印字されていません（ブラウザーの印刷でURLと日付を入れて提出してもらってください）",
                                                         doc_label (d), title, what);
          set_doc (f, d);
        }
    }
}

/* a data-centre provider's own paper among the evidence: the facility is
 * outsourced, and the applicant's word alone does not back it */
static gboolean
detect_outsourced (Xref *x, const char *company)
{
  if (company == NULL)
    return FALSE;
  for (guint i = 0; i < x->index->docs->len; i++)
    {
      XrefDoc *d = g_ptr_array_index (x->index->docs, i);

      if (!d->readable || d->n_pages == 0 || is_own_document (d, company))
        continue;
      for (int p = 0; p < MIN (d->n_pages, 2); p++)
        if (strstr (d->page_text[p], "データセンター") != NULL)
          return TRUE;
    }
  return FALSE;
}

static gboolean
crossref_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  ShinsaForm *form = shinsa_context_get_artifact (ctx, "form");
  GHashTable *changes = shinsa_context_get_artifact (ctx, "changes");
  JsonNode *items_node = shinsa_context_get_report_member (ctx, "items");
  g_autoptr(JsonNode) items_copy = NULL;
  g_autoptr(GHashTable) by_no = g_hash_table_new (NULL, NULL);
  g_autofree char *company = NULL;
  g_autoptr(ShinsaScheme) scheme = NULL;
  Xref x = { 0, };

  x.ctx = ctx;
  x.form = form;
  x.check_support = shinsa_options_get_bool (options, "support");
  x.index = xref_index_new (shinsa_context_get_documents (ctx), form);
  if (shinsa_context_get_scheme (ctx) != NULL)
    {
      g_autoptr(GError) local = NULL;
      scheme = shinsa_scheme_load (shinsa_context_get_scheme (ctx), &local);
      if (scheme == NULL)
        g_debug ("crossref: no scheme: %s", local->message);
    }
  x.scheme = scheme;
  /* a 申請書B read off a scan: its 添付書類等 is OCR text */
  if (form != NULL && g_strcmp0 (form->format, "pdf") == 0)
    {
      GPtrArray *docs = shinsa_context_get_documents (ctx);
      for (guint i = 0; i < docs->len; i++)
        {
          ShinsaDocument *doc = g_ptr_array_index (docs, i);
          if (shinsa_document_get_role (doc) == SHINSA_ROLE_FORM_B && shinsa_document_get_ocr_pages (doc) > 0)
            x.parse_flags |= SHINSA_CITE_PARSE_OCR;
        }
    }
  company = normalised_company (form != NULL && form->face != NULL ? form->face->company : NULL);
  x.outsourced = detect_outsourced (&x, company);

  if (items_node != NULL && JSON_NODE_HOLDS_ARRAY (items_node))
    {
      JsonArray *items;
      items_copy = json_node_copy (items_node);
      items = json_node_get_array (items_copy);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *o = json_array_get_object_element (items, i);
          if (o != NULL && json_object_has_member (o, "no"))
            g_hash_table_insert (by_no, GINT_TO_POINTER (json_object_get_int_member (o, "no")), o);
        }
    }

  if (form != NULL && form->items != NULL)
    for (guint i = 0; i < form->items->len; i++)
      {
        const ShinsaFormItem *item = g_ptr_array_index (form->items, i);
        JsonObject *o = g_hash_table_lookup (by_no, GINT_TO_POINTER (item->no));
        JsonArray *cites;

        if (g_cancellable_is_cancelled (shinsa_context_get_cancellable (ctx)))
          break;
        /* renewals examine the changed items only */
        if (changes != NULL && !g_hash_table_contains (changes, GINT_TO_POINTER (item->no)))
          {
            if (o != NULL)
              json_object_set_boolean_member (o, "examined", FALSE);
            continue;
          }
        cites = examine_item (&x, item, company);
        if (o != NULL)
          json_object_set_array_member (o, "citations", cites);
        else
          json_array_unref (cites);
        shinsa_context_set_progress (ctx, "crossref", (double) (i + 1) / form->items->len);
      }

  check_documents (&x, changes == NULL && form != NULL && form->items != NULL && form->items->len > 0);
  if (items_copy != NULL)
    shinsa_context_set_report_member (ctx, "items", g_steal_pointer (&items_copy));
  xref_index_free (x.index);
  (void) error;
  return TRUE;
}

static const ShinsaOptionSpec crossref_options[] = {
  { "support", SHINSA_OPTION_BOOL, "true",
    "look for the claim's facts (numbers, dates, names) on the cited pages" },
  { NULL }
};

static const char *const crossref_needs[] = { "documents", "pages", "form", NULL };
static const char *const crossref_provides[] = { NULL };

const ShinsaStageInfo crossref_stage = {
  "crossref",
  "添付書類等の引用先（資料・頁・節）と、申請内容がその頁に書かれているかの確認",
  "check that every claim cites a submitted document, an existing page and a page that says it",
  crossref_options, crossref_needs, crossref_provides, crossref_run
};
