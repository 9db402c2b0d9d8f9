/* shinsa — parsing documents in a process of their own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PDF and image parsers (poppler, Leptonica) meet files from outside.  A
 * file that crashes, hangs or balloons one of them must cost a process,
 * never the batch.  A ShinsaParser is a parser process (shinsa-parse-worker)
 * started on first use and kept for the next request, under limits on
 * memory, CPU time and open files, without core dumps.  A request that
 * crashes it, runs past its time or is cancelled kills it; the next request
 * starts a new one.
 *
 * Requests and replies are GVariant dictionaries (a{sv}), framed by their
 * length on the worker's stdin and stdout.  A reply is never trusted: it is
 * read as untrusted GVariant data, and a reply larger than the limit ends
 * the process.
 */
#pragma once

#if !defined(SHINSA_INSIDE) && !defined(SHINSA_COMPILATION)
#error "Only <shinsa.h> can be included directly."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

#define SHINSA_PARSER_ERROR (shinsa_parser_error_quark ())
GQuark shinsa_parser_error_quark (void);

typedef enum {
  SHINSA_PARSER_ERROR_START,   /* the worker cannot be started */
  SHINSA_PARSER_ERROR_CRASHED, /* it died on a signal: the document crashed the parser */
  SHINSA_PARSER_ERROR_MEMORY,  /* it ran out of its address space */
  SHINSA_PARSER_ERROR_TIMEOUT, /* it ran past the request's time, wall or CPU */
  SHINSA_PARSER_ERROR_PROTOCOL,/* it said something that is not a reply */
} ShinsaParserError;

/* the worker's exit status when it ran out of its address space */
#define SHINSA_PARSER_EXIT_MEMORY 86

typedef struct _ShinsaParser ShinsaParser;

/* limits of one parser process; the default address space is 3 GiB, or
 * $SHINSA_PARSER_MAX_MEMORY MiB (at least 64) */
typedef struct {
  guint64 address_space;       /* bytes; 0: no limit (sanitizer builds ignore it) */
  guint cpu_seconds;           /* per request; 0: no limit */
  guint open_files;
  guint64 max_reply;           /* bytes */
} ShinsaParserLimits;

void          shinsa_parser_limits_init_default (ShinsaParserLimits *limits);

/* the worker's path: $SHINSA_PARSE_WORKER, the build tree's, else the installed one */
char         *shinsa_parser_worker_path (void);

/* (transfer full): not started until the first request; not thread-safe */
ShinsaParser *shinsa_parser_new (const ShinsaParserLimits *limits);
void          shinsa_parser_free (ShinsaParser *parser);

/* the calling thread's parser, made on first use with the default limits and
 * ended when the thread ends */
ShinsaParser *shinsa_parser_get_for_thread (void);

/**
 * shinsa_parser_call:
 * @request: (transfer none): a{sv} with "op" and the operation's arguments;
 *   a floating reference is sunk
 * @timeout_ms: wall time the request may take, 0 for no limit
 * @cancellable: (nullable): cancelling kills the worker
 *
 * Returns: (transfer full) (nullable): the reply, an a{sv}; a reply with
 *   "error" (s) is the worker's own refusal, for the caller to read.  NULL
 *   with @error when the worker did not answer: it crashed, ran out of
 *   memory or time, or was cancelled (G_IO_ERROR_CANCELLED).
 */
GVariant     *shinsa_parser_call (ShinsaParser *parser,
                                  GVariant *request,
                                  guint timeout_ms,
                                  GCancellable *cancellable,
                                  GError **error);

/**
 * shinsa_parser_call_full:
 * @payload: (out) (optional) (nullable): the raw bytes that follow a reply
 *   holding "payload" (t, their size): a page image's words, sent as they
 *   lie in the worker's memory rather than copied into a GVariant
 *
 * As shinsa_parser_call(), with the reply's payload.  The payload's bytes
 * come from g_malloc(): g_bytes_unref_to_data() hands them over uncopied.
 */
GVariant     *shinsa_parser_call_full (ShinsaParser *parser,
                                       GVariant *request,
                                       guint timeout_ms,
                                       GCancellable *cancellable,
                                       GBytes **payload,
                                       GError **error);

/* A page image in a reply: its geometry under "image" — width, height,
 * depth (1, 8 or 32), 32-bit words per line, x and y resolution (0: not
 * known) — and its words, as Leptonica lays them out in memory, in the
 * payload that follows the reply (see shinsa_parser_call_full()) */
#define SHINSA_PARSER_IMAGE_TYPE "(uuuuii)"

typedef struct {
  guint width, height, depth, wpl;
  int xres, yres;
  gsize size;                  /* bytes of words: wpl × height × 4 */
} ShinsaParserImage;

/* whether @info (nullable) is a sound SHINSA_PARSER_IMAGE_TYPE for a payload
 * of @payload_size bytes: its depth one of 1, 8 and 32, its lines as long as
 * its width needs, every word there */
gboolean      shinsa_parser_image_parse (GVariant *info, gsize payload_size, ShinsaParserImage *out);

/* the worker's pid, 0 when none is running */
GPid          shinsa_parser_get_pid (ShinsaParser *parser);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShinsaParser, shinsa_parser_free)

/* ---- for the worker ---------------------------------------------------- */

/* reads one frame from @fd; NULL at a clean end of file (no @error) */
GBytes       *shinsa_parser_read_frame (int fd, guint64 max_size, GError **error);
gboolean      shinsa_parser_write_frame (int fd, GVariant *message, GError **error);
/* a payload frame: the reply before it says "payload" (t) = @size */
gboolean      shinsa_parser_write_payload (int fd, const void *data, gsize size, GError **error);

G_END_DECLS
