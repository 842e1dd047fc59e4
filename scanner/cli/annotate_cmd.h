/* annotate_cmd.h — `pdpascan annotate`: a review copy of a PDF (annotate_cmd.c). */
#ifndef PDP_CLI_ANNOTATE_CMD_H
#define PDP_CLI_ANNOTATE_CMD_H

/* argv[0] is "annotate"; returns the exit code. */
int cmd_annotate(int argc, char **argv);

#endif
