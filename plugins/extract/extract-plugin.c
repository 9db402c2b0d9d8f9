/* shinsa — the extract plugin: registers its stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "extract.h"

SHINSA_PLUGIN_DEFINE ("extract",
                      "read the text of every page: PDF text layers, OCR of scans",
                      SHINSA_VERSION,
                      "LGPL-2.1-or-later",
                      &extract_stage)
