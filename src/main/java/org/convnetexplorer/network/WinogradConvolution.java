package org.convnetexplorer.network;

import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.weights.ConvWeights;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A stride-1 convolution by Winograd's minimal filtering (Lavin and Gray 2016) as TF graph ops, for conv2..conv5 on
 * the CPU: the padded input is cut into overlapping tiles, every tile and kernel is transformed, the transformed tiles
 * are multiplied with the transformed kernels as one matrix product over the channels per tile position, and each
 * product is transformed back into a 4×4 output tile. On AlexNet's maps, padding of the last tiles included,
 * F(4×4, 3×3) (6×6 tiles) needs 2.6 times fewer multiplications than the direct 3×3 convolution and F(4×4, 5×5)
 * (8×8 tiles) 5.8 times fewer than the direct 5×5 one; direct convolution on a CPU already runs near the arithmetic
 * peak, so only fewer multiplications make AlexNet faster (measured in docs/performance.md).
 * <p>
 * The transforms are those of Cook–Toom interpolation at the points 0, ±1, ±2 (and ±1/2 for 8×8 tiles) and ∞, whose
 * coefficients are small; in float32 the result differs from the direct convolution by about 1e-5 of the layer's
 * largest value, as the Winograd kernels of cuDNN and oneDNN do.
 */
final class WinogradConvolution {

	/** Output tile side, for both kernel sizes. */
	private static final int OUTPUT_TILE = 4;
	private static final double[] POINTS_3X3 = { 0, 1, -1, 2, -2 };
	private static final double[] POINTS_5X5 = { 0, 1, -1, 2, -2, 0.5, -0.5 };

	/**
	 * Java system property: {@code direct} makes the built-in AlexNet run TF's own convolutions on the CPU too, the path
	 * other networks take (for benchmarks: scripts/bench-models); {@code auto}, or unset, lets it choose.
	 */
	public static final String PROPERTY = "convnetexplorer.convolution";

	private WinogradConvolution() {
	}

	/** Whether {@link #PROPERTY} allows this path. @throws IllegalArgumentException for a value other than auto or direct */
	static boolean allowed() {
		String value = System.getProperty(PROPERTY, "auto");
		if (!value.equals("auto") && !value.equals("direct"))
			throw new IllegalArgumentException(PROPERTY + " must be auto or direct, not '" + value + "'");
		return value.equals("auto");
	}

	/** Whether the layer's convolution can run this way: stride 1, a 3×3 or 5×5 kernel, padded to keep its size. */
	static boolean applies(AlexNetConv layer) {
		return AlexNetTrunk.usesSamePadding(layer) && (layer.kernelSize == 3 || layer.kernelSize == 5);
	}

