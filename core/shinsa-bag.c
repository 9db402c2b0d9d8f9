/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

/* ---- algorithms and path encoding --------------------------------------- */

static const struct {
  const char *name;
  GChecksumType type;
} algorithms[] = {
  { "md5", G_CHECKSUM_MD5 },
  { "sha1", G_CHECKSUM_SHA1 },
  { "sha256", G_CHECKSUM_SHA256 },
  { "sha384", G_CHECKSUM_SHA384 },
  { "sha512", G_CHECKSUM_SHA512 },
};

gboolean
shinsa_bag_algorithm_from_name (const char *name, GChecksumType *out_type)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (algorithms); i++)
    if (strcmp (algorithms[i].name, name) == 0)
      {
        if (out_type != NULL)
          *out_type = algorithms[i].type;
        return TRUE;
      }
  return FALSE;
}

const char *
shinsa_bag_algorithm_to_name (GChecksumType type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (algorithms); i++)
    if (algorithms[i].type == type)
      return algorithms[i].name;
  return NULL;
}

char *
shinsa_bag_encode_path (const char *path)
{
  GString *out;

  g_return_val_if_fail (path != NULL, NULL);

  out = g_string_sized_new (strlen (path));
  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p == '%')
        g_string_append (out, "%25");
      else if (*p == '\n')
        g_string_append (out, "%0A");
      else if (*p == '\r')
        g_string_append (out, "%0D");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
shinsa_bag_decode_path (const char *encoded)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (encoded != NULL, NULL);

  out = g_string_sized_new (strlen (encoded));
  for (const char *p = encoded; *p != '\0'; p++)
    {
      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (g_ascii_strncasecmp (p, "%0A", 3) == 0)
        g_string_append_c (out, '\n');
      else if (g_ascii_strncasecmp (p, "%0D", 3) == 0)
        g_string_append_c (out, '\r');
      else if (strncmp (p, "%25", 3) == 0)
        g_string_append_c (out, '%');
      else
        return NULL;
      p += 2;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- hashing: one read, several digests ---------------------------------- */

#define BLOCK_SIZE (1024 * 1024)
#define N_BLOCKS 4
/* below this a file is hashed on the calling thread alone */
#define THREAD_THRESHOLD (512 * 1024)

typedef struct {
  const guchar *data;
  gsize len;
} Block;

typedef struct {
  GChecksum *sum;
  GAsyncQueue *in;     /* Block*, or &end_marker */
  GAsyncQueue *out;    /* the same Block*, when done with */
  GThread *thread;
} Hasher;

static Block end_marker;

static gpointer
hasher_thread (gpointer data)
{
  Hasher *h = data;

  for (;;)
    {
      Block *b = g_async_queue_pop (h->in);
      if (b == &end_marker)
        break;
      g_checksum_update (h->sum, b->data, b->len);
      g_async_queue_push (h->out, b);
    }
  return NULL;
}

static gboolean
write_all (int fd, const guchar *data, gsize len, const char *path, GError **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);
      if (n < 0)
        {
          int saved_errno = errno;
          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("cannot write '%s': %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
shinsa_bag_hash_file (const char *path,
                      const GChecksumType *types,
                      guint n_types,
                      char **out_hex,
                      const char *copy_to,
                      guint64 *out_size,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr(GChecksum) own = NULL;
  Hasher hashers[8] = { { 0 } };
  guint n_helpers = 0;
  guchar *buffers = NULL;
  Block blocks[N_BLOCKS];
  struct stat st;
  int fd, out_fd = -1;
  guint64 total = 0, issued = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (n_types >= 1 && n_types <= G_N_ELEMENTS (hashers), FALSE);
  g_return_val_if_fail (out_hex != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot read '%s': %s"), path, g_strerror (saved_errno));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("cannot read '%s': not a regular file"), path);
      close (fd);
      return FALSE;
    }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  if (copy_to != NULL)
    {
      out_fd = g_open (copy_to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (out_fd < 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("cannot create '%s': %s"), copy_to, g_strerror (saved_errno));
          close (fd);
          return FALSE;
        }
    }

  own = g_checksum_new (types[0]);
  if (st.st_size >= THREAD_THRESHOLD)
    n_helpers = n_types - 1;
  for (guint i = 0; i < n_helpers; i++)
    {
      hashers[i].sum = g_checksum_new (types[i + 1]);
      hashers[i].in = g_async_queue_new ();
      hashers[i].out = g_async_queue_new ();
      hashers[i].thread = g_thread_new ("shinsa-hash", hasher_thread, &hashers[i]);
    }
  /* small files: the other digests on this thread */
  if (n_helpers == 0)
    for (guint i = 0; i + 1 < n_types; i++)
      hashers[i].sum = g_checksum_new (types[i + 1]);

  buffers = g_malloc (BLOCK_SIZE * (gsize) (n_helpers > 0 ? N_BLOCKS : 1));
  for (;;)
    {
      guint slot = n_helpers > 0 ? issued % N_BLOCKS : 0;
      guchar *buf = buffers + (gsize) slot * BLOCK_SIZE;
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      /* the block last read into this slot must be done with everywhere */
      if (n_helpers > 0 && issued >= N_BLOCKS)
        for (guint i = 0; i < n_helpers; i++)
          g_async_queue_pop (hashers[i].out);

      n = read (fd, buf, BLOCK_SIZE);
      if (n < 0)
        {
          int saved_errno = errno;
          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("cannot read '%s': %s"), path, g_strerror (saved_errno));
          goto out;
        }
      if (n == 0)
        break;
      total += (guint64) n;
      if (n_helpers > 0)
        {
          blocks[slot].data = buf;
          blocks[slot].len = (gsize) n;
          for (guint i = 0; i < n_helpers; i++)
            g_async_queue_push (hashers[i].in, &blocks[slot]);
          issued++;
        }
      else
        for (guint i = 0; i + 1 < n_types; i++)
          g_checksum_update (hashers[i].sum, buf, (gsize) n);
      g_checksum_update (own, buf, (gsize) n);
      if (out_fd >= 0 && !write_all (out_fd, buf, (gsize) n, copy_to, error))
        goto out;
    }
  if (out_fd >= 0 && fsync (out_fd) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot write '%s': %s"), copy_to, g_strerror (saved_errno));
      goto out;
    }
  ok = TRUE;

out:
  for (guint i = 0; i < n_helpers; i++)
    {
      g_async_queue_push (hashers[i].in, &end_marker);
      g_thread_join (hashers[i].thread);
      g_async_queue_unref (hashers[i].in);
      g_async_queue_unref (hashers[i].out);
    }
  if (ok)
    {
      out_hex[0] = g_strdup (g_checksum_get_string (own));
      for (guint i = 0; i + 1 < n_types; i++)
        out_hex[i + 1] = g_strdup (g_checksum_get_string (hashers[i].sum));
      if (out_size != NULL)
        *out_size = total;
    }
  for (guint i = 0; i + 1 < n_types; i++)
    if (hashers[i].sum != NULL)
      g_checksum_free (hashers[i].sum);
  g_free (buffers);
  close (fd);
  if (out_fd >= 0)
    {
      if (close (out_fd) != 0 && ok)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("cannot write '%s': %s"), copy_to, g_strerror (saved_errno));
          ok = FALSE;
          for (guint i = 0; i < n_types; i++)
            g_clear_pointer (&out_hex[i], g_free);
        }
      if (!ok)
        g_unlink (copy_to);
    }
  return ok;
}

