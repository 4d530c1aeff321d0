package org.convnetexplorer.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.BilinearResampler;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.RgbImage;
import org.junit.jupiter.api.Test;

class ImagePyramidTest {

	@Test
	void boxReductionAveragesBlocksAndPartialEdgeBlocks() {
		// 3×2 image halved: the right column is a partial block of two pixels.
		RgbImage image = new RgbImage(3, 2, new int[] { 0x000000, 0x0a141e, 0xff0000, 0x020406, 0x0c1620, 0x00ff00 });
		RgbImage half = BoxReduction.halve(image);
		assertEquals(2, half.width());
		assertEquals(1, half.height());
		// (0+10+2+12)/4 = 6, (0+20+4+22)/4 = 11.5 → 12, (0+30+6+32)/4 = 17; right block: (255+0)/2 = 127.5 → 128.
		assertArrayEquals(new int[] { 0x060c11, 0x808000 }, half.pixels());
		// 1×3 halved: the bottom row is a partial block of one pixel, kept as it is.
		RgbImage column = new RgbImage(1, 3, new int[] { 0x010203, 0x030507, 0xfe7f01 });
		assertArrayEquals(new int[] { 0x020405, 0xfe7f01 }, BoxReduction.halve(column).pixels());
	}

	@Test
	void largeFieldFromAHalvingLooksLikeTheFullResolutionResize() throws Exception {
		RgbImage image = ImageDecoder.read(Fixtures.EDGE_CASES.resolve("exif-rotated.jpg")); // a photo, 300x451 upright
		Box field = new Box(-40, 30, 260, 330); // 300 px, partly outside the image
		BilinearResampler resampler = new BilinearResampler();
		RgbImage viaPyramid = new ImagePyramid(image).patch(field, 64, resampler);
		RgbImage direct = resampler.resize(PatchCutter.cut(image, field), 64, 64);
		double sum = 0;
		for (int i = 0; i < direct.pixels().length; i++)
			for (int shift = 0; shift < 24; shift += 8)
				sum += Math.abs((direct.pixels()[i] >> shift & 0xff) - (viaPyramid.pixels()[i] >> shift & 0xff));
		double meanDifference = sum / (3.0 * direct.pixels().length);
		assertTrue(meanDifference < 3, "mean difference " + meanDifference + " grey levels");
		assertEquals(0, viaPyramid.pixels()[0], "outside the image is black");
	}
}
