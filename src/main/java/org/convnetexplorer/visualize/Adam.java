package org.convnetexplorer.visualize;

/** Adam (Kingma and Ba 2015) climbing an objective, with TF's defaults as lucid uses them: β = 0.9, 0.999, ε = 1e-8. */
final class Adam {

	private static final double BETA1 = 0.9;
	private static final double BETA2 = 0.999;
	private static final double EPSILON = 1e-8;

	private final double rate;
	private final float[] first;
	private final float[] second;
	private int steps;

	Adam(double rate, int size) {
		this.rate = rate;
		first = new float[size];
		second = new float[size];
	}

	/** Moves {@code values} up {@code gradient}. */
	void ascend(float[] values, float[] gradient) {
		steps++;
		double correction1 = 1 - Math.pow(BETA1, steps);
		double correction2 = 1 - Math.pow(BETA2, steps);
		for (int i = 0; i < values.length; i++) {
			double g = gradient[i];
			first[i] = (float) (BETA1 * first[i] + (1 - BETA1) * g);
			second[i] = (float) (BETA2 * second[i] + (1 - BETA2) * g * g);
			values[i] += (float) (rate * (first[i] / correction1) / (Math.sqrt(second[i] / correction2) + EPSILON));
		}
	}
}
