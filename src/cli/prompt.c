/*
 * prompt.c - the shell's line reader.  With HAVE_READLINE and a terminal:
 * GNU readline with history and completion; otherwise getline(3), with
 * the prompt printed only on a terminal.  Readline is loaded with
 * dlopen(3) when the shell starts on a terminal, so that no other command
 * maps it (nor libtinfo); when it cannot be loaded, plain lines again.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_READLINE
#include <dlfcn.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif

#include "cli.h"
#include "prompt.h"

#define HISTORY_MAX	1000

static bool tty;
static volatile sig_atomic_t interrupted;
static prompt_complete_fn completer;
static void *completer_arg;

/*
 * ^C drops the line being typed, as in a shell, instead of the session
 * and its staged changes.  A handler, not SIG_IGN: the commands' children
 * (run, edit) get the default back when they exec.
 */
static void
on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

#ifdef HAVE_READLINE
#ifndef CK_READLINE_SONAME
#define CK_READLINE_SONAME	"libreadline.so.8"
#endif

/* The functions used, as X(return type, name, parameter types). */
#define RL_FUNCS(X)							\
	X(char *, readline, (const char *))				\
	X(void, using_history, (void))					\
	X(void, stifle_history, (int))					\
	X(int, read_history, (const char *))				\
	X(int, write_history, (const char *))				\
	X(int, history_truncate_file, (const char *, int))		\
	X(HIST_ENTRY *, history_get, (int))				\
	X(void, add_history, (const char *))				\
	X(char **, rl_completion_matches, (const char *,		\
	    rl_compentry_func_t *))					\
	X(char *, rl_filename_completion_function, (const char *, int))	\
	X(char *, rl_username_completion_function, (const char *, int))	\
	X(int, rl_crlf, (void))						\
	X(void, rl_replace_line, (const char *, int))			\
	X(int, rl_on_new_line, (void))					\
	X(void, rl_redisplay, (void))
/* The variables used, as X(type, name), reached through their address. */
#define RL_VARS(X)							\
	X(int, history_base)						\
	X(int, history_length)						\
	X(char *, rl_line_buffer)					\
	X(const char *, rl_readline_name)				\
	X(rl_completion_func_t *, rl_attempted_completion_function)	\
	X(int, rl_attempted_completion_over)				\
	X(int, rl_filename_completion_desired)				\
	X(rl_hook_func_t *, rl_signal_event_hook)			\
	X(const char *, rl_basic_word_break_characters)			\
	X(const char *, rl_completer_quote_characters)			\
	X(const char *, rl_filename_quote_characters)

