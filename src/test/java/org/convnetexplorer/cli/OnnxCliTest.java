package org.convnetexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.results.TopkComparison;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.weights.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with ONNX models: scans against torch's top-k over the natural224 photos, AlexNet through ONNX against the
 * built-in AlexNet, {@code layers} against the shapes torch reported, and the refusals (status, one line, nothing
 * written).
 */
class OnnxCliTest {

	@TempDir
	Path temp;

	private final StringWriter messages = new StringWriter();
	private final StringWriter out = new StringWriter();

	private int run(String... args) {
		return ConvNetExplorerCli.execute(new PrintWriter(messages, true), args);
	}

	/** Runs with stdout captured too (picocli's execute writes results to System.out otherwise). */
	private int runCapturingOut(String... args) {
		picocli.CommandLine commandLine = new picocli.CommandLine(new ConvNetExplorerCli());
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(messages, true));
		commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
			cmd.getErr().println("convnet-explorer: " + e.getMessage());
			return 1;
		});
		return commandLine.execute(args);
	}

	private static String model(String name) {
		return Fixtures.ONNX.resolve(name + ".onnx").toString();
	}

	private Path scan(String model, String layers, String... more) {
		Path output = temp.resolve(model + "-" + Math.abs(layers.hashCode()));
		List<String> args = new ArrayList<>(List.of("scan", "--images", Fixtures.NATURAL224.toString(), "--output",
			output.toString(), "--model", model(model), "--layers", layers, "--device", "cpu", "--batch", "7",
			"--threads", "2"));
		args.addAll(List.of(more));
		assertEquals(0, run(args.toArray(new String[0])), messages.toString());
		return output;
	}

	/** torch's top 12 per unit: model → layer → unit → rows (image, activation, fy, fx) in rank order. */
	private static Map<String, List<String[]>> torchTopk(String model) throws IOException {
		Map<String, List<String[]>> byUnit = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Fixtures.ONNX.resolve("topk-natural224.csv"))) {
			String[] r = line.split(",");
			if (r[0].equals(model)) byUnit.computeIfAbsent(r[1] + "," + r[2], k -> new ArrayList<>()).add(r);
		}
		return byUnit;
	}

	/**
	 * Our topk.csv against torch's: the same rows (top 9 of torch's 12), activations within 1e-4 of the layer's
	 * range; where the image differs, it is one torch ranks within 1e-5 relative of torch's image at that rank (a
	 * near-tie), and elsewhere the position is torch's.
	 *
	 * @param names our layer name for each of torch's
	 */
	private static void assertTopkMatchesTorch(String model, Path output, Map<String, String> names)
		throws IOException
	{
		Map<String, List<TopkRow>> ours = TopkCsv.read(output.resolve("topk.csv")).stream()
			.collect(Collectors.groupingBy(r -> r.layer + "," + r.unit, LinkedHashMap::new, Collectors.toList()));
		Map<String, List<String[]>> torch = torchTopk(model);
		Map<String, Double> range = new HashMap<>();
		for (List<String[]> rows : torch.values())
			range.merge(rows.get(0)[1], Double.parseDouble(rows.get(0)[5]), Math::max);
		int units = 0;
		int swapped = 0;
		int rows = 0;
		for (Map.Entry<String, List<String[]>> unit : torch.entrySet()) {
			String[] first = unit.getValue().get(0);
			String ourKey = names.get(first[1]) + "," + first[2];
			List<TopkRow> actual = ours.getOrDefault(ourKey, List.of());
			List<String[]> expected = unit.getValue().subList(0, Math.min(9, unit.getValue().size()));
			assertEquals(expected.size(), actual.size(), model + " " + unit.getKey() + " rows");
			double tolerance = 1e-4 * range.get(first[1]);
			for (int i = 0; i < expected.size(); i++) {
				String[] e = expected.get(i);
				TopkRow a = actual.get(i);
				String where = model + " " + unit.getKey() + " rank " + (i + 1);
				assertEquals(Float.parseFloat(e[5]), a.activation, tolerance, where);
				if (!e[4].equals(a.image)) {
					String[] theirs = unit.getValue().stream().filter(r -> r[4].equals(a.image)).findFirst()
						.orElseThrow(() -> new AssertionError(where + ": " + a.image + " not in torch's top 12"));
					float torchOurs = Float.parseFloat(theirs[5]);
					assertTrue(Math.abs(torchOurs - Float.parseFloat(e[5])) <= 1e-5 * Math.abs(torchOurs), where +
						": " + a.image + " instead of " + e[4] + ", not tied in torch");
					swapped++;
					continue;
				}
				assertEquals(e[6] + "," + e[7], a.fy + "," + a.fx, where + " position");
				rows++;
			}
			units++;
		}
		assertEquals(units, ours.size(), "units with rows");
		assertTrue(rows > 0 && swapped <= rows / 100, swapped + " swapped of " + rows);
	}

	@Test
	void scanOfResNet18EqualsTorchsTopk() throws Exception {
		Path output = scan("resnet18", "stem,layer1,layer2.0,layer2,layer3,layer4");
		assertTopkMatchesTorch("resnet18", output, Map.of("stem", "stem", "layer1", "layer1", "layer2.0", "layer2.0",
			"layer2", "layer2", "layer3", "layer3", "layer4", "layer4"));
		String json = Files.readString(output.resolve("run.json"));
		Path file = Fixtures.ONNX.resolve("resnet18.onnx").toAbsolutePath();
		for (String fact : List.of("\"model\": \"" + file + "\"", "\"model_sha256\": \"" + Sha256.hexOf(file) + "\"",
			"\"input_size\": 224", "\"input_channels\": 3", "\"mean\": [0.485, 0.456, 0.406]",
			"\"std\": [0.229, 0.224, 0.225]", "\"layers\": [\"stem\", \"layer1\", \"layer2.0\", \"layer2\""))
			assertTrue(json.contains(fact), fact + " in " + json);
		assertFalse(json.contains("\"weights\""), "no AlexNet weights: deconv tells a model's scan by that");
		assertEquals(0, run("deconv", "--output", output.toString(), "--layers", "layer2", "--method", "guided",
			"--device", "cpu"), messages.toString());
		assertTrue(Files.isRegularFile(output.resolve("layer2-deconv.tif")), messages.toString());
		assertTrue(Files.readString(output.resolve("run.json")).contains("\"deconv\": {\n    \"layer2-deconv.tif\": " +
			"{ \"method\": \"guided\", \"device\": \"cpu\" }"), Files.readString(output.resolve("run.json")));
	}

	/**
	 * GoogLeNet's Inception blocks concatenate branches whose fields differ, so units of one layer have patches of
	 * different sizes; one layer is named by its node, as Netron shows it.
	 */
	@Test
	void scanOfGoogLeNetByNodeNameEqualsTorchsTopk() throws Exception {
		String node = "/model/inception3a/Concat";
		Path output = scan("googlenet", "conv3," + node + ",inception3b");
		assertTopkMatchesTorch("googlenet", output, Map.of("conv3", "conv3", "inception3a", node, "inception3b",
			"inception3b"));
		List<TopkRow> rows = TopkCsv.read(output.resolve("topk.csv"));
		assertEquals(List.of(27L, 43L), rows.stream().filter(r -> r.layer.equals(node)).map(r -> r.box.width()).distinct()
			.sorted().collect(Collectors.toList()), "field sizes of inception3a's branches (1×1; 3×3 and pool)");
		assertTrue(Files.isRegularFile(output.resolve(Layer.fileNameOf(node) + ".tif")));
		assertTrue(Files.isRegularFile(output.resolve(Layer.fileNameOf(node) + "-overview.tif")));
		assertTrue(Files.readString(output.resolve("run.json")).contains("\"" + node + "\""));
	}

	/** torchvision's AlexNet with the seed-0 weights, exported to ONNX, against the built-in network. */
	@Test
	void alexNetThroughOnnxGivesTheBuiltInTopk() throws Exception {
		Path viaOnnx = scan("alexnet_features", "conv1,conv2,conv3,conv4,conv5");
		Path builtIn = temp.resolve("built-in");
		assertEquals(0, run("scan", "--images", Fixtures.NATURAL224.toString(), "--output", builtIn.toString(),
			"--weights", Fixtures.SEED0.toString(), "--device", "cpu", "--batch", "7", "--threads", "2"),
			messages.toString());
		List<TopkRow> expected = TopkCsv.read(builtIn.resolve("topk.csv"));
		List<TopkRow> actual = TopkCsv.read(viaOnnx.resolve("topk.csv"));
		// The built-in path convolves by Winograd, TF's ops directly: the same sums rounded differently, so shifted
		// copies of one photo that tie (see TopPatchesJobReferenceTest) may swap; the values at each rank still agree.
		int swapped = TopkComparison.compare(expected, actual, e -> 1e-5 * Math.max(1, e.activation), (e, a) -> {});
		assertTrue(swapped <= expected.size() / 100, swapped + " of " + expected.size() + " rows swapped");
	}

	@Test
	void layersListsTheShapesTorchReportedAndMarksTheDefaults() throws Exception {
		for (String model : List.of("resnet18", "googlenet", "ops", "vgg11", "mobilenet_v2")) {
			out.getBuffer().setLength(0);
			assertEquals(0, runCapturingOut("layers", "--model", model(model)), messages.toString());
			String listing = out.toString();
			for (String line : Files.readAllLines(Fixtures.ONNX.resolve("layers.csv"))) {
				String[] r = line.split(",");
				if (!r[0].equals(model)) continue;
				Matcher row = Pattern.compile("(?m)^[* ] " + Pattern.quote(r[1]) + " +(\\d+) +(\\d+)×(\\d+)  (.*)$")
					.matcher(listing);
				assertTrue(row.find(), model + " " + r[1] + " in\n" + listing);
				assertEquals(Arrays.asList(r[2], r[3], r[4]), List.of(row.group(1), row.group(2), row.group(3)),
					model + " " + r[1]);
			}
		}
		out.getBuffer().setLength(0);
		assertEquals(0, runCapturingOut("layers", "--model", model("ops")));
		assertTrue(out.toString().matches("(?s).*\n  se +16 +15×8  y: jump 16, start -28, size 57; x: jump 32, start -51, " +
			"size 93 \\(scaled by a global gate, one number per image and unit: node '/model/se/Mul' \\(Mul\\)\\)\n.*"),
			out.toString());
		assertTrue(out.toString().matches("(?s).*\n  logits +10 +1×1  no box: .*averages over space.*"), out.toString());
		assertTrue(out.toString().contains("y: jump 8, start -20, size 41; x: jump 16, start -35, size 61"),
			"fields per axis: " + out);
		out.getBuffer().setLength(0);
		assertEquals(0, runCapturingOut("layers", "--model", model("googlenet")));
		assertTrue(out.toString().matches("(?s).*\n\\* inception3b +120 +28×28  units 0-31: jump 8, start -15, size 43 " +
			"\\| units 32-119: jump 8, start -23, size 59\n.*"), "fields per group of units:\n" + out);
		out.getBuffer().setLength(0);
		assertEquals(0, runCapturingOut("layers"));
		assertTrue(out.toString().contains("* conv5    256     13×13  jump 16, start -66, size 163"), out.toString());
	}

	@Test
	void refusalsExitOneWithOneLineAndWriteNothing() throws Exception {
		Path truncated = temp.resolve("truncated.onnx");
		byte[] resnet = Files.readAllBytes(Fixtures.ONNX.resolve("resnet18.onnx"));
		Files.write(truncated, Arrays.copyOf(resnet, resnet.length / 2));
		// Same length, so the protobuf stays well formed: every Relu node becomes an operator no one knows.
		Path unknownOp = temp.resolve("unknown-op.onnx");
		Files.write(unknownOp, new String(resnet, StandardCharsets.ISO_8859_1).replace("Relu", "Rel_")
			.getBytes(StandardCharsets.ISO_8859_1));
		Map<String, List<String>> cases = new LinkedHashMap<>();
		cases.put("truncated", List.of("--model", truncated.toString()));
		cases.put("(Rel_): unsupported operator", List.of("--model", unknownOp.toString()));
		cases.put("cannot scan logits of ops.onnx: its units have no box field", List.of("--model", model("ops"),
			"--layers", "act4,logits"));
		for (Map.Entry<String, List<String>> refusal : cases.entrySet()) {
			messages.getBuffer().setLength(0);
			Path output = temp.resolve("never-written");
			List<String> args = new ArrayList<>(List.of("scan", "--images", Fixtures.NATURAL224.toString(), "--output",
				output.toString(), "--device", "cpu"));
			args.addAll(refusal.getValue());
			assertEquals(1, run(args.toArray(new String[0])), refusal.getKey() + ": " + messages);
			String said = messages.toString();
			assertEquals(1, said.lines().count(), refusal.getKey() + ": one line, not\n" + said);
			assertTrue(said.contains(refusal.getKey()), refusal.getKey() + ": " + said);
			assertFalse(Files.exists(output), refusal.getKey() + ": nothing written");
		}
		messages.getBuffer().setLength(0);
		assertEquals(2, run("scan", "--images", Fixtures.NATURAL224.toString(), "--output", temp.resolve("x").toString(),
			"--model", model("ops"), "--weights", "demo"));
		assertTrue(messages.toString().contains("--model and --weights exclude each other"), messages.toString());
		assertEquals(2, run("scan", "--images", Fixtures.NATURAL224.toString(), "--output", temp.resolve("x").toString(),
			"--input-size", "160"));
		assertTrue(messages.toString().contains("input size, mean, std and normalize are for a model"), messages.toString());
		assertFalse(Files.exists(temp.resolve("x")));
	}

	/** A model's occlusion: the unit's unoccluded maximum is torch's for the image it ranks first. */
	@Test
	void occlusionOfAModelUnitStartsFromTorchsMaximum() throws Exception {
		String[] first = torchTopk("resnet18").get("layer2,3").get(0);
		Path output = temp.resolve("occlusion");
		assertEquals(0, run("occlusion", "--model", model("resnet18"), "--layer", "layer2", "--unit", "3", "--image",
			Fixtures.NATURAL224.resolve(first[4]).toString(), "--output", output.toString(), "--size", "48", "--stride",
			"32", "--device", "cpu"), messages.toString());
		Matcher done = Pattern.compile("Done: layer2 unit 3, ([0-9.]+) unoccluded").matcher(messages.toString());
		assertTrue(done.find(), messages.toString());
		assertEquals(Float.parseFloat(first[5]), Float.parseFloat(done.group(1)), 1e-4 * Float.parseFloat(first[5]));
		assertTrue(Files.isRegularFile(output.resolve("occlusion.tif")));
		assertEquals(2, run("occlusion", "--model", model("resnet18"), "--unit", "3", "--image", first[4], "--output",
			temp.resolve("y").toString()));
		assertTrue(messages.toString().contains("--layer is needed with --model"), messages.toString());
	}

	@Test
	void benchNetworkRunsAModel() {
		assertEquals(0, runCapturingOut("bench-network", "--model", model("resnet18"), "--layers", "layer1,layer3",
			"--batch", "2", "--seconds", "0.2", "--device", "cpu"), messages.toString());
		assertTrue(out.toString().startsWith("network: "), out.toString());
	}
}
