package org.convnetexplorer.intensity;

import java.util.Locale;

/**
 * One step of bioimage.io's preprocessing, applied in place to one image's values, channels first ({@code channels}
 * planes of equal size). Statistics are the image's own, per channel, or over all channels together where
 * {@code jointChannels} (bioimage.io's axes including the channel axis). The text form is what
 * {@link Normalization#parse} reads.
 */
public abstract class NormalizationStep {

	/** bioimage.io's default epsilon of scale_range and zero_mean_unit_variance. */
	public static final double DEFAULT_EPS = 1e-6;

	final boolean jointChannels;

	NormalizationStep(boolean jointChannels) {
		this.jointChannels = jointChannels;
	}

	/** Normalises {@code data} ({@code channels} planes) in place. */
	public final void apply(float[] data, int channels) {
		int plane = plane(data, channels);
		int groups = jointChannels ? 1 : channels;
		int size = jointChannels ? data.length : plane;
		for (int group = 0; group < groups; group++)
			applyTo(data, group * size, (group + 1) * size, jointChannels ? -1 : group);
	}

	/** Normalises {@code data[from, to)}, the values of one channel ({@code channel}) or of all (-1). */
	abstract void applyTo(float[] data, int from, int to, int channel);

	static int plane(float[] data, int channels) {
		if (channels < 1 || data.length % channels != 0 || data.length == 0)
			throw new IllegalArgumentException(data.length + " values are not " + channels + " channels of an image");
		return data.length / channels;
	}

	String joint() {
		return jointChannels ? ",joint" : "";
	}

	static String number(double value) {
		String text = String.format(Locale.ROOT, "%s", value);
		return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
	}

	/** (x − p_low) / (p_high − p_low + eps), the percentiles of the image's own values. */
	public static final class ScaleRange extends NormalizationStep {

		final double lowPercentile;
		final double highPercentile;
		final double eps;

		public ScaleRange(double lowPercentile, double highPercentile, double eps, boolean jointChannels) {
			super(jointChannels);
			if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100))
				throw new IllegalArgumentException("scale_range needs percentiles 0 <= low < high <= 100, not " +
					number(lowPercentile) + " and " + number(highPercentile));
			requireEps("scale_range", eps);
			this.lowPercentile = lowPercentile;
			this.highPercentile = highPercentile;
			this.eps = eps;
		}

		@Override
		void applyTo(float[] data, int from, int to, int channel) {
			double[] range = range(data, from, to);
			double divisor = range[1] - range[0] + eps;
			for (int i = from; i < to; i++)
				data[i] = (float) ((data[i] - range[0]) / divisor);
		}

		/** The raw values at the low and high percentile. */
		double[] range(float[] data, int from, int to) {
			Percentiles percentiles = new Percentiles(data, from, to);
			return new double[] { percentiles.at(lowPercentile), percentiles.at(highPercentile) };
		}

		@Override
		public String toString() {
			return "scale_range:" + number(lowPercentile) + "," + number(highPercentile) + "," + number(eps) + joint();
		}
	}

	/** (x − mean) / (std + eps), the image's own mean and (population) standard deviation. */
	public static final class ZeroMeanUnitVariance extends NormalizationStep {

		final double eps;

		public ZeroMeanUnitVariance(double eps, boolean jointChannels) {
			super(jointChannels);
			requireEps("zero_mean_unit_variance", eps);
			this.eps = eps;
		}

		@Override
		void applyTo(float[] data, int from, int to, int channel) {
			double sum = 0;
			for (int i = from; i < to; i++)
				sum += data[i];
			double mean = sum / (to - from);
			double squares = 0;
			for (int i = from; i < to; i++)
				squares += (data[i] - mean) * (data[i] - mean);
			double divisor = Math.sqrt(squares / (to - from)) + eps;
			for (int i = from; i < to; i++)
				data[i] = (float) ((data[i] - mean) / divisor);
		}

		@Override
		public String toString() {
			return "zero_mean_unit_variance:" + number(eps) + joint();
		}
	}

	/** x × gain + offset: one gain and offset for all channels, or one per channel. */
	public static final class ScaleLinear extends NormalizationStep {

		final double[] gain;
		final double[] offset;

		public ScaleLinear(double[] gain, double[] offset) {
			super(false);
			if (gain.length == 0 || offset.length == 0)
				throw new IllegalArgumentException("scale_linear needs a gain and an offset");
			for (double value : gain)
				requireFinite("scale_linear's gain", value);
			for (double value : offset)
				requireFinite("scale_linear's offset", value);
			this.gain = gain.clone();
			this.offset = offset.clone();
		}

		@Override
		void applyTo(float[] data, int from, int to, int channel) {
			double g = perChannel(gain, channel, "gains");
			double o = perChannel(offset, channel, "offsets");
			for (int i = from; i < to; i++)
				data[i] = (float) (data[i] * g + o);
		}

		@Override
		public String toString() {
			return "scale_linear:" + values(gain) + "," + values(offset);
		}
	}

	/** Values below {@code min} become min, above {@code max} max. */
	public static final class Clip extends NormalizationStep {

		final double min;
		final double max;

		public Clip(double min, double max) {
			super(false);
			if (!(min <= max)) throw new IllegalArgumentException("clip needs min <= max, not " + number(min) + " and " +
				number(max));
			this.min = min;
			this.max = max;
		}

		@Override
		void applyTo(float[] data, int from, int to, int channel) {
			for (int i = from; i < to; i++)
				data[i] = (float) Math.max(min, Math.min(max, data[i]));
		}

		@Override
		public String toString() {
			return "clip:" + number(min) + "," + number(max);
		}
	}

	static double perChannel(double[] values, int channel, String what) {
		if (values.length == 1) return values[0];
		if (channel >= values.length) throw new IllegalArgumentException("scale_linear has " + values.length + " " +
			what + ", not one for channel " + (channel + 1));
		return values[channel];
	}

	static String values(double[] values) {
		StringBuilder text = new StringBuilder();
		for (double value : values)
			text.append(text.length() == 0 ? "" : "/").append(number(value));
		return text.toString();
	}

	static void requireEps(String step, double eps) {
		if (!(eps > 0) || Double.isInfinite(eps)) throw new IllegalArgumentException(step + " needs a positive eps, not " +
			number(eps));
	}

	static void requireFinite(String what, double value) {
		if (!Double.isFinite(value)) throw new IllegalArgumentException(what + " must be a finite number, not " + value);
	}
}
