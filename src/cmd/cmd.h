/* Subcommands: each file of src/cmd/ defines one entry, collected in main.c's table. */
#ifndef ALLO_CMD_H
#define ALLO_CMD_H

/* Exit statuses, named once for every command. */
enum cmd_status {
	CMD_OK = 0,		/* done */
	CMD_FAIL = 1,		/* the input was wrong: errors were reported */
	CMD_USAGE = 2,		/* bad command line, or a file that cannot be read */
	CMD_SOFTWARE = 70	/* an internal error */
};

struct cmd_entry {
	const char *name;
	const char *alias;		/* or NULL */
	const char *usage;		/* arguments, as the man page says them */
	const char *summary;		/* one line for `allo help` */
	enum cmd_status (*exec)(int argc, char **argv);
};

/* Prints "usage: allo NAME USAGE" to stderr and returns CMD_USAGE. */
enum cmd_status cmd_usage(const struct cmd_entry *e);
/* 1 if argv asks for help (-h or --help) after the command name. */
int cmd_wants_help(int argc, char **argv);

extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_help_entry;

#endif
