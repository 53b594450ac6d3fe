/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-github-sign-in"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-github.h"
#include "ds-github-device.h"
#include "ds-github-sign-in.h"
#include "ds-secrets.h"

/* "Sign in with GitHub": the device flow (ds-github-device.c) with the
 * team's OAuth app, in a dialog. It asks GitHub for a code, shows it large
 * and selectable with Copy, opens GitHub's page in the browser, and waits
 * for the user to approve there (Cancel ends it). The token GitHub gives is
 * saved in the keyring as Settings saves a typed one (service "github",
 * the origin of the profile's API address) and never shown; "token-saved"
 * then tells the application, which has the workspace read it. Once GitHub
 * gave it, the token is not lost: the dialog closed while the keyring saves
 * it is hidden until the keyring answers, and the application is told all
 * the same. Last, GitHub is asked whose token it is: "Signed in as LOGIN".
 * Whatever fails is said in words, with Try Again, which starts over with a
 * new code. What does not change is in data/ui/ds-github-sign-in.ui. */

struct _DsGithubSignIn
{
  GtkDialog       parent_instance;

  char           *api_url;
  char           *client_id;
  GCancellable   *cancellable;  /* this attempt's: Try Again starts another */
  DsGithubDevice *device;
  DsHttp         *http;         /* asks whose the new token is */
  gboolean        saving;       /* the keyring is saving the token GitHub gave */

  GtkStack       *pages;
  GtkLabel       *busy_label;
  GtkLabel       *where_label;
  GtkLabel       *code_label;
  GtkButton      *copy_button;
  GtkLabel       *said_label;
  GtkLabel       *detail_label;
  GtkWidget      *cancel_button;
  GtkWidget      *retry_button;
  GtkWidget      *close_button;
};

G_DEFINE_FINAL_TYPE (DsGithubSignIn, ds_github_sign_in, GTK_TYPE_DIALOG)

enum { TOKEN_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The page shown, and the buttons that go with it: Cancel while something
 * is under way, Close (and Try Again after a failure) once it is over. */
static void
show_page (DsGithubSignIn *self,
           const char     *page,
           gboolean        failed)
{
  gboolean over = g_str_equal (page, "said");

  gtk_stack_set_visible_child_name (self->pages, page);
  gtk_widget_set_visible (self->cancel_button, !over);
  gtk_widget_set_visible (self->retry_button, over && failed);
  gtk_widget_set_visible (self->close_button, over);
  gtk_widget_grab_default (over ? (failed ? self->retry_button : self->close_button)
                                : self->cancel_button);
}

static void
say_busy (DsGithubSignIn *self,
          const char     *what)
{
  gtk_label_set_text (self->busy_label, what);
  show_page (self, "busy", FALSE);
}

static void
say (DsGithubSignIn *self,
     const char     *heading,
     const char     *detail,
     gboolean        failed)
{
  gtk_label_set_text (self->said_label, heading);
  gtk_label_set_text (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  show_page (self, "said", failed);
}

static void
say_failed (DsGithubSignIn *self,
            const char     *detail)
{
  say (self, _("Not signed in"), detail, TRUE);
}

/* An answer for an attempt given up on (Cancel, Try Again, the dialog
 * closed) goes nowhere. */
static gboolean
is_over (DsGithubSignIn *self,
         GCancellable   *cancellable,
         const GError   *error)
{
  return cancellable != self->cancellable || g_cancellable_is_cancelled (cancellable) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Each call holds the dialog and the attempt it is part of. */
typedef struct
{
  DsGithubSignIn *self;
  GCancellable   *cancellable;
} Call;

static Call *
call_new (DsGithubSignIn *self)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->cancellable);
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static void
on_who (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  DsGithubSignIn *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGhUser) user = ds_github_get_user_finish (DS_HTTP (source), result, &error);
  g_autofree char *heading = NULL;

  if (is_over (self, call->cancellable, error))
    return;
  g_clear_object (&self->http);
  if (user == NULL)
    {
      g_autofree char *detail =
        /* Translators: the %s is why GitHub did not say whose the token is */
        g_strdup_printf (_("The token is saved in your keyring, and Dayshift reads GitHub with "
                           "it. GitHub did not say whose it is: %s"), error->message);
      say (self, _("Signed in"), detail, FALSE);
      return;
    }
  /* Translators: "Signed in as octocat" (a GitHub login) */
  heading = g_strdup_printf (_("Signed in as %s"), user->login);
  say (self, heading, _("The token is saved in your keyring, and Dayshift reads GitHub with it "
                        "now."), FALSE);
}

/* Whose token it is, asked with the token itself, which goes nowhere
 * else. */
static void
ask_who (DsGithubSignIn *self,
         const char     *token)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->http);
  self->http = ds_http_new ();
  ds_http_set_one_off (self->http, TRUE);
  if (!ds_http_set_base_url (self->http, DS_SERVICE_GITHUB, self->api_url, &error))
    {
      say (self, _("Signed in"), error->message, FALSE);
      return;
    }
  ds_http_set_token (self->http, DS_SERVICE_GITHUB, token);
  say_busy (self, _("Asking GitHub who you are…"));
  ds_github_get_user_async (self->http, self->cancellable, on_who, call_new (self));
}

