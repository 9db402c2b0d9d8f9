/* documents — a TIFF's pages and structure, through libtiff on its bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <tiffio.h>

#include "tiffcheck.h"

#define TIFF_MAX_ALLOC DOCUMENTS_TIFF_MAX_ALLOC

typedef struct {
  const guint8 *data;
  gsize len;
  gsize pos;
  char *error;                  /* libtiff's first error */
} TiffSource;

static tmsize_t
tiff_read (thandle_t handle, void *buf, tmsize_t size)
{
  TiffSource *src = handle;
  gsize n;

  if (size < 0 || src->pos >= src->len)
    return 0;
  n = MIN ((gsize) size, src->len - src->pos);
  memcpy (buf, src->data + src->pos, n);
  src->pos += n;
  return (tmsize_t) n;
}

static tmsize_t
tiff_write (thandle_t handle, void *buf, tmsize_t size)
{
  return -1;
}

static toff_t
tiff_seek (thandle_t handle, toff_t offset, int whence)
{
  TiffSource *src = handle;
  guint64 base;

  switch (whence)
    {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = src->pos; break;
    case SEEK_END: base = src->len; break;
    default: return (toff_t) -1;
    }
  if (offset > G_MAXUINT64 - base)
    return (toff_t) -1;
  src->pos = (gsize) MIN (base + offset, (guint64) G_MAXSIZE);
  return (toff_t) src->pos;
}

static int
tiff_close (thandle_t handle)
{
  return 0;
}

static toff_t
tiff_size (thandle_t handle)
{
  return ((TiffSource *) handle)->len;
}

static int
tiff_map (thandle_t handle, void **base, toff_t *size)
{
  TiffSource *src = handle;

  *base = (void *) src->data;
  *size = src->len;
  return 1;
}

static void
tiff_unmap (thandle_t handle, void *base, toff_t size)
{
}

static int
tiff_on_error (TIFF *tif, void *user_data, const char *module, const char *fmt, va_list args)
{
  TiffSource *src = user_data;

  if (src->error == NULL)
    src->error = g_strdup_vprintf (fmt, args);
  return 1;                     /* handled: keep libtiff's global handler quiet */
}

static int
tiff_on_warning (TIFF *tif, void *user_data, const char *module, const char *fmt, va_list args)
{
  return 1;
}

/* the page count, or -1 with @reason set */
int
documents_check_tiff (const guint8 *data, gsize len, gboolean check_strips, char **reason)
{
  TiffSource src = { data, len, 0, NULL };
  TIFFOpenOptions *opts = TIFFOpenOptionsAlloc ();
  TIFF *tif;
  int pages = 0;

  /* per-handle handlers: TIFFSetErrorHandler would change the whole process */
  TIFFOpenOptionsSetErrorHandlerExtR (opts, tiff_on_error, &src);
  TIFFOpenOptionsSetWarningHandlerExtR (opts, tiff_on_warning, NULL);
  TIFFOpenOptionsSetMaxSingleMemAlloc (opts, TIFF_MAX_ALLOC);
  tif = TIFFClientOpenExt ("tiff", "r", &src, tiff_read, tiff_write, tiff_seek, tiff_close,
                           tiff_size, tiff_map, tiff_unmap, opts);
  TIFFOpenOptionsFree (opts);
  if (tif == NULL)
    {
      *reason = g_strdup_printf ("TIFF cannot be opened: %s", src.error != NULL ? src.error : "unknown error");
      g_free (src.error);
      return -1;
    }

  do
    {
      guint32 width = 0, height = 0;

      pages++;
      if (!TIFFGetField (tif, TIFFTAG_IMAGEWIDTH, &width) ||
          !TIFFGetField (tif, TIFFTAG_IMAGELENGTH, &height) || width == 0 || height == 0)
        {
          *reason = g_strdup_printf ("TIFF page %d has no size", pages);
          break;
        }
      if (check_strips)
        {
          guint32 n = TIFFIsTiled (tif) ? TIFFNumberOfTiles (tif) : TIFFNumberOfStrips (tif);

          for (guint32 i = 0; i < n; i++)
            {
              guint64 offset = TIFFGetStrileOffset (tif, i);
              guint64 count = TIFFGetStrileByteCount (tif, i);

              if (count == 0 || offset > len || count > len - offset)
                {
                  *reason = g_strdup_printf ("TIFF page %d: image data %u lies outside the file",
                                             pages, i);
                  break;
                }
            }
          if (*reason != NULL)
            break;
        }
    }
  while (TIFFReadDirectory (tif));

  /* TIFFReadDirectory returns 0 both at the last page and on damage */
  if (*reason == NULL && src.error != NULL)
    *reason = g_strdup_printf ("TIFF page %d: %s", pages + 1, src.error);
  TIFFClose (tif);
  g_free (src.error);
  return *reason != NULL ? -1 : pages;
}

