/* libFuzzer harness: any bytes through the questionnaire loader and all its checks. */
#include <stddef.h>
#include <stdint.h>

#include "instrument/instrument.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct instrument *ins;
	struct diag d;

	diag_init(&d, "fuzz.yaml");
	ins = instrument_load("fuzz.yaml", (const char *)data, size, &d);
	instrument_free(ins);
	diag_free(&d);
	return 0;
}
