/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-handoff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ds-error.h"
#include "ds-handoff.h"
#include "ds-json-gate.h"
#include "ds-report-figures.h"
#include "ds-store-private.h"
#include "ds-text.h"

/* The handoff's hidden block, written and read.
 *
 * Written: the rotation's figures as the report counts them
 * (ds-report-figures.c), and what it left open, as JSON built with
 * json-glib, in which "<", ">" and "&" are written \u003c, \u003e and
 * \u0026, so that nothing in it ends the HTML comment around it. What is
 * written is always what the reader accepts: a rotation longer than
 * MAX_SPAN hands over its last MAX_SPAN, a count or a time past its limit
 * is cut to it, an item whose id could not be read back is left out.
 *
 * Read: a stranger's comment on GitHub. Whatever it holds, reading it
 * ends with a handoff, or with nothing when it has no block, or with a
 * DS_ERROR_BAD_RESPONSE that names GitHub and says what is wrong and what
 * to do; never a crash, a critical, or a string Dayshift would show or
 * open unchecked. A comment over MAX_BODY or a block over MAX_BLOCK is
 * refused before it is parsed; the block goes through the JSON gate, then
 * json-glib; every field's type and range is checked, and a wrong one
 * refuses the block. Within the list of what was left, an entry of a kind
 * or state this Dayshift does not know is skipped, a title is cut to
 * MAX_STRING bytes, a link that is not https:// (or http:// on this
 * computer) is dropped, and entries past DS_HANDOFF_MAX_LEFT are not read.
 * Who was on is the comment's author on GitHub, never what the block says. */

#define VERSION      1
#define MAX_BODY     (256 * 1024)
#define MAX_BLOCK    (128 * 1024)
#define MAX_STRING   1024
#define MAX_COUNT    1000000
#define MIN_TIME     G_GINT64_CONSTANT (946684800)   /* 2000-01-01 */
#define MAX_TIME     G_GINT64_CONSTANT (4102444800)  /* 2100-01-01 */
#define MAX_SPAN     (31 * 24 * 60 * 60)             /* a rotation */
#define MAX_DURATION (366 * 24 * 60 * 60)            /* a wait, the support time */
#define BLOCK_END    "-->"

void
ds_handoff_item_free (DsHandoffItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->title);
  g_free (item->url);
  g_free (item);
}

static DsHandoffItem *
item_copy (const DsHandoffItem *item)
{
  DsHandoffItem *copy = g_memdup2 (item, sizeof *item);

  copy->id = g_strdup (item->id);
  copy->title = g_strdup (item->title);
  copy->url = g_strdup (item->url);
  return copy;
}

static DsHandoff *
handoff_new (void)
{
  DsHandoff *handoff = g_new0 (DsHandoff, 1);

  handoff->ack_median = -1;
  handoff->left = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_handoff_item_free);
  return handoff;
}

void
ds_handoff_free (DsHandoff *handoff)
{
  if (handoff == NULL)
    return;
  g_free (handoff->author);
  g_free (handoff->url);
  g_clear_pointer (&handoff->left, g_ptr_array_unref);
  g_free (handoff);
}

/**
 * ds_handoff_copy:
 *
 * Returns: (transfer full): a copy of @handoff, its list of what was left
 *   too
 */
DsHandoff *
ds_handoff_copy (const DsHandoff *handoff)
{
  DsHandoff *copy;

  g_return_val_if_fail (handoff != NULL, NULL);

  copy = g_memdup2 (handoff, sizeof *handoff);
  copy->author = g_strdup (handoff->author);
  copy->url = g_strdup (handoff->url);
  copy->left = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_handoff_item_free);
  for (guint i = 0; handoff->left != NULL && i < handoff->left->len; i++)
    g_ptr_array_add (copy->left, item_copy (handoff->left->pdata[i]));
  return copy;
}

/* Writing */

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* JSON text in which no "<", ">" or "&" is left: they are only ever in
 * strings, where \u003c reads as "<". */
