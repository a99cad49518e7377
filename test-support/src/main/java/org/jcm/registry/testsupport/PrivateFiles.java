package org.jcm.registry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files holding secrets (passwords, client configurations): readable and writable by their owner only (mode 600). */
final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Writes {@code content} to {@code file}, which is owner-only before the first byte goes in. */
    static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                } else {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                }
            }
            Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
