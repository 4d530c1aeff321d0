package org.convnetexplorer.network;

import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The check a bfloat16 trunk passes before it scans. TF's bfloat16 rewrite runs the convolutions in oneDNN's bfloat16
 * kernels, chosen by what the CPU reports; on some CPUs that report avx512_bf16 (an AMD EPYC of the Zen 4 kind) they
 * computed garbage, different from run to run, which a scan would have ranked. So a probe batch runs in both
 * precisions, several times, and bfloat16 is refused where any layer's maxima stray from float32's by more than
 * bfloat16's rounding explains.
 */
final class PrecisionProbe {

	/** bfloat16 keeps 8 significant bits: its maxima stay well inside this share of the layer's largest maximum. */
	static final double TOLERANCE = 0.05;
	static final int IMAGES = 2;
	static final int RUNS = 3;

	private PrecisionProbe() {
	}

	/** The probe batch: fixed noise at the scale of normalized images, so every run of every JVM sees the same. */
	static float[] batch(int floatsPerImage) {
		SplittableRandom random = new SplittableRandom(20261207L);
		float[] batch = new float[IMAGES * floatsPerImage];
		for (int i = 0; i < batch.length; i++)
			batch[i] = (float) (random.nextDouble() * 4 - 2);
		return batch;
	}

	/**
	 * Why {@code approximate} cannot be trusted, compared with {@code exact} for the same batch; empty where every
	 * layer's maxima lie within {@link #TOLERANCE} of its largest exact maximum.
	 */
	static Optional<String> disagreement(Map<Layer, BatchMaxima> exact, Map<Layer, BatchMaxima> approximate) {
		for (Map.Entry<Layer, BatchMaxima> entry : exact.entrySet()) {
			float[] reference = entry.getValue().values;
			float[] values = approximate.get(entry.getKey()).values;
			double largest = 0;
			double worst = 0;
			for (int i = 0; i < reference.length; i++) {
				largest = Math.max(largest, Math.abs(reference[i]));
				double difference = Math.abs((double) reference[i] - values[i]);
				worst = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : Math.max(worst, difference);
			}
			if (worst > TOLERANCE * largest)
				return Optional.of(String.format(java.util.Locale.ROOT, "bfloat16 computes wrong values on this CPU " +
					"(on a probe batch %s's maxima are off by %.3g where float32's largest is %.3g); scan with " +
					"--precision float32", entry.getKey().name(), worst, largest));
		}
		return Optional.empty();
	}
}
