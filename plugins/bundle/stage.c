/* shinsa — the bundle stage: dispositions, return slip, BagIt bag
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "bundle.h"

static gboolean
parse_reason (const char *text, BundleReason *out)
{
  for (int r = BUNDLE_REASON_NON_CERTIFIED; r <= BUNDLE_REASON_RENEWAL; r++)
    if (g_strcmp0 (text, bundle_reason_to_string (r)) == 0)
      {
        *out = r;
        return TRUE;
      }
  return FALSE;
}

static JsonNode *
dispositions_json (GPtrArray *dispositions)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < dispositions->len; i++)
    {
      BundleDisposition *d = g_ptr_array_index (dispositions, i);
      const char *id = shinsa_document_get_id (d->doc);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "document");
      json_builder_add_string_value (b, id != NULL ? id : shinsa_document_get_path (d->doc));
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, shinsa_document_get_path (d->doc));
      if (shinsa_document_get_title (d->doc) != NULL)
        {
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, shinsa_document_get_title (d->doc));
        }
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, shinsa_role_to_string (shinsa_document_get_role (d->doc)));
      json_builder_set_member_name (b, "submission");
      json_builder_add_string_value (b, d->previous ? "previous" : "current");
      json_builder_set_member_name (b, "disposition");
      json_builder_add_string_value (b, d->returned ? "returned" : "retained");
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, d->rule);
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, d->sha256);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, (gint64) d->size);
      if (d->bag_path != NULL)
        {
          g_autofree char *p = g_strconcat ("data/", d->bag_path, NULL);
          json_builder_set_member_name (b, "bag_path");
          json_builder_add_string_value (b, p);
        }
      if (d->replaced_by != NULL)
        {
          json_builder_set_member_name (b, "replaced_by");
          json_builder_add_string_value (b, d->replaced_by);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* ---- serialisation ------------------------------------------------------- */

static gboolean
archive_failed (struct archive *a, const char *path, GError **error)
{
  g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
               "cannot write '%s': %s", path, archive_error_string (a));
  return FALSE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
archive_add_tree (struct archive *a, const char *archive_path, const char *root,
                  const char *rel, time_t mtime, GError **error)
{
  g_autofree char *dir_path = rel != NULL ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *child = rel != NULL ? g_strconcat (rel, "/", n, NULL) : g_strdup (n);
      g_autofree char *full = g_build_filename (root, child, NULL);
      g_autofree char *entry_name = g_strconcat (archive_path, "/", child, NULL);
      struct archive_entry *e;
      GStatBuf st;

      if (g_lstat (full, &st) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot stat '%s': %s",
                       full, g_strerror (errno));
          return FALSE;
        }
      e = archive_entry_new ();
      archive_entry_set_mtime (e, mtime, 0);
      if (S_ISDIR (st.st_mode))
        {
          g_autofree char *dname = g_strconcat (entry_name, "/", NULL);
          archive_entry_set_pathname_utf8 (e, dname);
          archive_entry_set_filetype (e, AE_IFDIR);
          archive_entry_set_perm (e, 0700);
          if (archive_write_header (a, e) != ARCHIVE_OK)
            {
              archive_entry_free (e);
              return archive_failed (a, entry_name, error);
            }
          archive_entry_free (e);
          if (!archive_add_tree (a, archive_path, root, child, mtime, error))
            return FALSE;
          continue;
        }
      archive_entry_set_pathname_utf8 (e, entry_name);
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0600);
      archive_entry_set_size (e, st.st_size);
      if (archive_write_header (a, e) != ARCHIVE_OK)
        {
          archive_entry_free (e);
          return archive_failed (a, entry_name, error);
        }
      archive_entry_free (e);
      {
        int fd = g_open (full, O_RDONLY | O_CLOEXEC, 0);
        char buf[64 * 1024];
        gssize got;

        if (fd < 0)
          {
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot read '%s': %s",
                         full, g_strerror (errno));
            return FALSE;
          }
        while ((got = read (fd, buf, sizeof buf)) > 0)
          if (archive_write_data (a, buf, (size_t) got) != got)
            {
              close (fd);
              return archive_failed (a, entry_name, error);
            }
        close (fd);
        if (got < 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot read '%s'", full);
            return FALSE;
          }
      }
    }
  return TRUE;
}