static char *
escape_markup (const char *json)
{
  GString *out = g_string_sized_new (strlen (json));

  for (const char *p = json; *p != '\0'; p++)
    switch (*p)
      {
      case '<':
        g_string_append (out, "\\u003c");
        break;
      case '>':
        g_string_append (out, "\\u003e");
        break;
      case '&':
        g_string_append (out, "\\u0026");
        break;
      default:
        g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static char *
to_json (const DsHandoff *handoff,
         gboolean         with_comment)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  add_int (b, "version", VERSION);
  add_int (b, "start", handoff->start);
  add_int (b, "end", handoff->end);
  json_builder_set_member_name (b, "by_kind");
  json_builder_begin_object (b);
  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    if (handoff->by_kind[k] > 0)
      add_int (b, ds_item_kind_to_string (k), handoff->by_kind[k]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "ack_median");
  if (handoff->ack_median >= 0)
    json_builder_add_int_value (b, handoff->ack_median);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "responses");
  json_builder_begin_object (b);
  add_int (b, "within", handoff->responses_within);
  add_int (b, "total", handoff->responses_total);
  json_builder_end_object (b);
  add_int (b, "tracked", handoff->tracked);
  json_builder_set_member_name (b, "left");
  json_builder_begin_array (b);
  for (guint i = 0; handoff->left != NULL && i < handoff->left->len; i++)
    {
      const DsHandoffItem *item = handoff->left->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "id", item->id);
      add_string (b, "title", item->title);
      add_string (b, "url", item->url);
      add_string (b, "kind", ds_item_kind_to_string (item->kind));
      add_string (b, "state", ds_item_state_to_string (item->state));
      json_builder_set_member_name (b, "over_target");
      json_builder_add_boolean_value (b, item->over_target);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (with_comment)
    {
      add_string (b, "author", handoff->author);
      add_string (b, "url", handoff->url);
      add_int (b, "posted", handoff->posted);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  return escape_markup (text);
}

/**
 * ds_handoff_to_json:
 *
 * The block's JSON, with who posted it, where and when: what the store
 * keeps of a handoff read from GitHub (ds_handoff_from_json()).
 *
 * Returns: (transfer full): JSON text, with no "<", ">" or "&"
 */
char *
ds_handoff_to_json (const DsHandoff *handoff)
{
  g_return_val_if_fail (handoff != NULL, NULL);

  return to_json (handoff, TRUE);
}

/* @s cut to at most @max bytes, where a character starts. */
static char *
cut_utf8 (const char *s,
          gsize       max)
{
  gsize n = strlen (s);

  if (n <= max)
    return g_strdup (s);
  n = max;
  while (n > 0 && ((guchar)s[n] & 0xc0) == 0x80)
    n--;
  return g_strndup (s, n);
}

/* An id that the block can carry and a reader accepts. */
static gboolean
id_is_plain (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > MAX_STRING || !g_utf8_validate (id, -1, NULL))
    return FALSE;
  for (const char *p = id; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* ",new,acknowledged,…," : the open states, for instr() in SQL. */
static char *
open_states (void)
{
  GString *out = g_string_new (",");

  for (DsItemState s = 0; s <= DS_ITEM_STATE_LAST; s++)
    if (DS_OPEN_STATES & DS_STATE_BIT (s))
      g_string_append_printf (out, "%s,", ds_item_state_to_string (s));
  return g_string_free (out, FALSE);
}

/* The items still open at @until, newest first: each one's state then is
 * the last move before @until in its history, else where its first move
 * started from, else its state now. An item a teammate claimed is theirs,
 * not left to the next person (as the report's "Still open"). */
static gboolean
fill_left (DsHandoff        *handoff,
           DsStore          *store,
           DsResponseClock  *clock,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *open = open_states ();
  const char *what = _("write the report");
  int rc = SQLITE_DONE;

  stmt = ds_store_prepare (store,
                           "SELECT id, title, url, kind, st, created, responded FROM ("
                           "  SELECT i.id, i.title, i.url, i.kind, i.created, i.responded, "
                           "    COALESCE((SELECT h.to_state FROM history h WHERE h.item_id = i.id "
                           "               AND h.at < ?1 ORDER BY h.at DESC, h.id DESC LIMIT 1), "
                           "             (SELECT h.from_state FROM history h "
                           "               WHERE h.item_id = i.id ORDER BY h.at, h.id LIMIT 1), "
                           "             i.state) AS st "
                           "  FROM items i WHERE i.first_seen < ?1 AND i.claimed_by IS NULL) "
                           "WHERE instr(?2, ',' || st || ',') > 0 "
                           "ORDER BY created DESC, id",
                           what, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, handoff->end);
  ds_store_bind_text (stmt, 2, open);
  while (handoff->left->len < DS_HANDOFF_MAX_LEFT && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = ds_store_column_text (stmt, 0);
      const char *title = ds_store_column_text (stmt, 1);
      const char *url = ds_store_column_text (stmt, 2);
      const char *kind = ds_store_column_text (stmt, 3);
      const char *state = ds_store_column_text (stmt, 4);
      g_autofree char *valid = NULL;
      DsFirstResponse wait = { 0 };
      DsHandoffItem *item;
      DsItemKind k;
      DsItemState s;

      if (!id_is_plain (id) || kind == NULL || !ds_item_kind_from_string (kind, &k) ||
          state == NULL || !ds_item_state_from_string (state, &s))
        continue;
      item = g_new0 (DsHandoffItem, 1);
      item->id = g_strdup (id);
      /* A title as it was stored, whatever its bytes: valid UTF-8, which
       * JSON is. */
      valid = g_utf8_make_valid (title != NULL ? title : "", -1);
      item->title = cut_utf8 (valid, MAX_STRING);
      item->url = url != NULL && strlen (url) <= MAX_STRING && ds_text_is_secure_link (url)
                  ? g_strdup (url) : NULL;
      item->kind = k;
      item->state = s;
      item->over_target = ds_report_measure_response (clock, k, sqlite3_column_int64 (stmt, 5),
                                                      sqlite3_column_int64 (stmt, 6),
                                                      handoff->end, &wait) &&
                          !wait.answered && wait.wait > wait.target;
      g_ptr_array_add (handoff->left, item);
    }
  if (handoff->left->len < DS_HANDOFF_MAX_LEFT && rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (store, rc, error, what);
      return FALSE;
    }
  return TRUE;
}

/**
 * ds_handoff_block:
 * @profile: (nullable): its response clock counts the first responses and
 *   which items wait past their target; none, nothing is
 * @since: the rotation's start, Unix time
 * @until: its end
 *
 * The hidden block for the end of the handoff comment: the figures of the
 * rotation from @since to @until as the report counts them (requests per
 * kind, the median time to acknowledge, first responses within target,
 * the tracked support time) and the items still open at @until, newest
 * first, at most DS_HANDOFF_MAX_LEFT. A rotation longer than 31 days hands
 * over its last 31 days.
 *
 * Returns: (transfer full) (nullable): "<!-- dayshift-handoff\n{…}\n-->\n",
 *   or %NULL with @error set if the store could not be read or @until is
 *   not a time a handoff can carry
 */
char *
ds_handoff_block (DsStore        *store,
                  DsTeamProfile  *profile,
                  gint64          since,
                  gint64          until,
                  GError        **error)
{
  DsResponseClock *clock = profile != NULL ? profile->response : NULL;
  g_autoptr(DsHandoff) handoff = handoff_new ();
  g_autoptr(GArray) waits = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) tracked = NULL;
  guint counts[DS_ITEM_KIND_LAST + 1];

  g_return_val_if_fail (DS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (until <= MIN_TIME || until > MAX_TIME)
    {
      /* Translators: %ld is a Unix time, in seconds */
      g_set_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                   _("The rotation's end (%ld) is not a time a handoff can carry: check this "
                     "computer's clock."), (long)until);
      return NULL;
    }
  handoff->end = until;
  handoff->start = CLAMP (since, MAX (until - MAX_SPAN, MIN_TIME), until - 1);

  if (!ds_report_count_kinds (store, handoff->start, handoff->end, counts, error))
    return NULL;
  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    handoff->by_kind[k] = MIN (counts[k], MAX_COUNT);

  waits = ds_report_ack_waits (store, handoff->start, handoff->end, error);
  if (waits == NULL)
    return NULL;
  if (waits->len > 0)
    handoff->ack_median = MIN (ds_report_percentile (waits, 50), MAX_DURATION);

  responses = ds_report_first_responses (store, clock, handoff->start, handoff->end, error);
  if (responses == NULL)
    return NULL;
  for (guint i = 0; i < responses->len; i++)
    {
      DsFirstResponse *resp = responses->pdata[i];

      handoff->responses_within += resp->answered && resp->wait <= resp->target;
    }
  handoff->responses_within = MIN (handoff->responses_within, MAX_COUNT);
  handoff->responses_total = MIN (responses->len, MAX_COUNT);

  tracked = ds_report_tracked (store, handoff->start, handoff->end, &handoff->tracked, error);
  if (tracked == NULL)
    return NULL;
  handoff->tracked = MIN (handoff->tracked, MAX_DURATION);

  if (!fill_left (handoff, store, clock, error))
    return NULL;

  /* Within its half of a comment: the oldest items it left go first. */
  for (;;)
    {
      g_autofree char *block = ds_handoff_format_block (handoff);

      if (strlen (block) <= DS_HANDOFF_BLOCK_MAX || handoff->left->len == 0)
        return g_steal_pointer (&block);
      g_ptr_array_remove_index (handoff->left, handoff->left->len - 1);
    }
}

/**
 * ds_handoff_format_block:
 *
 * The hidden block that carries @handoff's figures and what it left (not
 * its author, link or time, which GitHub says of the comment).
 *
 * Returns: (transfer full): "<!-- dayshift-handoff\n{…}\n-->\n"
 */
char *
ds_handoff_format_block (const DsHandoff *handoff)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (handoff != NULL, NULL);

  json = to_json (handoff, FALSE);
  return g_strconcat (DS_HANDOFF_MARKER "\n", json, "\n" BLOCK_END "\n", NULL);
}

