/* shinsa — one item of a renewal form against the previous one
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "renewal.h"

/* edits beyond which a cell is "rewritten" rather than aligned */
#define RENEWAL_MAX_D 2000

void
renewal_change_free (RenewalChange *change)
{
  if (change == NULL)
    return;
  g_free (change->name);
  g_free (change->old_text);
  g_free (change->new_text);
  g_free (change->shown_old);
  g_clear_pointer (&change->diff, json_node_unref);
  g_free (change->evidence_old);
  g_free (change->evidence_new);
  g_free (change);
}

static char *
normalized_name (const char *name)
{
  g_autoptr(RenewalText) t = renewal_text_new (name);
  return renewal_text_dup_normalized (t);
}

GHashTable *
renewal_index_names (const ShinsaForm *prev)
{
  GHashTable *by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; prev != NULL && i < prev->items->len; i++)
    {
      ShinsaFormItem *item = g_ptr_array_index (prev->items, i);
      char *key;

      if (item->name == NULL)
        continue;
      key = normalized_name (item->name);
      if (*key == '\0' || g_hash_table_contains (by_name, key))
        g_free (key);
      else
        g_hash_table_insert (by_name, key, item);
    }
  return by_name;
}

const ShinsaFormItem *
renewal_align (const ShinsaForm *prev, GHashTable *prev_by_name, const ShinsaFormItem *cur)
{
  const ShinsaFormItem *same_no = shinsa_form_find_item (prev, cur->no);
  g_autofree char *name = NULL, *prev_name = NULL;
  const ShinsaFormItem *same_name;

  if (cur->name == NULL)
    return same_no;
  name = normalized_name (cur->name);
  if (same_no != NULL && same_no->name != NULL)
    {
      prev_name = normalized_name (same_no->name);
      if (strcmp (name, prev_name) == 0)
        return same_no;
    }
  /* rows shifted: the item that had this name last time */
  same_name = *name != '\0' ? g_hash_table_lookup (prev_by_name, name) : NULL;
  return same_name != NULL ? same_name : same_no;
}

/* the red of @cell carried over to @part, a text taken out of it (the new
 * side of a cell written old/new): aligned character by character */
static void
carry_red (RenewalText *part, const RenewalText *cell)
{
  g_autoptr(GArray) edits = renewal_diff ((const gunichar *) part->norm->data, part->norm->len,
                                          (const gunichar *) cell->norm->data, cell->norm->len,
                                          RENEWAL_MAX_D);

  for (guint i = 0; i < edits->len; i++)
    {
      const RenewalEdit *e = &g_array_index (edits, RenewalEdit, i);
      if (e->op == RENEWAL_OP_EQUAL)
        g_array_index (part->red, guint8, e->a) = g_array_index (cell->red, guint8, e->b);
    }
}

static gboolean
any_red (const RenewalText *t)
{
  for (guint i = 0; i < t->red->len; i++)
    if (g_array_index (t->red, guint8, i))
      return TRUE;
  return FALSE;
}

/* the letters and digits of @t, look-alikes the OCR confuses made one
 * (シ ン ソ ノ, バ パ ハ, l I 1, O 0…): what a misreading cannot change */
RenewalText *
renewal_text_ocr_skeleton (const RenewalText *t)
{
  static const struct {
    const char *alike;
    gunichar as;
  } classes[] = {
    { "シンソノツジ", 0x30F3 }, { "ハバパ", 0x30CF }, { "ヘベペへべぺ", 0x30D8 }, { "ヒビピ", 0x30D2 },
    { "ホボポ", 0x30DB }, { "フブプ", 0x30D5 }, { "カヵケヶか力", 0x30AB }, { "ー一-", 0x30FC },
    { "lIi1!", '1' }, { "二ニ", 0x4E8C }, { "責貴資", 0x8CAC }, { "Oo0〇", '0' }, { "エ工", 0x30A8 }, { "口ロ", 0x30ED }, { "タ夕", 0x30BF },
  };
  RenewalText *k = g_new0 (RenewalText, 1);

  k->orig = g_memdup2 (t->orig, sizeof (gunichar) * (t->n_orig + 1));
  k->n_orig = t->n_orig;
  k->norm = g_array_new (FALSE, FALSE, sizeof (gunichar));
  k->src = g_array_new (FALSE, FALSE, sizeof (guint));
  k->red = g_array_new (FALSE, TRUE, sizeof (guint8));
  for (guint i = 0; i < t->norm->len; i++)
    {
      gunichar u = g_unichar_tolower (g_array_index (t->norm, gunichar, i));

      for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
        {
          char buf[8];
          int len = g_unichar_to_utf8 (g_unichar_toupper (u), buf);
          buf[len] = '\0';
          if (strstr (classes[c].alike, buf) != NULL || (len == 1 && strchr (classes[c].alike, u) != NULL && u < 0x80))
            {
              u = classes[c].as;
              break;
            }
        }
      if (!g_unichar_isalnum (u) && u != 0x30FC)
        continue;
      g_array_append_val (k->norm, u);
      g_array_append_val (k->src, g_array_index (t->src, guint, i));
      g_array_append_val (k->red, g_array_index (t->red, guint8, i));
    }
  return k;
}

