/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Opening submissions: folders, zips and CD-R images made here, with every
 * way an entry can try to escape, a bomb, and the names Windows writes.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <shinsa.h>

#define POLICY_TEXT "%PDF-1.4 情報セキュリティ基本方針\n"
#define FORM_TEXT "申請書B: 通番 1..133\n"
#define CHART_TEXT "%PDF-1.4 体制図\n"

typedef struct {
  char *dir;         /* scratch folder of the test */
  char *tmp_root;    /* where archives are unpacked */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) err = NULL;

  f->dir = g_dir_make_tmp ("shinsa-intake-XXXXXX", &err);
  g_assert_no_error (err);
  f->tmp_root = g_build_filename (f->dir, "unpack", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) err = NULL;

  shinsa_remove_tree (f->dir, &err);
  g_assert_no_error (err);
  g_free (f->dir);
  g_free (f->tmp_root);
}

/* ---- helpers ----------------------------------------------------------- */

static char *
sha256_of (const char *data, gssize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data,
                                      len < 0 ? strlen (data) : (gsize) len);
}

static char *
sha256_of_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) err = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &err);
  g_assert_no_error (err);
  return sha256_of (contents, (gssize) len);
}

static void
write_file (const char *dir, const char *rel, const char *contents)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &err);
  g_assert_no_error (err);
}

static void
make_symlink (const char *dir, const char *rel, const char *target)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static ShinsaDocument *
get_document (ShinsaSubmission *sub, const char *path)
{
  GPtrArray *docs = shinsa_submission_get_documents (sub);

  for (guint i = 0; i < docs->len; i++)
    if (g_strcmp0 (shinsa_document_get_path (g_ptr_array_index (docs, i)), path) == 0)
      return g_ptr_array_index (docs, i);
  return NULL;
}

static void
assert_document (ShinsaSubmission *sub, const char *path, const char *contents)
{
  ShinsaDocument *doc = get_document (sub, path);
  g_autofree char *sha = sha256_of (contents, -1);

  if (doc == NULL)
    g_error ("no document '%s'", path);
  g_assert_cmpstr (shinsa_document_get_sha256 (doc), ==, sha);
  g_assert_cmpuint (shinsa_document_get_size (doc), ==, strlen (contents));
  g_assert_true (g_file_test (shinsa_document_get_local_path (doc), G_FILE_TEST_IS_REGULAR));
}

static guint
count_findings (ShinsaSubmission *sub, const char *code, const char *path)
{
  GPtrArray *findings = shinsa_submission_get_findings (sub);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      ShinsaFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->code, code) == 0 &&
          (path == NULL || g_strcmp0 (finding->path, path) == 0))
        {
          g_assert_nonnull (finding->message);
          n++;
        }
    }
  return n;
}

static void
assert_refused (ShinsaSubmission *sub, const char *path)
{
  GPtrArray *findings = shinsa_submission_get_findings (sub);

  if (count_findings (sub, "INTAKE-ENTRY-REFUSED", path) != 1)
    {
      for (guint i = 0; i < findings->len; i++)
        {
          ShinsaFinding *finding = g_ptr_array_index (findings, i);
          g_printerr ("finding %s %s: %s\n", finding->code, finding->path, finding->message);
        }
      g_error ("expected one INTAKE-ENTRY-REFUSED finding for '%s'", path);
    }
  for (guint i = 0; i < findings->len; i++)
    {
      ShinsaFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->path, path) == 0)
        g_assert_cmpint (finding->severity, ==, SHINSA_SEVERITY_ERROR);
    }
  g_assert_null (get_document (sub, path));
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (d == NULL)
    return 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* runs @func with this thread's locale set to @locale_name, as a caller that
 * called setlocale() with LANG=C or LANG=C.UTF-8 would */
static ShinsaSubmission *
open_in_locale (const char *locale_name, const char *path, const char *tmp_root,
                const ShinsaIntakeLimits *limits, GError **error)
{
  locale_t loc = newlocale (LC_ALL_MASK, locale_name, (locale_t) 0);
  locale_t previous;
  ShinsaSubmission *sub;

  g_assert_true (loc != (locale_t) 0);
  previous = uselocale (loc);
  sub = shinsa_submission_open (path, tmp_root, limits, error);
  uselocale (previous);
  freelocale (loc);
  return sub;
}

/* ---- archive writers --------------------------------------------------- */

typedef struct {
  struct archive *archive;
  locale_t utf8;
  locale_t c;
  locale_t previous;
} Writer;

/* The writer runs under a UTF-8 LC_CTYPE for this thread so that libarchive
 * converts names the same whatever LANG the test runs under. */
static void
writer_begin_full (Writer *w, const char *path, gboolean iso, const char *options,
                   const char *passphrase)
{
  w->utf8 = newlocale (LC_CTYPE_MASK, "C.UTF-8", (locale_t) 0);
  w->c = newlocale (LC_CTYPE_MASK, "C", (locale_t) 0);
  g_assert_true (w->utf8 != (locale_t) 0 && w->c != (locale_t) 0);
  w->previous = uselocale (w->utf8);

  w->archive = archive_write_new ();
  if (iso)
    g_assert_cmpint (archive_write_set_format_iso9660 (w->archive), ==, ARCHIVE_OK);
  else
    g_assert_cmpint (archive_write_set_format_zip (w->archive), ==, ARCHIVE_OK);
  if (options != NULL)
    g_assert_cmpint (archive_write_set_options (w->archive, options), ==, ARCHIVE_OK);
  if (passphrase != NULL)
    g_assert_cmpint (archive_write_set_passphrase (w->archive, passphrase), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (w->archive, path), ==, ARCHIVE_OK);
}

static void
writer_begin (Writer *w, const char *path, gboolean iso, const char *options)
{
  writer_begin_full (w, path, iso, options, NULL);
}

static void
writer_end (Writer *w)
{
  g_assert_cmpint (archive_write_close (w->archive), ==, ARCHIVE_OK);
  archive_write_free (w->archive);
  uselocale (w->previous);
  freelocale (w->utf8);
  freelocale (w->c);
}

/* zip's writer sets the UTF-8 flag on a non-ASCII name only when LC_CTYPE is
 * UTF-8: under "C" the bytes go in as they are, without the flag */
