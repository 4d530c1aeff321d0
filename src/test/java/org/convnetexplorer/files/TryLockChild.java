package org.convnetexplorer.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.ChildJvm;

/** Another process trying to lock a file: prints whether it could. */
public final class TryLockChild {

	private static final String LOCKED = "locked";
	private static final String HELD = "held by another";

	private TryLockChild() {}

	public static void main(String[] args) throws Exception {
		try (ExclusiveFileLock lock = ExclusiveFileLock.tryLock(Paths.get(args[0]))) {
			System.out.println(lock != null ? LOCKED : HELD);
		}
	}

	/** Whether another process finds {@code file} locked. */
	public static boolean heldForOtherProcesses(Path file) throws Exception {
		Path log = Files.createTempFile("try-lock", ".log");
		try {
			ChildJvm child = ChildJvm.run(ChildJvm.testClassPath(), List.of(), Map.of(), 60, log,
				TryLockChild.class.getName(), file.toString());
			String answer = child.output.trim();
			if (child.exitCode != 0 || !(answer.equals(LOCKED) || answer.equals(HELD))) throw new AssertionError(
				child.output);
			return answer.equals(HELD);
		}
		finally {
			Files.delete(log);
		}
	}
}
