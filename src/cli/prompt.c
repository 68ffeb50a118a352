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

struct prompt {
	bool		 tty;
	prompt_complete_fn completer;
	void		*arg;
	bool		 use_rl;	/* readline edits the lines */
	const char	*hist;		/* the history file, or NULL */
	const char *const *cand;	/* the completion's candidates ... */
	size_t		 cand_i;	/* ... and the next one to try */
};

/*
 * The only process state: what the SIGINT handler sets, and the prompt
 * readline's callbacks (which take no argument) work for.
 */
static volatile sig_atomic_t interrupted;
#ifdef HAVE_READLINE
static struct prompt *rl_owner;
#endif

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
static char *
word_gen(const char *text, int state)
{
	struct prompt *p = rl_owner;
	size_t len = strlen(text);
	const char *w;

	if (state == 0)
		p->cand_i = 0;
	while (p->cand != NULL && (w = p->cand[p->cand_i]) != NULL) {
		p->cand_i++;
		if (strncmp(w, text, len) == 0)
			return xstrdup(w);
	}
	return NULL;
}

static char **
attempt(const char *text, int start, int end)
{
	struct prompt *p = rl_owner;
	char *before;
	enum prompt_kind k;

	(void)end;
	rl_attempted_completion_over = 1;
	if (p == NULL || p->completer == NULL)
		return NULL;
	before = xmalloc((size_t)start + 1);
	memcpy(before, rl_line_buffer, (size_t)start);
	before[start] = '\0';
	p->cand = NULL;
	k = p->completer(before, text, &p->cand, p->arg);
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

struct prompt *
prompt_open(bool interactive, const char *histfile, prompt_complete_fn fn,
    void *arg)
{
	struct prompt *p = xcalloc(1, sizeof(*p));
	struct sigaction sa;

	p->tty = interactive;
	p->completer = fn;
	p->arg = arg;
	if (!interactive)
		return p;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);	/* no SA_RESTART: read(2) returns */
#ifdef HAVE_READLINE
	p->use_rl = true;
	p->hist = histfile;
	rl_owner = p;
	rl_readline_name = "cronkeep";
	rl_attempted_completion_function = attempt;
	rl_signal_event_hook = signal_event;
	/* Words split at blanks only: "--id", "a=b", "*\/5" stay whole. */
	rl_basic_word_break_characters = " \t";
	rl_completer_quote_characters = "'\"";
	rl_filename_quote_characters = " \t'\"\\";
	using_history();
	stifle_history(HISTORY_MAX);
	if (p->hist != NULL)
		(void)read_history(p->hist);	/* none yet is fine */
#else
	(void)histfile;
#endif
	return p;
}

char *
prompt_read(struct prompt *p, const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	interrupted = 0;	/* a ^C during the last command */
#ifdef HAVE_READLINE
	if (p->use_rl)
		return readline(prompt);
#endif
	if (p->tty) {
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
		if (p->tty)
			fputc('\n', stdout);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

void
prompt_remember(struct prompt *p, const char *line)
{
#ifdef HAVE_READLINE
	HIST_ENTRY *last;

	if (!p->use_rl || line[0] == '\0' || line[0] == ' ')
		return;
	last = history_length > 0 ? history_get(history_base +
	    history_length - 1) : NULL;
	if (last == NULL || strcmp(last->line, line) != 0)
		add_history(line);
#else
	(void)p;
	(void)line;
#endif
}

int
prompt_close(struct prompt *p)
{
	int rc = 0;
#ifdef HAVE_READLINE
	int e;

	if (p == NULL)
		return 0;
	if (rl_owner == p)
		rl_owner = NULL;
	if (p->use_rl && p->hist != NULL) {
		if ((e = write_history(p->hist)) != 0) {
			errno = e;
			rc = -1;
		} else
			(void)history_truncate_file(p->hist, HISTORY_MAX);
	}
#endif
	free(p);
	return rc;
}
