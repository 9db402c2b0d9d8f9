/* shinsa — one submitted file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <glib-object.h>
#include "shinsa-page.h"

G_BEGIN_DECLS

typedef enum {
  SHINSA_ROLE_OTHER,
  SHINSA_ROLE_FORM_A,                 /* 申請書A, face sheet */
  SHINSA_ROLE_FORM_B,                 /* 申請書B, disclosure form */
  SHINSA_ROLE_INVENTORY,              /* 提出書類及び資料内訳書 */
  SHINSA_ROLE_EVIDENCE,               /* 疎明資料 */
  SHINSA_ROLE_REGISTRY_CERTIFICATE,   /* 登記事項証明書 */
} ShinsaRole;

typedef enum {
  SHINSA_DOCUMENT_STATUS_UNKNOWN,     /* not probed yet */
  SHINSA_DOCUMENT_STATUS_OK,
  SHINSA_DOCUMENT_STATUS_ENCRYPTED,
  SHINSA_DOCUMENT_STATUS_UNREADABLE,
} ShinsaDocumentStatus;

const char *shinsa_role_to_string (ShinsaRole role);
gboolean    shinsa_role_from_string (const char *str, ShinsaRole *out_role);
const char *shinsa_document_status_to_string (ShinsaDocumentStatus status);

#define SHINSA_TYPE_DOCUMENT (shinsa_document_get_type ())
G_DECLARE_FINAL_TYPE (ShinsaDocument, shinsa_document, SHINSA, DOCUMENT, GObject)

/**
 * shinsa_document_new:
 * @path: path relative to the submission, '/'-separated, UTF-8 NFC
 * @local_path: where the bytes can be read on this machine (the original file
 *   for a folder submission, the private copy for an archive)
 */
ShinsaDocument *shinsa_document_new (const char *path,
                                     const char *local_path);

const char *shinsa_document_get_path (ShinsaDocument *doc);
const char *shinsa_document_get_local_path (ShinsaDocument *doc);
const char *shinsa_document_get_basename (ShinsaDocument *doc);

/* 資料番号 such as 資料3 or 別紙2; NULL when the document has none */
const char *shinsa_document_get_id (ShinsaDocument *doc);
void        shinsa_document_set_id (ShinsaDocument *doc, const char *id);
/* where the id came from: "filename", "submission.ini", "inventory" */
const char *shinsa_document_get_id_source (ShinsaDocument *doc);
void        shinsa_document_set_id_source (ShinsaDocument *doc, const char *source);

const char *shinsa_document_get_title (ShinsaDocument *doc);
void        shinsa_document_set_title (ShinsaDocument *doc, const char *title);

ShinsaRole  shinsa_document_get_role (ShinsaDocument *doc);
void        shinsa_document_set_role (ShinsaDocument *doc, ShinsaRole role);

guint64     shinsa_document_get_size (ShinsaDocument *doc);
void        shinsa_document_set_size (ShinsaDocument *doc, guint64 size);

/* lower-case hex */
const char *shinsa_document_get_sha256 (ShinsaDocument *doc);
void        shinsa_document_set_sha256 (ShinsaDocument *doc, const char *sha256);

const char *shinsa_document_get_media_type (ShinsaDocument *doc);
void        shinsa_document_set_media_type (ShinsaDocument *doc, const char *media_type);

/* -1 when unknown or not paged (spreadsheets, text) */
int         shinsa_document_get_pages (ShinsaDocument *doc);
void        shinsa_document_set_pages (ShinsaDocument *doc, int pages);

int         shinsa_document_get_ocr_pages (ShinsaDocument *doc);
void        shinsa_document_set_ocr_pages (ShinsaDocument *doc, int ocr_pages);

ShinsaDocumentStatus shinsa_document_get_status (ShinsaDocument *doc);
const char *shinsa_document_get_status_reason (ShinsaDocument *doc);
void        shinsa_document_set_status (ShinsaDocument *doc,
                                        ShinsaDocumentStatus status,
                                        const char *reason);

/**
 * shinsa_document_get_page_list:
 * Returns: (element-type ShinsaPage) (transfer none) (nullable): the
 *   extracted pages, once a stage providing "pages" has run
 */
GPtrArray  *shinsa_document_get_page_list (ShinsaDocument *doc);
/* @pages: (element-type ShinsaPage) (transfer full) (nullable) */
void        shinsa_document_set_page_list (ShinsaDocument *doc, GPtrArray *pages);
/* (transfer none) (nullable): physical page @number, 1-based */
ShinsaPage *shinsa_document_get_page (ShinsaDocument *doc, int number);

G_END_DECLS
