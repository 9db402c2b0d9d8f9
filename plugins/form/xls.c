/* shinsa — reading .xls workbooks (BIFF, from older CD-Rs) with libfreexl
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libfreexl gives values, not fonts: biff.c reads the fonts of the same
 * file (cell XFs, rich-text runs of shared strings) and each cell's value
 * from libfreexl is split into runs with their colours, so red marking on an
 * .xls form is seen as on an .xlsx.  When biff.c cannot read a file the
 * values still come, in one uncoloured run per cell.
 *
 * libfreexl 1.0.6 (Debian 12) overflows a heap buffer on a crafted OLE2
 * header (found by tools/fuzz/fuzz-workbook): it is never run inside shinsa.
 * form_read_xls() runs xls-worker.c's program on the file, with limits on
 * memory, CPU time and open files, and reads the cells back as JSON; a
 * worker that crashes or is killed makes the file unreadable, not the batch.
 */
#include <string.h>
#include <signal.h>
#include <sys/resource.h>

#include <freexl.h>
#include <glib/gstdio.h>

#include "biff.h"
#include "form.h"

/* what libfreexl's failure to open a file says about the file */
static FormError
open_error_code (int r)
{
  switch (r)
    {
    case FREEXL_CRAFTED_FILE:
      return FORM_ERROR_HOSTILE;
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      /* not OLE2, or OLE2 without a workbook stream (a Word file) */
      return FORM_ERROR_NOT_WORKBOOK;
    case FREEXL_INSUFFICIENT_MEMORY:
      return FORM_ERROR_LIMIT;
    default:
      return FORM_ERROR_MALFORMED;
    }
}

FormBook *
form_read_xls_direct (const char *local_path, const char *path, const FormLimits *limits, GError **error)
{
  const void *handle = NULL;
  g_autoptr(FormBook) book = form_book_new (path, "xls");
  g_autoptr(BiffBook) fonts = NULL;
  unsigned int sheets = 0;
  guint cells = 0;
  GStatBuf st;
  int r;

  if (g_stat (local_path, &st) == 0 && (guint64) st.st_size > limits->max_file_bytes)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT, "'%s' is too large to be a form", path);
      return NULL;
    }
  {
    g_autoptr(GMappedFile) map = g_mapped_file_new (local_path, FALSE, NULL);
    g_autoptr(GError) biff_error = NULL;

    if (map != NULL)
      fonts = biff_book_read ((const guint8 *) g_mapped_file_get_contents (map),
                              g_mapped_file_get_length (map), &biff_error);
    if (fonts == NULL && biff_error != NULL)
      g_debug ("no font colours from '%s': %s", path, biff_error->message);
  }
  r = freexl_open (local_path, &handle);
  if (r != FREEXL_OK)
    {
      g_set_error (error, FORM_ERROR, open_error_code (r),
                   "'%s' is not a readable Excel 97–2003 workbook (freexl error %d)", path, r);
      if (handle != NULL)
        freexl_close (handle);
      return NULL;
    }
  if (freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK)
    sheets = 0;
  if (sheets > limits->max_sheets)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT, "'%s' has more than %u sheets", path, limits->max_sheets);
      freexl_close (handle);
      return NULL;
    }
  for (unsigned short s = 0; s < sheets; s++)
    {
      const char *name = NULL;
      unsigned int rows = 0;
      unsigned short cols = 0;
      FormSheet *sheet;

      if (freexl_get_worksheet_name (handle, s, &name) != FREEXL_OK
          || freexl_select_active_worksheet (handle, s) != FREEXL_OK
          || freexl_worksheet_dimensions (handle, &rows, &cols) != FREEXL_OK)
        continue;
      sheet = form_book_add_sheet (book, name != NULL && g_utf8_validate (name, -1, NULL) ? name : "");
      if (rows > limits->max_rows)
        rows = limits->max_rows;
      if (cols > limits->max_cols)
        cols = (unsigned short) limits->max_cols;
      for (unsigned int row = 0; row < rows; row++)
        for (unsigned short col = 0; col < cols; col++)
          {
            FreeXL_CellValue v;
            g_autofree char *text = NULL;

            if (freexl_get_cell_value (handle, row, col, &v) != FREEXL_OK)
              continue;
            switch (v.type)
              {
              case FREEXL_CELL_INT:
                text = g_strdup_printf ("%d", v.value.int_value);
                break;
              case FREEXL_CELL_DOUBLE:
                {
                  char buf[G_ASCII_DTOSTR_BUF_SIZE];
                  g_ascii_formatd (buf, sizeof buf, "%.15g", v.value.double_value);
                  text = g_strdup (buf);
                }
                break;
              case FREEXL_CELL_TEXT:
              case FREEXL_CELL_SST_TEXT:
              case FREEXL_CELL_DATE:
              case FREEXL_CELL_DATETIME:
              case FREEXL_CELL_TIME:
                if (v.value.text_value != NULL)
                  text = g_strdup (v.value.text_value);
                break;
              default:
                break;
              }
            if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
              continue;
            if (++cells > limits->max_cells)
              {
                g_set_error (error, FORM_ERROR, FORM_ERROR_LIMIT,
                             "'%s' has more than %u cells with values (sheet '%s')", path,
                             limits->max_cells, sheet->name);
                freexl_close (handle);
                return NULL;
              }
            /* BIFF text uses \r\n inside cells */
            {
              g_autoptr(GString) s2 = g_string_new (text);
              g_string_replace (s2, "\r\n", "\n", 0);
              form_sheet_set (sheet, row + 1, col + 1u, s2->str,
                              fonts != NULL ? biff_book_cell_runs (fonts, name, row, col, text) : NULL);
            }
          }
    }
  freexl_close (handle);
  if (book->sheets->len == 0)
    {
      /* Excel writes no .xls without a worksheet; libfreexl finds none in
       * a damaged file (and in the crafted one that overflows its heap) */
      g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED, "'%s' has no readable worksheet", path);
      return NULL;
    }
  return g_steal_pointer (&book);
}

