package org.convnetexplorer.images;

import java.util.Arrays;

/**
 * Resizes RGB images the way PIL's {@code Image.resize(size, Image.BILINEAR)} does, which is what
 * torchvision and the PyTorch peer use, to the same 8-bit values (PIL 9, checked against it by
 * {@code src/test/python/make_resize_fixture.py}):
 * <ul>
 * <li>a separable triangle filter, pixel centres at +0.5; when shrinking, its support widens by
 * the shrink factor (antialiasing), when enlarging it is plain bilinear interpolation;</li>
 * <li>horizontal pass first, then vertical, each with PIL's 22-bit fixed-point weights and
 * rounding to 8 bits in between.</li>
 * </ul>
 * Keeps its scratch rows between calls: use one per thread.
 */
public final class BilinearResampler {

	// PIL's fixed point: 8-bit samples times weights that sum to about 1 << 22 stay within an int.
	private static final int PRECISION_BITS = 32 - 8 - 2;
	private static final int HALF = 1 << PRECISION_BITS - 1;

	// Scratch, grown as needed: the horizontal pass's output rows (packed RGB), and one row of the
	// vertical pass's sums (all red, then all green, then all blue).
	private int[] rows = new int[0];
	private int[] sums = new int[0];

	/** The whole image resized to {@code width}×{@code height}. */
	public RgbImage resize(RgbImage image, int width, int height) {
		if ((long) width * height > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("too large for an int array: " + width + "x" + height);
		int[] pixels = new int[width * height];
		resizeWindow(image, width, height, 0, 0, width, height, pixels);
		return new RgbImage(width, height, pixels);
	}

	/**
	 * The window at ({@code windowX}, {@code windowY}) of size {@code windowWidth}×{@code windowHeight}
	 * of the image resized to {@code width}×{@code height}, into {@code out} (packed RGB, row-major):
	 * the values of a full resize then crop, at the cost of the window only.
	 */
	void resizeWindow(RgbImage image, int width, int height, int windowX, int windowY, int windowWidth,
		int windowHeight, int[] out)
	{
		if (windowX < 0 || windowY < 0 || windowWidth < 1 || windowHeight < 1 || windowX + windowWidth > width ||
			windowY + windowHeight > height)
			throw new IllegalArgumentException("window " + windowWidth + "x" + windowHeight + " at " + windowX + "," +
				windowY + " outside " + width + "x" + height);
		AxisWeights columns = new AxisWeights(image.width(), width, windowX, windowWidth);
		AxisWeights lines = new AxisWeights(image.height(), height, windowY, windowHeight);
		int firstRow = lines.start[0];
		int rowCount = lines.start[windowHeight - 1] + lines.length[windowHeight - 1] - firstRow;
		if (rows.length < rowCount * windowWidth)
			rows = new int[rowCount * windowWidth];
		if (sums.length < 3 * windowWidth)
			sums = new int[3 * windowWidth];
		resizeRows(image, columns, firstRow, rowCount);
		resizeColumns(lines, firstRow, windowWidth, out);
	}

	/** Horizontal pass over the source rows the window needs, into {@link #rows}. */
	private void resizeRows(RgbImage image, AxisWeights columns, int firstRow, int rowCount) {
		int[] pixels = image.pixels();
		int outWidth = columns.start.length;
		for (int row = 0; row < rowCount; row++) {
			int source = (firstRow + row) * image.width();
			for (int x = 0; x < outWidth; x++) {
				int in = source + columns.start[x];
				int weight = x * columns.taps;
				int red = HALF;
				int green = HALF;
				int blue = HALF;
				for (int k = 0, n = columns.length[x]; k < n; k++) {
					int pixel = pixels[in + k];
					int w = columns.weights[weight + k];
					red += (pixel >>> 16 & 0xff) * w;
					green += (pixel >>> 8 & 0xff) * w;
					blue += (pixel & 0xff) * w;
				}
				rows[row * outWidth + x] = clip8(red) << 16 | clip8(green) << 8 | clip8(blue);
			}
		}
	}

	/**
	 * Vertical pass from {@link #rows} into the output window, a whole row of sums at a time (that
	 * reads the rows in order, which measured faster than a column at a time).
	 */
	private void resizeColumns(AxisWeights lines, int firstRow, int outWidth, int[] out) {
		int green = outWidth;
		int blue = 2 * outWidth;
		for (int y = 0; y < lines.start.length; y++) {
			Arrays.fill(sums, 0, 3 * outWidth, HALF);
			for (int k = 0, n = lines.length[y]; k < n; k++) {
				int w = lines.weights[y * lines.taps + k];
				int in = (lines.start[y] - firstRow + k) * outWidth;
				for (int x = 0; x < outWidth; x++) {
					int pixel = rows[in + x];
					sums[x] += (pixel >>> 16 & 0xff) * w;
					sums[green + x] += (pixel >>> 8 & 0xff) * w;
					sums[blue + x] += (pixel & 0xff) * w;
				}
			}
			for (int x = 0; x < outWidth; x++)
				out[y * outWidth + x] = clip8(sums[x]) << 16 | clip8(sums[green + x]) << 8 | clip8(sums[blue + x]);
		}
	}

	private static int clip8(int sum) {
		if (sum >= 1 << PRECISION_BITS + 8)
			return 255;
		return sum <= 0 ? 0 : sum >> PRECISION_BITS;
	}

	/**
	 * PIL's weights (precompute_coeffs, normalize_coeffs_8bpc) for output positions
	 * [first, first + count) of an axis resized from inSize to outSize, computed in the same
	 * double arithmetic so that they round to the same fixed-point values.
	 */
	private static final class AxisWeights {

		/** Room for the most weights an output position uses. */
		final int taps;
		/** Per output position: its first input position, and how many inputs it uses. */
		final int[] start;
		final int[] length;
		/** Per output position, {@code taps} fixed-point weights (unused ones 0). */
		final int[] weights;

		AxisWeights(int inSize, int outSize, int first, int count) {
			double scale = (double) inSize / outSize;
			double filterScale = Math.max(scale, 1.0);
			double support = filterScale; // the triangle's support is 1
			double inverseFilterScale = 1.0 / filterScale;
			taps = (int) Math.ceil(support) * 2 + 1;
			start = new int[count];
			length = new int[count];
			weights = new int[count * taps];
			double[] exact = new double[taps];
			for (int i = 0; i < count; i++) {
				double center = (first + i + 0.5) * scale;
				int min = Math.max(0, (int) (center - support + 0.5));
				int n = Math.min(inSize, (int) (center + support + 0.5)) - min;
				double sum = 0;
				for (int k = 0; k < n; k++) {
					exact[k] = triangle((k + min - center + 0.5) * inverseFilterScale);
					sum += exact[k];
				}
				for (int k = 0; k < n; k++) {
					double normalized = sum != 0 ? exact[k] / sum : exact[k];
					weights[i * taps + k] = (int) (0.5 + normalized * (1 << PRECISION_BITS));
				}
				start[i] = min;
				length[i] = n;
			}
		}

		private static double triangle(double x) {
			x = Math.abs(x);
			return x < 1 ? 1 - x : 0;
		}
	}
}
