/* shinsa — the documents plugin: registers its stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "documents.h"

SHINSA_PLUGIN_DEFINE ("documents",
                      "identify submitted files, count their pages, find unreadable ones",
                      SHINSA_VERSION,
                      "LGPL-2.1-or-later",
                      &documents_stage)
