/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cost of taking in a poll's worth of interruptions: N Slack messages and
 * N/10 GitHub issues, as JSON, parsed, classified, de-duplicated against the
 * inbox and saved in the store. Prints the median CPU time of several runs
 * for each size, and the same batch a second time (all duplicates).
 *
 *   build/bench/bench-ingest [RUNS] [SIZE]
 */

#include <glib/gstdio.h>

#include "config.h"

#include "bench-common.h"

#include "ds-classifier.h"
#include "ds-github.h"
#include "ds-slack.h"
#include "ds-ingest.h"

static char *
slack_json (guint n)
{
  GString *s = g_string_new ("{\"ok\": true, \"messages\": [");
  static const char * const channels_users[] = { "U0CUSTOMER", "U0ALICE001", "U0SOMEONE" };

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"type\": \"message\", \"user\": \"%s\", \"ts\": "
                               "\"17641%05u.%06u\", \"text\": \"Request %u: the VPN drops every "
                               "few minutes since the update, can someone look? outage?\", "
                               "\"reactions\": [{\"name\": \"eyes\", \"users\": [\"U0ME\"], "
                               "\"count\": 1}]}",
                            i ? "," : "", channels_users[i % 3], i / 1000, i, i);
  g_string_append (s, "]}");
  return g_string_free (s, FALSE);
}

static char *
github_json (guint n)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"number\": %u, \"title\": \"Access to prod-eu for person %u\", "
                               "\"body\": \"Approved by the lead.\", \"state\": \"open\", "
                               "\"user\": {\"login\": \"user%u\"}, \"labels\": [{\"name\": "
                               "\"access-request\"}], \"assignees\": [], \"repository_url\": "
                               "\"https://api.github.com/repos/acme/ops\", \"created_at\": "
                               "\"2026-11-26T09:00:00Z\"}",
                            i ? "," : "", i + 1, i, i);
  g_string_append (s, "]");
  return g_string_free (s, FALSE);
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  g_assert (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_ref (json_parser_get_root (parser));
}

/* One run: returns CPU ms for the first ingest and for the repeat. */
static void
run (DsTeamProfile *profile,
     guint          n,
     const char    *slack,
     const char    *github,
     double        *first,
     double        *again)
{
  static const DsJsonScope scope = { "Bench", "bench" };
  DsIdentity me = { "U0ME", "me", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ds-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
  g_autoptr(DsStore) store = ds_store_open (path, &error);
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsIngest) ingest = ds_ingest_new (inbox, store);

  for (int round = 0; round < 2; round++)
    {
      double t0 = bench_cpu_ms ();
      double t_parsed, t_classified;
      g_autoptr(JsonNode) sroot = parse (slack);
      g_autoptr(JsonNode) groot = parse (github);
      g_autoptr(GPtrArray) msgs = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_slack_message_free);
      g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_gh_issue_free);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) gitems = g_ptr_array_new_with_free_func (g_object_unref);

      g_assert (ds_slack_parse_messages (sroot, msgs, &scope, NULL));
      g_assert (ds_github_parse_issues (groot, issues, &scope, NULL));
      t_parsed = bench_cpu_ms ();
      for (guint i = 0; i < msgs->len; i++)
        {
          DsItem *item = ds_classify_slack_message (profile, &me, "C0SUPPORT1", msgs->pdata[i],
                                                    NULL, NULL);
          if (item != NULL)
            g_ptr_array_add (items, item);
        }
      for (guint i = 0; i < issues->len; i++)
        g_ptr_array_add (gitems, ds_classify_github_issue (profile, &me, issues->pdata[i],
                                                           DS_ITEM_KIND_ACCESS, FALSE));
      t_classified = bench_cpu_ms ();
      g_assert (ds_ingest_merge (ingest, items, "slack", 0, DS_INGEST_NONE, &error));
      g_assert (ds_ingest_merge (ingest, gitems, "github", DS_KIND_BIT (DS_ITEM_KIND_ACCESS),
                                 DS_INGEST_CLOSE_MISSING, &error));
      *(round == 0 ? first : again) = bench_cpu_ms () - t0;
      if (g_getenv ("BENCH_PHASES"))
        g_printerr ("  n=%u round %d: parse %.1f ms, classify %.1f ms, merge %.1f ms\n", n,
                    round, t_parsed - t0, t_classified - t_parsed, bench_cpu_ms () - t_classified);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inbox)), ==, n + n / 10);

  g_clear_object (&ingest);
  g_clear_object (&store);
  ds_store_delete_files (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint)atoi (argv[1]) : 5;
  g_autofree char *profile_path = g_build_filename (SOURCE_DATA_DIR, "team-profile.example.json",
                                                    NULL);
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(DsTeamProfile) profile = NULL;
  guint sizes[] = { 1000, 10000, 100000 };
  guint n_sizes = G_N_ELEMENTS (sizes);

  g_assert (g_file_get_contents (profile_path, &data, &len, NULL));
  profile = ds_team_profile_new_from_data (data, len, "example", NULL);

  if (argc > 2)
    {
      sizes[0] = (guint)atoi (argv[2]);
      n_sizes = 1;
    }
  g_print ("%-8s %-8s %14s %14s %12s\n", "slack", "github", "ingest ms", "again ms", "us/item");
  for (guint s = 0; s < n_sizes; s++)
    {
      guint n = sizes[s];
      g_autofree char *slack = slack_json (n);
      g_autofree char *github = github_json (n / 10);
      g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (double));
      guint r_count = n >= 100000 ? MAX (1, runs / 2) : runs;

      for (guint r = 0; r < r_count; r++)
        {
          double a, b;
          run (profile, n, slack, github, &a, &b);
          g_array_append_val (first, a);
          g_array_append_val (again, b);
        }
      g_array_sort (first, bench_compare_double);
      g_array_sort (again, bench_compare_double);
      g_print ("%-8u %-8u %14.1f %14.1f %12.2f\n", n, n / 10,
               g_array_index (first, double, first->len / 2),
               g_array_index (again, double, again->len / 2),
               g_array_index (first, double, first->len / 2) * 1000.0 / (n + n / 10));
    }
  return 0;
}
