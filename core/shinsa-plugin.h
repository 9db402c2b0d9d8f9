/* shinsa — the plugin interface: what a stage module exports
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A plugin is a GModule exporting one function, shinsa_plugin_get_info(),
 * that returns a static const #ShinsaPluginInfo.  Its first field is the ABI
 * version the module was built for; the core reads it before anything else
 * and refuses a module built for another ABI.  Everything a stage takes and
 * gives (options, artifacts) is static data, known before any work starts.
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <gmodule.h>
#include "shinsa-context.h"

G_BEGIN_DECLS

#define SHINSA_PLUGIN_ABI_VERSION 1

typedef enum {
  SHINSA_OPTION_STRING,
  SHINSA_OPTION_INT,
  SHINSA_OPTION_BOOL,
  SHINSA_OPTION_ENUM,
} ShinsaOptionType;

/**
 * ShinsaOptionSpec:
 * @name: key in the stage's group of a pipeline file, [a-z0-9-_]
 * @type: how the value is checked
 * @default_value: the value as it would be written in a pipeline file;
 *   NULL: the option must be given (in the file or with --set), or the run
 *   does not start (shinsa_pipeline_check_required())
 * @help: one line, English
 * @choices: for %SHINSA_OPTION_ENUM, NULL-terminated
 * @min: for %SHINSA_OPTION_INT
 * @max: for %SHINSA_OPTION_INT
 *
 * Arrays of specs end with an all-zero entry.
 */
typedef struct {
  const char *name;
  ShinsaOptionType type;
  const char *default_value;
  const char *help;
  const char *const *choices;
  gint64 min;
  gint64 max;
  /*< private >*/
  gpointer _reserved[4];
} ShinsaOptionSpec;

/**
 * ShinsaStageRunFunc:
 * Does the stage's work on one submission.  Problems with the submission's
 * documents are findings (shinsa_context_add_finding()); return FALSE with
 * @error only when the stage cannot go on for this submission.  May be called
 * from several threads at once for different submissions.
 */
typedef gboolean (*ShinsaStageRunFunc) (ShinsaContext *ctx,
                                        const ShinsaOptions *options,
                                        GError **error);

/**
 * ShinsaStageInfo:
 * @name: the stage name a pipeline file gives as plugin=
 * @description_ja: one line for examiners
 * @description_en: one line for `shinsa plugins`
 * @options: (array zero-terminated=1) (nullable)
 * @needs: artifact kinds an earlier stage (or the core) must provide, NULL-terminated
 * @provides: artifact kinds this stage provides, NULL-terminated
 * @run: the work
 *
 * The core provides the artifact "files" (every submitted file with its path,
 * id, role and sha256) and, when --previous is given, "previous".
 */
typedef struct {
  const char *name;
  const char *description_ja;
  const char *description_en;
  const ShinsaOptionSpec *options;
  const char *const *needs;
  const char *const *provides;
  ShinsaStageRunFunc run;
  /*< private >*/
  gpointer _reserved[8];
} ShinsaStageInfo;

/**
 * ShinsaPluginInfo:
 * @abi_version: %SHINSA_PLUGIN_ABI_VERSION at build time; read first
 * @info_size: sizeof (ShinsaPluginInfo) at build time
 * @name: must equal the module's file name without extension
 * @description: one line, English
 * @version: the plugin's version
 * @license: SPDX identifier
 * @stages: NULL-terminated
 */
typedef struct {
  guint32 abi_version;
  guint32 info_size;
  const char *name;
  const char *description;
  const char *version;
  const char *license;
  const ShinsaStageInfo *const *stages;
  /*< private >*/
  gpointer _reserved[8];
} ShinsaPluginInfo;

typedef const ShinsaPluginInfo *(*ShinsaPluginGetInfoFunc) (void);

#define SHINSA_PLUGIN_ENTRY_POINT "shinsa_plugin_get_info"

/**
 * SHINSA_PLUGIN_DEFINE:
 * @name: string, the module's file name without extension
 * @description: string
 * @version: string
 * @license: string, SPDX
 * @...: pointers to the plugin's static const #ShinsaStageInfo
 *
 * Defines the module's one exported symbol.
 */
#define SHINSA_PLUGIN_DEFINE(name, description, version, license, ...)      \
  static const ShinsaStageInfo *const shinsa_plugin_stages_[] = {          \
    __VA_ARGS__, NULL                                                     \
  };                                                                      \
  static const ShinsaPluginInfo shinsa_plugin_info_ = {                    \
    SHINSA_PLUGIN_ABI_VERSION, sizeof (ShinsaPluginInfo),                 \
    name, description, version, license, shinsa_plugin_stages_,           \
    { NULL, }                                                             \
  };                                                                      \
  G_MODULE_EXPORT const ShinsaPluginInfo *shinsa_plugin_get_info (void);  \
  G_MODULE_EXPORT const ShinsaPluginInfo *                                \
  shinsa_plugin_get_info (void)                                           \
  {                                                                       \
    return &shinsa_plugin_info_;                                          \
  }

/* Typed option values of one stage in one pipeline, checked at load. */
const char *shinsa_options_get_string (const ShinsaOptions *options, const char *name);
gint64      shinsa_options_get_int (const ShinsaOptions *options, const char *name);
gboolean    shinsa_options_get_bool (const ShinsaOptions *options, const char *name);
/* (transfer none): the key file group of this stage in its pipeline */
const char *shinsa_options_get_stage_name (const ShinsaOptions *options);

G_END_DECLS
