/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check"

#include "config.h"

#include "ds-error.h"
#include "ds-github-device.h"
#include "ds-github.h"
#include "ds-profile-location.h"
#include "ds-readers.h"
#include "ds-secrets.h"
#include "ds-setup-check-private.h"

/* The setup check's run: the tokens (given, or looked up in the keyring
 * for the profile's addresses, as the workspace does), then each service's
 * checks at once, each adding its rows. The rows are kept in the order of
 * the sections, and within one in the order they began. */

struct _DsSetupCheck
{
  GObject        parent_instance;

  DsTeamProfile *profile;
  DsHttp        *http;
  gboolean       use_keyring;
  gboolean       given[DS_N_SERVICES][2];
  char          *app_tokens[DS_N_SERVICES];
  GPtrArray     *rows;          /* DsCheckRow, in order */
  GTask         *task;          /* the run under way */
  guint          holds;
  guint          lookups;
};

G_DEFINE_FINAL_TYPE (DsSetupCheck, ds_setup_check, G_TYPE_OBJECT)

enum { ROW_ADDED, ROW_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Each service's checks. A service the profile does not use is not checked. */
static void (* const checks[DS_N_SERVICES]) (DsSetupCheck *self) = {
  [DS_SERVICE_GITHUB] = _ds_setup_check_github,
  [DS_SERVICE_SLACK] = _ds_setup_check_slack,
  [DS_SERVICE_PAGERDUTY] = _ds_setup_check_pagerduty,
  [DS_SERVICE_ZENHUB] = _ds_setup_check_zenhub,
};

static void
row_free (DsCheckRow *row)
{
  g_free (row->id);
  g_free (row->title);
  g_free (row->detail);
  g_free (row->fix);
  g_free (row->link);
  g_free (row);
}

static void
ds_setup_check_finalize (GObject *object)
{
  DsSetupCheck *self = DS_SETUP_CHECK (object);

  g_assert (self->task == NULL);
  g_clear_pointer (&self->profile, ds_team_profile_unref);
  g_clear_object (&self->http);
  for (guint i = 0; i < DS_N_SERVICES; i++)
    g_clear_pointer (&self->app_tokens[i], ds_secrets_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (ds_setup_check_parent_class)->finalize (object);
}

static void
ds_setup_check_class_init (DsSetupCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_setup_check_finalize;

  /**
   * DsSetupCheck::row-added:
   * @row: (type gpointer): the DsCheckRow, pending
   * @position: where it is among the rows
   */
  signals[ROW_ADDED] = g_signal_new ("row-added", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                     G_TYPE_POINTER, G_TYPE_UINT);
  /**
   * DsSetupCheck::row-changed:
   * @row: (type gpointer): the DsCheckRow, now passed, failed or skipped
   */
  signals[ROW_CHANGED] = g_signal_new ("row-changed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_POINTER);
}

static void
ds_setup_check_init (DsSetupCheck *self)
{
  self->http = ds_http_new ();
  /* A check is not a poll: nothing asks again on its own. */
  ds_http_set_one_off (self->http, TRUE);
  self->use_keyring = TRUE;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
}

/**
 * ds_setup_check_new:
 * @profile: the team profile whose setup is checked
 */
DsSetupCheck *
ds_setup_check_new (DsTeamProfile *profile)
{
  DsSetupCheck *self = g_object_new (DS_TYPE_SETUP_CHECK, NULL);

  self->profile = ds_team_profile_ref (profile);
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      const char *url = ds_team_profile_api_url (profile, s, NULL);

      /* The profile was checked when it was read: its addresses are good. */
      if (url != NULL && !ds_http_set_base_url (self->http, s, url, NULL))
        g_warning ("The team profile's address for %s was refused", ds_service_label (s));
    }
  return self;
}

/**
 * ds_setup_check_set_token:
 * @app: the service's second token (Slack's app-level one)
 * @token: (nullable): the token, or %NULL for none
 *
 * Gives the check a token instead of the keyring's.
 */
void
ds_setup_check_set_token (DsSetupCheck *self,
                          DsService     service,
                          gboolean      app,
                          const char   *token)
{
  g_return_if_fail (DS_IS_SETUP_CHECK (self));
  g_return_if_fail (service < DS_N_SERVICES);

  self->given[service][app] = TRUE;
  if (app)
    {
      g_clear_pointer (&self->app_tokens[service], ds_secrets_free);
      self->app_tokens[service] = g_strdup (token);
      if (service == DS_SERVICE_SLACK)
        ds_http_set_slack_app_token (self->http, token);
    }
  else
    ds_http_set_token (self->http, service, token);
}

/**
 * ds_setup_check_set_github_url:
 * @github_url: (nullable): the GitHub API address of the github-host setting
 *
 * Checks GitHub where the workspace reads it for a profile that names no
 * address (ds_team_profile_api_url()); call before running.
 */
void
ds_setup_check_set_github_url (DsSetupCheck *self,
                               const char   *github_url)
{
  const char *url;

  g_return_if_fail (DS_IS_SETUP_CHECK (self));
  g_return_if_fail (self->task == NULL);

  url = ds_team_profile_api_url (self->profile, DS_SERVICE_GITHUB, github_url);
  if (url != NULL && !ds_http_set_base_url (self->http, DS_SERVICE_GITHUB, url, NULL))
    g_warning ("The GitHub address %s was refused", url);
}

/* Whether tokens not given are looked up in the keyring (the default). */
void
ds_setup_check_set_use_keyring (DsSetupCheck *self,
                                gboolean      use_keyring)
{
  g_return_if_fail (DS_IS_SETUP_CHECK (self));
  self->use_keyring = use_keyring;
}

DsHttp *
_ds_setup_http (DsSetupCheck *self)
{
  return self->http;
}

DsTeamProfile *
_ds_setup_profile (DsSetupCheck *self)
{
  return self->profile;
}

GCancellable *
_ds_setup_cancellable (DsSetupCheck *self)
{
  return self->task != NULL ? g_task_get_cancellable (self->task) : NULL;
}

gboolean
_ds_setup_has_token (DsSetupCheck *self,
                     DsService     service,
                     gboolean      app)
{
  return app ? self->app_tokens[service] != NULL : ds_http_has_token (self->http, service);
}

const char *
_ds_setup_app_token (DsSetupCheck *self,
                     DsService     service)
{
  return self->app_tokens[service];
}

/* -- rows ---------------------------------------------------------------- */

DsCheckRow *
_ds_setup_begin (DsSetupCheck *self,
                 guint         section,
                 const char   *title,
                 const char   *id_format,
                 ...)
{
  DsCheckRow *row = g_new0 (DsCheckRow, 1);
  va_list args;
  guint position = self->rows->len;

  va_start (args, id_format);
  row->id = g_strdup_vprintf (id_format, args);
  va_end (args);
  row->section = section;
  row->title = g_strdup (title);
  row->state = DS_CHECK_PENDING;
  /* After the last row of its section or of one before it. */
  while (position > 0 &&
         ((DsCheckRow *)g_ptr_array_index (self->rows, position - 1))->section > section)
    position--;
  g_ptr_array_insert (self->rows, (int)position, row);
  g_signal_emit (self, signals[ROW_ADDED], 0, row, position);
  return row;
}

static void
end_row (DsSetupCheck *self,
         DsCheckRow   *row,
         DsCheckState  state,
         const char   *detail,
         const char   *fix,
         const char   *link)
{
  g_return_if_fail (row->state == DS_CHECK_PENDING);

  row->state = state;
  row->detail = g_strdup (detail);
  row->fix = g_strdup (fix);
  row->link = g_strdup (link);
  g_debug ("%s: %s: %s", row->id, ds_check_state_to_string (state), detail);
  g_signal_emit (self, signals[ROW_CHANGED], 0, row);
}

void
_ds_setup_retitle (DsSetupCheck *self,
                   DsCheckRow   *row,
                   const char   *title)
{
  g_return_if_fail (row->state == DS_CHECK_PENDING);

  g_free (row->title);
  row->title = g_strdup (title);
}

void
_ds_setup_pass (DsSetupCheck *self,
                DsCheckRow   *row,
                const char   *detail)
{
  end_row (self, row, DS_CHECK_PASSED, detail, NULL, NULL);
}

void
_ds_setup_fail (DsSetupCheck *self,
                DsCheckRow   *row,
                const char   *detail,
                const char   *fix,
                const char   *link)
{
  end_row (self, row, DS_CHECK_FAILED, detail, fix, link);
}

void
_ds_setup_fail_error (DsSetupCheck *self,
                      DsCheckRow   *row,
                      const GError *error,
                      const char   *fix,
                      const char   *link)
{
  end_row (self, row, DS_CHECK_FAILED, error->message, fix, link);
}

void
_ds_setup_skip (DsSetupCheck *self,
                DsCheckRow   *row,
                const char   *why)
{
  end_row (self, row, DS_CHECK_SKIPPED, why, NULL, NULL);
}

gboolean
_ds_setup_answered (const GError *error)
{
  return error != NULL && error->domain == DS_ERROR &&
         (error->code == DS_ERROR_AUTH || error->code == DS_ERROR_FORBIDDEN ||
          error->code == DS_ERROR_NOT_FOUND || error->code == DS_ERROR_SERVICE);
}

void
_ds_setup_fail_unreached (DsSetupCheck *self,
                          DsCheckRow   *row,
                          DsService     service,
                          const GError *error)
{
  g_autofree char *fix = g_strdup_printf (_("Check that this computer reaches %s, then run the "
                                            "check again."), ds_service_label (service));

  end_row (self, row, DS_CHECK_FAILED, error->message, fix, NULL);
}

char *
_ds_setup_unreached_why (DsService service)
{
  return g_strdup_printf (_("Not asked: %s could not be reached."), ds_service_label (service));
}

char *
_ds_setup_github_page (DsSetupCheck *self,
                       const char   *path)
{
  g_autofree char *origin = ds_github_web_origin (ds_http_get_base_url (self->http,
                                                                        DS_SERVICE_GITHUB));

  /* Not reached: an address the profile takes has a web site. */
  if (origin == NULL)
    origin = ds_github_web_origin (NULL);
  return g_strconcat (origin, path, NULL);
}

char *
_ds_setup_token_page (DsSetupCheck *self,
                      DsService     service)
{
  const char *page = ds_service_info (service)->token_page;
  g_autoptr(GUri) uri = NULL;

  if (service != DS_SERVICE_GITHUB)
    return g_strdup (page);
  /* The table's page, on the web site of the address checked. */
  uri = g_uri_parse (page, G_URI_FLAGS_NONE, NULL);
  return _ds_setup_github_page (self, g_uri_get_path (uri));
}

/* -- the run ------------------------------------------------------------- */

DsSetupCheck *
_ds_setup_hold (DsSetupCheck *self)
{
  self->holds++;
  return self;
}

void
_ds_setup_release (DsSetupCheck *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self->holds > 0);
  if (--self->holds > 0)
    return;
  task = g_steal_pointer (&self->task);
  /* A row nobody ended is a check that never answered. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      DsCheckRow *row = g_ptr_array_index (self->rows, i);

      if (row->state == DS_CHECK_PENDING)
        _ds_setup_skip (self, row, _("Not checked: the run ended before an answer came."));
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_ptr_array_ref (self->rows), (GDestroyNotify)g_ptr_array_unref);
}

/* A token neither given nor saved: the service's first row says so, and
 * its other checks are not asked. */
static void
say_no_token (DsSetupCheck *self,
              DsService     service)
{
  const DsServiceInfo *info = ds_service_info (service);
  g_autofree char *title = g_strdup_printf (_("%s token"), ds_service_label (service));
  g_autofree char *detail = g_strdup_printf (_("No %s token is saved for %s."),
                                             ds_service_label (service),
                                             ds_http_get_base_url (self->http, service));
  /* The team's GitHub OAuth app gives a token by signing in. */
  g_autofree char *fix = service == DS_SERVICE_GITHUB &&
                         self->profile->github_oauth_client_id != NULL
    ? g_strdup_printf (_("Make a token on %s’s page, then save it in Settings → Team; or Sign "
                         "in with GitHub in Settings → Team."), ds_service_label (service))
    : g_strdup_printf (_("Make a token on %s’s page, then save it in Settings → Team."),
                       ds_service_label (service));
  g_autofree char *page = _ds_setup_token_page (self, service);
  DsCheckRow *row = _ds_setup_begin (self, service, title, "%s.token", info->id);

  _ds_setup_fail (self, row, detail, fix, page);
}

static void
start_checks (DsSetupCheck *self)
{
  _ds_setup_hold (self);
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      if (!ds_reader (s)->needed (self->profile))
        continue;
      if (!ds_http_has_token (self->http, s))
        say_no_token (self, s);
      else if (checks[s] != NULL)
        checks[s] (self);
    }
  _ds_setup_release (self);
}

typedef struct
{
  DsSetupCheck *self;
  DsService     service;
  gboolean      app;
} Lookup;

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Lookup *lookup = user_data;
  DsSetupCheck *self = lookup->self;
  g_autoptr(GError) error = NULL;
  char *token = ds_secrets_lookup_finish (result, &error);

