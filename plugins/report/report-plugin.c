/* shinsa — the report plugin: registers its stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "report.h"

SHINSA_PLUGIN_DEFINE ("report",
                      "render report.html and findings.csv from report.json",
                      SHINSA_VERSION,
                      "LGPL-2.1-or-later",
                      &report_stage)
