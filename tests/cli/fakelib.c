/*
 * fakelib.c - a well-formed shared library with none of the functions
 * cronkeep resolves.  test_lazyload.sh and test_shell.sh put copies of it
 * named libsqlite3.so.0 and libreadline.so.8 first in LD_LIBRARY_PATH:
 * dlopen(3) then succeeds and dlsym(3) fails.
 */
int	ck_fakelib(void);

int
ck_fakelib(void)
{
	return 0;
}
