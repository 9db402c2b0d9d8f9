/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

G_DEFINE_QUARK (shinsa-pipeline-error-quark, shinsa_pipeline_error)
G_DEFINE_QUARK (shinsa-plugin-error-quark, shinsa_plugin_error)
G_DEFINE_QUARK (shinsa-stage-error-quark, shinsa_stage_error)
G_DEFINE_QUARK (shinsa-intake-error-quark, shinsa_intake_error)
