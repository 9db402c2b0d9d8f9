/* libFuzzer harness: the 添付書類等 citation parser.  Whatever the bytes, it
 * returns a list — citations, unparsed parts — that describes itself, with
 * every place's range in order and every citation's text a part of the cell.
 *
 *   tools/fuzz/run 60      (corpus: tools/fuzz/corpus/citation, cells from the fixtures)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <shinsa.h>
#include <string.h>

static const char *const titles[] = { "情報セキュリティ基本方針", "サービス仕様書", "会社概要・組織図", NULL };

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(ShinsaCitationList) list = shinsa_citation_parse (text, titles);
  g_autofree char *described = shinsa_citation_list_describe (list);

  g_assert (described != NULL);
  for (guint i = 0; i < list->citations->len; i++)
    {
      const ShinsaCitation *c = g_ptr_array_index (list->citations, i);

      g_assert (c->text != NULL && g_utf8_validate (c->text, -1, NULL));
      for (guint j = 0; j < c->places->len; j++)
        {
          const ShinsaCitePlace *pl = &g_array_index (c->places, ShinsaCitePlace, j);
          g_assert (pl->first <= pl->last);
          g_assert (pl->label != NULL);
        }
    }
  for (guint i = 0; i < list->unparsed->len; i++)
    g_assert (g_utf8_validate (g_ptr_array_index (list->unparsed, i), -1, NULL));
  return 0;
}
