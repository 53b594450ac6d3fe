/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-error.h"
#include "ds-github-device.h"
#include "ds-secrets.h"

#include "ds-test-server.h"

/* Signing in to GitHub by the device flow, against a loopback GitHub that
 * answers as GitHub documents: the code, then the token once the user has
 * approved, asked for no more often than GitHub says (measured by the
 * server); slow_down, expired_token, access_denied, an app without the
 * device flow, and answers Dayshift cannot use, each said in words; and
 * the rule that finds GitHub's web site from the profile's API address. */

#define CODE_ANSWER \
  "{\"device_code\": \"" DEVICE_CODE "\", " \
  "\"user_code\": \"WDJB-MJHT\", \"verification_uri\": \"%s/login/device\", " \
  "\"expires_in\": %d, \"interval\": 1}"
#define PENDING "{\"error\": \"authorization_pending\", " \
  "\"error_description\": \"The authorization request is still pending.\"}"
#define DEVICE_CODE "3584d83530557fdd1f46af8289938c8ef79f9dc5"
#define TOKEN "gho_16C7e42F292c6912E7710c838347Ae178B4a"
#define GRANTED "{\"access_token\": \"" TOKEN "\", \"token_type\": \"bearer\", " \
  "\"scope\": \"notifications,read:org,repo\"}"

typedef struct
{
  DsTestServer  ts;
  char         *api_url;      /* the profile's: the web site is the server itself */
  int           expires_in;   /* what the code answer says */
  guint         code_status;
  const char   *code_answer;  /* instead of CODE_ANSWER */
  const char   *answers[8];   /* to each ask for the token, in turn; the last one again */
  guint         statuses[8];  /* their HTTP status (0: 200) */
  gint64        asked[16];    /* when each ask for the token came (monotonic µs) */
  guint         n_asked;
  gint64        coded;        /* when the code was asked for */
  char         *code_form;    /* what came with it */
  char         *token_form;   /* what came with the last ask */
  gboolean      bad_headers;  /* a request carried a token, or did not ask for JSON */
  guint         tick;         /* ms in GitHub's second (ds_github_device_set_tick()) */
} Flow;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Flow *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *form = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (soup_message_headers_get_one (headers, "Authorization") != NULL ||
      g_strcmp0 (soup_message_headers_get_one (headers, "Accept"), "application/json") != 0 ||
      g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    f->bad_headers = TRUE;

  if (g_str_equal (path, "/login/device/code"))
    {
      g_autofree char *answer = g_strdup_printf (CODE_ANSWER, f->ts.base, f->expires_in);

      f->coded = g_get_monotonic_time ();
      g_free (f->code_form);
      f->code_form = g_steal_pointer (&form);
      ds_test_respond_json (msg, f->code_status ? f->code_status : 200,
                            f->code_answer ? f->code_answer : answer);
    }
  else if (g_str_equal (path, "/login/oauth/access_token"))
    {
      guint i = f->n_asked;

      while (i > 0 && f->answers[i] == NULL)
        i--;
      if (f->n_asked < G_N_ELEMENTS (f->asked))
        f->asked[f->n_asked++] = g_get_monotonic_time ();
      g_free (f->token_form);
      f->token_form = g_steal_pointer (&form);
      ds_test_respond_json (msg, f->statuses[i] ? f->statuses[i] : 200, f->answers[i]);
    }
  else
    ds_test_respond_json (msg, 404, "{\"message\": \"Not Found\"}");
}

static void
flow_start (Flow *f)
{
  ds_test_server_start (&f->ts, handler, f);
  f->api_url = g_strconcat (f->ts.base, "/api/v3", NULL);
  if (f->expires_in == 0)
    f->expires_in = 900;
  if (f->tick == 0)
    f->tick = 20;
}

static void
flow_stop (Flow *f)
{
  ds_test_server_stop (&f->ts);
  g_free (f->api_url);
  g_free (f->code_form);
  g_free (f->token_form);
}

