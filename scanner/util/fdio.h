/* fdio.h — whole buffers read from and written to file descriptors,
 * through short reads and writes and EINTR (the process pool's pipes, the
 * rule cache's file), and a child that answers through a pipe. */
#ifndef PDP_FDIO_H
#define PDP_FDIO_H

#include <stddef.h>

/* All n bytes, or -1 (an error, or the end of the input first). */
int fd_read_all(int fd, void *p, size_t n);
int fd_write_all(int fd, const void *p, size_t n);

/* Fork with a pipe from the child to the parent.  In the parent: the
 * child's pid, *fd the pipe's read end.  In the child: 0, *fd its write
 * end.  -1 when no pipe or process could be made. */
#include <sys/types.h>
pid_t fork_piped(int *fd);

/* Standard error to /dev/null, for a worker process whose libraries print
 * (libjpeg's "Corrupt JPEG data", poppler's syntax errors): what it says
 * goes in its results.  Sanitizer builds keep it: their reports are what a
 * test must see. */
void fd_quiet_stderr(void);

#endif
