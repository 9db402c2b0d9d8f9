/* shinsa — the renewal stage: the form against the one certified last time,
 * and its red ink (朱書き)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * diff.c compares texts character by character after normalising them;
 * previous.c reads what was submitted last time (a submission or its
 * report.json); compare.c judges one item (changed, marked, old shown);
 * checks.c holds the checks over the whole submission (evidence, registry
 * certificate, mark declaration, application window); stage.c runs them.
 */
#pragma once

#include <shinsa.h>

G_BEGIN_DECLS

/* ---- normalised text and character diff (diff.c) ------------------------ */

typedef enum {
  RENEWAL_OP_EQUAL,
  RENEWAL_OP_DELETE,             /* in the old text only */
  RENEWAL_OP_INSERT,             /* in the new text only */
} RenewalOp;

const char *renewal_op_to_string (RenewalOp op);

/**
 * RenewalText:
 * @orig: the text as written, as code points
 * @n_orig: their number
 * @norm: (element-type gunichar): the text compared: NFKC per character,
 *   no white space, dash and wave-dash variants folded
 * @src: (element-type guint): for each @norm character, its index in @orig
 * @red: (element-type guint8): for each @norm character, whether its ink
 *   is red (texts built from runs; else all 0)
 */
typedef struct {
  gunichar *orig;
  glong n_orig;
  GArray *norm;
  GArray *src;
  GArray *red;
} RenewalText;

/* appends what @c is compared as (none for white space) to @out (gunichar) */
void         renewal_fold_char (gunichar c, GArray *out);
RenewalText *renewal_text_new (const char *text);
/* @runs: (element-type ShinsaFormRun) (nullable): a cell's runs; struck
 * runs are skipped when @skip_struck */
RenewalText *renewal_text_new_from_runs (GArray *runs, gboolean skip_struck);
void         renewal_text_free (RenewalText *text);
/* (transfer full): @text's letters and digits only, the look-alikes OCR
 * confuses (シ ン ソ ノ, バ パ ハ, l I 1, O 0…) made one (compare.c) */
RenewalText *renewal_text_ocr_skeleton (const RenewalText *text);
/* (transfer full): the compared form, as UTF-8 */
char        *renewal_text_dup_normalized (const RenewalText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenewalText, renewal_text_free)

/**
 * RenewalEdit:
 * @op: what happens to the character
 * @a: index in the old sequence (EQUAL, DELETE)
 * @b: index in the new sequence (EQUAL, INSERT)
 */
typedef struct {
  RenewalOp op;
  guint a, b;
} RenewalEdit;

/**
 * renewal_diff:
 * Myers' O(ND) shortest edit script between two code point sequences.
 * When the sequences differ in more than @max_d characters the script is
 * "delete all, insert all" (a rewritten cell, not worth aligning).
 * Returns: (transfer full) (element-type RenewalEdit): one edit per character
 */
GArray *renewal_diff (const gunichar *a, gsize n_a,
                      const gunichar *b, gsize n_b,
                      guint max_d);

/* (transfer full): the diff of two normalised texts as a JSON array of
 * {"op": "equal|delete|insert", "text": "…"} with the characters as written */
JsonNode *renewal_diff_to_json (const RenewalText *old_text,
                                const RenewalText *new_text,
                                GArray *edits);

/* ---- the previous submission (previous.c) ------------------------------- */

typedef struct {
  char *id;                      /* 資料番号, or NULL */
  char *title;                   /* (nullable) */
  char *path;
  ShinsaRole role;
  char *sha256;                  /* (nullable) */
} RenewalPrevDoc;

/**
 * RenewalPrevious:
 * @source: what was given with --previous, for messages
 * @form: (nullable): the previous 申請書B items and 申請書A (face may be NULL)
 * @form_path: (nullable): the previous 申請書B file
 * @documents: (element-type RenewalPrevDoc)
 * @form_problem: (nullable): why the previous 申請書B could not be read
 *   (English, for the finding that says so); @form's items are then empty
 */
typedef struct {
  char *source;
  ShinsaForm *form;
  char *form_path;
  GPtrArray *documents;
  char *form_problem;
} RenewalPrevious;

RenewalPrevious *renewal_previous_new (const char *source);
void             renewal_previous_free (RenewalPrevious *prev);
/* the previous submission's 申請書B (workbook) and 申請書A; documents with
 * their sha256.  A 申請書B that cannot be read leaves @form's items empty
 * and says why in @form_problem (the documents are still compared) */
