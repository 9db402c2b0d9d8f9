#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* GEN_ERROR: the generator's own failures (bad catalogue, bad content) */
#define GEN_ERROR (gen_error_quark ())
GQuark gen_error_quark (void);

typedef enum
{
  GEN_ERROR_FAILED,
  GEN_ERROR_CATALOGUE,
  GEN_ERROR_CONTENT,
} GenError;

gboolean gen_output_write       (const char    *dir,
                                 const char    *name,
                                 const void    *data,
                                 gsize          len,
                                 GError       **error);
gboolean gen_output_write_bytes (const char    *dir,
                                 const char    *name,
                                 GBytes        *bytes,
                                 GError       **error);
gboolean gen_output_write_ini   (const char    *dir,
                                 const char    *id,
                                 const char    *scheme,
                                 GError       **error);

/* with the renewal keys when not NULL */
gboolean gen_output_write_ini_full (const char    *dir,
                                    const char    *id,
                                    const char    *scheme,
                                    const char    *certification_number,
                                    const char    *previous_certification_date,
                                    GError       **error);

G_END_DECLS
