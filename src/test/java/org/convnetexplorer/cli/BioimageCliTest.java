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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.intensity.Normalization;
import org.convnetexplorer.job.NetworkRecord;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.runfile.RunKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImageStack;
import ij.process.ImageProcessor;

/**
 * Scans through a bioimage.io package and through its ONNX file with {@code --normalize}: each unit's top activation
 * on make_bioimage_packages.py's saturated micrograph is torch's maximum of the encoder's ReLUs after numpy's
 * scale_range 1..99.8 (scan-maxima.csv; a unit that never fires has no rows), run.json records the normalisation and
 * the patches show the image over its range; options a package does not take are refused in one line, nothing written.
 */
class BioimageCliTest {

	@TempDir
	Path temp;

	private final StringWriter messages = new StringWriter();

	private static Path resource(String name) {
		return Fixtures.require(Fixtures.BIOIMAGE.resolve(name));
	}

	private int scan(Path output, String model, String... more) {
		List<String> args = new ArrayList<>(List.of("scan", "--images", resource("scan-images").toString(), "--output",
			output.toString(), "--model", model, "--layers", "/Relu_output_0,/Relu_1_output_0", "--device", "cpu"));
		args.addAll(List.of(more));
		return ConvNetExplorerCli.execute(new PrintWriter(messages, true), args.toArray(new String[0]));
	}

	/** torch's maximum per "layer,unit". */
	private static Map<String, Double> torchMaxima() throws IOException {
		Map<String, Double> maxima = new LinkedHashMap<>();
		for (String line : Files.readAllLines(resource("scan-maxima.csv"))) {
			String[] field = line.split(",");
			if (!field[0].equals("layer")) maxima.put(field[0] + "," + field[1], Double.parseDouble(field[2]));
		}
		return maxima;
	}

	private static void assertMaximaAreTorchs(Path output) throws IOException {
		Map<String, Double> expected = torchMaxima();
		Map<String, Float> ours = new LinkedHashMap<>();
		for (TopkRow row : TopkCsv.read(output.resolve(TopkCsv.FILE)))
			if (row.rank == 1) ours.put(row.layer + "," + row.unit, row.activation);
		double largest = expected.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		for (Map.Entry<String, Double> unit : expected.entrySet()) {
			if (unit.getValue() == 0) assertFalse(ours.containsKey(unit.getKey()), unit.getKey() + " never fires");
			else assertEquals(unit.getValue(), ours.get(unit.getKey()), 1e-5 * largest, unit.getKey());
		}
		assertEquals(expected.values().stream().filter(max -> max > 0).count(), ours.size());
	}

	@Test
	void scanThroughThePackageFeedsItsScaleRange() throws IOException {
		Path output = temp.resolve("package");
		Path zip = resource("encoder-0.5.zip");
		assertEquals(0, scan(output, zip.toString(), "--input-size", "64"), messages.toString());
		assertMaximaAreTorchs(output);
		RunJson run = RunJson.read(output);
		assertEquals("scale_range:1,99.8,1.0E-6", run.string(RunKeys.NORMALIZE));
		assertEquals(zip.toAbsolutePath().toString(), run.string(RunKeys.MODEL));
		assertFalse(run.has(RunKeys.MEAN) || run.has(RunKeys.STD));
	}

