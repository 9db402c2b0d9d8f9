/* The form stage: 申請書B read whole from every format, each form rule on
 * its planted item, and hostile workbooks refused without harm.
 *
 * Expected contents come from fixtures/sample.truth.json; the workbooks the
 * rules are tried on are written here, from the same truth, with one item
 * changed per case.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "form.h"

/* ---- the truth --------------------------------------------------------------- */

static JsonParser *truth_parser;

static JsonArray *
truth_items (void)
{
  if (truth_parser == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample.truth.json", NULL);
      g_autoptr(GError) error = NULL;
      truth_parser = json_parser_new ();
      json_parser_load_from_file (truth_parser, path, &error);
      g_assert_no_error (error);
    }
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (truth_parser)), "items");
}

static ShinsaScheme *
load_scheme (void)
{
  g_autoptr(GError) error = NULL;
  ShinsaScheme *scheme = shinsa_scheme_load ("iaas-paas-iot", &error);
  g_assert_no_error (error);
  g_assert_nonnull (scheme);
  return scheme;
}

/* every item of @form against the truth: 通番, content, evidence, row */
static void
assert_form_matches_truth (ShinsaForm *form, gboolean check_rows)
{
  JsonArray *items = truth_items ();

  g_assert_cmpuint (form->items->len, ==, json_array_get_length (items));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *t = json_array_get_object_element (items, i);
      ShinsaFormItem *item = g_ptr_array_index (form->items, i);

      g_assert_cmpint (item->no, ==, json_object_get_int_member (t, "no"));
      g_assert_cmpstr (item->content, ==, json_object_get_string_member (t, "content"));
      g_assert_cmpstr (item->evidence, ==, json_object_get_string_member (t, "evidence"));
      if (check_rows)
        g_assert_cmpint (item->where.first_row, ==, json_object_get_int_member (t, "row"));
    }
}

/* ---- a small xlsx writer ---------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *data;
  gsize len;                   /* 0: strlen */
} Part;

static void
write_zip (const char *path, const Part *parts, guint n)
{
  struct archive *a = archive_write_new ();

  archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n; i++)
    {
      struct archive_entry *e = archive_entry_new ();
      gsize len = parts[i].len != 0 ? parts[i].len : strlen (parts[i].data);
      archive_entry_set_pathname (e, parts[i].name);
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      archive_entry_set_size (e, (la_int64_t) len);
      g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, parts[i].data, len), ==, (la_ssize_t) len);
      archive_entry_free (e);
    }
  archive_write_close (a);
  archive_write_free (a);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char root_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
  "</Relationships>";

/* a workbook of one sheet named @sheet_name; @sheet_data is the inside of
 * <sheetData>, @extra_parts more parts (styles, theme, shared strings) */
static void
write_xlsx (const char *path, const char *sheet_name, const char *sheet_data, const char *merges,
            const Part *extra, guint n_extra)
{
  g_autofree char *workbook = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " NS "><sheets>"
    "<sheet name=\"%s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", sheet_name);
  g_autofree char *sheet = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " NS "><sheetData>%s</sheetData>%s</worksheet>",
    sheet_data, merges != NULL ? merges : "");
  GString *wb_rels = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>");
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  Part base[] = {
    { "[Content_Types].xml", content_types, 0 },
    { "_rels/.rels", root_rels, 0 },
    { "xl/workbook.xml", workbook, 0 },
    { "xl/worksheets/sheet1.xml", sheet, 0 },
  };
  g_autofree char *rels = NULL;

  for (guint i = 0; i < n_extra; i++)
    {
      const char *type = g_str_has_suffix (extra[i].name, "styles.xml") ? "styles"
                         : g_str_has_suffix (extra[i].name, "sharedStrings.xml") ? "sharedStrings"
                         : g_str_has_suffix (extra[i].name, "theme1.xml") ? "theme" : NULL;
      if (type != NULL)
        g_string_append_printf (wb_rels, "<Relationship Id=\"rId%u\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s\" Target=\"%s\"/>",
                                i + 2, type, extra[i].name + strlen ("xl/"));
    }
  g_string_append (wb_rels, "</Relationships>");
  rels = g_string_free (wb_rels, FALSE);
  g_array_append_vals (parts, base, G_N_ELEMENTS (base));
  {
    Part p = { "xl/_rels/workbook.xml.rels", rels, 0 };
    g_array_append_val (parts, p);
  }
  g_array_append_vals (parts, extra, n_extra);
  write_zip (path, (Part *) parts->data, parts->len);
}

static char *
xml_escape (const char *text)
{
  return g_markup_escape_text (text, -1);
}

static void
add_cell (GString *row, guint r, guint c, const char *text)
{
  g_autofree char *ref = form_cell_name (r, c);
  g_autofree char *esc = NULL;
  if (text == NULL || *text == '\0')
    return;
  esc = xml_escape (text);
  g_string_append_printf (row, "<c r=\"%s\" t=\"inlineStr\"><is><t xml:space=\"preserve\">%s</t></is></c>", ref, esc);
}

/* How a case changes the sample's items before they are written */
typedef struct {
  int no;
  const char *content;         /* NULL: as in the truth */
  const char *name;            /* NULL: the catalogue's */
  gboolean drop;
} Change;

/* The form, written from the truth and the catalogue in another layout
 * than the sample's: a taller title block, columns reordered
 * (添付書類等 first), 通番 as "No." */
static char *
form_sheet_data (const ShinsaScheme *scheme, const Change *changes, guint n_changes)
{
  JsonArray *items = truth_items ();
  GString *data = g_string_new (NULL);
  guint row = 1;

  g_string_append (data, "<row r=\"1\">");
  add_cell (data, 1, 1, "ＩａａＳ・ＰａａＳ（ＩｏＴクラウドサービス）の安全・信頼性に係る情報開示認定制度　申請書Ｂ");
  g_string_append (data, "</row><row r=\"3\">");
  add_cell (data, 3, 1, "事業者名：テスト株式会社");
  g_string_append (data, "</row><row r=\"6\">");
  add_cell (data, 6, 1, "添付書類等");
  add_cell (data, 6, 2, "Ｎｏ．");
  add_cell (data, 6, 3, "開示項目");
  add_cell (data, 6, 4, "申請内容");
  g_string_append (data, "</row>");
  row = 7;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *t = json_array_get_object_element (items, i);
      int no = (int) json_object_get_int_member (t, "no");
      const char *content = json_object_get_string_member (t, "content");
      const char *name = shinsa_scheme_get_item (scheme, no)->name;
      g_autofree char *no_text = g_strdup_printf ("%d", no);
      gboolean drop = FALSE;

      for (guint k = 0; k < n_changes; k++)
        if (changes[k].no == no)
          {
            if (changes[k].content != NULL)
              content = changes[k].content;
            if (changes[k].name != NULL)
              name = changes[k].name;
            drop = changes[k].drop;
          }
      if (drop)
        continue;
      g_string_append_printf (data, "<row r=\"%u\">", row);
      add_cell (data, row, 1, json_object_get_string_member (t, "evidence"));
      add_cell (data, row, 2, no_text);
      add_cell (data, row, 3, name);
      add_cell (data, row, 4, content);
      g_string_append (data, "</row>");
      row++;
    }
  return g_string_free (data, FALSE);
}

/* ---- the sample, read whole ---------------------------------------------------------- */

static FormBook *
read_fixture (const char *name, GError **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", name, NULL);
  FormLimits limits;
  form_limits_init_default (&limits);
  return form_read_any (path, name, &limits, error);
}

static void
test_sample_xlsx (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaForm) form = shinsa_form_new ();
  g_autoptr(FormBook) book = NULL;
  gint64 start, end;
  const int rounds = 20;

  g_test_summary ("the sample's 申請書B.xlsx: all 133 items, content and evidence exactly as the truth file has them");
  book = read_fixture ("申請書B.xlsx", &error);
  g_assert_no_error (error);
  g_assert_true (formb_read (book, form, &error));
  g_assert_no_error (error);
  assert_form_matches_truth (form, TRUE);
  g_assert_cmpstr (form->format, ==, "xlsx");
  g_assert_nonnull (strstr (form->title, "申請書"));
  g_assert_cmpstr (shinsa_scheme_guess_from_title (form->title), ==, "iaas-paas-iot");
  /* a new application: no red ink in any item */
  for (guint i = 0; i < form->items->len; i++)
    g_assert_false (shinsa_form_item_has_red (g_ptr_array_index (form->items, i)));
  /* the artifact as JSON, for tools */
  {
    g_autoptr(JsonNode) json = shinsa_form_to_json (form);
    JsonObject *o = json_node_get_object (json);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "items")), ==, 133);
    g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "xlsx");
  }
  /* sub-fields split at ①② */
  {
    ShinsaFormItem *item = shinsa_form_find_item (form, 130);
    g_assert_true (item->fields_marked);
    g_assert_cmpuint (g_strv_length (item->fields), ==, 4);
    g_assert_cmpstr (item->fields[2], ==, "有り");
    g_assert_cmpstr (item->where.sheet, ==, "申請書B");
    g_assert_cmpstr (item->where.content_cell, ==, "E147");
  }

  start = g_get_monotonic_time ();
  for (int i = 0; i < rounds; i++)
    {
      g_autoptr(FormBook) b = read_fixture ("申請書B.xlsx", NULL);
      g_autoptr(ShinsaForm) f = shinsa_form_new ();
      g_assert_true (formb_read (b, f, NULL));
    }
  end = g_get_monotonic_time ();
  g_test_message ("reading the sample's 申請書B.xlsx (133 items): %.2f ms per form",
                  (end - start) / 1000.0 / rounds);
}

/* ---- renewal forms written old/new side by side ---------------------------------------- */

typedef struct {
  const char *text;
  const char *old_text;         /* NULL: not an old/new presentation */
  const char *new_text;
} OldNewCase;

static const OldNewCase old_new_cases[] = {
  { "（旧）100名\n（新）120名", "100名", "120名" },
  { "(旧) 100名 (新) 120名", "100名", "120名" },
  { "【旧】①A\n②B\n【新】①C\n②D", "①A\n②B", "①C\n②D" },
  { "変更前：平日のみ\n変更後：毎日", "平日のみ", "毎日" },
  { "（変更前）平日のみ（変更後）毎日", "平日のみ", "毎日" },
  { "改定前：週1回\n改定後：毎日", "週1回", "毎日" },
  { "【改訂前】週1回【改訂後】毎日", "週1回", "毎日" },
  { "旧：A社\n新：B社", "A社", "B社" },
  { "旧:A社\n新:B社", "A社", "B社" },
  /* text outside the marked parts belongs to both sides */
  { "有り（旧）年1回（新）年2回", "有り年1回", "有り年2回" },
  /* no markers, or only one side, or words that only look like markers */
  { "有り（電子メール）", NULL, NULL },
  { "（新）サービス開始", NULL, NULL },
  { "最終更新：2024年6月1日。旧版と新版の差分は資料2", NULL, NULL },
  { "変更前に告知し、変更後に報告する", NULL, NULL },
};

static void
test_old_new_split (void)
{
  g_test_summary ("old/new presentations (（旧）/（新）, 変更前/変更後, 改定前/改定後, 旧：/新：) split into their sides");
  for (guint i = 0; i < G_N_ELEMENTS (old_new_cases); i++)
    {
      const OldNewCase *c = &old_new_cases[i];
      g_autofree char *old_text = NULL, *new_text = NULL;
      gboolean split = shinsa_form_split_old_new (c->text, &old_text, &new_text);

      g_test_message ("%s", c->text);
      g_assert_cmpint (split, ==, c->old_text != NULL);
      g_assert_cmpstr (old_text, ==, c->old_text);
      g_assert_cmpstr (new_text, ==, c->new_text);
    }
}

