package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.intensity.Normalization;
import org.junit.jupiter.api.Test;

/**
 * An RGB image shown for a 3-channel network against numpy's display of it (make_bioimage_packages.py): per channel
 * over its percentiles 1 and 99.8 for scale_range, over its least to greatest value for zero_mean_unit_variance.
 */
class ImageDisplayTest {

	private static RgbImage read(String name) throws IOException {
		return ImageDecoder.read(Fixtures.require(Fixtures.BIOIMAGE.resolve(name)));
	}

	/** Each channel of each pixel within one level of numpy's (it rounds halves to even). */
	private static void assertShownAs(String expectedFile, RgbImage shown) throws IOException {
		int[] expected = read(expectedFile).pixels();
		int[] actual = shown.pixels();
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++)
			for (int shift = 0; shift <= 16; shift += 8)
				assertEquals(expected[i] >>> shift & 0xff, actual[i] >>> shift & 0xff, 1, "pixel " + i + ", bits " + shift);
	}

	@Test
	void scaleRangeShowsEachChannelOverItsPercentiles() throws IOException {
		RgbImage shown = new ImageDisplay(Normalization.parse("scale_range:1,99.8;clip:0,1"), 3).shown(
			read("display-rgb.png"));
		assertShownAs("display-rgb-scale-range.png", shown);
	}

	@Test
	void otherStepsShowEachChannelFromLeastToGreatest() throws IOException {
		RgbImage shown = new ImageDisplay(Normalization.parse("zero_mean_unit_variance"), 3).shown(
			read("display-rgb.png"));
		assertShownAs("display-rgb-min-max.png", shown);
	}

	@Test
	void meanAndStdShowTheImageAsDecoded() throws IOException {
		RgbImage image = read("display-rgb.png");
		assertSame(image, ImageDisplay.AS_DECODED.shown(image));
	}
}
