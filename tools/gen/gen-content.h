#pragma once

#include <glib.h>

#include "gen-doc.h"

G_BEGIN_DECLS

/* The content of the sample submission, as data: the evidence documents
 * (gen-content-docs.c) and the 申請書A/B answers (gen-content-form.c).
 *
 * A citation template (GenAnswer.cite) is literal 添付書類等 text with
 * {ANCHOR|FORMAT} fields filled in once the documents are paginated;
 * ANCHOR names a block of one of the documents, FORMAT is one of
 *   doc    資料3          no     3              title  情報セキュリティ基本方針
 *   page   printed page number of the block
 *   range  printed pages of the enclosing article/section/chapter, "3～5"
 *   crange printed pages of the enclosing chapter
 *   chap   chapter number    sec  "3.2"        art    article number
 *   past   a printed page number past the document's end (planted defect)
 * Alternatives are separated by " || "; the seed picks one. The 申請内容
 * fields are expanded the same way (without alternatives), so an answer
 * can name an article as 第{tos.secret|art}条 and never drift from the
 * document. */

typedef enum
{
  GEN_PLANT_NONE,
  GEN_PLANT_REQUIRED_EMPTY,     /* FORM-REQUIRED-EMPTY */
  GEN_PLANT_PAGE_OUT_OF_RANGE,  /* CITE-PAGE-OUT-OF-RANGE: uses {…|past} */
  GEN_PLANT_DOC_NOT_FOUND,      /* CITE-DOC-NOT-FOUND: plant_doc not submitted */
  GEN_PLANT_WEAK_SUPPORT,       /* CITE-WEAK-SUPPORT: plant_anchor's page says otherwise */
} GenPlant;

typedef struct
{
  guint        no;
  const char  *fields[5];     /* one per 記述内容 sub-field; NULL-terminated */
  const char  *cite;          /* 添付書類等 template, NULL for none */
  GenPlant     plant;
  const char  *plant_doc;     /* DOC_NOT_FOUND: the missing document id */
  const char  *plant_anchor;  /* WEAK_SUPPORT: the block that says otherwise */
  const char  *plant_note;    /* what is wrong, for the truth file */
} GenAnswer;

typedef struct
{
  const char *name;
  const char *name_kana;
  const char *corporate_number;
  const char *representative;
  const char *postcode;
  const char *address;
  const char *service;
  const char *application;      /* 新規 / 更新 */
  const char *application_date;
  const char *contact_dept;
  const char *contact_name;
  const char *contact_phone;
  const char *contact_mail;
  const char *form_date_iso;    /* xlsx created/modified */
} GenCompany;

/* terminated by { 0 } */
extern const GenAnswer  gen_sample_answers[];
extern const GenCompany gen_sample_company;
/* NULL-terminated, in 資料内訳書 order */
extern const GenDocSpec *const gen_sample_docs[];

/* the 資料内訳書 number and its sort order are the document id */

typedef enum
{
  GEN_EXTRA_WEB,          /* browser print with URL and date */
  GEN_EXTRA_WEB_NO_URL,   /* a web page without them: DOC-WEB-NO-URL-DATE */
  GEN_EXTRA_PHOTO,        /* a phone photo (JPEG) of the page */
  GEN_EXTRA_VERTICAL,     /* one 縦書き page */
} GenExtraKind;

/* Evidence some applicants add (gen-content-extra.c): spec has no id, its
 * filename is what follows "資料N_"; cite is appended to item cite_item's
 * 添付書類等 (0: cited by none). Terminated by { NULL }. */
typedef struct
{
  const GenDocSpec *spec;
  GenExtraKind      kind;
  guint             cite_item;
  const char       *cite;
} GenExtraDoc;

extern const GenExtraDoc gen_extra_docs[];
/* for the defects case */
extern const GenDocSpec gen_extra_contract_spec;
extern const GenDocSpec gen_extra_ledger_spec;

G_END_DECLS
