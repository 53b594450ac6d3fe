/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-store.h"
#include "ds-team-profile.h"
#include "ds-types.h"

G_BEGIN_DECLS

/* The handoff's hidden block: the rotation's figures and what it left,
 * written as JSON inside an HTML comment at the end of the handoff comment
 * on the super-epics, so that the next person on rotation reads what was
 * handed over and the team's past rotations are kept on GitHub, with no
 * server. What is read back is a stranger's text: it goes through the JSON
 * gate and every field is checked (ds_handoff_parse()). */

#define DS_HANDOFF_MARKER  "<!-- dayshift-handoff"
#define DS_HANDOFF_MAX_LEFT 100
/* GitHub takes a comment of 65,536 characters at most: the block keeps to
 * half of it, dropping the oldest items it left, and the report to the
 * rest (ds_report_handoff()). */
#define DS_HANDOFF_COMMENT_MAX 65536
#define DS_HANDOFF_BLOCK_MAX   32768

typedef struct
{
  char        *id;           /* the item's id, e.g. "slack:C01:1712.3" */
  char        *title;
  char        *url;          /* https (or loopback http), or NULL */
  DsItemKind   kind;
  DsItemState  state;        /* an open state */
  gboolean     over_target;  /* waiting past its first-response target */
} DsHandoffItem;

/* Tagged, for ds-store.h, which keeps handoffs and cannot include this. */
typedef struct _DsHandoff
{
  /* From the comment, not the block: */
  char       *author;        /* GitHub login of who posted it: who was on */
  char       *url;           /* the comment's html_url */
  gint64      posted;        /* the comment's created_at */
  /* From the block: */
  gint64      start;         /* the rotation, Unix time */
  gint64      end;
  guint       by_kind[DS_ITEM_KIND_LAST + 1];  /* requests that came in */
  gint64      ack_median;    /* seconds, -1 when nothing was acknowledged */
  guint       responses_within;                /* first responses within target */
  guint       responses_total;                 /* first responses with a target */
  gint64      tracked;       /* support time, seconds */
  GPtrArray  *left;          /* DsHandoffItem: still open at the end */
} DsHandoff;

char      *ds_handoff_block       (DsStore         *store,
                                   DsTeamProfile   *profile,
                                   gint64           since,
                                   gint64           until,
                                   GError         **error);
char      *ds_handoff_format_block (const DsHandoff *handoff);
char      *ds_handoff_describe    (const DsHandoff *handoff);
DsHandoff *ds_handoff_parse       (const char      *comment_body,
                                   GError         **error);
char      *ds_handoff_to_json     (const DsHandoff *handoff);
DsHandoff *ds_handoff_from_json   (const char      *json,
                                   GError         **error);
DsHandoff *ds_handoff_copy        (const DsHandoff *handoff);
void       ds_handoff_free        (DsHandoff       *handoff);
void       ds_handoff_item_free   (DsHandoffItem   *item);
GPtrArray *ds_handoff_dedupe      (GPtrArray       *handoffs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsHandoff, ds_handoff_free)

G_END_DECLS