typedef struct
{
  Call *call;
  char *token;
} Saving;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Saving *saving = user_data;
  DsGithubSignIn *self = saving->call->self;
  g_autoptr(GError) error = NULL;
  gboolean saved = ds_secrets_store_finish (result, &error);

  self->saving = FALSE;
  /* Said whatever became of the dialog: the workspace reads it now. */
  if (saved)
    g_signal_emit (self, signals[TOKEN_SAVED], 0);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_widget_destroy (GTK_WIDGET (self));  /* closed while saving */
  else if (!is_over (self, saving->call->cancellable, error))
    {
      if (saved)
        ask_who (self, saving->token);
      else
        {
          g_autofree char *detail =
            /* Translators: the %s is the keyring's answer */
            g_strdup_printf (_("GitHub gave Dayshift a token, but the keyring did not keep "
                               "it: %s"), error->message);
          say_failed (self, detail);
        }
    }
  ds_secrets_free (saving->token);
  call_free (saving->call);
  g_free (saving);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  DsGithubSignIn *self = call->self;
  g_autoptr(GError) error = NULL;
  char *token = ds_github_device_wait_finish (DS_GITHUB_DEVICE (source), result, &error);
  Saving *saving;

  if (is_over (self, call->cancellable, error))
    {
      ds_secrets_free (token);
      return;
    }
  if (token == NULL)
    {
      say_failed (self, error->message);
      return;
    }
  say_busy (self, _("Saving the token in your keyring…"));
  saving = g_new0 (Saving, 1);
  saving->call = g_steal_pointer (&call);
  saving->token = token;
  /* Not cancelled by Cancel or Close: the user approved, and the keyring's
   * own timeout ends it. */
  self->saving = TRUE;
  ds_secrets_store_async (DS_SECRET_GITHUB,
                          ds_secrets_origin_key (DS_SECRET_GITHUB, self->api_url), token, 0,
                          NULL, on_saved, saving);
}

/* GitHub's page, in the browser; said in place when none opens it. */
static void
open_page (DsGithubSignIn *self)
{
  const char *uri = ds_github_device_get_verification_uri (self->device);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;

  if (gtk_show_uri_on_window (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, &error))
    /* Translators: %s is GitHub's page, e.g. https://github.com/login/device */
    where = g_strdup_printf (_("GitHub's page (%s) is opening in your browser. Type this code "
                               "there, then approve Dayshift:"), uri);
  else
    {
      g_debug ("No browser opened the page: %s", error->message);
      where = g_strdup_printf (_("Open %s in your browser, type this code there, then approve "
                                 "Dayshift:"), uri);
    }
  gtk_label_set_text (self->where_label, where);
}

