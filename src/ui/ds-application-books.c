/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-application"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ds-actions.h"
#include "ds-application-private.h"
#include "ds-books.h"
#include "ds-handoff.h"
#include "ds-notes-dialog.h"
#include "ds-outbox.h"
#include "ds-quick-actions.h"
#include "ds-report.h"

/* The rotation's books in the app: starting and ending the rotation, the
 * support timer, the standup list, postmortem items when it is quiet; the
 * prompts the bookkeeper decides on, shown as notifications. */

static gboolean
on_rotation (DsApplication *self)
{
  return self->keeper != NULL && ds_bookkeeper_get_on_rotation (self->keeper);
}

/* Socket Mode while on rotation (or as set): with a shared Slack app, the
 * events must reach the person on rotation. Off rotation, Slack is read
 * less often. */
static void
update_realtime (DsApplication *self)
{
  GSettings *settings = ds_app_settings_of (self);
  g_autofree char *when = settings != NULL ? g_settings_get_string (settings, "slack-realtime")
                                           : g_strdup ("always");

  if (self->workspace == NULL)
    return;
  ds_workspace_set_on_rotation (self->workspace, on_rotation (self));
  ds_workspace_set_realtime_wanted (self->workspace,
                                    self->demo || g_str_equal (when, "always") ||
                                    (g_str_equal (when, "on-rotation") &&
                                     on_rotation (self)));
}

/* The handoff in, on the Rotation page while the rotation it began lasts. */
void
ds_app_show_handoff_in (DsApplication *self)
{
  g_autoptr(DsHandoff) handoff = NULL;

  if (self->window == NULL)
    return;
  if (self->workspace != NULL && on_rotation (self))
    handoff = ds_workspace_dup_handoff_in (self->workspace);
  ds_window_set_handoff_in (self->window, handoff, self->inbox);
}

static void
books_changed (DsApplication *self)
{
  ds_notify_policy_set_on_rotation (self->policy, on_rotation (self));
  update_realtime (self);
  ds_app_show_handoff_in (self);
  ds_app_schedule_tray (self);
}

static gboolean
start_rotation (DsApplication *self)
{
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->store == NULL || on_rotation (self))
    return FALSE;
  writes = ds_actions_rotation_start (ds_app_profile_of (self));
  if (!ds_store_rotation_start (self->store, now, writes, &error))
    {
      ds_app_report_problem (self, _("Dayshift could not start the rotation"), error->message);
      return FALSE;
    }
  /* The handoff in: what the rotation before left, read on the super-epics. */
  if (self->workspace != NULL)
    ds_workspace_read_handoffs (self->workspace, now);
  if (self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, "shift");
  books_changed (self);
  return TRUE;
}

static void
start_rotation_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  start_rotation (user_data);
}

static char *
reports_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "dayshift", "reports", NULL);
}

/* Saves the report where the user keeps things of Dayshift's, private to them. */
static char *
save_report (const char  *report,
             gint64       ended,
             GError     **error)
{
  g_autofree char *dir = reports_dir ();
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ended);
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d-%H%M");
  g_autofree char *name = g_strdup_printf ("rotation-%s.md", stamp);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, report, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                     _("Dayshift could not create %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
end_rotation_now_activated (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  DsApplication *self = user_data;
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *path = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 since = 0, until = now;

  if (self->store == NULL || !on_rotation (self))
    return;
  ds_report_window (self->store, now, &since, &until);
  report = ds_report_markdown (self->store, ds_app_profile_of (self), since, now, &error);
  if (report == NULL)
    {
      ds_app_report_problem (self, _("Dayshift could not write the report"), error->message);
      return;
    }
  writes = ds_actions_rotation_end (ds_app_profile_of (self));
  if (!ds_store_rotation_end (self->store, now, report, writes, &error))
    {
      ds_app_report_problem (self, _("Dayshift could not end the rotation"), error->message);
      return;
    }
  books_changed (self);
  if (self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, "shift");

  path = save_report (report, now, &error);
  if (path == NULL)
    ds_app_report_problem (self, _("Dayshift could not save the report"), error->message);
  if (self->notifier != NULL)
    {
      static const DsNotifierButton buttons[] = {
        { N_("Post handoff"), "post-handoff", NULL },
        { N_("Show report"), "show-report", NULL },
      };
      DsNotifierButton translated[G_N_ELEMENTS (buttons)];
      g_autofree char *body = path != NULL
        ? g_strdup_printf (_("The report is in %s. Post it as the handoff on the super-epics?"),
                           path)
        : g_strdup (_("Post the report as the handoff on the super-epics?"));

      for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
        translated[i] = (DsNotifierButton) { _(buttons[i].label), buttons[i].action, NULL };
      g_clear_error (&error);
      if (!ds_notifier_show_prompt (self->notifier, "rotation-ended", _("Your rotation has ended"),
                                    body, translated, G_N_ELEMENTS (translated), &error))
        g_debug ("Could not show a notification: %s", error->message);
    }
}

/* The latest report, in the user's Markdown viewer or editor. */
static void
show_report_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  DsApplication *self = user_data;
  g_autofree char *dir = reports_dir ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *latest = NULL;
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "rotation-") && g_str_has_suffix (name, ".md") &&
        g_strcmp0 (name, latest) > 0)
      {
        g_free (latest);
        latest = g_strdup (name);
      }
  if (latest == NULL)
    {
      ds_app_report_problem (self, _("Dayshift has no report to show"),
                             _("End a rotation first: its report is saved then."));
      return;
    }
  {
    g_autofree char *path = g_build_filename (dir, latest, NULL);
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    g_autoptr(GError) error = NULL;

    if (!gtk_show_uri_on_window (NULL, uri, GDK_CURRENT_TIME, &error))
      ds_app_report_problem (self, _("Dayshift could not open the report"), error->message);
  }
}

