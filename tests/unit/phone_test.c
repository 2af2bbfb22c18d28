/* Table-driven tests of phone normalisation: what becomes E.164, what is refused and why. */
#include <stdio.h>
#include <string.h>

#include "field/phone.h"

#include "unit.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

/* want: the E.164 number, or "!" and the start of the reason for a refused one. */
static const struct {
	const char *in, *want;
} phone_cases[] = {
	/* French numbers, every way spreadsheets and people write them */
	{ "04 73 12 34 56", "+33473123456" },
	{ "04.73.12.34.56", "+33473123456" },
	{ "0473123456", "+33473123456" },
	{ "04-73-12-34-56", "+33473123456" },
	{ "04/73/12/34/56", "+33473123456" },
	{ "+33 4 73 12 34 56", "+33473123456" },
	{ "+33473123456", "+33473123456" },
	{ "+33 (0)4 73 12 34 56", "+33473123456" },
	{ "+33(0)473123456", "+33473123456" },
	{ "0033 4 73 12 34 56", "+33473123456" },
	{ "0033473123456", "+33473123456" },
	{ "0033 (0)4 73 12 34 56", "+33473123456" },
	{ "+33 0 4 73 12 34 56", "+33473123456" },
	{ "  04 73 12 34 56  ", "+33473123456" },
	{ "\t04 73 12 34 56", "+33473123456" },
	{ "04\xc2\xa0" "73\xc2\xa0" "12\xc2\xa0" "34\xc2\xa0" "56", "+33473123456" },
	{ "04\xe2\x80\xaf" "73 12 34 56", "+33473123456" },
	{ "(04) 73 12 34 56", "+33473123456" },
	{ "06 39 98 12 34", "+33639981234" },
	{ "07 12 34 56 78", "+33712345678" },
	{ "01 99 00 12 34", "+33199001234" },
	{ "09 70 12 34 56", "+33970123456" },
	{ "08 00 12 34 56", "+33800123456" },
	/* other countries: 8 to 15 digits with their code */
	{ "+44 20 7946 0958", "+442079460958" },
	{ "0044 20 7946 0958", "+442079460958" },
	{ "+44 (0)20 7946 0958", "+442079460958" },
	{ "+1 555 0100 123", "+15550100123" },
	{ "+262 262 12 34 56", "+262262123456" },
	{ "+49 30 1234", "+49301234" },
	{ "+123456789012345", "+123456789012345" },
	/* refused */
	{ "", "!aucun chiffre" },
	{ "   ", "!aucun chiffre" },
	{ "+", "!aucun chiffre après « + »" },
	{ "04 73 12 34", "!un numéro français a 10 chiffres, pas 8" },
	{ "04 73 12 34 56 7", "!un numéro français a 10 chiffres, pas 11" },
	{ "473123456", "!9 chiffres sans le 0 initial" },
	{ "33473123456", "!11 chiffres commençant par 33" },
	{ "12345", "!ni un numéro français" },
	{ "00 73 12 34 56", "+73123456" },
	{ "00 04 73 12 34 56", "!un indicatif de pays ne commence pas par 0" },
	{ "+0 473 12 34 56", "!un indicatif de pays ne commence pas par 0" },
	{ "00", "!aucun chiffre après 00" },
	{ "+33 4 73 12 34", "!un numéro français a 9 chiffres après +33, pas 7" },
	{ "+33 4 73 12 34 56 78", "!un numéro français a 9 chiffres après +33, pas 11" },
	{ "+33 0 0 73 12 34 56", "!un numéro français ne commence pas par 00" },
	{ "+1 555", "!un numéro international a 8 à 15 chiffres, pas 4" },
	{ "+1234567890123456", "!un numéro international a 8 à 15 chiffres, pas 16" },
	{ "04 73 12 34 56 poste 12", "!caractère inattendu « p »" },
	{ "04 73 12 34 5x", "!caractère inattendu « x »" },
	{ "04+73 12 34 56", "!caractère inattendu « + »" },
	{ "++33473123456", "!caractère inattendu « + »" },
	{ "4,73123E+08", "!caractère inattendu « , »" },
	{ "04 73 \xc3\xa9 34 56", "!caractère inattendu (octet 0xC3)" },
	{ "04 73 12 34 56\n", "!caractère inattendu (octet 0x0A)" },
	{ "0000000000000000000000000000000000000000", "!40 chiffres : trop long" },
};

int main(void)
{
	char out[PHONE_MAX], why[PHONE_WHY], name[64];
	size_t i;

	for (i = 0; i < nitems(phone_cases); i++) {
		const char *want = phone_cases[i].want;
		int rc = phone_normalize(phone_cases[i].in, out, why);

		snprintf(name, sizeof name, "phone-%zu", i + 1);
		if (want[0] != '!')
			UNIT_OK(name, rc == 0 && strcmp(out, want) == 0, "\"%s\": got %s%s (%s), want %s",
			    phone_cases[i].in, rc == 0 ? "" : "refusal ", out, why, want);
		else
			UNIT_OK(name, rc < 0 && out[0] == '\0' && strncmp(why, want + 1,
			    strlen(want + 1)) == 0, "\"%s\": got %s [%s], want refusal [%s]",
			    phone_cases[i].in, out, why, want + 1);
	}
	UNIT_END();
}
