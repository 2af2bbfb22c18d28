/*
 * The privileges of an installed, setgid allo: the group's rights for the
 * survey database only, the person's own rights for every other file, a
 * scrubbed environment and no core dumps.
 */
#ifndef ALLO_PRIV_H
#define ALLO_PRIV_H

#include <stdio.h>
#include <sys/types.h>

/* Run first in main: core dumps off, the environment reduced to its allow-list. */
void priv_init(void);
/* 1 when the program runs setgid (its effective group differs from the person's). */
int priv_setgid(void);
/* The group the database belongs to: the setgid group, or the person's own. */
gid_t priv_group(void);

/* Takes the person's own rights, until priv_user_end; calls nest. */
void priv_user_begin(void);
void priv_user_end(void);

/* open(2) with the person's own rights. */
int priv_open(const char *path, int flags, mode_t mode);


#endif
