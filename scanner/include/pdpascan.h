/* pdpascan.h — the public API of libpdpascan.
 *
 * The library finds personal data and material that must not be published in
 * documents of Thai government agencies.  The pdpascan program, the tests,
 * the fuzzers and any server all use only this header.
 *
 * Use:
 *   pdp_rules *rules; char *err;
 *   if (pdp_rules_load(NULL, &rules, &err) != 0) { puts(err); free(err); }
 *   pdp_result res;
 *   pdp_scan_file(rules, "a.txt", NULL, NULL, &res);   // name, options: defaults
 *   for (size_t i = 0; i < res.nfindings; i++) ... res.findings[i] ...
 *   pdp_result_free(&res);
 *   pdp_rules_free(rules);
 *
 * Threads: a loaded pdp_rules is immutable and may be shared by any number of
 * threads scanning at once; each scan call uses only its own memory.  There
 * is no global mutable state.
 *
 * Privacy: nothing in the library prints.  Error strings it returns name
 * files and reasons, never the personal data found in them. */
#ifndef PDPASCAN_H
#define PDPASCAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PDP_VERSION "0.1.0"

typedef enum pdp_severity {
    PDP_SEV_INFO = 0,
    PDP_SEV_LOW,
    PDP_SEV_MEDIUM,
    PDP_SEV_HIGH
} pdp_severity;

typedef enum pdp_action { PDP_ACT_NONE = 0, PDP_ACT_REVIEW, PDP_ACT_REDACT } pdp_action;

typedef enum pdp_status {
    PDP_STATUS_OK = 0,   /* read completely */
    PDP_STATUS_SKIPPED,  /* not a document (image, program...): nothing to check */
    PDP_STATUS_PARTIAL,  /* some of it could not be read: `error` says what */
    PDP_STATUS_ERROR     /* could not be read at all: `error` says why */
} pdp_status;

typedef enum pdp_lang { PDP_LANG_EN = 0, PDP_LANG_TH } pdp_lang;

/* Where a finding is.  Unused fields are 0 / NULL. */
typedef struct pdp_location {
    long line;        /* 1-based line in text-like formats */
    int page;         /* 1-based page (PDF, slides) */
    int has_bbox;
    double bbox[4];   /* x0, y0, x1, y1 in PDF points, origin top-left */
    char *part;       /* zip part, "metadata", "html-comment", ... */
    char *sheet;
    char *cell;
    int hidden;       /* in a hidden or very hidden sheet */
} pdp_location;

/* One finding.  Strings marked (rules) belong to the pdp_rules the scan used
 * and live as long as it; the others belong to the result. */
typedef struct pdp_finding {
    const char *rule_id;    /* (rules) */
    const char *category;   /* (rules) contract category string */
    pdp_severity severity;
    pdp_action action;
    double confidence;      /* 0..1 */
    char *match;            /* the text exactly as it stands in the document */
    char *normalized;
    char *suggestion;       /* replacement text for a redacted copy */
    char *before, *after;   /* up to 40 characters of its line around match (for reports
                               people read; they may hold other values: mask them);
                               NULL unless pdp_options.with_context */
    uint64_t start, end;    /* byte offsets in the extracted UTF-8 text */
    pdp_location loc;
    const char *const *law; /* (rules) citations such as "PDPA s.27" */
    size_t nlaw;
    const char *message_th; /* (rules) */
    const char *message_en; /* (rules) */
    char fingerprint[17];   /* 16 hex digits, stable across runs and moves */
    const char *role;       /* (rules) "official", "agency", or NULL */
    int linked;             /* part of one person's record with other findings */
    long row;               /* 0-based line of the whole extracted text (a table row is one
                               line in every format): what "the same record" means */
    /* In a table row (cells separated by tabs): the row's first cell when it
     * is a short number (its ลำดับ, "๓"), and the header of the finding's
     * column (the last row of the table above it whose cells hold no digit);
     * NULL when there is none.  For people to find the one row among many. */
    char *row_label;
    char *column;
    /* A PDF finding over several lines (an address wrapped in its cell):
     * the box of its part on each line, x0, y0, x1, y1 like loc.bbox (their
     * union); NULL (nlines 0) when it lies on one line. */
    double (*lines)[4];
    size_t nlines;
} pdp_finding;

