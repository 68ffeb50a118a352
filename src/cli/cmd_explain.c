/* SPDX-License-Identifier: ISC */
/*
 * cmd_explain.c - "cronkeep explain": an English sentence for a schedule
 * given on the command line or carried by a job (--id), and the inverse:
 * the cron expression for a human phrase (--when).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "hashed.h"

static const char *const field_keys[CK_FIELD_COUNT] = {
	"minute", "hour", "day_of_month", "month", "day_of_week"
};

/* TEXT:1:COL: error: message [CKnnn] */
static int
report(const char *text, const ck_error *err)
{
	fflush(stdout);
	cli_put_vis(stderr, text, strlen(text));
	fprintf(stderr, ":%u:%u: error: ", err->line, err->column);
	cli_put_vis(stderr, err->msg, strlen(err->msg));
	if (err->rule != 0)
		fprintf(stderr, " [CK%03u]", err->rule);
	fputc('\n', stderr);
	return cli_exit_code(err);
}

/*
 * {"phrase"|"schedule": text, "valid": false, "error": {...}}: the error
 * object every command prints (code, message, exit) with the place.
 */
static void
json_invalid(const struct cli_ctx *ctx, const char *key, const char *text,
    const ck_error *err,
    int rc)
{
	struct json j;

	cli_json_init(ctx, &j, stdout);
	json_obj_begin(&j);
	json_key(&j, key);
	json_str(&j, text);
	json_key(&j, "valid");
	json_bool(&j, false);
	json_key(&j, "error");
	json_obj_begin(&j);
	json_key(&j, "code");
	json_str(&j, cli_exit_name(rc));
	json_key(&j, "message");
	json_str(&j, err->msg);
	json_key(&j, "exit");
	json_int(&j, rc);
	json_key(&j, "line");
	json_int(&j, err->line);
	json_key(&j, "column");
	json_int(&j, err->column);
	json_obj_end(&j);
	json_obj_end(&j);
	json_end(&j);
}

static int
print(const struct cli_ctx *ctx, const ck_expr *e, const char *phrase,
    const char *request, const char *id, size_t idlen,
    unsigned int flags)
{
	ck_error err;
	const char *text;
	char *desc, *fd;
	size_t len;
	struct json j;
	int f;

	text = ck_expr_text(e, &len);
	if (ctx->json) {
		if ((desc = ck_expr_describe(e, flags, &err)) == NULL)
			return cli_error(ctx, NULL, &err);
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		if (phrase != NULL) {
			json_key(&j, "phrase");
			json_str(&j, phrase);
		}
		if (request != NULL) {
			json_key(&j, "request");
			json_str(&j, request);
		}
		if (id != NULL) {
			json_key(&j, "id");
			json_strn(&j, id, idlen);
		}
		json_key(&j, "schedule");
		json_strn(&j, text, len);
		json_key(&j, "description");
		json_str(&j, desc);
		json_key(&j, "valid");
		json_bool(&j, true);
		json_key(&j, "fields");
		json_obj_begin(&j);
		for (f = 0; f < CK_FIELD_COUNT; f++) {
			if ((fd = ck_expr_describe_field(e, (enum ck_field)f,
			    flags, &err)) == NULL) {
				free(desc);
				return cli_error(ctx, NULL, &err);
			}
			json_key(&j, field_keys[f]);
			json_str(&j, fd);
			free(fd);
		}
		json_obj_end(&j);
		json_obj_end(&j);
		json_end(&j);
		free(desc);
		return CLI_EXIT_OK;
	}
	if ((desc = ck_expr_describe(e, flags | CK_DESCRIBE_SENTENCE,
	    &err)) == NULL)
		return cli_error(ctx, NULL, &err);
	if (phrase != NULL || request != NULL) {
		cli_put_text(stdout, text, len);
		fputc('\n', stdout);
	}
	printf("%s\n", desc);
	free(desc);
	return CLI_EXIT_OK;
}

static int
explain_id(struct cli_ctx *ctx, const char *id, unsigned int flags)
{
	struct cli_source *src = NULL;
	const ck_job *job = NULL;
	const char *jid;
	size_t nsrc = 0, i, idlen;
	int rc;

	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &nsrc)) != 0)
		return rc;
	for (i = 0; i < nsrc && job == NULL; i++)
		job = ck_tab_find_id(src[i].tab, id, strlen(id));
	if (job == NULL) {
		rc = cli_no_such_id(ctx, src, nsrc, id);
		cli_sources_free(src, nsrc);
		return rc;
	}
	jid = ck_job_id(job, &idlen);
	rc = print(ctx, ck_job_expr(job), NULL, NULL, jid, idlen, flags);
	cli_sources_free(src, nsrc);
	return rc;
}

static int
explain_when(const struct cli_ctx *ctx, const char *phrase,
    const struct cli_hashreq *hr, unsigned int flags)
{
	ck_error err;
	ck_expr *e;
	char *cron, *request = NULL;
	int rc;

	if ((cron = ck_phrase_to_hashed(phrase, strlen(phrase), &err)) ==
	    NULL) {
		rc = report(phrase, &err);
		if (ctx->json)
			json_invalid(ctx, "phrase", phrase, &err, rc);
		return rc;
	}
	if ((rc = cli_hash_text(ctx, &cron, hr, &request, true)) != 0) {
		free(cron);
		return rc;
	}
	if ((e = ck_expr_parse(cron, strlen(cron), ctx->dialect, &err)) ==
	    NULL) {
		rc = report(cron, &err);
		free(cron);
		free(request);
		return rc;
	}
	rc = print(ctx, e, phrase, request, NULL, 0, flags);
	ck_expr_free(e);
	free(cron);
	free(request);
	return rc;
}

