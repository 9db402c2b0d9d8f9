/* shinsa-cer: character error rates against the generator's truth files.
 *
 *   shinsa-cer REF HYP                 one text against another
 *   shinsa-cer index CORPUS REFDIR     every page of every truth file in CORPUS
 *                                      (CORPUS/NAME.truth.json, or one truth file):
 *                                      writes the page texts to REFDIR and prints
 *                                      "source<TAB>media_type<TAB>file<TAB>page<TAB>ref"
 *   shinsa-cer score LIST              LIST lines "ref<TAB>hyp<TAB>page<TAB>format":
 *                                      format plain (HYP is the page), ff (pages of
 *                                      HYP split at form feeds) or bbox (pdftotext
 *                                      -bbox-layout: the words of the page-th <page>)
 *
 * CER = Levenshtein distance over Unicode code points, after NFKC and with
 * all white space removed, divided by the reference's length; `score` sums
 * the distances and the lengths over all pages. Prints "CER EDITS CHARS PAGES"
 * (CER in percent). */

#include <glib.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gunichar *
normalise (const char *text,
           glong      *len)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  glong n = 0;
  gunichar *out = g_new (gunichar, g_utf8_strlen (nfkc, -1) + 1);

  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200B && c != 0xFEFF)
        out[n++] = c;
    }
  out[n] = 0;
  *len = n;
  return out;
}

static glong
levenshtein (const gunichar *a,
             glong           la,
             const gunichar *b,
             glong           lb)
{
  g_autofree glong *row = g_new (glong, lb + 1);

  for (glong j = 0; j <= lb; j++)
    row[j] = j;
  for (glong i = 1; i <= la; i++)
    {
      glong diag = row[0];

      row[0] = i;
      for (glong j = 1; j <= lb; j++)
        {
          glong up = row[j];
          glong best = diag + (a[i - 1] == b[j - 1] ? 0 : 1);

          best = MIN (best, up + 1);
          best = MIN (best, row[j - 1] + 1);
          row[j] = best;
          diag = up;
        }
    }
  return row[lb];
}

