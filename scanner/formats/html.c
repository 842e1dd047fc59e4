/* html.c — web pages through libxml2's HTML parser.
 *
 * The charset comes from a BOM, then a <meta> charset in the first 4 KB
 * unless the bytes plainly contradict it (page_charset), then the bytes
 * (UTF-8, or TIS-620/windows-874, common on Thai sites); the page is
 * converted to UTF-8 with ICU, and NULs made spaces, before parsing.  Scanned, each as a piece with
 * its line: visible text; and what a visitor does not see but can read —
 * comments (part html-comment), attribute values that carry text (title, alt,
 * value, placeholder, content, data-*, mailto:/tel: links; part attribute),
 * inline scripts (part script, their \uXXXX escapes written out); images
 * written into the page (data: URLs) read by OCR when it is on, each as a
 * document of its own (page.html!/image-1).  Styles are left out. */
#include <ctype.h>
#include <glib.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../extract/extract.h"
#include "../util/buf.h"
#include "../util/utf8.h"

/* Charset named by a <meta> in the first 4 KB, or NULL (heap). */
static char *meta_charset(const unsigned char *d, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp((const char *)d + i, "charset=", 8) != 0) continue;
        size_t j = i + 8;
        while (j < n && (d[j] == '"' || d[j] == '\'' || d[j] == ' ')) j++;
        size_t k = j;
        while (k < n && (isalnum(d[k]) || d[k] == '-' || d[k] == '_' || d[k] == '.' || d[k] == ':')) k++;
        if (k > j && k - j < 40) return xstrndup((const char *)d + j, k - j);
    }
    return NULL;
}

static int text_attr(const char *name, const char *value)
{
    static const char *names[] = { "title", "alt", "value", "placeholder", "content", "aria-label", "label",
                                   "summary", "data" };
    if (!strncasecmp(name, "data-", 5)) return 1;
    if (!strcasecmp(name, "href") || !strcasecmp(name, "src"))
        return !strncasecmp(value, "mailto:", 7) || !strncasecmp(value, "tel:", 4);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcasecmp(name, names[i])) return 1;
    return 0;
}

/* Where the next text piece goes: table cells of one row on one line, one
 * tab per column, a cell's own pieces joined by spaces. */
typedef struct walk_state {
    extract_ctx *x;
    int row_cells;    /* cells opened in the current row */
    int tabs;         /* tabs owed before the next cell text */
    int new_row;      /* the next cell text starts a line */
    int in_cell;
    int glue;         /* no block boundary since the last text: the next text continues its line */
    int images;       /* data: images read so far (their names: image-1, image-2...) */
} walk_state;

/* Elements that sit inside a line of text: their text continues the text
 * around them ("นาย <b>ไกรสีห์</b> รัตนเศียร" is one name).  Every other
 * element starts and ends a block. */
static int inline_tag(const char *tag)
{
    static const char *const tags[] = { "a",    "abbr", "b",   "bdi",  "bdo",  "cite",   "code",  "data", "del",
                                        "dfn",  "em",   "font", "i",   "ins",  "kbd",    "mark",  "q",    "s",
                                        "samp", "small", "span", "strike", "strong", "sub", "sup",  "time", "tt",
                                        "u",    "var",  "label", "big", "nobr", "wbr" };
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (!strcasecmp(tag, tags[i])) return 1;
    return 0;
}

static void piece(walk_state *w, long line, const char *part, const char *text)
{
    size_t len = strlen(text), i = 0;
    while (i < len && isspace((unsigned char)text[i])) i++;
    if (i == len) { /* white space between inline elements still parts words */
        if (len && !part && !w->in_cell && w->glue) docscan_text(w->x->ds, " ", 1);
        return;
    }
    char sep[MAX_CELL_TABS + 2] = "\n";
    if (!part && !w->in_cell && w->glue) sep[0] = 0; /* inline markup: the same line */
    w->glue = !part;
    if (!part && w->in_cell) {
        if (w->new_row) {
            w->new_row = 0;
        } else if (w->tabs) {
            int n = w->tabs < MAX_CELL_TABS ? w->tabs : MAX_CELL_TABS;
            memset(sep, '\t', (size_t)n);
            sep[n] = 0;
        } else if (!isspace((unsigned char)text[0])) {
            strcpy(sep, " "); /* "<b>given</b> family": one space, not two */
        } else {
            sep[0] = 0;
        }
        w->tabs = 0;
    }
    docscan_piece_sep(w->x->ds, &(pdp_location){ .line = line > 0 ? line : 0, .part = (char *)part }, sep);
    docscan_text(w->x->ds, text, len);
}

