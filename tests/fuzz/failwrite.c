/* SPDX-License-Identifier: ISC */
/*
 * failwrite.c - an LD_PRELOAD shim that makes file writes fail, to test
 * what cronkeep does when the disk is full or the file system breaks.
 *
 *   FAILWRITE_OP     write (also pwrite) | fsync | rename | mkstemp | close
 *   FAILWRITE_PATH   only files whose path contains this text (for rename:
 *                    either name); default: every regular file
 *   FAILWRITE_ERRNO  the errno to fail with (default ENOSPC)
 *   FAILWRITE_AFTER  write: let this many bytes through first, with a
 *                    short write at the limit, as a filling disk does
 *
 * Without FAILWRITE_OP the shim does nothing.  Only regular files are
 * touched, so standard output, pipes and terminals keep working.  Test
 * code, not library code: it reads the environment freely.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t	write(int, const void *, size_t);
ssize_t	pwrite(int, const void *, size_t, off_t);
int	fsync(int);
int	fdatasync(int);
int	rename(const char *, const char *);
int	renameat2(int, const char *, int, const char *, unsigned int);
int	mkstemp(char *);
int	close(int);

static size_t written;

static const char *
op(void)
{
	const char *o = getenv("FAILWRITE_OP");

	return o != NULL ? o : "";
}

static int
fail_errno(void)
{
	const char *e = getenv("FAILWRITE_ERRNO");
	long v;
	char *end;

	if (e == NULL || *e == '\0')
		return ENOSPC;
	v = strtol(e, &end, 10);
	return (*end == '\0' && v > 0 && v < 4096) ? (int)v : ENOSPC;
}

static int
path_matches(const char *path)
{
	const char *want = getenv("FAILWRITE_PATH");

	return want == NULL || *want == '\0' || strstr(path, want) != NULL;
}

/* Is fd a regular file whose path matches FAILWRITE_PATH? */
static int
fd_matches(int fd)
{
	struct stat st;
	char link[64], path[4096];
	ssize_t n;

	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof(path) - 1)) == -1)
		return 0;
	path[n] = '\0';
	return path_matches(path);
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	static ssize_t (*real)(int, const void *, size_t);
	const char *after;
	size_t limit;

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))
		    dlsym(RTLD_NEXT, "write");
	if (strcmp(op(), "write") == 0 && fd_matches(fd)) {
		after = getenv("FAILWRITE_AFTER");
		limit = after != NULL ? strtoul(after, NULL, 10) : 0;
		if (written >= limit) {
			errno = fail_errno();
			return -1;
		}
		if (len > limit - written)
			len = limit - written;
		written += len;
	}
	return real(fd, buf, len);
}

/*
 * The positioned writes SQLite uses: the same fault as write().  The build
 * has _FILE_OFFSET_BITS=64, so this pwrite is the symbol pwrite64 too.
 */
static ssize_t
failed_pwrite(int fd, size_t *len)
{
	const char *after;
	size_t limit;

	if (strcmp(op(), "write") != 0 || !fd_matches(fd))
		return 0;
	after = getenv("FAILWRITE_AFTER");
	limit = after != NULL ? strtoul(after, NULL, 10) : 0;
	if (written >= limit) {
		errno = fail_errno();
		return -1;
	}
	if (*len > limit - written)
		*len = limit - written;
	written += *len;
	return 0;
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t, off_t))
		    dlsym(RTLD_NEXT, "pwrite");
	if (failed_pwrite(fd, &len) == -1)
		return -1;
	return real(fd, buf, len, off);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (strcmp(op(), "fsync") == 0 && fd_matches(fd)) {
		errno = fail_errno();
		return -1;
	}
	return real(fd);
}

int
fdatasync(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
	if (strcmp(op(), "fsync") == 0 && fd_matches(fd)) {
		errno = fail_errno();
		return -1;
	}
	return real(fd);
}

int
close(int fd)
{
	static int (*real)(int);
	int m;

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	/* Like NFS reporting a delayed write error: closed, but failed. */
	m = strcmp(op(), "close") == 0 && fd_matches(fd);
	if (real(fd) == -1)
		return -1;
	if (m) {
		errno = fail_errno();
		return -1;
	}
	return 0;
}

int
rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);

	if (real == NULL)
		real = (int (*)(const char *, const char *))
		    dlsym(RTLD_NEXT, "rename");
	if (strcmp(op(), "rename") == 0 && (path_matches(from) ||
	    path_matches(to))) {
		errno = fail_errno();
		return -1;
	}
	return real(from, to);
}

/* cronkeep's writers exchange the files (RENAME_EXCHANGE): same op. */
int
renameat2(int fromfd, const char *from, int tofd, const char *to,
    unsigned int flags)
{
	static int (*real)(int, const char *, int, const char *,
	    unsigned int);

	if (real == NULL)
		real = (int (*)(int, const char *, int, const char *,
		    unsigned int))dlsym(RTLD_NEXT, "renameat2");
	if (strcmp(op(), "rename") == 0 && (path_matches(from) ||
	    path_matches(to))) {
		errno = fail_errno();
		return -1;
	}
	return real(fromfd, from, tofd, to, flags);
}

int
mkstemp(char *tmpl)
{
	static int (*real)(char *);

	if (real == NULL)
		real = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp");
	if (strcmp(op(), "mkstemp") == 0 && path_matches(tmpl)) {
		errno = fail_errno();
		return -1;
	}
	return real(tmpl);
}