	/**
	 * The patches show the image stretched over its percentiles 1 and 99.8 (numpy's scan-display.png): with 3-pixel
	 * cells, conv1's 3×3 fields inside the image are its pixels unresampled. A scan with mean and std shows them raw.
	 */
	@Test
	void patchesAreShownOverTheNormalisationsRange() throws IOException {
		Path stretched = temp.resolve("stretched");
		assertEquals(0, scan(stretched, resource("encoder-0.5.zip").toString(), "--input-size", "64", "--cell", "3"),
			messages.toString());
		Path raw = temp.resolve("raw");
		assertEquals(0, scan(raw, resource("encoder-0.5/encoder.onnx").toString(), "--input-size", "64", "--cell", "3"),
			messages.toString());
		int[] display = levels(ImageDecoder.read(resource("scan-display.png")));
		int[] original = levels(ImageDecoder.read(resource("scan-images/cells.png")));
		int compared = 0;
		for (TopkRow row : TopkCsv.read(stretched.resolve(TopkCsv.FILE))) {
			Box box = row.box;
			if (!row.layer.equals("/Relu_output_0") || box.x0 < 0 || box.y0 < 0 || box.x1 > 64 || box.y1 > 64) continue;
			assertEquals(3, box.x1 - box.x0);
			int corner = (int) (box.y0 * 64 + box.x0);
			ImageProcessor slice = MontageFiles.read(stretched.resolve(LayerFiles.units(row.layer))).getStack()
				.getProcessor(row.unit + 1);
			for (int y = 0; y < 3; y++)
				for (int x = 0; x < 3; x++) {
					int shown = slice.getPixel(MontageLayout.GAP + x, MontageLayout.GAP + y) & 0xff;
					assertEquals(display[corner + y * 64 + x], shown, 1, "unit " + row.unit + " at " + x + "," + y);
				}
			compared++;
		}
		assertTrue(compared >= 3, compared + " patches inside the image");
		TopkRow first = TopkCsv.read(raw.resolve(TopkCsv.FILE)).get(0); // conv1's unit 0, its field inside the image
		ImageProcessor rawSlice = MontageFiles.read(raw.resolve(LayerFiles.units(first.layer))).getStack().getProcessor(
			first.unit + 1);
		assertEquals(original[(int) (first.box.y0 * 64 + first.box.x0)],
			rawSlice.getPixel(MontageLayout.GAP, MontageLayout.GAP) & 0xff, "mean and std: the image as decoded");
	}

