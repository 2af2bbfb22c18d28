#include "ui/term.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "store/busy.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static volatile sig_atomic_t term_caught;
static int term_on;

/* Only sets a flag: the input loop notices it and leaves through term_stop. */
static void term_on_signal(int sig)
{
	term_caught = sig;
}

int term_signalled(void)
{
	return (int)term_caught;
}

static void term_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = term_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void term_colors(void)
{
	if (!has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(STYLE_TITLE, COLOR_CYAN, -1);
	init_pair(STYLE_INSTRUCTION, COLOR_YELLOW, -1);
	init_pair(STYLE_ERROR, COLOR_RED, -1);
	init_pair(STYLE_WARNING, COLOR_MAGENTA, -1);
	init_pair(STYLE_CHOSEN, COLOR_GREEN, -1);
	init_pair(STYLE_FOOTER, COLOR_BLACK, COLOR_CYAN);
	init_pair(STYLE_PHONE, COLOR_WHITE, COLOR_BLUE);
	init_pair(STYLE_DIM, COLOR_BLUE, -1);
	init_pair(STYLE_OK, COLOR_GREEN, -1);
}

/* A wait for a locked database, said at once on the message line; the next draw replaces it. */
static void term_busy(void *arg, const char *msg)
{
	(void)arg;
	if (COLS < TERM_MIN_COLS || LINES < TERM_MIN_ROWS)
		return;
	move(LINES - 3, 0);
	clrtoeol();
	term_style(STYLE_WARNING);
	term_put(LINES - 3, 1, msg, COLS - 2);
	term_style(STYLE_NORMAL);
	refresh();
}

int term_start(char **cause)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("this command needs a terminal (run it in a terminal, not through a pipe)");
		return -1;
	}
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		*cause = xasprintf("the locale's character set is %s; set LANG to a UTF-8 locale"
		    " (e.g. LANG=C.UTF-8)", nl_langinfo(CODESET));
		return -1;
	}
	term_signals();
	if (initscr() == NULL) {
		*cause = xstrdup("cannot start the terminal (TERM?)");
		return -1;
	}
	term_on = 1;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	term_colors();
	store_busy_hook(term_busy, NULL);
	return 0;
}

void term_stop(void)
{
	if (!term_on)
		return;
	term_on = 0;
	store_busy_hook(NULL, NULL);
	curs_set(1);
	endwin();
}

int term_key(int *is_key, int timeout_ms)
{
	wint_t ch;
	int rc;

	timeout(timeout_ms);
	rc = get_wch(&ch);
	*is_key = rc == KEY_CODE_YES;
	return rc == ERR ? ERR : (int)ch;
}

void term_style(enum term_style s)
{
	int mono[] = {
		[STYLE_NORMAL] = A_NORMAL, [STYLE_TITLE] = A_BOLD, [STYLE_INSTRUCTION] = A_DIM,
		[STYLE_ERROR] = A_BOLD, [STYLE_WARNING] = A_BOLD, [STYLE_CHOSEN] = A_BOLD,
		[STYLE_FOOTER] = A_REVERSE, [STYLE_PHONE] = A_BOLD | A_REVERSE, [STYLE_DIM] = A_DIM,
		[STYLE_OK] = A_BOLD,
	};

	attrset(A_NORMAL);
	if (s == STYLE_NORMAL)
		return;
	if (has_colors())
		attron(COLOR_PAIR(s) | (s == STYLE_PHONE || s == STYLE_TITLE || s == STYLE_ERROR ?
		    A_BOLD : 0) | (s == STYLE_INSTRUCTION ? A_ITALIC : 0));
	else
		attron(mono[s]);
}

void term_put(int y, int x, const char *s, int cols)
{
	size_t n;

	if (cols <= 0 || y < 0 || y >= LINES)
		return;
	n = utf8_fit(s, (size_t)cols);
	if (s[n] != '\0' && s[n + strspn(s + n, " ")] != '\0' && cols >= 2) {
		/* Cut: an ellipsis in the last column says that something is missing. */
		n = utf8_fit(s, (size_t)cols - 1);
		mvaddnstr(y, x, s, (int)n);
		addstr("…");
		return;
	}
	mvaddnstr(y, x, s, (int)n);
}

void term_center(int y, const char *s)
{
	int w = (int)utf8_width(s);

	term_put(y, w < COLS ? (COLS - w) / 2 : 0, s, COLS);
}

void term_rule(int y)
{
	int x;

	for (x = 0; x < COLS; x++)
		mvaddstr(y, x, "─");
}

/* Appends one line to the list. */
static void term_line(char ***lines, size_t *n, const char *s, size_t len)
{
	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	(*lines)[(*n)++] = xstrndup(s, len);
}

/* 1 when the space at p[i] may end a line: French typography keeps "?", "»" and "1 000" together. */
static int term_breakable(const char *p, size_t i)
{
	const char *next = p + i + 1;
	size_t k;

	if (strchr("?!:;", *next) != NULL && *next != '\0')
		return 0;
	if (strncmp(next, "»", strlen("»")) == 0)
		return 0;
	if (i >= 2 && strncmp(p + i - 2, "«", 2) == 0)
		return 0;
	if (i >= 1 && p[i - 1] >= '0' && p[i - 1] <= '9') {
		for (k = 0; k < 3 && next[k] >= '0' && next[k] <= '9'; k++)
			;
		if (k == 3 && !(next[3] >= '0' && next[3] <= '9'))
			return 0;	/* a group of thousands: "1 000 euros" */
	}
	return 1;
}

size_t term_wrap(const char *text, int width, char ***lines)
{
	size_t n = 0;
	const char *p = text;

	*lines = NULL;
	if (width < 8)
		width = 8;
	while (*p != '\0') {
		size_t fit = utf8_fit(p, (size_t)width), cut = fit, nl = strcspn(p, "\n");

		if (nl < fit) {
			term_line(lines, &n, p, nl);
			p += nl + 1;
			continue;
		}
		if (p[fit] != '\0') {
			while (cut > 0 && (p[cut] != ' ' || !term_breakable(p, cut)))
				cut--;
			if (cut == 0)
				cut = fit;	/* a word longer than the line: cut it */
		}
		term_line(lines, &n, p, cut);
		p += cut;
		while (*p == ' ')
			p++;
	}
	return n;
}

void term_free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int term_too_small(void)
{
	char msg[128];

	if (COLS >= TERM_MIN_COLS && LINES >= TERM_MIN_ROWS)
		return 0;
	erase();
	term_style(STYLE_ERROR);
	snprintf(msg, sizeof msg, "Terminal trop petit (%dx%d)", COLS, LINES);
	term_center(LINES / 2 - 1, msg);
	term_style(STYLE_NORMAL);
	snprintf(msg, sizeof msg, "Agrandir à %dx%d au moins.", TERM_MIN_COLS, TERM_MIN_ROWS);
	term_center(LINES / 2, msg);
	refresh();
	return 1;
}

void term_type(char *buf, size_t size, int ch)
{
	char utf[8];
	size_t len = strlen(buf), n;
	mbstate_t ps;

	memset(&ps, 0, sizeof ps);
	n = wcrtomb(utf, (wchar_t)ch, &ps);
	if (n == (size_t)-1 || len + n + 1 >= size)
		return;
	memcpy(buf + len, utf, n);
	buf[len + n] = '\0';
}

void term_erase_char(char *buf)
{
	size_t len = strlen(buf);

	while (len > 0 && ((unsigned char)buf[len - 1] & 0xc0) == 0x80)
		len--;
	buf[len > 0 ? len - 1 : 0] = '\0';
}