/**
 * ds_handoff_describe:
 *
 * What @handoff left, in a line: "2 still open, 1 on the standup list, 1
 * waiting over target", or "Nothing was left open."
 *
 * Returns: (transfer full): the line
 */
char *
ds_handoff_describe (const DsHandoff *handoff)
{
  guint standup = 0, late = 0;
  GString *out;

  g_return_val_if_fail (handoff != NULL, NULL);

  if (handoff->left->len == 0)
    return g_strdup (_("Nothing was left open."));
  for (guint i = 0; i < handoff->left->len; i++)
    {
      const DsHandoffItem *it = g_ptr_array_index (handoff->left, i);

      standup += it->state == DS_ITEM_STATE_DEFERRED;
      late += it->over_target;
    }
  out = g_string_new (NULL);
  /* Translators: the start of what a handoff left: "2 still open" */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u still open", "%u still open",
                                            handoff->left->len), handoff->left->len);
  if (standup > 0)
    /* Translators: ", 1 on the standup list" after "2 still open" */
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, ", %u on the standup list",
                                              ", %u on the standup list", standup), standup);
  if (late > 0)
    /* Translators: ", 1 waiting over target" after "2 still open": past the time to a first
     * response the team set */
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, ", %u waiting over target",
                                              ", %u waiting over target", late), late);
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

