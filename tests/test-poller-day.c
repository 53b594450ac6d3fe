/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-error.h"
#include "ds-poller.h"

/* The poller through whole simulated working days, on a clock the test
 * moves: sources that answer slowly, fail, or never answer at all (not even
 * when cancelled) are read at every interval all day; a source that cannot
 * be read is said to be stale once, and no longer once it can; a catch-up
 * ends when every source was read since it began. */

/* -- a source whose polls the test answers ------------------------------- */

typedef enum { ANSWER_OK, ANSWER_FAIL, ANSWER_SLOW, ANSWER_NEVER } Answer;

typedef struct _TestSource TestSource;
typedef Answer (*Plan) (TestSource *source, guint n);

struct _TestSource
{
  DsSource   parent_instance;
  Plan       plan;
  GPtrArray *starts;    /* gint64*: clock time of each poll */
  GPtrArray *pending;   /* GTask, answered by the test */
  GPtrArray *lost;      /* GTask never answered, returned at the end */
  gint64    *clock;
};

typedef DsSourceClass TestSourceClass;

GType test_source_get_type (void);

G_DEFINE_TYPE (TestSource, test_source, DS_TYPE_SOURCE)

#define SLOW_SECONDS 50

static void
test_source_poll_async (DsSource            *source,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TestSource *self = (TestSource *)source;
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  Answer answer = self->plan (self, self->starts->len);
  gint64 *at = g_new (gint64, 1);

  *at = *self->clock;
  g_ptr_array_add (self->starts, at);
  /* When to answer: now, in 50 s, or never (even when cancelled). */
  g_object_set_data (G_OBJECT (task), "answer", GINT_TO_POINTER (answer));
  g_object_set_data_full (G_OBJECT (task), "due",
                          g_memdup2 (&(gint64){ *at + (answer == ANSWER_SLOW ? SLOW_SECONDS : 1)
                                                * G_USEC_PER_SEC }, sizeof (gint64)), g_free);
  g_ptr_array_add (answer == ANSWER_NEVER ? self->lost : self->pending, task);
}

static gboolean
test_source_poll_finish (DsSource      *source,
                         GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_source_finalize (GObject *object)
{
  TestSource *self = (TestSource *)object;

  g_ptr_array_unref (self->starts);
  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->lost);
  G_OBJECT_CLASS (test_source_parent_class)->finalize (object);
}

static void
test_source_class_init (TestSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_source_finalize;
  klass->poll_async = test_source_poll_async;
  klass->poll_finish = test_source_poll_finish;
}

static void
test_source_init (TestSource *self)
{
  self->starts = g_ptr_array_new_with_free_func (g_free);
  self->pending = g_ptr_array_new ();
  self->lost = g_ptr_array_new ();
}

/* Answers every poll that is due by the clock. */
static void
answer_due (TestSource *self)
{
  for (guint i = 0; i < self->pending->len;)
    {
      GTask *task = self->pending->pdata[i];
      gint64 due = *(gint64 *)g_object_get_data (G_OBJECT (task), "due");
      Answer answer = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "answer"));

      if (due > *self->clock && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          i++;
          continue;
        }
      g_ptr_array_remove_index (self->pending, i);
      if (answer == ANSWER_FAIL)
        g_task_return_new_error (task, DS_ERROR, DS_ERROR_SERVER, "HTTP 500");
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

/* -- the day --------------------------------------------------------------- */

typedef struct
{
  gint64      clock;
  DsHttp     *http;
  DsPoller   *poller;
  TestSource *sources[3];
  guint       timeouts[3];
  guint       failures[3];
  GPtrArray  *stale_events;  /* char*: "name stale|fresh since" */
  GArray     *caught_up;     /* gint64: the clock at each "caught-up" */
} Fixture;

static gint64
fixture_clock (gpointer user_data)
{
  return *(gint64 *)user_data;
}

static void
on_polled (DsPoller *poller,
           DsSource *source,
           GError   *error,
           Fixture  *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->sources); i++)
    if (source == (DsSource *)f->sources[i] && error != NULL)
      {
        if (g_error_matches (error, DS_ERROR, DS_ERROR_TIMED_OUT))
          f->timeouts[i]++;
        else
          f->failures[i]++;
      }
}

static void
on_caught_up (DsPoller *poller,
              Fixture  *f)
{
  g_array_append_val (f->caught_up, f->clock);
}

static void
on_stale (DsPoller *poller,
          DsSource *source,
          gboolean  stale,
          gint64    since,
          Fixture  *f)
{
  g_ptr_array_add (f->stale_events,
                   g_strdup_printf ("%s %s %" G_GINT64_FORMAT, ds_source_get_name (source),
                                    stale ? "stale" : "fresh", since));
}

/* GitHub: every 9th poll never answered; Slack: every 7th fails; PagerDuty:
 * every 5th slow. */
static Answer
github_plan (TestSource *s, guint n)
{
  return n % 9 == 4 ? ANSWER_NEVER : ANSWER_OK;
}

static Answer
slack_plan (TestSource *s, guint n)
{
  return n % 7 == 3 ? ANSWER_FAIL : ANSWER_OK;
}

