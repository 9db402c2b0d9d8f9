/* The renewal stage: the character diff, the red-ink test, one item against
 * the previous one (built by hand), and the renewal pipeline end to end on
 * the committed renewal pairs — the workbook, the scanned paper form, the
 * previous submission against itself, and the previous given as its
 * report.json.  Expected findings come from fixtures/renewal.truth.json.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "test-util.h"
#include "renewal.h"
#include "form.h"

/* ---- helpers ------------------------------------------------------------- */

static char *
fixture_path (const char *rel)
{
  return g_test_build_filename (G_TEST_DIST, "..", "fixtures", rel, NULL);
}

static ShinsaExitStatus
run_renewal (const char *current, const char *previous, const char *outdir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autofree char *file = shinsa_pipeline_find_file ("renewal", &error);
  const char *available[] = { "files", "previous", NULL };
  const char *subs[] = { current, NULL };
  ShinsaExitStatus status;

  g_assert_no_error (error);
  shinsa_registry_scan (registry, NULL, NULL);
  pipeline = shinsa_pipeline_load (registry, file, available, &error);
  g_assert_no_error (error);
  runner = shinsa_runner_new (pipeline, outdir);
  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  shinsa_runner_set_jobs (runner, 1);
  shinsa_runner_set_previous (runner, previous);
  status = shinsa_runner_run (runner, subs, &error);
  g_assert_no_error (error);
  return status;
}

static JsonNode *
load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static const char *
str_member (JsonObject *o, const char *name)
{
  return json_object_get_string_member_with_default (o, name, NULL);
}

/* the report's finding @f is the truth's @e: code, item, and document for
 * findings about a document */
static gboolean
finding_matches (JsonObject *f, JsonObject *e)
{
  gint64 item = json_object_get_int_member_with_default (e, "item", 0);

  if (g_strcmp0 (str_member (f, "code"), str_member (e, "code")) != 0)
    return FALSE;
  if (json_object_get_int_member_with_default (f, "item", 0) != item)
    return FALSE;
  return item != 0 || str_member (e, "document") == NULL
         || g_strcmp0 (str_member (f, "document"), str_member (e, "document")) == 0;
}

/* every planted RENEWAL-* finding of the truth is in @report, and no other
 * RENEWAL-* finding is; returns how many were asserted */
static guint
assert_renewal_findings (JsonObject *report, JsonArray *expected, const char *what)
{
  JsonArray *findings = json_object_get_array_member (report, "findings");
  guint asserted = 0;

  for (guint j = 0; j < json_array_get_length (expected); j++)
    {
      JsonObject *e = json_array_get_object_element (expected, j);
      gboolean found = FALSE;

      if (!g_str_has_prefix (str_member (e, "code"), "RENEWAL-"))
        continue;
      for (guint i = 0; i < json_array_get_length (findings) && !found; i++)
        found = finding_matches (json_array_get_object_element (findings, i), e);
      if (!found)
        g_error ("%s: planted %s (item %" G_GINT64_FORMAT ", document %s) not reported", what,
                 str_member (e, "code"), json_object_get_int_member_with_default (e, "item", 0),
                 str_member (e, "document") != NULL ? str_member (e, "document") : "-");
      asserted++;
    }
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      gboolean planted = FALSE;

      if (!g_str_has_prefix (str_member (f, "code"), "RENEWAL-"))
        continue;
      for (guint j = 0; j < json_array_get_length (expected) && !planted; j++)
        planted = finding_matches (f, json_array_get_object_element (expected, j));
      if (!planted)
        g_error ("%s: unexpected %s (item %" G_GINT64_FORMAT "): %s", what, str_member (f, "code"),
                 json_object_get_int_member_with_default (f, "item", 0), str_member (f, "message"));
    }
  return asserted;
}

static ShinsaFormItem *
item_with_runs (int no, const char *name, const ShinsaFormRun *runs, guint n_runs, const char *evidence)
{
  ShinsaFormItem *item = shinsa_form_item_new (no);
  ShinsaFormRun ev = { (char *) evidence, 0, FALSE, FALSE };

  item->name = g_strdup (name);
  for (guint i = 0; i < n_runs; i++)
    shinsa_form_item_append_content (item, &runs[i]);
  shinsa_form_item_append_evidence (item, &ev);
  shinsa_form_item_split_fields (item);
  return item;
}

