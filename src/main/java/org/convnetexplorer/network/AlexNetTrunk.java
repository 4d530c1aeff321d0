package org.convnetexplorer.network;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.runfile.RunKeys;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.ConvWeights;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * AlexNet's convolutions up to the deepest chosen layer as one TensorFlow graph, built once, each chosen layer's
 * per-unit maxima reduced inside it ({@link GraphTrunk}).
 * <p>
 * conv2..conv5 run as {@link WinogradConvolution}s on the CPU in float32 (a fifth less time per image here).
 * <p>
 * Input: a batch of normalized images, NCHW float32, 3×224×224 each (the layout PyTorch uses, so the same buffers and
 * fixtures serve both); the graph transposes to NHWC, the layout TF's CPU kernels implement.
 */
public final class AlexNetTrunk extends GraphTrunk {

	private static final InputSpec INPUT = InputSpec.IMAGENET;

	private final boolean winograd;
	/** The file the weights came from, for run.json; null where the caller gave the weights alone. */
	private final Path weightsFile;

	private AlexNetTrunk(AlexNetWeights weights, Path weightsFile, List<Layer> layers, ComputeDevice device, int threads,
		Precision precision)
	{
		super(INPUT, layers, device, threads);
		this.weightsFile = weightsFile;
		// Winograd pays where the arithmetic limits (a CPU in float32); a GPU's cuDNN picks its own algorithms, and in
		// bfloat16 the transforms would lose too many digits.
		winograd = device == ComputeDevice.CPU && precision == Precision.FLOAT32 && WinogradConvolution.allowed();
		AlexNetConv deepest = AlexNetConv.CONV1;
		for (Layer layer : layers)
			deepest = AlexNetConv.of(layer).compareTo(deepest) > 0 ? AlexNetConv.of(layer) : deepest;
		try {
			Ops tf = tf();
			Operand<TFloat32> x = tf.linalg.transpose(input(), tf.constant(new int[] { 0, 2, 3, 1 }));
			for (AlexNetConv conv : AlexNetConv.values()) {
				if (conv.compareTo(deepest) > 0) break;
				ConvWeights layerWeights = weights.layer(conv.layer().name());
				x = winograd && WinogradConvolution.applies(conv)
					? biasAndRelu(tf, WinogradConvolution.convolve(tf, x, conv, layerWeights), layerWeights)
					: convolution(tf, x, conv, kernel(tf, conv, layerWeights), layerWeights);
				if (layers.contains(conv.layer())) addLayer(conv.layer(), x);
				if (conv.poolsAfter()) x = maxPool(tf, x);
			}
			// Grappler, TF's graph optimizer, made the Winograd graph's first run slow and gained nothing
			// measurable (docs/performance.md) (the oneDNN rewrite, which fuses conv1 with its bias, is a separate pass and still runs).
			openSession(threads, precision, !winograd);
		}
		catch (RuntimeException e) {
			close();
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
		layers.forEach(AlexNetConv::of);
		TensorFlowRuntime.awaitNatives();
		return device.open(chosen -> new AlexNetTrunk(weights, weightsFile, layers, chosen, threads, precision),
			trunk -> trunk.forward(new float[INPUT.floats()], 1), gpuFallback);
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
		facts.put(RunKeys.WEIGHTS, weightsFile.toAbsolutePath().toString());
		facts.put(RunKeys.WEIGHTS_SHA256, sha256(weightsFile, "weights"));
		return facts;
	}

	/** The layer's kernel as a constant in TF's [h, w, in, out] layout. */
	public static Operand<TFloat32> kernel(Ops tf, AlexNetConv layer, ConvWeights weights) {
		int k = layer.kernelSize;
		return tf.constant(Shape.of(k, k, layer.inputChannels, layer.units),
			DataBuffers.of(KernelLayout.oihwToHwio(weights.kernelOihw(), 0, layer.units, layer.inputChannels, k, k), true,
			false));
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
		return tf.constant(new int[] { 1, AlexNetConv.POOL.kernel, AlexNetConv.POOL.kernel, 1 });
	}

	/** The max-pool's strides, NHWC. */
	public static Operand<TInt32> poolStrides(Ops tf) {
		return tf.constant(new int[] { 1, AlexNetConv.POOL.stride, AlexNetConv.POOL.stride, 1 });
	}
}