typedef struct {
  guint inserted, deleted, red_inserted;
} Counts;

static GArray *
diff_texts (const RenewalText *a, const RenewalText *b, Counts *counts)
{
  GArray *edits = renewal_diff ((const gunichar *) a->norm->data, a->norm->len,
                                (const gunichar *) b->norm->data, b->norm->len, RENEWAL_MAX_D);

  memset (counts, 0, sizeof *counts);
  for (guint i = 0; i < edits->len; i++)
    {
      const RenewalEdit *e = &g_array_index (edits, RenewalEdit, i);
      if (e->op == RENEWAL_OP_INSERT)
        {
          counts->inserted++;
          if (g_array_index (b->red, guint8, e->b))
            counts->red_inserted++;
        }
      else if (e->op == RENEWAL_OP_DELETE)
        counts->deleted++;
    }
  return edits;
}

static gboolean
differs (const Counts *c)
{
  return c->inserted + c->deleted > 0;
}

/* the changed text is red: most of what was inserted, or, when only
 * something was taken out, any of the cell */
static gboolean
is_marked (const Counts *c, const RenewalText *cell)
{
  if (c->inserted > 0)
    return c->red_inserted * 2 >= c->inserted;
  return any_red (cell);
}

static char *
struck_text (GArray *runs, gboolean *out_any)
{
  g_autoptr(GString) s = g_string_new (NULL);

  *out_any = FALSE;
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const ShinsaFormRun *run = &g_array_index (runs, ShinsaFormRun, i);
      g_autofree char *t = NULL;

      if (!run->strike)
        continue;
      t = g_strstrip (g_strdup (run->text));
      if (*t == '\0')
        continue;
      *out_any = TRUE;
      g_string_append (s, run->text);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&s), FALSE));
}

/* Whether a row in red that differs from the previous one by @edits
 * characters (the longest run of them @run) in @len changed, or is the
 * same text misread.  Misreadings on our scans come one or two characters
 * at a time, runs of up to five where two sit side by side, about one
 * character in ten; a rewritten phrase is a run of six or more, or five
 * that are an eighth of the row, or a quarter of the row in all. */
static gboolean
ocr_red_change (guint edits, guint run, guint len)
{
  return run >= 6 || (run >= 5 && edits * 100 >= len * 12) || edits > MAX (3, len / 4);
}

static gboolean
old_marker_only (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("[(（]\\s*旧\\s*[)）]|(^|\n)\\s*(変更前|改定前)", 0, 0, NULL);
  return g_regex_match (re, text, 0, NULL);
}

