# allo: one binary, plain GNU make, libraries through pkg-config.

PKGS     := ncursesw sqlite3 yaml-0.1
# libxml2 is compiled against but loaded at run time by the DDI writer (see src/export/ddi.c).
HDR_PKGS := libxml-2.0
CC       ?= cc
VERSION  := 0.1.0
BUILD    ?= build
SAN      ?=
OPT      ?= -O2

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla \
            -Wno-format-nonliteral
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(HDR_PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             -DALLO_VERSION='"$(VERSION)"' -g $(OPT) $(WARN) $(SAN) -Isrc \
             $(PKG_CFLAGS) $(CFLAGS)
# ReadStat ships no pkg-config file: it is named on the link line.
ALL_LIBS   = $(PKG_LIBS) -lreadstat -lm $(LDLIBS)

LIB_SRC  := $(sort $(wildcard src/*/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/main.o
UNIT_SRC := $(sort $(wildcard tests/unit/*_test.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60

# make install: the setgid binary (root:$(ALLO_GROUP), 2755) and the manual pages.
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
ALLO_GROUP ?= allo
ALLO_BIN  ?= $(BUILD)/allo

.PHONY: all deps check units asan fuzz bench demo clean lint-man install

all: allo

allo: $(BUILD)/allo
	@if [ "$(BUILD)" = build ]; then cp $(BUILD)/allo allo; fi

$(BUILD)/allo: $(MAIN_OBJ) $(LIB_OBJ)
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(ALL_LIBS)

$(BUILD)/%.o: %.c $(wildcard src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) tests/unit/unit.h
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIB_OBJ) $(ALL_LIBS)

# The fault-injection shim (LD_PRELOAD) of tests/cli/fault.sh, built with the unit tests; never
# sanitized, since the sanitizer runtime must be the first library loaded.
units: $(BUILD)/tests/inject.so
$(BUILD)/tests/inject.so: tests/fault/inject.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) -std=c11 -g -O2 $(WARN) -fPIC -shared -o $@ $< -ldl

deps:
	@sh scripts/deps.sh

check: deps
	@$(MAKE) --no-print-directory all units >/dev/null
	@ALLO=$(CURDIR)/$(BUILD)/allo UNITS=$(CURDIR)/$(BUILD)/tests sh tests/run.sh

units: $(UNIT_BIN)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT=-O1 \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    build-asan/allo units >/dev/null
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ALLO=$(CURDIR)/build-asan/allo UNITS=$(CURDIR)/build-asan/tests sh tests/run.sh

fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT=-O1 \
	    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	    $(LIB_SRC:%.c=build-fuzz/%.o) >/dev/null
	@set -e; for f in $(FUZZ_SRC); do \
	    n=$$(basename $$f .c); \
	    clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -Isrc \
	        $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	        -o build-fuzz/$$n $$f $(LIB_SRC:%.c=build-fuzz/%.o) $(ALL_LIBS); \
	    mkdir -p build-fuzz/corpus-$$n; \
	    echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
	    build-fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	        build-fuzz/corpus-$$n tests/fuzz/seeds-$$n 2>build-fuzz/$$n.log \
	        || { tail -40 build-fuzz/$$n.log; exit 1; }; \
	    grep -E '^(Done|#[0-9]+ *DONE)' build-fuzz/$$n.log | tail -1; \
	done

BENCH_SRC := $(sort $(wildcard bench/bench_*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

$(BUILD)/bench/%: bench/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(ALL_LIBS)

bench: deps all $(BENCH_BIN)
	@BUILD=$(BUILD) sh bench/run.sh

demo: deps all
	@sh scripts/demo.sh

install: $(ALLO_BIN)
	@getent group $(ALLO_GROUP) >/dev/null || groupadd --system $(ALLO_GROUP)
	@install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	@install -o root -g $(ALLO_GROUP) -m 2755 $(ALLO_BIN) $(DESTDIR)$(BINDIR)/allo
	@install -m 0644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	@install -m 0644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	@if command -v mandb >/dev/null; then mandb -q $(DESTDIR)$(MANDIR) 2>/dev/null || true; fi
	@echo "installed $(DESTDIR)$(BINDIR)/allo (root:$(ALLO_GROUP), 2755) and its manual pages"

lint-man:
	@for m in man/*.[0-9]; do mandoc -T lint -W warning $$m || exit 1; done

clean:
	rm -rf build build-asan build-fuzz allo
