package org.convnetexplorer.visualize;

import java.util.Map;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.network.GraphHead;
import org.convnetexplorer.network.Layer;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One objective per image of a batch of {@code batch} — image b's is unit {@code units[b]} of the layer — and its
 * gradient with respect to the image's parameters, built into the network's graph once ({@link GraphHead}). The
 * objective is the layer's activation as scanned; where the layer is a ReLU and the unit fires nowhere in an image
 * (for {@link Objective#NEURON}: not at the centre), that image's objective is taken before the ReLU instead, which
 * would otherwise pass no gradient (lucid redirects the ReLU's gradient for the same reason).
 */
final class ObjectiveHead implements GraphHead {

	private final ImageParameters parameters;
	private final Layer layer;
	private final Objective objective;
	private final int batch;
	private Operand<TInt32> units;
	private Operand<TFloat32> objectives;
	private Output<?> gradient;
	private Session session;

	ObjectiveHead(ImageParameters parameters, Layer layer, Objective objective, int batch) {
		this.parameters = parameters;
		this.layer = layer;
		this.objective = objective;
		this.batch = batch;
	}

	@Override
	public Operand<TFloat32> networkInput(Graph graph, Ops tf, Operand<TFloat32> images) {
		return parameters.build(tf, images);
	}

	@Override
	public void build(Graph graph, Ops tf, Operand<TFloat32> networkInput, Map<Layer, Operand<TFloat32>> activations) {
		Operand<TFloat32> activation = activations.get(layer);
		if (activation == null) throw new IllegalArgumentException("the trunk was not built for " + layer.name());
		units = tf.placeholderWithDefault(tf.fill(tf.constant(new int[] { batch }), tf.constant(0)), Shape.of(batch));
		Operand<TFloat32> chosen = tf.oneHot(units, tf.constant(layer.units()), tf.constant(1f), tf.constant(0f));
		Operand<TFloat32> value = ofChosen(tf, perUnit(tf, activation), chosen);
		Operand<TFloat32> before = beforeRelu(activation);
		if (before != activation) {
			// The ReLU passes no gradient where the unit is not firing: until it fires, the value before it is climbed.
			Operand<TFloat32> beforeValue = ofChosen(tf, perUnit(tf, before), chosen);
			Operand<TFloat32> largest = objective == Objective.NEURON ? beforeValue
				: ofChosen(tf, tf.max(before, tf.constant(new int[] { 1, 2 })), chosen);
			Operand<TFloat32> firing = tf.stopGradient(tf.dtypes.cast(tf.math.greater(largest, tf.constant(0f)),
				TFloat32.class));
			value = tf.math.add(tf.math.mul(firing, value), tf.math.mul(tf.math.sub(tf.constant(1f), firing),
				beforeValue));
		}
		objectives = value;
		Operand<TFloat32> total = tf.sum(objectives, tf.constant(0));
		gradient = graph.addGradients(total.asOutput(), new Output<?>[] { parameters.variable().asOutput() })[0];
	}

	/** [batch]: each image's value of its own unit. */
	private static Operand<TFloat32> ofChosen(Ops tf, Operand<TFloat32> perUnit, Operand<TFloat32> chosen) {
		return tf.sum(tf.math.mul(perUnit, chosen), tf.constant(1));
	}

	@SuppressWarnings("unchecked")
	private static Operand<TFloat32> beforeRelu(Operand<TFloat32> activation) {
		if (!(activation.op() instanceof GraphOperation) || !activation.op().type().equals("Relu")) return activation;
		return (Output<TFloat32>) ((GraphOperation) activation.op()).input(0);
	}

	/** [batch, units]: each unit's mean over the map, or its value at the map's centre. */
	private Operand<TFloat32> perUnit(Ops tf, Operand<TFloat32> nhwc) {
		if (objective == Objective.CHANNEL) return tf.math.mean(nhwc, tf.constant(new int[] { 1, 2 }));
		int[] centre = centre(layer);
		return tf.reshape(tf.slice(nhwc, tf.constant(new int[] { 0, centre[0], centre[1], 0 }),
			tf.constant(new int[] { -1, 1, 1, -1 })), tf.constant(new int[] { -1, layer.units() }));
	}

	/** The map position {@link Objective#NEURON} takes: row, column (the lower right of the middle four on even sides). */
	static int[] centre(Layer layer) {
		return new int[] { layer.height() / 2, layer.width() / 2 };
	}

	@Override
	public void opened(Session opened) {
		session = opened;
	}

	/** What one run gives: each image's objective, and the gradient of their sum with respect to the parameters. */
	static final class Step {
		final float[] objectives;
		final float[] gradient;

		Step(float[] objectives, float[] gradient) {
			this.objectives = objectives;
			this.gradient = gradient;
		}
	}

	/** Runs the batch: {@code values} for the parameters, unit {@code unitOf[b]} for image b, the image resampled. */
	Step step(float[] values, int[] unitOf, Resampling resampling) {
		try (TFloat32 variable = TFloat32.tensorOf(parameters.shape(), DataBuffers.of(values, true, false));
			TInt32 unitTensor = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(unitOf, true, false));
			ResamplingTensors transform = parameters.tensors(resampling))
		{
			Session.Runner runner = session.runner().feed(parameters.variable(), variable).feed(units, unitTensor);
			transform.feed(runner);
			try (Result result = runner.fetch(objectives).fetch(gradient).run()) {
				float[] objectiveValues = new float[batch];
				float[] gradients = new float[values.length];
				read(result.get(0), objectiveValues);
				read(result.get(1), gradients);
				return new Step(objectiveValues, gradients);
			}
		}
	}

	/** The images in [0, 1] that {@code values} parameterise, NHWC, as {@link ImageParameters#image} computes them. */
	float[] images(float[] values) {
		try (TFloat32 variable = TFloat32.tensorOf(parameters.shape(), DataBuffers.of(values, true, false));
			Result result = session.runner().feed(parameters.variable(), variable).fetch(parameters.image()).run())
		{
			float[] images = new float[(int) result.get(0).shape().size()];
			read(result.get(0), images);
			return images;
		}
	}

	private static void read(Tensor tensor, float[] into) {
		((TFloat32) tensor).asRawTensor().data().asFloats().read(into);
	}

	/** Transform tensors for one run; none where the parameterisation takes no transform. */
	interface ResamplingTensors extends AutoCloseable {
		void feed(Session.Runner runner);

		@Override
		void close();
	}
}
