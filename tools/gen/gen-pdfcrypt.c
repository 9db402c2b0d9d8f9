/* PDF standard security handler, ISO 32000-1 §7.6.3 (algorithms 1–5),
 * revision 3: RC4 with a 128-bit key derived through MD5. */

#include "gen-pdfcrypt.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_LEN 16
#define PERMISSIONS (-3884)   /* print and copy allowed, nothing else */

static const guint8 password_padding[32] = {
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
};

typedef struct
{
  guint8 s[256];
  guint8 i, j;
} Rc4;

static void
rc4_init (Rc4          *rc4,
          const guint8 *key,
          gsize         len)
{
  guint8 j = 0;

  for (guint i = 0; i < 256; i++)
    rc4->s[i] = (guint8) i;
  for (guint i = 0; i < 256; i++)
    {
      guint8 t = rc4->s[i];

      j = (guint8) (j + t + key[i % len]);
      rc4->s[i] = rc4->s[j];
      rc4->s[j] = t;
    }
  rc4->i = rc4->j = 0;
}

static void
rc4_crypt (Rc4    *rc4,
           guint8 *buf,
           gsize   len)
{
  for (gsize k = 0; k < len; k++)
    {
      guint8 t;

      rc4->i++;
      rc4->j = (guint8) (rc4->j + rc4->s[rc4->i]);
      t = rc4->s[rc4->i];
      rc4->s[rc4->i] = rc4->s[rc4->j];
      rc4->s[rc4->j] = t;
      buf[k] ^= rc4->s[(guint8) (rc4->s[rc4->i] + rc4->s[rc4->j])];
    }
}

static void
rc4_once (const guint8 *key,
          gsize         key_len,
          guint8       *buf,
          gsize         len)
{
  Rc4 rc4;

  rc4_init (&rc4, key, key_len);
  rc4_crypt (&rc4, buf, len);
}

static void
md5 (const guint8 *const *parts,
     const gsize         *lens,
     guint                n,
     guint8               out[16])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_MD5);
  gsize out_len = 16;

  for (guint i = 0; i < n; i++)
    g_checksum_update (sum, parts[i], lens[i]);
  g_checksum_get_digest (sum, out, &out_len);
}

static void
pad_password (const char *password,
              guint8      out[32])
{
  gsize len = MIN (strlen (password), 32);

  memcpy (out, password, len);
  memcpy (out + len, password_padding, 32 - len);
}

/* 19 more passes with the key XORed with the pass number (R3) */
static void
rc4_rounds (const guint8 key[KEY_LEN],
            guint8      *buf,
            gsize        len)
{
  rc4_once (key, KEY_LEN, buf, len);
  for (guint8 round = 1; round <= 19; round++)
    {
      guint8 k[KEY_LEN];

      for (guint i = 0; i < KEY_LEN; i++)
        k[i] = key[i] ^ round;
      rc4_once (k, KEY_LEN, buf, len);
    }
}

static void
compute_owner (const char *owner_password,
               const char *user_password,
               guint8      o[32])
{
  guint8 padded[32], h[16];

  pad_password (owner_password, padded);
  md5 ((const guint8 *[]) { padded }, (gsize[]) { 32 }, 1, h);
  for (guint i = 0; i < 50; i++)
    md5 ((const guint8 *[]) { h }, (gsize[]) { KEY_LEN }, 1, h);
  pad_password (user_password, o);
  rc4_rounds (h, o, 32);
}

static void
compute_key (const char   *user_password,
             const guint8  o[32],
             gint32        permissions,
             const guint8  id[16],
             guint8        key[KEY_LEN])
{
  guint8 padded[32];
  guint32 p = (guint32) permissions;
  guint8 p_le[4] = { p & 0xff, (p >> 8) & 0xff, (p >> 16) & 0xff, (p >> 24) & 0xff };

  pad_password (user_password, padded);
  md5 ((const guint8 *[]) { padded, o, p_le, id }, (gsize[]) { 32, 32, 4, 16 }, 4, key);
  for (guint i = 0; i < 50; i++)
    md5 ((const guint8 *[]) { key }, (gsize[]) { KEY_LEN }, 1, key);
}

