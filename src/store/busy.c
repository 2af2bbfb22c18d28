/* The busy handler: a locked database is retried in short steps, said after 1 s, given up after 30 s. */
#include "store/busy.h"

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* SQLite's own lock bytes (os_unix.c, wal.c, os.h of 3.40; the same since WAL came in 3.7). */
#define BUSY_SHM_BASE 120		/* UNIX_SHM_BASE: (22 + SQLITE_SHM_NLOCK) * 4, in the -shm file */
#define BUSY_PENDING 0x40000000L	/* PENDING_BYTE of the main file; RESERVED_BYTE follows it */
#define BUSY_CHECK_MS 250		/* the holder is looked up at most this often */
#define BUSY_NOBODY "un autre processus"

/* Where a writer, a checkpoint or a recovery shows, most telling first. */
static const struct busy_lock {
	const char *suffix;
	off_t start, len;
} busy_locks[] = {
	{ "-shm", BUSY_SHM_BASE + 0, 1 },	/* WAL_WRITE_LOCK: a writer */
	{ "-shm", BUSY_SHM_BASE + 1, 2 },	/* WAL_CKPT_LOCK, WAL_RECOVER_LOCK */
	{ "", BUSY_PENDING + 1, 1 },		/* RESERVED_BYTE: a writer in rollback mode */
	{ "", BUSY_PENDING, 1 },		/* PENDING_BYTE: a writer about to commit */
};

/* One wait at a time: allo is single-threaded and a wait ends within one statement. */
static struct {
	sqlite3 *db;		/* the connection waiting, or the last one that gave up */
	struct timespec start;
	long checked_ms;	/* when the holder was last looked up; -1 before */
	int told;		/* the person has heard of this wait */
	int gave_up;
	char holder[64];	/* the holder last named */
	char cause[192];
} busy;

static int busy_limit_ms = STORE_BUSY_LIMIT_MS;
static store_busy_fn busy_fn;
static void *busy_arg;

/* Commands without a screen: one line on standard error. */
static void busy_default(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "allo: %s\n", msg);
}

void store_busy_hook(store_busy_fn fn, void *arg)
{
	busy_fn = fn;
	busy_arg = fn != NULL ? arg : NULL;
}

void store_busy_limit(int ms)
{
	busy_limit_ms = ms > 0 ? ms : STORE_BUSY_LIMIT_MS;
}

static void busy_tell(const char *msg)
{
	(busy_fn != NULL ? busy_fn : busy_default)(busy_arg, msg);
}

/* A descriptor this process already has on path: closing a new one would drop SQLite's locks. */
static int busy_own_fd(const char *path)
{
	struct stat want, st;
	struct dirent *e;
	char *end;
	DIR *d;
	long n;
	int fd = -1;

	if (stat(path, &want) < 0 || (d = opendir("/proc/self/fd")) == NULL)
		return -1;
	while (fd < 0 && (e = readdir(d)) != NULL) {
		n = strtol(e->d_name, &end, 10);
		if (end == e->d_name || *end != '\0' || n == dirfd(d))
			continue;
		if (fstat((int)n, &st) == 0 && st.st_dev == want.st_dev && st.st_ino == want.st_ino)
			fd = (int)n;
	}
	closedir(d);
	return fd;
}

/* The pid of a process whose lock would stop us writing these bytes of path, or 0. */
static pid_t busy_lock_pid(const char *path, off_t start, off_t len)
{
	struct flock fl;
	int fd = busy_own_fd(path);

	if (fd < 0)
		return 0;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = start;
	fl.l_len = len;
	if (fcntl(fd, F_GETLK, &fl) < 0 || fl.l_type == F_UNLCK || fl.l_pid <= 0)
		return 0;
	return fl.l_pid;
}

/* The process holding db's write, checkpoint or recovery lock, or 0 when none is seen. */
static pid_t busy_pid(sqlite3 *db)
{
	const char *main = sqlite3_db_filename(db, "main");
	char path[4096];
	size_t i;
	pid_t pid;

	if (main == NULL || main[0] == '\0')
		return 0;
	for (i = 0; i < sizeof busy_locks / sizeof busy_locks[0]; i++) {
		if ((size_t)snprintf(path, sizeof path, "%s%s", main, busy_locks[i].suffix) >=
		    sizeof path)
			continue;
		if ((pid = busy_lock_pid(path, busy_locks[i].start, busy_locks[i].len)) > 0)
			return pid;
	}
	return 0;
}