/* the bag folder @bag as one .tar or .zip at @dest, its top folder @top */
static gboolean
serialise (const char *bag, const char *top, const char *format, const char *dest, GError **error)
{
  struct archive *a = archive_write_new ();
  gboolean ok = FALSE;
  gpointer utf8 = shinsa_utf8_ctype_enter ();
  int fd;

  if (strcmp (format, "zip") == 0)
    {
      archive_write_set_format_zip (a);
      archive_write_set_options (a, "hdrcharset=UTF-8");
    }
  else
    archive_write_set_format_pax_restricted (a);
  fd = g_open (dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot create '%s': %s",
                   dest, g_strerror (errno));
      archive_write_free (a);
      shinsa_utf8_ctype_leave (utf8);
      return FALSE;
    }
  if (archive_write_open_fd (a, fd) != ARCHIVE_OK)
    archive_failed (a, dest, error);
  else
    {
      struct archive_entry *e = archive_entry_new ();
      g_autofree char *top_dir = g_strconcat (top, "/", NULL);
      time_t now = time (NULL);

      archive_entry_set_pathname_utf8 (e, top_dir);
      archive_entry_set_filetype (e, AE_IFDIR);
      archive_entry_set_perm (e, 0700);
      archive_entry_set_mtime (e, now, 0);
      if (archive_write_header (a, e) != ARCHIVE_OK)
        archive_failed (a, dest, error);
      else if (archive_add_tree (a, top, bag, NULL, now, error))
        {
          if (archive_write_close (a) != ARCHIVE_OK)
            archive_failed (a, dest, error);
          else if (fsync (fd) != 0)
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot write '%s': %s",
                         dest, g_strerror (errno));
          else
            ok = TRUE;
        }
      archive_entry_free (e);
    }
  archive_write_free (a);
  shinsa_utf8_ctype_leave (utf8);
  close (fd);
  return ok;
}

/* renames @from over @to: a folder already there is swapped out and removed,
 * so readers see the old bag or the new one, never a mix */
static gboolean
move_into_place (const char *from, const char *to, GError **error)
{
  if (g_rename (from, to) == 0)
    return TRUE;
  if (errno == ENOTEMPTY || errno == EEXIST || errno == EISDIR)
    {
      if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) == 0)
        return shinsa_remove_tree (from, error);
    }
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot move '%s' to '%s': %s",
               from, to, g_strerror (errno));
  return FALSE;
}

/* ---- the stage --------------------------------------------------------- */

