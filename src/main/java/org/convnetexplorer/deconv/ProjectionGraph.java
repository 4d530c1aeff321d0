package org.convnetexplorer.deconv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.job.NetworkRecord;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A network's projections of selections into its input, as one TensorFlow graph built once: a run feeds a few
 * distinct images (forwarded once) and any number of selections of one layer — a unit at one position of the layer's
 * feature map in one of the images — and fetches that layer's projections. A subclass builds the forward pass and,
 * per layer, the way down ({@link #addProjection}); every layer's way is in the graph, and a run computes the one it
 * fetches. {@link #open} builds the one a scan's network needs.
 */
public abstract class ProjectionGraph implements AutoCloseable {

	final InputSpec input;
	final ProjectionMethod method;
	final Graph graph = new Graph();
	final Ops tf;
	final Placeholder<TFloat32> images;
	private final Placeholder<TInt32> sources;
	private final Placeholder<TInt32> units;
	private final Placeholder<TInt32> positions;
	private final Map<String, Operand<TFloat32>> projections = new HashMap<>();
	private final ComputeDevice device;
	private Session session;

	ProjectionGraph(InputSpec input, ProjectionMethod method, ComputeDevice device) {
		this.input = input;
		this.method = method;
		this.device = device;
		tf = TensorFlowRuntime.onDevice(Ops.create(graph), device);
		images = tf.withName("images").placeholder(TFloat32.class,
			Placeholder.shape(Shape.of(-1, input.channels(), input.size(), input.size())));
		sources = tf.withName("sources").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
		units = tf.withName("units").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
		positions = tf.withName("positions").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
	}

	/**
	 * The projections of {@code layers} of a scan's network: the built-in AlexNet's deconvnet ({@link DeconvNet}) or
	 * the one through an ONNX model's imported graph ({@link ModelDeconvNet}).
	 *
	 * @param record the scan's network, whose AlexNet weights are checked against the scan's
	 * @param network the network {@code record} opened
	 * @throws IOException where the weights are not the scan's, or a model node on the way down has no backward rule
	 */
	public static ProjectionGraph open(NetworkRecord record, Network network, List<Layer> layers,
		ProjectionMethod method, ComputeDevice device, int threads, NetworkListener listener) throws IOException
	{
		if (network instanceof OnnxNetwork) {
			OnnxNetwork model = (OnnxNetwork) network;
			if (model.input().channels() != 3) throw new IOException("projections are drawn in colour; " +
				model.name() + " takes " + model.input().channels() + "-channel images");
			return ModelDeconvNet.create(model, layers, method, device, threads, listener::gpuFallback);
		}
		AlexNetWeights weights = AlexNet.loadWeights(record.verifiedFile(), listener);
		return DeconvNet.create(weights, method, device, threads, listener::gpuFallback);
	}

	/** The network's input: what {@link #project} takes, and what projections cover. */
	public InputSpec input() {
		return input;
	}

	/** The device that computes: CPU or GPU, never AUTO. */
	public ComputeDevice device() {
		return device;
	}

	/** How the projections pass the ReLUs. */
	public ProjectionMethod method() {
		return method;
	}

	/** Per selection, the operand of its image (gathered from the batch's). */
	Operand<TFloat32> perSelection(Operand<TFloat32> perImage) {
		return tf.gather(perImage, sources, tf.constant(0));
	}

	/**
	 * A layer's activations (per image, NHWC) kept at each selection's unit and position and zeroed elsewhere:
	 * where the way down starts.
	 */
	Operand<TFloat32> selected(Operand<TFloat32> nhwc, Layer layer) {
		int side = layer.height() * layer.width();
		Operand<TFloat32> atPosition = tf.expandDims(
			tf.oneHot(positions, tf.constant(side), tf.constant(1f), tf.constant(0f)), tf.constant(2));
		Operand<TFloat32> ofUnit = tf.expandDims(
			tf.oneHot(units, tf.constant(layer.units()), tf.constant(1f), tf.constant(0f)), tf.constant(1));
		Operand<TFloat32> mask = tf.reshape(tf.math.mul(atPosition, ofUnit),
			tf.constant(new int[] { -1, layer.height(), layer.width(), layer.units() }));
		return tf.math.mul(perSelection(nhwc), mask);
	}

	/** @param nchw per selection, the layer's projection into the input */
	void addProjection(Layer layer, Operand<TFloat32> nchw) {
		projections.put(layer.name(), nchw);
	}

	/** Opens the session, once the graph is built. */
	void openSession(int threads) {
		session = TensorFlowRuntime.newSession(graph, threads, Precision.FLOAT32);
	}

	/**
	 * Projects selections of one layer into the input.
	 *
	 * @param batch {@code imageCount} normalized images, NCHW, {@code input.floats()} floats each
	 * @param sources per selection, its image's index in {@code batch}
	 * @param units per selection, the unit
	 * @param positions per selection, the row-major position in the layer's feature map (fy × width + fx)
	 * @return per selection, its projection cropped to the unit's receptive field
	 */
	public List<Projection> project(float[] batch, int imageCount, Layer layer, int[] sources, int[] units,
		int[] positions)
	{
		int count = sources.length;
		float[] all = projectWhole(batch, imageCount, layer, sources, units, positions);
		List<Projection> result = new ArrayList<>(count);
		for (int s = 0; s < count; s++)
			result.add(Projection.crop(all, s * input.floats(), input.size(),
				layer.field(units[s]).inputBox(positions[s] / layer.width(), positions[s] % layer.width())));
		return result;
	}

	/** As {@link #project}, each projection over the whole input: NCHW, {@code input.floats()} floats each. */
	float[] projectWhole(float[] batch, int imageCount, Layer layer, int[] sources, int[] units, int[] positions) {
		Operand<TFloat32> projection = projections.get(layer.name());
		if (projection == null) throw new IllegalArgumentException("no projections of " + layer.name() + " built");
		int count = sources.length;
		if (units.length != count || positions.length != count)
			throw new IllegalArgumentException("sources, units and positions differ in length");
		try (TFloat32 imageTensor = TFloat32.tensorOf(Shape.of(imageCount, input.channels(), input.size(), input.size()));
			TInt32 sourceTensor = TInt32.vectorOf(sources);
			TInt32 unitTensor = TInt32.vectorOf(units);
			TInt32 positionTensor = TInt32.vectorOf(positions))
		{
			imageTensor.asRawTensor().data().asFloats().write(batch, 0, imageCount * input.floats());
			try (Result fetched = session.runner()
				.feed(images, imageTensor)
				.feed(this.sources, sourceTensor)
				.feed(this.units, unitTensor)
				.feed(this.positions, positionTensor)
				.fetch(projection)
				.run())
			{
				float[] all = new float[count * input.floats()];
				((TFloat32) fetched.get(0)).asRawTensor().data().asFloats().read(all);
				return all;
			}
		}
	}

	@Override
	public void close() {
		if (session != null) session.close();
		graph.close();
	}
}
