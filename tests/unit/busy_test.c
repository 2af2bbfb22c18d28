/* The busy handler: another process's lock is waited for, said with its holder, and given up. */
#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/busy.h"
#include "unit.h"

static char said[4][192];
static int nsaid;
static char me[64];

static void busy_test_hook(void *arg, const char *msg)
{
	(void)arg;
	if (nsaid < 4)
		snprintf(said[nsaid], sizeof said[nsaid], "%s", msg);
	nsaid++;
}

static long busy_test_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Tells the parent through fd that the lock is held, then keeps it for ms. */
static void busy_test_ready(int fd, int ms)
{
	if (write(fd, "x", 1) != 1)
		_exit(1);
	close(fd);
	usleep((useconds_t)ms * 1000);
}

/*
 * A child that takes path's write lock through SQLite for ms, then commits; returns once it
 * holds it. Forked while the parent has no connection open, as SQLite asks of a fork.
 */
static pid_t busy_test_hold(const char *path, int ms)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		sqlite3 *db;

		close(p[0]);
		if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_busy_timeout(db, 5000) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		busy_test_ready(p[1], ms);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		pid = -1;
	close(p[0]);
	return pid;
}

/* A second holder in line: it waits on the WAL write lock byte itself, then keeps it for ms. */
static pid_t busy_test_next(const char *shm, int ms, uid_t uid)
{
	struct flock fl;
	pid_t pid;
	int fd;

	if ((pid = fork()) != 0)
		return pid;
	if ((fd = open(shm, O_RDWR)) < 0 || (uid != getuid() && setuid(uid) < 0))
		_exit(1);
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 120;
	fl.l_len = 1;
	if (fcntl(fd, F_SETLKW, &fl) < 0)
		_exit(1);
	usleep((useconds_t)ms * 1000);
	_exit(0);
}

static int busy_test_reap(pid_t pid)
{
	int status;

	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0;
}

static sqlite3 *busy_test_open(const char *path)
{
	sqlite3 *db;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return NULL;
	sqlite3_extended_result_codes(db, 1);
	store_busy_install(db);
	return db;
}

/* Tries to write while a child holds the lock for hold_ms; *ms is how long the write took. */
static int busy_test_write(const char *path, int hold_ms, long *ms)
{
	pid_t pid = busy_test_hold(path, hold_ms);
	sqlite3 *db;
	long t0;
	int rc;

	nsaid = 0;
	if (pid < 0 || (db = busy_test_open(path)) == NULL)
		return -1;
	t0 = busy_test_ms();
	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	*ms = busy_test_ms() - t0;
	if (rc == SQLITE_OK)
		sqlite3_exec(db, "INSERT INTO t VALUES (1); COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	return busy_test_reap(pid) ? rc : -1;
}

static void busy_test_make(const char *path, const char *mode)
{
	char sql[128];
	sqlite3 *db;

	snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s; CREATE TABLE t (x);", mode);
	sqlite3_open(path, &db);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
}

static void busy_test_waits(const char *path)
{
	char want[192];
	long ms;
	int rc;

	rc = busy_test_write(path, 400, &ms);
	UNIT_OK("busy-short-wait-quiet", rc == SQLITE_OK && nsaid == 0, "rc %d, %d said: %s", rc,
	    nsaid, said[0]);
	rc = busy_test_write(path, 1600, &ms);
	UNIT_OK("busy-waits-then-writes", rc == SQLITE_OK && ms >= 1400, "rc %d after %ld ms", rc, ms);
	snprintf(want, sizeof want, "base occupée, nouvel essai… (tenue par %s)", me);
	UNIT_OK("busy-said-once", nsaid == 1, "%d said", nsaid);
	UNIT_STREQ("busy-names-holder", said[0], want);
}

static void busy_test_gives_up(const char *path)
{
	char want[192];
	pid_t pid = busy_test_hold(path, 3500);
	sqlite3 *db = busy_test_open(path);
	long t0 = busy_test_ms(), ms;
	int rc;

	nsaid = 0;
	store_busy_limit(2000);
	rc = db != NULL && pid > 0 ? sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) : -1;
	ms = busy_test_ms() - t0;
	store_busy_limit(STORE_BUSY_LIMIT_MS);
	snprintf(want, sizeof want, "base occupée depuis 2 s (tenue par %s) : abandon", me);
	UNIT_OK("busy-gives-up", rc == SQLITE_BUSY && ms >= 1900 && ms < 2600, "rc %d after %ld ms",
	    rc, ms);
	UNIT_STREQ("busy-cause", store_busy_cause(db), want);
	UNIT_OK("busy-give-up-said", nsaid == 2 && strcmp(said[1], want) == 0, "%d said, last %s",
	    nsaid, nsaid > 1 ? said[1] : "");
	sqlite3_exec(db, "SELECT 1", NULL, NULL, NULL);
	UNIT_OK("busy-cause-cleared", store_busy_cause(db) == NULL, "stale cause");
	sqlite3_close(db);
	UNIT_OK("busy-give-up-holder-done", busy_test_reap(pid), "holder failed");
}

