/* Benchmark: load and check a questionnaire, beside a bare libyaml event parse of the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "instrument/instrument.h"
#include "util/buf.h"

#define RUNS 301

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The limit we compete with: libyaml reading every event, building nothing. */
static void bench_bare(const char *buf, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			break;
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
}

static void bench_full(const char *buf, size_t len)
{
	struct instrument *ins;
	struct diag d;

	diag_init(&d, "bench");
	ins = instrument_load("bench", buf, len, &d);
	if (ins == NULL) {
		diag_print(&d, stderr);
		exit(1);
	}
	instrument_free(ins);
	diag_free(&d);
}

/* A generated questionnaire of 220 questions, for when no file is given. */
static char *bench_generate(size_t *len)
{
	struct buf b = { 0 };
	int t, q;

	buf_adds(&b, "survey: {id: gen, title: \"Généré\", version: \"1\"}\n"
	    "scales:\n  accord4: {1: \"Tout à fait\", 2: \"Plutôt\", 3: \"Plutôt pas\", 4: \"Pas du tout\"}\n"
	    "themes:\n");
	for (t = 0; t < 20; t++) {
		buf_addf(&b, "  - id: t%d\n    title: \"Thème %d\"\n    questions:\n", t, t);
		for (q = 0; q < 11; q++) {
			buf_addf(&b, "      - id: q%d_%d\n        type: single\n"
			    "        text: \"Êtes-vous d'accord avec l'affirmation numéro %d ?\"\n"
			    "        options: accord4\n", t, q, q);
			if (q > 0)
				buf_addf(&b, "        when: \"q%d_%d in [1, 2] or not answered(q%d_%d)\"\n",
				    t, q - 1, t, q - 1);
		}
	}
	*len = b.len;
	return buf_take(&b);
}

static double bench_median(void (*fn)(const char *, size_t), const char *buf, size_t len)
{
	double t[RUNS], start;
	int i;

	for (i = 0; i < RUNS; i++) {
		start = bench_now();
		fn(buf, len);
		t[i] = bench_now() - start;
	}
	qsort(t, RUNS, sizeof t[0], bench_cmp);
	return t[RUNS / 2];
}

int main(int argc, char **argv)
{
	size_t len;
	char *buf, *cause = NULL;
	const char *name = argc > 1 ? argv[1] : "generated 220 questions";
	double full, bare;

	buf = argc > 1 ? instrument_read(argv[1], &len, &cause) : bench_generate(&len);
	if (buf == NULL) {
		fprintf(stderr, "bench_load: %s\n", cause);
		return 1;
	}
	bench_full(buf, len);
	full = bench_median(bench_full, buf, len);
	bare = bench_median(bench_bare, buf, len);
	printf("load+check %s (%zu bytes): median %.0f us; bare libyaml parse %.0f us; ratio %.2f\n",
	    name, len, full, bare, full / bare);
	free(buf);
	return 0;
}
