package org.convnetexplorer.images;

import org.convnetexplorer.intensity.DisplayRange;
import org.convnetexplorer.intensity.Normalization;

/**
 * How an image is shown where its patches are cut: as decoded where the network's input is normalised by mean and
 * std; where a {@link Normalization} replaces them, in the channels the network takes (gray for one), each stretched
 * over the image's own {@link Normalization#displayRange}, so that a patch shows what the network's 0..1 was.
 */
public final class ImageDisplay {

	/** Images as decoded. */
	public static final ImageDisplay AS_DECODED = new ImageDisplay(Normalization.NONE, 3);

	private final Normalization normalization;
	private final int channels;

	/** @param channels the network's input channels: 1 (gray) or 3 (RGB) */
	public ImageDisplay(Normalization normalization, int channels) {
		if (channels != 1 && channels != 3) throw new IllegalArgumentException("1 or 3 channels, not " + channels);
		this.normalization = normalization;
		this.channels = channels;
	}

	/** The display of a network's input: stretched where its normalisation replaces mean and std. */
	public static ImageDisplay of(InputSpec input) {
		return new ImageDisplay(input.normalization(), input.channels());
	}

	/** Images read by {@link ImageDecoder#read} and shown so: what a scan's patches are cut from. */
	public ImageSource source() {
		return normalization.isNone() ? ImageSource.DECODED : file -> shown(ImageDecoder.read(file));
	}

	/** The image as shown: the same object where it is shown as decoded. */
	public RgbImage shown(RgbImage image) {
		if (normalization.isNone()) return image;
		int[] pixels = image.pixels();
		int plane = pixels.length;
		float[] samples = new float[plane * channels];
		for (int i = 0; i < plane; i++) {
			if (channels == 1) samples[i] = Preprocessor.gray(pixels[i]);
			else {
				samples[i] = pixels[i] >>> 16 & 0xff;
				samples[plane + i] = pixels[i] >>> 8 & 0xff;
				samples[2 * plane + i] = pixels[i] & 0xff;
			}
		}
		DisplayRange range = normalization.displayRange(samples, channels);
		int[] shown = new int[plane];
		for (int i = 0; i < plane; i++)
			shown[i] = channels == 1 ? range.level(0, samples[i]) * 0x010101 : range.level(0, samples[i]) << 16 |
				range.level(1, samples[plane + i]) << 8 | range.level(2, samples[2 * plane + i]);
		return new RgbImage(image.width(), image.height(), shown);
	}

	@Override
	public String toString() {
		return normalization.isNone() ? "as decoded" : (channels == 1 ? "gray" : "RGB") + " over " + normalization;
	}
}
