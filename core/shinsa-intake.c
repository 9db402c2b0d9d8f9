/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reading a submission's files.  A folder is walked without following links
 * out of it; a zip or an ISO 9660 image is unpacked with libarchive into a
 * private folder.  Whatever would escape, is not a plain file or looks like a
 * bomb is refused with a finding and never written.
 */
#include "shinsa-intake-private.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define IO_BLOCK (64 * 1024)
/* deeper trees are not real submissions, and each level holds a descriptor */
#define MAX_DEPTH 64
#define MAX_COMPONENT_BYTES 255
/* the ratio cap only applies above this size (ShinsaIntakeLimits) */
#define RATIO_MIN_BYTES (1024 * 1024)
/* libarchive may hold up to a couple of blocks read ahead of an entry */
#define RATIO_SLACK (2 * IO_BLOCK)

#define CODE_REFUSED "INTAKE-ENTRY-REFUSED"

static const char *const junk_files[] = {
  ".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini",
};
static const char *const junk_folders[] = {
  "__MACOSX", ".Spotlight-V100", ".Trashes", ".fseventsd",
  "$RECYCLE.BIN", "System Volume Information",
};

void
shinsa_intake_file_free (ShinsaIntakeFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->local_path);
  g_free (file->sha256);
  g_free (file);
}

void
shinsa_intake_result_init (ShinsaIntakeResult *result)
{
  result->files = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_intake_file_free);
  result->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_finding_free);
}

void
shinsa_intake_result_clear (ShinsaIntakeResult *result)
{
  g_clear_pointer (&result->files, g_ptr_array_unref);
  g_clear_pointer (&result->findings, g_ptr_array_unref);
}

ShinsaFinding *
shinsa_intake_add_finding (ShinsaIntakeResult *result,
                           const char *code,
                           ShinsaSeverity severity,
                           const char *path,
                           const char *message_format,
                           ...)
{
  g_autofree char *message = NULL;
  ShinsaFinding *finding;
  va_list args;

  va_start (args, message_format);
  message = g_strdup_vprintf (message_format, args);
  va_end (args);

  finding = shinsa_finding_new (code, severity, message);
  if (path != NULL)
    shinsa_finding_set_document (finding, NULL, path);
  g_ptr_array_add (result->findings, finding);
  return finding;
}

char *
shinsa_intake_decode_name (const char *raw)
{
  g_autofree char *utf8 = NULL;

  g_return_val_if_fail (raw != NULL, NULL);

  if (g_utf8_validate (raw, -1, NULL))
    utf8 = g_strdup (raw);
  else
    utf8 = g_convert (raw, -1, "UTF-8", "CP932", NULL, NULL, NULL);

  if (utf8 == NULL)
    {
      GString *s = g_string_new (NULL);
      const char *p = raw;
      const char *end;

      while (*p != '\0')
        {
          if (g_utf8_validate (p, -1, &end))
            {
              g_string_append (s, p);
              break;
            }
          g_string_append_len (s, p, end - p);
          g_string_append_printf (s, "%%%02X", (guchar) *end);
          p = end + 1;
        }
      utf8 = g_string_free (s, FALSE);
    }
  return g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC);
}

