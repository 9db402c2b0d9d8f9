/* shinsa — findings: what is wrong, where, for the examiner
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SHINSA_SEVERITY_INFO,
  SHINSA_SEVERITY_WARNING,
  SHINSA_SEVERITY_ERROR,
} ShinsaSeverity;

const char *shinsa_severity_to_string (ShinsaSeverity severity);

/**
 * ShinsaFinding:
 * @code: a code from the contract in DESIGN.md, e.g. "DOC-ENCRYPTED"
 * @severity: how bad
 * @item: 通番 of the item concerned, 0 when none
 * @document: 資料番号 (or path when the document has no id), NULL when none
 * @path: relative path of the file concerned, NULL when none
 * @page: physical page, 1-based, 0 when none
 * @page_label: the printed page label when it differs from @page, or NULL
 * @message: Japanese, for the examiner
 */
typedef struct {
  char *code;
  ShinsaSeverity severity;
  int item;
  char *document;
  char *path;
  int page;
  char *page_label;
  char *message;
  /*< private >*/
  gpointer _reserved[4];
} ShinsaFinding;

#define SHINSA_TYPE_FINDING (shinsa_finding_get_type ())
GType          shinsa_finding_get_type (void) G_GNUC_CONST;

ShinsaFinding *shinsa_finding_new (const char *code,
                                   ShinsaSeverity severity,
                                   const char *message);
ShinsaFinding *shinsa_finding_copy (const ShinsaFinding *finding);
void           shinsa_finding_free (ShinsaFinding *finding);

void shinsa_finding_set_document (ShinsaFinding *finding,
                                  const char *document,
                                  const char *path);
void shinsa_finding_set_page (ShinsaFinding *finding,
                              int page,
                              const char *page_label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaFinding, shinsa_finding_free)

G_END_DECLS