#define RL_TYPEDEF(ret, name, params)					\
	typedef ret (*rl_dl_##name##_fn) params;
RL_FUNCS(RL_TYPEDEF)
#undef RL_TYPEDEF

/*
 * Each entry's type is the one the readline headers declare.  _Generic
 * does not evaluate its operand, so this refers to no symbol at link time.
 */
#define RL_CHECK_FN(ret, name, params)					\
	_Static_assert(_Generic(&name, rl_dl_##name##_fn: 1, default: 0),	\
	    #name ": RL_FUNCS differs from <readline/readline.h>");
#define RL_CHECK_VAR(type, name)					\
	_Static_assert(_Generic(&name, type *: 1, default: 0),		\
	    #name ": RL_VARS differs from <readline/readline.h>");
RL_FUNCS(RL_CHECK_FN)
RL_VARS(RL_CHECK_VAR)
#undef RL_CHECK_FN
#undef RL_CHECK_VAR

/* rl.readline is readline(3), *rl.history_length is history_length ... */
static struct {
#define RL_FN_MEMBER(ret, name, params)	rl_dl_##name##_fn name;
#define RL_VAR_MEMBER(type, name)	type *name;
	RL_FUNCS(RL_FN_MEMBER)
	RL_VARS(RL_VAR_MEMBER)
#undef RL_FN_MEMBER
#undef RL_VAR_MEMBER
} rl;

static bool use_rl;
static const char *hist;
static const char *const *cand;
static size_t cand_i;

static char *
word_gen(const char *text, int state)
{
	size_t len = strlen(text);
	const char *w;

	if (state == 0)
		cand_i = 0;
	while (cand != NULL && (w = cand[cand_i]) != NULL) {
		cand_i++;
		if (strncmp(w, text, len) == 0)
			return xstrdup(w);
	}
	return NULL;
}

static char **
attempt(const char *text, int start, int end)
{
	char *before;
	enum prompt_kind k;

	(void)end;
	*rl.rl_attempted_completion_over = 1;
	if (completer == NULL)
		return NULL;
	before = xmalloc((size_t)start + 1);
	memcpy(before, *rl.rl_line_buffer, (size_t)start);
	before[start] = '\0';
	cand = NULL;
	k = completer(before, text, &cand, completer_arg);
	free(before);
	switch (k) {
	case PROMPT_WORDS:
		return rl.rl_completion_matches(text, word_gen);
	case PROMPT_FILES:
		*rl.rl_filename_completion_desired = 1;
		return rl.rl_completion_matches(text,
		    rl.rl_filename_completion_function);
	case PROMPT_USERS:
		return rl.rl_completion_matches(text,
		    rl.rl_username_completion_function);
	default:
		return NULL;
	}
}

/* Readline calls this after a signal it caught; ^C: start a new line. */
static int
signal_event(void)
{
	if (interrupted) {
		interrupted = 0;
		rl.rl_crlf();
		rl.rl_replace_line("", 0);
		rl.rl_on_new_line();
		rl.rl_redisplay();
	}
	return 0;
}

/*
 * Load readline (RTLD_NOW | RTLD_LOCAL) and fill in rl.  Done once.
 * @return true, or false with one line on stderr saying why.
 */
static bool
rl_load(void)
{
	void *lib, *sym;
	const char *name = NULL, *why;

	if ((lib = dlopen(CK_READLINE_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		goto fail;
#define RL_RESOLVE_FN(ret, name_, params)				\
	name = #name_;							\
	if ((sym = dlsym(lib, name)) == NULL)				\
		goto fail;						\
	rl.name_ = (rl_dl_##name_##_fn)sym;
#define RL_RESOLVE_VAR(type, name_)					\
	name = #name_;							\
	if ((sym = dlsym(lib, name)) == NULL)				\
		goto fail;						\
	rl.name_ = (type *)sym;
	RL_FUNCS(RL_RESOLVE_FN)
	RL_VARS(RL_RESOLVE_VAR)
#undef RL_RESOLVE_FN
#undef RL_RESOLVE_VAR
	return true;
fail:
	if ((why = dlerror()) == NULL)
		why = "not found";
	cli_warnx("cannot load %s%s%s (%s): lines are read without editing",
	    CK_READLINE_SONAME, name != NULL ? ", symbol " : "",
	    name != NULL ? name : "", why);
	if (lib != NULL)
		dlclose(lib);
	memset(&rl, 0, sizeof(rl));
	return false;
}
#endif

void
prompt_open(bool interactive, const char *histfile, prompt_complete_fn fn,
    void *arg)
{
	struct sigaction sa;

	tty = interactive;
	completer = fn;
	completer_arg = arg;
	if (!interactive)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);	/* no SA_RESTART: read(2) returns */
#ifdef HAVE_READLINE
	if (!rl_load())
		return;
	use_rl = true;
	hist = histfile;
	*rl.rl_readline_name = "cronkeep";
	*rl.rl_attempted_completion_function = attempt;
	*rl.rl_signal_event_hook = signal_event;
	/* Words split at blanks only: "--id", "a=b", "*\/5" stay whole. */
	*rl.rl_basic_word_break_characters = " \t";
	*rl.rl_completer_quote_characters = "'\"";
	*rl.rl_filename_quote_characters = " \t'\"\\";
	rl.using_history();
	rl.stifle_history(HISTORY_MAX);
	if (hist != NULL)
		(void)rl.read_history(hist);	/* none yet is fine */
#else
	(void)histfile;
#endif
}

char *
prompt_read(const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	interrupted = 0;	/* a ^C during the last command */
#ifdef HAVE_READLINE
	if (use_rl)
		return rl.readline(prompt);
#endif
	if (tty) {
		fputs(prompt, stdout);
		fflush(stdout);
	}
	if ((n = getline(&line, &cap, stdin)) == -1) {
		if (interrupted) {
			interrupted = 0;
			clearerr(stdin);
			fputc('\n', stdout);
			free(line);
			return xstrdup("");
		}
		free(line);
		if (tty)
			fputc('\n', stdout);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

void
prompt_remember(const char *line)
{
#ifdef HAVE_READLINE
	HIST_ENTRY *last;

	if (!use_rl || line[0] == '\0' || line[0] == ' ')
		return;
	last = *rl.history_length > 0 ? rl.history_get(*rl.history_base +
	    *rl.history_length - 1) : NULL;
	if (last == NULL || strcmp(last->line, line) != 0)
		rl.add_history(line);
#else
	(void)line;
#endif
}

int
prompt_close(void)
{
#ifdef HAVE_READLINE
	int e;

	if (!use_rl || hist == NULL)
		return 0;
	if ((e = rl.write_history(hist)) != 0) {
		errno = e;
		return -1;
	}
	(void)rl.history_truncate_file(hist, HISTORY_MAX);
#endif
	return 0;
}

bool
prompt_readline(void)
{
#ifdef HAVE_READLINE
	return true;
#else
	return false;
#endif
}