static void
writer_use_c_ctype (Writer *w, gboolean c)
{
  uselocale (c ? w->c : w->utf8);
}

static void
writer_add_full (Writer *w, const char *name, const char *data, gsize len, guint nlink)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_nlink (entry, nlink);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) len);
  archive_entry_set_mtime (entry, 1700000000, 0);
  g_assert_cmpint (archive_write_header (w->archive, entry), ==, ARCHIVE_OK);
  if (len > 0)
    g_assert_cmpint (archive_write_data (w->archive, data, len), ==, (la_ssize_t) len);
  archive_entry_free (entry);
}

static void
writer_add (Writer *w, const char *name, const char *data, gsize len)
{
  writer_add_full (w, name, data, len, 1);
}

static void
writer_add_text (Writer *w, const char *name, const char *text)
{
  writer_add (w, name, text, strlen (text));
}

static void
writer_add_link (Writer *w, const char *name, const char *target, gboolean hard)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  if (hard)
    {
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_hardlink (entry, target);
      /* the ISO writer only shares the data of files with more than one link */
      archive_entry_set_nlink (entry, 2);
    }
  else
    {
      archive_entry_set_filetype (entry, AE_IFLNK);
      archive_entry_set_symlink (entry, target);
    }
  archive_entry_set_perm (entry, 0777);
  archive_entry_set_size (entry, 0);
  archive_entry_set_mtime (entry, 1700000000, 0);
  g_assert_cmpint (archive_write_header (w->archive, entry), ==, ARCHIVE_OK);
  archive_entry_free (entry);
}

static void
writer_add_zeros (Writer *w, const char *name, gsize len)
{
  struct archive_entry *entry = archive_entry_new ();
  g_autofree char *zeros = g_malloc0 (1024 * 1024);

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) len);
  g_assert_cmpint (archive_write_header (w->archive, entry), ==, ARCHIVE_OK);
  for (gsize done = 0; done < len; done += 1024 * 1024)
    {
      gsize n = MIN (len - done, 1024 * 1024);
      g_assert_cmpint (archive_write_data (w->archive, zeros, n), ==, (la_ssize_t) n);
    }
  archive_entry_free (entry);
}

/* bytes that do not compress */
static char *
noise (gsize len)
{
  GRand *rand = g_rand_new_with_seed (42);
  char *buf = g_malloc (len);

  for (gsize i = 0; i < len; i += 4)
    {
      guint32 v = g_rand_int (rand);
      memcpy (buf + i, &v, MIN (4, len - i));
    }
  g_rand_free (rand);
  return buf;
}

static char *
to_cp932 (const char *utf8)
{
  g_autoptr(GError) err = NULL;
  char *s = g_convert (utf8, -1, "CP932", "UTF-8", NULL, NULL, &err);

  g_assert_no_error (err);
  return s;
}

/* ---- folders ----------------------------------------------------------- */

static const char ini_text[] =
  "# written by the applicant\n"
  "[submission]\n"
  "id=サンプル申請\n"
  "scheme=iaas-paas-iot\n"
  "certification_number=0001-2024\n"
  "previous_certification_date=2022-04-01\n"
  "applicant=株式会社サンプル\n"
  "\n"
  "[roles]\n"
  "README.txt=inventory\n"
  "様式/申請書.xlsx=form-b\n"
  "missing.pdf=evidence\n"
  "sub/別紙2_体制図.pdf=bogus\n"
  "\n"
  "[ids]\n"
  "README.txt=資料９\n";

static void
make_folder (Fixture *f, const char *sub_dir)
{
  g_autofree char *outside = g_build_filename (f->dir, "outside", NULL);
  g_autofree char *nfd_name = g_utf8_normalize ("添付2_ガイド.pdf", -1, G_NORMALIZE_NFD);
  g_autofree char *nfd_dup = g_utf8_normalize ("が.pdf", -1, G_NORMALIZE_NFD);
  g_autofree char *fifo = g_build_filename (sub_dir, "pipe", NULL);

  write_file (outside, "secret.txt", "outside the submission\n");

  write_file (sub_dir, "資料3_情報セキュリティ基本方針.pdf", POLICY_TEXT);
  write_file (sub_dir, "様式/申請書.xlsx", FORM_TEXT);
  write_file (sub_dir, "申請書B.xlsx", FORM_TEXT);
  write_file (sub_dir, "sub/別紙2_体制図.pdf", CHART_TEXT);
  write_file (sub_dir, "README.txt", "read me\n");
  write_file (sub_dir, nfd_name, "guide\n");
  write_file (sub_dir, "が.pdf", "nfc\n");
  write_file (sub_dir, nfd_dup, "nfd\n");
  write_file (sub_dir, "submission.ini", ini_text);

  /* junk the OS leaves behind */
  write_file (sub_dir, ".DS_Store", "junk");
  write_file (sub_dir, "Thumbs.db", "junk");
  write_file (sub_dir, "sub/desktop.ini", "junk");
  write_file (sub_dir, "__MACOSX/._資料3.pdf", "junk");
  write_file (sub_dir, "._資料3.pdf", "junk");

  /* links: out, to a folder outside, inside (fine), to a folder inside, nowhere */
  make_symlink (sub_dir, "passwd", "/etc/passwd");
  make_symlink (sub_dir, "outside-folder", outside);
  make_symlink (sub_dir, "方針へのリンク.pdf", "資料3_情報セキュリティ基本方針.pdf");
  make_symlink (sub_dir, "sub-link", "sub");
  make_symlink (sub_dir, "sub/up.txt", "../../outside/secret.txt");
  make_symlink (sub_dir, "dangling.pdf", "nothing-here.pdf");

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
}