/* Everything one scanned input produced. */
typedef struct pdp_result {
    char *file;             /* the name as given */
    const char *format;     /* "text", "pdf", ... (static string) */
    char *encoding;         /* for text: "UTF-8", "windows-874", ...; or NULL */
    pdp_status status;
    char *error;            /* plain reason when status is not OK, else NULL */
    uint64_t bytes;         /* input bytes read */
    int pages;              /* 0 when the format has none */
    pdp_finding *findings;
    size_t nfindings;
    /* Documents inside this one (archive members, PDF attachments), each a
     * result of its own named "outer!/inner". */
    struct pdp_result *children;
    size_t nchildren;
    size_t suppressed;      /* findings left out by the allowlist, baseline or inline marker */
    /* file with each value found in a member or attachment name along it
     * (findings with part "name") replaced by its suggestion: the name
     * reports show when they mask values.  NULL when no name holds one. */
    char *shown_file;
    /* Set by pdp_allow_review: a person read this file, which pdpascan could
     * not read completely, and accepted it (the allowlist entry's reason).
     * Its status stays; it no longer counts as not checked. */
    char *reviewed;
} pdp_result;

/* Scan options; zero-initialise and set what you need, or pass NULL.  Every
 * limit reached makes the file `partial` (or `error`) with the reason. */
typedef struct pdp_options {
    size_t max_findings;    /* per file; 0 = 100000.  More makes the file partial. */
    uint64_t max_bytes;     /* a document read whole (PDF, ZIP...); 0 = 1 GiB */
    uint64_t max_expand;    /* bytes decompressed from one input, members included; 0 = 2 GiB */
    unsigned max_ratio;     /* a member's size / its compressed size; 0 = 200 */
    unsigned max_members;   /* parts or members of one container; 0 = 20000 */
    unsigned max_pages;     /* pages of one PDF; 0 = 20000 */
    unsigned max_depth;     /* documents inside documents; 0 = 4 */
    double max_seconds;     /* per input, members included; 0 = 300 */
    int full_scan;          /* run every rule over all text, ignoring `requires`
                               hints (slower; the results must be the same) */
    int with_context;       /* fill each finding's before/after (the text around it,
                               for reports people read); else they are NULL and a file
                               with many findings takes far less memory */
    const struct pdp_allow *allow; /* findings it matches are left out (counted in
                               pdp_result.suppressed); NULL: none */
    /* Called with the text exactly as the detectors read it, in order, to
     * show what was read (`pdpascan text`): when a piece starts (text NULL;
     * loc its location, sep what joins it to the text before: "\n", or "\t"
     * between the cells of one table row) and with each stretch of it (loc
     * NULL).  file is the result's name ("outer!/inner" inside a document).
     * NULL: not called. */
    void (*text_fn)(void *ctx, const char *file, const struct pdp_location *loc, const char *sep,
                    const char *text, size_t len);
    void *text_ctx;
    int scrub_metadata;     /* redacted copies (pdp_redact_buffer): clear the author and
                               last-modified-by fields altogether, found values or not */
    unsigned threads;       /* threads one input may read with (the pages of a PDF,
                               read at once, taken in page order: the result is the
                               same for any number); 0 = 1.  pdp_scan_batch gives each
                               input its share of b->jobs when it has fewer inputs */
    int ocr;                /* 1: read PDF pages with no text layer and image files
                               (PNG, JPEG, TIFF) by OCR when Tesseract is installed;
                               0: they stay unreadable / skipped */
    int ocr_dpi;            /* resolution scanned pages are rendered at for OCR; 0 = 300 */
    /* Called as an input's pages are read (a PDF's pages, a TIFF's, each
     * once, in page order): `done` pages of `total` (0 when not known
     * ahead: a TIFF) of `file`, the input's name.  For a progress display:
     * an OCR'd page takes a second or more.  Called on the thread reading
     * the input (pdp_scan_batch: on the caller's thread for inputs read in
     * worker processes, on the reading threads otherwise).  NULL: not called. */
    void (*page_fn)(void *ctx, const char *file, unsigned done, unsigned total);
    void *page_ctx;
} pdp_options;