/* ---- writing ------------------------------------------------------------ */

typedef struct {
  char *source;
  char *path;        /* under data/, NFC */
} PayloadEntry;

typedef struct {
  char *name;
  GBytes *contents;
} TagEntry;

struct _ShinsaBagWriter {
  GPtrArray *payload;        /* PayloadEntry */
  GHashTable *paths;         /* NFC path → PayloadEntry (borrowed) */
  GPtrArray *tags;           /* TagEntry */
  GPtrArray *info;           /* label, value, label, value… */
};

static void
payload_entry_free (gpointer data)
{
  PayloadEntry *e = data;
  g_free (e->source);
  g_free (e->path);
  g_free (e);
}

static void
tag_entry_free (gpointer data)
{
  TagEntry *e = data;
  g_free (e->name);
  g_bytes_unref (e->contents);
  g_free (e);
}

void
shinsa_bag_summary_clear (ShinsaBagSummary *summary)
{
  g_clear_pointer (&summary->payload_oxum, g_free);
}

ShinsaBagWriter *
shinsa_bag_writer_new (void)
{
  ShinsaBagWriter *w = g_new0 (ShinsaBagWriter, 1);

  w->payload = g_ptr_array_new_with_free_func (payload_entry_free);
  w->paths = g_hash_table_new (g_str_hash, g_str_equal);
  w->tags = g_ptr_array_new_with_free_func (tag_entry_free);
  w->info = g_ptr_array_new_with_free_func (g_free);
  return w;
}

void
shinsa_bag_writer_free (ShinsaBagWriter *writer)
{
  if (writer == NULL)
    return;
  g_hash_table_unref (writer->paths);
  g_ptr_array_unref (writer->payload);
  g_ptr_array_unref (writer->tags);
  g_ptr_array_unref (writer->info);
  g_free (writer);
}

/* a relative path that stays where it is put */
static gboolean
path_is_contained (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path[0] == '\0' || path[0] == '/' || path[0] == '~')
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0 || strcmp (parts[i], "..") == 0)
      return FALSE;
  return TRUE;
}

gboolean
shinsa_bag_writer_add_payload (ShinsaBagWriter *writer,
                               const char *source,
                               const char *bag_path,
                               GError **error)
{
  g_autofree char *nfc = NULL;
  PayloadEntry *e;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (source != NULL && bag_path != NULL, FALSE);

  nfc = shinsa_utf8_nfc (bag_path);
  if (nfc == NULL || !path_is_contained (nfc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("cannot bag '%s': not a plain relative UTF-8 path"), bag_path);
      return FALSE;
    }
  if ((e = g_hash_table_lookup (writer->paths, nfc)) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("cannot bag '%s': its name equals that of '%s' once normalised"),
                   bag_path, e->source);
      return FALSE;
    }
  e = g_new0 (PayloadEntry, 1);
  e->source = g_strdup (source);
  e->path = g_steal_pointer (&nfc);
  g_ptr_array_add (writer->payload, e);
  g_hash_table_insert (writer->paths, e->path, e);
  return TRUE;
}

static gboolean
is_reserved_tag_name (const char *name)
{
  return strcmp (name, "bagit.txt") == 0 || strcmp (name, "bag-info.txt") == 0 ||
         strcmp (name, "fetch.txt") == 0 || strcmp (name, "data") == 0 ||
         g_str_has_prefix (name, "manifest-") || g_str_has_prefix (name, "tagmanifest-");
}

gboolean
shinsa_bag_writer_add_tag_file (ShinsaBagWriter *writer,
                                const char *name,
                                GBytes *contents,
                                GError **error)
{
  TagEntry *e;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (name != NULL && contents != NULL, FALSE);

  if (name[0] == '\0' || name[0] == '.' || strchr (name, '/') != NULL ||
      strchr (name, '\n') != NULL || strchr (name, '\r') != NULL ||
      !g_utf8_validate (name, -1, NULL) || is_reserved_tag_name (name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("cannot add tag file '%s': not a plain name of its own"), name);
      return FALSE;
    }
  for (guint i = 0; i < writer->tags->len; i++)
    if (strcmp (((TagEntry *) g_ptr_array_index (writer->tags, i))->name, name) == 0)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("cannot add tag file '%s' twice"), name);
        return FALSE;
      }
  e = g_new0 (TagEntry, 1);
  e->name = g_strdup (name);
  e->contents = g_bytes_ref (contents);
  g_ptr_array_add (writer->tags, e);
  return TRUE;
}

void
shinsa_bag_writer_add_info (ShinsaBagWriter *writer, const char *label, const char *value)
{
  g_return_if_fail (writer != NULL && label != NULL && value != NULL);
  g_return_if_fail (strchr (label, ':') == NULL && strchr (label, '\n') == NULL);

  g_ptr_array_add (writer->info, g_strdup (label));
  g_ptr_array_add (writer->info, g_strdup (value));
}

static gboolean
write_new_file (const char *path, const char *data, gsize len, GError **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot create '%s': %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  ok = write_all (fd, (const guchar *) data, len, path, error);
  if (ok && fsync (fd) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot write '%s': %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  close (fd);
  return ok;
}

static int
compare_payload (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(PayloadEntry *const *) a)->path, (*(PayloadEntry *const *) b)->path);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* a bag-info.txt value: a line break continues on an indented line */
static void
append_info (GString *out, const char *label, const char *value)
{
  g_string_append_printf (out, "%s: ", label);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\n' || *p == '\r')
        g_string_append (out, "\n  ");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\n');
}

