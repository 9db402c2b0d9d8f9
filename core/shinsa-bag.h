/* shinsa — BagIt bags (RFC 8493): writing one, verifying any
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The bundle stage packs the documents to be returned as a BagIt 1.0 bag;
 * `shinsa verify` checks any bag, folder or serialised (.zip, .tar), of
 * BagIt 0.93 to 1.0.  Both share the manifest line encoding and the hashing
 * here: every file is read once, whatever the number of algorithms.
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * shinsa_bag_algorithm_from_name:
 * @name: a manifest algorithm name as in manifest-NAME.txt: md5, sha1,
 *   sha256, sha384, sha512
 *
 * Returns: FALSE when GChecksum cannot compute @name
 */
gboolean    shinsa_bag_algorithm_from_name (const char *name, GChecksumType *out_type);
const char *shinsa_bag_algorithm_to_name (GChecksumType type);

/**
 * shinsa_bag_hash_file:
 * @types: (array length=n_types): the digests wanted
 * @out_hex: (array length=n_types) (out caller-allocates): lower-case hex,
 *   each (transfer full)
 * @copy_to: (nullable): a file to create (mode 0600, must not exist) with
 *   the same bytes, written from the same read
 * @out_size: (out) (optional): bytes read
 *
 * Reads @path once and feeds every digest from that one read; with more than
 * one digest, the others are computed on helper threads while the next block
 * is read, so two digests cost little more than the slower one.
 */
gboolean shinsa_bag_hash_file (const char *path,
                               const GChecksumType *types,
                               guint n_types,
                               char **out_hex,
                               const char *copy_to,
                               guint64 *out_size,
                               GCancellable *cancellable,
                               GError **error);

/* (transfer full): @path with CR, LF and '%' percent-encoded, as a manifest
 * or fetch.txt line writes it (RFC 8493 §2.1.3) */
char *shinsa_bag_encode_path (const char *path);
/* (transfer full) (nullable): the inverse; NULL when a '%' does not start
 * one of %0A, %0D, %25 (either case) */
char *shinsa_bag_decode_path (const char *encoded);

/* ---- writing ----------------------------------------------------------- */

typedef struct _ShinsaBagWriter ShinsaBagWriter;

/**
 * ShinsaBagSummary:
 * @files: payload files
 * @bytes: payload octets
 * @payload_oxum: "OCTETS.FILES", as bag-info.txt says it
 */
typedef struct {
  guint64 files;
  guint64 bytes;
  char *payload_oxum;
} ShinsaBagSummary;

void shinsa_bag_summary_clear (ShinsaBagSummary *summary);

ShinsaBagWriter *shinsa_bag_writer_new (void);
void             shinsa_bag_writer_free (ShinsaBagWriter *writer);

/**
 * shinsa_bag_writer_add_payload:
 * @source: the file to copy, left untouched
 * @bag_path: its path under data/, '/'-separated, UTF-8; stored NFC
 *
 * Refuses (G_IO_ERROR_INVALID_FILENAME) a path that is not UTF-8, is empty,
 * absolute, has an empty, "." or ".." component, and (G_IO_ERROR_EXISTS) one
 * equal to a path already added once both are normalised to NFC.
 */
gboolean shinsa_bag_writer_add_payload (ShinsaBagWriter *writer,
                                        const char *source,
                                        const char *bag_path,
                                        GError **error);
/* a tag file at the top of the bag (a plain name, not a reserved one) */
gboolean shinsa_bag_writer_add_tag_file (ShinsaBagWriter *writer,
                                         const char *name,
                                         GBytes *contents,
                                         GError **error);
/* a bag-info.txt element, in the order added; Payload-Oxum is the writer's */
void     shinsa_bag_writer_add_info (ShinsaBagWriter *writer,
                                     const char *label,
                                     const char *value);

/**
 * shinsa_bag_writer_write:
 * @dest: a folder that must not exist; created 0700
 * @summary: (out caller-allocates) (optional)
 *
 * Writes a BagIt 1.0 bag: bagit.txt, data/, manifest-sha256.txt and
 * manifest-sha512.txt (one read of each source), bag-info.txt with
 * Payload-Oxum, the tag files, tagmanifest-sha256.txt and
 * tagmanifest-sha512.txt.  Files 0600, folders 0700, each file fsynced.  On
 * failure @dest is removed again.
 */
gboolean shinsa_bag_writer_write (ShinsaBagWriter *writer,
                                  const char *dest,
                                  ShinsaBagSummary *summary,
                                  GCancellable *cancellable,
                                  GError **error);

/* ---- verifying --------------------------------------------------------- */

typedef enum {
  SHINSA_BAG_PROBLEM_ERROR,     /* the bag is not valid */
  SHINSA_BAG_PROBLEM_WARNING,   /* a SHOULD not followed; still valid */
} ShinsaBagProblemLevel;

/**
 * ShinsaBagProblem:
 * @file: the file the problem is in or about, relative to the bag's base
 *   folder ("." for the bag itself)
 * @message: English, problem first
 */
typedef struct {
  ShinsaBagProblemLevel level;
  char *file;
  char *message;
} ShinsaBagProblem;

/**
 * ShinsaBagReport:
 * @version: BagIt-Version as declared, or NULL when unreadable
 * @problems: (element-type ShinsaBagProblem): in the order found
 * @payload_files: payload files present
 * @payload_bytes: their octets
 */
typedef struct {
  char *version;
  GPtrArray *problems;
  guint64 payload_files;
  guint64 payload_bytes;
} ShinsaBagReport;

void     shinsa_bag_report_free (ShinsaBagReport *report);
/* no error-level problem */
gboolean shinsa_bag_report_is_valid (const ShinsaBagReport *report);
guint    shinsa_bag_report_count (const ShinsaBagReport *report, ShinsaBagProblemLevel level);

/**
 * shinsa_bag_verify:
 * @path: a bag's base folder, or a .zip or .tar (optionally compressed)
 *   serialisation of one
 *
 * Checks @path against RFC 8493 (and BagIt 0.93–0.97 for older bags):
 * bagit.txt, the tag file encoding, completeness (every payload file in every
 * payload manifest, every manifest line an existing file, fetch.txt), every
 * checksum of every manifest and tag manifest, Payload-Oxum, paths that
 * escape the bag and names equal after Unicode normalisation.  Problems with
 * the bag go into the report; the error is set only when @path cannot be read
 * at all.
 *
 * Returns: (transfer full) (nullable)
 */
ShinsaBagReport *shinsa_bag_verify (const char *path,
                                    GCancellable *cancellable,
                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaBagWriter, shinsa_bag_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaBagReport, shinsa_bag_report_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShinsaBagSummary, shinsa_bag_summary_clear)

G_END_DECLS
