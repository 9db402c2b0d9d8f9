/* documents — a TIFF's pages and structure, through libtiff on its bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Compiled into the documents plugin (isolate=false) and into the parser
 * process, which runs it for the documents stage: libtiff reads a hostile
 * file's directories there, not in shinsa.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* libtiff may allocate at most this much at once for one file */
#define DOCUMENTS_TIFF_MAX_ALLOC (256 * 1024 * 1024)

/**
 * documents_check_tiff:
 * @check_strips: also check that every strip or tile lies inside the file
 * @reason: (out) (transfer full): why the file is damaged, English
 *
 * Returns: the number of pages, or -1 with @reason
 */
int documents_check_tiff (const guint8 *data, gsize len, gboolean check_strips, char **reason);

G_END_DECLS