/* Suppression: an allowlist (YAML `allow:` entries — value, pattern, path,
 * rule, each with a reason) and a baseline (fingerprints of findings
 * accepted earlier).  A finding matching either is left out of the result.
 * A line of text holding the marker `pdpascan:allow` suppresses the
 * findings on that line. */
typedef struct pdp_allow pdp_allow;
pdp_allow *pdp_allow_new(void);
void pdp_allow_free(pdp_allow *a);
/* Add the `allow:` entries of a YAML file; -1 with *err (file:line). */
int pdp_allow_load(pdp_allow *a, const char *path, char **err);
/* Add the fingerprints of a baseline file (as pdp_baseline_write makes). */
int pdp_allow_load_baseline(pdp_allow *a, const char *path, char **err);
/* Turn rule `rule` off (an entry with only a rule id). */
void pdp_allow_add_rule(pdp_allow *a, const char *rule, const char *reason);
int pdp_allow_match(const pdp_allow *a, const char *file, const struct pdp_finding *f);
/* A file res says could not be read completely (partial or error), named in
 * an entry {path, sha256, reason} whose sha256 is that of the file at path:
 * res->reviewed becomes the reason and its `unreadable` findings are left
 * out (counted as suppressed).  1 when so, else 0. */
int pdp_allow_review(const pdp_allow *a, struct pdp_result *res, const char *path);
/* Baseline lines for the findings above info of res and its children. */
void pdp_baseline_write(FILE *out, const struct pdp_result *res);

typedef struct pdp_rules pdp_rules;

/* Read patterns/ (rules, lexicons, laws, messages) from dir, or from the
 * default place when dir is NULL (see pdp_default_rules_dir).  Returns 0, or
 * -1 with *err a heap string naming the file and line at fault. */
int pdp_rules_load(const char *dir, pdp_rules **out, char **err);
/* The same with flags.  PDP_RULES_NO_JIT: no JIT compilation of patterns, and
 * each compiled on first use (a broken pattern is then reported by the scan
 * that first needs it, as an error) —
 * start-up is about twice as fast, matching slower; for scans of a few
 * small inputs (a git hook). */
#define PDP_RULES_NO_JIT 1u
/* PDP_RULES_CACHE: keep the parsed YAML files in the user's cache directory
 * and take them from there while their bytes are unchanged (start-up
 * without parsing; $PDPASCAN_CACHE_DIR, empty for none: docs/DESIGN.md "Start-up"). */
#define PDP_RULES_CACHE 2u
int pdp_rules_load_ex(const char *dir, unsigned flags, pdp_rules **out, char **err);
void pdp_rules_free(pdp_rules *r);
/* The directory the rules came from. */
const char *pdp_rules_dir(const pdp_rules *r);
/* With PDP_RULES_CACHE: the cache file of the parsed rule files (NULL when
 * there is none), and how many of the rule set's YAML files it gave. */
const char *pdp_rules_cache(const pdp_rules *r, size_t *from_cache, size_t *files);

/* A rule as loaded, for listing and explaining. */
typedef struct pdp_rule_info {
    const char *id, *category, *validator, *file;
    pdp_severity severity;
    pdp_action action;
    const char *const *law;
    size_t nlaw;
    const char *message_th, *message_en;
} pdp_rule_info;

size_t pdp_rules_count(const pdp_rules *r);
/* A hash of the program's version and every file of the rule set: results
 * cached under another version are not reused. */
const char *pdp_rules_version(const pdp_rules *r);
/* What rule `id` looks for, in plain words (its clause, explanation, what to
 * do, cue phrases, context conditions, examples): a heap string, or NULL
 * when there is no such rule. */
char *pdp_rule_explain(const pdp_rules *r, const char *id, pdp_lang lang);
void pdp_rules_get(const pdp_rules *r, size_t i, pdp_rule_info *out);

/* A user-interface string from patterns/messages.yaml in the given
 * language; falls back to English, then to the key itself. */
