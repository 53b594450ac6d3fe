/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A team sharing one Slack app (src/demo/ds-demo-team.h): SIZE instances
 * of Dayshift's live Slack path against one demo world holding them to
 * Slack's Tier 3 limit (50 reads of messages a minute for the app), the
 * first on rotation with Socket Mode, the others off rotation. A request
 * is posted every minute of team time; the team's time runs SCALE times as
 * fast as the clock.
 *
 *   build/bench/bench-team [SIZE] [--before] [--scale N] [--requests N]
 *
 * --before reads Slack as Dayshift did before the person on rotation took
 * Slack's events in (every instance every 30 s, an event only asking for a
 * read). Prints one `key value` line per figure; times are seconds of team
 * time from a request posted to its item in an instance's inbox. */
#include <stdlib.h>
#include <string.h>

#include "ds-demo-team.h"

int
main (int   argc,
      char *argv[])
{
  DsDemoTeamPlan plan = { .size = 8, .scale = 10, .requests = 20, .every = 60, .settle = 900 };
  DsDemoTeamFigures f;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--before"))
        plan.before = TRUE;
      else if (g_str_equal (argv[i], "--scale") && i + 1 < argc)
        plan.scale = (guint)atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--requests") && i + 1 < argc)
        plan.requests = (guint)atoi (argv[++i]);
      else if (g_ascii_isdigit (argv[i][0]))
        plan.size = (guint)atoi (argv[i]);
      else
        {
          g_printerr ("usage: bench-team [SIZE] [--before] [--scale N] [--requests N]\n");
          return 2;
        }
    }
  if (plan.size < 1 || plan.scale < 1 || 30 % plan.scale != 0 || plan.requests < 1)
    {
      g_printerr ("SIZE and --requests at least 1; --scale divides 30\n");
      return 2;
    }

  ds_demo_team_run (&plan, &f);
  g_print ("team_size %u\n", plan.size);
  g_print ("team_mode %s\n", plan.before ? "before" : "now");
  g_print ("team_scale %u\n", plan.scale);
  g_print ("team_requests %u\n", f.posted);
  g_print ("team_minutes %.1f\n", f.minutes);
  g_print ("team_rotation_median_s %.2f\n", f.rotation_median);
  g_print ("team_rotation_p90_s %.2f\n", f.rotation_p90);
  g_print ("team_rotation_max_s %.2f\n", f.rotation_max);
  g_print ("team_others_median_s %.1f\n", f.others_median);
  g_print ("team_others_p90_s %.1f\n", f.others_p90);
  g_print ("team_others_max_s %.1f\n", f.others_max);
  g_print ("team_rotation_polls %u\n", f.rotation_polls);
  g_print ("team_missed %u\n", f.missed);
  g_print ("team_taken_twice %u\n", f.taken_twice);
  g_print ("team_limited %u\n", f.limited);
  g_print ("team_limited_per_hour %.0f\n", f.minutes > 0 ? f.limited * 60 / f.minutes : 0);
  g_print ("team_reads_per_minute %.1f\n", f.minutes > 0 ? f.reads / f.minutes : 0);
  /* Each instance's median, the first on rotation. */
  for (guint i = 0; i < f.instances->len; i++)
    g_print ("team_instance_%u_median_s %.2f\n", i, g_array_index (f.instances, double, i));
  g_array_unref (f.instances);
  return f.missed == 0 ? 0 : 1;
}
