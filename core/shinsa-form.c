/* shinsa — the application form as read
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "shinsa-private.h"
#include "shinsa-form.h"

static const char *const class_names[] = {
  [SHINSA_ITEM_CLASS_UNKNOWN] = "unknown",
  [SHINSA_ITEM_CLASS_REQUIRED] = "required",
  [SHINSA_ITEM_CLASS_OPTIONAL] = "optional",
  [SHINSA_ITEM_CLASS_MIXED] = "mixed",
  [SHINSA_ITEM_CLASS_REQUIRED_THRESHOLD] = "required+threshold",
};

const char *
shinsa_item_class_to_string (ShinsaItemClass klass)
{
  g_return_val_if_fail (klass <= SHINSA_ITEM_CLASS_REQUIRED_THRESHOLD, NULL);
  return class_names[klass];
}

gboolean
shinsa_item_class_from_string (const char *str, ShinsaItemClass *out_class)
{
  g_return_val_if_fail (str != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (class_names); i++)
    if (g_strcmp0 (str, class_names[i]) == 0)
      {
        if (out_class != NULL)
          *out_class = (ShinsaItemClass) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
shinsa_color_is_red (guint32 rgb)
{
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
  int max = MAX (r, MAX (g, b)), min = MIN (r, MIN (g, b));
  int chroma = max - min, hue;

  /* By hue, saturation and value rather than by channel: 朱 is any strong
   * red from crimson to vermilion — FF0000, C00000, 800000, E60033, FF3300,
   * a theme's accent C0504D darkened by a tint.  Red ink on a scan comes
   * out of OCR as the mean of ink and paper (D91A1F printed, C67F85 read):
   * pale, but still exactly red in hue, so a weak saturation is taken when
   * the hue is within 10°.  Pink (FFC0CB: 10.5°, FF99CC), orange (past 20°),
   * brown and a scan's grey-black (dark, or too little chroma) do not count. */
  if (max != r || max < 0x73 || chroma * 100 < max * 20)
    return FALSE;
  hue = 60 * (g - b) / chroma;          /* degrees, -60 … 60 around red */
  if (chroma * 100 < max * 45)
    return 60 * ABS (g - b) <= 10 * chroma;
  return hue >= -20 && hue <= 20;
}

gboolean
shinsa_form_run_is_red (const ShinsaFormRun *run)
{
  g_return_val_if_fail (run != NULL, FALSE);
  return run->has_color && shinsa_color_is_red (run->color);
}

/* ---- items --------------------------------------------------------------- */

static void
run_clear (gpointer data)
{
  ShinsaFormRun *run = data;
  g_free (run->text);
}

static GArray *
runs_new (void)
{
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (ShinsaFormRun));
  g_array_set_clear_func (runs, run_clear);
  return runs;
}

G_DEFINE_BOXED_TYPE (ShinsaFormItem, shinsa_form_item, shinsa_form_item_ref, shinsa_form_item_unref)

ShinsaFormItem *
shinsa_form_item_new (int no)
{
  ShinsaFormItem *item = g_new0 (ShinsaFormItem, 1);

  item->no = no;
  item->content = g_strdup ("");
  item->evidence = g_strdup ("");
  item->content_runs = runs_new ();
  item->evidence_runs = runs_new ();
  item->fields = g_new0 (char *, 1);
  g_atomic_ref_count_init (&item->ref_count);
  return item;
}

ShinsaFormItem *
shinsa_form_item_ref (ShinsaFormItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  g_atomic_ref_count_inc (&item->ref_count);
  return item;
}

static void
location_clear (ShinsaFormLocation *where)
{
  g_free (where->sheet);
  g_free (where->no_cell);
  g_free (where->name_cell);
  g_free (where->content_cell);
  g_free (where->evidence_cell);
}

void
shinsa_form_item_unref (ShinsaFormItem *item)
{
  g_return_if_fail (item != NULL);
  if (!g_atomic_ref_count_dec (&item->ref_count))
    return;
  g_free (item->name);
  g_free (item->section);
  g_free (item->class_label);
  g_free (item->old_content);
  g_free (item->new_content);
  g_free (item->content);
  g_array_unref (item->content_runs);
  g_strfreev (item->fields);
  g_free (item->evidence);
  g_array_unref (item->evidence_runs);
  location_clear (&item->where);
  g_free (item);
}