static JsonObject *
renewal_truth (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal.truth.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static ShinsaForm *
read_renewal_form (const char *side)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "renewal", side, "申請書B.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  ShinsaForm *form = shinsa_form_new ();
  FormLimits limits;

  form_limits_init_default (&limits);
  book = form_read_any (path, "申請書B.xlsx", &limits, &error);
  g_assert_no_error (error);
  g_assert_true (formb_read (book, form, &error));
  g_assert_no_error (error);
  return form;
}

/* every change the generator made: written old/new (kyu-shin, henkou), the
 * item keeps both sides, the new one exactly; otherwise no old side */
static void
test_renewal_old_new (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *truth = renewal_truth (parser);
  JsonArray *changes = json_object_get_array_member (json_object_get_object_member (truth, "current"), "changes");
  g_autoptr(ShinsaForm) form = read_renewal_form ("current");
  g_autoptr(ShinsaForm) previous = read_renewal_form ("previous");
  guint both = 0;

  g_test_summary ("renewal/current: items written old/new side by side keep the old side and are read on the new");
  g_assert_cmpuint (form->items->len, ==, 133);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      const char *shown = json_object_get_string_member (c, "shown");
      int no = (int) json_object_get_int_member (c, "item");
      ShinsaFormItem *item = shinsa_form_find_item (form, no);

      g_test_message ("item %d (%s)", no, shown);
      g_assert_nonnull (item);
      g_assert_cmpstr (item->content, ==, json_object_get_string_member (c, "cell"));
      if (strcmp (shown, "kyu-shin") == 0 || strcmp (shown, "henkou") == 0)
        {
          g_autoptr(ShinsaFormItem) fresh = shinsa_form_item_new (no);
          g_assert_cmpstr (item->old_content, ==, json_object_get_string_member (c, "old"));
          g_assert_cmpstr (item->new_content, ==, json_object_get_string_member (c, "new"));
          g_assert_cmpstr (shinsa_form_item_get_current_content (item), ==, json_object_get_string_member (c, "new"));
          /* the sub-fields are the new side's, as if only it were written */
          g_free (fresh->content);
          fresh->content = g_strdup (json_object_get_string_member (c, "new"));
          shinsa_form_item_split_fields (fresh);
          g_assert_cmpint (item->fields_marked, ==, fresh->fields_marked);
          g_assert_cmpstrv (item->fields, fresh->fields);
          both++;
        }
      else
        {
          g_assert_null (item->old_content);
          g_assert_null (item->new_content);
          g_assert_cmpstr (shinsa_form_item_get_current_content (item), ==, json_object_get_string_member (c, "new"));
        }
    }
  g_assert_cmpuint (both, >, 0);
  /* the previous application is not written old/new anywhere */
  for (guint i = 0; i < previous->items->len; i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (previous->items, i);
      g_assert_null (item->old_content);
      g_assert_null (item->new_content);
    }
}

static void
test_sample_face_and_inventory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) a = read_fixture ("申請書A.xlsx", &error);
  g_autoptr(FormBook) inv = NULL;
  g_autoptr(ShinsaFaceSheet) face = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_inventory_entry_free);
  JsonArray *docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (truth_parser)), "documents");

  g_assert_no_error (error);
  face = facesheet_read (a);
  g_assert_cmpstr (face->company, ==, "株式会社ミナトデータシステムズ");
  g_assert_cmpstr (face->corporate_number, ==, "8010401098765");
  g_assert_cmpstr (face->service_name, ==, "MINATO IoT Cloud Base");
  g_assert_cmpstr (face->application_type, ==, "新規");
  g_assert_false (face->renewal);
  g_assert_nonnull (strstr (face->contact, "山本 奈緒"));
  g_assert_cmpstr (shinsa_scheme_guess_from_title (face->scheme_title), ==, "iaas-paas-iot");

  inv = read_fixture ("資料内訳書.csv", &error);
  g_assert_no_error (error);
  g_assert_true (inventory_read (inv, entries, &error));
  /* every evidence document of the truth is listed, with its title */
  g_assert_cmpuint (entries->len, ==, json_array_get_length (docs));
  for (guint i = 0; i < entries->len; i++)
    {
      ShinsaInventoryEntry *e = g_ptr_array_index (entries, i);
      gboolean found = FALSE;
      for (guint j = 0; j < json_array_get_length (docs); j++)
        {
          JsonObject *d = json_array_get_object_element (docs, j);
          if (g_strcmp0 (json_object_get_string_member (d, "path"), e->file) == 0)
            {
              g_assert_cmpstr (json_object_get_string_member (d, "id"), ==, e->id);
              found = TRUE;
            }
        }
      g_assert_true (found);
    }
}

