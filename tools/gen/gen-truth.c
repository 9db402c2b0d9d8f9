/* Truth-file pieces shared by every kind of submission. */

#include "gen-truth.h"

gboolean
gen_truth_is_red (guint32 rgb)
{
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  return r >= 128 && g <= 96 && b <= 96 && r - MAX (g, b) >= 80;
}

void
gen_truth_page_text (JsonBuilder *b,
                     GenDoc      *doc,
                     guint        page,
                     gboolean     scanned,
                     GenInk       ink)
{
  g_autoptr(GPtrArray) spans = gen_doc_page_spans (doc, page);
  g_autofree char *text = gen_doc_page_text (spans);

  json_builder_set_member_name (b, "scanned");
  json_builder_add_boolean_value (b, scanned);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "red_spans");
  json_builder_begin_array (b);
  for (guint i = 0; ink == GEN_INK_COLOUR && i < spans->len; i++)
    {
      GenTextLine *l = g_ptr_array_index (spans, i);
      g_autofree char *color = NULL;

      if (!gen_truth_is_red (l->rgb))
        continue;
      color = g_strdup_printf ("#%06X", l->rgb);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, l->text);
      json_builder_set_member_name (b, "color");
      json_builder_add_string_value (b, color);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

gboolean
gen_truth_write (JsonNode    *root,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, &len);
  text = g_realloc (text, len + 2);
  text[len++] = '\n';
  text[len] = '\0';
  return g_file_set_contents (path, text, len, error);
}
