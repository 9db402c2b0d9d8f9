/* shinsa — the 資料内訳書 (inventory): what the applicant says was submitted
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "form.h"

typedef struct {
  guint row, id, title, file;
} Header;

static gboolean
find_header (FormSheet *sheet, Header *h)
{
  for (guint row = 1; row <= MIN (sheet->max_row, 40); row++)
    {
      Header cand = { row, 0, 0, 0 };
      for (guint col = 1; col <= MIN (sheet->max_col, 64); col++)
        {
          FormCell *cell = form_sheet_get (sheet, row, col, FALSE);
          g_autofree char *n = NULL;
          if (cell == NULL)
            continue;
          n = form_normalize_label (cell->text);
          if (cand.id == 0 && (strcmp (n, "資料番号") == 0 || strcmp (n, "資料No.") == 0
                               || strcmp (n, "番号") == 0 || strcmp (n, "No.") == 0))
            cand.id = col;
          else if (cand.title == 0 && (g_str_has_prefix (n, "資料名") || g_str_has_prefix (n, "書類名")
                                       || strcmp (n, "名称") == 0))
            cand.title = col;
          else if (cand.file == 0 && (g_str_has_prefix (n, "ファイル名") || g_str_has_prefix (n, "電子ファイル")))
            cand.file = col;
        }
      if (cand.id != 0 && cand.title != 0)
        {
          *h = cand;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
inventory_read (FormBook *book, GPtrArray *entries, GError **error)
{
  gboolean found = FALSE;

  for (guint s = 0; s < book->sheets->len; s++)
    {
      FormSheet *sheet = g_ptr_array_index (book->sheets, s);
      Header h;

      if (!find_header (sheet, &h))
        continue;
      found = TRUE;
      for (guint row = h.row + 1; row <= sheet->max_row; row++)
        {
          FormCell *id = form_sheet_get (sheet, row, h.id, TRUE);
          FormCell *title = form_sheet_get (sheet, row, h.title, TRUE);
          FormCell *file = h.file != 0 ? form_sheet_get (sheet, row, h.file, FALSE) : NULL;
          ShinsaInventoryEntry *e;
          g_autofree char *norm = NULL;

          if (id == NULL)
            continue;
          e = g_new0 (ShinsaInventoryEntry, 1);
          e->id_as_written = g_strstrip (g_strdup (id->text));
          norm = shinsa_document_id_from_name (e->id_as_written, NULL);
          e->id = norm != NULL ? g_steal_pointer (&norm) : g_strdup (e->id_as_written);
          e->title = title != NULL ? g_strstrip (g_strdup (title->text)) : NULL;
          e->file = file != NULL ? g_strstrip (g_strdup (file->text)) : NULL;
          e->row = (int) row;
          g_ptr_array_add (entries, e);
        }
      break;
    }
  if (!found)
    g_set_error (error, FORM_ERROR, FORM_ERROR_FAILED,
                 "no sheet of '%s' has the inventory's header (資料番号, 資料名称)", book->path);
  return found;
}

static gboolean
same_name (const char *a, const char *b)
{
  g_autofree char *na = shinsa_utf8_nfc (a);
  g_autofree char *nb = shinsa_utf8_nfc (b);
  return na != NULL && nb != NULL && strcmp (na, nb) == 0;
}

void
inventory_bind (ShinsaContext *ctx, ShinsaForm *form)
{
  GPtrArray *docs = shinsa_context_get_documents (ctx);
  g_autoptr(GHashTable) bound = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < form->inventory->len; i++)
    {
      ShinsaInventoryEntry *e = g_ptr_array_index (form->inventory, i);
      ShinsaDocument *match = NULL;

      for (guint j = 0; j < docs->len && match == NULL; j++)
        {
          ShinsaDocument *doc = g_ptr_array_index (docs, j);
          if (e->file != NULL && *e->file != '\0')
            {
              if (same_name (e->file, shinsa_document_get_basename (doc))
                  || same_name (e->file, shinsa_document_get_path (doc)))
                match = doc;
            }
          else if (g_strcmp0 (shinsa_document_get_id (doc), e->id) == 0)
            match = doc;
        }
      if (match == NULL)
        {
          ShinsaFinding *f;
          if (e->file != NULL && *e->file != '\0')
            f = shinsa_context_add_finding (ctx, "INVENTORY-FILE-MISSING", SHINSA_SEVERITY_ERROR,
                                            "「%s」の%d行目の%s「%s」（ファイル名「%s」）が提出されていません",
                                            form->inventory_path, e->row, e->id_as_written,
                                            e->title != NULL ? e->title : "", e->file);
          else
            f = shinsa_context_add_finding (ctx, "INVENTORY-FILE-MISSING", SHINSA_SEVERITY_ERROR,
                                            "「%s」の%d行目の%s「%s」にあたるファイルが提出されていません",
                                            form->inventory_path, e->row, e->id_as_written,
                                            e->title != NULL ? e->title : "");
          shinsa_finding_set_document (f, e->id, form->inventory_path);
          continue;
        }
      g_hash_table_add (bound, match);
      e->document = g_strdup (shinsa_document_get_path (match));
      if (shinsa_document_get_id (match) == NULL)
        {
          shinsa_document_set_id (match, e->id);
          shinsa_document_set_id_source (match, "inventory");
        }
      /* the applicant's own list names the document better than its file name */
      if (e->title != NULL && *e->title != '\0')
        shinsa_document_set_title (match, e->title);
    }

  for (guint j = 0; j < docs->len; j++)
    {
      ShinsaDocument *doc = g_ptr_array_index (docs, j);
      ShinsaRole role = shinsa_document_get_role (doc);
      ShinsaFinding *f;

      if (g_hash_table_contains (bound, doc) || role == SHINSA_ROLE_FORM_A || role == SHINSA_ROLE_FORM_B
          || role == SHINSA_ROLE_INVENTORY)
        continue;
      f = shinsa_context_add_finding (ctx, "DOC-NOT-IN-INVENTORY", SHINSA_SEVERITY_WARNING,
                                      "提出された「%s」が資料内訳書「%s」に記載されていません",
                                      shinsa_document_get_path (doc), form->inventory_path);
      shinsa_finding_set_document (f, shinsa_document_get_id (doc), shinsa_document_get_path (doc));
    }
}
