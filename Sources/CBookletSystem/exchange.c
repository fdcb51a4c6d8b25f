#define _GNU_SOURCE
#include "CBookletSystem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <linux/fs.h>
#endif

int booklet_rename_exchange_at(int from_dir, const char *from, int to_dir, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, from_dir, from, to_dir, to, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}
