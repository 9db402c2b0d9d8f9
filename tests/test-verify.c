/* shinsa verify: BagIt bags (RFC 8493) checked to the letter; every kind of
 * tampering caught and named.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <shinsa.h>

typedef struct {
  char *tmp;
  char *bag;
} Fixture;

/* names as they come from a Windows CD-R in CP932, converted: wave dash and
 * minus as CP932 maps them, circled digits, 髙 */
#define CP932_NAME "資料１０_運用手順（第１版）～改訂－①髙橋.txt"
#define NFC_NAME "が.txt"
#define NFD_NAME "か\xe3\x82\x99.txt"

static void
write_file (const char *dir, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (shinsa_mkdir_private (parent, NULL));
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* a bag made by the writer from a few payload files */
static void
make_bag (const char *src, const char *bag, gboolean odd_names)
{
  g_autoptr(ShinsaBagWriter) w = shinsa_bag_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) tag = g_bytes_new_static ("<x/>\n", 5);
  g_auto(ShinsaBagSummary) summary = { 0 };
  static const char *const names[] = { "a.txt", "sub/b.txt", CP932_NAME, NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (src, names[i], NULL);
      write_file (src, names[i], names[i]);
      shinsa_bag_writer_add_payload (w, path, names[i], &error);
      g_assert_no_error (error);
    }
  if (odd_names)
    {
      g_autofree char *path = g_build_filename (src, "odd", NULL);
      write_file (src, "odd", "line\nbreak");
      shinsa_bag_writer_add_payload (w, path, "100% a\nb\rc.txt", &error);
      g_assert_no_error (error);
    }
  shinsa_bag_writer_add_tag_file (w, "manifest.xml", tag, &error);
  g_assert_no_error (error);
  shinsa_bag_writer_add_info (w, "Source-Organization", "株式会社テスト");
  shinsa_bag_writer_add_info (w, "Internal-Sender-Description", "二行の\n説明");
  shinsa_bag_writer_write (w, bag, &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.files, ==, odd_names ? 4 : 3);
}

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autofree char *src = NULL;

  fx->tmp = g_dir_make_tmp ("shinsa-test-verify-XXXXXX", NULL);
  g_assert_nonnull (fx->tmp);
  src = g_build_filename (fx->tmp, "src", NULL);
  fx->bag = g_build_filename (fx->tmp, "bag", NULL);
  make_bag (src, fx->bag, FALSE);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  shinsa_remove_tree (fx->tmp, NULL);
  g_free (fx->tmp);
  g_free (fx->bag);
}

static ShinsaBagReport *
verify (const char *path)
{
  g_autoptr(GError) error = NULL;
  ShinsaBagReport *report = shinsa_bag_verify (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->problems->len; i++)
    {
      ShinsaBagProblem *p = g_ptr_array_index (report->problems, i);
      g_test_message ("%s: %s: %s", p->level == SHINSA_BAG_PROBLEM_ERROR ? "error" : "warning",
                      p->file, p->message);
    }
  return report;
}