static void walk(walk_state *w, xmlNodePtr n, int depth);

/* An image written into the page (src="data:image/png;base64,..."), read
 * by OCR as a document of its own (page.html!/image-1) when OCR is on. */
static void data_image(walk_state *w, const char *src)
{
    extract_ctx *x = w->x;
    const char *b64 = strstr(src, ";base64,");
    if (!extract_ocr_dpi(x) || strncasecmp(src, "data:image/", 11) || !b64) return;
    gsize len = 0;
    guchar *bytes = g_base64_decode(b64 + 8, &len);
    if (bytes && len && extract_take_bytes(x, len, "HTML data: image")) {
        char name[32];
        snprintf(name, sizeof name, "image-%d", ++w->images);
        extract_nested(x, name, bytes, len);
    }
    g_free(bytes);
}

static int hex4(const char *p, uint32_t *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
        if (d < 0) return 0;
        *v = *v << 4 | (uint32_t)d;
    }
    return 1;
}

/* A script's text with its JavaScript/JSON escapes \uXXXX (surrogate
 * pairs too) and \/ written out (heap): a page's data often hides a name
 * as "\u0e19\u0e32\u0e07...". */
static char *js_unescape(const char *s)
{
    buf b;
    buf_init(&b);
    for (const char *p = s; *p;) {
        uint32_t cp, lo;
        if (p[0] == '\\' && p[1] == 'u' && hex4(p + 2, &cp)) {
            p += 6;
            if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, &lo) && lo >= 0xDC00 &&
                lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            char u[4];
            if (cp && !(cp >= 0xD800 && cp < 0xE000)) buf_append(&b, u, utf8_encode(cp, u));
            continue;
        }
        if (p[0] == '\\' && p[1] == '/') {
            buf_putc(&b, '/');
            p += 2;
            continue;
        }
        buf_putc(&b, *p++);
    }
    return buf_steal(&b);
}

/* A table row or cell: keep track of the columns, then walk inside. */
static void walk_table_part(walk_state *w, xmlNodePtr n, int depth, int is_row)
{
    if (is_row) {
        w->row_cells = 0;
        w->new_row = 1;
        w->tabs = 0;
        walk(w, n->children, depth + 1);
        return;
    }
    if (w->row_cells++ > 0) w->tabs++;
    w->in_cell++;
    walk(w, n->children, depth + 1);
    w->in_cell--;
}