gboolean
shinsa_intake_sniff (int fd, ShinsaSubmissionKind *out_kind)
{
  guchar head[4];
  guchar volume[5];

  if (pread (fd, head, sizeof head, 0) == (ssize_t) sizeof head &&
      (memcmp (head, "PK\3\4", 4) == 0 || memcmp (head, "PK\5\6", 4) == 0))
    {
      *out_kind = SHINSA_SUBMISSION_ZIP;
      return TRUE;
    }
  /* the primary volume descriptor sits in sector 16 */
  if (pread (fd, volume, sizeof volume, 0x8001) == (ssize_t) sizeof volume &&
      memcmp (volume, "CD001", 5) == 0)
    {
      *out_kind = SHINSA_SUBMISSION_ISO;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_junk_file (const char *name)
{
  if (g_str_has_prefix (name, "._"))   /* AppleDouble resource forks */
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (junk_files); i++)
    if (g_ascii_strcasecmp (name, junk_files[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_junk_folder (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (junk_folders); i++)
    if (g_ascii_strcasecmp (name, junk_folders[i]) == 0)
      return TRUE;
  return FALSE;
}

/* @format takes the path then the system's message */
static gboolean
set_io_error (GError **error, int saved_errno, const char *format, const char *path)
{
  g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_FAILED,
               format, path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int fd, const guchar *buf, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, buf, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      buf += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* sha256 and size of what is left to read on @fd */
static gboolean
hash_fd (int fd, guint64 *out_size, char **out_sha256, int *out_errno)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (IO_BLOCK);
  guint64 size = 0;

  for (;;)
    {
      ssize_t n = read (fd, buf, IO_BLOCK);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *out_errno = errno;
          return FALSE;
        }
      if (n == 0)
        break;
      g_checksum_update (sum, buf, n);
      size += (guint64) n;
    }
  *out_size = size;
  *out_sha256 = g_strdup (g_checksum_get_string (sum));
  return TRUE;
}

/* ---- folders ----------------------------------------------------------- */

typedef struct {
  const char *root;          /* resolved */
  char *root_prefix;         /* root with a trailing '/' */
  GHashTable *seen;          /* relative path (NFC) */
  ShinsaIntakeResult *result;
} FolderWalk;



static void
folder_unreadable (FolderWalk *w, const char *rel, int saved_errno)
{
  shinsa_intake_add_finding (w->result, "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR, rel,
                             "「%s」を読めませんでした（%s）", rel, g_strerror (saved_errno));
}

/* adds the regular file open on @fd; takes the descriptor */
static void
folder_add_file (FolderWalk *w, int fd, const char *rel, const char *local_path)
{
  g_autofree char *sha256 = NULL;
  ShinsaIntakeFile *file;
  guint64 size = 0;
  int saved_errno = 0;
  gboolean ok;

  if (g_hash_table_contains (w->seen, rel))
    {
      close (fd);
      shinsa_intake_add_finding (w->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, rel,
                                 "「%s」は正規化すると先に読み込んだファイルと同じ名前になるため読み込みませんでした",
                                 rel);
      return;
    }

  ok = hash_fd (fd, &size, &sha256, &saved_errno);
  close (fd);
  if (!ok)
    {
      folder_unreadable (w, rel, saved_errno);
      return;
    }

  file = g_new0 (ShinsaIntakeFile, 1);
  file->path = g_strdup (rel);
  file->local_path = g_strdup (local_path);
  file->size = size;
  file->sha256 = g_steal_pointer (&sha256);
  g_hash_table_add (w->seen, g_strdup (rel));
  g_ptr_array_add (w->result->files, file);
}

/* A link may stand for a regular file of the same folder; anything else it
 * could point at (outside, a folder, nothing) is refused. */
static void
folder_add_link (FolderWalk *w, int dfd, const char *raw, const char *rel, const char *local_path)
{
  g_autofree char *resolved = NULL;
  g_autofree char *target = NULL;
  char buf[PATH_MAX];
  struct stat st, fst;
  ssize_t len;
  int fd;

  len = readlinkat (dfd, raw, buf, sizeof buf - 1);
  if (len < 0)
    {
      folder_unreadable (w, rel, errno);
      return;
    }
  buf[len] = '\0';
  target = shinsa_intake_decode_name (buf);

  resolved = realpath (local_path, NULL);
  if (resolved == NULL)
    {
      shinsa_intake_add_finding (w->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, rel,
                                 "「%s」はリンク先（%s）が存在しないかたどれないため読み込みませんでした",
                                 rel, target);
      return;
    }
  if (strcmp (resolved, w->root) != 0 && !g_str_has_prefix (resolved, w->root_prefix))
    {
      shinsa_intake_add_finding (w->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, rel,
                                 "「%s」は提出フォルダの外（%s）を指すリンクのため読み込みませんでした",
                                 rel, target);
      return;
    }
  if (stat (resolved, &st) != 0)
    {
      folder_unreadable (w, rel, errno);
      return;
    }
  if (S_ISDIR (st.st_mode))
    {
      shinsa_intake_add_finding (w->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, rel,
                                 "「%s」はフォルダへのリンク（%s）のためたどりませんでした",
                                 rel, target);
      return;
    }
  if (!S_ISREG (st.st_mode))
    {
      shinsa_intake_add_finding (w->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, rel,
                                 "「%s」は通常のファイルではないもの（%s）を指すリンクのため読み込みませんでした",
                                 rel, target);
      return;
    }

  /* the resolved path has no links left; O_NOFOLLOW keeps it that way */
  fd = open (resolved, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      folder_unreadable (w, rel, errno);
      return;
    }
  if (fstat (fd, &fst) != 0 || !S_ISREG (fst.st_mode) ||
      fst.st_dev != st.st_dev || fst.st_ino != st.st_ino)
    {
      close (fd);
      shinsa_intake_add_finding (w->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, rel,
                                 "「%s」のリンク先が読み込み中に変わったため読み込みませんでした",
                                 rel);
      return;
    }
  folder_add_file (w, fd, rel, resolved);
}

static gboolean
walk_folder (FolderWalk *w, int dfd, const char *local_dir, const char *rel_dir,
             guint depth, GError **error)
{
  g_autoptr(GPtrArray) names = NULL;
  int saved_errno = 0;

  /* byte order, so that which of two names equal after NFC is refused
   * does not depend on the file system */
  names = shinsa_list_folder_at (dfd, TRUE, &saved_errno);
  if (names == NULL)
    {
      if (rel_dir == NULL)
        return set_io_error (error, saved_errno, _("cannot read folder '%s': %s"), local_dir);
      folder_unreadable (w, rel_dir, saved_errno);
      return TRUE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *raw = g_ptr_array_index (names, i);
      g_autofree char *name = shinsa_intake_decode_name (raw);
      g_autofree char *rel = rel_dir != NULL ? g_strconcat (rel_dir, "/", name, NULL)
                                             : g_strdup (name);
      g_autofree char *local = g_build_filename (local_dir, raw, NULL);
      struct stat st;

      if (fstatat (dfd, raw, &st, AT_SYMLINK_NOFOLLOW) != 0)
        {
          folder_unreadable (w, rel, errno);
          continue;
        }

      if (S_ISDIR (st.st_mode))
        {
          int cfd;
          gboolean ok;

          if (is_junk_folder (name))
            {
              g_debug ("skipping '%s': operating system leftovers", rel);
              continue;
            }
          if (depth + 1 >= MAX_DEPTH)
            {
              shinsa_intake_add_finding (w->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, rel,
                                         "「%s」はフォルダの階層が深すぎる（%d 階層超）ため読み込みませんでした",
                                         rel, MAX_DEPTH);
              continue;
            }
          cfd = openat (dfd, raw, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          if (cfd < 0)
            {
              folder_unreadable (w, rel, errno);
              continue;
            }
          ok = walk_folder (w, cfd, local, rel, depth + 1, error);
          close (cfd);
          if (!ok)
            return FALSE;
        }
      else if (is_junk_file (name))
        g_debug ("skipping '%s': operating system leftovers", rel);
      else if (S_ISREG (st.st_mode))
        {
          struct stat fst;
          int fd = openat (dfd, raw, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

          if (fd < 0)
            {
              folder_unreadable (w, rel, errno);
              continue;
            }
          /* it must still be the file we looked at, not something swapped in */
          if (fstat (fd, &fst) != 0 || !S_ISREG (fst.st_mode) ||
              fst.st_dev != st.st_dev || fst.st_ino != st.st_ino)
            {
              close (fd);
              shinsa_intake_add_finding (w->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, rel,
                                         "「%s」が読み込み中に別のものに置き換わったため読み込みませんでした",
                                         rel);
              continue;
            }
          folder_add_file (w, fd, rel, local);
        }
      else if (S_ISLNK (st.st_mode))
        folder_add_link (w, dfd, raw, rel, local);
      else
        shinsa_intake_add_finding (w->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, rel,
                                   "「%s」は通常のファイルではない（デバイス、FIFO、ソケットなど）ため読み込みませんでした",
                                   rel);
    }
  return TRUE;
}

gboolean
shinsa_intake_read_folder (const char *root, ShinsaIntakeResult *result, GError **error)
{
  FolderWalk w = { 0 };
  gboolean ok;
  int fd;

  g_return_val_if_fail (root != NULL && g_path_is_absolute (root), FALSE);

  fd = open (root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return set_io_error (error, errno, _("cannot open '%s': %s"), root);

  w.root = root;
  w.root_prefix = g_str_has_suffix (root, "/") ? g_strdup (root) : g_strconcat (root, "/", NULL);
  w.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.result = result;

  ok = walk_folder (&w, fd, root, NULL, 0, error);

  close (fd);
  g_hash_table_unref (w.seen);
  g_free (w.root_prefix);
  return ok;
}

/* ---- archives ---------------------------------------------------------- */

typedef enum {
  PATH_OK,
  PATH_EMPTY,       /* "." or "/": the root itself */
  PATH_ABSOLUTE,
  PATH_ESCAPES,
  PATH_TOO_DEEP,
  PATH_BAD_NAME,
} PathVerdict;

/* Makes an entry name a clean relative path: no "..", no absolute path or
 * drive letter, no empty or "." components, no control characters. */
static PathVerdict
clean_entry_path (const char *name, char **out_clean)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  *out_clean = NULL;
  if (name[0] == '/' || (g_ascii_isalpha (name[0]) && name[1] == ':'))
    {
      /* "/" alone (an ISO's root) is no file at all */
      for (const char *p = name; *p == '/' || *p == '.'; p++)
        if (p[1] == '\0')
          return PATH_EMPTY;
      return PATH_ABSOLUTE;
    }

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];

      if (part[0] == '\0' || strcmp (part, ".") == 0)
        continue;
      if (strcmp (part, "..") == 0)
        return PATH_ESCAPES;
      if (strlen (part) > MAX_COMPONENT_BYTES)
        return PATH_BAD_NAME;
      for (const char *p = part; *p != '\0'; p++)
        if ((guchar) *p < 0x20 || *p == 0x7f)
          return PATH_BAD_NAME;
      g_ptr_array_add (kept, (gpointer) part);
    }
  if (kept->len == 0)
    return PATH_EMPTY;
  if (kept->len > MAX_DEPTH)
    return PATH_TOO_DEEP;

  g_ptr_array_add (kept, NULL);
  *out_clean = g_strjoinv ("/", (char **) kept->pdata);
  return PATH_OK;
}

static gboolean
is_junk_path (const char *clean)
{
  g_auto(GStrv) parts = g_strsplit (clean, "/", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    if (is_junk_folder (parts[i]))
      return TRUE;
  return n > 0 && (is_junk_file (parts[n - 1]) || is_junk_folder (parts[n - 1]));
}

typedef struct {
  int fd;
  guint64 bytes_read;        /* counted to estimate an entry's packed size */
  guchar buf[IO_BLOCK];
} ArchiveSource;

static la_ssize_t
source_read (struct archive *a, void *data, const void **buffer)
{
  ArchiveSource *src = data;

  for (;;)
    {
      ssize_t n = read (src->fd, src->buf, sizeof src->buf);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          archive_set_error (a, errno, "read error");
          return -1;
        }
      src->bytes_read += (guint64) n;
      *buffer = src->buf;
      return n;
    }
}

static la_int64_t
source_seek (struct archive *a, void *data, la_int64_t offset, int whence)
{
  ArchiveSource *src = data;
  off_t pos = lseek (src->fd, (off_t) offset, whence);

  if (pos < 0)
    {
      archive_set_error (a, errno, "seek error");
      return ARCHIVE_FATAL;
    }
  return (la_int64_t) pos;
}

typedef struct {
  const char *name;          /* the archive, for messages */
  const char *dest;
  int dest_fd;
  ShinsaIntakeLimits limits;
  guint64 archive_size;
  guint64 total;             /* bytes unpacked so far */
  GHashTable *files;         /* clean path → ShinsaIntakeFile (borrowed) */
  ShinsaIntakeResult *result;
  ArchiveSource *src;
  struct archive *archive;
  guchar *buf;
} Unpack;

/* where a refusal stops an entry */
typedef enum {
  STREAM_OK,
  STREAM_ENTRY_LIMIT,
  STREAM_TOTAL_LIMIT,
  STREAM_RATIO_LIMIT,
  STREAM_DATA_ERROR,      /* libarchive could not decode the entry */
  STREAM_FATAL,           /* the archive cannot be read any further */
} StreamVerdict;

static void
refuse (Unpack *u, const char *path, const char *message_format, ...) G_GNUC_PRINTF (3, 4);

static void
refuse (Unpack *u, const char *path, const char *message_format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, message_format);
  message = g_strdup_vprintf (message_format, args);
  va_end (args);
  shinsa_intake_add_finding (u->result, CODE_REFUSED, SHINSA_SEVERITY_ERROR, path, "%s", message);
}

/* Opens (creating, mode 0700) the folders of @clean below the destination
 * and returns the innermost; never through a link.  -1 with errno set;
 * ENOTDIR when a file of the archive already has a folder's name. */
static int
open_parent (Unpack *u, char **parts, guint n_parts)
{
  int dfd = dup (u->dest_fd);

  for (guint i = 0; dfd >= 0 && i + 1 < n_parts; i++)
    {
      int next;

      if (mkdirat (dfd, parts[i], 0700) != 0 && errno != EEXIST)
        {
          int saved_errno = errno;
          close (dfd);
          errno = saved_errno;
          return -1;
        }
      next = openat (dfd, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (next < 0)
        {
          int saved_errno = errno;
          close (dfd);
          errno = saved_errno == ELOOP ? ENOTDIR : saved_errno;
          return -1;
        }
      close (dfd);
      dfd = next;
    }
  return dfd;
}

typedef la_ssize_t (*ReadFunc) (Unpack *u, gpointer data, guchar *buf, gsize len);

static la_ssize_t
read_from_archive (Unpack *u, gpointer data, guchar *buf, gsize len)
{
  return archive_read_data (u->archive, buf, len);
}

static la_ssize_t
read_from_fd (Unpack *u, gpointer data, guchar *buf, gsize len)
{
  int fd = GPOINTER_TO_INT (data);

  for (;;)
    {
      ssize_t n = read (fd, buf, len);

      if (n < 0 && errno == EINTR)
        continue;
      return n < 0 ? ARCHIVE_FATAL : n;
    }
}

/* Streams one entry into the private folder under @clean, hashing it on the
 * way and checking the caps as bytes arrive.  On a refusal the partial file
 * is removed and a finding names @display.  FALSE only on a fatal error. */
static gboolean
write_entry (Unpack *u, const char *clean, const char *display,
             ReadFunc read_func, gpointer read_data, gboolean check_ratio,
             GError **error)
{
  g_auto(GStrv) parts = g_strsplit (clean, "/", -1);
  guint n_parts = g_strv_length (parts);
  g_autoptr(GChecksum) sum = NULL;
  StreamVerdict verdict = STREAM_OK;
  guint64 read_before = u->src->bytes_read;
  guint64 written = 0;
  ShinsaIntakeFile *file;
  int pfd, ofd;

  pfd = open_parent (u, parts, n_parts);
  if (pfd < 0)
    {
      if (errno == ENOTDIR || errno == EEXIST)
        {
          refuse (u, display, "「%s」は先に展開したファイルと名前が衝突するため展開しませんでした", display);
          return TRUE;
        }
      return set_io_error (error, errno, _("cannot write into '%s': %s"), u->dest);
    }

  ofd = openat (pfd, parts[n_parts - 1],
                O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (ofd < 0)
    {
      int saved_errno = errno;

      close (pfd);
      if (saved_errno == EEXIST)
        {
          refuse (u, display, "「%s」は先に展開したフォルダやファイルと名前が衝突するため展開しませんでした", display);
          return TRUE;
        }
      return set_io_error (error, saved_errno, _("cannot write into '%s': %s"), u->dest);
    }

  sum = g_checksum_new (G_CHECKSUM_SHA256);
  for (;;)
    {
      la_ssize_t n = read_func (u, read_data, u->buf, IO_BLOCK);

      if (n == 0)
        break;
      if (n < 0)
        {
          verdict = n == ARCHIVE_FATAL ? STREAM_FATAL : STREAM_DATA_ERROR;
          break;
        }
      written += (guint64) n;
      if (written > u->limits.max_entry_bytes)
        {
          verdict = STREAM_ENTRY_LIMIT;
          break;
        }
      if (u->total + written > u->limits.max_total_bytes)
        {
          verdict = STREAM_TOTAL_LIMIT;
          break;
        }
      if (check_ratio && written > RATIO_MIN_BYTES)
        {
          /* what was read from the archive while unpacking this entry bounds
           * its packed size from above (plus what was read ahead) */
          guint64 packed = u->src->bytes_read - read_before + RATIO_SLACK;

          packed = MIN (packed, u->archive_size);
          if (written / MAX (packed, 1) >= u->limits.max_ratio)
            {
              verdict = STREAM_RATIO_LIMIT;
              break;
            }
        }
      if (!write_all (ofd, u->buf, (gsize) n))
        {
          int saved_errno = errno;
          close (ofd);
          unlinkat (pfd, parts[n_parts - 1], 0);
          close (pfd);
          return set_io_error (error, saved_errno, _("cannot write into '%s': %s"), u->dest);
        }
      g_checksum_update (sum, u->buf, (gsize) n);
    }

  if (close (ofd) != 0 && verdict == STREAM_OK)
    {
      int saved_errno = errno;
      unlinkat (pfd, parts[n_parts - 1], 0);
      close (pfd);
      return set_io_error (error, saved_errno, _("cannot write into '%s': %s"), u->dest);
    }

  if (verdict != STREAM_OK)
    {
      g_autofree char *cap = NULL;

      unlinkat (pfd, parts[n_parts - 1], 0);
      close (pfd);
      switch (verdict)
        {
        case STREAM_ENTRY_LIMIT:
          cap = g_format_size (u->limits.max_entry_bytes);
          refuse (u, display, "「%s」は展開後の大きさが上限（%s）を超えるため展開しませんでした",
                  display, cap);
          break;
        case STREAM_TOTAL_LIMIT:
          cap = g_format_size (u->limits.max_total_bytes);
          refuse (u, display, "「%s」を展開すると提出物全体の大きさが上限（%s）を超えるため展開しませんでした",
                  display, cap);
          break;
        case STREAM_RATIO_LIMIT:
          refuse (u, display, "「%s」は圧縮率が異常に高い（%u 倍以上）ため、圧縮爆弾とみなして展開しませんでした",
                  display, u->limits.max_ratio);
          break;
        case STREAM_DATA_ERROR:
        case STREAM_FATAL:
          shinsa_intake_add_finding (u->result, "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR, display,
                                     "「%s」を展開できませんでした（%s）", display,
                                     read_func == read_from_archive && archive_error_string (u->archive) != NULL
                                       ? archive_error_string (u->archive) : g_strerror (EIO));
          break;
        case STREAM_OK:
        default:
          g_assert_not_reached ();
        }
      if (verdict == STREAM_FATAL)
        {
          if (read_func == read_from_archive)
            g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_ARCHIVE,
                         _("cannot read '%s': %s"), u->name,
                         archive_error_string (u->archive) != NULL
                           ? archive_error_string (u->archive) : "damaged archive");
          else
            g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_FAILED,
                         _("cannot copy '%s' inside '%s'"), display, u->dest);
          return FALSE;
        }
      return TRUE;
    }
  close (pfd);

  file = g_new0 (ShinsaIntakeFile, 1);
  file->path = g_strdup (clean);
  file->local_path = g_build_filename (u->dest, clean, NULL);
  file->size = written;
  file->sha256 = g_strdup (g_checksum_get_string (sum));
  u->total += written;
  g_hash_table_insert (u->files, g_strdup (clean), file);
  g_ptr_array_add (u->result->files, file);
  return TRUE;
}

/* An archive's hardlink may only repeat an entry unpacked before; it is
 * written as a copy, never as a link. */
static gboolean
unpack_hardlink (Unpack *u, struct archive_entry *entry, const char *clean,
                 const char *display, GError **error)
{
  g_autofree char *target = shinsa_intake_decode_name (archive_entry_hardlink (entry));
  g_autofree char *target_clean = NULL;
  ShinsaIntakeFile *source;
  gboolean ok;
  int fd;

  g_strdelimit (target, "\\", '/');
  if (clean_entry_path (target, &target_clean) != PATH_OK ||
      (source = g_hash_table_lookup (u->files, target_clean)) == NULL)
    {
      refuse (u, display, "「%s」は提出物の中にないもの（%s）へのハードリンクのため展開しませんでした",
              display, target);
      return TRUE;
    }
  if (u->total + source->size > u->limits.max_total_bytes)
    {
      g_autofree char *cap = g_format_size (u->limits.max_total_bytes);
      refuse (u, display, "「%s」を展開すると提出物全体の大きさが上限（%s）を超えるため展開しませんでした",
              display, cap);
      return TRUE;
    }

  fd = openat (u->dest_fd, target_clean, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return set_io_error (error, errno, _("cannot read '%s': %s"), source->local_path);
  ok = write_entry (u, clean, display, read_from_fd, GINT_TO_POINTER (fd), FALSE, error);
  close (fd);
  return ok;
}

static gboolean
unpack_entry (Unpack *u, struct archive_entry *entry, guint index, GError **error)
{
  const char *raw = archive_entry_pathname (entry);
  g_autofree char *display = NULL;
  g_autofree char *clean = NULL;
  unsigned int type;

  if (raw == NULL)
    {
      g_autofree char *label = g_strdup_printf ("#%u", index);
      refuse (u, label, "%u 番目のエントリは名前を読み取れないため展開しませんでした", index);
      return TRUE;
    }

  /* decoded before '\' becomes '/': in CP932 0x5C is also a trail byte (表, ソ) */
  display = shinsa_intake_decode_name (raw);
  g_strdelimit (display, "\\", '/');

  switch (clean_entry_path (display, &clean))
    {
    case PATH_OK:
      break;
    case PATH_EMPTY:
      return TRUE;
    case PATH_ABSOLUTE:
      refuse (u, display, "「%s」は絶対パスで提出物の外を指すため展開しませんでした", display);
      return TRUE;
    case PATH_ESCAPES:
      refuse (u, display, "「%s」は提出物の外を指すため展開しませんでした", display);
      return TRUE;
    case PATH_TOO_DEEP:
      refuse (u, display, "「%s」はフォルダの階層が深すぎる（%d 階層超）ため展開しませんでした",
              display, MAX_DEPTH);
      return TRUE;
    case PATH_BAD_NAME:
    default:
      refuse (u, display, "「%s」は名前に制御文字を含むか長すぎるため展開しませんでした", display);
      return TRUE;
    }

  if (is_junk_path (clean))
    {
      g_debug ("skipping '%s' in '%s': operating system leftovers", clean, u->name);
      return TRUE;
    }

  type = archive_entry_filetype (entry);
  if (archive_entry_hardlink (entry) != NULL)
    {
      if (g_hash_table_contains (u->files, clean))
        goto duplicate;
      return unpack_hardlink (u, entry, clean, display, error);
    }
  if (type == AE_IFDIR)
    return TRUE;
  if (type == AE_IFLNK || archive_entry_symlink (entry) != NULL)
    {
      const char *link_raw = archive_entry_symlink (entry);
      g_autofree char *link = shinsa_intake_decode_name (link_raw != NULL ? link_raw : "");

      refuse (u, display, "「%s」はシンボリックリンク（リンク先: %s）のため展開しませんでした",
              display, link);
      return TRUE;
    }
  if (type != AE_IFREG)
    {
      refuse (u, display, "「%s」は通常のファイルではない（デバイス、FIFO、ソケットなど）ため展開しませんでした",
              display);
      return TRUE;
    }

  if (g_hash_table_contains (u->files, clean))
    goto duplicate;

  if (archive_entry_is_data_encrypted (entry))
    {
      shinsa_intake_add_finding (u->result, "DOC-ENCRYPTED", SHINSA_SEVERITY_ERROR, display,
                                 "「%s」はパスワードで保護されているため展開できませんでした", display);
      return TRUE;
    }

  /* the declared size is checked before writing anything; the streamed one
   * while writing, since a header can lie */
  if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > 0)
    {
      guint64 declared = (guint64) archive_entry_size (entry);

      if (declared > u->limits.max_entry_bytes)
        {
          g_autofree char *cap = g_format_size (u->limits.max_entry_bytes);
          refuse (u, display, "「%s」は展開後の大きさが上限（%s）を超えるため展開しませんでした",
                  display, cap);
          return TRUE;
        }
      if (u->total + declared > u->limits.max_total_bytes)
        {
          g_autofree char *cap = g_format_size (u->limits.max_total_bytes);
          refuse (u, display, "「%s」を展開すると提出物全体の大きさが上限（%s）を超えるため展開しませんでした",
                  display, cap);
          return TRUE;
        }
    }

  return write_entry (u, clean, display, read_from_archive, NULL, TRUE, error);

duplicate:
  refuse (u, display, "「%s」は正規化すると先に展開したエントリと同じ名前になるため展開しませんでした",
          display);
  return TRUE;
}

/* libarchive converts names (Joliet's UTF-16, zip's UTF-8 flag) to the
 * charset of the current locale, and fails under LANG=C.  Unpacking runs
 * with a UTF-8 LC_CTYPE for this thread only, so names come out whole
 * whatever the user's locale, without touching other threads. */
static locale_t
enter_utf8_ctype (locale_t *out_previous)
{
  locale_t base = duplocale (LC_GLOBAL_LOCALE);
  locale_t loc;

  if (base == (locale_t) 0)
    return (locale_t) 0;
  loc = newlocale (LC_CTYPE_MASK, "C.UTF-8", base);
  if (loc == (locale_t) 0)
    {
      freelocale (base);
      return (locale_t) 0;
    }
  *out_previous = uselocale (loc);
  return loc;
}

static gboolean
unpack_all (Unpack *u, GError **error)
{
  struct archive *a = u->archive;
  guint count = 0;

  for (;;)
    {
      struct archive_entry *entry = NULL;
      int r = archive_read_next_header (a, &entry);

      if (r == ARCHIVE_EOF)
        return TRUE;
      if (r == ARCHIVE_FATAL)
        {
          g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_ARCHIVE,
                       _("cannot read '%s': %s"), u->name,
                       archive_error_string (a) != NULL ? archive_error_string (a) : "damaged archive");
          return FALSE;
        }

      count++;
      if (count > u->limits.max_entries)
        {
          g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_LIMIT,
                       _("cannot unpack '%s': more than %u entries"), u->name,
                       u->limits.max_entries);
          return FALSE;
        }

      if (r < ARCHIVE_WARN)
        {
          /* this header is unusable, the archive may go on */
          const char *raw = entry != NULL ? archive_entry_pathname (entry) : NULL;
          g_autofree char *display = raw != NULL ? shinsa_intake_decode_name (raw)
                                                 : g_strdup_printf ("#%u", count);

          shinsa_intake_add_finding (u->result, "DOC-UNREADABLE", SHINSA_SEVERITY_ERROR, display,
                                     "「%s」を展開できませんでした（%s）", display,
                                     archive_error_string (a) != NULL ? archive_error_string (a) : "");
          continue;
        }

      if (!unpack_entry (u, entry, count, error))
        return FALSE;
    }
}

