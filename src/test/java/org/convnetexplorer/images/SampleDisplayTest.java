package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.convnetexplorer.intensity.Normalization;
import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;

/**
 * A native-size scan's patches as ImageJ shows the same plane: each channel from its minimum to its maximum over the
 * image, converted to 8 bits as ImageJ's "8-bit" conversion with scaling does (within one level: ImageJ scales by
 * 256 / (max − min + 1) and clips), one channel gray, two as magenta and green.
 */
class SampleDisplayTest {

	private static final Path IMAGES = Paths.get("src/test/resources/org/convnetexplorer/native/images").toAbsolutePath();

	private static final SampleNormalization NONE = SampleNormalization.typeRange(new float[] { 0, 0 },
		new float[] { 1, 1 });

	/**
	 * ImageJ's view of one stack image (1-based) over its own minimum and maximum: its 8-bit conversion with scaling
	 * (even), and the linear map min → 0, max → 255 rounded, from ImageJ's samples and statistics (odd).
	 */
	private static int[][] imageJLevels(Path file, int stackImage) {
		ImagePlus image = IJ.openImage(file.toString());
		ImageProcessor plane = image.getStack().getProcessor(stackImage).duplicate();
		plane.resetMinAndMax();
		double min = plane.getMin();
		double max = plane.getMax();
		ImageProcessor bytes = plane.convertToByte(true);
		int[][] levels = new int[2][bytes.getPixelCount()];
		for (int i = 0; i < levels[0].length; i++) {
			levels[0][i] = bytes.get(i);
			levels[1][i] = (int) Math.round((plane.getf(i) - min) * 255 / (max - min));
		}
		return levels;
	}

	private static void assertWithinOneLevel(int[][] expected, int[] rgb, int shift, String what) {
		assertEquals(expected[0].length, rgb.length, what);
		for (int i = 0; i < rgb.length; i++) {
			int level = rgb[i] >> shift & 0xff;
			assertTrue(Math.abs(level - expected[0][i]) <= 1, what + " pixel " + i + ": " + level + ", ImageJ " +
				expected[0][i]);
			assertEquals(expected[1][i], level, what + " pixel " + i + " from ImageJ's samples and range");
		}
	}

	@Test
	void oneChannelIsGrayOverItsMinimumAndMaximum() throws UnreadableImageException {
		Path file = IMAGES.resolve("b150x122.tif");
		int[] rgb = SampleDisplay.toRgb(SampleImageReader.read(file, List.of(), 0), NONE).pixels();
		int[][] expected = imageJLevels(file, 1);
		for (int shift : new int[] { 16, 8, 0 })
			assertWithinOneLevel(expected, rgb, shift, "gray, shift " + shift);
	}

	@Test
	void twoChannelsAreMagentaAndGreen() throws UnreadableImageException {
		Path file = IMAGES.resolve("stack.tif");
		// plane 1 of a 2-channel hyperstack: ImageJ's stack images 3 (channel 0) and 4 (channel 1)
		int[] rgb = SampleDisplay.toRgb(SampleImageReader.read(file, List.of(0, 1), 1), NONE).pixels();
		int[][] first = imageJLevels(file, 3);
		assertWithinOneLevel(first, rgb, 16, "channel 0 in red");
		assertWithinOneLevel(first, rgb, 0, "channel 0 in blue");
		assertWithinOneLevel(imageJLevels(file, 4), rgb, 8, "channel 1 in green");
	}

	/**
	 * With --normalize scale_range:1,99.8 the patches show the image between numpy's percentiles 1 and 99.8 of its raw
	 * samples (scale-range-display.csv, make_native_fixtures.py), black and white, linear and clipped between.
	 */
	@Test
	void scaleRangeShowsItsPercentilesBlackAndWhite() throws Exception {
		SampleNormalization scaleRange = SampleNormalization.intensity(Normalization.parse("scale_range:1,99.8"));
		List<String> lines = Files.readAllLines(IMAGES.resolveSibling("scale-range-display.csv"));
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			double low = Double.parseDouble(f[1]);
			double high = Double.parseDouble(f[2]);
			Path file = IMAGES.resolve(f[0]);
			int[] rgb = SampleDisplay.toRgb(SampleImageReader.read(file, List.of(), 0), scaleRange).pixels();
			ImageProcessor samples = IJ.openImage(file.toString()).getProcessor();
			int black = 0;
			for (int i = 0; i < rgb.length; i++) {
				int expected = (int) Math.round(Math.max(0, Math.min(1, (samples.getf(i) - low) / (high - low))) * 255);
				assertTrue(Math.abs((rgb[i] & 0xff) - expected) <= 1, f[0] + " pixel " + i + ": " + (rgb[i] & 0xff) +
					", numpy's range " + expected);
				black += (rgb[i] & 0xff) == 0 ? 1 : 0;
			}
			assertTrue(black >= rgb.length / 100, f[0] + ": " + black + " black pixels, 1 % at least");
		}
	}
}
