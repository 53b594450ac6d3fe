/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-team-profile"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ds-error.h"
#include "ds-item.h"
#include "ds-github-records.h"
#include "ds-json-gate.h"
#include "ds-team-profile.h"

/* Reading the profile is strict: an unknown key is an error (a typo would
 * otherwise silently switch a feature off), and every error names the key
 * and what is wrong with it, as "slack.channels[2].role". */

G_DEFINE_BOXED_TYPE (DsTeamProfile, ds_team_profile, ds_team_profile_ref, ds_team_profile_unref)

typedef enum { T_STRING, T_INT, T_BOOL, T_OBJECT, T_ARRAY } FieldType;

typedef struct
{
  const char *key;
  FieldType   type;
  gboolean    required;
} Field;

static const char * const role_names[] = {
  [DS_CHANNEL_SUPPORT] = "support",
  [DS_CHANNEL_OPERATIONS] = "operations",
  [DS_CHANNEL_SRE] = "sre",
  [DS_CHANNEL_DEPLOYS] = "deploys",
  [DS_CHANNEL_ALERTS] = "alerts",
  [DS_CHANNEL_ONCALL] = "oncall",
};

const char *
ds_channel_role_to_string (DsChannelRole role)
{
  return role <= DS_CHANNEL_ONCALL ? role_names[role] : "?";
}

/* The profile is a refcounted struct; the whole thing is freed at once. */
typedef struct
{
  DsTeamProfile profile;
  gint          refcount;
} Box;

static void
channel_free (DsProfileChannel *c)
{
  g_free (c->id);
  g_free (c->name);
  g_free (c);
}

static void
teammate_free (DsTeammate *t)
{
  g_free (t->name);
  g_free (t->github);
  g_free (t->slack);
  g_free (t->pagerduty);
  g_free (t);
}

static void
epic_free (DsSuperEpic *e)
{
  g_free (e->name);
  g_free (e->repo);
  g_free (e);
}

static DsTeamProfile *
profile_new (void)
{
  Box *box = g_new0 (Box, 1);
  DsTeamProfile *p = &box->profile;

  box->refcount = 1;
  p->channels = g_ptr_array_new_with_free_func ((GDestroyNotify)channel_free);
  p->super_epics = g_ptr_array_new_with_free_func ((GDestroyNotify)epic_free);
  p->teammates = g_ptr_array_new_with_free_func ((GDestroyNotify)teammate_free);
  p->deploy_patterns = g_ptr_array_new_with_free_func ((GDestroyNotify)g_regex_unref);
  p->pagerduty_layer = 1;
  p->zenhub_graphql = TRUE;
  return p;
}

DsTeamProfile *
ds_team_profile_ref (DsTeamProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&((Box *)self)->refcount);
  return self;
}

void
ds_team_profile_unref (DsTeamProfile *self)
{
  Box *box = (Box *)self;

  if (self == NULL || !g_atomic_int_dec_and_test (&box->refcount))
    return;
  g_free (self->name);
  for (guint i = 0; i < DS_N_SERVICES; i++)
    g_free (self->urls[i]);
  g_free (self->github_org);
  g_free (self->github_team);
  g_free (self->github_oauth_client_id);
  g_free (self->team_repo);
  g_free (self->access_label);
  g_free (self->postmortem_label);
  g_free (self->support_label);
  g_strfreev (self->deploy_repos);
  g_strfreev (self->deploy_workflows);
  g_ptr_array_unref (self->channels);
  g_free (self->pagerduty_schedule);
  g_free (self->pagerduty_team);
  g_ptr_array_unref (self->super_epics);
  g_ptr_array_unref (self->teammates);
  g_strfreev (self->emergency_keywords);
  g_strfreev (self->emergency_folded);
  g_ptr_array_unref (self->deploy_patterns);
  g_free (self->standup_time);
  g_clear_pointer (&self->response, ds_response_clock_unref);
  g_free (box);
}

/* -- validation ------------------------------------------------------------ */

typedef struct
{
  const char *origin;
  GError    **error;
} Ctx;

static gboolean G_GNUC_PRINTF (3, 4)
fail (Ctx        *ctx,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (ctx->error, DS_ERROR, DS_ERROR_PROFILE,
               /* Translators: "<file>: “<key>” <problem>" */
               _("The team profile %s is not valid: “%s” %s"), ctx->origin, path, problem);
  return FALSE;
}

static char *
join_path (const char *path,
           const char *key)
{
  return *path != '\0' ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
}

