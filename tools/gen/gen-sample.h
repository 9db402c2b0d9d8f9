#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes one realistic IaaS・PaaS (IoT) submission into out_dir (which
 * must exist) and its planted defects and page facts to truth_path. kind
 * "sample" (seed 1 is the reference submission, as the content is
 * written; other seeds vary the applicant, the layout and the documents)
 * or "defects" (a defect planted for every finding code a new
 * application can have). */
gboolean gen_sample_write (const char *out_dir,
                           const char *truth_path,
                           const char *catalogue_path,
                           const char *kind,
                           guint64     seed,
                           GError    **error);

/* Writes out_dir/previous (the submission certified in 2022) and
 * out_dir/current (its renewal, with the renewal defects planted) and one
 * truth file for both. */
gboolean gen_renewal_write (const char *out_dir,
                            const char *truth_path,
                            const char *catalogue_path,
                            guint64     seed,
                            GError    **error);

G_END_DECLS
