/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check"

#include "config.h"

#include "ds-error.h"
#include "ds-pagerduty.h"
#include "ds-rotation.h"
#include "ds-setup-check-private.h"

/* PagerDuty's checks: whose token it is; then the profile's schedule, its
 * layer, the user's place in that layer's rotation and the user's next
 * shift, read and worked out as the workspace does (the same span of the
 * schedule, the same layer, the same shifts); and the teammates' PagerDuty
 * ids. Each check that needs an earlier one's answer is skipped when that
 * one failed. */

#define SCHEDULE_PAGE "https://support.pagerduty.com/main/docs/schedule-basics"
#define PERMISSIONS_PAGE "https://support.pagerduty.com/main/docs/advanced-permissions"
#define EDIT_SCHEDULE_PAGE "https://support.pagerduty.com/main/docs/edit-schedules"
#define USER_PAGE "https://support.pagerduty.com/main/docs/user-profile"

typedef struct
{
  DsSetupCheck *self;
  DsCheckRow   *token;
  DsCheckRow   *schedule;
  DsCheckRow   *layer;
  DsCheckRow   *rotation;
  DsCheckRow   *shift;
  DsCheckRow   *teammates;   /* NULL when no teammate has a PagerDuty id */
  DsPdUser     *me;
} Check;

/* The token's user as PagerDuty names them. */
static const char *
me_name (Check *check)
{
  return check->me->name != NULL ? check->me->name
         : check->me->email != NULL ? check->me->email : check->me->id;
}

static void
check_free (Check *check)
{
  g_clear_pointer (&check->me, ds_pd_user_free);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_free)

/* -- the teammates --------------------------------------------------------- */

typedef struct
{
  DsSetupCheck *self;
  DsCheckRow   *row;
  GPtrArray    *mates;       /* const DsTeammate *, those with a PagerDuty id */
  GPtrArray    *errors;      /* GError, or NULL where the id exists; as mates */
  guint         asking;
} Teammates;

typedef struct
{
  Teammates *teammates;
  guint      index;
} TeammateCall;

static void
error_free (GError *error)
{
  if (error != NULL)
    g_error_free (error);
}

/* Every id answered: one row says them all, in the profile's order, as the
 * teammates' GitHub logins are said. */
static void
say_teammates (Teammates *t)
{
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *fix = NULL;
  const GError *other = NULL;
  const DsTeammate *unasked = NULL;

  for (guint i = 0; i < t->mates->len; i++)
    {
      const DsTeammate *mate = g_ptr_array_index (t->mates, i);
      const GError *error = g_ptr_array_index (t->errors, i);

      if (g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND))
        {
          g_ptr_array_add (unknown, g_strdup_printf ("%s (%s)", mate->pagerduty, mate->name));
          g_ptr_array_add (names, mate->name);
        }
      else if (error != NULL && other == NULL)
        {
          other = error;
          unasked = mate;
        }
    }

  if (unknown->len == 0 && other == NULL)
    {
      g_string_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u PagerDuty id exists.",
                                            "All %u PagerDuty ids exist.", t->mates->len),
                       t->mates->len);
      _ds_setup_pass (t->self, t->row, detail->str);
      return;
    }
  if (unknown->len > 0)
    {
      g_autofree char *list = NULL, *who = NULL;

      g_ptr_array_add (unknown, NULL);
      list = g_strjoinv (", ", (char **)unknown->pdata);
      /* Translators: "PBOGD01 (Bogdan Ilić) is not a PagerDuty user." */
      g_string_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%s is not a PagerDuty user.",
                                            "%s are not PagerDuty users.", unknown->len - 1),
                       list);
      g_ptr_array_add (names, NULL);
      who = g_strjoinv (", ", (char **)names->pdata);
      fix = g_strdup_printf (_("In the team profile, give %s the right PagerDuty id (the "
                               "teammate’s “pagerduty”): in PagerDuty, open their profile "
                               "(People → Users); the id is the end of its address "
                               "(…/users/PXPGF42)."), who);
    }
  if (other != NULL)
    {
      if (detail->len > 0)
        g_string_append_c (detail, ' ');
      /* Translators: "PALI001 could not be checked: PagerDuty did not answer …" */
      g_string_append_printf (detail, _("%s could not be checked: %s"), unasked->pagerduty,
                              other->message);
    }
  _ds_setup_fail (t->self, t->row, detail->str, fix, fix != NULL ? USER_PAGE : NULL);
}

