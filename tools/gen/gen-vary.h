#pragma once

#include <glib.h>

#include "gen-content.h"
#include "gen-doc.h"
#include "gen-rng.h"

G_BEGIN_DECLS

/* Who applies: the sample's content is written for one company
 * (株式会社ミナトデータシステムズ and its data-centre provider); a GenVary
 * rewrites every name, number and address in it for another applicant,
 * consistently across the documents, the forms and the answers. The
 * reference applicant (seed 1) is left as written. */
typedef struct _GenVary GenVary;

GenVary          *gen_vary_new      (GenRng           *rng,
                                     gboolean          reference);
void              gen_vary_free     (GenVary          *vary);
/* the text with every name replaced; owned by vary */
const char       *gen_vary_text     (GenVary          *vary,
                                     const char       *text);
/* a copy of spec (and its blocks) with every text varied; owned by vary */
const GenDocSpec *gen_vary_doc      (GenVary          *vary,
                                     const GenDocSpec *spec);
/* the same, always a copy the caller may change; owned by vary */
GenDocSpec       *gen_vary_doc_copy (GenVary          *vary,
                                     const GenDocSpec *spec);
/* keeps text (allocated) as long as vary; returns it */
const char       *gen_vary_keep     (GenVary          *vary,
                                     char             *text);
/* the answers (terminated by { 0 }) varied; owned by vary */
const GenAnswer  *gen_vary_answers  (GenVary          *vary,
                                     const GenAnswer  *answers);
const GenCompany *gen_vary_company  (GenVary          *vary,
                                     const GenCompany *company);
/* one more replacement, applied after the applicant's; only before any
 * text is varied */
void              gen_vary_add_pair (GenVary          *vary,
                                     const char       *old,
                                     const char       *new_text);
/* Varies the facts the content states (employees, capital, sales, the
 * availability target and the claim above it, notice periods, password
 * length, log retention, data-centre names) from seed, with a generator of
 * its own so the other choices of the seed stay as they were; with
 * phrasing, the answers' wording too (not for renewals, whose changes are
 * matched against the answers as written). Only before any text is
 * varied; seed 1 (the reference sample and the fixtures) does not call it. */
void              gen_vary_facts    (GenVary          *vary,
                                     guint64           seed,
                                     gboolean          phrasing);
/* a short tag for the truth file: the company chosen */
const char       *gen_vary_name     (GenVary          *vary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenVary, gen_vary_free)

G_END_DECLS