static const char *
type_name (FieldType type)
{
  switch (type)
    {
    case T_STRING: return _("a string");
    case T_INT: return _("a whole number");
    case T_BOOL: return _("true or false");
    case T_OBJECT: return _("an object");
    case T_ARRAY: return _("a list");
    default: return "?";
    }
}

static gboolean
has_type (JsonNode  *node,
          FieldType  type)
{
  switch (type)
    {
    case T_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case T_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case T_BOOL:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case T_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case T_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    default:
      return FALSE;
    }
}

/* Refuses unknown keys, missing required ones and wrong types. */
static gboolean
check_fields (Ctx         *ctx,
              JsonObject  *o,
              const char  *path,
              const Field *fields)
{
  g_autoptr(GList) members = json_object_get_members (o);

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (const Field *f = fields; f->key != NULL && !known; f++)
        known = g_str_equal (f->key, l->data);
      if (!known)
        {
          g_autofree char *p = join_path (path, l->data);
          return fail (ctx, p, _("is not a key Dayshift knows (a typo?)."));
        }
    }

  for (const Field *f = fields; f->key != NULL; f++)
    {
      JsonNode *node = json_object_get_member (o, f->key);
      g_autofree char *p = join_path (path, f->key);

      if (node == NULL)
        {
          if (f->required)
            return fail (ctx, p, _("is missing; it is required."));
          continue;
        }
      /* A single value that is null is not given ("time_zone": null: this
       * computer's); a section that is null is not taken as left out, which
       * would quietly stop reading a service ("slack": null). */
      if (JSON_NODE_HOLDS_NULL (node))
        {
          if (f->required)
            return fail (ctx, p, _("is null; it is required and should be %s."),
                         type_name (f->type));
          if (f->type == T_OBJECT || f->type == T_ARRAY)
            return fail (ctx, p, _("is null; it should be %s, or leave the key out."),
                         type_name (f->type));
          continue;
        }
      if (!has_type (node, f->type))
        return fail (ctx, p, _("should be %s."), type_name (f->type));
    }
  return TRUE;
}

/* Whether @key is there with a value: null is not given. */
static gboolean
given (JsonObject *o,
       const char *key)
{
  JsonNode *node = json_object_get_member (o, key);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static char *
dup_string (JsonObject *o,
            const char *key)
{
  JsonNode *node = json_object_get_member (o, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* A name or id a service gives: letters, digits and “-_.”, not empty. */
static gboolean
check_id (Ctx        *ctx,
          const char *path,
          const char *value)
{
  if (value == NULL || *value == '\0')
    return fail (ctx, path, _("is empty; it should name something."));
  for (const char *c = value; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_' && *c != '.')
      return fail (ctx, path, _("should hold only letters, digits and “-_.”, not “%s”."), value);
  return TRUE;
}

/* An OAuth app's client id, as GitHub shows it ("Ov23li…"): it goes into a
 * form sent to GitHub, so only printable ASCII without spaces, and short. */
static gboolean
check_client_id (Ctx        *ctx,
                 const char *path,
                 const char *value)
{
  if (*value == '\0')
    return fail (ctx, path, _("is empty; it should be the client id of the team's GitHub OAuth "
                              "app, or be left out."));
  if (strlen (value) > DS_TEAM_PROFILE_MAX_CLIENT_ID)
    return fail (ctx, path, _("is longer than any client id (%u characters at most)."),
                 DS_TEAM_PROFILE_MAX_CLIENT_ID);
  for (const char *c = value; *c != '\0'; c++)
    if ((guchar)*c < 0x21 || (guchar)*c > 0x7e)
      return fail (ctx, path, _("should be a client id as GitHub shows it on the OAuth app's "
                                "page: letters, digits and punctuation, no spaces."));
  return TRUE;
}

static gboolean
check_url (Ctx        *ctx,
           JsonObject *o,
           const char *path,
           char      **out)
{
  g_autofree char *url = dup_string (o, "api_url");
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_autofree char *p = join_path (path, "api_url");
      return fail (ctx, p, _("should be a web address such as https://api.github.com."));
    }
  *out = g_steal_pointer (&url);
  return TRUE;
}

/* A list of strings, each checked by @check if given. */
static gboolean
string_list (Ctx        *ctx,
             JsonObject *o,
             const char *key,
             const char *path,
             GStrv      *out)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (o, key);
  g_autofree char *p = join_path (path, key);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = g_strv_builder_end (b);
      return TRUE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!has_type (e, T_STRING) || *json_node_get_string (e) == '\0')
        return fail (ctx, p, _("should be a list of non-empty strings."));
      g_strv_builder_add (b, json_node_get_string (e));
    }
  *out = g_strv_builder_end (b);
  return TRUE;
}

