/* SPDX-License-Identifier: ISC */
/*
 * gen_rules_man.c - print docs/cronkeep-rules.7 (mdoc) from the rule table
 * in src/lib/rules.c.  `ninja -C build rules-man` rewrites the page; the
 * test "rules-man" fails when the page and the table disagree.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cronkeep.h"

/* Text for a roff line: backslashes escaped, a leading dot protected. */
static void
put_roff(const char *s, size_t n)
{
	size_t i;

	if (n > 0 && (s[0] == '.' || s[0] == '\''))
		fputs("\\&", stdout);
	for (i = 0; i < n; i++) {
		if (s[i] == '\\')
			fputs("\\e", stdout);
		else if (n - i >= 7 && memcmp(s + i, "OpenBSD", 7) == 0) {
			/* Not the .Ox macro: a zero-width break inside. */
			fputs("Open\\&BSD", stdout);
			i += 6;
		} else
			putchar(s[i]);
	}
}

/* One sentence, wrapped at 72 columns on blanks. */
static void
put_sentence(const char *s, size_t n)
{
	size_t start = 0, i, brk;

	while (n - start > 72) {
		brk = 0;
		for (i = start; i < start + 72; i++)
			if (s[i] == ' ' && i > start)
				brk = i;
		if (brk == 0)
			break;
		put_roff(s + start, brk - start);
		putchar('\n');
		start = brk + 1;
	}
	put_roff(s + start, n - start);
	putchar('\n');
}

/* A paragraph, one sentence per line (mdoc style). */
static void
put_text(const char *s)
{
	const char *p = s, *q;

	while (*p != '\0') {
		for (q = p; *q != '\0'; q++)
			if (q[0] == '.' && q[1] == ' ' && (q[2] == ' ' ||
			    (q[2] >= 'A' && q[2] <= 'Z')))
				break;
		if (*q != '\0')
			q++;
		put_sentence(p, (size_t)(q - p));
		while (*q == ' ')
			q++;
		p = q;
	}
}

/* An example: "<LF>" separates lines. */
static void
put_example(const char *label, const char *s)
{
	const char *p = s, *q;
	bool first = true;

	while (*p != '\0' || first) {
		q = strstr(p, "<LF>");
		if (q == NULL)
			q = p + strlen(p);
		fputs(first ? label : "      ", stdout);
		put_roff(p, (size_t)(q - p));
		putchar('\n');
		first = false;
		p = *q != '\0' ? q + 4 : q;
	}
}

static const char *
sev(ck_severity s)
{
	return s == CK_SEV_ERROR ? "error" : s == CK_SEV_WARNING ? "warning" :
	    "note";
}

int
main(void)
{
	const struct ck_rule *r;
	unsigned int i;

	fputs(
".\\\" Generated from src/lib/rules.c by tests/gen_rules_man.c:\n"
".\\\" edit the table, then run: ninja -C build rules-man\n"
".Dd November 25, 2026\n"
".Dt CRONKEEP-RULES 7\n"
".Os\n"
".Sh NAME\n"
".Nm cronkeep-rules\n"
".Nd the checks made by cronkeep check\n"
".Sh DESCRIPTION\n"
".Ic cronkeep check\n"
"reports each problem as\n"
".Dl path:line:column: severity: message [CODE] (hint)\n"
"where CODE is a stable rule code below.\n"
"Codes never change meaning and are never reused.\n"
"The severity shown is the default: the dialect can change it (for example\n"
"a reversed range is a warning where Debian's cron accepts it and an error\n"
"where Open\\&BSD's rejects it).\n"
"Errors make the exit status 1; with\n"
".Fl -fail-on Cm warning\n"
"or\n"
".Cm info\n"
"so do lesser findings.\n"
".Pp\n"
"With\n"
".Fl -dialect Cm portable\n"
"or\n"
".Fl -also-dialect Ar list ,\n"
"lint also reports what another cron rejects or runs differently, naming it.\n"
".Ss In-file control\n"
"A comment line\n"
".Dl # cronkeep-lint: disable=CK016,every-minute\n"
"switches the named rules off for the next line that is not a comment;\n"
".Dl # cronkeep-lint: disable-file=CK050\n"
"switches them off for the whole file.\n"
"Rules are named by code or name; a directive that cannot be read is\n"
"reported as CK017.\n"
".Sh RULES\n"
".Bl -tag -width Ds\n", stdout);
	for (i = 1; i <= ck_rule_max(); i++) {
		if ((r = ck_rule_get(i)) == NULL)
			continue;
		printf(".It Sy %s Li %s Pq %s\n", r->code, r->name,
		    sev(r->severity));
		put_roff(r->summary, strlen(r->summary));
		fputs(".\n", stdout);
		if (r->explain != NULL)
			put_text(r->explain);
		fputs(".Bd -literal -offset indent\n", stdout);
		put_example("bad:  ", r->bad);
		put_example("good: ", r->good);
		fputs(".Ed\n", stdout);
	}
	fputs(
".El\n"
".Sh SEE ALSO\n"
".Xr cronkeep 1 ,\n"
".Xr crontab 5\n", stdout);
	return ferror(stdout) ? 1 : 0;
}
