/*
 * sqlite_dl.c - load SQLite on first use (see sqlite_dl.h).
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <string.h>

#include "cli.h"
#include "sqlite_dl.h"

/*
 * Each entry's type is the one <sqlite3.h> declares.  _Generic does not
 * evaluate its operand, so this refers to no symbol at link time.
 */
#define SQLITE_DL_CHECK(ret, name, params)				\
	_Static_assert(_Generic(&sqlite3_##name,			\
	    sqlite_dl_##name##_fn: 1, default: 0),			\
	    "sqlite3_" #name ": SQLITE_DL_FUNCS differs from <sqlite3.h>");
SQLITE_DL_FUNCS(SQLITE_DL_CHECK)
#undef SQLITE_DL_CHECK

struct sqlite_dl sqlite;

int
sqlite_dl_load(void)
{
	static bool loaded;
	void *lib, *sym;
	const char *name = NULL, *why;

	if (loaded)
		return 0;
	/* Dropped on failure: a half-filled table is never used. */
	if ((lib = dlopen(SQLITE_DL_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		goto fail;
#define SQLITE_DL_RESOLVE(ret, name_, params)				\
	name = "sqlite3_" #name_;					\
	if ((sym = dlsym(lib, name)) == NULL)				\
		goto fail;						\
	sqlite.name_ = (sqlite_dl_##name_##_fn)sym;
	SQLITE_DL_FUNCS(SQLITE_DL_RESOLVE)
#undef SQLITE_DL_RESOLVE
	loaded = true;
	return 0;
fail:
	/* dlerror() names the file, or the file and the missing symbol. */
	if ((why = dlerror()) == NULL)
		why = "not found";
	cli_warnx("the run history needs SQLite: cannot load %s%s%s: %s",
	    SQLITE_DL_SONAME, name != NULL ? ", function " : "",
	    name != NULL ? name : "", why);
	if (lib != NULL)
		dlclose(lib);
	memset(&sqlite, 0, sizeof(sqlite));
	return -1;
}
