/* Private to the store: the database file and its folder, checked through their descriptors. */
#ifndef ALLO_STORE_FILE_H
#define ALLO_STORE_FILE_H

#include <sys/stat.h>

#include "store/store.h"

struct store_file {
	int dirfd;		/* the folder, opened once */
	int fd;			/* the database file, opened once without following links */
	struct stat st;		/* the file as opened */
	const char *path;	/* as the person gave it, for messages; borrowed */
	char *dir;		/* the folder's path */
	char *base;		/* the file's name in its folder */
};

/* Opens (or, for STORE_CREATE*, creates) the folder and the file and checks them; -1 with *cause. */
int store_file_open(struct store_file *f, const char *path, enum store_open_mode mode,
    char **cause);
/* 0 when the name still leads to the file checked, after SQLite opened it by name. */
int store_file_same(struct store_file *f, const char *path, char **cause);
/* Closes the file's descriptor: before SQLite takes its first lock on the file. */
void store_file_drop(struct store_file *f);
void store_file_close(struct store_file *f);

#endif
