/* shinsa — font colours from an .xls workbook (OLE2 container, BIFF8 records)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

typedef struct _BiffBook BiffBook;

/**
 * biff_book_read:
 * @data: the whole .xls file
 * @size: its length
 * @error: why the formatting could not be read
 *
 * Reads what libfreexl does not give: each cell's XF and the font colours
 * and rich-text runs of its string.  The values themselves stay
 * libfreexl's; this is only matched to them (biff_book_cell_runs()).
 *
 * Returns: (transfer full) (nullable): the formatting, or NULL with
 * FORM_ERROR_NOT_WORKBOOK (not OLE2, no workbook stream, not BIFF8) or
 * FORM_ERROR_MALFORMED (a broken container, an encrypted workbook)
 */
BiffBook *biff_book_read (const guint8 *data, gsize size, GError **error);
void      biff_book_free (BiffBook *book);

/**
 * biff_book_cell_runs:
 * @book: the formatting
 * @sheet: the worksheet's name, as libfreexl gives it
 * @row: 0-based, as in BIFF
 * @col: 0-based
 * @text: the cell's value as libfreexl gives it (BIFF's \r\n line ends)
 *
 * Splits @text into runs at the string's formatting runs, each with its
 * font's colour and strike-through; text before the first run, and a cell
 * without runs, takes the font of the cell's XF.  Line ends come back as
 * \n, as the readers store them.
 *
 * Returns: (transfer full) (nullable) (element-type ShinsaFormRun): runs
 * whose texts concatenate to @text with \n line ends, or NULL when @book
 * does not know the cell or its string's length is not @text's
 */
GArray *biff_book_cell_runs (BiffBook *book, const char *sheet, guint row, guint col, const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BiffBook, biff_book_free)

G_END_DECLS
