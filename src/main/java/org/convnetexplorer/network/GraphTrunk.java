package org.convnetexplorer.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.weights.Sha256;
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
 * What every {@link Trunk} built as one TensorFlow graph shares: the NCHW input placeholder, each chosen layer's
 * per-unit spatial max and argmax reduced inside the graph (so a batch returns kilobytes, not its activations), the
 * fetch of those into {@link BatchMaxima}, and one image's full activation. A subclass's constructor adds its network
 * with {@link #tf()} from {@link #input()}, hands each chosen layer's NHWC activation to {@link #addLayer}, then calls
 * {@link #openSession}; everything a caller may fetch is built before the session, since adding ops later would make
 * TF optimise the graph again.
 */
public abstract class GraphTrunk implements Trunk {

	private final Graph graph = new Graph();
	private final Ops tf;
	private final Placeholder<TFloat32> input;
	/** What the network reads: {@link #input}, or what a {@link GraphHead} made of it. */
	private final Operand<TFloat32> networkInput;
	private final GraphHead head = HEAD.get();
	private final InputSpec spec;
	private final List<Layer> layers;
	private final ComputeDevice device;
	private final boolean usesAllCores;
	private final Map<Layer, Operand<TFloat32>> activations = new HashMap<>();
	private final Map<Layer, Operand<TFloat32>> maxima = new HashMap<>();
	private final Map<Layer, Operand<TInt32>> argmaxima = new HashMap<>();
	private Session session;

	/** How {@link #withHead} opens a trunk. */
	@FunctionalInterface
	public interface Opening<T> {
		T open() throws IOException;
	}

	/** The head that trunks opened on this thread by {@link #withHead} build in. */
	private static final ThreadLocal<GraphHead> HEAD = new ThreadLocal<>();

	/**
	 * @param device CPU or GPU (not AUTO: {@link ComputeDevice#open} chooses)
	 * @param threads TF intra-op threads (0 lets TF choose)
	 */
	protected GraphTrunk(InputSpec spec, List<Layer> layers, ComputeDevice device, int threads) {
		if (layers.isEmpty()) throw new IllegalArgumentException("no layer chosen");
		this.spec = spec;
		this.layers = List.copyOf(layers);
		this.device = device;
		usesAllCores = TensorFlowRuntime.usesAllCores(threads);
		tf = TensorFlowRuntime.onDevice(Ops.create(graph), device);
		input = tf.withName("images").placeholder(TFloat32.class,
			Placeholder.shape(Shape.of(-1, spec.channels(), spec.size(), spec.size())));
		networkInput = head == null ? input : head.networkInput(graph, tf, input);
	}

	/**
	 * Opens a trunk by {@code open} (e.g. {@link Network#openTrunk}) on this thread with {@code head} built into its
	 * graph: so every network's trunk takes a head without a parameter in each network's way of opening one.
	 */
	public static <T> T withHead(GraphHead head, Opening<T> open) throws IOException {
		HEAD.set(head);
		try {
			return open.open();
		}
		finally {
			HEAD.remove();
		}
	}

	/** Ops on the trunk's graph and device. */
	protected final Ops tf() {
		return tf;
	}

	/** The batch of normalized images, NCHW float32: what the network reads. */
	protected final Operand<TFloat32> input() {
		return networkInput;
	}

	/** Makes {@code layer} fetchable: its activation {@code nhwc} ([batch, height, width, units]) and its maxima. */
	protected final void addLayer(Layer layer, Operand<TFloat32> nhwc) {
		activations.put(layer, nhwc);
		// [B,H,W,C] -> [B,H*W,C]: max and argmax over the flattened positions give the row-major index.
		Operand<TFloat32> flat = tf.reshape(nhwc, tf.constant(new int[] { -1, layer.height() * layer.width(),
			layer.units() }));
		maxima.put(layer, tf.max(flat, tf.constant(1)));
		argmaxima.put(layer, tf.math.argMax(flat, tf.constant(1), TInt32.class));
	}

	/**
	 * Opens the session, once the graph is complete. A bfloat16 session is first compared with a float32 one on
	 * {@link PrecisionProbe}'s batch, and refused where it computes wrong values.
	 */
	protected final void openSession(int threads, Precision precision, boolean graphOptimizer) {
		for (Layer layer : layers)
			if (!maxima.containsKey(layer)) throw new IllegalStateException(layer + " was not built");
		if (head != null) head.build(graph, tf, networkInput, Map.copyOf(activations));
		session = TensorFlowRuntime.newSession(graph, threads, precision, graphOptimizer);
		if (head != null) head.opened(session);
		if (precision == Precision.BFLOAT16) probeBfloat16(threads, graphOptimizer);
	}

	private void probeBfloat16(int threads, boolean graphOptimizer) {
		float[] batch = PrecisionProbe.batch(spec.floats());
		try (Session exact = TensorFlowRuntime.newSession(graph, threads, Precision.FLOAT32, graphOptimizer)) {
			Map<Layer, BatchMaxima> reference = maxima(exact, batch, PrecisionProbe.IMAGES);
			for (int run = 0; run < PrecisionProbe.RUNS; run++) {
				Optional<String> reason = PrecisionProbe.disagreement(reference,
					maxima(session, batch, PrecisionProbe.IMAGES));
				if (reason.isPresent()) throw new IllegalStateException(reason.get());
			}
		}
	}

	@Override
	public final List<Layer> layers() {
		return layers;
	}

	@Override
	public final ComputeDevice device() {
		return device;
	}

	@Override
	public final boolean usesAllCores() {
		return usesAllCores;
	}

	/** Runs the first {@code count} images of {@code batch} (NCHW floats, {@code spec.floats()} each). */
	@Override
	public final Map<Layer, BatchMaxima> forward(float[] batch, int count) {
		return maxima(session, batch, count);
	}

	private Map<Layer, BatchMaxima> maxima(Session on, float[] batch, int count) {
		try (TFloat32 images = inputTensor(batch, count)) {
			Session.Runner runner = on.runner().feed(input, images);
			for (Layer layer : layers)
				runner.fetch(maxima.get(layer)).fetch(argmaxima.get(layer));
			Map<Layer, BatchMaxima> result = new LinkedHashMap<>();
			try (Result fetched = runner.run()) {
				for (int i = 0; i < layers.size(); i++) {
					Layer layer = layers.get(i);
					float[] values = new float[count * layer.units()];
					int[] positions = new int[count * layer.units()];
					((TFloat32) fetched.get(2 * i)).asRawTensor().data().asFloats().read(values);
					((TInt32) fetched.get(2 * i + 1)).asRawTensor().data().asInts().read(positions);
					result.put(layer, new BatchMaxima(layer, count, values, positions));
				}
			}
			return result;
		}
	}

	@Override
	public final float[] activation(float[] image, Layer layer) {
		Operand<TFloat32> activation = activations.get(layer);
		if (activation == null) throw new IllegalArgumentException(layer + " is not among this trunk's layers " + layers);
		try (TFloat32 images = inputTensor(image, 1);
			Result fetched = session.runner().feed(input, images).fetch(activation).run())
		{
			int hw = layer.height() * layer.width();
			int units = layer.units();
			float[] hwc = new float[hw * units];
			((TFloat32) fetched.get(0)).asRawTensor().data().asFloats().read(hwc);
			float[] chw = new float[hwc.length];
			for (int p = 0; p < hw; p++)
				for (int c = 0; c < units; c++)
					chw[c * hw + p] = hwc[p * units + c];
			return chw;
		}
	}

	@Override
	public void close() {
		if (session != null) session.close();
		graph.close();
	}

	/** A file the network came from, hashed for run.json; {@code what} ("weights", "model") names it where it fails. */
	protected static String sha256(Path file, String what) {
		try {
			return Sha256.hexOf(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the " + what + " " + file + " again: " + e.getMessage(), e);
		}
	}

	private TFloat32 inputTensor(float[] batch, int count) {
		TFloat32 tensor = TFloat32.tensorOf(Shape.of(count, spec.channels(), spec.size(), spec.size()));
		tensor.asRawTensor().data().asFloats().write(batch, 0, count * spec.floats());
		return tensor;
	}
}