static void
test_certification_number (void)
{
  static const struct { const char *in; gboolean ok; int serial, year, month; } cases[] = {
    { "特個0012-2406", TRUE, 12, 2024, 6 },
    { "特個 第0012-2406号", TRUE, 12, 2024, 6 },
    { "ＩｏＴ００３４２３１２", TRUE, 34, 2023, 12 },
    { "特個0012-2413", FALSE, 0, 0, 0 },
    { "0012-2406", FALSE, 0, 0, 0 },
    { "特個12-2406", FALSE, 0, 0, 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int serial = 0, year = 0, month = 0;
      g_autofree char *id = NULL;
      gboolean ok = shinsa_certification_number_parse (cases[i].in, &id, &serial, &year, &month);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        continue;
      g_assert_cmpint (serial, ==, cases[i].serial);
      g_assert_cmpint (year, ==, cases[i].year);
      g_assert_cmpint (month, ==, cases[i].month);
    }
}

/* ---- CSV ---------------------------------------------------------------------------- */

static char *
csv_field (const char *s)
{
  g_autoptr(GString) out = g_string_new ("\"");
  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
form_csv (const ShinsaScheme *scheme)
{
  JsonArray *items = truth_items ();
  GString *csv = g_string_new ("申請書Ｂ（情報開示項目）\r\n\r\n通番,開示項目,申請内容,添付書類等\r\n");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *t = json_array_get_object_element (items, i);
      int no = (int) json_object_get_int_member (t, "no");
      g_autofree char *name = csv_field (shinsa_scheme_get_item (scheme, no)->name);
      g_autofree char *content = csv_field (json_object_get_string_member (t, "content"));
      g_autofree char *evidence = csv_field (json_object_get_string_member (t, "evidence"));
      g_string_append_printf (csv, "%d,%s,%s,%s\r\n", no, name, content, evidence);
    }
  return g_string_free (csv, FALSE);
}

static void
test_csv (gconstpointer data)
{
  const char *encoding = data;
  g_autoptr(ShinsaScheme) scheme = load_scheme ();
  g_autofree char *csv = form_csv (scheme);
  g_autofree char *bytes = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "申請書B.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autoptr(ShinsaForm) form = shinsa_form_new ();
  gsize len;
  FormLimits limits;

  if (strcmp (encoding, "CP932") == 0)
    {
      bytes = g_convert (csv, -1, "CP932", "UTF-8", NULL, &len, &error);
      g_assert_no_error (error);
    }
  else
    {
      bytes = g_strconcat ("\xef\xbb\xbf", csv, NULL);
      len = strlen (bytes);
    }
  g_assert_true (g_file_set_contents (path, bytes, (gssize) len, &error));
  form_limits_init_default (&limits);
  book = form_read_csv (path, "申請書B.csv", &limits, &error);
  g_assert_no_error (error);
  g_assert_true (formb_read (book, form, &error));
  g_assert_no_error (error);
  assert_form_matches_truth (form, FALSE);
  g_assert_cmpstr (form->items->len > 0 ? ((ShinsaFormItem *) g_ptr_array_index (form->items, 0))->where.content_cell : NULL, ==, "C4");
  shinsa_remove_tree (dir, NULL);
}

/* ---- .xls ---------------------------------------------------------------------------- */

static void
test_xls (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sample-申請書B.xls", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autoptr(ShinsaForm) form = shinsa_form_new ();
  FormLimits limits;
  gint64 start;

  g_test_summary ("the sample's 申請書B saved as BIFF8 .xls (older CD-Rs): all 133 items through libfreexl");
  form_limits_init_default (&limits);
  start = g_get_monotonic_time ();
  book = form_read_any (path, "申請書B.xls", &limits, &error);
  g_assert_no_error (error);
  g_assert_true (formb_read (book, form, &error));
  g_test_message ("reading the sample's 申請書B.xls: %.2f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpstr (form->format, ==, "xls");
  assert_form_matches_truth (form, TRUE);
}

static void assert_explained (const GError *error, const char *dir);

/* libfreexl runs in a process of its own: a reader that crashes gives an
 * error naming the file, and the input that overflows libfreexl's heap
 * (found by tools/fuzz/fuzz-workbook) costs only that process */
static void
test_xls_isolated (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "data", "sample-申請書B.xls", NULL);
  g_autofree char *hostile = g_test_build_filename (G_TEST_DIST, "data", "hostile-freexl.xls", NULL);
  g_autofree char *dir = g_dir_make_tmp ("shinsa-test-xls-XXXXXX", NULL);
  g_autofree char *crasher = g_build_filename (dir, "crashing-reader", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  FormLimits limits;

  form_limits_init_default (&limits);
  g_assert_true (g_file_set_contents (crasher, "#!/bin/sh\nkill -SEGV $$\n", -1, NULL));
  g_assert_cmpint (g_chmod (crasher, 0700), ==, 0);
  g_setenv ("SHINSA_XLS_WORKER", crasher, TRUE);
  book = form_read_xls (sample, "申請書B.xls", &limits, &error);
  g_unsetenv ("SHINSA_XLS_WORKER");
  g_assert_null (book);
  g_assert_error (error, FORM_ERROR, FORM_ERROR_CRASHED);
  g_assert_nonnull (strstr (error->message, "申請書B.xls"));
  assert_explained (error, dir);
  g_clear_error (&error);

  /* the real reader on the crafted file: built with AddressSanitizer it
   * stops at the overflow; without, libfreexl finds no worksheet in what
   * it overwrote.  Either way the file is refused, and we are here */
  book = form_read_xls (hostile, "hostile.xls", &limits, &error);
  g_test_message ("hostile-freexl.xls: %s", error != NULL ? error->message : "(read)");
  g_assert_null (book);
  g_assert_true (g_error_matches (error, FORM_ERROR, FORM_ERROR_CRASHED)
                 || g_error_matches (error, FORM_ERROR, FORM_ERROR_MALFORMED));
  assert_explained (error, g_test_get_dir (G_TEST_DIST));
  shinsa_remove_tree (dir, NULL);
}

/* ---- other layouts, colours ------------------------------------------------------------- */

static void
test_layout_reordered (void)
{
  g_autoptr(ShinsaScheme) scheme = load_scheme ();
  g_autofree char *dir = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "b.xlsx", NULL);
  g_autofree char *data = form_sheet_data (scheme, NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autoptr(ShinsaForm) form = shinsa_form_new ();
  FormLimits limits;

  g_test_summary ("header on row 6, columns in another order, inline strings, No. for 通番");
  write_xlsx (path, "様式B", data, NULL, NULL, 0);
  form_limits_init_default (&limits);
  book = form_read_xlsx (path, "b.xlsx", &limits, &error);
  g_assert_no_error (error);
  g_assert_true (formb_read (book, form, &error));
  assert_form_matches_truth (form, FALSE);
  g_assert_cmpstr (((ShinsaFormItem *) g_ptr_array_index (form->items, 0))->where.evidence_cell, ==, "A7");
  shinsa_remove_tree (dir, NULL);
}

static const char styles_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet " NS ">"
  "<numFmts count=\"1\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
  "<fonts count=\"3\"><font><sz val=\"10\"/></font>"
  "<font><color indexed=\"10\"/></font>"
  "<font><strike/><color theme=\"4\"/></font></fonts>"
  "<cellXfs count=\"4\"><xf fontId=\"0\"/><xf fontId=\"1\"/><xf fontId=\"2\"/><xf numFmtId=\"176\" fontId=\"0\"/></cellXfs>"
  "</styleSheet>";
static const char theme_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
  "<a:themeElements><a:clrScheme name=\"t\">"
  "<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1><a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>"
  "<a:dk2><a:srgbClr val=\"1F497D\"/></a:dk2><a:lt2><a:srgbClr val=\"EEECE1\"/></a:lt2>"
  "<a:accent1><a:srgbClr val=\"4F81BD\"/></a:accent1><a:accent2><a:srgbClr val=\"FF0000\"/></a:accent2>"
  "<a:accent3><a:srgbClr val=\"9BBB59\"/></a:accent3><a:accent4><a:srgbClr val=\"8064A2\"/></a:accent4>"
  "<a:accent5><a:srgbClr val=\"4BACC6\"/></a:accent5><a:accent6><a:srgbClr val=\"F79646\"/></a:accent6>"
  "<a:hlink><a:srgbClr val=\"0000FF\"/></a:hlink><a:folHlink><a:srgbClr val=\"800080\"/></a:folHlink>"
  "</a:clrScheme></a:themeElements></a:theme>";
/* shared strings with rich runs: rgb, theme with tint, phonetic guides */
static const char shared_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " NS " count=\"3\" uniqueCount=\"3\">"
  "<si><r><t xml:space=\"preserve\">旧：月1回</t></r><r><rPr><color rgb=\"FFFF0000\"/></rPr><t>新：週1回</t></r></si>"
  "<si><r><rPr><color theme=\"5\" tint=\"-0.249977111117893\"/></rPr><t>変更後の内容</t></r>"
  "<rPh sb=\"0\" eb=\"2\"><t>ヘンコウ</t></rPh></si>"
  "<si><t>通番</t></si>"
  "</sst>";

static void
test_colours (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "c.xlsx", NULL);
  static const char sheet[] =
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>2</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>開示項目</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>申請内容</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>添付書類等</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"C2\" t=\"s\"><v>0</v></c></row>"
    "<row r=\"3\"><c r=\"A3\"><v>2</v></c><c r=\"C3\" t=\"s\"><v>1</v></c></row>"
    "<row r=\"4\"><c r=\"A4\"><v>3</v></c><c r=\"C4\" s=\"1\" t=\"inlineStr\"><is><t>全体が赤</t></is></c></row>"
    "<row r=\"5\"><c r=\"A5\"><v>4</v></c><c r=\"C5\" s=\"2\" t=\"inlineStr\"><is><t>取消線の青</t></is></c></row>"
    "<row r=\"6\"><c r=\"A6\"><v>5</v></c><c r=\"C6\" s=\"3\"><v>45444</v></c></row>"
    "<row r=\"7\"><c r=\"A7\"><v>6</v></c><c r=\"C7\" t=\"inlineStr\"><is><t>一行目</t></is></c></row>"
    "<row r=\"8\"><c r=\"C8\" t=\"inlineStr\"><is><t>二行目</t></is></c><c r=\"D8\" t=\"inlineStr\"><is><t>資料1 p.2</t></is></c></row>";
  static const char merges[] = "<mergeCells count=\"1\"><mergeCell ref=\"A7:A8\"/></mergeCells>";
  Part extra[] = {
    { "xl/styles.xml", styles_xml, 0 },
    { "xl/theme/theme1.xml", theme_xml, 0 },
    { "xl/sharedStrings.xml", shared_xml, 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autoptr(ShinsaForm) form = shinsa_form_new ();
  ShinsaFormItem *item;
  g_autofree char *red = NULL;
  FormLimits limits;

  g_test_summary ("font colour per run and per cell: rgb, indexed palette, theme with tint; strike; "
                  "phonetic guides left out; dates; an item spanning merged rows");
  write_xlsx (path, "Sheet1", sheet, merges, extra, G_N_ELEMENTS (extra));
  form_limits_init_default (&limits);
  book = form_read_xlsx (path, "c.xlsx", &limits, &error);
  g_assert_no_error (error);
  g_assert_true (formb_read (book, form, &error));
  g_assert_cmpuint (form->items->len, ==, 6);

  item = shinsa_form_find_item (form, 1);
  g_assert_cmpstr (item->content, ==, "旧：月1回新：週1回");
  g_assert_cmpuint (item->content_runs->len, ==, 2);
  red = shinsa_form_item_dup_red_content (item);
  g_assert_cmpstr (red, ==, "新：週1回");
  g_assert_cmphex (g_array_index (item->content_runs, ShinsaFormRun, 1).color, ==, 0xFF0000);

  item = shinsa_form_find_item (form, 2);
  g_assert_cmpstr (item->content, ==, "変更後の内容");
  g_assert_true (shinsa_form_item_has_red (item));           /* accent2 FF0000 darkened 25% */
  g_assert_cmphex (g_array_index (item->content_runs, ShinsaFormRun, 0).color, ==, 0xBF0000);

  item = shinsa_form_find_item (form, 3);
  g_assert_true (shinsa_form_item_has_red (item));           /* indexed 10 */

  item = shinsa_form_find_item (form, 4);
  g_assert_false (shinsa_form_item_has_red (item));
  g_assert_true (g_array_index (item->content_runs, ShinsaFormRun, 0).strike);
  g_assert_cmphex (g_array_index (item->content_runs, ShinsaFormRun, 0).color, ==, 0x4F81BD);

  item = shinsa_form_find_item (form, 5);
  g_assert_cmpstr (item->content, ==, "2024/06/01");

  item = shinsa_form_find_item (form, 6);
  g_assert_cmpstr (item->content, ==, "一行目\n二行目");
  g_assert_cmpstr (item->evidence, ==, "資料1 p.2");
  g_assert_cmpstr (item->where.content_cell, ==, "C7:C8");
  g_assert_true (item->fields_marked);
  g_assert_cmpstr (item->fields[1], ==, "二行目");
  shinsa_remove_tree (dir, NULL);
}

/* ---- the rules, end to end ----------------------------------------------------------------- */

typedef struct {
  const char *code;
  int item;
  ShinsaSeverity severity;
} Expect;

typedef struct {
  const char *name;
  Change changes[3];
  Expect expect[3];
} RuleCase;

/* the sample's own planted defect, present in every case */
static const Expect planted = { "FORM-REQUIRED-EMPTY", 96, SHINSA_SEVERITY_ERROR };

static const RuleCase rule_cases[] = {
  { "as-is", { { 0 } }, { { NULL } } },
  { "item-missing", { { 50, NULL, NULL, TRUE } }, { { "FORM-ITEM-MISSING", 50, SHINSA_SEVERITY_ERROR } } },
  { "required-empty", { { 3, "", NULL, FALSE } }, { { "FORM-REQUIRED-EMPTY", 3, SHINSA_SEVERITY_ERROR } } },
  { "sub-field-empty", { { 2, "①株式会社ミナトデータシステムズ\n②", NULL, FALSE } },
    { { "FORM-REQUIRED-EMPTY", 2, SHINSA_SEVERITY_ERROR } } },
  { "sub-field-absent", { { 4, "①東京都港区芝浦3-4-1", NULL, FALSE } },
    { { "FORM-REQUIRED-EMPTY", 4, SHINSA_SEVERITY_ERROR } } },
  { "optional-empty", { { 10, "", NULL, FALSE } }, { { NULL } } },
  { "nashi-ordinary", { { 97, "無し", NULL, FALSE } }, { { NULL } } },
  { "requirement-29", { { 29, "①無し\n②否", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 29, SHINSA_SEVERITY_ERROR } } },
  { "requirement-87", { { 87, "①有り（CSV形式で返却）\n②可\n③否", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 87, SHINSA_SEVERITY_ERROR } } },
  { "requirement-127", { { 127, "①無し\n②無し\n③否", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 127, SHINSA_SEVERITY_ERROR } } },
  { "requirement-130", { { 130, "①無し\n②-\n③無し\n④否", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 130, SHINSA_SEVERITY_ERROR } } },
  { "requirement-130-reason",
    { { 130, "①無し（本サービスは無停止で保守を行う特性上、サービスを停止するメンテナンスが無いため）\n②-\n③無し\n④可", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 130, SHINSA_SEVERITY_WARNING } } },
  { "requirement-131", { { 131, "①無し\n②有り（電子メール）", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 131, SHINSA_SEVERITY_ERROR } } },
  { "requirement-131-exempt",
    { { 131, "①無し（サービス利用者への影響が無い障害に限る。影響がある障害は30分以内に通知）\n②有り（電子メール）", NULL, FALSE } },
    { { NULL } } },
  { "requirement-130-phrased",
    { { 130, "①事前の告知は実施していない\n②-\n③無し\n④可", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 130, SHINSA_SEVERITY_ERROR } } },
  { "requirement-130-sentence",
    { { 130, "①告知は行いません（保守は随時）\n②-\n③無し\n④可", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 130, SHINSA_SEVERITY_ERROR } } },
  { "requirement-131-phrased", { { 131, "①障害発生時の通知は行っていない\n②有り（電子メール）", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 131, SHINSA_SEVERITY_ERROR } } },
  { "requirement-130-met", { { 130, "①2ヵ月前（告知しない緊急保守を除く）\n②電子メール\n③有り\n④可", NULL, FALSE } },
    { { NULL } } },
  /* renewal forms written old/new side by side: the rules read the new side */
  { "old-new-kyu-shin", { { 128, "（旧）①平日9:00～17:00\n②否\n（新）①平日9:00～19:00\n②可", NULL, FALSE } },
    { { NULL } } },
  { "old-new-henkou", { { 128, "変更前：①平日10:00～17:00\n②否\n変更後：①平日9:00～18:00\n②可", NULL, FALSE } },
    { { NULL } } },
  { "old-new-new-side-empty", { { 128, "【改定前】①平日9:00～17:00\n②否\n【改定後】①\n②可", NULL, FALSE } },
    { { "FORM-REQUIRED-EMPTY", 128, SHINSA_SEVERITY_ERROR } } },
  { "old-new-requirement", { { 130, "旧：①1ヵ月前\n②電子メール\n③有り\n④可\n新：①無し\n②-\n③無し\n④可", NULL, FALSE } },
    { { "FORM-REQUIREMENT-NOT-MET", 130, SHINSA_SEVERITY_ERROR } } },
  { "old-new-old-side-only-requirement", { { 130, "（旧）①無し\n②-\n③無し\n④否\n（新）①3ヵ月前\n②電子メール\n③有り\n④可", NULL, FALSE } },
    { { NULL } } },
  { "rows-shifted", { { 11, NULL, "経常利益", FALSE }, { 10, NULL, "資本金", FALSE } },
    { { "FORM-ITEM-NAME-MISMATCH", 10, SHINSA_SEVERITY_WARNING }, { "FORM-ITEM-NAME-MISMATCH", 11, SHINSA_SEVERITY_WARNING } } },
  { "other-audit-only", { { 100, "SOC2 Type2報告書取得済み", NULL, FALSE } },
    { { "FORM-OTHER-AUDIT-ONLY", 100, SHINSA_SEVERITY_WARNING } } },
  { "other-audit-attested", { { 97, "ISMS認証を取得済みであり、当該認証の審査で確認されている。", NULL, FALSE } },
    { { "FORM-OTHER-AUDIT-ONLY", 97, SHINSA_SEVERITY_WARNING } } },
  { "other-audit-with-measure",
    { { 97, "全サーバにウイルス対策ソフトを導入し定義ファイルを毎時更新（ISMS認証の審査でも確認済み）", NULL, FALSE } },
    { { NULL } } },
  { "not-japanese",
    { { 99, "All administrator accounts require multi-factor authentication and passwords of twelve characters.", NULL, FALSE } },
    { { "FORM-NOT-JAPANESE", 99, SHINSA_SEVERITY_WARNING } } },
};

static gboolean
form_code (const char *code)
{
  return g_str_has_prefix (code, "FORM-") || g_str_has_prefix (code, "INVENTORY-")
         || strcmp (code, "DOC-NOT-IN-INVENTORY") == 0;
}

static const char pipeline_text[] =
  "[pipeline]\nname=form-test\n\n[documents]\nplugin=documents\n\n[form]\nplugin=form\n";
static const char paper_pipeline_text[] =
  "[pipeline]\nname=form-test\n\n[documents]\nplugin=documents\n\n[extract]\nplugin=extract\n\n[form]\nplugin=form\n";

/* runs documents + form (with extract: + @paper) over @dir; (transfer
 * full): report.json's root */
static JsonNode *
run_pipeline_full (const char *dir, const char *outdir, gboolean paper)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pfile = g_build_filename (outdir, "form-test.pipeline", NULL);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *report = g_build_filename (outdir, base, "report.json", NULL);
  const char *subs[] = { dir, NULL };
  ShinsaExitStatus status;

  g_assert_cmpint (g_mkdir_with_parents (outdir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (pfile, paper ? paper_pipeline_text : pipeline_text, -1, &error));
  shinsa_registry_scan (registry, NULL, NULL);
  pipeline = shinsa_pipeline_load (registry, pfile, NULL, &error);
  g_assert_no_error (error);
  runner = shinsa_runner_new (pipeline, outdir);
  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  shinsa_runner_set_jobs (runner, 1);
  status = shinsa_runner_run (runner, subs, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, !=, SHINSA_EXIT_FAILED);
  g_assert_cmpint (status, !=, SHINSA_EXIT_USAGE);
  json_parser_load_from_file (parser, report, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
run_pipeline (const char *dir, const char *outdir)
{
  return run_pipeline_full (dir, outdir, FALSE);
}

static void
assert_findings (JsonObject *root, const Expect *expect, guint n_expect)
{
  JsonArray *findings = json_object_get_array_member (root, "findings");
  guint matched = 0, form_findings = 0;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *code = json_object_get_string_member (f, "code");
      gboolean ok = FALSE;

      if (!form_code (code))
        continue;
      form_findings++;
      for (guint k = 0; k < n_expect && !ok; k++)
        if (strcmp (code, expect[k].code) == 0
            && json_object_get_int_member_with_default (f, "item", 0) == expect[k].item
            && strcmp (json_object_get_string_member (f, "severity"), shinsa_severity_to_string (expect[k].severity)) == 0)
          ok = TRUE;
      if (!ok)
        g_error ("unexpected finding %s %s (item %" G_GINT64_FORMAT "): %s", code,
                 json_object_get_string_member (f, "severity"),
                 json_object_get_int_member_with_default (f, "item", 0),
                 json_object_get_string_member (f, "message"));
      matched++;
    }
  g_assert_cmpuint (form_findings, ==, n_expect);
  g_assert_cmpuint (matched, ==, n_expect);
}

static void
test_rule (gconstpointer data)
{
  const RuleCase *rc = data;
  g_autoptr(ShinsaScheme) scheme = load_scheme ();
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, rc->name, NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "申請書B.xlsx", NULL);
  g_autofree char *ini = g_build_filename (dir, "submission.ini", NULL);
  g_autofree char *data_xml = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(GArray) expect = g_array_new (FALSE, FALSE, sizeof (Expect));
  guint n_changes = 0;
  JsonArray *items;

  while (n_changes < G_N_ELEMENTS (rc->changes) && rc->changes[n_changes].no != 0)
    n_changes++;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ini, "[submission]\nscheme=iaas-paas-iot\n", -1, NULL));
  data_xml = form_sheet_data (scheme, rc->changes, n_changes);
  write_xlsx (path, "申請書B", data_xml, NULL, NULL, 0);

  report = run_pipeline (dir, out);
  g_array_append_val (expect, planted);
  for (guint k = 0; k < G_N_ELEMENTS (rc->expect) && rc->expect[k].code != NULL; k++)
    g_array_append_val (expect, rc->expect[k]);
  assert_findings (json_node_get_object (report), (Expect *) expect->data, expect->len);

  /* items[] per the contract; an item with an error is "error" */
  items = json_object_get_array_member (json_node_get_object (report), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 133 - (rc->changes[0].drop ? 1 : 0));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);
      g_assert_true (json_object_has_member (it, "no") && json_object_has_member (it, "name")
                     && json_object_has_member (it, "class") && json_object_has_member (it, "content")
                     && json_object_has_member (it, "evidence") && json_object_has_member (it, "status"));
      if (json_object_get_int_member (it, "no") == 96)
        g_assert_cmpstr (json_object_get_string_member (it, "status"), ==, "error");
      if (json_object_get_int_member (it, "no") == 1)
        {
          g_assert_cmpstr (json_object_get_string_member (it, "status"), ==, "ok");
          g_assert_cmpstr (json_object_get_string_member (it, "class"), ==, "required");
        }
    }
  shinsa_remove_tree (tmp, NULL);
}

