/* shinsa — a submission: a folder, a .zip or a CD-R image, opened safely
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <glib-object.h>
#include "shinsa-document.h"
#include "shinsa-finding.h"

G_BEGIN_DECLS

typedef enum {
  SHINSA_SUBMISSION_FOLDER,
  SHINSA_SUBMISSION_ZIP,
  SHINSA_SUBMISSION_ISO,
  SHINSA_SUBMISSION_FILE,      /* one file on its own: shinsa extract */
} ShinsaSubmissionKind;

/**
 * ShinsaIntakeLimits:
 * Caps applied while unpacking an archive.  An entry beyond a cap is refused
 * (finding INTAKE-ENTRY-REFUSED) and never written; a whole archive whose
 * entry count exceeds @max_entries is refused with SHINSA_INTAKE_ERROR_LIMIT.
 */
typedef struct {
  guint64 max_total_bytes;     /* sum of unpacked sizes */
  guint64 max_entry_bytes;     /* one unpacked entry */
  guint   max_entries;
  guint   max_ratio;           /* unpacked / packed, for entries above 1 MiB */
} ShinsaIntakeLimits;

/* 8 GiB total, 2 GiB an entry, 20 000 entries, ratio 200 */
void shinsa_intake_limits_init_default (ShinsaIntakeLimits *limits);

#define SHINSA_TYPE_SUBMISSION (shinsa_submission_get_type ())
G_DECLARE_FINAL_TYPE (ShinsaSubmission, shinsa_submission, SHINSA, SUBMISSION, GObject)

/**
 * shinsa_submission_open:
 * @path: a folder, a .zip or an .iso (sniffed, not only by extension)
 * @tmp_root: (nullable): private folder (0700) under which archives are
 *   unpacked; NULL for g_get_tmp_dir()
 * @limits: (nullable): caps, NULL for the defaults
 *
 * Lists every file of the submission as a #ShinsaDocument with its relative
 * path (UTF-8, NFC), size, sha256 (streamed), and the id, title and role
 * guessed from its name and from submission.ini.  Inputs are never modified.
 * Entries that would escape (.., absolute paths, links out), devices and
 * bombs are refused and recorded as findings; the rest goes on.
 *
 * Returns: (transfer full): the submission, or NULL with @error set
 */
ShinsaSubmission *shinsa_submission_open (const char *path,
                                          const char *tmp_root,
                                          const ShinsaIntakeLimits *limits,
                                          GError **error);

/**
 * shinsa_submission_open_file:
 * @path: one regular file, taken as it is (a .zip is a document here, not
 *   unpacked)
 *
 * A submission holding that one document, for looking at a single file
 * (`shinsa extract`): its path is the file's name, its id, title and role
 * are read from the name as for a folder, and its sha256 is the
 * submission's fingerprint.
 * Returns: (transfer full): the submission, or NULL with @error set
 *   (SHINSA_INTAKE_ERROR_NOT_FOUND, _UNSUPPORTED for a non-regular file, or
 *   a G_FILE_ERROR while reading)
 */
ShinsaSubmission *shinsa_submission_open_file (const char *path,
                                               GError **error);

/* the id: submission.ini [submission] id, else the folder or archive name
 * without extension; safe as a single path component */
const char *shinsa_submission_get_id (ShinsaSubmission *sub);
const char *shinsa_submission_get_source (ShinsaSubmission *sub);
ShinsaSubmissionKind shinsa_submission_get_kind (ShinsaSubmission *sub);
/* folder holding the files on this machine (the private copy for archives) */
const char *shinsa_submission_get_root (ShinsaSubmission *sub);

/* (element-type ShinsaDocument) (transfer none), sorted by path */
GPtrArray  *shinsa_submission_get_documents (ShinsaSubmission *sub);
ShinsaDocument *shinsa_submission_find_document (ShinsaSubmission *sub,
                                                 const char *id_or_path);
/* (element-type ShinsaFinding) (transfer none): what intake refused */
GPtrArray  *shinsa_submission_get_findings (ShinsaSubmission *sub);

/* (nullable) (transfer none): submission.ini, when present */
GKeyFile   *shinsa_submission_get_ini (ShinsaSubmission *sub);
/* (nullable): from submission.ini [submission] */
const char *shinsa_submission_get_scheme (ShinsaSubmission *sub);
const char *shinsa_submission_get_certification_number (ShinsaSubmission *sub);
const char *shinsa_submission_get_previous_certification_date (ShinsaSubmission *sub);

/* sha256 over what was read: the archive file itself, or every file's
 * relative path and sha256 for a folder; --resume compares it */
const char *shinsa_submission_get_fingerprint (ShinsaSubmission *sub);

/* removes the private copy of an archive now rather than at finalize */
void        shinsa_submission_close (ShinsaSubmission *sub);

/* Helpers over file names, shared with later stages (inventory, citations). */

/**
 * shinsa_document_id_from_name:
 * @name: a file name (basename), UTF-8
 * @out_title: (out) (optional) (transfer full): the rest of the name without
 *   the id, separators and extension, e.g. 情報セキュリティ基本方針
 *
 * 資料3_… / 資料No.3 / 資料３ / 資料-3 → "資料3"; 別紙2 → "別紙2"; 添付2 → "添付2".
 * Returns: (transfer full) (nullable): the normalised id, or NULL
 */
char *shinsa_document_id_from_name (const char *name, char **out_title);

/* role from the file name: 申請書A/フェースシート, 申請書B, 資料内訳書, 登記事項証明書… */
ShinsaRole shinsa_role_guess_from_name (const char *name);

G_END_DECLS