  if (error != NULL)
    g_debug ("No %s token from the keyring: %s", ds_service_label (lookup->service),
             error->message);
  if (token != NULL)
    ds_setup_check_set_token (self, lookup->service, lookup->app, token);
  ds_secrets_free (token);
  if (--self->lookups == 0)
    start_checks (self);
  _ds_setup_release (self);
  g_object_unref (self);
  g_free (lookup);
}

static void
look_up (DsSetupCheck *self,
         DsService     service,
         gboolean      app)
{
  const DsServiceInfo *info = ds_service_info (service);
  const char *name = app ? info->app_secret : info->id;
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->self = g_object_ref (self);
  lookup->service = service;
  lookup->app = app;
  self->lookups++;
  _ds_setup_hold (self);
  ds_secrets_lookup_async (name, ds_secrets_origin_key (name, ds_http_get_base_url (self->http,
                                                                                   service)),
                           0, g_task_get_cancellable (self->task), on_token, lookup);
}

/**
 * ds_setup_check_run_async:
 *
 * Runs every check once; a check object runs once.
 */
void
ds_setup_check_run_async (DsSetupCheck        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (DS_IS_SETUP_CHECK (self));
  g_return_if_fail (self->task == NULL && self->rows->len == 0);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, ds_setup_check_run_async);
  _ds_setup_hold (self);
  if (self->use_keyring)
    for (DsService s = 0; s < DS_N_SERVICES; s++)
      {
        const DsServiceInfo *info = ds_service_info (s);

        if (!ds_reader (s)->needed (self->profile))
          continue;
        if (!self->given[s][FALSE])
          look_up (self, s, FALSE);
        if (info->app_secret != NULL && !self->given[s][TRUE])
          look_up (self, s, TRUE);
      }
  if (self->lookups == 0)
    start_checks (self);
  _ds_setup_release (self);
}