/* ---- the isolated reader --------------------------------------------------- */

static char *
worker_path (void)
{
  const char *env = g_getenv ("SHINSA_XLS_WORKER");
  const char *build_root = g_getenv ("SHINSA_BUILD_ROOT");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  /* the tests and the demo run from the build tree */
  if (build_root != NULL || !g_file_test (SHINSA_XLS_WORKER_INSTALLED, G_FILE_TEST_IS_EXECUTABLE))
    {
      char *built = g_build_filename (build_root != NULL ? build_root : SHINSA_BUILD_ROOT_DIR,
                                      "plugins", "form", "shinsa-xls-worker", NULL);
      if (g_file_test (built, G_FILE_TEST_IS_EXECUTABLE))
        return built;
      g_free (built);
    }
  return g_strdup (SHINSA_XLS_WORKER_INSTALLED);
}

/* in the child, before exec: what one .xls may cost */
static void
limit_worker (gpointer data)
{
  struct rlimit as = { 1024UL * 1024 * 1024, 1024UL * 1024 * 1024 };
  struct rlimit cpu = { 60, 61 };
  struct rlimit files = { 16, 16 };

  (void) data;
#if !defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer reserves terabytes of address space for its shadow: in
   * a sanitizer build the worker is limited by CPU time and files only */
  setrlimit (RLIMIT_AS, &as);
#else
  (void) as;
#endif
  setrlimit (RLIMIT_CPU, &cpu);
  setrlimit (RLIMIT_NOFILE, &files);
}

/* a cell's runs as the worker printed them, or NULL (one uncoloured run)
 * when there are none or they do not make up the cell's text */
