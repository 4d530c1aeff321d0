package org.convnetexplorer.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.Preprocessor;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.AlexNetTrunk;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.weights.AlexNetWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** conv5 unit 7 on astronaut_032.png (its top image) with seed-0 weights, a 32-px square moved by 16 px. */
class OcclusionSensitivityTest {

	private static final String IMAGE = "astronaut_032.png";
	private static final int SIZE = 32;
	private static final int STRIDE = 16;

	private static AlexNetTrunk trunk;
	private static float[] input;
	private static OcclusionSensitivity result;

	@TempDir
	Path temp;

	@BeforeAll
	static void occlude() throws Exception {
		trunk = AlexNetTrunk.create(AlexNetWeights.load(Fixtures.require(Fixtures.SEED0)), AlexNet.LAYERS, ComputeDevice.CPU, 2, Precision.FLOAT32,
			reason -> {});
		RgbImage image = ImageDecoder.read(Fixtures.require(Fixtures.NATURAL224.resolve(IMAGE)));
		input = new float[AlexNet.INPUT.floats()];
		new Preprocessor(AlexNet.INPUT).write(image, AlexNet.INPUT.place(image.width(), image.height()), FloatBuffer.wrap(input));
		// 169 positions in runs of 5: the last run is short.
		result = OcclusionSensitivity.compute(trunk, AlexNet.INPUT, input, AlexNet.CONV5, 7, SIZE, STRIDE, 5);
	}

	@AfterAll
	static void close() {
		trunk.close();
	}

	@Test
	void eachPositionIsTheUnitsMaximumForThatOccludedInputRunAlone() {
		assertEquals(13, result.steps);
		int[][] positions = { { 0, 0 }, { 6, 6 }, { 7, 8 }, { 12, 12 }, { 3, 11 } };
		for (int[] p : positions) {
			float[] occluded = input.clone();
			int x0 = p[0] * STRIDE;
			int y0 = p[1] * STRIDE;
			for (int c = 0; c < 3; c++)
				for (int y = y0; y < y0 + SIZE; y++)
					for (int x = x0; x < x0 + SIZE; x++)
						occluded[(c * 224 + y) * 224 + x] = 0;
			float direct = trunk.forward(occluded, 1).get(AlexNet.CONV5).value(0, 7);
			assertEquals(direct, result.occluded(p[0], p[1]), 1e-5 * result.unoccluded, "square at " + x0 + "," + y0);
			assertEquals(result.unoccluded - direct, result.dropMap()[p[1] * 13 + p[0]], 1e-5 * result.unoccluded);
		}
	}

	@Test
	void matchesTorch() throws Exception {
		String csv;
		try (InputStream in = getClass().getResourceAsStream("/org/convnetexplorer/deconv/occlusion.csv")) {
			csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String[] lines = csv.split("\n");
		assertEquals("layer,unit,image,x0,y0,size,max_activation", lines[0]);
		assertEquals(6, lines.length);
		for (int i = 1; i < lines.length; i++) {
			String[] f = lines[i].split(",");
			assertEquals(List.of("conv5", "7", IMAGE, String.valueOf(SIZE)), List.of(f[0], f[1], f[2], f[5]));
			int x0 = Integer.parseInt(f[3]);
			int y0 = Integer.parseInt(f[4]);
			float torch = Float.parseFloat(f[6]);
			float ours = x0 < 0 ? result.unoccluded : result.occluded(x0 / STRIDE, y0 / STRIDE);
			assertEquals(torch, ours, 1e-4 * torch, lines[i]);
		}
	}

	@Test
	void cliWritesTheMapsAndTheOverlay() throws Exception {
		Path out = temp.resolve("occlusion");
		StringWriter messages = new StringWriter();
		int code = ConvNetExplorerCli.execute(new PrintWriter(messages, true), "occlusion", "--image",
			Fixtures.NATURAL224.resolve(IMAGE).toString(), "--weights", Fixtures.SEED0.toString(), "--layer", "conv5",
			"--unit", "7", "--size", "64", "--stride", "80", "--output", out.toString(), "--device", "cpu", "--threads",
			"2");
		assertEquals(0, code, messages.toString());
		ImagePlus maps = MontageFiles.read(out.resolve(OcclusionJob.MAPS_FILE));
		assertEquals(3, maps.getWidth());
		assertEquals(3, maps.getHeight());
		assertEquals(2, maps.getStackSize());
		assertEquals(ImagePlus.GRAY32, maps.getType());
		assertEquals(80, maps.getCalibration().pixelWidth);
		ImagePlus overlay = MontageFiles.read(out.resolve(OcclusionJob.OVERLAY_FILE));
		assertEquals(224, overlay.getWidth());
		assertTrue(messages.toString().contains("Done: conv5 unit 7"), messages.toString());
	}

	@Test
	void aSquareLargerThanTheInputIsABadArgument() {
		StringWriter messages = new StringWriter();
		assertEquals(2, ConvNetExplorerCli.execute(new PrintWriter(messages, true), "occlusion", "--image", "x.png",
			"--unit", "7", "--size", "300", "--output", temp.resolve("o").toString()));
		assertTrue(messages.toString().contains("size must be 1..224"), messages.toString());
	}
}
