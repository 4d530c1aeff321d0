package org.convnetexplorer.visualize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.job.TimeLeft;
import org.convnetexplorer.job.JobListener;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.GraphTrunk;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.network.Trunk;

/**
 * Feature visualisation by optimisation: for each chosen unit of a layer, the image that maximises its {@link
 * Objective}, found by gradient ascent. The network is built once with the image's parameterisation in front of it
 * and the objectives' gradient behind it ({@link ObjectiveHead}); each step feeds the values, the step's random
 * transform and the units, and fetches the objectives and the gradient. {@link Recipe#batch} units are optimised
 * together, one image each. A unit's image depends on the seed and the unit alone (not on the batch it is in).
 */
public final class FeatureVisualizer implements AutoCloseable {

	private static final NetworkListener SILENT = new NetworkListener() {
		@Override
		public void status(String message) {}

		@Override
		public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}
	};

	/** Seconds between progress lines within a batch. */
	private static final double PROGRESS_SECONDS = 5;

	private final Trunk trunk;
	private final ObjectiveHead head;
	private final ImageParameters parameters;
	private final Recipe recipe;
	private final Layer layer;
	private final InputSpec spec;

	private FeatureVisualizer(Trunk trunk, ObjectiveHead head, ImageParameters parameters, Recipe recipe, Layer layer,
		InputSpec spec)
	{
		this.trunk = trunk;
		this.head = head;
		this.parameters = parameters;
		this.recipe = recipe;
		this.layer = layer;
		this.spec = spec;
	}

	/** Builds the network up to {@code layer} with the recipe's parameterisation and objective, on {@code device}. */
	public static FeatureVisualizer open(Network network, Layer layer, Recipe recipe, ComputeDevice device, int threads,
		NetworkListener listener) throws IOException
	{
		recipe.check();
		ImageParameters parameters = new ImageParameters(recipe.method == Method.LUCID ? ImageParameters.Kind.FOURIER
			: ImageParameters.Kind.PIXELS, network.input(), recipe.batch);
		ObjectiveHead head = new ObjectiveHead(parameters, layer, recipe.objective, recipe.batch);
		Trunk trunk = GraphTrunk.withHead(head, () -> network.openTrunk(List.of(layer), device, threads,
			Precision.FLOAT32, listener));
		return new FeatureVisualizer(trunk, head, parameters, recipe, layer, network.input());
	}

	public ComputeDevice device() {
		return trunk.device();
	}

	/**
	 * An image per unit, {@link Recipe#batch} units at a time, in the order given. Where {@code listener} cancels, the
	 * batch in flight is dropped and the units done so far are returned.
	 */
	public List<UnitImage> visualize(List<Integer> units, JobListener listener) {
		for (int unit : units)
			if (unit < 0 || unit >= layer.units()) throw new IllegalArgumentException(layer.name() + " has units 0.." +
				(layer.units() - 1) + ", not " + unit);
		List<UnitImage> done = new ArrayList<>();
		long start = System.nanoTime();
		for (int first = 0; first < units.size() && !listener.cancelled(); first += recipe.batch) {
			List<Integer> batch = units.subList(first, Math.min(units.size(), first + recipe.batch));
			List<UnitImage> images = optimise(batch, listener, progress(start, first, units.size(), listener));
			if (images == null) break;
			done.addAll(images);
		}
		return done;
	}

	/** Tells the status every {@value #PROGRESS_SECONDS} s: units done, and the time left at the rate so far. */
	private StepProgress progress(long start, int unitsBefore, int total, NetworkListener listener) {
		double[] last = { System.nanoTime() };
		return (step, batchSize) -> {
			long now = System.nanoTime();
			if (step != recipe.steps && (now - last[0]) * 1e-9 < PROGRESS_SECONDS) return;
			last[0] = now;
			double doneUnits = unitsBefore + batchSize * step / (double) recipe.steps;
			double seconds = (now - start) * 1e-9;
			double left = seconds / doneUnits * (total - doneUnits);
			listener.status(String.format(Locale.ROOT, "%s: %d of %d units, %.1f units/min, %s left", layer.name(),
				Math.round(Math.floor(doneUnits)), total, 60 * doneUnits / seconds, TimeLeft.format(left)));
		};
	}

	private interface StepProgress {
		void stepped(int step, int batchSize);
	}

	/** One batch; null where cancelled. */
	private List<UnitImage> optimise(List<Integer> units, JobListener listener, StepProgress progress) {
		int[] unitOf = new int[recipe.batch];
		for (int b = 0; b < recipe.batch; b++)
			unitOf[b] = units.get(Math.min(b, units.size() - 1)); // the last unit fills a short batch
		float[] values = startingValues(unitOf);
		Adam adam = new Adam(recipe.learningRate, values.length);
		DeepVisRegularizer deepVis = new DeepVisRegularizer(spec.size(), spec.channels());
		SplittableRandom transforms = new SplittableRandom(recipe.seed);
		for (int step = 0; step < recipe.steps; step++) {
			if (listener.cancelled()) return null;
			Resampling resampling = recipe.method == Method.LUCID && recipe.transforms
				? Resampling.random(spec.size(), transforms) : null;
			float[] gradient = head.step(values, unitOf, resampling).gradient;
			if (recipe.method == Method.LUCID) adam.ascend(values, gradient);
			else deepVis.ascend(values, gradient, step);
			progress.stepped(step + 1, units.size());
		}
		float[] objectives = head.step(values, unitOf, null).objectives;
		float[] images = head.images(values);
		int perImage = spec.size() * spec.size() * spec.channels();
		List<UnitImage> result = new ArrayList<>();
		for (int b = 0; b < units.size(); b++) {
			float[] pixels = new float[perImage];
			System.arraycopy(images, b * perImage, pixels, 0, perImage);
			result.add(new UnitImage(unitOf[b], spec.size(), spec.channels(), pixels, objectives[b]));
		}
		return result;
	}

	/** Each image's start, from the seed and its unit: small random coefficients (lucid), or grey plus noise. */
	private float[] startingValues(int[] unitOf) {
		int perImage = parameters.floats() / recipe.batch;
		float[] values = new float[parameters.floats()];
		for (int b = 0; b < unitOf.length; b++) {
			Random random = new Random(recipe.seed * 1_000_003L + unitOf[b]);
			for (int i = b * perImage; i < (b + 1) * perImage; i++)
				values[i] = (float) ((recipe.method == Method.LUCID ? 0 : 0.5) + Recipe.LUCID_START_SD *
					random.nextGaussian());
		}
		return values;
	}

	/**
	 * The gradient of each image's objective (unit {@code units[b]} of image b) with respect to the network's
	 * normalised input, NCHW: for checks against other implementations.
	 */
	static float[] inputGradient(Network network, Layer layer, Objective objective, float[] images, int[] units)
		throws IOException
	{
		ImageParameters input = new ImageParameters(ImageParameters.Kind.NORMALISED_INPUT, network.input(),
			units.length);
		ObjectiveHead head = new ObjectiveHead(input, layer, objective, units.length);
		try (Trunk trunk = GraphTrunk.withHead(head, () -> network.openTrunk(List.of(layer), ComputeDevice.CPU, 0,
			Precision.FLOAT32, SILENT)))
		{
			return head.step(images, units, null).gradient;
		}
	}


	@Override
	public void close() {
		trunk.close();
	}
}
