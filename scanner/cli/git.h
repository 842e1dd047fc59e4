/* git.h — the git pre-commit hook's view of the repository (see git.c). */
#ifndef PDP_GIT_H
#define PDP_GIT_H

#include "walk.h"

/* The hooks folder of the repository around the current directory
 * (core.hooksPath respected), or NULL with *err. */
char *git_hooks_dir(char **err);

/* Append the files being committed (added, copied, modified, renamed — each
 * once), each with its staged content from the index, leaving out names
 * matching excludes.  0, or -1 with *err (not a repository...). */
int git_staged_inputs(input_list *l, const walk_filter *f, char **err);

/* Install (self: the pdpascan binary the hook runs) or remove the
 * pre-commit hook.  A pre-commit hook that is not pdpascan's is never
 * touched, unless force.  0 or -1; *msg (heap) says what happened. */
int git_hook_install(const char *self, int force, char **msg);
int git_hook_uninstall(char **msg);

#endif