static void
on_copy_report (GtkButton     *button,
                GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  ds_app_copy_text (text);
}

/* app.show-rotation-report (started): a rotation's report, as Markdown with
 * its charts, in a window with Copy (from the History page). */
static void
show_rotation_report_activated (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  DsApplication *self = user_data;
  gint64 started = g_variant_get_int64 (param);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  gint64 ended = -1;

  if (self->store == NULL)
    return;
  spans = ds_store_rotations (self->store, &error);
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    if (g_array_index (spans, DsRotationSpan, i).started == started)
      ended = g_array_index (spans, DsRotationSpan, i).ended;
  if (ended < 0)
    {
      ds_app_report_problem (self, _("Dayshift has no such rotation"),
                             error != NULL ? error->message
                                           : _("Choose a rotation from the History page."));
      return;
    }
  report = ds_report_markdown (self->store, ds_app_profile_of (self), started,
                               ended != 0 ? ended : now, &error);
  if (report == NULL)
    {
      ds_app_report_problem (self, _("Dayshift could not write the report"), error->message);
      return;
    }
  {
    GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
    GtkWidget *header = gtk_header_bar_new ();
    GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy"));
    GtkWidget *scroller = gtk_scrolled_window_new (NULL, NULL);
    GtkWidget *view = gtk_text_view_new ();
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

    gtk_header_bar_set_title (GTK_HEADER_BAR (header), _("Rotation Report"));
    gtk_header_bar_set_show_close_button (GTK_HEADER_BAR (header), TRUE);
    gtk_widget_set_tooltip_text (copy, _("Copy the report as Markdown"));
    gtk_header_bar_pack_start (GTK_HEADER_BAR (header), copy);
    gtk_window_set_titlebar (GTK_WINDOW (window), header);
    gtk_window_set_title (GTK_WINDOW (window), _("Rotation Report"));
    gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
    gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
    if (self->window != NULL)
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self->window));
    gtk_text_buffer_set_text (buffer, report, -1);
    gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
    gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
    gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
    gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
    gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
    atk_object_set_name (gtk_widget_get_accessible (view), _("Rotation report"));
    g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_report), buffer);
    gtk_container_add (GTK_CONTAINER (scroller), view);
    gtk_container_add (GTK_CONTAINER (window), scroller);
    gtk_widget_show_all (window);
    gtk_window_present (GTK_WINDOW (window));
  }
}

/* With a confirmation: it unassigns the user and writes the report. */
static void
end_rotation_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  DsApplication *self = user_data;

  if (!on_rotation (self))
    return;
  ds_app_confirm (self, _("End rotation"), _("End your rotation?"),
                  _("Dayshift unassigns you from the super-epics, stops the support timer and "
                    "writes the end-of-rotation report."),
                  _("_End rotation"), "end-rotation-now", NULL);
}

/* The last report as a comment on each super-epic, mentioning who is on
 * call next (from PagerDuty, by their GitHub login in the team profile),
 * with the rotation's figures and what it left in the hidden block that
 * the next person's Dayshift reads. */
