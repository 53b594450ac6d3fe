/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ds-pagerduty-records.h"

void
ds_pd_user_free (DsPdUser *u)
{
  if (u == NULL)
    return;
  g_free (u->id);
  g_free (u->name);
  g_free (u->email);
  g_free (u->time_zone);
  g_free (u);
}

void
ds_pd_oncall_free (DsPdOncall *o)
{
  if (o == NULL)
    return;
  g_free (o->user_id);
  g_free (o->user_name);
  g_free (o->schedule_id);
  g_free (o);
}

void
ds_pd_entry_free (DsPdEntry *e)
{
  g_free (e->user_id);
  g_free (e->user_name);
  g_free (e);
}

void
ds_pd_layer_free (DsPdLayer *l)
{
  g_free (l->id);
  g_free (l->name);
  g_clear_pointer (&l->users, g_ptr_array_unref);
  g_clear_pointer (&l->entries, g_ptr_array_unref);
  g_free (l);
}

void
ds_pd_schedule_free (DsPdSchedule *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->name);
  g_free (s->time_zone);
  g_clear_pointer (&s->layers, g_ptr_array_unref);
  g_clear_pointer (&s->final_entries, g_ptr_array_unref);
  g_free (s);
}

void
ds_pd_incident_free (DsPdIncident *i)
{
  if (i == NULL)
    return;
  g_free (i->id);
  g_free (i->title);
  g_free (i->status);
  g_free (i->urgency);
  g_free (i->html_url);
  g_free (i->service);
  g_strfreev (i->assignees);
  g_free (i);
}
