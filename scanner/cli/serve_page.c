/* serve_page.c — the markup of `pdpascan serve` (see serve_page.h).
 *
 * Fully offline: no font, script or style from anywhere else; the words are
 * the messages of patterns/messages.yaml (serve.*), Thai first.  The page
 * works without script (a plain form post); the script only names the
 * chosen files, takes dropped ones and shows progress.  The policy allows
 * each inline style and script by its hash, so nothing injected into a
 * page can run. */
#include "serve_page.h"

#include <glib.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

static const char start_style[] =
    "body{font-family:'Noto Sans Thai','Garuda',sans-serif;margin:0;background:#f6f7f9;color:#1d2330}"
    "header{background:#1d3557;color:#fff;padding:12px 20px;display:flex;justify-content:space-between;"
    "align-items:center}h1{font-size:22px;margin:0}header a{color:#fff}"
    "main{max-width:760px;margin:20px auto;padding:0 16px}"
    ".drop{display:block;border:3px dashed #8d99ae;border-radius:10px;padding:36px 16px;text-align:center;"
    "background:#fff;font-size:19px;cursor:pointer;margin:12px 0}.drop.over{border-color:#1d3557;background:#e9f0fb}"
    ".drop input{display:block;margin:12px auto}#names{display:block;color:#1d3557;font-weight:bold}"
    "form label{display:block;margin:8px 0}button{font-size:20px;padding:10px 36px;background:#1d3557;color:#fff;"
    "border:0;border-radius:6px;cursor:pointer}button:disabled{background:#8d99ae}"
    ".bar{height:8px;background:#dfe3ea;border-radius:4px;overflow:hidden;margin-top:16px}"
    ".bar div{height:8px;width:40%;background:#1d3557;animation:go 1.2s linear infinite}"
    "@keyframes go{from{margin-left:-40%}to{margin-left:100%}}.privacy{color:#555;font-size:14px;margin-top:24px}";

static const char start_script[] =
    "var f=document.getElementById('f'),i=document.getElementById('file'),d=document.getElementById('drop'),"
    "n=document.getElementById('names'),b=document.getElementById('busy');"
    "function names(){var a=[];for(var k=0;k<i.files.length;k++)a.push(i.files[k].name);n.textContent=a.join(', ')}"
    "i.addEventListener('change',names);"
    "['dragenter','dragover'].forEach(function(e){d.addEventListener(e,function(v){v.preventDefault();"
    "d.classList.add('over')})});"
    "['dragleave','drop'].forEach(function(e){d.addEventListener(e,function(){d.classList.remove('over')})});"
    "d.addEventListener('drop',function(v){v.preventDefault();if(v.dataTransfer.files.length){"
    "i.files=v.dataTransfer.files;names()}});"
    "f.addEventListener('submit',function(){b.hidden=false;f.querySelector('button').disabled=true});";

/* The result page's own rules, beside the report's. */
static const char top_style[] =
    "<style>#bar{order:-2;display:flex;gap:18px;padding:8px 20px;background:#e9ecef}"
    "#downloads{order:-1}.dl{display:inline-block;margin:4px 10px 4px 0;padding:6px 12px;background:#1d3557;"
    "color:#fff;border-radius:5px;text-decoration:none}.nocopy{color:#7b2cbf}</style>";

static const char *msg(const pdp_rules *r, pdp_lang l, const char *key) { return pdp_message(r, key, l); }

static void put_esc(buf *b, const char *s)
{
    gchar *e = g_markup_escape_text(s ? s : "", -1);
    buf_puts(b, e);
    g_free(e);
}

/* "?lang=xx" and "&token=..." for a link (heap). */
static char *query(pdp_lang lang, const char *token)
{
    gchar *t = token ? g_uri_escape_string(token, NULL, FALSE) : NULL;
    char *q = xasprintf("?lang=%s%s%s", lang == PDP_LANG_EN ? "en" : "th", t ? "&amp;token=" : "", t ? t : "");
    g_free(t);
    return q;
}

static void head(buf *b, const pdp_rules *r, pdp_lang lang, const char *token, const char *style)
{
    buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                  "<link rel=\"icon\" href=\"data:,\"><title>",
               lang == PDP_LANG_EN ? "en" : "th");
    put_esc(b, msg(r, lang, "serve.title"));
    buf_printf(b, "</title><style>%s</style></head><body>\n<header><h1>", style);
    put_esc(b, msg(r, lang, "serve.title"));
    char *q = query(lang == PDP_LANG_EN ? PDP_LANG_TH : PDP_LANG_EN, token);
    buf_printf(b, "</h1><a href=\"/%s\">", q);
    free(q);
    put_esc(b, msg(r, lang, "serve.other_lang"));
    buf_puts(b, "</a></header>\n<main>\n");
}