static void
add_payload (ShinsaContext *ctx, ShinsaBagWriter *writer, BundleDisposition *d)
{
  g_autoptr(GError) error = NULL;
  const char *path = shinsa_document_get_path (d->doc);
  ShinsaFinding *f;

  if (shinsa_bag_writer_add_payload (writer, shinsa_document_get_local_path (d->doc), path, &error))
    {
      d->bag_path = shinsa_utf8_nfc (path);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    f = shinsa_context_add_finding (ctx, "BUNDLE-NAME-CLASH", SHINSA_SEVERITY_ERROR,
                                    "返却する「%s」のファイル名が、Unicode正規化すると別の返却書類の名前と同じになるため、"
                                    "バッグに入れていません（手作業で返却してください）", path);
  else
    f = shinsa_context_add_finding (ctx, "BUNDLE-NAME-REFUSED", SHINSA_SEVERITY_ERROR,
                                    "返却する「%s」のファイル名はバッグの中の名前として使えないため、"
                                    "バッグに入れていません（手作業で返却してください）", path);
  shinsa_finding_set_document (f, shinsa_document_get_id (d->doc), path);
}

static gboolean
bundle_run (ShinsaContext *ctx, const ShinsaOptions *options, GError **error)
{
  const char *reason_text = shinsa_options_get_string (options, "reason");
  const char *format = shinsa_options_get_string (options, "serialise");
  gboolean keep_folder = shinsa_options_get_bool (options, "folder");
  GPtrArray *documents = shinsa_context_get_artifact (ctx, "documents");
  ShinsaForm *form = shinsa_context_get_artifact (ctx, "form");
  ShinsaSubmission *sub = shinsa_context_get_submission (ctx);
  ShinsaSubmission *previous = NULL;
  const char *outdir = shinsa_context_get_output_dir (ctx);
  g_autoptr(GPtrArray) dispositions = NULL;
  g_autoptr(ShinsaBagWriter) writer = shinsa_bag_writer_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *holder = NULL;
  g_autofree char *tmp_bag = NULL;
  g_autofree char *archive_name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *agent = NULL;
  g_auto(ShinsaBagSummary) summary = { 0 };
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  BundleReturn ret = { 0 };
  BundleReason reason;
  gboolean serialised = format != NULL && strcmp (format, "none") != 0;
  gboolean superseded_said = FALSE;

  if (!parse_reason (reason_text, &reason))
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "no reason to return documents: set one with --set %s.reason="
                   "non-certified|expired|revoked|renewal", shinsa_options_get_stage_name (options));
      return FALSE;
    }
  if (reason == BUNDLE_REASON_RENEWAL)
    {
      previous = shinsa_context_get_artifact (ctx, "previous");
      if (previous == NULL)
        {
          g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                       "reason 'renewal' needs the previous submission: give it with --previous");
          return FALSE;
        }
    }
  if (outdir == NULL)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "no output folder to write the bag into (run the stage with shinsa run)");
      return FALSE;
    }
  if (!serialised && !keep_folder)
    {
      g_set_error (error, SHINSA_STAGE_ERROR, SHINSA_STAGE_ERROR_FAILED,
                   "folder=false needs serialise=tar or serialise=zip, or there would be no bag");
      return FALSE;
    }

  dispositions = bundle_decide (documents, previous, reason, error);
  if (dispositions == NULL)
    return FALSE;

  ret.submission_id = shinsa_submission_get_id (sub);
  ret.reason = reason;
  ret.dispositions = dispositions;
  ret.date = g_date_time_format (now, "%Y-%m-%d");
  if (form != NULL && form->face != NULL)
    {
      ret.company = form->face->company;
      ret.contact = form->face->contact;
      ret.representative = form->face->representative;
      ret.certification_number = form->face->certification_number;
    }
  if (ret.certification_number == NULL)
    ret.certification_number = shinsa_submission_get_certification_number (sub);

  /* a pipeline that also runs the renewal stage has said it already, for
   * the new editions: once is enough */
  {
    GPtrArray *findings = shinsa_context_get_findings (ctx);

    for (guint i = 0; i < findings->len && !superseded_said; i++)
      superseded_said = g_strcmp0 (((ShinsaFinding *) g_ptr_array_index (findings, i))->code,
                                   "RENEWAL-EVIDENCE-SUPERSEDED") == 0;
  }
  for (guint i = 0; i < dispositions->len; i++)
    {
      BundleDisposition *d = g_ptr_array_index (dispositions, i);
      if (d->returned)
        add_payload (ctx, writer, d);
      if (g_strcmp0 (d->rule, "renewal-superseded") == 0 && !superseded_said)
        {
          ShinsaFinding *f = shinsa_context_add_finding (ctx, "RENEWAL-EVIDENCE-SUPERSEDED", SHINSA_SEVERITY_INFO,
                                                         "前回提出の「%s」は今回「%s」の新しい版に替わったため、旧版を返却します",
                                                         shinsa_document_get_path (d->doc), d->replaced_by);
          shinsa_finding_set_document (f, shinsa_document_get_id (d->doc), shinsa_document_get_path (d->doc));
        }
    }

  html = bundle_slip_html (&ret);
  csv = bundle_slip_csv (&ret);
  xml = bundle_manifest_xml (&ret);
  if (!shinsa_bag_writer_add_tag_file (writer, "return-slip.html", html, error) ||
      !shinsa_bag_writer_add_tag_file (writer, "return-slip.csv", csv, error) ||
      !shinsa_bag_writer_add_tag_file (writer, "manifest.xml", xml, error))
    goto failed;
  shinsa_context_add_output (ctx, "return-slip.html", html);
  shinsa_context_add_output (ctx, "return-slip.csv", csv);

  if (ret.company != NULL)
    shinsa_bag_writer_add_info (writer, "Source-Organization", ret.company);
  shinsa_bag_writer_add_info (writer, "Bagging-Date", ret.date);
  shinsa_bag_writer_add_info (writer, "Bag-Count", "1 of 1");
  shinsa_bag_writer_add_info (writer, "External-Identifier", ret.submission_id);
  description = g_strdup_printf ("返却書類（%s）", bundle_reason_label_ja (reason));
  shinsa_bag_writer_add_info (writer, "Internal-Sender-Description", description);
  agent = g_strdup_printf ("shinsa %s", SHINSA_VERSION);
  shinsa_bag_writer_add_info (writer, "Bag-Software-Agent", agent);

  /* built beside its final place, then renamed: same file system, atomic */
  if (!shinsa_mkdir_private (outdir, error))
    goto failed;
  holder = g_build_filename (outdir, ".bag-XXXXXX", NULL);
  if (g_mkdtemp_full (holder, 0700) == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot create '%s': %s",
                   holder, g_strerror (errno));
      g_clear_pointer (&holder, g_free);
      goto failed;
    }
  tmp_bag = g_build_filename (holder, "bag", NULL);
  if (!shinsa_bag_writer_write (writer, tmp_bag, &summary, shinsa_context_get_cancellable (ctx), error))
    goto failed;

  if (serialised)
    {
      g_autofree char *tmp_archive = NULL;
      g_autofree char *final_archive = NULL;

      archive_name = g_strdup_printf ("bag.%s", format);
      tmp_archive = g_build_filename (holder, archive_name, NULL);
      final_archive = g_build_filename (outdir, archive_name, NULL);
      if (!serialise (tmp_bag, "bag", format, tmp_archive, error))
        goto failed;
      if (g_rename (tmp_archive, final_archive) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot move '%s' to '%s': %s",
                       tmp_archive, final_archive, g_strerror (errno));
          goto failed;
        }
    }
  if (keep_folder)
    {
      g_autofree char *final_bag = g_build_filename (outdir, "bag", NULL);
      if (!move_into_place (tmp_bag, final_bag, error))
        goto failed;
    }
  shinsa_remove_tree (holder, NULL);

  shinsa_context_set_report_member (ctx, "dispositions", dispositions_json (dispositions));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, keep_folder ? "bag" : archive_name);
  if (archive_name != NULL)
    {
      json_builder_set_member_name (b, "archive");
      json_builder_add_string_value (b, archive_name);
    }
  json_builder_set_member_name (b, "payload_oxum");
  json_builder_add_string_value (b, summary.payload_oxum);
  json_builder_set_member_name (b, "files");
  json_builder_add_int_value (b, (gint64) summary.files);
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, (gint64) summary.bytes);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, reason_text);
  json_builder_end_object (b);
  shinsa_context_set_report_member (ctx, "bag", json_builder_get_root (b));
  shinsa_context_set_artifact (ctx, "bundle", g_ptr_array_ref (dispositions), (GDestroyNotify) g_ptr_array_unref);
  g_free (ret.date);
  return TRUE;