static void
append_run (GArray *runs, char **text, const ShinsaFormRun *run)
{
  ShinsaFormRun copy = *run;
  char *joined;

  if (run->text == NULL || *run->text == '\0')
    return;
  /* neighbours of one ink are one run: rich text often splits for no reason */
  if (runs->len > 0)
    {
      ShinsaFormRun *last = &g_array_index (runs, ShinsaFormRun, runs->len - 1);
      if (last->has_color == run->has_color && last->strike == run->strike
          && (!run->has_color || last->color == run->color))
        {
          char *t = g_strconcat (last->text, run->text, NULL);
          g_free (last->text);
          last->text = t;
          goto text;
        }
    }
  copy.text = g_strdup (run->text);
  g_array_append_val (runs, copy);
text:
  joined = g_strconcat (*text, run->text, NULL);
  g_free (*text);
  *text = joined;
}

void
shinsa_form_item_append_content (ShinsaFormItem *item, const ShinsaFormRun *run)
{
  g_return_if_fail (item != NULL && run != NULL);
  append_run (item->content_runs, &item->content, run);
}

void
shinsa_form_item_append_evidence (ShinsaFormItem *item, const ShinsaFormRun *run)
{
  g_return_if_fail (item != NULL && run != NULL);
  append_run (item->evidence_runs, &item->evidence, run);
}

static gboolean
runs_have_red (GArray *runs)
{
  for (guint i = 0; i < runs->len; i++)
    {
      const ShinsaFormRun *run = &g_array_index (runs, ShinsaFormRun, i);
      if (shinsa_form_run_is_red (run))
        {
          g_autofree char *t = g_strstrip (g_strdup (run->text));
          if (*t != '\0')
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
shinsa_form_item_has_red (const ShinsaFormItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);
  return runs_have_red (item->content_runs) || runs_have_red (item->evidence_runs);
}

char *
shinsa_form_item_dup_red_content (const ShinsaFormItem *item)
{
  g_autoptr(GString) red = g_string_new (NULL);

  g_return_val_if_fail (item != NULL, NULL);
  for (guint i = 0; i < item->content_runs->len; i++)
    {
      const ShinsaFormRun *run = &g_array_index (item->content_runs, ShinsaFormRun, i);
      if (shinsa_form_run_is_red (run))
        g_string_append (red, run->text);
    }
  if (red->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&red), FALSE);
}

/* the sub-field a marker at @p opens (1-based), 0 when none; *len its bytes */
static int
field_marker (const char *p, gsize *len)
{
  gunichar c = g_utf8_get_char (p);

  if (c >= 0x2460 && c <= 0x2473)            /* ①…⑳ */
    {
      *len = g_utf8_next_char (p) - p;
      return (int) (c - 0x2460) + 1;
    }
  if (g_str_has_prefix (p, "【記述内容"))
    {
      const char *q = p + strlen ("【記述内容");
      int n = 0;
      while (*q != '\0')
        {
          gunichar d = g_utf8_get_char (q);
          int v = g_unichar_digit_value (d);
          if (v < 0)
            break;
          n = n * 10 + v;
          q = g_utf8_next_char (q);
        }
      if (n > 0 && g_str_has_prefix (q, "】"))
        {
          *len = (q + strlen ("】")) - p;
          return n;
        }
    }
  return 0;
}

#define OLD_NEW_OPEN "[（(【［\\[〈<＜]"
#define OLD_NEW_CLOSE "[）)】］\\]〉>＞]"
#define OLD_NEW_SP "[ \\t　]*"
#define OLD_WORDS "(?:旧|変更前|改定前|改訂前)"
#define NEW_WORDS "(?:新|変更後|改定後|改訂後)"
/* a bracketed marker anywhere; a bare one with a colon only at a line's start
 * (「最終更新：」 is no marker) */
#define OLD_NEW_MARKER(words) \
  "(?:" OLD_NEW_OPEN OLD_NEW_SP words OLD_NEW_SP OLD_NEW_CLOSE OLD_NEW_SP "[：:]?" \
  "|^" OLD_NEW_SP words OLD_NEW_SP "[：:])" OLD_NEW_SP

gboolean
shinsa_form_split_old_new (const char *text, char **old_text, char **new_text)
{
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) old_side = NULL, new_side = NULL;
  const char *p;
  int side = 0;                  /* 0 both, 1 old, 2 new */
  gboolean seen_old = FALSE, seen_new = FALSE;

  g_return_val_if_fail (old_text != NULL && new_text != NULL, FALSE);
  *old_text = *new_text = NULL;
  if (text == NULL)
    return FALSE;
  re = g_regex_new ("(" OLD_NEW_MARKER (OLD_WORDS) ")|(" OLD_NEW_MARKER (NEW_WORDS) ")",
                    G_REGEX_MULTILINE | G_REGEX_OPTIMIZE, 0, NULL);
  g_return_val_if_fail (re != NULL, FALSE);

  old_side = g_string_new (NULL);
  new_side = g_string_new (NULL);
  p = text;
  g_regex_match (re, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end, ostart = -1, oend = -1;
      g_match_info_fetch_pos (match, 0, &start, &end);
      g_match_info_fetch_pos (match, 1, &ostart, &oend);
      if (side != 2)
        g_string_append_len (old_side, p, (text + start) - p);
      if (side != 1)
        g_string_append_len (new_side, p, (text + start) - p);
      if (ostart >= 0 && oend > ostart)
        {
          side = 1;
          seen_old = TRUE;
        }
      else
        {
          side = 2;
          seen_new = TRUE;
        }
      p = text + end;
      g_match_info_next (match, NULL);
    }
  if (!seen_old || !seen_new)
    return FALSE;
  if (side != 2)
    g_string_append (old_side, p);
  if (side != 1)
    g_string_append (new_side, p);
  *old_text = g_strstrip (g_string_free (g_steal_pointer (&old_side), FALSE));
  *new_text = g_strstrip (g_string_free (g_steal_pointer (&new_side), FALSE));
  return TRUE;
}