/**
 * ds_setup_check_run_finish:
 *
 * Returns: (transfer container) (element-type DsCheckRow): the rows
 */
GPtrArray *
ds_setup_check_run_finish (DsSetupCheck  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ds_setup_check_run_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (transfer none): the rows so far */
GPtrArray *
ds_setup_check_get_rows (DsSetupCheck *self)
{
  g_return_val_if_fail (DS_IS_SETUP_CHECK (self), NULL);
  return self->rows;
}

/* -- said ---------------------------------------------------------------- */

const char *
ds_check_section_label (guint section)
{
  return section == DS_CHECK_TEAMMATES ? _("Teammates") : ds_service_label (section);
}

/* For scripts (--json): not translated. */
const char *
ds_check_state_to_string (DsCheckState state)
{
  static const char * const names[] = { "pending", "passed", "failed", "skipped" };

  g_return_val_if_fail (state <= DS_CHECK_SKIPPED, "?");
  return names[state];
}

static guint
count_rows (GPtrArray    *rows,
            DsCheckState  state)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (((DsCheckRow *)g_ptr_array_index (rows, i))->state == state)
      n++;
  return n;
}

guint
ds_check_rows_failed (GPtrArray *rows)
{
  return count_rows (rows, DS_CHECK_FAILED);
}

