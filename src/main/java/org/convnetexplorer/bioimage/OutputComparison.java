package org.convnetexplorer.bioimage;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A computed output against a package's expected test output, element by element as numpy's {@code allclose}:
 * |computed − expected| ≤ absolute + relative × |expected|. The refusal names the largest absolute difference, its
 * index and both values.
 */
final class OutputComparison {

	private final Path location;
	private final String name;
	private final NpyArray computed;
	private final NpyArray expected;

	OutputComparison(Path location, String name, NpyArray computed, NpyArray expected) {
		this.location = location;
		this.name = name;
		this.computed = computed;
		this.expected = expected;
	}

	/** The largest absolute difference, where every element is within the tolerance; else the refusal. */
	double require(double absolute, double relative) throws PackageException {
		if (!Arrays.equals(withoutOnes(computed.shape()), withoutOnes(expected.shape())))
			throw new PackageException(location, "its test output " + name + " has shape " +
				Arrays.toString(expected.shape()) + ", the model computes " + Arrays.toString(computed.shape()));
		float[] c = computed.values();
		float[] e = expected.values();
		int worst = -1;
		double largest = -1;
		boolean close = true;
		for (int i = 0; i < e.length; i++) {
			double difference = Math.abs((double) c[i] - e[i]);
			close &= difference <= absolute + relative * Math.abs(e[i]); // NaN: not close
			if (!(difference <= largest)) {
				largest = difference;
				worst = i;
			}
		}
		if (close) return Math.max(0, largest);
		throw new PackageException(location, String.format(Locale.ROOT, "its test output %s is not reproduced: max " +
			"abs difference %.6g at %s (computed %.6g, expected %.6g), beyond bioimage.io's tolerance (absolute %s + " +
			"relative %s)", name, largest, Arrays.toString(index(worst, expected.shape())), c[worst], e[worst],
			absolute, relative));
	}

	private static long[] withoutOnes(long[] shape) {
		return Arrays.stream(shape).filter(size -> size != 1).toArray();
	}

	private static long[] index(int flat, long[] shape) {
		long[] index = new long[shape.length];
		long rest = flat;
		for (int d = shape.length - 1; d >= 0; d--) {
			index[d] = rest % shape[d];
			rest /= shape[d];
		}
		return index;
	}
}