/* Reading */

static gboolean
refuse (GError    **error,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

/* What is wrong with the block, in words: the caller says where it is. */
static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  va_list args;
  g_autofree char *why = NULL;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, DS_ERROR, DS_ERROR_BAD_RESPONSE, why);
  return FALSE;
}

/* A member that must be there. */
static JsonNode *
need (JsonObject  *o,
      const char  *name,
      const char  *label,
      GError     **error)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL)
    /* Translators: a member of the handoff's figures, e.g. "“left[2].kind” is missing" */
    refuse (error, _("“%s” is missing"), label);
  return node;
}

/* A whole number from @min to @max; null is -1 when @nullable. */
static gboolean
get_int (JsonObject  *o,
         const char  *name,
         const char  *label,
         gint64       min,
         gint64       max,
         gboolean     nullable,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = need (o, name, label, error);
  gint64 v;

  if (node == NULL)
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = -1;
      return TRUE;
    }
  /* 1.5 and 1e999 are doubles: not a count, nor a time. */
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return refuse (error, _("“%s” is not a whole number"), label);
  v = json_node_get_int (node);
  if (v < min || v > max)
    return refuse (error, _("“%s” is out of range"), label);
  *out = v;
  return TRUE;
}

static gboolean
get_count (JsonObject  *o,
           const char  *name,
           const char  *label,
           guint       *out,
           GError     **error)
{
  gint64 v;

  if (!get_int (o, name, label, 0, MAX_COUNT, FALSE, &v, error))
    return FALSE;
  *out = (guint)v;
  return TRUE;
}

