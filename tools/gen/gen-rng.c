#include "gen-rng.h"

#include <math.h>

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

void
gen_rng_init (GenRng  *rng,
              guint64  seed)
{
  guint64 x = seed;

  for (guint i = 0; i < G_N_ELEMENTS (rng->s); i++)
    rng->s[i] = splitmix64 (&x);
}

/* An independent stream per label, so that adding a document or a page in
 * one place does not shift the randomness everywhere else. */
GenRng
gen_rng_fork (const GenRng *rng,
              const char   *label)
{
  GenRng child;
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const guchar *p = (const guchar *) label; *p != '\0'; p++)
    h = (h ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);

  gen_rng_init (&child, h ^ rng->s[0] ^ rotl (rng->s[1], 17) ^ rotl (rng->s[2], 31) ^ rng->s[3]);
  return child;
}

guint64
gen_rng_next (GenRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

guint32
gen_rng_range (GenRng  *rng,
               guint32  n)
{
  g_return_val_if_fail (n > 0, 0);

  return (guint32) ((gen_rng_next (rng) >> 32) * n >> 32);
}

double
gen_rng_double (GenRng *rng)
{
  return (gen_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

double
gen_rng_uniform (GenRng *rng,
                 double  lo,
                 double  hi)
{
  return lo + (hi - lo) * gen_rng_double (rng);
}

/* Box–Muller; libm's log/cos/sqrt are correctly rounded enough on every
 * platform we build on that seeds stay reproducible. */
double
gen_rng_normal (GenRng *rng)
{
  double u1 = gen_rng_double (rng);
  double u2 = gen_rng_double (rng);

  if (u1 < 1e-300)
    u1 = 1e-300;
  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}
