/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

struct _ShinsaDocument {
  GObject parent_instance;

  char *path;
  char *local_path;
  char *basename;
  char *id;
  char *id_source;
  char *title;
  ShinsaRole role;
  guint64 size;
  char *sha256;
  char *media_type;
  int pages;
  int ocr_pages;
  ShinsaDocumentStatus status;
  char *status_reason;
  GPtrArray *page_list;               /* ShinsaPage, once extracted */
};

G_DEFINE_FINAL_TYPE (ShinsaDocument, shinsa_document, G_TYPE_OBJECT)

static const char *const role_names[] = {
  [SHINSA_ROLE_OTHER] = "other",
  [SHINSA_ROLE_FORM_A] = "form-a",
  [SHINSA_ROLE_FORM_B] = "form-b",
  [SHINSA_ROLE_INVENTORY] = "inventory",
  [SHINSA_ROLE_EVIDENCE] = "evidence",
  [SHINSA_ROLE_REGISTRY_CERTIFICATE] = "registry-certificate",
};

const char *
shinsa_role_to_string (ShinsaRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), "other");
  return role_names[role];
}

gboolean
shinsa_role_from_string (const char *str, ShinsaRole *out_role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (str, role_names[i]) == 0)
      {
        if (out_role != NULL)
          *out_role = (ShinsaRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
shinsa_document_status_to_string (ShinsaDocumentStatus status)
{
  switch (status)
    {
    case SHINSA_DOCUMENT_STATUS_OK: return "ok";
    case SHINSA_DOCUMENT_STATUS_ENCRYPTED: return "encrypted";
    case SHINSA_DOCUMENT_STATUS_UNREADABLE: return "unreadable";
    case SHINSA_DOCUMENT_STATUS_UNKNOWN:
    default: return "unknown";
    }
}

static void
shinsa_document_finalize (GObject *object)
{
  ShinsaDocument *doc = SHINSA_DOCUMENT (object);

  g_free (doc->path);
  g_free (doc->local_path);
  g_free (doc->basename);
  g_free (doc->id);
  g_free (doc->id_source);
  g_free (doc->title);
  g_free (doc->sha256);
  g_free (doc->media_type);
  g_free (doc->status_reason);
  g_clear_pointer (&doc->page_list, g_ptr_array_unref);

  G_OBJECT_CLASS (shinsa_document_parent_class)->finalize (object);
}

static void
shinsa_document_class_init (ShinsaDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shinsa_document_finalize;
}

static void
shinsa_document_init (ShinsaDocument *doc)
{
  doc->pages = -1;
  doc->role = SHINSA_ROLE_OTHER;
  doc->status = SHINSA_DOCUMENT_STATUS_UNKNOWN;
}

ShinsaDocument *
shinsa_document_new (const char *path, const char *local_path)
{
  ShinsaDocument *doc;
  const char *slash;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (local_path != NULL, NULL);

  doc = g_object_new (SHINSA_TYPE_DOCUMENT, NULL);
  doc->path = g_strdup (path);
  doc->local_path = g_strdup (local_path);
  slash = strrchr (path, '/');
  doc->basename = g_strdup (slash != NULL ? slash + 1 : path);
  return doc;
}

#define STRING_ACCESSORS(field)                                              \
  const char *                                                             \
  shinsa_document_get_##field (ShinsaDocument *doc)                        \
  {                                                                        \
    g_return_val_if_fail (SHINSA_IS_DOCUMENT (doc), NULL);                 \
    return doc->field;                                                     \
  }                                                                        \
  void                                                                     \
  shinsa_document_set_##field (ShinsaDocument *doc, const char *value)     \
  {                                                                        \
    g_return_if_fail (SHINSA_IS_DOCUMENT (doc));                           \
    if (doc->field != value)                                               \
      {                                                                    \
        g_free (doc->field);                                               \
        doc->field = g_strdup (value);                                     \
      }                                                                    \
  }

STRING_ACCESSORS (id)
STRING_ACCESSORS (id_source)
STRING_ACCESSORS (title)
STRING_ACCESSORS (sha256)
STRING_ACCESSORS (media_type)

#define VALUE_ACCESSORS(type, field, fallback)                               \
  type                                                                     \
  shinsa_document_get_##field (ShinsaDocument *doc)                        \
  {                                                                        \
    g_return_val_if_fail (SHINSA_IS_DOCUMENT (doc), fallback);             \
    return doc->field;                                                     \
  }                                                                        \
  void                                                                     \
  shinsa_document_set_##field (ShinsaDocument *doc, type value)            \
  {                                                                        \
    g_return_if_fail (SHINSA_IS_DOCUMENT (doc));                           \
    doc->field = value;                                                    \
  }

VALUE_ACCESSORS (ShinsaRole, role, SHINSA_ROLE_OTHER)
VALUE_ACCESSORS (guint64, size, 0)
VALUE_ACCESSORS (int, pages, -1)
VALUE_ACCESSORS (int, ocr_pages, 0)

const char *
shinsa_document_get_path (ShinsaDocument *doc)
{
  g_return_val_if_fail (SHINSA_IS_DOCUMENT (doc), NULL);
  return doc->path;
}

const char *
shinsa_document_get_local_path (ShinsaDocument *doc)
{
  g_return_val_if_fail (SHINSA_IS_DOCUMENT (doc), NULL);
  return doc->local_path;
}

const char *
shinsa_document_get_basename (ShinsaDocument *doc)
{
  g_return_val_if_fail (SHINSA_IS_DOCUMENT (doc), NULL);
  return doc->basename;
}

ShinsaDocumentStatus
shinsa_document_get_status (ShinsaDocument *doc)
{
  g_return_val_if_fail (SHINSA_IS_DOCUMENT (doc), SHINSA_DOCUMENT_STATUS_UNKNOWN);
  return doc->status;
}

const char *
shinsa_document_get_status_reason (ShinsaDocument *doc)
{
  g_return_val_if_fail (SHINSA_IS_DOCUMENT (doc), NULL);
  return doc->status_reason;
}

void
shinsa_document_set_status (ShinsaDocument *doc, ShinsaDocumentStatus status, const char *reason)
{
  g_return_if_fail (SHINSA_IS_DOCUMENT (doc));
  doc->status = status;
  g_free (doc->status_reason);
  doc->status_reason = g_strdup (reason);
}

GPtrArray *
shinsa_document_get_page_list (ShinsaDocument *doc)
{
  g_return_val_if_fail (SHINSA_IS_DOCUMENT (doc), NULL);
  return doc->page_list;
}

void
shinsa_document_set_page_list (ShinsaDocument *doc, GPtrArray *pages)
{
  g_return_if_fail (SHINSA_IS_DOCUMENT (doc));
  if (doc->page_list == pages)
    return;
  g_clear_pointer (&doc->page_list, g_ptr_array_unref);
  doc->page_list = pages;
}

ShinsaPage *
shinsa_document_get_page (ShinsaDocument *doc, int number)
{
  g_return_val_if_fail (SHINSA_IS_DOCUMENT (doc), NULL);
  if (doc->page_list == NULL)
    return NULL;
  for (guint i = 0; i < doc->page_list->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (doc->page_list, i);
      if (page->number == number)
        return page;
    }
  return NULL;
}

JsonNode *
shinsa_document_to_json (ShinsaDocument *doc)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  if (doc->id != NULL)
    json_builder_add_string_value (b, doc->id);
  else
    json_builder_add_null_value (b);
  if (doc->title != NULL)
    {
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, doc->title);
    }
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, doc->path);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, shinsa_role_to_string (doc->role));
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, (gint64) doc->size);
  if (doc->sha256 != NULL)
    {
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, doc->sha256);
    }
  if (doc->media_type != NULL)
    {
      json_builder_set_member_name (b, "media_type");
      json_builder_add_string_value (b, doc->media_type);
    }
  if (doc->pages >= 0)
    {
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, doc->pages);
      json_builder_set_member_name (b, "ocr_pages");
      json_builder_add_int_value (b, doc->ocr_pages);
    }
  if (doc->status != SHINSA_DOCUMENT_STATUS_UNKNOWN)
    {
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, shinsa_document_status_to_string (doc->status));
    }
  if (doc->status_reason != NULL)
    {
      json_builder_set_member_name (b, "status_reason");
      json_builder_add_string_value (b, doc->status_reason);
    }
  if (doc->id_source != NULL)
    {
      json_builder_set_member_name (b, "id_source");
      json_builder_add_string_value (b, doc->id_source);
    }
  if (doc->page_list != NULL)
    {
      int text_pages = 0;

      /* by physical page; null where nothing is printed */
      json_builder_set_member_name (b, "page_labels");
      json_builder_begin_array (b);
      for (guint i = 0; i < doc->page_list->len; i++)
        {
          const ShinsaPage *page = g_ptr_array_index (doc->page_list, i);

          if (page->label != NULL)
            json_builder_add_string_value (b, page->label);
          else
            json_builder_add_null_value (b);
          if (page->source == SHINSA_PAGE_TEXT_PDF)
            text_pages++;
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "text_pages");
      json_builder_add_int_value (b, text_pages);
      if (doc->pages < 0)
        {
          json_builder_set_member_name (b, "ocr_pages");
          json_builder_add_int_value (b, doc->ocr_pages);
        }
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
