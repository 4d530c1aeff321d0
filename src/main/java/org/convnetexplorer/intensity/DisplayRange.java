package org.convnetexplorer.intensity;

import java.util.Arrays;

/**
 * The raw values one image is shown between, per channel: {@code low} black, {@code high} white, linear between. All
 * patches of an image are shown with its range, so that patches of one image compare; {@link Normalization#displayRange}
 * gives the range the network's normalisation implies.
 */
public final class DisplayRange {

	private final double[] low;
	private final double[] high;

	public DisplayRange(double[] low, double[] high) {
		if (low.length != high.length || low.length == 0)
			throw new IllegalArgumentException("a display range needs a low and a high value per channel");
		this.low = low.clone();
		this.high = high.clone();
	}

	public int channels() {
		return low.length;
	}

	public double low(int channel) {
		return low[channel];
	}

	public double high(int channel) {
		return high[channel];
	}

	/** A raw value of a channel as a display level 0..255 (below the range 0, above it 255). */
	public int level(int channel, double value) {
		double span = high[channel] - low[channel];
		double scaled = span > 0 ? (value - low[channel]) / span : value >= high[channel] ? 1 : 0;
		return (int) Math.round(Math.max(0, Math.min(1, scaled)) * 255);
	}

	@Override
	public String toString() {
		return "display " + Arrays.toString(low) + ".." + Arrays.toString(high);
	}
}