static void
post_handoff_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  DsApplication *self = user_data;
  DsTeamProfile *profile = ds_app_profile_of (self);
  g_autofree char *next = self->keeper != NULL ? ds_bookkeeper_dup_next_person (self->keeper)
                                               : NULL;
  g_autofree char *report = self->store != NULL ? ds_store_rotation_report (self->store, NULL)
                                                : NULL;
  g_autofree char *block = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 since = 0, until = 0;

  if (report == NULL)
    {
      ds_app_report_problem (self, _("Dayshift has no report to post"),
                      _("End a rotation first: its report is the handoff."));
      return;
    }
  ds_report_window (self->store, g_get_real_time () / G_USEC_PER_SEC, &since, &until);
  block = ds_handoff_block (self->store, profile, since, until, &error);
  if (block == NULL)
    {
      ds_app_report_problem (self, _("Dayshift could not post the handoff"), error->message);
      return;
    }
  body = ds_report_handoff (profile, next, report, block);
  writes = ds_actions_handoff (profile, body);
  if (!ds_store_outbox_queue (self->store, writes, &error))
    {
      ds_app_report_problem (self, _("Dayshift could not post the handoff"), error->message);
      return;
    }
  if (self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, "rotation-ended");
  books_changed (self);
}

static void
timer_start_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_autoptr(GError) error = NULL;

  if (item == NULL ||
      !ds_app_can_keep (self, item, _("Dayshift could not start the support timer")))
    return;
  if (!ds_store_timer_start (self->store, ds_item_get_id (item),
                             g_get_real_time () / G_USEC_PER_SEC, &error))
    ds_app_report_problem (self, _("Dayshift could not start the support timer"), error->message);
  if (self->notifier != NULL)
    {
      g_autofree char *key = g_strconcat ("timer-offer:", ds_item_get_id (item), NULL);
      ds_notifier_withdraw (self->notifier, key);
    }
  ds_app_schedule_tray (self);
}

static void
timer_stop_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  DsApplication *self = user_data;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  DsItem *item;

  if (self->store == NULL)
    return;
  id = ds_store_timer_running (self->store, NULL, NULL);
  if (!ds_store_timer_stop (self->store, g_get_real_time () / G_USEC_PER_SEC, &error))
    {
      ds_app_report_problem (self, _("Dayshift could not stop the support timer"), error->message);
      return;
    }
  ds_app_schedule_tray (self);
  item = id != NULL ? ds_inbox_lookup (self->inbox, id) : NULL;
  if (item != NULL && (ds_item_get_issue_url (item) != NULL ||
                       ds_item_get_state (item) == DS_ITEM_STATE_FILED))
    ds_notes_dialog_new (GTK_APPLICATION (self), item);
}

/* The notes of a support session, as a comment on the item's issue. */
static void
add_note_activated (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DsApplication *self = user_data;
  const char *id, *text;
  g_autoptr(GPtrArray) writes = NULL;
  g_autofree char *note = NULL;
  DsItem *item;

  g_variant_get (param, "(&s&s)", &id, &text);
  item = ds_app_lookup (self, id);
  if (item == NULL)
    return;
  if (!ds_actions_issue_target (item, NULL, NULL))
    {
      ds_app_report_problem (self, _("Dayshift could not post the notes"),
                      _("The item has no issue: file one first, and the notes go there."));
      return;
    }
  writes = ds_actions_timer_notes (item, text);
  /* Kept in the item's history too, where the detail pane shows it. */
  note = g_strdup_printf (_("Note: %s"), text);
  if (ds_app_record (self, item, note, writes, _("Dayshift could not post the notes")))
    books_changed (self);
}

/* app.write-note: the notes dialog for an item, at any time. */
static void
write_note_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));

  if (item != NULL)
    ds_notes_dialog_new (GTK_APPLICATION (self), item);
}

static void
bring_to_team_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_autoptr(GError) error = NULL;

  if (item == NULL || self->store == NULL)
    return;
  if (!ds_store_set_standup_note (self->store, item,
                                  _("Brought to the team after 2 hours of support"), &error))
    ds_app_report_problem (self, _("Dayshift could not add the item to the standup"),
                           error->message);
  if (self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, "timer");
}

