/* enums.c — the names of the public enums (severity, action, status), as
 * rule files and reports spell them.  In util/ because every layer uses
 * them: the rule loader parses severities, the reports print them. */
#include <string.h>

#include "../include/pdpascan.h"

const char *pdp_severity_name(pdp_severity s)
{
    static const char *n[] = { "info", "low", "medium", "high" };
    return (unsigned)s < 4 ? n[s] : "?";
}

const char *pdp_action_name(pdp_action a)
{
    static const char *n[] = { "none", "review", "redact" };
    return (unsigned)a < 3 ? n[a] : "?";
}

const char *pdp_status_name(pdp_status s)
{
    static const char *n[] = { "ok", "skipped", "partial", "error" };
    return (unsigned)s < 4 ? n[s] : "?";
}

int pdp_severity_parse(const char *s, pdp_severity *out)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, pdp_severity_name((pdp_severity)i)) == 0) {
            *out = (pdp_severity)i;
            return 0;
        }
    return -1;
}