static void
distance (const char *ref,
          const char *hyp,
          glong      *edits,
          glong      *chars)
{
  glong lr, lh;
  g_autofree gunichar *r = normalise (ref, &lr);
  g_autofree gunichar *h = normalise (hyp, &lh);

  *edits = levenshtein (r, lr, h, lh);
  *chars = lr;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static void
decode_entities (GString *s)
{
  static const char *const from[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&apos;" };
  static const char *const to[] = { "&", "<", ">", "\"", "'", "'" };

  for (guint k = 0; k < G_N_ELEMENTS (from); k++)
    {
      g_auto(GStrv) parts = g_strsplit (s->str, from[k], -1);
      g_autofree char *joined = g_strjoinv (to[k], parts);

      g_string_assign (s, joined);
    }
}

/* the page-th page (1-based) of a pdftotext output or -bbox-layout file */
static char *
page_of (const char *text,
         guint       page,
         const char *format)
{
  if (g_strcmp0 (format, "ff") == 0)
    {
      g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

      return g_strdup (page >= 1 && page <= g_strv_length (pages) ? pages[page - 1] : "");
    }
  if (g_strcmp0 (format, "bbox") == 0)
    {
      GString *out = g_string_new (NULL);
      const char *p = text;

      for (guint n = 0; n < page; n++)
        {
          p = strstr (p, "<page ");
          if (p == NULL)
            return g_string_free (out, FALSE);
          p++;
        }
      {
        const char *end = strstr (p, "</page>");

        while ((p = strstr (p, "<word ")) != NULL && (end == NULL || p < end))
          {
            const char *open = strchr (p, '>');
            const char *close = open != NULL ? strstr (open, "</word>") : NULL;

            if (close == NULL)
              break;
            g_string_append_len (out, open + 1, close - open - 1);
            p = close;
          }
      }
      decode_entities (out);
      return g_string_free (out, FALSE);
    }
  return g_strdup (text);
}

static int
cmd_score (const char *list)
{
  g_autofree char *text = read_text (list);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  glong edits = 0, chars = 0, pages = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", 4);
      g_autofree char *ref = NULL;
      g_autofree char *hyp_page = NULL;
      const char *hyp;
      glong e, c;

      if (g_strv_length (f) < 2)
        continue;
      ref = read_text (f[0]);
      hyp = g_hash_table_lookup (cache, f[1]);
      if (hyp == NULL)
        {
          hyp = read_text (f[1]);
          g_hash_table_insert (cache, g_strdup (f[1]), (char *) hyp);
        }
      hyp_page = page_of (hyp, f[2] != NULL ? (guint) atoi (f[2]) : 1, f[2] != NULL ? f[3] : NULL);
      distance (ref, hyp_page, &e, &c);
      edits += e;
      chars += c;
      pages++;
    }
  printf ("%.2f %ld %ld %ld\n", chars > 0 ? 100.0 * edits / chars : 0.0, edits, chars, pages);
  return 0;
}

static void
index_truth (const char *truth_path,
             const char *refdir,
             guint      *counter)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *base = NULL;
  g_autofree char *dir = NULL;
  JsonObject *root;
  JsonArray *docs;

  if (!json_parser_load_from_file (parser, truth_path, NULL))
    return;
  root = json_node_get_object (json_parser_get_root (parser));
  /* a truth file sits beside its submission: X.truth.json → X */
  base = g_strndup (truth_path, strlen (truth_path) - strlen (".truth.json"));
  if (!json_object_has_member (root, "documents"))
    return;
  docs = json_object_get_array_member (root, "documents");
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *d = json_array_get_object_element (docs, i);
      JsonArray *pages = json_object_get_array_member (d, "page_list");
      const char *media = json_object_get_string_member_with_default (d, "media_type", "application/pdf");
      const char *source = json_object_get_string_member_with_default (d, "source", "pdf-text");
      const char *status = json_object_get_string_member_with_default (d, "status", "ok");
      g_autofree char *file = g_build_filename (base, json_object_get_string_member (d, "path"), NULL);

      if (g_strcmp0 (status, "ok") != 0 || !g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      for (guint p = 0; pages != NULL && p < json_array_get_length (pages); p++)
        {
          JsonObject *page = json_array_get_object_element (pages, p);
          g_autofree char *name = g_strdup_printf ("%06u.txt", (*counter)++);
          g_autofree char *ref = g_build_filename (refdir, name, NULL);
          const char *text = json_object_get_string_member_with_default (page, "text", "");

          g_file_set_contents (ref, text, -1, NULL);
          printf ("%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\n", source, media, file,
                  json_object_get_int_member (page, "page"), ref);
        }
    }
}

static int
cmd_index (const char *corpus,
           const char *refdir)
{
  guint counter = 0;

  g_mkdir_with_parents (refdir, 0700);
  if (g_str_has_suffix (corpus, ".truth.json"))
    index_truth (corpus, refdir, &counter);
  else
    {
      g_autoptr(GDir) d = g_dir_open (corpus, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (d == NULL)
        {
          g_printerr ("shinsa-cer: cannot open '%s'\n", corpus);
          return 2;
        }
      while ((name = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (name, ".truth.json"))
          g_ptr_array_add (names, g_build_filename (corpus, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        index_truth (*(char **) &names->pdata[i], refdir, &counter);
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  if (argc == 4 && strcmp (argv[1], "index") == 0)
    return cmd_index (argv[2], argv[3]);
  if (argc == 3 && strcmp (argv[1], "score") == 0)
    return cmd_score (argv[2]);
  if (argc == 3)
    {
      g_autofree char *ref = read_text (argv[1]);
      g_autofree char *hyp = read_text (argv[2]);
      glong e, c;

      distance (ref, hyp, &e, &c);
      printf ("%.2f %ld %ld 1\n", c > 0 ? 100.0 * e / c : 0.0, e, c);
      return 0;
    }
  g_printerr ("usage: shinsa-cer REF HYP | shinsa-cer index CORPUS REFDIR | shinsa-cer score LIST\n");
  return 2;
}
