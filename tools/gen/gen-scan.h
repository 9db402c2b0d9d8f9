#pragma once

#include <glib.h>
#include <cairo.h>

#include "gen-doc.h"
#include "gen-rng.h"

G_BEGIN_DECLS

#define GEN_SCAN_DPI 200

/* How the office's scanner was set */
typedef struct
{
  int      dpi;
  gboolean colour;
  double   max_angle;   /* degrees either way the sheet lies askew */
  int      quality;     /* JPEG */
} GenScanParams;

#define GEN_SCAN_PARAMS_DEFAULT { GEN_SCAN_DPI, FALSE, 1.5, 75 }

/* Makes a page image look scanned (small rotation, speckles, blur, paper
 * tone, greyscale) and compresses it to a greyscale JPEG. page must be an
 * RGB24 or ARGB32 image surface drawn at dpi. */
GBytes *gen_scan_page_jpeg (cairo_surface_t *page,
                            GenRng          *rng,
                            int              dpi,
                            int              quality,
                            GError         **error);

/* The same, but the greyscale pixels (width × height bytes) */
guint8 *gen_scan_simulate  (cairo_surface_t *page,
                            GenRng          *rng,
                            gboolean         sensor_noise);

/* The same with the scanner's settings; colour gives RGB pixels
 * (width × height × 3 bytes). */
guint8 *gen_scan_simulate_full (cairo_surface_t *page,
                                GenRng          *rng,
                                gboolean         sensor_noise,
                                double           max_angle,
                                gboolean         colour);

GBytes *gen_jpeg_encode      (const guint8  *pixels,
                              int            width,
                              int            height,
                              int            components,
                              int            dpi,
                              int            quality,
                              GError       **error);

GBytes *gen_jpeg_encode_grey (const guint8  *grey,
                              int            width,
                              int            height,
                              int            dpi,
                              int            quality,
                              GError       **error);

/* One page of doc drawn at dpi on a white RGB24 surface */
cairo_surface_t *gen_doc_render_image (GenDoc *doc,
                                       guint   page,
                                       int     dpi);

/* Renders every page of doc at GEN_SCAN_DPI, scans it and writes a PDF
 * whose pages are only JPEG images (no text layer). */
GBytes *gen_scan_doc_pdf   (GenDoc          *doc,
                            GenRng          *rng,
                            GError         **error);

GBytes *gen_scan_doc_pdf_full (GenDoc              *doc,
                               GenRng              *rng,
                               const GenScanParams *params,
                               GError             **error);

GBytes *gen_scan_doc_page_jpeg_full (GenDoc              *doc,
                                     guint                page,
                                     GenRng              *rng,
                                     const GenScanParams *params,
                                     GError             **error);

/* One page of doc photographed on a desk (colour JPEG, 1512×2016). */
GBytes *gen_photo_page_jpeg (GenDoc  *doc,
                             guint    page,
                             GenRng  *rng,
                             GError **error);

/* One page of doc, scanned, as a JPEG file's bytes. */
GBytes *gen_scan_doc_page_jpeg (GenDoc      *doc,
                                guint        page,
                                GenRng      *rng,
                                GError     **error);

G_END_DECLS
