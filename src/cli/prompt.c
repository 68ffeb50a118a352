/*
 * prompt.c - the shell's line reader.  With HAVE_READLINE and a terminal:
 * GNU readline with history and completion; otherwise getline(3), with
 * the prompt printed only on a terminal.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_READLINE
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
	rl_attempted_completion_over = 1;
	if (completer == NULL)
		return NULL;
	before = xmalloc((size_t)start + 1);
	memcpy(before, rl_line_buffer, (size_t)start);
	before[start] = '\0';
	cand = NULL;
	k = completer(before, text, &cand, completer_arg);
	free(before);
	switch (k) {
	case PROMPT_WORDS:
		return rl_completion_matches(text, word_gen);
	case PROMPT_FILES:
		rl_filename_completion_desired = 1;
		return rl_completion_matches(text,
		    rl_filename_completion_function);
	case PROMPT_USERS:
		return rl_completion_matches(text,
		    rl_username_completion_function);
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
		rl_crlf();
		rl_replace_line("", 0);
		rl_on_new_line();
		rl_redisplay();
	}
	return 0;
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
	use_rl = true;
	hist = histfile;
	rl_readline_name = "cronkeep";
	rl_attempted_completion_function = attempt;
	rl_signal_event_hook = signal_event;
	/* Words split at blanks only: "--id", "a=b", "*\/5" stay whole. */
	rl_basic_word_break_characters = " \t";
	rl_completer_quote_characters = "'\"";
	rl_filename_quote_characters = " \t'\"\\";
	using_history();
	stifle_history(HISTORY_MAX);
	if (hist != NULL)
		(void)read_history(hist);	/* none yet is fine */
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
		return readline(prompt);
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
	last = history_length > 0 ? history_get(history_base +
	    history_length - 1) : NULL;
	if (last == NULL || strcmp(last->line, line) != 0)
		add_history(line);
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
	if ((e = write_history(hist)) != 0) {
		errno = e;
		return -1;
	}
	(void)history_truncate_file(hist, HISTORY_MAX);
#endif
	return 0;
}
