package org.convnetexplorer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.RecordingListener;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.results.TopkComparison;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** The whole job on natural224 with the seed0 weights against torchvision's topk.csv. */
class TopPatchesJobReferenceTest {

	@TempDir
	static Path output;
	private static TopPatchesJob.Outcome outcome;

	@BeforeAll
	static void scanNatural224() throws Exception {
		JobSettings settings = new JobSettings();
		settings.images = Fixtures.require(Fixtures.NATURAL224);
		settings.output = output.resolve("out");
		settings.weights = Fixtures.require(Fixtures.SEED0).toString();
		settings.device = ComputeDevice.CPU;
		settings.threads = 2;
		settings.batch = 7; // not a divisor of 48: the last batch is short
		outcome = TopPatchesJob.run(settings, RecordingListener.quiet());
	}

	@Test
	void topkCsvEqualsTorchvisionsExceptGenuineNearTies() throws IOException {
		List<TopkRow> expected = TopkCsv.read(Fixtures.REFERENCE.resolve("topk.csv"));
		List<TopkRow> actual = TopkCsv.read(output.resolve("out/topk.csv"));
		Map<String, Float> torchvisionMaxima = new HashMap<>();
		for (String line : Files.readAllLines(Fixtures.REFERENCE.resolve("maxima.csv"))) {
			String[] fields = line.split(",");
			if (fields[0].equals("layer")) continue;
			torchvisionMaxima.put(fields[0] + "," + fields[1] + "," + fields[2], Float.parseFloat(fields[3]));
		}
		int swapped = TopkComparison.compare(expected, actual, e -> 1e-4 * Math.max(1, e.activation), (e, a) -> {
			// Two images whose maxima torchvision and TF round differently: allowed only for a genuine near-tie,
			// where torchvision's own maximum for our image equals that of its image (a tie may be with the image
			// ranked just below the table).
			float theirsForOurImage = torchvisionMaxima.get(a.layer + "," + a.unit + "," + a.image);
			assertTrue(Math.abs(theirsForOurImage - e.activation) < 1e-4 * Math.max(1, e.activation),
				TopkComparison.where(e) + ": " + a.image + " (" + theirsForOurImage + " in torchvision) instead of " +
					e.image);
		});
		// natural224 holds shifted copies of the same picture: their maxima tie in torchvision (to its 6 printed
		// digits), and the Winograd convolutions round them ~1e-6 apart (the rounding depends on where a patch falls
		// in a 4×4 tile), so among such ties our order may differ: 51 rows here. Anything systematic would swap far
		// more than 1 %.
		assertTrue(swapped <= expected.size() / 100, swapped + " of " + expected.size() + " rows swapped by near-ties");
	}

	@Test
	void writesEveryOutputOfTheContract() throws IOException {
		for (String name : List.of("topk.csv", "skipped.csv", "run.json", "conv1.tif", "conv5.tif", "conv1-overview.tif",
			"conv5-overview.tif"))
			assertTrue(Files.size(output.resolve("out").resolve(name)) > 0, name);
		String json = Files.readString(output.resolve("out/run.json"));
		assertTrue(json.contains("\"images_scanned\": 48"), json);
		assertTrue(json.contains("\"device\": \"cpu\""), json);
		assertTrue(json.contains("\"partial\": false"), json);
		assertTrue(json.contains("\"weights_sha256\": \""), json);
		assertEquals(List.of("image,reason"), Files.readAllLines(output.resolve("out/skipped.csv")));
		assertFalse(outcome.scan.partial);
	}

	@Test
	void montageStacksOpenInImageJWithOneLabelledSlicePerUnit() throws IOException {
		ImagePlus conv3 = new ij.io.Opener().openImage(output.resolve("out/conv3.tif").toString());
		assertEquals(384, conv3.getStackSize());
		assertEquals("conv3 unit 17", conv3.getStack().getSliceLabel(18));
		assertEquals(ImagePlus.COLOR_RGB, conv3.getType());
		ImagePlus overview = new ij.io.Opener().openImage(output.resolve("out/conv2-overview.tif").toString());
		assertEquals(1, overview.getStackSize());
	}

	@Test
	void patchInMontageIsTheReceptiveFieldCutFromTheImage() throws IOException {
		// 224×224 images are not resampled, and conv3's 64-px cells shrink 99-px fields: compare at the first row of
		// rank 1 of a unit whose field lies inside the image, via the cell's mean colour.
		TopkRow row = outcome.rows.stream().filter(r -> r.layer.equals("conv1") && r.rank == 1 && r.box.x0 >= 0 &&
			r.box.y0 >= 0 && r.box.x1 <= 224 && r.box.y1 <= 224).findFirst().orElseThrow();
		ImagePlus source = new ij.io.Opener().openImage(Fixtures.NATURAL224.resolve(row.image).toString());
		ImagePlus montage = new ij.io.Opener().openImage(output.resolve("out/conv1.tif").toString());
		int[] sourcePixels = (int[]) source.getProcessor().convertToRGB().getPixels();
		int[] slice = (int[]) montage.getStack().getProcessor(row.unit + 1).getPixels();
		double sourceMean = meanRed(sourcePixels, 224, (int) row.box.x0, (int) row.box.y0, (int) row.box.width());
		int cell = org.convnetexplorer.render.MontageLayout.defaultCell(org.convnetexplorer.network.AlexNet.CONV1);
		double patchMean = meanRed(slice, montage.getWidth(), 2, 2, cell);
		assertEquals(sourceMean, patchMean, 3.0, "mean red of the field and of its montage cell");
	}

	private static double meanRed(int[] pixels, int width, int x0, int y0, int size) {
		double sum = 0;
		for (int y = y0; y < y0 + size; y++)
			for (int x = x0; x < x0 + size; x++)
				sum += (pixels[y * width + x] >> 16) & 0xff;
		return sum / (size * size);
	}
}
