package org.convnetexplorer.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.TensorFlowRuntime;
import org.convnetexplorer.network.Precision;
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
 * Chosen layers of an ONNX model as one TensorFlow graph, built once with each layer's per-unit spatial max and argmax
 * reduced inside it (as {@link org.convnetexplorer.network.AlexNetTrunk} does for AlexNet), so a batch returns a few kilobytes.
 * <p>
 * Input: a batch of normalized images, NCHW float32, channels × height × width each, any number of them.
 */
public final class OnnxTrunk implements AutoCloseable {

	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> input;
	private final List<OnnxLayer> layers = new ArrayList<>();
	private final List<Operand<TFloat32>> maxima = new ArrayList<>();
	private final List<Operand<TInt32>> argmaxima = new ArrayList<>();
	private final Map<String, Operand<TFloat32>> activations;
	private final int imageFloats;
	private final long[] imageShape;

	/**
	 * @param device CPU or GPU (not AUTO: {@link ComputeDevice#open} chooses)
	 * @param threads TF intra-op threads (0 lets TF choose)
	 */
	public OnnxTrunk(OnnxModel model, List<String> layerNames, int height, int width, ComputeDevice device, int threads)
		throws OnnxFormatException
	{
		int channels = model.input().channels();
		imageShape = new long[] { channels, height, width };
		imageFloats = channels * height * width;
		Map<String, OnnxLayer> all = new LinkedHashMap<>();
		for (OnnxLayer layer : model.layers(height, width))
			all.put(layer.name(), layer);
		for (String name : layerNames) {
			OnnxLayer layer = all.get(model.tensorOf(name));
			if (layer == null) throw model.notALayer(name);
			layers.add(layer);
		}
		graph = new Graph();
		try {
			Ops tf = TensorFlowRuntime.onDevice(Ops.create(graph), device);
			input = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, channels, height, width)));
			activations = model.build(tf, input, height, width, layerNames);
			for (int i = 0; i < layers.size(); i++) {
				OnnxLayer layer = layers.get(i);
				// [B,H,W,C] -> [B,H*W,C]: max and argmax over the flattened positions give the row-major index.
				Operand<TFloat32> flat = tf.reshape(activations.get(layerNames.get(i)),
					tf.constant(new int[] { -1, layer.mapHeight() * layer.mapWidth(), layer.units() }));
				maxima.add(tf.max(flat, tf.constant(1)));
				argmaxima.add(tf.math.argMax(flat, tf.constant(1), TInt32.class));
			}
			session = TensorFlowRuntime.newSession(graph, threads, Precision.FLOAT32);
		}
		catch (OnnxFormatException | RuntimeException e) {
			graph.close();
			throw e;
		}
	}

	public List<OnnxLayer> layers() {
		return layers;
	}

	/** Runs {@code count} images (NCHW floats from the start of {@code batch}); each layer's maxima by layer name. */
	public Map<String, UnitMaxima> forward(float[] batch, int count) {
		try (TFloat32 images = inputTensor(batch, count)) {
			Session.Runner runner = session.runner().feed(input, images);
			for (int i = 0; i < layers.size(); i++)
				runner.fetch(maxima.get(i)).fetch(argmaxima.get(i));
			Map<String, UnitMaxima> result = new LinkedHashMap<>();
			try (Result fetched = runner.run()) {
				for (int i = 0; i < layers.size(); i++) {
					OnnxLayer layer = layers.get(i);
					float[] values = new float[count * layer.units()];
					int[] positions = new int[count * layer.units()];
					((TFloat32) fetched.get(2 * i)).asRawTensor().data().asFloats().read(values);
					((TInt32) fetched.get(2 * i + 1)).asRawTensor().data().asInts().read(positions);
					result.put(layer.name(), new UnitMaxima(layer, count, values, positions));
				}
			}
			return result;
		}
	}

	/** One image's full activation of a layer as CHW floats: for checks, not for scanning. */
	public float[] activation(float[] image, String layerName) {
		OnnxLayer layer = layers.get(indexOf(layerName));
		try (TFloat32 images = inputTensor(image, 1);
			Result fetched = session.runner().feed(input, images).fetch(activations.get(layerName)).run())
		{
			int hw = layer.mapHeight() * layer.mapWidth();
			float[] hwc = new float[hw * layer.units()];
			((TFloat32) fetched.get(0)).asRawTensor().data().asFloats().read(hwc);
			float[] chw = new float[hwc.length];
			for (int p = 0; p < hw; p++)
				for (int c = 0; c < layer.units(); c++)
					chw[c * hw + p] = hwc[p * layer.units() + c];
			return chw;
		}
	}

	private int indexOf(String layerName) {
		int i = new ArrayList<>(activations.keySet()).indexOf(layerName);
		if (i < 0) throw new IllegalArgumentException("layer '" + layerName + "' was not built");
		return i;
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}

	private TFloat32 inputTensor(float[] batch, int count) {
		TFloat32 tensor = TFloat32.tensorOf(Shape.of(count, imageShape[0], imageShape[1], imageShape[2]));
		tensor.asRawTensor().data().asFloats().write(batch, 0, count * imageFloats);
		return tensor;
	}
}
