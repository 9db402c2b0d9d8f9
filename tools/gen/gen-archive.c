/* The defects case as a zip with hostile entries. */

#include "gen-archive.h"

#include "gen-output.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#define ENTRY_MTIME ((time_t) 1718330400)   /* 2024-06-14 */

static gboolean
add_entry (struct archive *a,
           const char     *name,
           const void     *data,
           gsize           len,
           const char     *symlink,
           GError        **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok = TRUE;

  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_mtime (entry, ENTRY_MTIME, 0);
  archive_entry_set_uid (entry, 0);
  archive_entry_set_gid (entry, 0);
  if (symlink != NULL)
    {
      archive_entry_set_filetype (entry, AE_IFLNK);
      archive_entry_set_perm (entry, 0777);
      archive_entry_set_symlink_utf8 (entry, symlink);
      archive_entry_set_size (entry, 0);
    }
  else
    {
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) len);
    }
  if (archive_write_header (a, entry) != ARCHIVE_OK
      || (symlink == NULL && len > 0 && archive_write_data (a, data, len) != (la_ssize_t) len))
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_FAILED, "cannot add '%s' to the zip: %s", name,
                   archive_error_string (a));
      ok = FALSE;
    }
  archive_entry_free (entry);
  return ok;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
refused (JsonBuilder *b,
         const char  *entry,
         const char  *note)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, "INTAKE-ENTRY-REFUSED");
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, "error");
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, entry);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, note);
  json_builder_end_object (b);
}

gboolean
gen_archive_write_hostile_zip (const char   *dir,
                               const char   *zip_path,
                               JsonBuilder  *b,
                               GError      **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  struct archive *a;
  const char *name;
  gboolean ok = TRUE;
  static const char escape_text[] = "この内容は提出フォルダの外に書かれてはならない。\n";

  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  a = archive_write_new ();
  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_deflate (a);
  if (archive_write_open_filename (a, zip_path) != ARCHIVE_OK)
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_FAILED, "cannot create '%s': %s", zip_path,
                   archive_error_string (a));
      archive_write_free (a);
      return FALSE;
    }
  for (guint i = 0; ok && i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *data = NULL;
      gsize len;

      ok = g_file_get_contents (path, &data, &len, error)
           && add_entry (a, g_ptr_array_index (names, i), data, len, NULL, error);
    }
  ok = ok && add_entry (a, "../資料99_フォルダ外.txt", escape_text, strlen (escape_text), NULL, error)
       && add_entry (a, "/tmp/shinsa-gen-absolute.txt", escape_text, strlen (escape_text), NULL, error)
       && add_entry (a, "資料98_リンク.pdf", NULL, 0, "../../../../etc/passwd", error);
  if (archive_write_close (a) != ARCHIVE_OK && ok)
    {
      g_set_error (error, GEN_ERROR, GEN_ERROR_FAILED, "cannot finish '%s': %s", zip_path,
                   archive_error_string (a));
      ok = FALSE;
    }
  archive_write_free (a);
  if (ok)
    {
      refused (b, "../資料99_フォルダ外.txt", "展開先の外へ出るパス（..）");
      refused (b, "/tmp/shinsa-gen-absolute.txt", "絶対パス");
      refused (b, "資料98_リンク.pdf", "提出物の外（../../../../etc/passwd）を指すシンボリックリンク");
    }
  return ok;
}
