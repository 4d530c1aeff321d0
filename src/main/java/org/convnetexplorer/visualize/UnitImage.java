package org.convnetexplorer.visualize;

/** A unit's optimised image: RGB (or gray) in [0, 1], [S², channels] row-major, and its objective at the end. */
public final class UnitImage {

	public final int unit;
	public final int size;
	public final int channels;
	public final float[] pixels;
	/** The objective as optimised (before the layer's ReLU where it has one), on the image untransformed. */
	public final float objective;

	UnitImage(int unit, int size, int channels, float[] pixels, float objective) {
		this.unit = unit;
		this.size = size;
		this.channels = channels;
		this.pixels = pixels;
		this.objective = objective;
	}

	/** Packed 0xRRGGBB, rounded to 8 bits. */
	public int[] rgb() {
		int[] rgb = new int[size * size];
		for (int p = 0; p < rgb.length; p++) {
			int r = byteOf(pixels[p * channels]);
			int g = channels == 3 ? byteOf(pixels[p * channels + 1]) : r;
			int b = channels == 3 ? byteOf(pixels[p * channels + 2]) : r;
			rgb[p] = r << 16 | g << 8 | b;
		}
		return rgb;
	}

	private static int byteOf(float value) {
		return Math.round(Math.min(1f, Math.max(0f, value)) * 255);
	}
}