	/** A merge of shards rebuilds the display from run.json's normalize: its montages are the whole scan's. */
	@Test
	void mergedShardsShowTheirPatchesAsTheWholeScan() throws IOException {
		String zip = resource("encoder-0.5.zip").toString();
		Path whole = temp.resolve("whole");
		assertEquals(0, scan(whole, zip, "--input-size", "64"), messages.toString());
		List<String> merge = new ArrayList<>(List.of("merge", "--output", temp.resolve("merged").toString()));
		for (int shard = 1; shard <= 2; shard++) {
			Path part = temp.resolve("shard" + shard);
			assertEquals(0, scan(part, zip, "--input-size", "64", "--shard", shard + "/2"), messages.toString());
			merge.add(part.toString());
		}
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(messages, true), merge.toArray(new String[0])),
			messages.toString());
		for (String layer : List.of("/Relu_output_0", "/Relu_1_output_0")) {
			ImageStack expected = MontageFiles.read(whole.resolve(LayerFiles.units(layer))).getStack();
			ImageStack merged = MontageFiles.read(temp.resolve("merged").resolve(LayerFiles.units(layer))).getStack();
			for (int slice = 1; slice <= expected.getSize(); slice++)
				assertArrayEquals((int[]) expected.getPixels(slice), (int[]) merged.getPixels(slice), layer + " " + slice);
		}
	}

	/** The occlusion overlay lays its map over the input as the patches show it: where it is untinted, the display. */
	@Test
	void occlusionOverlayShowsTheInputOverTheNormalisationsRange() throws IOException {
		Path output = temp.resolve("occlusion");
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(messages, true), "occlusion", "--model",
			resource("encoder-0.5.zip").toString(), "--input-size", "64", "--layer", "/Relu_1_output_0", "--unit", "5",
			"--image", resource("scan-images/cells.png").toString(), "--size", "8", "--stride", "4", "--output",
			output.toString(), "--device", "cpu"), messages.toString());
		int[] display = levels(ImageDecoder.read(resource("scan-display.png")));
		int[] overlay = ImageDecoder.read(output.resolve("occlusion-overlay.png")).pixels();
		int untinted = 0;
		for (int i = 0; i < overlay.length; i++) {
			int red = overlay[i] >>> 16 & 0xff;
			if (red != (overlay[i] >>> 8 & 0xff) || red != (overlay[i] & 0xff)) continue;
			assertEquals(display[i], red, 1, "pixel " + i);
			untinted++;
		}
		assertTrue(untinted > overlay.length / 2, untinted + " untinted pixels of " + overlay.length);
	}

	private static int[] levels(RgbImage image) {
		int[] pixels = image.pixels().clone();
		for (int i = 0; i < pixels.length; i++)
			pixels[i] &= 0xff;
		return pixels;
	}

	@Test
	void scanThroughTheOnnxFileWithNormalizeFeedsTheSame() throws IOException {
		Path output = temp.resolve("onnx");
		assertEquals(0, scan(output, resource("encoder-0.5/encoder.onnx").toString(), "--input-size", "64",
			"--normalize", "scale_range:1,99.8"), messages.toString());
		assertMaximaAreTorchs(output);
		assertEquals("scale_range:1,99.8,1.0E-6", RunJson.read(output).string(RunKeys.NORMALIZE));
	}

	@Test
	void packageRefusesASizeItDoesNotTakeAndMeanStd() {
		String zip = resource("encoder-0.5.zip").toString();
		Path output = temp.resolve("refused");
		assertEquals(2, scan(output, zip, "--input-size", "60"));
		assertTrue(messages.toString().contains("encoder-0.5.zip takes inputs of 16 + 8 k pixels per side, not 60 (the " +
			"next it takes: 64)"), messages.toString());
		assertEquals(2, scan(output, zip, "--mean", "0.5"));
		assertTrue(messages.toString().contains("encoder-0.5.zip brings its own preprocessing " +
			"(scale_range:1,99.8,1.0E-6): mean and std do not apply"), messages.toString());
		assertFalse(Files.exists(output));
	}

	/**
	 * A package at each image's own size: its scale_range on each whole 16-bit image's raw values, in tiles of its
	 * sizes (16 + 8 k), each unit's best value per image torch's (native-maxima.csv); images of sizes it does not take
	 * are skipped naming them; run.json records its normalisation and the network is rebuilt from it.
	 */
	@Test
	void aPackageScansAFolderAtEachImagesOwnSize() throws IOException {
		Path output = temp.resolve("native");
		Path zip = resource("encoder-0.5.zip");
		assertEquals(0, ConvNetExplorerCli.execute(new PrintWriter(messages, true), "scan", "--images",
			resource("native-images").toString(), "--output", output.toString(), "--model", zip.toString(), "--layers",
			"/Relu_output_0,/Relu_1_output_0", "--device", "cpu", "--input-size", "native", "--tile", "24"),
			messages.toString());
		Map<String, Double> expected = new LinkedHashMap<>();
		for (String line : Files.readAllLines(resource("native-maxima.csv"))) {
			String[] field = line.split(",");
			if (!field[0].equals("layer"))
				expected.put(field[0] + "," + field[1] + "," + field[2], Double.parseDouble(field[3]));
		}
		Map<String, Float> ours = new LinkedHashMap<>();
		for (TopkRow row : TopkCsv.read(output.resolve(TopkCsv.FILE)))
			assertEquals(null, ours.put(row.layer + "," + row.unit + "," + row.image, row.activation), "one per image");
		for (Map.Entry<String, Double> unit : expected.entrySet()) {
			if (unit.getValue() == 0) assertFalse(ours.containsKey(unit.getKey()), unit.getKey() + " never fires");
			else assertEquals(unit.getValue(), ours.get(unit.getKey()), 1e-5 * Math.max(1, unit.getValue()),
				unit.getKey());
		}
		assertEquals(expected.values().stream().filter(max -> max > 0).count(), ours.size());
		String skipped = Files.readString(output.resolve("skipped.csv"));
		assertTrue(skipped.contains("odd.tif") && skipped.contains("small.tif") && skipped.contains("16 + 8 k"), skipped);
		RunJson run = RunJson.read(output);
		assertEquals(2, run.integer(RunKeys.IMAGES_SCANNED));
		assertEquals(2, run.integer(RunKeys.IMAGES_TILED));
		assertEquals(8, run.integer(RunKeys.SIZE_STEP_PX));
		assertEquals("scale_range:1,99.8,1.0E-6", run.string(RunKeys.NORMALIZE));
		assertEquals(zip.toAbsolutePath().toString(), run.string(RunKeys.MODEL));
		assertEquals(Normalization.parse("scale_range:1,99.8"),
			NetworkRecord.of(run, output).open().input().normalization());
	}
}
