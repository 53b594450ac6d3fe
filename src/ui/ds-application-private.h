/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-application.h"
#include "ds-bookkeeper.h"
#include "ds-notifier.h"
#include "ds-notify-policy.h"
#include "ds-tray.h"
#include "ds-window.h"
#include "ds-desk.h"
#include "ds-wake.h"

G_BEGIN_DECLS

/* Shared by the application's files (see ds-application.c). */
struct _DsApplication
{
  GtkApplication  parent_instance;

  DsDesk         *desk;    /* the workspace in force and its life (ds-desk.c) */
  /* What the desk has in force, held while it is (set on its
   * workspace-changed, cleared on its switching): */
  DsStore        *store;   /* NULL when the database could not be opened */
  DsInbox        *inbox;
  DsNotifier     *notifier;
  DsTray         *tray;
  DsWindow       *window;
  GSettings      *settings;
  GSettings      *gnome_notifications; /* GNOME's, when its schema is installed */
  GtkWidget      *settings_dialog;
  GtkWidget      *check_dialog;     /* Check Setup, while it is open */
  DsWorkspace    *workspace;
  GNetworkMonitor *network;
  DsWake         *wake;             /* the computer waking up */
  GHashTable     *stale;            /* service id -> last read (Unix seconds) */
  char           *profile_path;     /* --team-profile, until the setting changes */
  char           *window_said;      /* what the window was last told of the setup */
  char           *settings_said;    /* and Settings */
  DsNotifyPolicy *policy;
  GPtrArray      *arrived;          /* new items not yet notified (DsItem) */
  GPtrArray      *summary;          /* the items of the summary on screen (DsItem) */
  guint           flush_idle;
  guint           tray_idle;
  guint           due_timer;
  guint           due_idle;
  guint           pause_timer;
  guint           tick_timer;
  guint           quiet_timer;
  guint           intervals_timer;  /* poll intervals changed: applied when they rest */
  char           *told_bad_quiet;   /* quiet hours' start, once said to be no time */
  gint64          last_new_at;      /* when a request last arrived */
  DsBookkeeper   *keeper;           /* NULL without a store */
  gboolean        start_hidden;
  gboolean        demo;             /* the desk runs the demo */
  gboolean        started;          /* the parts are set up */
};

/* What the parts share, in ds-application.c and ds-application-items.c. */
void           ds_app_tell_database    (DsApplication *self,
                                        const char    *path);
DsItem        *ds_app_lookup           (DsApplication *self,
                                        const char    *id);
GSettings     *ds_app_settings_of      (DsApplication *self);
DsTeamProfile *ds_app_profile_of       (DsApplication *self);
DsResponseClock *ds_app_response_clock_of (DsApplication *self);
GStrv          ds_app_teammate_names   (DsApplication *self);
char          *ds_app_format_clock     (gint64         when);
void           ds_app_copy_text        (const char    *text);
char          *ds_app_shorten          (const char    *text);
DsWindow      *ds_app_ensure_window    (DsApplication *self);
void           ds_app_report_problem   (DsApplication *self,
                                        const char    *summary,
                                        const char    *detail);
void           ds_app_report_problem_about (DsApplication *self,
                                            const char    *key,
                                            const char    *summary,
                                            const char    *detail);
gboolean       ds_app_can_keep         (DsApplication *self,
                                        DsItem        *item,
                                        const char    *summary);
gboolean       ds_app_perform          (DsApplication *self,
                                        DsItem        *item,
                                        DsItemState    to,
                                        GPtrArray     *writes,
                                        const char    *note);
gboolean       ds_app_record           (DsApplication *self,
                                        DsItem        *item,
                                        const char    *note,
                                        GPtrArray     *writes,
                                        const char    *failed);
void           ds_app_schedule_tray    (DsApplication *self);
void           ds_app_confirm          (DsApplication *self,
                                        const char    *title,
                                        const char    *question,
                                        const char    *detail,
                                        const char    *accept,
                                        const char    *action,
                                        GVariant      *target);

/* The parts: each adds its actions and connects its signals. */
void           _ds_application_cli_init     (DsApplication *self);
void           _ds_application_actions_init (DsApplication *self);
void           _ds_application_alerts_init  (DsApplication *self);
void           _ds_application_books_init   (DsApplication *self);
void           ds_app_show_handoff_in       (DsApplication *self);
void           _ds_application_settings_init (DsApplication *self);

G_END_DECLS