static gboolean
parse_github (Ctx           *ctx,
              DsTeamProfile *p,
              JsonObject    *o)
{
  static const Field fields[] = {
    { "api_url", T_STRING, FALSE }, { "org", T_STRING, TRUE }, { "team", T_STRING, FALSE },
    { "repo", T_STRING, TRUE }, { "labels", T_OBJECT, FALSE }, { "deploys", T_OBJECT, FALSE },
    { "oauth_client_id", T_STRING, FALSE }, { NULL }
  };
  static const Field label_fields[] = {
    { "access", T_STRING, FALSE }, { "postmortem", T_STRING, FALSE },
    { "support", T_STRING, FALSE }, { NULL }
  };
  static const Field deploy_fields[] = {
    { "repos", T_ARRAY, FALSE }, { "workflows", T_ARRAY, FALSE }, { NULL }
  };
  JsonObject *labels, *deploys;

  if (!check_fields (ctx, o, "github", fields) || !check_url (ctx, o, "github", &p->urls[DS_SERVICE_GITHUB]))
    return FALSE;
  p->github_org = dup_string (o, "org");
  if (!check_id (ctx, "github.org", p->github_org))
    return FALSE;
  p->github_team = dup_string (o, "team");
  p->github_oauth_client_id = dup_string (o, "oauth_client_id");
  if (p->github_oauth_client_id != NULL &&
      !check_client_id (ctx, "github.oauth_client_id", p->github_oauth_client_id))
    return FALSE;
  p->team_repo = dup_string (o, "repo");
  if (!ds_gh_repo_name_is_valid (p->team_repo))
    return fail (ctx, "github.repo", _("should be a repository as owner/name, not “%s”."),
                 p->team_repo);

  labels = given (o, "labels") ? json_object_get_object_member (o, "labels") : NULL;
  if (labels != NULL && !check_fields (ctx, labels, "github.labels", label_fields))
    return FALSE;
  p->access_label = labels ? dup_string (labels, "access") : NULL;
  p->postmortem_label = labels ? dup_string (labels, "postmortem") : NULL;
  p->support_label = labels ? dup_string (labels, "support") : NULL;
  if (p->access_label == NULL)
    p->access_label = g_strdup ("access-request");
  if (p->postmortem_label == NULL)
    p->postmortem_label = g_strdup ("Postmortem Action Item");
  if (p->support_label == NULL)
    p->support_label = g_strdup ("support");

  deploys = given (o, "deploys") ? json_object_get_object_member (o, "deploys") : NULL;
  if (deploys != NULL && !check_fields (ctx, deploys, "github.deploys", deploy_fields))
    return FALSE;
  if (deploys == NULL)
    {
      p->deploy_repos = g_new0 (char *, 1);
      p->deploy_workflows = g_new0 (char *, 1);
      return TRUE;
    }
  if (!string_list (ctx, deploys, "repos", "github.deploys", &p->deploy_repos) ||
      !string_list (ctx, deploys, "workflows", "github.deploys", &p->deploy_workflows))
    return FALSE;
  for (guint i = 0; p->deploy_repos[i] != NULL; i++)
    if (!ds_gh_repo_name_is_valid (p->deploy_repos[i]))
      return fail (ctx, "github.deploys.repos", _("should hold repositories as owner/name, "
                                                  "not “%s”."), p->deploy_repos[i]);
  return TRUE;
}

