#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Encrypts a PDF written by cairo with the standard security handler
 * (revision 3, 128-bit RC4), so readers need user_password to open it.
 * Only the classic layout cairo writes is understood: indirect objects,
 * an xref table and a trailer, no object streams. id is the first file
 * identifier (16 bytes). */
GBytes *gen_pdf_encrypt (GBytes       *pdf,
                         const char   *user_password,
                         const char   *owner_password,
                         const guint8  id[16],
                         GError      **error);

G_END_DECLS
