/* policy.h — what a detected candidate means for publication.
 *
 * Detectors say "this is a valid ID number with ID-card words 12 bytes
 * before it"; policy turns that into category, severity, action and
 * confidence (the rule's when_positive / when_negative), picks one finding
 * where rules overlap, and makes the suggested replacement and the
 * fingerprint. */
#ifndef PDP_POLICY_H
#define PDP_POLICY_H

#include "../detect/detect.h"

typedef struct verdict {
    const char *category;
    pdp_severity severity;
    pdp_action action;
    double confidence;
    const char *msg_th, *msg_en;
    const char *role;
} verdict;

void policy_decide(const candidate *c, verdict *v);

/* Sort by source start and drop candidates overlapping a stronger one. */
void policy_resolve_overlaps(cand_vec *cv);

/* Replacement for match in a redacted copy (heap string). */
char *policy_suggestion(const pdp_rule *ru, const char *match, size_t len);

/* The fingerprints' key (PDPASCAN_FINGERPRINT_KEY or the default) made
 * ready once for a document: an HMAC-SHA256 with the key already hashed in
 * (nettle's, which uses the processor's SHA instructions where it has them). */
typedef struct policy_fp_key policy_fp_key;
policy_fp_key *policy_fp_key_new(void);
void policy_fp_key_free(policy_fp_key *k);

/* 16 hex digits from the rule and the canonical value only, so that the
 * fingerprint survives moves of other text and renames of the file. */
void policy_fingerprint(const policy_fp_key *k, const char *rule_id, const char *normalized, char out[17]);

/* Mark findings that make up one person's record, and raise findings of
 * rules with `tie` that stand near a private person's name or identifier
 * (see policy.c). */
void policy_link(pdp_result *res, const pdp_rules *rules);

#endif
