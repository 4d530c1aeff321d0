package org.convnetexplorer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/**
 * Montages go to disk as they are drawn: their size no longer bounds the heap. Top 49 of AlexNet's 1,152 units in
 * 64-px cells makes 0.74 GB of montage TIFFs (1.0 GB as packed pixels on the heap, where they were all held before),
 * written by a JVM given 200 MB of heap.
 */
class MontagesOnDiskTest {

	@TempDir
	Path temp;

	@Test
	@Timeout(300)
	void montagesLargerThanTheHeapAreWrittenWithinIt() throws Exception {
		Path output = temp.resolve("out");
		ChildJvm scan = ChildJvm.run(ChildJvm.testClassPath(), List.of("-Xmx200m"), Map.of(), 280,
			temp.resolve("log.txt"), "org.convnetexplorer.cli.ConvNetExplorerCli", "scan", "--images",
			Fixtures.NATURAL224.toString(), "--output", output.toString(), "--weights", Fixtures.SEED0.toString(),
			"--device", "cpu", "--top", "49", "--cell", "64", "--batch", "8", "--decoders", "1");
		assertEquals(0, scan.exitCode, scan.output);
		long montageBytes = 0;
		for (String layer : List.of("conv1", "conv2", "conv3", "conv4", "conv5"))
			montageBytes += Files.size(output.resolve(layer + ".tif"));
		assertTrue(montageBytes > 700_000_000L, "montages of " + montageBytes + " bytes (3 a pixel)");
		ImagePlus conv3 = new ij.io.Opener().openImage(output.resolve("conv3.tif").toString());
		assertEquals(384, conv3.getStackSize());
		assertEquals(7 * 64 + 8 * MontageLayout.GAP, conv3.getWidth());
		assertEquals("conv3 unit 383", conv3.getStack().getSliceLabel(384));
		try (var files = Files.list(output)) {
			assertFalse(files.anyMatch(file -> file.getFileName().toString().equals(MontageRenderer.SPOOL_NAME)),
				"the spooled patches are gone");
		}
	}
}
