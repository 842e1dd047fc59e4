/* explain.c — `pdpascan explain RULE-ID`: what one rule looks for, in the
 * user's language, from what patterns/ says about it (its clause, plain
 * explanation, what to do, cue phrase lists, context conditions and the
 * examples the tests run). */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../detect/rules.h"

#define MAX_SHOWN_PHRASES 16

static const char *pick(pdp_lang lang, const char *th, const char *en) { return lang == PDP_LANG_TH && th ? th : en; }

/* "name: a, b, c …" for each list named in the comma-separated `names`. */
static void lists(buf *b, const pdp_rules *r, const char *names)
{
    char *copy = xstrdup(names), *save = NULL;
    for (char *n = strtok_r(copy, ", ", &save); n; n = strtok_r(NULL, ", ", &save)) {
        const lexicon *lx = rules_lexicon(r, n);
        buf_printf(b, "    %s:", n);
        for (size_t i = 0; lx && i < lx->n && i < MAX_SHOWN_PHRASES; i++) buf_printf(b, "%s %s", i ? "," : "", lx->phrases[i]);
        if (lx && lx->n > MAX_SHOWN_PHRASES) buf_printf(b, " … (+%zu)", lx->n - MAX_SHOWN_PHRASES);
        buf_putc(b, '\n');
    }
    free(copy);
}

static void examples(buf *b, const char *title, char **v, size_t n)
{
    if (!n) return;
    buf_printf(b, "%s:\n", title);
    for (size_t i = 0; i < n; i++) buf_printf(b, "    %s\n", v[i]);
}

static void context(buf *b, const pdp_rules *r, const pdp_rule *ru, pdp_lang lang)
{
    if (!ru->pos_lists && !ru->neg_lists && !ru->tie_within) return;
    buf_printf(b, "%s:\n", pdp_message(r, "explain.context", lang));
    char before[16], after[16], within[16];
    snprintf(before, sizeof before, "%d", ru->before);
    snprintf(after, sizeof after, "%d", ru->after);
    snprintf(within, sizeof within, "%d", ru->tie_within);
    if (ru->pos_lists) {
        const char *k[] = { "before", "after" }, *v[] = { before, after };
        char *t = fill_template(pdp_message(r, "explain.positive", lang), k, v, 2);
        buf_printf(b, "  %s%s\n", t, ru->require_positive ? " (required)" : "");
        free(t);
        lists(b, r, ru->pos_lists);
    }
    if (ru->neg_lists) {
        buf_printf(b, "  %s\n", pdp_message(r, "explain.negative", lang));
        lists(b, r, ru->neg_lists);
    }
    if (ru->tie_within) {
        const char *k[] = { "n" }, *v[] = { within };
        char *t = fill_template(pdp_message(r, "explain.tie", lang), k, v, 1);
        buf_printf(b, "  %s\n", t);
        free(t);
    }
}

char *pdp_rule_explain(const pdp_rules *r, const char *id, pdp_lang lang)
{
    const pdp_rule *ru = rules_by_id(r, id);
    if (!ru) return NULL;
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s\n", ru->id);
    buf_printf(&b, "%s: %s%s%s%s\n", pdp_message(r, "explain.category", lang), ru->category,
               ru->fixed_normalized ? " (" : "", ru->fixed_normalized ? ru->fixed_normalized : "",
               ru->fixed_normalized ? ")" : "");
    buf_printf(&b, "%s: %s / %s\n", pdp_message(r, "explain.severity", lang), pdp_severity_name(ru->severity),
               pdp_action_name(ru->action));
    if (ru->nlaw) {
        buf_printf(&b, "%s:", pdp_message(r, "explain.law", lang));
        for (size_t i = 0; i < ru->nlaw; i++) buf_printf(&b, "%s %s", i ? "," : "", ru->law[i]);
        buf_putc(&b, '\n');
    }
    buf_printf(&b, "%s: %s\n", pdp_message(r, "explain.what", lang),
               pick(lang, ru->explain_th, ru->explain_en) ? pick(lang, ru->explain_th, ru->explain_en)
                                                          : pick(lang, ru->msg_th, ru->msg_en));
    if (ru->todo_en) buf_printf(&b, "%s: %s\n", pdp_message(r, "explain.todo", lang), pick(lang, ru->todo_th, ru->todo_en));
    if (ru->cue_lists) {
        buf_printf(&b, "%s:\n", pdp_message(r, "explain.cues", lang));
        lists(&b, r, ru->cue_lists);
    }
    context(&b, r, ru, lang);
    examples(&b, pdp_message(r, "explain.match", lang), ru->must, ru->nmust);
    examples(&b, pdp_message(r, "explain.no_match", lang), ru->must_not, ru->nmust_not);
    examples(&b, pdp_message(r, "explain.quiet", lang), ru->quiet, ru->nquiet);
    examples(&b, pdp_message(r, "explain.flag", lang), ru->flag, ru->nflag);
    buf_printf(&b, "%s: %s\n", pdp_message(r, "explain.file", lang), ru->file);
    return buf_steal(&b);
}
