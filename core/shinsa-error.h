/* shinsa — error domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * ShinsaPipelineError:
 * Errors in pipeline files and in --set overrides.  Codes only grow at the end.
 */
typedef enum {
  SHINSA_PIPELINE_ERROR_FAILED,
  SHINSA_PIPELINE_ERROR_PARSE,           /* not a key file */
  SHINSA_PIPELINE_ERROR_MISSING_KEY,     /* [pipeline] name, a stage's plugin= */
  SHINSA_PIPELINE_ERROR_UNKNOWN_PLUGIN,
  SHINSA_PIPELINE_ERROR_UNKNOWN_OPTION,
  SHINSA_PIPELINE_ERROR_BAD_VALUE,
  SHINSA_PIPELINE_ERROR_UNMET_NEED,
  SHINSA_PIPELINE_ERROR_DUPLICATE_STAGE,
  SHINSA_PIPELINE_ERROR_NO_STAGES,
  SHINSA_PIPELINE_ERROR_NOT_FOUND,       /* no such pipeline file or shipped name */
  SHINSA_PIPELINE_ERROR_BAD_OVERRIDE,    /* --set not of the form STAGE.KEY=VALUE, or unknown stage */
  SHINSA_PIPELINE_ERROR_DUPLICATE_KEY,
} ShinsaPipelineError;

/**
 * ShinsaPluginError:
 * Errors loading plugin modules.
 */
typedef enum {
  SHINSA_PLUGIN_ERROR_FAILED,
  SHINSA_PLUGIN_ERROR_MODULE,            /* g_module_open failed */
  SHINSA_PLUGIN_ERROR_NO_ENTRY_POINT,    /* no shinsa_plugin_get_info symbol */
  SHINSA_PLUGIN_ERROR_ABI,               /* built for another ABI version */
  SHINSA_PLUGIN_ERROR_INVALID,           /* missing or malformed fields */
  SHINSA_PLUGIN_ERROR_NAME_MISMATCH,     /* file name and plugin name disagree */
  SHINSA_PLUGIN_ERROR_DUPLICATE,         /* a stage name already registered */
} ShinsaPluginError;

/**
 * ShinsaStageError:
 * Errors a stage raises while working on one submission.
 */
typedef enum {
  SHINSA_STAGE_ERROR_FAILED,
  SHINSA_STAGE_ERROR_CANCELLED,
  SHINSA_STAGE_ERROR_MISSING_ARTIFACT,
} ShinsaStageError;

/**
 * ShinsaIntakeError:
 * Errors opening a submission (folder, zip, CD-R image).  Refused entries are
 * findings, not errors; these are for submissions that cannot be opened at all.
 */
typedef enum {
  SHINSA_INTAKE_ERROR_FAILED,
  SHINSA_INTAKE_ERROR_NOT_FOUND,
  SHINSA_INTAKE_ERROR_UNSUPPORTED,       /* not a folder, zip or ISO 9660 image */
  SHINSA_INTAKE_ERROR_ARCHIVE,           /* libarchive could not read it */
  SHINSA_INTAKE_ERROR_LIMIT,             /* the whole archive exceeds a cap */
  SHINSA_INTAKE_ERROR_INI,               /* submission.ini is malformed */
} ShinsaIntakeError;

#define SHINSA_PIPELINE_ERROR (shinsa_pipeline_error_quark ())
#define SHINSA_PLUGIN_ERROR   (shinsa_plugin_error_quark ())
#define SHINSA_STAGE_ERROR    (shinsa_stage_error_quark ())
#define SHINSA_INTAKE_ERROR   (shinsa_intake_error_quark ())

GQuark shinsa_pipeline_error_quark (void);
GQuark shinsa_plugin_error_quark (void);
GQuark shinsa_stage_error_quark (void);
GQuark shinsa_intake_error_quark (void);

G_END_DECLS
