/* shinsa — reading a submission's files: folder walk and archive unpacking;
 * shared by shinsa-submission.c and shinsa-intake.c, not installed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "shinsa-private.h"

G_BEGIN_DECLS

/* one file found by intake, before it becomes a ShinsaDocument */
typedef struct {
  char *path;          /* relative, UTF-8 NFC, '/'-separated */
  char *local_path;    /* where its bytes are on this machine */
  guint64 size;
  char *sha256;
} ShinsaIntakeFile;

typedef struct {
  GPtrArray *files;      /* (element-type ShinsaIntakeFile) */
  GPtrArray *findings;   /* (element-type ShinsaFinding) */
} ShinsaIntakeResult;

void shinsa_intake_file_free (ShinsaIntakeFile *file);
void shinsa_intake_result_init (ShinsaIntakeResult *result);
void shinsa_intake_result_clear (ShinsaIntakeResult *result);

/* a finding about one file of the submission; @path may be NULL */
ShinsaFinding *shinsa_intake_add_finding (ShinsaIntakeResult *result,
                                          const char *code,
                                          ShinsaSeverity severity,
                                          const char *path,
                                          const char *message_format,
                                          ...) G_GNUC_PRINTF (5, 6);

/* a file name as bytes → UTF-8 NFC: valid UTF-8 as is, else CP932, else
 * with the bad bytes written %XX; never NULL */
char *shinsa_intake_decode_name (const char *raw);

/* zip or ISO 9660 by content; FALSE (no error) when neither */
gboolean shinsa_intake_sniff (int fd, ShinsaSubmissionKind *out_kind);

/* every file under @root (a resolved, absolute folder path) */
gboolean shinsa_intake_read_folder (const char *root,
                                    ShinsaIntakeResult *result,
                                    GError **error);

/* unpacks the archive open on @fd (read from offset 0) into @dest, a private
 * empty folder; @name is the archive's path for messages */
gboolean shinsa_intake_unpack (int fd,
                               const char *name,
                               ShinsaSubmissionKind kind,
                               const char *dest,
                               const ShinsaIntakeLimits *limits,
                               ShinsaIntakeResult *result,
                               GError **error);

G_END_DECLS
