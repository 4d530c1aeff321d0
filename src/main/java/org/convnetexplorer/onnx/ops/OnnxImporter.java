package org.convnetexplorer.onnx.ops;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxAttribute;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.graph.OnnxGraph;
import org.convnetexplorer.onnx.graph.OnnxNode;
import org.convnetexplorer.onnx.graph.OnnxTensor;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Walks an ONNX graph node by node at a given input size and works out, for each tensor, its shape, its units'
 * receptive fields and (where given {@link Ops}) the TensorFlow operand that computes it. One walk serves the layer list
 * (shapes and fields only) and the TF graph (the same walk with ops), so the two cannot disagree. Each node is handed
 * to its {@link Operator} from the {@link Operators} registry, which states the node's shape, field and TF rules.
 * <p>
 * Conventions: shapes are ONNX's (NCHW); a tensor computed from the input carries the batch as dim 0
 * ({@link Value#BATCH}, whatever size the model declared: a model exported with batch 1 runs any batch). Its TF operand
 * is NHWC where its rank is 4 (TF's CPU kernels' layout), else in ONNX's order. Shape computations (Shape, Gather,
 * Unsqueeze, Concat, Cast, Slice on integers) are folded, with the batch size kept symbolic ({@link Value#BATCH_SIZE}),
 * so no batch size is baked into the graph. An operator, attribute or pattern not handled exactly is refused with the
 * node's name.
 */
public final class OnnxImporter implements Walk {

	/** A tensor as the walk knows it: a constant (integers or floats) or data computed from the input. */
	public static final class Value {

		/** In a shape: the batch dimension, of any size. */
		public static final long BATCH = -1;
		/** In folded integer content: the batch size, unknown until run. */
		public static final long BATCH_SIZE = Long.MIN_VALUE;

		public final long[] shape;
		/** Computed from the input (dim 0 the batch); else a constant. */
		public final boolean batched;
		public final long[] ints;
		public final float[] floats;
		/** The units' fields, for computed data. */
		public final LayerFields fields;
		/** The TF operand, for computed data where TF ops are built; else null. */
		public final Operand<TFloat32> op;
		/**
		 * A map of rank 4 moved channels last ([N, H, W, C], as ConvNeXt's blocks have it): its units are along the
		 * last axis and its operand is in ONNX's order, which is already TF's NHWC.
		 */
		public final boolean channelsLast;

		private Value(long[] shape, boolean batched, long[] ints, float[] floats, LayerFields fields, Operand<TFloat32> op,
			boolean channelsLast)
		{
			this.shape = shape;
			this.batched = batched;
			this.ints = ints;
			this.floats = floats;
			this.fields = fields;
			this.op = op;
			this.channelsLast = channelsLast;
		}

		public static Value ints(long[] shape, long[] content) {
			return new Value(shape, false, content, null, null, null, false);
		}

		public static Value floats(long[] shape, float[] content) {
			return new Value(shape, false, null, content, null, null, false);
		}

		public static Value computed(long[] shape, LayerFields fields, Operand<TFloat32> op) {
			return new Value(shape, true, null, null, fields, op, false);
		}

		/** Computed data in the layout of {@code like} (channels first, or channels last). */
		public static Value computedAs(Value like, long[] shape, LayerFields fields, Operand<TFloat32> op) {
			return new Value(shape, true, null, null, fields, op, like.channelsLast);
		}

		/** A map of rank 4 with its channels last ({@link #channelsLast}). */
		public static Value channelsLast(long[] shape, LayerFields fields, Operand<TFloat32> op) {
			return new Value(shape, true, null, null, fields, op, true);
		}

		/** A constant of another shape with this one's content. */
		public Value reshapedConstant(long[] newShape) {
			return ints != null ? ints(newShape, ints) : floats(newShape, floats);
		}

		public int rank() {
			return shape.length;
		}

		public boolean isConstant() {
			return !batched;
		}

		/** Channels (dim 1, or the last where {@link #channelsLast}) of a computed tensor of rank ≥ 2, else 1. */
		public int channels() {
			return channelsLast ? (int) shape[3] : rank() >= 2 ? (int) shape[1] : 1;
		}

		/** The axes of space: 2 and 3 of a map, 1 and 2 where {@link #channelsLast}. */
		public int[] spatialAxes() {
			return channelsLast ? new int[] { 1, 2 } : rank() == 4 ? new int[] { 2, 3 } : new int[0];
		}
	}

	private final OnnxGraph graph;
	private final Ops tf;
	private final Map<String, Value> values = new HashMap<>();
	private final NormFolding normFolding;
	private final Reflections reflections = new Reflections();
	/** Tensors a walk that goes past refusals ({@link #runPastRefusals}) could not compute, and why. */
	private final Map<String, OnnxFormatException> refused = new LinkedHashMap<>();

	/**
	 * @param tf where to build the TF ops; null: shapes and fields only
	 * @param kept tensors the caller fetches: never folded away
	 */
	public OnnxImporter(OnnxGraph graph, Ops tf, Set<String> kept) {
		this.graph = graph;
		this.tf = tf;
		this.normFolding = tf == null ? NormFolding.NONE : NormFolding.plan(graph, kept);
	}

	@Override
	public Value value(String tensor) {
		return values.get(tensor);
	}

	/** Sets the graph input: NCHW shape with dim 0 the batch, and its operand (NCHW, as fed), or null. */
	public void input(String name, long[] nchw, Operand<TFloat32> fed) {
		long[] shape = nchw.clone();
		shape[0] = Value.BATCH;
		Operand<TFloat32> op = fed == null ? null : Layout.toPhysical(tf, fed, shape);
		values.put(name, Value.computed(shape, LayerFields.input((int) shape[1]), op));
	}

	public void run(Collection<OnnxNode> nodes) throws OnnxFormatException {
		readInitializers();
		for (OnnxNode node : nodes)
			step(node);
	}

	private void readInitializers() throws OnnxFormatException {
		for (Map.Entry<String, OnnxTensor> e : graph.initializers().entrySet())
			values.putIfAbsent(e.getKey(), constant(e.getValue(), null));
	}

	/**
	 * Walks {@code nodes} as {@link #run} does, but where a node is refused (or reads a refused tensor), records why
	 * for its outputs and goes on: the rest of the graph stays usable, for layers that do not need that node.
	 */
	public void runPastRefusals(Collection<OnnxNode> nodes) throws OnnxFormatException {
		readInitializers();
		for (OnnxNode node : nodes)
			try {
				OnnxFormatException upstream = node.inputs().stream().map(refused::get).filter(r -> r != null)
					.findFirst().orElse(null);
				if (upstream != null) throw upstream;
				step(node);
			}
			catch (OnnxFormatException e) {
				for (String output : node.outputs())
					if (!output.isEmpty()) refused.put(output, e);
			}
	}

	/** Why a walk past refusals could not compute {@code tensor} (the first refusal it depends on), or null. */
	public OnnxFormatException refusal(String tensor) {
		return refused.get(tensor);
	}

	/** The first node, in graph order, that a walk past refusals refused; null where it refused none. */
	public OnnxFormatException firstRefusal() {
		return refused.isEmpty() ? null : refused.values().iterator().next();
	}

	private void step(OnnxNode node) throws OnnxFormatException {
		Step step = new Step(node, this);
		if (!node.domain().isEmpty()) throw step.fail("operator of domain '" + node.domain() + "' is not supported");
		for (OnnxAttribute a : node.attributes().values())
			if (a.type() == OnnxAttribute.GRAPH) throw step.fail("subgraphs are not supported");
		Operator operator = Operators.of(node.opType());
		if (operator == null) throw step.fail("unsupported operator");
		if (!operator.takesChannelsLast())
			for (String input : node.inputs()) {
				Value v = input.isEmpty() ? null : values.get(input);
				if (v != null && v.channelsLast) throw step.fail("reads '" + input + "', a map moved channels last, which "
					+ node.opType() + " does not compute on");
			}
		Value out = operator.apply(step);
		if (!operator.checksExtraOutputs())
			for (int i = 1; i < node.outputs().size(); i++)
				if (!node.outputs().get(i).isEmpty())
					throw step.fail("its output " + (i + 1) + " ('" + node.outputs().get(i) + "') is not supported");
		values.put(node.outputs().get(0), out);
	}

	@Override
	public void put(String tensor, Value value) {
		values.put(tensor, value);
	}

	@Override
	public OnnxGraph graph() {
		return graph;
	}

	@Override
	public Ops tf() {
		return tf;
	}

	@Override
	public NormFolding normFolding() {
		return normFolding;
	}

	@Override
	public Reflections reflections() {
		return reflections;
	}

	@Override
	public Value constant(OnnxTensor t, OnnxNode reader) throws OnnxFormatException {
		if (t.isFloat()) return Value.floats(t.dims(), t.sharedFloats());
		if (t.isInteger()) return Value.ints(t.dims(), t.sharedLongs());
		if (reader == null) return Value.ints(t.dims(), new long[0]); // unusable type; refused if a node reads it
		throw new Step(reader, this).fail("constant of type " + OnnxTensor.typeName(t.dataType()) + " is not supported");
	}

	/** Whether the node's output is a default layer's: see {@link Operators#isDefaultLayerActivation}. */
	public static boolean isActivation(OnnxNode node) {
		return Operators.isDefaultLayerActivation(node.opType());
	}
}
