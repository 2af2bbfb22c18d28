/* Exported files: written through a large buffer, hashed on the way, checked when closed. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "export/wave.h"
#include "util/xmalloc.h"

#define OUT_BUFFER (1 << 20)

int out_open(struct out *o, const char *dir, const char *name, char **cause)
{
	int fd;

	memset(o, 0, sizeof *o);
	o->path = xasprintf("%s/%s", dir, name);
	o->name = xstrdup(name);
	fd = open(o->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (fd < 0 || (o->f = fdopen(fd, "wb")) == NULL) {
		*cause = xasprintf("%s: %s", o->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		out_discard(o);
		return -1;
	}
	o->vbuf = xmalloc(OUT_BUFFER);
	setvbuf(o->f, o->vbuf, _IOFBF, OUT_BUFFER);
	sha256_init(&o->h);
	return 0;
}

void out_write(struct out *o, const void *p, size_t n)
{
	if (n == 0)
		return;
	sha256_update(&o->h, p, n);
	fwrite(p, 1, n, o->f);
	o->bytes += n;
}

void out_buf(struct out *o, struct buf *b)
{
	out_write(o, b->s, b->len);
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

/* Flushes, syncs and closes: a file that is not whole on disk is an error. */
int out_close(struct out *o, char **cause)
{
	unsigned char d[32];
	int i, bad;

	bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
	if (fclose(o->f) != 0)
		bad = 1;
	o->f = NULL;
	if (bad) {
		*cause = xasprintf("%s: cannot write: %s", o->path, strerror(errno));
		return -1;
	}
	sha256_final(&o->h, d);
	for (i = 0; i < 32; i++)
		snprintf(o->hex + 2 * i, 3, "%02x", d[i]);
	free(o->vbuf);
	o->vbuf = NULL;
	return 0;
}

/* Frees what o holds; the file, if any, is left to the folder's removal. */
void out_discard(struct out *o)
{
	if (o->f != NULL)
		fclose(o->f);
	free(o->path);
	free(o->name);
	free(o->vbuf);
	memset(o, 0, sizeof *o);
}

void out_pause(void)
{
	const char *s = getenv("ALLO_EXPORT_PAUSE_MS");
	long ms = s != NULL ? strtol(s, NULL, 10) : 0;
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}
