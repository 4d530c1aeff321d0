package org.convnetexplorer.results;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason of a file error in words. Java's file exceptions often carry only the path (an
 * {@link AccessDeniedException}'s message is the file's name): a message built from them alone names no reason.
 */
public final class FileProblems {

	private FileProblems() {}

	/** Why the operation failed, without the path, e.g. "permission denied" or "No space left on device". */
	public static String reason(Exception e) {
		if (e instanceof FileSystemException) {
			FileSystemException problem = (FileSystemException) e;
			if (problem.getReason() != null) return problem.getReason();
			if (e instanceof AccessDeniedException) return "permission denied";
			if (e instanceof NoSuchFileException) return "no such file or folder";
			if (e instanceof NotDirectoryException) return "not a folder";
			if (e instanceof DirectoryNotEmptyException) return "a folder that is not empty";
			if (e instanceof FileAlreadyExistsException) return "already exists";
			return e.getClass().getSimpleName();
		}
		String message = e.getMessage();
		return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
	}

	/** The message of a file error that names the file and the reason; others' messages as they are. */
	public static String describe(Exception e) {
		if (!(e instanceof FileSystemException)) return reason(e);
		FileSystemException problem = (FileSystemException) e;
		String file = problem.getFile() == null ? "" : problem.getFile() +
			(problem.getOtherFile() == null ? "" : " -> " + problem.getOtherFile());
		return file.isEmpty() ? reason(e) : file + ": " + reason(e);
	}
}
