/* rules.h — the detection knowledge loaded from patterns/.
 *
 * pdp_rules holds everything patterns/ says: rules (pattern, validator,
 * context, severity, law, messages, examples), named phrase lists
 * (lexicon/), law citations (laws.yaml) and user-interface messages
 * (messages.yaml).  It is built once by pdp_rules_load and never changed
 * afterwards, so scanning threads share it freely. */
#ifndef PDP_RULES_H
#define PDP_RULES_H

#include "lazyre.h"

#include <pthread.h>
#include <stdatomic.h>

#include "../include/pdpascan.h"
#include "../util/buf.h"
#include "headtrie.h"
#include "letter_stream.h"
#include "prefix.h"

/* A validator checks a candidate (normalized text) and writes its canonical
 * form; returns 1 when the candidate is real. */
typedef int (*pdp_validator_fn)(const char *s, size_t n, buf *normalized);
pdp_validator_fn pdp_validator_find(const char *name);

typedef enum mask_style { MASK_DIGITS = 0, MASK_EMAIL, MASK_ALL, MASK_LABEL } mask_style;

/* What a context condition changes when it holds. */
typedef struct ctx_effect {
    int set_severity, set_action;
    pdp_severity severity;
    pdp_action action;
    char *category;     /* NULL: unchanged */
    double confidence;  /* added to the rule's confidence */
    char *msg_th, *msg_en; /* NULL: the rule's message */
    char *role;            /* "official", "agency"... or NULL */
} ctx_effect;

typedef struct pdp_rule {
    char *id, *category, *file;
    char *validator_name;
    pdp_validator_fn validator;
    lazy_re pat;              /* the pattern */
    int anchored;             /* compiled anchored: tried only at given starts (phrase
                                 starts, table cells); full scans try every character */
    uint32_t group;           /* capture group holding the value; 0 = whole match */
    char *fixed_normalized;   /* `normalized:` in the rule, else NULL */
    pdp_severity severity;
    pdp_action action;
    double confidence;
    int priority;             /* wins overlaps */
    uint32_t req_digits;      /* every match holds this many digits (0: no promise) */
    char req_char;            /* every match holds this byte (0: no promise) */
    prefix_set *req_phrase;   /* every match begins with one of these phrases (NULL: no promise) */
    int req_word_start;       /* ... and no Thai letter stands right before it */
    prefix_set *req_then;     /* with req_digits: a digit zone counts only when one of
                                 these phrases follows it (past up to 3 spaces or commas) */
    mask_style mask;
    char *mask_label;
    char **law;
    size_t nlaw;
    char *msg_th, *msg_en;
    /* context (owned by pdp_rules.ctx) */
    const lazy_re *ctx_pos, *ctx_neg;
    int before, after;        /* window, in characters */
    int require_positive;
    ctx_effect on_pos, on_neg;
    /* role: words saying the person acts in office (positions after a name,
     * possibly on the next lines) or that a contact is the agency's */
    const lazy_re *ctx_role, *ctx_role_anchored;
    const lazy_re *ctx_role_before; /* words before the value (before_lists), or ctx_role */
    int role_before, role_after, role_lines;
    int role_signature;       /* "(name)" alone on its line counts as role */
    ctx_effect on_role;
    int alone_on_line;        /* the match must stand alone on its line (stamps) */
    int ocr_only;             /* only in text read by OCR (a misreading repaired) */
    int title_block;          /* > 0: the match must begin within the document's first
                                 title_block characters (its title block) */
    char **quiets;            /* in a document of this kind, findings of these clauses
                                 ("category" or "category normalized") not tied to a
                                 person are info (policy_document_kind) */
    size_t nquiets;
    /* words: Thai word boundaries (ICU) around the match (words.c) */
    int words_start;          /* after a Thai letter, the match must begin a word */
    const struct word_set *words_places; /* end_known: the value ends after the
                                 last known place in its last part, else ... */
    const lazy_re *words_end; /* end_before: ... at the first word boundary inside
                                 its last part where one of these phrases begins */
    int words_max_last;       /* max_last: then its last part holds at most this many characters */
    /* column: tried only in table cells under a header cell beginning with
     * one of these phrases (anchored; columns.c) */
    const lazy_re *col_header;
    int col_no_form;          /* form: false — a header cell is never a form's label
                                 followed by its value in the next cell */
    /* column: pair — a given-name column right before a family-name column,
     * headed by a whole cell of each list; strip: titles left out of the
     * given-name cell */
    const lazy_re *col_given, *col_family;
    const struct word_set *col_strip;
    /* known: the value's first / last word is a phrase of these lists:
     * confidence rises by known_boost (sets owned by pdp_rules.sets) */
    const struct word_set *known_first, *known_last;
    double known_boost;
    int known_required;       /* ... and a value with neither is no match */
    /* tie: within this many bytes of a private person's name or identifier
     * found in the same document part, on_tie applies (0: no tie) */
    int tie_within;
    int tie_any_name;         /* officials' names count too (disciplinary cases) */
    int tie_lines;            /* >= 0: the person's line is at most this many lines away */
    ctx_effect on_tie;
    /* for `pdpascan explain`: plain-language text and what the rule uses */
    char *explain_th, *explain_en, *todo_th, *todo_en;
    char *cue_lists;          /* phrase lists in the pattern, joined by ", " */
    char *pos_lists, *neg_lists;
    /* examples the test suite runs */
    char **must, **must_not, **quiet; /* quiet: may match, never above info */
    char **flag;                      /* flag: must match at medium or above */
    size_t nmust, nmust_not, nquiet, nflag;
} pdp_rule;

