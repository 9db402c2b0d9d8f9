/* shinsa — examining certification submissions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define SHINSA_INSIDE
#include "shinsa-version.h"
#include "shinsa-error.h"
#include "shinsa-finding.h"
#include "shinsa-page.h"
#include "shinsa-document.h"
#include "shinsa-form.h"
#include "shinsa-citation.h"
#include "shinsa-scheme.h"
#include "shinsa-submission.h"
#include "shinsa-context.h"
#include "shinsa-plugin.h"
#include "shinsa-registry.h"
#include "shinsa-pipeline.h"
#include "shinsa-runner.h"
#include "shinsa-util.h"
#include "shinsa-bag.h"
#include "shinsa-parser.h"
#undef SHINSA_INSIDE
