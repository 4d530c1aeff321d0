package org.convnetexplorer.visualize;

import java.util.Arrays;

/**
 * The Deep Visualization Toolbox's regularised gradient ascent (Yosinski et al. 2015) on pixels in [0, 1], grey
 * (0.5) standing for their zero, the mean image: a step along the gradient normalised per image, L2 decay towards
 * grey, a Gaussian blur every few steps, and the pixels of smallest norm set to grey.
 */
final class DeepVisRegularizer {

	/** Step length: the root mean square change of a pixel value per step. */
	static final double RATE = 0.02;
	static final double DECAY = 0.005;
	static final int BLUR_EVERY = 4;
	static final double BLUR_SIGMA = 0.5;
	/** Percentile of pixel norms (distance from grey over the channels) below which a pixel is set to grey. */
	static final int CLIP_PERCENTILE = 20;

	private final int size;
	private final int channels;
	private final float[] blurKernel = gaussian(BLUR_SIGMA);

	DeepVisRegularizer(int size, int channels) {
		this.size = size;
		this.channels = channels;
	}

	/** One step of {@code pixels} ([batch, S², channels]) up {@code gradient}, then the regularisers. */
	void ascend(float[] pixels, float[] gradient, int step) {
		int perImage = size * size * channels;
		for (int start = 0; start < pixels.length; start += perImage) {
			double squares = 0;
			for (int i = start; i < start + perImage; i++)
				squares += gradient[i] * (double) gradient[i];
			double norm = Math.sqrt(squares / perImage);
			for (int i = start; i < start + perImage; i++) {
				double moved = pixels[i] + (norm > 0 ? RATE * gradient[i] / norm : 0);
				pixels[i] = (float) (0.5 + (1 - DECAY) * (moved - 0.5));
			}
			if ((step + 1) % BLUR_EVERY == 0) blur(pixels, start);
			clipSmallNorms(pixels, start);
			for (int i = start; i < start + perImage; i++)
				pixels[i] = Math.min(1f, Math.max(0f, pixels[i]));
		}
	}

	private void clipSmallNorms(float[] pixels, int start) {
		int count = size * size;
		double[] norms = new double[count];
		for (int p = 0; p < count; p++) {
			double sum = 0;
			for (int c = 0; c < channels; c++) {
				double d = pixels[start + p * channels + c] - 0.5;
				sum += d * d;
			}
			norms[p] = sum;
		}
		double[] sorted = norms.clone();
		Arrays.sort(sorted);
		double threshold = sorted[count * CLIP_PERCENTILE / 100];
		for (int p = 0; p < count; p++)
			if (norms[p] < threshold) Arrays.fill(pixels, start + p * channels, start + (p + 1) * channels, 0.5f);
	}

	/** A separable Gaussian blur of one image, edges repeated. */
	private void blur(float[] pixels, int start) {
		int radius = blurKernel.length / 2;
		float[] copy = Arrays.copyOfRange(pixels, start, start + size * size * channels);
		for (int pass = 0; pass < 2; pass++) {
			float[] from = pass == 0 ? copy : Arrays.copyOfRange(pixels, start, start + copy.length);
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++)
					for (int c = 0; c < channels; c++) {
						double sum = 0;
						for (int k = -radius; k <= radius; k++) {
							int xx = pass == 0 ? Math.min(size - 1, Math.max(0, x + k)) : x;
							int yy = pass == 1 ? Math.min(size - 1, Math.max(0, y + k)) : y;
							sum += blurKernel[k + radius] * from[(yy * size + xx) * channels + c];
						}
						pixels[start + (y * size + x) * channels + c] = (float) sum;
					}
		}
	}

	private static float[] gaussian(double sigma) {
		int radius = Math.max(1, (int) Math.ceil(3 * sigma));
		float[] kernel = new float[2 * radius + 1];
		double sum = 0;
		for (int k = -radius; k <= radius; k++)
			sum += Math.exp(-k * k / (2 * sigma * sigma));
		for (int k = -radius; k <= radius; k++)
			kernel[k + radius] = (float) (Math.exp(-k * k / (2 * sigma * sigma)) / sum);
		return kernel;
	}
}