/* The checks that could not be made: skipped, or never answered. */
guint
ds_check_rows_skipped (GPtrArray *rows)
{
  return count_rows (rows, DS_CHECK_SKIPPED) + count_rows (rows, DS_CHECK_PENDING);
}

/* Whether the setup is proved: every check made, and none failed. */
gboolean
ds_check_rows_ok (GPtrArray *rows)
{
  return ds_check_rows_failed (rows) == 0 && ds_check_rows_skipped (rows) == 0;
}

/* What the rows come to, in one sentence: "All 14 checks passed.", "12 of
 * 14 checks passed, 2 not checked.", "3 of 14 checks failed.", "3 of 14
 * checks failed, 2 not checked." */
char *
ds_check_rows_summary (GPtrArray *rows)
{
  guint total = rows->len;
  guint failed = ds_check_rows_failed (rows);
  guint skipped = ds_check_rows_skipped (rows);

  if (failed == 0 && skipped == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check passed.",
                                         "All %u checks passed.", total),
                            total);
  if (failed == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: "21 of 23 checks passed, 2 not
                                          * checked." */
                                         "%u of %u check passed, %u not checked.",
                                         "%u of %u checks passed, %u not checked.", total),
                            total - skipped, total, skipped);
  if (skipped == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u check failed.",
                                         "%u of %u checks failed.", total),
                            failed, total);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: "3 of 23 checks failed, 2 not checked." */
                                       "%u of %u check failed, %u not checked.",
                                       "%u of %u checks failed, %u not checked.", total),
                          failed, total, skipped);
}