static void
fsync_folder (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
shinsa_bag_writer_write (ShinsaBagWriter *writer,
                         const char *dest,
                         ShinsaBagSummary *summary,
                         GCancellable *cancellable,
                         GError **error)
{
  static const GChecksumType types[2] = { G_CHECKSUM_SHA256, G_CHECKSUM_SHA512 };
  g_autoptr(GString) man256 = g_string_new (NULL);
  g_autoptr(GString) man512 = g_string_new (NULL);
  g_autoptr(GString) info = g_string_new (NULL);
  g_autoptr(GPtrArray) tag_names = g_ptr_array_new ();
  g_autoptr(GString) tag256 = g_string_new (NULL);
  g_autoptr(GString) tag512 = g_string_new (NULL);
  g_autofree char *data_dir = NULL;
  g_autofree char *oxum = NULL;
  guint64 bytes = 0;
  static const char bagit[] = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

  g_return_val_if_fail (writer != NULL && dest != NULL, FALSE);

  if (g_mkdir (dest, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot create folder '%s': %s"), dest, g_strerror (saved_errno));
      return FALSE;
    }
  data_dir = g_build_filename (dest, "data", NULL);
  if (g_mkdir (data_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot create folder '%s': %s"), data_dir, g_strerror (saved_errno));
      goto failed;
    }

  g_ptr_array_sort (writer->payload, compare_payload);
  for (guint i = 0; i < writer->payload->len; i++)
    {
      PayloadEntry *e = g_ptr_array_index (writer->payload, i);
      g_autofree char *target = g_build_filename (data_dir, e->path, NULL);
      g_autofree char *parent = g_path_get_dirname (target);
      g_autofree char *encoded = NULL;
      char *hex[2] = { NULL, NULL };
      guint64 size = 0;

      if (!shinsa_mkdir_private (parent, error))
        goto failed;
      if (!shinsa_bag_hash_file (e->source, types, 2, hex, target, &size, cancellable, error))
        goto failed;
      encoded = shinsa_bag_encode_path (e->path);
      g_string_append_printf (man256, "%s  data/%s\n", hex[0], encoded);
      g_string_append_printf (man512, "%s  data/%s\n", hex[1], encoded);
      g_free (hex[0]);
      g_free (hex[1]);
      bytes += size;
    }
  oxum = g_strdup_printf ("%" G_GUINT64_FORMAT ".%u", bytes, writer->payload->len);

  for (guint i = 0; i + 1 < writer->info->len; i += 2)
    append_info (info, g_ptr_array_index (writer->info, i), g_ptr_array_index (writer->info, i + 1));
  append_info (info, "Payload-Oxum", oxum);

  {
    const struct {
      const char *name;
      const char *data;
      gsize len;
    } fixed[] = {
      { "bagit.txt", bagit, sizeof bagit - 1 },
      { "manifest-sha256.txt", man256->str, man256->len },
      { "manifest-sha512.txt", man512->str, man512->len },
      { "bag-info.txt", info->str, info->len },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
      {
        g_autofree char *path = g_build_filename (dest, fixed[i].name, NULL);
        if (!write_new_file (path, fixed[i].data, fixed[i].len, error))
          goto failed;
        g_ptr_array_add (tag_names, (gpointer) fixed[i].name);
      }
  }
  for (guint i = 0; i < writer->tags->len; i++)
    {
      TagEntry *e = g_ptr_array_index (writer->tags, i);
      g_autofree char *path = g_build_filename (dest, e->name, NULL);
      gsize len;
      const char *data = g_bytes_get_data (e->contents, &len);

      if (!write_new_file (path, data != NULL ? data : "", len, error))
        goto failed;
      g_ptr_array_add (tag_names, e->name);
    }

  g_ptr_array_sort (tag_names, compare_strings);
  for (guint i = 0; i < tag_names->len; i++)
    {
      const char *name = g_ptr_array_index (tag_names, i);
      g_autofree char *path = g_build_filename (dest, name, NULL);
      g_autofree char *encoded = shinsa_bag_encode_path (name);
      char *hex[2] = { NULL, NULL };

      if (!shinsa_bag_hash_file (path, types, 2, hex, NULL, NULL, cancellable, error))
        goto failed;
      g_string_append_printf (tag256, "%s  %s\n", hex[0], encoded);
      g_string_append_printf (tag512, "%s  %s\n", hex[1], encoded);
      g_free (hex[0]);
      g_free (hex[1]);
    }
  {
    g_autofree char *p256 = g_build_filename (dest, "tagmanifest-sha256.txt", NULL);
    g_autofree char *p512 = g_build_filename (dest, "tagmanifest-sha512.txt", NULL);
    if (!write_new_file (p256, tag256->str, tag256->len, error) ||
        !write_new_file (p512, tag512->str, tag512->len, error))
      goto failed;
  }
  fsync_folder (data_dir);
  fsync_folder (dest);

  if (summary != NULL)
    {
      summary->files = writer->payload->len;
      summary->bytes = bytes;
      summary->payload_oxum = g_steal_pointer (&oxum);
    }
  return TRUE;

failed:
  shinsa_remove_tree (dest, NULL);
  return FALSE;
}

/* ---- verifying ---------------------------------------------------------- */

typedef struct {
  guint64 size;
  gboolean payload;
  gboolean present;
  /* one per manifest: expected hex or NULL (not listed) */
  GPtrArray *expected;         /* char*, indexed like Verify.manifests */
} DiskFile;

typedef struct {
  char *name;
  gboolean tag;
  gboolean known;
  GChecksumType type;
} Manifest;

typedef struct {
  char *root;
  ShinsaBagReport *report;
  int major, minor;
  char *encoding;
  GHashTable *files;            /* path on disk → DiskFile */
  GHashTable *nfc;              /* NFC path → path on disk (NULL value when ambiguous) */
  GHashTable *casefold;         /* case-folded NFC path → path on disk */
  GHashTable *fetch;            /* path as listed → TRUE */
  GPtrArray *manifests;         /* Manifest */
  GHashTable *missing_said;     /* path → TRUE: already reported missing */
  GCancellable *cancellable;
} Verify;

static void
problem_free (gpointer data)
{
  ShinsaBagProblem *p = data;
  g_free (p->file);
  g_free (p->message);
  g_free (p);
}

void
shinsa_bag_report_free (ShinsaBagReport *report)
{
  if (report == NULL)
    return;
  g_free (report->version);
  g_ptr_array_unref (report->problems);
  g_free (report);
}

guint
shinsa_bag_report_count (const ShinsaBagReport *report, ShinsaBagProblemLevel level)
{
  guint n = 0;

  g_return_val_if_fail (report != NULL, 0);
  for (guint i = 0; i < report->problems->len; i++)
    if (((ShinsaBagProblem *) g_ptr_array_index (report->problems, i))->level == level)
      n++;
  return n;
}

gboolean
shinsa_bag_report_is_valid (const ShinsaBagReport *report)
{
  return shinsa_bag_report_count (report, SHINSA_BAG_PROBLEM_ERROR) == 0;
}

static void problem (Verify *v, ShinsaBagProblemLevel level, const char *file,
                     const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
problem (Verify *v, ShinsaBagProblemLevel level, const char *file, const char *format, ...)
{
  ShinsaBagProblem *p = g_new0 (ShinsaBagProblem, 1);
  va_list args;

  va_start (args, format);
  p->level = level;
  p->file = g_strdup (file != NULL ? file : ".");
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (v->report->problems, p);
}

#define ERR(v, file, ...) problem ((v), SHINSA_BAG_PROBLEM_ERROR, (file), __VA_ARGS__)
#define WARN(v, file, ...) problem ((v), SHINSA_BAG_PROBLEM_WARNING, (file), __VA_ARGS__)

static void
disk_file_free (gpointer data)
{
  DiskFile *f = data;
  g_ptr_array_unref (f->expected);
  g_free (f);
}

static gboolean
version_at_least (Verify *v, int major, int minor)
{
  return v->major > major || (v->major == major && v->minor >= minor);
}

/* splits at LF, CR or CRLF; a final terminator does not make an empty line */
static GPtrArray *
split_lines (const char *text, gsize len, gboolean *out_terminated)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  gsize start = 0, i = 0;

  while (i < len)
    {
      if (text[i] == '\n' || text[i] == '\r')
        {
          g_ptr_array_add (lines, g_strndup (text + start, i - start));
          if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
            i++;
          start = ++i;
        }
      else
        i++;
    }
  if (out_terminated != NULL)
    *out_terminated = (start == len);
  if (start < len)
    g_ptr_array_add (lines, g_strndup (text + start, len - start));
  return lines;
}

static void
walk (Verify *v, const char *rel, guint depth)
{
  g_autofree char *dir_path = rel[0] != '\0' ? g_build_filename (v->root, rel, NULL) : g_strdup (v->root);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      ERR (v, rel[0] != '\0' ? rel : ".", "cannot read folder: %s", error->message);
      return;
    }
  if (depth > 256)
    {
      ERR (v, rel, "folders nested too deep");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* byte order: the same bag reports the same problems in the same order */
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *child = rel[0] != '\0' ? g_strconcat (rel, "/", entry, NULL) : g_strdup (entry);
      g_autofree char *full = g_build_filename (v->root, child, NULL);
      GStatBuf st;

      if (g_lstat (full, &st) != 0)
        {
          ERR (v, child, "cannot stat: %s", g_strerror (errno));
          continue;
        }
      if (S_ISLNK (st.st_mode))
        ERR (v, child, "symbolic link in the bag: its target may lie outside the bag");
      else if (S_ISDIR (st.st_mode))
        walk (v, child, depth + 1);
      else if (!S_ISREG (st.st_mode))
        ERR (v, child, "not a regular file");
      else
        {
          DiskFile *f = g_new0 (DiskFile, 1);
          g_autofree char *nfc = shinsa_utf8_nfc (child);

          f->size = (guint64) st.st_size;
          f->payload = g_str_has_prefix (child, "data/");
          f->present = TRUE;
          f->expected = g_ptr_array_new_with_free_func (g_free);
          if (nfc != NULL)
            {
              gpointer other;
              if (g_hash_table_lookup_extended (v->nfc, nfc, NULL, &other))
                {
                  ERR (v, child, "name equals that of '%s' after Unicode normalisation",
                       other != NULL ? (const char *) other : nfc);
                  if (other != NULL)
                    ERR (v, other, "name equals that of '%s' after Unicode normalisation", child);
                  g_hash_table_replace (v->nfc, g_strdup (nfc), NULL);
                }
              else
                g_hash_table_insert (v->nfc, g_strdup (nfc), g_strdup (child));
            }
          else
            WARN (v, child, "file name is not UTF-8");
          if (nfc != NULL)
            {
              g_autofree char *folded = g_utf8_casefold (nfc, -1);
              const char *other = g_hash_table_lookup (v->casefold, folded);
              if (other != NULL)
                WARN (v, child, "name differs from '%s' only in case: one file on a "
                      "case-insensitive file system", other);
              else
                g_hash_table_insert (v->casefold, g_steal_pointer (&folded), g_strdup (child));
            }
          g_hash_table_insert (v->files, g_steal_pointer (&child), f);
        }
    }
}

/* bytes of a tag file, converted to UTF-8 from the declared encoding;
 * NULL when absent (and @required says so) or unreadable */
static char *
read_tag_file (Verify *v, const char *name, gboolean required, gsize *out_len)
{
  g_autofree char *path = g_build_filename (v->root, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  gsize len;

  if (!g_file_get_contents (path, &raw, &len, &error))
    {
      if (required || !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        ERR (v, name, "cannot read: %s", error->message);
      return NULL;
    }
  if (g_ascii_strcasecmp (v->encoding, "UTF-8") == 0 || g_ascii_strcasecmp (v->encoding, "UTF8") == 0)
    {
      if (!g_utf8_validate_len (raw, len, NULL))
        {
          ERR (v, name, "not valid UTF-8, the declared Tag-File-Character-Encoding");
          return NULL;
        }
      if (len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0)
        {
          WARN (v, name, "starts with a byte-order mark");
          memmove (raw, raw + 3, len - 3);
          len -= 3;
          raw[len] = '\0';
        }
      *out_len = len;
      return g_steal_pointer (&raw);
    }
  else
    {
      gsize written = 0;
      char *utf8 = g_convert (raw, len, "UTF-8", v->encoding, NULL, &written, &error);
      if (utf8 == NULL)
        {
          ERR (v, name, "not in the declared Tag-File-Character-Encoding '%s': %s",
               v->encoding, error->message);
          return NULL;
        }
      if (written >= 3 && memcmp (utf8, "\xEF\xBB\xBF", 3) == 0)
        {
          memmove (utf8, utf8 + 3, written - 3);
          written -= 3;
          utf8[written] = '\0';
        }
      *out_len = written;
      return utf8;
    }
}

static gboolean
check_bagit_txt (Verify *v)
{
  g_autofree char *path = g_build_filename (v->root, "bagit.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *raw = NULL;
  gboolean terminated;
  gsize len;
  int major, minor;
  char tail;

  v->major = 1;
  v->minor = 0;
  v->encoding = g_strdup ("UTF-8");
  if (!g_file_get_contents (path, &raw, &len, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        ERR (v, "bagit.txt", "missing: a bag must have a bag declaration");
      else
        ERR (v, "bagit.txt", "cannot read: %s", error->message);
      return FALSE;
    }
  if (len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0)
    {
      ERR (v, "bagit.txt", "starts with a byte-order mark, which the bag declaration must not have");
      return FALSE;
    }
  if (!g_utf8_validate_len (raw, len, NULL))
    {
      ERR (v, "bagit.txt", "not UTF-8");
      return FALSE;
    }
  lines = split_lines (raw, len, &terminated);
  if (lines->len != 2)
    {
      ERR (v, "bagit.txt", "has %u lines; the bag declaration is exactly two: "
           "'BagIt-Version: M.N' and 'Tag-File-Character-Encoding: ENCODING'", lines->len);
      if (lines->len < 2)
        return FALSE;
    }
  else if (!terminated)
    WARN (v, "bagit.txt", "last line has no line ending");

  if (sscanf (g_ptr_array_index (lines, 0), "BagIt-Version: %d.%d%c", &major, &minor, &tail) != 2 ||
      !g_str_has_prefix (g_ptr_array_index (lines, 0), "BagIt-Version: ") ||
      !g_ascii_isdigit (((const char *) g_ptr_array_index (lines, 0))[15]))
    {
      ERR (v, "bagit.txt", "first line '%s' is not 'BagIt-Version: M.N'",
           (const char *) g_ptr_array_index (lines, 0));
      return FALSE;
    }
  {
    g_autofree char *expect = g_strdup_printf ("BagIt-Version: %d.%d", major, minor);
    const char *line = g_ptr_array_index (lines, 0);
    /* "0.97" and "1.0" exactly: no sign, no spaces, no padding */
    if (strcmp (expect, line) != 0)
      {
        ERR (v, "bagit.txt", "first line '%s' is not 'BagIt-Version: M.N'", line);
        return FALSE;
      }
  }
  v->report->version = g_strdup_printf ("%d.%d", major, minor);
  if (!((major == 1 && minor == 0) || (major == 0 && minor >= 93 && minor <= 97)))
    {
      ERR (v, "bagit.txt", "BagIt-Version %d.%d is not one this verifier knows (0.93–1.0)", major, minor);
      return FALSE;
    }
  v->major = major;
  v->minor = minor;

  {
    const char *line = g_ptr_array_index (lines, 1);
    const char *value;
    GIConv cd;

    if (!g_str_has_prefix (line, "Tag-File-Character-Encoding: "))
      {
        ERR (v, "bagit.txt", "second line '%s' is not 'Tag-File-Character-Encoding: ENCODING'", line);
        return FALSE;
      }
    value = line + strlen ("Tag-File-Character-Encoding: ");
    if (value[0] == '\0' || g_ascii_isspace (value[0]) || g_ascii_isspace (value[strlen (value) - 1]))
      {
        ERR (v, "bagit.txt", "Tag-File-Character-Encoding '%s' is not an encoding name", value);
        return FALSE;
      }
    cd = g_iconv_open ("UTF-8", value);
    if (cd == (GIConv) -1)
      {
        ERR (v, "bagit.txt", "Tag-File-Character-Encoding '%s' is not an encoding known here", value);
        return FALSE;
      }
    g_iconv_close (cd);
    g_free (v->encoding);
    v->encoding = g_strdup (value);
    if (g_ascii_strcasecmp (value, "UTF-8") != 0)
      WARN (v, "bagit.txt", "Tag-File-Character-Encoding is '%s'; UTF-8 is recommended", value);
  }
  return TRUE;
}

/* a path from a manifest or fetch.txt that would leave the bag */
static gboolean
path_escapes (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path[0] == '/' || path[0] == '\\' || path[0] == '~')
    return TRUE;
  if (g_ascii_isalpha (path[0]) && path[1] == ':')
    return TRUE;
  parts = g_strsplit_set (path, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      return TRUE;
  return FALSE;
}

/* the file a listed path names on disk, or NULL */
static const char *
resolve (Verify *v, const char *file, const char *listed)
{
  g_autofree char *nfc = NULL;
  gpointer found;

  if (g_hash_table_lookup_extended (v->files, listed, &found, NULL))
    return found;
  nfc = shinsa_utf8_nfc (listed);
  if (nfc != NULL && g_hash_table_lookup_extended (v->nfc, nfc, NULL, &found) && found != NULL)
    {
      WARN (v, file, "'%s' is on disk as '%s', equal only after Unicode normalisation",
            listed, (const char *) found);
      return found;
    }
  return NULL;
}

static gboolean
is_hex (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

static void
set_expected (DiskFile *f, guint index, const char *hex)
{
  while (f->expected->len <= index)
    g_ptr_array_add (f->expected, NULL);
  g_free (g_ptr_array_index (f->expected, index));
  g_ptr_array_index (f->expected, index) = g_ascii_strdown (hex, -1);
}

static void
read_manifest (Verify *v, guint index)
{
  Manifest *m = g_ptr_array_index (v->manifests, index);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  gsize len, hex_len = 0;

  text = read_tag_file (v, m->name, TRUE, &len);
  if (text == NULL)
    return;
  if (m->known)
    hex_len = (gsize) g_checksum_type_get_length (m->type) * 2;
  lines = split_lines (text, len, NULL);
  for (guint n = 0; n < lines->len; n++)
    {
      const char *line = g_ptr_array_index (lines, n);
      const char *sep = line + strcspn (line, " \t");
      const char *p = sep;
      g_autofree char *checksum = NULL;
      g_autofree char *listed = NULL;
      const char *on_disk;
      DiskFile *f;

      if (line[0] == '\0')
        {
          WARN (v, m->name, "line %u is empty", n + 1);
          continue;
        }
      while (*p == ' ' || *p == '\t')
        p++;
      if (sep == line || *sep == '\0' || *p == '\0')
        {
          ERR (v, m->name, "line %u is not 'CHECKSUM FILEPATH' separated by white space", n + 1);
          continue;
        }
      checksum = g_strndup (line, sep - line);
      if (!is_hex (checksum, strlen (checksum)) || (hex_len != 0 && strlen (checksum) != hex_len))
        {
          ERR (v, m->name, "line %u: '%s' is not a hexadecimal %s checksum", n + 1, checksum,
               m->name + strcspn (m->name, "-") + 1);
          continue;
        }
      if (version_at_least (v, 1, 0))
        {
          listed = shinsa_bag_decode_path (p);
          if (listed == NULL)
            {
              ERR (v, m->name, "line %u: bad percent-encoding in '%s' (only %%0A, %%0D and %%25 may appear)",
                   n + 1, p);
              continue;
            }
        }
      else
        listed = g_strdup (p);
      if (path_escapes (listed))
        {
          ERR (v, m->name, "line %u: path '%s' escapes the bag", n + 1, listed);
          continue;
        }
      if (!m->tag && !g_str_has_prefix (listed, "data/"))
        {
          ERR (v, m->name, "line %u: payload manifest lists '%s', outside data/", n + 1, listed);
          continue;
        }
      if (m->tag && g_str_has_prefix (listed, "data/"))
        {
          ERR (v, m->name, "line %u: tag manifest lists payload file '%s'", n + 1, listed);
          continue;
        }
      if (g_hash_table_contains (seen, listed))
        {
          ERR (v, m->name, "line %u: '%s' is listed more than once", n + 1, listed);
          continue;
        }
      g_hash_table_add (seen, g_strdup (listed));

      on_disk = resolve (v, m->name, listed);
      if (on_disk == NULL)
        {
          if (g_hash_table_contains (v->fetch, listed))
            {
              if (!g_hash_table_contains (v->missing_said, listed))
                ERR (v, listed, "listed in fetch.txt and not present: the bag is incomplete");
            }
          else
            ERR (v, listed, "listed in %s but missing", m->name);
          g_hash_table_add (v->missing_said, g_strdup (listed));
          continue;
        }
      if (g_hash_table_contains (seen, on_disk) && strcmp (on_disk, listed) != 0)
        {
          /* one file listed under two normalisations of its name: a
           * filesystem that normalises would see one line twice */
          WARN (v, m->name, "line %u: '%s' names '%s' a second time, in another Unicode normalisation",
                n + 1, listed, on_disk);
          continue;
        }
      g_hash_table_add (seen, g_strdup (on_disk));
      f = g_hash_table_lookup (v->files, on_disk);
      set_expected (f, index, checksum);
    }
}

static void
read_bag_info (Verify *v)
{
  static const char *const single[] = {
    "Bagging-Date", "Bag-Size", "Payload-Oxum", "Bag-Group-Identifier", "Bag-Count", NULL
  };
  const char *name = version_at_least (v, 0, 95) ? "bag-info.txt" : "package-info.txt";
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  gsize len;

  text = read_tag_file (v, name, FALSE, &len);
  if (text == NULL)
    return;
  lines = split_lines (text, len, NULL);
  for (guint n = 0; n < lines->len; n++)
    {
      const char *line = g_ptr_array_index (lines, n);
      const char *colon;

      if (line[0] == ' ' || line[0] == '\t')
        {
          if (values->len == 0)
            ERR (v, name, "line %u continues no element", n + 1);
          else
            {
              g_autofree char *rest = g_strstrip (g_strdup (line));
              char *joined = g_strconcat (g_ptr_array_index (values, values->len - 1), " ", rest, NULL);
              g_free (g_ptr_array_index (values, values->len - 1));
              g_ptr_array_index (values, values->len - 1) = joined;
            }
          continue;
        }
      if (line[0] == '\0')
        {
          WARN (v, name, "line %u is empty", n + 1);
          continue;
        }
      colon = strchr (line, ':');
      if (colon == NULL || colon == line)
        {
          ERR (v, name, "line %u is not 'LABEL: VALUE'", n + 1);
          continue;
        }
      if (g_ascii_isspace (colon[-1]))
        {
          ERR (v, name, "line %u: label ends in white space", n + 1);
          continue;
        }
      if (colon[1] != '\0' && colon[1] != ' ' && colon[1] != '\t')
        {
          ERR (v, name, "line %u: no white space after the colon", n + 1);
          continue;
        }
      if (colon[1] == '\0')
        WARN (v, name, "line %u: element '%.*s' has no value", n + 1, (int) (colon - line), line);
      g_ptr_array_add (labels, g_strndup (line, colon - line));
      g_ptr_array_add (values, g_strdup (colon[1] != '\0' ? colon + 2 : ""));
    }

  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);
      const char *value = g_ptr_array_index (values, i);

      for (guint j = 0; single[j] != NULL; j++)
        if (g_ascii_strcasecmp (label, single[j]) == 0)
          for (guint k = 0; k < i; k++)
            if (g_ascii_strcasecmp (g_ptr_array_index (labels, k), label) == 0)
              {
                /* two different counts of one payload cannot both be right */
                if (strcmp (g_ptr_array_index (values, k), value) != 0 &&
                    g_ascii_strcasecmp (label, "Payload-Oxum") == 0)
                  ERR (v, name, "'%s' appears more than once, with different values", label);
                else
                  WARN (v, name, "'%s' appears more than once", label);
                break;
              }

      if (g_ascii_strcasecmp (label, "Payload-Oxum") == 0)
        {
          guint64 octets, streams;
          char *end;

          if (!g_ascii_isdigit (value[0]))
            goto bad_oxum;
          octets = g_ascii_strtoull (value, &end, 10);
          if (*end != '.' || !g_ascii_isdigit (end[1]))
            goto bad_oxum;
          streams = g_ascii_strtoull (end + 1, &end, 10);
          if (*end != '\0')
            goto bad_oxum;
          if (octets != v->report->payload_bytes || streams != v->report->payload_files)
            ERR (v, name, "Payload-Oxum %s does not match the payload: %" G_GUINT64_FORMAT
                 " octets in %" G_GUINT64_FORMAT " files", value, v->report->payload_bytes,
                 v->report->payload_files);
          continue;
        bad_oxum:
          ERR (v, name, "Payload-Oxum '%s' is not OCTETCOUNT.STREAMCOUNT", value);
        }
      else if (g_ascii_strcasecmp (label, "Bagging-Date") == 0)
        {
          int y, m, d;
          char tail;
          if (strlen (value) != 10 || sscanf (value, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
            WARN (v, name, "Bagging-Date '%s' is not YYYY-MM-DD", value);
        }
      else if (g_ascii_strcasecmp (label, "Bag-Count") == 0)
        {
          guint a, b;
          char tail;
          if (sscanf (value, "%u of %u%c", &a, &b, &tail) != 2 &&
              !(sscanf (value, "%u of ?%c", &a, &tail) == 1 && g_str_has_suffix (value, " of ?")))
            WARN (v, name, "Bag-Count '%s' is not 'N of T'", value);
        }
    }
}

static void
read_fetch (Verify *v)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *text = NULL;
  gsize len;

  text = read_tag_file (v, "fetch.txt", FALSE, &len);
  if (text == NULL)
    return;
  lines = split_lines (text, len, NULL);
  for (guint n = 0; n < lines->len; n++)
    {
      const char *line = g_ptr_array_index (lines, n);
      g_auto(GStrv) parts = NULL;
      g_autofree char *listed = NULL;
      const char *p = line;
      const char *url_end, *len_start, *len_end;
      g_autofree char *url = NULL;
      g_autofree char *length = NULL;

      if (line[0] == '\0')
        {
          WARN (v, "fetch.txt", "line %u is empty", n + 1);
          continue;
        }
      url_end = p + strcspn (p, " \t");
      len_start = url_end + strspn (url_end, " \t");
      len_end = len_start + strcspn (len_start, " \t");
      p = len_end + strspn (len_end, " \t");
      if (url_end == line || len_start == url_end || len_end == len_start || p == len_end || *p == '\0')
        {
          ERR (v, "fetch.txt", "line %u is not 'URL LENGTH FILEPATH'", n + 1);
          continue;
        }
      url = g_strndup (line, url_end - line);
      length = g_strndup (len_start, len_end - len_start);
      if (g_uri_peek_scheme (url) == NULL)
        ERR (v, "fetch.txt", "line %u: '%s' is not an absolute URL", n + 1, url);
      if (strcmp (length, "-") != 0 && strspn (length, "0123456789") != strlen (length))
        ERR (v, "fetch.txt", "line %u: length '%s' is neither a number nor '-'", n + 1, length);
      listed = version_at_least (v, 1, 0) ? shinsa_bag_decode_path (p) : g_strdup (p);
      if (listed == NULL)
        {
          ERR (v, "fetch.txt", "line %u: bad percent-encoding in '%s'", n + 1, p);
          continue;
        }
      if (path_escapes (listed))
        {
          ERR (v, "fetch.txt", "line %u: path '%s' escapes the bag", n + 1, listed);
          continue;
        }
      if (!g_str_has_prefix (listed, "data/"))
        {
          if (version_at_least (v, 1, 0))
            ERR (v, "fetch.txt", "line %u: '%s' is outside data/; only payload files may be fetched",
                 n + 1, listed);
          else
            WARN (v, "fetch.txt", "line %u: '%s' is outside data/", n + 1, listed);
          continue;
        }
      if (strcmp (length, "-") != 0)
        {
          g_autofree char *full = g_build_filename (v->root, listed, NULL);
          GStatBuf st;
          if (g_lstat (full, &st) == 0 && S_ISREG (st.st_mode) &&
              (guint64) st.st_size != g_ascii_strtoull (length, NULL, 10))
            WARN (v, "fetch.txt", "line %u: length %s, but '%s' has %" G_GUINT64_FORMAT " octets",
                  n + 1, length, listed, (guint64) st.st_size);
        }
      g_hash_table_add (v->fetch, g_steal_pointer (&listed));
    }
}

static void
find_manifests (Verify *v)
{
  g_autoptr(GDir) dir = g_dir_open (v->root, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if ((g_str_has_prefix (name, "manifest-") || g_str_has_prefix (name, "tagmanifest-")) &&
        g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      gboolean tag = g_str_has_prefix (n, "tag");
      const char *alg_start = n + (tag ? strlen ("tagmanifest-") : strlen ("manifest-"));
      g_autofree char *alg = g_strndup (alg_start, strlen (alg_start) - 4);
      DiskFile *f = g_hash_table_lookup (v->files, n);
      Manifest *m;

      if (f == NULL)
        continue;             /* a folder or a link: said by the walk */
      m = g_new0 (Manifest, 1);
      m->name = g_strdup (n);
      m->tag = tag;
      m->known = shinsa_bag_algorithm_from_name (alg, &m->type);
      if (!m->known)
        WARN (v, n, "algorithm '%s' is not one this verifier can check (md5, sha1, sha256, sha384, sha512)", alg);
      g_ptr_array_add (v->manifests, m);
    }
}

static void
manifest_free (gpointer data)
{
  Manifest *m = data;
  g_free (m->name);
  g_free (m);
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* (transfer container): the paths of the files found, byte-ordered */
static GPtrArray *
sorted_paths (Verify *v)
{
  GPtrArray *paths = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, v->files);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (paths, key);
  g_ptr_array_sort (paths, compare_keys);
  return paths;
}

static void
check_completeness (Verify *v)
{
  g_autoptr(GPtrArray) paths = sorted_paths (v);
  guint n_payload_manifests = 0, n_known_payload = 0;

  for (guint i = 0; i < v->manifests->len; i++)
    {
      Manifest *m = g_ptr_array_index (v->manifests, i);
      if (!m->tag)
        {
          n_payload_manifests++;
          if (m->known)
            n_known_payload++;
        }
    }
  if (n_payload_manifests == 0)
    ERR (v, ".", "no payload manifest (manifest-ALGORITHM.txt)");
  else if (n_known_payload == 0)
    ERR (v, ".", "no payload manifest in an algorithm this verifier can check");

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      DiskFile *f = g_hash_table_lookup (v->files, path);
      guint listed_in = 0;
      gboolean is_tag_manifest = g_str_has_prefix (path, "tagmanifest-") && strchr (path, '/') == NULL;

      for (guint j = 0; j < v->manifests->len; j++)
        {
          Manifest *m = g_ptr_array_index (v->manifests, j);
          gboolean listed = j < f->expected->len && g_ptr_array_index (f->expected, j) != NULL;

          if (m->tag != !f->payload)
            continue;
          if (listed)
            {
              listed_in++;
              continue;
            }
          if (f->payload && version_at_least (v, 1, 0))
            ERR (v, path, "payload file not listed in %s", m->name);
          else if (f->payload)
            WARN (v, path, "payload file not listed in %s", m->name);
          else if (!is_tag_manifest)
            WARN (v, path, "tag file not listed in %s", m->name);
        }
      if (f->payload && !version_at_least (v, 1, 0) && listed_in == 0 && n_payload_manifests > 0)
        ERR (v, path, "payload file not listed in any payload manifest");
    }

  /* every fetched file must be present and in every payload manifest */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, v->fetch);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        const char *listed = key;
        const char *on_disk = resolve (v, "fetch.txt", listed);
        DiskFile *f = on_disk != NULL ? g_hash_table_lookup (v->files, on_disk) : NULL;

        if (f == NULL)
          {
            if (!g_hash_table_contains (v->missing_said, listed))
              ERR (v, listed, "listed in fetch.txt and not present: the bag is incomplete");
            continue;
          }
        for (guint j = 0; j < v->manifests->len; j++)
          {
            Manifest *m = g_ptr_array_index (v->manifests, j);
            if (!m->tag && (j >= f->expected->len || g_ptr_array_index (f->expected, j) == NULL))
              ERR (v, "fetch.txt", "'%s' is not listed in %s", listed, m->name);
          }
      }
  }
}

static void
check_checksums (Verify *v)
{
  g_autoptr(GPtrArray) paths = sorted_paths (v);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      DiskFile *f = g_hash_table_lookup (v->files, path);
      g_autofree char *full = NULL;
      g_autoptr(GError) error = NULL;
      GChecksumType types[8];
      char *hex[8] = { NULL, };
      guint n_types = 0;

      for (guint j = 0; j < f->expected->len; j++)
        {
          Manifest *m = g_ptr_array_index (v->manifests, j);
          gboolean have = FALSE;

          if (g_ptr_array_index (f->expected, j) == NULL || !m->known)
            continue;
          for (guint k = 0; k < n_types; k++)
            have |= types[k] == m->type;
          if (!have && n_types < G_N_ELEMENTS (types))
            types[n_types++] = m->type;
        }
      if (n_types == 0)
        continue;
      full = g_build_filename (v->root, path, NULL);
      if (!shinsa_bag_hash_file (full, types, n_types, hex, NULL, NULL, v->cancellable, &error))
        {
          ERR (v, path, "cannot read: %s", error->message);
          continue;
        }
      for (guint j = 0; j < f->expected->len; j++)
        {
          Manifest *m = g_ptr_array_index (v->manifests, j);
          const char *want = g_ptr_array_index (f->expected, j);

          if (want == NULL || !m->known)
            continue;
          for (guint k = 0; k < n_types; k++)
            if (types[k] == m->type && strcmp (hex[k], want) != 0)
              ERR (v, path, "checksum mismatch: %s says %s, the file has %s", m->name, want, hex[k]);
        }
      for (guint k = 0; k < n_types; k++)
        g_free (hex[k]);
    }
}

static void
verify_folder (Verify *v)
{
  g_autofree char *data = g_build_filename (v->root, "data", NULL);
  GStatBuf st;
  GHashTableIter iter;
  gpointer value;

  /* without a readable declaration the rest is read as a 1.0 bag in UTF-8,
   * to say what else is wrong */
  check_bagit_txt (v);
  if (g_lstat (data, &st) != 0 || !S_ISDIR (st.st_mode))
    ERR (v, "data", "the payload folder data/ is missing");

  walk (v, "", 0);
  g_hash_table_iter_init (&iter, v->files);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DiskFile *f = value;
      if (f->payload)
        {
          v->report->payload_files++;
          v->report->payload_bytes += f->size;
        }
    }

  read_fetch (v);
  find_manifests (v);
  for (guint i = 0; i < v->manifests->len; i++)
    read_manifest (v, i);
  check_completeness (v);
  read_bag_info (v);
  check_checksums (v);
}

/* ---- serialised bags ------------------------------------------------------ */

static gboolean
entry_escapes (const char *name)
{
  return name[0] == '\0' || path_escapes (name);
}

/* unpacks @path into @dest, refusing entries that would escape or are not
 * plain files and folders (each a problem of the bag) */
static gboolean
unpack (Verify *v, const char *path, const char *dest, GError **error)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  gboolean ok = FALSE;
  gpointer utf8 = shinsa_utf8_ctype_enter ();
  int r;

  archive_read_support_format_zip (a);
  archive_read_support_format_tar (a);
  archive_read_support_format_gnutar (a);
  archive_read_support_filter_all (a);
  if (archive_read_open_filename (a, path, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot read '%s': %s"), path,
                   archive_error_string (a));
      goto out;
    }
  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      g_autofree char *clean = NULL;
      g_autofree char *target = NULL;
      mode_t type = archive_entry_filetype (entry);

      if (name == NULL)
        name = archive_entry_pathname (entry);
      if (name == NULL || entry_escapes (name))
        {
          ERR (v, name != NULL ? name : "?", "archive entry escapes the bag; not unpacked");
          continue;
        }
      clean = g_strdup (name);
      while (g_str_has_prefix (clean, "./"))
        memmove (clean, clean + 2, strlen (clean + 2) + 1);
      if (g_str_has_suffix (clean, "/"))
        clean[strlen (clean) - 1] = '\0';
      if (clean[0] == '\0')
        continue;
      target = g_build_filename (dest, clean, NULL);
      if (type == AE_IFDIR)
        {
          if (!shinsa_mkdir_private (target, error))
            goto out;
          continue;
        }
      if (type != AE_IFREG)
        {
          ERR (v, clean, "archive entry is not a plain file (a link or device); not unpacked");
          continue;
        }
      {
        g_autofree char *parent = g_path_get_dirname (target);
        int fd;
        const void *buf;
        size_t size;
        la_int64_t offset;

        if (!shinsa_mkdir_private (parent, error))
          goto out;
        fd = g_open (target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0)
          {
            ERR (v, clean, "archive entry appears twice or cannot be written: %s", g_strerror (errno));
            continue;
          }
        while ((r = archive_read_data_block (a, &buf, &size, &offset)) == ARCHIVE_OK)
          {
            if (lseek (fd, offset, SEEK_SET) < 0 || !write_all (fd, buf, size, target, error))
              {
                close (fd);
                goto out;
              }
          }
        close (fd);
        if (r != ARCHIVE_EOF)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot read '%s': %s"), path,
                         archive_error_string (a));
            goto out;
          }
      }
    }
  if (r != ARCHIVE_EOF)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot read '%s': %s"), path,
                   archive_error_string (a));
      goto out;
    }
  ok = TRUE;

