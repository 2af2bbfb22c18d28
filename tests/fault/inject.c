/*
 * A fault-injection shim for the tests, loaded with LD_PRELOAD (in the manner
 * of jq's inject_errors.c): fsync and fdatasync, and if asked write and
 * pwrite, fail with EIO on files whose name ends in "-wal" (SQLite's
 * write-ahead log) once a number of calls on such files have succeeded.
 *
 *   ALLO_FAULT_SYNC_AFTER=N    the first N syncs of a -wal file succeed, then
 *   ALLO_FAULT_SYNC_FAILS=K    K of them fail (default 1; 0: every one after)
 *   ALLO_FAULT_WRITE_AFTER=N   the same for write, pwrite and pwrite64
 *   ALLO_FAULT_WRITE_FAILS=K
 *   ALLO_FAULT_ARM=FILE        calls are counted only once FILE exists, so that
 *                              a test can break the one keystroke it aims at
 *   ALLO_FAULT_LOG=FILE        one line appended per failure injected
 *
 * The variables are read before main, since allo empties its environment
 * first thing. Single-threaded callers only, as allo is.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One kind of call to break: how many pass first, then how many fail. */
struct inject_fault {
	long after;	/* successful calls left before failing; -1: this fault is off */
	long fails;	/* failures left; -1: no end */
};

static struct inject_fault inject_sync = { -1, 0 }, inject_write = { -1, 0 };
static char inject_log_path[4096], inject_arm_path[4096];

static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);

/* A non-negative number from the environment, or def when unset or unreadable. */
static long inject_env(const char *name, long def)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return def;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 0 ? n : def;
}

/* Sets a fault from its two variables. */
static void inject_setup(struct inject_fault *f, const char *after, const char *fails)
{
	long k = inject_env(fails, 1);

	f->after = inject_env(after, -1);
	f->fails = k == 0 ? -1 : k;
}

/* Finds the functions the shim stands in for; a library may write before inject_init runs. */
static void inject_resolve(void)
{
	if (real_pwrite64 != NULL)
		return;
	real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	real_fdatasync = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	real_pwrite = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	real_pwrite64 = (ssize_t (*)(int, const void *, size_t, off64_t))dlsym(RTLD_NEXT,
	    "pwrite64");
}

/* Reads the faults asked for, before main empties the environment. */
__attribute__((constructor)) static void inject_init(void)
{
	const char *log = getenv("ALLO_FAULT_LOG"), *arm = getenv("ALLO_FAULT_ARM");

	inject_resolve();
	inject_setup(&inject_sync, "ALLO_FAULT_SYNC_AFTER", "ALLO_FAULT_SYNC_FAILS");
	inject_setup(&inject_write, "ALLO_FAULT_WRITE_AFTER", "ALLO_FAULT_WRITE_FAILS");
	if (log != NULL)
		snprintf(inject_log_path, sizeof inject_log_path, "%s", log);
	if (arm != NULL)
		snprintf(inject_arm_path, sizeof inject_arm_path, "%s", arm);
}

/* The file behind fd, in path; 0 when it cannot be told. */
static int inject_name(int fd, char *path, size_t len)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, len - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	return 1;
}

/* 1 when fd is a write-ahead log, the only files the faults touch. */
static int inject_is_wal(int fd, char *path, size_t len)
{
	size_t n;

	if (!inject_name(fd, path, len))
		return 0;
	n = strlen(path);
	return n >= 4 && strcmp(path + n - 4, "-wal") == 0;
}

/* Appends "CALL PATH" to the log, so a test can tell the fault really fired. */
static void inject_log(const char *call, const char *path)
{
	char line[4200];
	int fd, n;

	if (inject_log_path[0] == '\0' || real_write == NULL)
		return;
	fd = open(inject_log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof line, "%s %s\n", call, path);
	if (n > 0 && real_write(fd, line, (size_t)n) < 0)
		n = 0;
	close(fd);
}

/* 1 once the test has armed the faults (always, when it asked for no arming). */
static int inject_armed(void)
{
	return inject_arm_path[0] == '\0' || access(inject_arm_path, F_OK) == 0;
}

/* 1 when this call on fd must fail: armed, a -wal file, its passes used up, failures left. */
static int inject_hit(struct inject_fault *f, int fd, const char *call)
{
	char path[4096];

	inject_resolve();
	if (f->after < 0 || f->fails == 0 || !inject_armed() ||
	    !inject_is_wal(fd, path, sizeof path))
		return 0;
	if (f->after > 0) {
		f->after--;
		return 0;
	}
	if (f->fails > 0)
		f->fails--;
	inject_log(call, path);
	errno = EIO;
	return 1;
}

int fsync(int fd)
{
	return inject_hit(&inject_sync, fd, "fsync") ? -1 : real_fsync(fd);
}

int fdatasync(int fd)
{
	return inject_hit(&inject_sync, fd, "fdatasync") ? -1 : real_fdatasync(fd);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return inject_hit(&inject_write, fd, "write") ? -1 : real_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t at)
{
	return inject_hit(&inject_write, fd, "pwrite") ? -1 : real_pwrite(fd, buf, n, at);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t at)
{
	return inject_hit(&inject_write, fd, "pwrite64") ? -1 : real_pwrite64(fd, buf, n, at);
}
