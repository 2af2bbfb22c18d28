/* Waiting for a database another process holds: short retries, a word to the person, a limit. */
#ifndef ALLO_STORE_BUSY_H
#define ALLO_STORE_BUSY_H

#include <sqlite3.h>
#include <stddef.h>

#define STORE_BUSY_LIMIT_MS 30000	/* the wait given up after this */
#define STORE_BUSY_NOTICE_MS 1000	/* the person told of the wait after this */

/* Told of a wait: msg is French, names the holder's login, never a case's data. */
typedef void (*store_busy_fn)(void *arg, const char *msg);

/* Installs the busy handler on a connection, in place of sqlite3_busy_timeout. */
void store_busy_install(sqlite3 *db);
/* Who hears of waits from now on; fn NULL restores the default (a line on standard error). */
void store_busy_hook(store_busy_fn fn, void *arg);
/* The give-up limit, in milliseconds: the program keeps 30 s; unit tests shorten it. */
void store_busy_limit(int ms);
/* The French reason when db's last statement failed on a wait given up, else NULL. */
const char *store_busy_cause(sqlite3 *db);
/* The login of the process holding db's write lock into who: 0, or -1 when unknown. */
int store_busy_holder(sqlite3 *db, char *who, size_t len);

#endif