const char *
shinsa_form_item_get_current_content (const ShinsaFormItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return item->new_content != NULL ? item->new_content : item->content;
}

void
shinsa_form_item_split_fields (ShinsaFormItem *item)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  const char *p, *start = NULL;
  int current = 0;
  gboolean at_line_start = TRUE;

  g_return_if_fail (item != NULL);

  g_clear_pointer (&item->old_content, g_free);
  g_clear_pointer (&item->new_content, g_free);
  shinsa_form_split_old_new (item->content, &item->old_content, &item->new_content);

  for (p = shinsa_form_item_get_current_content (item); *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize len = 0;
      int n = at_line_start ? field_marker (p, &len) : 0;

      at_line_start = (*p == '\n');
      if (n == 0)
        continue;
      if (start != NULL)
        g_ptr_array_index (fields, current - 1) = g_strstrip (g_strndup (start, p - start));
      while ((int) fields->len < n)
        g_ptr_array_add (fields, g_strdup (""));
      g_free (g_ptr_array_index (fields, n - 1));
      g_ptr_array_index (fields, n - 1) = NULL;
      current = n;
      start = p + len;
      p += len - 1;          /* the loop steps one byte on */
      at_line_start = FALSE;
      if (*start == '\0')
        break;
    }
  if (start != NULL && current > 0)
    {
      g_free (g_ptr_array_index (fields, current - 1));
      g_ptr_array_index (fields, current - 1) = g_strstrip (g_strdup (start));
    }
  for (guint i = 0; i < fields->len; i++)
    if (g_ptr_array_index (fields, i) == NULL)
      g_ptr_array_index (fields, i) = g_strdup ("");

  g_strfreev (item->fields);
  if (fields->len == 0)
    {
      item->fields = g_new0 (char *, 2);
      item->fields[0] = g_strstrip (g_strdup (shinsa_form_item_get_current_content (item)));
      item->fields_marked = FALSE;
      return;
    }
  g_ptr_array_add (fields, NULL);
  item->fields = (char **) g_ptr_array_steal (fields, NULL);
  item->fields_marked = TRUE;
}

char *
shinsa_form_item_describe_cell (const ShinsaFormItem *item, const char *path, const char *cell)
{
  g_return_val_if_fail (item != NULL, NULL);

  if (item->where.page > 0)
    return g_strdup_printf ("「%s」の%d頁", path != NULL ? path : "申請書B", item->where.page);
  if (cell == NULL)
    cell = item->where.content_cell;
  /* a CSV file's one "sheet" is the file itself */
  if (item->where.sheet != NULL && cell != NULL && path != NULL && g_str_has_suffix (path, item->where.sheet))
    return g_strdup_printf ("「%s」の%s", path, cell);
  if (item->where.sheet != NULL && cell != NULL)
    return g_strdup_printf ("「%s」のシート%s %s", path != NULL ? path : "申請書B", item->where.sheet, cell);
  if (cell != NULL)
    return g_strdup_printf ("「%s」の%s", path != NULL ? path : "申請書B", cell);
  return g_strdup_printf ("「%s」", path != NULL ? path : "申請書B");
}

