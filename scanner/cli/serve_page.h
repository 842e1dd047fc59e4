/* serve_page.h — the markup of `pdpascan serve` (serve_page.c): the page a
 * person drops files on, the controls at the top of a result page, short
 * answers, and the Content-Security-Policy each page is sent with. */
#ifndef PDP_SERVE_PAGE_H
#define PDP_SERVE_PAGE_H

#include "../include/pdpascan.h"

/* The start page (heap): a form that posts the files to /check, working
 * without script; with script, it shows progress while they go.  token:
 * carried in the form and links, or NULL. */
char *page_start(const pdp_rules *r, pdp_lang lang, const char *token);
/* The controls put at the top of a result page (heap). */
char *page_top(const pdp_rules *r, pdp_lang lang, const char *token);
/* A short page saying text (heap), for errors a person sees. */
char *page_message(const pdp_rules *r, pdp_lang lang, const char *text, const char *token);

/* The Content-Security-Policy for html (heap): nothing from anywhere but
 * this page's own inline styles and scripts, each allowed by its SHA-256,
 * pictures as data: URLs, forms posted here only. */
char *page_csp(const char *html);
/* The policy for result pages (heap), made once: the report's own styles
 * and script with the top controls'. */
char *page_result_csp(const pdp_rules *r);
/* The policy for the start page and the message pages (heap), made once:
 * their styles and script are the same whatever the words. */
char *page_own_csp(const pdp_rules *r);

#endif