static ShinsaFormItem *
item_plain (int no, const char *name, const char *content, const char *evidence)
{
  ShinsaFormRun run = { (char *) content, 0, FALSE, FALSE };
  return item_with_runs (no, name, &run, 1, evidence);
}

/* ---- the diff ------------------------------------------------------------- */

static char *
edits_string (const char *a, const char *b)
{
  g_autoptr(RenewalText) ta = renewal_text_new (a);
  g_autoptr(RenewalText) tb = renewal_text_new (b);
  g_autoptr(GArray) edits = renewal_diff ((gunichar *) ta->norm->data, ta->norm->len,
                                          (gunichar *) tb->norm->data, tb->norm->len, 2000);
  g_autoptr(JsonNode) json = renewal_diff_to_json (ta, tb, edits);
  g_autoptr(GString) s = g_string_new (NULL);
  JsonArray *ops = json_node_get_array (json);
  guint equal = 0, del = 0, ins = 0;

  for (guint i = 0; i < edits->len; i++)
    {
      const RenewalEdit *e = &g_array_index (edits, RenewalEdit, i);
      if (e->op == RENEWAL_OP_EQUAL)
        {
          g_assert_cmpuint (g_array_index (ta->norm, gunichar, e->a), ==, g_array_index (tb->norm, gunichar, e->b));
          equal++;
        }
      else if (e->op == RENEWAL_OP_DELETE)
        del++;
      else
        ins++;
    }
  /* a script: every character of each side once */
  g_assert_cmpuint (equal + del, ==, ta->norm->len);
  g_assert_cmpuint (equal + ins, ==, tb->norm->len);
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonObject *o = json_array_get_object_element (ops, i);
      const char *op = str_member (o, "op");
      g_string_append_printf (s, "%s%c%s", i > 0 ? " " : "",
                              strcmp (op, "equal") == 0 ? '=' : strcmp (op, "delete") == 0 ? '-' : '+',
                              str_member (o, "text"));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_diff (void)
{
  static const struct {
    const char *a, *b, *expected;
  } cases[] = {
    { "平日9:00～17:30", "平日9:00～18:00", "=平日9:00～1 -7 +8 =: -3 +0 =0" },
    { "241名（2022年3月31日現在）", "286名（2024年3月31日現在）", "=2 -41 +86 =名（202 -2 +4 =年3月31日現在）" },
    { "同じ内容", "同じ内容", "=同じ内容" },
    { "", "新しい", "+新しい" },
    { "古い", "", "-古い" },
    /* width, white space and wave dashes are not changes */
    { "ＩＤ・パスワード 〜12文字", "ID・パスワード～12文字", "=ＩＤ・パスワード 〜12文字" },
    { "2週間前", "1ヵ月前", "-2週間 +1ヵ月 =前" },
  };

  g_test_summary ("Myers' diff over code points: the script is minimal and shows the written characters");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = edits_string (cases[i].a, cases[i].b);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_diff_limit (void)
{
  g_autoptr(GString) a = g_string_new (NULL), b = g_string_new (NULL);
  g_autoptr(RenewalText) ta = NULL, tb = NULL;
  g_autoptr(GArray) edits = NULL;
  guint del = 0, ins = 0;

  g_test_summary ("beyond max_d the script is delete-all, insert-all, and still complete");
  for (guint i = 0; i < 300; i++)
    {
      g_string_append_unichar (a, 0x3042 + (i % 40));
      g_string_append_unichar (b, 0x4E00 + (i % 50));
    }
  ta = renewal_text_new (a->str);
  tb = renewal_text_new (b->str);
  edits = renewal_diff ((gunichar *) ta->norm->data, ta->norm->len, (gunichar *) tb->norm->data, tb->norm->len, 20);
  for (guint i = 0; i < edits->len; i++)
    {
      RenewalOp op = g_array_index (edits, RenewalEdit, i).op;
      g_assert_cmpint (op, !=, RENEWAL_OP_EQUAL);
      if (op == RENEWAL_OP_DELETE)
        del++;
      else
        ins++;
    }
  g_assert_cmpuint (del, ==, 300);
  g_assert_cmpuint (ins, ==, 300);
}

/* ---- red ----------------------------------------------------------------- */

static void
test_red (void)
{
  static const struct {
    guint32 rgb;
    gboolean red;
  } cases[] = {
    { 0xFF0000, TRUE }, { 0xC00000, TRUE }, { 0x800000, TRUE }, { 0xE60033, TRUE }, { 0xFF3300, TRUE },
    { 0xC0504D, TRUE },                /* theme accent2 of the default Office theme */
    { 0x903C39, TRUE },                /* …darkened by tint -0.25 */
    { 0xD91A1F, TRUE },                /* red ink as printed */
    { 0xC67F85, TRUE }, { 0xCB9291, TRUE }, /* …as OCR reads it off a scan */
    { 0x000000, FALSE }, { 0x7B7873, FALSE }, /* black, and black as read off a scan */
    { 0xFFC0CB, FALSE }, { 0xFF99CC, FALSE }, /* pink */
    { 0xFF9900, FALSE }, { 0xFF6600, FALSE }, /* orange */
    { 0x0000FF, FALSE }, { 0x00B050, FALSE }, { 0x663333, FALSE }, { 0xFFFFFF, FALSE },
  };

  g_test_summary ("朱書き by hue, saturation and value: strong and scanned reds, not pink, orange or brown");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (shinsa_color_is_red (cases[i].rgb) != cases[i].red)
      g_error ("%06X: expected %s", cases[i].rgb, cases[i].red ? "red" : "not red");
}

/* the fixture workbook's theme colour (theme 5 with a tint) and indexed
 * colour (10) come out red from the form reader */
static void
test_red_theme_indexed (void)
{
  g_autofree char *path = fixture_path ("renewal/current/申請書B.xlsx");
  g_autofree char *truth_path = fixture_path ("renewal.truth.json");
  g_autoptr(JsonNode) truth = load_json (truth_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autoptr(ShinsaForm) form = shinsa_form_new ();
  FormLimits limits;
  JsonArray *changes;
  guint asserted = 0;

  g_test_summary ("the workbook's cell-theme, runs-indexed, cell-rgb and runs-rgb marks are all red");
  form_limits_init_default (&limits);
  book = form_read_xlsx (path, "申請書B.xlsx", &limits, &error);
  g_assert_no_error (error);
  g_assert_true (formb_read (book, form, &error));
  g_assert_no_error (error);

  changes = json_object_get_array_member (json_object_get_object_member (json_node_get_object (truth), "current"),
                                          "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      ShinsaFormItem *item = shinsa_form_find_item (form, json_object_get_int_member (c, "item"));

      g_assert_nonnull (item);
      g_assert_cmpint (shinsa_form_item_has_red (item), ==, json_object_get_boolean_member (c, "marked"));
      asserted++;
    }
  g_assert_cmpuint (asserted, >=, 4);
}

/* ---- one item ------------------------------------------------------------ */

static void
test_item_partial_red (void)
{
  g_autoptr(ShinsaFormItem) prev = item_plain (128, "営業日・時間", "①平日9:00～17:30（土日祝日を除く）", "資料4 9頁");
  const ShinsaFormRun red_change[] = {
    { "①平日9:00～", 0, FALSE, FALSE }, { "18:00", 0xFF0000, TRUE, FALSE }, { "（土日祝日を除く）", 0, FALSE, FALSE },
  };
  const ShinsaFormRun red_elsewhere[] = {
    { "①平日", 0xFF0000, TRUE, FALSE }, { "9:00～18:00（土日祝日を除く）", 0, FALSE, FALSE },
  };
  g_autoptr(ShinsaFormItem) a = item_with_runs (128, "営業日・時間", red_change, G_N_ELEMENTS (red_change), "資料4 9頁");
  g_autoptr(ShinsaFormItem) b = item_with_runs (128, "営業日・時間", red_elsewhere, G_N_ELEMENTS (red_elsewhere), "資料4 9頁");
  g_autoptr(RenewalChange) ca = renewal_compare_item (prev, a, FALSE);
  g_autoptr(RenewalChange) cb = renewal_compare_item (prev, b, FALSE);

  g_test_summary ("an item is marked when its changed characters are red, not when something else is");
  g_assert_true (ca->changed && ca->content_changed);
  g_assert_true (ca->marked);
  g_assert_false (ca->old_shown);
  g_assert_cmpuint (ca->n_inserted, ==, ca->n_red_inserted);
  g_assert_true (cb->changed);
  g_assert_true (cb->any_red);
  g_assert_false (cb->marked);
}

static void
test_item_old_new (void)
{
  g_autoptr(ShinsaFormItem) prev = item_plain (8, "従業員数", "241名（2022年3月31日現在）", "資料2 2頁");
  static const char *const cells[] = {
    "（旧）241名（2022年3月31日現在）\n（新）286名（2024年3月31日現在）",
    "変更前：241名（2022年3月31日現在）\n変更後：286名（2024年3月31日現在）",
    "【改定前】241名（2022年3月31日現在）【改定後】286名（2024年3月31日現在）",
    "旧：241名（2022年3月31日現在）\n新：286名（2024年3月31日現在）",
  };

  g_test_summary ("old and new side by side, in every spelling: the new side is compared, the old is shown");
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      const ShinsaFormRun run = { (char *) cells[i], 0xFF0000, TRUE, FALSE };
      g_autoptr(ShinsaFormItem) cur = item_with_runs (8, "従業員数", &run, 1, "資料2 2頁");
      g_autoptr(RenewalChange) c = renewal_compare_item (prev, cur, FALSE);

      g_assert_true (c->changed);
      g_assert_true (c->old_shown);
      g_assert_true (c->marked);
      g_assert_cmpstr (c->new_text, ==, "286名（2024年3月31日現在）");
      g_assert_cmpstr (c->old_text, ==, "241名（2022年3月31日現在）");
    }
}

static void
test_item_strike (void)
{
  g_autoptr(ShinsaFormItem) prev = item_plain (130, "事前告知", "①2週間前（緊急メンテナンスを除く）", "資料5 第6条");
  const ShinsaFormRun runs[] = {
    { "①", 0, FALSE, FALSE }, { "2週間前", 0xFF0000, TRUE, TRUE }, { "1ヵ月前", 0xFF0000, TRUE, FALSE },
    { "（緊急メンテナンスを除く）", 0, FALSE, FALSE },
  };
  g_autoptr(ShinsaFormItem) cur = item_with_runs (130, "事前告知", runs, G_N_ELEMENTS (runs), "資料5 第6条");
  g_autoptr(RenewalChange) c = renewal_compare_item (prev, cur, FALSE);

  g_test_summary ("the old content struck through beside the new counts as shown; the struck text is not new");
  g_assert_true (c->changed);
  g_assert_true (c->old_shown);
  g_assert_true (c->marked);
  g_assert_cmpstr (c->new_text, ==, "①1ヵ月前（緊急メンテナンスを除く）");
  g_assert_cmpstr (c->shown_old, ==, "2週間前");
}

static void
test_item_unchanged (void)
{
  g_autoptr(ShinsaFormItem) prev = item_plain (22, "組織体制", "①有り（CISO　中村 浩二）", "資料3 第5条");
  const ShinsaFormRun red = { "①有り（ＣＩＳＯ 中村浩二）", 0xC00000, TRUE, FALSE };
  g_autoptr(ShinsaFormItem) same = item_plain (22, "組織体制", "①有り（CISO　中村 浩二）", "資料3 第5条");
  g_autoptr(ShinsaFormItem) marked = item_with_runs (22, "組織体制", &red, 1, "資料3 第5条");
  g_autoptr(RenewalChange) c1 = renewal_compare_item (prev, same, FALSE);
  g_autoptr(RenewalChange) c2 = renewal_compare_item (prev, marked, FALSE);

  g_test_summary ("no change once normalised; red on such an item is red on an unchanged item");
  g_assert_false (c1->changed);
  g_assert_false (c1->any_red);
  g_assert_false (c2->changed);
  g_assert_true (c2->any_red);
}

static void
test_item_shifted (void)
{
  g_autoptr(ShinsaForm) prev = shinsa_form_new ();
  g_autoptr(ShinsaForm) cur = shinsa_form_new ();
  g_autoptr(GHashTable) names = NULL;

  g_test_summary ("rows shifted: an item is compared with the previous item of its name, not of its 通番");
  g_ptr_array_add (prev->items, item_plain (62, "機器", "環境センサー", "資料4 3頁"));
  g_ptr_array_add (prev->items, item_plain (63, "接続条件", "ゲートウェイ1台あたり200台まで", "資料4 4頁"));
  g_ptr_array_add (prev->items, item_plain (64, "使用条件", "目的外使用の免責", "別紙1 第9条"));
  /* the current form lost a row: 63's text is written under 62 */
  g_ptr_array_add (cur->items, item_plain (62, "接続条件", "ゲートウェイ1台あたり200台まで", "資料4 4頁"));
  g_ptr_array_add (cur->items, item_plain (64, "使用条件", "目的外使用の免責", "別紙1 第9条"));
  names = renewal_index_names (prev);

  for (guint i = 0; i < cur->items->len; i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (cur->items, i);
      const ShinsaFormItem *old = renewal_align (prev, names, item);
      g_autoptr(RenewalChange) c = renewal_compare_item (old, item, FALSE);

      g_assert_nonnull (old);
      g_assert_cmpstr (old->name, ==, item->name);
      g_assert_false (c->changed);
    }
  g_assert_cmpint (renewal_align (prev, names, g_ptr_array_index (cur->items, 0))->no, ==, 63);
}

static void
test_item_new (void)
{
  const ShinsaFormRun run = { "新しい項目", 0, FALSE, FALSE };
  g_autoptr(ShinsaFormItem) cur = item_with_runs (134, "新設項目", &run, 1, "資料4 1頁");
  g_autoptr(RenewalChange) c = renewal_compare_item (NULL, cur, FALSE);

  g_test_summary ("an item the previous form did not have is a change");
  g_assert_true (c->changed);
  g_assert_false (c->marked);
  g_assert_cmpstr (c->old_text, ==, "");
}

static void
test_date (void)
{
  static const struct {
    const char *text;
    int y, m, d;
  } cases[] = {
    { "2024年7月22日", 2024, 7, 22 }, { "２０２４年７月２２日", 2024, 7, 22 }, { "2024/7/22", 2024, 7, 22 },
    { "2024-07-22", 2024, 7, 22 }, { "令和6年7月22日", 2024, 7, 22 }, { "令和元年5月1日", 2019, 5, 1 },
    { "平成31年4月30日", 2019, 4, 30 }, { "2024年2月30日", 0, 0, 0 }, { "未定", 0, 0, 0 }, { "", 0, 0, 0 },
  };

  g_test_summary ("application and certification dates as written on the forms");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate d;
      gboolean ok = renewal_parse_date (cases[i].text, &d);

      g_assert_cmpint (ok, ==, cases[i].y != 0);
      if (!ok)
        continue;
      g_assert_cmpint (g_date_get_year (&d), ==, cases[i].y);
      g_assert_cmpint (g_date_get_month (&d), ==, cases[i].m);
      g_assert_cmpint (g_date_get_day (&d), ==, cases[i].d);
    }
}

/* ---- the pipeline on the fixtures ---------------------------------------- */

/* the report's changes[] agree with the truth's: every changed item is
 * there, marked and old_shown as planted */
static void
assert_changes (JsonObject *report, JsonObject *truth_current, gboolean exact_text)
{
  JsonArray *changes = json_object_get_array_member (report, "changes");
  JsonArray *truth = json_object_get_array_member (truth_current, "changes");

  g_assert_nonnull (changes);
  for (guint j = 0; j < json_array_get_length (truth); j++)
    {
      JsonObject *t = json_array_get_object_element (truth, j);
      gint64 no = json_object_get_int_member (t, "item");
      JsonObject *c = NULL;

      for (guint i = 0; i < json_array_get_length (changes) && c == NULL; i++)
        if (json_object_get_int_member (json_array_get_object_element (changes, i), "item") == no)
          c = json_array_get_object_element (changes, i);
      if (c == NULL)
        g_error ("item %" G_GINT64_FORMAT " is not in changes[]", no);
      g_assert_cmpint (json_object_get_boolean_member (c, "changed"), ==, json_object_get_boolean_member (t, "changed"));
      g_assert_cmpint (json_object_get_boolean_member (c, "marked"), ==, json_object_get_boolean_member (t, "marked"));
      if (json_object_get_boolean_member (t, "changed"))
        g_assert_cmpint (json_object_get_boolean_member (c, "old_shown"), ==,
                         strcmp (str_member (t, "shown"), "new-only") != 0);
      if (exact_text)
        {
          g_assert_cmpstr (str_member (c, "old"), ==, str_member (t, "old"));
          g_assert_cmpstr (str_member (c, "new"), ==, str_member (t, "new"));
        }
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (c, "diff")));
    }
  if (exact_text)
    g_assert_cmpuint (json_array_get_length (changes), ==, json_array_get_length (truth));
}

