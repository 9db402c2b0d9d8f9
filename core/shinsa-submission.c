/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-intake-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define INI_NAME "submission.ini"
#define INI_MAX_BYTES (1024 * 1024)
#define CODE_INI "INTAKE-INI-INVALID"

struct _ShinsaSubmission {
  GObject parent_instance;

  char *id;
  char *source;
  char *root;
  ShinsaSubmissionKind kind;
  char *tmp_dir;               /* private copy of an archive; NULL once closed */

  GPtrArray *documents;        /* ShinsaDocument, sorted by path */
  GPtrArray *findings;         /* ShinsaFinding */
  GMutex findings_lock;

  GKeyFile *ini;
  char *scheme;
  char *certification_number;
  char *previous_certification_date;
  char *applicant;
  char *fingerprint;
};

G_DEFINE_FINAL_TYPE (ShinsaSubmission, shinsa_submission, G_TYPE_OBJECT)

void
shinsa_intake_limits_init_default (ShinsaIntakeLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_total_bytes = G_GUINT64_CONSTANT (8) * 1024 * 1024 * 1024;
  limits->max_entry_bytes = G_GUINT64_CONSTANT (2) * 1024 * 1024 * 1024;
  limits->max_entries = 20000;
  limits->max_ratio = 200;
}

static void
shinsa_submission_finalize (GObject *object)
{
  ShinsaSubmission *sub = SHINSA_SUBMISSION (object);

  shinsa_submission_close (sub);

  g_free (sub->id);
  g_free (sub->source);
  g_free (sub->root);
  g_clear_pointer (&sub->documents, g_ptr_array_unref);
  g_clear_pointer (&sub->findings, g_ptr_array_unref);
  g_mutex_clear (&sub->findings_lock);
  g_clear_pointer (&sub->ini, g_key_file_unref);
  g_free (sub->scheme);
  g_free (sub->certification_number);
  g_free (sub->previous_certification_date);
  g_free (sub->applicant);
  g_free (sub->fingerprint);

  G_OBJECT_CLASS (shinsa_submission_parent_class)->finalize (object);
}

static void
shinsa_submission_class_init (ShinsaSubmissionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shinsa_submission_finalize;
}

static void
shinsa_submission_init (ShinsaSubmission *sub)
{
  sub->documents = g_ptr_array_new_with_free_func (g_object_unref);
  sub->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_finding_free);
  g_mutex_init (&sub->findings_lock);
}

void
shinsa_submission_add_finding (ShinsaSubmission *sub, ShinsaFinding *finding)
{
  g_return_if_fail (SHINSA_IS_SUBMISSION (sub));
  g_return_if_fail (finding != NULL);

  g_mutex_lock (&sub->findings_lock);
  g_ptr_array_add (sub->findings, finding);
  g_mutex_unlock (&sub->findings_lock);
}

