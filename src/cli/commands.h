/*
 * commands.h - one entry point per subcommand (src/cli/cmd_<name>.c).
 */
#ifndef CK_COMMANDS_H
#define CK_COMMANDS_H

int	cmd_check(int argc, char **argv);
int	cmd_diff(int argc, char **argv);
int	cmd_exec(int argc, char **argv);
int	cmd_find(int argc, char **argv);
int	cmd_history(int argc, char **argv);
int	cmd_list(int argc, char **argv);
int	cmd_next(int argc, char **argv);
int	cmd_show(int argc, char **argv);

#endif /* CK_COMMANDS_H */
