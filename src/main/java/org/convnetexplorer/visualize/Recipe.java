package org.convnetexplorer.visualize;

/** How the images are optimised: what the user chooses (docs/feature-visualization.md explains each). */
public final class Recipe {

	public Method method = Method.LUCID;
	public Objective objective = Objective.CHANNEL;
	/** lucid's 512. */
	public int steps = 512;
	/** Seeds each unit's starting image and the sequence of random transforms. */
	public long seed;
	/**
	 * lucid's random jitter, scale and rotation at each step (lucid only); without them a unit's image is free to
	 * depend on exact pixel positions, as for a check of a linear filter.
	 */
	public boolean transforms = true;
	/** Units optimised together, one image each. */
	public int batch = 16;

	/** Adam's learning rate on the Fourier coefficients (lucid's 0.05); DeepVis's step is fixed. */
	public double learningRate = 0.05;
	/** lucid's standard deviation of the starting coefficients. */
	static final double LUCID_START_SD = 0.01;

	/**
	 * The recipe of the options every front end has, checked (the rest at their defaults).
	 *
	 * @throws IllegalArgumentException naming the option that is wrong
	 */
	public static Recipe of(int steps, long seed, String objective, String method, int batch) {
		Recipe recipe = new Recipe();
		recipe.steps = steps;
		recipe.seed = seed;
		recipe.objective = Objective.fromId(objective);
		recipe.method = Method.fromId(method);
		recipe.batch = batch;
		recipe.check();
		return recipe;
	}

	/** @throws IllegalArgumentException naming the setting that is wrong */
	public void check() {
		if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, not " + steps);
		if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, not " + batch);
		if (!(learningRate > 0) || Double.isInfinite(learningRate))
			throw new IllegalArgumentException("learning rate must be positive, not " + learningRate);
	}

	/** "lucid, channel objective, 512 steps, seed 0": for status lines and run.json. */
	@Override
	public String toString() {
		return method.id() + (method == Method.LUCID && !transforms ? " without transforms" : "") + ", " + objective.id() +
			" objective, " + steps + " steps, seed " + seed;
	}
}
