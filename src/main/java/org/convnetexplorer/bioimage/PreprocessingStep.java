package org.convnetexplorer.bioimage;

import java.util.List;
import java.util.Map;

import org.convnetexplorer.intensity.NormalizationStep;
import org.convnetexplorer.intensity.NormalizationStep.Clip;
import org.convnetexplorer.intensity.NormalizationStep.ScaleLinear;
import org.convnetexplorer.intensity.NormalizationStep.ScaleRange;
import org.convnetexplorer.intensity.NormalizationStep.ZeroMeanUnitVariance;

/**
 * One preprocessing step of an rdf.yaml (0.4: {@code name}, 0.5: {@code id}, with its {@code kwargs}) as the
 * {@link NormalizationStep} that computes it, with bioimage.io's defaults (percentiles 0 and 100, eps 1e-6). Statistics
 * are the image's own: per channel where the step's axes are y and x, over all channels where they include the channel
 * axis (or, in 0.5, where no axes are given). A step needing dataset statistics, another tensor's, or of a kind not
 * computed here is refused (IllegalArgumentException naming why).
 */
final class PreprocessingStep {

	private final Yaml yaml;
	private final String name;
	private final Map<?, ?> kwargs;
	private final boolean v05;

	PreprocessingStep(Yaml yaml, String name, Map<?, ?> kwargs, boolean v05) {
		this.yaml = yaml;
		this.name = name;
		this.kwargs = kwargs;
		this.v05 = v05;
	}

	/** The step, or null for one that changes no value here (ensure_dtype: inputs are float32 already). */
	NormalizationStep toStep() throws PackageException {
		switch (name) {
			case "scale_range":
				perSample();
				if (kwargs.get("reference_tensor") != null)
					throw new IllegalArgumentException("statistics of another tensor are not computed here");
				return new ScaleRange(number("min_percentile", 0), number("max_percentile", 100),
					number("eps", NormalizationStep.DEFAULT_EPS), jointChannels());
			case "zero_mean_unit_variance":
				if ("fixed".equals(kwargs.get("mode"))) return fixedZeroMeanUnitVariance();
				perSample();
				return new ZeroMeanUnitVariance(number("eps", NormalizationStep.DEFAULT_EPS), jointChannels());
			case "fixed_zero_mean_unit_variance":
				return fixedZeroMeanUnitVariance();
			case "scale_linear":
				return new ScaleLinear(numbers("gain", 1), numbers("offset", 0));
			case "clip":
				return new Clip(number("min", Double.NEGATIVE_INFINITY), number("max", Double.POSITIVE_INFINITY));
			case "ensure_dtype":
				return null;
			default:
				throw new IllegalArgumentException("not computed here (scale_range, zero_mean_unit_variance, " +
					"fixed_zero_mean_unit_variance, scale_linear, clip and ensure_dtype are)");
		}
	}

	/** (x − mean) / (std + eps) with the package's mean and std, as x × gain + offset. */
	private NormalizationStep fixedZeroMeanUnitVariance() throws PackageException {
		double[] mean = numbers("mean", Double.NaN);
		double[] std = numbers("std", Double.NaN);
		double eps = number("eps", NormalizationStep.DEFAULT_EPS);
		if (mean.length != std.length && mean.length != 1 && std.length != 1)
			throw new IllegalArgumentException(mean.length + " means for " + std.length + " stds");
		int channels = Math.max(mean.length, std.length);
		double[] gain = new double[channels];
		double[] offset = new double[channels];
		for (int c = 0; c < channels; c++) {
			double divisor = std[std.length == 1 ? 0 : c] + eps;
			gain[c] = 1 / divisor;
			offset[c] = -mean[mean.length == 1 ? 0 : c] / divisor;
		}
		return new ScaleLinear(gain, offset);
	}

	private void perSample() {
		Object mode = kwargs.get("mode");
		if (mode != null && !mode.equals("per_sample")) throw new IllegalArgumentException("mode " + mode +
			": only per_sample statistics (each image's own) are computed here");
	}

	/** Whether the statistics are over all channels together: the axes include the channel axis. */
	private boolean jointChannels() throws PackageException {
		Object axes = kwargs.get("axes");
		if (axes == null) {
			if (v05) return true; // 0.5: no axes, statistics of the whole tensor
			throw new IllegalArgumentException("no axes given");
		}
		List<?> names = v05 ? yaml.list(axes, name + "'s axes") : List.of(yaml.string(axes, name + "'s axes").split(""));
		if (!names.contains("y") || !names.contains("x"))
			throw new IllegalArgumentException("statistics over axes " + axes + "; over y and x are computed here");
		return names.contains(v05 ? "channel" : "c");
	}

	private double number(String key, double otherwise) throws PackageException {
		Object value = kwargs.get(key);
		return value == null ? otherwise : yaml.number(value, name + "'s " + key);
	}

	private double[] numbers(String key, double otherwise) throws PackageException {
		Object value = kwargs.get(key);
		if (value == null && Double.isNaN(otherwise)) throw new IllegalArgumentException("no " + key + " given");
		return value == null ? new double[] { otherwise } : yaml.numbers(value, name + "'s " + key);
	}
}
