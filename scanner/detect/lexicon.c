/* lexicon.c — named phrase lists (patterns/lexicon/ files) and their
 * compilation into one PCRE2 alternation for context look-ups.
 *
 * File format:
 *   lists:
 *     id_labels:
 *       description: words that label a personal ID number
 *       phrases: [เลขประจำตัวประชาชน, บัตรประชาชน, ...]
 *
 * A phrase matches literally (after the same normalization as document
 * text, ignoring case, a space matching any spacing); a phrase written
 * "re:..." is a PCRE2 regular expression for the cases words cannot say.
 * A long list (the gazetteer's thousands of places) may instead name a
 * text file beside it, one phrase per line: `file: th-subdistricts.txt`. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "../normalize/normalize.h"
#include "../util/yamlx.h"

const lexicon *rules_lexicon(const pdp_rules *r, const char *name)
{
    for (size_t i = 0; i < r->nlex; i++)
        if (strcmp(r->lex[i].name, name) == 0) return &r->lex[i];
    return NULL;
}

/* The phrases of lx from `file` (one per line, '#' comments), a path
 * relative to the lexicon file at path. */
static int load_list_file(lexicon *lx, const char *path, const char *file, char **err)
{
    const char *slash = strrchr(path, '/');
    char *full = xasprintf("%.*s%s", slash ? (int)(slash - path + 1) : 0, path, file);
    gchar *text = NULL;
    gsize len = 0;
    GError *ge = NULL;
    if (!g_file_get_contents(full, &text, &len, &ge)) {
        *err = xasprintf("%s: list '%s': cannot read %s: %s", path, lx->name, file, ge->message);
        g_error_free(ge);
        free(full);
        return -1;
    }
    free(full);
    size_t cap = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\r' || line[l - 1] == ' ')) line[--l] = 0;
        if (!l || line[0] == '#') continue;
        if (lx->n == cap) lx->phrases = xrealloc(lx->phrases, (cap = cap ? 2 * cap : 256) * sizeof *lx->phrases);
        lx->phrases[lx->n++] = line; /* into the file's text, which the list keeps */
    }
    lx->block = text;
    return 0;
}

static int load_list(pdp_rules *r, yamlx_doc *d, const char *name, const yamlx_node *node,
                     const char *path, char **err)
{
    if (rules_lexicon(r, name)) {
        *err = xasprintf("%s:%zu: list '%s' is defined twice", path, yamlx_line(node), name);
        return -1;
    }
    const yamlx_node *ph = yamlx_get(d, node, "phrases");
    const char *file = yamlx_get_str(d, node, "file", NULL);
    size_t n = yamlx_len(ph);
    if (!n && !file) {
        *err = xasprintf("%s:%zu: list '%s' needs a 'phrases' sequence or a 'file'", path, yamlx_line(node), name);
        return -1;
    }
    r->lex = xrealloc(r->lex, (r->nlex + 1) * sizeof *r->lex);
    lexicon *lx = &r->lex[r->nlex++];
    *lx = (lexicon){ .name = xstrdup(name) };
    if (file) return load_list_file(lx, path, file, err);
    lx->phrases = xcalloc(n, sizeof *lx->phrases);
    for (size_t i = 0; i < n; i++) {
        const char *s = yamlx_str(yamlx_item(d, ph, i));
        if (s && *s) lx->phrases[lx->n++] = xstrdup(s);
    }
    return 0;
}

int lexicon_load_file(pdp_rules *r, const char *path, char **err)
{
    yamlx_doc d;
    if (rules_yaml_open(r, &d, path, err) != 0) return -1;
    const yamlx_node *lists = yamlx_get(&d, yamlx_root(&d), "lists");
    int rc = 0;
    if (!yamlx_map_len(lists)) {
        *err = xasprintf("%s: expected a top-level 'lists' mapping", path);
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < yamlx_map_len(lists); i++)
        rc = load_list(r, &d, yamlx_map_key(&d, lists, i), yamlx_map_val(&d, lists, i), path, err);
    yamlx_close(&d);
    return rc;
}