static gboolean
has_problem (ShinsaBagReport *report, ShinsaBagProblemLevel level, const char *file)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      ShinsaBagProblem *p = g_ptr_array_index (report->problems, i);
      if (p->level == level && strcmp (p->file, file) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_valid (Fixture *fx, gconstpointer data)
{
  g_autoptr(ShinsaBagReport) report = verify (fx->bag);
  g_autofree char *bagit = NULL;
  g_autofree char *path = g_build_filename (fx->bag, "bagit.txt", NULL);
  const char *argv[] = { "sha256sum", "--check", "--strict", "--quiet", "manifest-sha256.txt", NULL };
  const char *argv512[] = { "sha512sum", "--check", "--strict", "--quiet", "manifest-sha512.txt", NULL };
  const char *argvtag[] = { "sha256sum", "--check", "--strict", "--quiet", "tagmanifest-sha256.txt", NULL };
  int status;

  g_test_summary ("a bag the writer makes is valid, with no warning, and coreutils agree with its manifests");
  g_assert_true (shinsa_bag_report_is_valid (report));
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpstr (report->version, ==, "1.0");
  g_assert_cmpuint (report->payload_files, ==, 3);

  g_assert_true (g_file_get_contents (path, &bagit, NULL, NULL));
  g_assert_cmpstr (bagit, ==, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");

  g_assert_true (g_spawn_sync (fx->bag, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_spawn_sync (fx->bag, (char **) argv512, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_spawn_sync (fx->bag, (char **) argvtag, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_percent_encoding (Fixture *fx, gconstpointer data)
{
  g_autofree char *src = g_build_filename (fx->tmp, "src2", NULL);
  g_autofree char *bag = g_build_filename (fx->tmp, "bag2", NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *path = g_build_filename (bag, "manifest-sha256.txt", NULL);
  g_autofree char *decoded = NULL;
  g_autoptr(ShinsaBagReport) report = NULL;

  g_test_summary ("CR, LF and %% in a name are percent-encoded in the manifests, and verify");
  make_bag (src, bag, TRUE);
  g_assert_true (g_file_get_contents (path, &manifest, NULL, NULL));
  g_assert_nonnull (strstr (manifest, "  data/100%25 a%0Ab%0Dc.txt\n"));
  report = verify (bag);
  g_assert_true (shinsa_bag_report_is_valid (report));
  g_assert_cmpuint (report->payload_files, ==, 4);

  decoded = shinsa_bag_decode_path ("data/100%25 a%0ab%0Dc");
  g_assert_cmpstr (decoded, ==, "data/100% a\nb\rc");
  g_assert_null (shinsa_bag_decode_path ("data/%41"));
  g_assert_null (shinsa_bag_decode_path ("data/%2"));
}

/* ---- tampering ---------------------------------------------------------- */

static void
replace_in (const char *bag, const char *name, const char *from, const char *to)
{
  g_autofree char *path = g_build_filename (bag, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) s = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  s = g_string_new (text);
  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
}

static void
append_to (const char *bag, const char *name, const char *line)
{
  g_autofree char *path = g_build_filename (bag, name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *joined = NULL;

  g_file_get_contents (path, &text, NULL, NULL);
  joined = g_strconcat (text != NULL ? text : "", line, NULL);
  g_assert_true (g_file_set_contents (path, joined, -1, NULL));
}

static void
remove_line_with (const char *bag, const char *name, const char *needle)
{
  g_autofree char *path = g_build_filename (bag, name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint removed = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], needle) != NULL)
        {
          removed++;
          continue;
        }
      if (lines[i][0] != '\0')
        g_string_append_printf (out, "%s\n", lines[i]);
    }
  g_assert_cmpuint (removed, ==, 1);
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
}

static void
tamper_byte (const char *bag)
{
  replace_in (bag, "data/a.txt", "a", "A");
}

static void
tamper_missing (const char *bag)
{
  g_autofree char *path = g_build_filename (bag, "data", "sub", "b.txt", NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
tamper_extra (const char *bag)
{
  write_file (bag, "data/extra.txt", "not listed");
}

static void
tamper_oxum (const char *bag)
{
  g_autofree char *path = g_build_filename (bag, "bag-info.txt", NULL);
  g_autofree char *text = NULL;
  char *p;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  p = strstr (text, "Payload-Oxum: ");
  g_assert_nonnull (p);
  p += strlen ("Payload-Oxum: ");
  *p = *p == '9' ? '1' : (char) (*p + 1);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
tamper_manifest_line (const char *bag)
{
  remove_line_with (bag, "manifest-sha256.txt", "data/a.txt");
}

static void
tamper_bagit_txt (const char *bag)
{
  replace_in (bag, "bagit.txt", "Tag-File-Character-Encoding: ", "Tag-File-Character-Encoding:");
}

static void
tamper_bagit_version (const char *bag)
{
  replace_in (bag, "bagit.txt", "BagIt-Version: 1.0", "BagIt-Version: 1.0 ");
}

static void
tamper_escape (const char *bag)
{
  append_to (bag, "manifest-sha256.txt",
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  data/../../etc/passwd\n");
}

static void
tamper_absolute (const char *bag)
{
  append_to (bag, "manifest-sha256.txt",
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  /etc/passwd\n");
}

static void
tamper_bad_percent (const char *bag)
{
  append_to (bag, "manifest-sha256.txt",
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  data/%41.txt\n");
}

static void
tamper_bad_separator (const char *bag)
{
  append_to (bag, "manifest-sha256.txt", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
}

static void
tamper_bad_checksum (const char *bag)
{
  append_to (bag, "manifest-sha512.txt", "xyz  data/a.txt\n");
}

static void
tamper_fetch (const char *bag)
{
  static const char hex[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  g_autofree char *line = g_strdup_printf ("%s  data/later.txt\n", hex);
  append_to (bag, "fetch.txt", "https://example.org/later.txt 0 data/later.txt\n");
  append_to (bag, "manifest-sha256.txt", line);
  append_to (bag, "manifest-sha512.txt",
             "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e  data/later.txt\n");
}

static void
tamper_tag_file (const char *bag)
{
  replace_in (bag, "manifest.xml", "x", "y");
}

static void
tamper_no_data (const char *bag)
{
  g_autofree char *data = g_build_filename (bag, "data", NULL);
  g_autofree char *moved = g_build_filename (bag, "payload", NULL);
  g_assert_cmpint (g_rename (data, moved), ==, 0);
}

static void
tamper_nfd_twin (const char *bag)
{
  write_file (bag, "data/" NFC_NAME, "one");
  write_file (bag, "data/" NFD_NAME, "two");
}

static void
tamper_symlink (const char *bag)
{
  g_autofree char *link = g_build_filename (bag, "data", "passwd", NULL);
  g_assert_cmpint (symlink ("/etc/passwd", link), ==, 0);
}

typedef struct {
  const char *name;
  void (*tamper) (const char *bag);
  const char *file;      /* the file the problem must name */
} TamperCase;

static const TamperCase tamper_cases[] = {
  { "changed-byte", tamper_byte, "data/a.txt" },
  { "missing-file", tamper_missing, "data/sub/b.txt" },
  { "extra-file", tamper_extra, "data/extra.txt" },
  { "wrong-oxum", tamper_oxum, "bag-info.txt" },
  { "manifest-line-removed", tamper_manifest_line, "data/a.txt" },
  { "bad-bagit-txt", tamper_bagit_txt, "bagit.txt" },
  { "bad-bagit-version", tamper_bagit_version, "bagit.txt" },
  { "path-escapes", tamper_escape, "manifest-sha256.txt" },
  { "path-absolute", tamper_absolute, "manifest-sha256.txt" },
  { "bad-percent-encoding", tamper_bad_percent, "manifest-sha256.txt" },
  { "bad-separator", tamper_bad_separator, "manifest-sha256.txt" },
  { "bad-checksum", tamper_bad_checksum, "manifest-sha512.txt" },
  { "fetch-incomplete", tamper_fetch, "data/later.txt" },
  { "tag-file-changed", tamper_tag_file, "manifest.xml" },
  { "no-payload-folder", tamper_no_data, "data" },
  { "normalisation-twins", tamper_nfd_twin, "data/" NFD_NAME },
  { "symlink", tamper_symlink, "data/passwd" },
};

static void
test_tamper (Fixture *fx, gconstpointer data)
{
  const TamperCase *c = data;
  g_autoptr(ShinsaBagReport) report = NULL;

  c->tamper (fx->bag);
  report = verify (fx->bag);
  g_assert_false (shinsa_bag_report_is_valid (report));
  g_assert_true (has_problem (report, SHINSA_BAG_PROBLEM_ERROR, c->file));
}

/* ---- normalisation ------------------------------------------------------ */

static void
test_nfd_on_disk (Fixture *fx, gconstpointer data)
{
  g_autofree char *nfc = g_build_filename (fx->bag, "data", "sub", "b.txt", NULL);
  g_autofree char *nfd = g_build_filename (fx->bag, "data", "sub", NFD_NAME, NULL);
  g_autoptr(ShinsaBagReport) report = NULL;

  g_test_summary ("a payload name stored NFD on disk and NFC in the manifests: valid, with a warning naming it");
  /* list the file under its NFC name, store it under its NFD name */
  replace_in (fx->bag, "manifest-sha256.txt", "data/sub/b.txt", "data/sub/" NFC_NAME);
  replace_in (fx->bag, "manifest-sha512.txt", "data/sub/b.txt", "data/sub/" NFC_NAME);
  g_assert_cmpint (g_rename (nfc, nfd), ==, 0);
  /* the tag manifests vouch for the manifests as they now are */
  {
    g_autofree char *t256 = g_build_filename (fx->bag, "tagmanifest-sha256.txt", NULL);
    g_autofree char *t512 = g_build_filename (fx->bag, "tagmanifest-sha512.txt", NULL);
    g_unlink (t256);
    g_unlink (t512);
  }
  report = verify (fx->bag);
  g_assert_true (shinsa_bag_report_is_valid (report));
  g_assert_true (has_problem (report, SHINSA_BAG_PROBLEM_WARNING, "manifest-sha256.txt"));
}

static void
test_listed_twice (Fixture *fx, gconstpointer data)
{
  g_autofree char *nfc = g_build_filename (fx->bag, "data", "sub", "b.txt", NULL);
  g_autofree char *renamed = g_build_filename (fx->bag, "data", "sub", NFC_NAME, NULL);
  g_autofree char *manifest = g_build_filename (fx->bag, "manifest-sha256.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(ShinsaBagReport) report = NULL;
  char *line;

  g_test_summary ("one file listed under both its NFC and NFD names: valid, with a warning");
  replace_in (fx->bag, "manifest-sha256.txt", "data/sub/b.txt", "data/sub/" NFC_NAME);
  replace_in (fx->bag, "manifest-sha512.txt", "data/sub/b.txt", "data/sub/" NFC_NAME);
  g_assert_cmpint (g_rename (nfc, renamed), ==, 0);
  g_assert_true (g_file_get_contents (manifest, &text, NULL, NULL));
  line = strstr (text, "  data/sub/" NFC_NAME "\n");
  g_assert_nonnull (line);
  {
    g_autofree char *hex = g_strndup (line - 64, 64);
    g_autofree char *twin = g_strdup_printf ("%s  data/sub/%s\n", hex, NFD_NAME);
    append_to (fx->bag, "manifest-sha256.txt", twin);
  }
  {
    g_autofree char *t256 = g_build_filename (fx->bag, "tagmanifest-sha256.txt", NULL);
    g_autofree char *t512 = g_build_filename (fx->bag, "tagmanifest-sha512.txt", NULL);
    g_unlink (t256);
    g_unlink (t512);
  }
  report = verify (fx->bag);
  g_assert_true (shinsa_bag_report_is_valid (report));
  g_assert_true (has_problem (report, SHINSA_BAG_PROBLEM_WARNING, "manifest-sha256.txt"));
}

static void
test_writer_refuses (Fixture *fx, gconstpointer data)
{
  g_autoptr(ShinsaBagWriter) w = shinsa_bag_writer_new ();
  g_autoptr(GError) error = NULL;

  g_test_summary ("the writer refuses names equal after NFC, and paths that leave data/");
  g_assert_true (shinsa_bag_writer_add_payload (w, "/dev/null", "dir/" NFC_NAME, &error));
  g_assert_no_error (error);
  g_assert_false (shinsa_bag_writer_add_payload (w, "/dev/null", "dir/" NFD_NAME, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (shinsa_bag_writer_add_payload (w, "/dev/null", "../x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);
  g_assert_false (shinsa_bag_writer_add_payload (w, "/dev/null", "/etc/x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);
  g_assert_false (shinsa_bag_writer_add_payload (w, "/dev/null", "a\xff", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
}

static void
test_cp932_names (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fx->bag, "manifest-sha256.txt", NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *file = g_build_filename (fx->bag, "data", CP932_NAME, NULL);

  g_test_summary ("names of CP932 origin (～, －, ①, 髙) go into the bag and its manifests unchanged");
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (path, &manifest, NULL, NULL));
  g_assert_nonnull (strstr (manifest, "  data/" CP932_NAME "\n"));
}

/* ---- older versions, other encodings ------------------------------------- */

static void
test_old_version (Fixture *fx, gconstpointer data)
{
  g_autofree char *bag = g_build_filename (fx->tmp, "old", NULL);
  g_autoptr(ShinsaBagReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *info16 = NULL;
  gsize len16;
  g_autofree char *info_path = g_build_filename (bag, "bag-info.txt", NULL);

  g_test_summary ("a BagIt 0.97 bag, md5 manifest, UTF-16 tag files, a literal %% in a name: valid");
  write_file (bag, "bagit.txt", "BagIt-Version: 0.97\r\nTag-File-Character-Encoding: UTF-16\r\n");
  write_file (bag, "data/100%.txt", "hello\n");
  {
    const char *m = "b1946ac92492d2347c6235b4d2611184  data/100%.txt\n";
    g_autofree char *m16 = g_convert (m, -1, "UTF-16", "UTF-8", NULL, &len16, &error);
    g_autofree char *mpath = g_build_filename (bag, "manifest-md5.txt", NULL);
    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (mpath, m16, (gssize) len16, NULL));
  }
  info16 = g_convert ("Payload-Oxum: 6.1\n", -1, "UTF-16", "UTF-8", NULL, &len16, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (info_path, info16, (gssize) len16, NULL));
  report = verify (bag);
  g_assert_true (shinsa_bag_report_is_valid (report));
  g_assert_cmpstr (report->version, ==, "0.97");
}

/* ---- serialised ---------------------------------------------------------- */

static void
archive_add (struct archive *a, const char *name, const char *data, mode_t type)
{
  struct archive_entry *e = archive_entry_new ();

  archive_entry_set_pathname (e, name);
  archive_entry_set_filetype (e, type);
  archive_entry_set_perm (e, 0600);
  if (type == AE_IFLNK)
    archive_entry_set_symlink (e, data);
  else
    archive_entry_set_size (e, data != NULL ? strlen (data) : 0);
  g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
  if (type == AE_IFREG && data != NULL)
    archive_write_data (a, data, strlen (data));
  archive_entry_free (e);
}

/* the fixture's bag as a tar, plus one hostile entry */
static void
tar_bag (const char *bag, const char *dest, const char *hostile)
{
  const char *argv[] = { "tar", "-C", NULL, "-cf", dest, "bag", NULL };
  g_autofree char *parent = g_path_get_dirname (bag);
  int status;

  argv[2] = parent;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  if (hostile != NULL)
    {
      /* append by rewriting: libarchive cannot append in place */
      g_autofree char *tmp = g_strconcat (dest, ".2", NULL);
      struct archive *in = archive_read_new ();
      struct archive *out = archive_write_new ();
      struct archive_entry *e;

      archive_read_support_format_all (in);
      g_assert_cmpint (archive_read_open_filename (in, dest, 10240), ==, ARCHIVE_OK);
      archive_write_set_format_pax_restricted (out);
      g_assert_cmpint (archive_write_open_filename (out, tmp), ==, ARCHIVE_OK);
      while (archive_read_next_header (in, &e) == ARCHIVE_OK)
        {
          char buf[8192];
          la_ssize_t n;
          archive_write_header (out, e);
          while ((n = archive_read_data (in, buf, sizeof buf)) > 0)
            archive_write_data (out, buf, (size_t) n);
        }
      archive_add (out, hostile, "x", g_str_has_suffix (hostile, "link") ? AE_IFLNK : AE_IFREG);
      archive_write_close (out);
      archive_write_free (out);
      archive_read_free (in);
      g_assert_cmpint (g_rename (tmp, dest), ==, 0);
    }
}

static void
test_serialised_tar (Fixture *fx, gconstpointer data)
{
  g_autofree char *tar = g_build_filename (fx->tmp, "bag.tar", NULL);
  g_autoptr(ShinsaBagReport) report = NULL;

  g_test_summary ("a bag tarred by GNU tar verifies; the bag is its one top folder");
  tar_bag (fx->bag, tar, NULL);
  report = verify (tar);
  g_assert_true (shinsa_bag_report_is_valid (report));
  g_assert_cmpuint (report->payload_files, ==, 3);
}

static void
test_serialised_hostile (Fixture *fx, gconstpointer data)
{
  g_autofree char *tar = g_build_filename (fx->tmp, "bag.tar", NULL);
  g_autoptr(ShinsaBagReport) report = NULL;

  g_test_summary ("an archive entry that would escape is refused, not written, and named");
  tar_bag (fx->bag, tar, "bag/../../escaped.txt");
  report = verify (tar);
  g_assert_false (shinsa_bag_report_is_valid (report));
  g_assert_true (has_problem (report, SHINSA_BAG_PROBLEM_ERROR, "bag/../../escaped.txt"));
  {
    g_autofree char *escaped = g_build_filename (g_get_tmp_dir (), "escaped.txt", NULL);
    g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
  }
}

/* ---- the command -------------------------------------------------------- */

static int
run_verify (const char *const *args)
{
  g_autofree char *exe = g_build_filename (g_getenv ("SHINSA_BUILD_ROOT"), "core", "shinsa", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, exe);
  g_ptr_array_add (argv, (gpointer) "verify");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("shinsa verify: %s%s", out, err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture *fx, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (fx->tmp, "no-such-bag", NULL);
  const char *valid[] = { fx->bag, NULL };
  const char *none[] = { NULL };
  const char *two[] = { fx->bag, fx->bag, NULL };
  const char *absent[] = { missing, NULL };

  g_test_summary ("shinsa verify: 0 valid, 1 invalid, 2 usage, 3 cannot read");
  if (g_getenv ("SHINSA_BUILD_ROOT") == NULL)
    {
      g_test_skip ("SHINSA_BUILD_ROOT not set");
      return;
    }
  g_assert_cmpint (run_verify (valid), ==, 0);
  g_assert_cmpint (run_verify (none), ==, 2);
  g_assert_cmpint (run_verify (two), ==, 2);
  g_assert_cmpint (run_verify (absent), ==, 3);
  tamper_byte (fx->bag);
  g_assert_cmpint (run_verify (valid), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/verify/valid", Fixture, NULL, fixture_setup, test_valid, fixture_teardown);
  g_test_add ("/verify/percent-encoding", Fixture, NULL, fixture_setup, test_percent_encoding, fixture_teardown);
  for (gsize i = 0; i < G_N_ELEMENTS (tamper_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/verify/tamper/%s", tamper_cases[i].name);
      g_test_add (path, Fixture, &tamper_cases[i], fixture_setup, test_tamper, fixture_teardown);
    }
  g_test_add ("/verify/names/nfd-on-disk", Fixture, NULL, fixture_setup, test_nfd_on_disk, fixture_teardown);
  g_test_add ("/verify/names/listed-twice", Fixture, NULL, fixture_setup, test_listed_twice, fixture_teardown);
  g_test_add ("/verify/names/writer-refuses", Fixture, NULL, fixture_setup, test_writer_refuses, fixture_teardown);
  g_test_add ("/verify/names/cp932", Fixture, NULL, fixture_setup, test_cp932_names, fixture_teardown);
  g_test_add ("/verify/version/0.97-utf16", Fixture, NULL, fixture_setup, test_old_version, fixture_teardown);
  g_test_add ("/verify/serialised/tar", Fixture, NULL, fixture_setup, test_serialised_tar, fixture_teardown);
  g_test_add ("/verify/serialised/hostile", Fixture, NULL, fixture_setup, test_serialised_hostile, fixture_teardown);
  g_test_add ("/verify/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  return g_test_run ();
}
