/* SPDX-License-Identifier: ISC */
/*
 * command.c - cron's '%' rule for a job's command field: reading it the
 * way cron does before running it, and writing a shell command so that
 * cron gives the shell exactly that command.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * cron's translation (Vixie do_command.c, the same loop in every
 * descendant): the command part stops at the first unescaped '%'; "\%"
 * loses its backslash (Debian's Vixie 3.0 also turns "\\" into "\");
 * the input part turns '%' into '\n', "\%" into '%', keeps other
 * backslashes and ends with a newline when its last byte is not one.
 */
int
ck_command_split_buf(const char *cmd, size_t len, ck_dialect d, struct ck_buf *c,
    struct ck_buf *in, bool *has_in)
{
	bool esc = false, need_nl = false, vixie3;
	size_t i;
	char ch;

	len = strnlen(cmd, len);
	*has_in = false;
	if (ck_buf_add(c, "", 0) == -1)
		return -1;
	if (ck_dialect_facts(d)->percent == CK_PERCENT_LITERAL)
		return ck_buf_add(c, cmd, len);
	vixie3 = ck_dialect_facts(d)->percent == CK_PERCENT_VIXIE3;
	for (i = 0; i < len; i++) {
		ch = cmd[i];
		if (esc) {
			esc = false;
			if (ch == '%' || (vixie3 && ch == '\\')) {
				/* Replace the backslash just kept. */
				c->p[c->len - 1] = ch;
				continue;
			}
		} else if (ch == '\\')
			esc = true;
		else if (ch == '%') {
			i++;
			*has_in = true;
			break;
		}
		if (ck_buf_addc(c, ch) == -1)
			return -1;
	}
	if (!*has_in)
		return 0;
	if (ck_buf_add(in, "", 0) == -1)
		return -1;
	esc = false;
	for (; i < len; i++) {
		ch = cmd[i];
		if (esc) {
			if (ch != '%' && ck_buf_addc(in, '\\') == -1)
				return -1;
		} else if (ch == '%')
			ch = '\n';
		if (!(esc = ch == '\\')) {
			if (ck_buf_addc(in, ch) == -1)
				return -1;
			need_nl = ch != '\n';
		}
	}
	if (esc && ck_buf_addc(in, '\\') == -1)
		return -1;
	if (need_nl && ck_buf_addc(in, '\n') == -1)
		return -1;
	return 0;
}

int
ck_command_split_dialect(const char *cmd, size_t len, ck_dialect d,
    char **command, char **stdin_text, ck_error *err)
{
	struct ck_buf c = { 0 }, in = { 0 };
	bool has_in;

	*command = NULL;
	if (stdin_text != NULL)
		*stdin_text = NULL;
	if (cmd == NULL && len != 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no command");
	if (ck_command_split_buf(cmd == NULL ? "" : cmd, len, d, &c, &in, &has_in) == -1) {
		ck_buf_free(&c);
		ck_buf_free(&in);
		return ck_error_oom(err);
	}
	if ((*command = ck_buf_take(&c, NULL)) == NULL)
		goto oom;
	if (stdin_text != NULL && has_in &&
	    (*stdin_text = ck_buf_take(&in, NULL)) == NULL) {
		free(*command);
		*command = NULL;
		goto oom;
	}
	ck_buf_free(&in);
	return 0;
oom:
	ck_buf_free(&in);
	return ck_error_oom(err);
}

int
ck_command_split(const char *cmd, size_t len, char **command,
    char **stdin_text, ck_error *err)
{
	/* Identity, kept: the 1.0 API's dialect is debian. */
	return ck_command_split_dialect(cmd, len, CK_DIALECT_DEBIAN, command,
	    stdin_text, err);
}


/* Does field read back as exactly cmd, without input, under d? */
static int
reads_back(const char *field, size_t flen, ck_dialect d, const char *cmd,
    size_t len, bool *same)
{
	struct ck_buf c = { 0 }, in = { 0 };
	bool has_in;

	if (ck_command_split_buf(field, flen, d, &c, &in, &has_in) == -1) {
		ck_buf_free(&c);
		ck_buf_free(&in);
		return -1;
	}
	*same = !has_in && c.len == len && memcmp(c.p, cmd, len) == 0;
	ck_buf_free(&c);
	ck_buf_free(&in);
	return 0;
}

int
ck_command_encode(const char *cmd, size_t len, ck_dialect d, char **out,
    size_t *outlen, ck_error *err)
{
	struct ck_buf b = { 0 };
	enum ck_percent pct = ck_dialect_facts(d)->percent;
	bool same = false;
	size_t i;

	*out = NULL;
	if (cmd == NULL && len != 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no command");
	if (cmd == NULL)
		cmd = "";
	if (memchr(cmd, '\0', len) != NULL)
		return ck_error_set(err, CK_EINVAL, 0, (unsigned int)(
		    (const char *)memchr(cmd, '\0', len) - cmd) + 1,
		    "a NUL byte in the command");
	ck_buf_add(&b, "", 0);
	for (i = 0; i < len; i++) {
		if (pct == CK_PERCENT_LITERAL)
			ck_buf_addc(&b, cmd[i]);
		else if (cmd[i] == '%')
			ck_buf_adds(&b, "\\%");
		else if (cmd[i] == '\\' && pct == CK_PERCENT_VIXIE3 &&
		    i + 1 < len &&
		    (cmd[i + 1] == '\\' || cmd[i + 1] == '%'))
			ck_buf_adds(&b, "\\\\");
		else
			ck_buf_addc(&b, cmd[i]);
	}
	if (b.oom)
		goto oom;
	if (reads_back(b.p, b.len, d, cmd, len, &same) == -1)
		goto oom;
	/*
	 * Identity, kept: portable must read back under every cron, so
	 * also under cronie's rule (CK_PERCENT_VIXIE), not only its own.
	 */
	if (same && d == CK_DIALECT_PORTABLE && reads_back(b.p, b.len,
	    CK_DIALECT_CRONIE, cmd, len, &same) == -1)
		goto oom;
	if (!same) {
		for (i = 1; i < len; i++)
			if (cmd[i - 1] == '\\' && (cmd[i] == '%' ||
			    cmd[i] == '\\'))
				break;
		ck_buf_free(&b);
		return ck_error_set(err, CK_EINVAL, 0, (unsigned int)(i < len ?
		    i : 0), "the command cannot be written so that %s cron "
		    "runs it as given: a backslash before %s (write the "
		    "field raw, or change the command)", ck_dialect_name(d),
		    i < len && cmd[i] == '%' ? "'%'" : "a backslash");
	}
	*out = ck_buf_take(&b, outlen);
	return 0;
oom:
	ck_buf_free(&b);
	return ck_error_oom(err);
}

int
ck_job_split(const ck_tab *tab, const ck_job *job, char **command,
    char **stdin_text, ck_error *err)
{
	const char *cmd;
	size_t len;

	if (ck_tab_check_job(tab, job, err) == -1)
		return -1;
	cmd = ck_job_command(job, &len);
	return ck_command_split_dialect(cmd, len, ck_tab_dialect(tab),
	    command, stdin_text, err);
}
