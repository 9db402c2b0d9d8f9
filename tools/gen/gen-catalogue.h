#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One disclosure item of a scheme catalogue (a schemes TSV file). */
typedef struct
{
  guint   no;
  char   *section;
  char   *item;
  char   *klass;          /* required, optional, mixed, required+threshold */
  GStrv   fields;         /* 記述内容 sub-fields */
  char   *required_fields;
  char   *requirement;
} GenItem;

void       gen_item_free      (GenItem     *item);
/* GenItem* in 通番 order */
GPtrArray *gen_catalogue_load (const char  *path,
                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenItem, gen_item_free)

G_END_DECLS