static gboolean
parse_slack (Ctx           *ctx,
             DsTeamProfile *p,
             JsonObject    *o)
{
  static const Field fields[] = {
    { "api_url", T_STRING, FALSE }, { "channels", T_ARRAY, TRUE }, { NULL }
  };
  static const Field channel_fields[] = {
    { "id", T_STRING, TRUE }, { "name", T_STRING, FALSE }, { "role", T_STRING, TRUE },
    { "bots", T_BOOL, FALSE }, { NULL }
  };
  JsonArray *channels;

  if (!check_fields (ctx, o, "slack", fields) || !check_url (ctx, o, "slack", &p->urls[DS_SERVICE_SLACK]))
    return FALSE;
  channels = json_object_get_array_member (o, "channels");
  if (json_array_get_length (channels) > DS_TEAM_PROFILE_MAX_CHANNELS)
    return fail (ctx, "slack.channels", _("lists %u channels; Dayshift reads at most %u. List "
                                          "the channels where the rotation is asked."),
                 json_array_get_length (channels), DS_TEAM_PROFILE_MAX_CHANNELS);
  for (guint i = 0; i < json_array_get_length (channels); i++)
    {
      JsonNode *node = json_array_get_element (channels, i);
      g_autofree char *path = g_strdup_printf ("slack.channels[%u]", i);
      g_autofree char *role = NULL;
      DsProfileChannel *c;
      JsonObject *co;
      int r = -1;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, path, _("should be an object."));
      co = json_node_get_object (node);
      if (!check_fields (ctx, co, path, channel_fields))
        return FALSE;
      role = dup_string (co, "role");
      for (guint k = 0; k < G_N_ELEMENTS (role_names); k++)
        if (g_str_equal (role, role_names[k]))
          r = k;
      if (r < 0)
        {
          g_autofree char *rp = g_strconcat (path, ".role", NULL);
          return fail (ctx, rp, _("should be one of support, operations, sre, deploys, alerts, "
                                  "oncall; not “%s”."), role);
        }
      {
        g_autofree char *id = dup_string (co, "id");
        g_autofree char *ip = g_strconcat (path, ".id", NULL);

        if (!check_id (ctx, ip, id))
          return FALSE;
      }
      c = g_new0 (DsProfileChannel, 1);
      c->id = dup_string (co, "id");
      c->name = dup_string (co, "name");
      c->role = r;
      c->bots = given (co, "bots")
        ? json_object_get_boolean_member (co, "bots")
        : (r == DS_CHANNEL_ALERTS || r == DS_CHANNEL_DEPLOYS);
      if (ds_team_profile_find_channel (p, c->id) != NULL)
        {
          channel_free (c);
          return fail (ctx, path, _("names a channel that is listed twice."));
        }
      g_ptr_array_add (p->channels, c);
    }
  return TRUE;
}

static gboolean
parse_pagerduty (Ctx           *ctx,
                 DsTeamProfile *p,
                 JsonObject    *o)
{
  static const Field fields[] = {
    { "api_url", T_STRING, FALSE }, { "schedule_id", T_STRING, TRUE },
    { "layer", T_INT, FALSE }, { "team_id", T_STRING, FALSE }, { NULL }
  };

  if (!check_fields (ctx, o, "pagerduty", fields) ||
      !check_url (ctx, o, "pagerduty", &p->urls[DS_SERVICE_PAGERDUTY]))
    return FALSE;
  p->pagerduty_schedule = dup_string (o, "schedule_id");
  p->pagerduty_team = dup_string (o, "team_id");
  if (given (o, "layer"))
    p->pagerduty_layer = json_object_get_int_member (o, "layer");
  if (p->pagerduty_layer < 1 || p->pagerduty_layer > 100)
    return fail (ctx, "pagerduty.layer", _("should be a layer number from 1."));
  return TRUE;
}

static gboolean
parse_zenhub (Ctx           *ctx,
              DsTeamProfile *p,
              JsonObject    *o)
{
  static const Field fields[] = {
    { "api_url", T_STRING, FALSE }, { "api", T_STRING, FALSE }, { NULL }
  };
  g_autofree char *api = NULL;

  if (!check_fields (ctx, o, "zenhub", fields) || !check_url (ctx, o, "zenhub", &p->urls[DS_SERVICE_ZENHUB]))
    return FALSE;
  api = dup_string (o, "api");
  if (api != NULL && !g_str_equal (api, "rest") && !g_str_equal (api, "graphql"))
    return fail (ctx, "zenhub.api", _("should be “rest” or “graphql”, not “%s”."), api);
  p->zenhub_graphql = api == NULL || g_str_equal (api, "graphql");
  return TRUE;
}

