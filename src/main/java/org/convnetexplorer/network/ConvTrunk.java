package org.convnetexplorer.network;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.ConvWeights;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * AlexNet conv1..conv5 as one TensorFlow graph, built once. Each layer's per-unit spatial max and argmax are computed
 * inside the graph, so a batch returns kilobytes instead of its full activations; adding ops later would force TF to
 * re-optimise the graph, so everything a caller may fetch is built here.
 * <p>
 * conv2..conv5 run as {@link WinogradConvolution}s on the CPU in float32 (a fifth less time per image here).
 * <p>
 * Input: a batch of normalized images, NCHW float32, 3×224×224 each (the layout PyTorch uses, so the same buffers and
 * fixtures serve both); the graph transposes to NHWC, the layout TF's CPU kernels implement.
 */
public final class ConvTrunk implements AutoCloseable {

	public static final int INPUT_SIZE = 224;
	public static final int INPUT_FLOATS = 3 * INPUT_SIZE * INPUT_SIZE;

	private static final FutureTask<String> NATIVES = new FutureTask<>(TensorFlow::version);
	private static final AtomicBoolean NATIVES_STARTED = new AtomicBoolean();

	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> input;
	private final Map<AlexNetLayer, Operand<TFloat32>> activations = new EnumMap<>(AlexNetLayer.class);
	private final Map<AlexNetLayer, Operand<TFloat32>> maxima = new EnumMap<>(AlexNetLayer.class);
	private final Map<AlexNetLayer, Operand<TInt32>> argmaxima = new EnumMap<>(AlexNetLayer.class);
	private final ComputeDevice device;
	private final boolean winograd;
	private final boolean usesAllCores;

