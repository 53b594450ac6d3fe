/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ds-quick-actions.h"

#define ALL (DS_SURFACE_NOTIFICATION | DS_SURFACE_TRAY | DS_SURFACE_ROW_MENU | DS_SURFACE_DETAIL)
#define MENUS (DS_SURFACE_TRAY | DS_SURFACE_ROW_MENU | DS_SURFACE_DETAIL)

/* In the order the surfaces show them. Labels in GNOME's header
 * capitalization, "…" where a dialog asks for more. Snooze offers its
 * choices (snoozes, below) wherever it is shown; the tray offers Delegate's
 * choices, the teammates, where the others open the chooser. */
static const DsQuickAction actions[DS_N_QUICK_ACTIONS] = {
  { DS_QUICK_OPEN, "open-item", N_("_Open"), NULL, DS_SURFACE_TRAY, -1 },
  { DS_QUICK_ACKNOWLEDGE, "acknowledge", N_("_Acknowledge"), "a", ALL,
    DS_ITEM_STATE_ACKNOWLEDGED },
  { DS_QUICK_DELEGATE, "delegate", N_("_Delegate…"), "d", ALL, DS_ITEM_STATE_DELEGATED },
  { DS_QUICK_FILE_ISSUE, "file-issue", N_("File _Issue"), "i", ALL, DS_ITEM_STATE_FILED },
  { DS_QUICK_DEFER, "defer", N_("Defer to _Standup"), "s", ALL, DS_ITEM_STATE_DEFERRED },
  { DS_QUICK_OPEN_LINK, "open-link", N_("Open in _Browser"), NULL,
    DS_SURFACE_ROW_MENU | DS_SURFACE_DETAIL, -1 },
  { DS_QUICK_SNOOZE, "snooze", N_("Snoo_ze"), NULL, MENUS, DS_ITEM_STATE_SNOOZED },
  { DS_QUICK_TIMER, "timer-start", N_("Start Support _Timer"), NULL, MENUS, -1 },
  { DS_QUICK_DISMISS, "dismiss", N_("Dis_miss (Not a Request)"), NULL, MENUS,
    DS_ITEM_STATE_DISMISSED },
  { DS_QUICK_LINK_TO_EPIC, "link-to-epic", N_("_Link to Super-Epic"), NULL, MENUS, -1 },
  { DS_QUICK_ADD_TEAMMATE, "choose-teammate", N_("Add T_eammate…"), NULL, MENUS, -1 },
  { DS_QUICK_NOTE, "write-note", N_("Add _Note…"), NULL, MENUS, -1 },
  { DS_QUICK_COPY_ID, "copy-item-id", N_("_Copy Item Id (for Scripts)"), NULL,
    DS_SURFACE_ROW_MENU, -1 },
};

static const DsSnoozeChoice snoozes[] = {
  { N_("15 minutes"), "15m" },
  { N_("1 hour"), "1h" },
  { N_("Until tomorrow morning"), "tomorrow" },
};

const DsQuickAction *
ds_quick_action (DsQuickActionId id)
{
  g_return_val_if_fail (id < DS_N_QUICK_ACTIONS, NULL);
  g_assert (actions[id].id == id);
  return &actions[id];
}

/**
 * ds_quick_action_label:
 * @mnemonic: keep the underscore that marks the mnemonic (menus, buttons);
 *   without it for a notification's button or a list
 *
 * Returns: (transfer full): the translated label
 */
char *
ds_quick_action_label (const DsQuickAction *action,
                       gboolean             mnemonic)
{
  const char *label = g_dgettext (GETTEXT_PACKAGE, action->label);
  GString *s;

  if (mnemonic)
    return g_strdup (label);
  s = g_string_new (NULL);
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/**
 * ds_quick_action_choices_label:
 *
 * Returns: (transfer full): the translated label, with its mnemonic, of a
 *   submenu that holds the action's choices (the tray's teammates to
 *   delegate to): without the "…", as the choices follow and no dialog
 */
char *
ds_quick_action_choices_label (const DsQuickAction *action)
{
  char *label = ds_quick_action_label (action, TRUE);

  if (g_str_has_suffix (label, "…"))
    label[strlen (label) - strlen ("…")] = '\0';
  else if (g_str_has_suffix (label, "..."))
    label[strlen (label) - 3] = '\0';
  return label;
}

static gboolean
is_web_link (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

/**
 * ds_quick_action_applies:
 *
 * Returns: whether @action may be offered for @item now: the move it makes
 *   is allowed from the item's state, and the item is one it works on
 */
gboolean
ds_quick_action_applies (const DsQuickAction *action,
                         DsItem              *item)
{
  DsItemState state = ds_item_get_state (item);
  gboolean open = state != DS_ITEM_STATE_DONE && state != DS_ITEM_STATE_DISMISSED;
  gboolean github = g_strcmp0 (ds_item_get_source (item), "github") == 0;

  if (action->to_state >= 0 && !ds_item_can_transition (state, (DsItemState)action->to_state))
    return FALSE;
  switch (action->id)
    {
    case DS_QUICK_FILE_ISSUE:
      /* A GitHub item is an issue already: it is linked to a super-epic. */
      return !github;
    case DS_QUICK_LINK_TO_EPIC:
      return github && open;
    case DS_QUICK_OPEN_LINK:
      return is_web_link (ds_item_get_url (item));
    case DS_QUICK_TIMER:
    case DS_QUICK_ADD_TEAMMATE:
    case DS_QUICK_NOTE:
      return open;
    case DS_QUICK_ACKNOWLEDGE:
    case DS_QUICK_DELEGATE:
    case DS_QUICK_DEFER:
    case DS_QUICK_OPEN:
    case DS_QUICK_SNOOZE:
    case DS_QUICK_DISMISS:
    case DS_QUICK_COPY_ID:
    case DS_N_QUICK_ACTIONS:
    default:
      return TRUE;
    }
}

/**
 * ds_quick_snooze_choices:
 * @n_choices: (out): how many
 *
 * Returns: (array length=n_choices): how long an item may be snoozed, the
 *   shortest first
 */
const DsSnoozeChoice *
ds_quick_snooze_choices (guint *n_choices)
{
  *n_choices = G_N_ELEMENTS (snoozes);
  return snoozes;
}

/* The choice's label, translated. */
const char *
ds_quick_snooze_label (const DsSnoozeChoice *choice)
{
  return g_dgettext (GETTEXT_PACKAGE, choice->label);
}
