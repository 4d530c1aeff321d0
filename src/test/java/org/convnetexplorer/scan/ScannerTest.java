package org.convnetexplorer.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.AlexNetTrunk;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.weights.AlexNetWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Decoders that take turns with the network on the CPU: the same result, in file order, however many there are. */
class ScannerTest {

	@TempDir
	Path temp;

	@Test
	@Timeout(60)
	void aScannerScansOnce() throws Exception {
		// a second scan would wait for decoders that have stopped
		ScanSettings settings = new ScanSettings(Fixtures.require(Fixtures.NATURAL224), false, AlexNet.INPUT, List.of(AlexNet.CONV1),
			9, 16, 1);
		try (AlexNetTrunk trunk = AlexNetTrunk.create(AlexNetWeights.load(Fixtures.require(Fixtures.SEED0)), AlexNet.LAYERS, ComputeDevice.CPU,
			2, Precision.FLOAT32, reason -> {});
			Scanner scanner = Scanner.start(settings))
		{
			assertEquals(48, scanner.scan(trunk, ScanMonitor.NONE).scanned);
			assertThrows(IllegalStateException.class, () -> scanner.scan(trunk, ScanMonitor.NONE));
		}
	}

	@Test
	@Timeout(300)
	void oneOrSeveralDecodersFindTheSameTopK() throws Exception {
		try (AlexNetTrunk trunk = AlexNetTrunk.create(AlexNetWeights.load(Fixtures.require(Fixtures.SEED0)), AlexNet.LAYERS, ComputeDevice.CPU,
			2, Precision.FLOAT32, reason -> {}))
		{
			String one = topkCsv(trunk, 1);
			assertEquals(one, topkCsv(trunk, 3));
			assertEquals(one, topkCsv(trunk, 5));
		}
	}

	@Test
	@Timeout(300)
	void skippedFilesAreReportedInFileOrderWithSeveralDecoders() throws Exception {
		try (AlexNetTrunk trunk = AlexNetTrunk.create(AlexNetWeights.load(Fixtures.require(Fixtures.SEED0)), AlexNet.LAYERS, ComputeDevice.CPU,
			2, Precision.FLOAT32, reason -> {}))
		{
			// photos (slower to decode) between files that are not images (refused at once), each file its own batch:
			// decoders finish out of order
			Path folder = Files.createDirectories(temp.resolve("mixed"));
			List<String> expected = new java.util.ArrayList<>();
			List<Path> photos = Files.list(Fixtures.require(Fixtures.NATURAL224)).sorted().limit(12)
				.collect(java.util.stream.Collectors.toList());
			for (int i = 0; i < photos.size(); i++) {
				Files.copy(photos.get(i), folder.resolve(String.format("%02d-photo.png", 2 * i)));
				String bad = String.format("%02d-not-an-image.jpg", 2 * i + 1);
				Files.writeString(folder.resolve(bad), "not an image");
				expected.add(bad);
			}
			List<String> skipped = new java.util.ArrayList<>();
			ScanSettings settings = new ScanSettings(folder, false, AlexNet.INPUT, List.of(AlexNet.CONV1), 9, 1, 4);
			try (Scanner scanner = Scanner.start(settings)) {
				scanner.scan(trunk, new ScanMonitor() {
					@Override
					public void progress(int done, int total, double imagesPerSecond) {}

					@Override
					public void skipped(String path, String reason) {
						skipped.add(path);
					}

					@Override
					public boolean cancelled() {
						return false;
					}
				});
			}
			assertEquals(expected, skipped);
		}
	}

	@Test
	void filesThatAreNoImagesCostOneSmallReadAndNothingStallsTheScan() throws Exception {
		Path folder = Files.createDirectories(temp.resolve("with-traps"));
		Files.copy(Fixtures.require(Fixtures.NATURAL224).resolve("astronaut_016.png"), folder.resolve("a.png"));
		Files.copy(Fixtures.NATURAL224.resolve("astronaut_024.png"), folder.resolve("z.png"));
		// a sparse terabyte: read whole (as every file was before its type was known) it takes the better part of an hour
		try (java.io.RandomAccessFile movie = new java.io.RandomAccessFile(folder.resolve("movie.mp4").toFile(), "rw")) {
			movie.setLength(1L << 40);
		}
		assumeTrue(new ProcessBuilder("mkfifo", folder.resolve("pipe.png").toString()).start().waitFor() == 0, "mkfifo");
		Files.createSymbolicLink(folder.resolve("zero.jpg"), java.nio.file.Paths.get("/dev/zero"));
		java.util.Map<String, String> skipped = new java.util.TreeMap<>();
		ScanMonitor recording = new ScanMonitor() {
			@Override
			public void progress(int done, int total, double imagesPerSecond) {}

			@Override
			public synchronized void skipped(String path, String reason) {
				skipped.put(path, reason);
			}

			@Override
			public boolean cancelled() {
				return false;
			}
		};

		ScanResult result;
		try (AlexNetTrunk trunk = AlexNetTrunk.create(AlexNetWeights.load(Fixtures.require(Fixtures.SEED0)), AlexNet.LAYERS,
			ComputeDevice.CPU, 2, Precision.FLOAT32, reason -> {});
			Scanner scanner = Scanner.start(new ScanSettings(folder, false, AlexNet.INPUT, List.of(AlexNet.CONV1), 9, 2,
				2)))
		{
			// a guard against a hang, not a speed check
			result = assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> scanner.scan(trunk, recording));
		}

		assertEquals(2, result.scanned);
		assertEquals(java.util.Map.of(
			"movie.mp4", "not an image ImageJ can read (PNG, JPEG, TIFF, GIF or BMP)",
			"pipe.png", "a FIFO (named pipe), not a regular file: not read",
			"zero.jpg", "a character device, not a regular file: not read"), skipped);
	}

	private String topkCsv(AlexNetTrunk trunk, int decoders) throws Exception {
		// batch 5: 48 images in 10 batches, the last one short
		ScanSettings settings = new ScanSettings(Fixtures.require(Fixtures.NATURAL224), false, AlexNet.INPUT, AlexNet.LAYERS,
			9, 5, decoders);
		ScanResult result;
		try (Scanner scanner = Scanner.start(settings)) {
			result = scanner.scan(trunk, ScanMonitor.NONE);
		}
		assertEquals(48, result.scanned);
		assertFalse(result.partial);
		Path file = temp.resolve("topk-" + decoders + ".csv");
		TopkCsv.write(TopkCsv.rows(result), file);
		return Files.readString(file);
	}
}