static void
on_teammate (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TeammateCall *call = user_data;
  Teammates *t = call->teammates;
  GError *error = NULL;
  g_autoptr(DsPdUser) user = ds_pagerduty_get_user_finish (DS_HTTP (source), result, &error);

  /* A user who exists leaves its place NULL. */
  if (user == NULL)
    g_ptr_array_index (t->errors, call->index) = error;
  g_free (call);
  if (--t->asking > 0)
    return;
  say_teammates (t);
  _ds_setup_release (t->self);
  g_ptr_array_unref (t->mates);
  g_ptr_array_unref (t->errors);
  g_free (t);
}

/* Each teammate's PagerDuty id, asked at once. */
static void
check_teammates (DsSetupCheck *self,
                 DsCheckRow   *row)
{
  DsTeamProfile *profile = _ds_setup_profile (self);
  Teammates *t = g_new0 (Teammates, 1);

  t->self = _ds_setup_hold (self);
  t->row = row;
  t->mates = g_ptr_array_new ();
  for (guint i = 0; i < profile->teammates->len; i++)
    {
      const DsTeammate *mate = g_ptr_array_index (profile->teammates, i);

      if (mate->pagerduty != NULL)
        g_ptr_array_add (t->mates, (gpointer)mate);
    }
  t->errors = g_ptr_array_new_full (t->mates->len, (GDestroyNotify)error_free);
  g_ptr_array_set_size (t->errors, (int)t->mates->len);
  t->asking = t->mates->len;
  for (guint i = 0; i < t->mates->len; i++)
    {
      const DsTeammate *mate = g_ptr_array_index (t->mates, i);
      TeammateCall *call = g_new0 (TeammateCall, 1);

      call->teammates = t;
      call->index = i;
      ds_pagerduty_get_user_async (_ds_setup_http (self), mate->pagerduty,
                                   _ds_setup_cancellable (self), on_teammate, call);
    }
}

/* -- the schedule, the layer, the rotation, the shift ------------------------ */

/* "Mon 09:00", in the user's time zone. */
static char *
clock_text (gint64 when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);

  return dt != NULL ? g_date_time_format (dt, "%a %H:%M") : g_strdup ("?");
}

static const char *
layer_name (const DsPdLayer *layer)
{
  return layer->name != NULL ? layer->name : layer->id != NULL ? layer->id : "?";
}

/* "Ana, Bogdan, Earline", or NULL for nobody. */
static char *
user_names (GPtrArray *users)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      const DsPdUser *u = g_ptr_array_index (users, i);

      g_ptr_array_add (names, u->name != NULL ? u->name : u->id);
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **)names->pdata);
}

/* Whether @user_id takes turns in @layer: one of its users, or named by
 * its own rendered entries. */
static gboolean
in_layer (const DsPdLayer *layer,
          const char      *user_id)
{
  for (guint i = 0; layer->users != NULL && i < layer->users->len; i++)
    if (g_strcmp0 (((DsPdUser *)g_ptr_array_index (layer->users, i))->id, user_id) == 0)
      return TRUE;
  for (guint i = 0; layer->entries != NULL && i < layer->entries->len; i++)
    if (g_strcmp0 (((DsPdEntry *)g_ptr_array_index (layer->entries, i))->user_id, user_id) == 0)
      return TRUE;
  return FALSE;
}