static gboolean
parse_super_epics (Ctx           *ctx,
                   DsTeamProfile *p,
                   JsonArray     *epics)
{
  static const Field fields[] = {
    { "name", T_STRING, TRUE }, { "issue", T_STRING, TRUE }, { "kinds", T_ARRAY, TRUE },
    { NULL }
  };
  guint taken = 0;

  if (json_array_get_length (epics) == 0)
    return fail (ctx, "super_epics", _("should list the team's super-epics."));

  for (guint i = 0; i < json_array_get_length (epics); i++)
    {
      JsonNode *node = json_array_get_element (epics, i);
      g_autofree char *path = g_strdup_printf ("super_epics[%u]", i);
      g_autofree char *issue = NULL;
      g_auto(GStrv) kinds = NULL;
      DsSuperEpic *e;
      JsonObject *eo;
      char *hash;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, path, _("should be an object."));
      eo = json_node_get_object (node);
      if (!check_fields (ctx, eo, path, fields) || !string_list (ctx, eo, "kinds", path, &kinds))
        return FALSE;

      e = g_new0 (DsSuperEpic, 1);
      g_ptr_array_add (p->super_epics, e);
      e->name = dup_string (eo, "name");
      issue = dup_string (eo, "issue");
      hash = strchr (issue, '#');
      if (hash != NULL)
        {
          guint64 number = 0;

          *hash = '\0';
          /* A whole number an issue can have: no sign, no rest, no overflow. */
          if (g_ascii_string_to_unsigned (hash + 1, 10, 1, G_MAXINT32, &number, NULL))
            e->number = (gint64)number;
        }
      if (hash == NULL || e->number <= 0 || !ds_gh_repo_name_is_valid (issue))
        {
          g_autofree char *ip = g_strconcat (path, ".issue", NULL);
          return fail (ctx, ip, _("should be an issue as owner/name#number."));
        }
      e->repo = g_strdup (issue);
      for (guint k = 0; kinds[k] != NULL; k++)
        {
          DsItemKind kind;

          if (!ds_item_kind_from_string (kinds[k], &kind))
            {
              g_autofree char *kp = g_strconcat (path, ".kinds", NULL);
              return fail (ctx, kp, _("names “%s”, which is not a kind (request, alert, deploy, "
                                      "review, access, incident, postmortem, mention)."),
                           kinds[k]);
            }
          if (taken & DS_KIND_BIT (kind))
            {
              g_autofree char *kp = g_strconcat (path, ".kinds", NULL);
              return fail (ctx, kp, _("gives “%s” to a second super-epic."), kinds[k]);
            }
          taken |= DS_KIND_BIT (kind);
          e->kinds |= DS_KIND_BIT (kind);
        }
    }
  return TRUE;
}

/* A teammate is named once: a second entry with the same name or the same
 * account would make delegation and the suggestion pick either. */
static gboolean
check_teammate (Ctx           *ctx,
                DsTeamProfile *p,
                const char    *path,
                DsTeammate    *t)
{
  g_autofree char *folded = g_utf8_casefold (t->name, -1);
  g_autofree char *trimmed = g_strstrip (g_strdup (t->name));

  if (*trimmed == '\0')
    {
      g_autofree char *np = g_strconcat (path, ".name", NULL);
      return fail (ctx, np, _("is empty; it should be the teammate's name."));
    }
  /* An account goes into "@login" on GitHub and "<@id>" on Slack. */
  {
    const struct { const char *key; const char *value; } mine[] = {
      { "github", t->github }, { "slack", t->slack }, { "pagerduty", t->pagerduty },
    };

    for (guint k = 0; k < G_N_ELEMENTS (mine); k++)
      {
        g_autofree char *kp = g_strconcat (path, ".", mine[k].key, NULL);

        if (mine[k].value != NULL && !check_id (ctx, kp, mine[k].value))
          return FALSE;
      }
  }
  for (guint i = 0; i + 1 < p->teammates->len; i++)
    {
      DsTeammate *o = g_ptr_array_index (p->teammates, i);
      g_autofree char *other = g_utf8_casefold (o->name, -1);
      const struct { const char *key; const char *mine; const char *theirs; } accounts[] = {
        { "github", t->github, o->github }, { "slack", t->slack, o->slack },
        { "pagerduty", t->pagerduty, o->pagerduty },
      };

      if (g_str_equal (folded, other))
        return fail (ctx, path, _("names “%s”, who is listed twice."), t->name);
      for (guint k = 0; k < G_N_ELEMENTS (accounts); k++)
        if (accounts[k].mine != NULL && g_strcmp0 (accounts[k].mine, accounts[k].theirs) == 0)
          {
            g_autofree char *kp = g_strconcat (path, ".", accounts[k].key, NULL);
            return fail (ctx, kp, _("is “%s”, which teammates[%u] has too."), accounts[k].mine,
                         i);
          }
    }
  return TRUE;
}

