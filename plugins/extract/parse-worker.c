/* shinsa-parse-worker — poppler and Leptonica in a process of their own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   shinsa-parse-worker CPU_SECONDS
 *
 * Answers requests (see parse-ops.h) framed on stdin with replies framed on
 * stdout, one at a time, until stdin ends.  ShinsaParser starts it with
 * limits on its address space and open files, and no core dumps; each
 * request gets CPU_SECONDS of CPU time on top of what the ones before used
 * (SIGXCPU ends it past that).  A document that crashes or stalls poppler
 * or Leptonica costs this process, never the batch.
 */
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/resource.h>

#include "ocr-private.h"
#include "parse-ops.h"

#define MAX_REQUEST (1 << 20)

#ifdef PARSE_WORKER_TEST_HOOKS
/* tests/meson.build builds this worker a second time as fake-parse-worker,
 * which misbehaves on files whose name says how: the ways a hostile file
 * makes poppler or Leptonica fail, on demand (PAGECRASH: only when a page
 * is read, not when the file is opened and counted) */
#include <signal.h>
#include <string.h>

static void
misbehave (GVariant *request)
{
  const char *path = NULL;

  const char *op = "";

  if (!g_variant_lookup (request, "path", "&s", &path))
    return;
  g_variant_lookup (request, "op", "&s", &op);
  if (strstr (path, "PAGECRASH") != NULL)
    {
      if (strcmp (op, "pdf-page") == 0)
        raise (SIGSEGV);
    }
  else if (strstr (path, "CRASH") != NULL)
    raise (SIGSEGV);
  if (strstr (path, "HANG") != NULL)
    for (;;)
      g_usleep (G_USEC_PER_SEC);
  if (strstr (path, "SPIN") != NULL)
    for (volatile guint64 i = 0;; i++)
      ;
  if (strstr (path, "BALLOON") != NULL)
    for (;;)
      {
        char *block = malloc (64 << 20);
        if (block == NULL)
          abort ();           /* as g_malloc does */
        memset (block, 1, 64 << 20);
      }
  if (strstr (path, "GARBAGE") != NULL)
    {
      static const guint8 huge[8] = { 0, 0, 0, 0, 0, 1, 0, 0 };
      if (write (STDOUT_FILENO, huge, sizeof huge) != sizeof huge)
        _exit (3);
      _exit (0);
    }
  if (strstr (path, "EXIT") != NULL)
    _exit (7);
}
#endif

/* ---- telling a crash from running out of memory --------------------------
 *
 * Under RLIMIT_AS a failed malloc makes GLib abort and may make poppler
 * dereference NULL: the parent would only see SIGABRT or SIGSEGV.  The
 * handler looks at how much address space the process holds when it dies
 * and exits with SHINSA_PARSER_EXIT_MEMORY when it was most of what it may
 * have beyond what it started with.  Only async-signal-safe calls. */

static guint64 vm_start, vm_limit;
static long page_size;

static guint64
vm_size (void)
{
  char buf[64];
  guint64 pages = 0;
  ssize_t n;
  int fd = open ("/proc/self/statm", O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return 0;
  n = read (fd, buf, sizeof buf - 1);
  close (fd);
  for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
    pages = pages * 10 + (guint64) (buf[i] - '0');
  return pages * (guint64) page_size;
}

static void
on_fatal (int sig)
{
  guint64 now = vm_size ();

  if (vm_limit > vm_start && now > vm_start && (now - vm_start) * 2 >= vm_limit - vm_start)
    _exit (SHINSA_PARSER_EXIT_MEMORY);
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
watch_memory (void)
{
#if !defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer has its own handlers, and no address-space limit */
  static char alt_stack[64 * 1024];
  stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof alt_stack };
  struct sigaction sa = { .sa_handler = on_fatal, .sa_flags = SA_ONSTACK | SA_RESETHAND };
  struct rlimit as;

  if (getrlimit (RLIMIT_AS, &as) != 0 || as.rlim_cur == RLIM_INFINITY)
    return;
  page_size = sysconf (_SC_PAGESIZE);
  vm_limit = as.rlim_cur;
  vm_start = vm_size ();
  /* a deep recursion's SIGSEGV needs a stack of its own to be handled */
  sigaltstack (&ss, NULL);
  sigemptyset (&sa.sa_mask);
  sigaction (SIGABRT, &sa, NULL);
  sigaction (SIGSEGV, &sa, NULL);
  sigaction (SIGBUS, &sa, NULL);
#endif
}

static void
allow_cpu (guint seconds)
{
  struct rusage ru;
  struct rlimit cpu;

  if (seconds == 0 || getrusage (RUSAGE_SELF, &ru) != 0 || getrlimit (RLIMIT_CPU, &cpu) != 0)
    return;
  cpu.rlim_cur = (rlim_t) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + seconds);
  if (cpu.rlim_max != RLIM_INFINITY && cpu.rlim_cur > cpu.rlim_max)
    cpu.rlim_cur = cpu.rlim_max;
  setrlimit (RLIMIT_CPU, &cpu);
}

int
main (int argc, char **argv)
{
  guint cpu_seconds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 0;

  if (argc > 2 || isatty (STDIN_FILENO))
    {
      g_printerr ("usage: %s [CPU_SECONDS] < requests > replies  (started by shinsa)\n", argv[0]);
      return 2;
    }
  ocr_quiet_leptonica ();
  watch_memory ();
  /* A page image is tens of megabytes, rendered, converted and sent once
   * per request: glibc would map each afresh and unmap it on free, and the
   * page faults cost more than the rendering.  The worker keeps its heap
   * instead (bounded by RLIMIT_AS), and every page after the first reuses
   * the memory of the one before. */
  mallopt (M_MMAP_MAX, 0);
  mallopt (M_TRIM_THRESHOLD, 1 << 30);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) frame = shinsa_parser_read_frame (STDIN_FILENO, MAX_REQUEST, &error);
      g_autoptr(GVariant) request = NULL;
      g_autoptr(GVariant) reply = NULL;
      PIX *image = NULL;

      if (frame == NULL)
        return error != NULL ? 3 : 0;
      request = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, frame, FALSE));
      allow_cpu (cpu_seconds);
#ifdef PARSE_WORKER_TEST_HOOKS
      misbehave (request);
#endif
      reply = parse_ops_handle (request, &image);
      if (!shinsa_parser_write_frame (STDOUT_FILENO, reply, &error))
        return 3;
      /* a page image's words go as they lie, not copied into the reply */
      if (image != NULL)
        {
          gboolean ok = shinsa_parser_write_payload (STDOUT_FILENO, pixGetData (image),
                                                     (gsize) pixGetWpl (image) * pixGetHeight (image) * 4,
                                                     &error);
          pixDestroy (&image);
          if (!ok)
            return 3;
        }
    }
}
