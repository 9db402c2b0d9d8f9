/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <locale.h>

#include "shinsa-private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#define SHA256_READ_SIZE (64 * 1024)
/* longest component we hand out; stays below NAME_MAX with room for suffixes */
#define SAFE_COMPONENT_MAX_BYTES 200

gboolean
shinsa_write_file_atomic (const char *path,
                          const char *contents,
                          gssize length,
                          GError **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* g_file_set_contents_full() writes PATH.XXXXXX, fsyncs it and renames it
   * over PATH; on every failure after creating the temporary file it unlinks
   * it again, so nothing is left behind. */
  if (!g_file_set_contents_full (path, contents != NULL ? contents : "", length,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("cannot write '%s': "), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
shinsa_mkdir_private (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("cannot create folder '%s': %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_errno_error (GError **error, int saved_errno, const char *format, const char *path)
{
  g_autofree char *what = g_strdup_printf (format, path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Names of the entries of the folder open on @dfd, read through a duplicate
 * so that @dfd stays open (and only one descriptor per level is held). */
GPtrArray *
shinsa_list_folder_at (int dfd, gboolean sorted, int *out_errno)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  struct dirent *de;
  DIR *dir;
  int fd;

  fd = dup (dfd);
  if (fd < 0)
    {
      *out_errno = errno;
      return NULL;
    }
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      *out_errno = errno;
      close (fd);
      return NULL;
    }
  /* a duplicated descriptor shares the offset: start from the beginning */
  rewinddir (dir);
  errno = 0;
  while ((de = readdir (dir)) != NULL)
    {
      if (strcmp (de->d_name, ".") != 0 && strcmp (de->d_name, "..") != 0)
        g_ptr_array_add (names, g_strdup (de->d_name));
      errno = 0;
    }
  *out_errno = errno;
  closedir (dir);
  if (*out_errno != 0)
    return NULL;
  if (sorted)
    g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/* Empties the folder open on @dfd; @path is only for messages. */
static gboolean
remove_folder_contents (int dfd, const char *path, GError **error)
{
  g_autoptr(GPtrArray) names = NULL;
  struct stat st;
  int saved_errno = 0;

  /* a folder without write or search permission cannot be emptied; it is
   * ours (private temporary folders), so grant them */
  if (fstat (dfd, &st) == 0 && (st.st_mode & 0700) != 0700)
    (void) fchmod (dfd, (st.st_mode & 07777) | 0700);

  names = shinsa_list_folder_at (dfd, FALSE, &saved_errno);
  if (names == NULL)
    return set_errno_error (error, saved_errno, _("cannot read folder '%s'"), path);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (fstatat (dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        {
          if (errno == ENOENT)
            continue;
          return set_errno_error (error, errno, _("cannot remove '%s'"), child);
        }

      if (S_ISDIR (st.st_mode))
        {
          int cfd = openat (dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          gboolean ok;

          if (cfd < 0 && errno == EACCES)
            {
              /* no read permission: fix it, then open again (never through
               * a link: O_NOFOLLOW above and the type check before) */
              if (fchmodat (dfd, name, 0700, 0) == 0)
                cfd = openat (dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            }
          if (cfd < 0)
            return set_errno_error (error, errno, _("cannot remove '%s'"), child);
          ok = remove_folder_contents (cfd, child, error);
          close (cfd);
          if (!ok)
            return FALSE;
          if (unlinkat (dfd, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
            return set_errno_error (error, errno, _("cannot remove '%s'"), child);
        }
      else if (unlinkat (dfd, name, 0) != 0 && errno != ENOENT)
        return set_errno_error (error, errno, _("cannot remove '%s'"), child);
    }
  return TRUE;
}

gboolean
shinsa_remove_tree (const char *path, GError **error)
{
  struct stat st;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (lstat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      return set_errno_error (error, errno, _("cannot remove '%s'"), path);
    }

  if (!S_ISDIR (st.st_mode))
    {
      /* a file, or a link that is removed itself, never its target */
      if (unlink (path) != 0 && errno != ENOENT)
        return set_errno_error (error, errno, _("cannot remove '%s'"), path);
      return TRUE;
    }

  fd = open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return set_errno_error (error, errno, _("cannot remove '%s'"), path);
  ok = remove_folder_contents (fd, path, error);
  close (fd);
  if (!ok)
    return FALSE;
  if (rmdir (path) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, _("cannot remove '%s'"), path);
  return TRUE;
}

char *
shinsa_file_sha256 (const char *path, guint64 *out_size, GError **error)
{
  g_autoptr(GChecksum) sum = NULL;
  g_autofree guchar *buf = NULL;
  guint64 size = 0;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* O_NONBLOCK: a FIFO given by mistake must not hang the run */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, _("cannot open '%s'"), path);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, _("cannot read '%s'"), path);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("cannot read '%s': not a regular file"), path);
      close (fd);
      return NULL;
    }

  sum = g_checksum_new (G_CHECKSUM_SHA256);
  buf = g_malloc (SHA256_READ_SIZE);
  for (;;)
    {
      gssize n = read (fd, buf, SHA256_READ_SIZE);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_errno_error (error, errno, _("cannot read '%s'"), path);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (sum, buf, n);
      size += (guint64) n;
    }
  close (fd);

  if (out_size != NULL)
    *out_size = size;
  return g_strdup (g_checksum_get_string (sum));
}

char *
shinsa_utf8_nfc (const char *str)
{
  g_return_val_if_fail (str != NULL, NULL);

  if (!g_utf8_validate (str, -1, NULL))
    return NULL;
  return g_utf8_normalize (str, -1, G_NORMALIZE_NFC);
}

static gboolean
unsafe_char (gunichar c)
{
  return c == '/' || c == '\\' || c < 0x20 || c == 0x7f ||
         g_unichar_type (c) == G_UNICODE_CONTROL ||
         g_unichar_type (c) == G_UNICODE_FORMAT ||
         c == 0x2028 || c == 0x2029;
}

char *
shinsa_safe_component (const char *str)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  GString *out;

  g_return_val_if_fail (str != NULL, NULL);

  valid = g_utf8_make_valid (str, -1);
  nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  out = g_string_new (NULL);

  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (out->len + (gsize) (next - p) > SAFE_COMPONENT_MAX_BYTES)
        break;
      if (unsafe_char (c))
        g_string_append_c (out, '_');
      else if (c == '.' && out->len == 0)
        g_string_append_c (out, '_');   /* no hidden names, no "." or ".." */
      else
        g_string_append_len (out, p, next - p);
    }

  if (out->len == 0)
    g_string_append_c (out, '_');
  return g_string_free (out, FALSE);
}

typedef struct {
  locale_t loc;
  locale_t previous;
} Utf8Ctype;

gpointer
shinsa_utf8_ctype_enter (void)
{
  locale_t base = duplocale (LC_GLOBAL_LOCALE);
  Utf8Ctype *t;
  locale_t loc;

  if (base == (locale_t) 0)
    return NULL;
  loc = newlocale (LC_CTYPE_MASK, "C.UTF-8", base);
  if (loc == (locale_t) 0)
    {
      freelocale (base);
      return NULL;
    }
  t = g_new (Utf8Ctype, 1);
  t->loc = loc;
  t->previous = uselocale (loc);
  return t;
}

void
shinsa_utf8_ctype_leave (gpointer token)
{
  Utf8Ctype *t = token;

  if (t == NULL)
    return;
  uselocale (t->previous);
  freelocale (t->loc);
  g_free (t);
}