	private ConvTrunk(AlexNetWeights weights, ComputeDevice device, int threads, Precision precision) {
		this.device = device;
		usesAllCores = threads <= 0 || threads >= Runtime.getRuntime().availableProcessors();
		// Winograd pays where the arithmetic limits (a CPU in float32); a GPU's cuDNN picks its own algorithms, and in
		// bfloat16 the transforms would lose too many digits.
		winograd = device == ComputeDevice.CPU && precision == Precision.FLOAT32;
		graph = new Graph();
		try {
			Ops tf = onDevice(Ops.create(graph), device);
			input = tf.withName("images").placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, 3, INPUT_SIZE, INPUT_SIZE)));
			Operand<TFloat32> x = tf.linalg.transpose(input, tf.constant(new int[] { 0, 2, 3, 1 }));
			for (AlexNetLayer layer : AlexNetLayer.values()) {
				ConvWeights layerWeights = weights.layer(layer.id());
				x = winograd && WinogradConvolution.applies(layer)
					? biasAndRelu(tf, WinogradConvolution.convolve(tf, x, layer, layerWeights), layerWeights)
					: convolution(tf, x, layer, kernel(tf, layer, layerWeights), layerWeights);
				activations.put(layer, x);
				// [B,H,W,C] -> [B,H*W,C]: max and argmax over the flattened positions give the row-major index.
				Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] { -1, layer.mapSize * layer.mapSize, layer.units }));
				maxima.put(layer, tf.max(flat, tf.constant(1)));
				argmaxima.put(layer, tf.math.argMax(flat, tf.constant(1), TInt32.class));
				if (layer.poolsAfter()) x = maxPool(tf, x);
			}
			// Grappler, TF's graph optimizer, took 0.45 s on the first run of the Winograd graph and gained nothing
			// measurable (the oneDNN rewrite, which fuses conv1 with its bias, is a separate pass and still runs).
			session = new Session(graph, sessionConfig(threads, precision, !winograd));
		}
		catch (RuntimeException e) {
			graph.close();
			throw e;
		}
	}

	/**
	 * Builds the trunk on the device asked for. {@code GPU} fails with a clear message where TF has no GPU (the CPU-only
	 * native build, or no CUDA device); {@code AUTO} tries the GPU and falls back to the CPU.
	 *
	 * @param threads TF intra-op threads (0 lets TF choose)
	 * @param gpuFallback told why, where {@code AUTO} could not use a GPU and takes the CPU
	 */
	public static ConvTrunk create(AlexNetWeights weights, ComputeDevice device, int threads, Precision precision,
		Consumer<String> gpuFallback)
	{
		awaitNatives();
		return device.open(chosen -> new ConvTrunk(weights, chosen, threads, precision),
			trunk -> trunk.forward(new float[INPUT_FLOATS], 1, List.of(AlexNetLayer.values())), gpuFallback);
	}

	/**
	 * Starts loading TensorFlow's native libraries (0.4 s here) on another thread, so that it overlaps what the caller
	 * does before {@link #create} (finding and reading the weights); {@code create} waits for it.
	 */
	public static void loadNativesInBackground() {
		if (NATIVES_STARTED.compareAndSet(false, true)) {
			Thread loader = new Thread(NATIVES, "convnet-explorer-tensorflow-loader");
			loader.setDaemon(true);
			loader.start();
		}
	}

	/** Loads the natives here if no one started to, else waits for them; a failure is thrown as it happened. */
	private static void awaitNatives() {
		NATIVES_STARTED.set(true);
		NATIVES.run(); // does nothing if it ran or is running elsewhere
		try {
			NATIVES.get();
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof Error) throw (Error) e.getCause();
			if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
			throw new IllegalStateException(e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while TensorFlow was loading", e);
		}
	}

	/** Whether TF was given a thread per core (or more). */
	public boolean usesAllCores() {
		return usesAllCores;
	}

	/** The device that computes: CPU or GPU, never AUTO. */
	public ComputeDevice device() {
		return device;
	}

	/**
	 * How conv2..conv5 are computed: "winograd" ({@link WinogradConvolution}, on the CPU in float32) or "direct"
	 * (TF's convolution op); conv1 (11×11, stride 4) is always direct.
	 */
	public String convolution() {
		return winograd ? "winograd" : "direct";
	}

	/**
	 * Runs {@code count} images (NCHW floats, {@link #INPUT_FLOATS} each, from the start of {@code batch}) and returns
	 * each requested layer's per-unit maxima.
	 */
	public Map<AlexNetLayer, BatchMaxima> forward(float[] batch, int count, List<AlexNetLayer> layers) {
		try (TFloat32 images = inputTensor(batch, count)) {
			Session.Runner runner = session.runner().feed(input, images);
			for (AlexNetLayer layer : layers)
				runner.fetch(maxima.get(layer)).fetch(argmaxima.get(layer));
			Map<AlexNetLayer, BatchMaxima> result = new EnumMap<>(AlexNetLayer.class);
			try (Result fetched = runner.run()) {
				for (int i = 0; i < layers.size(); i++) {
					AlexNetLayer layer = layers.get(i);
					float[] values = new float[count * layer.units];
					int[] positions = new int[count * layer.units];
					((TFloat32) fetched.get(2 * i)).asRawTensor().data().asFloats().read(values);
					((TInt32) fetched.get(2 * i + 1)).asRawTensor().data().asInts().read(positions);
					result.put(layer, new BatchMaxima(layer, count, values, positions));
				}
			}
			return result;
		}
	}

	/** One image's full activation (after ReLU) of a layer, CHW: for checks and projections, not for scanning. */
	public float[] activation(float[] image, AlexNetLayer layer) {
		try (TFloat32 images = inputTensor(image, 1);
			Result fetched = session.runner().feed(input, images).fetch(activations.get(layer)).run())
		{
			int hw = layer.mapSize * layer.mapSize;
			float[] hwc = new float[hw * layer.units];
			((TFloat32) fetched.get(0)).asRawTensor().data().asFloats().read(hwc);
			float[] chw = new float[hwc.length];
			for (int p = 0; p < hw; p++)
				for (int c = 0; c < layer.units; c++)
					chw[c * hw + p] = hwc[p * layer.units + c];
			return chw;
		}
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}

	private static TFloat32 inputTensor(float[] batch, int count) {
		TFloat32 tensor = TFloat32.tensorOf(Shape.of(count, 3, INPUT_SIZE, INPUT_SIZE));
		tensor.asRawTensor().data().asFloats().write(batch, 0, count * INPUT_FLOATS);
		return tensor;
	}

	/** Ops on {@code device}: graphs built with them compute there. */
	public static Ops onDevice(Ops tf, ComputeDevice device) {
		return device == ComputeDevice.GPU
			? tf.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build())
			: tf;
	}

	/** A session for {@code graph} with {@code threads} intra-op threads (0 lets TF choose), no soft placement. */
	public static Session newSession(Graph graph, int threads, Precision precision) {
		return new Session(graph, sessionConfig(threads, precision, true));
	}

	/** @param graphOptimizer whether Grappler runs (bfloat16 needs it: its rewrite is a Grappler pass) */
	private static ConfigProto sessionConfig(int threads, Precision precision, boolean graphOptimizer) {
		RewriterConfig.Builder rewrites = RewriterConfig.newBuilder().setDisableMetaOptimizer(!graphOptimizer);
		if (precision == Precision.BFLOAT16) rewrites.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
		return ConfigProto.newBuilder()
			.setIntraOpParallelismThreads(threads)
			.setInterOpParallelismThreads(1)
			.setAllowSoftPlacement(false)
			.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites))
			.build();
	}

	/** The layer's kernel as a constant in TF's [h, w, in, out] layout. */
	public static Operand<TFloat32> kernel(Ops tf, AlexNetLayer layer, ConvWeights weights) {
		int k = layer.kernelSize;
		return tf.constant(Shape.of(k, k, layer.inputChannels(), layer.units),
			DataBuffers.of(oihwToHwio(weights.kernelOihw(), layer.units, layer.inputChannels(), k), true, false));
	}

	/** The layer's convolution, bias and ReLU on an NHWC batch, padded as torchvision pads. */
	public static Operand<TFloat32> convolution(Ops tf, Operand<TFloat32> x, AlexNetLayer layer, Operand<TFloat32> kernel,
		ConvWeights weights)
	{
		// torchvision pads symmetrically. For stride 1 and odd kernels that is TF's SAME (its fastest path); conv1
		// (stride 4, pad 2) differs from SAME, so it is padded explicitly and run VALID.
		Operand<TFloat32> conv;
		if (usesSamePadding(layer))
			conv = tf.nn.conv2d(x, kernel, strides(layer), "SAME");
		else {
			int p = layer.padding;
			Operand<TFloat32> padded = tf.pad(x, tf.constant(new int[][] { { 0, 0 }, { p, p }, { p, p }, { 0, 0 } }),
				tf.constant(0f));
			conv = tf.nn.conv2d(padded, kernel, strides(layer), "VALID");
		}
		return biasAndRelu(tf, conv, weights);
	}

	private static Operand<TFloat32> biasAndRelu(Ops tf, Operand<TFloat32> conv, ConvWeights weights) {
		return tf.nn.relu(tf.nn.biasAdd(conv, tf.constant(Shape.of(weights.bias().length),
			DataBuffers.of(weights.bias(), true, false))));
	}

	/** Whether {@link #convolution} runs the layer with SAME padding; otherwise it pads explicitly and runs VALID. */
	public static boolean usesSamePadding(AlexNetLayer layer) {
		return layer.stride == 1 && 2 * layer.padding == layer.kernelSize - 1;
	}

	/** The layer's convolution strides, NHWC. */
	public static List<Long> strides(AlexNetLayer layer) {
		return Arrays.asList(1L, (long) layer.stride, (long) layer.stride, 1L);
	}

	/** AlexNet's 3×3, stride 2 max-pool without padding ("VALID"). */
	public static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> x) {
		return tf.nn.maxPool(x, poolWindow(tf), poolStrides(tf), "VALID");
	}

	/** The max-pool's window, NHWC: for ops that undo it. */
	public static Operand<TInt32> poolWindow(Ops tf) {
		return tf.constant(new int[] { 1, 3, 3, 1 });
	}

	/** The max-pool's strides, NHWC. */
	public static Operand<TInt32> poolStrides(Ops tf) {
		return tf.constant(new int[] { 1, 2, 2, 1 });
	}

	/** PyTorch's [out, in, h, w] to TF's [h, w, in, out]. */
	static float[] oihwToHwio(float[] oihw, int out, int in, int k) {
		float[] hwio = new float[oihw.length];
		for (int o = 0; o < out; o++)
			for (int i = 0; i < in; i++)
				for (int y = 0; y < k; y++)
					for (int x = 0; x < k; x++)
						hwio[((y * k + x) * in + i) * out + o] = oihw[((o * in + i) * k + y) * k + x];
		return hwio;
	}

}
