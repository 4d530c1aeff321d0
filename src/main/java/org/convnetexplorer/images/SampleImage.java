package org.convnetexplorer.images;

/**
 * An image as the samples it stores, not as 8-bit display values: chosen channels of one plane, CHW floats (8- and
 * 16-bit samples as their integer values, 32-bit as they are), and the range of its sample type (255, 65535, or 1
 * for float) that the default normalisation divides by. What a native-size scan feeds the network.
 */
public final class SampleImage {

	private final int channels;
	private final int width;
	private final int height;
	private final float[] samples;
	private final float typeRange;

	/** @param samples CHW, {@code channels × height × width} floats; kept, not copied */
	public SampleImage(int channels, int width, int height, float[] samples, float typeRange) {
		if (channels < 1 || width < 1 || height < 1 || samples.length != (long) channels * width * height)
			throw new IllegalArgumentException(samples.length + " samples for " + channels + " channels of " + width +
				"x" + height);
		this.channels = channels;
		this.width = width;
		this.height = height;
		this.samples = samples;
		this.typeRange = typeRange;
	}

	public int channels() {
		return channels;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The backing array (not a copy), CHW: channel c, pixel (x, y) at {@code (c * height + y) * width + x}. */
	public float[] samples() {
		return samples;
	}

	/** The largest value of the sample type: 255 (8-bit), 65535 (16-bit) or 1 (32-bit float). */
	public float typeRange() {
		return typeRange;
	}
}