static void
test_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *sub_dir = g_build_filename (f->dir, "申請フォルダ", NULL);
  g_autofree char *policy_path = g_build_filename (sub_dir, "資料3_情報セキュリティ基本方針.pdf", NULL);
  g_autofree char *ini_path = g_build_filename (sub_dir, "submission.ini", NULL);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(ShinsaSubmission) again = NULL;
  g_autoptr(GError) err = NULL;
  g_autoptr(GChecksum) expected = NULL;
  static const char *const paths[] = {
    "README.txt",
    "sub/別紙2_体制図.pdf",
    "が.pdf",
    "方針へのリンク.pdf",
    "様式/申請書.xlsx",
    "添付2_ガイド.pdf",
    "申請書B.xlsx",
    "資料3_情報セキュリティ基本方針.pdf",
  };
  GPtrArray *docs;
  ShinsaDocument *doc;
  struct stat before, after;

  make_folder (f, sub_dir);
  g_assert_cmpint (g_stat (policy_path, &before), ==, 0);

  sub = shinsa_submission_open (sub_dir, f->tmp_root, NULL, &err);
  g_assert_no_error (err);
  g_assert_nonnull (sub);

  g_assert_cmpint (shinsa_submission_get_kind (sub), ==, SHINSA_SUBMISSION_FOLDER);
  g_assert_cmpstr (shinsa_submission_get_id (sub), ==, "サンプル申請");
  g_assert_cmpstr (shinsa_submission_get_scheme (sub), ==, "iaas-paas-iot");
  g_assert_cmpstr (shinsa_submission_get_certification_number (sub), ==, "0001-2024");
  g_assert_cmpstr (shinsa_submission_get_previous_certification_date (sub), ==, "2022-04-01");
  g_assert_nonnull (shinsa_submission_get_ini (sub));

  /* every file, sorted by path, NFC, no junk, no submission.ini */
  docs = shinsa_submission_get_documents (sub);
  for (guint i = 0; i < docs->len; i++)
    g_test_message ("document %s", shinsa_document_get_path (g_ptr_array_index (docs, i)));
  g_assert_cmpuint (docs->len, ==, G_N_ELEMENTS (paths));
  for (guint i = 0; i < docs->len; i++)
    g_assert_cmpstr (shinsa_document_get_path (g_ptr_array_index (docs, i)), ==, paths[i]);

  assert_document (sub, "資料3_情報セキュリティ基本方針.pdf", POLICY_TEXT);
  assert_document (sub, "方針へのリンク.pdf", POLICY_TEXT);
  assert_document (sub, "sub/別紙2_体制図.pdf", CHART_TEXT);
  assert_document (sub, "添付2_ガイド.pdf", "guide\n");
  /* of two names equal after NFC the first in byte order (NFD) is kept */
  assert_document (sub, "が.pdf", "nfd\n");

  doc = get_document (sub, "資料3_情報セキュリティ基本方針.pdf");
  g_assert_cmpstr (shinsa_document_get_id (doc), ==, "資料3");
  g_assert_cmpstr (shinsa_document_get_id_source (doc), ==, "filename");
  g_assert_cmpstr (shinsa_document_get_title (doc), ==, "情報セキュリティ基本方針");
  g_assert_cmpint (shinsa_document_get_role (doc), ==, SHINSA_ROLE_EVIDENCE);
  g_assert_true (shinsa_submission_find_document (sub, "資料3") == doc);

  doc = get_document (sub, "添付2_ガイド.pdf");
  g_assert_cmpstr (shinsa_document_get_id (doc), ==, "添付2");

  /* submission.ini [roles] and [ids] */
  doc = get_document (sub, "README.txt");
  g_assert_cmpint (shinsa_document_get_role (doc), ==, SHINSA_ROLE_INVENTORY);
  g_assert_cmpstr (shinsa_document_get_id (doc), ==, "資料9");
  g_assert_cmpstr (shinsa_document_get_id_source (doc), ==, "submission.ini");
  g_assert_cmpint (shinsa_document_get_role (get_document (sub, "様式/申請書.xlsx")), ==,
                   SHINSA_ROLE_FORM_B);
  g_assert_cmpint (shinsa_document_get_role (get_document (sub, "申請書B.xlsx")), ==,
                   SHINSA_ROLE_FORM_B);
  g_assert_cmpint (shinsa_document_get_role (get_document (sub, "sub/別紙2_体制図.pdf")), ==,
                   SHINSA_ROLE_EVIDENCE);
  g_assert_cmpuint (count_findings (sub, "INTAKE-INI-INVALID", "submission.ini"), ==, 2);

  /* what was refused */
  assert_refused (sub, "passwd");
  assert_refused (sub, "outside-folder");
  assert_refused (sub, "sub-link");
  assert_refused (sub, "sub/up.txt");
  assert_refused (sub, "dangling.pdf");
  assert_refused (sub, "pipe");
  g_assert_cmpuint (count_findings (sub, "INTAKE-ENTRY-REFUSED", "が.pdf"), ==, 1);
  g_assert_cmpuint (count_findings (sub, "INTAKE-ENTRY-REFUSED", NULL), ==, 7);
  g_assert_cmpuint (shinsa_submission_get_findings (sub)->len, ==, 9);

  /* fingerprint: path and sha256 of each document, then submission.ini */
  expected = g_checksum_new (G_CHECKSUM_SHA256);
  for (guint i = 0; i < docs->len; i++)
    {
      ShinsaDocument *d = g_ptr_array_index (docs, i);
      const char *p = shinsa_document_get_path (d);
      const char *s = shinsa_document_get_sha256 (d);

      g_checksum_update (expected, (const guchar *) p, strlen (p) + 1);
      g_checksum_update (expected, (const guchar *) s, strlen (s));
      g_checksum_update (expected, (const guchar *) "\n", 1);
    }
  g_checksum_update (expected, (const guchar *) ini_text, strlen (ini_text));
  g_assert_cmpstr (shinsa_submission_get_fingerprint (sub), ==, g_checksum_get_string (expected));

  again = shinsa_submission_open (sub_dir, f->tmp_root, NULL, &err);
  g_assert_no_error (err);
  g_assert_cmpstr (shinsa_submission_get_fingerprint (again), ==,
                   shinsa_submission_get_fingerprint (sub));

  /* a folder is read in place: nothing unpacked, nothing changed */
  g_assert_cmpuint (count_entries (f->tmp_root), ==, 0);
  g_assert_cmpint (g_stat (policy_path, &after), ==, 0);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpint (before.st_size, ==, after.st_size);
  g_assert_true (g_file_test (ini_path, G_FILE_TEST_IS_REGULAR));

  shinsa_submission_close (sub);
  g_assert_true (g_file_test (policy_path, G_FILE_TEST_IS_REGULAR));
}

