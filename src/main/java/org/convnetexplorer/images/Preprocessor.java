package org.convnetexplorer.images;

import java.nio.BufferOverflowException;
import java.nio.FloatBuffer;

/**
 * Turns a decoded image into the network's input exactly as the PyTorch peer does
 * (torchvision's {@code Resize(224)}, {@code CenterCrop(224)}, {@code ToTensor()},
 * {@code Normalize(mean, std)} on a PIL image):
 * <ol>
 * <li>resize by {@link Placement} with PIL's bilinear filter ({@link BilinearResampler}),
 * computing only the 224×224 center crop;</li>
 * <li>normalize each 8-bit sample v to (v / 255 − mean) / std per channel, with mean
 * [0.485, 0.456, 0.406] and std [0.229, 0.224, 0.225], in float arithmetic as torch does;</li>
 * <li>write channels-first (CHW: all red, then all green, then all blue), row-major.</li>
 * </ol>
 * An image that is 224×224 already goes in unchanged. Keeps scratch arrays between calls: use one
 * per thread.
 */
public final class Preprocessor {

	/** Side of the network's square input. */
	public static final int SIZE = 224;

	/** Floats one image takes: 3 × 224 × 224. */
	public static final int INPUT_LENGTH = 3 * SIZE * SIZE;

	private static final float[] MEAN = { 0.485f, 0.456f, 0.406f };
	private static final float[] STD = { 0.229f, 0.224f, 0.225f };

	/** The normalized value of every 8-bit sample, per channel. */
	private static final float[][] NORMALIZED = new float[3][256];

	static {
		for (int channel = 0; channel < 3; channel++) {
			for (int v = 0; v < 256; v++)
				NORMALIZED[channel][v] = (v / 255f - MEAN[channel]) / STD[channel];
		}
	}

	private final BilinearResampler resampler = new BilinearResampler();
	private final int[] crop = new int[SIZE * SIZE];
	private final float[] input = new float[INPUT_LENGTH];

	/**
	 * Writes the image's {@value #INPUT_LENGTH} input floats at the buffer's position and advances
	 * it past them.
	 *
	 * @param placement {@code Placement.of(image.width(), image.height())}, which the caller keeps to
	 *            map receptive fields back onto the image
	 * @throws BufferOverflowException if the buffer has fewer than {@value #INPUT_LENGTH} floats
	 *             left (nothing is written then)
	 */
	public void write(RgbImage image, Placement placement, FloatBuffer destination) {
		if (destination.remaining() < INPUT_LENGTH)
			throw new BufferOverflowException();
		resizeAndCrop(image, placement, crop);
		int plane = SIZE * SIZE;
		for (int i = 0; i < plane; i++) {
			int pixel = crop[i];
			input[i] = NORMALIZED[0][pixel >>> 16 & 0xff];
			input[plane + i] = NORMALIZED[1][pixel >>> 8 & 0xff];
			input[2 * plane + i] = NORMALIZED[2][pixel & 0xff];
		}
		destination.put(input);
	}

	/** The 224×224 RGB image the network sees, before normalization. */
	public RgbImage inputImage(RgbImage image, Placement placement) {
		int[] pixels = new int[SIZE * SIZE];
		resizeAndCrop(image, placement, pixels);
		return new RgbImage(SIZE, SIZE, pixels);
	}

	private void resizeAndCrop(RgbImage image, Placement placement, int[] out) {
		if (placement.originalWidth() != image.width() || placement.originalHeight() != image.height())
			throw new IllegalArgumentException("placement for " + placement.originalWidth() + "x" +
				placement.originalHeight() + ", image " + image.width() + "x" + image.height());
		resampler.resizeWindow(image, placement.resizedWidth(), placement.resizedHeight(), placement.cropX(),
			placement.cropY(), SIZE, SIZE, out);
	}
}