gboolean
shinsa_intake_unpack (int fd,
                      const char *name,
                      ShinsaSubmissionKind kind,
                      const char *dest,
                      const ShinsaIntakeLimits *limits,
                      ShinsaIntakeResult *result,
                      GError **error)
{
  g_autofree ArchiveSource *src = NULL;
  g_autofree guchar *buf = NULL;
  locale_t loc, previous = (locale_t) 0;
  struct stat st;
  Unpack u = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (kind == SHINSA_SUBMISSION_ZIP || kind == SHINSA_SUBMISSION_ISO, FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);

  if (fstat (fd, &st) != 0)
    return set_io_error (error, errno, _("cannot read '%s': %s"), name);
  if (lseek (fd, 0, SEEK_SET) < 0)
    return set_io_error (error, errno, _("cannot read '%s': %s"), name);

  u.dest_fd = open (dest, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (u.dest_fd < 0)
    return set_io_error (error, errno, _("cannot open '%s': %s"), dest);

  src = g_new0 (ArchiveSource, 1);
  src->fd = fd;
  buf = g_malloc (IO_BLOCK);
  u.name = name;
  u.dest = dest;
  u.limits = *limits;
  u.archive_size = (guint64) st.st_size;
  u.files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  u.result = result;
  u.src = src;
  u.buf = buf;

  loc = enter_utf8_ctype (&previous);

  u.archive = archive_read_new ();
  if (kind == SHINSA_SUBMISSION_ZIP)
    archive_read_support_format_zip (u.archive);
  else
    archive_read_support_format_iso9660 (u.archive);
  archive_read_set_read_callback (u.archive, source_read);
  archive_read_set_seek_callback (u.archive, source_seek);
  archive_read_set_callback_data (u.archive, src);

  /* Zip names without the UTF-8 flag are read as bytes and decoded here
   * (UTF-8 when valid, else CP932): hdrcharset=CP932 would garble the
   * flagless UTF-8 names macOS and Info-ZIP write. */
  if (archive_read_open1 (u.archive) != ARCHIVE_OK)
    g_set_error (error, SHINSA_INTAKE_ERROR, SHINSA_INTAKE_ERROR_ARCHIVE,
                 _("cannot read '%s': %s"), name,
                 archive_error_string (u.archive) != NULL ? archive_error_string (u.archive)
                                                          : "not a readable archive");
  else
    ok = unpack_all (&u, error);

  archive_read_free (u.archive);
  if (loc != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (loc);
    }

  g_hash_table_unref (u.files);
  close (u.dest_fd);
  return ok;
}
