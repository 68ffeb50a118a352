/* SPDX-License-Identifier: ISC */
/*
 * commands.h - one entry per subcommand, each defined in its own
 * src/cli/cmd_<name>.c (see docs/dev/commands.md).
 */
#ifndef CK_COMMANDS_H
#define CK_COMMANDS_H

#include "cli.h"

extern const struct cli_command cmd_check;
extern const struct cli_command cmd_completion;
extern const struct cli_command cmd_diff;
extern const struct cli_command cmd_disable;
extern const struct cli_command cmd_doc;
extern const struct cli_command cmd_edit;
extern const struct cli_command cmd_enable;
extern const struct cli_command cmd_exec;
extern const struct cli_command cmd_explain;
extern const struct cli_command cmd_export;
extern const struct cli_command cmd_find;
extern const struct cli_command cmd_history;
extern const struct cli_command cmd_install;
extern const struct cli_command cmd_inventory;
extern const struct cli_command cmd_list;
extern const struct cli_command cmd_log;
extern const struct cli_command cmd_missed;
extern const struct cli_command cmd_next;
extern const struct cli_command cmd_remove;
extern const struct cli_command cmd_run;
extern const struct cli_command cmd_set;
extern const struct cli_command cmd_shell;
extern const struct cli_command cmd_show;
extern const struct cli_command cmd_spread;
extern const struct cli_command cmd_stats;
extern const struct cli_command cmd_timeline;

#endif /* CK_COMMANDS_H */