typedef struct {
  const char *name;
  const char *ini;          /* bytes of submission.ini */
  gssize len;
  const char *id;           /* the submission id that results */
  guint warnings;           /* INTAKE-INI-INVALID findings */
} IniCase;

static const IniCase ini_cases[] = {
  { "malformed", "[submission\nid=x\n", -1, "folder.v2", 1 },
  { "not-key-value", "[submission]\nthis is not a key\n", -1, "folder.v2", 1 },
  { "bom", "\xEF\xBB\xBF[submission]\nid=bom\n", -1, "bom", 0 },
  { "cp932", "[submission]\nid=\x90\x5c\x90\xbf\n", -1, "申請", 1 },
  { "binary", "[submission]\nid=\xff\xfe\n", -1, "folder.v2", 1 },
  { "bad-date", "[submission]\nid=d\nprevious_certification_date=2022/04/01\n", -1, "d", 1 },
  { "unknown-key", "[submission]\nid=k\nschema=iaas\n", -1, "k", 1 },
  { "unknown-group", "[submission]\nid=g\n[extra]\na=b\n", -1, "g", 1 },
  { "unsafe-id", "[submission]\nid=../../etc\n", -1, "_._.._etc", 0 },
};

static void
test_folder_ini (Fixture *f, gconstpointer data)
{
  const IniCase *c = data;
  g_autofree char *sub_dir = g_build_filename (f->dir, "folder.v2", NULL);
  g_autofree char *ini_path = g_build_filename (sub_dir, "submission.ini", NULL);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;

  write_file (sub_dir, "資料1.pdf", "one\n");
  g_file_set_contents (ini_path, c->ini, c->len, &err);
  g_assert_no_error (err);

  sub = shinsa_submission_open (sub_dir, NULL, NULL, &err);
  g_assert_no_error (err);
  g_assert_cmpstr (shinsa_submission_get_id (sub), ==, c->id);
  g_assert_cmpuint (count_findings (sub, "INTAKE-INI-INVALID", "submission.ini"), ==, c->warnings);
  g_assert_cmpuint (shinsa_submission_get_findings (sub)->len, ==, c->warnings);
  g_assert_cmpuint (shinsa_submission_get_documents (sub)->len, ==, 1);
  g_assert_null (shinsa_submission_get_previous_certification_date (sub));
}

/* ---- zips -------------------------------------------------------------- */

