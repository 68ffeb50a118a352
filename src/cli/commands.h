/*
 * commands.h - one entry point per subcommand (src/cli/cmd_<name>.c).
 */
#ifndef CK_COMMANDS_H
#define CK_COMMANDS_H

#include <getopt.h>

int	cmd_check(int argc, char **argv);
int	cmd_completion(int argc, char **argv);
int	cmd_diff(int argc, char **argv);
int	cmd_disable(int argc, char **argv);
int	cmd_doc(int argc, char **argv);
int	cmd_edit(int argc, char **argv);
int	cmd_enable(int argc, char **argv);
int	cmd_exec(int argc, char **argv);
int	cmd_explain(int argc, char **argv);
int	cmd_export(int argc, char **argv);
int	cmd_find(int argc, char **argv);
int	cmd_history(int argc, char **argv);
int	cmd_install(int argc, char **argv);
int	cmd_inventory(int argc, char **argv);
int	cmd_list(int argc, char **argv);
int	cmd_log(int argc, char **argv);
int	cmd_next(int argc, char **argv);
int	cmd_remove(int argc, char **argv);
int	cmd_run(int argc, char **argv);
int	cmd_set(int argc, char **argv);
int	cmd_shell(int argc, char **argv);
int	cmd_show(int argc, char **argv);
int	cmd_stats(int argc, char **argv);
int	cmd_timeline(int argc, char **argv);

/* Each command's long options (the table's opts), for completion. */
extern const struct option cmd_check_opts[];
extern const struct option cmd_completion_opts[];
extern const struct option cmd_diff_opts[];
extern const struct option cmd_disable_opts[];
extern const struct option cmd_doc_opts[];
extern const struct option cmd_edit_opts[];
extern const struct option cmd_inventory_opts[];
extern const struct option cmd_enable_opts[];
extern const struct option cmd_exec_opts[];
extern const struct option cmd_explain_opts[];
extern const struct option cmd_export_opts[];
extern const struct option cmd_find_opts[];
extern const struct option cmd_history_opts[];
extern const struct option cmd_install_opts[];
extern const struct option cmd_list_opts[];
extern const struct option cmd_log_opts[];
extern const struct option cmd_next_opts[];
extern const struct option cmd_remove_opts[];
extern const struct option cmd_run_opts[];
extern const struct option cmd_set_opts[];
extern const struct option cmd_shell_opts[];
extern const struct option cmd_show_opts[];
extern const struct option cmd_stats_opts[];
extern const struct option cmd_timeline_opts[];

#endif /* CK_COMMANDS_H */
