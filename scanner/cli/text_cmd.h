/* text_cmd.h — `pdpascan text`: what the detectors read (text_cmd.c). */
#ifndef PDP_CLI_TEXT_CMD_H
#define PDP_CLI_TEXT_CMD_H

/* argv[0] is "text"; returns the exit code (2: an input not read completely). */
int cmd_text(int argc, char **argv);

#endif