static gboolean
parse_teammates (Ctx           *ctx,
                 DsTeamProfile *p,
                 JsonArray     *people)
{
  static const Field fields[] = {
    { "name", T_STRING, TRUE }, { "github", T_STRING, FALSE }, { "slack", T_STRING, FALSE },
    { "pagerduty", T_STRING, FALSE }, { NULL }
  };

  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonNode *node = json_array_get_element (people, i);
      g_autofree char *path = g_strdup_printf ("teammates[%u]", i);
      DsTeammate *t;
      JsonObject *to;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, path, _("should be an object."));
      to = json_node_get_object (node);
      if (!check_fields (ctx, to, path, fields))
        return FALSE;
      t = g_new0 (DsTeammate, 1);
      t->name = dup_string (to, "name");
      t->github = dup_string (to, "github");
      t->slack = dup_string (to, "slack");
      t->pagerduty = dup_string (to, "pagerduty");
      g_ptr_array_add (p->teammates, t);
      if (!check_teammate (ctx, p, path, t))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_rules (Ctx           *ctx,
             DsTeamProfile *p,
             JsonObject    *o)
{
  static const Field fields[] = {
    { "emergency_keywords", T_ARRAY, FALSE }, { "deploy_failure_patterns", T_ARRAY, FALSE },
    { NULL }
  };
  g_auto(GStrv) patterns = NULL;

  if (o == NULL)
    {
      p->emergency_keywords = g_new0 (char *, 1);
      return TRUE;
    }
  if (!check_fields (ctx, o, "rules", fields) ||
      !string_list (ctx, o, "emergency_keywords", "rules", &p->emergency_keywords) ||
      !string_list (ctx, o, "deploy_failure_patterns", "rules", &patterns))
    return FALSE;
  for (guint i = 0; patterns[i] != NULL; i++)
    {
      g_autoptr(GError) regex_error = NULL;
      GRegex *re = g_regex_new (patterns[i], G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0,
                                &regex_error);

      if (re == NULL)
        {
          g_autofree char *rp = g_strdup_printf ("rules.deploy_failure_patterns[%u]", i);
          return fail (ctx, rp, _("is not a valid pattern: %s"), regex_error->message);
        }
      g_ptr_array_add (p->deploy_patterns, re);
    }
  return TRUE;
}

/* Used when the profile names none: a deploys channel must not drop its
 * failures in silence. */
static const char * const default_deploy_patterns[] = {
  "\\bfail(s|ed|ure|ing)?\\b", "\\berror(s|ed)?\\b", "\\brolled back\\b",
  "\\brollback\\b", "\\baborted\\b", "\\bcancell?ed\\b", "\\btimed out\\b",
  ":x:", ":red_circle:", ":rotating_light:", "\u274c", NULL
};

static void
default_deploy_rules (DsTeamProfile *p)
{
  if (p->deploy_patterns->len > 0)
    return;
  for (guint i = 0; default_deploy_patterns[i] != NULL; i++)
    g_ptr_array_add (p->deploy_patterns,
                     g_regex_new (default_deploy_patterns[i], G_REGEX_CASELESS | G_REGEX_OPTIMIZE,
                                  0, NULL));
}

static gboolean
valid_time (const char *hhmm)
{
  return hhmm != NULL && strlen (hhmm) == 5 && g_ascii_isdigit (hhmm[0]) &&
         g_ascii_isdigit (hhmm[1]) && hhmm[2] == ':' && g_ascii_isdigit (hhmm[3]) &&
         g_ascii_isdigit (hhmm[4]) && atoi (hhmm) < 24 && atoi (hhmm + 3) < 60;
}

/* "HH:MM" as minutes after midnight; "24:00" only where @end_of_day. */
static int
parse_minutes (const char *hhmm,
               gboolean    end_of_day)
{
  if (end_of_day && g_strcmp0 (hhmm, "24:00") == 0)
    return 24 * 60;
  if (!valid_time (hhmm))
    return -1;
  return atoi (hhmm) * 60 + atoi (hhmm + 3);
}

/* The kinds by the names the profile uses: "request, alert, …". */
static char *
kind_names (void)
{
  GString *names = g_string_new (NULL);

  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    g_string_append_printf (names, "%s%s", k > 0 ? ", " : "", ds_item_kind_to_string (k));
  return g_string_free (names, FALSE);
}

/* A target in working time: whole numbers of days (working days, as long
 * as the working hours), hours and minutes, largest first: "15m", "4h",
 * "1d", "1h30m". Returns the seconds, or 0 if it is not one. */
#define MAX_TARGET_DAYS 60

