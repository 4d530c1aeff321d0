package org.convnetexplorer.render;

import java.util.Arrays;

import org.convnetexplorer.images.RgbImage;

/**
 * Shrinks an image by a whole factor, each output pixel the rounded mean of an r×r block (a partial block at the
 * right or bottom edge averages what it has).
 */
final class BoxReduction {

	private BoxReduction() {}

	static RgbImage reduce(RgbImage image, int factor) {
		if (factor == 1) return image;
		int width = (image.width() + factor - 1) / factor;
		int height = (image.height() + factor - 1) / factor;
		int[] in = image.pixels();
		int[] out = new int[width * height];
		// Red and blue are summed in one long, 32 bits apart so neither carries into the other; green apart.
		long[] redBlue = new long[width];
		int[] green = new int[width];
		for (int outY = 0; outY < height; outY++) {
			Arrays.fill(redBlue, 0);
			Arrays.fill(green, 0);
			int y0 = outY * factor;
			int y1 = Math.min(image.height(), y0 + factor);
			for (int y = y0; y < y1; y++) {
				int row = y * image.width();
				for (int o = 0; o < width; o++) {
					int x1 = Math.min(image.width(), (o + 1) * factor);
					long rb = 0;
					int g = 0;
					for (int x = o * factor; x < x1; x++) {
						int p = in[row + x];
						rb += ((long) (p & 0xff0000) << 16) | (p & 0xff);
						g += p & 0xff00;
					}
					redBlue[o] += rb;
					green[o] += g >>> 8;
				}
			}
			for (int o = 0; o < width; o++) {
				int n = (Math.min(image.width(), (o + 1) * factor) - o * factor) * (y1 - y0);
				int half = n / 2;
				int red = (int) (((redBlue[o] >>> 32) + half) / n);
				int blue = (int) (((redBlue[o] & 0xffffffffL) + half) / n);
				out[outY * width + o] = red << 16 | (green[o] + half) / n << 8 | blue;
			}
		}
		return new RgbImage(width, height, out);
	}
}
