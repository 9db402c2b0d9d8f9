/* shinsa — finding and loading stage plugins
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include "shinsa-plugin.h"

G_BEGIN_DECLS

#define SHINSA_TYPE_REGISTRY (shinsa_registry_get_type ())
G_DECLARE_FINAL_TYPE (ShinsaRegistry, shinsa_registry, SHINSA, REGISTRY, GObject)

ShinsaRegistry *shinsa_registry_new (void);

/**
 * shinsa_registry_default_path:
 * The search path, first match wins: $SHINSA_PLUGIN_PATH (':'-separated),
 * the build tree's plugins/ when the running program is in the build tree,
 * then the installed libdir/shinsa/plugins-<abi>.
 * Returns: (transfer full): NULL-terminated
 */
char **shinsa_registry_default_path (void);

/**
 * shinsa_registry_scan:
 * @path: (nullable): folders to scan, NULL for shinsa_registry_default_path()
 * @errors: (out) (optional) (element-type GError) (transfer full): modules
 *   that were refused, each naming its file; the scan goes on past them
 *
 * Loads every module in the folders (recursively one level, so a build tree's
 * plugins/<name>/ is found).  Returns the number of plugins registered.
 */
guint shinsa_registry_scan (ShinsaRegistry *registry,
                            const char *const *path,
                            GPtrArray **errors);

/* loads one module file */
gboolean shinsa_registry_load_file (ShinsaRegistry *registry,
                                    const char *filename,
                                    GError **error);

/* registers a plugin linked into the program (tests, static builds) */
gboolean shinsa_registry_add_static (ShinsaRegistry *registry,
                                     const ShinsaPluginInfo *info,
                                     GError **error);

/* (transfer none) (nullable) */
const ShinsaStageInfo  *shinsa_registry_find_stage (ShinsaRegistry *registry, const char *name);
const ShinsaPluginInfo *shinsa_registry_find_plugin (ShinsaRegistry *registry, const char *name);
/* the plugin providing a stage */
const ShinsaPluginInfo *shinsa_registry_find_plugin_for_stage (ShinsaRegistry *registry,
                                                               const char *stage_name);
/* (transfer none) (nullable): file the plugin was loaded from */
const char *shinsa_registry_get_plugin_filename (ShinsaRegistry *registry, const char *plugin_name);

/* (element-type ShinsaPluginInfo) (transfer container): sorted by name */
GPtrArray *shinsa_registry_list_plugins (ShinsaRegistry *registry);
/* (transfer container): sorted stage names */
GPtrArray *shinsa_registry_list_stage_names (ShinsaRegistry *registry);

G_END_DECLS