/* The rows as a person reads them in a terminal. */
char *
ds_check_rows_to_text (GPtrArray *rows)
{
  static const char * const marks[] = { "…", "✓", "✗", "–" };
  GString *out = g_string_new (NULL);
  g_autofree char *summary = ds_check_rows_summary (rows);
  guint section = G_MAXUINT;

  for (guint i = 0; i < rows->len; i++)
    {
      DsCheckRow *row = g_ptr_array_index (rows, i);

      if (row->section != section)
        {
          section = row->section;
          g_string_append_printf (out, "%s%s\n", i > 0 ? "\n" : "",
                                  ds_check_section_label (section));
        }
      g_string_append_printf (out, "  %s %s: %s\n", marks[row->state], row->title,
                              row->detail != NULL ? row->detail : "");
      if (row->fix != NULL)
        {
          g_autofree char *fix = g_strdup_printf (_("Fix: %s"), row->fix);

          g_string_append_printf (out, "      %s\n", fix);
        }
      if (row->link != NULL)
        {
          /* Translators: the vendor's page for a check's fix: "See: https://…" */
          g_autofree char *see = g_strdup_printf (_("See: %s"), row->link);

          g_string_append_printf (out, "      %s\n", see);
        }
    }
  g_string_append_printf (out, "\n%s\n", summary);
  return g_string_free (out, FALSE);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* The rows for scripts: {"ok", "failed", "skipped", "checks": [{section,
 * id, title, state, detail, fix, link}]}; "ok" only when every check was
 * made and passed; the sections are the services' ids and "teammates". */
char *
ds_check_rows_to_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, ds_check_rows_ok (rows));
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, ds_check_rows_failed (rows));
  json_builder_set_member_name (b, "skipped");
  json_builder_add_int_value (b, ds_check_rows_skipped (rows));
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      DsCheckRow *row = g_ptr_array_index (rows, i);

      json_builder_begin_object (b);
      add_string (b, "section", row->section == DS_CHECK_TEAMMATES
                                ? "teammates" : ds_service_info (row->section)->id);
      add_string (b, "id", row->id);
      add_string (b, "title", row->title);
      add_string (b, "state", ds_check_state_to_string (row->state));
      add_string (b, "detail", row->detail);
      add_string (b, "fix", row->fix);
      add_string (b, "link", row->link);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}

