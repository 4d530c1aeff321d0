package org.convnetexplorer.files;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A file refused before it is read: its reason ({@link #getReason}) says why, in words, without the path. */
public final class UnreadableFileException extends FileSystemException {

	private static final long serialVersionUID = 1L;

	public UnreadableFileException(Path file, String reason) {
		super(String.valueOf(file), null, reason);
	}
}