static void
on_code (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  DsGithubSignIn *self = call->self;
  g_autoptr(GError) error = NULL;
  gboolean started = ds_github_device_start_finish (DS_GITHUB_DEVICE (source), result, &error);

  if (is_over (self, call->cancellable, error))
    return;
  if (!started)
    {
      say_failed (self, error->message);
      return;
    }
  gtk_label_set_text (self->code_label, ds_github_device_get_user_code (self->device));
  gtk_button_set_label (self->copy_button, _("C_opy"));
  show_page (self, "code", FALSE);
  open_page (self);
  ds_github_device_wait_async (self->device, self->cancellable, on_token,
                               g_steal_pointer (&call));
}

/* A new attempt: what the last one had under way is given up on. */
static void
start (DsGithubSignIn *self)
{
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->device);
  self->device = ds_github_device_new (self->api_url, self->client_id, &error);
  if (self->device == NULL)
    {
      say_failed (self, error->message);
      return;
    }
  say_busy (self, _("Asking GitHub for a code…"));
  ds_github_device_start_async (self->device, self->cancellable, on_code, call_new (self));
}

static void
on_copy (DsGithubSignIn *self)
{
  GtkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self),
                                                      GDK_SELECTION_CLIPBOARD);

  gtk_clipboard_set_text (clipboard, gtk_label_get_text (self->code_label), -1);
  gtk_button_set_label (self->copy_button, _("Copied"));
}

static void
on_open (DsGithubSignIn *self)
{
  open_page (self);
}

static void
on_response (DsGithubSignIn *self,
             int             response)
{
  if (response == GTK_RESPONSE_APPLY)
    {
      start (self);
      return;
    }
  /* The token GitHub gave is being saved: the dialog goes once it is. */
  if (self->saving)
    {
      gtk_widget_hide (GTK_WIDGET (self));
      return;
    }
  /* Cancel, Close, or the window closed: whatever is under way ends. */
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
ds_github_sign_in_dispose (GObject *object)
{
  DsGithubSignIn *self = DS_GITHUB_SIGN_IN (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->device);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (ds_github_sign_in_parent_class)->dispose (object);
}

static void
ds_github_sign_in_finalize (GObject *object)
{
  DsGithubSignIn *self = DS_GITHUB_SIGN_IN (object);

  g_free (self->api_url);
  g_free (self->client_id);

  G_OBJECT_CLASS (ds_github_sign_in_parent_class)->finalize (object);
}

static void
ds_github_sign_in_class_init (DsGithubSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ds_github_sign_in_dispose;
  object_class->finalize = ds_github_sign_in_finalize;

  /**
   * DsGithubSignIn::token-saved:
   *
   * The token GitHub gave is in the keyring: the workspace reads it.
   */
  signals[TOKEN_SAVED] = g_signal_new ("token-saved", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-github-sign-in.ui");
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, pages);
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, busy_label);
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, where_label);
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, code_label);
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, copy_button);
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, said_label);
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, detail_label);
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, retry_button);
  gtk_widget_class_bind_template_child (widget_class, DsGithubSignIn, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
  gtk_widget_class_bind_template_callback (widget_class, on_copy);
  gtk_widget_class_bind_template_callback (widget_class, on_open);
}

static void
ds_github_sign_in_init (DsGithubSignIn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_can_default (self->cancel_button, TRUE);
  gtk_widget_set_can_default (self->retry_button, TRUE);
  gtk_widget_set_can_default (self->close_button, TRUE);
}

/**
 * ds_github_sign_in_new:
 * @parent: (nullable): the window it is over
 * @api_url: the GitHub API address the token is for (the team profile's)
 * @client_id: the team's OAuth app's (github.oauth_client_id)
 *
 * Returns: (transfer none): the dialog, shown, asking GitHub for a code
 */
GtkWidget *
ds_github_sign_in_new (GtkApplication *app,
                       GtkWindow      *parent,
                       const char     *api_url,
                       const char     *client_id)
{
  DsGithubSignIn *self;

  g_return_val_if_fail (api_url != NULL && client_id != NULL, NULL);

  self = g_object_new (DS_TYPE_GITHUB_SIGN_IN, NULL);
  self->api_url = g_strdup (api_url);
  self->client_id = g_strdup (client_id);
  gtk_window_set_application (GTK_WINDOW (self), app);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_present (GTK_WINDOW (self));
  start (self);
  return GTK_WIDGET (self);
}