	/**
	 * The layer's convolution of an NHWC batch of its input maps ({@code layer.mapSide()} square), without bias and ReLU;
	 * padded by (kernel − 1) / 2 on every side like torchvision, so the output has the input's size.
	 */
	static Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> x, AlexNetConv layer, ConvWeights weights) {
		if (!applies(layer)) throw new IllegalArgumentException(layer.layer().name() + " is not a stride-1 3×3 or 5×5 convolution");
		int size = layer.mapSide();
		int r = layer.kernelSize;
		int m = OUTPUT_TILE;
		double[] points = r == 3 ? POINTS_3X3 : POINTS_5X5;
		int tile = points.length + 1;
		int positions = tile * tile;
		int tiles = (size + m - 1) / m;
		int padded = tiles * m + r - 1;
		int in = layer.inputChannels;
		int out = layer.units;
		int pad = (r - 1) / 2;
		Operand<TFloat32> xPadded = tf.pad(x, tf.constant(new int[][] { { 0, 0 }, { pad, padded - size - pad },
			{ pad, padded - size - pad }, { 0, 0 } }), tf.constant(0f));

		// Input transform Bᵀ d B of every tile of every channel, as one convolution of each channel plane with a
		// tile×tile kernel per tile position, stride m: [B·C, T, T, 1] planes -> [B·C, T, T, positions].
		Operand<TFloat32> planes = tf.reshape(tf.linalg.transpose(xPadded, tf.constant(new int[] { 0, 3, 1, 2 })),
			tf.constant(new int[] { -1, padded, padded, 1 }));
		Operand<TFloat32> transformed = tf.nn.conv2d(planes,
			tf.constant(Shape.of(tile, tile, 1, positions), DataBuffers.of(inputTransformKernel(points), true, false)),
			List.of(1L, (long) m, (long) m, 1L), "VALID");
		// [B, C, T·T, positions] -> [positions, B·T·T, C]
		Operand<TFloat32> tilesByPosition = tf.reshape(
			tf.linalg.transpose(tf.reshape(transformed, tf.constant(new int[] { -1, in, tiles * tiles, positions })),
				tf.constant(new int[] { 3, 0, 2, 1 })),
			tf.constant(new int[] { positions, -1, in }));

		// [positions, B·T·T, K]
		Operand<TFloat32> products = batchMatMul(tf, tilesByPosition,
			tf.constant(Shape.of(positions, in, out), DataBuffers.of(transformedKernels(weights, layer, points), true,
				false)));

		// Output transform Aᵀ M A as one matrix product: [m·m, positions] × [positions, B·T·T·K]
		float[][] outputTransform = outputTransform(points, m);
		Operand<TFloat32> outputTiles = tf.linalg.matMul(tf.constant(kronecker(outputTransform, outputTransform)),
			tf.reshape(products, tf.constant(new int[] { positions, -1 })));
		// [m, m, B, T, T, K] -> [B, T, m, T, m, K] -> [B, T·m, T·m, K], cropped to size×size
		Operand<TFloat32> y = tf.reshape(
			tf.linalg.transpose(tf.reshape(outputTiles, tf.constant(new int[] { m, m, -1, tiles, tiles, out })),
				tf.constant(new int[] { 2, 3, 0, 4, 1, 5 })),
			tf.constant(new int[] { -1, tiles * m, tiles * m, out }));
		if (tiles * m == size) return y;
		return tf.slice(y, tf.constant(new int[] { 0, 0, 0, 0 }), tf.constant(new int[] { -1, size, size, out }));
	}

	/**
	 * Bᵀ (tile × tile): row j holds the coefficients (constant term first) of the product of (x − p) over all finite
	 * points p but the j-th; the last row (for ∞) those of the product over all of them.
	 */
	static double[][] inputTransform(double[] points) {
		int tile = points.length + 1;
		double[][] transform = new double[tile][];
		for (int j = 0; j < tile; j++) {
			double[] polynomial = { 1 };
			for (int l = 0; l < points.length; l++) {
				if (l == j) continue;
				double[] next = new double[polynomial.length + 1];
				for (int d = 0; d < polynomial.length; d++) {
					next[d + 1] += polynomial[d];
					next[d] -= points[l] * polynomial[d];
				}
				polynomial = next;
			}
			transform[j] = Arrays.copyOf(polynomial, tile);
		}
		return transform;
	}

	/** G (tile × r): the kernel polynomial at each finite point over that point's Lagrange denominator; ∞ takes g[r−1]. */
	static double[][] kernelTransform(double[] points, int r) {
		int tile = points.length + 1;
		double[][] transform = new double[tile][r];
		for (int j = 0; j < points.length; j++) {
			double denominator = 1;
			for (int l = 0; l < points.length; l++)
				if (l != j) denominator *= points[j] - points[l];
			for (int k = 0; k < r; k++)
				transform[j][k] = Math.pow(points[j], k) / denominator;
		}
		transform[tile - 1][r - 1] = 1;
		return transform;
	}

	/** Aᵀ (m × tile): output i sums the products weighted by point^i; the product at ∞ adds to the last output only. */
	static float[][] outputTransform(double[] points, int m) {
		int tile = points.length + 1;
		float[][] transform = new float[m][tile];
		for (int i = 0; i < m; i++)
			for (int j = 0; j < points.length; j++)
				transform[i][j] = (float) Math.pow(points[j], i);
		transform[m - 1][tile - 1] = 1;
		return transform;
	}

	/** The 2-D input transform as a conv2d kernel [tile, tile, 1, positions]: position (a, b) gets Bᵀ[a] ⊗ Bᵀ[b]. */
	private static float[] inputTransformKernel(double[] points) {
		double[][] b = inputTransform(points);
		int tile = b.length;
		float[] kernel = new float[tile * tile * tile * tile];
		for (int y = 0; y < tile; y++)
			for (int x = 0; x < tile; x++)
				for (int a = 0; a < tile; a++)
					for (int c = 0; c < tile; c++)
						kernel[(y * tile + x) * tile * tile + a * tile + c] = (float) (b[a][y] * b[c][x]);
		return kernel;
	}

	/** The kernels transformed once, G g Gᵀ per input and output channel (in double), as [positions, C, K]. */
	private static float[] transformedKernels(ConvWeights weights, AlexNetConv layer, double[] points) {
		int r = layer.kernelSize;
		int in = layer.inputChannels;
		int out = layer.units;
		double[][] g = kernelTransform(points, r);
		int tile = g.length;
		float[] oihw = weights.kernelOihw();
		float[] transformed = new float[tile * tile * in * out];
		double[] rows = new double[tile * r];
		for (int o = 0; o < out; o++)
			for (int i = 0; i < in; i++) {
				int kernel = (o * in + i) * r * r;
				for (int a = 0; a < tile; a++)
					for (int x = 0; x < r; x++) {
						double sum = 0;
						for (int y = 0; y < r; y++)
							sum += g[a][y] * oihw[kernel + y * r + x];
						rows[a * r + x] = sum;
					}
				for (int a = 0; a < tile; a++)
					for (int b = 0; b < tile; b++) {
						double sum = 0;
						for (int x = 0; x < r; x++)
							sum += rows[a * r + x] * g[b][x];
						transformed[((a * tile + b) * in + i) * out + o] = (float) sum;
					}
			}
		return transformed;
	}

	/** left ⊗ right, so that it transforms a row-major flattened tile by left along rows and right along columns. */
	private static float[][] kronecker(float[][] left, float[][] right) {
		int rows = right.length;
		int columns = right[0].length;
		float[][] product = new float[left.length * rows][left[0].length * columns];
		for (int a = 0; a < left.length; a++)
			for (int b = 0; b < rows; b++)
				for (int i = 0; i < left[0].length; i++)
					for (int j = 0; j < columns; j++)
						product[a * rows + b][i * columns + j] = left[a][i] * right[b][j];
		return product;
	}

	/**
	 * BatchMatMulV2, built by name: TF Java's wrapper ({@code tf.train.batchMatMul}) makes BatchMatMulV3, which TF's
	 * oneDNN rewrite leaves to the generic kernel (measured 1.4 times slower here).
	 */
	private static Operand<TFloat32> batchMatMul(Ops tf, Operand<TFloat32> x, Operand<TFloat32> y) {
		return tf.scope().opBuilder("BatchMatMulV2", "BatchMatMulV2").addInput(x.asOutput()).addInput(y.asOutput())
			.build().output(0);
	}
}
