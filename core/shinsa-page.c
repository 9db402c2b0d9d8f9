/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

G_DEFINE_BOXED_TYPE (ShinsaPage, shinsa_page, shinsa_page_ref, shinsa_page_unref)

static void
span_clear (gpointer data)
{
  ShinsaSpan *span = data;

  g_free (span->text);
  g_free (span->font);
}

/* Boxes in hundredths of a point: enough for highlighting, and the JSON
 * stays small.  Pages hold them rounded from the start, so that a page read
 * back from the cache is the page that was computed, to the bit. */
static double
round2 (double v)
{
  return (double) (gint64) (v * 100.0 + (v >= 0 ? 0.5 : -0.5)) / 100.0;
}

ShinsaPage *
shinsa_page_new (int number, double width, double height)
{
  ShinsaPage *page;

  g_return_val_if_fail (number >= 1, NULL);

  page = g_new0 (ShinsaPage, 1);
  g_atomic_ref_count_init (&page->ref_count);
  page->number = number;
  page->width = round2 (width);
  page->height = round2 (height);
  page->spans = g_array_new (FALSE, TRUE, sizeof (ShinsaSpan));
  g_array_set_clear_func (page->spans, span_clear);
  return page;
}

ShinsaPage *
shinsa_page_ref (ShinsaPage *page)
{
  g_return_val_if_fail (page != NULL, NULL);
  g_atomic_ref_count_inc (&page->ref_count);
  return page;
}

void
shinsa_page_unref (ShinsaPage *page)
{
  if (page == NULL || !g_atomic_ref_count_dec (&page->ref_count))
    return;
  g_free (page->label);
  g_free (page->label_source);
  g_free (page->text);
  g_free (page->note);
  g_array_unref (page->spans);
  g_free (page);
}

ShinsaSpan *
shinsa_page_add_span (ShinsaPage *page, const ShinsaSpan *span)
{
  ShinsaSpan copy;

  g_return_val_if_fail (page != NULL && span != NULL, NULL);

  copy = *span;
  copy.x = round2 (span->x);
  copy.y = round2 (span->y);
  copy.width = round2 (span->width);
  copy.height = round2 (span->height);
  copy.font_size = round2 (span->font_size);
  copy.confidence = (float) round2 (span->confidence);
  copy.text = g_strdup (span->text);
  copy.font = g_strdup (span->font);
  g_array_append_val (page->spans, copy);
  return &g_array_index (page->spans, ShinsaSpan, page->spans->len - 1);
}

char *
shinsa_page_display_label (const ShinsaPage *page)
{
  g_return_val_if_fail (page != NULL, NULL);
  return page->label != NULL ? g_strdup (page->label) : g_strdup_printf ("%d", page->number);
}

const char *
shinsa_span_source_to_string (ShinsaSpanSource source)
{
  return source == SHINSA_SPAN_OCR ? "ocr" : "pdf-text";
}

const char *
shinsa_page_text_source_to_string (ShinsaPageTextSource source)
{
  switch (source)
    {
    case SHINSA_PAGE_TEXT_PDF: return "pdf-text";
    case SHINSA_PAGE_TEXT_OCR: return "ocr";
    case SHINSA_PAGE_TEXT_NONE:
    default: return "none";
    }
}