static void
test_inventory_binding (void)
{
  g_autoptr(ShinsaScheme) scheme = load_scheme ();
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "inv", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *form_path = g_build_filename (dir, "申請書B.xlsx", NULL);
  g_autofree char *inv_path = g_build_filename (dir, "資料内訳書.csv", NULL);
  g_autofree char *data_xml = form_sheet_data (scheme, NULL, 0);
  g_autofree char *inv_cp932 = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *inv = "資料番号,資料名称,ファイル名\r\n"
                    "資料1,会社案内,company.txt\r\n"
                    "資料2,運用規程,資料2_運用規程.txt\r\n";
  static const Expect expect[] = {
    { "FORM-REQUIRED-EMPTY", 96, SHINSA_SEVERITY_ERROR },
    { "INVENTORY-FILE-MISSING", 0, SHINSA_SEVERITY_ERROR },
    { "DOC-NOT-IN-INVENTORY", 0, SHINSA_SEVERITY_WARNING },
  };
  JsonArray *docs;
  gsize len;

  g_test_summary ("a CP932 inventory: ids bound to files named without one, a listed file missing, "
                  "a file not listed");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_xlsx (form_path, "申請書B", data_xml, NULL, NULL, 0);
  inv_cp932 = g_convert (inv, -1, "CP932", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (inv_path, inv_cp932, (gssize) len, NULL));
  {
    g_autofree char *company = g_build_filename (dir, "company.txt", NULL);
    g_autofree char *extra = g_build_filename (dir, "extra.txt", NULL);
    g_assert_true (g_file_set_contents (company, "会社案内\n", -1, NULL));
    g_assert_true (g_file_set_contents (extra, "余分\n", -1, NULL));
  }

  report = run_pipeline (dir, out);
  assert_findings (json_node_get_object (report), expect, G_N_ELEMENTS (expect));
  docs = json_object_get_array_member (json_node_get_object (report), "documents");
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);
      if (strcmp (json_object_get_string_member (d, "path"), "company.txt") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (d, "id"), ==, "資料1");
          g_assert_cmpstr (json_object_get_string_member (d, "id_source"), ==, "inventory");
          g_assert_cmpstr (json_object_get_string_member (d, "title"), ==, "会社案内");
        }
    }
  shinsa_remove_tree (tmp, NULL);
}

/* ---- the 特定個人情報 scheme ------------------------------------------------------------------ */

static void
test_tokutei (void)
{
  static const struct { const char *name, *content; } rows[] = {
    { "特定個人情報の適正な取扱いを確保するための責任者", "無し" },
    { "サービス（事業）変更・終了時の事前告知", "無し" },
    { "連絡先", "有り（電話：03-0000-0000、電子メール：support@example.jp）" },
    { "ウイルス対策", "有り（全サーバにウイルス対策ソフトを導入）" },
  };
  static const Expect expect[] = {
    { "FORM-REQUIREMENT-NOT-MET", 1, SHINSA_SEVERITY_ERROR },
    { "FORM-REQUIREMENT-NOT-MET", 2, SHINSA_SEVERITY_ERROR },
  };
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "tokutei", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "申請書B.xlsx", NULL);
  g_autofree char *ini = g_build_filename (dir, "submission.ini", NULL);
  g_autoptr(GString) data = g_string_new ("<row r=\"1\">");
  g_autoptr(JsonNode) report = NULL;

  g_test_summary ("the 特定個人情報 scheme has requirements but no item catalogue: they apply to the items they name");
  add_cell (data, 1, 1, "通番");
  add_cell (data, 1, 2, "開示項目");
  add_cell (data, 1, 3, "申請内容");
  add_cell (data, 1, 4, "添付書類等");
  g_string_append (data, "</row>");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_string_append_printf (data, "<row r=\"%u\">", i + 2);
      add_cell (data, i + 2, 1, no);
      add_cell (data, i + 2, 2, rows[i].name);
      add_cell (data, i + 2, 3, rows[i].content);
      add_cell (data, i + 2, 4, "資料1 p.1");
      g_string_append (data, "</row>");
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ini, "[submission]\nscheme=tokutei-asp-saas\n", -1, NULL));
  write_xlsx (path, "申請書B", data->str, NULL, NULL, 0);
  report = run_pipeline (dir, out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (report), "scheme"), ==, "tokutei-asp-saas");
  assert_findings (json_node_get_object (report), expect, G_N_ELEMENTS (expect));
  shinsa_remove_tree (tmp, NULL);
}

/* ---- paper ------------------------------------------------------------------------------- */

static char *
strip_space (const char *s)
{
  GString *out = g_string_new (NULL);
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static void
test_paper_pdf (void)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "sample-申請書B.pdf", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "paper", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *dst = g_build_filename (dir, "申請書B.pdf", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(JsonNode) report = NULL;
  JsonArray *items, *truth = truth_items ();
  guint exact = 0;
  gsize len;
  gint64 start;

  g_test_summary ("申請書B on paper (a PDF print): the header row and column positions found on each page, "
                  "spans assigned to items by 通番; every item's text as the truth has it, white space aside");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (src, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (dst, bytes, (gssize) len, NULL));
  start = g_get_monotonic_time ();
  report = run_pipeline_full (dir, out, TRUE);
  g_test_message ("documents + extract + form on the 12-page PDF form: %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  assert_findings (json_node_get_object (report), &planted, 1);
  items = json_object_get_array_member (json_node_get_object (report), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, json_array_get_length (truth));
  for (guint i = 0; i < json_array_get_length (truth); i++)
    {
      JsonObject *t = json_array_get_object_element (truth, i);
      JsonObject *it = json_array_get_object_element (items, i);
      g_autofree char *tc = strip_space (json_object_get_string_member (t, "content"));
      g_autofree char *te = strip_space (json_object_get_string_member (t, "evidence"));
      g_autofree char *rc = strip_space (json_object_get_string_member (it, "content"));
      g_autofree char *re = strip_space (json_object_get_string_member (it, "evidence"));

      g_assert_cmpint (json_object_get_int_member (it, "no"), ==, json_object_get_int_member (t, "no"));
      g_assert_cmpstr (rc, ==, tc);
      g_assert_cmpstr (re, ==, te);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (it, "source"), "page"), >, 0);
      if (g_strcmp0 (json_object_get_string_member (it, "content"), json_object_get_string_member (t, "content")) == 0
          && g_strcmp0 (json_object_get_string_member (it, "evidence"), json_object_get_string_member (t, "evidence")) == 0)
        exact++;
    }
  /* line breaks on paper are ambiguous (wrapped or written): most items
   * come out exact, white space included */
  g_test_message ("paper form: %u of %u items exact including white space", exact, json_array_get_length (truth));
  g_assert_cmpuint (exact * 10, >=, json_array_get_length (truth) * 9);
  shinsa_remove_tree (tmp, NULL);
}

/* A scan: page 1 of the printed form rendered at 200 dpi in grey, as an
 * office scanner would give it, read through OCR.  OCR misreads 通番, so
 * the stage must either read the items in order or decline the page with
 * FORM-B-NOT-READ — never report items it did not really read. */
