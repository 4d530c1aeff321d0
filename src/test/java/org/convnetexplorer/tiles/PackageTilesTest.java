package org.convnetexplorer.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.bioimage.BioimagePackage;
import org.convnetexplorer.images.SampleNormalization;
import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.onnx.OnnxTiles;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.scan.TopEntry;
import org.convnetexplorer.scan.UnitTopK;
import org.junit.jupiter.api.Test;

/**
 * A bioimage.io package scanned at each image's own size keeps to the sizes it takes (encoder-min32-0.5.zip: 32 + 8 k
 * per side): every tile the real imported network runs, the last ones of each row and column included, is such a side,
 * each image's maxima are still torch's on the whole image, and images of other sizes are skipped naming the rule.
 */
class PackageTilesTest {

	/** The imported network, every tile's sides noted before it runs. */
	private static final class NotedSides implements TileNetwork {
		final TileNetwork network;
		final List<int[]> sides = new ArrayList<>();

		NotedSides(TileNetwork network) {
			this.network = network;
		}

		@Override
		public List<Layer> layers() {
			return network.layers();
		}

		@Override
		public int channels() {
			return network.channels();
		}

		@Override
		public int alignment() {
			return network.alignment();
		}

		@Override
		public int sizeStep() {
			return network.sizeStep();
		}

		@Override
		public int leastSide() {
			return network.leastSide();
		}

		@Override
		public double bytesPerPixel() {
			return network.bytesPerPixel();
		}

		@Override
		public int[] mapSize(Layer layer, int height, int width) {
			return network.mapSize(layer, height, width);
		}

		@Override
		public Map<Layer, RegionTop> top(float[] tile, int height, int width, Map<Layer, Region> regions, int k) {
			sides.add(new int[] { height, width });
			return network.top(tile, height, width, regions, k);
		}

		@Override
		public ComputeDevice device() {
			return network.device();
		}

		@Override
		public Map<String, Object> provenance() {
			return network.provenance();
		}

		@Override
		public void close() {
			network.close();
		}
	}

	/** The tiles, moved or not, find each image's maxima as torch does on the whole image (native-maxima.csv). */
	private static void assertMaximaAreTorchs(ScanResult result) throws IOException {
		Map<String, Float> ours = new TreeMap<>();
		for (Map.Entry<Layer, UnitTopK> layer : result.topK.entrySet())
			for (int unit = 0; unit < layer.getKey().units(); unit++)
				for (int rank = 0; rank < layer.getValue().count(unit); rank++) {
					TopEntry entry = layer.getValue().entry(unit, rank);
					ours.put(layer.getKey().name() + "," + unit + "," + entry.image.path, entry.activation);
				}
		int fired = 0;
		for (String line : Files.readAllLines(Fixtures.BIOIMAGE.resolve("native-maxima.csv"))) {
			String[] field = line.split(",");
			if (field[0].equals("layer") || Float.parseFloat(field[3]) == 0) continue;
			String key = field[0] + "," + field[1] + "," + field[2];
			assertEquals(Float.parseFloat(field[3]), ours.get(key), 1e-5f * Math.max(1, Float.parseFloat(field[3])), key);
			fired++;
		}
		assertEquals(fired, ours.size());
	}

	@Test
	void everyTileIsASideThePackageTakes() throws IOException {
		Path zip = Fixtures.require(Fixtures.BIOIMAGE.resolve("encoder-min32-0.5.zip"));
		OnnxNetwork network = BioimagePackage.open(zip).networkAtOwnSize(null, null, Normalization.NONE);
		NativeSettings settings = new NativeSettings(List.of(), 0, 1, 9, 40, 1L << 30,
			SampleNormalization.of(network.input()));
		Map<String, String> skipped = new TreeMap<>();
		try (NotedSides noted = new NotedSides(OnnxTiles.open(network, network.parseLayers(
			"/Relu_output_0,/Relu_1_output_0"), ComputeDevice.CPU, 2, NativeScanTest.QUIET)))
		{
			NativeScan scan = new NativeScan(settings, noted);
			assertEquals(40, scan.tile());
			ScanResult result = scan.scan(Fixtures.BIOIMAGE.resolve("native-images"), false,
				NativeScanTest.skippedInto(skipped));
			assertTrue(noted.sides.size() > 2 * 4, "tiles: " + noted.sides.size());
			// tiles of 40 move on by 32: the last of a 56-pixel side would be 24 pixels, so it starts 8 earlier
			assertMaximaAreTorchs(result);
			for (int[] side : noted.sides)
				for (int s : side)
					assertTrue(s >= 32 && s % 8 == 0, "a tile of " + side[0] + "x" + side[1]);
		}
		String rule = " is not 32 + 8 k pixels on each side, which the model takes at its own size (crop or pad it)";
		assertEquals(Map.of("odd.tif", "60x44" + rule, "small.tif", "16x8" + rule), skipped);
	}
}