char *page_start(const pdp_rules *r, pdp_lang lang, const char *token)
{
    buf b;
    buf_init(&b);
    head(&b, r, lang, token, start_style);
    buf_puts(&b, "<p>");
    put_esc(&b, msg(r, lang, "serve.intro"));
    char *q = query(lang, token);
    buf_printf(&b, "</p>\n<form id=\"f\" method=\"post\" action=\"/check%s\" enctype=\"multipart/form-data\">\n"
                   "<label id=\"drop\" class=\"drop\"><input id=\"file\" type=\"file\" name=\"file\" multiple required>",
               q);
    free(q);
    put_esc(&b, msg(r, lang, "serve.pick"));
    buf_puts(&b, "<span id=\"names\"></span></label>\n<label><input type=\"checkbox\" name=\"show\" value=\"1\"> ");
    put_esc(&b, msg(r, lang, "serve.show_values"));
    buf_puts(&b, "</label>\n<label><input type=\"checkbox\" name=\"copies\" value=\"1\" checked> ");
    put_esc(&b, msg(r, lang, "serve.copies"));
    buf_puts(&b, "</label>\n<button type=\"submit\">");
    put_esc(&b, msg(r, lang, "serve.submit"));
    buf_puts(&b, "</button>\n</form>\n<div id=\"busy\" hidden><div class=\"bar\"><div></div></div><p>");
    put_esc(&b, msg(r, lang, "serve.busy"));
    buf_puts(&b, "</p></div>\n<p class=\"privacy\">");
    put_esc(&b, msg(r, lang, "serve.privacy"));
    buf_printf(&b, "</p>\n</main>\n<script>%s</script>\n</body></html>\n", start_script);
    return b.data;
}

char *page_top(const pdp_rules *r, pdp_lang lang, const char *token)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, top_style);
    char *q = query(lang, token), *other = query(lang == PDP_LANG_EN ? PDP_LANG_TH : PDP_LANG_EN, token);
    buf_printf(&b, "<nav id=\"bar\"><a href=\"/%s\">", q);
    put_esc(&b, msg(r, lang, "serve.again"));
    buf_printf(&b, "</a><a href=\"/%s\">", other);
    put_esc(&b, msg(r, lang, "serve.other_lang"));
    buf_puts(&b, "</a></nav>\n");
    free(q);
    free(other);
    return b.data;
}

char *page_message(const pdp_rules *r, pdp_lang lang, const char *text, const char *token)
{
    buf b;
    buf_init(&b);
    head(&b, r, lang, token, start_style);
    buf_puts(&b, "<p class=\"message\">");
    put_esc(&b, text);
    char *q = query(lang, token);
    buf_printf(&b, "</p>\n<p><a href=\"/%s\">", q);
    free(q);
    put_esc(&b, msg(r, lang, "serve.again"));
    buf_puts(&b, "</a></p>\n</main>\n</body></html>\n");
    return b.data;
}

/* 'sha256-...' of every <tag>...</tag> block of html into b. */
static void hashes(buf *b, const char *html, const char *tag)
{
    char open[16], close[16];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    for (const char *p = html; (p = strstr(p, open));) {
        p += strlen(open);
        const char *e = strstr(p, close);
        if (!e) break;
        struct sha256_ctx c;
        uint8_t d[SHA256_DIGEST_SIZE];
        sha256_init(&c);
        sha256_update(&c, (size_t)(e - p), (const uint8_t *)p);
        sha256_digest(&c, sizeof d, d);
        gchar *b64 = g_base64_encode(d, sizeof d);
        if (!strstr(b->data ? b->data : "", b64)) buf_printf(b, " 'sha256-%s'", b64);
        g_free(b64);
        p = e;
    }
}

char *page_csp(const char *html)
{
    buf styles, scripts;
    buf_init(&styles);
    buf_init(&scripts);
    hashes(&styles, html, "style");
    hashes(&scripts, html, "script");
    char *csp = xasprintf("default-src 'none'; img-src data:; style-src%s; script-src%s; form-action 'self'; "
                          "base-uri 'none'; frame-ancestors 'none'",
                          styles.data ? styles.data : " 'none'", scripts.data ? scripts.data : " 'none'");
    buf_free(&styles);
    buf_free(&scripts);
    return csp;
}

char *page_result_csp(const pdp_rules *r)
{
    char *html = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&html, &len);
    if (!m) return NULL;
    char *err = NULL;
    pdp_report_opts o = { .rules = r, .html_top = top_style };
    pdp_report *rep = pdp_report_new("html", m, &o, &err);
    pdp_summary s = { 0 };
    if (rep) pdp_report_end(rep, &s);
    pdp_report_free(rep);
    free(err);
    fclose(m);
    char *csp = page_csp(html ? html : "");
    free(html);
    return csp;
}

char *page_own_csp(const pdp_rules *r)
{
    char *html = page_start(r, PDP_LANG_TH, NULL), *csp = page_csp(html);
    free(html);
    return csp;
}
