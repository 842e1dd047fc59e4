/* rule_load.c — reading one rules file (a file in patterns/rules/) into pdp_rule.
 *
 * Every field is documented in patterns/README.md.  Anything unknown or
 * malformed is an error naming the file and line: a rule that silently does
 * nothing is worse than one that refuses to load. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "../util/yamlx.h"

typedef struct rctx {
    pdp_rules *r;
    yamlx_doc *d;
    const char *path;
    char **err;
} rctx;

static int fail(rctx *c, const yamlx_node *n, const char *what, const char *detail)
{
    *c->err = xasprintf("%s:%zu: %s%s%s", c->path, yamlx_line(n), what, detail ? ": " : "",
                        detail ? detail : "");
    return -1;
}

static int parse_severity(rctx *c, const yamlx_node *n, pdp_severity *out)
{
    const char *s = yamlx_str(n);
    if (!s || pdp_severity_parse(s, out) != 0)
        return fail(c, n, "severity must be high, medium, low or info", s);
    return 0;
}

static int parse_action(rctx *c, const yamlx_node *n, pdp_action *out)
{
    const char *s = yamlx_str(n);
    static const char *names[] = { "none", "review", "redact" };
    for (int i = 0; s && i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (pdp_action)i;
            return 0;
        }
    return fail(c, n, "action must be redact, review or none", s);
}

/* A sequence of scalars (or one scalar) into a new string array. */
static char **str_list(rctx *c, const yamlx_node *n, size_t *count)
{
    *count = 0;
    if (!n) return NULL;
    if (yamlx_str(n)) {
        char **v = xmalloc(sizeof *v);
        v[0] = xstrdup(yamlx_str(n));
        *count = 1;
        return v;
    }
    size_t len = yamlx_len(n);
    char **v = xcalloc(len ? len : 1, sizeof *v);
    for (size_t i = 0; i < len; i++) {
        const char *s = yamlx_str(yamlx_item(c->d, n, i));
        if (s) v[(*count)++] = xstrdup(s);
    }
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

static int parse_effect(rctx *c, const yamlx_node *n, ctx_effect *e)
{
    if (!n) return 0;
    const yamlx_node *v;
    if ((v = yamlx_get(c->d, n, "severity"))) {
        if (parse_severity(c, v, &e->severity)) return -1;
        e->set_severity = 1;
    }
    if ((v = yamlx_get(c->d, n, "action"))) {
        if (parse_action(c, v, &e->action)) return -1;
        e->set_action = 1;
    }
    const char *cat = yamlx_get_str(c->d, n, "category", NULL);
    if (cat) e->category = xstrdup(cat);
    const char *role = yamlx_get_str(c->d, n, "role", NULL);
    if (role) e->role = xstrdup(role);
    e->confidence = atof(yamlx_get_str(c->d, n, "confidence", "0"));
    const yamlx_node *msg = yamlx_get(c->d, n, "message");
    if (msg) {
        const char *en = yamlx_get_str(c->d, msg, "en", NULL), *th = yamlx_get_str(c->d, msg, "th", en);
        if (!en) return fail(c, msg, "message needs 'en'", NULL);
        e->msg_en = xstrdup(en);
        e->msg_th = xstrdup(th);
    }
    return 0;
}

/* Replace each {{list:NAME}} in a pattern by the phrase list NAME as an
 * alternation, so that titles or month names stay data in lexicon/. */
static char *expand_lists(rctx *c, const yamlx_node *n, const char *pat, pdp_rule *ru)
{
    buf out, cues;
    buf_init(&out);
    buf_init(&cues);
    const char *p = pat, *q;
    while ((q = strstr(p, "{{list:"))) {
        buf_append(&out, p, (size_t)(q - p));
        const char *end = strstr(q, "}}");
        if (!end) break;
        char *name = xstrndup(q + 7, (size_t)(end - q - 7));
        const char *alt = lexicon_alternation(c->r, name);
        if (!alt) {
            fail(c, n, "pattern names an unknown phrase list", name);
            free(name);
            buf_free(&out);
            buf_free(&cues);
            return NULL;
        }
        buf_puts(&out, alt);
        if (!strstr(cues.data ? cues.data : "", name)) buf_printf(&cues, "%s%s", cues.len ? ", " : "", name);
        free(name);
        p = end + 2;
    }
    buf_puts(&out, p);
    if (cues.len) ru->cue_lists = buf_steal(&cues);
    buf_free(&cues);
    return buf_steal(&out);
}

static int compile_pattern(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    const char *raw = yamlx_str(n);
    if (!raw) return fail(c, n, "rule needs a 'pattern'", ru->id);
    char *pat = expand_lists(c, n, raw, ru);
    if (!pat) return -1;
    /* Rules tried at phrase starts are compiled anchored only (JIT cannot
     * anchor at match time); full scans try them at every character.  A
     * pattern that is one phrase list is matched by the interpreter: it is
     * tried only where a phrase was confirmed, and JIT would cost more at
     * start-up (the git hook) than it saves. */
    ru->anchored = ru->req_phrase || ru->col_header; /* column rules: tried at cell starts */
    uint32_t opts = PCRE2_UTF | PCRE2_EXTENDED | (ru->anchored ? PCRE2_ANCHORED : 0);
    int one_list = !strncmp(raw, "{{list:", 7) && strstr(raw, "}}") && !strstr(raw, "}}")[2];
    lazy_re_init(&ru->pat, pat, opts, !c->r->no_jit && !(ru->req_phrase && one_list));
    char *why = NULL;
    if (c->r->no_jit || lazy_re_compile(&ru->pat, &why) == 0) return 0;
    fail(c, n, "pattern does not compile", why);
    free(why);
    return -1;
    return 0;
}

/* context: role: {lists: [...], before: N, after: N, lines: N, signature: true,
 * before_lists: [...]} — before_lists: other words for the window before the
 * value (a roll call's heading) than those after it (a position) */
static int parse_role(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    if (!n) return 0;
    ru->role_before = atoi(yamlx_get_str(c->d, n, "before", "0"));
    ru->role_after = atoi(yamlx_get_str(c->d, n, "after", "60"));
    ru->role_lines = atoi(yamlx_get_str(c->d, n, "lines", "0"));
    ru->role_signature = strcmp(yamlx_get_str(c->d, n, "signature", "false"), "true") == 0;
    size_t cnt;
    char **names = str_list(c, yamlx_get(c->d, n, "lists"), &cnt);
    char *e = NULL;
    if (cnt) ru->ctx_role = lexicon_compile(c->r, names, cnt, 0, &e);
    if (ru->ctx_role) ru->ctx_role_anchored = lexicon_compile(c->r, names, cnt, 1, &e);
    free_list(names, cnt);
    if (cnt && !ru->ctx_role) {
        fail(c, n, "role", e);
        free(e);
        return -1;
    }
    ru->ctx_role_before = ru->ctx_role;
    size_t bcnt;
    char **before = str_list(c, yamlx_get(c->d, n, "before_lists"), &bcnt);
    if (bcnt) ru->ctx_role_before = lexicon_compile(c->r, before, bcnt, 0, &e);
    free_list(before, bcnt);
    if (bcnt && !ru->ctx_role_before) {
        fail(c, n, "role", e);
        free(e);
        return -1;
    }
    return 0;
}

static int parse_context(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    ru->before = 40;
    ru->after = 15;
    if (!n) return 0;
    if (parse_role(c, yamlx_get(c->d, n, "role"), ru)) return -1;
    ru->before = atoi(yamlx_get_str(c->d, n, "before", "40"));
    ru->after = atoi(yamlx_get_str(c->d, n, "after", "15"));
    const char *rq = yamlx_get_str(c->d, n, "require_positive", "false");
    ru->require_positive = strcmp(rq, "true") == 0;
    const char *keys[2] = { "positive", "negative" };
    const lazy_re **dst[2] = { &ru->ctx_pos, &ru->ctx_neg };
    char **shown[2] = { &ru->pos_lists, &ru->neg_lists };
    for (int k = 0; k < 2; k++) {
        size_t cnt;
        char **names = str_list(c, yamlx_get(c->d, n, keys[k]), &cnt);
        char *e = NULL;
        if (cnt) *dst[k] = lexicon_compile(c->r, names, cnt, 0, &e);
        buf b;
        buf_init(&b);
        for (size_t i = 0; i < cnt; i++) buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
        if (cnt) *shown[k] = buf_steal(&b);
        buf_free(&b);
        free_list(names, cnt);
        if (cnt && !*dst[k]) {
            fail(c, n, "context", e);
            free(e);
            return -1;
        }
    }
    return 0;
}

static int parse_mask(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    const char *m = n ? yamlx_str(n) : "digits";
    if (!m) return fail(c, n, "mask must be digits, email, all or label:TEXT", NULL);
    if (strcmp(m, "digits") == 0) ru->mask = MASK_DIGITS;
    else if (strcmp(m, "email") == 0) ru->mask = MASK_EMAIL;
    else if (strcmp(m, "all") == 0) ru->mask = MASK_ALL;
    else if (strncmp(m, "label:", 6) == 0) {
        ru->mask = MASK_LABEL;
        ru->mask_label = xstrdup(m + 6);
    } else return fail(c, n, "mask must be digits, email, all or label:TEXT", m);
    return 0;
}

static int parse_laws(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    char **ids = str_list(c, n, &ru->nlaw);
    ru->law = xcalloc(ru->nlaw ? ru->nlaw : 1, sizeof *ru->law);
    for (size_t i = 0; i < ru->nlaw; i++) {
        const law_cite *l = law_find(c->r, ids[i]);
        if (!l) {
            fail(c, n, "unknown law id (see patterns/laws.yaml)", ids[i]);
            free_list(ids, ru->nlaw);
            ru->nlaw = 0;
            return -1;
        }
        ru->law[i] = xstrdup(l->cite);
    }
    free_list(ids, ru->nlaw);
    return 0;
}

/* The starts of the phrases of list `name` (normalized), or NULL with the
 * error recorded. */
static prefix_set *phrase_starts(rctx *c, const yamlx_node *n, const char *name)
{
    const lexicon *lx = rules_lexicon(c->r, name);
    if (!lx) {
        fail(c, n, "requires: unknown phrase list", name);
        return NULL;
    }
    for (size_t i = 0; i < lx->n; i++)
        if (!strncmp(lx->phrases[i], "re:", 3)) {
            fail(c, n, "requires: phrase lists must hold words, not re: patterns", name);
            return NULL;
        }
    prefix_set *ps = xcalloc(1, sizeof *ps);
    prefix_set_build(ps, lexicon_norms(c->r, name), lx->n);
    return ps;
}

/* requires: {digits: N [, then: LIST]}, {char: "@"} or {phrase: LIST
 * [, word_start: true]} — what every match contains. */
static int parse_requires(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    if (!n) return 0;
    const char *d = yamlx_get_str(c->d, n, "digits", NULL), *ch = yamlx_get_str(c->d, n, "char", NULL);
    const char *ph = yamlx_get_str(c->d, n, "phrase", NULL);
    if (ph) {
        if (!(ru->req_phrase = phrase_starts(c, n, ph))) return -1;
        ru->req_word_start = strcmp(yamlx_get_str(c->d, n, "word_start", "false"), "true") == 0;
    }
    if (d) {
        int v = atoi(d);
        if (v < 1) return fail(c, n, "requires: digits must be a positive number", d);
        ru->req_digits = (uint32_t)v;
        const char *then = yamlx_get_str(c->d, n, "then", NULL);
        if (then && !(ru->req_then = phrase_starts(c, n, then))) return -1;
    }
    if (ch) {
        if (strlen(ch) != 1 || (unsigned char)ch[0] >= 0x80)
            return fail(c, n, "requires: char must be one ASCII character", ch);
        ru->req_char = ch[0];
    }
    if (!d && !ch && !ph) return fail(c, n, "requires needs 'digits', 'char' or 'phrase'", NULL);
    return 0;
}

/* One phrase list as an anchored alternation, or -1 (a failure recorded). */
static int anchored_list(rctx *c, const yamlx_node *n, const char *what, const char *name, const lazy_re **out)
{
    if (!name) return 0;
    char *e = NULL, *names[1] = { (char *)name };
    if ((*out = lexicon_compile(c->r, names, 1, 1, &e))) return 0;
    fail(c, n, what, e);
    free(e);
    return -1;
}

/* key: LIST or [LIST, ...] of node n as a word set (none: *out stays NULL). */
static int set_of_lists(rctx *c, const yamlx_node *n, const char *key, const word_set **out)
{
    const yamlx_node *v = yamlx_get(c->d, n, key);
    if (!v) return 0;
    size_t cnt;
    char *one[1] = { (char *)yamlx_str(v) }, **names = one[0] ? one : str_list(c, v, &cnt);
    if (one[0]) cnt = 1;
    char *e = NULL;
    *out = lexicon_set(c->r, names, cnt, &e);
    if (!one[0]) free_list(names, cnt);
    if (*out) return 0;
    fail(c, n, key, e);
    free(e);
    return -1;
}

/* words: {start: true, end_before: LIST, end_known: [LIST...], max_last: N} — Thai word boundaries
 * around the match (words.c). */
static int parse_words(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    if (!n) return 0;
    ru->words_start = !strcmp(yamlx_get_str(c->d, n, "start", "false"), "true");
    ru->words_max_last = atoi(yamlx_get_str(c->d, n, "max_last", "0"));
    if (set_of_lists(c, n, "end_known", &ru->words_places)) return -1;
    return anchored_list(c, n, "words: end_before", yamlx_get_str(c->d, n, "end_before", NULL), &ru->words_end);
}

/* column: {header: LIST}; known: {first: LIST, last: LIST, confidence: X} */
static int parse_column_known(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    const yamlx_node *col = yamlx_get(c->d, n, "column"), *kn = yamlx_get(c->d, n, "known");
    if (col) {
        const char *h = yamlx_get_str(c->d, col, "header", NULL);
        if (!h) return fail(c, col, "column needs 'header': a phrase list", NULL);
        if (anchored_list(c, col, "column: header", h, &ru->col_header)) return -1;
        const yamlx_node *pair = yamlx_get(c->d, col, "pair");
        if (pair) {
            if (yamlx_len(pair) != 2) return fail(c, col, "column: pair needs two phrase lists", NULL);
            const char *g = yamlx_str(yamlx_item(c->d, pair, 0)), *f = yamlx_str(yamlx_item(c->d, pair, 1));
            if (!g || !f) return fail(c, col, "column: pair needs two phrase lists", NULL);
            if (anchored_list(c, col, "column: pair", g, &ru->col_given) ||
                anchored_list(c, col, "column: pair", f, &ru->col_family))
                return -1;
        }
        if (set_of_lists(c, col, "strip", &ru->col_strip)) return -1;
        ru->col_no_form = !strcmp(yamlx_get_str(c->d, col, "form", "true"), "false");
    }
    if (kn) {
        if (set_of_lists(c, kn, "first", &ru->known_first) || set_of_lists(c, kn, "last", &ru->known_last)) return -1;
        ru->known_boost = atof(yamlx_get_str(c->d, kn, "confidence", "0.2"));
        ru->known_required = !strcmp(yamlx_get_str(c->d, kn, "required", "false"), "true");
    }
    return 0;
}

/* tie: {within: N, severity:..., ...}; explain: {th, en}; todo: {th, en} */
static int parse_tie_and_explain(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    const yamlx_node *tie = yamlx_get(c->d, n, "tie");
    if (tie) {
        ru->tie_within = atoi(yamlx_get_str(c->d, tie, "within", "0"));
        if (ru->tie_within <= 0) return fail(c, tie, "tie needs 'within': a positive number of characters", NULL);
        const char *to = yamlx_get_str(c->d, tie, "to", "private");
        if (strcmp(to, "private") && strcmp(to, "any_name")) return fail(c, tie, "tie: 'to' must be private or any_name", to);
        ru->tie_any_name = !strcmp(to, "any_name");
        ru->tie_lines = atoi(yamlx_get_str(c->d, tie, "lines", "-1"));
        if (parse_effect(c, tie, &ru->on_tie)) return -1;
    }
    const char *keys[2] = { "explain", "todo" };
    char **th[2] = { &ru->explain_th, &ru->todo_th }, **en[2] = { &ru->explain_en, &ru->todo_en };
    for (int k = 0; k < 2; k++) {
        const yamlx_node *t = yamlx_get(c->d, n, keys[k]);
        if (!t) continue;
        const char *e = yamlx_get_str(c->d, t, "en", NULL), *h = yamlx_get_str(c->d, t, "th", e);
        if (!e) return fail(c, t, "explain and todo need 'en' (and 'th')", NULL);
        *en[k] = xstrdup(e);
        *th[k] = xstrdup(h);
    }
    return 0;
}

static int parse_rule(rctx *c, const yamlx_node *n, pdp_rule *ru)
{
    const char *id = yamlx_get_str(c->d, n, "id", NULL);
    const char *cat = yamlx_get_str(c->d, n, "category", NULL);
    if (!id || !cat) return fail(c, n, "rule needs 'id' and 'category'", NULL);
    ru->id = xstrdup(id);
    ru->category = xstrdup(cat);
    ru->file = xstrdup(c->path);
    ru->severity = PDP_SEV_MEDIUM;
    ru->action = PDP_ACT_REVIEW;
    const yamlx_node *v;
    if ((v = yamlx_get(c->d, n, "severity")) && parse_severity(c, v, &ru->severity)) return -1;
    if ((v = yamlx_get(c->d, n, "action")) && parse_action(c, v, &ru->action)) return -1;
    if (parse_requires(c, yamlx_get(c->d, n, "requires"), ru)) return -1;
    if (parse_column_known(c, n, ru)) return -1;
    if (compile_pattern(c, yamlx_get(c->d, n, "pattern"), ru)) return -1;
    ru->group = (uint32_t)atoi(yamlx_get_str(c->d, n, "group", "0"));
    const char *val = yamlx_get_str(c->d, n, "validator", NULL);
    if (val) {
        ru->validator_name = xstrdup(val);
        ru->validator = pdp_validator_find(val);
        if (!ru->validator) return fail(c, n, "unknown validator", val);
    }
    const char *fixed = yamlx_get_str(c->d, n, "normalized", NULL);
    if (fixed) ru->fixed_normalized = xstrdup(fixed);
    ru->confidence = atof(yamlx_get_str(c->d, n, "confidence", "0.6"));
    ru->priority = atoi(yamlx_get_str(c->d, n, "priority", "50"));
    ru->alone_on_line = !strcmp(yamlx_get_str(c->d, n, "alone_on_line", "false"), "true");
    ru->ocr_only = !strcmp(yamlx_get_str(c->d, n, "ocr_only", "false"), "true");
    ru->title_block = atoi(yamlx_get_str(c->d, n, "title_block", "0"));
    if (ru->title_block < 0) return fail(c, n, "title_block must be a number of characters", NULL);
    ru->quiets = str_list(c, yamlx_get(c->d, n, "quiets"), &ru->nquiets);
    if (ru->nquiets && !ru->title_block)
        return fail(c, n, "quiets needs title_block: a document's kind is read from its title block", NULL);
    if (parse_words(c, yamlx_get(c->d, n, "words"), ru)) return -1;
    const yamlx_node *msg = yamlx_get(c->d, n, "message");
    ru->msg_en = xstrdup(yamlx_get_str(c->d, msg, "en", id));
    ru->msg_th = xstrdup(yamlx_get_str(c->d, msg, "th", ru->msg_en));
    const yamlx_node *ex = yamlx_get(c->d, n, "examples");
    ru->must = str_list(c, yamlx_get(c->d, ex, "match"), &ru->nmust);
    ru->must_not = str_list(c, yamlx_get(c->d, ex, "no_match"), &ru->nmust_not);
    ru->quiet = str_list(c, yamlx_get(c->d, ex, "quiet"), &ru->nquiet);
    ru->flag = str_list(c, yamlx_get(c->d, ex, "flag"), &ru->nflag);
    if (parse_mask(c, yamlx_get(c->d, n, "mask"), ru)) return -1;
    if (parse_laws(c, yamlx_get(c->d, n, "law"), ru)) return -1;
    if (parse_context(c, yamlx_get(c->d, n, "context"), ru)) return -1;
    if (parse_effect(c, yamlx_get(c->d, n, "when_positive"), &ru->on_pos)) return -1;
    if (parse_effect(c, yamlx_get(c->d, n, "when_negative"), &ru->on_neg)) return -1;
    if (parse_effect(c, yamlx_get(c->d, n, "when_role"), &ru->on_role)) return -1;
    return parse_tie_and_explain(c, n, ru);
}

int rules_load_file(pdp_rules *r, const char *path, char **err)
{
    yamlx_doc d;
    if (rules_yaml_open(r, &d, path, err) != 0) return -1;
    rctx c = { r, &d, path, err };
    const yamlx_node *list = yamlx_get(&d, yamlx_root(&d), "rules");
    size_t n = yamlx_len(list);
    int rc = 0;
    if (!n) rc = fail(&c, yamlx_root(&d), "expected a top-level 'rules' sequence", NULL);
    r->rules = xrealloc(r->rules, (r->nrules + n + 1) * sizeof *r->rules);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        pdp_rule *ru = &r->rules[r->nrules++];
        memset(ru, 0, sizeof *ru);
        rc = parse_rule(&c, yamlx_item(&d, list, i), ru);
        for (size_t k = 0; rc == 0 && k + 1 < r->nrules; k++)
            if (strcmp(r->rules[k].id, ru->id) == 0)
                rc = fail(&c, yamlx_item(&d, list, i), "duplicate rule id", ru->id);
    }
    yamlx_close(&d);
    return rc;
}