/* Text, or NULL for null or a missing member when @optional. */
static gboolean
get_string (JsonObject  *o,
            const char  *name,
            const char  *label,
            gboolean     optional,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (o, name);

  *out = NULL;
  if (optional && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;
  if (node == NULL)
    return refuse (error, _("“%s” is missing"), label);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return refuse (error, _("“%s” is not text"), label);
  *out = json_node_get_string (node);
  if (!g_utf8_validate (*out, -1, NULL))
    return refuse (error, _("“%s” is not text"), label);
  return TRUE;
}

/* An id or a login: short, no control character. */
static gboolean
get_plain (JsonObject  *o,
           const char  *name,
           const char  *label,
           gboolean     optional,
           char       **out,
           GError     **error)
{
  const char *s;

  if (!get_string (o, name, label, optional, &s, error))
    return FALSE;
  if (s != NULL && strlen (s) > MAX_STRING)
    return refuse (error, _("“%s” is too long"), label);
  if (s != NULL && !id_is_plain (s))
    return refuse (error, _("“%s” is empty or holds a control character"), label);
  *out = g_strdup (s);
  return TRUE;
}

/* A link: dropped unless it is https:// (or http:// on this computer). */
static gboolean
get_link (JsonObject  *o,
          const char  *name,
          const char  *label,
          char       **out,
          GError     **error)
{
  const char *s;

  if (!get_string (o, name, label, TRUE, &s, error))
    return FALSE;
  if (s != NULL && strlen (s) > MAX_STRING)
    return refuse (error, _("“%s” is too long"), label);
  *out = ds_text_is_secure_link (s) ? g_strdup (s) : NULL;
  return TRUE;
}

static gboolean
get_object (JsonObject  *o,
            const char  *name,
            const char  *label,
            JsonObject **out,
            GError     **error)
{
  JsonNode *node = need (o, name, label, error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return refuse (error, _("“%s” is not an object"), label);
  *out = json_node_get_object (node);
  return TRUE;
}

/* One entry of what was left; FALSE with @error unset: skipped. */
static gboolean
read_item (JsonNode       *node,
           guint           index,
           DsHandoffItem **out,
           GError        **error)
{
  g_autofree char *at = g_strdup_printf ("left[%u]", index);
  g_autofree char *id_label = g_strconcat (at, ".id", NULL);
  g_autofree char *title_label = g_strconcat (at, ".title", NULL);
  g_autofree char *url_label = g_strconcat (at, ".url", NULL);
  g_autofree char *kind_label = g_strconcat (at, ".kind", NULL);
  g_autofree char *state_label = g_strconcat (at, ".state", NULL);
  g_autofree char *over_label = g_strconcat (at, ".over_target", NULL);
  DsHandoffItem *item;
  JsonObject *o;
  JsonNode *over;
  const char *title, *kind, *state;
  char *id = NULL, *url = NULL;
  DsItemKind k;
  DsItemState s;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return refuse (error, _("“%s” is not an object"), at);
  o = json_node_get_object (node);
  if (!get_plain (o, "id", id_label, FALSE, &id, error))
    return FALSE;
  if (!get_string (o, "title", title_label, TRUE, &title, error) ||
      !get_link (o, "url", url_label, &url, error) ||
      !get_string (o, "kind", kind_label, FALSE, &kind, error) ||
      !get_string (o, "state", state_label, FALSE, &state, error) ||
      (over = need (o, "over_target", over_label, error)) == NULL)
    {
      g_free (id);
      g_free (url);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (over) || json_node_get_value_type (over) != G_TYPE_BOOLEAN)
    {
      g_free (id);
      g_free (url);
      return refuse (error, _("“%s” is not true or false"), over_label);
    }
  /* A kind or a state this Dayshift does not know, or one that is not
   * open: not the block's fault. */
  if (!ds_item_kind_from_string (kind, &k) || !ds_item_state_from_string (state, &s) ||
      !(DS_OPEN_STATES & DS_STATE_BIT (s)))
    {
      g_free (id);
      g_free (url);
      return FALSE;
    }
  item = g_new0 (DsHandoffItem, 1);
  item->id = id;
  item->title = cut_utf8 (title != NULL ? title : "", MAX_STRING);
  item->url = url;
  item->kind = k;
  item->state = s;
  item->over_target = json_node_get_boolean (over);
  *out = item;
  return TRUE;
}

/* The handoff a block's JSON holds, every field checked; with
 * @with_comment, who posted it, where and when too (the store's copy).
 * @newer is set to the version of a block a newer Dayshift wrote. */
static DsHandoff *
from_node (JsonNode  *root,
           gboolean   with_comment,
           gint64    *newer,
           GError   **error)
{
  g_autoptr(DsHandoff) handoff = handoff_new ();
  JsonObject *o, *by_kind, *responses;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  JsonArray *left;
  gint64 version;

  *newer = 0;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      refuse (error, _("not a JSON object"));
      return NULL;
    }
  o = json_node_get_object (root);
  if (!get_int (o, "version", "version", 1, G_MAXINT64, FALSE, &version, error))
    return NULL;
  if (version > VERSION)
    {
      *newer = version;
      refuse (error, _("“%s” is out of range"), "version");
      return NULL;
    }
  if (!get_int (o, "start", "start", MIN_TIME, MAX_TIME, FALSE, &handoff->start, error) ||
      !get_int (o, "end", "end", MIN_TIME, MAX_TIME, FALSE, &handoff->end, error))
    return NULL;
  if (handoff->end <= handoff->start)
    {
      refuse (error, _("“end” is not after “start”"));
      return NULL;
    }
  if (handoff->end - handoff->start > MAX_SPAN)
    {
      refuse (error, _("the rotation is longer than 31 days"));
      return NULL;
    }

  if (!get_object (o, "by_kind", "by_kind", &by_kind, error))
    return NULL;
  json_object_iter_init (&iter, by_kind);
  while (json_object_iter_next (&iter, &name, &node))
    {
      DsItemKind k;
      gboolean known = ds_item_kind_from_string (name, &k);
      /* A name from the comment is not said: it could be anything. */
      g_autofree char *label = known ? g_strconcat ("by_kind.", name, NULL)
                                     : g_strdup ("by_kind");
      guint n;

      if (!get_count (by_kind, name, label, &n, error))
        return NULL;
      /* A kind this Dayshift does not know is not counted. */
      if (known)
        handoff->by_kind[k] = n;
    }

  if (!get_int (o, "ack_median", "ack_median", 0, MAX_DURATION, TRUE, &handoff->ack_median,
                error) ||
      !get_object (o, "responses", "responses", &responses, error) ||
      !get_count (responses, "within", "responses.within", &handoff->responses_within, error) ||
      !get_count (responses, "total", "responses.total", &handoff->responses_total, error))
    return NULL;
  if (handoff->responses_within > handoff->responses_total)
    {
      refuse (error, _("“%s” is out of range"), "responses.within");
      return NULL;
    }
  if (!get_int (o, "tracked", "tracked", 0, MAX_DURATION, FALSE, &handoff->tracked, error))
    return NULL;

  node = need (o, "left", "left", error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      refuse (error, _("“%s” is not a list"), "left");
      return NULL;
    }
  left = json_node_get_array (node);
  /* Past DS_HANDOFF_MAX_LEFT: not read. */
  for (guint i = 0; i < MIN (json_array_get_length (left), DS_HANDOFF_MAX_LEFT); i++)
    {
      DsHandoffItem *item = NULL;
      g_autoptr(GError) local = NULL;

      if (read_item (json_array_get_element (left, i), i, &item, &local))
        g_ptr_array_add (handoff->left, item);
      else if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }

  if (with_comment)
    {
      gint64 posted;

      if (!get_plain (o, "author", "author", TRUE, &handoff->author, error) ||
          !get_link (o, "url", "url", &handoff->url, error))
        return NULL;
      if (json_object_has_member (o, "posted"))
        {
          if (!get_int (o, "posted", "posted", 0, MAX_TIME, FALSE, &posted, error))
            return NULL;
          handoff->posted = posted;
        }
    }
  return g_steal_pointer (&handoff);
}

/* A "\u0000" escape: json-glib would read it, and the C string would end
 * there. Backslashes are only ever in strings, once the gate has passed. */
static gboolean
has_nul_escape (const char *json,
                gsize       length)
{
  for (gsize i = 0; i + 1 < length; i++)
    if (json[i] == '\\')
      {
        if (json[i + 1] == 'u' && i + 6 <= length && memcmp (json + i + 2, "0000", 4) == 0)
          return TRUE;
        i++;  /* what the backslash escapes */
      }
  return FALSE;
}

/* The marker where a line starts, followed by a blank; NULL if none. */
static const char *
find_marker (const char *body,
             const char *from)
{
  const char *p = from;

  while ((p = strstr (p, DS_HANDOFF_MARKER)) != NULL)
    {
      const char *after = p + strlen (DS_HANDOFF_MARKER);

      if ((p == body || p[-1] == '\n') &&
          (*after == '\n' || *after == '\r' || *after == ' ' || *after == '\t'))
        return p;
      p = after;
    }
  return NULL;
}

/* The block's JSON, parsed; NULL with @error (in words) if refused, NULL
 * with @found unset if there is no block. */
static JsonNode *
find_block (const char  *body,
            gboolean    *found,
            GError     **error)
{
  gsize length = strnlen (body, MAX_BODY + 1);
  const char *marker, *json, *end;
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  *found = FALSE;
  if (length > MAX_BODY)
    {
      refuse (error, _("larger than %u KiB"), MAX_BODY / 1024);
      *found = TRUE;
      return NULL;
    }
  marker = find_marker (body, body);
  if (marker == NULL)
    return NULL;
  *found = TRUE;
  json = marker + strlen (DS_HANDOFF_MARKER);
  end = strstr (json, BLOCK_END);
  if (end == NULL)
    {
      refuse (error, _("the block has no end (“-->”)"));
      return NULL;
    }
  if (find_marker (body, end) != NULL)
    {
      refuse (error, _("two handoff blocks"));
      return NULL;
    }
  if ((gsize)(end - json) > MAX_BLOCK)
    {
      refuse (error, _("larger than %u KiB"), MAX_BLOCK / 1024);
      return NULL;
    }
  if (has_nul_escape (json, end - json))
    {
      refuse (error, _("a NUL character in a string"));
      return NULL;
    }
  root = ds_json_parse (json, end - json, MAX_BLOCK, NULL, &local);
  if (root == NULL)
    refuse (error, "%s", local->message);
  return root;
}

/**
 * ds_handoff_parse:
 * @comment_body: (nullable): a comment's text, as GitHub gives it
 *
 * Reads the handoff block in a comment, whoever wrote it. The handoff's
 * author, url and posted are left for the caller to fill in from the
 * comment.
 *
 * Returns: (transfer full) (nullable): the handoff; %NULL without an error
 *   when the comment has no block; %NULL with a DS_ERROR_BAD_RESPONSE
 *   naming GitHub when it has one Dayshift cannot read
 */
DsHandoff *
ds_handoff_parse (const char  *comment_body,
                  GError     **error)
{
  g_autoptr(GError) why = NULL;
  g_autoptr(JsonNode) root = NULL;
  gboolean found;
  gint64 newer = 0;
  DsHandoff *handoff;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (comment_body == NULL)
    return NULL;
  root = find_block (comment_body, &found, &why);
  if (!found)
    return NULL;
  handoff = root != NULL ? from_node (root, FALSE, &newer, &why) : NULL;
  if (handoff != NULL)
    return handoff;
  if (newer > 0)
    /* Translators: %ld is the version of the figures, e.g. 2 */
    g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                 _("A handoff comment on GitHub was written by a newer Dayshift (its figures "
                   "are version %ld); it was left out. Update Dayshift to read it."),
                 (long)newer);
  else
    /* Translators: %s says what is wrong, e.g. "“end” is not after “start”" */
    g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                 _("A handoff comment on GitHub holds figures Dayshift cannot read: %s. It "
                   "was left out; whoever posted it can post the handoff again from "
                   "Dayshift."), why->message);
  return NULL;
}

