package org.convnetexplorer.scanstate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.Fixtures;
import org.convnetexplorer.files.CrashPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scan that dies at any moment (listing, scanning, cutting patches, writing each result file, renaming it), halted
 * there as a kill -9 would (no finally block runs), is completed by --resume to the files of a scan never interrupted.
 */
class KillAtEveryPhaseTest {

	private static final int IMAGES = 30;
	private static final List<String> COMPARED = List.of("topk.csv", "skipped.csv", "conv2.tif", "conv5.tif",
		"conv5-overview.tif", "winners.csv");

	@TempDir
	static Path temp;
	static Path images;
	static Path uninterrupted;

	@BeforeAll
	static void scanOnce() throws Exception {
		images = Fixtures.repeatedImages(temp.resolve("images"), IMAGES);
		Files.write(images.resolve("00010-broken.png"), new byte[] { 1, 2, 3 });
		uninterrupted = temp.resolve("uninterrupted");
		ClusterFixtures.Cli scan = ClusterFixtures.scan(images, uninterrupted);
		assertEquals(0, scan.exitCode, scan.output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "listing", "batch 3", "renamed scan-state.bin", "written topk.csv", "cutting",
		"written conv2.tif", "renamed conv2.tif", "written conv5-overview.tif", "written winners.csv", "written run.json",
		"renamed run.json" })
	@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aScanKilledAtThisMomentIsCompletedByResume(String moment) throws Exception {
		Path output = temp.resolve("killed at " + moment);
		List<String> args = new ArrayList<>(List.of("scan", "--images", images.toString(), "--output",
			output.toString(), "--checkpoint-every", "1ms"));
		args.addAll(ClusterFixtures.SCAN_OPTIONS);
		ChildJvm killed = ChildJvm.run(ChildJvm.testClassPath(), List.of("-D" + CrashPoint.PROPERTY + "=" + moment),
			Map.of(), 240, temp.resolve("killed at " + moment + ".log"), "org.convnetexplorer.cli.ConvNetExplorerCli",
			args.toArray(new String[0]));
		assertEquals(CrashPoint.KILLED_STATUS, killed.exitCode, "killed at " + moment + ": " + killed.output);

		ClusterFixtures.Cli resumed = ClusterFixtures.scan(images, output, "--resume");
		assertEquals(0, resumed.exitCode, moment + ": " + resumed.output);
		for (String file : COMPARED)
			assertArrayEquals(Files.readAllBytes(uninterrupted.resolve(file)), Files.readAllBytes(output.resolve(file)),
				moment + ": " + file);
		assertTrue(Files.readString(output.resolve("run.json")).contains("\"images_scanned\": " + IMAGES + ","));
		assertFalse(Files.exists(output.resolve(ScanState.FILE_NAME)), "a finished scan keeps no checkpoint");
	}

	@Test
	@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aFullDiskWhileWritingResultsKeepsTheCheckpointAndResumeCompletes() throws Exception {
		// ulimit -f: the kernel refuses to grow a file past the limit (EFBIG), as a full disk refuses (ENOSPC); the
		// limit lets the checkpoint and topk.csv through and stops the montages' patches on their way to disk
		assumeTrue(Files.isExecutable(Paths.get("/bin/bash")), "needs bash for ulimit");
		long limitKb = 2 * Math.max(Files.size(uninterrupted.resolve("topk.csv")), 1 << 18) / 1024;
		assumeTrue(Files.size(uninterrupted.resolve("conv2.tif")) > 2 * limitKb * 1024, "montages larger than the limit");
		Path output = temp.resolve("full disk");
		List<String> args = new ArrayList<>(List.of("scan", "--images", images.toString(), "--output",
			output.toString()));
		args.addAll(ClusterFixtures.SCAN_OPTIONS);
		List<String> java = ChildJvm.command(ChildJvm.testClassPath(), List.of(), Map.of(),
			"org.convnetexplorer.cli.ConvNetExplorerCli", args.toArray(new String[0])).command();
		String command = "ulimit -f " + limitKb + " && exec " + java.stream().map(arg -> "'" + arg.replace("'",
			"'\\''") + "'").collect(Collectors.joining(" "));
		Process child = new ProcessBuilder("/bin/bash", "-c", command).redirectErrorStream(true).start();
		String log = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(1, child.waitFor(), log);
		assertTrue(log.contains("could not spool the montages' patches in " + output + " (File too large)"), log);
		assertTrue(Files.exists(output.resolve(ScanState.FILE_NAME)), "the checkpoint outlives a failed result");

		ClusterFixtures.Cli resumed = ClusterFixtures.scan(images, output, "--resume");
		assertEquals(0, resumed.exitCode, resumed.output);
		assertTrue(resumed.output.contains("Resuming: " + (IMAGES + 1) + " images done at the checkpoint"),
			resumed.output);
		for (String file : COMPARED)
			assertArrayEquals(Files.readAllBytes(uninterrupted.resolve(file)), Files.readAllBytes(output.resolve(file)),
				file);
		assertFalse(Files.exists(output.resolve(ScanState.FILE_NAME)));
	}
}