static JsonNode *
runs_to_json (GArray *runs)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < runs->len; i++)
    {
      const ShinsaFormRun *run = &g_array_index (runs, ShinsaFormRun, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, run->text);
      json_builder_set_member_name (b, "color");
      if (run->has_color)
        {
          g_autofree char *hex = g_strdup_printf ("#%06X", run->color & 0xffffff);
          json_builder_add_string_value (b, hex);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "red");
      json_builder_add_boolean_value (b, shinsa_form_run_is_red (run));
      if (run->strike)
        {
          json_builder_set_member_name (b, "strike");
          json_builder_add_boolean_value (b, TRUE);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

JsonNode *
shinsa_form_item_to_json (const ShinsaFormItem *item)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (item != NULL, NULL);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "no");
  json_builder_add_int_value (b, item->no);
  add_string (b, "name", item->name);
  add_string (b, "section", item->section);
  json_builder_set_member_name (b, "class");
  json_builder_add_string_value (b, shinsa_item_class_to_string (item->klass));
  add_string (b, "class_label", item->class_label);
  add_string (b, "content", item->content);
  add_string (b, "old_content", item->old_content);
  add_string (b, "new_content", item->new_content);
  json_builder_set_member_name (b, "content_runs");
  json_builder_add_value (b, runs_to_json (item->content_runs));
  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint i = 0; item->fields[i] != NULL; i++)
    json_builder_add_string_value (b, item->fields[i]);
  json_builder_end_array (b);
  add_string (b, "evidence", item->evidence);
  json_builder_set_member_name (b, "evidence_runs");
  json_builder_add_value (b, runs_to_json (item->evidence_runs));
  json_builder_set_member_name (b, "source");
  json_builder_begin_object (b);
  add_string (b, "sheet", item->where.sheet);
  if (item->where.first_row > 0)
    {
      json_builder_set_member_name (b, "first_row");
      json_builder_add_int_value (b, item->where.first_row);
      json_builder_set_member_name (b, "last_row");
      json_builder_add_int_value (b, item->where.last_row);
    }
  add_string (b, "no_cell", item->where.no_cell);
  add_string (b, "name_cell", item->where.name_cell);
  add_string (b, "content_cell", item->where.content_cell);
  add_string (b, "evidence_cell", item->where.evidence_cell);
  if (item->where.page > 0)
    {
      json_builder_set_member_name (b, "page");
      json_builder_add_int_value (b, item->where.page);
      json_builder_set_member_name (b, "box");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, item->where.x);
      json_builder_add_double_value (b, item->where.y);
      json_builder_add_double_value (b, item->where.width);
      json_builder_add_double_value (b, item->where.height);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- face sheet ---------------------------------------------------------- */

ShinsaFaceSheet *
shinsa_face_sheet_new (const char *path)
{
  ShinsaFaceSheet *face = g_new0 (ShinsaFaceSheet, 1);

  face->path = g_strdup (path);
  face->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return face;
}

void
shinsa_face_sheet_free (ShinsaFaceSheet *face)
{
  if (face == NULL)
    return;
  g_free (face->path);
  g_free (face->application_type);
  g_free (face->application_date);
  g_free (face->scheme_title);
  g_free (face->company);
  g_free (face->company_kana);
  g_free (face->corporate_number);
  g_free (face->representative);
  g_free (face->address);
  g_free (face->service_name);
  g_free (face->contact);
  g_free (face->certification_number);
  g_hash_table_unref (face->fields);
  g_free (face);
}

JsonNode *
shinsa_face_sheet_to_json (const ShinsaFaceSheet *face)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (face != NULL, NULL);
  json_builder_begin_object (b);
  add_string (b, "path", face->path);
  add_string (b, "application_type", face->application_type);
  json_builder_set_member_name (b, "renewal");
  json_builder_add_boolean_value (b, face->renewal);
  add_string (b, "application_date", face->application_date);
  add_string (b, "scheme_title", face->scheme_title);
  add_string (b, "company", face->company);
  add_string (b, "company_kana", face->company_kana);
  add_string (b, "corporate_number", face->corporate_number);
  add_string (b, "representative", face->representative);
  add_string (b, "address", face->address);
  add_string (b, "service_name", face->service_name);
  add_string (b, "contact", face->contact);
  add_string (b, "certification_number", face->certification_number);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
