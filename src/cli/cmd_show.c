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

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cronkeep [where] show [--json]\n"
"\n"
"Print the crontab as it is, byte for byte (nothing is normalised).\n"
"With several crontabs (--system, --all), each is headed by\n"
"'# ==> SOURCE <=='.  --json prints {\"crontabs\":[{\"source\",\"text\"}]}.\n");
}

const struct option cmd_show_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int
cmd_show(int argc, char **argv)
{
	struct cli_source *src;
	struct json j;
	ck_error err;
	size_t n, i, len;
	char *text;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "h", cmd_show_opts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if ((rc = cli_load_sources(CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	if (cli.json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "crontabs");
		json_arr_begin(&j);
	}
	for (i = 0; i < n; i++) {
		if (!cli.json) {
			/* Streamed: no second copy of a large crontab. */
			if (n > 1)
				printf("%s# ==> %s <==\n", i ? "\n" : "",
				    src[i].label);
			if (ck_tab_render(src[i].tab, put, stdout, &err) == -1) {
				rc = cli_error(src[i].label, &err);
				break;
			}
			continue;
		}
		if (ck_tab_format(src[i].tab, &text, &len, &err) == -1) {
			rc = cli_error(src[i].label, &err);
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
	if (cli.json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
	cli_sources_free(src, n);
	return cli_finish(rc);
}