typedef struct lexicon {
    char *name;
    char **phrases;
    size_t n;
    char *block;        /* a `file:` list: the file's text, which phrases point into */
    char **norm;        /* lexicon_norms: made while loading, when first needed */
    char *alt;          /* lexicon_alternation: likewise */
} lexicon;

typedef struct law_cite {
    char *id, *cite, *th, *en;
} law_cite;

typedef struct ui_message {
    char *key, *th, *en;
} ui_message;

#define HEAD_HASH_BITS 16

/* The rules tried at phrase starts (`requires: phrase`), with where any of
 * them may start: built once when the rules are loaded (phrase.c), used by
 * every scan.  Rule k of rs is bit k of the masks. */
typedef struct phrase_index {
    const struct pdp_rule **rs;
    size_t n;
    headtrie heads;           /* every rule's phrase heads */
    uint64_t all, inner;      /* all rules; those that may start inside a word */
    letter_keys keys;         /* the heads' first letters, to find where they may begin (letter_stream.h) */
    /* Before a head of four letters or more is looked up (may_start in
     * phrase.c): bit letters_hash() of the first four letters of each head
     * of four to seven letters (three: with every fourth) in short4, of the
     * first eight of each longer one in eight; unsure: a head of one or two
     * letters may end before a letter, so that no place is passed over. */
    uint8_t *short4, *eight;
    int unsure;
} phrase_index;

void phrase_index_build(pdp_rules *r);
void phrase_index_free(phrase_index *px);

/* Phrase lists as a set of whole words (normalized), for exact look-ups
 * (given and family names, the gazetteer's places): built once, shared. */
typedef struct word_set {
    char *key;              /* the list names joined by ',' */
    const struct lexicon **lists;
    size_t nlists;
    pthread_mutex_t lock;   /* the set is built on first use */
    atomic_int ready;
    struct _GHashTable *set;
    size_t longest;         /* bytes of the longest phrase */
} word_set;

/* Is s[0, n) a phrase of ws? */
int word_set_has(const word_set *ws, const char *s, size_t n);

