#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Packs the submission in dir into zip_path as an applicant would send
 * it, plus entries intake must refuse (a path climbing out, an absolute
 * path, a link pointing out of the submission). Adds to the open array
 * b one INTAKE-ENTRY-REFUSED finding per hostile entry. */
gboolean gen_archive_write_hostile_zip (const char   *dir,
                                        const char   *zip_path,
                                        JsonBuilder  *b,
                                        GError      **error);

G_END_DECLS
