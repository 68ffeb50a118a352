/* SPDX-License-Identifier: ISC */
/*
 * output.c - how cronkeep shows things: escaped text, colour, gcc-style
 * diagnostics and JSON.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vis.h>

#include "cli.h"

bool
cli_color_on(const struct cli_ctx *ctx, FILE *f)
{
	const char *nc;

	if (ctx->color == CLI_COLOR_ALWAYS)
		return true;
	if (ctx->color == CLI_COLOR_NEVER)
		return false;
	nc = getenv("NO_COLOR");
	if (nc != NULL && nc[0] != '\0')
		return false;
	return isatty(fileno(f));
}

static long utf8_char(const unsigned char *, size_t, size_t *);

/*
 * Code points that make a terminal or a browser show something else than
 * the text: the C1 controls (U+0080-U+009F: CSI, OSC as one byte on some
 * terminals) and the bidirectional overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which reorder what follows them.
 */
static bool
spoofing(long c)
{
	return (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069);
}

/*
 * The one escaping of untrusted text for display (docs/dev/style.md).
 * Default: strvis(3) C style, every byte that is not printable ASCII as
 * \n, \t, \r... or \ooo, so that no escape sequence, CR, C1 control or bidi
 * override reaches a terminal.  CLI_VIS_LINES: newlines and tabs stay (a
 * whole file shown on a terminal).  CLI_VIS_DOC: only the spoofing code
 * points (and lone bytes 0x80-0x9f) are dropped and everything else stays as it is (documents escape
 * their own markup).  @return an allocated string.
 */
char *
cli_vis(const char *s, size_t len, unsigned int flags)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n, k = 0;
	char *d;
	long c;

	if (len > (SIZE_MAX - 1) / 4)
		return xstrdup("(too long)");
	d = xmalloc(len * 4 + 1);
	if (flags & CLI_VIS_DOC) {
		for (i = 0; i < len; i += n) {
			c = utf8_char(u + i, len - i, &n);
			/* A lone byte 0x80-0x9f is a C1 control too. */
			if (!spoofing(c < 0 ? u[i] : c)) {
				memcpy(d + k, s + i, n);
				k += n;
			}
		}
		d[k] = '\0';
		return d;
	}
	strvisx(d, s, len, VIS_CSTYLE | VIS_OCTAL |
	    ((flags & CLI_VIS_LINES) ? 0 : VIS_NL | VIS_TAB));
	return d;
}

void
cli_put_vis(FILE *f, const char *s, size_t len)
{
	char *d = cli_vis(s, len, 0);

	fputs(d, f);
	free(d);
}

void
cli_put_text(FILE *f, const char *s, size_t len)
{
	size_t i;

	if (isatty(fileno(f))) {
		cli_put_vis(f, s, len);
		return;
	}
	/* Piped: the bytes as they are, but never a NUL. */
	for (i = 0; i < len; i++)
		fputc(s[i] == '\0' ? '?' : s[i], f);
}

char *
cli_text(FILE *f, const char *s, size_t len)
{
	return cli_text_for(s, len, isatty(fileno(f)));
}

char *
cli_text_for(const char *s, size_t len, bool tty)
{
	char *d;
	size_t i;

	if (tty)
		return cli_vis(s, len, 0);
	d = xmalloc(len + 1);
	for (i = 0; i < len; i++)
		d[i] = s[i] == '\0' ? '?' : s[i];
	d[len] = '\0';
	return d;
}

void
cli_vput_text(FILE *f, const char *fmt, va_list ap)
{
	char *msg;
	int n;

	if ((n = vasprintf(&msg, fmt, ap)) == -1) {
		fputs("(out of memory)", f);
		return;
	}
	cli_put_text(f, msg, (size_t)n);
	free(msg);
}

void
cli_put_lines(FILE *f, const char *s, size_t len)
{
	char *d;

	if (!isatty(fileno(f))) {
		cli_put_text(f, s, len);
		return;
	}
	d = cli_vis(s, len, CLI_VIS_LINES);
	fputs(d, f);
	free(d);
}