static gint64
parse_target (const char *text,
              gint64      day)
{
  static const struct { char unit; gint64 seconds; } units[] = {
    { 'd', 0 }, { 'h', 3600 }, { 'm', 60 },
  };
  const char *p = text;
  guint next = 0;
  gint64 total = 0;

  while (*p != '\0')
    {
      guint64 n = 0;
      const char *start = p;
      guint u;

      while (g_ascii_isdigit (*p) && n < 100000)
        n = n * 10 + (guint64)(*p++ - '0');
      if (p == start || g_ascii_isdigit (*p))
        return 0;
      for (u = next; u < G_N_ELEMENTS (units) && units[u].unit != *p; u++)
        ;
      if (u == G_N_ELEMENTS (units))
        return 0;
      total += (gint64)n * (units[u].unit == 'd' ? day : units[u].seconds);
      next = u + 1;
      p++;
    }
  return total > 0 && total <= MAX_TARGET_DAYS * day ? total : 0;
}

static const char * const day_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* "response": the working time and a first-response target per kind. */
static gboolean
parse_response (Ctx           *ctx,
                DsTeamProfile *p,
                JsonObject    *o)
{
  static const Field fields[] = {
    { "working_hours", T_STRING, FALSE }, { "working_days", T_ARRAY, FALSE },
    { "time_zone", T_STRING, FALSE }, { "targets", T_OBJECT, TRUE }, { NULL }
  };
  g_autofree char *hours = NULL;
  g_autofree char *zone = NULL;
  g_auto(GStrv) days = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GList) kinds = NULL;
  JsonObject *targets;
  int open = 9 * 60, close = 17 * 60;
  guint day_bits = 0;

  if (!check_fields (ctx, o, "response", fields) ||
      !string_list (ctx, o, "working_days", "response", &days))
    return FALSE;

  hours = dup_string (o, "working_hours");
  if (hours != NULL)
    {
      g_auto(GStrv) ends = g_strsplit (hours, "-", -1);

      open = g_strv_length (ends) == 2 ? parse_minutes (ends[0], FALSE) : -1;
      close = g_strv_length (ends) == 2 ? parse_minutes (ends[1], TRUE) : -1;
      if (open < 0 || close < 0 || close <= open)
        return fail (ctx, "response.working_hours",
                     _("should be the opening and closing times as HH:MM-HH:MM, the first "
                       "before the second (“09:00-17:00”; “24:00” for midnight at the day's "
                       "end), not “%s”."), hours);
    }

  if (given (o, "working_days"))
    {
      if (days[0] == NULL)
        return fail (ctx, "response.working_days", _("lists no day; name at least one."));
      for (guint i = 0; days[i] != NULL; i++)
        {
          guint d;

          for (d = 0; d < G_N_ELEMENTS (day_names) && !g_str_equal (days[i], day_names[d]); d++)
            ;
          if (d == G_N_ELEMENTS (day_names))
            return fail (ctx, "response.working_days",
                         _("names “%s”, which is not a day: mon, tue, wed, thu, fri, sat, sun."),
                         days[i]);
          if (day_bits & DS_WEEKDAY_BIT (G_DATE_MONDAY + d))
            return fail (ctx, "response.working_days", _("names “%s” twice."), days[i]);
          day_bits |= DS_WEEKDAY_BIT (G_DATE_MONDAY + d);
        }
    }
  else
    day_bits = DS_WORKING_WEEK;

  zone = dup_string (o, "time_zone");
  if (zone != NULL && *zone == '\0')
    return fail (ctx, "response.time_zone",
                 _("is empty; name the team's time zone, such as Europe/Madrid, or leave it "
                   "out for this computer's."));
  tz = zone != NULL ? g_time_zone_new_identifier (zone) : g_time_zone_new_local ();
  if (tz == NULL)
    return fail (ctx, "response.time_zone",
                 _("is “%s”, a time zone this computer does not know; use a name from the "
                   "time zone database, such as Europe/Madrid or America/New_York."), zone);

  p->response = ds_response_clock_new (tz, open, close, day_bits);
  targets = json_object_get_object_member (o, "targets");
  kinds = json_object_get_members (targets);
  if (kinds == NULL)
    return fail (ctx, "response.targets",
                 _("names no kind; give at least one, such as \"request\": \"4h\"."));
  for (GList *l = kinds; l != NULL; l = l->next)
    {
      g_autofree char *path = g_strconcat ("response.targets.", l->data, NULL);
      JsonNode *node = json_object_get_member (targets, l->data);
      DsItemKind kind;
      gint64 seconds;

      if (!ds_item_kind_from_string (l->data, &kind))
        {
          g_autofree char *names = kind_names ();
          return fail (ctx, path, _("is not a kind; the kinds are %s."), names);
        }
      if (!has_type (node, T_STRING))
        return fail (ctx, path, _("should be %s."), type_name (T_STRING));
      seconds = parse_target (json_node_get_string (node),
                              ds_response_clock_get_day_length (p->response));
      if (seconds <= 0)
        return fail (ctx, path,
                     _("should be a time in working hours such as “15m”, “4h”, “1h30m” or "
                       "“1d” (one working day, as long as the working hours), up to %u days; "
                       "not “%s”."), MAX_TARGET_DAYS, json_node_get_string (node));
      ds_response_clock_set_target (p->response, kind, seconds);
    }
  return TRUE;
}