static Answer
pagerduty_plan (TestSource *s, guint n)
{
  return n % 5 == 2 ? ANSWER_SLOW : ANSWER_OK;
}

static const struct
{
  const char *name;
  DsService   service;
  guint       interval;
  Plan        plan;
} day_sources[] = {
  { "github", DS_SERVICE_GITHUB, 60, github_plan },
  { "slack", DS_SERVICE_SLACK, 30, slack_plan },
  { "pagerduty", DS_SERVICE_PAGERDUTY, 120, pagerduty_plan },
};

#define DEADLINE 150
#define DAY_START ((gint64)1796025600 * G_USEC_PER_SEC)  /* 2026-12-01 08:00 UTC */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->clock = DAY_START;
  f->http = ds_http_new ();
  f->poller = ds_poller_new (f->http);
  ds_poller_set_clock (f->poller, fixture_clock, &f->clock);
  ds_poller_set_deadline (f->poller, DEADLINE);
  f->stale_events = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->poller, "polled", G_CALLBACK (on_polled), f);
  g_signal_connect (f->poller, "stale-changed", G_CALLBACK (on_stale), f);
  f->caught_up = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (f->poller, "caught-up", G_CALLBACK (on_caught_up), f);
  for (guint i = 0; i < G_N_ELEMENTS (day_sources); i++)
    {
      f->sources[i] = g_object_new (test_source_get_type (), "name", day_sources[i].name,
                                    "service", day_sources[i].service, "http", f->http, NULL);
      f->sources[i]->plan = day_sources[i].plan;
      f->sources[i]->clock = &f->clock;
      ds_source_set_interval (DS_SOURCE (f->sources[i]), day_sources[i].interval);
      ds_poller_add (f->poller, DS_SOURCE (f->sources[i]));
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ds_poller_stop (f->poller);
  for (guint i = 0; i < G_N_ELEMENTS (f->sources); i++)
    {
      TestSource *s = f->sources[i];

      answer_due (s);
      /* The polls that were never answered end with the test. */
      for (guint j = 0; j < s->lost->len; j++)
        {
          g_task_return_boolean (s->lost->pdata[j], TRUE);
          g_object_unref (s->lost->pdata[j]);
        }
      g_ptr_array_set_size (s->lost, 0);
    }
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_finalize_object (f->poller);
  for (guint i = 0; i < G_N_ELEMENTS (f->sources); i++)
    g_assert_finalize_object (f->sources[i]);
  g_object_unref (f->http);
  g_ptr_array_unref (f->stale_events);
  g_array_unref (f->caught_up);
}

/* Moves the clock second by second, answering what is due. */
static void
run_for (Fixture *f,
         gint64   seconds)
{
  for (gint64 s = 0; s < seconds; s++)
    {
      f->clock += G_USEC_PER_SEC;
      for (guint i = 0; i < G_N_ELEMENTS (f->sources); i++)
        answer_due (f->sources[i]);
      while (g_main_context_iteration (NULL, FALSE));
      ds_poller_tick (f->poller);
    }
}

static void
test_every_source_read_all_day (Fixture       *f,
                                gconstpointer  data)
{
  const gint64 hours = 10;

  ds_poller_start (f->poller);
  run_for (f, hours * 3600);

  for (guint i = 0; i < G_N_ELEMENTS (f->sources); i++)
    {
      GPtrArray *starts = f->sources[i]->starts;
      gint64 interval = day_sources[i].interval;
      gint64 longest = 0, last = DAY_START;

      for (guint j = 0; j < starts->len; j++)
        {
          gint64 at = *(gint64 *)starts->pdata[j];
          longest = MAX (longest, at - last);
          last = at;
        }
      longest = MAX (longest, f->clock - last);
      longest /= G_USEC_PER_SEC;
      g_test_message ("%s: %u polls in %" G_GINT64_FORMAT " h, longest gap %" G_GINT64_FORMAT
                      " s, %u given up, %u failed", day_sources[i].name, starts->len, hours,
                      longest, f->timeouts[i], f->failures[i]);

      /* Read at every interval: a gap is one interval plus, at worst, the
       * time the last poll took (50 s slow, or the deadline). */
      g_assert_cmpint (longest, <=, interval + (i == 0 ? DEADLINE : SLOW_SECONDS) + 2);
      g_assert_cmpuint (starts->len, >=, hours * 3600 / (interval + (i == 0 ? 20 : 12)));
    }
  /* Every poll never answered was given up at its deadline, and only those. */
  g_assert_cmpuint (f->timeouts[0], ==, f->sources[0]->lost->len);
  g_assert_cmpuint (f->timeouts[0], >, 20);
  g_assert_cmpuint (f->timeouts[1] + f->timeouts[2], ==, 0);
  g_assert_cmpuint (f->failures[1], >, 100);
  /* No source went unread long enough to be stale. */
  g_assert_cmpuint (f->stale_events->len, ==, 0);
}

static Answer
always_never (TestSource *s, guint n)
{
  return ANSWER_NEVER;
}

static Answer
always_fail (TestSource *s, guint n)
{
  return ANSWER_FAIL;
}

