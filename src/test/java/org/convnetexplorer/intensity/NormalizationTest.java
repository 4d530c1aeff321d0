package org.convnetexplorer.intensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.bioimage.NpyArray;
import org.junit.jupiter.api.Test;

/**
 * Each normalisation on make_bioimage_packages.py's two-channel input (outliers included) against numpy's result in
 * float64: percentiles as numpy's default, per channel and over all channels; the text form and its refusals.
 */
class NormalizationTest {

	private static final int CHANNELS = 2;

	static NpyArray npy(String name) throws IOException {
		return NpyArray.read(Files.readAllBytes(Fixtures.BIOIMAGE.resolve(name)), name);
	}

	private static float[] normalised(String text) throws IOException {
		float[] data = npy("norm-input.npy").values().clone();
		Normalization.parse(text).apply(data, CHANNELS);
		return data;
	}

	private static void assertClose(float[] expected, float[] actual) {
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], 2e-6 * Math.max(1, Math.abs(expected[i])), "element " + i);
	}

	@Test
	void percentilesAreNumpysLinearInterpolation() throws IOException {
		float[] data = npy("norm-input.npy").values();
		float[] expected = npy("norm-percentiles.npy").values(); // [percentile, channel]
		double[] percents = { 0, 1, 3.3, 50, 99.8, 100 };
		int plane = data.length / CHANNELS;
		for (int c = 0; c < CHANNELS; c++) {
			Percentiles percentiles = new Percentiles(data, c * plane, (c + 1) * plane);
			for (int p = 0; p < percents.length; p++)
				assertEquals(expected[p * CHANNELS + c], percentiles.at(percents[p]),
					1e-6 * Math.abs(expected[p * CHANNELS + c]), "channel " + c + ", percentile " + percents[p]);
		}
	}

	@Test
	void scaleRangePerChannelIsNumpys() throws IOException {
		assertClose(npy("norm-scale-range.npy").values(), normalised("scale_range:1,99.8"));
		assertClose(npy("norm-scale-range.npy").values(), normalised("scale_range"));
	}

	@Test
	void zeroMeanUnitVariancePerChannelIsNumpys() throws IOException {
		assertClose(npy("norm-zero-mean-unit-variance.npy").values(), normalised("zero_mean_unit_variance"));
	}

	@Test
	void stepsComposeInOrderWithStatisticsOverAllChannels() throws IOException {
		assertClose(npy("norm-scale-range-joint-clip.npy").values(), normalised(" scale_range:2,98,0.001,joint ; clip:0,1"));
	}

	@Test
	void scaleLinearIsNumpys() throws IOException {
		assertClose(npy("norm-scale-linear.npy").values(), normalised("scale_linear:0.5,-3"));
	}

	@Test
	void displayRangeIsTheScaleRangesPercentilesPerChannel() throws IOException {
		float[] data = npy("norm-input.npy").values();
		float[] percentiles = npy("norm-percentiles.npy").values();
		DisplayRange range = Normalization.parse("scale_range:1,99.8;clip:0,1").displayRange(data, CHANNELS);
		for (int c = 0; c < CHANNELS; c++) {
			assertEquals(percentiles[CHANNELS + c], range.low(c), 1e-6 * Math.abs(percentiles[CHANNELS + c]));
			assertEquals(percentiles[4 * CHANNELS + c], range.high(c), 1e-6 * Math.abs(percentiles[4 * CHANNELS + c]));
		}
		assertEquals(0, range.level(0, range.low(0) - 1));
		assertEquals(255, range.level(1, range.high(1) + 1));
		assertEquals(128, range.level(0, (range.low(0) + range.high(0)) / 2));
	}

	@Test
	void textFormReadsBack() {
		String text = "scale_range:1,99.8,1.0E-6;zero_mean_unit_variance:0.001,joint;scale_linear:2/3,0.5/-1;clip:0,1";
		assertEquals(text, Normalization.parse(text).toString());
		assertEquals(Normalization.NONE, Normalization.parse(" "));
		assertEquals("none", Normalization.NONE.toString());
		assertArrayEquals(new float[] { 2.5f, 4.5f, -1, 2 },
			apply("scale_linear:2/3,0.5/-1", new float[] { 1, 2, 0, 1 }, 2));
	}

	private static float[] apply(String text, float[] data, int channels) {
		Normalization.parse(text).apply(data, channels);
		return data;
	}

	@Test
	void badStepsAreRefusedNamingThem() {
		assertEquals("normalize 'scale_range:99,1': scale_range needs percentiles 0 <= low < high <= 100, not 99 and 1 " +
			"(expected steps such as scale_range:1,99.8;clip:0,1, docs/models.md)", refusal("scale_range:99,1"));
		assertEquals("normalize 'sigmoid': unknown step 'sigmoid' (scale_range, zero_mean_unit_variance, scale_linear " +
			"or clip)", refusal("sigmoid").replaceAll(" \\(expected.*", ""));
		assertEquals("normalize 'clip:0': clip takes 2 numbers, not 1", refusal("clip:0").replaceAll(" \\(expected.*", ""));
		assertEquals("normalize 'scale_linear:a,1': 'a' is not a number",
			refusal("scale_linear:a,1").replaceAll(" \\(expected.*", ""));
		assertEquals("normalize 'clip:0,1,joint': clip has no statistics to take over all channels",
			refusal("clip:0,1,joint").replaceAll(" \\(expected.*", ""));
		assertEquals("normalize 'scale_range:1,99,NaN': 'NaN' must be a finite number, not NaN",
			refusal("scale_range:1,99,NaN").replaceAll(" \\(expected.*", ""));
	}

	private static String refusal(String text) {
		return assertThrows(IllegalArgumentException.class, () -> Normalization.parse(text)).getMessage();
	}
}
