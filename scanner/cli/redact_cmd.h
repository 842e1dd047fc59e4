/* redact_cmd.h — `pdpascan redact`: redacted copies (redact_cmd.c). */
#ifndef PDP_CLI_REDACT_CMD_H
#define PDP_CLI_REDACT_CMD_H

/* argv[0] is "redact"; returns the exit code. */
int cmd_redact(int argc, char **argv);

#endif
