/*
 * The database's folder and file: opened once, checked on their descriptors,
 * created with the allo group's rights so that every SQLite file shares them.
 */
#include "store/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/priv.h"
#include "util/xmalloc.h"

/* Splits path into its folder ("." when none) and its last name. */
static void file_split(struct store_file *f, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		f->dir = xstrdup(".");
		f->base = xstrdup(path);
	} else {
		f->dir = slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
		f->base = xstrdup(slash + 1);
	}
}

/* The folder of a new database: made if missing, then given to the group and closed to others. */
static int file_make_dir(struct store_file *f, char **cause)
{
	int made = mkdir(f->dir, 0770) == 0;

	if (!made && errno != EEXIST) {
		*cause = xasprintf("%s : impossible de créer le dossier : %s", f->dir, strerror(errno));
		return -1;
	}
	if ((f->dirfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		*cause = xasprintf("%s : %s", f->dir, strerror(errno));
		return -1;
	}
	/* Only a folder made here is changed: an existing one is the person's to arrange. */
	if (made && (fchown(f->dirfd, (uid_t)-1, priv_group()) < 0 || fchmod(f->dirfd, 02770) < 0)) {
		*cause = xasprintf("%s : impossible de fermer le dossier au groupe : %s", f->dir,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* A setgid allo only uses a folder of its group that nobody else can enter or change. */
static int file_check_dir(struct store_file *f, char **cause)
{
	struct stat st;

	if (fstat(f->dirfd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s : n'est pas un dossier", f->dir);
		return -1;
	}
	if ((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX)) {
		*cause = xasprintf("%s : dossier modifiable par tous : la base n'y est pas à l'abri",
		    f->dir);
		return -1;
	}
	if (priv_setgid() && (st.st_gid != priv_group() || (st.st_mode & S_IRWXO))) {
		*cause = xasprintf("%s : le dossier doit appartenir au groupe d'allo et être fermé aux "
		    "autres (mode 2770)", f->dir);
		return -1;
	}
	return 0;
}

/* Creates the file, exclusive and never through a link, with the group's rights. */
static int file_create(struct store_file *f, char **cause)
{
	f->fd = openat(f->dirfd, f->base, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);
	if (f->fd < 0 && errno == EEXIST) {
		*cause = xasprintf("%s : existe déjà ; allo n'écrase jamais une base d'enquête",
		    f->path);
		return -1;
	}
	if (f->fd < 0) {
		*cause = xasprintf("%s : création impossible : %s", f->path,
		    strerror(errno));
		return -1;
	}
	if (fchown(f->fd, (uid_t)-1, priv_group()) < 0 || fchmod(f->fd, 0660) < 0 ||
	    fstat(f->fd, &f->st) < 0) {
		*cause = xasprintf("%s : droits impossibles à poser : %s", f->path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Opens an existing file without following a link, and checks what it is on its descriptor. */
static int file_existing(struct store_file *f, char **cause)
{
	struct stat ln;

	if (fstatat(f->dirfd, f->base, &ln, AT_SYMLINK_NOFOLLOW) < 0) {
		*cause = xasprintf("%s: %s", f->path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(ln.st_mode)) {
		*cause = xasprintf("%s : lien symbolique refusé : ouvrir la base par son vrai nom", f->path);
		return -1;
	}
	if (!S_ISREG(ln.st_mode)) {
		*cause = xasprintf("%s : n'est pas un fichier ordinaire", f->path);
		return -1;
	}
	f->fd = openat(f->dirfd, f->base, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (f->fd < 0 || fstat(f->fd, &f->st) < 0) {
		*cause = xasprintf("%s : lecture et écriture de la base impossibles : %s", f->path, strerror(errno));
		return -1;
	}
	if (priv_setgid() && (f->st.st_gid != priv_group() || (f->st.st_mode & S_IRWXO))) {
		*cause = xasprintf("%s : la base doit appartenir au groupe d'allo et être fermée aux "
		    "autres (mode 0660)", f->path);
		return -1;
	}
	return 0;
}

int store_file_open(struct store_file *f, const char *path, enum store_open_mode mode,
    char **cause)
{
	memset(f, 0, sizeof *f);
	f->dirfd = f->fd = -1;
	f->path = path;
	file_split(f, path);
	if (f->base[0] == '\0') {
		*cause = xasprintf("%s : un nom de fichier est attendu, pas un dossier", path);
		return -1;
	}
	if (mode != STORE_EXISTING) {
		if (file_make_dir(f, cause) < 0 || file_check_dir(f, cause) < 0)
			return -1;
		return file_create(f, cause);
	}
	if ((f->dirfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (file_check_dir(f, cause) < 0)
		return -1;
	return file_existing(f, cause);
}

int store_file_same(struct store_file *f, const char *path, char **cause)
{
	struct stat now;

	if (fstatat(f->dirfd, f->base, &now, AT_SYMLINK_NOFOLLOW) < 0 ||
	    now.st_dev != f->st.st_dev || now.st_ino != f->st.st_ino) {
		*cause = xasprintf("%s : la base a été remplacée pendant son ouverture", path);
		return -1;
	}
	return 0;
}

void store_file_drop(struct store_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
}

void store_file_close(struct store_file *f)
{
	store_file_drop(f);
	if (f->dirfd >= 0)
		close(f->dirfd);
	free(f->dir);
	free(f->base);
	f->fd = f->dirfd = -1;
	f->dir = f->base = NULL;
}
