/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-demo-testing.h"

G_BEGIN_DECLS

/* A team sharing one Slack app, for tests and benchmarks: @size instances
 * of Dayshift's live Slack path (each with its own HTTP layer, database,
 * inbox, Slack source and poller, as each teammate's Dayshift has them)
 * against one demo world whose Slack holds the app to Slack's limit on
 * reading messages (Tier 3: 50 calls a minute for all of them together).
 * The first instance is on rotation, with Socket Mode; the others are off
 * rotation. They start one after the other, spread over an interval, as
 * people start their day.
 *
 * The team's time runs @scale times as fast as the clock: every interval
 * and the limit's minute are divided by it, so that a team's hour takes
 * 60 / @scale minutes. Once every instance has read Slack once, a request
 * is posted every @every seconds of team time, in turn in the four channels
 * where people ask; the run ends when every instance has them all, or
 * @settle seconds of team time after the last one. */

typedef struct
{
  guint    size;
  guint    scale;     /* divides 30 */
  gboolean before;    /* read Slack as Dayshift did before the person on rotation
                       * took Slack's events in: every instance every
                       * slack-poll-interval, an event only asking for a read */
  guint    requests;
  guint    every;     /* team seconds */
  guint    settle;    /* team seconds */
} DsDemoTeamPlan;

/* Latencies are from the request posted to its item in an instance's
 * inbox, in seconds of team time. */
typedef struct
{
  guint  posted;
  double rotation_median;
  double rotation_p90;
  double rotation_max;
  double others_median;
  double others_p90;
  double others_max;
  guint  rotation_polls;  /* Slack polls of the one on rotation, from the first request */
  guint  missed;       /* requests an instance did not have at the end, all together */
  guint  taken_twice;  /* requests an instance took in as new more than once */
  guint  limited;      /* reads of messages Slack refused (429), from the first request */
  guint  reads;        /* reads of messages Slack answered, from the first request */
  double minutes;      /* team minutes from the first request to the end */
  GArray *instances;   /* double, per instance (the first on rotation): its median
                        * latency; the caller unrefs it */
} DsDemoTeamFigures;

void ds_demo_team_run (const DsDemoTeamPlan *plan,
                       DsDemoTeamFigures    *figures);

G_END_DECLS
