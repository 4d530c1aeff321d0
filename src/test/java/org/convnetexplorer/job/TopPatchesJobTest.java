package org.convnetexplorer.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.RecordingListener;
import org.convnetexplorer.deconv.DeconvJob;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.SkippedLog;
import org.convnetexplorer.results.TopkRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TopPatchesJobTest {

	@TempDir
	Path temp;

	private JobSettings settings(Path images, String weights) {
		JobSettings settings = new JobSettings();
		settings.images = images;
		settings.output = temp.resolve("out");
		settings.weights = weights;
		settings.device = ComputeDevice.CPU;
		settings.threads = 2;
		return settings;
	}

	@Test
	@Timeout(300)
	void everyEdgeCaseFileIsScannedOrSkippedWithAReason() throws Exception {
		JobSettings settings = settings(Fixtures.require(Fixtures.EDGE_CASES), Fixtures.SEED0.toString());
		settings.layers = List.of(AlexNet.CONV1, AlexNet.CONV5);
		RecordingListener listener = RecordingListener.quiet();
		TopPatchesJob.Outcome outcome = TopPatchesJob.run(settings, listener);

		Set<String> files;
		try (Stream<Path> list = Files.list(Fixtures.EDGE_CASES)) {
			files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
		}
		List<String> skippedLines = Files.readAllLines(settings.output.resolve("skipped.csv"));
		Set<String> skipped = new HashSet<>();
		for (String line : skippedLines.subList(1, skippedLines.size())) {
			String[] f = line.split(",", 2);
			assertTrue(f[1].length() > 3, "a reason for " + f[0]);
			skipped.add(f[0]);
		}
		assertEquals(listener.skipped.keySet(), skipped);
		assertEquals(files.size(), outcome.scan.scanned + skipped.size(), "each file scanned or skipped, once");
		for (String bad : List.of("notes.txt", "fake.jpg", "empty.png"))
			assertTrue(skipped.contains(bad), bad + " should be skipped; skipped: " + skipped);
		for (String good : List.of("camera.png", "cell.png", "chessboard_GRAY_U16.tif", "float32.tif", "rgba.png",
			"multipage.tif", "wide-4000x40.jpg", "large-5000x4000.jpg"))
			assertFalse(skipped.contains(good), good + " should be read: " + listener.skipped.get(good));
		Set<String> winners = outcome.rows.stream().map(r -> r.image).collect(Collectors.toSet());
		assertTrue(files.containsAll(winners));
		assertTrue(Files.readString(settings.output.resolve("run.json")).contains("\"images_skipped\": " + skipped.size()));
	}

	@Test
	void cancelStopsWithinABatchAndStillWritesPartialMontages() throws Exception {
		JobSettings settings = settings(Fixtures.NATURAL224, Fixtures.SEED0.toString());
		settings.batch = 8;
		settings.layers = List.of(AlexNet.CONV2);
		RecordingListener listener = RecordingListener.cancellingAfter(2);
		TopPatchesJob.Outcome outcome = TopPatchesJob.run(settings, listener);
		assertTrue(outcome.scan.partial);
		assertEquals(16, outcome.scan.scanned, "two batches of 8, then the cancel");
		assertTrue(Files.readString(settings.output.resolve("run.json")).contains("\"partial\": true"));
		assertTrue(Files.size(settings.output.resolve("conv2.tif")) > 0);
		Set<String> scannedNames = outcome.rows.stream().map(r -> r.image).collect(Collectors.toSet());
		List<String> firstSixteen;
		try (Stream<Path> list = Files.list(Fixtures.NATURAL224)) {
			firstSixteen = list.map(p -> p.getFileName().toString()).sorted().limit(16).collect(Collectors.toList());
		}
		assertTrue(firstSixteen.containsAll(scannedNames), "only scanned images win");
	}

	@Test
	void legacyPickleSeed1LoadsAndGivesTheSameNetworkFamily() throws Exception {
		JobSettings settings = settings(Fixtures.NATURAL224, Fixtures.require(Fixtures.SEED1_LEGACY).toString());
		settings.layers = List.of(AlexNet.CONV1, AlexNet.CONV5);
		TopPatchesJob.Outcome outcome = TopPatchesJob.run(settings, RecordingListener.quiet());
		List<TopkRow> conv1 = outcome.rows.stream().filter(r -> r.layer.equals("conv1")).collect(Collectors.toList());
		assertEquals(64, conv1.stream().map(r -> r.unit).distinct().count(), "every conv1 unit fires somewhere");
		assertTrue(Files.readString(settings.output.resolve("run.json")).contains("alexnet-features-seed1-legacy.pth"));
	}

	@Test
	void nonEmptyOutputIsNeverOverwrittenWithoutAsking() throws Exception {
		Path output = Files.createDirectories(temp.resolve("out"));
		Path mine = Files.writeString(output.resolve("my-notes.txt"), "keep me");
		JobSettings settings = settings(Fixtures.NATURAL224, Fixtures.SEED0.toString());
		IOException refused = assertThrows(IOException.class, () -> TopPatchesJob.run(settings, RecordingListener.quiet()));
		assertTrue(refused.getMessage().contains("not empty"), refused.getMessage());
		assertEquals(List.of("my-notes.txt"), Files.list(output).map(p -> p.getFileName().toString())
			.collect(Collectors.toList()));

		Path usersConv5 = Files.writeString(output.resolve("conv5.tif"), "the user's own conv5.tif");
		settings.overwrite = true;
		settings.layers = List.of(AlexNet.CONV1);
		TopPatchesJob.run(settings, RecordingListener.quiet());
		assertEquals("keep me", Files.readString(mine), "overwriting replaces our files only");
		assertEquals("the user's own conv5.tif", Files.readString(usersConv5), "not written by us: left alone");
		assertTrue(Files.exists(output.resolve("conv1.tif")));

		settings.layers = List.of(AlexNet.CONV2);
		TopPatchesJob.run(settings, RecordingListener.quiet());
		assertFalse(Files.exists(output.resolve("conv1.tif")), "an earlier run's results do not pass for this run's");
		assertTrue(Files.exists(output.resolve("conv2.tif")));
		assertEquals("keep me", Files.readString(mine));
		assertEquals("the user's own conv5.tif", Files.readString(usersConv5));
	}

	@Test
	void outputInTheImagesFolderNeverReplacesTheUsersFileOfAResultsName() throws Exception {
		// the user's own picture named like a result, in the folder that is both images and output
		Path images = Files.createDirectories(temp.resolve("images"));
		for (String name : List.of("astronaut_032.png", "coffee_018.png"))
			Files.copy(Fixtures.require(Fixtures.NATURAL224.resolve(name)), images.resolve(name));
		Path usersConv3 = Files.copy(Fixtures.NATURAL224.resolve("coffee_018.png"), images.resolve("conv3.tif"));
		byte[] before = Files.readAllBytes(usersConv3);
		JobSettings settings = settings(images, Fixtures.SEED0.toString());
		settings.output = images;
		settings.overwrite = true;
		IOException refused = assertThrows(IOException.class, () -> TopPatchesJob.run(settings, RecordingListener.quiet()));
		assertTrue(refused.getMessage().startsWith(usersConv3 + " is in the way of a result"), refused.getMessage());
		assertArrayEquals(before, Files.readAllBytes(usersConv3));
		try (Stream<Path> files = Files.list(images)) {
			assertEquals(Set.of("astronaut_032.png", "coffee_018.png", "conv3.tif"),
				files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), "nothing written, nothing lost");
		}
	}

	@Test
	void whatTheListingLeftOutCountsAsSkippedInEveryReport() throws Exception {
		Path images = Files.createDirectories(temp.resolve("images"));
		Files.copy(Fixtures.NATURAL224.resolve("coffee_018.png"), images.resolve("coffee.png"));
		Path earlier = Files.createDirectories(images.resolve("earlier-output"));
		Files.writeString(earlier.resolve("run.json"), "{\n  \"convnet_explorer_version\": \"1\"\n}\n");
		JobSettings settings = settings(images, Fixtures.SEED0.toString());
		settings.recursive = true;
		settings.layers = List.of(AlexNet.CONV1);
		TopPatchesJob.Outcome outcome = TopPatchesJob.run(settings, RecordingListener.quiet());
		assertEquals(List.of("image,reason", "earlier-output/,holds run.json of an earlier ConvNet Explorer run: its " +
			"results are not scanned as images"), Files.readAllLines(settings.output.resolve(SkippedLog.FILE)));
		assertEquals(List.of(2, 1, 1), List.of(outcome.scan.total, outcome.scan.scanned, outcome.scan.skipped));
		String runJson = Files.readString(settings.output.resolve(RunJson.FILE));
		assertTrue(runJson.contains("\"images_total\": 2,") && runJson.contains("\"images_skipped\": 1,"), runJson);

		Files.delete(images.resolve("coffee.png"));
		settings.overwrite = true;
		IOException none = assertThrows(IOException.class, () -> TopPatchesJob.run(settings, RecordingListener.quiet()));
		assertTrue(none.getMessage().contains(" (1 files skipped, reasons in "), none.getMessage());
	}

	@Test
	void aScanIntoAFolderAnotherRunHoldsIsRefusedAtOnce() throws Exception {
		JobSettings settings = settings(Fixtures.NATURAL224, Fixtures.SEED0.toString());
		try (OutputFolder held = OutputFolder.claim(settings.output, false, List.of())) {
			IOException refused = assertThrows(IOException.class,
				() -> TopPatchesJob.run(settings, RecordingListener.quiet()));
			assertEquals("output folder " + settings.output + " is in use by another ConvNet Explorer run; wait for " +
				"it to end or choose another folder", refused.getMessage());
		}
		TopPatchesJob.run(settings, RecordingListener.quiet()); // released: the folder is free again
		assertTrue(Files.exists(settings.output.resolve("run.json")));
	}

	@Test
	void theScanRecordsItsWinnersAndDeconvSkipsOnesReplacedSince() throws Exception {
		Path images = Files.createDirectories(temp.resolve("images"));
		try (Stream<Path> files = Files.list(Fixtures.require(Fixtures.NATURAL224))) {
			for (Path file : (Iterable<Path>) files.sorted().limit(12)::iterator)
				Files.copy(file, images.resolve(file.getFileName()));
		}
		JobSettings settings = settings(images, Fixtures.SEED0.toString());
		settings.layers = List.of(AlexNet.CONV1);
		settings.top = 2;
		TopPatchesJob.Outcome outcome = TopPatchesJob.run(settings, RecordingListener.quiet());
		String replaced = outcome.rows.get(0).image;
		String other = outcome.rows.stream().map(r -> r.image).filter(i -> !i.equals(replaced)).findFirst().get();
		Files.copy(images.resolve(other), images.resolve(replaced), StandardCopyOption.REPLACE_EXISTING);

		DeconvJob.Settings deconv = new DeconvJob.Settings();
		deconv.output = settings.output;
		deconv.device = ComputeDevice.CPU;
		deconv.threads = 2;
		RecordingListener listener = RecordingListener.quiet();
		DeconvJob.run(deconv, listener);
		assertTrue(listener.skipped.getOrDefault(replaced, "").startsWith("changed since the scan"),
			listener.skipped.toString());
		assertFalse(listener.skipped.containsKey(other), listener.skipped.toString());

		RunResults run = RunResults.read(settings.output);
		TopkRow row = outcome.rows.get(0);
		assertTrue(run.changeSinceScan(row).startsWith("changed since the scan"));
		TopkRow unchanged = outcome.rows.stream().filter(r -> r.image.equals(other)).findFirst().get();
		assertNull(run.changeSinceScan(unchanged));
	}

	@Test
	@Timeout(300)
	void resultsOfAnEarlierRunInsideTheImagesAreNotScannedAndSaidSo() throws Exception {
		Path images = Files.createDirectories(temp.resolve("images"));
		for (String name : List.of("astronaut_016.png", "astronaut_024.png"))
			Files.copy(Fixtures.require(Fixtures.NATURAL224).resolve(name), images.resolve(name));
		JobSettings first = settings(images, Fixtures.SEED0.toString());
		first.output = images.resolve("results");
		first.layers = List.of(AlexNet.CONV1);
		TopPatchesJob.run(first, RecordingListener.quiet());

		JobSettings second = settings(images, Fixtures.SEED0.toString());
		second.layers = List.of(AlexNet.CONV1);
		second.recursive = true;
		RecordingListener listener = RecordingListener.quiet();
		TopPatchesJob.Outcome outcome = TopPatchesJob.run(second, listener);

		assertEquals(2, outcome.scan.scanned);
		assertEquals(Map.of("results/", "holds run.json of an earlier ConvNet Explorer run: its results are not " +
			"scanned as images"), listener.skipped);
		assertTrue(outcome.rows.stream().noneMatch(row -> row.image.startsWith("results/")));
	}

	@Test
	void autoWithoutAGpuBuildSaysWhyAndComputesOnTheCpu() throws Exception {
		// The test classpath has TF's CPU build only, so the GPU attempt must fail and be explained.
		JobSettings settings = settings(Fixtures.NATURAL224, Fixtures.SEED0.toString());
		settings.device = ComputeDevice.AUTO;
		settings.layers = List.of(AlexNet.CONV1);
		RecordingListener listener = RecordingListener.quiet();
		TopPatchesJob.Outcome outcome = TopPatchesJob.run(settings, listener);
		assertEquals(ComputeDevice.CPU, outcome.device);
		assertEquals(List.of("Computing on the CPU: TensorFlow finds no GPU (its CPU build, or no CUDA device)"),
			listener.statuses.stream().filter(s -> s.contains("GPU")).collect(java.util.stream.Collectors.toList()));
		assertTrue(Files.readString(settings.output.resolve("run.json")).contains("\"device_requested\": \"auto\""));
	}

	@Test
	@Timeout(60)
	void unreadableWeightsStopTheDecodersAndLeaveTheOutputEmpty() throws Exception {
		// decoding starts before the weights are read: a job that fails there must not leave decoders running, nor
		// files that would make the user's next try need --overwrite
		Path weights = Files.writeString(temp.resolve("broken.pth"), "not a state dict");
		JobSettings settings = settings(Fixtures.repeatedImages(temp.resolve("images"), 400), weights.toString());
		assertThrows(Exception.class, () -> TopPatchesJob.run(settings, RecordingListener.quiet()));
		try (Stream<Path> written = Files.list(settings.output)) {
			assertEquals(List.of(settings.output.resolve(OutputFolder.LOCK_FILE)), written.collect(Collectors.toList()));
		}
		OutputFolder.claim(settings.output, false, List.of()).close(); // the lock file alone: an empty folder
		while (Thread.getAllStackTraces().keySet().stream().anyMatch(
			thread -> thread.getName().equals("convnet-explorer-decoder") && thread.isAlive()))
			Thread.sleep(20); // the timeout fails the test if they never stop
	}

	@Test
	void folderWithoutReadableImagesIsAClearError() throws Exception {
		Path images = Files.createDirectories(temp.resolve("texts"));
		Files.writeString(images.resolve("a.txt"), "not an image");
		Files.writeString(images.resolve("b.jpg"), "not a jpeg either");
		IOException error = assertThrows(IOException.class,
			() -> TopPatchesJob.run(settings(images, Fixtures.SEED0.toString()), RecordingListener.quiet()));
		assertTrue(error.getMessage().startsWith("no readable image in " + images), error.getMessage());
	}
}