/* A service down for 40 minutes: stale once (with the time of the last
 * good read), fresh again at the first good read, told once each way. */
static void
test_stale_told_once_and_cleared (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *stale = NULL;
  gint64 last_good, since = 0;

  ds_poller_start (f->poller);
  run_for (f, 3600);
  last_good = *(gint64 *)f->sources[0]->starts->pdata[f->sources[0]->starts->len - 1];
  /* The answer of the last poll came a second after it started. */
  last_good = last_good / G_USEC_PER_SEC + 1;

  f->sources[0]->plan = always_never;
  f->sources[1]->plan = always_fail;
  run_for (f, 40 * 60);
  g_assert_true (ds_poller_get_stale (f->poller, DS_SOURCE (f->sources[0]), &since));
  g_assert_cmpint (since, ==, last_good);
  g_assert_true (ds_poller_get_stale (f->poller, DS_SOURCE (f->sources[1]), NULL));
  g_assert_false (ds_poller_get_stale (f->poller, DS_SOURCE (f->sources[2]), NULL));

  f->sources[0]->plan = github_plan;
  f->sources[1]->plan = slack_plan;
  run_for (f, 3600);
  g_assert_false (ds_poller_get_stale (f->poller, DS_SOURCE (f->sources[0]), NULL));
  g_assert_false (ds_poller_get_stale (f->poller, DS_SOURCE (f->sources[1]), NULL));

  for (guint i = 0; i < f->stale_events->len; i++)
    g_test_message ("%s", (char *)f->stale_events->pdata[i]);
  /* github stale, slack stale, then each fresh: four events in all. */
  g_assert_cmpuint (f->stale_events->len, ==, 4);
  stale = g_strdup_printf ("github stale %" G_GINT64_FORMAT, last_good);
  g_assert_cmpstr (f->stale_events->pdata[0], ==, stale);
  g_assert_true (g_str_has_prefix (f->stale_events->pdata[1], "slack stale "));
  g_assert_true (g_str_has_prefix (f->stale_events->pdata[2], "github fresh ")
                 || g_str_has_prefix (f->stale_events->pdata[2], "slack fresh "));
}

static Answer
always_slow (TestSource *s, guint n)
{
  return ANSWER_SLOW;
}

static Answer
always_ok (TestSource *s, guint n)
{
  return ANSWER_OK;
}

/* The clock when @s's last poll began. */
static gint64
last_start (TestSource *s)
{
  return *(gint64 *)s->starts->pdata[s->starts->len - 1];
}

/* At the start, after a catch-up asked for (a suspend) and when the network
 * returns, "caught-up" comes once every source was read since: a read
 * under way when it began is not one. */
static void
test_caught_up (Fixture       *f,
                gconstpointer  data)
{
  TestSource *pagerduty = f->sources[2];
  gint64 second_start;

  for (guint i = 0; i < G_N_ELEMENTS (f->sources); i++)
    f->sources[i]->plan = always_ok;
  ds_poller_start (f->poller);
  run_for (f, 3);
  g_assert_cmpuint (f->caught_up->len, ==, 1);
  g_assert_cmpint (g_array_index (f->caught_up, gint64, 0), ==, DAY_START + G_USEC_PER_SEC);

  /* PagerDuty's next read takes 50 s; the catch-up begins while it runs. */
  pagerduty->plan = always_slow;
  run_for (f, 125);
  g_assert_cmpint (last_start (pagerduty), >, DAY_START + 100 * G_USEC_PER_SEC);
  ds_poller_catch_up (f->poller);
  run_for (f, 60);
  /* That read ended, but it began before: PagerDuty is read again. */
  g_assert_cmpuint (f->caught_up->len, ==, 1);
  second_start = last_start (pagerduty);
  g_assert_cmpint (second_start, >, DAY_START + 150 * G_USEC_PER_SEC);
  run_for (f, 60);
  g_assert_cmpuint (f->caught_up->len, ==, 2);
  g_assert_cmpint (g_array_index (f->caught_up, gint64, 1), ==,
                   second_start + SLOW_SECONDS * G_USEC_PER_SEC);

  /* Offline, nothing; back, one catch-up, even when a read fails. */
  pagerduty->plan = always_ok;
  f->sources[1]->plan = always_fail;
  ds_poller_set_online (f->poller, FALSE);
  run_for (f, 300);
  g_assert_cmpuint (f->caught_up->len, ==, 2);
  ds_poller_set_online (f->poller, TRUE);
  run_for (f, 3);
  g_assert_cmpuint (f->caught_up->len, ==, 3);
  run_for (f, 600);
  g_assert_cmpuint (f->caught_up->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ds/poller-day/every-source-read-all-day", Fixture, NULL, fixture_setup,
              test_every_source_read_all_day, fixture_teardown);
  g_test_add ("/ds/poller-day/stale-told-once-and-cleared", Fixture, NULL, fixture_setup,
              test_stale_told_once_and_cleared, fixture_teardown);
  g_test_add ("/ds/poller-day/caught-up", Fixture, NULL, fixture_setup, test_caught_up,
              fixture_teardown);
  return g_test_run ();
}
