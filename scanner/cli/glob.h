/* glob.h — path patterns as .gitignore writes them (glob.c). */
#ifndef PDP_CLI_GLOB_H
#define PDP_CLI_GLOB_H

/* Does path match pattern?
 *   - a pattern with no '/' matches the last name of the path ("*.tmp");
 *   - with '/', it matches the path's folders and names, at any depth
 *     (docs/NAME.pdf matches site/docs/NAME.pdf); a leading '/' ties it to
 *     the start of the path, a trailing '/' is ignored;
 *   - a name of two stars is any number of folders, none included: a/STARS/b
 *     matches a/b and a/x/y/b, archive/STARS everything under archive;
 *   - within a name, * ? [...] as fnmatch, never across a '/'. */
int glob_match(const char *pattern, const char *path);

#endif
