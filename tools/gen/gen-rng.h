#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A seeded PRNG of our own (xoshiro256**): the output must not depend on
 * the C library or GLib version, so g_rand is not used. */
typedef struct
{
  guint64 s[4];
} GenRng;

void    gen_rng_init    (GenRng     *rng,
                         guint64     seed);
GenRng  gen_rng_fork    (const GenRng *rng,
                         const char *label);
guint64 gen_rng_next    (GenRng     *rng);
guint32 gen_rng_range   (GenRng     *rng,
                         guint32     n);
double  gen_rng_double  (GenRng     *rng);
double  gen_rng_uniform (GenRng     *rng,
                         double      lo,
                         double      hi);
double  gen_rng_normal  (GenRng     *rng);

G_END_DECLS
