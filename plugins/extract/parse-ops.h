/* extract — what the parser process does: poppler and Leptonica on one file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Requests (a{sv}, "op" names the operation):
 *
 *   pdf-probe   path s
 *     → pages i, readable i (pages poppler can open), first-bad i (0: none)
 *     | encrypted b | error s (poppler's reason)
 *   pdf-page    path s, page i (1-based), text b (read the text layer),
 *               japanese b, render s (never | unusable | always),
 *               dpi i (for a page whose scan resolution is unknown),
 *               min-dpi i, max-dpi i, max-mp i
 *     → width d, height d, label s, verdict u (PdftextVerdict, text only),
 *       page (PARSE_PAGE_TYPE: the page with its spans, when the layer is usable),
 *       image (PARSE_IMAGE_TYPE, its words in the payload) and image-dpi d
 *       when rendered for OCR,
 *       render-error s when it could not be; poppler-errors u and
 *       poppler-error s (the first) when poppler met errors in the page
 *       (reading its text or rendering it)
 *     | error s, error-page b (the page, not the file, cannot be read)
 *   image-page  path s, index i (0-based), max-mp i
 *     → image (PARSE_IMAGE_TYPE, its words in the payload), dpi i (0: not
 *       recorded) | error s
 *
 *   tiff-probe  path s, strips b (check every strip lies in the file)
 *     → pages i | error s (English: why it is damaged)
 *   thumb       see parse-thumb.c: a page drawn small, for the report
 *
 * The same functions serve the worker (parse-worker.c) and an extract
 * stage told to parse in its own process (isolate=false, for measuring).
 */
#pragma once

#include <shinsa.h>
#include <leptonica/allheaders.h>
#include <poppler.h>

G_BEGIN_DECLS

#define PARSE_IMAGE_TYPE SHINSA_PARSER_IMAGE_TYPE

/* a span: text, x, y, width, height, font size, font, colour, source,
 * confidence, line, vertical */
#define PARSE_SPAN_TYPE "(sdddddsuudub)"
/* a page: number, width, height, rotation, vertical, source, confidence,
 * text, note ("" for none), spans */
#define PARSE_PAGE_TYPE "(iddibudssa" PARSE_SPAN_TYPE ")"

/* (transfer floating): @page as PARSE_PAGE_TYPE; much cheaper than JSON
 * for a page of a few hundred spans */
GVariant   *parse_page_to_variant (const ShinsaPage *page);
/* (transfer full) (nullable): the page, or NULL when @value is not one */
ShinsaPage *parse_page_from_variant (GVariant *value);

/* (transfer full): the reply to @request; *@out_image (transfer full)
 * (nullable) the image the reply's "image" describes, whose words the
 * worker sends as the payload */
GVariant *parse_ops_handle (GVariant *request, PIX **out_image);

/* puts @pix (transfer full; made 1, 8 or 32 bpp) in the reply: its geometry
 * as "image", its size as "payload", the image for parse_ops_handle() */
void      parse_reply_add_image (GVariantDict *reply, PIX *pix);

/* (transfer none) (nullable): the PDF at @path, opened or kept from the
 * calling thread's last request (a document's pages come one after
 * another); NULL with @error */
PopplerDocument *parse_ops_get_pdf (const char *path, GError **error);

/* parse-thumb.c: the thumb operation; (transfer floating) */
GVariant *parse_thumb (GVariantDict *args, GVariantDict *reply);

/* (transfer full) (nullable): the image @info describes, its words @payload
 * (transfer full: taken over without a copy); NULL when they do not make a
 * sound image or it exceeds @max_megapixels (0: no limit) */
PIX      *parse_image_to_pix (GVariant *info, GBytes *payload, int max_megapixels);

G_END_DECLS
