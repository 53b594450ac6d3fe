/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-application-private.h"
#include "ds-error.h"
#include "ds-text.h"

/* What the application's parts share about items: an item found by its
 * id, or the user told it is not there; an item moved to a new state by the
 * desk (kept in the database with what it implies), or the user told why
 * not. */

/* The item @id names, or %NULL and the user told. */
DsItem *
ds_app_lookup (DsApplication *self,
               const char    *id)
{
  DsItem *item = ds_inbox_lookup (self->inbox, id);

  /* From a script, or an old notification: say so, do not shrug; shortened,
   * whatever was sent. */
  if (item == NULL)
    {
      g_autofree char *shown = ds_app_shorten (id);
      g_autofree char *detail =
        g_strdup_printf (_("Dayshift has no item “%s”. Copy an item's id from its menu in "
                           "Dayshift's window (Copy Item Id)."), shown);
      ds_app_report_problem (self, _("Dayshift did not find the item"), detail);
    }
  return item;
}

/* What a script or a message sent, as long as a message may quote it:
 * its first 40 characters and "…". */
char *
ds_app_shorten (const char *text)
{
  return ds_text_ellipsize (text, 41);
}

/* Nothing of it was kept, nor sent: the item stays as it was, and says so
 * on its row and in its pane until something done to it is kept. */
static void
say_unkept (DsApplication *self,
            DsItem        *item,
            const char    *summary,
            const char    *why)
{
  /* Translators: "“<item's title>” stays as it was: <why, naming the file>" */
  g_autofree char *said = g_strdup_printf (_("“%s” stays as it was: %s"),
                                           ds_item_get_title (item), why);

  ds_item_set_unkept (item, said);
  ds_app_report_problem (self, summary, said);
}

/* Whether there is a database to keep what is done to @item; if not, the
 * user is told (@summary), on the item too. */
gboolean
ds_app_can_keep (DsApplication *self,
                 DsItem        *item,
                 const char    *summary)
{
  if (self->store == NULL)
    say_unkept (self, item, summary, ds_desk_get_store_error (self->desk));
  return self->store != NULL;
}

/* Moves an item to a new state, saving it and the writes it implies in one
 * transaction; then the notification goes (the sender hears of the writes
 * from the store). What
 * cannot be kept is not done, and said (say_unkept()). */
gboolean
ds_app_perform (DsApplication *self,
                DsItem        *item,
                DsItemState    to,
                GPtrArray     *writes,
                const char    *note)
{
  g_autoptr(GError) error = NULL;

  /* The desk keeps it, or says why not: done already (acknowledging what is
   * acknowledged) is no error and writes nothing; without the database
   * nothing is done, since nothing would be sent and the change would be
   * forgotten. */
  if (!ds_desk_perform (self->desk, item, to, writes, note, &error))
    {
      /* A change the item does not allow is no trouble of the database. */
      if (g_error_matches (error, DS_ERROR, DS_ERROR_INVALID_TRANSITION))
        ds_app_report_problem (self, _("Dayshift could not change the item"), error->message);
      else
        say_unkept (self, item, _("Dayshift could not change the item"), error->message);
      return FALSE;
    }
  ds_item_set_unkept (item, NULL);
  if (self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, ds_item_get_id (item));
  ds_app_schedule_tray (self);
  return TRUE;
}

/* Keeps in the item's history something done that changes no state, with
 * the writes it implies (@failed: what the user is told when it cannot). */
gboolean
ds_app_record (DsApplication *self,
               DsItem        *item,
               const char    *note,
               GPtrArray     *writes,
               const char    *failed)
{
  g_autoptr(GError) error = NULL;

  if (!ds_desk_record (self->desk, item, note, writes, &error))
    {
      say_unkept (self, item, failed, error->message);
      return FALSE;
    }
  ds_item_set_unkept (item, NULL);
  return TRUE;
}