out:
  archive_read_free (a);
  shinsa_utf8_ctype_leave (utf8);
  return ok;
}

/* the base folder of an unpacked bag: the top, or its one folder */
static char *
find_base (const char *top)
{
  g_autofree char *decl = g_build_filename (top, "bagit.txt", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name, *only = NULL;
  guint n = 0;

  if (g_file_test (decl, G_FILE_TEST_EXISTS))
    return g_strdup (top);
  dir = g_dir_open (top, 0, NULL);
  if (dir == NULL)
    return g_strdup (top);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      n++;
      only = name;
      if (n > 1)
        break;
    }
  if (n == 1)
    {
      g_autofree char *sub = g_build_filename (top, only, NULL);
      if (g_file_test (sub, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&sub);
    }
  return g_strdup (top);
}

ShinsaBagReport *
shinsa_bag_verify (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr(ShinsaBagReport) report = g_new0 (ShinsaBagReport, 1);
  g_autofree char *tmp = NULL;
  Verify v = { 0 };
  GStatBuf st;
  gboolean ok = TRUE;

  g_return_val_if_fail (path != NULL, NULL);

  report->problems = g_ptr_array_new_with_free_func (problem_free);
  v.report = report;
  v.cancellable = cancellable;
  v.files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, disk_file_free);
  v.nfc = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  v.casefold = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  v.fetch = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v.missing_said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v.manifests = g_ptr_array_new_with_free_func (manifest_free);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot read '%s': %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  else if (S_ISDIR (st.st_mode))
    v.root = g_strdup (path);
  else
    {
      tmp = g_dir_make_tmp ("shinsa-verify-XXXXXX", error);
      if (tmp == NULL || !unpack (&v, path, tmp, error))
        ok = FALSE;
      else
        v.root = find_base (tmp);
    }
  if (ok)
    verify_folder (&v);

  if (tmp != NULL)
    shinsa_remove_tree (tmp, NULL);
  g_free (v.root);
  g_free (v.encoding);
  g_hash_table_unref (v.files);
  g_hash_table_unref (v.nfc);
  g_hash_table_unref (v.casefold);
  g_hash_table_unref (v.fetch);
  g_hash_table_unref (v.missing_said);
  g_ptr_array_unref (v.manifests);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}
