package org.convnetexplorer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.Preprocessor;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.weights.AlexNetWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our TF graph against torchvision's own numbers for the seed0 weights. */
class ConvTrunkReferenceTest {

	private static AlexNetTrunk trunk;

	@BeforeAll
	static void buildNetwork() throws IOException {
		trunk = AlexNetTrunk.create(AlexNetWeights.load(Fixtures.require(Fixtures.SEED0)), AlexNet.LAYERS, ComputeDevice.CPU, 2, Precision.FLOAT32,
			reason -> {});
	}

	@AfterAll
	static void close() {
		trunk.close();
	}

	@Test
	void activationsOfAstronautMatchTorchvisionWithin1e4OfEachLayersMax() throws IOException {
		assertEquals("winograd", trunk.convolution());
		assertMatchesTorchvision(trunk);
	}

	@Test
	void directConvolutionsOnRequestMatchTorchvisionToo() throws IOException {
		System.setProperty(WinogradConvolution.PROPERTY, "direct");
		try (AlexNetTrunk direct = AlexNetTrunk.create(AlexNetWeights.load(Fixtures.SEED0), AlexNet.LAYERS,
			ComputeDevice.CPU, 2, Precision.FLOAT32, reason -> {}))
		{
			assertEquals("direct", direct.convolution());
			assertMatchesTorchvision(direct);
			System.setProperty(WinogradConvolution.PROPERTY, "fast");
			assertEquals("convnetexplorer.convolution must be auto or direct, not 'fast'",
				assertThrows(IllegalArgumentException.class, () -> AlexNetTrunk.create(AlexNetWeights.load(Fixtures.SEED0),
					AlexNet.LAYERS, ComputeDevice.CPU, 2, Precision.FLOAT32, reason -> {})).getMessage());
		}
		finally {
			System.clearProperty(WinogradConvolution.PROPERTY);
		}
	}

	private static void assertMatchesTorchvision(AlexNetTrunk network) throws IOException {
		float[] input = Fixtures.readF32(Fixtures.REFERENCE.resolve("activations/astronaut_000-input-chw3x224x224.f32"));
		for (Layer layer : AlexNet.LAYERS) {
			String name = String.format("astronaut_000-%s-chw%dx%dx%d.f32", layer.name(), layer.units(), layer.height(),
				layer.width());
			float[] expected = Fixtures.readF32(Fixtures.REFERENCE.resolve("activations/" + name));
			float[] actual = network.activation(input, layer);
			assertEquals(expected.length, actual.length, layer.name());
			float max = 0;
			for (float v : expected)
				max = Math.max(max, v);
			assertTrue(max > 0, layer.name() + " reference is all zero");
			float worst = 0;
			for (int i = 0; i < expected.length; i++)
				worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
			assertTrue(worst <= 1e-4 * max, layer.name() + ": max abs difference " + worst + " vs layer max " + max);
		}
	}

	/**
	 * bfloat16 is right wherever it opens: on a CPU whose bfloat16 kernels compute wrong values the probe refuses it
	 * (the only way this test passes without comparing), elsewhere each layer stays within 5 % of its max.
	 */
	@Test
	void bfloat16StaysWithinAFewPercentOfEachLayersMax() throws IOException {
		float[] input = Fixtures.readF32(Fixtures.REFERENCE.resolve("activations/astronaut_000-input-chw3x224x224.f32"));
		AlexNetTrunk fast;
		try {
			fast = AlexNetTrunk.create(AlexNetWeights.load(Fixtures.SEED0), AlexNet.LAYERS, ComputeDevice.CPU, 2,
				Precision.BFLOAT16, reason -> {});
		}
		catch (IllegalStateException refused) {
			assertTrue(refused.getMessage().startsWith("bfloat16 computes wrong values on this CPU"), refused.getMessage());
			return;
		}
		try (fast) {
			for (Layer layer : List.of(AlexNet.CONV1, AlexNet.CONV5)) {
				float[] exact = trunk.activation(input, layer);
				float[] approximate = fast.activation(input, layer);
				float max = 0;
				float worst = 0;
				for (int i = 0; i < exact.length; i++) {
					max = Math.max(max, exact[i]);
					worst = Math.max(worst, Math.abs(exact[i] - approximate[i]));
				}
				assertTrue(worst <= 0.05 * max, layer.name() + ": bfloat16 off by " + worst + " of " + max);
			}
		}
	}