/* app.standup-note (id, text): what to say about the item at the standup. */
static void
standup_note_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  DsApplication *self = user_data;
  const char *id, *text;
  g_autoptr(GError) error = NULL;
  DsItem *item;

  g_variant_get (param, "(&s&s)", &id, &text);
  item = ds_app_lookup (self, id);
  if (item == NULL || self->store == NULL)
    return;
  if (!ds_store_set_standup_note (self->store, item, *text != '\0' ? text : NULL, &error))
    ds_app_report_problem (self, _("Dayshift could not save the note"), error->message);
  ds_app_schedule_tray (self);
}

/* app.standup-remove: off the standup list, back in the user's hands. */
static void
standup_remove_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_autoptr(GError) error = NULL;

  if (item == NULL || self->store == NULL)
    return;
  if (ds_item_get_standup_note (item) != NULL &&
      !ds_store_set_standup_note (self->store, item, NULL, &error))
    {
      ds_app_report_problem (self, _("Dayshift could not change the standup list"),
                             error->message);
      return;
    }
  if (ds_item_get_state (item) == DS_ITEM_STATE_DEFERRED)
    ds_app_perform (self, item, DS_ITEM_STATE_ACKNOWLEDGED, NULL,
                    _("Taken off the standup list"));
  ds_app_schedule_tray (self);
}

static void
copy_standup_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  DsApplication *self = user_data;
  g_autofree char *markdown = NULL;

  if (self->keeper == NULL)
    return;
  markdown = ds_bookkeeper_standup_markdown (self->keeper);
  ds_app_copy_text (markdown);
}

/* A postmortem action item, taken when it is quiet: the user as assignee. */
static void
take_postmortem_activated (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_autoptr(GPtrArray) writes = NULL;

  if (item == NULL)
    return;
  writes = ds_actions_take_postmortem (item);
  ds_app_perform (self, item, DS_ITEM_STATE_ACKNOWLEDGED, writes, _("Taken as a postmortem item"));
}

static void
show_prompt (DsApplication          *self,
             const char             *key,
             const char             *summary,
             const char             *body,
             const DsNotifierButton *buttons,
             guint                   n_buttons)
{
  g_autoptr(GError) error = NULL;

  if (self->notifier != NULL &&
      !ds_notifier_show_prompt (self->notifier, key, summary, body, buttons, n_buttons, &error))
    g_debug ("Could not show a notification: %s", error->message);
}

static char *
format_clock (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);
  return g_date_time_format (dt, "%H:%M");
}

static void
on_prompt (DsBookkeeper  *keeper,
           int            prompt,
           DsItem        *item,
           guint          count,
           DsApplication *self)
{
  const char *id = item != NULL ? ds_item_get_id (item) : NULL;
  const char *title = item != NULL ? ds_item_get_title (item) : NULL;
  gint64 start = 0, end = 0;

  switch ((DsPrompt)prompt)
    {
    case DS_PROMPT_OFFER_ISSUE:
      {
        const DsQuickAction *file = ds_quick_action (DS_QUICK_FILE_ISSUE);
        g_autofree char *label = ds_quick_action_label (file, FALSE);
        DsNotifierButton buttons[] = { { label, file->action, id } };
        g_autofree char *summary = g_strdup_printf (_("15 minutes on “%s”"), title);
        show_prompt (self, "timer", summary,
                     _("Support work past 15 minutes is tracked in an issue."), buttons, 1);
      }
      break;
    case DS_PROMPT_BRING_TO_TEAM:
      {
        DsNotifierButton buttons[] = { { _("Bring to team"), "bring-to-team", id } };
        g_autofree char *summary = g_strdup_printf (_("2 hours on “%s”"), title);
        show_prompt (self, "timer", summary,
                     _("Time to stop and bring it to the team: it goes on the standup list."),
                     buttons, 1);
      }
      break;
    case DS_PROMPT_STANDUP:
      {
        DsNotifierButton buttons[] = {
          { _("Copy as Markdown"), "copy-standup", NULL }, { _("Open"), "open", NULL },
        };
        g_autoptr(GPtrArray) items = ds_bookkeeper_standup_items (self->keeper);
        g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "Standup: %u item",
                                                                 "Standup: %u items", count),
                                                    count);
        g_autofree char *body = ds_notify_summary_body (items);
        show_prompt (self, "standup", summary, body, buttons, 2);
      }
      break;
    case DS_PROMPT_SHIFT_START:
      if (ds_bookkeeper_get_shift (self->keeper, &start, &end))
        {
          DsNotifierButton buttons[] = { { _("Start rotation"), "start-rotation", NULL } };
          g_autofree char *from = format_clock (start);
          g_autofree char *to = format_clock (end);
          g_autofree char *summary = g_strdup_printf (_("Your rotation starts at %s"), from);
          g_autofree char *body = g_strdup_printf (_("Your PagerDuty shift: %s to %s."), from, to);
          show_prompt (self, "shift", summary, body, buttons, 1);
        }
      break;
    case DS_PROMPT_SHIFT_END:
      if (ds_bookkeeper_get_shift (self->keeper, &start, &end))
        {
          DsNotifierButton buttons[] = { { _("End rotation…"), "end-rotation", NULL } };
          g_autofree char *to = format_clock (end);
          g_autofree char *summary = g_strdup_printf (_("Your shift ended at %s"), to);
          show_prompt (self, "shift", summary,
                       _("End the rotation to write the report and hand over."), buttons, 1);
        }
      break;
    default:
      break;
    }
}

