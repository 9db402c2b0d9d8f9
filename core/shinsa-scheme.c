/* shinsa — certification schemes, read from tab-separated files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "shinsa-private.h"
#include "shinsa-scheme.h"

G_DEFINE_QUARK (shinsa-scheme-error-quark, shinsa_scheme_error)

static const char *const known_names[] = { "iaas-paas-iot", "tokutei-asp-saas", NULL };

const char *const *
shinsa_scheme_known_names (void)
{
  return known_names;
}

static void
scheme_item_free (gpointer data)
{
  ShinsaSchemeItem *item = data;
  g_free (item->section);
  g_free (item->name);
  g_strfreev (item->fields);
  g_free (item->required);
  g_free (item->requirement);
  g_free (item);
}

static void
requirement_free (gpointer data)
{
  ShinsaSchemeRequirement *r = data;
  g_free (r->category);
  g_free (r->text);
  g_free (r->kind);
  g_free (r->unmet);
  g_free (r->exempt);
  g_free (r->minimum);
  g_free (r);
}

G_DEFINE_BOXED_TYPE (ShinsaScheme, shinsa_scheme, shinsa_scheme_ref, shinsa_scheme_unref)

ShinsaScheme *
shinsa_scheme_ref (ShinsaScheme *scheme)
{
  g_return_val_if_fail (scheme != NULL, NULL);
  g_atomic_ref_count_inc (&scheme->ref_count);
  return scheme;
}

void
shinsa_scheme_unref (ShinsaScheme *scheme)
{
  g_return_if_fail (scheme != NULL);
  if (!g_atomic_ref_count_dec (&scheme->ref_count))
    return;
  g_free (scheme->name);
  g_ptr_array_unref (scheme->items);
  g_ptr_array_unref (scheme->requirements);
  g_free (scheme);
}

char *
shinsa_scheme_find_file (const char *name, const char *suffix, GError **error)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *file = NULL;
  g_autoptr(GString) looked = g_string_new (NULL);
  const char *env;

  g_return_val_if_fail (name != NULL && suffix != NULL, NULL);

  if (*name == '\0' || strchr (name, '/') != NULL || name[0] == '.')
    {
      g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_NOT_FOUND,
                   "no scheme named '%s'", name);
      return NULL;
    }
  env = g_getenv ("SHINSA_SCHEME_PATH");
  if (env != NULL && *env != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_ptr_array_add (dirs, g_strdup (parts[i]));
    }
  if (shinsa_running_from_build_tree ())
    g_ptr_array_add (dirs, g_strdup (SHINSA_SOURCE_ROOT "/schemes"));
  g_ptr_array_add (dirs, g_strdup (SHINSA_SCHEME_DIR));

  file = g_strconcat (name, suffix, NULL);
  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, i), file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
      g_string_append_printf (looked, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (dirs, i));
    }
  g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_NOT_FOUND,
               "no scheme file '%s' (looked in %s)", file, looked->str);
  return NULL;
}

/* a TSV file as rows of columns by header name; blank lines and lines
 * starting with '#' are skipped */
typedef struct {
  char *path;
  GStrv header;
  GPtrArray *rows;        /* GStrv, with line numbers in @lines */
  GArray *lines;
} Table;

static void
table_free (Table *t)
{
  g_free (t->path);
  g_strfreev (t->header);
  g_ptr_array_unref (t->rows);
  g_array_unref (t->lines);
  g_free (t);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static Table *
table_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(Table) t = g_new0 (Table, 1);

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                   "%s: not UTF-8", path);
      return NULL;
    }
  t->path = g_strdup (path);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  t->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      guint lineno = i + 1;

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (*line == '\0' || *line == '#')
        continue;
      if (t->header == NULL)
        t->header = g_strsplit (line, "\t", -1);
      else
        {
          g_ptr_array_add (t->rows, g_strsplit (line, "\t", -1));
          g_array_append_val (t->lines, lineno);
        }
    }
  if (t->header == NULL)
    {
      g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                   "%s: no header line", path);
      return NULL;
    }
  return g_steal_pointer (&t);
}

static int
table_column (Table *t, const char *name)
{
  for (guint i = 0; t->header[i] != NULL; i++)
    if (strcmp (t->header[i], name) == 0)
      return (int) i;
  return -1;
}

/* (transfer none) (nullable): the cell, NULL when the row is short or the
 * column absent */
static const char *
table_get (Table *t, guint row, int column)
{
  GStrv cols = g_ptr_array_index (t->rows, row);
  if (column < 0 || (guint) column >= g_strv_length (cols))
    return NULL;
  return cols[column];
}

