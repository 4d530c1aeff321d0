package org.convnetexplorer.deconv;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.function.Consumer;
import java.util.Map;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.AlexNetConv;
import org.convnetexplorer.network.AlexNetTrunk;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.ConvWeights;
import org.tensorflow.Operand;
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
 * With {@link ProjectionMethod#GUIDED}, the rectification is guided backpropagation's: also masked where the layer's
 * forward ReLU output was zero.
 */
public final class DeconvNet extends ProjectionGraph {

	private static final InputSpec INPUT = AlexNet.INPUT;

	private DeconvNet(AlexNetWeights weights, ProjectionMethod method, ComputeDevice device, int threads) {
		super(INPUT, method, device);
		try {
			Map<AlexNetConv, Operand<TFloat32>> kernels = new EnumMap<>(AlexNetConv.class);
			// Per selection (gathered from its image): each layer's ReLU output and, after pooling layers, the pool's.
			Map<AlexNetConv, Operand<TFloat32>> perImage = new EnumMap<>(AlexNetConv.class);
			Map<AlexNetConv, Operand<TFloat32>> rectified = new EnumMap<>(AlexNetConv.class);
			Map<AlexNetConv, Operand<TFloat32>> pooled = new EnumMap<>(AlexNetConv.class);
			Operand<TFloat32> x = tf.linalg.transpose(images, tf.constant(new int[] { 0, 2, 3, 1 }));
			for (AlexNetConv layer : AlexNetConv.values()) {
				ConvWeights layerWeights = weights.layer(layer.layer().name());
				kernels.put(layer, AlexNetTrunk.kernel(tf, layer, layerWeights));
				x = AlexNetTrunk.convolution(tf, x, layer, kernels.get(layer), layerWeights);
				perImage.put(layer, x);
				rectified.put(layer, perSelection(x));
				if (layer.poolsAfter()) {
					x = AlexNetTrunk.maxPool(tf, x);
					pooled.put(layer, perSelection(x));
				}
			}
			for (AlexNetConv top : AlexNetConv.values()) {
				Operand<TFloat32> signal = selected(perImage.get(top), top.layer());
				for (int i = top.ordinal(); i >= 0; i--) {
					AlexNetConv layer = AlexNetConv.values()[i];
					signal = transposedFiltering(method.rectify(tf, signal, rectified.get(layer)), layer,
						kernels.get(layer));
					AlexNetConv below = i > 0 ? AlexNetConv.values()[i - 1] : null;
					if (below != null && below.poolsAfter())
						signal = tf.nn.maxPoolGrad(rectified.get(below), pooled.get(below), signal,
							AlexNetTrunk.poolWindow(tf), AlexNetTrunk.poolStrides(tf), "VALID");
				}
				addProjection(top.layer(), tf.linalg.transpose(signal, tf.constant(new int[] { 0, 3, 1, 2 })));
			}
			openSession(threads);
		}
		catch (RuntimeException e) {
			close();
			throw e;
		}
	}

	/** Builds the graph on the device asked for, as {@link AlexNetTrunk#create} does. */
	public static DeconvNet create(AlexNetWeights weights, ProjectionMethod method, ComputeDevice device, int threads,
		Consumer<String> gpuFallback)
	{
		return device.open(chosen -> new DeconvNet(weights, method, chosen, threads),
			net -> net.project(new float[INPUT.floats()], 1, AlexNet.CONV1, new int[1], new int[1], new int[1]),
			gpuFallback);
	}

	/** The layer's convolution run backwards: from its output's shape to its input's, with the same filters. */
	private Operand<TFloat32> transposedFiltering(Operand<TFloat32> signal, AlexNetConv layer, Operand<TFloat32> kernel) {
		int side = layer.inputSide();
		if (AlexNetTrunk.usesSamePadding(layer))
			return tf.nn.conv2dBackpropInput(batchShape(signal, side, layer.inputChannels), kernel, signal,
				AlexNetTrunk.strides(layer), "SAME");
		// The forward pass padded explicitly and ran VALID: go back to the padded input, then drop the padding.
		int p = layer.padding;
		Operand<TFloat32> padded = tf.nn.conv2dBackpropInput(batchShape(signal, side + 2 * p, layer.inputChannels),
			kernel, signal, AlexNetTrunk.strides(layer), "VALID");
		return tf.slice(padded, tf.constant(new int[] { 0, p, p, 0 }), tf.constant(new int[] { -1, side, side, -1 }));
	}

	/** [signal's batch size, side, side, channels]. */
	private Operand<TInt32> batchShape(Operand<TFloat32> signal, int side, int channels) {
		Operand<TInt32> batch = tf.slice(tf.shape(signal), tf.constant(new int[] { 0 }), tf.constant(new int[] { 1 }));
		return tf.concat(Arrays.asList(batch, tf.constant(new int[] { side, side, channels })), tf.constant(0));
	}
}
