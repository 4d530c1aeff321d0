package org.convnetexplorer.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.ConvWeights;
import org.convnetexplorer.weights.Sha256;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * AlexNet's convolutions up to the deepest chosen layer as one TensorFlow graph, built once. Each chosen layer's
 * per-unit spatial max and argmax are computed inside the graph, so a batch returns kilobytes instead of its full
 * activations; adding ops later would force TF to re-optimise the graph, so everything a caller may fetch is built here.
 * <p>
 * conv2..conv5 run as {@link WinogradConvolution}s on the CPU in float32 (a fifth less time per image here).
 * <p>
 * Input: a batch of normalized images, NCHW float32, 3×224×224 each (the layout PyTorch uses, so the same buffers and
 * fixtures serve both); the graph transposes to NHWC, the layout TF's CPU kernels implement.
 */
public final class AlexNetTrunk implements Trunk {

	private static final InputSpec INPUT = InputSpec.IMAGENET;

	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> input;
	private final List<Layer> layers;
	private final Map<Layer, Operand<TFloat32>> activations = new HashMap<>();
	private final Map<Layer, Operand<TFloat32>> maxima = new HashMap<>();
	private final Map<Layer, Operand<TInt32>> argmaxima = new HashMap<>();
	private final ComputeDevice device;
	private final boolean winograd;
	private final boolean usesAllCores;
	/** The file the weights came from, for run.json; null where the caller gave the weights alone. */
	private final Path weightsFile;

