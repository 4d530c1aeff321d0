package org.convnetexplorer.deconv;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.images.RgbImage;

/**
 * A deconvnet projection in the network's input space (normalized units, red, green and blue planes), cropped to the
 * receptive field of the unit it projects; zero where the field reaches past the input.
 */
public final class Projection {

	/** The receptive field in input pixels. */
	public final Box box;
	private final float[] chw;

	public Projection(Box box, float[] chw) {
		if (chw.length != 3 * box.width() * box.height())
			throw new IllegalArgumentException(chw.length + " values for a 3×" + box.width() + "×" + box.height() + " field");
		this.box = box;
		this.chw = chw;
	}

	/** Crops {@code box} out of a 3×size×size CHW projection that starts at {@code offset} in {@code all}. */
	static Projection crop(float[] all, int offset, int size, Box box) {
		int width = (int) box.width();
		int height = (int) box.height();
		float[] chw = new float[3 * width * height];
		int x0 = (int) Math.max(0, box.x0);
		int x1 = (int) Math.min(size, box.x1);
		for (int c = 0; c < 3; c++)
			for (int y = (int) Math.max(0, box.y0); y < Math.min(size, box.y1) && x0 < x1; y++)
				System.arraycopy(all, offset + (c * size + y) * size + x0, chw,
					(int) ((c * height + y - box.y0) * width + x0 - box.x0), x1 - x0);
		return new Projection(box, chw);
	}

	/** Red, green and blue planes, row-major (a copy). */
	public float[] values() {
		return chw.clone();
	}

	/** The largest absolute value over all three channels. */
	public float maxAbs() {
		float max = 0;
		for (float v : chw)
			max = Math.max(max, Math.abs(v));
		return max;
	}

	/**
	 * The projection as an RGB picture, stretched symmetrically around grey: each channel value v becomes
	 * 128 + 127 × v / max|v| (rounded, halves to even), max|v| over this projection's three channels, so zero is mid-grey and the sign of every
	 * channel shows. An all-zero projection is plain grey.
	 */
	public RgbImage toRgb() {
		int width = (int) box.width();
		int plane = width * (int) box.height();
		float max = maxAbs();
		float scale = max > 0 ? 127f / max : 0;
		int[] pixels = new int[plane];
		for (int i = 0; i < plane; i++) {
			int red = grey(chw[i], scale);
			int green = grey(chw[plane + i], scale);
			int blue = grey(chw[2 * plane + i], scale);
			pixels[i] = red << 16 | green << 8 | blue;
		}
		return new RgbImage(width, (int) box.height(), pixels);
	}

	/** Rounds halves to even, so v and −v land equally far from grey. */
	private static int grey(float value, float scale) {
		return 128 + (int) Math.rint(value * scale);
	}
}
