package org.convnetexplorer.images;

import java.nio.BufferOverflowException;
import java.nio.FloatBuffer;

/**
 * Turns a decoded image into a network's input ({@link InputSpec}) exactly as the PyTorch peer does
 * (torchvision's {@code Resize(S)}, {@code CenterCrop(S)}, for one channel {@code Grayscale()},
 * {@code ToTensor()}, {@code Normalize(mean, std)} on a PIL image):
 * <ol>
 * <li>resize by {@link Placement} with PIL's bilinear filter ({@link BilinearResampler}),
 * computing only the S×S center crop;</li>
 * <li>for a one-channel input, convert to gray as PIL's {@code convert("L")} does;</li>
 * <li>normalize each 8-bit sample v to (v / 255 − mean) / std per channel, in float arithmetic
 * as torch does; or, with the spec's {@link InputSpec#normalization}, the raw samples v by it, with the
 * statistics of this input;</li>
 * <li>write channels-first (CHW: all red, then all green, then all blue), row-major.</li>
 * </ol>
 * An image that is S×S already goes in unchanged. Keeps scratch arrays between calls: use one
 * per thread.
 */
public final class Preprocessor {

	private final InputSpec spec;
	/** The normalized value of every 8-bit sample, per channel. */
	private final float[][] normalized;
	private final BilinearResampler resampler = new BilinearResampler();
	private final int[] crop;
	private final float[] input;

	public Preprocessor(InputSpec spec) {
		if (spec.channels() != 1 && spec.channels() != 3)
			throw new IllegalArgumentException("images are prepared as 1 (gray) or 3 (RGB) channels, not " + spec.channels());
		this.spec = spec;
		normalized = new float[spec.channels()][256];
		for (int channel = 0; channel < spec.channels(); channel++)
			for (int v = 0; v < 256; v++)
				normalized[channel][v] = spec.normalization().isNone() ? (v / 255f - spec.mean(channel)) /
					spec.std(channel) : v;
		crop = new int[spec.size() * spec.size()];
		input = new float[spec.floats()];
	}

	public InputSpec spec() {
		return spec;
	}

	/**
	 * Writes the image's {@link InputSpec#floats} input floats at the buffer's position and
	 * advances it past them.
	 *
	 * @param placement {@code spec.place(image.width(), image.height())}, which the caller keeps to
	 *            map receptive fields back onto the image
	 * @throws BufferOverflowException if the buffer has fewer floats left than the input takes
	 *             (nothing is written then)
	 */
	public void write(RgbImage image, Placement placement, FloatBuffer destination) {
		if (destination.remaining() < input.length)
			throw new BufferOverflowException();
		resizeAndCrop(image, placement, crop);
		int plane = crop.length;
		if (spec.channels() == 3) {
			for (int i = 0; i < plane; i++) {
				int pixel = crop[i];
				input[i] = normalized[0][pixel >>> 16 & 0xff];
				input[plane + i] = normalized[1][pixel >>> 8 & 0xff];
				input[2 * plane + i] = normalized[2][pixel & 0xff];
			}
		}
		else {
			for (int i = 0; i < plane; i++)
				input[i] = normalized[0][gray(crop[i])];
		}
		spec.normalization().apply(input, spec.channels());
		destination.put(input);
	}

	/**
	 * The image the network sees, before normalization: S×S RGB, or for a one-channel input its
	 * gray levels on all three channels.
	 */
	public RgbImage inputImage(RgbImage image, Placement placement) {
		int[] pixels = new int[spec.size() * spec.size()];
		resizeAndCrop(image, placement, pixels);
		if (spec.channels() == 1)
			for (int i = 0; i < pixels.length; i++)
				pixels[i] = gray(pixels[i]) * 0x010101;
		return new RgbImage(spec.size(), spec.size(), pixels);
	}

	/** PIL's RGB to L: (299 R + 587 G + 114 B) / 1000, in its fixed-point arithmetic, rounded. */
	static int gray(int rgb) {
		return ((rgb >>> 16 & 0xff) * 19595 + (rgb >>> 8 & 0xff) * 38470 + (rgb & 0xff) * 7471 + 0x8000) >>> 16;
	}

	private void resizeAndCrop(RgbImage image, Placement placement, int[] out) {
		if (placement.originalWidth() != image.width() || placement.originalHeight() != image.height())
			throw new IllegalArgumentException("placement for " + placement.originalWidth() + "x" +
				placement.originalHeight() + ", image " + image.width() + "x" + image.height());
		if (placement.inputSize() != spec.size())
			throw new IllegalArgumentException("placement for a " + placement.inputSize() + "-pixel input, network input " +
				spec.size());
		resampler.resizeWindow(image, placement.resizedWidth(), placement.resizedHeight(), placement.cropX(),
			placement.cropY(), spec.size(), spec.size(), out);
	}
}