static gboolean
on_tick (gpointer user_data)
{
  DsApplication *self = user_data;

  if (self->keeper != NULL)
    ds_bookkeeper_tick (self->keeper, g_get_real_time () / G_USEC_PER_SEC);
  /* The timer's minutes, items a teammate took meanwhile, a quiet spell. */
  ds_app_schedule_tray (self);
  return G_SOURCE_CONTINUE;
}

static void
on_shift (DsWorkspace   *workspace,
          gint64         start,
          gint64         end,
          const char    *next_person,
          DsApplication *self)
{
  if (self->keeper == NULL)
    return;
  ds_bookkeeper_set_shift (self->keeper, start, end, next_person);
  ds_bookkeeper_tick (self->keeper, g_get_real_time () / G_USEC_PER_SEC);
}

static void
start_books (DsApplication *self)
{
  GSettings *settings = ds_app_settings_of (self);
  DsTeamProfile *profile = ds_app_profile_of (self);
  g_autofree char *standup = settings != NULL
    ? g_settings_get_string (settings, "standup-time") : NULL;

  if (self->store == NULL)
    {
      update_realtime (self);
      return;
    }
  if (self->keeper == NULL)
    {
      self->keeper = ds_bookkeeper_new (self->store, self->inbox);
      g_signal_connect_object (self->keeper, "prompt", G_CALLBACK (on_prompt), self, 0);
      self->tick_timer = g_timeout_add_seconds (30, on_tick, self);
    }
  /* The team's standup time, else the user's. */
  ds_bookkeeper_set_standup_time (self->keeper, profile != NULL && profile->standup_time != NULL
                                                ? profile->standup_time : standup);
  if (settings != NULL)
    ds_bookkeeper_set_shift_lead (self->keeper,
                                  g_settings_get_uint (settings, "rotation-lead-minutes"));
  ds_notify_policy_set_on_rotation (self->policy, on_rotation (self));
  update_realtime (self);
}

#define IDLE_AFTER (30 * 60)
#define IDLE_ITEMS 5

/* The rotation, the timer and, when it is quiet (no timer, nothing new for
 * half an hour), open postmortem action items to take, unassigned first. */
/* What the tray's status line says of the rotation and the shift. */
static char *
rotation_line (DsApplication *self,
               gint64         now)
{
  gint64 start = 0, end = 0;
  gboolean shift = self->keeper != NULL && ds_bookkeeper_get_shift (self->keeper, &start, &end);

  if (on_rotation (self))
    {
      g_autofree char *until = NULL;

      if (!shift || end <= now)
        return g_strdup (_("On rotation"));
      until = ds_app_format_clock (end);
      /* Translators: the tray's status line: "On rotation until 17:00" */
      return g_strdup_printf (_("On rotation until %s"), until);
    }
  if (shift && start > now)
    {
      g_autofree char *when = ds_app_format_clock (start);

      /* Translators: the tray's status line: "Next shift Mon 09:00" */
      return g_strdup_printf (_("Next shift %s"), when);
    }
  return NULL;
}

