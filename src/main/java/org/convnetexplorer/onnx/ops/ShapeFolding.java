package org.convnetexplorer.onnx.ops;

import java.util.Arrays;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.convnetexplorer.onnx.graph.OnnxAttribute;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.graph.OnnxTensor;

/**
 * Operators folded on constants, as exporters write them to compute shapes: Constant, Shape, Gather, Cast, Slice,
 * ConstantOfShape. The batch size stays symbolic ({@link Value#BATCH_SIZE}); computed data is refused but by Cast to
 * float.
 */
final class ShapeFolding {

	private ShapeFolding() {
	}

	static final class Constant implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("value", "value_float", "value_floats", "value_int", "value_ints");
			Map<String, OnnxAttribute> a = node.node().attributes();
			if (a.size() != 1) throw node.fail("needs exactly one value attribute");
			OnnxAttribute v = a.values().iterator().next();
			switch (v.name()) {
			case "value":
				if (v.tensor() == null) throw node.fail("value is not a tensor");
				return node.walk().constant(v.tensor(), node.node());
			case "value_float":
				return Value.floats(new long[0], new float[] { v.floatValue() });
			case "value_floats":
				return Value.floats(new long[] { v.floats().length }, v.floats());
			case "value_int":
				return Value.ints(new long[0], new long[] { v.intValue() });
			default:
				return Value.ints(new long[] { v.ints().length }, v.ints());
			}
		}
	}

	/** Shape: of computed data, with the batch size symbolic. */
	static final class ShapeOf implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("start", "end");
			Value x = node.input(0);
			int rank = x.rank();
			long start = node.intAttr("start", 0);
			long end = node.intAttr("end", rank);
			start = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
			end = Math.max(start, Math.min(rank, end < 0 ? end + rank : end));
			long[] dims = new long[(int) (end - start)];
			for (int i = 0; i < dims.length; i++) {
				long d = x.shape[(int) start + i];
				dims[i] = d == Value.BATCH && x.batched ? Value.BATCH_SIZE : d;
			}
			return Value.ints(new long[] { dims.length }, dims);
		}
	}

	static final class Gather implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("axis");
			Value data = node.input(0);
			Value indices = node.constant(1);
			if (data.batched) throw node.fail("gathering from computed data is not supported");
			if (data.rank() != 1 || indices.ints == null || node.axis(node.intAttr("axis", 0), 1) != 0)
				throw node.fail("folds only a 1-D constant indexed along axis 0");
			int n = (int) data.shape[0];
			long[] at = indices.ints;
			long[] li = new long[at.length];
			float[] lf = new float[at.length];
			for (int i = 0; i < at.length; i++) {
				long k = at[i] < 0 ? at[i] + n : at[i];
				if (k < 0 || k >= n) throw node.fail("index " + at[i] + " out of range " + n);
				if (data.ints != null) li[i] = data.ints[(int) k];
				else lf[i] = data.floats[(int) k];
			}
			return data.ints != null ? Value.ints(indices.shape, li) : Value.floats(indices.shape, lf);
		}
	}

	/** Cast: of constants to float, integer or bool; of computed data to float only (it is float already). */
	static final class Cast implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("to", "saturate");
			Value x = node.input(0);
			int to = (int) node.intAttr("to", 0);
			boolean toFloat = to == OnnxTensor.FLOAT || to == OnnxTensor.DOUBLE || to == OnnxTensor.FLOAT16;
			if (x.batched) {
				if (to != OnnxTensor.FLOAT) throw node.fail("casts computed data to " + OnnxTensor.typeName(to));
				return x;
			}
			if (toFloat) return Value.floats(x.shape, x.floats != null ? x.floats : node.toFloats(x.ints));
			if (to == OnnxTensor.BOOL || to == OnnxTensor.INT64 || to == OnnxTensor.INT32) {
				if (x.ints != null)
					return to == OnnxTensor.BOOL ? Value.ints(x.shape, Arrays.stream(x.ints).map(v -> v != 0 ? 1 : 0).toArray()) : x;
				long[] out = new long[x.floats.length];
				for (int i = 0; i < out.length; i++)
					out[i] = to == OnnxTensor.BOOL ? (x.floats[i] != 0 ? 1 : 0) : (long) x.floats[i];
				return Value.ints(x.shape, out);
			}
			throw node.fail("casts to " + OnnxTensor.typeName(to) + ", not supported");
		}
	}

	static final class ConstantOfShape implements Operator {

		@Override
		public Value apply(Step node) throws OnnxFormatException {
			node.allow("value");
			long[] dims = node.constant(0).ints;
			if (dims == null) throw node.fail("needs a constant integer shape");
			for (long d : dims)
				if (d < 0 || d == Value.BATCH_SIZE) throw node.fail("shape " + Reshape.describeTarget(dims) + " is not a constant size");
			int n = OnnxTensor.elementCount(dims);
			if (n < 0 || n > 1 << 24) throw node.fail("shape " + Arrays.toString(dims) + " too large to fold");
			OnnxAttribute value = node.node().attributes().get("value");
			OnnxTensor t = value == null ? null : value.tensor();
			if (t == null || t.isFloat()) {
				float[] f = new float[n];
				Arrays.fill(f, t == null ? 0f : t.floats()[0]);
				return Value.floats(dims, f);
			}
			long[] l = new long[n];
			Arrays.fill(l, t.longs()[0]);
			return Value.ints(dims, l);
		}
	}

	/** A constant with elements taken from {@code x}: output position (as indices per axis) → index into x. */
	static Value rearranged(Value x, long[] shape, ToLongFunction<long[]> source) {
		int n = OnnxTensor.elementCount(shape);
		long[] position = new long[shape.length];
		long[] ints = x.ints != null ? new long[n] : null;
		float[] floats = x.floats != null ? new float[n] : null;
		for (int i = 0; i < n; i++) {
			long rest = i;
			for (int d = shape.length - 1; d >= 0; d--) {
				position[d] = rest % shape[d];
				rest /= shape[d];
			}
			int from = (int) source.applyAsLong(position);
			if (ints != null) ints[i] = x.ints[from];
			else floats[i] = x.floats[from];
		}
		return ints != null ? Value.ints(shape, ints) : Value.floats(shape, floats);
	}
}
