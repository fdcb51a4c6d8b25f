#ifndef BOOKLET_SYSTEM_H
#define BOOKLET_SYSTEM_H

/// Atomically exchanges the two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set on failure (EINVAL or ENOSYS where
/// the file system or kernel cannot exchange; the caller then falls back).
int booklet_rename_exchange(const char *from, const char *to);

#endif
