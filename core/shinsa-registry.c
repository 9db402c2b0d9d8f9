/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

typedef struct {
  const ShinsaPluginInfo *info;
  char *filename;                     /* NULL for static plugins */
  GModule *module;
} PluginEntry;

typedef struct {
  const ShinsaStageInfo *stage;
  PluginEntry *plugin;
} StageEntry;

struct _ShinsaRegistry {
  GObject parent_instance;
  GHashTable *plugins;                /* name → PluginEntry */
  GHashTable *stages;                 /* name → StageEntry */
};

G_DEFINE_FINAL_TYPE (ShinsaRegistry, shinsa_registry, G_TYPE_OBJECT)

static void
plugin_entry_free (gpointer data)
{
  PluginEntry *e = data;

  /* Modules are made resident: their static stage info may still be
   * referenced by pipelines, so they are never unloaded. */
  g_free (e->filename);
  g_free (e);
}

static void
shinsa_registry_finalize (GObject *object)
{
  ShinsaRegistry *registry = SHINSA_REGISTRY (object);

  g_hash_table_unref (registry->stages);
  g_hash_table_unref (registry->plugins);
  G_OBJECT_CLASS (shinsa_registry_parent_class)->finalize (object);
}

static void
shinsa_registry_class_init (ShinsaRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shinsa_registry_finalize;
}

static void
shinsa_registry_init (ShinsaRegistry *registry)
{
  registry->plugins = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, plugin_entry_free);
  registry->stages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

ShinsaRegistry *
shinsa_registry_new (void)
{
  return g_object_new (SHINSA_TYPE_REGISTRY, NULL);
}

gboolean
shinsa_running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, SHINSA_BUILD_ROOT "/");
}

char **
shinsa_registry_default_path (void)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  const char *env = g_getenv ("SHINSA_PLUGIN_PATH");

  if (env != NULL && *env != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (b, parts[i]);
    }
  if (shinsa_running_from_build_tree ())
    g_strv_builder_add (b, SHINSA_BUILD_ROOT "/plugins");
  g_strv_builder_add (b, SHINSA_PLUGIN_DIR);
  return g_strv_builder_end (b);
}

static gboolean
check_stage (const ShinsaStageInfo *stage, const char *where, GError **error)
{
  if (stage->name == NULL || *stage->name == '\0' || stage->run == NULL ||
      stage->description_en == NULL || stage->description_ja == NULL)
    {
      g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_INVALID,
                   _("invalid plugin '%s': a stage lacks its name, descriptions or run function"),
                   where);
      return FALSE;
    }
  for (const ShinsaOptionSpec *o = stage->options; o != NULL && o->name != NULL; o++)
    {
      if (o->type == SHINSA_OPTION_ENUM && (o->choices == NULL || o->choices[0] == NULL))
        {
          g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_INVALID,
                       _("invalid plugin '%s': enum option '%s' of stage '%s' has no choices"),
                       where, o->name, stage->name);
          return FALSE;
        }
      if (o->type > SHINSA_OPTION_ENUM)
        {
          g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_INVALID,
                       _("invalid plugin '%s': option '%s' of stage '%s' has an unknown type"),
                       where, o->name, stage->name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
register_info (ShinsaRegistry *registry, const ShinsaPluginInfo *info, const char *filename,
               GModule *module, GError **error)
{
  const char *where = filename != NULL ? filename : (info->name != NULL ? info->name : "?");
  PluginEntry *entry;

  if (info->abi_version != SHINSA_PLUGIN_ABI_VERSION)
    {
      g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_ABI,
                   _("cannot load plugin '%s': built for plugin ABI %u, this shinsa has ABI %u"),
                   where, (guint) info->abi_version, (guint) SHINSA_PLUGIN_ABI_VERSION);
      return FALSE;
    }
  if (info->info_size < sizeof (ShinsaPluginInfo) || info->name == NULL || info->stages == NULL ||
      info->stages[0] == NULL || info->description == NULL || info->version == NULL)
    {
      g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_INVALID,
                   _("invalid plugin '%s': its info lacks a name, description, version or stages"),
                   where);
      return FALSE;
    }
  if (filename != NULL)
    {
      g_autofree char *base = g_path_get_basename (filename);
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      if (strcmp (base, info->name) != 0)
        {
          g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_NAME_MISMATCH,
                       _("cannot load plugin '%s': it calls itself '%s'; the file must be named '%s%s'"),
                       filename, info->name, info->name, "." G_MODULE_SUFFIX);
          return FALSE;
        }
    }
  for (guint i = 0; info->stages[i] != NULL; i++)
    {
      const ShinsaStageInfo *stage = info->stages[i];
      StageEntry *other;

      if (!check_stage (stage, where, error))
        return FALSE;
      other = g_hash_table_lookup (registry->stages, stage->name);
      if (other != NULL)
        {
          g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_DUPLICATE,
                       _("cannot load plugin '%s': stage '%s' is already provided by plugin '%s'"),
                       where, stage->name, other->plugin->info->name);
          return FALSE;
        }
    }

  entry = g_new0 (PluginEntry, 1);
  entry->info = info;
  entry->filename = g_strdup (filename);
  entry->module = module;
  g_hash_table_insert (registry->plugins, (gpointer) info->name, entry);
  for (guint i = 0; info->stages[i] != NULL; i++)
    {
      StageEntry *se = g_new0 (StageEntry, 1);
      se->stage = info->stages[i];
      se->plugin = entry;
      g_hash_table_insert (registry->stages, (gpointer) se->stage->name, se);
    }
  return TRUE;
}

