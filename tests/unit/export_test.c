/* The export's pieces: HMAC, text cleaning and phone masking, CSV, dates, the spool, universes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/wave.h"
#include "instrument/instrument.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

static void hex(const unsigned char *d, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* RFC 4231, test cases 1, 2 and 6 (a key longer than a block). */
static void test_hmac(void)
{
	unsigned char key1[20], key6[131], mac[32];
	char got[65];

	memset(key1, 0x0b, sizeof key1);
	hmac_sha256(key1, sizeof key1, "Hi There", 8, mac);
	hex(mac, 32, got);
	UNIT_STREQ("hmac-rfc4231-1", got,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
	hex(mac, 32, got);
	UNIT_STREQ("hmac-rfc4231-2", got,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key6, 0xaa, sizeof key6);
	hmac_sha256(key6, sizeof key6, "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	    mac);
	hex(mac, 32, got);
	UNIT_STREQ("hmac-rfc4231-6", got,
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

static void test_pseudo_id(void)
{
	struct pseudo p;
	char a[PSEUDO_LEN], b[PSEUDO_LEN], c[PSEUDO_LEN];

	hmac_key(&p.key, "secret", 6);
	pseudo_id(&p, 'r', "case", "C001", a);
	pseudo_id(&p, 'r', "case", "C001", b);
	pseudo_id(&p, 'r', "case", "C002", c);
	UNIT_OK("pseudo-stable", strcmp(a, b) == 0, "%s %s", a, b);
	UNIT_OK("pseudo-differs", strcmp(a, c) != 0, "%s %s", a, c);
	UNIT_OK("pseudo-form", strlen(a) == 13 && a[0] == 'r' && strspn(a + 1, "0123456789abcdef") ==
	    12, "%s", a);
	hmac_key(&p.key, "other", 5);
	pseudo_id(&p, 'r', "case", "C001", b);
	UNIT_OK("pseudo-keyed", strcmp(a, b) != 0, "%s %s", a, b);
}

static const struct {
	const char *in, *want;
} text_cases[] = {
	{ "  Bonjour  ", "Bonjour" },
	{ "a\r\nb", "a b" },
	{ "a\tb\x07" "c", "a bc" },
	{ "a    b", "a b" },
	{ "\x01\x02", "" },
	{ "fin\xc2\x85", "fin" },			/* C1 control */
	{ "bad \xff byte", "bad \xef\xbf\xbd byte" },	/* invalid UTF-8 */
	{ "Élodie à l'œil", "Élodie à l'œil" },
	{ "appelez le 04 73 12 34 56 svp", "appelez le [numéro masqué] svp" },
	{ "04.73.12.34.56", "[numéro masqué]" },
	{ "0473123456.", "[numéro masqué]." },
	{ "+33 4 73 12 34 56", "[numéro masqué]" },
	{ "+33 (0)4 73 12 34 56 !", "[numéro masqué] !" },
	{ "(04) 73 12 34 56", "[numéro masqué]" },
	{ "06\xc2\xa0" "39\xc2\xa0" "98\xc2\xa0" "12\xc2\xa0" "34", "[numéro masqué]" },
	{ "0033 4 73 12 34 56", "[numéro masqué]" },
	{ "arrivé en 2015, 3 enfants", "arrivé en 2015, 3 enfants" },
	{ "12 345 678", "12 345 678" },			/* 8 digits: kept */
	{ "code AB0473123456", "code AB0473123456" },	/* glued to letters: kept */
	{ "1/2", "1/2" },
};

static void test_clean_text(void)
{
	struct buf b = { 0 };
	char name[64];
	size_t i;

	for (i = 0; i < nitems(text_cases); i++) {
		buf_reset(&b);
		clean_text(&b, text_cases[i].in);
		snprintf(name, sizeof name, "clean-text-%zu", i + 1);
		UNIT_STREQ(name, b.s, text_cases[i].want);
	}
	buf_free(&b);
}

static void test_csv(void)
{
	struct buf b = { 0 };
	long days;
	double secs;

	csv_field(&b, "plain", 5);
	buf_addc(&b, '|');
	csv_field(&b, "a,b", 3);
	buf_addc(&b, '|');
	csv_field(&b, "say \"hi\"", 8);
	UNIT_STREQ("csv-quoting", b.s, "plain|\"a,b\"|\"say \"\"hi\"\"\"");
	buf_reset(&b);
	csv_text(&b, "=1+1", 4, 0);
	buf_addc(&b, '|');
	csv_text(&b, "@SUM(A1)", 8, 0);
	buf_addc(&b, '|');
	csv_text(&b, "-2,3", 4, 0);
	buf_addc(&b, '|');
	csv_text(&b, "+33", 3, 0);
	buf_addc(&b, '|');
	csv_text(&b, "\tx", 2, 0);
	buf_addc(&b, '|');
	csv_text(&b, "a=b", 3, 0);
	buf_addc(&b, '|');
	csv_text(&b, "=1+1", 4, 1);
	UNIT_STREQ("csv-formulas", b.s, "'=1+1|'@SUM(A1)|\"'-2,3\"|'+33|'\tx|a=b|=1+1");
	buf_reset(&b);
	csv_num(&b, 3);
	buf_addc(&b, ' ');
	csv_num(&b, -8);
	buf_addc(&b, ' ');
	csv_num(&b, 72.5);
	buf_addc(&b, ' ');
	csv_num(&b, 0.1);
	buf_addc(&b, ' ');
	csv_num(&b, 1e20);
	UNIT_STREQ("csv-numbers", b.s, "3 -8 72.5 0.1 1e+20");
	buf_free(&b);
	UNIT_OK("date-epoch", csv_date_days("1970-01-01", 10, &days) == 0 && days == 0, "%ld", days);
	UNIT_OK("date-2010", csv_date_days("2010-03-15", 10, &days) == 0 && days == 14683, "%ld",
	    days);
	UNIT_OK("date-1582", csv_date_days("1582-10-14", 10, &days) == 0 && days == -141428, "%ld",
	    days);
	UNIT_OK("date-leap", csv_date_days("2024-02-29", 10, &days) == 0, "refused");
	UNIT_OK("date-not-real", csv_date_days("2023-02-29", 10, &days) < 0, "accepted");
	UNIT_OK("date-malformed", csv_date_days("2023-2-28", 9, &days) < 0, "accepted");
	UNIT_OK("time", csv_time_secs("2026-11-24T09:30:00Z", 20, &secs) == 0 &&
	    secs == 1795512600.0, "%.0f", secs);
	UNIT_OK("time-malformed", csv_time_secs("2026-11-24 09:30:00", 19, &secs) < 0, "accepted");
}

static void test_spool(void)
{
	struct wave w;
	struct cell in[300], out[300];
	struct row r = { in, { NULL, 0, 0 }, NULL }, back = { out, { NULL, 0, 0 }, NULL };
	struct buf b = { 0 }, scratch = { 0 };
	FILE *f = tmpfile();
	size_t i;
	int same = 1, got, end;

	memset(&w, 0, sizeof w);
	memset(in, 0, sizeof in);
	w.ncols = nitems(in);
	buf_adds(&r.text, "texte é");
	in[0].kind = CELL_TEXT;
	in[0].len = r.text.len;
	in[1].kind = CELL_DK;
	in[2].kind = CELL_RF;
	in[3].kind = CELL_NUM;
	in[3].num = -127;
	in[4].kind = CELL_NUM;
	in[4].num = 40000;
	in[5].kind = CELL_NUM;
	in[5].num = 72.5;
	in[299].kind = CELL_NUM;
	in[299].num = 1;
	spool_put(&b, &w, &r);
	spool_put(&b, &w, &r);
	fwrite(b.s, 1, b.len, f);
	rewind(f);
	got = spool_get(f, &w, &back, &scratch) + spool_get(f, &w, &back, &scratch);
	end = spool_get(f, &w, &back, &scratch);
	for (i = 0; i < w.ncols; i++)
		same &= in[i].kind == out[i].kind && (in[i].kind != CELL_NUM || in[i].num == out[i].num);
	UNIT_OK("spool-round-trip", got == 2 && end == 0 && same && back.text.len == 8 &&
	    memcmp(back.text.s + out[0].off, "texte é", 8) == 0, "got %d end %d same %d", got, end,
	    same);
	UNIT_OK("spool-compact", b.len < 2 * 60, "%zu bytes for 2 rows of 300 cells", b.len);
	fclose(f);
	buf_free(&b);
	buf_free(&scratch);
	buf_free(&r.text);
	buf_free(&back.text);
}

static const char universe_yaml[] =
    "survey: {id: u, title: \"U\", version: \"1\"}\n"
    "themes:\n"
    "  - id: t\n"
    "    title: \"T\"\n"
    "    questions:\n"
    "      - {id: consent, type: single, text: \"Accord ?\", label: \"Accord\",\n"
    "         options: {1: \"Oui\", 2: \"Non\"}}\n"
    "      - {id: age, type: number, text: \"Âge ?\"}\n"
    "      - {id: usages, type: multi, text: \"Usages ?\",\n"
    "         options: {1: \"Courriels\", 9: \"Aucun\"},\n"
    "         exclusive: [9]}\n"
    "      - {id: q, type: text, text: \"Q ?\"}\n";

static const struct {
	const char *expr, *want;
} universe_cases[] = {
	{ "consent == 1", "« Accord » (consent) vaut 1 (« Oui »)" },
	{ "consent != 2 and age >= 18", "« Accord » (consent) ne vaut pas 2 (« Non ») et age est"
	    " supérieur ou égal à 18" },
	{ "not answered(age) or age < 15.5", "age n'a pas de réponse ou age est inférieur à 15,5" },
	{ "consent in [1, 2]", "« Accord » (consent) vaut 1 (« Oui ») ou 2 (« Non »)" },
	{ "not (consent in [1, 2])", "« Accord » (consent) ne vaut ni 1 (« Oui ») ni 2 (« Non »)" },
	{ "has(usages, 9) and (consent == 1 or dk(age))", "usages comprend 9 (« Aucun ») et"
	    " (« Accord » (consent) vaut 1 (« Oui ») ou age a la réponse « ne sait pas »)" },
	{ "count_of(usages) >= 2 * (age - 1)", "le nombre de réponses à usages est supérieur ou égal"
	    " à 2 × (age - 1)" },
	{ "not (age > 3)", "age est inférieur ou égal à 3" },
	{ "q == 'ok'", "q vaut « ok »" },
	{ "if(age < 30, 1, 2) == 1", "(si age est inférieur à 30 alors 1, sinon 2) vaut 1" },
};

static void test_universe(void)
{
	struct instrument *ins;
	struct diag d;
	char name[64], *got;
	size_t i;

	diag_init(&d, "universe");
	ins = instrument_load("universe", universe_yaml, sizeof universe_yaml - 1, &d);
	UNIT_OK("universe-questionnaire", ins != NULL, "does not load");
	diag_free(&d);
	if (ins == NULL)
		return;
	for (i = 0; i < nitems(universe_cases); i++) {
		got = universe_words(ins, universe_cases[i].expr);
		snprintf(name, sizeof name, "universe-%zu", i + 1);
		UNIT_STREQ(name, got, universe_cases[i].want);
		free(got);
	}
	got = universe_words(ins, "consent ==");
	UNIT_STREQ("universe-unreadable-as-written", got, "consent ==");
	free(got);
	instrument_free(ins);
}

static void test_fit(void)
{
	UNIT_OK("fit-bytes", layout_fit("Âge", 2, 0) == 2 && layout_fit("Âge", 1, 0) == 0, "%zu %zu",
	    layout_fit("Âge", 2, 0), layout_fit("Âge", 1, 0));
	UNIT_OK("fit-chars", layout_fit("Âge du répondant", 0, 3) == 4, "%zu",
	    layout_fit("Âge du répondant", 0, 3));
	UNIT_OK("fit-all", layout_fit("abc", 80, 80) == 3, "%zu", layout_fit("abc", 80, 80));
}

int main(void)
{
	test_hmac();
	test_pseudo_id();
	test_clean_text();
	test_csv();
	test_spool();
	test_universe();
	test_fit();
	UNIT_END();
}
