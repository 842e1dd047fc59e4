/* digit_zones.h — where in normalized text a rule can possibly match.
 *
 * A rule may declare what every one of its matches contains
 * (`requires: {digits: 9}` or `requires: {char: "@"}`).  Instead of running
 * it over the whole text, the detector then runs it only in windows around
 * digit zones with enough digits, or around that character.  Thai government
 * text is full of short numbers (years, section numbers, amounts split by
 * commas); they never reach a rule that needs nine digits. */
#ifndef PDP_ZONES_H
#define PDP_ZONES_H

#include <stddef.h>
#include <stdint.h>

/* A maximal run of ASCII digits joined by short runs of separators
 * (space, tab, line break, . - ( ) / +). */
typedef struct zone {
    size_t start, end;
    uint32_t digits;
} zone;

typedef struct zone_vec {
    zone *v;
    size_t len, cap;
} zone_vec;

/* Most separator bytes allowed between two digits of one zone: more than any
 * rule's pattern allows between the digits of one value. */
#define ZONE_GAP 12

void zones_find_digits(const char *s, size_t len, zone_vec *out);
/* The zones of `all` with at least min_digits digits, into out: most rules
 * need many digits, and most zones (years, amounts, section numbers) have
 * few. */
void zones_select(const zone_vec *all, uint32_t min_digits, zone_vec *out);
void zone_vec_free(zone_vec *z);

#endif
