/*
 * commands.h - one entry point per subcommand (src/cli/cmd_<name>.c).
 */
#ifndef CK_COMMANDS_H
#define CK_COMMANDS_H

int	cmd_check(int argc, char **argv);
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
int	cmd_list(int argc, char **argv);
int	cmd_log(int argc, char **argv);
int	cmd_next(int argc, char **argv);
int	cmd_remove(int argc, char **argv);
int	cmd_run(int argc, char **argv);
int	cmd_set(int argc, char **argv);
int	cmd_show(int argc, char **argv);
int	cmd_stats(int argc, char **argv);
int	cmd_timeline(int argc, char **argv);

#endif /* CK_COMMANDS_H */