/* Another login takes the lock as the first holder leaves: said again, with its name. */
static void busy_test_changes(const char *path, const char *shm)
{
	struct passwd *pw = getuid() == 0 ? getpwnam("nobody") : NULL;
	uid_t uid = pw != NULL ? pw->pw_uid : getuid();
	char other[64], want[192];
	pid_t a = busy_test_hold(path, 1500), b = a > 0 ? busy_test_next(shm, 1200, uid) : -1;
	sqlite3 *db = busy_test_open(path);
	int rc;

	snprintf(other, sizeof other, "%s", pw != NULL ? pw->pw_name : me);
	nsaid = 0;
	usleep(100000);		/* the second holder is queued on the lock byte */
	rc = db != NULL && b > 0 ? sqlite3_exec(db, "BEGIN IMMEDIATE; ROLLBACK", NULL, NULL, NULL) : -1;
	sqlite3_close(db);
	UNIT_OK("busy-next-holder-waited", rc == SQLITE_OK && busy_test_reap(a) && busy_test_reap(b),
	    "rc %d", rc);
	snprintf(want, sizeof want, "base occupée, nouvel essai… (tenue par %s)", other);
	if (pw != NULL)
		UNIT_OK("busy-new-holder-said", nsaid == 2 && strcmp(said[1], want) == 0,
		    "%d said, last %s", nsaid, nsaid > 0 ? said[nsaid > 4 ? 3 : nsaid - 1] : "");
	else
		UNIT_OK("busy-same-login-said-once", nsaid == 1, "%d said", nsaid);
}

/* The number of POSIX locks this process holds, from /proc/locks. */
static int busy_test_own_locks(void)
{
	char line[256], pid[32];
	FILE *f = fopen("/proc/locks", "r");
	int n = 0;

	if (f == NULL)
		return -1;
	snprintf(pid, sizeof pid, " %ld ", (long)getpid());
	while (fgets(line, sizeof line, f) != NULL)
		if (strstr(line, "POSIX") != NULL && strstr(line, pid) != NULL)
			n++;
	fclose(f);
	return n;
}

/* The holder found in rollback mode too, and our own locks kept while looking. */
static void busy_test_holder(const char *wal, const char *rollback)
{
	char who[64] = "";
	sqlite3 *db = busy_test_open(wal);
	pid_t pid;
	int before, rc;

	sqlite3_exec(db, "BEGIN; SELECT count(*) FROM t;", NULL, NULL, NULL);
	before = busy_test_own_locks();
	rc = store_busy_holder(db, who, sizeof who);
	UNIT_OK("busy-no-holder", rc == -1, "rc %d, %s", rc, who);
	UNIT_OK("busy-own-locks-kept", before > 0 && busy_test_own_locks() == before,
	    "%d locks, then %d", before, busy_test_own_locks());
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);

	pid = busy_test_hold(rollback, 800);
	db = busy_test_open(rollback);
	sqlite3_exec(db, "SELECT count(*) FROM t", NULL, NULL, NULL);
	rc = pid > 0 ? store_busy_holder(db, who, sizeof who) : -2;
	UNIT_OK("busy-rollback-holder", rc == 0 && strcmp(who, me) == 0, "rc %d, %s", rc, who);
	sqlite3_close(db);
	busy_test_reap(pid);
}

int main(void)
{
	char dir[] = "/tmp/allo-busy-test-XXXXXX", wal[128], shm[160], rollback[128], cmd[160];
	struct passwd *pw = getpwuid(getuid());

	if (mkdtemp(dir) == NULL || pw == NULL)
		return 1;
	snprintf(me, sizeof me, "%s", pw->pw_name);
	snprintf(wal, sizeof wal, "%s/wal.db", dir);
	snprintf(shm, sizeof shm, "%s-shm", wal);
	snprintf(rollback, sizeof rollback, "%s/rollback.db", dir);
	busy_test_make(wal, "WAL");
	busy_test_make(rollback, "DELETE");
	store_busy_hook(busy_test_hook, NULL);
	busy_test_waits(wal);
	busy_test_gives_up(wal);
	busy_test_changes(wal, shm);
	busy_test_holder(wal, rollback);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	UNIT_END();
}