static void
say_schedule_error (Check        *check,
                    const GError *error)
{
  DsSetupCheck *self = check->self;
  const char *id = _ds_setup_profile (self)->pagerduty_schedule;
  const char *why = _("Depends on the schedule, which could not be read.");

  if (g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND))
    {
      g_autofree char *detail = g_strdup_printf (_("PagerDuty has no schedule %s (HTTP 404)."),
                                                 id);
      g_autofree char *fix = g_strdup_printf (
        _("The team profile’s pagerduty.schedule_id (%s) names no schedule. In PagerDuty, open "
          "the team’s schedule (People → On-Call Schedules): its id is the end of the page’s "
          "address (…/schedules/PI7DH85). Put that id in pagerduty.schedule_id."), id);

      _ds_setup_fail (self, check->schedule, detail, fix, SCHEDULE_PAGE);
    }
  else if (g_error_matches (error, DS_ERROR, DS_ERROR_FORBIDDEN))
    {
      g_autofree char *detail = g_strdup_printf (_("PagerDuty does not let %s see schedule %s "
                                                   "(HTTP 403)."), me_name (check), id);
      g_autofree char *fix = g_strdup_printf (
        _("Ask a PagerDuty admin, or a manager of the team the schedule belongs to, to let %s "
          "see it (for example by adding them to that team), or save the token of a user who "
          "can see it."), me_name (check));

      _ds_setup_fail (self, check->schedule, detail, fix, PERMISSIONS_PAGE);
    }
  else
    _ds_setup_fail_unreached (self, check->schedule, DS_SERVICE_PAGERDUTY, error);
  _ds_setup_skip (self, check->layer, why);
  _ds_setup_skip (self, check->rotation, why);
  _ds_setup_skip (self, check->shift, why);
}

/* The layer the profile names is missing: which the schedule has. */
static void
say_no_layer (Check              *check,
              const DsPdSchedule *schedule)
{
  DsSetupCheck *self = check->self;
  int wanted = (int)_ds_setup_profile (self)->pagerduty_layer;
  guint n = schedule->layers->len;
  const char *why = _("Depends on the layer, which the schedule does not have.");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL, *detail = NULL, *fix = NULL;

  for (guint i = 0; i < n; i++)
    {
      const DsPdLayer *layer = g_ptr_array_index (schedule->layers, i);

      g_ptr_array_add (names, g_strdup_printf ("“%s”", layer_name (layer)));
    }
  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **)names->pdata);
  if (n == 0)
    {
      detail = g_strdup (_("The schedule has no layers."));
      fix = g_strdup (_("Add the daytime rotation to the schedule as a layer in PagerDuty, or "
                        "name the schedule that has it in the team profile’s "
                        "pagerduty.schedule_id."));
    }
  else
    {
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: "The schedule has no layer 3: it
                                              * has 2 layers, “Layer 1”, “Layer 2”." */
                                             "The schedule has no layer %d: it has %u layer, %s.",
                                             "The schedule has no layer %d: it has %u layers, %s.",
                                             n),
                                wanted, n, list);
      fix = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Set the team profile’s pagerduty.layer to the number "
                                          "of the daytime rotation’s layer: the schedule has "
                                          "%u layer, so 1.",
                                          "Set the team profile’s pagerduty.layer to the number "
                                          "of the daytime rotation’s layer, from 1 to %u, as "
                                          "PagerDuty numbers them on the schedule’s page.", n),
                             n);
    }
  _ds_setup_fail (self, check->layer, detail, fix, EDIT_SCHEDULE_PAGE);
  _ds_setup_skip (self, check->rotation, why);
  _ds_setup_skip (self, check->shift, why);
}

static void
say_rotation (Check              *check,
              const DsPdSchedule *schedule,
              const DsPdLayer    *layer)
{
  DsSetupCheck *self = check->self;

  if (in_layer (layer, check->me->id))
    {
      /* Translators: "Earline Greenholt takes turns in “Layer 2”." */
      g_autofree char *detail = g_strdup_printf (_("%s takes turns in “%s”."), me_name (check),
                                                 layer_name (layer));

      _ds_setup_pass (self, check->rotation, detail);
    }
  else
    {
      g_autofree char *names = user_names (layer->users);
      g_autofree char *detail = names != NULL
        /* Translators: "Earline Greenholt is not among the people of “Layer 2” (Ana, Ivo)." */
        ? g_strdup_printf (_("%s is not among the people of “%s” (%s)."), me_name (check),
                           layer_name (layer), names)
        /* Translators: "Earline Greenholt is not among the people of “Layer 2”, which names
         * nobody." */
        : g_strdup_printf (_("%s is not among the people of “%s”, which names nobody."),
                           me_name (check), layer_name (layer));
      g_autofree char *fix = g_strdup_printf (
        _("Ask whoever manages the schedule “%s” in PagerDuty to add you to “%s”; or, if the "
          "daytime rotation is another layer, set the team profile’s pagerduty.layer to its "
          "number."), schedule->name != NULL ? schedule->name : schedule->id,
        layer_name (layer));

      _ds_setup_fail (self, check->rotation, detail, fix, EDIT_SCHEDULE_PAGE);
    }
}