static void
ini_warning (ShinsaSubmission *sub, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
ini_warning (ShinsaSubmission *sub, const char *format, ...)
{
  g_autofree char *message = NULL;
  ShinsaFinding *finding;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  finding = shinsa_finding_new (CODE_INI, SHINSA_SEVERITY_WARNING, message);
  shinsa_finding_set_document (finding, NULL, INI_NAME);
  shinsa_submission_add_finding (sub, finding);
}

/* ---- submission.ini ---------------------------------------------------- */

/* reads a small regular file without following a link; NULL with a reason */
static GBytes *
read_small_file (const char *path, gsize max, char **out_reason)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize len = 0;
  int fd;

  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      *out_reason = g_strdup (g_strerror (errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      *out_reason = g_strdup ("not a regular file");
      close (fd);
      return NULL;
    }
  if ((guint64) st.st_size > max)
    {
      *out_reason = g_strdup_printf ("larger than %" G_GSIZE_FORMAT " bytes", max);
      close (fd);
      return NULL;
    }

  data = g_malloc ((gsize) st.st_size + 1);
  while (len < (gsize) st.st_size)
    {
      ssize_t n = read (fd, data + len, (gsize) st.st_size - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *out_reason = g_strdup (g_strerror (errno));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  close (fd);
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

static ShinsaDocument *
find_by_path (ShinsaSubmission *sub, const char *path)
{
  for (guint i = 0; i < sub->documents->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (sub->documents, i);

      if (strcmp (shinsa_document_get_path (doc), path) == 0)
        return doc;
    }
  return NULL;
}

/* a path as written in [roles] or [ids]: NFC, '/' separators, no "./" */
static char *
ini_key_to_path (const char *key)
{
  g_autofree char *nfc = shinsa_utf8_nfc (key);
  const char *p;

  if (nfc == NULL)
    return NULL;
  g_strdelimit (nfc, "\\", '/');
  p = nfc;
  while (g_str_has_prefix (p, "./"))
    p += 2;
  return g_strdup (p);
}

static char *
ini_get_trimmed (ShinsaSubmission *sub, const char *group, const char *key)
{
  g_autoptr(GError) err = NULL;
  g_autofree char *value = g_key_file_get_string (sub->ini, group, key, &err);

  if (value == NULL)
    {
      ini_warning (sub, "submission.ini の [%s] %s を読めませんでした（%s）",
                   group, key, err->message);
      return NULL;
    }
  g_strstrip (value);
  if (value[0] == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

static gboolean
valid_iso_date (const char *s)
{
  unsigned y, m, d;
  char tail;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  if (sscanf (s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static void
apply_ini_submission (ShinsaSubmission *sub)
{
  static const char *const known[] = {
    "id", "scheme", "certification_number", "previous_certification_date", "applicant",
    NULL,
  };
  g_auto(GStrv) keys = NULL;
  char *date;

  if (!g_key_file_has_group (sub->ini, "submission"))
    return;

  keys = g_key_file_get_keys (sub->ini, "submission", NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!g_strv_contains (known, keys[i]))
      ini_warning (sub, "submission.ini の [submission] %s は知らないキーのため無視しました", keys[i]);

  if (g_key_file_has_key (sub->ini, "submission", "id", NULL))
    {
      g_autofree char *id = ini_get_trimmed (sub, "submission", "id");

      if (id != NULL)
        {
          g_free (sub->id);
          sub->id = shinsa_safe_component (id);
        }
    }
  if (g_key_file_has_key (sub->ini, "submission", "scheme", NULL))
    sub->scheme = ini_get_trimmed (sub, "submission", "scheme");
  if (g_key_file_has_key (sub->ini, "submission", "certification_number", NULL))
    sub->certification_number = ini_get_trimmed (sub, "submission", "certification_number");
  if (g_key_file_has_key (sub->ini, "submission", "applicant", NULL))
    sub->applicant = ini_get_trimmed (sub, "submission", "applicant");
  if (g_key_file_has_key (sub->ini, "submission", "previous_certification_date", NULL))
    {
      date = ini_get_trimmed (sub, "submission", "previous_certification_date");
      if (date != NULL && !valid_iso_date (date))
        {
          ini_warning (sub, "submission.ini の [submission] previous_certification_date「%s」は"
                            "YYYY-MM-DD 形式の日付ではないため無視しました", date);
          g_clear_pointer (&date, g_free);
        }
      sub->previous_certification_date = date;
    }
}

static void
apply_ini_roles (ShinsaSubmission *sub)
{
  g_auto(GStrv) keys = NULL;

  if (!g_key_file_has_group (sub->ini, "roles"))
    return;

  keys = g_key_file_get_keys (sub->ini, "roles", NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = ini_get_trimmed (sub, "roles", keys[i]);
      g_autofree char *path = ini_key_to_path (keys[i]);
      ShinsaDocument *doc = path != NULL ? find_by_path (sub, path) : NULL;
      ShinsaRole role;

      if (doc == NULL)
        {
          ini_warning (sub, "submission.ini の [roles] %s に当たるファイルが提出物にありません", keys[i]);
          continue;
        }
      if (value == NULL || !shinsa_role_from_string (value, &role))
        {
          ini_warning (sub, "submission.ini の [roles] %s の役割「%s」は知らない値のため無視しました"
                            "（form-a, form-b, inventory, evidence, registry-certificate, other のいずれか）",
                       keys[i], value != NULL ? value : "");
          continue;
        }
      shinsa_document_set_role (doc, role);
    }
}

static void
apply_ini_ids (ShinsaSubmission *sub)
{
  g_auto(GStrv) keys = NULL;

  if (!g_key_file_has_group (sub->ini, "ids"))
    return;

  keys = g_key_file_get_keys (sub->ini, "ids", NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = ini_get_trimmed (sub, "ids", keys[i]);
      g_autofree char *path = ini_key_to_path (keys[i]);
      ShinsaDocument *doc = path != NULL ? find_by_path (sub, path) : NULL;
      g_autofree char *id = NULL;

      if (doc == NULL)
        {
          ini_warning (sub, "submission.ini の [ids] %s に当たるファイルが提出物にありません", keys[i]);
          continue;
        }
      if (value == NULL)
        {
          ini_warning (sub, "submission.ini の [ids] %s の資料番号が空のため無視しました", keys[i]);
          continue;
        }
      /* 資料３ or 資料No.3 are written the way names give them: 資料3 */
      id = shinsa_document_id_from_name (value, NULL);
      if (id == NULL)
        id = g_utf8_normalize (value, -1, G_NORMALIZE_NFKC);
      shinsa_document_set_id (doc, id);
      shinsa_document_set_id_source (doc, "submission.ini");
    }
}

static void
apply_ini_groups_check (ShinsaSubmission *sub)
{
  static const char *const known[] = { "submission", "roles", "ids", NULL };
  g_auto(GStrv) groups = g_key_file_get_groups (sub->ini, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    if (!g_strv_contains (known, groups[i]))
      ini_warning (sub, "submission.ini の [%s] は知らないグループのため無視しました", groups[i]);
}

static void
load_ini (ShinsaSubmission *sub, GBytes *bytes)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) err = NULL;
  g_autofree char *converted = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)   /* Notepad's BOM */
    {
      data += 3;
      len -= 3;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      converted = g_convert (data, (gssize) len, "UTF-8", "CP932", NULL, &len, NULL);
      if (converted == NULL)
        {
          ini_warning (sub, "submission.ini は UTF-8 のテキストではないため読みませんでした。既定の設定で続けます");
          return;
        }
      ini_warning (sub, "submission.ini は UTF-8 ではなく Shift_JIS で書かれていたため変換して読みました");
      data = converted;
    }

  if (!g_key_file_load_from_data (kf, data, len, G_KEY_FILE_NONE, &err))
    {
      ini_warning (sub, "submission.ini を読めませんでした（%s）。既定の設定で続けます", err->message);
      return;
    }
  sub->ini = g_steal_pointer (&kf);

  apply_ini_groups_check (sub);
  apply_ini_submission (sub);
  apply_ini_roles (sub);
  apply_ini_ids (sub);
}

/* ---- opening ----------------------------------------------------------- */

static int
compare_files (gconstpointer a, gconstpointer b)
{
  const ShinsaIntakeFile *fa = *(ShinsaIntakeFile *const *) a;
  const ShinsaIntakeFile *fb = *(ShinsaIntakeFile *const *) b;

  return strcmp (fa->path, fb->path);
}

/* A zip made with "send to compressed folder" holds one folder with
 * everything in it: that folder is the submission, as if unpacked by hand. */
static char *
single_top_folder (GPtrArray *files)
{
  g_autofree char *top = NULL;

  for (guint i = 0; i < files->len; i++)
    {
      ShinsaIntakeFile *file = g_ptr_array_index (files, i);
      const char *slash = strchr (file->path, '/');

      if (slash == NULL)
        return NULL;
      if (top == NULL)
        top = g_strndup (file->path, slash - file->path);
      else if (strncmp (file->path, top, strlen (top)) != 0 || file->path[strlen (top)] != '/')
        return NULL;
    }
  return g_steal_pointer (&top);
}

static void
strip_top_folder (GPtrArray *files, const char *top)
{
  gsize skip = strlen (top) + 1;

  for (guint i = 0; i < files->len; i++)
    {
      ShinsaIntakeFile *file = g_ptr_array_index (files, i);
      char *path = g_strdup (file->path + skip);

      g_free (file->path);
      file->path = path;
    }
}

static char *
id_from_source (const char *path, gboolean strip_extension)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = shinsa_intake_decode_name (base);

  if (strip_extension)
    {
      char *dot = strrchr (name, '.');

      if (dot != NULL && dot != name)
        *dot = '\0';
    }
  return shinsa_safe_component (name);
}

static gboolean
open_archive (ShinsaSubmission *sub,
              const char *path,
              const char *tmp_root,
              const ShinsaIntakeLimits *limits,
              ShinsaIntakeResult *result,
              GError **error)
{
  g_autofree char *template = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *top = NULL;
  ShinsaSubmissionKind kind;
  guint64 size = 0;
  int saved_errno = 0;
  int fd;

  /* O_NONBLOCK: if the file was swapped for a FIFO since stat(), do not hang */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, SHINSA_INTAKE_ERROR,
                   saved_errno == ENOENT ? SHINSA_INTAKE_ERROR_NOT_FOUND : SHINSA_INTAKE_ERROR_FAILED,
                   _("cannot open '%s': %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!shinsa_intake_sniff (fd, &kind))
    {
      close (fd);
      g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_UNSUPPORTED,
                   _("cannot open '%s': not a folder, a zip archive or an ISO 9660 image"), path);
      return FALSE;
    }
  sub->kind = kind;

  /* the fingerprint is of the very bytes unpacked: same descriptor */
  {
    g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
    g_autofree guchar *buf = g_malloc (64 * 1024);

    for (;;)
      {
        ssize_t n = read (fd, buf, 64 * 1024);

        if (n < 0 && errno == EINTR)
          continue;
        if (n < 0)
          {
            saved_errno = errno;
            close (fd);
            g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_FAILED,
                         _("cannot read '%s': %s"), path, g_strerror (saved_errno));
            return FALSE;
          }
        if (n == 0)
          break;
        g_checksum_update (sum, buf, n);
        size += (guint64) n;
      }
    sub->fingerprint = g_strdup (g_checksum_get_string (sum));
  }

  if (tmp_root != NULL && !shinsa_mkdir_private (tmp_root, error))
    {
      close (fd);
      return FALSE;
    }
  template = g_build_filename (tmp_root != NULL ? tmp_root : g_get_tmp_dir (),
                               "shinsa-XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      saved_errno = errno;
      close (fd);
      g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_FAILED,
                   _("cannot create a private folder in '%s': %s"),
                   tmp_root != NULL ? tmp_root : g_get_tmp_dir (), g_strerror (saved_errno));
      return FALSE;
    }
  sub->tmp_dir = g_strdup (template);

  if (!shinsa_intake_unpack (fd, path, kind, sub->tmp_dir, limits, result, error))
    {
      close (fd);
      return FALSE;
    }
  close (fd);

  top = single_top_folder (result->files);
  if (top != NULL)
    {
      strip_top_folder (result->files, top);
      sub->root = g_build_filename (sub->tmp_dir, top, NULL);
    }
  else
    sub->root = g_strdup (sub->tmp_dir);
  sub->id = id_from_source (path, TRUE);
  return TRUE;
}

static void
add_documents (ShinsaSubmission *sub, GPtrArray *files)
{
  for (guint i = 0; i < files->len; i++)
    {
      ShinsaIntakeFile *file = g_ptr_array_index (files, i);
      ShinsaDocument *doc = shinsa_document_new (file->path, file->local_path);
      const char *base = shinsa_document_get_basename (doc);
      g_autofree char *title = NULL;
      g_autofree char *id = shinsa_document_id_from_name (base, &title);

      shinsa_document_set_size (doc, file->size);
      shinsa_document_set_sha256 (doc, file->sha256);
      if (id != NULL)
        {
          shinsa_document_set_id (doc, id);
          shinsa_document_set_id_source (doc, "filename");
        }
      shinsa_document_set_title (doc, title);
      shinsa_document_set_role (doc, shinsa_role_guess_from_name (base));
      g_ptr_array_add (sub->documents, doc);
    }
}

/* sha256 over "path\0sha256\n" of every document in order, then the bytes of
 * submission.ini */
static char *
folder_fingerprint (ShinsaSubmission *sub, GBytes *ini)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < sub->documents->len; i++)
    {
      ShinsaDocument *doc = g_ptr_array_index (sub->documents, i);
      const char *path = shinsa_document_get_path (doc);
      const char *sha = shinsa_document_get_sha256 (doc);

      g_checksum_update (sum, (const guchar *) path, strlen (path) + 1);
      g_checksum_update (sum, (const guchar *) sha, strlen (sha));
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  if (ini != NULL)
    {
      gsize len = 0;
      const guchar *data = g_bytes_get_data (ini, &len);

      g_checksum_update (sum, data, len);
    }
  return g_strdup (g_checksum_get_string (sum));
}

ShinsaSubmission *
shinsa_submission_open (const char *path,
                        const char *tmp_root,
                        const ShinsaIntakeLimits *limits,
                        GError **error)
{
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autoptr(GBytes) ini = NULL;
  ShinsaIntakeResult result;
  ShinsaIntakeLimits caps;
  struct stat st;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* a zero cap means the default, never "no cap" */
  shinsa_intake_limits_init_default (&caps);
  if (limits != NULL)
    {
      if (limits->max_total_bytes > 0)
        caps.max_total_bytes = limits->max_total_bytes;
      if (limits->max_entry_bytes > 0)
        caps.max_entry_bytes = limits->max_entry_bytes;
      if (limits->max_entries > 0)
        caps.max_entries = limits->max_entries;
      if (limits->max_ratio > 0)
        caps.max_ratio = limits->max_ratio;
    }

  if (stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHINSA_INTAKE_ERROR,
                   saved_errno == ENOENT || saved_errno == ENOTDIR
                     ? SHINSA_INTAKE_ERROR_NOT_FOUND : SHINSA_INTAKE_ERROR_FAILED,
                   _("cannot open '%s': %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  sub = g_object_new (SHINSA_TYPE_SUBMISSION, NULL);
  sub->source = g_strdup (path);
  shinsa_intake_result_init (&result);

  if (S_ISDIR (st.st_mode))
    {
      char *resolved = realpath (path, NULL);

      sub->kind = SHINSA_SUBMISSION_FOLDER;
      if (resolved == NULL)
        {
          int saved_errno = errno;

          g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_FAILED,
                       _("cannot open '%s': %s"), path, g_strerror (saved_errno));
          shinsa_intake_result_clear (&result);
          return NULL;
        }
      sub->root = g_strdup (resolved);
      free (resolved);
      sub->id = id_from_source (sub->root, FALSE);
      ok = shinsa_intake_read_folder (sub->root, &result, error);
    }
  else if (S_ISREG (st.st_mode))
    ok = open_archive (sub, path, tmp_root, &caps, &result, error);
  else
    {
      g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_UNSUPPORTED,
                   _("cannot open '%s': not a folder, a zip archive or an ISO 9660 image"), path);
      ok = FALSE;
    }

  if (!ok)
    {
      /* finalize removes whatever was unpacked */
      shinsa_intake_result_clear (&result);
      return NULL;
    }

  g_ptr_array_sort (result.files, compare_files);
  for (guint i = 0; i < result.files->len; i++)
    {
      ShinsaIntakeFile *file = g_ptr_array_index (result.files, i);

      if (strcmp (file->path, INI_NAME) == 0)
        {
          g_autofree char *reason = NULL;

          ini = read_small_file (file->local_path, INI_MAX_BYTES, &reason);
          if (ini == NULL)
            ini_warning (sub, "submission.ini を読めませんでした（%s）。既定の設定で続けます", reason);
          g_ptr_array_remove_index (result.files, i);
          break;
        }
    }

  add_documents (sub, result.files);
  for (guint i = 0; i < result.findings->len; i++)
    shinsa_submission_add_finding (sub, g_steal_pointer (&result.findings->pdata[i]));
  g_ptr_array_set_free_func (result.findings, NULL);
  shinsa_intake_result_clear (&result);

  if (ini != NULL)
    load_ini (sub, ini);

  if (sub->kind == SHINSA_SUBMISSION_FOLDER)
    sub->fingerprint = folder_fingerprint (sub, ini);

  return g_steal_pointer (&sub);
}

ShinsaSubmission *
shinsa_submission_open_file (const char *path, GError **error)
{
  g_autoptr(ShinsaSubmission) sub = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sha256 = NULL;
  ShinsaDocument *doc;
  guint64 size = 0;
  struct stat st;
  char *real;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHINSA_INTAKE_ERROR,
                   saved_errno == ENOENT || saved_errno == ENOTDIR
                     ? SHINSA_INTAKE_ERROR_NOT_FOUND : SHINSA_INTAKE_ERROR_FAILED,
                   _("cannot open '%s': %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_UNSUPPORTED,
                   _("cannot open '%s': not a regular file"), path);
      return NULL;
    }
  real = realpath (path, NULL);
  if (real == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_FAILED,
                   _("cannot open '%s': %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  resolved = g_strdup (real);
  free (real);
  sha256 = shinsa_file_sha256 (resolved, &size, error);
  if (sha256 == NULL)
    return NULL;

  sub = g_object_new (SHINSA_TYPE_SUBMISSION, NULL);
  sub->source = g_strdup (path);
  sub->kind = SHINSA_SUBMISSION_FILE;
  sub->root = g_path_get_dirname (resolved);
  sub->id = id_from_source (path, TRUE);
  sub->fingerprint = g_strdup (sha256);

  base = g_path_get_basename (resolved);
  name = shinsa_intake_decode_name (base);
  doc = shinsa_document_new (name, resolved);
  shinsa_document_set_size (doc, size);
  shinsa_document_set_sha256 (doc, sha256);
  id = shinsa_document_id_from_name (name, &title);
  if (id != NULL)
    {
      shinsa_document_set_id (doc, id);
      shinsa_document_set_id_source (doc, "filename");
    }
  shinsa_document_set_title (doc, title);
  shinsa_document_set_role (doc, shinsa_role_guess_from_name (name));
  g_ptr_array_add (sub->documents, doc);
  return g_steal_pointer (&sub);
}

const char *
shinsa_submission_get_id (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->id;
}

const char *
shinsa_submission_get_source (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->source;
}

ShinsaSubmissionKind
shinsa_submission_get_kind (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), SHINSA_SUBMISSION_FOLDER);
  return sub->kind;
}

const char *
shinsa_submission_get_root (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->root;
}

GPtrArray *
shinsa_submission_get_documents (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->documents;
}

ShinsaDocument *
shinsa_submission_find_document (ShinsaSubmission *sub, const char *id_or_path)
{
  g_autofree char *nfc = NULL;
  ShinsaDocument *doc;

  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  g_return_val_if_fail (id_or_path != NULL, NULL);

  nfc = shinsa_utf8_nfc (id_or_path);
  if (nfc == NULL)
    return NULL;

  doc = find_by_path (sub, nfc);
  if (doc != NULL)
    return doc;
  for (guint i = 0; i < sub->documents->len; i++)
    {
      doc = g_ptr_array_index (sub->documents, i);
      if (g_strcmp0 (shinsa_document_get_id (doc), nfc) == 0)
        return doc;
    }
  return NULL;
}

GPtrArray *
shinsa_submission_get_findings (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->findings;
}

GKeyFile *
shinsa_submission_get_ini (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->ini;
}

const char *
shinsa_submission_get_scheme (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->scheme;
}

const char *
shinsa_submission_get_certification_number (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->certification_number;
}

const char *
shinsa_submission_get_previous_certification_date (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->previous_certification_date;
}

const char *
shinsa_submission_get_fingerprint (ShinsaSubmission *sub)
{
  g_return_val_if_fail (SHINSA_IS_SUBMISSION (sub), NULL);
  return sub->fingerprint;
}

void
shinsa_submission_close (ShinsaSubmission *sub)
{
  g_autoptr(GError) err = NULL;

  g_return_if_fail (SHINSA_IS_SUBMISSION (sub));

  if (sub->tmp_dir == NULL)
    return;
  if (!shinsa_remove_tree (sub->tmp_dir, &err))
    g_warning ("cannot remove the private copy of '%s': %s", sub->source, err->message);
  g_clear_pointer (&sub->tmp_dir, g_free);
}