typedef struct {
  const char *name;
  const char *current;          /* under fixtures/ */
} PairCase;

static void
test_pipeline_pair (gconstpointer data)
{
  const PairCase *pc = data;
  g_autofree char *current = fixture_path (pc->current);
  g_autofree char *previous = fixture_path ("renewal/previous");
  g_autofree char *truth_path = fixture_path ("renewal.truth.json");
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-renewal-XXXXXX", NULL);
  g_autofree char *base = g_path_get_basename (current);
  g_autofree char *report_path = g_build_filename (tmp, base, "report.json", NULL);
  g_autoptr(JsonNode) truth = load_json (truth_path);
  g_autoptr(JsonNode) report = NULL;
  JsonObject *t = json_node_get_object (truth);
  guint n;

  g_test_summary ("shinsa run renewal CURRENT --previous renewal/previous: every planted RENEWAL-* finding on its item or document, nothing else");
  g_assert_cmpint (run_renewal (current, previous, tmp), ==, SHINSA_EXIT_FINDINGS);
  report = load_json (report_path);
  n = assert_renewal_findings (json_node_get_object (report), json_object_get_array_member (t, "expected_findings"),
                               pc->name);
  g_assert_cmpuint (n, >=, 8);
  /* the workbook's text is exact; the scan's is what OCR read */
  assert_changes (json_node_get_object (report), json_object_get_object_member (t, "current"),
                  strcmp (pc->name, "workbook") == 0);
  shinsa_remove_tree (tmp, NULL);
}

