/* SPDX-License-Identifier: ISC */
/*
 * cmd_show.c - "cronkeep show": print the selected crontab exactly as it
 * is, byte for byte.  With several sources (--system, --all) each one is
 * preceded by a "# ==> SOURCE <==" line, as head(1) does.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"

static int
put(void *arg, const char *p, size_t n)
{
	return fwrite(p, 1, n, arg) == n ? 0 : -1;
}

static int
show(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli_source *src;
	struct json j;
	ck_error err;
	size_t n, i, len;
	char *text;
	int rc;

	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "crontabs");
		json_arr_begin(&j);
	}
	for (i = 0; i < n; i++) {
		if (!ctx->json) {
			/* Streamed: no second copy of a large crontab. */
			if (n > 1)
				printf("%s# ==> %s <==\n", i ? "\n" : "",
				    src[i].label);
			if (src[i].ana != NULL) {
				if (cli_source_format(&src[i], &text, &len,
				    &err) == -1) {
					rc = cli_error(ctx, src[i].label, &err);
					break;
				}
				fwrite(text, 1, len, stdout);
				free(text);
				continue;
			}
			if (ck_tab_render(src[i].tab, put, stdout, &err) == -1) {
				rc = cli_error(ctx, src[i].label, &err);
				break;
			}
			continue;
		}
		if (cli_source_format(&src[i], &text, &len, &err) == -1) {
			rc = cli_error(ctx, src[i].label, &err);
			break;
		}
		{
			json_obj_begin(&j);
			json_key(&j, "source");
			json_str(&j, src[i].label);
			json_key(&j, "text");
			json_strn(&j, text, len);
			json_obj_end(&j);
		}
		free(text);
	}
	if (ctx->json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
	cli_sources_free(src, n);
	return cli_finish(rc);
}

const struct cli_command cmd_show = {
	.name = "show",
	.summary = "print the crontab as it is",
	.description =
"Print the crontab as it is, byte for byte (nothing is normalised).\n"
"With several crontabs (--system, --all), each is headed by\n"
"'# ==> SOURCE <=='.  --json prints {\"crontabs\":[{\"source\",\"text\"}]}.\n",
	.exec = show,
};
