#include "gen-catalogue.h"
#include "gen-output.h"

#include <stdlib.h>

void
gen_item_free (GenItem *item)
{
  if (item == NULL)
    return;
  g_free (item->section);
  g_free (item->item);
  g_free (item->klass);
  g_strfreev (item->fields);
  g_free (item->required_fields);
  g_free (item->requirement);
  g_free (item);
}

GPtrArray *
gen_catalogue_load (const char  *path,
                    GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) gen_item_free);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "cannot read catalogue: ");
      return NULL;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      GenItem *item;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      cols = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (cols) < 5)
        {
          g_set_error (error, GEN_ERROR, GEN_ERROR_CATALOGUE,
                       "%s:%u: expected at least 5 tab-separated columns", path, i + 1);
          return NULL;
        }
      item = g_new0 (GenItem, 1);
      item->no = (guint) atoi (cols[0]);
      item->section = g_strdup (cols[1]);
      item->item = g_strdup (cols[2]);
      item->klass = g_strdup (cols[3]);
      item->fields = g_strsplit (cols[4], " | ", -1);
      item->required_fields = g_strdup (cols[5] != NULL ? cols[5] : "");
      item->requirement = g_strdup (cols[5] != NULL && cols[6] != NULL ? cols[6] : "");
      if (item->no != items->len + 1)
        {
          g_set_error (error, GEN_ERROR, GEN_ERROR_CATALOGUE,
                       "%s:%u: item %u out of order", path, i + 1, item->no);
          gen_item_free (item);
          return NULL;
        }
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}
