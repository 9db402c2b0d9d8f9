/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shinsa-private.h"

#include <errno.h>
#include <stdlib.h>

ShinsaOptions *
shinsa_options_new (const char *stage_name, const ShinsaStageInfo *stage)
{
  ShinsaOptions *options = g_new0 (ShinsaOptions, 1);

  options->stage_name = g_strdup (stage_name);
  options->stage = stage;
  options->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (const ShinsaOptionSpec *spec = stage->options; spec != NULL && spec->name != NULL; spec++)
    if (spec->default_value != NULL)
      g_hash_table_insert (options->values, g_strdup (spec->name), g_strdup (spec->default_value));
  return options;
}

void
shinsa_options_free (ShinsaOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->stage_name);
  g_hash_table_unref (options->values);
  g_free (options);
}

const ShinsaOptionSpec *
shinsa_stage_find_option (const ShinsaStageInfo *stage, const char *name)
{
  for (const ShinsaOptionSpec *spec = stage->options; spec != NULL && spec->name != NULL; spec++)
    if (g_strcmp0 (spec->name, name) == 0)
      return spec;
  return NULL;
}

char *
shinsa_options_describe_choices (const ShinsaOptionSpec *spec)
{
  switch (spec->type)
    {
    case SHINSA_OPTION_ENUM:
      return g_strjoinv ("|", (char **) spec->choices);
    case SHINSA_OPTION_BOOL:
      return g_strdup ("true|false");
    case SHINSA_OPTION_INT:
      return g_strdup_printf ("an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                              spec->min, spec->max);
    case SHINSA_OPTION_STRING:
    default:
      return g_strdup ("a string");
    }
}

static gboolean
parse_bool (const char *value, gboolean *out)
{
  static const char *const yes[] = { "true", "yes", "on", "1", NULL };
  static const char *const no[] = { "false", "no", "off", "0", NULL };

  if (g_strv_contains (yes, value))
    *out = TRUE;
  else if (g_strv_contains (no, value))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_int (const char *value, gint64 *out)
{
  char *end = NULL;
  gint64 v;

  if (*value == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (value, &end, 10);
  if (errno != 0 || end == NULL || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

/* the value stored is canonical: "true"/"false", a plain integer */
static char *
check_value (const ShinsaOptionSpec *spec, const char *value, GError **error)
{
  g_autofree char *choices = NULL;
  gboolean b;
  gint64 i;

  switch (spec->type)
    {
    case SHINSA_OPTION_STRING:
      return g_strdup (value);
    case SHINSA_OPTION_BOOL:
      if (parse_bool (value, &b))
        return g_strdup (b ? "true" : "false");
      break;
    case SHINSA_OPTION_INT:
      if (parse_int (value, &i) && i >= spec->min && i <= spec->max)
        return g_strdup_printf ("%" G_GINT64_FORMAT, i);
      break;
    case SHINSA_OPTION_ENUM:
      if (g_strv_contains (spec->choices, value))
        return g_strdup (value);
      break;
    default:
      break;
    }

  choices = shinsa_options_describe_choices (spec);
  g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_BAD_VALUE,
               _("invalid value '%s' for option '%s': expected %s"),
               value, spec->name, choices);
  return NULL;
}

gboolean
shinsa_options_set (ShinsaOptions *options, const char *name, const char *value, GError **error)
{
  const ShinsaOptionSpec *spec = shinsa_stage_find_option (options->stage, name);
  char *canonical;

  if (spec == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (const ShinsaOptionSpec *s = options->stage->options; s != NULL && s->name != NULL; s++)
        g_string_append_printf (known, "%s'%s'", known->len > 0 ? ", " : "", s->name);
      g_set_error (error, SHINSA_PIPELINE_ERROR, SHINSA_PIPELINE_ERROR_UNKNOWN_OPTION,
                   _("unknown option '%s' for stage '%s': %s%s"), name, options->stage->name,
                   known->len > 0 ? _("it takes ") : _("it takes no options"), known->str);
      return FALSE;
    }

  canonical = check_value (spec, value, error);
  if (canonical == NULL)
    return FALSE;
  g_hash_table_insert (options->values, g_strdup (name), canonical);
  return TRUE;
}

static const char *
lookup (const ShinsaOptions *options, const char *name, ShinsaOptionType type)
{
  const ShinsaOptionSpec *spec;

  g_return_val_if_fail (options != NULL, NULL);
  spec = shinsa_stage_find_option (options->stage, name);
  /* asking for an undeclared option is a bug in the stage */
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (spec->type == type || (type == SHINSA_OPTION_STRING && spec->type == SHINSA_OPTION_ENUM), NULL);
  return g_hash_table_lookup (options->values, name);
}

const char *
shinsa_options_get_string (const ShinsaOptions *options, const char *name)
{
  return lookup (options, name, SHINSA_OPTION_STRING);
}

gint64
shinsa_options_get_int (const ShinsaOptions *options, const char *name)
{
  const char *v = lookup (options, name, SHINSA_OPTION_INT);
  return v != NULL ? g_ascii_strtoll (v, NULL, 10) : 0;
}

gboolean
shinsa_options_get_bool (const ShinsaOptions *options, const char *name)
{
  const char *v = lookup (options, name, SHINSA_OPTION_BOOL);
  return g_strcmp0 (v, "true") == 0;
}

const char *
shinsa_options_get_stage_name (const ShinsaOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  return options->stage_name;
}
