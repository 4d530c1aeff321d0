package org.convnetexplorer.onnx;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.GraphTrunk;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Precision;
import org.convnetexplorer.runfile.RunKeys;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Chosen layers of an ONNX model as one TensorFlow graph: the part of the model they need, imported once, each layer's
 * per-unit maxima reduced inside it ({@link GraphTrunk}). Runs batches of any size, whatever batch the model declares.
 */
public final class OnnxTrunk extends GraphTrunk {

	private final OnnxModel model;
	private final InputSpec spec;

	/**
	 * @param spec the input: its size is the model's where the model fixes one, its channels the model's
	 * @param layers layers of the model at that size, named as the user named them (tensor or node names)
	 * @param device CPU or GPU (not AUTO: {@link ComputeDevice#open} chooses)
	 * @param threads TF intra-op threads (0 lets TF choose)
	 */
	public OnnxTrunk(OnnxModel model, InputSpec spec, List<Layer> layers, ComputeDevice device, int threads,
		Precision precision)
		throws OnnxFormatException
	{
		super(spec, layers, device, threads);
		this.model = model;
		this.spec = spec;
		try {
			List<String> names = layers.stream().map(Layer::name).collect(Collectors.toList());
			Map<String, Operand<TFloat32>> activations = model.build(tf(), input(), spec.size(), spec.size(), names);
			for (Layer layer : layers)
				addLayer(layer, activations.get(layer.name()));
			openSession(threads, precision, true);
		}
		catch (OnnxFormatException | RuntimeException e) {
			close();
			throw e;
		}
	}

	/** An ONNX model's convolutions run as TensorFlow's own ops. */
	@Override
	public String convolution() {
		return "direct";
	}

	@Override
	public Map<String, Object> provenance() {
		Map<String, Object> facts = OnnxNetwork.provenance(model, spec, sha256(model.source(), "model"));
		List<String> gated = layers().stream().filter(layer -> !layer.fields().gates().isEmpty()).map(Layer::name)
			.collect(Collectors.toList());
		// their fields are the ungated path's: a global gate scales each unit by one number per image
		if (!gated.isEmpty()) facts.put(RunKeys.GATED_LAYERS, gated);
		return facts;
	}
}