static void
test_pipeline_unchanged (void)
{
  g_autofree char *previous = fixture_path ("renewal/previous");
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-renewal-XXXXXX", NULL);
  g_autofree char *report_path = g_build_filename (tmp, "previous", "report.json", NULL);
  g_autoptr(JsonNode) report = NULL;
  JsonArray *findings, *changes;

  g_test_summary ("a submission against itself: no change and no RENEWAL-* finding");
  run_renewal (previous, previous, tmp);
  report = load_json (report_path);
  findings = json_object_get_array_member (json_node_get_object (report), "findings");
  changes = json_object_get_array_member (json_node_get_object (report), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 0);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      if (g_str_has_prefix (str_member (f, "code"), "RENEWAL-"))
        g_error ("unexpected %s: %s", str_member (f, "code"), str_member (f, "message"));
    }
  shinsa_remove_tree (tmp, NULL);
}

static void
test_pipeline_previous_report (void)
{
  g_autofree char *current = fixture_path ("renewal/current");
  g_autofree char *previous = fixture_path ("renewal/previous");
  g_autofree char *truth_path = fixture_path ("renewal.truth.json");
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-renewal-XXXXXX", NULL);
  g_autofree char *prev_dir = g_build_filename (tmp, "prev", NULL);
  g_autofree char *prev_report = g_build_filename (prev_dir, "previous", "report.json", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *report_path = g_build_filename (out, "current", "report.json", NULL);
  g_autoptr(JsonNode) truth = load_json (truth_path);
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) expected = NULL;
  JsonArray *all = json_object_get_array_member (json_node_get_object (truth), "expected_findings");
  const char *subs[] = { previous, NULL };
  /* the stages whose report the certification was made from: its
   * documents (with their sha256) and the form's items */
  static const char intake[] = "[pipeline]\nname=intake\n\n[documents]\nplugin=documents\n\n[form]\nplugin=form\n";
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("--previous given as the previous submission's report.json: its items and documents are compared");
  shinsa_registry_scan (registry, NULL, NULL);
  pipeline = shinsa_pipeline_load_data (registry, intake, -1, "intake", NULL, &error);
  g_assert_no_error (error);
  runner = shinsa_runner_new (pipeline, prev_dir);
  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  shinsa_runner_run (runner, subs, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (prev_report, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run_renewal (current, prev_report, out), ==, SHINSA_EXIT_FINDINGS);
  report = load_json (report_path);

  /* an intake report keeps no 申請書A: all but the registry check */
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *e = json_array_get_object_element (all, i);
      if (strcmp (str_member (e, "code"), "RENEWAL-REGISTRY-NOT-RESUBMITTED") != 0)
        json_builder_add_value (b, json_node_copy (json_array_get_element (all, i)));
    }
  json_builder_end_array (b);
  expected = json_builder_get_root (b);
  g_assert_cmpuint (assert_renewal_findings (json_node_get_object (report), json_node_get_array (expected),
                                             "previous as report.json"), >=, 8);
  assert_changes (json_node_get_object (report),
                  json_object_get_object_member (json_node_get_object (truth), "current"), TRUE);
  shinsa_remove_tree (tmp, NULL);
}

