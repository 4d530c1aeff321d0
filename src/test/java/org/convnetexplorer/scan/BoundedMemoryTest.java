package org.convnetexplorer.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
		Path images = Files.createDirectories(temp.resolve("images"));
		List<Path> originals;
		try (var files = Files.list(Fixtures.require(Fixtures.NATURAL224))) {
			originals = files.sorted().collect(Collectors.toList());
		}
		for (int i = 0; i < IMAGES; i++) {
			Path link = images.resolve(String.format("%05d.png", i));
			Path original = originals.get(i % originals.size());
			try {
				Files.createLink(link, original);
			}
			catch (java.io.IOException | UnsupportedOperationException e) {
				Files.copy(original, link); // another file system: no hard links
			}
		}
		Path output = temp.resolve("out");
		Process scan = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx400m",
			"-cp", System.getProperty("java.class.path"), "org.convnetexplorer.cli.ConvNetExplorerCli", "scan", "--images",
			images.toString(), "--output", output.toString(), "--weights", Fixtures.SEED0.toString(), "--device", "cpu",
			"--batch", "32", "--decoders", "2").redirectErrorStream(true).redirectOutput(temp.resolve("log.txt").toFile()).start();
		assertTrue(scan.waitFor(540, TimeUnit.SECONDS), "scan did not finish");
		String log = Files.readString(temp.resolve("log.txt"));
		assertEquals(0, scan.exitValue(), log);
		String report = Files.readString(output.resolve("run.json"));
		assertTrue(report.contains("\"images_scanned\": " + IMAGES), report);
		assertTrue(new File(output.resolve("conv5.tif").toString()).length() > 0);
	}
}
