package org.convnetexplorer.visualize;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One geometric transform of the image as a bilinear resampling: each output pixel p reads the four pixels
 * {@code index[k·S² + p]} (k = 0..3) of the image, weighted by {@code weight[k·S² + p]}, plus {@code fill[p]} times
 * grey where it reads outside the image (lucid pads with grey before it jitters). The graph applies it by a gather and
 * a weighted sum, both of which TF can differentiate; the sampling positions are computed here, per step.
 */
final class Resampling {

	/** Grey, in [0, 1]: what lies outside the image. */
	static final float OUTSIDE = 0.5f;
	/** lucid's standard transforms: jitter 8 and 4 px, scale 1 ± 0.1 in steps of 0.02, rotation ±10°. */
	private static final int JITTER = 12;
	private static final double[] SCALES = { 0.9, 0.92, 0.94, 0.96, 0.98, 1.0, 1.02, 1.04, 1.06, 1.08, 1.1 };
	private static final int ROTATION = 10;

	final int[] index;
	final float[] weight;
	final float[] fill;

	private Resampling(int size) {
		int pixels = size * size;
		index = new int[4 * pixels];
		weight = new float[4 * pixels];
		fill = new float[pixels];
	}

	/** The identity: every pixel reads itself. */
	static Resampling identity(int size) {
		Resampling identity = new Resampling(size);
		int pixels = size * size;
		for (int p = 0; p < pixels; p++)
			identity.index[p] = p;
		Arrays.fill(identity.weight, 0, pixels, 1f);
		return identity;
	}

	/**
	 * A random transform as lucid's standard ones draw it: a shift by up to {@value #JITTER} px each way, a scale from
	 * {@link #SCALES} and a rotation by whole degrees up to {@value #ROTATION} (no rotation five times as likely as
	 * each other angle), about the centre.
	 */
	static Resampling random(int size, SplittableRandom random) {
		double shiftX = random.nextInt(-JITTER, JITTER + 1);
		double shiftY = random.nextInt(-JITTER, JITTER + 1);
		double scale = SCALES[random.nextInt(SCALES.length)];
		int angle = random.nextInt(2 * ROTATION + 1 + 5) - ROTATION;
		return affine(size, scale, Math.toRadians(angle > ROTATION ? 0 : angle), shiftX, shiftY);
	}

	/** Content scaled by {@code scale} and rotated by {@code radians} about the centre, then shifted. */
	static Resampling affine(int size, double scale, double radians, double shiftX, double shiftY) {
		Resampling r = new Resampling(size);
		int pixels = size * size;
		double centre = (size - 1) / 2.0;
		double cos = Math.cos(radians) / scale;
		double sin = Math.sin(radians) / scale;
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				// the inverse map: where in the image output pixel (x, y) comes from
				double u = x - centre - shiftX;
				double v = y - centre - shiftY;
				r.sample(y * size + x, pixels, size, cos * u + sin * v + centre, -sin * u + cos * v + centre);
			}
		return r;
	}

	private void sample(int p, int pixels, int size, double sx, double sy) {
		int x0 = (int) Math.floor(sx);
		int y0 = (int) Math.floor(sy);
		double fx = sx - x0;
		double fy = sy - y0;
		for (int k = 0; k < 4; k++) {
			int x = x0 + (k & 1);
			int y = y0 + (k >> 1);
			double w = ((k & 1) == 1 ? fx : 1 - fx) * ((k >> 1) == 1 ? fy : 1 - fy);
			if (x < 0 || y < 0 || x >= size || y >= size) {
				fill[p] += (float) w;
				continue;
			}
			index[k * pixels + p] = y * size + x;
			weight[k * pixels + p] = (float) w;
		}
	}
}