/**
 * ds_team_profile_new_from_data:
 * @origin: where it came from, for messages ("team-profile.json")
 *
 * Returns: (transfer full): the profile, or %NULL with %DS_ERROR_PROFILE
 *   saying which key is wrong and how
 */
DsTeamProfile *
ds_team_profile_new_from_data (const char  *data,
                               gsize        length,
                               const char  *origin,
                               GError     **error)
{
  static const Field fields[] = {
    { "version", T_INT, TRUE }, { "name", T_STRING, TRUE }, { "github", T_OBJECT, TRUE },
    { "slack", T_OBJECT, FALSE }, { "pagerduty", T_OBJECT, FALSE },
    { "zenhub", T_OBJECT, FALSE }, { "super_epics", T_ARRAY, TRUE },
    { "teammates", T_ARRAY, TRUE }, { "rules", T_OBJECT, FALSE },
    { "standup_time", T_STRING, FALSE }, { "response", T_OBJECT, FALSE }, { NULL }
  };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(DsTeamProfile) p = NULL;
  Ctx ctx = { origin, error };
  JsonObject *o;

  g_return_val_if_fail (data != NULL, NULL);

  root = ds_json_parse (data, length, DS_TEAM_PROFILE_MAX_SIZE, NULL, &parse_error);
  if (root == NULL)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_PROFILE,
                   /* Translators: the last %s is e.g. "nested deeper than 64 levels" */
                   _("The team profile %s cannot be read: %s. Check that it is the right file."),
                   origin, parse_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DS_ERROR, DS_ERROR_PROFILE,
                   _("The team profile %s should be a JSON object."), origin);
      return NULL;
    }
  o = json_node_get_object (root);

  p = profile_new ();
  if (!check_fields (&ctx, o, "", fields))
    return NULL;
  if (json_object_get_int_member (o, "version") != 1)
    {
      fail (&ctx, "version", _("should be 1: this Dayshift reads version 1 profiles."));
      return NULL;
    }
  p->name = dup_string (o, "name");
  p->standup_time = dup_string (o, "standup_time");
  if (p->standup_time != NULL && !valid_time (p->standup_time))
    {
      fail (&ctx, "standup_time", _("should be a time as HH:MM, not “%s”."), p->standup_time);
      return NULL;
    }

  if (!parse_github (&ctx, p, json_object_get_object_member (o, "github")) ||
      (given (o, "slack") &&
       !parse_slack (&ctx, p, json_object_get_object_member (o, "slack"))) ||
      (given (o, "pagerduty") &&
       !parse_pagerduty (&ctx, p, json_object_get_object_member (o, "pagerduty"))) ||
      (given (o, "zenhub") &&
       !parse_zenhub (&ctx, p, json_object_get_object_member (o, "zenhub"))) ||
      !parse_super_epics (&ctx, p, json_object_get_array_member (o, "super_epics")) ||
      !parse_teammates (&ctx, p, json_object_get_array_member (o, "teammates")) ||
      !parse_rules (&ctx, p, given (o, "rules") ? json_object_get_object_member (o, "rules")
                                                : NULL) ||
      (given (o, "response") &&
       !parse_response (&ctx, p, json_object_get_object_member (o, "response"))))
    return NULL;
  default_deploy_rules (p);

  p->emergency_folded = g_new0 (char *, g_strv_length (p->emergency_keywords) + 1);
  for (guint i = 0; p->emergency_keywords[i] != NULL; i++)
    p->emergency_folded[i] = g_utf8_casefold (p->emergency_keywords[i], -1);

  return g_steal_pointer (&p);
}
