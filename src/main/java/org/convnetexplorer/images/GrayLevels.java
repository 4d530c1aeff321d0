package org.convnetexplorer.images;

/**
 * Single-channel planes to packed RGB: 8-bit indices through a palette, and 16-bit and float
 * planes scaled linearly to 0..255 between their own minimum and maximum.
 */
final class GrayLevels {

	private GrayLevels() {
	}

	/** Gray value v → 0xvvvvvv. */
	static int[] grayPalette() {
		int[] palette = new int[256];
		for (int v = 0; v < 256; v++)
			palette[v] = v * 0x010101;
		return palette;
	}

	/** Gray value v → 255 − v on all channels, for TIFFs whose photometric interpretation is "white is zero". */
	static int[] invertedGrayPalette() {
		int[] palette = new int[256];
		for (int v = 0; v < 256; v++)
			palette[v] = (255 - v) * 0x010101;
		return palette;
	}

	/** A palette of 256 entries from colour table rows (shorter tables leave black at the end). */
	static int[] palette(byte[] reds, byte[] greens, byte[] blues, int size) {
		int[] palette = new int[256];
		for (int i = 0; i < Math.min(size, 256); i++)
			palette[i] = (reds[i] & 0xff) << 16 | (greens[i] & 0xff) << 8 | blues[i] & 0xff;
		return palette;
	}

	static int[] throughPalette(byte[] indices, int[] palette) {
		int[] rgb = new int[indices.length];
		for (int i = 0; i < indices.length; i++)
			rgb[i] = palette[indices[i] & 0xff];
		return rgb;
	}

	/** Unsigned 16-bit values scaled so that the minimum becomes 0 and the maximum 255, rounded (all 0 if constant). */
	static byte[] scaleToBytes(short[] plane) {
		int min = 0xffff;
		int max = 0;
		for (short value : plane) {
			min = Math.min(min, value & 0xffff);
			max = Math.max(max, value & 0xffff);
		}
		byte[] scaled = new byte[plane.length];
		int range = max - min;
		if (range > 0) {
			// (v - min) * 255 / range rounded half up, in integers: exact where floating point is not
			for (int i = 0; i < plane.length; i++)
				scaled[i] = (byte) ((510 * ((plane[i] & 0xffff) - min) + range) / (2 * range));
		}
		return scaled;
	}

	/**
	 * Float values scaled so that the minimum becomes 0 and the maximum 255 (all 0 if constant).
	 * NaN and infinite values take no part in the minimum and maximum and become 0.
	 */
	static byte[] scaleToBytes(float[] plane) {
		float min = Float.POSITIVE_INFINITY;
		float max = Float.NEGATIVE_INFINITY;
		for (float value : plane) {
			if (Float.isFinite(value)) {
				min = Math.min(min, value);
				max = Math.max(max, value);
			}
		}
		byte[] scaled = new byte[plane.length];
		if (max > min) {
			double range = (double) max - min;
			for (int i = 0; i < plane.length; i++) {
				if (Float.isFinite(plane[i]))
					scaled[i] = (byte) ((plane[i] - (double) min) * 255 / range + 0.5);
			}
		}
		return scaled;
	}
}
