#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes one realistic IaaS・PaaS (IoT) submission into out_dir (which
 * must exist) and its planted defects and page facts to truth_path. */
gboolean gen_sample_write (const char *out_dir,
                           const char *truth_path,
                           const char *catalogue_path,
                           guint64     seed,
                           GError    **error);

G_END_DECLS
