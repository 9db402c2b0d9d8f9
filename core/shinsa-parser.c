/* shinsa — parsing documents in a process of their own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The worker talks over one end of a socket pair, which is its stdin and
 * stdout: a socket, so that writing to a worker that just died returns
 * EPIPE (MSG_NOSIGNAL) instead of killing the batch with SIGPIPE.
 */
#include "shinsa-private.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <glib/gi18n-lib.h>

#define POLL_SLICE_MS 100

G_DEFINE_QUARK (shinsa-parser-error-quark, shinsa_parser_error)

struct _ShinsaParser {
  ShinsaParserLimits limits;
  GPid pid;
  int fd;                      /* our end of the socket pair, -1 when no worker runs */
};

void
shinsa_parser_limits_init_default (ShinsaParserLimits *limits)
{
  g_return_if_fail (limits != NULL);
  /* a page rendered at 600 dpi is about 140 MB; poppler's own structures
   * for a large document a few hundred more */
  limits->address_space = G_GUINT64_CONSTANT (3) << 30;
  /* an office with small machines, or a test, may set it lower */
  if (g_getenv ("SHINSA_PARSER_MAX_MEMORY") != NULL)
    {
      guint64 mib = g_ascii_strtoull (g_getenv ("SHINSA_PARSER_MAX_MEMORY"), NULL, 10);

      if (mib >= 64)
        limits->address_space = mib << 20;
    }
  limits->cpu_seconds = 300;
  /* poppler keeps a font file open per face it renders with */
  limits->open_files = 256;
  /* the largest page image a worker may send: 400 megapixels of 32 bits */
  limits->max_reply = G_GUINT64_CONSTANT (1700) << 20;
}