static void
update_tray_books (DsApplication *self)
{
  g_autofree char *rotation = NULL;
  g_autofree char *running = NULL;
  g_autofree char *timer = NULL;
  g_autoptr(GPtrArray) postmortems = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 started = 0;

  if (self->store != NULL)
    running = ds_store_timer_running (self->store, &started, NULL);
  if (running != NULL)
    {
      DsItem *item = ds_inbox_lookup (self->inbox, running);
      g_autofree char *d = ds_report_format_duration (ds_store_tracked (self->store, running,
                                                                        now, NULL));
      g_autofree char *title = g_utf8_substring (item != NULL ? ds_item_get_title (item)
                                                              : running, 0, 32);
      timer = g_strdup_printf ("%s · %s", title, d);
    }
  else if (now - self->last_new_at >= IDLE_AFTER)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));

      for (int pass = 0; pass < 2; pass++)
        for (guint i = 0; i < n && postmortems->len < IDLE_ITEMS; i++)
          {
            g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);

            if (ds_item_get_kind (item) == DS_ITEM_KIND_POSTMORTEM &&
                ds_item_get_state (item) == DS_ITEM_STATE_NEW &&
                (ds_item_get_claimed_by (item) == NULL) == (pass == 0))
              g_ptr_array_add (postmortems, g_steal_pointer (&item));
          }
    }
  rotation = rotation_line (self, now);
  ds_tray_set_books (self->tray, on_rotation (self), rotation, timer, postmortems);
  if (self->window != NULL)
    {
      /* Translators: the support timer on the Rotation page: "Support timer: <item> · 12 min" */
      g_autofree char *said = timer != NULL ? g_strdup_printf (_("Support timer: %s"), timer)
                                            : NULL;
      ds_window_set_rotation_status (self->window, rotation, said, on_rotation (self));
    }
}

/* At Start rotation, what the rotation before left, told once; Show opens
 * the Rotation page. */
static void
on_handed_in (DsWorkspace   *workspace,
              DsHandoff     *handoff,
              DsApplication *self)
{
  /* Translators: the notification at Start rotation: "Handed over by @dana" */
  g_autofree char *summary = g_strdup_printf (_("Handed over by @%s"), handoff->author);
  g_autofree char *body = ds_handoff_describe (handoff);
  DsNotifierButton buttons[] = { { _("Show"), "show-rotation", NULL } };

  show_prompt (self, "handoff-in", summary, body, buttons, G_N_ELEMENTS (buttons));
}

static void
show_rotation_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  DsApplication *self = user_data;
  DsWindow *window = ds_app_ensure_window (self);

  if (self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, "handoff-in");
  ds_window_show_rotation (window);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry books_actions[] = {
  { "start-rotation", start_rotation_activated },
  { "end-rotation", end_rotation_activated },
  { "end-rotation-now", end_rotation_now_activated },
  { "post-handoff", post_handoff_activated },
  { "show-report", show_report_activated },
  { "show-rotation", show_rotation_activated },
  { "show-rotation-report", show_rotation_report_activated, "x" },
  { "timer-start", timer_start_activated, "s" },
  { "timer-stop", timer_stop_activated },
  { "add-note", add_note_activated, "(ss)" },
  { "write-note", write_note_activated, "s" },
  { "bring-to-team", bring_to_team_activated, "s" },
  { "copy-standup", copy_standup_activated },
  { "standup-note", standup_note_activated, "(ss)" },
  { "standup-remove", standup_remove_activated, "s" },
  { "take-postmortem", take_postmortem_activated, "s" },
};

/* The workspace that runs now, with its database: the books are its. */
static void
connect_workspace (DsApplication *self)
{
  g_clear_handle_id (&self->tick_timer, g_source_remove);
  g_clear_object (&self->keeper);
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (start_books), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "shift", G_CALLBACK (on_shift), self, 0);
  g_signal_connect_object (self->workspace, "handoffs", G_CALLBACK (ds_app_show_handoff_in), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "handed-in", G_CALLBACK (on_handed_in), self, 0);
}

static void
on_workspace (DsApplication *self)
{
  connect_workspace (self);
  start_books (self);
}

void
_ds_application_books_init (DsApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), books_actions,
                                   G_N_ELEMENTS (books_actions), self);
  g_signal_connect (self, "refresh", G_CALLBACK (update_tray_books), NULL);
  g_signal_connect (self, "workspace", G_CALLBACK (on_workspace), NULL);
  connect_workspace (self);
  if (ds_app_settings_of (self) != NULL)
    g_signal_connect_object (ds_app_settings_of (self), "changed::slack-realtime",
                             G_CALLBACK (update_realtime), self, G_CONNECT_SWAPPED);
  start_books (self);
}
