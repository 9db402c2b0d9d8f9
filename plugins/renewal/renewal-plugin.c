/* shinsa — the renewal plugin: registers its stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "renewal.h"

SHINSA_PLUGIN_DEFINE ("renewal",
                      "compare a renewal with the form certified last time and check its red marking (朱書き)",
                      SHINSA_VERSION,
                      "LGPL-2.1-or-later",
                      &renewal_stage)
