/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-demo-team.h"

/* A team of eight on one Slack app (src/demo/ds-demo-team.h): Slack's
 * limits are per method, per workspace, per app, so every teammate's
 * Dayshift shares one budget for reading messages (Tier 3, 50 calls a
 * minute). Eight instances, each with its own database, read one loopback
 * Slack that holds them to it (429 with Retry-After past it); the first is
 * on rotation, with Socket Mode. The team's time runs 30 times as fast: a
 * poll every 30 s is one a second, the limit's minute two seconds.
 *
 * Read as before (every instance every 30 s, an event only asking for a
 * read), the team runs into the limit; read as now, the one on rotation
 * has each request from its event at once, the others read every five
 * minutes: every instance still has every request, with far fewer 429s. */

#define SIZE  8
#define SCALE 30

static void
report (const char              *what,
        const DsDemoTeamFigures *f)
{
  g_test_message ("%s: %u requests over %.1f team minutes; on rotation: median %.1f s, "
                  "p90 %.1f s, max %.1f s; off rotation: median %.1f s, p90 %.1f s, max %.1f s; "
                  "%u missed, %u taken twice; %u reads answered, %u refused (429); "
                  "%u polls on rotation",
                  what, f->posted, f->minutes, f->rotation_median, f->rotation_p90,
                  f->rotation_max, f->others_median, f->others_p90, f->others_max, f->missed,
                  f->taken_twice, f->reads, f->limited, f->rotation_polls);
}

static void
test_rotation_first (void)
{
  DsDemoTeamPlan plan = { .size = SIZE, .scale = SCALE, .requests = 8, .every = 30,
                          .settle = 20 * 60 };
  DsDemoTeamFigures before, now;

  plan.before = TRUE;
  ds_demo_team_run (&plan, &before);
  report ("before", &before);
  plan.before = FALSE;
  ds_demo_team_run (&plan, &now);
  report ("now", &now);

  /* Before, the team ran into Slack's limit, unless the machine was too
   * slow to read that often (a sanitizer build): said, not asserted. */
  if (before.limited == 0)
    g_test_message ("before: the team did not reach Slack's limit on this machine");

  /* Now: every instance has every request, each taken in once. */
  g_assert_cmpuint (now.posted, ==, plan.requests);
  g_assert_cmpuint (now.missed, ==, 0);
  g_assert_cmpuint (now.taken_twice, ==, 0);
  /* The one on rotation from its events, in two seconds at most (of team
   * time: 67 ms of the clock's); no one off rotation waits more than two
   * of their reads (five minutes each). */
  g_assert_cmpfloat (now.rotation_median, <=, 2.0);
  g_assert_cmpfloat (now.others_max, <=, 2 * 5 * 60);
  /* A tenth of the refusals at most. */
  g_assert_cmpuint (now.limited * 10, <=, before.limited);
  /* Each instance's own median: the one on rotation first, as fast as the
   * team's; everyone within their two reads. */
  g_assert_cmpuint (now.instances->len, ==, SIZE);
  g_assert_cmpfloat (g_array_index (now.instances, double, 0), ==, now.rotation_median);
  for (guint i = 1; i < now.instances->len; i++)
    g_assert_cmpfloat (g_array_index (now.instances, double, i), <=, 2 * 5 * 60);
  g_array_unref (before.instances);
  g_array_unref (now.instances);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/shared-app/rotation-first", test_rotation_first);
  return g_test_run ();
}
