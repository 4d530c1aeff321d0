package org.convnetexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.deconv.DeconvJob;
import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.results.TopkCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deconvnet projections tell their count and time left as they go (they take minutes for a real run), and a cancel
 * stops them between network runs: the layer in progress is not written, those done before are.
 */
class DeconvProgressTest {

	@TempDir
	static Path temp;

	private static Path scan;

	@BeforeAll
	static void scanFixtures() {
		scan = temp.resolve("scan");
		StringWriter log = new StringWriter();
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(log, true), "scan", "--images",
			Fixtures.require(Fixtures.NATURAL224).toString(), "--output", scan.toString(), "--weights",
			Fixtures.require(Fixtures.SEED0).toString(), "--layers", "conv1,conv2", "--top", "2", "--device", "cpu"),
			log.toString());
	}

	/** The CLI's progress lines, with every progress report as [done, total], and a cancel after some reports. */
	private static final class Recording implements JobListener {
		final List<int[]> reports = new ArrayList<>();
		final StringWriter lines;
		final ConsoleProgress console;
		int cancelAfter = Integer.MAX_VALUE;

		Recording(StringWriter lines) {
			this.lines = lines;
			this.console = new ConsoleProgress(new PrintWriter(lines, true));
		}

		@Override
		public synchronized void progress(String what, int done, int total, double perSecond) {
			console.progress(what, done, total, perSecond);
			reports.add(new int[] { done, total });
		}

		@Override
		public void progress(int done, int total, double imagesPerSecond) {
			throw new AssertionError("projections are not scanned images");
		}

		@Override
		public void status(String message) {
			console.status(message);
		}

		@Override
		public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}

		@Override
		public void skipped(String path, String reason) {
			console.skipped(path, reason);
		}

		@Override
		public boolean cancelled() {
			return reports.size() >= cancelAfter;
		}
	}

	private static DeconvJob.Settings settings() {
		DeconvJob.Settings settings = new DeconvJob.Settings();
		settings.output = scan;
		settings.device = ComputeDevice.CPU;
		settings.batch = 32;
		return settings;
	}

	@Test
	@Timeout(300)
	void progressCountsEveryProjectionOfEveryLayer() throws Exception {
		int winners = TopkCsv.read(scan.resolve(TopkCsv.FILE)).size();
		Recording listener = new Recording(new StringWriter());
		DeconvJob.run(settings(), listener);
		int[] last = listener.reports.get(listener.reports.size() - 1);
		assertEquals(List.of(winners, winners), List.of(last[0], last[1]));
		for (int i = 1; i < listener.reports.size(); i++)
			assertTrue(listener.reports.get(i)[0] > listener.reports.get(i - 1)[0], "the count grows");
		assertTrue(listener.reports.size() >= winners / 32, "one report per network run of 32");
		assertTrue(listener.lines.toString().contains(winners + " of " + winners + " patches projected"),
			listener.lines.toString());
	}

	@Test
	@Timeout(300)
	void aCancelStopsBetweenRunsAndWritesOnlyTheLayersDone() throws Exception {
		int conv1 = (int) TopkCsv.read(scan.resolve(TopkCsv.FILE)).stream().filter(r -> r.layer.equals("conv1")).count();
		for (String stack : List.of("conv1-deconv.tif", "conv2-deconv.tif"))
			Files.deleteIfExists(scan.resolve(stack)); // the other test's
		Recording listener = new Recording(new StringWriter());
		listener.cancelAfter = conv1 / 32 + 1; // within conv2
		Map<Layer, Montage> stacks = DeconvJob.run(settings(), listener);
		assertEquals(List.of("conv1"), stacks.keySet().stream().map(Layer::name).collect(java.util.stream.Collectors
			.toList()));
		assertTrue(Files.isRegularFile(scan.resolve("conv1-deconv.tif")));
		assertFalse(Files.exists(scan.resolve("conv2-deconv.tif")));
		assertTrue(listener.lines.toString().contains("Stopped before conv2's projections were complete"),
			listener.lines.toString());
	}
}
