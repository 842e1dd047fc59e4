/* pdf_annots.c — list a PDF's annotations as poppler reads them, one a line:
 * "page type x0 y0 x1 y1 contents" with the box in PDF points, origin
 * top-left (as pdpascan's findings carry boxes).  For the tests of
 * `pdpascan annotate`: usage pdf_annots FILE.pdf */
#include <poppler.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) return 2;
    gchar *abs = g_canonicalize_filename(argv[1], NULL), *uri = g_filename_to_uri(abs, NULL, NULL);
    PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, NULL) : NULL;
    if (!doc) return 1;
    for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
        PopplerPage *p = poppler_document_get_page(doc, i);
        double w, h;
        poppler_page_get_size(p, &w, &h);
        GList *list = poppler_page_get_annot_mapping(p);
        for (GList *l = list; l; l = l->next) {
            PopplerAnnotMapping *m = l->data;
            PopplerAnnotType t = poppler_annot_get_annot_type(m->annot);
            gchar *c = poppler_annot_get_contents(m->annot);
            printf("%d %s %.1f %.1f %.1f %.1f %s\n", i + 1, t == POPPLER_ANNOT_HIGHLIGHT ? "highlight" : "other",
                   m->area.x1, h - m->area.y2, m->area.x2, h - m->area.y1, c ? c : "");
            g_free(c);
        }
        poppler_page_free_annot_mapping(list);
        g_object_unref(p);
    }
    g_object_unref(doc);
    g_free(uri);
    g_free(abs);
    return 0;
}
