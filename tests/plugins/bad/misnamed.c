/* A module whose info names another plugin than its file.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <shinsa.h>

static gboolean
run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  return TRUE;
}

static const ShinsaStageInfo stage = { "misnamed-stage", "名前違い", "misnamed", NULL, NULL, NULL, run };

SHINSA_PLUGIN_DEFINE ("othername", "file name and plugin name disagree", "1.0", "LGPL-2.1-or-later",
                      &stage)