static void
test_pipeline_previous_report_invalid (void)
{
  g_autofree char *current = fixture_path ("renewal/current");
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-renewal-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (tmp, "report.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShinsaRegistry) registry = shinsa_registry_new ();
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(ShinsaRunner) runner = NULL;
  g_autofree char *file = shinsa_pipeline_find_file ("renewal", &error);
  const char *available[] = { "files", "previous", NULL };
  const char *subs[] = { current, NULL };

  g_test_summary ("a --previous report.json that is not JSON stops the run before anything is examined");
  g_assert_true (g_file_set_contents (bad, "{ not json", -1, NULL));
  shinsa_registry_scan (registry, NULL, NULL);
  pipeline = shinsa_pipeline_load (registry, file, available, &error);
  g_assert_no_error (error);
  runner = shinsa_runner_new (pipeline, tmp);
  shinsa_runner_set_progress (runner, SHINSA_PROGRESS_QUIET);
  shinsa_runner_set_previous (runner, bad);
  g_assert_cmpint (shinsa_runner_run (runner, subs, &error), ==, SHINSA_EXIT_FAILED);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD);
  shinsa_remove_tree (tmp, NULL);
}

static void
test_pipeline_previous_unreadable (void)
{
  g_autofree char *current = fixture_path ("renewal/current");
  g_autofree char *previous = fixture_path ("damaged");
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-renewal-XXXXXX", NULL);
  g_autofree char *report_path = g_build_filename (tmp, "current", "report.json", NULL);
  g_autoptr(JsonNode) report = NULL;
  JsonArray *findings;
  guint not_read = 0;

  g_test_summary ("a previous submission without a 申請書B workbook: said once, and no item is called changed");
  run_renewal (current, previous, tmp);
  report = load_json (report_path);
  findings = json_object_get_array_member (json_node_get_object (report), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *code = str_member (f, "code");

      if (strcmp (code, "RENEWAL-PREVIOUS-NOT-READ") == 0)
        not_read++;
      g_assert_false (strcmp (code, "RENEWAL-CHANGED-NOT-MARKED") == 0 || strcmp (code, "RENEWAL-MARKED-UNCHANGED") == 0
                      || strcmp (code, "RENEWAL-OLD-NOT-SHOWN") == 0 || strcmp (code, "RENEWAL-NO-NEW-EVIDENCE") == 0);
    }
  g_assert_cmpuint (not_read, ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (report), "changes")), ==, 0);
  shinsa_remove_tree (tmp, NULL);
}

