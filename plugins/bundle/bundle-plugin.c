/* shinsa — the bundle plugin: registers its stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bundle.h"

SHINSA_PLUGIN_DEFINE ("bundle",
                      "decide which documents are returned and pack them as a BagIt bag with a return slip",
                      SHINSA_VERSION,
                      "LGPL-2.1-or-later",
                      &bundle_stage)
