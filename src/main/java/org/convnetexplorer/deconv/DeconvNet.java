package org.convnetexplorer.deconv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.AlexNetConv;
import org.convnetexplorer.network.AlexNetTrunk;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.ConvWeights;
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
 * Zeiler and Fergus's deconvnet (2013, section 2.1) over AlexNet conv1..conv5, as one TensorFlow graph built once.
 * <p>
 * A selection is a unit at one position of its layer's feature map in one image. Its projection keeps that unit's
 * activation there, zeroes the rest of the layer and maps it down to the input: at each layer, from the chosen one down
 * to conv1, the signal is rectified (ReLU), filtered with the layer's transposed filters (Conv2DBackpropInput, same
 * kernel, stride and padding, no bias) and, where the layer below pooled, unpooled through the switches the forward
 * max-pool recorded (MaxPoolGrad routes each value to its window's maximum). This is the gradient of the forward graph
 * with ReLU's gradient replaced by the ReLU of the incoming signal.
 * <p>
 * A run feeds a few distinct images (forwarded once) and any number of selections of one layer, each naming its image;
 * every layer's projection path is in the graph, and a run only computes the one it fetches.
 */
public final class DeconvNet implements AutoCloseable {

	private static final InputSpec INPUT = AlexNet.INPUT;
	private static final int SIZE = INPUT.size();

	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> images;
	private final Placeholder<TInt32> sources;
	private final Placeholder<TInt32> units;
	private final Placeholder<TInt32> positions;
	private final Map<AlexNetConv, Operand<TFloat32>> projections = new EnumMap<>(AlexNetConv.class);
	private final ComputeDevice device;

	private DeconvNet(AlexNetWeights weights, ComputeDevice device, int threads) {
		this.device = device;
		graph = new Graph();
		try {
			Ops tf = TensorFlowRuntime.onDevice(Ops.create(graph), device);
			images = tf.withName("images").placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, INPUT.channels(), SIZE, SIZE)));
			sources = tf.withName("sources").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
			units = tf.withName("units").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
			positions = tf.withName("positions").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));

			Map<AlexNetConv, Operand<TFloat32>> kernels = new EnumMap<>(AlexNetConv.class);
			// Per selection (gathered from its image): each layer's ReLU output and, after pooling layers, the pool's.
			Map<AlexNetConv, Operand<TFloat32>> rectified = new EnumMap<>(AlexNetConv.class);
			Map<AlexNetConv, Operand<TFloat32>> pooled = new EnumMap<>(AlexNetConv.class);
			Operand<TFloat32> x = tf.linalg.transpose(images, tf.constant(new int[] { 0, 2, 3, 1 }));
			for (AlexNetConv layer : AlexNetConv.values()) {
				ConvWeights layerWeights = weights.layer(layer.layer().name());
				kernels.put(layer, AlexNetTrunk.kernel(tf, layer, layerWeights));
				x = AlexNetTrunk.convolution(tf, x, layer, kernels.get(layer), layerWeights);
				rectified.put(layer, perSelection(tf, x));
				if (layer.poolsAfter()) {
					x = AlexNetTrunk.maxPool(tf, x);
					pooled.put(layer, perSelection(tf, x));
				}
			}
			for (AlexNetConv top : AlexNetConv.values()) {
				Operand<TFloat32> signal = tf.math.mul(rectified.get(top), selectionMask(tf, top));
				for (int i = top.ordinal(); i >= 0; i--) {
					AlexNetConv layer = AlexNetConv.values()[i];
					signal = transposedFiltering(tf, tf.nn.relu(signal), layer, kernels.get(layer));
					AlexNetConv below = i > 0 ? AlexNetConv.values()[i - 1] : null;
					if (below != null && below.poolsAfter())
						signal = tf.nn.maxPoolGrad(rectified.get(below), pooled.get(below), signal,
							AlexNetTrunk.poolWindow(tf), AlexNetTrunk.poolStrides(tf), "VALID");
				}
				projections.put(top, tf.linalg.transpose(signal, tf.constant(new int[] { 0, 3, 1, 2 })));
			}
			session = TensorFlowRuntime.newSession(graph, threads, Precision.FLOAT32);
		}
		catch (RuntimeException e) {
			graph.close();
			throw e;
		}
	}

	/** Builds the graph on the device asked for, as {@link AlexNetTrunk#create} does. */
	public static DeconvNet create(AlexNetWeights weights, ComputeDevice device, int threads,
		Consumer<String> gpuFallback)
	{
		return device.open(chosen -> new DeconvNet(weights, chosen, threads),
			net -> net.project(new float[INPUT.floats()], 1, AlexNet.CONV1, new int[1], new int[1], new int[1]),
			gpuFallback);
	}

	/** The device that computes: CPU or GPU, never AUTO. */
	public ComputeDevice device() {
		return device;
	}

	/**
	 * Projects selections of one layer into the input.
	 *
	 * @param batch {@code imageCount} normalized images, NCHW, {@code INPUT.floats()} floats each
	 * @param sources per selection, its image's index in {@code batch}
	 * @param units per selection, the unit
	 * @param positions per selection, the row-major position in the layer's feature map (fy × width + fx)
	 * @return per selection, its projection cropped to the unit's receptive field
	 */
	public List<Projection> project(float[] batch, int imageCount, Layer layer, int[] sources, int[] units,
		int[] positions)
	{
		AlexNetConv conv = AlexNetConv.of(layer);
		int count = sources.length;
		if (units.length != count || positions.length != count)
			throw new IllegalArgumentException("sources, units and positions differ in length");
		try (TFloat32 imageTensor = TFloat32.tensorOf(Shape.of(imageCount, INPUT.channels(), SIZE, SIZE));
			TInt32 sourceTensor = TInt32.vectorOf(sources);
			TInt32 unitTensor = TInt32.vectorOf(units);
			TInt32 positionTensor = TInt32.vectorOf(positions))
		{
			imageTensor.asRawTensor().data().asFloats().write(batch, 0, imageCount * INPUT.floats());
			try (Result fetched = session.runner()
				.feed(images, imageTensor)
				.feed(this.sources, sourceTensor)
				.feed(this.units, unitTensor)
				.feed(this.positions, positionTensor)
				.fetch(projections.get(conv))
				.run())
			{
				float[] all = new float[count * INPUT.floats()];
				((TFloat32) fetched.get(0)).asRawTensor().data().asFloats().read(all);
				List<Projection> result = new ArrayList<>(count);
				for (int s = 0; s < count; s++)
					result.add(Projection.crop(all, s * INPUT.floats(),
						layer.field(units[s]).inputBox(positions[s] / layer.width(), positions[s] % layer.width())));
				return result;
			}
		}
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}

	private Operand<TFloat32> perSelection(Ops tf, Operand<TFloat32> perImage) {
		return tf.gather(perImage, sources, tf.constant(0));
	}

	/** 1 at each selection's unit and position, 0 elsewhere: [selections, H, W, C]. */
	private Operand<TFloat32> selectionMask(Ops tf, AlexNetConv layer) {
		int side = layer.mapSide();
		Operand<TFloat32> atPosition = tf.expandDims(
			tf.oneHot(positions, tf.constant(side * side), tf.constant(1f), tf.constant(0f)), tf.constant(2));
		Operand<TFloat32> ofUnit = tf.expandDims(
			tf.oneHot(units, tf.constant(layer.units), tf.constant(1f), tf.constant(0f)), tf.constant(1));
		return tf.reshape(tf.math.mul(atPosition, ofUnit), tf.constant(new int[] { -1, side, side, layer.units }));
	}

	/** The layer's convolution run backwards: from its output's shape to its input's, with the same filters. */
	private static Operand<TFloat32> transposedFiltering(Ops tf, Operand<TFloat32> signal, AlexNetConv layer,
		Operand<TFloat32> kernel)
	{
		int side = layer.inputSide();
		if (AlexNetTrunk.usesSamePadding(layer))
			return tf.nn.conv2dBackpropInput(batchShape(tf, signal, side, layer.inputChannels), kernel, signal,
				AlexNetTrunk.strides(layer), "SAME");
		// The forward pass padded explicitly and ran VALID: go back to the padded input, then drop the padding.
		int p = layer.padding;
		Operand<TFloat32> padded = tf.nn.conv2dBackpropInput(batchShape(tf, signal, side + 2 * p, layer.inputChannels),
			kernel, signal, AlexNetTrunk.strides(layer), "VALID");
		return tf.slice(padded, tf.constant(new int[] { 0, p, p, 0 }), tf.constant(new int[] { -1, side, side, -1 }));
	}

	/** [signal's batch size, side, side, channels]. */
	private static Operand<TInt32> batchShape(Ops tf, Operand<TFloat32> signal, int side, int channels) {
		Operand<TInt32> batch = tf.slice(tf.shape(signal), tf.constant(new int[] { 0 }), tf.constant(new int[] { 1 }));
		return tf.concat(Arrays.asList(batch, tf.constant(new int[] { side, side, channels })), tf.constant(0));
	}

}
