/* shinsa — character diff of Japanese text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Japanese has no spaces between words, so a word or line diff (what
 * diff(1), GNU diffutils or a line-based library give) says "the whole
 * cell changed" when one figure did; the examiner wants 17:30 → 18:00.
 * GLib, json-glib and libxml2 have no sequence diff, and the libraries that
 * have one (libgit2's xdiff, diff-match-patch ports) diff lines or UTF-16
 * strings, not code points we normalised ourselves and map back to the
 * cell's runs.  So: Myers' O(ND) algorithm over gunichar arrays, small and
 * exact, with the common prefix and suffix trimmed first.
 */
#include <string.h>

#include "renewal.h"

const char *
renewal_op_to_string (RenewalOp op)
{
  switch (op)
    {
    case RENEWAL_OP_EQUAL: return "equal";
    case RENEWAL_OP_DELETE: return "delete";
    case RENEWAL_OP_INSERT: return "insert";
    }
  g_return_val_if_reached ("equal");
}

/* one written character folded to what is compared; white space and
 * zero-width characters give nothing */
void
renewal_fold_char (gunichar c, GArray *out)
{
  char buf[8];
  int len = g_unichar_to_utf8 (c, buf);
  g_autofree char *nfkc = g_utf8_normalize (buf, len, G_NORMALIZE_NFKC);

  if (nfkc == NULL)
    return;
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);

      if (g_unichar_isspace (u) || u == 0x200B || u == 0xFEFF || g_unichar_type (u) == G_UNICODE_FORMAT)
        continue;
      /* the wave dashes and hyphens people type for the same thing */
      if (u == 0x301C || u == 0xFF5E)
        u = '~';
      else if ((u >= 0x2010 && u <= 0x2015) || u == 0x2212 || u == 0xFE63)
        u = '-';
      g_array_append_val (out, u);
    }
}

static RenewalText *
text_alloc (const char *text)
{
  RenewalText *t = g_new0 (RenewalText, 1);

  t->orig = g_utf8_to_ucs4_fast (text != NULL ? text : "", -1, &t->n_orig);
  t->norm = g_array_new (FALSE, FALSE, sizeof (gunichar));
  t->src = g_array_new (FALSE, FALSE, sizeof (guint));
  t->red = g_array_new (FALSE, TRUE, sizeof (guint8));
  return t;
}

static void
text_append (RenewalText *t, glong from, glong to, gboolean red)
{
  g_autoptr(GArray) folded = g_array_new (FALSE, FALSE, sizeof (gunichar));
  guint8 r = red ? 1 : 0;

  for (glong i = from; i < to; i++)
    {
      guint idx = (guint) i;
      g_array_set_size (folded, 0);
      renewal_fold_char (t->orig[i], folded);
      for (guint j = 0; j < folded->len; j++)
        {
          g_array_append_val (t->norm, g_array_index (folded, gunichar, j));
          g_array_append_val (t->src, idx);
          g_array_append_val (t->red, r);
        }
    }
}

RenewalText *
renewal_text_new (const char *text)
{
  RenewalText *t = text_alloc (text);

  text_append (t, 0, t->n_orig, FALSE);
  return t;
}

RenewalText *
renewal_text_new_from_runs (GArray *runs, gboolean skip_struck)
{
  g_autoptr(GString) all = g_string_new (NULL);
  RenewalText *t;
  glong at = 0;

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const ShinsaFormRun *run = &g_array_index (runs, ShinsaFormRun, i);
      if (!(skip_struck && run->strike))
        g_string_append (all, run->text);
    }
  t = text_alloc (all->str);
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const ShinsaFormRun *run = &g_array_index (runs, ShinsaFormRun, i);
      glong n;

      if (skip_struck && run->strike)
        continue;
      n = g_utf8_strlen (run->text, -1);
      text_append (t, at, MIN (at + n, t->n_orig), shinsa_form_run_is_red (run));
      at += n;
    }
  return t;
}

void
renewal_text_free (RenewalText *text)
{
  if (text == NULL)
    return;
  g_free (text->orig);
  g_array_unref (text->norm);
  g_array_unref (text->src);
  g_array_unref (text->red);
  g_free (text);
}

char *
renewal_text_dup_normalized (const RenewalText *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return g_ucs4_to_utf8 ((const gunichar *) text->norm->data, text->norm->len, NULL, NULL, NULL);
}

static void
push_edit (GArray *edits, RenewalOp op, guint a, guint b)
{
  RenewalEdit e = { op, a, b };
  g_array_append_val (edits, e);
}