char *
shinsa_parser_worker_path (void)
{
  const char *env = g_getenv ("SHINSA_PARSE_WORKER");
  const char *build_root = g_getenv ("SHINSA_BUILD_ROOT");
  const char *root = build_root != NULL ? build_root : SHINSA_BUILD_ROOT;
  g_autofree char *built = g_build_filename (root, "plugins", "extract", "shinsa-parse-worker", NULL);

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  /* the tests and the demo run from the build tree */
  if ((build_root != NULL || !g_file_test (SHINSA_PARSE_WORKER_INSTALLED, G_FILE_TEST_IS_EXECUTABLE))
      && g_file_test (built, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&built);
  return g_strdup (SHINSA_PARSE_WORKER_INSTALLED);
}

ShinsaParser *
shinsa_parser_new (const ShinsaParserLimits *limits)
{
  ShinsaParser *parser = g_new0 (ShinsaParser, 1);

  if (limits != NULL)
    parser->limits = *limits;
  else
    shinsa_parser_limits_init_default (&parser->limits);
  parser->fd = -1;
  return parser;
}

/* Ends the worker; returns its wait status, or -1.  @kill_it FALSE when it
 * closed its end, i.e. is exiting: its own status is then waited for, a
 * little, so that an exit for lack of memory is not taken for our SIGKILL. */
static int
parser_stop (ShinsaParser *parser, gboolean kill_it)
{
  int status = -1;

  if (parser->fd >= 0)
    {
      close (parser->fd);
      parser->fd = -1;
    }
  if (parser->pid > 0)
    {
      for (int tries = 0; !kill_it && tries < 40; tries++)
        {
          pid_t r = waitpid (parser->pid, &status, WNOHANG);

          if (r == parser->pid || (r < 0 && errno != EINTR))
            {
              if (r != parser->pid)
                status = -1;
              parser->pid = 0;
              return status;
            }
          g_usleep (50 * 1000);
        }
      kill (parser->pid, SIGKILL);
      while (waitpid (parser->pid, &status, 0) < 0 && errno == EINTR)
        ;
      parser->pid = 0;
    }
  return status;
}

void
shinsa_parser_free (ShinsaParser *parser)
{
  if (parser == NULL)
    return;
  parser_stop (parser, TRUE);
  g_free (parser);
}

GPid
shinsa_parser_get_pid (ShinsaParser *parser)
{
  g_return_val_if_fail (parser != NULL, 0);
  return parser->pid;
}

static GPrivate thread_parser = G_PRIVATE_INIT ((GDestroyNotify) shinsa_parser_free);

ShinsaParser *
shinsa_parser_get_for_thread (void)
{
  ShinsaParser *parser = g_private_get (&thread_parser);

  if (parser == NULL)
    {
      parser = shinsa_parser_new (NULL);
      g_private_set (&thread_parser, parser);
    }
  return parser;
}

/* ---- starting a worker -------------------------------------------------- */

/* in the child, between fork and exec: only async-signal-safe calls */
static void
limit_child (gpointer data)
{
  const ShinsaParserLimits *limits = data;
  struct rlimit core = { 0, 0 };
  struct rlimit files = { limits->open_files, limits->open_files };

  /* a core dump would be a copy of a confidential document on disk */
  setrlimit (RLIMIT_CORE, &core);
  setrlimit (RLIMIT_NOFILE, &files);
#if !defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer reserves terabytes of address space for its shadow: a
   * sanitizer build limits CPU time and files only */
  if (limits->address_space > 0)
    {
      struct rlimit as = { limits->address_space, limits->address_space };
      setrlimit (RLIMIT_AS, &as);
    }
#endif
  /* dies with the thread that started it, even when the batch is killed */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
parser_start (ShinsaParser *parser, GError **error)
{
  g_autofree char *worker = shinsa_parser_worker_path ();
  g_autofree char *cpu = g_strdup_printf ("%u", parser->limits.cpu_seconds);
  const char *argv[] = { worker, cpu, NULL };
  g_autoptr(GError) local = NULL;
  int fds[2];

  /* a missing worker is an installation's fault: say so without forking */
  if (!g_file_test (worker, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_START,
                   _("Cannot start the document parser '%s': no such program"), worker);
      return FALSE;
    }
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved = errno;
      g_set_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_START,
                   _("Cannot start the document parser: %s"), g_strerror (saved));
      return FALSE;
    }
  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                         limit_child, &parser->limits,
                                         fds[1], fds[1], -1, NULL, NULL, 0,
                                         &parser->pid, NULL, NULL, NULL, &local))
    {
      close (fds[0]);
      close (fds[1]);
      g_set_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_START,
                   _("Cannot start the document parser '%s': %s"), worker, local->message);
      return FALSE;
    }
  close (fds[1]);
  parser->fd = fds[0];
  return TRUE;
}

/* ---- frames ------------------------------------------------------------- */