const char *pdp_message(const pdp_rules *r, const char *key, pdp_lang lang);
/* The same with each {keys[i]} in it replaced by vals[i] (n pairs): a heap
 * string ("explain.unknown" with {id}, the verdicts with their counts). */
char *pdp_message_fill(const pdp_rules *r, const char *key, pdp_lang lang,
                       const char *const *keys, const char *const *vals, size_t n);

/* Scanning.  name is what the result calls the input (defaults to path).
 * Each returns 0 when a result was produced (look at res->status), -1 only
 * for invalid arguments.  res is initialised by the call and must be freed
 * with pdp_result_free. */
int pdp_scan_file(const pdp_rules *r, const char *path, const char *name,
                  const pdp_options *opt, pdp_result *res);
int pdp_scan_fd(const pdp_rules *r, int fd, const char *name,
                const pdp_options *opt, pdp_result *res);
int pdp_scan_buffer(const pdp_rules *r, const void *data, size_t len, const char *name,
                    const pdp_options *opt, pdp_result *res);
void pdp_result_free(pdp_result *res);

/* A result for an input that was not scanned (a front end gave up on it: a
 * time limit, a size limit, a file that vanished): status error, why as
 * its reason.  Free with pdp_result_free. */
void pdp_result_error(pdp_result *res, const char *name, const char *why);

/* A result as bytes and back, to keep it in a cache or carry it from one
 * process to another (pdpascan's --cache and its worker processes do).
 * The bytes name rules by id: decode them with a rule set of the same
 * pdp_rules_version as the one that made the result.  pdp_result_encode
 * returns a heap buffer (free it) of *len bytes.  pdp_result_decode fills
 * *res under name (the same content may be met under another name); 0, or
 * -1 when the bytes are not a whole result of this encoding (*res is then
 * empty and needs no freeing). */
void *pdp_result_encode(const pdp_result *res, size_t *len);
/* The encoding's version: a cache keeps bytes under it and the rule set's
 * version, since bytes of another encoding do not decode. */
unsigned pdp_result_encoding(void);
int pdp_result_decode(const pdp_rules *r, const void *data, size_t len, const char *name, pdp_result *res);

/* Scanning many inputs, each under a time limit and, by default, in a worker
 * process of its own, so that a reader that crashes or hangs on a hostile
 * document costs that input an error result and not the batch (the
 * pdpascan program's scans, and any server or tool that reads documents it
 * did not write).  Results reach fn in input order, whatever the number of
 * jobs, and are freed after it returns. */
typedef struct pdp_input {
    const char *path;       /* a file, or "-" (standard input); the name results carry */
    const void *data;       /* set: the content, already in memory (len bytes) */
    size_t len;
    const char *error;      /* set: not scanned, an error result with this reason */
} pdp_input;

typedef struct pdp_batch {
    unsigned jobs;          /* threads or worker processes; 0 = 1 (at most 64 processes) */
    double timeout;         /* seconds one input may take; 0 = no limit */
    int threads;            /* read on threads in this process: no crash isolation, and
                             * an input past the time limit leaves its thread running */
    /* Optional result cache, called from any thread: lookup fills *res (under
     * in[i].path) and returns 1 when the input's result is known; store keeps
     * a new result (never an error).  An input given by data is not looked up. */
    int (*lookup)(void *cache_ctx, size_t i, pdp_result *res);
    void (*store)(void *cache_ctx, size_t i, const pdp_result *res);
    void *cache_ctx;
} pdp_batch;

typedef void (*pdp_batch_fn)(void *ctx, pdp_result *res);

/* Scan in[0..n) as b says, passing each result to fn (on the calling thread).
 * Worker processes are forks of the caller, ended before the call returns;
 * SIGPIPE is ignored from then on (a worker that dies must not end the
 * caller).  Returns the number of
 * inputs whose threads (b->threads) were still reading when given up on:
 * when not 0 the caller must end the process (_exit) once its reports are
 * written, since those threads may still read the rules and options. */
size_t pdp_scan_batch(const pdp_rules *r, const pdp_options *opt, const pdp_input *in, size_t n,
                      const pdp_batch *b, pdp_batch_fn fn, void *ctx);

