/* shinsa-xls-worker — reads one .xls with libfreexl in a process of its own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   shinsa-xls-worker LOCAL_PATH PATH MAX_FILE,MAX_SHEETS,MAX_ROWS,MAX_COLS,MAX_CELLS
 *
 * Prints {"sheets": [{"name", "cells": [[row, col, text, runs?], …]}]} or
 * {"error": {"code", "message"}} on stdout.  runs, only when a cell has a
 * font colour or strike-through (biff.c), is [[text, "RRGGBB" or null,
 * struck], …], the texts concatenating to the cell's.  form_read_xls() starts it
 * with limits on memory, CPU time and open files: a workbook that crashes
 * or stalls libfreexl costs this process, never the batch.
 */
#include <stdio.h>
#include <stdlib.h>

#include "form.h"

/* the cell's runs, unless it is one run without colour or strike */
static void
add_runs (JsonBuilder *b, GArray *runs)
{
  const ShinsaFormRun *first = runs->len > 0 ? &g_array_index (runs, ShinsaFormRun, 0) : NULL;

  if (runs->len == 0 || (runs->len == 1 && !first->has_color && !first->strike))
    return;
  json_builder_begin_array (b);
  for (guint i = 0; i < runs->len; i++)
    {
      const ShinsaFormRun *run = &g_array_index (runs, ShinsaFormRun, i);

      json_builder_begin_array (b);
      json_builder_add_string_value (b, run->text);
      if (run->has_color)
        {
          char hex[8];
          g_snprintf (hex, sizeof hex, "%06X", run->color & 0xFFFFFF);
          json_builder_add_string_value (b, hex);
        }
      else
        json_builder_add_null_value (b);
      json_builder_add_boolean_value (b, run->strike);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

int
main (int argc, char **argv)
{
  FormLimits limits;
  g_autoptr(GError) error = NULL;
  g_autoptr(FormBook) book = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  gsize length;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s LOCAL_PATH PATH LIMITS\n", argv[0]);
      return 2;
    }
  form_limits_init_default (&limits);
  {
    g_auto(GStrv) parts = g_strsplit (argv[3], ",", -1);
    if (g_strv_length (parts) == 5)
      {
        limits.max_file_bytes = g_ascii_strtoull (parts[0], NULL, 10);
        limits.max_sheets = (guint) g_ascii_strtoull (parts[1], NULL, 10);
        limits.max_rows = (guint) g_ascii_strtoull (parts[2], NULL, 10);
        limits.max_cols = (guint) g_ascii_strtoull (parts[3], NULL, 10);
        limits.max_cells = (guint) g_ascii_strtoull (parts[4], NULL, 10);
      }
  }

  book = form_read_xls_direct (argv[1], argv[2], &limits, &error);
  json_builder_begin_object (b);
  if (book == NULL)
    {
      json_builder_set_member_name (b, "error");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_int_value (b, error->domain == FORM_ERROR ? error->code : FORM_ERROR_FAILED);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, error->message);
      json_builder_end_object (b);
    }
  else
    {
      json_builder_set_member_name (b, "sheets");
      json_builder_begin_array (b);
      for (guint i = 0; i < book->sheets->len; i++)
        {
          FormSheet *sheet = g_ptr_array_index (book->sheets, i);
          GHashTableIter iter;
          gpointer key, value;

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, sheet->name);
          json_builder_set_member_name (b, "cells");
          json_builder_begin_array (b);
          g_hash_table_iter_init (&iter, sheet->cells);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              FormCell *cell = value;

              json_builder_begin_array (b);
              json_builder_add_int_value (b, cell->row);
              json_builder_add_int_value (b, cell->col);
              json_builder_add_string_value (b, cell->text);
              add_runs (b, cell->runs);
              json_builder_end_array (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, &length);
  if (fwrite (json, 1, length, stdout) != length || fflush (stdout) != 0)
    return 3;
  return 0;
}