/* -- the profile to check ------------------------------------------------ */

typedef struct
{
  DsHttp *http;
  char   *repo;
  char   *path;
} ProfileLoad;

static void
profile_load_free (ProfileLoad *load)
{
  g_clear_object (&load->http);
  g_free (load->repo);
  g_free (load->path);
  g_free (load);
}

static void
on_profile_file (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ProfileLoad *load = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) bytes = ds_github_get_file_finish (DS_HTTP (source), result, NULL, &error);
  g_autofree char *origin = g_strdup_printf ("%s:%s", load->repo, load->path);
  DsTeamProfile *profile;

  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  profile = ds_team_profile_new_from_data (g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes), origin, &error);
  if (profile == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, (GDestroyNotify)ds_team_profile_unref);
}

static void
on_profile_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ProfileLoad *load = g_task_get_task_data (task);
  GError *error = NULL;
  char *token = ds_secrets_lookup_finish (result, &error);

  if (token == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                     _("The team profile is kept on GitHub, and no GitHub token "
                                       "is saved. Save one in Settings."));
      g_task_return_error (task, error);
      return;
    }
  ds_http_set_token (load->http, DS_SERVICE_GITHUB, token);
  ds_secrets_free (token);
  ds_github_get_file_async (load->http, load->repo, load->path, g_task_get_cancellable (task),
                            on_profile_file, g_object_ref (task));
}

/**
 * ds_setup_check_load_profile_async:
 * @location: a file, or "owner/repo:path" on GitHub
 * @github_url: (nullable): the GitHub API a profile on GitHub is read from
 *
 * Reads the team profile as the workspace does, the one on GitHub with the
 * keyring's token.
 */
void
ds_setup_check_load_profile_async (const char          *location,
                                   const char          *github_url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ProfileLoad *load = g_new0 (ProfileLoad, 1);
  GError *error = NULL;
  const char *url = github_url != NULL ? github_url
                                       : ds_service_info (DS_SERVICE_GITHUB)->default_url;

  g_task_set_source_tag (task, ds_setup_check_load_profile_async);
  g_task_set_task_data (task, load, (GDestroyNotify)profile_load_free);
  if (!ds_profile_location_parse_github (location, &load->repo, &load->path))
    {
      DsTeamProfile *profile = ds_profile_location_read_file (location, &error);

      if (profile == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, profile, (GDestroyNotify)ds_team_profile_unref);
      return;
    }
  load->http = ds_http_new ();
  ds_http_set_one_off (load->http, TRUE);
  if (!ds_http_set_base_url (load->http, DS_SERVICE_GITHUB, url, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ds_secrets_lookup_async (DS_SECRET_GITHUB, ds_secrets_origin_key (DS_SECRET_GITHUB, url), 0,
                           cancellable, on_profile_token, g_steal_pointer (&task));
}

/* Returns: (transfer full): the profile */
DsTeamProfile *
ds_setup_check_load_profile_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, ds_setup_check_load_profile_async),
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
