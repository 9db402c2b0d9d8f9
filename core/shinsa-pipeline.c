/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

typedef struct {
  char *name;                          /* the group */
  const ShinsaStageInfo *stage;
  ShinsaOptions *options;
} PipelineStage;

struct _ShinsaPipeline {
  GObject parent_instance;
  ShinsaRegistry *registry;
  char *filename;
  char *name;
  char *description;
  GPtrArray *stages;                   /* PipelineStage */
};

G_DEFINE_FINAL_TYPE (ShinsaPipeline, shinsa_pipeline, G_TYPE_OBJECT)

static const char *const pipeline_keys[] = { "name", "description", NULL };

static void
pipeline_stage_free (gpointer data)
{
  PipelineStage *ps = data;

  g_free (ps->name);
  shinsa_options_free (ps->options);
  g_free (ps);
}

static void
shinsa_pipeline_finalize (GObject *object)
{
  ShinsaPipeline *pipeline = SHINSA_PIPELINE (object);

  g_ptr_array_unref (pipeline->stages);
  g_clear_object (&pipeline->registry);
  g_free (pipeline->filename);
  g_free (pipeline->name);
  g_free (pipeline->description);
  G_OBJECT_CLASS (shinsa_pipeline_parent_class)->finalize (object);
}

static void
shinsa_pipeline_class_init (ShinsaPipelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shinsa_pipeline_finalize;
}

static void
shinsa_pipeline_init (ShinsaPipeline *pipeline)
{
  pipeline->stages = g_ptr_array_new_with_free_func (pipeline_stage_free);
}

/* ---- where things are in the text, for messages ----------------------- */

typedef struct {
  GHashTable *group_lines;             /* group → line (first) */
  GHashTable *key_lines;               /* "group\nkey" → line */
} LineMap;

static void
line_map_clear (LineMap *map)
{
  g_clear_pointer (&map->group_lines, g_hash_table_unref);
  g_clear_pointer (&map->key_lines, g_hash_table_unref);
}

static guint
line_of (LineMap *map, const char *group, const char *key)
{
  g_autofree char *k = NULL;

  if (key == NULL)
    return GPOINTER_TO_UINT (g_hash_table_lookup (map->group_lines, group));
  k = g_strconcat (group, "\n", key, NULL);
  return GPOINTER_TO_UINT (g_hash_table_lookup (map->key_lines, k));
}

/* "FILE:LINE: group [G], key 'K': " */
static char *
where (LineMap *map, const char *file, const char *group, const char *key)
{
  guint line = group != NULL ? line_of (map, group, key) : 0;
  g_autoptr(GString) s = g_string_new (file);

  if (line > 0)
    g_string_append_printf (s, ":%u", line);
  g_string_append (s, ": ");
  if (group != NULL)
    {
      g_string_append_printf (s, "group [%s]", group);
      if (key != NULL)
        g_string_append_printf (s, ", key '%s'", key);
      g_string_append (s, ": ");
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Collects every problem of a file, so that one run of the command shows all
 * of them; the first decides the error code. */
typedef struct {
  GError *first;
  GString *messages;
} Problems;

static void
problem (Problems *p, LineMap *map, const char *file, const char *group, const char *key,
         int code, const char *format, ...) G_GNUC_PRINTF (7, 8);

static void
problem (Problems *p, LineMap *map, const char *file, const char *group, const char *key,
         int code, const char *format, ...)
{
  g_autofree char *prefix = where (map, file, group, key);
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (p->first == NULL)
    p->first = g_error_new (SHINSA_PIPELINE_ERROR, code, "%s%s", prefix, msg);
  if (p->messages->len > 0)
    g_string_append_c (p->messages, '\n');
  g_string_append_printf (p->messages, "%s%s", prefix, msg);
}

/* GKeyFile silently merges repeated groups and keeps the last of repeated
 * keys; a pipeline with either is almost certainly a mistake, so the text is
 * scanned first. */
static void
scan_lines (const char *data, gsize length, const char *file, LineMap *map, Problems *p)
{
  g_autofree char *text = g_strndup (data, length);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *group = NULL;

  map->group_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  map->key_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      guint lineno = i + 1;

      if (*line == '\0' || *line == '#')
        continue;
      if (*line == '[')
        {
          char *end = strchr (line, ']');
          if (end == NULL)
            continue;                  /* GKeyFile reports it */
          g_free (group);
          group = g_strndup (line + 1, end - line - 1);
          if (g_hash_table_contains (map->group_lines, group))
            {
              g_autofree char *msg = g_strdup_printf (
                _("group [%s] appears twice (first on line %u); each stage needs its own group name"),
                group, GPOINTER_TO_UINT (g_hash_table_lookup (map->group_lines, group)));
              g_autofree char *prefix = g_strdup_printf ("%s:%u: ", file, lineno);

              if (p->first == NULL)
                p->first = g_error_new (SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_DUPLICATE_STAGE,
                                        "%s%s", prefix, msg);
              g_string_append_printf (p->messages, "%s%s%s", p->messages->len ? "\n" : "", prefix, msg);
            }
          else
            g_hash_table_insert (map->group_lines, g_strdup (group), GUINT_TO_POINTER (lineno));
        }
      else if (group != NULL)
        {
          char *eq = strchr (line, '=');
          g_autofree char *key = NULL;
          g_autofree char *k = NULL;

          if (eq == NULL)
            continue;
          key = g_strstrip (g_strndup (line, eq - line));
          k = g_strconcat (group, "\n", key, NULL);
          if (g_hash_table_contains (map->key_lines, k))
            {
              g_autofree char *msg = g_strdup_printf (
                _("group [%s], key '%s': set twice (first on line %u)"), group, key,
                GPOINTER_TO_UINT (g_hash_table_lookup (map->key_lines, k)));
              g_autofree char *prefix = g_strdup_printf ("%s:%u: ", file, lineno);

              if (p->first == NULL)
                p->first = g_error_new (SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_DUPLICATE_KEY,
                                        "%s%s", prefix, msg);
              g_string_append_printf (p->messages, "%s%s%s", p->messages->len ? "\n" : "", prefix, msg);
            }
          else
            g_hash_table_insert (map->key_lines, g_steal_pointer (&k), GUINT_TO_POINTER (lineno));
        }
    }
}

/* Levenshtein distance, for "did you mean" */
static guint
edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];
      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

