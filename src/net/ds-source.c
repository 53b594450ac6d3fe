/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-source"

#include "config.h"

#include "ds-source.h"

typedef struct
{
  char          *name;
  DsService      service;
  guint          interval;
  guint          server_interval; /* what the service asked for (X-Poll-Interval) */
  DsHttp        *http;
  DsTeamProfile *profile;
  DsIngest      *ingest;
  DsStore       *store;
  GHashTable    *cursors;  /* when there is no store */
  DsSourceClock  clock;    /* NULL: the real wall clock */
  gpointer       clock_data;
} DsSourcePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DsSource, ds_source, G_TYPE_OBJECT)

enum { PROP_0, PROP_NAME, PROP_SERVICE, PROP_HTTP, PROP_PROFILE, PROP_INGEST, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];
static guint interval_changed;

static void
ds_source_finalize (GObject *object)
{
  DsSourcePrivate *priv = ds_source_get_instance_private (DS_SOURCE (object));

  g_free (priv->name);
  g_clear_object (&priv->http);
  g_clear_pointer (&priv->profile, ds_team_profile_unref);
  g_clear_object (&priv->ingest);
  g_clear_object (&priv->store);
  g_clear_pointer (&priv->cursors, g_hash_table_unref);

  G_OBJECT_CLASS (ds_source_parent_class)->finalize (object);
}

static void
ds_source_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DsSourcePrivate *priv = ds_source_get_instance_private (DS_SOURCE (object));

  switch (prop_id)
    {
    case PROP_NAME: priv->name = g_value_dup_string (value); break;
    case PROP_SERVICE: priv->service = g_value_get_int (value); break;
    case PROP_HTTP: priv->http = g_value_dup_object (value); break;
    case PROP_PROFILE: priv->profile = g_value_dup_boxed (value); break;
    case PROP_INGEST: priv->ingest = g_value_dup_object (value); break;
    case PROP_STORE: priv->store = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ds_source_class_init (DsSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags co = G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ds_source_finalize;
  object_class->set_property = ds_source_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, co);
  properties[PROP_SERVICE] = g_param_spec_int ("service", NULL, NULL, 0, DS_N_SERVICES - 1, 0, co);
  properties[PROP_HTTP] = g_param_spec_object ("http", NULL, NULL, DS_TYPE_HTTP, co);
  properties[PROP_PROFILE] = g_param_spec_boxed ("profile", NULL, NULL, DS_TYPE_TEAM_PROFILE, co);
  properties[PROP_INGEST] = g_param_spec_object ("ingest", NULL, NULL, DS_TYPE_INGEST, co);
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, DS_TYPE_STORE, co);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The interval set changed: a poller plans the next read again. */
  interval_changed = g_signal_new ("interval-changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ds_source_init (DsSource *self)
{
  DsSourcePrivate *priv = ds_source_get_instance_private (self);

  priv->interval = 60;
  priv->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
ds_source_poll_async (DsSource            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (DS_IS_SOURCE (self));
  DS_SOURCE_GET_CLASS (self)->poll_async (self, cancellable, callback, user_data);
}

gboolean
ds_source_poll_finish (DsSource      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (DS_IS_SOURCE (self), FALSE);
  return DS_SOURCE_GET_CLASS (self)->poll_finish (self, result, error);
}

/* The token sent to the service changed (saved again in Settings): the
 * source forgets who the old one belonged to, and asks at its next read. */
void
ds_source_token_changed (DsSource *self)
{
  g_return_if_fail (DS_IS_SOURCE (self));
  if (DS_SOURCE_GET_CLASS (self)->token_changed != NULL)
    DS_SOURCE_GET_CLASS (self)->token_changed (self);
}

#define GETTER(type, name, field)                                       \
  type                                                                  \
  ds_source_get_##name (DsSource *self)                                 \
  {                                                                     \
    DsSourcePrivate *priv;                                              \
    g_return_val_if_fail (DS_IS_SOURCE (self), (type)0);                \
    priv = ds_source_get_instance_private (self);                       \
    return priv->field;                                                 \
  }

GETTER (const char *, name, name)
GETTER (DsService, service, service)
GETTER (DsHttp *, http, http)
GETTER (DsIngest *, ingest, ingest)
GETTER (DsStore *, store, store)
GETTER (DsTeamProfile *, profile, profile)

#undef GETTER

/* Seconds until the next poll: the configured interval, or longer if the
 * service asked for it. */
guint
ds_source_get_interval (DsSource *self)
{
  DsSourcePrivate *priv;

  g_return_val_if_fail (DS_IS_SOURCE (self), 0);
  priv = ds_source_get_instance_private (self);
  return MAX (priv->interval, priv->server_interval);
}

void
ds_source_set_server_interval (DsSource *self,
                               guint     seconds)
{
  DsSourcePrivate *priv;

  g_return_if_fail (DS_IS_SOURCE (self));
  priv = ds_source_get_instance_private (self);
  priv->server_interval = seconds;
}

void
ds_source_set_interval (DsSource *self,
                        guint     seconds)
{
  DsSourcePrivate *priv;

  g_return_if_fail (DS_IS_SOURCE (self));
  g_return_if_fail (seconds > 0);
  priv = ds_source_get_instance_private (self);
  if (priv->interval == seconds)
    return;
  priv->interval = seconds;
  g_signal_emit (self, interval_changed, 0);
}

/**
 * ds_source_set_clock:
 * @clock: (nullable): returns the wall clock in Unix seconds; %NULL for the
 *   real one
 *
 * The time a source goes by when it decides what is due (the Slack
 * source's follow-up reads): a test moves its own.
 */
void
ds_source_set_clock (DsSource      *self,
                     DsSourceClock  clock,
                     gpointer       user_data)
{
  DsSourcePrivate *priv;

  g_return_if_fail (DS_IS_SOURCE (self));
  priv = ds_source_get_instance_private (self);
  priv->clock = clock;
  priv->clock_data = user_data;
}

/* The wall clock, Unix seconds, as the source goes by it. */
gint64
ds_source_now (DsSource *self)
{
  DsSourcePrivate *priv;

  g_return_val_if_fail (DS_IS_SOURCE (self), 0);
  priv = ds_source_get_instance_private (self);
  if (priv->clock != NULL)
    return priv->clock (priv->clock_data);
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Where the source stopped reading, kept in the store so that a restart
 * neither misses nor repeats anything. */
char *
ds_source_get_cursor (DsSource   *self,
                      const char *key)
{
  DsSourcePrivate *priv = ds_source_get_instance_private (self);
  g_autofree char *full = g_strconcat (priv->name, ".", key, NULL);
  g_autoptr(GError) error = NULL;
  char *value;

  if (priv->store == NULL)
    return g_strdup (g_hash_table_lookup (priv->cursors, full));
  value = ds_store_get_meta (priv->store, full, &error);
  if (error != NULL)
    g_debug ("Could not read %s: %s", full, error->message);
  return value;
}

void
ds_source_set_cursor (DsSource   *self,
                      const char *key,
                      const char *value)
{
  DsSourcePrivate *priv = ds_source_get_instance_private (self);
  g_autofree char *full = g_strconcat (priv->name, ".", key, NULL);
  g_autoptr(GError) error = NULL;

  if (priv->store == NULL)
    {
      g_hash_table_replace (priv->cursors, g_steal_pointer (&full), g_strdup (value));
      return;
    }
  if (!ds_store_set_meta (priv->store, full, value, &error))
    g_message ("Could not save where %s stopped reading: %s", priv->name, error->message);
}
