package org.convnetexplorer.files;

import static org.convnetexplorer.files.TryLockChild.heldForOtherProcesses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExclusiveFileLockTest {

	@TempDir
	Path temp;

	@Test
	void aSecondOwnerInThisJvmIsRefusedAndTheFirstKeepsItsLock() throws Exception {
		Path file = temp.resolve("lock");
		try (ExclusiveFileLock first = ExclusiveFileLock.tryLock(file)) {
			assertNotNull(first);
			assertNull(ExclusiveFileLock.tryLock(file));
			// by another path to the same file too
			assertNull(ExclusiveFileLock.tryLock(Files.createSymbolicLink(temp.resolve("link"), file)));
			assertTrue(heldForOtherProcesses(file), "the refused second owner did not drop the first one's lock");
		}
		assertFalse(heldForOtherProcesses(file), "released");
		try (ExclusiveFileLock again = ExclusiveFileLock.tryLock(file)) {
			assertNotNull(again);
		}
	}
}
