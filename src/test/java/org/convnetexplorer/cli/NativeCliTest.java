package org.convnetexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.job.NetworkRecord;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.runfile.RunKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --input-size native} end to end: the fixture TIFFs through the fixture FCN
 * (src/test/python/make_native_fixtures.py) in tiles, topk.csv against torch's per-image winners, run.json saying how
 * the images were tiled and which channels and plane went in, and the refusals (one line, nothing written).
 */
class NativeCliTest {

	private static final Path FIXTURES = Paths.get("src/test/resources/org/convnetexplorer/native").toAbsolutePath();

	@TempDir
	Path temp;

	private final StringWriter messages = new StringWriter();

	private int run(List<String> args) {
		return ConvNetExplorerCli.execute(new PrintWriter(messages, true), args.toArray(new String[0]));
	}

	private Path folder(String... images) throws IOException {
		Path folder = Files.createDirectories(temp.resolve("images"));
		for (String image : images)
			Files.copy(FIXTURES.resolve("images").resolve(image), folder.resolve(image));
		return folder;
	}

	private List<String> scan(Path images, Path output, String model, String... more) {
		List<String> args = new ArrayList<>(List.of("scan", "--images", images.toString(), "--output", output.toString(),
			"--model", FIXTURES.resolve(model).toString(), "--layers", "c1,c2,c3", "--input-size", "native",
			"--device", "cpu", "--threads", "2"));
		args.addAll(List.of(more));
		return args;
	}

	@Test
	void nativeScanInTilesFindsTorchsWinnersPerImage() throws IOException {
		Path images = folder("a97x75.tif", "b150x122.tif", "c64x180.tif", "stack.tif");
		Path output = temp.resolve("out");
		assertEquals(0, run(scan(images, output, "fcn1.onnx", "--per-image", "3", "--tile", "48", "--top", "9",
			"--atlas")), messages.toString());
		// the web atlas rebuilds the network from run.json, as it was scanned
		assertTrue(Files.isRegularFile(output.resolve("atlas/c3/index.html")), messages.toString());

		// torch's greedy winners of each image, at most 3 per unit, fields overlapping by at most half
		Map<String, List<String>> expected = new TreeMap<>();
		List<String> lines = Files.readAllLines(FIXTURES.resolve("perimage.csv"));
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			if (!f[1].equals("d81x66-float.tif"))
				expected.computeIfAbsent(f[2] + "," + f[3] + "," + f[1], k -> new ArrayList<>()).add(f[6] + ":" + f[7]);
		}
		Map<String, List<String>> actual = new TreeMap<>();
		for (TopkRow row : TopkCsv.read(output.resolve("topk.csv")))
			actual.computeIfAbsent(row.layer + "," + row.unit + "," + row.image, k -> new ArrayList<>())
				.add(row.fy + ":" + row.fx);
		assertEquals(expected, actual);

