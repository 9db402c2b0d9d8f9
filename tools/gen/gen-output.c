#include "gen-output.h"

#include <gio/gio.h>

G_DEFINE_QUARK (gen-error-quark, gen_error)

gboolean
gen_output_write (const char  *dir,
                  const char  *name,
                  const void  *data,
                  gsize        len,
                  GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "cannot write '%s': ",
                                  path);
      return FALSE;
    }
  return TRUE;
}

gboolean
gen_output_write_bytes (const char  *dir,
                        const char  *name,
                        GBytes      *bytes,
                        GError     **error)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  return gen_output_write (dir, name, data, len, error);
}

gboolean
gen_output_write_ini (const char  *dir,
                      const char  *id,
                      const char  *scheme,
                      GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *text = NULL;
  gsize len;

  g_key_file_set_string (kf, "submission", "id", id);
  g_key_file_set_string (kf, "submission", "scheme", scheme);
  text = g_key_file_to_data (kf, &len, NULL);
  return gen_output_write (dir, "submission.ini", text, len, error);
}

gboolean
gen_output_write_ini_full (const char  *dir,
                           const char  *id,
                           const char  *scheme,
                           const char  *certification_number,
                           const char  *previous_certification_date,
                           GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *text = NULL;
  gsize len;

  g_key_file_set_string (kf, "submission", "id", id);
  g_key_file_set_string (kf, "submission", "scheme", scheme);
  if (certification_number != NULL)
    g_key_file_set_string (kf, "submission", "certification_number", certification_number);
  if (previous_certification_date != NULL)
    g_key_file_set_string (kf, "submission", "previous_certification_date",
                           previous_certification_date);
  text = g_key_file_to_data (kf, &len, NULL);
  return gen_output_write (dir, "submission.ini", text, len, error);
}