failed:
  if (holder != NULL)
    shinsa_remove_tree (holder, NULL);
  g_free (ret.date);
  return FALSE;
}

static const char *const reason_choices[] = { "non-certified", "expired", "revoked", "renewal", NULL };
static const char *const serialise_choices[] = { "none", "tar", "zip", NULL };

static const ShinsaOptionSpec bundle_options[] = {
  { "reason", SHINSA_OPTION_ENUM, NULL,
    "why the documents go back: non-certified, expired, revoked, or renewal (needs --previous)", reason_choices },
  { "serialise", SHINSA_OPTION_ENUM, "none",
    "also write the bag as one file, OUTDIR/<id>/bag.tar or bag.zip", serialise_choices },
  { "folder", SHINSA_OPTION_BOOL, "true",
    "write the bag folder OUTDIR/<id>/bag/ (false: only the serialised file)", NULL },
  { NULL }
};

static const char *const bundle_needs[] = { "documents", "form", NULL };
static const char *const bundle_provides[] = { "bundle", NULL };

const ShinsaStageInfo bundle_stage = {
  "bundle",
  "返却書類の決定・返却書類一覧・BagIt形式での梱包",
  "decide what is returned, write the return slip and pack the documents as a BagIt bag",
  bundle_options, bundle_needs, bundle_provides, bundle_run
};