static char *
dup_nonempty (const char *s)
{
  return s != NULL && *s != '\0' ? g_strdup (s) : NULL;
}

static gboolean
parse_int (Table *t, guint row, const char *what, const char *s, int min, int *out, GError **error)
{
  char *end = NULL;
  gint64 v;

  if (s == NULL || *s == '\0')
    {
      *out = 0;
      return TRUE;
    }
  v = g_ascii_strtoll (s, &end, 10);
  if (*end != '\0' || v < min || v > 100000)
    {
      g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                   "%s:%u: %s '%s' is not a number", t->path,
                   g_array_index (t->lines, guint, row), what, s);
      return FALSE;
    }
  *out = (int) v;
  return TRUE;
}

static gboolean
load_items (ShinsaScheme *scheme, const char *path, GError **error)
{
  g_autoptr(Table) t = table_load (path, error);
  int c_no, c_section, c_item, c_class, c_fields, c_required, c_requirement;

  if (t == NULL)
    return FALSE;
  c_no = table_column (t, "no");
  c_section = table_column (t, "section");
  c_item = table_column (t, "item");
  c_class = table_column (t, "class");
  c_fields = table_column (t, "fields");
  c_required = table_column (t, "required_fields");
  c_requirement = table_column (t, "requirement");
  if (c_no < 0 || c_item < 0 || c_class < 0)
    {
      g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                   "%s:1: the header needs the columns no, item and class", path);
      return FALSE;
    }

  for (guint r = 0; r < t->rows->len; r++)
    {
      ShinsaSchemeItem *item = g_new0 (ShinsaSchemeItem, 1);
      const char *klass = table_get (t, r, c_class);
      const char *fields = table_get (t, r, c_fields);
      const char *required = table_get (t, r, c_required);

      g_ptr_array_add (scheme->items, item);
      if (!parse_int (t, r, "no", table_get (t, r, c_no), 1, &item->no, error))
        return FALSE;
      if (item->no != (int) scheme->items->len)
        {
          g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                       "%s:%u: item %d out of order; items are numbered 1, 2, 3…",
                       path, g_array_index (t->lines, guint, r), item->no);
          return FALSE;
        }
      item->section = g_strdup (table_get (t, r, c_section) != NULL ? table_get (t, r, c_section) : "");
      item->name = g_strdup (table_get (t, r, c_item) != NULL ? table_get (t, r, c_item) : "");
      if (klass == NULL || !shinsa_item_class_from_string (klass, &item->klass)
          || item->klass == SHINSA_ITEM_CLASS_UNKNOWN)
        {
          g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                       "%s:%u: class '%s' unknown; use required, optional, mixed or required+threshold",
                       path, g_array_index (t->lines, guint, r), klass != NULL ? klass : "");
          return FALSE;
        }
      item->fields = fields != NULL && *fields != '\0' ? g_strsplit (fields, " | ", -1) : g_new0 (char *, 1);
      {
        g_auto(GStrv) parts = g_strsplit (required != NULL ? required : "", ",", -1);
        guint n = 0;
        item->required = g_new0 (int, g_strv_length (parts) + 1);
        for (guint i = 0; parts[i] != NULL; i++)
          {
            int v;
            g_strstrip (parts[i]);
            if (*parts[i] == '\0')
              continue;
            if (!parse_int (t, r, "required_fields", parts[i], 1, &v, error))
              return FALSE;
            item->required[n++] = v;
          }
      }
      item->requirement = dup_nonempty (table_get (t, r, c_requirement));
    }
  return TRUE;
}