static DsGithubDevice *
started (Flow    *f,
         GError **error)
{
  g_autoptr(DsGithubDevice) device = ds_github_device_new (f->api_url, "Ov23liTESTclient", error);

  g_assert_nonnull (device);
  ds_github_device_set_tick (device, f->tick);
  ds_github_device_start_async (device, NULL, ds_test_server_done, &f->ts);
  if (!ds_github_device_start_finish (device, ds_test_server_wait (&f->ts), error))
    return NULL;
  return g_steal_pointer (&device);
}

static char *
waited (Flow           *f,
        DsGithubDevice *device,
        GError        **error)
{
  ds_github_device_wait_async (device, NULL, ds_test_server_done, &f->ts);
  return ds_github_device_wait_finish (device, ds_test_server_wait (&f->ts), error);
}

/* GitHub's seconds between ask @i and the one before it (the code, for the
 * first). */
static double
gap (Flow  *f,
     guint  i)
{
  return (f->asked[i] - (i == 0 ? f->coded : f->asked[i - 1])) / (f->tick * 1000.0);
}

static char *
form_value (const char *form,
            const char *name)
{
  g_autoptr(GHashTable) decoded = soup_form_decode (form);

  return g_strdup (g_hash_table_lookup (decoded, name));
}

#define assert_form(form, name, value) \
  G_STMT_START { \
    g_autofree char *said_ = form_value (form, name); \
    g_assert_cmpstr (said_, ==, value); \
  } G_STMT_END

/* Pending twice, then the token: handed over exactly, each ask an
 * interval after the one before, in real seconds. */
static void
test_pending_then_token (void)
{
  Flow f = { .tick = 1000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGithubDevice) device = NULL;
  char *token;

  f.answers[0] = PENDING;
  f.answers[1] = PENDING;
  f.answers[2] = GRANTED;
  flow_start (&f);
  device = started (&f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ds_github_device_get_user_code (device), ==, "WDJB-MJHT");
  g_assert_true (g_str_has_prefix (ds_github_device_get_verification_uri (device), f.ts.base));
  g_assert_cmpuint (ds_github_device_get_interval (device), ==, 1);
  assert_form (f.code_form, "client_id", "Ov23liTESTclient");
  /* The scopes of the service table, as OAuth lists them. */
  assert_form (f.code_form, "scope", "repo read:org notifications");

  token = waited (&f, device, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);
  ds_secrets_free (token);
  g_assert_cmpuint (f.n_asked, ==, 3);
  for (guint i = 0; i < f.n_asked; i++)
    {
      g_test_message ("ask %u came %.3f seconds after the one before", i, gap (&f, i));
      g_assert_cmpfloat (gap (&f, i), >=, 0.99);
    }
  assert_form (f.token_form, "client_id", "Ov23liTESTclient");
  assert_form (f.token_form, "device_code", DEVICE_CODE);
  assert_form (f.token_form, "grant_type", "urn:ietf:params:oauth:grant-type:device_code");
  g_assert_false (f.bad_headers);
  /* The code has served: it is not kept. */
  g_assert_null (ds_github_device_get_user_code (device));
  flow_stop (&f);
}