/* What an input is, from its first bytes (up to 64 KiB; never its name), as
 * a scan would decide: "text", "html", "pdf", "zip" (Office, ODF or an
 * archive), "ole", "image" or "binary" (skipped).  Whether a document is
 * read by pdpascan's own code (text) or by a library for its format (the
 * rest), which a caller may want to isolate in a process of its own. */
const char *pdp_sniff_format(const void *head, size_t n);

/* The legal clauses a document touches, for its summary ("may contain
 * s.15(5) material: 3 passages"): findings above info of the categories
 * oia_s14, oia_s15, sensitive_data and classification_mark, counted per
 * category and normalized value.  Fills at most max entries (strings
 * borrowed from res) and returns how many. */
typedef struct pdp_clause {
    const char *category;
    const char *clause;     /* e.g. "15(5)", "health", "ลับมาก" */
    size_t passages;
} pdp_clause;
size_t pdp_result_clauses(const pdp_result *res, pdp_clause *out, size_t max);

/* text as the detectors see it after the Thai normalizer (digits as ASCII,
 * marks in order, broken vowels repaired; docs/WHAT-IS-FOUND.md): a heap
 * string of *out_len bytes. */
char *pdp_normalize(const char *text, size_t len, size_t *out_len);

/* A display form of a value with most characters masked, for reports that
 * must not show it (heap string). */
char *pdp_mask_display(const char *value);

/* Reports: results in, a report out, in the formats of CONTRACT.md —
 * "text" (for people, Thai or English), "jsonl", "json", "sarif", "csv",
 * "html".  Give each input's result in input order (pdp_report_file; the
 * documents inside it come first, each a file of its own), then the totals
 * (pdp_report_end, made with pdp_summary_add).  Values are masked in the
 * people's formats unless show_values, and in every format with
 * mask_values (reports that leave the machine).  out stays the caller's. */
/* The version of the JSON Lines / JSON records (docs/CONTRACT.md), in the
 * summary record's "schema": raised when a record changes in a way a reader
 * must know of (fields are only ever added). */
#define PDP_REPORT_SCHEMA 1

typedef struct pdp_report_opts {
    const pdp_rules *rules;   /* for messages */
    pdp_lang lang;
    int color;                /* text: ANSI colours */
    int show_values;          /* text: print values as they are */
    int mask_values;          /* every format: mask match and normalized */
    pdp_severity fail_on;     /* the verdict's level */
    /* html only, for a front end that serves the page (pdpascan serve): */
    int list_clean;           /* a section for every file, clean ones too */
    unsigned pictures_per_file; /* PDF pages pictured per file, those with findings first
                                 * to last (0: the first 3; at most 100 a report) */
    const char *html_top;     /* markup put first in the page's body (its own controls) */
    void (*html_bottom)(void *ctx, FILE *out); /* adds markup before the page ends */
    void *html_ctx;
    /* the bytes of a result's file for its page pictures when they are not
     * at its path (a document held in memory): NULL when unknown.  NULL:
     * read the path. */
    const void *(*source)(void *ctx, const char *file, size_t *len);
} pdp_report_opts;

/* Run totals.  Zero it, add each result, set seconds (and cached, scanned
 * when a cache answered) before pdp_report_end. */
typedef struct pdp_summary {
    size_t files, findings, errors, partial, skipped, suppressed;
    size_t cached, scanned;            /* results reused from a cache, files looked up and scanned */
    size_t blocking, files_blocking;   /* findings at or above fail_on, and their files */
    uint64_t bytes;
    double seconds;
    size_t reviewed;                   /* files not read completely that a person accepted (not in errors) */
} pdp_summary;
/* Add one result (and the documents inside it) to the totals; errors count
 * the files not read completely (error or partial): never clean. */
void pdp_summary_add(pdp_summary *s, const pdp_result *res, pdp_severity fail_on);