/**
 * ds_handoff_from_json:
 * @json: what ds_handoff_to_json() wrote
 *
 * Checks it as ds_handoff_parse() checks a block.
 *
 * Returns: (transfer full) (nullable): the handoff, or %NULL with a
 *   DS_ERROR_BAD_RESPONSE
 */
DsHandoff *
ds_handoff_from_json (const char  *json,
                      GError     **error)
{
  g_autoptr(GError) why = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 newer = 0;
  DsHandoff *handoff = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (has_nul_escape (json, strlen (json)))
    refuse (&why, _("a NUL character in a string"));
  else
    root = ds_json_parse (json, strlen (json), MAX_BLOCK, NULL, &why);
  if (root != NULL)
    handoff = from_node (root, TRUE, &newer, &why);
  if (handoff != NULL)
    return handoff;
  if (newer > 0)
    g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                 _("A handoff kept in the Dayshift database was written by a newer Dayshift "
                   "(its figures are version %ld); it was left out. Update Dayshift to read "
                   "it."), (long)newer);
  else
    g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                 _("A handoff kept in the Dayshift database cannot be read: %s. It was left "
                   "out; reading the handoffs on GitHub again replaces it."), why->message);
  return NULL;
}

/* Which of two handoffs of one rotation is kept: the one that ends later,
 * then the one posted later. */