static void
test_paper_scan (void)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "sample-申請書B.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (src, NULL, NULL);
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "scan", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *png = g_build_filename (dir, "申請書B.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) pdf_object = NULL;
  g_autoptr(GObject) page_object = NULL;
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autoptr(JsonNode) report = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h, scale = 200.0 / 72.0;
  JsonArray *findings, *items;
  gboolean declined = FALSE;

  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  pdf_object = G_OBJECT (pdf);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  page = poppler_document_get_page (pdf, 0);
  page_object = G_OBJECT (page);
  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * scale), (int) (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  report = run_pipeline_full (dir, out, TRUE);
  findings = json_object_get_array_member (json_node_get_object (report), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      if (strcmp (json_object_get_string_member (f, "code"), "FORM-B-NOT-READ") == 0)
        {
          g_assert_nonnull (strstr (json_object_get_string_member (f, "message"), "申請書B.png"));
          declined = TRUE;
        }
    }
  items = json_object_get_array_member (json_node_get_object (report), "items");
  if (declined)
    g_assert_cmpuint (json_array_get_length (items), ==, 0);
  else
    for (guint i = 1; i < json_array_get_length (items); i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, i), "no"), >,
                       json_object_get_int_member (json_array_get_object_element (items, i - 1), "no"));
  g_test_message ("scanned form: %s", declined ? "declined (通番 not read in order)" : "items read in order");
  shinsa_remove_tree (tmp, NULL);
}

/* A scan's 申請書B as the extract stage gives it: OCR spans, one a table
 * cell's line (a wide gap between cells starts a new span), on lines in
 * reading order.  The rows carry what OCR does to a form: a rule read as
 * "|" before a name and between two cells run into one span, a number
 * read wrong ("8" for 3), a row whose number was lost, a name with a
 * character dropped, and a page's last number misread ("2" for 7) that
 * only the next page's "8" puts right. */
static void
paper_span (ShinsaPage *page, guint line, double x, double y, double width, const char *text)
{
  ShinsaSpan s = { 0 };

  s.text = (char *) text;
  s.x = x;
  s.y = y;
  s.width = width;
  s.height = 10;
  s.font_size = 10;
  s.color = 0x202020;
  s.source = SHINSA_SPAN_OCR;
  s.confidence = 80;
  s.line = line;
  shinsa_page_add_span (page, &s);
}

static void
paper_header (ShinsaPage *page, double y)
{
  paper_span (page, 0, 85, y + 3, 18, "通番");
  paper_span (page, 0, 167, y, 36, "開示項目");
  paper_span (page, 0, 401, y - 2, 36, "申請内容");
  paper_span (page, 0, 609, y - 5, 136, "添付書類等(資料名該当箇所)");
}

static void
test_paper_ocr_cells (void)
{
  g_autoptr(ShinsaDocument) doc = shinsa_document_new ("申請書B.pdf", "/nonexistent/申請書B.pdf");
  g_autoptr(ShinsaForm) form = shinsa_form_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaScheme) scheme = shinsa_scheme_load ("iaas-paas-iot", &error);
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);
  ShinsaPage *one = shinsa_page_new (1, 842, 595), *two = shinsa_page_new (2, 842, 595);
  static const struct {
    int no;
    const char *name, *content, *evidence;
  } want[] = {
    { 1, "開示情報の日付", "2024年6月1日", "資料No.2 P3" },
    { 2, "事業者名", "①株式会社九州クラウドサービス", "資料1 1頁" },
    { 3, "設立年月日", "2003年10月1日", "資料1 P1" },
    { 4, "事業所", "福岡県福岡市博多区", "資料No.1 P1" },
    { 5, "主な事業の概要", "クラウド基盤サービスの提供", "資料2 2ページ" },
    { 6, "代表者", "①代表取締役社長\n②1966年生", "資料1 P2" },
    { 7, "役員", "9名", "資料2 3ページ" },
    { 8, "従業員数", "1344名", "資料2 2頁" },
  };

  g_test_summary ("a scanned 申請書B from per-cell OCR spans: columns from the header labels, rules "
                  "read as | cut out, misread and lost 通番 put right between their neighbours");
  g_assert_no_error (error);
  paper_header (one, 222);
  /* 1: a plain row */
  paper_span (one, 1, 75, 256, 4, "1");
  paper_span (one, 1, 124, 253, 65, "開示情報の日付");
  paper_span (one, 1, 258, 250, 61, "2024年6月1日");
  paper_span (one, 1, 590, 250, 39, "資料No.2");
  paper_span (one, 1, 632, 250, 11, "P3");
  /* 2: a rule before the name, and 申請内容|添付書類等 run into one span */
  paper_span (one, 2, 75, 276, 5, "2");
  paper_span (one, 2, 112, 274, 49, "|事業者名");
  paper_span (one, 2, 258, 272, 393.6, "①株式会社九州クラウドサービス|資料1");
  paper_span (one, 2, 655, 272, 14, "1頁");
  /* 3: read as 8 */
  paper_span (one, 3, 75, 298, 5, "8");
  paper_span (one, 3, 125, 296, 45, "設立年月日");
  paper_span (one, 3, 259, 294, 67, "2003年10月1日");
  paper_span (one, 3, 591, 294, 22, "資料1");
  paper_span (one, 3, 617, 294, 8, "P1");
  /* 4: read */
  paper_span (one, 4, 75, 318, 5, "4");
  paper_span (one, 4, 126, 316, 27, "事業所");
  paper_span (one, 4, 259, 314, 110, "福岡県福岡市博多区");
  paper_span (one, 4, 590, 314, 34, "資料No.1");
  paper_span (one, 4, 628, 314, 8, "P1");
  /* 5: the number lost, the name's first character too */
  paper_span (one, 5, 128, 348, 63, "な事業の概要");
  paper_span (one, 5, 261, 344, 318, "クラウド基盤サービス");   /* wraps: fills the cell */
  paper_span (one, 5, 592, 344, 25, "資料2");
  paper_span (one, 5, 622, 344, 40, "2ページ");
  paper_span (one, 6, 261, 357, 30, "の提供");
  /* 6: read */
  paper_span (one, 7, 77, 393, 5, "6");
  paper_span (one, 7, 127, 390, 27, "代表者");
  paper_span (one, 7, 261, 387, 85, "①代表取締役社長");
  paper_span (one, 8, 261, 400, 60, "@1966年生");        /* ② misread */
  paper_span (one, 7, 592, 380, 22, "資料1");
  paper_span (one, 7, 617, 380, 8, "P2");
  /* 7: the page's last row, read as 2 */
  paper_span (one, 9, 77, 430, 5, "2");
  paper_span (one, 9, 128, 428, 18, "役員");
  paper_span (one, 9, 262, 426, 14, "9名");
  paper_span (one, 9, 594, 426, 25, "資料2");
  paper_span (one, 9, 622, 426, 40, "3ページ");
  /* page 2: the header again, 8 */
  paper_header (two, 92);
  paper_span (two, 1, 68, 126, 9, "8");
  paper_span (two, 1, 117, 124, 36, "従業員数");
  paper_span (two, 1, 252, 117, 40, "1344名");
  paper_span (two, 1, 583, 117, 25, "資料2");
  paper_span (two, 1, 611, 117, 14, "2頁");
  g_ptr_array_add (pages, one);
  g_ptr_array_add (pages, two);
  shinsa_document_set_page_list (doc, pages);

  g_assert_true (paper_read (doc, form, &error));
  g_assert_no_error (error);
  form_paper_repair_names (form, scheme);
  g_assert_cmpuint (form->items->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (form->items, i);

      g_assert_cmpint (item->no, ==, want[i].no);
      g_assert_cmpstr (item->name, ==, want[i].name);
      g_assert_cmpstr (item->content, ==, want[i].content);
      g_assert_cmpstr (item->evidence, ==, want[i].evidence);
    }
}

/* a span as paper_span, @height tall */
static void
paper_span_tall (ShinsaPage *page, guint line, double x, double y, double width, double height, const char *text)
{
  ShinsaSpan s = { 0 };

  s.text = (char *) text;
  s.x = x;
  s.y = y;
  s.width = width;
  s.height = height;
  s.font_size = 10;
  s.color = 0x202020;
  s.source = SHINSA_SPAN_OCR;
  s.confidence = 80;
  s.line = line;
  shinsa_page_add_span (page, &s);
}

/* @pages (transfer full) read as a scanned 申請書B, names and markers put
 * right from the iaas-paas-iot catalogue */
static ShinsaForm *
paper_read_pages (GPtrArray *pages)
{
  g_autoptr(ShinsaDocument) doc = shinsa_document_new ("申請書B.pdf", "/nonexistent/申請書B.pdf");
  g_autoptr(ShinsaForm) form = shinsa_form_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaScheme) scheme = shinsa_scheme_load ("iaas-paas-iot", &error);

  g_assert_no_error (error);
  shinsa_document_set_page_list (doc, pages);
  g_assert_true (paper_read (doc, form, &error));
  g_assert_no_error (error);
  form_paper_repair_names (form, scheme);
  return g_steal_pointer (&form);
}

/* the numbers of @form's items, as "20 21 22" */
static char *
paper_numbers (ShinsaForm *form)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < form->items->len; i++)
    g_string_append_printf (out, "%s%d", i > 0 ? " " : "", ((ShinsaFormItem *) g_ptr_array_index (form->items, i))->no);
  return g_string_free (out, FALSE);
}

static ShinsaFormItem *
paper_item (ShinsaForm *form, int no)
{
  for (guint i = 0; i < form->items->len; i++)
    if (((ShinsaFormItem *) g_ptr_array_index (form->items, i))->no == no)
      return g_ptr_array_index (form->items, i);
  g_assert_not_reached ();
}

/* A skewed scan's page: the header's labels at different heights (the
 * first row's 通番 above the bottom of the tall 添付書類等 label), a block
 * of the last row's lines numbered by the OCR before everything else, a
 * row's name numbered before its number, a span cut at a rule whose piece
 * seems to lie past the next word, and the page's folio under the table. */
static void
test_paper_ocr_page_ends (void)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);
  ShinsaPage *one = shinsa_page_new (1, 842, 595);
  g_autoptr(ShinsaForm) form = NULL;
  g_autofree char *numbers = NULL;

  g_test_summary ("the rows at a scanned page's top and foot: a row under a skewed header, lines the OCR "
                  "numbered out of order, a span cut at a rule read in place, the folio left out");
  /* the end of row 64, numbered first */
  paper_span (one, 0, 257, 493, 50, "分解の禁止");
  paper_span_tall (one, 1, 85, 79, 18, 10, "通番");
  paper_span_tall (one, 1, 167, 81, 36, 10, "開示項目");
  paper_span_tall (one, 1, 401, 86, 36, 10, "申請内容");
  paper_span_tall (one, 1, 609, 90, 136, 15, "添付書類等(資料名該当箇所)");
  /* 62: its number and name above the label's bottom */
  paper_span (one, 2, 74, 100, 10, "62");
  paper_span (one, 2, 123, 100, 18, "機器");
  paper_span (one, 2, 257, 101, 23, "はい");
  paper_span (one, 2, 589, 106, 25, "資料4");
  /* 63: its name numbered before the line with its number */
  paper_span (one, 3, 121, 140, 37, "接続条件");
  paper_span (one, 4, 72, 140, 10, "63");
  paper_span (one, 4, 256, 140, 100, "1台あたり200台まで");
  paper_span (one, 4, 587, 140, 39, "資料No.4");
  /* 64: a rule read before 添付書類等, the span's box reaching past the next word */
  paper_span (one, 5, 72, 480, 10, "64");
  paper_span (one, 5, 121, 480, 37, "使用条件");
  paper_span (one, 5, 257, 480, 80, "目的外使用の禁止");
  paper_span (one, 5, 560, 480, 400, "|資料No.4");
  paper_span (one, 5, 600, 480, 10, "P5");
  paper_span (one, 6, 405, 553, 20, "1/1");
  g_ptr_array_add (pages, one);

  form = paper_read_pages (pages);
  numbers = paper_numbers (form);
  g_assert_cmpstr (numbers, ==, "62 63 64");
  g_assert_cmpstr (paper_item (form, 62)->name, ==, "機器");
  g_assert_cmpstr (paper_item (form, 62)->content, ==, "はい");
  g_assert_cmpstr (paper_item (form, 63)->name, ==, "接続条件");
  g_assert_cmpstr (paper_item (form, 63)->content, ==, "1台あたり200台まで");
  g_assert_cmpstr (paper_item (form, 64)->content, ==, "目的外使用の禁止\n分解の禁止");
  g_assert_cmpstr (paper_item (form, 64)->evidence, ==, "資料No.4 P5");
}