/* The user's shift in the layer as the workspace finds it: under way, or
 * the next within the span it reads. */
static void
say_shift (Check              *check,
           const DsPdSchedule *schedule,
           const DsPdLayer    *layer)
{
  DsSetupCheck *self = check->self;
  gint64 number = _ds_setup_profile (self)->pagerduty_layer;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GArray) shifts = ds_rotation_shifts (schedule, number, check->me->id);
  const DsShift *shift = ds_rotation_current_or_next (shifts, now);

  if (shift != NULL && shift->start <= now)
    {
      g_autofree char *until = clock_text (shift->end);
      g_autofree char *detail = g_strdup_printf (_("On rotation until %s"), until);

      _ds_setup_pass (self, check->shift, detail);
    }
  else if (shift != NULL)
    {
      g_autofree char *from = clock_text (shift->start);
      g_autofree char *to = clock_text (shift->end);
      /* Translators: "Next shift Mon 09:00 – Fri 17:00" */
      g_autofree char *detail = g_strdup_printf (_("Next shift %s – %s"), from, to);

      _ds_setup_pass (self, check->shift, detail);
    }
  else
    {
      g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "No shift for %s in “%s” in the "
                                                              "next %u week.",
                                                              "No shift for %s in “%s” in the "
                                                              "next %u weeks.",
                                                              DS_ROTATION_WEEKS_AHEAD),
                                                 me_name (check), layer_name (layer),
                                                 DS_ROTATION_WEEKS_AHEAD);
      g_autofree char *fix = g_strdup_printf (
        _("Dayshift starts and ends your rotation by your shifts in “%s”. If you should have "
          "one sooner, ask whoever manages the schedule in PagerDuty to check the layer’s "
          "rotation and its overrides."), layer_name (layer));

      _ds_setup_fail (self, check->shift, detail, fix, EDIT_SCHEDULE_PAGE);
    }
}

static void
on_schedule (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  DsSetupCheck *self = check->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsPdSchedule) schedule = ds_pagerduty_get_schedule_finish (DS_HTTP (source), result,
                                                                       &error);
  const DsPdLayer *layer;

  if (schedule == NULL)
    {
      say_schedule_error (check, error);
      _ds_setup_release (self);
      return;
    }
  if (schedule->name != NULL && *schedule->name != '\0')
    _ds_setup_retitle (self, check->schedule, schedule->name);
  {
    g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Schedule %s, with %u layer.",
                                                            "Schedule %s, with %u layers.",
                                                            schedule->layers->len),
                                               schedule->id, schedule->layers->len);

    _ds_setup_pass (self, check->schedule, detail);
  }

  layer = ds_rotation_find_layer (schedule, _ds_setup_profile (self)->pagerduty_layer);
  if (layer == NULL)
    say_no_layer (check, schedule);
  else
    {
      g_autofree char *names = user_names (layer->users);
      /* PagerDuty's own name for it unless renamed, as ds_rotation_find_layer()
       * looks for it. */
      g_autofree char *plain = g_strdup_printf ("Layer %d",
                                                (int)_ds_setup_profile (self)->pagerduty_layer);
      guint n = layer->users != NULL ? layer->users->len : 0;
      g_autofree char *turns = n == 0 ? g_strdup (_("It is in the schedule."))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is the only one in it.", "%s take turns.", n),
                           names);
      /* Its name, when PagerDuty's is not "Layer 2": "“Daytime”: Ana, Ivo take turns." */
      g_autofree char *detail = g_strcmp0 (layer->name, plain) == 0 ? g_strdup (turns)
        : g_strdup_printf ("“%s”: %s", layer_name (layer), turns);

      _ds_setup_pass (self, check->layer, detail);
      say_rotation (check, schedule, layer);
      /* Asked even when the user is not in the layer: an override may give
       * them a shift, and Dayshift follows it. */
      say_shift (check, schedule, layer);
    }
  _ds_setup_release (self);
}