/* Append a phrase (as written, and normalized) to the pattern, with regex
 * metacharacters escaped; a space in a phrase matches any run of spaces or
 * none. */
static void append_phrase(buf *pat, const char *phrase, const char *norm)
{
    if (strncmp(phrase, "re:", 3) == 0) { /* a regular expression, as written */
        buf_printf(pat, "(?:%s)", phrase + 3);
        return;
    }
    for (const char *c = norm; *c; c++) {
        if (*c == ' ') {
            buf_puts(pat, "\\s*");
            while (c[1] == ' ') c++;
        } else if (strchr("\\^$.|?*+()[]{}/#-", *c)) {
            buf_putc(pat, '\\');
            buf_putc(pat, *c);
        } else {
            buf_putc(pat, *c);
        }
    }
}

char *lexicon_normalized(const char *phrase)
{
    buf norm;
    offmap map;
    buf_init(&norm);
    offmap_init(&map);
    thai_normalize(phrase, strlen(phrase), &norm, &map);
    offmap_free(&map);
    return buf_steal(&norm);
}

static lexicon *find_list(pdp_rules *r, const char *name)
{
    return (lexicon *)rules_lexicon(r, name);
}

const char *const *lexicon_norms(pdp_rules *r, const char *name)
{
    lexicon *lx = find_list(r, name);
    if (!lx) return NULL;
    if (!lx->norm) {
        lx->norm = xcalloc(lx->n ? lx->n : 1, sizeof *lx->norm);
        for (size_t i = 0; i < lx->n; i++)
            lx->norm[i] = strncmp(lx->phrases[i], "re:", 3) ? lexicon_normalized(lx->phrases[i]) : xstrdup(lx->phrases[i]);
    }
    return (const char *const *)lx->norm;
}

typedef struct phrase_rank {
    size_t len, i;
} phrase_rank;

