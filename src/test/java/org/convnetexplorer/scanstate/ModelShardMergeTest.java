package org.convnetexplorer.scanstate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convnetexplorer.results.LayerFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards of an ONNX model's scan merge into what a single scan writes: the merge rebuilds the model from the runs'
 * run.json (a layer named by its node; a Concat whose units have their own branch's fields), and refuses a model file
 * that changed since, and runs of another model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelShardMergeTest {

	static final String LAYER = ClusterFixtures.MODEL_LAYER;

	@TempDir
	static Path temp;

	Path images;
	Path model;
	Path single;
	List<Path> shards = new ArrayList<>();

	static ClusterFixtures.Cli scan(Path images, Path output, Path model, String... more) {
		List<String> args = new ArrayList<>(List.of("scan", "--images", images.toString(), "--output", output.toString()));
		args.addAll(ClusterFixtures.modelScanOptions(model));
		args.addAll(List.of(more));
		return ClusterFixtures.run(args);
	}

	@BeforeAll
	void scanWholeAndInHalves() throws Exception {
		images = ClusterFixtures.naturalImages(temp.resolve("images"), 6);
		model = Files.copy(ClusterFixtures.onnxModel("googlenet"), temp.resolve("googlenet.onnx"));
		single = temp.resolve("single");
		ClusterFixtures.Cli whole = scan(images, single, model);
		assertEquals(0, whole.exitCode, whole.output);
		for (int shard = 1; shard <= 2; shard++) {
			Path output = temp.resolve("shard" + shard);
			ClusterFixtures.Cli run = scan(images, output, model, "--shard", shard + "/2");
			assertEquals(0, run.exitCode, run.output);
			shards.add(output);
		}
	}

	private static ClusterFixtures.Cli merge(Path output, List<Path> runs) {
		List<String> args = new ArrayList<>(List.of("merge", "--output", output.toString()));
		runs.forEach(run -> args.add(run.toString()));
		return ClusterFixtures.run(args);
	}

	@Test
	void halvesMergeIntoTheSingleScan() throws Exception {
		Path merged = temp.resolve("merged");
		ClusterFixtures.Cli merge = merge(merged, List.of(shards.get(1), shards.get(0)));
		assertEquals(0, merge.exitCode, merge.output);
		assertTrue(Files.readAllLines(single.resolve("topk.csv")).size() > 1);
		for (String file : List.of("topk.csv", "skipped.csv", LayerFiles.units(LAYER), LayerFiles.overview(LAYER)))
			assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(merged.resolve(file)), file);
		String report = Files.readString(merged.resolve("run.json"));
		String scanned = Files.readString(single.resolve("run.json"));
		for (String fact : List.of("model", "model_sha256", "input_size", "input_channels", "mean", "std", "layers"))
			assertEquals(field(scanned, fact), field(report, fact), fact);
		assertTrue(report.contains("\"partial\": false"), report);
	}

	/** A run.json's line of {@code key}. */
	private static String field(String json, String key) {
		return json.lines().filter(line -> line.trim().startsWith("\"" + key + "\":")).findFirst().orElse("none");
	}

	@Test
	void refusesAModelFileThatChangedSinceTheScan() throws Exception {
		Path changed = Files.copy(model, temp.resolve("changed.onnx"));
		byte[] bytes = Files.readAllBytes(changed);
		bytes[bytes.length - 1] ^= 1;
		Files.write(changed, bytes);
		List<Path> runs = new ArrayList<>();
		for (Path shard : shards) {
			Path copy = Files.createDirectories(temp.resolve("moved-" + shard.getFileName()));
			for (String file : List.of("run.json", ScanState.FILE_NAME, "topk.csv", "skipped.csv"))
				Files.copy(shard.resolve(file), copy.resolve(file));
			Path runJson = copy.resolve("run.json");
			Files.writeString(runJson, Files.readString(runJson).replace(jsonString(model), jsonString(changed)));
			runs.add(copy);
		}
		Path output = temp.resolve("of-changed");
		ClusterFixtures.Cli refused = merge(output, runs);
		assertEquals(1, refused.exitCode, refused.output);
		assertTrue(refused.output.contains("the model " + changed.toAbsolutePath() + " is not the file"),
			refused.output);
		assertFalse(Files.exists(output.resolve("topk.csv")));
	}

	private static String jsonString(Path file) {
		return "\"" + file.toAbsolutePath().toString().replace("\\", "\\\\") + "\"";
	}

	@Test
	void refusesRunsOfAnotherModel() {
		Path other = temp.resolve("resnet18-shard2");
		ClusterFixtures.Cli run = ClusterFixtures.run(List.of("scan", "--images", images.toString(), "--output",
			other.toString(), "--model", ClusterFixtures.onnxModel("resnet18").toString(), "--layers", "layer1", "--device",
			"cpu", "--batch", "2", "--threads", "2", "--shard", "2/2"));
		assertEquals(0, run.exitCode, run.output);
		Path output = temp.resolve("of-two-models");
		ClusterFixtures.Cli refused = merge(output, List.of(shards.get(0), other));
		assertEquals(1, refused.exitCode, refused.output);
		assertTrue(refused.output.contains("resnet18.onnx") && refused.output.contains("googlenet.onnx"),
			refused.output);
		assertFalse(Files.exists(output.resolve("topk.csv")));
	}
}