static gboolean
on_tick (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* slow_down: the interval GitHub gives with it, else five seconds more;
 * cancelled during the longer wait, the wait ends at once. (GitHub's
 * seconds are a quarter of one here.) */
static void
test_slow_down (void)
{
  Flow f = { .tick = 250 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGithubDevice) device = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 deadline, cancelled_at;
  char *token;

  f.answers[0] = "{\"error\": \"slow_down\", \"interval\": 3}";
  f.answers[1] = "{\"error\": \"slow_down\"}";
  f.answers[2] = GRANTED;
  flow_start (&f);
  device = started (&f, &error);
  g_assert_no_error (error);

  ds_github_device_wait_async (device, cancellable, ds_test_server_done, &f.ts);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (f.n_asked < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f.n_asked, ==, 2);
  g_test_message ("after slow_down with 3 seconds, the next ask came %.3f later", gap (&f, 1));
  g_assert_cmpfloat (gap (&f, 1), >=, 2.99);

  /* The second slow_down said no interval: five seconds more. */
  {
    GMainLoop *loop = g_main_loop_new (NULL, FALSE);

    g_timeout_add (200, on_tick, loop);
    g_main_loop_run (loop);
    g_main_loop_unref (loop);
  }
  g_assert_cmpuint (ds_github_device_get_interval (device), ==, 8);
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  token = ds_github_device_wait_finish (device, ds_test_server_wait (&f.ts), &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, G_USEC_PER_SEC);
  g_assert_cmpuint (f.n_asked, ==, 2);
  flow_stop (&f);
}

/* What ends a sign-in, in words, with the kind of error. */
static void
test_refusals (void)
{
  static const struct
  {
    const char *answer;
    guint       status;
    int         kind;
    const char *words;
  } cases[] = {
    { "{\"error\": \"expired_token\", \"error_description\": \"This 'device_code' has expired.\"}",
      200, DS_ERROR_TIMED_OUT, "The code expired" },
    { "{\"error\": \"access_denied\"}", 200, DS_ERROR_AUTH, "Sign-in was refused" },
    /* OAuth's own way: 400 with the error in the body. */
    { "{\"error\": \"access_denied\"}", 400, DS_ERROR_AUTH, "Sign-in was refused" },
    { "{\"error\": \"incorrect_device_code\"}", 200, DS_ERROR_SERVICE, "did not know the code" },
    { "{\"error\": \"something_new\"}", 200, DS_ERROR_SERVICE, "(something_new)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Flow f = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(DsGithubDevice) device = NULL;
      char *token;

      f.answers[0] = PENDING;
      f.answers[1] = cases[i].answer;
      f.statuses[1] = cases[i].status;
      flow_start (&f);
      device = started (&f, &error);
      g_assert_no_error (error);
      token = waited (&f, device, &error);
      g_assert_null (token);
      g_test_message ("%s: %s", cases[i].answer, error->message);
      g_assert_error (error, DS_ERROR, cases[i].kind);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      /* Asked once more after pending, and no more. */
      g_assert_cmpuint (f.n_asked, ==, 2);
      flow_stop (&f);
    }
}

/* A code that expires before the next ask is not asked about. */
static void
test_expires_here (void)
{
  Flow f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGithubDevice) device = NULL;

  f.expires_in = 1;
  f.answers[0] = PENDING;
  flow_start (&f);
  device = started (&f, &error);
  g_assert_no_error (error);
  g_assert_null (waited (&f, device, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_TIMED_OUT);
  g_assert_cmpuint (f.n_asked, ==, 0);
  flow_stop (&f);
}

/* The start refused: an app without the device flow, or one GitHub does
 * not know, each said with what to do. */
static void
test_start_refused (void)
{
  static const struct
  {
    guint       status;
    const char *answer;
    const char *words;
  } cases[] = {
    { 200, "{\"error\": \"device_flow_disabled\", \"error_description\": \"Device Flow must be "
           "explicitly enabled for this App\"}", "Enable Device Flow" },
    { 200, "{\"error\": \"incorrect_client_credentials\"}", "github.oauth_client_id" },
    { 404, "{\"message\": \"Not Found\"}", "github.oauth_client_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Flow f = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(DsGithubDevice) device = NULL;

      f.code_status = cases[i].status;
      f.code_answer = cases[i].answer;
      flow_start (&f);
      device = started (&f, &error);
      g_assert_null (device);
      g_test_message ("%s", error->message);
      g_assert_error (error, DS_ERROR, DS_ERROR_SERVICE);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      flow_stop (&f);
    }
}

/* Answers Dayshift cannot use: refused, naming what is wrong. */
static void
test_malformed (void)
{
  static const struct
  {
    const char *code;    /* the answer to the start, or NULL for a good one */
    const char *answer;  /* else the answer to the ask */
    const char *words;
  } cases[] = {
    { "{\"device_code\": \"x\", \"verification_uri\": \"https://github.com/login/device\", "
      "\"expires_in\": 900}", NULL, "“user_code” is missing" },
    { "{\"device_code\": \"x\", \"user_code\": \"WDJB-MJHT\", "
      "\"verification_uri\": \"javascript:alert(1)\", \"expires_in\": 900}", NULL,
      "“verification_uri”" },
    { "{\"device_code\": \"x\", \"user_code\": \"WDJB-MJHT\", "
      "\"verification_uri\": \"http://github.example.com/login/device\", \"expires_in\": 900}",
      NULL, "“verification_uri”" },
    { "{\"device_code\": \"x\", \"user_code\": \"WD\\nJB\", "
      "\"verification_uri\": \"https://github.com/login/device\", \"expires_in\": 900}", NULL,
      "“user_code”" },
    { "{\"device_code\": \"x\", \"user_code\": \"WDJB-MJHT\", "
      "\"verification_uri\": \"https://github.com/login/device\", \"expires_in\": \"soon\"}",
      NULL, "“expires_in”" },
    { "device_code=x&user_code=WDJB-MJHT", NULL, "cannot read" },
    { NULL, "access_token=" TOKEN "&scope=repo&token_type=bearer", "cannot read" },
    { NULL, "{\"access_token\": 42}", "“access_token” should be" },
    { NULL, "{\"access_token\": \"gho_with space\"}", "“access_token”" },
    { NULL, "{\"token_type\": \"bearer\"}", "“access_token” is missing" },
    { NULL, "[\"authorization_pending\"]", "the whole answer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Flow f = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(DsGithubDevice) device = NULL;
      g_autofree char *token = NULL;

      f.code_answer = cases[i].code;
      f.answers[0] = cases[i].answer;
      flow_start (&f);
      device = started (&f, &error);
      if (device != NULL)
        token = waited (&f, device, &error);
      g_assert_null (token);
      g_test_message ("%s", error->message);
      g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      flow_stop (&f);
    }
}

/* GitHub's web site for the profile's API address. */
static void
test_web_origin (void)
{
  static const struct
  {
    const char *api;
    const char *web;
  } cases[] = {
    { "https://api.github.com", "https://github.com" },
    { "https://api.github.com/", "https://github.com" },
    { "https://API.GitHub.com", "https://github.com" },
    { "https://ghe.acme.com/api/v3", "https://ghe.acme.com" },
    { "https://ghe.acme.com:8443/api/v3/", "https://ghe.acme.com:8443" },
    { "https://api.acme.ghe.com", "https://acme.ghe.com" },
    { "http://127.0.0.1:8080/github", "http://127.0.0.1:8080" },
    { "http://localhost:9/api/v3", "http://localhost:9" },
    { "http://[::1]:8080/gh", "http://[::1]:8080" },
    { "api.github.com", NULL },
    { "ftp://ghe.acme.com/api/v3", NULL },
    { "not an address", NULL },
  };
  g_autofree char *public = ds_github_web_origin (NULL);

  g_assert_cmpstr (public, ==, "https://github.com");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *web = ds_github_web_origin (cases[i].api);

      g_test_message ("%s → %s", cases[i].api, web);
      g_assert_cmpstr (web, ==, cases[i].web);
    }
}

/* Only https, or http on this computer: nothing goes to a plain-text
 * address of the profile. */
static void
test_insecure_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGithubDevice) device = ds_github_device_new ("http://ghe.acme.com/api/v3",
                                                           "Ov23liTESTclient", &error);

  g_assert_null (device);
  g_assert_error (error, DS_ERROR, DS_ERROR_INSECURE_URL);
}

/* Every message logged, debug ones too, whether shown or not: none may
 * hold the device code or the token. */
static GLogWriterOutput
check_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        g_autofree char *text = fields[i].length < 0
          ? g_strdup (fields[i].value) : g_strndup (fields[i].value, fields[i].length);

        if (strstr (text, TOKEN) != NULL || strstr (text, DEVICE_CODE) != NULL)
          g_error ("A secret was logged: %s", text);
      }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (check_log, NULL, NULL);
  g_test_add_func ("/ds/github-device/pending-then-token", test_pending_then_token);
  g_test_add_func ("/ds/github-device/slow-down", test_slow_down);
  g_test_add_func ("/ds/github-device/refusals", test_refusals);
  g_test_add_func ("/ds/github-device/expires-here", test_expires_here);
  g_test_add_func ("/ds/github-device/start-refused", test_start_refused);
  g_test_add_func ("/ds/github-device/malformed", test_malformed);
  g_test_add_func ("/ds/github-device/web-origin", test_web_origin);
  g_test_add_func ("/ds/github-device/insecure-refused", test_insecure_refused);
  return g_test_run ();
}