/* One UTF-8 character at s: its code point (or -1) and *n its bytes. */
static long
utf8_char(const unsigned char *s, size_t len, size_t *n)
{
	long c;
	size_t k, need;

	*n = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 1, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 2, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 3, c = s[0] & 0x07;
	else
		return -1;
	if (need >= len)
		return -1;
	for (k = 1; k <= need; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (s[k] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF. */
	if ((need == 2 && c < 0x800) || (need == 3 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return -1;
	*n = need + 1;
	return c;
}

/* Terminal columns of code point c (Unicode's wide and combining blocks). */
static size_t
char_width(long c)
{
	if ((c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	    (c >= 0xfe20 && c <= 0xfe2f) || c == 0x200b || c == 0x200d)
		return 0;
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	    (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
		return 2;
	return 1;
}

size_t
cli_utf8_cut(const char *s, size_t len, size_t maxw, size_t *width)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, w = 0, n, cw;
	long c;

	while (i < len) {
		c = utf8_char(u + i, len - i, &n);
		cw = c < 0 ? 1 : char_width(c);
		if (w + cw > maxw)
			break;
		w += cw;
		i += n;
	}
	if (width != NULL)
		*width = w;
	return i;
}

const char *
cli_severity_name(ck_severity s)
{
	switch (s) {
	case CK_SEV_ERROR:
		return "error";
	case CK_SEV_WARNING:
		return "warning";
	case CK_SEV_INFO:
		return "note";
	}
	return "error";
}

void
cli_print_diag(const struct cli_ctx *ctx, FILE *f, const char *path,
    const ck_diag *d)
{
	bool col = cli_color_on(ctx, f);
	const char *sc;

	sc = d->severity == CK_SEV_ERROR ? "\033[1;31m" :
	    d->severity == CK_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
	if (col)
		fputs("\033[1m", f);
	cli_put_vis(f, path, strlen(path));
	fprintf(f, ":%u:%u:", d->line, d->column);
	if (col)
		fputs("\033[0m", f);
	fprintf(f, " %s%s:%s ", col ? sc : "", cli_severity_name(d->severity),
	    col ? "\033[0m" : "");
	cli_put_vis(f, d->message, strlen(d->message));
	fprintf(f, " [%s]", d->code);
	if (d->hint != NULL) {
		fputs(" (", f);
		cli_put_vis(f, d->hint, strlen(d->hint));
		fputc(')', f);
	}
	fputc('\n', f);
}

/* ---- JSON ---- */

void
json_init(struct json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
}

static void
sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0 && j->need_comma[j->depth])
		fputc(',', j->f);
	if (j->depth > 0)
		j->need_comma[j->depth] = true;
}

static void
open_(struct json *j, char c)
{
	if (j->depth == 0 && j->began != NULL)
		*j->began = true;
	sep(j);
	fputc(c, j->f);
	if (j->depth < 63)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void
close_(struct json *j, char c)
{
	fputc(c, j->f);
	if (j->depth > 0)
		j->depth--;
}

void json_obj_begin(struct json *j) { open_(j, '{'); }
void json_obj_end(struct json *j) { close_(j, '}'); }
void json_arr_begin(struct json *j) { open_(j, '['); }
void json_arr_end(struct json *j) { close_(j, ']'); }

static void
put_string(FILE *f, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, k, n;

	fputc('"', f);
	for (i = 0; i < len; i++) {
		unsigned char c = p[i];

		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
		} else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
		else if (c < 0x80)
			fputc(c, f);
		else {
			/* Pass valid UTF-8 through; escape other bytes. */
			n = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 :
			    c >= 0xc2 && c < 0xe0 ? 2 : 0;
			if (c >= 0xf5)
				n = 0;
			for (k = 1; n != 0 && k < n; k++)
				if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
					n = 0;
			/*
			 * RFC 3629: no overlong forms, no surrogates, nothing
			 * above U+10FFFF (a JSON parser rejects them).
			 */
			if (n != 0 && ((c == 0xe0 && p[i + 1] < 0xa0) ||
			    (c == 0xed && p[i + 1] > 0x9f) ||
			    (c == 0xf0 && p[i + 1] < 0x90) ||
			    (c == 0xf4 && p[i + 1] > 0x8f)))
				n = 0;
			if (n == 0) {
				/* U+FFFD for a byte that is not UTF-8. */
				fputs("\\ufffd", f);
				continue;
			}
			fwrite(p + i, 1, n, f);
			i += n - 1;
		}
	}
	fputc('"', f);
}

void
json_key(struct json *j, const char *key)
{
	sep(j);
	put_string(j->f, key, strlen(key));
	fputc(':', j->f);
	j->after_key = true;
}

void
json_strn(struct json *j, const char *s, size_t len)
{
	sep(j);
	if (s == NULL)
		fputs("null", j->f);
	else
		put_string(j->f, s, len);
}

void
json_str(struct json *j, const char *s)
{
	json_strn(j, s, s ? strlen(s) : 0);
}

void
json_int(struct json *j, long long v)
{
	sep(j);
	fprintf(j->f, "%lld", v);
}

void
json_double(struct json *j, double v)
{
	sep(j);
	fprintf(j->f, "%.6g", v);
}

void
json_bool(struct json *j, bool v)
{
	sep(j);
	fputs(v ? "true" : "false", j->f);
}

void
json_null(struct json *j)
{
	sep(j);
	fputs("null", j->f);
}

void
json_end(struct json *j)
{
	fputc('\n', j->f);
}

void
cli_put_xml(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			/* Control characters are not allowed in XML 1.0. */
			if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
				fputc('?', f);
			else
				fputc(s[i], f);
		}
	}
}

/* ---- what the run said (for --json error objects) ---- */

void
cli_said_reset(struct cli_said *said)
{
	if (said == NULL)
		return;
	said->msg[0] = '\0';
	said->json_out = false;
}

/* Keep the first message of a run (tail: ": tail"); warnings are not why
   a run fails. */
void
cli_said_message(const struct cli_ctx *ctx, const char *fmt, va_list ap,
    const char *tail)
{
	struct cli_said *said = ctx != NULL ? ctx->said : NULL;

	if (said == NULL || said->msg[0] != '\0')
		return;
	vsnprintf(said->msg, sizeof(said->msg), fmt, ap);
	if (strncmp(said->msg, "warning:", 8) == 0) {
		said->msg[0] = '\0';
		return;
	}
	if (tail != NULL) {
		strlcat(said->msg, ": ", sizeof(said->msg));
		strlcat(said->msg, tail, sizeof(said->msg));
	}
}

const char *
cli_said_first(const struct cli_ctx *ctx)
{
	return ctx != NULL && ctx->said != NULL ? ctx->said->msg : "";
}

void
cli_json_init(const struct cli_ctx *ctx, struct json *j, FILE *f)
{
	json_init(j, f);
	if (f == stdout && ctx != NULL && ctx->said != NULL)
		j->began = &ctx->said->json_out;
}

/* One finding in JSON: what check --json and doc --json give. */
void
cli_json_diag(struct json *j, const ck_diag *d)
{
	json_obj_begin(j);
	json_key(j, "line");
	json_int(j, d->line);
	json_key(j, "column");
	json_int(j, d->column);
	json_key(j, "severity");
	json_str(j, cli_severity_name(d->severity));
	json_key(j, "code");
	json_str(j, d->code);
	json_key(j, "rule");
	json_str(j, d->name);
	json_key(j, "message");
	json_str(j, d->message);
	if (d->hint != NULL) {
		json_key(j, "hint");
		json_str(j, d->hint);
	}
	json_obj_end(j);
}
