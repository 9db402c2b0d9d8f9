/* shinsa — small helpers shared by the core and stages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * shinsa_write_file_atomic:
 * Writes @contents to @path through a temporary file in the same folder,
 * fsynced and renamed into place, mode 0600.  Either the old file or the whole
 * new one is visible, never a part.
 */
gboolean shinsa_write_file_atomic (const char *path,
                                   const char *contents,
                                   gssize length,
                                   GError **error);

/* mkdir -p with mode 0700 for every folder it creates */
gboolean shinsa_mkdir_private (const char *path, GError **error);

/* rm -rf that never follows symlinks; for private temporary folders */
gboolean shinsa_remove_tree (const char *path, GError **error);

/* sha256 of a file, streamed; lower-case hex */
char    *shinsa_file_sha256 (const char *path, guint64 *out_size, GError **error);

/* NFC, or NULL when @str is not valid UTF-8 */
char    *shinsa_utf8_nfc (const char *str);

/* @str safe as one path component: no '/', no NUL, not "." or "..", no
 * leading '.', control characters replaced */
char    *shinsa_safe_component (const char *str);

/* libarchive converts entry names through the thread's LC_CTYPE: these
 * switch this thread (only) to a UTF-8 one, whatever the user's locale, and
 * back.  The token is opaque; NULL when no UTF-8 locale exists (then names
 * go through the thread's own). */
gpointer shinsa_utf8_ctype_enter (void);
void     shinsa_utf8_ctype_leave (gpointer token);

G_END_DECLS
