package org.convnetexplorer.scanstate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards 1/3, 2/3 and 3/3 of a folder, scanned separately, merge into what a single scan of the folder writes, byte for
 * byte; merge refuses runs of different scans, overlapping runs and missing shards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardMergeTest {

	@TempDir
	static Path temp;

	Path images;
	Path single;
	List<Path> shards = new ArrayList<>();

	@BeforeAll
	void scanTheFolderWholeAndInThirds() throws Exception {
		images = ClusterFixtures.mixedFolder(temp.resolve("images"));
		single = temp.resolve("single");
		ClusterFixtures.Cli whole = ClusterFixtures.scan(images, single);
		assertEquals(0, whole.exitCode, whole.output);
		for (int shard = 1; shard <= 3; shard++) {
			Path output = temp.resolve("shard" + shard);
			ClusterFixtures.Cli run = ClusterFixtures.scan(images, output, "--shard", shard + "/3");
			assertEquals(0, run.exitCode, run.output);
			shards.add(output);
		}
	}

	private ClusterFixtures.Cli merge(Path output, List<Path> runs, String... more) {
		List<String> args = new ArrayList<>(List.of("merge", "--output", output.toString()));
		args.addAll(List.of(more));
		runs.forEach(run -> args.add(run.toString()));
		return ClusterFixtures.run(args);
	}

	@Test
	void threeShardsMergeIntoTheSingleScan() throws Exception {
		// each shard is a real part: its own images, and no montages until the merge
		for (Path shard : shards) {
			assertTrue(Files.readAllLines(shard.resolve("topk.csv")).size() > 1);
			assertFalse(Files.exists(shard.resolve("conv5.tif")));
		}
		assertNotEquals(Files.readString(single.resolve("topk.csv")), Files.readString(shards.get(0).resolve("topk.csv")));
		Path merged = temp.resolve("merged");
		// in another order than the shards': the result does not depend on it
		ClusterFixtures.Cli merge = merge(merged, List.of(shards.get(2), shards.get(0), shards.get(1)));
		assertEquals(0, merge.exitCode, merge.output);
		for (String file : List.of("topk.csv", "skipped.csv", "conv2.tif", "conv5.tif", "conv2-overview.tif",
			"conv5-overview.tif"))
			assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(merged.resolve(file)), file);
		List<String> skipped = Files.readAllLines(single.resolve("skipped.csv"));
		assertTrue(skipped.size() > 2, "the folder has files to skip");
		assertTrue(skipped.get(1).startsWith("m-earlier-results/,"), "what the listing left out comes first: " + skipped);
		String report = Files.readString(merged.resolve("run.json"));
		assertTrue(report.contains("\"partial\": false"), report);
		assertTrue(report.contains("\"shards\": [\"3/3\", \"1/3\", \"2/3\"]"), report);
		assertEquals(Files.readString(single.resolve("run.json")).replaceAll("(?s).*(\"images_scanned\": \\d+).*", "$1"),
			report.replaceAll("(?s).*(\"images_scanned\": \\d+).*", "$1"));
	}

	@Test
	void refusesMissingShardsUnlessAllowedAndThenMarksThePartial() throws Exception {
		ClusterFixtures.Cli refused = merge(temp.resolve("missing"), shards.subList(0, 2));
		assertEquals(1, refused.exitCode, refused.output);
		assertTrue(refused.output.contains("no run of shard 3/3"), refused.output);
		assertFalse(Files.exists(temp.resolve("missing").resolve("topk.csv")));

		Path partial = temp.resolve("partial");
		ClusterFixtures.Cli allowed = merge(partial, shards.subList(0, 2), "--allow-missing");
		assertEquals(0, allowed.exitCode, allowed.output);
		assertTrue(Files.readString(partial.resolve("run.json")).contains("\"partial\": true"));
		// the tables of shards 1 and 2: every image in them is one of theirs
		List<String> rows = Files.readAllLines(partial.resolve("topk.csv"));
		List<String> third = Files.readAllLines(shards.get(2).resolve("topk.csv"));
		assertTrue(rows.size() > 1);
		for (String row : rows.subList(1, rows.size()))
			assertFalse(third.stream().anyMatch(other -> other.split(",")[3].equals(row.split(",")[3])), row);
	}

	@Test
	void refusesOverlappingShards() {
		ClusterFixtures.Cli refused = merge(temp.resolve("overlap"), List.of(shards.get(0), shards.get(1), shards.get(0)));
		assertEquals(1, refused.exitCode, refused.output);
		assertTrue(refused.output.contains("overlap"), refused.output);
		assertTrue(refused.output.contains("shard 1/3"), refused.output);
	}

	@Test
	void refusesRunsOfAnotherScanNamingTheSetting() {
		Path otherTop = temp.resolve("shard3-top5");
		ClusterFixtures.Cli run = ClusterFixtures.scan(images, otherTop, "--shard", "3/3", "--top", "5");
		assertEquals(0, run.exitCode, run.output);
		ClusterFixtures.Cli refused = merge(temp.resolve("mismatch"), List.of(shards.get(0), shards.get(1), otherTop));
		assertEquals(1, refused.exitCode, refused.output);
		assertTrue(refused.output.contains("top (9 in " + shards.get(0) + ", 5 in " + otherTop + ")"), refused.output);
	}

	@Test
	void refusesAFolderThatIsNoShardRunAndADamagedState() throws Exception {
		ClusterFixtures.Cli whole = merge(temp.resolve("of-single"), List.of(single));
		assertEquals(1, whole.exitCode, whole.output);
		assertTrue(whole.output.contains(single + " holds no scan-state.bin"), whole.output);

		Path damaged = temp.resolve("damaged");
		Files.createDirectories(damaged);
		byte[] state = Files.readAllBytes(shards.get(0).resolve(ScanState.FILE_NAME));
		Files.write(damaged.resolve(ScanState.FILE_NAME), java.util.Arrays.copyOf(state, state.length / 2));
		ClusterFixtures.Cli refused = merge(temp.resolve("of-damaged"), List.of(damaged, shards.get(1), shards.get(2)));
		assertEquals(1, refused.exitCode, refused.output);
		assertTrue(refused.output.contains(damaged.resolve(ScanState.FILE_NAME) + " is not a scan state ConvNet " +
			"Explorer can read: its checksum does not match its content"), refused.output);
	}
}