/* 通番 the OCR could not read: "の" for 21, a speck of a rule in the 通番
 * column inside a row, "19]" for 131 with "2" for 132 after it, and two
 * rows without a number under a row whose 添付書類等 was read tall. */
static void
test_paper_ocr_lost_numbers (void)
{
  GPtrArray *pages[3];
  ShinsaPage *one = shinsa_page_new (1, 842, 595), *two = shinsa_page_new (1, 842, 595);
  ShinsaPage *three = shinsa_page_new (1, 842, 595);
  static const char *const want[] = { "20 21 22 23 24", "130 131 132 133", "7 8 9 10" };
  ShinsaForm *forms[3];

  g_test_summary ("a scan's 通番 read as a kana, a bracket or a speck, and rows whose number was lost "
                  "under a tall cell, numbered from their neighbours");
  paper_header (one, 222);
  paper_span (one, 1, 75, 256, 10, "20");
  paper_span (one, 1, 124, 253, 110, "コンプライアンス担当役員");
  paper_span (one, 1, 258, 250, 90, "取締役管理本部長");
  paper_span (one, 2, 75, 286, 9, "の");
  paper_span (one, 2, 124, 283, 84, "専担の部署会議体");
  paper_span (one, 2, 258, 280, 60, "はい");
  paper_span (one, 3, 75, 316, 10, "22");
  paper_span (one, 3, 124, 313, 120, "情報セキュリティに関する組");
  paper_span (one, 3, 258, 310, 60, "①有り");
  paper_span (one, 4, 124, 326, 56, "織体制の状況");
  paper_span (one, 4, 258, 324, 60, "②有り");
  paper_span (one, 5, 75, 356, 10, "23");
  paper_span (one, 5, 124, 353, 76, "個人情報の取扱い");
  paper_span (one, 5, 258, 350, 20, "はい");
  paper_span_tall (one, 6, 62, 368, 1.1, 1.1, "|");
  paper_span (one, 6, 258, 364, 90, "(個人情報保護規程)");
  paper_span (one, 7, 75, 396, 10, "24");
  paper_span (one, 7, 124, 393, 56, "守秘義務契約");
  paper_span (one, 7, 258, 390, 20, "有り");

  paper_header (two, 92);
  paper_span (two, 1, 75, 126, 15, "130");
  paper_span (two, 1, 124, 124, 60, "メンテナンス等の一時的サービス停止時の事前告知");
  paper_span (two, 1, 258, 117, 60, "1ヵ月前");
  paper_span (two, 2, 75, 156, 15, "19]");
  paper_span (two, 2, 124, 154, 100, "障害・災害発生時の通知");
  paper_span (two, 2, 258, 147, 20, "有り");
  paper_span (two, 3, 75, 186, 5, "2");
  paper_span (two, 3, 124, 184, 130, "セキュリティ・インシデント対応");
  paper_span (two, 3, 258, 177, 100, "24時間以内に通知");
  paper_span (two, 4, 75, 216, 15, "133");
  paper_span (two, 4, 124, 214, 40, "定期報告");
  paper_span (two, 4, 258, 207, 20, "有り");

  paper_header (three, 92);
  paper_span (three, 1, 75, 126, 5, "7");
  paper_span (three, 1, 124, 124, 18, "役員");
  paper_span (three, 1, 258, 117, 20, "9名");
  paper_span (three, 2, 124, 148, 36, "従業員数");
  paper_span (three, 2, 258, 145, 40, "925名");
  paper_span_tall (three, 2, 590, 144, 5, 17, "2");
  paper_span (three, 3, 124, 164, 27, "売上高");
  paper_span (three, 3, 258, 164, 80, "12,114,838,000円");
  paper_span (three, 4, 75, 186, 10, "10");
  paper_span (three, 4, 124, 184, 36, "経常利益");
  paper_span (three, 4, 258, 182, 80, "412,870,000円");
  /* each its own form: the catalogue's numbers run on from one to the next */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *numbers = NULL;

      pages[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);
      g_ptr_array_add (pages[i], i == 0 ? one : i == 1 ? two : three);
      forms[i] = paper_read_pages (pages[i]);
      numbers = paper_numbers (forms[i]);
      g_assert_cmpstr (numbers, ==, want[i]);
    }
  g_assert_cmpstr (paper_item (forms[0], 21)->content, ==, "はい");
  g_assert_cmpstr (paper_item (forms[0], 23)->content, ==, "はい\n(個人情報保護規程)");
  g_assert_cmpstr (paper_item (forms[1], 131)->content, ==, "有り");
  g_assert_cmpstr (paper_item (forms[1], 132)->content, ==, "24時間以内に通知");
  g_assert_cmpstr (paper_item (forms[2], 8)->name, ==, "従業員数");
  g_assert_cmpstr (paper_item (forms[2], 9)->name, ==, "売上高");
  g_assert_cmpstr (paper_item (forms[2], 9)->content, ==, "12,114,838,000円");
  for (guint i = 0; i < 3; i++)
    shinsa_form_unref (forms[i]);
}

/* Sub-field markers as the OCR reads them: ① as ④ at the start, a new
 * side's ② as ③, ② as a kana standing apart, and ③ lost altogether. */
static void
test_paper_ocr_markers (void)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);
  ShinsaPage *one = shinsa_page_new (1, 842, 595);
  g_autoptr(ShinsaForm) form = NULL;
  ShinsaFormItem *item;

  g_test_summary ("a scan's ①②③ put right from their order and, where one was lost or read as a "
                  "kana, from the catalogue's sub-fields");
  paper_header (one, 92);
  paper_span (one, 1, 75, 126, 10, "22");
  paper_span (one, 1, 124, 124, 180, "情報セキュリティに関する組織体制の状況");
  paper_span (one, 1, 258, 124, 60, "①有り(CISO)");
  paper_span (one, 2, 258, 137, 10, "る");
  paper_span (one, 2, 272, 137, 50, "有り(委員会)");
  paper_span (one, 3, 75, 166, 10, "69");
  paper_span (one, 3, 124, 164, 18, "機器");
  paper_span (one, 3, 258, 164, 100, "①IoTゲートウェイ");
  paper_span (one, 4, 258, 177, 100, "②センサーデータの集約");
  paper_span (one, 5, 258, 190, 100, "セキュアブート、TPM搭載");
  paper_span (one, 6, 75, 216, 10, "87");
  paper_span (one, 6, 124, 214, 100, "情報の返却・削除・廃棄");
  paper_span (one, 6, 258, 214, 20, "④有");
  paper_span (one, 7, 258, 227, 20, "②可");
  paper_span (one, 8, 258, 240, 20, "③可");
  paper_span (one, 9, 75, 266, 15, "128");
  paper_span (one, 9, 124, 264, 60, "営業日・時間");
  paper_span (one, 9, 258, 264, 120, "(旧) ①平日9:00~17:30");
  paper_span (one, 10, 258, 277, 20, "②可");
  paper_span (one, 11, 258, 290, 120, "(新) ①平日9:00~18:00");
  paper_span (one, 12, 258, 303, 20, "③可");
  /* ②③④ read as a kanji apart, a kana and ② */
  paper_span (one, 13, 75, 326, 15, "130");
  paper_span (one, 13, 124, 324, 120, "メンテナンス等の一時的サービス停止時の事前告知");
  paper_span (one, 13, 258, 324, 60, "①1ヵ月前");
  paper_span (one, 14, 258, 337, 10, "用");
  paper_span (one, 14, 272, 337, 60, "電子メール");
  paper_span (one, 15, 258, 350, 30, "る有り");
  paper_span (one, 16, 258, 363, 20, "②可");
  g_ptr_array_add (pages, one);

  form = paper_read_pages (pages);
  item = paper_item (form, 22);
  g_assert_cmpstr (item->content, ==, "①有り(CISO)\n②有り(委員会)");
  g_assert_cmpuint (g_strv_length (item->fields), ==, 2);
  item = paper_item (form, 69);
  g_assert_cmpstr (item->content, ==, "①IoTゲートウェイ\n②センサーデータの集約\n③セキュアブート、TPM搭載");
  g_assert_cmpstr (item->fields[2], ==, "セキュアブート、TPM搭載");
  item = paper_item (form, 87);
  g_assert_cmpstr (item->content, ==, "①有\n②可\n③可");
  g_assert_cmpstr (paper_item (form, 128)->content, ==,
                   "(旧) ①平日9:00~17:30\n②可\n(新) ①平日9:00~18:00\n②可");
  g_assert_cmpstr (paper_item (form, 130)->content, ==, "①1ヵ月前\n②電子メール\n③有り\n④可");
}

/* Item names off a scan: a name's lines numbered out of order by the OCR,
 * one misread beyond a quarter of its letters yet nearest its own, and a
 * row shifted by one (the next item's name), which stays as read. */
static void
test_paper_ocr_names (void)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);
  ShinsaPage *one = shinsa_page_new (1, 842, 595);
  g_autoptr(ShinsaForm) form = NULL;

  g_test_summary ("a scanned item name read in reading order, taken as the catalogue's when nearest it, "
                  "kept as read when it is another item's");
  paper_header (one, 92);
  paper_span (one, 1, 75, 126, 10, "45");
  paper_span (one, 1, 124, 124, 120, "管理者接続用ネットワーク提供サービス");
  paper_span (one, 1, 258, 124, 100, "SSL-VPN経由のSSH接続");
  paper_span (one, 2, 75, 156, 10, "46");
  paper_span (one, 3, 124, 154, 56, "バックアップ");
  paper_span (one, 4, 124, 166, 18, "ビス");
  paper_span (one, 5, 189, 155, 53, "リストアサー");
  paper_span (one, 6, 258, 154, 100, "日次バックアップ");
  paper_span (one, 7, 75, 216, 10, "64");
  paper_span (one, 7, 124, 214, 37, "使用条件");
  paper_span (one, 7, 258, 214, 100, "目的外使用の禁止");
  paper_span (one, 8, 75, 246, 10, "65");
  paper_span (one, 8, 124, 244, 30, "ジントウテア");
  paper_span (one, 8, 258, 244, 100, "Sensor Firmware");
  paper_span (one, 9, 75, 276, 10, "66");
  paper_span (one, 9, 124, 274, 50, "ソフトウェア");
  paper_span (one, 9, 258, 274, 100, "盗難防止の固定具");
  g_ptr_array_add (pages, one);

  form = paper_read_pages (pages);
  g_assert_cmpstr (paper_item (form, 46)->name, ==, "バックアップ・リストアサービス");
  g_assert_cmpstr (paper_item (form, 46)->content, ==, "日次バックアップ");
  g_assert_cmpstr (paper_item (form, 65)->name, ==, "ソフトウェア");
  /* the row before's name: FORM-ITEM-NAME-MISMATCH says the rows shifted */
  g_assert_cmpstr (paper_item (form, 66)->name, ==, "ソフトウェア");
}

/* 添付書類等 wrapped at the table's right edge on a portrait page, well
 * short of the page's: the lines run on ("第20" "条"), and a wrap between
 * a number and a word is the space it broke at ("資料2" "4ページ"). */