/* A compiled context look-up, shared by every rule naming the same lists. */
typedef struct ctx_regex {
    char *key;          /* the list names joined by ',', "^" in front when anchored */
    lazy_re re;
} ctx_regex;

struct pdp_rules {
    char *dir;
    ctx_regex **ctx;
    size_t nctx;
    word_set **sets;
    size_t nsets;
    pdp_rule *rules;
    size_t nrules;
    lexicon *lex;
    size_t nlex;
    law_cite *laws;
    size_t nlaws;
    ui_message *msgs;
    size_t nmsgs;
    phrase_index phrases;
    unsigned zone_floor;      /* the fewest digits a rule without `then` requires
                                 (its zones are found among detect_scratch.big) */
    int no_jit;               /* PDP_RULES_NO_JIT: patterns are not JIT-compiled and
                                 are compiled on first use (lazyre.h) */
    struct yaml_preload *preload; /* while loading: the files parsed ahead */
    char *cache_path;         /* PDP_RULES_CACHE: the cache file (rule_cache.h), or NULL */
    size_t nfiles, cached_files; /* the YAML files, and how many came from the cache */
    char version[41];         /* pdp_rules_version, computed on first use */
    pthread_mutex_t version_lock;
};

/* rule_files.c: the rule set's YAML files read and parsed ahead (paths in
 * loading order, under dir; the strings and array are taken over), from
 * the cache file `cache` (rule_cache.h; NULL for none) when their bytes
 * are unchanged. */
typedef struct yaml_preload yaml_preload;
yaml_preload *rule_files_read(const char *dir, char **paths, size_t n, const char *cache);
/* How many of them the cache gave, of *files. */
size_t rule_files_cached(const yaml_preload *p, size_t *files);
void rule_files_free(yaml_preload *p);
/* Open a rule-set YAML file: from the files read ahead while loading,
 * else now (yamlx_open's contract). */
struct yamlx_doc;
int rules_yaml_open(pdp_rules *r, struct yamlx_doc *d, const char *path, char **err);
/* The same, and its top-level mapping `key` in *out (an error when the
 * file has none, or an empty one). */
struct yamlx_node;
int rules_yaml_open_map(pdp_rules *r, struct yamlx_doc *d, const char *path, const char *key,
                        const struct yamlx_node **out, char **err);

/* Loading steps (each returns 0, or -1 with *err naming file and line). */
int lexicon_load_file(pdp_rules *r, const char *path, char **err);
int laws_load(pdp_rules *r, const char *path, char **err);        /* laws.c */
int messages_load(pdp_rules *r, const char *path, char **err);    /* messages.c */
int rules_load_file(pdp_rules *r, const char *path, char **err);
/* The citation with this id (patterns/laws.yaml), or NULL. */
const law_cite *law_find(const pdp_rules *r, const char *id);

const lexicon *rules_lexicon(const pdp_rules *r, const char *name);
/* The rule with this id, or NULL. */
const pdp_rule *rules_by_id(const pdp_rules *r, const char *id);
/* A phrase as document text is normalized (heap). */
char *lexicon_normalized(const char *phrase);
/* While loading (these fill the list's own fields, made once):
 * the list's phrases normalized (a "re:" phrase as written), and the list
 * as a regex alternation "(?:a|b|...)"; NULL when there is no such list. */
const char *const *lexicon_norms(pdp_rules *r, const char *name);
const char *lexicon_alternation(pdp_rules *r, const char *name);
/* The phrase lists as one alternation (phrases normalized like document
 * text), built once per rule set and owned by it (compiled at once, or on
 * first use: lazyre.h); NULL with *err when a list is unknown or, compiled
 * at once, does not compile. */
const lazy_re *lexicon_compile(pdp_rules *r, char **names, size_t n, int anchored, char **err);
/* The lists as a word set (owned by r), or NULL with *err. */
const word_set *lexicon_set(pdp_rules *r, char **names, size_t n, char **err);
void word_set_free(word_set *ws);

#endif
