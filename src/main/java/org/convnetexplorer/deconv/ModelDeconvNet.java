package org.convnetexplorer.deconv;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.BackwardWalk;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Deconvnet projections (or guided backpropagation) through an ONNX model's imported graph: the model's forward pass,
 * and for each chosen layer the way down built by the operators' backward rules ({@link BackwardWalk}): transposed
 * convolutions with the forward weights, unpooling through the max-pools' switches, the ReLUs' rectification,
 * BatchNormalization as its scale, sums and concatenations passing the signal to their branches. A layer whose way
 * down holds an operator without a backward rule is refused when the graph is built, naming the node.
 */
public final class ModelDeconvNet extends ProjectionGraph {

	private ModelDeconvNet(OnnxNetwork network, List<Layer> layers, ProjectionMethod method, ComputeDevice device,
		int threads) throws OnnxFormatException
	{
		super(network.input(), method, device);
		try {
			int size = input.size();
			List<String> names = layers.stream().map(Layer::name).collect(Collectors.toList());
			BackwardWalk walk = network.model().buildBackward(tf, images, size, size, names, this::perSelection, method);
			for (Layer layer : layers) {
				String tensor = network.tensorOf(layer);
				Operand<TFloat32> activation = walk.forward(tensor);
				long[] shape = walk.shape(tensor);
				Operand<TFloat32> seed = selected(shape.length == 4 ? activation
					: tf.reshape(activation, tf.constant(new int[] { -1, 1, 1, layer.units() })), layer);
				if (shape.length != 4) seed = tf.reshape(seed, tf.constant(new int[] { -1, layer.units() }));
				addProjection(layer, walk.project(tensor, seed));
			}
			openSession(threads);
		}
		catch (OnnxFormatException | RuntimeException e) {
			close();
			throw e;
		}
	}

	/**
	 * Builds the graph for {@code layers} on the device asked for, as a scan's trunk is built.
	 *
	 * @throws OnnxFormatException naming the node where a layer's way down meets an operator without a backward rule
	 */
	public static ModelDeconvNet create(OnnxNetwork network, List<Layer> layers, ProjectionMethod method,
		ComputeDevice device, int threads, Consumer<String> gpuFallback) throws OnnxFormatException
	{
		// A refusal is the model's, not the device's: it goes to the caller, not to the GPU fallback.
		RefusedModel[] refused = new RefusedModel[1];
		try {
			return device.open(chosen -> {
				try {
					return new ModelDeconvNet(network, layers, method, chosen, threads);
				}
				catch (OnnxFormatException e) {
					refused[0] = new RefusedModel(e);
					throw refused[0];
				}
			}, net -> net.project(new float[network.input().floats()], 1, layers.get(0), new int[1], new int[1],
				new int[1]), why -> {
					if (refused[0] != null) throw refused[0];
					gpuFallback.accept(why);
				});
		}
		catch (RefusedModel e) {
			throw e.refusal;
		}
		catch (IllegalStateException e) {
			if (e.getCause() instanceof RefusedModel) throw ((RefusedModel) e.getCause()).refusal;
			throw e;
		}
	}

	/** Carries a refusal out of {@link ComputeDevice#open}, whose builder throws no checked exception. */
	private static final class RefusedModel extends RuntimeException {
		private static final long serialVersionUID = 1L;
		final OnnxFormatException refusal;

		RefusedModel(OnnxFormatException refusal) {
			super(refusal.getMessage(), refusal);
			this.refusal = refusal;
		}
	}
}
