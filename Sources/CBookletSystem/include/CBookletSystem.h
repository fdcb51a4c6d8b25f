#ifndef BOOKLET_SYSTEM_H
#define BOOKLET_SYSTEM_H

/// Atomically exchanges `from` in the folder `from_dir` with `to` in `to_dir` (Linux
/// renameat2 with RENAME_EXCHANGE; names relative to the folders' descriptors, so a
/// symbolic link planted in a parent path cannot redirect it).
/// Returns 0 on success, -1 with errno set on failure (EINVAL or ENOSYS where
/// the file system or kernel cannot exchange; the caller then falls back).
int booklet_rename_exchange_at(int from_dir, const char *from, int to_dir, const char *to);

#endif