static char *
describe_known_stages (ShinsaRegistry *registry, const char *wrong)
{
  g_autoptr(GPtrArray) names = shinsa_registry_list_stage_names (registry);
  g_autoptr(GString) s = g_string_new (NULL);
  const char *best = NULL;
  guint best_d = G_MAXUINT;

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      guint d = edit_distance (wrong, n);
      if (d < best_d)
        best_d = d, best = n;
    }
  if (best != NULL && best_d <= 2)
    g_string_append_printf (s, _("did you mean '%s'? "), best);
  if (names->len == 0)
    g_string_append (s, _("no plugins are installed (check SHINSA_PLUGIN_PATH)"));
  else
    {
      g_string_append (s, _("installed stages: "));
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
describe_providers (ShinsaRegistry *registry, const char *kind)
{
  g_autoptr(GPtrArray) names = shinsa_registry_list_stage_names (registry);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      const ShinsaStageInfo *st = shinsa_registry_find_stage (registry, g_ptr_array_index (names, i));
      if (st->provides != NULL && g_strv_contains (st->provides, kind))
        g_string_append_printf (s, "%s'%s'", s->len > 0 ? ", " : "", st->name);
    }
  if (s->len == 0)
    return g_strdup (_("no installed stage provides it"));
  g_string_prepend (s, _("add a stage before it that provides it: "));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

ShinsaPipeline *
shinsa_pipeline_load_data (ShinsaRegistry *registry, const char *data, gssize length,
                           const char *display_name, const char *const *available, GError **error)
{
  static const char *const core_available[] = { "files", NULL };
  g_autoptr(ShinsaPipeline) pipeline = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) have = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) groups = NULL;
  const char *file = display_name != NULL ? display_name : "<data>";
  Problems p = { NULL, g_string_new (NULL) };
  LineMap map = { NULL, NULL };

  g_return_val_if_fail (SHINSA_IS_REGISTRY (registry), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  scan_lines (data, length, file, &map, &p);

  if (!g_key_file_load_from_data (kf, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_PARSE,
                   _("%s: not a pipeline file: %s"), file, local_error->message);
      g_clear_error (&p.first);
      g_string_free (p.messages, TRUE);
      line_map_clear (&map);
      return NULL;
    }

  pipeline = g_object_new (SHINSA_TYPE_PIPELINE, NULL);
  pipeline->registry = g_object_ref (registry);
  pipeline->filename = g_strdup (file);

  for (const char *const *a = available != NULL ? available : core_available; *a != NULL; a++)
    g_hash_table_add (have, (gpointer) *a);

  if (!g_key_file_has_group (kf, "pipeline"))
    problem (&p, &map, file, NULL, NULL, SHINSA_PIPELINE_ERROR_MISSING_KEY,
             _("no [pipeline] group; a pipeline file starts with [pipeline] and name=…"));
  else
    {
      g_auto(GStrv) keys = g_key_file_get_keys (kf, "pipeline", NULL, NULL);

      pipeline->name = g_key_file_get_string (kf, "pipeline", "name", NULL);
      pipeline->description = g_key_file_get_locale_string (kf, "pipeline", "description", NULL, NULL);
      if (pipeline->name == NULL || *pipeline->name == '\0')
        problem (&p, &map, file, "pipeline", NULL, SHINSA_PIPELINE_ERROR_MISSING_KEY,
                 _("no name=; give the pipeline a name, e.g. name=intake"));
      for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
        {
          g_autofree char *base = g_strdup (keys[i]);
          char *bracket = strchr (base, '[');        /* description[ja] */
          if (bracket != NULL)
            *bracket = '\0';
          if (!g_strv_contains (pipeline_keys, base))
            problem (&p, &map, file, "pipeline", keys[i], SHINSA_PIPELINE_ERROR_UNKNOWN_OPTION,
                     _("unknown key; [pipeline] takes name and description"));
        }
    }

  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      g_autofree char *plugin = NULL;
      g_auto(GStrv) keys = NULL;
      const ShinsaStageInfo *stage;
      PipelineStage *ps;

      if (strcmp (group, "pipeline") == 0)
        continue;

      plugin = g_key_file_get_string (kf, group, "plugin", NULL);
      if (plugin == NULL || *plugin == '\0')
        {
          problem (&p, &map, file, group, NULL, SHINSA_PIPELINE_ERROR_MISSING_KEY,
                   _("no plugin=; say which stage this group runs, e.g. plugin=%s"), group);
          continue;
        }
      stage = shinsa_registry_find_stage (registry, plugin);
      if (stage == NULL)
        {
          g_autofree char *known = describe_known_stages (registry, plugin);
          problem (&p, &map, file, group, "plugin", SHINSA_PIPELINE_ERROR_UNKNOWN_PLUGIN,
                   _("unknown stage '%s'; %s"), plugin, known);
          continue;
        }
      if (g_hash_table_contains (used, stage->name))
        {
          problem (&p, &map, file, group, "plugin", SHINSA_PIPELINE_ERROR_DUPLICATE_STAGE,
                   _("stage '%s' already runs in group [%s]; a stage runs once in a pipeline"),
                   stage->name, (char *) g_hash_table_lookup (used, stage->name));
          continue;
        }
      g_hash_table_insert (used, (gpointer) stage->name, (gpointer) group);

      ps = g_new0 (PipelineStage, 1);
      ps->name = g_strdup (group);
      ps->stage = stage;
      ps->options = shinsa_options_new (group, stage);
      g_ptr_array_add (pipeline->stages, ps);

      keys = g_key_file_get_keys (kf, group, NULL, NULL);
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_autoptr(GError) opt_error = NULL;
          g_autofree char *value = NULL;

          if (strcmp (keys[k], "plugin") == 0)
            continue;
          value = g_key_file_get_string (kf, group, keys[k], &opt_error);
          if (value == NULL)
            {
              problem (&p, &map, file, group, keys[k], SHINSA_PIPELINE_ERROR_BAD_VALUE,
                       "%s", opt_error->message);
              continue;
            }
          if (!shinsa_options_set (ps->options, keys[k], value, &opt_error))
            problem (&p, &map, file, group, keys[k], opt_error->code, "%s", opt_error->message);
        }

      for (const char *const *need = stage->needs; need != NULL && *need != NULL; need++)
        if (!g_hash_table_contains (have, *need))
          {
            g_autofree char *hint = describe_providers (registry, *need);
            problem (&p, &map, file, group, "plugin", SHINSA_PIPELINE_ERROR_UNMET_NEED,
                     _("stage '%s' needs '%s', which no earlier stage provides; %s"),
                     stage->name, *need, hint);
          }
      for (const char *const *prov = stage->provides; prov != NULL && *prov != NULL; prov++)
        g_hash_table_add (have, (gpointer) *prov);
    }

  if (p.first == NULL && pipeline->stages->len == 0)
    problem (&p, &map, file, NULL, NULL, SHINSA_PIPELINE_ERROR_NO_STAGES,
             _("no stages; add a group per stage with plugin=…"));

  line_map_clear (&map);
  if (p.first != NULL)
    {
      /* the first problem decides the code; the message lists them all */
      g_set_error_literal (error, SHINSA_PIPELINE_ERROR, p.first->code, p.messages->str);
      g_error_free (p.first);
      g_string_free (p.messages, TRUE);
      return NULL;
    }
  g_string_free (p.messages, TRUE);
  return g_steal_pointer (&pipeline);
}

