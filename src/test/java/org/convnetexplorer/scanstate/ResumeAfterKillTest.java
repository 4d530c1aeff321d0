package org.convnetexplorer.scanstate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.convnetexplorer.network.AlexNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan killed with SIGKILL (no shutdown hook runs, as when a node dies) and resumed with --resume ends with the
 * files of a scan that was never interrupted.
 */
class ResumeAfterKillTest {

	private static final int IMAGES = 600;
	/** Names the layers of the states read. */
	private static final AlexNet ALEXNET = new AlexNet(Fixtures.SEED0.toString(), null);

	@TempDir
	Path temp;

	@Test
	@Timeout(value = 400, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void resumedScanEqualsAnUninterruptedOne() throws Exception {
		Path images = Fixtures.repeatedImages(temp.resolve("images"), IMAGES);
		Files.write(images.resolve("00100-broken.png"), new byte[] { 1, 2, 3 }); // a skip before the kill
		Path output = temp.resolve("killed");
		Path state = output.resolve(ScanState.FILE_NAME);
		List<String> args = new ArrayList<>(List.of("scan", "--images", images.toString(), "--output",
			output.toString(), "--checkpoint-every", "1ms"));
		args.addAll(ClusterFixtures.SCAN_OPTIONS);
		Process scan = ChildJvm.command(ChildJvm.testClassPath(), List.of(), Map.of(),
			"org.convnetexplorer.cli.ConvNetExplorerCli", args.toArray(new String[0])).start();
		Thread drain = new Thread(() -> {
			try (InputStream in = scan.getInputStream()) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			catch (java.io.IOException e) {
				// the process died
			}
		});
		drain.start();
		try {
			// a checkpoint past the first skip, then SIGKILL
			while (scan.isAlive() && !(Files.exists(state) && ScanState.read(state, ALEXNET).scanned > 120))
				Thread.sleep(20);
			scan.destroyForcibly();
			assertTrue(scan.waitFor(60, TimeUnit.SECONDS));
		}
		finally {
			scan.destroyForcibly();
		}
		assertEquals(137, scan.exitValue(), "killed, not finished");
		assertFalse(Files.exists(output.resolve("run.json")), "killed before the end");
		ScanState killed = ScanState.read(state, ALEXNET);
		assertTrue(killed.filesCovered() < IMAGES, "killed mid-way");
		assertEquals(1, killed.skipped.size());

		Path fresh = temp.resolve("fresh");
		ClusterFixtures.Cli refused = ClusterFixtures.scan(images, output);
		assertEquals(1, refused.exitCode);
		assertTrue(refused.output.contains("add --resume"), refused.output);
		ClusterFixtures.Cli otherSettings = ClusterFixtures.scan(images, output, "--resume", "--top", "5");
		assertEquals(1, otherSettings.exitCode);
		assertTrue(otherSettings.output.contains("top (9 in the checkpoint, 5 in this run)"), otherSettings.output);

		ClusterFixtures.Cli resumed = ClusterFixtures.scan(images, output, "--resume");
		assertEquals(0, resumed.exitCode, resumed.output);
		ClusterFixtures.Cli uninterrupted = ClusterFixtures.scan(images, fresh);
		assertEquals(0, uninterrupted.exitCode, uninterrupted.output);
		for (String file : List.of("topk.csv", "skipped.csv", "conv5.tif"))
			assertArrayEquals(Files.readAllBytes(fresh.resolve(file)), Files.readAllBytes(output.resolve(file)), file);
		String report = Files.readString(output.resolve("run.json"));
		assertTrue(report.contains("\"resumed\": true"), report);
		assertTrue(report.contains("\"images_scanned\": " + IMAGES + ","), report);
		assertFalse(Files.exists(state), "a finished scan keeps no checkpoint");
	}
}