static gboolean
page_text_source_from_string (const char *s, ShinsaPageTextSource *out)
{
  for (int i = SHINSA_PAGE_TEXT_NONE; i <= SHINSA_PAGE_TEXT_OCR; i++)
    if (g_strcmp0 (s, shinsa_page_text_source_to_string (i)) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}


JsonNode *
shinsa_page_to_json (const ShinsaPage *page, gboolean with_spans)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (page != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "page");
  json_builder_add_int_value (b, page->number);
  json_builder_set_member_name (b, "label");
  if (page->label != NULL)
    json_builder_add_string_value (b, page->label);
  else
    json_builder_add_null_value (b);
  if (page->label_source != NULL)
    {
      json_builder_set_member_name (b, "label_source");
      json_builder_add_string_value (b, page->label_source);
    }
  json_builder_set_member_name (b, "width");
  json_builder_add_double_value (b, round2 (page->width));
  json_builder_set_member_name (b, "height");
  json_builder_add_double_value (b, round2 (page->height));
  json_builder_set_member_name (b, "rotation");
  json_builder_add_int_value (b, page->rotation);
  json_builder_set_member_name (b, "vertical");
  json_builder_add_boolean_value (b, page->vertical);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, shinsa_page_text_source_to_string (page->source));
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, round2 (page->confidence));
  if (page->note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, page->note);
    }
  if (page->parse_errors > 0)
    {
      json_builder_set_member_name (b, "parse_errors");
      json_builder_add_int_value (b, page->parse_errors);
    }
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, page->text != NULL ? page->text : "");
  if (with_spans)
    {
      json_builder_set_member_name (b, "spans");
      json_builder_begin_array (b);
      for (guint i = 0; i < page->spans->len; i++)
        {
          const ShinsaSpan *s = &g_array_index (page->spans, ShinsaSpan, i);
          char color[8];

          g_snprintf (color, sizeof color, "#%06x", s->color & 0xffffff);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, s->text != NULL ? s->text : "");
          json_builder_set_member_name (b, "box");
          json_builder_begin_array (b);
          json_builder_add_double_value (b, round2 (s->x));
          json_builder_add_double_value (b, round2 (s->y));
          json_builder_add_double_value (b, round2 (s->width));
          json_builder_add_double_value (b, round2 (s->height));
          json_builder_end_array (b);
          json_builder_set_member_name (b, "font_size");
          json_builder_add_double_value (b, round2 (s->font_size));
          if (s->font != NULL)
            {
              json_builder_set_member_name (b, "font");
              json_builder_add_string_value (b, s->font);
            }
          json_builder_set_member_name (b, "color");
          json_builder_add_string_value (b, color);
          json_builder_set_member_name (b, "source");
          json_builder_add_string_value (b, shinsa_span_source_to_string (s->source));
          json_builder_set_member_name (b, "confidence");
          json_builder_add_double_value (b, round2 (s->confidence));
          json_builder_set_member_name (b, "line");
          json_builder_add_int_value (b, s->line);
          if (s->vertical)
            {
              json_builder_set_member_name (b, "vertical");
              json_builder_add_boolean_value (b, TRUE);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
bad_page (GError **error, const char *what)
{
  g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED, _("not a page: %s"), what);
  return FALSE;
}

ShinsaPage *
shinsa_page_from_json (JsonNode *node, GError **error)
{
  g_autoptr(ShinsaPage) page = NULL;
  JsonObject *o;
  JsonArray *spans = NULL;
  ShinsaPageTextSource source;
  gint64 number;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad_page (error, "not an object"), NULL;
  o = json_node_get_object (node);
  number = json_object_get_int_member_with_default (o, "page", 0);
  if (number < 1 || number > G_MAXINT)
    return bad_page (error, "no page number"), NULL;
  if (!page_text_source_from_string (json_object_get_string_member_with_default (o, "source", NULL), &source))
    return bad_page (error, "unknown source"), NULL;

  page = shinsa_page_new ((int) number,
                          json_object_get_double_member_with_default (o, "width", 0),
                          json_object_get_double_member_with_default (o, "height", 0));
  if (json_object_has_member (o, "label") && !json_object_get_null_member (o, "label"))
    page->label = g_strdup (json_object_get_string_member_with_default (o, "label", NULL));
  page->label_source = g_strdup (json_object_get_string_member_with_default (o, "label_source", NULL));
  page->rotation = json_object_get_int_member_with_default (o, "rotation", 0);
  page->vertical = json_object_get_boolean_member_with_default (o, "vertical", FALSE);
  page->source = source;
  page->confidence = json_object_get_double_member_with_default (o, "confidence", 0);
  page->text = g_strdup (json_object_get_string_member_with_default (o, "text", ""));
  page->note = g_strdup (json_object_get_string_member_with_default (o, "note", NULL));
  page->parse_errors = (guint) CLAMP (json_object_get_int_member_with_default (o, "parse_errors", 0), 0, G_MAXINT);

  if (json_object_has_member (o, "spans"))
    spans = json_object_get_array_member (o, "spans");
  for (guint i = 0; spans != NULL && i < json_array_get_length (spans); i++)
    {
      JsonNode *sn = json_array_get_element (spans, i);
      JsonObject *so;
      JsonArray *box;
      ShinsaSpan span = { 0 };
      const char *color;

      if (!JSON_NODE_HOLDS_OBJECT (sn))
        return bad_page (error, "a span is not an object"), NULL;
      so = json_node_get_object (sn);
      box = json_object_has_member (so, "box") ? json_object_get_array_member (so, "box") : NULL;
      if (box == NULL || json_array_get_length (box) != 4)
        return bad_page (error, "a span has no box"), NULL;
      span.text = (char *) json_object_get_string_member_with_default (so, "text", "");
      span.x = json_array_get_double_element (box, 0);
      span.y = json_array_get_double_element (box, 1);
      span.width = json_array_get_double_element (box, 2);
      span.height = json_array_get_double_element (box, 3);
      span.font_size = json_object_get_double_member_with_default (so, "font_size", 0);
      span.font = (char *) json_object_get_string_member_with_default (so, "font", NULL);
      color = json_object_get_string_member_with_default (so, "color", "#000000");
      if (color[0] != '#' || strlen (color) != 7)
        return bad_page (error, "a span has a bad colour"), NULL;
      span.color = (guint32) g_ascii_strtoull (color + 1, NULL, 16);
      span.source = g_strcmp0 (json_object_get_string_member_with_default (so, "source", ""), "ocr") == 0
                      ? SHINSA_SPAN_OCR : SHINSA_SPAN_PDF_TEXT;
      span.confidence = json_object_get_double_member_with_default (so, "confidence", 0);
      span.line = json_object_get_int_member_with_default (so, "line", 0);
      span.vertical = json_object_get_boolean_member_with_default (so, "vertical", FALSE);
      shinsa_page_add_span (page, &span);
    }
  return g_steal_pointer (&page);
}