ShinsaPipeline *
shinsa_pipeline_load (ShinsaRegistry *registry, const char *filename,
                      const char *const *available, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (filename != NULL, NULL);

  if (!g_file_get_contents (filename, &data, &length, &local_error))
    {
      g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_NOT_FOUND,
                   _("cannot read pipeline '%s': %s"), filename, local_error->message);
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_PARSE,
                   _("%s: not a pipeline file: it is not UTF-8 text"), filename);
      return NULL;
    }
  return shinsa_pipeline_load_data (registry, data, length, filename, available, error);
}

char *
shinsa_pipeline_find_file (const char *name_or_path, GError **error)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *file = NULL;
  const char *env;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  if (strchr (name_or_path, '/') != NULL || g_str_has_suffix (name_or_path, ".pipeline"))
    {
      if (g_file_test (name_or_path, G_FILE_TEST_IS_REGULAR))
        return g_strdup (name_or_path);
      g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_NOT_FOUND,
                   _("no pipeline file '%s'"), name_or_path);
      return NULL;
    }

  env = g_getenv ("SHINSA_PIPELINE_PATH");
  if (env != NULL && *env != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_ptr_array_add (dirs, g_strdup (parts[i]));
    }
  if (shinsa_running_from_build_tree ())
    g_ptr_array_add (dirs, g_strdup (SHINSA_SOURCE_ROOT "/pipelines"));
  g_ptr_array_add (dirs, g_strdup (SHINSA_PIPELINE_DIR));

  file = g_strconcat (name_or_path, ".pipeline", NULL);
  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, i), file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  {
    g_autoptr(GString) looked = g_string_new (NULL);
    for (guint i = 0; i < dirs->len; i++)
      g_string_append_printf (looked, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (dirs, i));
    g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_NOT_FOUND,
                 _("no pipeline named '%s' (looked in %s); shipped pipelines are intake, renewal and return"),
                 name_or_path, looked->str);
  }
  return NULL;
}

