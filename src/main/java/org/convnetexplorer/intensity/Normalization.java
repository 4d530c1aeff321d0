package org.convnetexplorer.intensity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.convnetexplorer.intensity.NormalizationStep.Clip;
import org.convnetexplorer.intensity.NormalizationStep.ScaleLinear;
import org.convnetexplorer.intensity.NormalizationStep.ScaleRange;
import org.convnetexplorer.intensity.NormalizationStep.ZeroMeanUnitVariance;

/**
 * An image's intensity normalisation: bioimage.io's preprocessing steps, applied in order to the image's raw values
 * (channels first), each with the image's own statistics. Written as steps separated by {@code ;}, each a name and
 * its numbers after a colon:
 * <ul>
 * <li>{@code scale_range:LOW,HIGH[,EPS]}: (x − p_LOW) / (p_HIGH − p_LOW + EPS) with the image's percentiles
 * ({@code scale_range} alone: CSBDeep's 1 and 99.8; EPS 1e-6);</li>
 * <li>{@code zero_mean_unit_variance[:EPS]}: (x − mean) / (std + EPS);</li>
 * <li>{@code scale_linear:GAIN,OFFSET}: x × GAIN + OFFSET (per channel: values separated by {@code /});</li>
 * <li>{@code clip:MIN,MAX}.</li>
 * </ul>
 * Statistics are per channel; {@code ,joint} after a step's numbers takes them over all channels together.
 */
public final class Normalization {

	/** No normalisation: the input's own mean and std apply instead. */
	public static final Normalization NONE = new Normalization(List.of());

	/** The percentiles {@code scale_range} takes when given none: CSBDeep's. */
	public static final double DEFAULT_LOW_PERCENTILE = 1;
	public static final double DEFAULT_HIGH_PERCENTILE = 99.8;

	private final List<NormalizationStep> steps;

	public Normalization(List<NormalizationStep> steps) {
		this.steps = List.copyOf(steps);
	}

	public List<NormalizationStep> steps() {
		return Collections.unmodifiableList(steps);
	}

	public boolean isNone() {
		return steps.isEmpty();
	}

	/** Normalises one image's values ({@code channels} planes, channels first) in place. */
	public void apply(float[] data, int channels) {
		for (NormalizationStep step : steps)
			step.apply(data, channels);
	}

	/**
	 * The raw values an image is shown between, per channel: where the first step is scale_range, its percentiles (the
	 * values the network sees as 0 and 1); else the channel's least and greatest value.
	 */
	public DisplayRange displayRange(float[] data, int channels) {
		int plane = NormalizationStep.plane(data, channels);
		double[] low = new double[channels];
		double[] high = new double[channels];
		NormalizationStep first = steps.isEmpty() ? null : steps.get(0);
		for (int c = 0; c < channels; c++) {
			int from = c * plane;
			int to = from + plane;
			if (first instanceof ScaleRange) {
				boolean joint = first.jointChannels;
				double[] range = ((ScaleRange) first).range(data, joint ? 0 : from, joint ? data.length : to);
				low[c] = range[0];
				high[c] = range[1];
				continue;
			}
			low[c] = Double.POSITIVE_INFINITY;
			high[c] = Double.NEGATIVE_INFINITY;
			for (int i = from; i < to; i++) {
				low[c] = Math.min(low[c], data[i]);
				high[c] = Math.max(high[c], data[i]);
			}
		}
		return new DisplayRange(low, high);
	}

	/**
	 * Reads the text form (above); null or blank is {@link #NONE}.
	 *
	 * @throws IllegalArgumentException naming the step and what is wrong with it
	 */
	public static Normalization parse(String text) {
		if (text == null || text.isBlank() || text.trim().equals("none")) return NONE;
		List<NormalizationStep> steps = new ArrayList<>();
		for (String step : text.split(";")) {
			if (step.isBlank()) continue;
			try {
				steps.add(step(step.trim()));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("normalize '" + step.trim() + "': " + e.getMessage() + " (expected " +
					"steps such as scale_range:1,99.8;clip:0,1, docs/models.md)");
			}
		}
		return new Normalization(steps);
	}

	private static NormalizationStep step(String text) {
		int colon = text.indexOf(':');
		String name = colon < 0 ? text : text.substring(0, colon).trim();
		List<String> arguments = new ArrayList<>(colon < 0 ? List.of() : List.of(text.substring(colon + 1).split(",", -1)));
		boolean joint = !arguments.isEmpty() && arguments.get(arguments.size() - 1).trim().equals("joint");
		if (joint) arguments.remove(arguments.size() - 1);
		double[][] numbers = new double[arguments.size()][];
		for (int i = 0; i < numbers.length; i++)
			numbers[i] = numbers(arguments.get(i));
		switch (name) {
			case "scale_range":
				counts(name, numbers, 0, 2, 3);
				return new ScaleRange(numbers.length == 0 ? DEFAULT_LOW_PERCENTILE : one(numbers[0]),
					numbers.length == 0 ? DEFAULT_HIGH_PERCENTILE : one(numbers[1]),
					numbers.length == 3 ? one(numbers[2]) : NormalizationStep.DEFAULT_EPS, joint);
			case "zero_mean_unit_variance":
				counts(name, numbers, 0, 1);
				return new ZeroMeanUnitVariance(numbers.length == 1 ? one(numbers[0]) : NormalizationStep.DEFAULT_EPS,
					joint);
			case "scale_linear":
				counts(name, numbers, 2);
				notJoint(name, joint);
				return new ScaleLinear(numbers[0], numbers[1]);
			case "clip":
				counts(name, numbers, 2);
				notJoint(name, joint);
				return new Clip(one(numbers[0]), one(numbers[1]));
			default:
				throw new IllegalArgumentException("unknown step '" + name +
					"' (scale_range, zero_mean_unit_variance, scale_linear or clip)");
		}
	}

	private static void counts(String name, double[][] numbers, int... allowed) {
		for (int count : allowed)
			if (numbers.length == count) return;
		StringBuilder expected = new StringBuilder();
		for (int count : allowed)
			expected.append(expected.length() == 0 ? "" : " or ").append(count);
		throw new IllegalArgumentException(name + " takes " + expected + " numbers, not " + numbers.length);
	}

	private static void notJoint(String name, boolean joint) {
		if (joint) throw new IllegalArgumentException(name + " has no statistics to take over all channels");
	}

	private static double one(double[] values) {
		if (values.length != 1) throw new IllegalArgumentException("one number, not " + values.length);
		return values[0];
	}

	private static double[] numbers(String text) {
		String[] parts = text.split("/", -1);
		double[] values = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				values[i] = Double.parseDouble(parts[i].trim());
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("'" + parts[i].trim() + "' is not a number");
			}
			NormalizationStep.requireFinite("'" + parts[i].trim() + "'", values[i]);
		}
		return values;
	}

	/** The text form {@link #parse} reads back: what run.json records. */
	@Override
	public String toString() {
		if (steps.isEmpty()) return "none";
		StringBuilder text = new StringBuilder();
		for (NormalizationStep step : steps)
			text.append(text.length() == 0 ? "" : ";").append(step);
		return text.toString();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Normalization && toString().equals(o.toString());
	}

	@Override
	public int hashCode() {
		return toString().hashCode();
	}
}
