package org.convnetexplorer.scanstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.results.OutputFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint or a shard's state that is a FIFO is refused by its kind, unopened (opening it would wait for a writer
 * for ever); merge says when a run folder does not exist, and when a shard is still running.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileStateFilesTest {

	@TempDir
	static Path temp;
	static Path images;
	static Path first;
	static Path second;

	@BeforeAll
	static void scanTwoShards() throws Exception {
		images = Fixtures.repeatedImages(temp.resolve("images"), 8);
		first = temp.resolve("first");
		second = temp.resolve("second");
		assertEquals(0, ClusterFixtures.scan(images, first, "--shard", "1/2").exitCode);
		assertEquals(0, ClusterFixtures.scan(images, second, "--shard", "2/2").exitCode);
	}

	private static void mkfifo(Path fifo) throws Exception {
		assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
	}

	private static ClusterFixtures.Cli merge(Path output, Path... runs) {
		List<String> args = new ArrayList<>(List.of("merge", "--output", output.toString()));
		for (Path run : runs)
			args.add(run.toString());
		return ClusterFixtures.run(args);
	}

	@Test
	void aFifoAsTheCheckpointIsRefusedByItsKind() throws Exception {
		Path output = temp.resolve("fifo-checkpoint");
		assertEquals(0, ClusterFixtures.scan(images, output, "--shard", "1/2").exitCode);
		Path state = output.resolve(ScanState.FILE_NAME);
		Files.delete(state);
		mkfifo(state);
		ClusterFixtures.Cli resumed = ClusterFixtures.scan(images, output, "--shard", "1/2", "--resume");
		assertEquals(1, resumed.exitCode, resumed.output);
		assertTrue(resumed.output.contains("cannot read " + state + " (a FIFO (named pipe), not a regular file: not " +
			"read)"), resumed.output);
	}

	@Test
	void aMergeOverAShardWhoseStateIsAFifoIsRefusedByItsKind() throws Exception {
		Path shard = Files.createDirectories(temp.resolve("fifo-shard"));
		Files.copy(second.resolve("run.json"), shard.resolve("run.json"));
		mkfifo(shard.resolve(ScanState.FILE_NAME));
		ClusterFixtures.Cli merged = merge(temp.resolve("merged-fifo"), first, shard);
		assertEquals(1, merged.exitCode, merged.output);
		assertTrue(merged.output.contains("(a FIFO (named pipe), not a regular file: not read)"), merged.output);
	}

	@Test
	void aMergeNamingAFolderThatDoesNotExistSaysSo() {
		Path missing = temp.resolve("no-such-run");
		ClusterFixtures.Cli merged = merge(temp.resolve("merged-missing"), first, missing);
		assertEquals(1, merged.exitCode, merged.output);
		assertTrue(merged.output.contains("run folder " + missing + " does not exist"), merged.output);
	}

	@Test
	void aMergeBesideAShardStillRunningSaysItRuns() throws Exception {
		try (OutputFolder running = OutputFolder.addTo(second, List.of())) {
			ClusterFixtures.Cli merged = merge(temp.resolve("merged-running"), first, second);
			assertEquals(1, merged.exitCode, merged.output);
			assertTrue(merged.output.contains(second + " is in use by a ConvNet Explorer run still going on: wait for " +
				"it to end, then merge"), merged.output);
		}
	}
}
