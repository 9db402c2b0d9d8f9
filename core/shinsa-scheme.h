/* shinsa — certification schemes: catalogues of disclosure items, as data
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A scheme is a set of tab-separated files under schemes/ (see
 * schemes/README.md): NAME.tsv, the items (no, section, item, class, fields,
 * required_fields, requirement), NAME-requirements.tsv, how the 一定の要件 of
 * requirement items are checked.  Found like pipelines: $SHINSA_SCHEME_PATH,
 * the source tree when running from the build tree, then
 * $(datadir)/shinsa/schemes.
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <glib-object.h>
#include "shinsa-form.h"

G_BEGIN_DECLS

typedef enum {
  SHINSA_SCHEME_ERROR_FAILED,
  SHINSA_SCHEME_ERROR_NOT_FOUND,     /* no scheme of that name */
  SHINSA_SCHEME_ERROR_PARSE,         /* a line of a scheme file is malformed */
} ShinsaSchemeError;

#define SHINSA_SCHEME_ERROR (shinsa_scheme_error_quark ())
GQuark shinsa_scheme_error_quark (void);

/**
 * ShinsaSchemeRequirement:
 * @no: the item it applies to, 0 when the scheme has no item catalogue
 * @category: (nullable): the seed's category (サービスサポート…)
 * @text: the requirement in words
 * @kind: "measure" (非認定 when not taken) or "minimum" (非認定 below a number)
 * @field: the sub-field (1-based) that carries it, 0 for the whole content
 * @unmet: (nullable): regular expression: the field says the measure is not taken
 * @exempt: (nullable): regular expression: not meeting it is allowed (item 131:
 *   failures with no effect on users)
 * @minimum: (nullable): for "minimum": the number and unit, when a seed gives it
 */
typedef struct {
  int no;
  char *category;
  char *text;
  char *kind;
  int field;
  char *unmet;
  char *exempt;
  char *minimum;
} ShinsaSchemeRequirement;

/**
 * ShinsaSchemeItem:
 * @no: 通番
 * @section: the sub-heading, e.g. "2.6 コンプライアンス"
 * @name: the item name
 * @klass: its class
 * @fields: (array zero-terminated=1): the 記述内容 sub-fields
 * @required: (array zero-terminated=1): 1-based indices of required
 *   sub-fields, ended by 0
 * @requirement: (nullable): the 一定の要件 in words
 * @check: (nullable): how it is checked, from the requirements file
 */
typedef struct {
  int no;
  char *section;
  char *name;
  ShinsaItemClass klass;
  char **fields;
  int *required;
  char *requirement;
  const ShinsaSchemeRequirement *check;
} ShinsaSchemeItem;

/**
 * ShinsaScheme:
 * @name: e.g. "iaas-paas-iot"
 * @items: (element-type ShinsaSchemeItem): by 通番; empty when the seeds give
 *   no item catalogue (tokutei-asp-saas)
 * @requirements: (element-type ShinsaSchemeRequirement)
 */
typedef struct {
  char *name;
  GPtrArray *items;
  GPtrArray *requirements;
  /*< private >*/
  gatomicrefcount ref_count;
  gpointer _reserved[4];
} ShinsaScheme;

#define SHINSA_TYPE_SCHEME (shinsa_scheme_get_type ())
GType         shinsa_scheme_get_type (void) G_GNUC_CONST;

/* the scheme names shinsa ships: "iaas-paas-iot", "tokutei-asp-saas" */
const char *const *shinsa_scheme_known_names (void);

/**
 * shinsa_scheme_find_file:
 * @name: a scheme name
 * @suffix: ".tsv" or "-requirements.tsv"
 * Returns: (transfer full) (nullable): the first existing file on the search
 *   path, or NULL with @error (SHINSA_SCHEME_ERROR_NOT_FOUND) naming where it looked
 */
char         *shinsa_scheme_find_file (const char *name, const char *suffix, GError **error);

/**
 * shinsa_scheme_load:
 * @name: a scheme name
 * Returns: (transfer full): the scheme, or NULL with @error
 */
ShinsaScheme *shinsa_scheme_load (const char *name, GError **error);
ShinsaScheme *shinsa_scheme_ref (ShinsaScheme *scheme);
void          shinsa_scheme_unref (ShinsaScheme *scheme);

/* (transfer none) (nullable) */
const ShinsaSchemeItem *shinsa_scheme_get_item (const ShinsaScheme *scheme, int no);
/* whether sub-field @field (1-based) of @item must be filled */
gboolean      shinsa_scheme_item_field_required (const ShinsaSchemeItem *item, int field);

/**
 * shinsa_scheme_guess_from_title:
 * @text: a form's title or 認定制度 line
 * Returns: (nullable): the scheme name the text names, or NULL
 */
const char   *shinsa_scheme_guess_from_title (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaScheme, shinsa_scheme_unref)

G_END_DECLS