static void
compute_user (const guint8 key[KEY_LEN],
              const guint8 id[16],
              guint8       u[32])
{
  md5 ((const guint8 *[]) { password_padding, id }, (gsize[]) { 32, 16 }, 2, u);
  rc4_rounds (key, u, 16);
  /* the second half is arbitrary; fixed for reproducibility */
  memcpy (u + 16, password_padding, 16);
}

static void
object_key (const guint8 key[KEY_LEN],
            guint        num,
            guint        gen,
            guint8       out[16])
{
  guint8 suffix[5] = { num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff,
                       (gen >> 8) & 0xff };

  md5 ((const guint8 *[]) { key, suffix }, (gsize[]) { KEY_LEN, 5 }, 2, out);
}

static void
append_hex (GString      *out,
            const guint8 *data,
            gsize         len)
{
  g_string_append_c (out, '<');
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", data[i]);
  g_string_append_c (out, '>');
}

/* g_strstr_len stops at the first NUL; PDF streams have plenty */
static const char *
find_bytes (const char *data,
            gsize       len,
            const char *needle)
{
  return memmem (data, len, needle, strlen (needle));
}

static const char *
rfind_bytes (const char *data,
             gsize       len,
             const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = len >= n ? len - n + 1 : 0; i-- > 0;)
    if (memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

static gboolean
has_prefix (const char *data,
            gsize       len,
            gsize       pos,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return pos + n <= len && memcmp (data + pos, prefix, n) == 0;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean
is_delimiter (char c)
{
  return is_space (c) || strchr ("()<>[]{}/%", c) != NULL;
}

/* a literal string's bytes; *pos is just after '(' and ends after ')' */
static GByteArray *
read_literal (const char *data,
              gsize       len,
              gsize      *pos)
{
  GByteArray *bytes = g_byte_array_new ();
  int depth = 1;
  gsize p = *pos;

  while (p < len)
    {
      guint8 c = data[p++];

      if (c == '\\' && p < len)
        {
          guint8 e = data[p++];

          switch (e)
            {
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case '\r':
              if (p < len && data[p] == '\n')
                p++;
              continue;
            case '\n':
              continue;
            default:
              if (e >= '0' && e <= '7')
                {
                  int v = e - '0';

                  for (int k = 0; k < 2 && p < len && data[p] >= '0' && data[p] <= '7'; k++)
                    v = v * 8 + (data[p++] - '0');
                  c = (guint8) v;
                }
              else
                c = e;
            }
          g_byte_array_append (bytes, &c, 1);
          continue;
        }
      if (c == '(')
        depth++;
      else if (c == ')' && --depth == 0)
        break;
      g_byte_array_append (bytes, &c, 1);
    }
  *pos = p;
  return bytes;
}

static GByteArray *
read_hex (const char *data,
          gsize       len,
          gsize      *pos)
{
  GByteArray *bytes = g_byte_array_new ();
  gsize p = *pos;
  int hi = -1;

  while (p < len && data[p] != '>')
    {
      int v = g_ascii_xdigit_value (data[p++]);

      if (v < 0)
        continue;
      if (hi < 0)
        hi = v;
      else
        {
          guint8 b = (guint8) (hi * 16 + v);

          g_byte_array_append (bytes, &b, 1);
          hi = -1;
        }
    }
  if (hi >= 0)
    {
      guint8 b = (guint8) (hi * 16);

      g_byte_array_append (bytes, &b, 1);
    }
  *pos = p + 1;
  return bytes;
}

/* the integer in "N 0 obj <int> endobj", for indirect stream lengths */
static gboolean
find_int_object (const char *data,
                 gsize       len,
                 guint       num,
                 gsize      *value)
{
  g_autofree char *needle = g_strdup_printf ("\n%u 0 obj", num);
  const char *hit = find_bytes (data, len, needle);
  char *end;

  if (hit == NULL)
    return FALSE;
  hit += strlen (needle);
  *value = (gsize) g_ascii_strtoull (hit, &end, 10);
  return end != hit;
}

static gboolean
stream_length (const char *data,
               gsize       len,
               const char *dict,
               gsize       dict_len,
               gsize      *value)
{
  g_autofree char *copy = g_strndup (dict, dict_len);
  const char *p = strstr (copy, "/Length");
  char *end;
  guint64 length;

  if (p == NULL)
    return FALSE;
  p += strlen ("/Length");
  length = g_ascii_strtoull (p, &end, 10);
  if (end == p)
    return FALSE;
  /* "/Length 5 0 R": the length is in object 5, which cairo writes after
   * the stream */
  p = end;
  g_ascii_strtoull (p, &end, 10);
  if (end != p)
    {
      while (is_space (*end))
        end++;
      if (*end == 'R')
        return find_int_object (data, len, (guint) length, value);
    }
  *value = (gsize) length;
  return TRUE;
}

GBytes *
gen_pdf_encrypt (GBytes       *pdf,
                 const char   *user_password,
                 const char   *owner_password,
                 const guint8  id[16],
                 GError      **error)
{
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);
  g_autoptr(GString) out = g_string_sized_new (len + 1024);
  g_autoptr(GArray) offsets = g_array_new (FALSE, TRUE, sizeof (guint64));
  guint8 o[32], u[32], key[KEY_LEN];
  guint root = 0, info = 0, max_num = 0;
  const char *first, *trailer;
  gsize pos;

  compute_owner (owner_password, user_password, o);
  compute_key (user_password, o, PERMISSIONS, id, key);
  compute_user (key, id, u);

  trailer = rfind_bytes (data, len, "trailer");
  if (!g_str_has_prefix (data, "%PDF-") || trailer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "cannot encrypt: not a PDF in the layout cairo writes");
      return NULL;
    }
  /* keep the header line and the binary comment line after it */
  first = data;
  for (guint line_no = 0; line_no < 2; line_no++)
    {
      const char *nl = memchr (first, '\n', len - (first - data));

      if (nl == NULL || (line_no == 1 && *first != '%'))
        break;
      first = nl + 1;
    }
  g_string_append_len (out, data, first - data);
  pos = first - data;

  while (pos < len)
    {
      const char *line = data + pos;
      char *end;
      guint num, gen;
      guint8 okey[16];
      gsize dict_start;

      while (pos < len && is_space (data[pos]))
        pos++;
      line = data + pos;
      if (has_prefix (data, len, pos, "xref") || has_prefix (data, len, pos, "trailer"))
        break;
      num = (guint) g_ascii_strtoull (line, &end, 10);
      if (end == line)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "cannot encrypt: unexpected data at offset %" G_GSIZE_FORMAT, pos);
          return NULL;
        }
      gen = (guint) g_ascii_strtoull (end, &end, 10);
      while (is_space (*end))
        end++;
      if (!has_prefix (data, len, end - data, "obj"))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "cannot encrypt: no object at offset %" G_GSIZE_FORMAT, pos);
          return NULL;
        }
      pos = end + 3 - data;
      if (num >= offsets->len)
        g_array_set_size (offsets, num + 1);
      g_array_index (offsets, guint64, num) = out->len;
      max_num = MAX (max_num, num);
      g_string_append_printf (out, "%u %u obj", num, gen);
      object_key (key, num, gen, okey);

      dict_start = pos;
      while (pos < len)
        {
          char c = data[pos];

          if (c == '(' || (c == '<' && pos + 1 < len && data[pos + 1] != '<'))
            {
              g_autoptr(GByteArray) s = NULL;

              pos++;
              s = c == '(' ? read_literal (data, len, &pos) : read_hex (data, len, &pos);
              rc4_once (okey, 16, s->data, s->len);
              append_hex (out, s->data, s->len);
            }
          else if (c == '<' || c == '>')
            {
              g_string_append_len (out, data + pos, 2);
              pos += 2;
            }
          else if (c == '/')
            {
              gsize start = pos++;

              while (pos < len && !is_delimiter (data[pos]))
                pos++;
              g_string_append_len (out, data + start, pos - start);
            }
          else if (has_prefix (data, len, pos, "endobj"))
            {
              g_string_append (out, "endobj\n");
              pos += 6;
              break;
            }
          else if (has_prefix (data, len, pos, "stream") && pos + 6 < len
                   && (data[pos - 1] == '>' || is_space (data[pos - 1]))
                   && (data[pos + 6] == '\n' || data[pos + 6] == '\r'))
            {
              gsize slen;
              g_autofree guint8 *buf = NULL;

              if (!stream_length (data, len, data + dict_start, pos - dict_start, &slen))
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "cannot encrypt: no /Length for the stream of object %u", num);
                  return NULL;
                }
              pos += 6;
              if (data[pos] == '\r')
                pos++;
              if (data[pos] == '\n')
                pos++;
              if (pos + slen > len)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "cannot encrypt: stream of object %u runs past the end", num);
                  return NULL;
                }
              /* RC4 keeps the length, so /Length stays right */
              buf = g_memdup2 (data + pos, slen);
              rc4_once (okey, 16, buf, slen);
              g_string_append (out, "stream\n");
              g_string_append_len (out, (const char *) buf, slen);
              pos += slen;
            }
          else
            {
              g_string_append_c (out, c);
              pos++;
            }
        }
    }

  /* Root and Info from the old trailer */
  {
    gsize rest = len - (trailer - data);
    const char *r = find_bytes (trailer, rest, "/Root");
    const char *i = find_bytes (trailer, rest, "/Info");

    if (r != NULL)
      root = (guint) g_ascii_strtoull (r + 5, NULL, 10);
    if (i != NULL)
      info = (guint) g_ascii_strtoull (i + 5, NULL, 10);
  }
  if (root == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "cannot encrypt: no /Root");
      return NULL;
    }

  {
    guint enc = max_num + 1;
    guint64 xref;

    g_array_set_size (offsets, enc + 1);
    g_array_index (offsets, guint64, enc) = out->len;
    g_string_append_printf (out, "%u 0 obj\n<< /Filter /Standard /V 2 /R 3 /Length 128 /P %d\n   /O ",
                            enc, PERMISSIONS);
    append_hex (out, o, 32);
    g_string_append (out, "\n   /U ");
    append_hex (out, u, 32);
    g_string_append (out, "\n>>\nendobj\n");

    xref = out->len;
    g_string_append_printf (out, "xref\n0 %u\n", enc + 1);
    for (guint n = 0; n <= enc; n++)
      {
        guint64 off = g_array_index (offsets, guint64, n);

        if (n == 0 || off == 0)
          g_string_append (out, "0000000000 65535 f \n");
        else
          g_string_append_printf (out, "%010" G_GUINT64_FORMAT " 00000 n \n", off);
      }
    g_string_append_printf (out, "trailer\n<< /Size %u\n   /Root %u 0 R\n", enc + 1, root);
    if (info != 0)
      g_string_append_printf (out, "   /Info %u 0 R\n", info);
    g_string_append_printf (out, "   /Encrypt %u 0 R\n   /ID [", enc);
    append_hex (out, id, 16);
    append_hex (out, id, 16);
    g_string_append_printf (out, "]\n>>\nstartxref\n%" G_GUINT64_FORMAT "\n%%%%EOF\n", xref);
  }

  return g_bytes_new (out->str, out->len);
}
