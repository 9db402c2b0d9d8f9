#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes the damaged-files submission into out_dir (which must exist)
 * and what is known of each file to truth_path. */
gboolean gen_damaged_write (const char *out_dir,
                            const char *truth_path,
                            guint64     seed,
                            GError    **error);

G_END_DECLS