gboolean
shinsa_registry_add_static (ShinsaRegistry *registry, const ShinsaPluginInfo *info, GError **error)
{
  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  return register_info (registry, info, NULL, NULL, error);
}

gboolean
shinsa_registry_load_file (ShinsaRegistry *registry, const char *filename, GError **error)
{
  GModule *module;
  ShinsaPluginGetInfoFunc get_info = NULL;
  const ShinsaPluginInfo *info;

  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  module = g_module_open (filename, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_MODULE,
                   _("cannot load plugin '%s': %s"), filename, g_module_error ());
      return FALSE;
    }
  if (!g_module_symbol (module, SHINSA_PLUGIN_ENTRY_POINT, (gpointer *) &get_info) || get_info == NULL)
    {
      g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_NO_ENTRY_POINT,
                   _("cannot load plugin '%s': it exports no %s()"), filename,
                   SHINSA_PLUGIN_ENTRY_POINT);
      g_module_close (module);
      return FALSE;
    }
  info = get_info ();
  if (info == NULL)
    {
      g_set_error (error, SHINSA_PLUGIN_ERROR, SHINSA_PLUGIN_ERROR_INVALID,
                   _("invalid plugin '%s': %s() returned nothing"), filename,
                   SHINSA_PLUGIN_ENTRY_POINT);
      g_module_close (module);
      return FALSE;
    }
  if (info->name != NULL && info->abi_version == SHINSA_PLUGIN_ABI_VERSION &&
      g_hash_table_contains (registry->plugins, info->name))
    {
      /* an earlier folder of the search path wins, as with GST_PLUGIN_PATH */
      g_debug ("plugin '%s' from '%s' shadowed by '%s'", info->name, filename,
               shinsa_registry_get_plugin_filename (registry, info->name));
      g_module_close (module);
      return TRUE;
    }
  if (!register_info (registry, info, filename, module, error))
    {
      g_module_close (module);
      return FALSE;
    }
  g_module_make_resident (module);
  g_debug ("loaded plugin '%s' from '%s'", info->name, filename);
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
scan_folder (ShinsaRegistry *registry, const char *folder, int depth, guint *count, GPtrArray *errors)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  /* sorted, so that which of two clashing modules wins does not depend on readdir */
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (depth > 0)
            scan_folder (registry, path, depth - 1, count, errors);
        }
      else if (g_str_has_suffix (path, "." G_MODULE_SUFFIX) &&
               g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          GError *error = NULL;
          guint before = g_hash_table_size (registry->plugins);

          if (!shinsa_registry_load_file (registry, path, &error))
            {
              if (errors != NULL)
                g_ptr_array_add (errors, error);
              else
                {
                  g_warning ("%s", error->message);
                  g_error_free (error);
                }
            }
          else if (g_hash_table_size (registry->plugins) > before)
            (*count)++;
        }
    }
}

guint
shinsa_registry_scan (ShinsaRegistry *registry, const char *const *path, GPtrArray **errors)
{
  g_auto(GStrv) default_path = NULL;
  GPtrArray *errs = NULL;
  guint count = 0;

  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), 0);

  if (path == NULL)
    path = (const char *const *) (default_path = shinsa_registry_default_path ());
  if (errors != NULL)
    errs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  for (guint i = 0; path[i] != NULL; i++)
    scan_folder (registry, path[i], 1, &count, errs);
  if (errors != NULL)
    *errors = errs;
  return count;
}

const ShinsaStageInfo *
shinsa_registry_find_stage (ShinsaRegistry *registry, const char *name)
{
  StageEntry *se;

  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), NULL);
  se = g_hash_table_lookup (registry->stages, name);
  return se != NULL ? se->stage : NULL;
}

const ShinsaPluginInfo *
shinsa_registry_find_plugin (ShinsaRegistry *registry, const char *name)
{
  PluginEntry *e;

  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), NULL);
  e = g_hash_table_lookup (registry->plugins, name);
  return e != NULL ? e->info : NULL;
}

const ShinsaPluginInfo *
shinsa_registry_find_plugin_for_stage (ShinsaRegistry *registry, const char *stage_name)
{
  StageEntry *se;

  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), NULL);
  se = g_hash_table_lookup (registry->stages, stage_name);
  return se != NULL ? se->plugin->info : NULL;
}

const char *
shinsa_registry_get_plugin_filename (ShinsaRegistry *registry, const char *plugin_name)
{
  PluginEntry *e;

  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), NULL);
  e = g_hash_table_lookup (registry->plugins, plugin_name);
  return e != NULL ? e->filename : NULL;
}

static int
compare_plugin_names (gconstpointer a, gconstpointer b)
{
  const ShinsaPluginInfo *pa = *(const ShinsaPluginInfo *const *) a;
  const ShinsaPluginInfo *pb = *(const ShinsaPluginInfo *const *) b;
  return strcmp (pa->name, pb->name);
}

GPtrArray *
shinsa_registry_list_plugins (ShinsaRegistry *registry)
{
  GPtrArray *list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), list);
  g_hash_table_iter_init (&iter, registry->plugins);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, (gpointer) ((PluginEntry *) value)->info);
  g_ptr_array_sort (list, compare_plugin_names);
  return list;
}

GPtrArray *
shinsa_registry_list_stage_names (ShinsaRegistry *registry)
{
  GPtrArray *list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), list);
  g_hash_table_iter_init (&iter, registry->stages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (list, key);
  g_ptr_array_sort (list, compare_strings);
  return list;
}