/* Copies a login for a message: printable ASCII only, so a name cannot drive the terminal. */
static void busy_clean(char *dst, size_t len, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < len && src[i] != '\0'; i++)
		dst[i] = src[i] > 0x20 && src[i] < 0x7f ? src[i] : '?';
	dst[i] = '\0';
}

/* The login of pid's real uid, the first one of the Uid: line of /proc/PID/status. */
static int busy_login(pid_t pid, char *who, size_t len)
{
	char path[64], line[256], *end;
	struct passwd *pw;
	long uid = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	while (uid < 0 && fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "Uid:", 4) == 0 &&
		    ((uid = strtol(line + 4, &end, 10)) < 0 || end == line + 4))
			uid = -2;
	}
	fclose(f);
	if (uid < 0 || (pw = getpwuid((uid_t)uid)) == NULL || pw->pw_name[0] == '\0')
		return -1;
	busy_clean(who, len, pw->pw_name);
	return 0;
}

int store_busy_holder(sqlite3 *db, char *who, size_t len)
{
	pid_t pid = busy_pid(db);

	if (pid <= 0 || len == 0)
		return -1;
	return busy_login(pid, who, len);
}

static long busy_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - busy.start.tv_sec) * 1000 +
	    (now.tv_nsec - busy.start.tv_nsec) / 1000000;
}

static void busy_begin(sqlite3 *db)
{
	memset(&busy, 0, sizeof busy);
	busy.db = db;
	busy.checked_ms = -1;
	clock_gettime(CLOCK_MONOTONIC, &busy.start);
}

/* Said once the wait passes a second, and again when another login holds the database. */
static void busy_notice(sqlite3 *db, long ms)
{
	char who[64], msg[192];

	if (busy.checked_ms >= 0 && ms - busy.checked_ms < BUSY_CHECK_MS)
		return;
	busy.checked_ms = ms;
	if (store_busy_holder(db, who, sizeof who) < 0) {
		if (busy.told)
			return;		/* the name said stands rather than flicker to "unknown" */
		snprintf(who, sizeof who, "%s", BUSY_NOBODY);
	}
	if (busy.told && strcmp(who, busy.holder) == 0)
		return;
	busy.told = 1;
	snprintf(busy.holder, sizeof busy.holder, "%s", who);
	snprintf(msg, sizeof msg, "base occupée, nouvel essai… (tenue par %s)", who);
	busy_tell(msg);
}

static void busy_give_up(sqlite3 *db)
{
	char who[64];

	if (store_busy_holder(db, who, sizeof who) < 0)
		snprintf(who, sizeof who, "%s", busy.told ? busy.holder : BUSY_NOBODY);
	snprintf(busy.cause, sizeof busy.cause, "base occupée depuis %d s (tenue par %s) : abandon",
	    (busy_limit_ms + 500) / 1000, who);
	busy.gave_up = 1;
	busy_tell(busy.cause);
}

/*
 * Sleeps of 1 to 10 ms, never longer: a waiter that sleeps longer misses the moments the lock
 * is free and starves behind the other writers (sixteen at once waited past 1 s with 50 ms).
 */
static void busy_sleep(int count, long left_ms)
{
	static const long steps[] = { 1, 2, 5, 10, 10, 10 };
	long ms = steps[count < 5 ? count : 5];
	struct timespec ts;

	if (ms > left_ms)
		ms = left_ms;
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000;
	nanosleep(&ts, NULL);
}

/* SQLite's busy callback: nonzero to try again, 0 to give up with SQLITE_BUSY. */
static int busy_retry(void *arg, int count)
{
	sqlite3 *db = arg;
	long ms;

	if (count == 0 || busy.db != db)
		busy_begin(db);
	ms = busy_ms();
	if (ms >= busy_limit_ms) {
		busy_give_up(db);
		return 0;
	}
	if (ms >= STORE_BUSY_NOTICE_MS)
		busy_notice(db, ms);
	busy_sleep(count, busy_limit_ms - ms);
	return 1;
}

void store_busy_install(sqlite3 *db)
{
	sqlite3_busy_handler(db, busy_retry, db);
}

const char *store_busy_cause(sqlite3 *db)
{
	if (!busy.gave_up || busy.db != db || sqlite3_extended_errcode(db) != SQLITE_BUSY)
		return NULL;
	return busy.cause;
}
