package org.convnetexplorer.deconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.network.AlexNet;
import org.junit.jupiter.api.Test;

class ProjectionTest {

	@Test
	void cropKeepsTheFieldAndZeroesWhatLiesPastTheInput() {
		int size = AlexNet.INPUT.size();
		float[] all = new float[5 + AlexNet.INPUT.floats()];
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++)
					all[5 + (c * size + y) * size + x] = c * 100000 + y * 1000 + x + 1;
		// A 3×2 field hanging over the top-left corner by two columns and one row.
		float[] values = Projection.crop(all, 5, 224, new Box(-2, -1, 1, 1)).values();
		assertArrayEquals(new float[] {
			0, 0, 0, 0, 0, 1, //
			0, 0, 0, 0, 0, 100001, //
			0, 0, 0, 0, 0, 200001 }, values);
		float[] inside = Projection.crop(all, 5, 224, new Box(222, 223, 224, 224)).values();
		assertArrayEquals(new float[] { 223223, 223224, 100000 + 223223, 100000 + 223224, 200000 + 223223,
			200000 + 223224 }, inside);
	}

	@Test
	void rgbIsSymmetricAroundGreyScaledByTheLargestAbsoluteValue() {
		// One row of two pixels: red (-2, 1), green (0, 0.5), blue (2, -1); max |v| = 2.
		Projection projection = new Projection(new Box(0, 0, 2, 1), new float[] { -2, 1, 0, 0.5f, 2, -1 });
		assertEquals(2f, projection.maxAbs());
		RgbImage rgb = projection.toRgb();
		assertEquals(rgb(1, 128, 255), rgb.pixels()[0]);
		assertEquals(rgb(192, 160, 64), rgb.pixels()[1]);
	}

	@Test
	void anAllZeroProjectionIsGrey() {
		RgbImage rgb = new Projection(new Box(0, 0, 1, 1), new float[3]).toRgb();
		assertEquals(rgb(128, 128, 128), rgb.pixels()[0]);
	}

	private static int rgb(int r, int g, int b) {
		return r << 16 | g << 8 | b;
	}
}