	private AlexNetTrunk(AlexNetWeights weights, Path weightsFile, List<Layer> layers, ComputeDevice device, int threads,
		Precision precision)
	{
		this.weightsFile = weightsFile;
		this.layers = List.copyOf(layers);
		this.device = device;
		usesAllCores = TensorFlowRuntime.usesAllCores(threads);
		// Winograd pays where the arithmetic limits (a CPU in float32); a GPU's cuDNN picks its own algorithms, and in
		// bfloat16 the transforms would lose too many digits.
		winograd = device == ComputeDevice.CPU && precision == Precision.FLOAT32;
		AlexNetConv deepest = AlexNetConv.CONV1;
		for (Layer layer : layers)
			deepest = AlexNetConv.of(layer).compareTo(deepest) > 0 ? AlexNetConv.of(layer) : deepest;
		graph = new Graph();
		try {
			Ops tf = TensorFlowRuntime.onDevice(Ops.create(graph), device);
			input = tf.withName("images").placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, INPUT.channels(), INPUT.size(), INPUT.size())));
			Operand<TFloat32> x = tf.linalg.transpose(input, tf.constant(new int[] { 0, 2, 3, 1 }));
			for (AlexNetConv conv : AlexNetConv.values()) {
				if (conv.compareTo(deepest) > 0) break;
				ConvWeights layerWeights = weights.layer(conv.layer().name());
				x = winograd && WinogradConvolution.applies(conv)
					? biasAndRelu(tf, WinogradConvolution.convolve(tf, x, conv, layerWeights), layerWeights)
					: convolution(tf, x, conv, kernel(tf, conv, layerWeights), layerWeights);
				Layer layer = conv.layer();
				if (this.layers.contains(layer)) {
					activations.put(layer, x);
					// [B,H,W,C] -> [B,H*W,C]: max and argmax over the flattened positions give the row-major index.
					Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] { -1, layer.height() * layer.width(),
						layer.units() }));
					maxima.put(layer, tf.max(flat, tf.constant(1)));
					argmaxima.put(layer, tf.math.argMax(flat, tf.constant(1), TInt32.class));
				}
				if (conv.poolsAfter()) x = maxPool(tf, x);
			}
			// Grappler, TF's graph optimizer, took 0.45 s on the first run of the Winograd graph and gained nothing
			// measurable (the oneDNN rewrite, which fuses conv1 with its bias, is a separate pass and still runs).
			session = TensorFlowRuntime.newSession(graph, threads, precision, !winograd);
		}
		catch (RuntimeException e) {
			graph.close();
			throw e;
		}
	}

	/**
	 * Builds the trunk for {@code layers} (AlexNet's) on the device asked for. {@code GPU} fails with a clear message
	 * where TF has no GPU (the CPU-only native build, or no CUDA device); {@code AUTO} tries the GPU and falls back to
	 * the CPU.
	 *
	 * @param threads TF intra-op threads (0 lets TF choose)
	 * @param gpuFallback told why, where {@code AUTO} could not use a GPU and takes the CPU
	 */
	public static AlexNetTrunk create(AlexNetWeights weights, List<Layer> layers, ComputeDevice device, int threads,
		Precision precision, Consumer<String> gpuFallback)
	{
		return create(weights, null, layers, device, threads, precision, gpuFallback);
	}

	static AlexNetTrunk create(AlexNetWeights weights, Path weightsFile, List<Layer> layers, ComputeDevice device,
		int threads, Precision precision, Consumer<String> gpuFallback)
	{
		if (layers.isEmpty()) throw new IllegalArgumentException("no layer chosen");
		layers.forEach(AlexNetConv::of);
		TensorFlowRuntime.awaitNatives();
		return device.open(chosen -> new AlexNetTrunk(weights, weightsFile, layers, chosen, threads, precision),
			trunk -> trunk.forward(new float[INPUT.floats()], 1), gpuFallback);
	}

	@Override
	public List<Layer> layers() {
		return layers;
	}

	@Override
	public boolean usesAllCores() {
		return usesAllCores;
	}

	@Override
	public ComputeDevice device() {
		return device;
	}

	/**
	 * How conv2..conv5 are computed: "winograd" ({@link WinogradConvolution}, on the CPU in float32) or "direct"
	 * (TF's convolution op); conv1 (11×11, stride 4) is always direct.
	 */
	@Override
	public String convolution() {
		return winograd ? "winograd" : "direct";
	}

	@Override
	public Map<String, Object> provenance() {
		Map<String, Object> facts = new LinkedHashMap<>();
		if (weightsFile == null) return facts;
		facts.put("weights", weightsFile.toAbsolutePath().toString());
		try {
			facts.put("weights_sha256", Sha256.hexOf(weightsFile));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the weights " + weightsFile + " again: " + e.getMessage(), e);
		}
		return facts;
	}

	/**
	 * Runs {@code count} images (NCHW floats, {@code InputSpec.IMAGENET.floats()} each, from the start of
	 * {@code batch}) and returns each layer's per-unit maxima.
	 */
	@Override
	public Map<Layer, BatchMaxima> forward(float[] batch, int count) {
		try (TFloat32 images = inputTensor(batch, count)) {
			Session.Runner runner = session.runner().feed(input, images);
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
	public float[] activation(float[] image, Layer layer) {
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
		session.close();
		graph.close();
	}

	private static TFloat32 inputTensor(float[] batch, int count) {
		TFloat32 tensor = TFloat32.tensorOf(Shape.of(count, INPUT.channels(), INPUT.size(), INPUT.size()));
		tensor.asRawTensor().data().asFloats().write(batch, 0, count * INPUT.floats());
		return tensor;
	}

	/** The layer's kernel as a constant in TF's [h, w, in, out] layout. */
	public static Operand<TFloat32> kernel(Ops tf, AlexNetConv layer, ConvWeights weights) {
		int k = layer.kernelSize;
		return tf.constant(Shape.of(k, k, layer.inputChannels, layer.units),
			DataBuffers.of(oihwToHwio(weights.kernelOihw(), layer.units, layer.inputChannels, k), true, false));
	}

	/** The layer's convolution, bias and ReLU on an NHWC batch, padded as torchvision pads. */
	public static Operand<TFloat32> convolution(Ops tf, Operand<TFloat32> x, AlexNetConv layer, Operand<TFloat32> kernel,
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
	public static boolean usesSamePadding(AlexNetConv layer) {
		return layer.stride == 1 && 2 * layer.padding == layer.kernelSize - 1;
	}

	/** The layer's convolution strides, NHWC. */
	public static List<Long> strides(AlexNetConv layer) {
		return Arrays.asList(1L, (long) layer.stride, (long) layer.stride, 1L);
	}

	/** AlexNet's max-pool without padding ("VALID"). */
	public static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> x) {
		return tf.nn.maxPool(x, poolWindow(tf), poolStrides(tf), "VALID");
	}

	/** The max-pool's window, NHWC: for ops that undo it. */
	public static Operand<TInt32> poolWindow(Ops tf) {
		return tf.constant(new int[] { 1, AlexNetConv.POOL_WINDOW, AlexNetConv.POOL_WINDOW, 1 });
	}

	/** The max-pool's strides, NHWC. */
	public static Operand<TInt32> poolStrides(Ops tf) {
		return tf.constant(new int[] { 1, AlexNetConv.POOL_STRIDE, AlexNetConv.POOL_STRIDE, 1 });
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