	/** The probe's verdict on the maxima of its own batch: float32's pass, values as a broken CPU gave them fail. */
	@Test
	void theBfloat16ProbeRefusesMaximaOffByMoreThanRoundingAndNaN() {
		Map<Layer, BatchMaxima> exact = trunk.forward(PrecisionProbe.batch(AlexNet.INPUT.floats()), PrecisionProbe.IMAGES);
		assertTrue(PrecisionProbe.disagreement(exact, exact).isEmpty());
		for (float wrong : new float[] { 4.5e21f, Float.NaN }) {
			Map<Layer, BatchMaxima> broken = new java.util.LinkedHashMap<>();
			exact.forEach((layer, maxima) -> broken.put(layer, new BatchMaxima(layer, maxima.images,
				maxima.values.clone(), maxima.positions)));
			broken.get(AlexNet.CONV3).values[17] = wrong;
			String reason = PrecisionProbe.disagreement(exact, broken).orElseThrow();
			assertTrue(reason.startsWith("bfloat16 computes wrong values on this CPU (on a probe batch conv3's maxima " +
				"are off by "), reason);
			assertTrue(reason.endsWith("; scan with --precision float32"), reason);
		}
		Map<Layer, BatchMaxima> rounded = new java.util.LinkedHashMap<>();
		exact.forEach((layer, maxima) -> {
			float[] values = maxima.values.clone();
			for (int i = 0; i < values.length; i++)
				values[i] = Float.intBitsToFloat(Float.floatToIntBits(values[i]) & 0xffff0000); // bfloat16's truncation
			rounded.put(layer, new BatchMaxima(layer, maxima.images, values, maxima.positions));
		});
		assertTrue(PrecisionProbe.disagreement(exact, rounded).isEmpty(), "bfloat16's own rounding is accepted");
	}

	@Test
	void perUnitMaximaAndPositionsReproduceMaximaCsv() throws IOException {
		Map<String, String[]> reference = new HashMap<>();
		List<String> lines = Files.readAllLines(Fixtures.REFERENCE.resolve("maxima.csv"));
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			reference.put(f[0] + "," + f[1] + "," + f[2], f);
		}
		List<String> names = new ArrayList<>();
		try (var files = Files.list(Fixtures.NATURAL224)) {
			files.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
		}
		float[] batch = new float[names.size() * AlexNet.INPUT.floats()];
		FloatBuffer destination = FloatBuffer.wrap(batch);
		for (String name : names) {
			RgbImage image = ImageDecoder.read(Fixtures.NATURAL224.resolve(name));
			new Preprocessor(AlexNet.INPUT).write(image, AlexNet.INPUT.place(image.width(), image.height()), destination);
		}
		int checked = 0;
		int nearTies = 0;
		for (int start = 0; start < names.size(); start += 16) {
			int count = Math.min(16, names.size() - start);
			float[] chunk = java.util.Arrays.copyOfRange(batch, start * AlexNet.INPUT.floats(),
				(start + count) * AlexNet.INPUT.floats());
			Map<Layer, BatchMaxima> maxima = trunk.forward(chunk, count);
			for (Layer layer : AlexNet.LAYERS) {
				BatchMaxima m = maxima.get(layer);
				for (int i = 0; i < count; i++)
					for (int unit = 0; unit < layer.units(); unit++) {
						String[] f = reference.get(layer.name() + "," + unit + "," + names.get(start + i));
						float expected = Float.parseFloat(f[3]);
						float tolerance = 1e-4f * Math.max(1f, expected);
						assertEquals(expected, m.value(i, unit), tolerance, layer.name() + " unit " + unit + " " + f[2]);
						int expectedPosition = Integer.parseInt(f[4]) * layer.width() + Integer.parseInt(f[5]);
						if (m.position(i, unit) != expectedPosition) {
							// A genuine near-tie: another position holds (almost) the same maximum.
							float[] act = trunk.activation(java.util.Arrays.copyOfRange(chunk, i * AlexNet.INPUT.floats(),
								(i + 1) * AlexNet.INPUT.floats()), layer);
							int hw = layer.height() * layer.width();
							assertEquals(act[unit * hw + expectedPosition], act[unit * hw + m.position(i, unit)], tolerance,
								layer.name() + " unit " + unit + " " + f[2] + ": position differs without a tie");
							nearTies++;
						}
						checked++;
					}
			}
		}
		assertEquals(reference.size(), checked);
		assertTrue(nearTies < checked / 1000, nearTies + " near-ties of " + checked);
	}
}
