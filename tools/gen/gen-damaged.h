#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes the damaged-files submission into out_dir (which must exist). */
gboolean gen_damaged_write (const char *out_dir,
                            guint64     seed,
                            GError    **error);

G_END_DECLS
