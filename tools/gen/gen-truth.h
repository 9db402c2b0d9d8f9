#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "gen-doc.h"

G_BEGIN_DECLS

/* How a page reached the office: its ink kept (text PDF, colour scan) or
 * turned grey by a greyscale scanner. */
typedef enum
{
  GEN_INK_COLOUR,
  GEN_INK_GREY,
} GenInk;

/* Adds to the open page object of the truth file:
 *   "scanned":   whether the page is only an image
 *   "text":      the text drawn on the page, lines in reading order joined by "\n"
 *   "red_spans": [{"text", "color": "#RRGGBB"}] the lines drawn in red ink
 *                (none on a greyscale scan) */
void     gen_truth_page_text (JsonBuilder *b,
                              GenDoc      *doc,
                              guint        page,
                              gboolean     scanned,
                              GenInk       ink);

/* Whether a 0xRRGGBB colour reads as red (朱) */
gboolean gen_truth_is_red    (guint32      rgb);

/* The JSON of root, pretty-printed with a final newline */
gboolean gen_truth_write     (JsonNode    *root,
                              const char  *path,
                              GError     **error);

G_END_DECLS