static gboolean
check_regex (Table *t, guint r, const char *pattern, GError **error)
{
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GError) local = NULL;

  if (pattern == NULL)
    return TRUE;
  re = g_regex_new (pattern, 0, 0, &local);
  if (re == NULL)
    {
      g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                   "%s:%u: bad regular expression '%s': %s", t->path,
                   g_array_index (t->lines, guint, r), pattern, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_requirements (ShinsaScheme *scheme, const char *path, GError **error)
{
  g_autoptr(Table) t = table_load (path, error);
  int c_no, c_category, c_text, c_kind, c_field, c_unmet, c_exempt, c_minimum;

  if (t == NULL)
    return FALSE;
  c_no = table_column (t, "no");
  c_category = table_column (t, "category");
  c_text = table_column (t, "requirement");
  c_kind = table_column (t, "kind");
  c_field = table_column (t, "field");
  c_unmet = table_column (t, "unmet");
  c_exempt = table_column (t, "exempt");
  c_minimum = table_column (t, "minimum");
  if (c_text < 0 || c_kind < 0)
    {
      g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                   "%s:1: the header needs the columns requirement and kind", path);
      return FALSE;
    }
  for (guint r = 0; r < t->rows->len; r++)
    {
      ShinsaSchemeRequirement *req = g_new0 (ShinsaSchemeRequirement, 1);
      const char *kind = table_get (t, r, c_kind);

      g_ptr_array_add (scheme->requirements, req);
      if (!parse_int (t, r, "no", table_get (t, r, c_no), 0, &req->no, error)
          || !parse_int (t, r, "field", table_get (t, r, c_field), 0, &req->field, error))
        return FALSE;
      req->category = dup_nonempty (table_get (t, r, c_category));
      req->text = g_strdup (table_get (t, r, c_text) != NULL ? table_get (t, r, c_text) : "");
      if (g_strcmp0 (kind, "measure") != 0 && g_strcmp0 (kind, "minimum") != 0)
        {
          g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                       "%s:%u: kind '%s' unknown; use measure or minimum", path,
                       g_array_index (t->lines, guint, r), kind != NULL ? kind : "");
          return FALSE;
        }
      req->kind = g_strdup (kind);
      req->unmet = dup_nonempty (table_get (t, r, c_unmet));
      req->exempt = dup_nonempty (table_get (t, r, c_exempt));
      req->minimum = dup_nonempty (table_get (t, r, c_minimum));
      if (!check_regex (t, r, req->unmet, error) || !check_regex (t, r, req->exempt, error))
        return FALSE;
      if (req->no > 0)
        {
          ShinsaSchemeItem *item = (ShinsaSchemeItem *) shinsa_scheme_get_item (scheme, req->no);
          if (item == NULL)
            {
              g_set_error (error, SHINSA_SCHEME_ERROR, SHINSA_SCHEME_ERROR_PARSE,
                           "%s:%u: no item %d in the scheme's catalogue", path,
                           g_array_index (t->lines, guint, r), req->no);
              return FALSE;
            }
          item->check = req;
        }
    }
  return TRUE;
}

ShinsaScheme *
shinsa_scheme_load (const char *name, GError **error)
{
  g_autoptr(ShinsaScheme) scheme = NULL;
  g_autofree char *items_path = NULL;
  g_autofree char *req_path = NULL;
  g_autoptr(GError) items_error = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  scheme = g_new0 (ShinsaScheme, 1);
  g_atomic_ref_count_init (&scheme->ref_count);
  scheme->name = g_strdup (name);
  scheme->items = g_ptr_array_new_with_free_func (scheme_item_free);
  scheme->requirements = g_ptr_array_new_with_free_func (requirement_free);

  /* a scheme may have only requirements: the seeds give no item catalogue
   * for the 特定個人情報 scheme */
  items_path = shinsa_scheme_find_file (name, ".tsv", &items_error);
  req_path = shinsa_scheme_find_file (name, "-requirements.tsv", NULL);
  if (items_path == NULL && req_path == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&items_error));
      return NULL;
    }
  if (items_path != NULL && !load_items (scheme, items_path, error))
    return NULL;
  if (req_path != NULL && !load_requirements (scheme, req_path, error))
    return NULL;
  return g_steal_pointer (&scheme);
}

const ShinsaSchemeItem *
shinsa_scheme_get_item (const ShinsaScheme *scheme, int no)
{
  g_return_val_if_fail (scheme != NULL, NULL);
  if (no < 1 || (guint) no > scheme->items->len)
    return NULL;
  return g_ptr_array_index (scheme->items, no - 1);
}

gboolean
shinsa_scheme_item_field_required (const ShinsaSchemeItem *item, int field)
{
  g_return_val_if_fail (item != NULL, FALSE);
  if (item->klass == SHINSA_ITEM_CLASS_OPTIONAL)
    return FALSE;
  for (guint i = 0; item->required[i] != 0; i++)
    if (item->required[i] == field)
      return TRUE;
  return FALSE;
}

const char *
shinsa_scheme_guess_from_title (const char *text)
{
  g_autofree char *norm = NULL;

  if (text == NULL)
    return NULL;
  norm = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (norm == NULL)
    return NULL;
  if (strstr (norm, "特定個人情報") != NULL)
    return "tokutei-asp-saas";
  if (strstr (norm, "IaaS") != NULL || strstr (norm, "PaaS") != NULL || strstr (norm, "IoT") != NULL)
    return "iaas-paas-iot";
  return NULL;
}