GArray *
renewal_diff (const gunichar *a, gsize n_a, const gunichar *b, gsize n_b, guint max_d)
{
  GArray *edits = g_array_new (FALSE, FALSE, sizeof (RenewalEdit));
  g_autoptr(GArray) middle = NULL;
  g_autoptr(GPtrArray) trace = NULL;
  g_autofree gint *v = NULL;
  gsize prefix = 0, suffix = 0;
  gint n, m, limit, offset, found = -1;
  gint x, y;

  while (prefix < n_a && prefix < n_b && a[prefix] == b[prefix])
    prefix++;
  while (suffix < n_a - prefix && suffix < n_b - prefix && a[n_a - 1 - suffix] == b[n_b - 1 - suffix])
    suffix++;
  for (gsize i = 0; i < prefix; i++)
    push_edit (edits, RENEWAL_OP_EQUAL, i, i);

  n = (gint) (n_a - prefix - suffix);
  m = (gint) (n_b - prefix - suffix);
  a += prefix;
  b += prefix;
  middle = g_array_new (FALSE, FALSE, sizeof (RenewalEdit));
  limit = (gint) MIN ((gsize) max_d, (gsize) (n + m));
  offset = limit + 1;
  v = g_new0 (gint, 2 * limit + 3);
  /* trace[d]: V[-d-1 … d+1] as it was before step d */
  trace = g_ptr_array_new_with_free_func (g_free);

  for (gint d = 0; d <= limit && found < 0; d++)
    {
      g_ptr_array_add (trace, g_memdup2 (v + offset - d - 1, sizeof (gint) * (2 * d + 3)));
      for (gint k = -d; k <= d; k += 2)
        {
          if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
            x = v[offset + k + 1];
          else
            x = v[offset + k - 1] + 1;
          y = x - k;
          while (x < n && y < m && a[x] == b[y])
            x++, y++;
          v[offset + k] = x;
          if (x >= n && y >= m)
            {
              found = d;
              break;
            }
        }
    }

  if (found < 0)
    {
      /* too different to be worth aligning: the old text went, the new came */
      for (gint i = 0; i < n; i++)
        push_edit (middle, RENEWAL_OP_DELETE, prefix + i, 0);
      for (gint j = 0; j < m; j++)
        push_edit (middle, RENEWAL_OP_INSERT, 0, prefix + j);
    }
  else
    {
      x = n;
      y = m;
      for (gint d = found; d >= 0; d--)
        {
          const gint *tv = g_ptr_array_index (trace, d);
          /* tv[i] is V[i - d - 1] */
#define TV(k) tv[(k) + d + 1]
          gint k = x - y, prev_k, prev_x, prev_y;

          if (k == -d || (k != d && TV (k - 1) < TV (k + 1)))
            prev_k = k + 1;
          else
            prev_k = k - 1;
#undef TV
          prev_x = d == 0 ? 0 : tv[prev_k + d + 1];
          prev_y = d == 0 ? 0 : prev_x - prev_k;
          while (x > prev_x && y > prev_y)
            {
              x--, y--;
              push_edit (middle, RENEWAL_OP_EQUAL, prefix + x, prefix + y);
            }
          if (d > 0)
            {
              if (x == prev_x)
                push_edit (middle, RENEWAL_OP_INSERT, prefix + prev_x, prefix + prev_y);
              else
                push_edit (middle, RENEWAL_OP_DELETE, prefix + prev_x, prefix + prev_y);
            }
          x = prev_x;
          y = prev_y;
        }
      /* backtracking went from the end */
      for (guint i = 0, j = middle->len; i + 1 < j; i++, j--)
        {
          RenewalEdit t = g_array_index (middle, RenewalEdit, i);
          g_array_index (middle, RenewalEdit, i) = g_array_index (middle, RenewalEdit, j - 1);
          g_array_index (middle, RenewalEdit, j - 1) = t;
        }
    }
  g_array_append_vals (edits, middle->data, middle->len);
  for (gsize i = 0; i < suffix; i++)
    push_edit (edits, RENEWAL_OP_EQUAL, n_a - suffix + i, n_b - suffix + i);
  return edits;
}

/* appends the written characters behind normalised character @i of @t;
 * the white space between it and the previous one of the same group too */
static void
append_written (GString *s, const RenewalText *t, guint i, glong *last_src)
{
  glong src = g_array_index (t->src, guint, i);
  glong from = *last_src >= 0 && *last_src < src ? *last_src + 1 : src;

  if (*last_src == src)
    return;
  for (glong k = from; k <= src; k++)
    g_string_append_unichar (s, t->orig[k]);
  *last_src = src;
}

JsonNode *
renewal_diff_to_json (const RenewalText *old_text, const RenewalText *new_text, GArray *edits)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GString) chunk = g_string_new (NULL);
  glong last_old = -1, last_new = -1;
  int op = -1;

  json_builder_begin_array (b);
  for (guint i = 0; i <= edits->len; i++)
    {
      const RenewalEdit *e = i < edits->len ? &g_array_index (edits, RenewalEdit, i) : NULL;

      if (e == NULL || (int) e->op != op)
        {
          if (op >= 0 && chunk->len > 0)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "op");
              json_builder_add_string_value (b, renewal_op_to_string (op));
              json_builder_set_member_name (b, "text");
              json_builder_add_string_value (b, chunk->str);
              json_builder_end_object (b);
            }
          g_string_truncate (chunk, 0);
          /* white space is shown only inside a group */
          if (e != NULL && e->op != RENEWAL_OP_INSERT)
            last_old = -1;
          if (e != NULL && e->op != RENEWAL_OP_DELETE)
            last_new = -1;
          op = e != NULL ? (int) e->op : -1;
        }
      if (e == NULL)
        break;
      if (e->op == RENEWAL_OP_INSERT)
        append_written (chunk, new_text, e->b, &last_new);
      else
        {
          append_written (chunk, old_text, e->a, &last_old);
          if (e->op == RENEWAL_OP_EQUAL)
            last_new = g_array_index (new_text->src, guint, e->b);
        }
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}