static gboolean
write_all (int fd, const guint8 *data, gsize len, GError **error)
{
  while (len > 0)
    {
      /* MSG_NOSIGNAL: a dead peer is an error, not SIGPIPE; a plain write()
       * where @fd is not a socket (a worker's stdout redirected by hand) */
      gssize n = send (fd, data, len, MSG_NOSIGNAL);

      if (n < 0 && errno == ENOTSOCK)
        n = write (fd, data, len);
      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
shinsa_parser_write_frame (int fd, GVariant *message, GError **error)
{
  /* serialised in place: a page image is not copied again */
  gsize size = g_variant_get_size (message);
  const guint8 *data = g_variant_get_data (message);
  guint8 header[8];
  guint64 le = GUINT64_TO_LE ((guint64) size);

  memcpy (header, &le, sizeof header);
  return write_all (fd, header, sizeof header, error) &&
         (size == 0 || write_all (fd, data, size, error));
}

gboolean
shinsa_parser_write_payload (int fd, const void *data, gsize size, GError **error)
{
  guint8 header[8];
  guint64 le = GUINT64_TO_LE ((guint64) size);

  memcpy (header, &le, sizeof header);
  return write_all (fd, header, sizeof header, error) &&
         (size == 0 || write_all (fd, data, size, error));
}

/* reads exactly @len bytes; with a deadline (monotonic µs, 0: none) and a
 * cancellable, polling.  *@eof when the peer closed before the first byte */
static gboolean
read_all (int fd, guint8 *buf, gsize len, gint64 deadline, GCancellable *cancellable,
          gboolean *eof, GError **error)
{
  gsize done = 0;

  *eof = FALSE;
  while (done < len)
    {
      struct pollfd p = { fd, POLLIN, 0 };
      int timeout = POLL_SLICE_MS;
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (deadline > 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0)
            {
              g_set_error_literal (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_TIMEOUT,
                                   _("The document parser ran out of time"));
              return FALSE;
            }
          timeout = (int) MIN (timeout, left / 1000 + 1);
        }
      if (cancellable == NULL && deadline == 0)
        timeout = -1;
      if (poll (&p, 1, timeout) < 0)
        {
          if (errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
          return FALSE;
        }
      if (p.revents == 0)
        continue;
      n = read (fd, buf + done, len - done);
      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR || saved == EAGAIN)
            continue;
          if (saved == ECONNRESET && done == 0)
            {
              *eof = TRUE;
              return FALSE;
            }
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        {
          *eof = done == 0;
          if (!*eof)
            g_set_error_literal (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_PROTOCOL,
                                 _("The document parser stopped in the middle of a reply"));
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

static GBytes *
read_frame (int fd, guint64 max_size, gint64 deadline, GCancellable *cancellable,
            gboolean *eof, GError **error)
{
  guint8 header[8];
  guint64 size;
  guint8 *data;

  if (!read_all (fd, header, sizeof header, deadline, cancellable, eof, error))
    return NULL;
  memcpy (&size, header, sizeof size);
  size = GUINT64_FROM_LE (size);
  if (size > max_size)
    {
      g_set_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_PROTOCOL,
                   _("The document parser sent %" G_GUINT64_FORMAT " bytes, more than the limit of %"
                     G_GUINT64_FORMAT), size, max_size);
      return NULL;
    }
  data = g_try_malloc (MAX (size, 1));
  if (data == NULL)
    {
      g_set_error_literal (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_MEMORY,
                           _("No memory for the document parser's reply"));
      return NULL;
    }
  if (!read_all (fd, data, size, deadline, cancellable, eof, error))
    {
      if (*eof)
        g_set_error_literal (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_PROTOCOL,
                             _("The document parser stopped in the middle of a reply"));
      *eof = FALSE;
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

GBytes *
shinsa_parser_read_frame (int fd, guint64 max_size, GError **error)
{
  gboolean eof = FALSE;

  return read_frame (fd, max_size, 0, NULL, &eof, error);
}

/* ---- a request ---------------------------------------------------------- */

/* why the worker ended, from its wait status */
static void
set_death_error (ShinsaParser *parser, int status, GError **error)
{
  if (status != -1 && WIFSIGNALED (status))
    {
      int sig = WTERMSIG (status);

      if (sig == SIGXCPU)
        g_set_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_TIMEOUT,
                     _("The document parser used up its %u s of CPU time"), parser->limits.cpu_seconds);
      else
        g_set_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_CRASHED,
                     _("The document parser crashed (%s)"), g_strsignal (sig));
    }
  else if (status != -1 && WIFEXITED (status) && WEXITSTATUS (status) == SHINSA_PARSER_EXIT_MEMORY)
    g_set_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_MEMORY,
                 _("The document parser ran out of memory (limit %" G_GUINT64_FORMAT " MiB)"),
                 parser->limits.address_space >> 20);
  else
    g_set_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_PROTOCOL,
                 _("The document parser stopped (status %d)"),
                 status != -1 && WIFEXITED (status) ? WEXITSTATUS (status) : -1);
}

GVariant *
shinsa_parser_call (ShinsaParser *parser,
                    GVariant *request,
                    guint timeout_ms,
                    GCancellable *cancellable,
                    GError **error)
{
  return shinsa_parser_call_full (parser, request, timeout_ms, cancellable, NULL, error);
}

GVariant *
shinsa_parser_call_full (ShinsaParser *parser,
                         GVariant *request,
                         guint timeout_ms,
                         GCancellable *cancellable,
                         GBytes **payload,
                         GError **error)
{
  guint64 payload_size = 0;
  g_autoptr(GVariant) req = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) local = NULL;
  gint64 deadline = 0;
  gboolean eof = FALSE;
  GVariant *reply;

  g_return_val_if_fail (parser != NULL, NULL);
  g_return_val_if_fail (request != NULL && g_variant_is_of_type (request, G_VARIANT_TYPE_VARDICT), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  req = g_variant_ref_sink (request);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (timeout_ms > 0)
    deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  if (parser->pid == 0 && !parser_start (parser, error))
    return NULL;

  if (!shinsa_parser_write_frame (parser->fd, req, &local))
    {
      /* the worker died since its last reply (its limits, a signal) */
      int status = parser_stop (parser, TRUE);

      set_death_error (parser, status, error);
      return NULL;
    }

  frame = read_frame (parser->fd, parser->limits.max_reply, deadline, cancellable, &eof, &local);
  if (frame == NULL)
    {
      int status = parser_stop (parser, !eof);

      if (eof)
        set_death_error (parser, status, error);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* untrusted: GVariant reads malformed data safely as defaults */
  reply = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, frame, FALSE));
  if (payload != NULL)
    *payload = NULL;
  if (g_variant_lookup (reply, "payload", "t", &payload_size))
    {
      g_autoptr(GBytes) bytes = NULL;

      if (payload_size > parser->limits.max_reply)
        {
          g_set_error (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_PROTOCOL,
                       _("The document parser announced %" G_GUINT64_FORMAT " bytes, more than the limit of %"
                         G_GUINT64_FORMAT), payload_size, parser->limits.max_reply);
          parser_stop (parser, TRUE);
          g_variant_unref (reply);
          return NULL;
        }
      bytes = read_frame (parser->fd, payload_size, deadline, cancellable, &eof, &local);
      if (bytes == NULL || g_bytes_get_size (bytes) != payload_size)
        {
          int status = parser_stop (parser, bytes == NULL && !eof);

          if (bytes == NULL && eof)
            set_death_error (parser, status, error);
          else if (bytes == NULL)
            g_propagate_error (error, g_steal_pointer (&local));
          else
            g_set_error_literal (error, SHINSA_PARSER_ERROR, SHINSA_PARSER_ERROR_PROTOCOL,
                                 _("The document parser sent less than it announced"));
          g_variant_unref (reply);
          return NULL;
        }
      if (payload != NULL)
        *payload = g_steal_pointer (&bytes);
    }
  return reply;
}

/* ---- page images ---------------------------------------------------------- */

gboolean
shinsa_parser_image_parse (GVariant *info, gsize payload_size, ShinsaParserImage *out)
{
  guint32 w, h, d, wpl;
  gint32 xres, yres;

  g_return_val_if_fail (out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  if (info == NULL || !g_variant_is_of_type (info, G_VARIANT_TYPE (SHINSA_PARSER_IMAGE_TYPE)))
    return FALSE;
  g_variant_get (info, "(uuuuii)", &w, &h, &d, &wpl, &xres, &yres);
  if (w == 0 || h == 0 || w > 1000000 || h > 1000000 || (d != 1 && d != 8 && d != 32))
    return FALSE;
  if (wpl != ((guint64) w * d + 31) / 32 || payload_size != (guint64) wpl * h * 4)
    return FALSE;
  out->width = w;
  out->height = h;
  out->depth = d;
  out->wpl = wpl;
  out->xres = MAX (xres, 0);
  out->yres = MAX (yres, 0);
  out->size = payload_size;
  return TRUE;
}
