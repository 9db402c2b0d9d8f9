#pragma once

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

/* A multi-page greyscale TIFF (8 bits, deflate), one page per buffer of
 * width × height bytes. */
gboolean gen_tiff_write_grey (const char    *path,
                              guint8 *const *pages,
                              guint          n_pages,
                              int            width,
                              int            height,
                              int            dpi,
                              GError       **error);

/* The surface as PNG file bytes. */
GBytes  *gen_png_bytes       (cairo_surface_t *surface,
                              GError         **error);

G_END_DECLS