static const PairCase pair_cases[] = {
  { "workbook", "renewal/current" },
  { "paper", "renewal/paper" },
};

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renewal/diff/script", test_diff);
  g_test_add_func ("/renewal/diff/limit", test_diff_limit);
  g_test_add_func ("/renewal/red/colours", test_red);
  g_test_add_func ("/renewal/red/theme-indexed", test_red_theme_indexed);
  g_test_add_func ("/renewal/item/partial-red", test_item_partial_red);
  g_test_add_func ("/renewal/item/old-new", test_item_old_new);
  g_test_add_func ("/renewal/item/strike", test_item_strike);
  g_test_add_func ("/renewal/item/unchanged", test_item_unchanged);
  g_test_add_func ("/renewal/item/shifted", test_item_shifted);
  g_test_add_func ("/renewal/item/new", test_item_new);
  g_test_add_func ("/renewal/date", test_date);
  for (guint i = 0; i < G_N_ELEMENTS (pair_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/renewal/pipeline/%s", pair_cases[i].name);
      g_test_add_data_func (path, &pair_cases[i], test_pipeline_pair);
    }
  g_test_add_func ("/renewal/pipeline/unchanged", test_pipeline_unchanged);
  g_test_add_func ("/renewal/pipeline/previous-report", test_pipeline_previous_report);
  g_test_add_func ("/renewal/pipeline/previous-report-invalid", test_pipeline_previous_report_invalid);
  g_test_add_func ("/renewal/pipeline/previous-unreadable", test_pipeline_previous_unreadable);
  return g_test_run ();
}