static void
test_paper_ocr_wrapped_evidence (void)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);
  ShinsaPage *one = shinsa_page_new (1, 595, 842);
  g_autoptr(ShinsaForm) form = NULL;

  g_test_summary ("a scan's 添付書類等 wrapped at the table's edge, not the page's: no line break, a space "
                  "where a number wrapped");
  paper_span (one, 0, 70, 100, 18, "通番");
  paper_span (one, 0, 130, 100, 36, "開示項目");
  paper_span (one, 0, 280, 100, 36, "申請内容");
  paper_span (one, 0, 410, 100, 120, "添付書類等(資料名該当箇所)");
  paper_span (one, 1, 72, 130, 10, "17");
  paper_span (one, 1, 108, 130, 36, "決算公告");
  paper_span (one, 1, 195, 130, 80, "有り(官報に掲載)");
  paper_span (one, 1, 405, 130, 125, "資料1 1頁(公告をする方法)資料2");
  paper_span (one, 2, 405, 143, 30, "4ページ");
  paper_span (one, 3, 72, 170, 10, "18");
  paper_span (one, 3, 108, 170, 36, "株主構成");
  paper_span (one, 3, 195, 170, 80, "渡部剛38.5%");
  paper_span (one, 3, 405, 170, 115, "資料3第7条別紙1第20");
  paper_span (one, 4, 405, 183, 10, "条");
  g_ptr_array_add (pages, one);

  form = paper_read_pages (pages);
  g_assert_cmpstr (paper_item (form, 17)->evidence, ==, "資料1 1頁(公告をする方法)資料2 4ページ");
  g_assert_cmpstr (paper_item (form, 18)->evidence, ==, "資料3第7条別紙1第20条");
}

/* ---- hostile workbooks ---------------------------------------------------------------------- */

typedef enum {
  HOSTILE_NOT_ZIP,
  HOSTILE_CUT_ZIP,
  HOSTILE_BOMB,
  HOSTILE_BOMB_RATIO,
  HOSTILE_LAUGHS,
  HOSTILE_XXE,
  HOSTILE_MILLION_ROWS,
  HOSTILE_NO_WORKBOOK,
  HOSTILE_NO_SHEET,
  HOSTILE_BAD_XML,
  HOSTILE_EMPTY_PART,
  HOSTILE_NOT_XLS,
  HOSTILE_CSV_CELLS,
  HOSTILE_CSV_BINARY,
  HOSTILE_CSV_ENCODING,
} Hostile;

typedef struct {
  const char *name;
  Hostile kind;
  const char *file;
  int code;
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "not-a-zip", HOSTILE_NOT_ZIP, "b.xlsx", FORM_ERROR_NOT_WORKBOOK },
  { "cut-zip", HOSTILE_CUT_ZIP, "b.xlsx", FORM_ERROR_MALFORMED },
  { "zip-bomb", HOSTILE_BOMB, "b.xlsx", FORM_ERROR_BOMB },
  { "zip-bomb-ratio", HOSTILE_BOMB_RATIO, "b.xlsx", FORM_ERROR_BOMB },
  { "billion-laughs", HOSTILE_LAUGHS, "b.xlsx", FORM_ERROR_HOSTILE },
  { "xxe", HOSTILE_XXE, "b.xlsx", FORM_ERROR_HOSTILE },
  { "million-rows", HOSTILE_MILLION_ROWS, "b.xlsx", FORM_ERROR_LIMIT },
  { "no-workbook-part", HOSTILE_NO_WORKBOOK, "b.xlsx", FORM_ERROR_NOT_WORKBOOK },
  { "no-sheet", HOSTILE_NO_SHEET, "b.xlsx", FORM_ERROR_NO_SHEET },
  { "bad-xml", HOSTILE_BAD_XML, "b.xlsx", FORM_ERROR_MALFORMED },
  { "empty-part", HOSTILE_EMPTY_PART, "b.xlsx", FORM_ERROR_MALFORMED },
  { "not-xls", HOSTILE_NOT_XLS, "b.xls", FORM_ERROR_MALFORMED },
  { "csv-too-many-cells", HOSTILE_CSV_CELLS, "b.csv", FORM_ERROR_LIMIT },
  { "csv-binary", HOSTILE_CSV_BINARY, "b.csv", FORM_ERROR_NOT_WORKBOOK },
  { "csv-encoding", HOSTILE_CSV_ENCODING, "b.csv", FORM_ERROR_ENCODING },
};

/* what the examiner is told for each code: the gist, in Japanese */
static const struct {
  int code;
  const char *says;
} explained[] = {
  { FORM_ERROR_FAILED, "ファイルの問題とは限りません" },
  { FORM_ERROR_NOT_WORKBOOK, "中身が表計算ファイル（Excelの.xlsx・.xls、またはCSV）ではありません" },
  { FORM_ERROR_LIMIT, "審査で読める大きさの上限（ファイル64MiB、値のあるセル200,000個、シート256枚、65,536行・16,384列）を超えています" },
  { FORM_ERROR_HOSTILE, "読み込みを拒否しました。このファイルを手元のExcelで開かず" },
  { FORM_ERROR_MALFORMED, "ファイルが壊れているか、途中で切れています" },
  { FORM_ERROR_BOMB, "zip爆弾" },
  { FORM_ERROR_NO_SHEET, "ワークシートが1枚もありません" },
  { FORM_ERROR_ENCODING, "文字コードがUTF-8でもShift_JIS（CP932）でもない" },
  { FORM_ERROR_CRASHED, "Excel 97-2003形式（.xls）の読み取りが異常終了しました" },
};

/* form_error_explain (@error) in Japanese, the gist of its code, what to
 * do, and neither a path nor the English message */
static void
assert_explained (const GError *error, const char *dir)
{
  g_autofree char *reason = NULL;
  FormLimits limits;
  gboolean found = FALSE;

  form_limits_init_default (&limits);
  reason = form_error_explain (error, &limits);
  g_test_message ("%s → %s", error->message, reason);
  for (guint i = 0; i < G_N_ELEMENTS (explained); i++)
    if (g_error_matches (error, FORM_ERROR, explained[i].code))
      {
        g_assert_nonnull (strstr (reason, explained[i].says));
        found = TRUE;
      }
  g_assert_true (found);
  if (error->code != FORM_ERROR_FAILED)
    g_assert_nonnull (strstr (reason, "の再提出を求めてください。"));
  g_assert_null (strchr (reason, '/'));
  g_assert_null (strchr (reason, '\''));
  if (dir != NULL)
    g_assert_null (strstr (reason, dir));
}

static void
test_error_explain (void)
{
  g_autoptr(GError) io = g_error_new (G_FILE_ERROR, G_FILE_ERROR_IO, "cannot read 'b.csv'");
  g_autofree char *io_reason = form_error_explain (io, NULL);

  g_test_summary ("each FormError code has its own Japanese reason: what is wrong and what to do");
  for (guint i = 0; i < G_N_ELEMENTS (explained); i++)
    {
      g_autoptr(GError) error = g_error_new (FORM_ERROR, explained[i].code, "'b.xlsx': English");
      assert_explained (error, NULL);
      for (guint j = 0; j < i; j++)
        {
          g_autoptr(GError) other = g_error_new (FORM_ERROR, explained[j].code, "'b.xlsx': English");
          g_autofree char *a = form_error_explain (error, NULL);
          g_autofree char *b = form_error_explain (other, NULL);
          g_assert_cmpstr (a, !=, b);
        }
    }
  g_assert_nonnull (strstr (io_reason, "入出力エラー"));
  g_assert_null (strstr (io_reason, "b.csv"));
}

static const char laughs[] =
  "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
  "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
  "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
  "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
  "<sst " NS "><si><t>&i;</t></si></sst>";
static const char xxe[] =
  "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
  "<sst " NS "><si><t>&x;</t></si></sst>";

