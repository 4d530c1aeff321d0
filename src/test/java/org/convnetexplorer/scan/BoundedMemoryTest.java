package org.convnetexplorer.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * A scan's memory does not grow with the number of images: 2,000 images (whose network inputs alone would take
 * 1.2 GB) scan in a JVM limited to 400 MB of heap (the montages of all five layers, whatever the number of images, take
 * about 170 MB).
 */
class BoundedMemoryTest {

	private static final int IMAGES = 2000;

	@TempDir
	Path temp;

	@Test
	@Timeout(600)
	void twoThousandImagesScanIn400MegabytesOfHeap() throws Exception {
		Path images = Fixtures.repeatedImages(temp.resolve("images"), IMAGES);
		Path output = temp.resolve("out");
		ChildJvm scan = ChildJvm.run(ChildJvm.testClassPath(), List.of("-Xmx400m"), Map.of(), 540, temp.resolve("log.txt"),
			"org.convnetexplorer.cli.ConvNetExplorerCli", "scan", "--images", images.toString(), "--output",
			output.toString(), "--weights", Fixtures.SEED0.toString(), "--device", "cpu", "--batch", "32", "--decoders", "2");
		assertEquals(0, scan.exitCode, scan.output);
		String report = Files.readString(output.resolve("run.json"));
		assertTrue(report.contains("\"images_scanned\": " + IMAGES), report);
		assertTrue(Files.size(output.resolve("conv5.tif")) > 0);
	}
}
