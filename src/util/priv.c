#include "util/priv.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static gid_t priv_gid;		/* the person's group */
static gid_t priv_egid;		/* the group the program started with: allo when setgid */
static int priv_depth;		/* nesting of priv_user_begin */

/* Variables kept: the terminal, the locale, the test clock and the export's test pause. */
static int priv_keep(const char *kv)
{
	static const char *const keep[] = {
		"TERM=", "LANG=", "LANGUAGE=", "ALLO_NOW=", "ALLO_EXPORT_PAUSE_MS=", NULL
	};
	size_t i;

	if (strncmp(kv, "LC_", 3) == 0)
		return 1;
	for (i = 0; keep[i] != NULL; i++)
		if (strncmp(kv, keep[i], strlen(keep[i])) == 0)
			return 1;
	return 0;
}

/* TZ is kept only when it names a zone file of the system, never a path of the person's. */
static int priv_zone_ok(const char *tz)
{
	char path[256];
	struct stat st;

	if (*tz == ':')
		tz++;
	if (*tz == '\0' || *tz == '/' || strstr(tz, "..") != NULL || strlen(tz) > 128)
		return 0;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Rebuilds the environment from its allow-list, so SQLite, ncurses and libc read nothing else. */
static void priv_scrub(void)
{
	static char *kept[64];
	size_t i, n = 0;

	for (i = 0; environ != NULL && environ[i] != NULL && n + 1 < sizeof kept / sizeof *kept;
	    i++) {
		const char *kv = environ[i];

		if (priv_keep(kv) || (strncmp(kv, "TZ=", 3) == 0 && priv_zone_ok(kv + 3)))
			kept[n++] = environ[i];
	}
	kept[n] = NULL;
	environ = kept;
}

void priv_init(void)
{
	struct rlimit none = { 0, 0 };

	priv_gid = getgid();
	priv_egid = getegid();
	/* A core file would hold the phone numbers and names the process has read. */
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	priv_scrub();
	umask(007);
}

int priv_setgid(void)
{
	return priv_egid != priv_gid;
}

#if defined(__SANITIZE_ADDRESS__)
int __lsan_is_turned_off(void);

/* LeakSanitizer cannot trace a setgid process: the sanitizer build checks leaks elsewhere. */
int __lsan_is_turned_off(void)
{
	return priv_setgid();
}
#endif

gid_t priv_group(void)
{
	return priv_egid;
}

/* Switching groups must never silently fail: the program stops rather than act with the wrong rights. */
static void priv_set(gid_t g)
{
	if (priv_setgid() && setegid(g) < 0) {
		static const char msg[] = "allo: cannot change the effective group; stopping\n";

		if (write(2, msg, sizeof msg - 1) < 0)
			_exit(70);
		_exit(70);
	}
}

void priv_user_begin(void)
{
	if (priv_depth++ == 0)
		priv_set(priv_gid);
}

void priv_user_end(void)
{
	if (priv_depth > 0 && --priv_depth == 0)
		priv_set(priv_egid);
}

int priv_open(const char *path, int flags, mode_t mode)
{
	int fd;

	priv_user_begin();
	fd = open(path, flags | O_CLOEXEC, mode);
	priv_user_end();
	return fd;
}
