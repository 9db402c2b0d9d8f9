/* extract — extracted pages kept in SQLite, so a re-run reads nothing again
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

typedef struct _Cache Cache;

/**
 * cache_open:
 * @path: (nullable): the database file; NULL for
 *   $XDG_CACHE_HOME/shinsa/extract.sqlite (folder 0700, file 0600)
 *
 * One connection, in WAL mode with a busy timeout, so that submissions run
 * in parallel (each with its own connection) and other shinsa processes
 * share the file.  A #Cache is used from one thread at a time.
 * Returns: (transfer full) (nullable): NULL with @error when the file cannot
 *   be opened or made
 */
Cache *cache_open (const char *path, GError **error);
void   cache_close (Cache *cache);
const char *cache_get_path (Cache *cache);

/**
 * cache_key:
 * @parts: NULL-terminated: the document's sha256, the stage version, the OCR
 *   settings' fingerprint and every option value that changes the pages
 *
 * Returns: (transfer full): sha256 over the parts, each ended by a NUL
 */
char *cache_key (const char *const *parts);

/**
 * cache_lookup:
 *
 * A stored entry whose checksum does not match its blob, or whose blob is
 * not a list of pages, is a miss (it will be replaced): the cache is never
 * trusted over the document.
 * Returns: (transfer full) (element-type ShinsaPage) (nullable): the pages,
 *   NULL on a miss
 */
GPtrArray *cache_lookup (Cache *cache, const char *key);

/* stores the pages (with their spans) under @key, replacing an entry */
gboolean   cache_store (Cache *cache, const char *key, GPtrArray *pages, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Cache, cache_close)

G_END_DECLS
