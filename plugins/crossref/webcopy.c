/* shinsa — crossref: is this document a web page's hard copy?
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Recognised by its look, never its name.  A browser prints the date and
 * time and the page title above the page and the URL and n/N below it; a
 * web page pasted into a word processor has none of that, but reads like
 * one: short, in です・ます, no folio, no document number, no chapters or
 * articles, no addressee or signature.  Seed 000 §4(4) asks for the URL and
 * the date on every web page submitted as evidence.
 */
#include <string.h>

#include "crossref.h"

/* 2024/06/10 14:40 — a date and a time on one line */
static gboolean
has_browser_date (const char *line)
{
  gboolean date = FALSE, time = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
          g_ascii_isdigit (p[3]) && (p[4] == '/' || p[4] == '-') && g_ascii_isdigit (p[5]))
        date = TRUE;
      if (g_ascii_isdigit (p[0]) && p[1] == ':' && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]))
        time = TRUE;
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && p[2] == ':' && g_ascii_isdigit (p[3]))
        time = TRUE;
    }
  return date && time;
}

static gboolean
has_url (const char *line)
{
  return strstr (line, "http://") != NULL || strstr (line, "https://") != NULL ||
         strstr (line, "www.") != NULL;
}

static guint
count (const char *text, const char *word)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, word)) != NULL; p += strlen (word))
    n++;
  return n;
}

void
xref_web_look (ShinsaDocument *doc, XrefWebLook *look)
{
  GPtrArray *pages = shinsa_document_get_page_list (doc);
  g_autoptr(GString) all = g_string_new (NULL);
  gboolean labels = FALSE;
  guint polite, plain;

  memset (look, 0, sizeof *look);
  if (pages == NULL || pages->len == 0)
    return;

  for (guint i = 0; i < pages->len; i++)
    {
      ShinsaPage *page = g_ptr_array_index (pages, i);
      g_autofree char *nfkc = g_utf8_normalize (page->text != NULL ? page->text : "", -1,
                                               G_NORMALIZE_ALL_COMPOSE);
      g_auto(GStrv) lines = g_strsplit (nfkc != NULL ? nfkc : "", "\n", -1);
      guint n = g_strv_length (lines);

      /* what the browser adds sits in the first and last two lines */
      for (guint j = 0; j < n; j++)
        {
          if (j >= 2 && j + 2 < n)
            continue;
          if (has_browser_date (lines[j]))
            look->has_date = TRUE;
          if (has_url (lines[j]))
            look->has_url = TRUE;
        }
      if (page->label != NULL)
        labels = TRUE;
      g_string_append (all, nfkc != NULL ? nfkc : "");
      g_string_append_c (all, '\n');
    }

  if (look->has_date || look->has_url)
    {
      look->looks_web = TRUE;
      return;
    }

  /* pasted web text: the voice of a web page, none of a document's furniture */
  polite = count (all->str, "ます。") + count (all->str, "です。") + count (all->str, "ません。");
  plain = count (all->str, "る。") + count (all->str, "た。") + count (all->str, "い。") +
          count (all->str, "とする。") + count (all->str, "である。");
  if (pages->len > 3 || labels || polite < 2 || polite < 2 * plain)
    return;
  {
    static const char *const furniture[] = {
      "文書番号", "制定", "改定", "殿", "御中", "印", "署名", "誓約", "宣誓", "代表取締役",
      "版", "頁", "ページ",
    };
    for (guint i = 0; i < G_N_ELEMENTS (furniture); i++)
      if (strstr (all->str, furniture[i]) != NULL)
        return;
  }
  {
    /* chapters and articles are a document's */
    const char *p = all->str;
    while ((p = strstr (p, "第")) != NULL)
      {
        const char *q = p + strlen ("第");
        while (g_ascii_isdigit (*q))
          q++;
        if (q > p + strlen ("第") && (g_str_has_prefix (q, "章") || g_str_has_prefix (q, "条")))
          return;
        p = q;
      }
  }
  look->looks_web = TRUE;
}
