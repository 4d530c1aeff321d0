package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Between ONNX's axis order (NCHW) and the operands' (NHWC for rank 4, TF's CPU kernels' layout). */
public final class Layout {

	/** An NCHW axis's place in NHWC. */
	static final int[] NCHW_TO_NHWC_AXIS = { 0, 3, 1, 2 };

	private Layout() {
	}

	/** The operand in ONNX's axis order (NCHW for rank 4; NHWC where moved channels last). */
	static Operand<TFloat32> toLogical(Ops tf, Value x) {
		if (x.rank() != 4 || x.channelsLast) return x.op;
		long c = x.shape[1], h = x.shape[2], w = x.shape[3];
		if (h * w == 1 || c == 1) return tf.reshape(x.op, tf.constant(new int[] { -1, (int) c, (int) h, (int) w }));
		return tf.linalg.transpose(x.op, tf.constant(new int[] { 0, 3, 1, 2 }));
	}

	/** An operand in ONNX's axis order made physical (NHWC for rank 4). */
	public static Operand<TFloat32> toPhysical(Ops tf, Operand<TFloat32> logical, long[] shape) {
		if (shape.length != 4) return logical;
		long c = shape[1], h = shape[2], w = shape[3];
		if (h * w == 1 || c == 1) return tf.reshape(logical, tf.constant(new int[] { -1, (int) h, (int) w, (int) c }));
		return tf.linalg.transpose(logical, tf.constant(new int[] { 0, 2, 3, 1 }));
	}

	/** A float constant of the given shape. */
	static Operand<TFloat32> floats(Ops tf, float[] data, long... shape) {
		return tf.constant(Shape.of(shape), DataBuffers.of(data, true, false));
	}

	/**
	 * A float constant as an operand broadcasting against computed data {@code against} (NHWC where rank 4; as it is where the
	 * data are moved channels last, whose operand is in ONNX's order).
	 */
	static Operand<TFloat32> broadcastable(Step node, Value c, Value against) throws OnnxFormatException {
		float[] data = c.floats != null ? c.floats : node.toFloats(c.ints);
		int rank = against.rank();
		long[] shape = new long[rank];
		Arrays.fill(shape, 1);
		System.arraycopy(c.shape, 0, shape, rank - c.rank(), c.rank());
		if (rank == 4 && !against.channelsLast) {
			long n = shape[0], ch = shape[1], h = shape[2], w = shape[3];
			float[] nhwc = new float[data.length];
			for (int i = 0; i < n; i++)
				for (int k = 0; k < ch; k++)
					for (int y = 0; y < h; y++)
						for (int x = 0; x < w; x++)
							nhwc[(int) (((i * h + y) * w + x) * ch + k)] = data[(int) (((i * ch + k) * h + y) * w + x)];
			return floats(node.tf(), nhwc, n, h, w, ch);
		}
		return floats(node.tf(), data, shape);
	}

}
