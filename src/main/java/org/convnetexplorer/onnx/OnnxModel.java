package org.convnetexplorer.onnx;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.convnetexplorer.images.InputSpec;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.graph.OnnxGraph;
import org.convnetexplorer.onnx.graph.OnnxNode;
import org.convnetexplorer.onnx.graph.OnnxTensor;
import org.convnetexplorer.onnx.graph.OnnxValueInfo;
import org.convnetexplorer.onnx.ops.BackwardWalk;
import org.convnetexplorer.onnx.ops.OnnxImporter;
import org.convnetexplorer.network.ProjectionMethod;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A convolutional network from an ONNX file, checked at {@link #read}: the file is well formed and safe to use, it has
 * one NCHW float input, and every node is an operator the importer computes exactly (else the node and its operator
 * are named). Then:
 * <ul>
 * <li>{@link #layers} lists the tensors a user can scan, with units, map size and receptive fields at an input size;
 * {@link #defaultLayers} chooses a few;</li>
 * <li>{@link #build} adds the part of the network that computes chosen layers to a TensorFlow graph; {@link OnnxTrunk}
 * runs it.</li>
 * </ul>
 * A layer is named by an ONNX tensor name or by a node name (meaning the node's first output), as Netron shows them.
 */
public final class OnnxModel {

	/** The input size used where the model leaves it open and the caller does not say. */
	public static final int DEFAULT_INPUT_SIZE = 224;

	private final OnnxGraph graph;
	private final OnnxInput input;
	/** The file the user named: the model file, or the package that holds it. */
	private final Path source;

	private OnnxModel(OnnxGraph graph, OnnxInput input, Path source) {
		this.graph = graph;
		this.input = input;
		this.source = source;
	}

	/** Reads, checks and walks the model once (at its own input size, or 224 where open). */
	public static OnnxModel read(Path file) throws OnnxFormatException {
		return read(file, file);
	}

	/** {@link #read(Path)}, for a model file taken from {@code source} (a bioimage.io package), which results name. */
	public static OnnxModel read(Path file, Path source) throws OnnxFormatException {
		OnnxGraph graph = OnnxGraph.read(file);
		for (OnnxTensor initializer : graph.initializers().values())
			requireFinite(graph.file(), initializer);
		OnnxModel model = new OnnxModel(graph, inputOf(graph), source);
		model.requireDefaultLayerOrNoRefusal();
		return model;
	}

	/**
	 * A node the importer refuses stops only the layers that need it: the model loads while a default layer is left
	 * (a U-Net's encoder before an unsupported decoder, a backbone before its head); else the first refusal is the
	 * reason it does not.
	 */
	private void requireDefaultLayerOrNoRefusal() throws OnnxFormatException {
		OnnxFormatException refusal = walk(defaultHeight(), defaultWidth()).firstRefusal();
		if (refusal != null && defaultLayers(defaultHeight(), defaultWidth()).isEmpty()) throw refusal;
	}

	/**
	 * Refuses a NaN or infinite weight, as a .pth's is refused: one spreads through every layer after it and leaves
	 * units that never fire, or ranks every image at infinity, a result that looks real.
	 */
	private static void requireFinite(Path file, OnnxTensor tensor) throws OnnxFormatException {
		if (!tensor.isFloat()) return;
		float[] values = tensor.sharedFloats();
		for (int i = 0; i < values.length; i++) {
			if (Float.isFinite(values[i])) continue;
			long[] dims = tensor.dims();
			long[] index = new long[dims.length];
			for (int d = dims.length - 1, rest = i; d >= 0; d--) {
				index[d] = rest % dims[d];
				rest /= dims[d];
			}
			throw new OnnxFormatException(file, "initializer '" + tensor.name() + "' holds " + (Float.isNaN(values[i])
				? "NaN" : "an infinite value") + " at " + Arrays.toString(index) + ": weights must be finite numbers");
		}
	}

	private static OnnxInput inputOf(OnnxGraph graph) throws OnnxFormatException {
		if (graph.inputs().size() != 1)
			throw new OnnxFormatException(graph.file(), "the model has " + graph.inputs().size()
				+ " inputs; one image input is supported");
		OnnxValueInfo in = graph.inputs().get(0);
		if (in.elementType() != OnnxTensor.FLOAT)
			throw new OnnxFormatException(graph.file(), "input '" + in.name() + "' is of type "
				+ OnnxTensor.typeName(in.elementType()) + "; float32 is supported");
		List<OnnxValueInfo.Dim> dims = in.shape();
		if (dims == null || dims.size() != 4 || !dims.get(1).isFixed())
			throw new OnnxFormatException(graph.file(), "input '" + in.name() + "' has shape " + dims
				+ "; expected [batch, channels, height, width] with a fixed number of channels");
		long channels = dims.get(1).value;
		if (channels < 1 || channels > 4096) throw new OnnxFormatException(graph.file(), "input with " + channels + " channels");
		int h = size(graph, dims.get(2));
		int w = size(graph, dims.get(3));
		return new OnnxInput(in.name(), (int) channels, h, w, dims.get(0).isFixed() ? dims.get(0).value : -1);
	}

	private static int size(OnnxGraph graph, OnnxValueInfo.Dim d) throws OnnxFormatException {
		if (!d.isFixed()) return -1;
		if (d.value < 1 || d.value > InputSpec.MAX_SIZE) throw new OnnxFormatException(graph.file(), "input size " +
			d.value + " out of range (1.." + InputSpec.MAX_SIZE + ")");
		return (int) d.value;
	}

	public Path file() {
		return graph.file();
	}

	/** The file the user named, which run.json records: the model file, or the package that holds it. */
	public Path source() {
		return source;
	}

	public OnnxGraph graph() {
		return graph;
	}

	public OnnxInput input() {
		return input;
	}

	private int defaultHeight() {
		return input.height() > 0 ? input.height() : DEFAULT_INPUT_SIZE;
	}

	private int defaultWidth() {
		return input.width() > 0 ? input.width() : DEFAULT_INPUT_SIZE;
	}

	/**
	 * Every tensor computed from the input with rank 4 (N, C, H, W, or N, H, W, C where moved channels last) or 2 (N, C),
	 * in graph order, at an input of {@code height × width}.
	 *
	 * @throws IllegalArgumentException where the model fixes another size
	 */
	public List<OnnxLayer> layers(int height, int width) throws OnnxFormatException {
		OnnxImporter walk = walk(height, width);
		List<OnnxLayer> layers = new ArrayList<>();
		for (OnnxNode node : graph.nodes())
			for (String tensor : node.outputs()) {
				Value v = tensor.isEmpty() ? null : walk.value(tensor);
				if (v == null || !v.batched || v.rank() != 4 && v.rank() != 2) continue;
				int h = v.rank() == 4 ? (int) v.shape[v.channelsLast ? 1 : 2] : 1;
				int w = v.rank() == 4 ? (int) v.shape[v.channelsLast ? 2 : 3] : 1;
				layers.add(new OnnxLayer(tensor, node.name(), node.opType(), v.channels(), h, w, v.fields));
			}
		return layers;
	}

	/** The layer a name stands for (tensor name, or node name for its first output). */
	public OnnxLayer layer(String name, int height, int width) throws OnnxFormatException {
		String tensor = tensorOf(name);
		for (OnnxLayer layer : layers(height, width))
			if (layer.name().equals(tensor)) return layer;
		OnnxFormatException refusal = walk(height, width).refusal(tensor);
		if (refusal != null) throw refusal;
		throw notALayer(name);
	}

	IllegalArgumentException notALayer(String name) {
		return new IllegalArgumentException("'" + name + "' in " + graph.file().getFileName()
			+ " is not a layer (not computed from the input as [N, C, H, W] or [N, C])");
	}

	/**
	 * The layers shown without a choice: the output of every activation (Relu, LeakyRelu, Clip, HardSwish, Tanh) that
	 * follows a convolution, transposed too (directly or through a BatchNormalization), or a residual Add; where such
	 * outputs are all the inputs of a Concat (an Inception block), the Concat instead of the activations inside its
	 * branches. A network with no such activation (ConvNeXt: its GELU is written out as arithmetic) has its residual
	 * Adds' outputs instead. Only layers whose units all have box fields.
	 */
	public List<OnnxLayer> defaultLayers(int height, int width) throws OnnxFormatException {
		Set<String> chosen = new LinkedHashSet<>();
		for (OnnxNode node : graph.nodes()) {
			if (!OnnxImporter.isActivation(node) || node.inputs().isEmpty()) continue;
			OnnxNode before = graph.producer(node.inputs().get(0));
			if (before != null && before.opType().equals("BatchNormalization"))
				before = graph.producer(before.inputs().get(0));
			if (before != null && List.of("Conv", "ConvTranspose", "Add").contains(before.opType()))
				chosen.add(node.outputs().get(0));
		}
		for (OnnxNode node : graph.nodes())
			if (node.opType().equals("Concat") && !node.inputs().isEmpty() && chosen.containsAll(node.inputs())) {
				chosen.removeAll(insideBlock(node));
				chosen.add(node.outputs().get(0));
			}
		List<OnnxLayer> all = layers(height, width);
		if (chosen.isEmpty()) chosen.addAll(residualSums(all));
		List<OnnxLayer> layers = new ArrayList<>();
		for (OnnxLayer layer : all)
			if (chosen.contains(layer.name()) && layer.mapHeight() * layer.mapWidth() > 0 && layer.hasBoxFields()
				&& layer.fields().channels() == layer.units())
				layers.add(layer);
		return layers;
	}

	/** The outputs of the Adds of two of the {@code layers} (computed data, not constants): residual connections' sums. */
	private List<String> residualSums(List<OnnxLayer> layers) {
		Set<String> computed = new HashSet<>();
		layers.forEach(layer -> computed.add(layer.name()));
		List<String> sums = new ArrayList<>();
		for (OnnxNode node : graph.nodes())
			if (node.opType().equals("Add") && node.inputs().size() == 2 && computed.containsAll(node.inputs()))
				sums.add(node.outputs().get(0));
		return sums;
	}

	/**
	 * The tensors of a block that ends in {@code concat}: those some but not all of its inputs depend on (the
	 * branches), and the inputs themselves; not what the whole block reads.
	 */
	private Set<String> insideBlock(OnnxNode concat) {
		List<Set<String>> ancestry = new ArrayList<>();
		for (String input : concat.inputs()) {
			Set<String> tensors = upstream(List.of(input));
			tensors.add(input);
			ancestry.add(tensors);
		}
		Set<String> common = new HashSet<>(ancestry.get(0));
		Set<String> all = new HashSet<>();
		for (Set<String> a : ancestry) {
			common.retainAll(a);
			all.addAll(a);
		}
		all.removeAll(common);
		return all;
	}

	/** All tensors {@code tensors} are computed from (not including themselves). */
	private Set<String> upstream(java.util.Collection<String> tensors) {
		Set<String> seen = new HashSet<>();
		Deque<String> todo = new ArrayDeque<>(tensors);
		while (!todo.isEmpty()) {
			OnnxNode node = graph.producer(todo.pop());
			if (node == null) continue;
			for (String in : node.inputs())
				if (!in.isEmpty() && seen.add(in)) todo.push(in);
		}
		return seen;
	}

	/** The tensor a layer name stands for: a tensor name, or a node's name for its first output. */
	public String tensorOf(String name) {
		if (graph.producer(name) != null) return name;
		OnnxNode node = graph.node(name);
		if (node != null && !node.outputs().isEmpty()) return node.outputs().get(0);
		throw new IllegalArgumentException("no tensor or node named '" + name + "' in " + graph.file().getFileName());
	}

	/**
	 * Builds, with {@code tf}, the part of the network that computes {@code layers} from {@code nchwInput} (float32,
	 * [batch, channels, height, width], any batch size). Returns each layer's activation by the name given, NHWC
	 * ([batch, H, W, units]; a 2-D layer as [batch, 1, 1, units]).
	 */
	public Map<String, Operand<TFloat32>> build(Ops tf, Operand<TFloat32> nchwInput, int height, int width,
		List<String> layers) throws OnnxFormatException
	{
		Map<String, String> tensors = tensorsOf(layers);
		OnnxImporter importer = imported(tf, nchwInput, height, width, tensors.values());
		Map<String, Operand<TFloat32>> result = new LinkedHashMap<>();
		for (Map.Entry<String, String> e : tensors.entrySet()) {
			Value v = importer.value(e.getValue());
			if (v == null || !v.batched || v.rank() != 4 && v.rank() != 2) throw notALayer(e.getKey());
			result.put(e.getKey(), v.rank() == 4 ? v.op
				: tf.reshape(v.op, tf.constant(new int[] { -1, 1, 1, (int) v.shape[1] })));
		}
		return result;
	}

	/**
	 * As {@link #build}, and the walk that projects a signal at any of the layers back into the input (deconvnet
	 * projections): {@link BackwardWalk#project}, with the layer's tensor ({@link #tensorOf}) in its operand's layout.
	 *
	 * @param toSelections an operand per image to one per selection
	 */
	public BackwardWalk buildBackward(Ops tf, Operand<TFloat32> nchwInput, int height, int width, List<String> layers,
		UnaryOperator<Operand<TFloat32>> toSelections, ProjectionMethod method) throws OnnxFormatException
	{
		Map<String, String> tensors = tensorsOf(layers);
		OnnxImporter importer = imported(tf, nchwInput, height, width, tensors.values());
		for (Map.Entry<String, String> e : tensors.entrySet()) {
			Value v = importer.value(e.getValue());
			if (v == null || !v.batched || v.rank() != 4 && v.rank() != 2) throw notALayer(e.getKey());
		}
		return new BackwardWalk(importer, nodesFor(tensors.values()), input.name(), toSelections, method);
	}

	/** Each layer name's tensor. */
	private Map<String, String> tensorsOf(List<String> layers) {
		Map<String, String> tensors = new LinkedHashMap<>();
		for (String name : layers)
			tensors.put(name, tensorOf(name));
		return tensors;
	}

	/** The walk that imported the part of the graph computing {@code tensors}, with TF ops. */
	private OnnxImporter imported(Ops tf, Operand<TFloat32> nchwInput, int height, int width,
		java.util.Collection<String> tensors) throws OnnxFormatException
	{
		checkSize(height, width);
		OnnxImporter importer = new OnnxImporter(graph, tf, new HashSet<>(tensors));
		importer.input(input.name(), new long[] { 1, input.channels(), height, width }, nchwInput);
		importer.run(nodesFor(tensors));
		return importer;
	}

	/** The nodes the tensors depend on, in graph order. */
	private List<OnnxNode> nodesFor(java.util.Collection<String> tensors) {
		Set<String> needed = upstream(tensors);
		needed.addAll(tensors);
		List<OnnxNode> ordered = new ArrayList<>();
		for (OnnxNode node : graph.nodes())
			if (node.outputs().stream().anyMatch(needed::contains)) ordered.add(node);
		return ordered;
	}

	private OnnxImporter walk(int height, int width) throws OnnxFormatException {
		checkSize(height, width);
		OnnxImporter importer = new OnnxImporter(graph, null, Set.of());
		importer.input(input.name(), new long[] { 1, input.channels(), height, width }, null);
		importer.runPastRefusals(graph.nodes());
		return importer;
	}

	private void checkSize(int height, int width) {
		if (height < 1 || width < 1 || height > InputSpec.MAX_SIZE || width > InputSpec.MAX_SIZE)
			throw new IllegalArgumentException("input size " + height + "×" + width + " out of range (1.." +
				InputSpec.MAX_SIZE + ")");
		if (input.hasFixedSize() && (height != input.height() || width != input.width()))
			throw new IllegalArgumentException(graph.file().getFileName() + " takes " + input.height() + "×"
				+ input.width() + " inputs, not " + height + "×" + width);
	}
}
