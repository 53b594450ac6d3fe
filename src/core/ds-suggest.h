/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-store.h"
#include "ds-team-profile.h"

G_BEGIN_DECLS

typedef struct
{
  char   *name;   /* the teammate, as the team profile names them */
  double  score;  /* higher is better placed; 0: nothing in the history */
  char   *why;    /* (nullable) a few words: "took 3 of the last 4 requests in #sre" */
} DsSuggestion;

void       ds_suggestion_free (DsSuggestion *suggestion);
GPtrArray *ds_suggest_owners  (DsStore            *store,
                               DsTeamProfile      *profile,
                               DsItem             *item,
                               GHashTable         *away,
                               gint64              now,
                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSuggestion, ds_suggestion_free)

G_END_DECLS