static gboolean
supersedes (const DsHandoff *a,
            const DsHandoff *b)
{
  return a->end != b->end ? a->end > b->end : a->posted > b->posted;
}

static int
by_end (gconstpointer a,
        gconstpointer b)
{
  const DsHandoff *x = *(DsHandoff * const *)a, *y = *(DsHandoff * const *)b;

  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return g_strcmp0 (x->author, y->author);
}

/**
 * ds_handoff_dedupe:
 * @handoffs: (transfer full) (element-type DsHandoff): handoffs read from
 *   comments, NULLs allowed
 *
 * The same handoff is posted on each super-epic: one is kept per author
 * and start (the one that ends later, then the one posted later). Takes
 * @handoffs and every handoff in it, whatever its free function: each is
 * either moved to the result or freed, and the array itself is unreffed.
 *
 * Returns: (transfer full) (element-type DsHandoff): a new array that
 *   frees its handoffs, by end, oldest first
 */
GPtrArray *
ds_handoff_dedupe (GPtrArray *handoffs)
{
  g_autoptr(GHashTable) kept = NULL;  /* "@author start" -> index in result */
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_handoff_free);
  gpointer *all;
  gsize n = 0;

  if (handoffs == NULL)
    return result;
  kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  all = g_ptr_array_steal (handoffs, &n);
  g_ptr_array_unref (handoffs);
  for (gsize i = 0; i < n; i++)
    {
      DsHandoff *h = all[i];
      g_autofree char *key = NULL;
      gpointer at;

      if (h == NULL)
        continue;
      /* No author (a deleted account) is a key of its own. */
      key = h->author != NULL
            ? g_strdup_printf ("@%s %" G_GINT64_FORMAT, h->author, h->start)
            : g_strdup_printf ("- %" G_GINT64_FORMAT, h->start);
      if (g_hash_table_lookup_extended (kept, key, NULL, &at))
        {
          DsHandoff **slot = (DsHandoff **)&result->pdata[GPOINTER_TO_UINT (at)];

          if (supersedes (h, *slot))
            {
              ds_handoff_free (*slot);
              *slot = h;
            }
          else
            ds_handoff_free (h);
          continue;
        }
      g_hash_table_insert (kept, g_steal_pointer (&key), GUINT_TO_POINTER (result->len));
      g_ptr_array_add (result, h);
    }
  g_free (all);
  g_ptr_array_sort (result, by_end);
  return result;
}
