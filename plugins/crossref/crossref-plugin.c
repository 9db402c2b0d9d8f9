/* shinsa — the crossref plugin: registers its stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "crossref.h"

SHINSA_PLUGIN_DEFINE ("crossref",
                      "check every 添付書類等 citation against the submitted documents, pages and passages",
                      SHINSA_VERSION,
                      "LGPL-2.1-or-later",
                      &crossref_stage)