RenewalPrevious *renewal_previous_from_submission (ShinsaSubmission *sub);
/* a report.json: items[], documents[] */
RenewalPrevious *renewal_previous_from_report (JsonNode *report, const char *source, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenewalPrevious, renewal_previous_free)

/* 申請書A on paper: the label → value lines of its pages */
ShinsaFaceSheet *renewal_face_from_pages (ShinsaDocument *doc);

/* ---- one item (compare.c) ------------------------------------------------ */

/**
 * RenewalChange:
 * @no: 通番 of the current item
 * @prev_no: 通番 of the previous item it was aligned with (0: none)
 * @old_text: the previous content (its new side when it was itself written
 *   old/new), "" for an item that is new
 * @new_text: the current content: the new side when written old/new
 * @shown_old: (nullable): the old side as written on the current form
 * @changed: content or 添付書類等 differs from the previous form
 * @content_changed: the content differs
 * @marked: the changed text is in red
 * @any_red: some of the item is in red
 * @old_shown: the old content is written beside the new (markers or
 *   struck-through runs)
 * @diff: the character diff of @old_text and @new_text (JSON array)
 */
typedef struct {
  int no;
  int prev_no;
  char *name;
  char *old_text;
  char *new_text;
  char *shown_old;
  gboolean changed;
  gboolean content_changed;
  gboolean evidence_changed;
  gboolean marked;
  gboolean any_red;
  gboolean old_shown;
  guint n_inserted, n_deleted, n_red_inserted;
  JsonNode *diff;
  char *evidence_old;
  char *evidence_new;
} RenewalChange;

void renewal_change_free (RenewalChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenewalChange, renewal_change_free)

/**
 * renewal_compare_item:
 * @prev: (nullable): the previous item aligned with @cur
 * @cur: the current item
 * @ocr: the current form was read by OCR: small differences are reading
 *   noise, not changes, unless the form itself says old/new
 */
RenewalChange *renewal_compare_item (const ShinsaFormItem *prev,
                                     const ShinsaFormItem *cur,
                                     gboolean ocr);

/* (transfer none) (nullable): the previous item for @cur: same 通番 and
 * name, else the one with its name (rows shifted), else same 通番 */
const ShinsaFormItem *renewal_align (const ShinsaForm *prev,
                                     GHashTable *prev_by_name,
                                     const ShinsaFormItem *cur);
/* name (normalised) → previous ShinsaFormItem*, for renewal_align() */
GHashTable *renewal_index_names (const ShinsaForm *prev);

/* ---- a scanned form (scan.c) -------------------------------------------- */

/**
 * renewal_scan_items:
 * @doc: the scanned 申請書B, its pages read by OCR
 * @cur: the form as the form stage read it from those pages
 * @prev: the previous form
 *
 * The form stage places OCR lines in rows by position, and loses a row now
 * and then; here the previous form's text is aligned with each page's OCR
 * text instead, character by character, and what lies between one item's
 * characters and the next's is that item's, in its ink.
 * Returns: (transfer full): 通番 → ShinsaFormItem* whose content runs (red
 *   or not) are what the page shows for that item, and an "unread" flag
 *   (GINT_TO_POINTER (no) in @unread) when too little of it was recognised
 */
GHashTable *renewal_scan_items (ShinsaDocument *doc, const ShinsaForm *cur,
                                const ShinsaForm *prev, GHashTable *unread);

/* ---- checks (checks.c) -------------------------------------------------- */

/* whether a date as written (2024年7月22日, 2024/7/22, 2024-07-22, 令和6年7月22日)
 * could be read */
gboolean renewal_parse_date (const char *text, GDate *out);

/* RENEWAL-EVIDENCE-SUPERSEDED for each document that replaces a previous
 * edition; @unchanged (a char* set) receives the ids of the documents
 * byte-identical to the previous one */
void renewal_check_documents (ShinsaContext *ctx, const RenewalPrevious *prev, GHashTable *unchanged);
void renewal_check_evidence (ShinsaContext *ctx, const ShinsaForm *form,
                             const RenewalChange *change, const ShinsaFormItem *cur,
                             GHashTable *unchanged, const char *form_path);
void renewal_check_registry (ShinsaContext *ctx, const ShinsaFaceSheet *cur_face,
                             const RenewalPrevious *prev, gboolean ocr);
void renewal_check_mark_declaration (ShinsaContext *ctx, const ShinsaForm *form);
void renewal_check_window (ShinsaContext *ctx, const ShinsaFaceSheet *cur_face);

gboolean renewal_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error);

extern const ShinsaStageInfo renewal_stage;

G_END_DECLS