static void
on_me (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  DsSetupCheck *self = check->self;
  DsTeamProfile *profile = _ds_setup_profile (self);
  g_autoptr(GError) error = NULL;
  gint64 since, until;

  check->me = ds_pagerduty_get_me_finish (DS_HTTP (source), result, &error);
  if (check->me == NULL)
    {
      g_autofree char *why = NULL;

      if (_ds_setup_answered (error))
        {
          why = g_strdup (_("Depends on the token, which was refused."));
          _ds_setup_fail_error (self, check->token, error,
                                _("Make a user API token in PagerDuty (My Profile → User "
                                  "Settings → Create API User Token) and save it in Settings → "
                                  "Team."), ds_service_info (DS_SERVICE_PAGERDUTY)->token_page);
        }
      else
        {
          why = _ds_setup_unreached_why (DS_SERVICE_PAGERDUTY);
          _ds_setup_fail_unreached (self, check->token, DS_SERVICE_PAGERDUTY, error);
        }
      _ds_setup_skip (self, check->schedule, why);
      _ds_setup_skip (self, check->layer, why);
      _ds_setup_skip (self, check->rotation, why);
      _ds_setup_skip (self, check->shift, why);
      if (check->teammates != NULL)
        _ds_setup_skip (self, check->teammates, why);
      _ds_setup_release (self);
      return;
    }

  {
    g_autofree char *who = g_strdup_printf (_("PagerDuty user %s (%s)"), me_name (check),
                                            check->me->email ? check->me->email : "?");

    _ds_setup_pass (self, check->token, who);
  }
  if (check->teammates != NULL)
    check_teammates (self, check->teammates);
  /* The same span of the schedule as the workspace reads. */
  ds_rotation_read_window (g_get_real_time () / G_USEC_PER_SEC, &since, &until);
  ds_pagerduty_get_schedule_async (DS_HTTP (source), profile->pagerduty_schedule, since, until,
                                   _ds_setup_cancellable (self), on_schedule,
                                   g_steal_pointer (&check));
}

void
_ds_setup_check_pagerduty (DsSetupCheck *self)
{
  DsTeamProfile *profile = _ds_setup_profile (self);
  Check *check = g_new0 (Check, 1);
  g_autofree char *schedule = g_strdup_printf (_("Schedule %s"), profile->pagerduty_schedule);
  /* Translators: a row's title: the team profile's layer of the PagerDuty schedule */
  g_autofree char *layer = g_strdup_printf (_("Layer %d"), (int)profile->pagerduty_layer);

  check->self = _ds_setup_hold (self);
  check->token = _ds_setup_begin (self, DS_SERVICE_PAGERDUTY, _("PagerDuty token"),
                                  "pagerduty.token");
  check->schedule = _ds_setup_begin (self, DS_SERVICE_PAGERDUTY, schedule,
                                     "pagerduty.schedule");
  check->layer = _ds_setup_begin (self, DS_SERVICE_PAGERDUTY, layer, "pagerduty.layer");
  check->rotation = _ds_setup_begin (self, DS_SERVICE_PAGERDUTY, _("You in the rotation"),
                                     "pagerduty.rotation");
  check->shift = _ds_setup_begin (self, DS_SERVICE_PAGERDUTY, _("Your next shift"),
                                  "pagerduty.shift");
  for (guint i = 0; i < profile->teammates->len && check->teammates == NULL; i++)
    if (((const DsTeammate *)g_ptr_array_index (profile->teammates, i))->pagerduty != NULL)
      check->teammates = _ds_setup_begin (self, DS_CHECK_TEAMMATES, _("PagerDuty ids"),
                                          "teammates.pagerduty");
  ds_pagerduty_get_me_async (_ds_setup_http (self), _ds_setup_cancellable (self), on_me, check);
}