gboolean
shinsa_pipeline_override (ShinsaPipeline *pipeline, const char *assignment, GError **error)
{
  g_autofree char *stage_name = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *dot, *eq;
  g_autofree char *key = NULL;

  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), FALSE);
  g_return_val_if_fail (assignment != NULL, FALSE);

  dot = strchr (assignment, '.');
  eq = strchr (assignment, '=');
  if (dot == NULL || eq == NULL || dot > eq || dot == assignment || eq == dot + 1)
    {
      g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_BAD_OVERRIDE,
                   _("--set '%s': expected STAGE.KEY=VALUE, e.g. --set extract.ocr=always"),
                   assignment);
      return FALSE;
    }
  stage_name = g_strndup (assignment, dot - assignment);
  key = g_strndup (dot + 1, eq - dot - 1);

  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      PipelineStage *ps = g_ptr_array_index (pipeline->stages, i);

      if (strcmp (ps->name, stage_name) != 0)
        continue;
      if (strcmp (key, "plugin") == 0)
        {
          g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_BAD_OVERRIDE,
                       _("--set '%s': a stage's plugin cannot be changed from the command line; "
                         "write a pipeline file"), assignment);
          return FALSE;
        }
      if (!shinsa_options_set (ps->options, key, eq + 1, &local_error))
        {
          g_set_error (error, SHINSA_PIPELINE_ERROR, local_error->code,
                       "--set '%s': group [%s] of '%s', key '%s': %s", assignment, stage_name,
                       pipeline->filename, key, local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  {
    g_autoptr(GString) names = g_string_new (NULL);
    for (guint i = 0; i < pipeline->stages->len; i++)
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                              ((PipelineStage *) g_ptr_array_index (pipeline->stages, i))->name);
    g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_BAD_OVERRIDE,
                 _("--set '%s': pipeline '%s' has no stage '%s'; its stages are %s"),
                 assignment, pipeline->name, stage_name, names->str);
  }
  return FALSE;
}

