/* shinsa — the bundle plugin: what is returned, the return slip, the bag
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

typedef enum {
  BUNDLE_REASON_NON_CERTIFIED,
  BUNDLE_REASON_EXPIRED,
  BUNDLE_REASON_REVOKED,
  BUNDLE_REASON_RENEWAL,
} BundleReason;

/**
 * BundleDisposition:
 * @doc: (transfer none): the document, of this submission or (renewal) of
 *   the previous one
 * @previous: @doc belongs to the previous submission
 * @returned: returned (else retained)
 * @rule: the rule that decided, e.g. "form-a-kept", "renewal-superseded"
 * @sha256: of the file as submitted
 * @size: its bytes
 * @bag_path: (nullable): its path under data/ when in the bag
 * @replaced_by: (nullable): renewal: the current document that supersedes it
 */
typedef struct {
  ShinsaDocument *doc;
  gboolean previous;
  gboolean returned;
  const char *rule;
  char *sha256;
  guint64 size;
  char *bag_path;
  char *replaced_by;
} BundleDisposition;

void bundle_disposition_free (BundleDisposition *d);

typedef struct {
  const char *submission_id;
  BundleReason reason;
  const char *company;           /* nullable */
  const char *contact;           /* nullable */
  const char *representative;    /* nullable */
  const char *certification_number; /* nullable */
  char *date;                    /* YYYY-MM-DD, the bagging date */
  GPtrArray *dispositions;       /* BundleDisposition */
} BundleReturn;

/* rules */
const char *bundle_reason_to_string (BundleReason reason);
const char *bundle_reason_label_ja (BundleReason reason);
const char *bundle_rule_label_ja (const char *rule);

/* (element-type BundleDisposition) (transfer full) */
GPtrArray *bundle_decide (GPtrArray *documents,
                          ShinsaSubmission *previous,
                          BundleReason reason,
                          GError **error);

/* the slip and the manifest, as bytes */
GBytes *bundle_slip_html (const BundleReturn *ret);
GBytes *bundle_slip_csv (const BundleReturn *ret);
GBytes *bundle_manifest_xml (const BundleReturn *ret);

extern const ShinsaStageInfo bundle_stage;

G_END_DECLS
