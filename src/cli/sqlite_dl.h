/*
 * sqlite_dl.h - SQLite, loaded with dlopen(3) the first time the run
 * history is opened.  Only exec, history and list --status use it; the
 * other commands start without mapping the library at all.  histdb.c
 * calls SQLite only through the table `sqlite` declared here; the types
 * and constants still come from <sqlite3.h>.
 */
#ifndef CK_SQLITE_DL_H
#define CK_SQLITE_DL_H

#include <sqlite3.h>

#define SQLITE_DL_SONAME	"libsqlite3.so.0"

/*
 * Every SQLite function histdb.c calls, as
 * X(return type, name without "sqlite3_", parameter types).
 * sqlite_dl.c checks each against the prototype in <sqlite3.h>.
 */
#define SQLITE_DL_FUNCS(X)						\
	X(int, open_v2, (const char *, sqlite3 **, int, const char *))	\
	X(int, close, (sqlite3 *))					\
	X(const char *, errmsg, (sqlite3 *))				\
	X(int, busy_timeout, (sqlite3 *, int))				\
	X(int, exec, (sqlite3 *, const char *,				\
	    int (*)(void *, int, char **, char **), void *, char **))	\
	X(void, free, (void *))						\
	X(int, prepare_v2, (sqlite3 *, const char *, int,		\
	    sqlite3_stmt **, const char **))				\
	X(int, bind_text, (sqlite3_stmt *, int, const char *, int,	\
	    void (*)(void *)))						\
	X(int, bind_double, (sqlite3_stmt *, int, double))		\
	X(int, bind_int, (sqlite3_stmt *, int, int))			\
	X(int, bind_int64, (sqlite3_stmt *, int, sqlite3_int64))	\
	X(int, bind_null, (sqlite3_stmt *, int))			\
	X(int, step, (sqlite3_stmt *))					\
	X(int, finalize, (sqlite3_stmt *))				\
	X(sqlite3_int64, last_insert_rowid, (sqlite3 *))		\
	X(const unsigned char *, column_text, (sqlite3_stmt *, int))	\
	X(double, column_double, (sqlite3_stmt *, int))			\
	X(int, column_int, (sqlite3_stmt *, int))			\
	X(sqlite3_int64, column_int64, (sqlite3_stmt *, int))

#define SQLITE_DL_TYPEDEF(ret, name, params)				\
	typedef ret (*sqlite_dl_##name##_fn) params;
SQLITE_DL_FUNCS(SQLITE_DL_TYPEDEF)
#undef SQLITE_DL_TYPEDEF

struct sqlite_dl {
#define SQLITE_DL_MEMBER(ret, name, params)				\
	sqlite_dl_##name##_fn name;
	SQLITE_DL_FUNCS(SQLITE_DL_MEMBER)
#undef SQLITE_DL_MEMBER
};

/* sqlite.open_v2 is sqlite3_open_v2 ...; set by sqlite_dl_load(). */
extern struct sqlite_dl sqlite;

/*
 * Load libsqlite3.so.0 (RTLD_NOW | RTLD_LOCAL) and resolve every function
 * in SQLITE_DL_FUNCS.  Done once: later calls return at once.
 * @return 0, or -1 with a message on stderr naming the library and what
 * dlerror(3) said.
 */
int	 sqlite_dl_load(void);

#endif /* CK_SQLITE_DL_H */
