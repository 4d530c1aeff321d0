package org.convnetexplorer.visualize;

/**
 * lucid's image parameterisation as fixed matrices: a real Fourier basis per axis, the 1/frequency scale of its 2-D
 * products, and the decorrelated colour space. An image channel is {@code B · (scale ⊙ P) · Bᵀ} for coefficients P:
 * two matrix products in the graph, whose gradients TF has (an inverse real FFT op has none in TF's C++ registry).
 * <p>
 * The basis per axis is the orthonormal real DFT basis: the constant, then cos and sin of each frequency m/S (cycles
 * per pixel) up to the Nyquist frequency, which has a cosine only. The product of two of them mixes the 2-D
 * frequencies (fy, fx) and (fy, −fx), which have the same magnitude, so scaling by 1/|f| is the scaling of lucid's
 * complex spectrum; they span the same images.
 */
final class SpectralBasis {

	/**
	 * lucid's colour correlation square root (from ImageNet's pixels, by SVD), columns scaled so the largest has norm 1:
	 * rgb = M · decorrelated.
	 */
	private static final double[][] COLOUR_CORRELATION = { { 0.26, 0.09, 0.02 }, { 0.27, 0.00, -0.05 },
		{ 0.27, -0.09, 0.03 } };

	private SpectralBasis() {}

	/** B[y][j]: basis function j at pixel y, row-major S×S. */
	static float[] basis(int size) {
		float[] b = new float[size * size];
		for (int y = 0; y < size; y++)
			for (int j = 0; j < size; j++) {
				int m = (j + 1) / 2;
				double angle = 2 * Math.PI * m * y / size;
				boolean constantOrNyquist = j == 0 || 2 * m == size;
				double norm = Math.sqrt((constantOrNyquist ? 1.0 : 2.0) / size);
				b[y * size + j] = (float) (norm * (j % 2 == 1 || j == 0 || 2 * m == size ? Math.cos(angle)
					: Math.sin(angle)));
			}
		return b;
	}

	/** The frequency (cycles per pixel) of basis function j. */
	static double frequency(int j, int size) {
		return ((j + 1) / 2) / (double) size;
	}

	/**
	 * scale[jy][jx] = 1 / max(|f|, 1/S), lucid's (decay power 1), halved so that a coefficient moves a pixel as much as
	 * one of lucid's: both bases are unitary (lucid multiplies by S after its inverse FFT's 1/S²), lucid divides the
	 * image by 4, and one coefficient here feeds two complex frequencies (each counted twice by the real part).
	 */
	static float[] scale(int size) {
		float[] scale = new float[size * size];
		for (int jy = 0; jy < size; jy++)
			for (int jx = 0; jx < size; jx++) {
				double f = Math.hypot(frequency(jy, size), frequency(jx, size));
				scale[jy * size + jx] = (float) (1 / Math.max(f, 1.0 / size) / 2);
			}
		return scale;
	}

	/** Mᵀ, row-major 3×3, with M's columns scaled so that the largest has norm 1 (lucid's). */
	static float[] colourTransposed() {
		double largest = 0;
		for (int column = 0; column < 3; column++) {
			double norm = 0;
			for (int row = 0; row < 3; row++)
				norm += COLOUR_CORRELATION[row][column] * COLOUR_CORRELATION[row][column];
			largest = Math.max(largest, Math.sqrt(norm));
		}
		float[] transposed = new float[9];
		for (int row = 0; row < 3; row++)
			for (int column = 0; column < 3; column++)
				transposed[column * 3 + row] = (float) (COLOUR_CORRELATION[row][column] / largest);
		return transposed;
	}
}
