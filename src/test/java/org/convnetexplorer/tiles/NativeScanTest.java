package org.convnetexplorer.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.convnetexplorer.images.SampleNormalization;
import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.onnx.OnnxTiles;
import org.convnetexplorer.scan.ScanMonitor;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.scan.TopEntry;
import org.convnetexplorer.scan.UnitTopK;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native-size scans of the fixture TIFFs through the fixture FCN (src/test/python/make_native_fixtures.py) against
 * torch at each image's own size: maxima and their positions, the per-image winners, channels and planes of a
 * hyperstack, tiled against untiled, and the refusal of a fixed-size model.
 */
class NativeScanTest {

	static final Path FIXTURES = Paths.get("src/test/resources/org/convnetexplorer/native").toAbsolutePath();
	static final Path IMAGES = FIXTURES.resolve("images");
	private static final float TOLERANCE = 1e-5f;

	static final NetworkListener QUIET = new NetworkListener() {
		@Override
		public void status(String message) {}

		@Override
		public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}
	};

	@TempDir
	Path temp;

	/** Runs the scan: every layer, mean 0 and std 1, {@code top} entries per unit so every image's winners show. */
	static Result scan(String model, Path images, List<Integer> channels, int plane, int perImage, int tile)
		throws IOException
	{
		OnnxNetwork network = OnnxNetwork.openAtOwnSize(FIXTURES.resolve(model), null, null, Normalization.NONE);
		List<Layer> layers = network.parseLayers("c1,c2,c3");
		int c = network.input().channels();
		NativeSettings settings = new NativeSettings(channels, plane, perImage, 1000, tile, 1L << 30,
			SampleNormalization.typeRange(new float[c], filled(c)));
		try (OnnxTiles tiles = OnnxTiles.open(network, layers, ComputeDevice.CPU, 2, QUIET)) {
			NativeScan scan = new NativeScan(settings, tiles);
			Map<String, String> skipped = new TreeMap<>();
			ScanResult result = scan.scan(images, false, skippedInto(skipped));
			return new Result(result, skipped, scan.tilesRun(), scan.imagesTiled());
		}
	}

	/** A monitor that notes each skipped file's reason and never cancels. */
	static ScanMonitor skippedInto(Map<String, String> skipped) {
		return new ScanMonitor() {
			@Override
			public void progress(int done, int total, double imagesPerSecond) {}

			@Override
			public void skipped(String path, String reason) {
				skipped.put(path, reason);
			}

			@Override
			public boolean cancelled() {
				return false;
			}
		};
	}

	private static float[] filled(int n) {
		float[] ones = new float[n];
		Arrays.fill(ones, 1);
		return ones;
	}

	static final class Result {
		final ScanResult scan;
		final Map<String, String> skipped;
		final int tiles;
		final int imagesTiled;

		Result(ScanResult scan, Map<String, String> skipped, int tiles, int imagesTiled) {
			this.scan = scan;
			this.skipped = skipped;
			this.tiles = tiles;
			this.imagesTiled = imagesTiled;
		}

		/** "layer,unit,image" → that image's entries for the unit, in rank order. */
		Map<String, List<TopEntry>> byImage() {
			Map<String, List<TopEntry>> out = new TreeMap<>();
			for (Map.Entry<Layer, UnitTopK> e : scan.topK.entrySet())
				for (int unit = 0; unit < e.getKey().units(); unit++)
					for (int rank = 0; rank < e.getValue().count(unit); rank++) {
						TopEntry entry = e.getValue().entry(unit, rank);
						out.computeIfAbsent(e.getKey().name() + "," + unit + "," + entry.image.path,
							k -> new ArrayList<>()).add(entry);
					}
			return out;
		}
	}

	/** maxima.csv rows of one model, image, channels and plane: "layer,unit" → row. */
	static Map<String, String[]> maxima(String model, String image, String channels, int plane) throws IOException {
		Map<String, String[]> rows = new TreeMap<>();
		List<String> lines = Files.readAllLines(FIXTURES.resolve("maxima.csv"));
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",", -1);
			if (f[0].equals(model) && f[1].equals(image) && f[2].equals(channels) && Integer.parseInt(f[3]) == plane)
				rows.put(f[4] + "," + f[5], f);
		}
		return rows;
	}

	private static void assertMaxima(Result result, String model, String image, String channels, int plane)
		throws IOException
	{
		Map<String, String[]> expected = maxima(model, image, channels, plane);
		assertFalse(expected.isEmpty(), image);
		Map<String, List<TopEntry>> actual = result.byImage();
		for (Map.Entry<String, String[]> row : expected.entrySet()) {
			String[] f = row.getValue();
			float max = Float.parseFloat(f[6]);
			List<TopEntry> entries = actual.get(row.getKey() + "," + image);
			if (max <= 0) {
				assertTrue(entries == null, row.getKey() + " " + image + " never fires in torch");
				continue;
			}
			TopEntry first = entries.get(0);
			assertEquals(max, first.activation, TOLERANCE * Math.max(1, max), row.getKey() + " " + image);
			assertTrue(Arrays.asList(f[9].split(" ")).contains(first.fy + ":" + first.fx), row.getKey() + " " + image +
				": at " + first.fy + ":" + first.fx + ", torch's maximum at " + f[7] + ":" + f[8] + " (ties " + f[9] + ")");
		}
	}

	@Test
	void maximaAtEachImagesOwnSizeAreTorchs() throws IOException {
		Result result = scan("fcn1.onnx", IMAGES, List.of(), 0, 1, 0);
		for (String image : List.of("a97x75.tif", "b150x122.tif", "c64x180.tif", "d81x66-float.tif"))
			assertMaxima(result, "fcn1", image, "", 0);
		assertEquals(4, result.scan.scanned);
		assertEquals(Map.of("stack.tif", "2 channels, the model takes 1: choose them with --channels (e.g. 0)"),
			result.skipped);
	}

	@Test
	void tiledEqualsUntiled() throws IOException {
		Result whole = scan("fcn1.onnx", IMAGES, List.of(), 0, 3, 0);
		Result tiled = scan("fcn1.onnx", IMAGES, List.of(), 0, 3, 48);
		assertEquals(0, whole.imagesTiled);
		assertEquals(4, tiled.imagesTiled);
		assertTrue(tiled.tiles > 4 * 4, "tiles: " + tiled.tiles);
		Map<String, List<TopEntry>> a = whole.byImage();
		Map<String, List<TopEntry>> b = tiled.byImage();
		assertEquals(a.keySet(), b.keySet());
		for (String key : a.keySet()) {
			assertEquals(a.get(key).size(), b.get(key).size(), key);
			for (int i = 0; i < a.get(key).size(); i++) {
				TopEntry x = a.get(key).get(i);
				TopEntry y = b.get(key).get(i);
				assertEquals(x.fy + ":" + x.fx, y.fy + ":" + y.fx, key + " rank " + i);
				assertEquals(x.activation, y.activation, TOLERANCE * Math.max(1, x.activation), key);
			}
		}
	}

	@Test
	void perImageWinnersAreTorchsGreedyChoice() throws IOException {
		Result result = scan("fcn1.onnx", IMAGES, List.of(), 0, 3, 48);
		Map<String, List<String>> expected = new TreeMap<>();
		List<String> lines = Files.readAllLines(FIXTURES.resolve("perimage.csv"));
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			expected.computeIfAbsent(f[2] + "," + f[3] + "," + f[1], k -> new ArrayList<>()).add(f[6] + ":" + f[7]);
		}
		Map<String, List<String>> actual = new TreeMap<>();
		result.byImage().forEach((key, entries) -> {
			if (!key.endsWith("d81x66-float.tif")) entries.forEach(e -> actual.computeIfAbsent(key,
				k -> new ArrayList<>()).add(e.fy + ":" + e.fx));
		});
		assertEquals(expected, actual);
		assertTrue(expected.values().stream().anyMatch(winners -> winners.size() == 3));
	}

	@Test
	void chosenChannelsOfAChosenPlane() throws IOException {
		Path folder = Files.createDirectories(temp.resolve("stack"));
		Files.copy(IMAGES.resolve("stack.tif"), folder.resolve("stack.tif"));
		assertMaxima(scan("fcn1.onnx", folder, List.of(1), 2, 1, 0), "fcn1", "stack.tif", "1", 2);
		assertMaxima(scan("fcn2.onnx", folder, List.of(0, 1), 1, 1, 40), "fcn2", "stack.tif", "0 1", 1);
		assertEquals(Map.of("stack.tif", "plane 3 chosen, the image has 3 (0..2)"),
			scan("fcn1.onnx", folder, List.of(0), 3, 1, 0).skipped);
	}

	@Test
	void aModelOfFixedSizeIsRefusedNamingIt() throws IOException {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OnnxNetwork.openAtOwnSize(FIXTURES.resolve("fcn1_fixed.onnx"), null, null,
				Normalization.NONE));
		assertTrue(e.getMessage().contains("fcn1_fixed.onnx takes 64×64 inputs"), e.getMessage());
	}
}
