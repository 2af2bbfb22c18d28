/* Subcommands: each file of src/cmd/ defines one entry, collected in main.c's table. */
#ifndef ALLO_CMD_H
#define ALLO_CMD_H

#include "store/store.h"

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

struct instrument;
struct store;
struct store_user;

/* Removes "--name VALUE" (or --name=VALUE) from argv and returns VALUE; NULL if absent. */
const char *cmd_opt(int *argc, char **argv, const char *name, int *bad);
/* Removes every "--name" flag from argv; 1 if it was there. */
int cmd_flag(int *argc, char **argv, const char *name);
/* 1 (with a message) if an option is left that nobody took. */
int cmd_stray_option(int argc, char **argv);
/* Opens db as a person (the OS login, or --as for the owner) whose role is among roles. */
struct store *cmd_open_as(const char *db, const char *as, const char *roles,
    struct store_user *u, char **cause);
/*
 * Opens db for work reserved to roles, or to the database's owner and root
 * acting as themselves (u's role is then "owner"); --as always takes a role.
 */
struct store *cmd_open_staff(const char *db, const char *as, const char *roles,
    struct store_user *u, char **cause);
/* The newest questionnaire of the database, loaded (its fieldwork rules, its frame). */
struct instrument *cmd_questionnaire(struct store *st, char **cause);
/* A survey opened for a person: the database, who they are, the newest questionnaire. */
struct cmd_survey {
	struct store *store;
	struct store_user user;
	struct instrument *ins;
};

/* Opens db as a person whose role is among roles, with the newest questionnaire loaded. */
int cmd_survey_open(const char *db, const char *as, const char *roles, struct cmd_survey *sv,
    char **cause);
/* The same for work reserved to roles, or to the database's owner and root (cmd_open_staff). */
int cmd_survey_open_staff(const char *db, const char *as, const char *roles,
    struct cmd_survey *sv, char **cause);
void cmd_survey_close(struct cmd_survey *sv);

/* Prints "allo: CAUSE", frees cause, and returns st. */
enum cmd_status cmd_fail(char *cause, enum cmd_status st);

extern const struct cmd_entry cmd_case_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_drive_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_interview_entry;
extern const struct cmd_entry cmd_paths_entry;
extern const struct cmd_entry cmd_purge_entry;
extern const struct cmd_entry cmd_questionnaire_entry;
extern const struct cmd_entry cmd_quota_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_sample_entry;
extern const struct cmd_entry cmd_supervise_entry;
extern const struct cmd_entry cmd_user_entry;
extern const struct cmd_entry cmd_wave_entry;
extern const struct cmd_entry cmd_help_entry;

#endif
