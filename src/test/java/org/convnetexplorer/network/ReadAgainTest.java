package org.convnetexplorer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network's file that is gone or changed kind when it is read again (hashed for run.json) is reported with why. */
class ReadAgainTest {

	@TempDir
	Path temp;

	@Test
	void weightsDeletedDuringTheRunAreReportedWithTheReason() throws Exception {
		Path weights = Files.write(temp.resolve("alexnet.pth"), new byte[] { 1 });
		Files.delete(weights);
		assertEquals("cannot read the weights " + weights + " again: no such file or folder", assertThrows(
			UncheckedIOException.class, () -> GraphTrunk.sha256(weights, "weights")).getMessage());
		Files.createDirectories(weights);
		assertEquals("cannot read the weights " + weights + " again: a folder", assertThrows(
			UncheckedIOException.class, () -> GraphTrunk.sha256(weights, "weights")).getMessage());
	}
}
