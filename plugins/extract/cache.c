/* extract — the page cache
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cache.h"

#define BUSY_TIMEOUT_MS 30000

struct _Cache {
  sqlite3 *db;
  char *path;
};

static gboolean
sql_failed (GError **error, sqlite3 *db, const char *path, const char *what)
{
  g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
               "cannot %s the page cache '%s': %s", what, path,
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

/* the file exists, is ours and is 0600 before SQLite opens it; its -wal and
 * -shm files take the same mode */
static gboolean
create_private_file (const char *path, GError **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot open the page cache '%s': %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot make the page cache '%s' private: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

Cache *
cache_open (const char *path, GError **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *dir = NULL;
  Cache *cache;
  char *message = NULL;

  if (path == NULL)
    path = default_path = g_build_filename (g_get_user_cache_dir (), "shinsa", "extract.sqlite", NULL);
  dir = g_path_get_dirname (path);
  if (!shinsa_mkdir_private (dir, error))
    return NULL;
  if (!create_private_file (path, error))
    return NULL;

  cache = g_new0 (Cache, 1);
  cache->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &cache->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      sql_failed (error, cache->db, path, "open");
      cache_close (cache);
      return NULL;
    }
  sqlite3_busy_timeout (cache->db, BUSY_TIMEOUT_MS);
  if (sqlite3_exec (cache->db,
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "CREATE TABLE IF NOT EXISTS pages ("
                    "  key TEXT PRIMARY KEY,"
                    "  checksum TEXT NOT NULL,"
                    "  blob BLOB NOT NULL,"
                    "  stored INTEGER NOT NULL);",
                    NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "cannot set up the page cache '%s': %s", path, message);
      sqlite3_free (message);
      cache_close (cache);
      return NULL;
    }
  return cache;
}

void
cache_close (Cache *cache)
{
  if (cache == NULL)
    return;
  sqlite3_close (cache->db);
  g_free (cache->path);
  g_free (cache);
}

const char *
cache_get_path (Cache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);
  return cache->path;
}

char *
cache_key (const char *const *parts)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; parts[i] != NULL; i++)
    g_checksum_update (sum, (const guchar *) parts[i], strlen (parts[i]) + 1);
  return g_strdup (g_checksum_get_string (sum));
}

static GPtrArray *
pages_from_blob (const char *blob, gsize len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) shinsa_page_unref);
  JsonArray *array;

  if (!json_parser_load_from_data (parser, blob, (gssize) len, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ShinsaPage *page = shinsa_page_from_json (json_array_get_element (array, i), NULL);

      if (page == NULL)
        return NULL;
      g_ptr_array_add (pages, page);
    }
  return g_steal_pointer (&pages);
}

GPtrArray *
cache_lookup (Cache *cache, const char *key)
{
  sqlite3_stmt *stmt = NULL;
  GPtrArray *pages = NULL;

  g_return_val_if_fail (cache != NULL && key != NULL, NULL);

  if (sqlite3_prepare_v2 (cache->db, "SELECT checksum, blob FROM pages WHERE key = ?1", -1,
                          &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *checksum = (const char *) sqlite3_column_text (stmt, 0);
      const char *blob = sqlite3_column_blob (stmt, 1);
      int len = sqlite3_column_bytes (stmt, 1);
      g_autofree char *actual = NULL;

      if (blob != NULL && len > 0)
        actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) blob, len);
      if (actual != NULL && g_strcmp0 (actual, checksum) == 0)
        pages = pages_from_blob (blob, len);
    }
  sqlite3_finalize (stmt);
  return pages;
}

gboolean
cache_store (Cache *cache, const char *key, GPtrArray *pages, GError **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *blob = NULL;
  g_autofree char *checksum = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize len;
  int rc;

  g_return_val_if_fail (cache != NULL && key != NULL && pages != NULL, FALSE);

  for (guint i = 0; i < pages->len; i++)
    json_array_add_element (array, shinsa_page_to_json (g_ptr_array_index (pages, i), TRUE));
  json_node_set_array (root, array);
  json_generator_set_root (gen, root);
  blob = json_generator_to_data (gen, &len);
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) blob, len);

  if (sqlite3_prepare_v2 (cache->db,
                          "INSERT OR REPLACE INTO pages (key, checksum, blob, stored) "
                          "VALUES (?1, ?2, ?3, strftime('%s', 'now'))",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (error, cache->db, cache->path, "write to");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, checksum, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 3, blob, len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_failed (error, cache->db, cache->path, "write to");
  return TRUE;
}
