package org.convnetexplorer.images;

import org.convnetexplorer.intensity.DisplayRange;
import org.convnetexplorer.intensity.Normalization;

/**
 * How a native-size scan turns an image's samples into the network's input, over the whole image before it is cut
 * into tiles (so that per-image statistics, such as percentiles, are the whole image's), and the range of samples its
 * patches show from black to white.
 */
public interface SampleNormalization {

	/** Replaces the image's samples by the network's input values, in place. */
	void normalize(SampleImage image);

	/**
	 * The samples shown black and white in the image's patches, {@code [low, high]} for the channel: by default the
	 * channel's own minimum and maximum over the image (finite values only; a constant channel shows black).
	 */
	default float[] displayRange(SampleImage image, int channel) {
		float low = Float.POSITIVE_INFINITY;
		float high = Float.NEGATIVE_INFINITY;
		float[] samples = image.samples();
		int plane = image.width() * image.height();
		for (int i = channel * plane; i < (channel + 1) * plane; i++) {
			float v = samples[i];
			if (!Float.isFinite(v)) continue;
			low = Math.min(low, v);
			high = Math.max(high, v);
		}
		return low > high ? new float[] { 0, 0 } : new float[] { low, high };
	}

	/** What a native-size scan does with an image for this input: its normalisation, else mean and std. */
	static SampleNormalization of(InputSpec input) {
		if (!input.normalization().isNone()) return intensity(input.normalization());
		float[] mean = new float[input.channels()];
		float[] std = new float[input.channels()];
		for (int c = 0; c < input.channels(); c++) {
			mean[c] = input.mean(c);
			std[c] = input.std(c);
		}
		return typeRange(mean, std);
	}

	/**
	 * bioimage.io's steps on the image's raw samples, each with the statistics of the whole image (its chosen channels
	 * of its plane); shown between the values it maps to 0 and 1 ({@link Normalization#displayRange}).
	 */
	static SampleNormalization intensity(Normalization normalization) {
		return new SampleNormalization() {
			@Override
			public void normalize(SampleImage image) {
				normalization.apply(image.samples(), image.channels());
			}

			@Override
			public float[] displayRange(SampleImage image, int channel) {
				DisplayRange range = normalization.displayRange(image.samples(), image.channels());
				return new float[] { (float) range.low(channel), (float) range.high(channel) };
			}
		};
	}

	/** Each sample v of channel c becomes (v / the type's range − mean[c]) / std[c], in float arithmetic. */
	static SampleNormalization typeRange(float[] mean, float[] std) {
		return image -> {
			float[] samples = image.samples();
			int plane = image.width() * image.height();
			float range = image.typeRange();
			for (int c = 0; c < image.channels(); c++)
				for (int i = c * plane; i < (c + 1) * plane; i++)
					samples[i] = (samples[i] / range - mean[c]) / std[c];
		};
	}
}