shinsa_certification_number_parse (const char *number,
                                   char **out_identifier,
                                   int *out_serial,
                                   int *out_year,
                                   int *out_month)
{
  g_autofree char *norm = NULL;
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *serial = NULL, *ym = NULL;
  int month;

  g_return_val_if_fail (number != NULL, FALSE);
  norm = g_utf8_normalize (number, -1, G_NORMALIZE_NFKC);
  if (norm == NULL)
    return FALSE;
  g_strstrip (norm);
  re = g_regex_new ("^(\\D+?)\\s*第?\\s*(\\d{4})\\s*[-‐‑–—－ー]?\\s*(\\d{4})\\s*号?$", 0, 0, NULL);
  if (!g_regex_match (re, norm, 0, &match))
    return FALSE;
  serial = g_match_info_fetch (match, 2);
  ym = g_match_info_fetch (match, 3);
  month = (ym[2] - '0') * 10 + (ym[3] - '0');
  if (month < 1 || month > 12)
    return FALSE;
  if (out_identifier != NULL)
    *out_identifier = g_match_info_fetch (match, 1);
  if (out_serial != NULL)
    *out_serial = atoi (serial);
  if (out_year != NULL)
    *out_year = 2000 + (ym[0] - '0') * 10 + (ym[1] - '0');
  if (out_month != NULL)
    *out_month = month;
  return TRUE;
}

/* ---- inventory ----------------------------------------------------------- */

void
shinsa_inventory_entry_free (ShinsaInventoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->id_as_written);
  g_free (entry->title);
  g_free (entry->file);
  g_free (entry->document);
  g_free (entry);
}

/* ---- form ---------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (ShinsaForm, shinsa_form, shinsa_form_ref, shinsa_form_unref)

ShinsaForm *
shinsa_form_new (void)
{
  ShinsaForm *form = g_new0 (ShinsaForm, 1);

  form->items = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_form_item_unref);
  form->inventory = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_inventory_entry_free);
  g_atomic_ref_count_init (&form->ref_count);
  return form;
}

ShinsaForm *
shinsa_form_ref (ShinsaForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);
  g_atomic_ref_count_inc (&form->ref_count);
  return form;
}

void
shinsa_form_unref (ShinsaForm *form)
{
  g_return_if_fail (form != NULL);
  if (!g_atomic_ref_count_dec (&form->ref_count))
    return;
  g_free (form->scheme);
  g_free (form->path);
  g_free (form->format);
  g_free (form->title);
  g_ptr_array_unref (form->items);
  shinsa_face_sheet_free (form->face);
  g_free (form->inventory_path);
  g_ptr_array_unref (form->inventory);
  g_free (form);
}

ShinsaFormItem *
shinsa_form_find_item (const ShinsaForm *form, int no)
{
  g_return_val_if_fail (form != NULL, NULL);
  for (guint i = 0; i < form->items->len; i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (form->items, i);
      if (item->no == no)
        return item;
    }
  return NULL;
}

JsonNode *
shinsa_form_to_json (const ShinsaForm *form)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (form != NULL, NULL);
  json_builder_begin_object (b);
  add_string (b, "scheme", form->scheme);
  add_string (b, "path", form->path);
  add_string (b, "format", form->format);
  add_string (b, "title", form->title);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < form->items->len; i++)
    json_builder_add_value (b, shinsa_form_item_to_json (g_ptr_array_index (form->items, i)));
  json_builder_end_array (b);
  if (form->face != NULL)
    {
      json_builder_set_member_name (b, "face_sheet");
      json_builder_add_value (b, shinsa_face_sheet_to_json (form->face));
    }
  add_string (b, "inventory_path", form->inventory_path);
  json_builder_set_member_name (b, "inventory");
  json_builder_begin_array (b);
  for (guint i = 0; i < form->inventory->len; i++)
    {
      const ShinsaInventoryEntry *e = g_ptr_array_index (form->inventory, i);
      json_builder_begin_object (b);
      add_string (b, "id", e->id);
      add_string (b, "id_as_written", e->id_as_written);
      add_string (b, "title", e->title);
      add_string (b, "file", e->file);
      json_builder_set_member_name (b, "row");
      json_builder_add_int_value (b, e->row);
      add_string (b, "document", e->document);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