static void
test_hostile (gconstpointer data)
{
  const HostileCase *hc = data;
  g_autofree char *dir = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, hc->file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autofree char *big = NULL;
  FormLimits limits;
  gint64 start;

  switch (hc->kind)
    {
    case HOSTILE_NOT_ZIP:
      g_assert_true (g_file_set_contents (path, "これは表計算ファイルではありません\n", -1, NULL));
      break;
    case HOSTILE_NOT_XLS:
      /* an OLE2 signature, then nothing: a cut or damaged .xls */
      g_assert_true (g_file_set_contents (path, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 this is not a workbook", -1, NULL));
      break;
    case HOSTILE_CUT_ZIP:
      g_assert_true (g_file_set_contents (path, "PK\003\004 truncated, not a zip at all", -1, NULL));
      break;
    case HOSTILE_NO_SHEET:
      {
        Part p[] = {
          { "[Content_Types].xml", content_types, 0 },
          { "xl/workbook.xml", "<workbook " NS "><sheets/></workbook>", 0 },
        };
        write_zip (path, p, G_N_ELEMENTS (p));
      }
      break;
    case HOSTILE_CSV_CELLS:
      {
        GString *rows = g_string_new (NULL);
        for (guint r = 1; r <= 200001; r++)
          g_string_append_printf (rows, "%u\n", r);
        g_assert_true (g_file_set_contents (path, rows->str, (gssize) rows->len, NULL));
        g_string_free (rows, TRUE);
      }
      break;
    case HOSTILE_CSV_BINARY:
      g_assert_true (g_file_set_contents (path, "\xff\xfe\x00\x01" "abc,\x81\n", 10, NULL));
      break;
    case HOSTILE_CSV_ENCODING:
      /* neither UTF-8 nor CP932: 0x80 and 0xA0 start no CP932 character */
      g_assert_true (g_file_set_contents (path, "\x80\xa0,\xfd\xfe\n", -1, NULL));
      break;
    case HOSTILE_BOMB:
    case HOSTILE_BOMB_RATIO:
      {
        /* 200 MiB of one byte: a few hundred KiB packed */
        gsize n = 200 * 1024 * 1024;
        Part p = { "xl/sharedStrings.xml", NULL, n };
        big = g_malloc (n);
        memset (big, ' ', n);
        p.data = big;
        write_xlsx (path, "s", "", NULL, &p, 1);
      }
      break;
    case HOSTILE_LAUGHS:
      {
        Part p = { "xl/sharedStrings.xml", laughs, 0 };
        write_xlsx (path, "s", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", NULL, &p, 1);
      }
      break;
    case HOSTILE_XXE:
      {
        Part p = { "xl/sharedStrings.xml", xxe, 0 };
        write_xlsx (path, "s", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", NULL, &p, 1);
      }
      break;
    case HOSTILE_MILLION_ROWS:
      {
        GString *rows = g_string_sized_new (40 * 1000000);
        for (guint r = 1; r <= 1000000; r++)
          g_string_append_printf (rows, "<row r=\"%u\"><c r=\"A%u\"><v>%u</v></c></row>", r, r, r);
        write_xlsx (path, "s", rows->str, NULL, NULL, 0);
        g_string_free (rows, TRUE);
      }
      break;
    case HOSTILE_NO_WORKBOOK:
      {
        Part p = { "hello.xml", "<a/>", 0 };
        write_zip (path, &p, 1);
      }
      break;
    case HOSTILE_EMPTY_PART:
      {
        /* no bytes at all: found by tools/fuzz/fuzz-workbook under UBSan */
        Part p = { "xl/sharedStrings.xml", "", 0 };
        write_xlsx (path, "s", "", NULL, &p, 1);
      }
      break;
    case HOSTILE_BAD_XML:
      {
        Part p = { "xl/sharedStrings.xml", "<sst " NS "><si><t>open</si>", 0 };
        write_xlsx (path, "s", "", NULL, &p, 1);
      }
      break;
    }

  form_limits_init_default (&limits);
  if (hc->kind == HOSTILE_BOMB_RATIO)
    {
      /* past the per-part cap, the unpacked/packed ratio still stops it */
      limits.max_part_bytes = G_MAXUINT64 / 2;
      limits.max_total_bytes = G_MAXUINT64 / 2;
    }
  start = g_get_monotonic_time ();
  book = form_read_any (path, hc->file, &limits, &error);
  g_test_message ("%s refused in %.1f ms: %s", hc->name, (g_get_monotonic_time () - start) / 1000.0,
                  error != NULL ? error->message : "(not refused)");
  g_assert_null (book);
  g_assert_error (error, FORM_ERROR, hc->code);
  g_assert_nonnull (strstr (error->message, hc->file));
  g_assert_null (strstr (error->message, "root:"));
  g_assert_null (strstr (error->message, dir));
  assert_explained (error, dir);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  shinsa_remove_tree (dir, NULL);
}

/* the DOC-UNREADABLE finding the form stage gives @path: its message,
 * (transfer none), or NULL */
static const char *
unreadable_message (JsonObject *root, const char *path)
{
  JsonArray *findings = json_object_get_array_member (root, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *msg = json_object_get_string_member (f, "message");
      g_autofree char *prefix = g_strdup_printf ("「%s」を表計算ファイルとして読めません。", path);

      if (g_strcmp0 (json_object_get_string_member (f, "code"), "DOC-UNREADABLE") == 0
          && g_str_has_prefix (msg, prefix))
        return msg;
    }
  return NULL;
}

static char *
expected_message (const char *path, int code)
{
  g_autoptr(GError) error = g_error_new_literal (FORM_ERROR, code, "");
  g_autofree char *reason = NULL;
  FormLimits limits;

  form_limits_init_default (&limits);
  reason = form_error_explain (error, &limits);
  return g_strdup_printf ("「%s」を表計算ファイルとして読めません。%s", path, reason);
}

/* workbooks that cannot be read, through the pipeline: the examiner is told
 * in Japanese what is wrong and what to do, the English reason stays in
 * the document's status for the logs, and no message shows the folder */
static void
test_unreadable_japanese (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "unreadable", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *hostile = g_test_build_filename (G_TEST_DIST, "data", "hostile-freexl.xls", NULL);
  g_autofree char *xls_bytes = NULL;
  g_autofree char *bomb = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(JsonNode) report = NULL;
  JsonObject *root;
  JsonArray *documents, *findings;
  const char *xls_msg;
  gsize len, n = 4 * 1024 * 1024;
  static const struct {
    const char *path;
    int code;
  } want[] = {
    { "申請書B.csv", FORM_ERROR_NOT_WORKBOOK },
    { "申請書A.xlsx", FORM_ERROR_BOMB },
    { "資料内訳書.csv", FORM_ERROR_LIMIT },
  };

  g_test_summary ("DOC-UNREADABLE for a workbook says in Japanese what is wrong and what to do: "
                  "not a workbook, a zip bomb, too many cells, the .xls that crashes libfreexl");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  {
    g_autofree char *path = g_build_filename (dir, "申請書B.csv", NULL);
    g_assert_true (g_file_set_contents (path, "\xff\xfe\x00\x01" "abc,\x81\n", 10, NULL));
  }
  {
    /* 4 MiB of spaces, a few KiB packed */
    g_autofree char *path = g_build_filename (dir, "申請書A.xlsx", NULL);
    Part p = { "xl/sharedStrings.xml", NULL, n };
    bomb = g_malloc (n);
    memset (bomb, ' ', n);
    p.data = bomb;
    write_xlsx (path, "s", "", NULL, &p, 1);
  }
  {
    g_autofree char *path = g_build_filename (dir, "資料内訳書.csv", NULL);
    for (guint r = 1; r <= 200001; r++)
      g_string_append_printf (rows, "%u\n", r);
    g_assert_true (g_file_set_contents (path, rows->str, (gssize) rows->len, NULL));
  }
  {
    g_autofree char *path = g_build_filename (dir, "申請書B.xls", NULL);
    g_assert_true (g_file_get_contents (hostile, &xls_bytes, &len, NULL));
    g_assert_true (g_file_set_contents (path, xls_bytes, (gssize) len, NULL));
  }
  {
    g_autofree char *path = g_build_filename (dir, "submission.ini", NULL);
    g_assert_true (g_file_set_contents (path,
                                        "[submission]\nid=unreadable\n[roles]\n申請書B.csv=form-b\n"
                                        "申請書B.xls=form-b\n申請書A.xlsx=form-a\n資料内訳書.csv=inventory\n",
                                        -1, NULL));
  }

  report = run_pipeline (dir, out);
  root = json_node_get_object (report);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *expected = expected_message (want[i].path, want[i].code);
      g_assert_cmpstr (unreadable_message (root, want[i].path), ==, expected);
    }
  /* built with AddressSanitizer the worker stops at libfreexl's overflow;
   * without, libfreexl finds no worksheet in what it overwrote */
  xls_msg = unreadable_message (root, "申請書B.xls");
  g_assert_nonnull (xls_msg);
  {
    g_autofree char *crashed = expected_message ("申請書B.xls", FORM_ERROR_CRASHED);
    g_autofree char *damaged = expected_message ("申請書B.xls", FORM_ERROR_MALFORMED);
    if (g_strcmp0 (xls_msg, crashed) != 0)
      g_assert_cmpstr (xls_msg, ==, damaged);
  }

  /* the English reason, for the logs, on the document */
  documents = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 4);
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *d = json_array_get_object_element (documents, i);
      const char *path = json_object_get_string_member (d, "path");
      const char *reason = json_object_get_string_member_with_default (d, "status_reason", NULL);

      g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "unreadable");
      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, path));
      g_assert_null (strstr (reason, tmp));
    }
  findings = json_object_get_array_member (root, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    g_assert_null (strstr (json_object_get_string_member (json_array_get_object_element (findings, i), "message"), tmp));
  shinsa_remove_tree (tmp, NULL);
}

/* a hostile 申請書B and one without a header: named findings, the rest goes on */
static void
test_hostile_submission (gconstpointer data)
{
  gboolean no_header = GPOINTER_TO_INT (data);
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-form-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "hostile", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *b = g_build_filename (dir, "申請書B.xlsx", NULL);
  g_autofree char *a_src = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", "申請書A.xlsx", NULL);
  g_autofree char *a_dst = g_build_filename (dir, "申請書A.xlsx", NULL);
  g_autofree char *a_bytes = NULL;
  g_autoptr(JsonNode) report = NULL;
  JsonArray *findings;
  gboolean named = FALSE;
  gsize len;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (no_header)
    write_xlsx (b, "Sheet1", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>メモ</t></is></c></row>", NULL, NULL, 0);
  else
    {
      Part p = { "xl/sharedStrings.xml", xxe, 0 };
      write_xlsx (b, "s", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", NULL, &p, 1);
    }
  g_assert_true (g_file_get_contents (a_src, &a_bytes, &len, NULL));
  g_assert_true (g_file_set_contents (a_dst, a_bytes, (gssize) len, NULL));

  report = run_pipeline (dir, out);
  findings = json_object_get_array_member (json_node_get_object (report), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *code = json_object_get_string_member (f, "code");
      const char *msg = json_object_get_string_member (f, "message");
      if (g_strcmp0 (code, no_header ? "FORM-TABLE-NOT-FOUND" : "DOC-UNREADABLE") == 0
          && strstr (msg, "申請書B.xlsx") != NULL)
        {
          named = TRUE;
          if (no_header)
            g_assert_nonnull (strstr (msg, "Sheet1"));
        }
      g_assert_null (strstr (msg, "root:"));
    }
  g_assert_true (named);
  /* the run went on: the face sheet was read, the report is whole */
  g_assert_true (json_object_get_boolean_member (json_node_get_object (report), "complete"));
  shinsa_remove_tree (tmp, NULL);
}

static void
test_scheme_files (void)
{
  g_autoptr(ShinsaScheme) iaas = load_scheme ();
  g_autoptr(ShinsaScheme) tokutei = NULL;
  g_autoptr(GError) error = NULL;
  guint minimum = 0, measures = 0;

  g_assert_cmpuint (iaas->items->len, ==, 133);
  for (int no = 1; no <= 133; no++)
    {
      const ShinsaSchemeItem *si = shinsa_scheme_get_item (iaas, no);
      g_assert_cmpint (si->no, ==, no);
      if (si->klass == SHINSA_ITEM_CLASS_REQUIRED_THRESHOLD)
        g_assert_nonnull (si->check);
    }
  g_assert_nonnull (shinsa_scheme_get_item (iaas, 87)->check);
  g_assert_cmpint (shinsa_scheme_get_item (iaas, 130)->check->field, ==, 1);
  g_assert_true (shinsa_scheme_item_field_required (shinsa_scheme_get_item (iaas, 6), 1));
  g_assert_false (shinsa_scheme_item_field_required (shinsa_scheme_get_item (iaas, 6), 2));

  tokutei = shinsa_scheme_load ("tokutei-asp-saas", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tokutei->items->len, ==, 0);
  for (guint i = 0; i < tokutei->requirements->len; i++)
    {
      ShinsaSchemeRequirement *r = g_ptr_array_index (tokutei->requirements, i);
      if (strcmp (r->kind, "minimum") == 0)
        {
          minimum++;
          g_assert_nonnull (strstr (r->text, "事前告知時期"));
        }
      else
        measures++;
    }
  g_assert_cmpuint (minimum, ==, 1);
  g_assert_cmpuint (measures, ==, 22);

  g_assert_null (shinsa_scheme_load ("no-such-scheme", &error));
  g_assert_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (shinsa_scheme_load ("../etc/passwd", &error));
  g_assert_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  truth_items ();
  g_test_add_func ("/form/scheme/files", test_scheme_files);
  g_test_add_func ("/form/sample/xlsx", test_sample_xlsx);
  g_test_add_func ("/form/sample/face-and-inventory", test_sample_face_and_inventory);
  g_test_add_func ("/form/old-new/split", test_old_new_split);
  g_test_add_func ("/form/old-new/renewal", test_renewal_old_new);
  g_test_add_func ("/form/certification-number", test_certification_number);
  g_test_add_data_func ("/form/csv/utf-8-bom", "UTF-8", test_csv);
  g_test_add_data_func ("/form/csv/cp932", "CP932", test_csv);
  g_test_add_func ("/form/xls/sample", test_xls);
  g_test_add_func ("/form/xls/isolated", test_xls_isolated);
  g_test_add_func ("/form/error/explain", test_error_explain);
  g_test_add_func ("/form/xlsx/layout-reordered", test_layout_reordered);
  g_test_add_func ("/form/xlsx/colours", test_colours);
  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/form/rules/%s", rule_cases[i].name);
      g_test_add_data_func (name, &rule_cases[i], test_rule);
    }
  g_test_add_func ("/form/inventory/binding", test_inventory_binding);
  g_test_add_func ("/form/paper/pdf", test_paper_pdf);
  g_test_add_func ("/form/paper/scan", test_paper_scan);
  g_test_add_func ("/form/paper/ocr-cells", test_paper_ocr_cells);
  g_test_add_func ("/form/paper/ocr-page-ends", test_paper_ocr_page_ends);
  g_test_add_func ("/form/paper/ocr-lost-numbers", test_paper_ocr_lost_numbers);
  g_test_add_func ("/form/paper/ocr-markers", test_paper_ocr_markers);
  g_test_add_func ("/form/paper/ocr-names", test_paper_ocr_names);
  g_test_add_func ("/form/paper/ocr-wrapped-evidence", test_paper_ocr_wrapped_evidence);
  g_test_add_func ("/form/rules/tokutei", test_tokutei);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/form/hostile/%s", hostile_cases[i].name);
      g_test_add_data_func (name, &hostile_cases[i], test_hostile);
    }
  g_test_add_data_func ("/form/hostile/submission-xxe", GINT_TO_POINTER (FALSE), test_hostile_submission);
  g_test_add_data_func ("/form/hostile/submission-no-header", GINT_TO_POINTER (TRUE), test_hostile_submission);
  g_test_add_func ("/form/hostile/unreadable-japanese", test_unreadable_japanese);
  {
    int status = g_test_run ();
    g_clear_object (&truth_parser);
    return status;
  }
}
