/*
 * commands.h - one entry point per subcommand (src/cli/cmd_<name>.c).
 */
#ifndef CK_COMMANDS_H
#define CK_COMMANDS_H

int	cmd_check(int argc, char **argv);
int	cmd_log(int argc, char **argv);
int	cmd_run(int argc, char **argv);
int	cmd_show(int argc, char **argv);

#endif /* CK_COMMANDS_H */
