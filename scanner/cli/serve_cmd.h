/* serve_cmd.h — `pdpascan serve`: the page to drop files on, and the HTTP
 * API (serve_cmd.c). */
#ifndef PDP_CLI_SERVE_CMD_H
#define PDP_CLI_SERVE_CMD_H

/* argv[0] is "serve"; returns the exit code. */
int cmd_serve(int argc, char **argv);

#endif
