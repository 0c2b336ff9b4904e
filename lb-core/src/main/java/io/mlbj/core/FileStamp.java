package io.mlbj.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a file looks like from outside (modification time, size, identity such as the inode): another
 * stamp means it changed, also when it was replaced by a rename. Links are followed.
 *
 * @param fileKey the file's identity, or null where the file system has none or the file is absent
 * @param modified null when the file is absent
 */
record FileStamp(FileTime modified, long size, Object fileKey) {
    private static final FileStamp ABSENT = new FileStamp(null, -1, null);

    /** The stamp of {@code path} now; an absent or unreadable file has a stamp of its own. */
    static FileStamp of(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (IOException e) {
            return ABSENT;
        }
    }

    /** True when the file was modified less than {@code millis} before {@code nowMillis}. */
    boolean modifiedWithin(long millis, long nowMillis) {
        return modified != null && nowMillis - modified.toMillis() < millis;
    }
}
