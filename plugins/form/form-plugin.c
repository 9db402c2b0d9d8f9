/* shinsa — the form plugin: registers its stage
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "form.h"

SHINSA_PLUGIN_DEFINE ("form",
                      "read the application form (申請書B, 申請書A, 資料内訳書) and apply the form rules",
                      SHINSA_VERSION,
                      "LGPL-2.1-or-later",
                      &form_stage)
