package org.convnetexplorer.tiles;

/**
 * The input sides a model takes beyond what its layers compute at: at least {@code least}, in whole {@code step}s (a
 * bioimage.io package's size constraints, min + n·step, with its least size a whole number of steps). A native-size
 * scan keeps every image's and every tile's sides to it.
 */
public final class SideRule {

	/** Any side. */
	public static final SideRule ANY = new SideRule(1, 1);

	public final int least;
	public final int step;

	/** @throws IllegalArgumentException where the least side is not a whole number of steps */
	public SideRule(int least, int step) {
		if (least < 1 || step < 1 || least % step != 0) throw new IllegalArgumentException("sides of " + least + " + " +
			step + " k pixels: a least size of whole steps is taken");
		this.least = least;
		this.step = step;
	}

	/** The least common multiple of two positive numbers: where strides and steps of several kinds line up. */
	public static long leastCommonMultiple(long a, long b) {
		long x = a;
		long y = b;
		while (y != 0) {
			long t = x % y;
			x = y;
			y = t;
		}
		return a / x * b;
	}

	@Override
	public String toString() {
		return least + " + " + step + " k pixels";
	}
}