static void walk(walk_state *w, xmlNodePtr n, int depth)
{
    extract_ctx *x = w->x;
    for (; n && !docscan_full(x->ds); n = n->next) {
        long line = xmlGetLineNo(n);
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            piece(w, line, NULL, (const char *)n->content);
        } else if (n->type == XML_COMMENT_NODE) {
            piece(w, line, "html-comment", (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            for (xmlAttrPtr a = n->properties; a; a = a->next) {
                xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
                if (v && text_attr((const char *)a->name, (const char *)v)) piece(w, line, "attribute", (const char *)v);
                if (v && !strcasecmp((const char *)a->name, "src")) data_image(w, (const char *)v);
                xmlFree(v);
            }
            const char *tag = (const char *)n->name;
            if (!inline_tag(tag)) w->glue = 0;
            if (!strcasecmp(tag, "style")) continue;
            if (!strcasecmp(tag, "script")) {
                xmlChar *v = xmlNodeGetContent(n);
                char *plain = v && strstr((const char *)v, "\\u") ? js_unescape((const char *)v) : NULL;
                if (v) piece(w, line, "script", plain ? plain : (const char *)v);
                free(plain);
                xmlFree(v);
                continue;
            }
            if (depth >= 256) {
                result_set_status(x->res, PDP_STATUS_PARTIAL, "HTML nested deeper than the limit; inner parts not checked");
            } else if (!strcasecmp(tag, "tr") || !strcasecmp(tag, "td") || !strcasecmp(tag, "th")) {
                walk_table_part(w, n, depth, !strcasecmp(tag, "tr"));
            } else {
                walk(w, n->children, depth + 1);
            }
            if (!inline_tag(tag)) w->glue = 0;
        }
    }
}

static int is_utf8_name(const char *e) { return !strcasecmp(e, "UTF-8") || !strcasecmp(e, "utf8"); }

/* Does d hold at least one multi-byte character, all of it valid UTF-8? */
static int plainly_utf8(const unsigned char *d, size_t len)
{
    int incomplete;
    if (utf8_valid_prefix(d, len, &incomplete) != len) return 0;
    for (size_t i = 0; i < len; i++)
        if (d[i] >= 0x80) return 1;
    return 0;
}

/* The page's charset (heap), after the WHATWG rules where they apply: a
 * byte-order mark wins; a <meta> that says UTF-16 on a page of single bytes
 * means UTF-8.  A declaration the bytes contradict is overruled: bytes that
 * are not UTF-8 under a UTF-8 declaration, or plain UTF-8 under a
 * single-byte one, are read as they are, and *note says so (heap). */
static char *page_charset(const unsigned char *data, size_t len, size_t *bom, char **note)
{
    *note = NULL;
    const char *detected = text_detect_encoding(data, len, 1, bom);
    if (*bom) return xstrdup(detected);
    char *meta = meta_charset(data, len);
    if (!meta) return xstrdup(detected);
    int wide = !strncasecmp(meta, "utf-16", 6) || !strncasecmp(meta, "utf16", 5) || !strncasecmp(meta, "ucs-2", 5);
    int declared_utf8 = wide || is_utf8_name(meta);
    const char *use = NULL;
    if (declared_utf8 && !is_utf8_name(detected)) use = detected;
    else if (!declared_utf8 && plainly_utf8(data, len)) use = "UTF-8";
    else if (wide) use = "UTF-8";
    if (!use) return meta;
    *note = xasprintf("%s (declared %s)", text_encoding_name(use), text_encoding_name(meta));
    free(meta);
    return xstrdup(use);
}

/* libxml2's HTML parser stops at a NUL: a copy of d with each NUL made a
 * space (heap), or NULL when d has none. */
static char *without_nuls(const char *d, size_t len)
{
    if (!memchr(d, 0, len)) return NULL;
    char *c = xmalloc(len + 1);
    memcpy(c, d, len);
    for (char *p = c; (p = memchr(p, 0, (size_t)(c + len - p)));) *p++ = ' ';
    c[len] = 0;
    return c;
}

void extract_html(extract_ctx *x, const unsigned char *data, size_t len)
{
    size_t bom = 0;
    char *note = NULL, *enc = page_charset(data, len, &bom, &note);
    x->res->encoding = note ? note : xstrdup(text_encoding_name(enc));
    size_t ulen = len - bom;
    char *utf8 = NULL;
    if (!is_utf8_name(enc)) {
        utf8 = text_to_utf8(data + bom, len - bom, enc, &ulen);
        if (!utf8) { /* an unknown charset name: judge by the bytes */
            free(x->res->encoding);
            const char *guess = text_detect_encoding(data, len, 1, &bom);
            x->res->encoding = xstrdup(text_encoding_name(guess));
            utf8 = is_utf8_name(guess) ? NULL : text_to_utf8(data + bom, len - bom, guess, &ulen);
            if (!utf8 && !is_utf8_name(guess)) { /* ICU could not be loaded */
                char *e = xasprintf("cannot decode %s HTML; not checked", guess);
                result_set_status(x->res, PDP_STATUS_ERROR, e);
                free(e);
                free(enc);
                return;
            }
        }
    }
    const char *src = utf8 ? utf8 : (const char *)data + bom;
    char *clean = without_nuls(src, ulen);
    if (clean) src = clean;
    if (ulen > (size_t)1 << 31) ulen = (size_t)1 << 31;
    htmlDocPtr doc = htmlReadMemory(src, (int)ulen, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc) {
        result_set_status(x->res, PDP_STATUS_ERROR, "HTML could not be parsed; not checked");
    } else {
        walk_state w = { .x = x };
        walk(&w, xmlDocGetRootElement(doc), 0);
        xmlFreeDoc(doc);
    }
    free(clean);
    free(utf8);
    free(enc);
}