static GArray *
worker_runs (JsonArray *cell)
{
  JsonNode *node = json_array_get_length (cell) > 3 ? json_array_get_element (cell, 3) : NULL;
  JsonArray *list = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  const char *text = json_array_get_string_element (cell, 2);
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  if (list == NULL || text == NULL)
    return NULL;
  runs = form_runs_new ();
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *rn = json_array_get_element (list, i);
      JsonArray *r = JSON_NODE_HOLDS_ARRAY (rn) ? json_node_get_array (rn) : NULL;
      JsonNode *colour = r != NULL && json_array_get_length (r) == 3 ? json_array_get_element (r, 1) : NULL;
      ShinsaFormRun run = { NULL, 0, FALSE, FALSE };
      guint64 rgb = 0;
      char *end = NULL;

      if (colour == NULL || json_node_get_value_type (json_array_get_element (r, 0)) != G_TYPE_STRING
          || json_node_get_value_type (json_array_get_element (r, 2)) != G_TYPE_BOOLEAN)
        return NULL;
      if (!JSON_NODE_HOLDS_NULL (colour))
        {
          const char *hex = JSON_NODE_HOLDS_VALUE (colour) ? json_node_get_string (colour) : NULL;
          if (hex == NULL || strlen (hex) != 6 || (rgb = g_ascii_strtoull (hex, &end, 16), *end != '\0'))
            return NULL;
          run.color = (guint32) rgb;
          run.has_color = TRUE;
        }
      run.strike = json_array_get_boolean_element (r, 2);
      run.text = g_strdup (json_array_get_string_element (r, 0));
      g_string_append (joined, run.text);
      g_array_append_val (runs, run);
    }
  if (runs->len == 0 || strcmp (joined->str, text) != 0)
    return NULL;
  return g_steal_pointer (&runs);
}

FormBook *
form_read_xls (const char *local_path, const char *path, const FormLimits *limits, GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *worker = worker_path ();
  g_autofree char *lim = g_strdup_printf ("%" G_GUINT64_FORMAT ",%u,%u,%u,%u", limits->max_file_bytes,
                                          limits->max_sheets, limits->max_rows, limits->max_cols,
                                          limits->max_cells);
  g_autoptr(FormBook) book = form_book_new (path, "xls");
  JsonObject *root;
  JsonArray *sheets;
  const char *data;
  gsize size;

  g_subprocess_launcher_set_child_setup (launcher, limit_worker, NULL, NULL);
  proc = g_subprocess_launcher_spawn (launcher, &local, worker, local_path, path, lim, NULL);
  if (proc == NULL)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_FAILED, "cannot read '%s': cannot start '%s': %s",
                   path, worker, local->message);
      return NULL;
    }
  if (!g_subprocess_communicate (proc, NULL, NULL, &out, NULL, &local))
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_FAILED, "cannot read '%s': %s", path, local->message);
      return NULL;
    }
  if (g_subprocess_get_if_signaled (proc))
    {
      int sig = g_subprocess_get_term_sig (proc);
      g_set_error (error, FORM_ERROR, FORM_ERROR_CRASHED,
                   "'%s' crashed the Excel 97–2003 reader (%s): a damaged or crafted workbook",
                   path, sig == SIGXCPU || sig == SIGKILL ? "out of time" : g_strsignal (sig));
      return NULL;
    }
  data = out != NULL ? g_bytes_get_data (out, &size) : NULL;
  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) size, &local)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      /* a sanitizer build's worker exits 1 on what would crash the other */
      g_set_error (error, FORM_ERROR, FORM_ERROR_CRASHED, "'%s': the Excel 97–2003 reader stopped (status %d)",
                   path, g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (root, "error"))
    {
      JsonObject *e = json_object_get_object_member (root, "error");
      g_set_error_literal (error, FORM_ERROR, (int) json_object_get_int_member_with_default (e, "code", FORM_ERROR_FAILED),
                           json_object_get_string_member_with_default (e, "message", "unreadable"));
      return NULL;
    }
  sheets = json_object_get_array_member (root, "sheets");
  for (guint i = 0; sheets != NULL && i < json_array_get_length (sheets); i++)
    {
      JsonObject *so = json_array_get_object_element (sheets, i);
      FormSheet *sheet = form_book_add_sheet (book, json_object_get_string_member_with_default (so, "name", ""));
      JsonArray *cells = json_object_get_array_member (so, "cells");

      for (guint c = 0; cells != NULL && c < json_array_get_length (cells); c++)
        {
          JsonArray *cell = json_array_get_array_element (cells, c);
          if (cell == NULL || json_array_get_length (cell) < 3)
            continue;
          form_sheet_set (sheet, (guint) json_array_get_int_element (cell, 0),
                          (guint) json_array_get_int_element (cell, 1),
                          json_array_get_string_element (cell, 2),
                          worker_runs (cell));
        }
    }
  if (book->sheets->len == 0)
    {
      g_set_error (error, FORM_ERROR, FORM_ERROR_MALFORMED, "'%s' has no readable worksheet", path);
      return NULL;
    }
  return g_steal_pointer (&book);
}
