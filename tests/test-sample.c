/* The intake pipeline on the committed sample submission, end to end with
 * the shipped plugins: every document listed with the id, role, page count
 * and sha256 the generator's truth file gives.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-util.h"

static JsonObject *
find_by (JsonArray *array, const char *member, const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (o, member, NULL), value) == 0)
        return o;
    }
  return NULL;
}

static void
test_sample_intake (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample", NULL);
  g_autofree char *truth_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "sample.truth.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) truth_parser = json_parser_new ();
  g_autoptr(JsonParser) report_parser = json_parser_new ();
  g_autofree char *tmp = g_dir_make_tmp ("shinsa-test-sample-XXXXXX", NULL);
  g_autofree char *report = NULL;
  const char *subs[] = { sample, NULL };
  JsonArray *truth_docs, *docs, *findings;
  JsonObject *root;

  g_test_summary ("shinsa run intake fixtures/sample lists every document as the truth file says");
  /* the sample has planted defects: error findings are expected */
  g_assert_cmpint (test_run_shipped_pipeline ("intake", subs, tmp), ==, SHINSA_EXIT_FINDINGS);

  json_parser_load_from_file (truth_parser, truth_path, &error);
  g_assert_no_error (error);
  truth_docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (truth_parser)),
                                             "documents");
  report = g_build_filename (tmp, "sample", "report.json", NULL);
  json_parser_load_from_file (report_parser, report, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (report_parser));
  docs = json_object_get_array_member (root, "documents");
  findings = json_object_get_array_member (root, "findings");

  g_assert_cmpstr (json_object_get_string_member (root, "scheme"), ==, "iaas-paas-iot");
  /* every finding is one the generator planted, none invented */
  {
    JsonArray *expected = json_object_get_array_member (json_node_get_object (json_parser_get_root (truth_parser)),
                                                        "expected_findings");
    for (guint i = 0; i < json_array_get_length (findings); i++)
      {
        JsonObject *f = json_array_get_object_element (findings, i);
        gboolean planted = FALSE;
        for (guint j = 0; j < json_array_get_length (expected) && !planted; j++)
          {
            JsonObject *e = json_array_get_object_element (expected, j);
            planted = g_strcmp0 (json_object_get_string_member (f, "code"),
                                 json_object_get_string_member (e, "code")) == 0
                      && json_object_get_int_member_with_default (f, "item", 0)
                           == json_object_get_int_member_with_default (e, "item", 0);
          }
        if (!planted)
          g_error ("unexpected finding %s: %s", json_object_get_string_member (f, "code"),
                   json_object_get_string_member (f, "message"));
      }
  }

  for (guint i = 0; i < json_array_get_length (truth_docs); i++)
    {
      JsonObject *t = json_array_get_object_element (truth_docs, i);
      const char *path = json_object_get_string_member (t, "path");
      JsonObject *d = find_by (docs, "path", path);
      g_autofree char *local = g_build_filename (sample, path, NULL);
      g_autofree char *bytes = NULL;
      g_autofree char *sha = NULL;
      gsize length;

      if (d == NULL)
        g_error ("document '%s' missing from the report", path);
      g_assert_cmpstr (json_object_get_string_member (d, "id"), ==, json_object_get_string_member (t, "id"));
      g_assert_cmpstr (json_object_get_string_member (d, "role"), ==, json_object_get_string_member (t, "role"));
      g_assert_cmpint (json_object_get_int_member (d, "pages"), ==, json_object_get_int_member (t, "pages"));
      g_assert_cmpstr (json_object_get_string_member (d, "status"), ==, "ok");
      g_assert_cmpstr (json_object_get_string_member (d, "media_type"), ==, "application/pdf");
      g_assert_true (g_file_get_contents (local, &bytes, &length, NULL));
      sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, length);
      g_assert_cmpstr (json_object_get_string_member (d, "sha256"), ==, sha);
    }

  g_assert_cmpstr (json_object_get_string_member (find_by (docs, "path", "申請書A.xlsx"), "role"), ==, "form-a");
  g_assert_cmpstr (json_object_get_string_member (find_by (docs, "path", "申請書B.xlsx"), "role"), ==, "form-b");
  g_assert_cmpstr (json_object_get_string_member (find_by (docs, "path", "申請書B.xlsx"), "media_type"), ==,
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  g_assert_cmpstr (json_object_get_string_member (find_by (docs, "path", "資料内訳書.csv"), "role"), ==, "inventory");
  g_assert_null (find_by (docs, "path", "submission.ini"));
  g_assert_cmpuint (json_array_get_length (docs), ==, json_array_get_length (truth_docs) + 3);

  shinsa_remove_tree (tmp, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sample/intake", test_sample_intake);
  return g_test_run ();
}