const char *
shinsa_pipeline_get_name (ShinsaPipeline *pipeline)
{
  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), NULL);
  return pipeline->name;
}

const char *
shinsa_pipeline_get_description (ShinsaPipeline *pipeline)
{
  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), NULL);
  return pipeline->description;
}

const char *
shinsa_pipeline_get_filename (ShinsaPipeline *pipeline)
{
  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), NULL);
  return pipeline->filename;
}

guint
shinsa_pipeline_get_n_stages (ShinsaPipeline *pipeline)
{
  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), 0);
  return pipeline->stages->len;
}

static PipelineStage *
get_stage (ShinsaPipeline *pipeline, guint index)
{
  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), NULL);
  g_return_val_if_fail (index < pipeline->stages->len, NULL);
  return g_ptr_array_index (pipeline->stages, index);
}

const char *
shinsa_pipeline_get_stage_name (ShinsaPipeline *pipeline, guint index)
{
  PipelineStage *ps = get_stage (pipeline, index);
  return ps != NULL ? ps->name : NULL;
}

const ShinsaStageInfo *
shinsa_pipeline_get_stage (ShinsaPipeline *pipeline, guint index)
{
  PipelineStage *ps = get_stage (pipeline, index);
  return ps != NULL ? ps->stage : NULL;
}

const ShinsaOptions *
shinsa_pipeline_get_options (ShinsaPipeline *pipeline, guint index)
{
  PipelineStage *ps = get_stage (pipeline, index);
  return ps != NULL ? ps->options : NULL;
}

gboolean
shinsa_pipeline_check_required (ShinsaPipeline *pipeline, GError **error)
{
  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), FALSE);
  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      PipelineStage *ps = g_ptr_array_index (pipeline->stages, i);
      const ShinsaStageInfo *stage = shinsa_pipeline_get_stage (pipeline, i);

      for (const ShinsaOptionSpec *spec = stage->options; spec != NULL && spec->name != NULL; spec++)
        {
          g_autofree char *choices = NULL;

          if (spec->default_value != NULL || g_hash_table_contains (ps->options->values, spec->name))
            continue;
          choices = spec->choices != NULL ? g_strjoinv ("|", (char **) spec->choices) : g_strdup ("…");
          g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_MISSING_KEY,
                       _("stage '%s' needs option '%s': give it in the pipeline file or with --set %s.%s=%s\n"
                         "  %s: %s"),
                       shinsa_pipeline_get_stage_name (pipeline, i), spec->name,
                       shinsa_pipeline_get_stage_name (pipeline, i), spec->name, choices,
                       spec->name, spec->help);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
shinsa_pipeline_needs (ShinsaPipeline *pipeline, const char *kind)
{
  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), FALSE);
  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      PipelineStage *ps = g_ptr_array_index (pipeline->stages, i);
      if (ps->stage->needs != NULL && g_strv_contains (ps->stage->needs, kind))
        return TRUE;
    }
  return FALSE;
}

char *
shinsa_pipeline_digest (ShinsaPipeline *pipeline)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (SHINSA_IS_PIPELINE (pipeline), NULL);

  g_checksum_update (sum, (const guchar *) pipeline->name, -1);
  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      PipelineStage *ps = g_ptr_array_index (pipeline->stages, i);
      const ShinsaPluginInfo *plugin = shinsa_registry_find_plugin_for_stage (pipeline->registry,
                                                                               ps->stage->name);
      g_autoptr(GList) keys = g_hash_table_get_keys (ps->options->values);

      g_checksum_update (sum, (const guchar *) "\n[", 2);
      g_checksum_update (sum, (const guchar *) ps->name, -1);
      g_checksum_update (sum, (const guchar *) "]", 1);
      g_checksum_update (sum, (const guchar *) ps->stage->name, -1);
      /* a new plugin version may find other things: resume must not reuse */
      if (plugin != NULL)
        g_checksum_update (sum, (const guchar *) plugin->version, -1);
      keys = g_list_sort (keys, (GCompareFunc) strcmp);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          g_checksum_update (sum, (const guchar *) "\n", 1);
          g_checksum_update (sum, l->data, -1);
          g_checksum_update (sum, (const guchar *) "=", 1);
          g_checksum_update (sum, g_hash_table_lookup (ps->options->values, l->data), -1);
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}
