/* AAPOR outcome rates (telephone): the disposition groups and the published formulas, on counts. */
#ifndef ALLO_RATES_H
#define ALLO_RATES_H

/* The groups the formulas count; RATES_NONE holds codes the table does not know. */
enum rates_group {
	RATES_I,		/* complete interviews (1.1) */
	RATES_P,		/* partial interviews (1.2) */
	RATES_R,		/* refusals and break-offs (2.1x) */
	RATES_NC,		/* non-contacts (2.2x) */
	RATES_O,		/* other eligible non-interviews (2.3x, 2.9) */
	RATES_UH,		/* unknown if household (3.1x) */
	RATES_UO,		/* unknown eligibility, other (3.2x, 3.9) */
	RATES_NE,		/* not eligible (4.x) */
	RATES_EX,		/* excluded before fieldwork (0.x): in no rate, not even e */
	RATES_NONE,
	RATES_NGROUPS
};

enum rates_id {
	RATE_RR1, RATE_RR2, RATE_RR3, RATE_RR4, RATE_RR5, RATE_RR6,
	RATE_COOP1, RATE_COOP2, RATE_COOP3, RATE_COOP4,
	RATE_REF1, RATE_REF2, RATE_REF3,
	RATE_CON1, RATE_CON2, RATE_CON3,
	RATE_COUNT
};

/*
 * One row of the mapping table. A row without code gives the group of the
 * final AAPOR codes that start with key (the longest prefix wins). A row with
 * a code is an interim status: key is "fresh", a call outcome token or
 * "interview", code the provisional AAPOR code of a case that is not final and
 * whose most informative status (highest rank) it is, group that code's group.
 */
struct rates_map {
	const char *key;
	const char *code;
	enum rates_group group;
	int rank;
};

struct rates {
	double v[RATE_COUNT];	/* NAN when the denominator is zero (or needs an unknown e) */
	double e;		/* NAN when it cannot be estimated: no case of known eligibility */
	int e_given;		/* 1 when e came from the caller, not estimated */
	long e_eligible;	/* I+P+R+NC+O: the numerator of the estimate */
	long e_known;		/* I+P+R+NC+O+NE: its denominator */
};

/* The group of an AAPOR code, by the longest prefix of the table; RATES_NONE if none. */
enum rates_group rates_group_of(const char *code);
/* "I", "P", "R", "NC", "O", "UH", "UO", "NE", "EX", or "" for RATES_NONE. */
const char *rates_group_name(enum rates_group g);
/* French, for supervisors: "complets", "refus et interruptions"... */
const char *rates_group_label(enum rates_group g);

/* The whole table, final-code rows first, interim rows by rank; NULL-terminated by key. */
const struct rates_map *rates_map_all(void);
/* The interim row of a case whose statuses reach rank (0: never reached, "fresh"). */
const struct rates_map *rates_interim_of_rank(int rank);
/* The interim row of status s ("fresh", a token, "interview"), or NULL. */
const struct rates_map *rates_interim_find(const char *s);

/* "RR1".."CON3", and the formula as AAPOR writes it. */
const char *rates_name(enum rates_id r);
const char *rates_formula(enum rates_id r);

/*
 * Computes every rate from the number of cases of each group. e_given in
 * [0, 1] is used as e; a negative e_given asks for the estimate
 * (I+P+R+NC+O) / (I+P+R+NC+O+NE), as AAPOR's outcome rate calculator does.
 */
void rates_compute(const long n[RATES_NGROUPS], double e_given, struct rates *r);

#endif
