package org.convnetexplorer.intensity;

import java.util.Arrays;

/**
 * Percentiles as numpy's {@code percentile} computes them by default (method "linear", what bioimage.io's reference
 * implementation uses through xarray's {@code quantile}): of n sorted values, the one at the virtual index
 * q / 100 × (n − 1), interpolated linearly between its two neighbours.
 */
public final class Percentiles {

	private final float[] sorted;

	/** The values of {@code data[from, to)}, sorted once to ask for several percentiles. */
	public Percentiles(float[] data, int from, int to) {
		if (from >= to) throw new IllegalArgumentException("percentiles of no values");
		sorted = Arrays.copyOfRange(data, from, to);
		Arrays.sort(sorted);
	}

	/** The {@code percent} percentile (0..100), in double arithmetic. */
	public double at(double percent) {
		if (!(percent >= 0 && percent <= 100)) throw new IllegalArgumentException("a percentile is 0..100, not " + percent);
		double index = percent / 100 * (sorted.length - 1);
		int below = (int) Math.floor(index);
		if (below >= sorted.length - 1) return sorted[sorted.length - 1];
		double fraction = index - below;
		double low = sorted[below];
		double high = sorted[below + 1];
		// numpy's lerp: from the nearer end, so that the result stays within [low, high]
		return fraction < 0.5 ? low + (high - low) * fraction : high - (high - low) * (1 - fraction);
	}
}