static int
explain_expr(const struct cli_ctx *ctx, int argc, char **argv,
    const struct cli_hashreq *hr, unsigned int flags)
{
	ck_error err;
	ck_expr *e;
	char *text, *request = NULL;
	size_t len = 0, off = 0, n;
	int i, rc;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = xmalloc(len);
	for (i = 0; i < argc; i++) {
		n = strlen(argv[i]);
		memcpy(text + off, argv[i], n);
		off += n;
		text[off++] = i + 1 < argc ? ' ' : '\0';
	}
	if ((rc = cli_hash_text(ctx, &text, hr, &request, true)) != 0) {
		free(text);
		return rc;
	}
	if ((e = ck_expr_parse(text, strlen(text), ctx->dialect, &err)) ==
	    NULL) {
		rc = report(text, &err);
		if (ctx->json)
			json_invalid(ctx, "schedule", text, &err, rc);
		free(text);
		free(request);
		return rc;
	}
	rc = print(ctx, e, NULL, request, NULL, 0, flags);
	ck_expr_free(e);
	free(text);
	free(request);
	return rc;
}

enum { OPT_ID = 0x180, OPT_WHEN, OPT_12H, OPT_SEED, OPT_HOST, OPT_HASHID };

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "the schedule of the job with this marker id",
	    CLI_COMP_ID, NULL, 0 },
	{ "when", 0, OPT_WHEN, "PHRASE", "turn a phrase into a cron "
	    "expression, and explain it", CLI_COMP_NONE, NULL, 0 },
	{ "12h", 0, OPT_12H, NULL, "times as 9:00 AM instead of 09:00",
	    CLI_COMP_NONE, NULL, 0 },
	CLI_HASH_OPTIONS(OPT_SEED, OPT_HOST, OPT_HASHID),
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
explain(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *id = NULL, *when = NULL, *arg;
	struct cli_hashreq hr = { NULL, NULL, NULL, NULL };
	unsigned int flags = 0;
	size_t i;
	int rc;

	/* Options may follow the expression; "--" ends them. */
	for (i = 0; i < a->nopts; i++) {
		arg = a->opts[i].arg;
		switch (a->opts[i].key) {
		case OPT_ID:
			id = arg;
			break;
		case OPT_WHEN:
			when = arg;
			break;
		case OPT_12H:
			flags |= CK_DESCRIBE_12H;
			break;
		case OPT_SEED:
			hr.seed = arg;
			break;
		case OPT_HOST:
			hr.host = arg;
			break;
		case OPT_HASHID:
			hr.id = arg;
			break;
		}
	}
	if ((id != NULL) + (when != NULL) + (a->argc > 0) != 1)
		return cli_usage_error(ctx, "explain takes one of EXPR, "
		    "--id ID or --when PHRASE");
	if (id != NULL)
		return cli_finish(explain_id(ctx, id, flags));
	if (cli_resolve_dialect(ctx) == -1)
		return CLI_EXIT_USAGE;
	hr.owner = ctx->user;
	if (when != NULL)
		rc = explain_when(ctx, when, &hr, flags);
	else
		rc = explain_expr(ctx, a->argc, a->argv, &hr, flags);
	return cli_finish(rc);
}

const struct cli_command cmd_explain = {
	.name = "explain",
	.summary = "explain a schedule in English",
	.description =
"Print an English sentence for the schedule EXPR (five fields or an\n"
"@keyword; the fields may be given as separate words or quoted), or for the\n"
"schedule of the job with marker ID in the selected crontab.  The sentence\n"
"follows cron's rule for days: when both day fields are restricted a day\n"
"matches if either matches.\n"
"\n"
"--when PHRASE turns a phrase such as 'every weekday at 18:30' into the cron\n"
"expression (first line) and explains it (second line).  Phrases cron\n"
"cannot express exactly ('every 7 hours') are refused with the reason.\n"
"\n"
"Hashed fields (H, H/N, H(A-B), H(A-B)/N; a phrase 'daily at some minute\n"
"between 01:00 and 05:00') are resolved as set resolves them, for this host\n"
"(or --host), the owner -u USER and --hash-id ID, or --seed: the first line\n"
"is the schedule they resolve to.\n",
	.epilog =
"With --json: {\"schedule\",\"description\",\"valid\",\"fields\"}; with\n"
"--when also \"phrase\", with --id also \"id\", with H fields also\n"
"\"request\" (\"schedule\" is then what it resolves to); invalid input gives\n"
"\"valid\": false and \"error\": {\"code\",\"message\",\"exit\",\"line\",\n"
"\"column\"} (the error object of every command, with the place)\n"
"\n"
"An invalid expression or phrase is reported on standard error as\n"
"  EXPR:1:COLUMN: error: message\n"
"\n"
"Exit: 0 explained, 2 usage error, 65 (EX_DATAERR) invalid expression or\n"
"phrase, 66 (EX_NOINPUT) no such job or unreadable crontab.\n",
	.options = options,
	.synopsis = "[EXPR ...]",
	.flags = CMD_NOSOURCE,
	.exec = explain,
};
