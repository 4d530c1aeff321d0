package org.convnetexplorer.render;

import org.convnetexplorer.images.RgbImage;

/**
 * Halves an image: each output pixel is the rounded mean of a 2×2 block (a partial block at the right or bottom edge
 * averages what it has).
 */
final class BoxReduction {

	private BoxReduction() {}

	static RgbImage halve(RgbImage image) {
		int inWidth = image.width();
		int inHeight = image.height();
		int width = (inWidth + 1) / 2;
		int height = (inHeight + 1) / 2;
		int[] in = image.pixels();
		int[] out = new int[width * height];
		// A partial block reads its pixels twice: the mean, and its rounding, stay those of the pixels it has.
		for (int y = 0; y < height; y++) {
			int top = 2 * y * inWidth;
			int bottom = 2 * y + 1 < inHeight ? top + inWidth : top;
			for (int x = 0; x < width; x++) {
				int left = 2 * x;
				int right = Math.min(left + 1, inWidth - 1);
				int a = in[top + left];
				int b = in[top + right];
				int c = in[bottom + left];
				int d = in[bottom + right];
				// red and blue 32 bits apart in one long: one addition sums both
				long redBlue = redBlue(a) + redBlue(b) + redBlue(c) + redBlue(d) + (2L << 32 | 2);
				int green = (a & 0xff00) + (b & 0xff00) + (c & 0xff00) + (d & 0xff00) + (2 << 8);
				out[y * width + x] = (int) (redBlue >>> 34) << 16 | green >>> 10 << 8 | (int) (redBlue & 0xffffffffL) >>> 2;
			}
		}
		return new RgbImage(width, height, out);
	}

	private static long redBlue(int pixel) {
		return (long) (pixel & 0xff0000) << 16 | pixel & 0xff;
	}
}