RenewalChange *
renewal_compare_item (const ShinsaFormItem *prev, const ShinsaFormItem *cur, gboolean ocr)
{
  g_autoptr(RenewalChange) change = g_new0 (RenewalChange, 1);
  g_autoptr(RenewalText) cell = NULL, new_t = NULL, old_t = NULL, ev_old = NULL, ev_new = NULL;
  g_autoptr(GArray) edits = NULL, ev_edits = NULL;
  g_autofree char *split_old = NULL, *split_new = NULL, *struck = NULL;
  gboolean declared = FALSE, has_strike = FALSE;
  Counts c, ec;

  g_return_val_if_fail (cur != NULL, NULL);

  change->no = cur->no;
  change->prev_no = prev != NULL ? prev->no : 0;
  change->name = g_strdup (cur->name != NULL ? cur->name : (prev != NULL ? prev->name : NULL));

  cell = renewal_text_new_from_runs (cur->content_runs, FALSE);
  if (cur->old_content != NULL && cur->new_content != NULL)
    {
      split_old = g_strdup (cur->old_content);
      split_new = g_strdup (cur->new_content);
    }
  else if (ocr)
    {
      /* OCR drops the colon after a bare 変更前 / 変更後 */
      g_autoptr(GRegex) re = g_regex_new ("(^|\n)[ 　]*(変更前|変更後|改定前|改定後)(?![：:])",
                                          G_REGEX_MULTILINE, 0, NULL);
      g_autofree char *fixed = g_regex_replace (re, cur->content, -1, 0, "\\1\\2：", 0, NULL);
      shinsa_form_split_old_new (fixed != NULL ? fixed : cur->content, &split_old, &split_new);
      if (split_new == NULL)
        {
          /* （旧） read as (I) or (1), （新） as 新) at a line's start */
          g_autoptr(GRegex) pair = g_regex_new ("^\\s*[(（]?[^)）\\n]{1,2}[)）](.*?)(?:^|\\n)\\s*[(（]?\\s*新\\s*[)）](.*)$",
                                                G_REGEX_DOTALL, 0, NULL);
          g_autoptr(GMatchInfo) pm = NULL;
          if (g_regex_match (pair, cur->content, 0, &pm))
            {
              split_old = g_strstrip (g_match_info_fetch (pm, 1));
              split_new = g_strstrip (g_match_info_fetch (pm, 2));
            }
        }
      if (split_new == NULL)
        {
          /* （旧） misread, （新） read: what comes before the new is the old */
          g_autoptr(GRegex) nre = g_regex_new ("[(（]\\s*新\\s*[)）]|(^|\n)\\s*変更後", 0, 0, NULL);
          g_autoptr(GMatchInfo) m = NULL;
          int start, end;
          if (g_regex_match (nre, cur->content, 0, &m) && g_match_info_fetch_pos (m, 0, &start, &end) && start > 0)
            {
              split_old = g_strstrip (g_strndup (cur->content, start));
              split_new = g_strstrip (g_strdup (cur->content + end));
            }
        }
    }
  else
    shinsa_form_split_old_new (cur->content, &split_old, &split_new);
  struck = struck_text (cur->content_runs, &has_strike);

  if (split_new != NULL)
    {
      g_autoptr(RenewalText) o = renewal_text_new (split_old);
      new_t = renewal_text_new (split_new);
      carry_red (new_t, cell);
      change->shown_old = g_steal_pointer (&split_old);
      change->old_shown = TRUE;
      declared = o->norm->len != new_t->norm->len
                 || memcmp (o->norm->data, new_t->norm->data, o->norm->len * sizeof (gunichar)) != 0;
    }
  else if (ocr && old_marker_only (cur->content))
    {
      /* （旧） read, the new side not (lost at a page's foot): the form
       * shows the old content, whatever the new is */
      new_t = renewal_text_new_from_runs (cur->content_runs, FALSE);
      change->old_shown = TRUE;
    }
  else if (has_strike)
    {
      /* the old content struck through, the new written beside it */
      new_t = renewal_text_new_from_runs (cur->content_runs, TRUE);
      change->shown_old = g_steal_pointer (&struck);
      change->old_shown = TRUE;
      declared = TRUE;
    }
  else
    new_t = renewal_text_new_from_runs (cur->content_runs, FALSE);

  change->new_text = g_ucs4_to_utf8 (new_t->orig, new_t->n_orig, NULL, NULL, NULL);
  g_strstrip (change->new_text);
  change->old_text = g_strdup (prev != NULL ? shinsa_form_item_get_current_content (prev) : "");
  old_t = renewal_text_new (change->old_text);

  edits = diff_texts (old_t, new_t, &c);
  change->diff = renewal_diff_to_json (old_t, new_t, edits);
  change->evidence_old = g_strdup (prev != NULL ? prev->evidence : "");
  change->evidence_new = g_strdup (cur->evidence);

  if (ocr)
    {
      /* On a scan misreadings differ from the previous form as much as a
       * changed figure does (a character in ten, after folding), so the
       * form itself must say what changed: written old/new, or in red ink
       * and clearly different.  A row in black that differs is taken as
       * read badly, not as changed. */
      g_autoptr(RenewalText) ko = renewal_text_ocr_skeleton (old_t);
      g_autoptr(RenewalText) kn = renewal_text_ocr_skeleton (new_t);
      g_autoptr(RenewalText) kc = renewal_text_ocr_skeleton (cell);
      g_autoptr(GArray) kedits = diff_texts (ko, kn, &c);
      guint len = MAX (ko->norm->len, kn->norm->len), red = 0, run = 0, max_run = 0;

      /* a changed phrase is a run of edits; misreadings are single
       * characters, here and there */
      for (guint i = 0; i < kedits->len; i++)
        {
          run = g_array_index (kedits, RenewalEdit, i).op == RENEWAL_OP_EQUAL ? 0 : run + 1;
          max_run = MAX (max_run, run);
        }

      for (guint i = 0; i < kc->red->len; i++)
        red += g_array_index (kc->red, guint8, i);
      /* red ink: a good part of the row, not a reddish speck */
      change->any_red = red >= 2 && red * 10 >= kc->red->len * 3;
      change->marked = change->any_red;
      change->content_changed = prev != NULL && (c.inserted + c.deleted) > 0
                                && (declared || (change->any_red && ocr_red_change (c.inserted + c.deleted, max_run, len)));
      change->evidence_changed = FALSE;
      g_debug ("item %d: %u of %u characters differ after OCR folding (longest run %u), %u of %u red",
               cur->no, c.inserted + c.deleted, len, max_run, red, kc->red->len);
    }
  else
    {
      ev_old = renewal_text_new (change->evidence_old);
      ev_new = renewal_text_new_from_runs (cur->evidence_runs, TRUE);
      ev_edits = diff_texts (ev_old, ev_new, &ec);
      change->content_changed = prev == NULL || differs (&c);
      change->evidence_changed = prev != NULL && differs (&ec);
      change->any_red = any_red (cell) || any_red (ev_new);
      if (change->content_changed)
        change->marked = is_marked (&c, cell);
      else if (change->evidence_changed)
        change->marked = is_marked (&ec, ev_new);
      else
        change->marked = change->any_red;
    }
  change->changed = change->content_changed || change->evidence_changed;
  change->n_inserted = c.inserted;
  change->n_deleted = c.deleted;
  change->n_red_inserted = c.red_inserted;
  return g_steal_pointer (&change);
}
