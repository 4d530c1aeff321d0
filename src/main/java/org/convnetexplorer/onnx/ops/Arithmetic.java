package org.convnetexplorer.onnx.ops;

import java.util.Arrays;
import java.util.function.LongBinaryOperator;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.convnetexplorer.onnx.graph.OnnxTensor;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Element-wise Add, Sub, Mul, Div, Pow with broadcasting: on computed data (where two computed sides meet, their fields
 * merge; a side spread over the whole map has no box), or folded where both sides are constants.
 */
enum Arithmetic implements Operator {

	ADD((a, b) -> a + b, (a, b) -> a + b, (tf, a, b) -> tf.math.add(a, b)) {
		/** A sum's signal goes to each computed side whole (a residual block's: to both branches). */
		@Override
		public void backward(BackwardStep step) throws OnnxFormatException {
			long[] out = step.node().walk().value(step.node().node().outputs().get(0)).shape;
			for (int i = 0; i < 2; i++) {
				Value side = step.node().input(i);
				if (side.batched && !Arrays.equals(side.shape, out)) throw step.noRule("where it broadcasts data");
				step.send(i, step.signal());
			}
		}
	},
	SUB((a, b) -> a - b, (a, b) -> a - b, (tf, a, b) -> tf.math.sub(a, b)),
	MUL((a, b) -> a * b, (a, b) -> a * b, (tf, a, b) -> tf.math.mul(a, b)),
	DIV((a, b) -> a / b, (a, b) -> a / b, (tf, a, b) -> tf.math.div(a, b)), // integer b != 0: checked before
	POW((a, b) -> (long) Math.pow(a, b), (a, b) -> (float) Math.pow(a, b), (tf, a, b) -> tf.math.pow(a, b));

	private interface FloatOperator {
		float of(float a, float b);
	}

	private interface Emission {
		Operand<TFloat32> of(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b);
	}

	private final LongBinaryOperator ofLongs;
	private final FloatOperator ofFloats;
	private final Emission emission;

	Arithmetic(LongBinaryOperator ofLongs, FloatOperator ofFloats, Emission emission) {
		this.ofLongs = ofLongs;
		this.ofFloats = ofFloats;
		this.emission = emission;
	}

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		node.allow("axis", "broadcast");
		if (node.hasAttr("broadcast") && node.opset() < 7)
			throw node.fail("legacy broadcast attributes (opset < 7) are not supported");
		Value a = node.input(0);
		Value b = node.input(1);
		if (a.isConstant() && b.isConstant()) return fold(node, a, b);
		if (a.batched && b.batched && a.rank() != b.rank())
			throw node.fail("combines computed tensors of ranks " + a.rank() + " and " + b.rank());
		if (a.batched && b.batched && a.channelsLast != b.channelsLast)
			throw node.fail("combines a map moved channels last with one that is not");
		Value computed = a.batched ? a : b;
		Value other = a.batched ? b : a;
		if (other.rank() > computed.rank()) throw node.fail("broadcasts a constant of higher rank over the data");
		long[] shape = broadcast(node, a.shape, b.shape);
		LayerFields fields;
		if (other.batched && this == MUL && !a.channelsLast && globalGate(b, a, shape))
			fields = a.fields.gated(node.describe());
		else if (other.batched && this == MUL && !a.channelsLast && globalGate(a, b, shape))
			fields = b.fields.gated(node.describe());
		else if (other.batched) {
			LayerFields fa = spreadFields(node, a, shape);
			LayerFields fb = spreadFields(node, b, shape);
			fields = computed.rank() >= 2 ? LayerFields.merged(fa, fb, node.describe()) : fa;
		}
		else {
			if (!Arrays.equals(shape, computed.shape)) throw node.fail("a constant widens the data's shape");
			fields = computed.fields;
		}
		Ops tf = node.tf();
		if (tf == null) return Value.computedAs(computed, shape, fields, null);
		Operand<TFloat32> pa = a.batched ? a.op : Layout.broadcastable(node, a, computed);
		Operand<TFloat32> pb = b.batched ? b.op : Layout.broadcastable(node, b, computed);
		return Value.computedAs(computed, shape, fields, emission.of(tf, pa, pb));
	}

	@Override
	public boolean takesChannelsLast() {
		return true;
	}

	/**
	 * Whether {@code gate} scales {@code data} by one number per image and channel (a squeeze-and-excitation gate,
	 * computed from the whole map): a map of 1×1 over a data map of its full size. The product's units then keep the
	 * data's spatial fields: with the gate held, a unit changes with exactly the pixels its ungated unit sees.
	 */
	private static boolean globalGate(Value gate, Value data, long[] shape) {
		if (gate.rank() != 4 || data.rank() != 4 || !Arrays.equals(data.shape, shape)) return false;
		return gate.shape[2] == 1 && gate.shape[3] == 1 && shape[2] * shape[3] > 1 &&
			(gate.shape[1] == shape[1] || gate.shape[1] == 1);
	}

	/** A side's fields where it is broadcast over space: one value for the whole map is no box. */
	private static LayerFields spreadFields(Step node, Value v, long[] shape) {
		for (int i = v.channelsLast ? 1 : 2; i < shape.length - (v.channelsLast ? 1 : 0); i++)
			if (v.shape[i] != shape[i])
				return v.fields.notBox(node.describe() + " spreads one value over the whole map: each unit sees the whole input");
		return v.fields;
	}

	private static long[] broadcast(Step node, long[] a, long[] b) throws OnnxFormatException {
		int rank = Math.max(a.length, b.length);
		long[] out = new long[rank];
		for (int i = 0; i < rank; i++) {
			long da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
			long db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
			if (da == db || db == 1) out[i] = da;
			else if (da == 1) out[i] = db;
			else throw node.fail("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
		}
		return out;
	}

	/** Both sides constant: the result, where each side is the whole shape or one value. */
	private Value fold(Step node, Value a, Value b) throws OnnxFormatException {
		long[] shape = broadcast(node, a.shape, b.shape);
		int n = OnnxTensor.elementCount(shape);
		int na = OnnxTensor.elementCount(a.shape);
		int nb = OnnxTensor.elementCount(b.shape);
		if (!(na == n || na == 1) || !(nb == n || nb == 1) || na != n && !Arrays.equals(a.shape, shape) && na != 1)
			throw node.fail("cannot fold this broadcast of constants");
		if (na == n && !Arrays.equals(a.shape, shape) || nb == n && !Arrays.equals(b.shape, shape) && nb != 1)
			throw node.fail("cannot fold this broadcast of constants");
		if (a.ints != null && b.ints != null) {
			long[] out = new long[n];
			for (int i = 0; i < n; i++) {
				long x = a.ints[na == 1 ? 0 : i];
				long y = b.ints[nb == 1 ? 0 : i];
				if (x == Value.BATCH_SIZE || y == Value.BATCH_SIZE) throw node.fail("uses the batch size in arithmetic");
				if (this == DIV && y == 0) throw node.fail("divides by zero");
				out[i] = ofLongs.applyAsLong(x, y);
			}
			return Value.ints(shape, out);
		}
		float[] fa = a.floats != null ? a.floats : node.toFloats(a.ints);
		float[] fb = b.floats != null ? b.floats : node.toFloats(b.ints);
		float[] out = new float[n];
		for (int i = 0; i < n; i++)
			out[i] = ofFloats.of(fa[na == 1 ? 0 : i], fb[nb == 1 ? 0 : i]);
		return Value.floats(shape, out);
	}
}
