/* jsonl.c — JSON Lines records (contracts in jsonl.h). */
#include "text/jsonl.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8out.h"

/* Optional string field `name` of `obj` into *out (NULL when absent or
 * null). Returns -1 when present with another type. */
static int opt_string(const char **out, json_t *obj, const char *name)
{
    json_t *v = json_object_get(obj, name);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    *out = json_string_value(v);
    return 0;
}

passim_status passim_jsonl_article(passim_article **out, const char *line,
                                   size_t len)
{
    passim_error_clear();
    passim_status st = PASSIM_EINVAL;
    json_error_t err;
    json_t *root = NULL, *jid, *jtext;
    passim_article *art = NULL;
    const char *title, *date, *byline, *url;
    char idbuf[32];
    const char *id;

    *out = NULL;
    root = json_loadb(line, len, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        passim_error_set(st, "not JSON: %s", err.text);
        goto out;
    }
    if (!json_is_object(root)) {
        passim_error_set(st, "not a JSON object");
        goto out;
    }
    jid = json_object_get(root, "id");
    if (json_is_integer(jid)) {
        snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
        id = idbuf;
    } else if (json_is_string(jid)) {
        id = json_string_value(jid);
        if (strlen(id) != json_string_length(jid)) {
            passim_error_set(st, "\"id\" holds a NUL character");
            goto out;
        }
        if (passim_utf8_has_control(id, strlen(id))) {
            passim_error_set(st, "\"id\" holds a control character (a newline, tab, ...)");
            goto out;
        }
    } else {
        passim_error_set(st, jid ? "\"id\" is not a string" : "no \"id\"");
        goto out;
    }
    if (!*id) {
        passim_error_set(st, "\"id\" is empty");
        goto out;
    }
    jtext = json_object_get(root, "text");
    if (!json_is_string(jtext)) {
        passim_error_set(st, jtext ? "\"text\" is not a string" : "no \"text\"");
        goto out;
    }
    if (opt_string(&title, root, "title") < 0 || opt_string(&date, root, "date") < 0 ||
        opt_string(&byline, root, "byline") < 0 || opt_string(&url, root, "url") < 0) {
        passim_error_set(st, "\"title\", \"date\", \"byline\" or \"url\" is not a string");
        goto out;
    }
    if ((st = passim_article_from_text(&art, id, json_string_value(jtext),
                                       json_string_length(jtext))) != PASSIM_OK ||
        (st = passim_article_set_meta(art, title, date, byline, url)) != PASSIM_OK)
        goto out;
    *out = art;
    art = NULL;
out:
    passim_article_free(art);
    json_decref(root);
    return st;
}
