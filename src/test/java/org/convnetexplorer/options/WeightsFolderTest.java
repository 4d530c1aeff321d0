package org.convnetexplorer.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moved from StatusBarListenerTest with WeightsFolder. */
class WeightsFolderTest {

	@TempDir
	Path temp;

	@Test
	void weightsGoIntoTheImageJFolderWhenItCanBeWritten() throws Exception {
		assertEquals(temp.resolve("models/convnet-explorer"), WeightsFolder.inside(temp));
		Path readOnly = Files.createDirectories(temp.resolve("readonly"));
		assertTrue(readOnly.toFile().setWritable(false));
		if (!Files.isWritable(readOnly)) assertFalse(WeightsFolder.inside(readOnly).startsWith(readOnly));
	}
}