		RunJson run = RunJson.read(output);
		assertTrue(run.bool(RunKeys.NATIVE_SIZE, false));
		assertEquals(3, run.integer(RunKeys.PER_IMAGE));
		assertEquals(48, run.integer(RunKeys.TILE_PX));
		assertEquals(3, run.integer(RunKeys.IMAGES_TILED));
		assertTrue(run.integer(RunKeys.TILES) > 3 * 4, "tiles: " + run.integer(RunKeys.TILES));
		assertEquals(3, run.integer(RunKeys.IMAGES_SCANNED));
		assertEquals(1, run.integer(RunKeys.IMAGES_SKIPPED));
		String skipped = Files.readString(output.resolve("skipped.csv"));
		assertTrue(skipped.contains("stack.tif") && skipped.contains("--channels"), skipped);
	}

	@Test
	void chosenChannelAndPlaneOfAStackAreStatedInRunJson() throws IOException {
		Path output = temp.resolve("out");
		assertEquals(0, run(scan(folder("stack.tif"), output, "fcn1.onnx", "--channels", "1", "--plane", "2")),
			messages.toString());
		RunJson run = RunJson.read(output);
		assertArrayEquals(new float[] { 1 }, run.floats(RunKeys.CHANNELS));
		assertEquals(2, run.integer(RunKeys.PLANE));
		assertEquals(0, run.integer(RunKeys.IMAGES_TILED));
		// unit c3,0's best value in slice 2's channel 1, as torch computed it
		for (String line : Files.readAllLines(FIXTURES.resolve("maxima.csv"))) {
			String[] f = line.split(",", -1);
			if (!line.startsWith("fcn1,stack.tif,1,2,c3,0,")) continue;
			TopkRow best = TopkCsv.read(output.resolve("topk.csv")).stream()
				.filter(r -> r.layer.equals("c3") && r.unit == 0).findFirst().orElseThrow();
			assertEquals(Float.parseFloat(f[6]), best.activation, 1e-5f);
			return;
		}
		throw new AssertionError("maxima.csv has no row for fcn1 stack.tif c3 0");
	}

	/** Steps after a scan (atlas, visualisation) rebuild its network from run.json: a 2-channel model's as scanned. */
	@Test
	void aTwoChannelRunsNetworkIsRebuiltAsScanned() throws IOException {
		Path output = temp.resolve("out");
		assertEquals(0, run(scan(folder("stack.tif"), output, "fcn2.onnx", "--channels", "0,1", "--plane", "1")),
			messages.toString());
		Network network = NetworkRecord.of(RunJson.read(output), output).open();
		assertEquals(2, network.input().channels());
		List<String> layers = network.layers().stream().map(Layer::name).collect(Collectors.toList());
		assertTrue(layers.containsAll(List.of("c1", "c2", "c3")), layers.toString());
	}

	/** Each image's best value per unit as topk.csv gives it (one winner per image): "layer,unit,image" → row. */
	private static Map<String, TopkRow> bestPerImage(Path output) throws IOException {
		Map<String, TopkRow> best = new TreeMap<>();
		for (TopkRow row : TopkCsv.read(output.resolve("topk.csv")))
			assertEquals(null, best.put(row.layer + "," + row.unit + "," + row.image, row), "one row per image");
		return best;
	}

	/**
	 * bioimage.io's scale_range at each image's own size: the percentiles are the whole 16-bit image's raw samples'
	 * (numpy's, in make_native_fixtures.py's scale_range_maxima), so that every tile sees the same mapping and the
	 * tiled scan finds what the untiled one does; run.json records the normalisation and the network is rebuilt with it.
	 */
	@Test
	void scaleRangeAtOwnSizeFindsTorchsMaximaTiledAsUntiled() throws IOException {
		Path images = folder("a97x75.tif", "b150x122.tif", "c64x180.tif");
		Path whole = temp.resolve("whole");
		Path tiled = temp.resolve("tiled");
		assertEquals(0, run(scan(images, whole, "fcn1.onnx", "--normalize", "scale_range:1,99.8")), messages.toString());
		assertEquals(0, run(scan(images, tiled, "fcn1.onnx", "--normalize", "scale_range:1,99.8", "--tile", "48")),
			messages.toString());
		Map<String, TopkRow> best = bestPerImage(whole);
		List<String> lines = Files.readAllLines(FIXTURES.resolve("maxima-scale-range.csv"));
		int fired = 0;
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",", -1);
			String key = f[4] + "," + f[5] + "," + f[1];
			float max = Float.parseFloat(f[6]);
			TopkRow row = best.remove(key);
			if (max <= 0) {
				assertEquals(null, row, key + " never fires in torch");
				continue;
			}
			fired++;
			assertEquals(max, row.activation, 1e-5f * Math.max(1, max), key);
			assertTrue(List.of(f[9].split(" ")).contains(row.fy + ":" + row.fx), key + " at " + row.fy + ":" + row.fx +
				", torch's maximum at " + f[7] + ":" + f[8]);
		}
		assertTrue(fired > 40, "units that fire: " + fired);
		assertEquals(Map.of(), best, "rows torch has none for");

		Map<String, TopkRow> wholeRows = bestPerImage(whole);
		Map<String, TopkRow> tiledRows = bestPerImage(tiled);
		assertEquals(wholeRows.keySet(), tiledRows.keySet());
		for (Map.Entry<String, TopkRow> e : wholeRows.entrySet()) {
			TopkRow t = tiledRows.get(e.getKey());
			assertEquals(e.getValue().activation, t.activation, 1e-5f * Math.max(1, t.activation), e.getKey());
			assertEquals(e.getValue().fy + ":" + e.getValue().fx, t.fy + ":" + t.fx, e.getKey());
		}
		assertEquals(3, RunJson.read(tiled).integer(RunKeys.IMAGES_TILED));

		RunJson run = RunJson.read(whole);
		assertEquals(Normalization.parse("scale_range:1,99.8").toString(), run.string(RunKeys.NORMALIZE));
		assertFalse(run.has(RunKeys.MEAN), "normalize replaces mean and std");
		Network rebuilt = NetworkRecord.of(run, whole).open();
		assertEquals(Normalization.parse("scale_range:1,99.8"), rebuilt.input().normalization());
	}

	private void assertRefused(List<String> args, String reason) {
		messages.getBuffer().setLength(0);
		assertFalse(run(args) == 0, messages.toString());
		String said = messages.toString().trim();
		assertTrue(said.contains(reason), said);
		assertEquals(1, said.lines().filter(l -> l.contains(reason)).count(), said);
		assertFalse(Files.exists(temp.resolve("refused")), "nothing written");
	}

	@Test
	void nativeOptionsAreRefusedWithOneLine() throws IOException {
		Path images = folder("a97x75.tif");
		Path output = temp.resolve("refused");
		List<String> fixedSize = new ArrayList<>(scan(images, output, "fcn1.onnx", "--per-image", "2"));
		fixedSize.set(fixedSize.indexOf("native"), "64");
		assertRefused(fixedSize, "are for scans at each image's own size (--input-size native)");
		assertRefused(scan(images, output, "fcn1_fixed.onnx"), "fcn1_fixed.onnx takes 64×64 inputs");
		List<String> misspelt = new ArrayList<>(scan(images, output, "fcn1.onnx"));
		misspelt.set(misspelt.indexOf("native"), "natve");
		assertRefused(misspelt, "input size must be a side in pixels, 0 (the model's) or native, not 'natve'");
		assertRefused(scan(images, output, "fcn1.onnx", "--channels", "0,1"), "channels: 2 chosen, the model takes 1");
	}
}
