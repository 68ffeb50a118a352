/*
 * prompt.h - reading the shell's lines: GNU readline when it was built in
 * and standard input is a terminal, else plain lines.  prompt.c is the
 * only file that includes <readline/readline.h>.
 */
#ifndef CK_PROMPT_H
#define CK_PROMPT_H

#include <stdbool.h>

enum prompt_kind {
	PROMPT_NONE = 0,	/* nothing to offer */
	PROMPT_WORDS,		/* the words given */
	PROMPT_FILES,		/* file names */
	PROMPT_USERS		/* user names */
};

/*
 * The completer: before is the line up to the word being completed.
 * *words (PROMPT_WORDS) is NULL-terminated and borrowed until the next
 * call.
 */
typedef enum prompt_kind (*prompt_complete_fn)(const char *before,
    const char *word,
    const char *const **words, void *arg);

struct prompt;

/*
 * Start reading lines.  With interactive, readline (if built in) edits
 * them, completes with fn and keeps the history in histfile (NULL: none;
 * borrowed until prompt_close()).  @return the reader; one at a time.
 */
struct prompt *prompt_open(bool interactive, const char *histfile,
	    prompt_complete_fn fn, void *arg);
/* One line without its newline, or NULL at the end; free(3) it. */
char	*prompt_read(struct prompt *p, const char *prompt);
/* Remember line in the history (interactive only). */
void	 prompt_remember(struct prompt *p, const char *line);
/* Save the history and free p.  @return 0, or -1 with errno. */
int	 prompt_close(struct prompt *p);

#endif /* CK_PROMPT_H */
