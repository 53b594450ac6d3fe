/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>

#include "ds-time-picker.h"

/* A time of day ("HH:MM" in a string key), chosen as hours and minutes,
 * each wrapping round; written to the key as it changes, and showing what
 * the key says when it changes elsewhere. A key that holds no time leaves
 * the picker as it was. */

typedef struct
{
  GSettings     *settings;
  char          *key;
  GtkSpinButton *hours;
  GtkSpinButton *minutes;
  gboolean       busy;
  gulong         handler;  /* the key's "changed" */
} TimePicker;

/* Nothing calls on the picker once its box is gone. */
static void
time_picker_destroyed (GtkWidget  *box,
                       TimePicker *picker)
{
  g_clear_signal_handler (&picker->handler, picker->settings);
  g_signal_handlers_disconnect_by_data (picker->hours, picker);
  g_signal_handlers_disconnect_by_data (picker->minutes, picker);
}

static void
time_picker_free (TimePicker *picker,
                  GClosure   *closure)
{
  g_object_unref (picker->settings);
  g_free (picker->key);
  g_free (picker);
}

static void
time_picker_read (GSettings  *settings,
                  const char *key,
                  TimePicker *picker)
{
  g_autofree char *value = g_settings_get_string (picker->settings, picker->key);
  unsigned h = 0, m = 0;

  if (sscanf (value, "%u:%u", &h, &m) != 2)
    return;
  picker->busy = TRUE;
  gtk_spin_button_set_value (picker->hours, h);
  gtk_spin_button_set_value (picker->minutes, m);
  picker->busy = FALSE;
}

static void
time_picker_write (GtkSpinButton *spin,
                   TimePicker    *picker)
{
  g_autofree char *value = NULL;

  if (picker->busy)
    return;
  value = g_strdup_printf ("%02d:%02d", gtk_spin_button_get_value_as_int (picker->hours),
                           gtk_spin_button_get_value_as_int (picker->minutes));
  g_settings_set_string (picker->settings, picker->key, value);
}

/* "08", not "8". */
static gboolean
two_digits (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_entry_get_text (GTK_ENTRY (spin))) != 0)
    gtk_entry_set_text (GTK_ENTRY (spin), text);
  return TRUE;
}

/**
 * ds_time_picker_new:
 * @settings: where @key is
 * @key: a string key holding "HH:MM"
 * @name: what the picker is for, as assistive technologies say it
 *
 * Returns: (transfer floating): hours and minutes, bound to @key both ways
 */
GtkWidget *
ds_time_picker_new (GSettings  *settings,
                    const char *key,
                    const char *name)
{
  TimePicker *picker = g_new0 (TimePicker, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *hours = gtk_spin_button_new_with_range (0, 23, 1);
  GtkWidget *minutes = gtk_spin_button_new_with_range (0, 59, 5);
  g_autofree char *hours_name = g_strdup_printf (_("%s, hour"), name);
  g_autofree char *minutes_name = g_strdup_printf (_("%s, minute"), name);
  g_autofree char *signal = g_strconcat ("changed::", key, NULL);

  picker->settings = g_object_ref (settings);
  picker->key = g_strdup (key);
  picker->hours = GTK_SPIN_BUTTON (hours);
  picker->minutes = GTK_SPIN_BUTTON (minutes);
  for (GtkWidget **w = (GtkWidget *[]){ hours, minutes, NULL }; *w != NULL; w++)
    {
      gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (*w), TRUE);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (*w), TRUE);
      gtk_entry_set_width_chars (GTK_ENTRY (*w), 2);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (*w), GTK_ORIENTATION_VERTICAL);
      g_signal_connect (*w, "output", G_CALLBACK (two_digits), NULL);
      g_signal_connect (*w, "value-changed", G_CALLBACK (time_picker_write), picker);
    }
  atk_object_set_name (gtk_widget_get_accessible (hours), hours_name);
  atk_object_set_name (gtk_widget_get_accessible (minutes), minutes_name);
  gtk_container_add (GTK_CONTAINER (box), hours);
  gtk_container_add (GTK_CONTAINER (box), gtk_label_new (":"));
  gtk_container_add (GTK_CONTAINER (box), minutes);
  time_picker_read (NULL, NULL, picker);
  picker->handler = g_signal_connect (settings, signal, G_CALLBACK (time_picker_read), picker);
  /* The picker lives as long as the box's handler, freed with the box. */
  g_signal_connect_data (box, "destroy", G_CALLBACK (time_picker_destroyed), picker,
                         (GClosureNotify)time_picker_free, 0);
  return box;
}