static void
test_zip_cp932 (Fixture *f, gconstpointer data)
{
  const char *locale_name = data;
  g_autofree char *zip = g_build_filename (f->dir, "申請2024.zip", NULL);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;
  g_autofree char *root = NULL;
  Writer w;

  g_test_summary ("names written in CP932 without the UTF-8 flag, as Windows does");

  writer_begin (&w, zip, FALSE, "zip:hdrcharset=CP932");
  writer_add_text (&w, "資料3_情報セキュリティ基本方針.pdf", POLICY_TEXT);
  /* 表 and ソ end in 0x5C, a '\' when read byte by byte */
  writer_add_text (&w, "別紙/表ソフト一覧.pdf", CHART_TEXT);
  writer_add_text (&w, "申請書Ｂ.xlsx", FORM_TEXT);
  writer_end (&w);

  sub = open_in_locale (locale_name, zip, f->tmp_root, NULL, &err);
  g_assert_no_error (err);
  g_assert_cmpint (shinsa_submission_get_kind (sub), ==, SHINSA_SUBMISSION_ZIP);
  g_assert_cmpstr (shinsa_submission_get_id (sub), ==, "申請2024");
  g_assert_cmpuint (shinsa_submission_get_documents (sub)->len, ==, 3);
  assert_document (sub, "資料3_情報セキュリティ基本方針.pdf", POLICY_TEXT);
  assert_document (sub, "別紙/表ソフト一覧.pdf", CHART_TEXT);
  assert_document (sub, "申請書Ｂ.xlsx", FORM_TEXT);
  g_assert_cmpint (shinsa_document_get_role (get_document (sub, "申請書Ｂ.xlsx")), ==,
                   SHINSA_ROLE_FORM_B);
  g_assert_cmpuint (shinsa_submission_get_findings (sub)->len, ==, 0);

  root = g_strdup (shinsa_submission_get_root (sub));
  g_assert_true (g_str_has_prefix (root, f->tmp_root));
  shinsa_submission_close (sub);
  g_assert_false (g_file_test (root, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (f->tmp_root), ==, 0);
}

static void
test_zip_hostile (Fixture *f, gconstpointer data)
{
  const char *locale_name = data;
  g_autofree char *zip = g_build_filename (f->dir, "hostile.zip", NULL);
  g_autofree char *cp932_name = to_cp932 ("資料5_表計算ソフト管理規程.pdf");
  g_autofree char *mac_name = g_utf8_normalize ("添付2_ガイド.pdf", -1, G_NORMALIZE_NFD);
  g_autofree char *nfd_dup = g_utf8_normalize ("が.txt", -1, G_NORMALIZE_NFD);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;
  g_autofree char *sha_before = NULL;
  g_autofree char *sha_after = NULL;
  g_autofree char *unpacked_root = NULL;
  struct stat before, after;
  Writer w;

  writer_begin (&w, zip, FALSE, NULL);
  /* UTF-8 names with the flag */
  writer_add_text (&w, "資料3_情報セキュリティ基本方針.pdf", POLICY_TEXT);
  writer_add_text (&w, "が.txt", "nfc\n");
  writer_add_text (&w, nfd_dup, "nfd\n");
  writer_add_text (&w, "別紙/別紙2_体制図.pdf", CHART_TEXT);
  /* without the flag: CP932 from Windows, UTF-8 (NFD) from macOS */
  writer_use_c_ctype (&w, TRUE);
  writer_add_text (&w, cp932_name, "cp932\n");
  writer_add_text (&w, mac_name, "guide\n");
  writer_use_c_ctype (&w, FALSE);
  /* escapes */
  writer_add_text (&w, "../evil.txt", "evil\n");
  writer_add_text (&w, "../../etc/passwd", "evil\n");
  writer_add_text (&w, "/abs/evil.txt", "evil\n");
  writer_add_text (&w, "ok/../../evil2.txt", "evil\n");
  writer_add_link (&w, "link-out", "/etc/passwd", FALSE);
  writer_add_link (&w, "link-in.pdf", "資料3_情報セキュリティ基本方針.pdf", FALSE);
  /* a file, then a file below it as if it were a folder */
  writer_add_text (&w, "clash", "file\n");
  writer_add_text (&w, "clash/inner.txt", "inner\n");
  /* junk */
  writer_add_text (&w, "__MACOSX/._資料3.pdf", "junk");
  writer_add_text (&w, ".DS_Store", "junk");
  writer_add_text (&w, "別紙/Thumbs.db", "junk");
  writer_end (&w);

  g_assert_cmpint (g_stat (zip, &before), ==, 0);
  sha_before = sha256_of_file (zip);

  sub = open_in_locale (locale_name, zip, f->tmp_root, NULL, &err);
  g_assert_no_error (err);

  assert_document (sub, "資料3_情報セキュリティ基本方針.pdf", POLICY_TEXT);
  assert_document (sub, "が.txt", "nfc\n");
  assert_document (sub, "別紙/別紙2_体制図.pdf", CHART_TEXT);
  assert_document (sub, "資料5_表計算ソフト管理規程.pdf", "cp932\n");
  assert_document (sub, "添付2_ガイド.pdf", "guide\n");
  assert_document (sub, "clash", "file\n");
  g_assert_cmpuint (shinsa_submission_get_documents (sub)->len, ==, 6);
  g_assert_cmpstr (shinsa_document_get_id (get_document (sub, "資料5_表計算ソフト管理規程.pdf")),
                   ==, "資料5");

  assert_refused (sub, "../evil.txt");
  assert_refused (sub, "../../etc/passwd");
  assert_refused (sub, "/abs/evil.txt");
  assert_refused (sub, "ok/../../evil2.txt");
  assert_refused (sub, "link-out");
  assert_refused (sub, "link-in.pdf");
  assert_refused (sub, "clash/inner.txt");
  g_assert_cmpuint (count_findings (sub, "INTAKE-ENTRY-REFUSED", "が.txt"), ==, 1);
  g_assert_cmpuint (shinsa_submission_get_findings (sub)->len, ==, 8);

  /* nothing was written outside the private folder */
  {
    g_autofree char *evil1 = g_build_filename (f->tmp_root, "evil.txt", NULL);
    g_autofree char *evil2 = g_build_filename (f->dir, "evil.txt", NULL);
    g_autofree char *evil3 = g_build_filename (f->dir, "evil2.txt", NULL);

    g_assert_false (g_file_test (evil1, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (evil2, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (evil3, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test ("/abs", G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (count_entries (f->dir), ==, 2);       /* hostile.zip, unpack */
  g_assert_cmpuint (count_entries (f->tmp_root), ==, 1);  /* one private folder */

  /* the private copy is private */
  {
    struct stat st;
    ShinsaDocument *doc = get_document (sub, "資料3_情報セキュリティ基本方針.pdf");

    g_assert_cmpint (g_stat (shinsa_submission_get_root (sub), &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
    g_assert_cmpint (g_stat (shinsa_document_get_local_path (doc), &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* the fingerprint is the archive's sha256 */
  g_assert_cmpstr (shinsa_submission_get_fingerprint (sub), ==, sha_before);

  unpacked_root = g_strdup (shinsa_submission_get_root (sub));
  g_clear_object (&sub);   /* finalize removes the private copy too */
  g_assert_false (g_file_test (unpacked_root, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (f->tmp_root), ==, 0);

  /* the input is untouched */
  g_assert_cmpint (g_stat (zip, &after), ==, 0);
  sha_after = sha256_of_file (zip);
  g_assert_cmpstr (sha_before, ==, sha_after);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpint (before.st_mtim.tv_nsec, ==, after.st_mtim.tv_nsec);
}

static void
test_zip_bomb (Fixture *f, gconstpointer data)
{
  g_autofree char *zip = g_build_filename (f->dir, "bomb.zip", NULL);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;
  g_autofree char *bomb_path = NULL;
  struct stat st;
  Writer w;

  g_test_summary ("200 MB of zeros in a few hundred kB is refused while streaming, "
                  "the entries after it are unpacked");

  writer_begin (&w, zip, FALSE, NULL);
  writer_add_text (&w, "資料1.pdf", POLICY_TEXT);
  writer_add_zeros (&w, "bomb.bin", 200 * 1024 * 1024);
  writer_add_text (&w, "資料2.pdf", CHART_TEXT);
  writer_end (&w);
  g_assert_cmpint (g_stat (zip, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 1024 * 1024);

  /* default caps: only the ratio can catch it */
  sub = shinsa_submission_open (zip, f->tmp_root, NULL, &err);
  g_assert_no_error (err);
  assert_refused (sub, "bomb.bin");
  assert_document (sub, "資料1.pdf", POLICY_TEXT);
  assert_document (sub, "資料2.pdf", CHART_TEXT);
  bomb_path = g_build_filename (shinsa_submission_get_root (sub), "bomb.bin", NULL);
  g_assert_false (g_file_test (bomb_path, G_FILE_TEST_EXISTS));
}

typedef struct {
  const char *name;
  ShinsaIntakeLimits limits;   /* zero: the default */
  const char *refused[3];      /* the entries refused, NULL-terminated */
  guint documents;
} LimitCase;

/* the zip: a.pdf, big.bin (1.5 MiB of noise), zeros.bin (2 MiB), b.pdf */
static const LimitCase limit_cases[] = {
  { "entry-bytes", { 0, 1024 * 1024, 0, 0 }, { "big.bin", "zeros.bin", NULL }, 2 },
  { "total-bytes", { 2 * 1024 * 1024, 0, 0, 0 }, { "zeros.bin", NULL }, 3 },
  { "ratio", { 0, 0, 0, 2 }, { "zeros.bin", NULL }, 3 },
};

static void
test_zip_limits (Fixture *f, gconstpointer data)
{
  const LimitCase *c = data;
  g_autofree char *zip = g_build_filename (f->dir, "limits.zip", NULL);
  g_autofree char *big = noise (3 * 1024 * 1024 / 2);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;
  Writer w;

  writer_begin (&w, zip, FALSE, NULL);
  writer_add_text (&w, "a.pdf", "a\n");
  writer_add (&w, "big.bin", big, 3 * 1024 * 1024 / 2);
  writer_add_zeros (&w, "zeros.bin", 2 * 1024 * 1024);
  writer_add_text (&w, "b.pdf", "b\n");
  writer_end (&w);

  sub = shinsa_submission_open (zip, f->tmp_root, &c->limits, &err);
  g_assert_no_error (err);
  for (guint i = 0; c->refused[i] != NULL; i++)
    assert_refused (sub, c->refused[i]);
  assert_document (sub, "a.pdf", "a\n");
  assert_document (sub, "b.pdf", "b\n");
  g_assert_cmpuint (shinsa_submission_get_documents (sub)->len, ==, c->documents);
  g_assert_cmpuint (shinsa_submission_get_findings (sub)->len, ==, g_strv_length ((char **) c->refused));
}

static void
test_zip_too_many_entries (Fixture *f, gconstpointer data)
{
  g_autofree char *zip = g_build_filename (f->dir, "many.zip", NULL);
  ShinsaIntakeLimits limits;
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;
  Writer w;

  writer_begin (&w, zip, FALSE, NULL);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("資料%u.pdf", i + 1);
      writer_add_text (&w, name, "x\n");
    }
  writer_end (&w);

  shinsa_intake_limits_init_default (&limits);
  limits.max_entries = 10;
  sub = shinsa_submission_open (zip, f->tmp_root, &limits, &err);
  g_assert_error (err, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_LIMIT);
  g_assert_null (sub);
  /* what was unpacked before the count ran over is gone */
  g_assert_cmpuint (count_entries (f->tmp_root), ==, 0);

  g_clear_error (&err);
  limits.max_entries = 30;
  sub = shinsa_submission_open (zip, f->tmp_root, &limits, &err);
  g_assert_no_error (err);
  g_assert_cmpuint (shinsa_submission_get_documents (sub)->len, ==, 30);
}

static void
test_zip_wrapper_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *zip = g_build_filename (f->dir, "wrapped.zip", NULL);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;
  Writer w;

  g_test_summary ("a zip holding one folder: that folder is the submission");

  writer_begin (&w, zip, FALSE, NULL);
  writer_add_text (&w, "申請一式/資料3_基本方針.pdf", POLICY_TEXT);
  writer_add_text (&w, "申請一式/様式/申請書.xlsx", FORM_TEXT);
  writer_add_text (&w, "申請一式/submission.ini",
                   "[submission]\nid=wrapped-id\n[roles]\n様式/申請書.xlsx=form-b\n");
  writer_add_text (&w, "__MACOSX/申請一式/._資料3_基本方針.pdf", "junk");
  writer_end (&w);

  sub = shinsa_submission_open (zip, f->tmp_root, NULL, &err);
  g_assert_no_error (err);
  g_assert_cmpstr (shinsa_submission_get_id (sub), ==, "wrapped-id");
  g_assert_cmpuint (shinsa_submission_get_documents (sub)->len, ==, 2);
  assert_document (sub, "資料3_基本方針.pdf", POLICY_TEXT);
  assert_document (sub, "様式/申請書.xlsx", FORM_TEXT);
  g_assert_cmpint (shinsa_document_get_role (get_document (sub, "様式/申請書.xlsx")), ==,
                   SHINSA_ROLE_FORM_B);
  g_assert_true (g_str_has_suffix (shinsa_submission_get_root (sub), "/申請一式"));
  g_assert_cmpuint (shinsa_submission_get_findings (sub)->len, ==, 0);
}

static void
test_zip_damaged_entry (Fixture *f, gconstpointer data)
{
  g_autofree char *zip = g_build_filename (f->dir, "damaged.zip", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;
  gsize len = 0;
  char *hit;
  Writer w;

  g_test_summary ("an entry whose data fails its CRC is reported, the others are unpacked");

  writer_begin (&w, zip, FALSE, "zip:compression=store");
  writer_add_text (&w, "資料1.pdf", "first document\n");
  writer_add_text (&w, "資料2.pdf", "SECOND-DOCUMENT-BODY\n");
  writer_add_text (&w, "資料3.pdf", "third document\n");
  writer_end (&w);

  g_file_get_contents (zip, &contents, &len, &err);
  g_assert_no_error (err);
  hit = memmem (contents, len, "SECOND-DOCUMENT-BODY", strlen ("SECOND-DOCUMENT-BODY"));
  g_assert_nonnull (hit);
  hit[0] ^= 1;
  g_file_set_contents (zip, contents, (gssize) len, &err);
  g_assert_no_error (err);

  sub = shinsa_submission_open (zip, f->tmp_root, NULL, &err);
  g_assert_no_error (err);
  g_assert_cmpuint (count_findings (sub, "DOC-UNREADABLE", "資料2.pdf"), ==, 1);
  g_assert_null (get_document (sub, "資料2.pdf"));
  assert_document (sub, "資料1.pdf", "first document\n");
  assert_document (sub, "資料3.pdf", "third document\n");
  g_assert_cmpuint (shinsa_submission_get_findings (sub)->len, ==, 1);
}

static void
test_zip_encrypted (Fixture *f, gconstpointer data)
{
  g_autofree char *zip = g_build_filename (f->dir, "locked.zip", NULL);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;
  Writer w;

  writer_begin_full (&w, zip, FALSE, "zip:encryption=zipcrypt", "secret");
  writer_add_text (&w, "資料1.pdf", POLICY_TEXT);
  writer_end (&w);

  sub = shinsa_submission_open (zip, f->tmp_root, NULL, &err);
  g_assert_no_error (err);
  g_assert_cmpuint (count_findings (sub, "DOC-ENCRYPTED", "資料1.pdf"), ==, 1);
  g_assert_cmpuint (shinsa_submission_get_documents (sub)->len, ==, 0);
}

/* ---- CD-R images ------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *options;
} IsoCase;

static const IsoCase iso_cases[] = {
  /* what Windows burns: Joliet names only (UTF-16) */
  { "joliet", "iso9660:!rockridge,iso9660:joliet=long" },
  { "rockridge-joliet", NULL },
};

static void
test_iso (Fixture *f, gconstpointer data)
{
  const IsoCase *c = data;
  g_autofree char *iso = g_build_filename (f->dir, "CDR_2024.iso", NULL);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;
  g_autofree char *sha_before = NULL;
  g_autofree char *sha_after = NULL;
  g_autofree char *root = NULL;
  ShinsaDocument *doc;
  Writer w;

  writer_begin (&w, iso, TRUE, c->options);
  writer_add_full (&w, "資料3_情報セキュリティ基本方針.pdf", POLICY_TEXT, strlen (POLICY_TEXT), 2);
  writer_add_text (&w, "別紙/別紙2_体制図.pdf", CHART_TEXT);
  writer_add_text (&w, "申請書B.xlsx", FORM_TEXT);
  writer_add (&w, "空のファイル.txt", "", 0);
  writer_add_link (&w, "別紙/方針の写し.pdf", "資料3_情報セキュリティ基本方針.pdf", TRUE);
  writer_end (&w);
  sha_before = sha256_of_file (iso);

  sub = open_in_locale ("C", iso, f->tmp_root, NULL, &err);
  g_assert_no_error (err);
  g_assert_cmpint (shinsa_submission_get_kind (sub), ==, SHINSA_SUBMISSION_ISO);
  g_assert_cmpstr (shinsa_submission_get_id (sub), ==, "CDR_2024");
  g_assert_cmpstr (shinsa_submission_get_fingerprint (sub), ==, sha_before);

  assert_document (sub, "資料3_情報セキュリティ基本方針.pdf", POLICY_TEXT);
  assert_document (sub, "別紙/別紙2_体制図.pdf", CHART_TEXT);
  assert_document (sub, "申請書B.xlsx", FORM_TEXT);
  assert_document (sub, "空のファイル.txt", "");
  /* a hardlink to an entry of the image is a copy of it */
  assert_document (sub, "別紙/方針の写し.pdf", POLICY_TEXT);
  g_assert_cmpuint (shinsa_submission_get_documents (sub)->len, ==, 5);
  g_assert_cmpuint (shinsa_submission_get_findings (sub)->len, ==, 0);

  doc = get_document (sub, "別紙/別紙2_体制図.pdf");
  g_assert_cmpstr (shinsa_document_get_id (doc), ==, "別紙2");
  g_assert_cmpint (shinsa_document_get_role (get_document (sub, "申請書B.xlsx")), ==,
                   SHINSA_ROLE_FORM_B);

  root = g_strdup (shinsa_submission_get_root (sub));
  shinsa_submission_close (sub);
  shinsa_submission_close (sub);
  g_assert_false (g_file_test (root, G_FILE_TEST_EXISTS));
  sha_after = sha256_of_file (iso);
  g_assert_cmpstr (sha_before, ==, sha_after);
}

/* ---- what cannot be opened --------------------------------------------- */

typedef struct {
  const char *name;          /* file name in the scratch folder */
  const char *contents;      /* NULL: do not create; "" with fifo: a FIFO */
  gsize len;
  gboolean fifo;
  int code;                  /* SHINSA_INTAKE_ERROR_* */
} BadInput;

static const BadInput bad_inputs[] = {
  { "missing.zip", NULL, 0, FALSE, SHINSA_INTAKE_ERROR_NOT_FOUND },
  { "text.zip", "this is not a zip\n", 18, FALSE, SHINSA_INTAKE_ERROR_UNSUPPORTED },
  { "empty.iso", "", 0, FALSE, SHINSA_INTAKE_ERROR_UNSUPPORTED },
  { "doc.pdf", "%PDF-1.4\n", 9, FALSE, SHINSA_INTAKE_ERROR_UNSUPPORTED },
  { "rar.zip", "Rar!\x1a\x07\x00", 7, FALSE, SHINSA_INTAKE_ERROR_UNSUPPORTED },
  { "truncated.zip", "PK\3\4\x14\0\0\0\x08\0", 10, FALSE, SHINSA_INTAKE_ERROR_ARCHIVE },
  { "pipe.zip", "", 0, TRUE, SHINSA_INTAKE_ERROR_UNSUPPORTED },
};

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  const BadInput *c = data;
  g_autofree char *path = g_build_filename (f->dir, c->name, NULL);
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GError) err = NULL;

  if (c->fifo)
    g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  else if (c->contents != NULL)
    {
      g_file_set_contents (path, c->contents, (gssize) c->len, &err);
      g_assert_no_error (err);
    }

  sub = shinsa_submission_open (path, f->tmp_root, NULL, &err);
  g_assert_error (err, SHINSA_INTAKE_ERROR, c->code);
  g_assert_null (sub);
  g_assert_cmpuint (count_entries (f->tmp_root), ==, 0);
}

/* ---- util -------------------------------------------------------------- */

static void
test_util_sha256 (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "abc", NULL);
  g_autofree char *big_path = g_build_filename (f->dir, "big", NULL);
  g_autofree char *big = noise (200 * 1024 + 7);
  g_autofree char *big_sha = sha256_of (big, 200 * 1024 + 7);
  g_autofree char *sha = NULL;
  g_autoptr(GError) err = NULL;
  guint64 size = 0;

  g_file_set_contents (path, "abc", 3, &err);
  g_assert_no_error (err);
  sha = shinsa_file_sha256 (path, &size, &err);
  g_assert_no_error (err);
  g_assert_cmpstr (sha, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpuint (size, ==, 3);
  g_clear_pointer (&sha, g_free);

  g_file_set_contents (big_path, big, 200 * 1024 + 7, &err);
  g_assert_no_error (err);
  sha = shinsa_file_sha256 (big_path, &size, &err);
  g_assert_no_error (err);
  g_assert_cmpstr (sha, ==, big_sha);
  g_assert_cmpuint (size, ==, 200 * 1024 + 7);
  g_clear_pointer (&sha, g_free);

  sha = shinsa_file_sha256 (f->dir, NULL, &err);
  g_assert_error (err, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_null (sha);
  g_clear_error (&err);

  sha = shinsa_file_sha256 ("/nonexistent/file", NULL, &err);
  g_assert_error (err, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (sha);
}

static void
test_util_write_atomic (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "out", "report.json", NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) err = NULL;
  struct stat st;

  g_assert_true (shinsa_mkdir_private (parent, &err));
  g_assert_no_error (err);
  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_true (shinsa_write_file_atomic (path, "{\"a\":1}", -1, &err));
  g_assert_no_error (err);
  g_assert_true (shinsa_write_file_atomic (path, "{\"b\":2}", 7, &err));
  g_assert_no_error (err);
  g_file_get_contents (path, &contents, NULL, &err);
  g_assert_cmpstr (contents, ==, "{\"b\":2}");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_entries (parent), ==, 1);

  /* a folder where the file should go: the write fails, no temp file stays */
  {
    g_autofree char *blocked = g_build_filename (parent, "blocked", NULL);

    g_assert_cmpint (g_mkdir (blocked, 0700), ==, 0);
    g_assert_false (shinsa_write_file_atomic (blocked, "x", 1, &err));
    g_assert_nonnull (err);
    g_clear_error (&err);
    g_assert_cmpuint (count_entries (parent), ==, 2);
  }

  g_assert_false (shinsa_write_file_atomic ("/nonexistent/dir/x", "x", 1, &err));
  g_assert_error (err, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_util_remove_tree (Fixture *f, gconstpointer data)
{
  g_autofree char *tree = g_build_filename (f->dir, "tree", NULL);
  g_autofree char *outside = g_build_filename (f->dir, "keep", NULL);
  g_autofree char *kept = g_build_filename (outside, "kept.txt", NULL);
  g_autofree char *locked = g_build_filename (tree, "a", "locked", NULL);
  g_autoptr(GError) err = NULL;

  write_file (outside, "kept.txt", "keep me\n");
  write_file (tree, "a/b/c.txt", "c\n");
  write_file (tree, "a/locked/d.txt", "d\n");
  make_symlink (tree, "a/link-to-keep", outside);
  make_symlink (tree, "link-to-file", kept);
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);

  g_assert_true (shinsa_remove_tree (tree, &err));
  g_assert_no_error (err);
  g_assert_false (g_file_test (tree, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  /* gone already: nothing to do */
  g_assert_true (shinsa_remove_tree (tree, &err));
  g_assert_no_error (err);

  /* a link given as the tree is removed, not what it points to */
  make_symlink (f->dir, "tree-link", outside);
  g_free (tree);
  tree = g_build_filename (f->dir, "tree-link", NULL);
  g_assert_true (shinsa_remove_tree (tree, &err));
  g_assert_no_error (err);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (tree, G_FILE_TEST_IS_SYMLINK));
}

typedef struct {
  const char *in;
  const char *out;
} SafeCase;

static const SafeCase safe_cases[] = {
  { "申請A", "申請A" },
  { "..", "_." },
  { ".", "_" },
  { "", "_" },
  { ".hidden", "_hidden" },
  { "a/b", "a_b" },
  { "a\\b", "a_b" },
  { "line\nbreak\t", "line_break_" },
  { "bad\xff", "bad\xef\xbf\xbd" },
};

static void
test_util_safe_component (void)
{
  g_autofree char *nfd = g_utf8_normalize ("ガ", -1, G_NORMALIZE_NFD);
  g_autofree char *long_in = g_strnfill (400, 'x');
  g_autofree char *s = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (safe_cases); i++)
    {
      g_autofree char *out = shinsa_safe_component (safe_cases[i].in);
      g_assert_cmpstr (out, ==, safe_cases[i].out);
    }

  s = shinsa_safe_component (nfd);
  g_assert_cmpstr (s, ==, "ガ");
  g_clear_pointer (&s, g_free);
  s = shinsa_safe_component (long_in);
  g_assert_cmpuint (strlen (s), <=, 255);
  g_clear_pointer (&s, g_free);

  s = shinsa_utf8_nfc (nfd);
  g_assert_cmpstr (s, ==, "ガ");
  g_clear_pointer (&s, g_free);
  g_assert_null (shinsa_utf8_nfc ("\x8e\x91"));
}

int
main (int argc, char **argv)
{
  static const char *const locales[] = { "C", "C.UTF-8" };

  setlocale (LC_ALL, "");
  /* no G_TEST_OPTION_ISOLATE_DIRS: nothing here touches user folders, and
   * GLib 2.74 leaks the isolated paths, which fails LeakSanitizer runs */
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/intake/folder/walk", NULL, test_folder);
  for (guint i = 0; i < G_N_ELEMENTS (ini_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/intake/folder/ini/%s", ini_cases[i].name);
      ADD (path, &ini_cases[i], test_folder_ini);
    }
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *cp932 = g_strdup_printf ("/intake/zip/cp932/%s", locales[i]);
      g_autofree char *hostile = g_strdup_printf ("/intake/zip/hostile/%s", locales[i]);

      ADD (cp932, locales[i], test_zip_cp932);
      ADD (hostile, locales[i], test_zip_hostile);
    }
  ADD ("/intake/zip/bomb", NULL, test_zip_bomb);
  for (guint i = 0; i < G_N_ELEMENTS (limit_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/intake/zip/limit/%s", limit_cases[i].name);
      ADD (path, &limit_cases[i], test_zip_limits);
    }
  ADD ("/intake/zip/too-many-entries", NULL, test_zip_too_many_entries);
  ADD ("/intake/zip/wrapper-folder", NULL, test_zip_wrapper_folder);
  ADD ("/intake/zip/damaged-entry", NULL, test_zip_damaged_entry);
  ADD ("/intake/zip/encrypted", NULL, test_zip_encrypted);
  for (guint i = 0; i < G_N_ELEMENTS (iso_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/intake/iso/%s", iso_cases[i].name);
      ADD (path, &iso_cases[i], test_iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/intake/unsupported/%s", bad_inputs[i].name);
      ADD (path, &bad_inputs[i], test_bad_input);
    }
  ADD ("/util/sha256", NULL, test_util_sha256);
  ADD ("/util/write-atomic", NULL, test_util_write_atomic);
  ADD ("/util/remove-tree", NULL, test_util_remove_tree);
  g_test_add_func ("/util/safe-component", test_util_safe_component);

#undef ADD
  return g_test_run ();
}
