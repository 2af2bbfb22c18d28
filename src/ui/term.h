/* The terminal: curses set up and torn down on every path, signals, sizes, text by display width. */
#ifndef ALLO_TERM_H
#define ALLO_TERM_H

#include <stddef.h>

#define TERM_MIN_COLS 64
#define TERM_MIN_ROWS 18

/* Colour pairs, with a monochrome fallback of attributes. */
enum term_style {
	STYLE_NORMAL, STYLE_TITLE, STYLE_INSTRUCTION, STYLE_ERROR, STYLE_WARNING, STYLE_CHOSEN,
	STYLE_FOOTER, STYLE_PHONE, STYLE_DIM, STYLE_OK
};

/* Starts curses; -1 with *cause when standard input is not a terminal or the locale is not UTF-8. */
int term_start(char **cause);
/* Restores the terminal; safe to call twice. */
void term_stop(void);
/* The signal (SIGTERM, SIGHUP, SIGINT) that asked the loop to leave, or 0. */
int term_signalled(void);
/* The next key (wide characters as themselves, KEY_* codes), ERR on time-out; *is_key for KEY_*. */
int term_key(int *is_key, int timeout_ms);

void term_style(enum term_style s);
/* Writes s at (y, x), cut to at most cols display columns, never inside a character. */
void term_put(int y, int x, const char *s, int cols);
/* Writes s centred on row y. */
void term_center(int y, const char *s);
/* A full-width rule on row y. */
void term_rule(int y);
/* Breaks text into lines of at most width columns at spaces; returns the count (lines owned by caller). */
size_t term_wrap(const char *text, int width, char ***lines);
void term_free_lines(char **lines, size_t n);
/* The "terminal trop petit" screen; 1 if the terminal is too small (and the screen was drawn). */
int term_too_small(void);

/* Appends the typed character ch, UTF-8 encoded, to buf (size bytes) if it fits. */
void term_type(char *buf, size_t size, int ch);
/* Removes the last character (not byte) of buf. */
void term_erase_char(char *buf);

#endif