/* One file's verdict for the person about to publish it, its documents
 * inside counted in: BLOCK when a finding at or above fail_on is to be
 * redacted; else UNCHECKED when the file or one inside it was not read
 * completely (partial, error, or skipped: an image may hold anything) and
 * no person accepted it (pdp_allow_review); else REVIEW when a finding is
 * at or above fail_on, or above info and to be reviewed or redacted; else
 * CLEAN.  Never CLEAN for what was not read. */
typedef enum pdp_verdict { PDP_VERDICT_CLEAN = 0, PDP_VERDICT_REVIEW, PDP_VERDICT_BLOCK, PDP_VERDICT_UNCHECKED } pdp_verdict;
pdp_verdict pdp_result_verdict(const pdp_result *res, pdp_severity fail_on);
/* "clean", "review", "block", "unchecked" (the key of its messages:
 * file.verdict.NAME). */
const char *pdp_verdict_name(pdp_verdict v);

typedef struct pdp_report pdp_report;
/* NULL with *err (heap) for an unknown format. */
pdp_report *pdp_report_new(const char *format, FILE *out, const pdp_report_opts *o, char **err);
void pdp_report_file(pdp_report *r, const pdp_result *res);
void pdp_report_end(pdp_report *r, const pdp_summary *s);
void pdp_report_free(pdp_report *r);

/* A review copy of the PDF at in, written whole to out: the original with
 * one highlight annotation per finding of res above info that has a box
 * (red: action redact, amber: review), its note the category, the reason,
 * the law and the suggestion in lang — the value itself only with
 * show_values.  res is in's scan.  0 with *nnotes the highlights written,
 * or -1 with *err (heap): not a PDF, no PDF writer, cannot write.  It reads
 * in with poppler in this process: isolate it as pdp_scan_batch does for a
 * file you did not write. */
int pdp_annotate_pdf(const pdp_rules *r, const pdp_result *res, const char *in, const char *out, pdp_lang lang,
                     int show_values, size_t *nnotes, char **err);
/* The same for a PDF or a Word document (DOCX): a DOCX gets one Word
 * comment per finding of its body above info, on the paragraph that holds
 * it (the k-th finding of a value on the k-th paragraph holding it), every
 * other part as it was; *nnotes the comments placed.  Other formats: -1
 * with the reason. */
int pdp_annotate(const pdp_rules *r, const pdp_result *res, const char *in, const char *out, pdp_lang lang,
                 int show_values, size_t *nnotes, char **err);

/* Redacted copies.  What one copy replaced, by category (strings borrowed
 * from the rules): never the values. */
typedef struct pdp_redacted_count {
    const char *category;
    size_t count;
} pdp_redacted_count;
typedef struct pdp_redacted {
    pdp_redacted_count *categories;
    size_t ncategories, total;
    size_t pages_as_pictures; /* PDF pages whose text could not be matched to
                                 its glyphs, redacted as pictures (no text layer) */
} pdp_redacted;
void pdp_redacted_free(pdp_redacted *d);

/* A copy of the document data[0, len) with each finding whose action is at
 * or above level (PDP_ACT_REDACT, or PDP_ACT_REVIEW for those too)
 * replaced by its suggestion, in the same format.  The copy is scanned
 * again and refused when anything at that level is still found in it, or
 * when a replaced value still stands in its bytes (as written, normalized,
 * or as the digits of a number, Thai or ASCII, separators left out).  0
 * with *copy (heap, *copy_len bytes) and *done filled; or -1 with *err
 * (heap): not read completely, a format with no writer (PDF, DOCX, XLSX,
 * PPTX, ODF, HTML, text, CSV and ZIP have one), or the copy failed its
 * check.  A document
 * with nothing to redact comes back unchanged (done->total 0). */
int pdp_redact_buffer(const pdp_rules *r, const void *data, size_t len, const char *name, const pdp_options *opt,
                      pdp_action level, pdp_redacted *done, void **copy, size_t *copy_len, char **err);

const char *pdp_severity_name(pdp_severity s);
const char *pdp_action_name(pdp_action a);
const char *pdp_status_name(pdp_status s);
/* Parse "high"/"medium"/"low"/"info"; returns 0 on success. */
int pdp_severity_parse(const char *s, pdp_severity *out);

#ifdef __cplusplus
}
#endif
#endif