/* Longer phrases (as written) first; of the same length, in list order. */
static int longer_first(const void *a, const void *b)
{
    const phrase_rank *x = a, *y = b;
    if (x->len != y->len) return x->len < y->len ? 1 : -1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Longest phrases first: an alternation takes the first that fits, and
 * "นางสาว" must win over "นาง". */
const char *lexicon_alternation(pdp_rules *r, const char *name)
{
    const char *const *norm = lexicon_norms(r, name);
    if (!norm) return NULL;
    lexicon *lx = find_list(r, name);
    if (lx->alt) return lx->alt;
    phrase_rank *order = xmalloc((lx->n ? lx->n : 1) * sizeof *order);
    for (size_t k = 0; k < lx->n; k++) order[k] = (phrase_rank){ strlen(lx->phrases[k]), k };
    qsort(order, lx->n, sizeof *order, longer_first);
    buf pat;
    buf_init(&pat);
    buf_puts(&pat, "(?:");
    for (size_t k = 0; k < lx->n; k++) {
        if (k) buf_putc(&pat, '|');
        append_phrase(&pat, lx->phrases[order[k].i], norm[order[k].i]);
    }
    buf_putc(&pat, ')');
    free(order);
    return lx->alt = buf_steal(&pat);
}

/* The lists joined into one alternation, each list longest phrase first,
 * into l (compiled now unless r compiles on first use). */
static int compile_lists(pdp_rules *r, char **names, size_t n, int anchored, lazy_re *l, char **err)
{
    buf pat;
    buf_init(&pat);
    buf_puts(&pat, "(?:");
    for (size_t i = 0; i < n; i++) {
        const char *alt = lexicon_alternation(r, names[i]);
        if (!alt) {
            *err = xasprintf("unknown phrase list '%s'", names[i]);
            buf_free(&pat);
            return -1;
        }
        if (i) buf_putc(&pat, '|');
        buf_puts(&pat, alt);
    }
    buf_putc(&pat, ')');
    /* Anchoring must be compiled in: JIT cannot anchor at match time. */
    lazy_re_init(l, buf_steal(&pat), PCRE2_UTF | PCRE2_CASELESS | (anchored ? PCRE2_ANCHORED : 0), !r->no_jit);
    if (r->no_jit) return 0;
    char *why = NULL;
    if (lazy_re_compile(l, &why) == 0) return 0;
    *err = xasprintf("phrase list does not compile: %s", why);
    free(why);
    return -1;
}

const lazy_re *lexicon_compile(pdp_rules *r, char **names, size_t n, int anchored, char **err)
{
    buf key;
    buf_init(&key);
    if (anchored) buf_putc(&key, '^');
    for (size_t i = 0; i < n; i++) {
        if (i) buf_putc(&key, ',');
        buf_puts(&key, names[i]);
    }
    for (size_t i = 0; i < r->nctx; i++)
        if (strcmp(r->ctx[i]->key, key.data) == 0) {
            buf_free(&key);
            return &r->ctx[i]->re;
        }
    ctx_regex *cx = xcalloc(1, sizeof *cx);
    if (compile_lists(r, names, n, anchored, &cx->re, err) != 0) {
        lazy_re_free(&cx->re);
        free(cx);
        buf_free(&key);
        return NULL;
    }
    cx->key = buf_steal(&key);
    r->ctx = xrealloc(r->ctx, (r->nctx + 1) * sizeof *r->ctx);
    r->ctx[r->nctx++] = cx;
    return &cx->re;
}

/* Word sets: hash tables of normalized phrases, built on first use (a git
 * hook that meets no address never pays for the gazetteer). */
static void word_set_build(word_set *ws)
{
    pthread_mutex_lock(&ws->lock);
    if (!atomic_load(&ws->ready)) {
        ws->set = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
        for (size_t i = 0; i < ws->nlists; i++)
            for (size_t k = 0; k < ws->lists[i]->n; k++) {
                char *w = lexicon_normalized(ws->lists[i]->phrases[k]);
                if (strlen(w) > ws->longest) ws->longest = strlen(w);
                g_hash_table_add(ws->set, w);
            }
        atomic_store(&ws->ready, 1);
    }
    pthread_mutex_unlock(&ws->lock);
}

int word_set_has(const word_set *cws, const char *s, size_t n)
{
    word_set *ws = (word_set *)cws; /* built lazily; logically const */
    if (!ws || n == 0) return 0;
    if (!atomic_load(&ws->ready)) word_set_build(ws);
    char tmp[256];
    if (n > ws->longest || n >= sizeof tmp) return 0;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    return g_hash_table_contains(ws->set, tmp);
}

void word_set_free(word_set *ws)
{
    if (!ws) return;
    free(ws->key);
    free(ws->lists);
    if (ws->set) g_hash_table_destroy(ws->set);
    pthread_mutex_destroy(&ws->lock);
    free(ws);
}

const word_set *lexicon_set(pdp_rules *r, char **names, size_t n, char **err)
{
    buf key;
    buf_init(&key);
    for (size_t i = 0; i < n; i++) buf_printf(&key, "%s%s", i ? "," : "", names[i]);
    for (size_t i = 0; i < r->nsets; i++)
        if (!strcmp(r->sets[i]->key, key.data)) {
            buf_free(&key);
            return r->sets[i];
        }
    word_set *ws = xcalloc(1, sizeof *ws);
    ws->key = buf_steal(&key);
    pthread_mutex_init(&ws->lock, NULL);
    ws->lists = xcalloc(n ? n : 1, sizeof *ws->lists);
    for (size_t i = 0; i < n; i++) {
        if (!(ws->lists[ws->nlists++] = rules_lexicon(r, names[i]))) {
            *err = xasprintf("unknown phrase list '%s'", names[i]);
            word_set_free(ws);
            return NULL;
        }
    }
    r->sets = xrealloc(r->sets, (r->nsets + 1) * sizeof *r->sets);
    r->sets[r->nsets++] = ws;
    return ws;
}
