package org.convnetexplorer.onnx.ops;

import java.util.Arrays;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.ops.OnnxImporter.Value;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * Gemm and MatMul of computed [N, K] data with a constant matrix (a fully connected layer): every unit mixes all. MatMul
 * also of a map moved channels last ([N, H, W, K], ConvNeXt's per-position layers): each position's units mix, as a
 * 1×1 convolution's do.
 */
final class MatrixProduct implements Operator {

	private final boolean gemm;

	/** @param gemm Gemm (alpha, beta, transB, C); else MatMul */
	MatrixProduct(boolean gemm) {
		this.gemm = gemm;
	}

	@Override
	public Value apply(Step node) throws OnnxFormatException {
		if (gemm) node.allow("alpha", "beta", "transA", "transB");
		else node.allow();
		Value a = node.input(0);
		if (!gemm && a.channelsLast) return perPosition(node, a, node.constant(1));
		a = node.computed(0, 2);
		Value b = node.constant(1);
		if (b.rank() != 2 || b.floats == null) throw node.fail("needs a constant 2-D float matrix as its second input");
		if (gemm && node.intAttr("transA", 0) != 0) throw node.fail("transA=1 on computed data is not supported");
		boolean transB = gemm && node.intAttr("transB", 0) != 0;
		long k = transB ? b.shape[1] : b.shape[0];
		int m = (int) (transB ? b.shape[0] : b.shape[1]);
		if (k != a.shape[1]) throw node.fail("matrix of " + Arrays.toString(b.shape) + " for " + a.shape[1] + " inputs");
		float alpha = gemm ? node.floatAttr("alpha", 1f) : 1f;
		float beta = gemm ? node.floatAttr("beta", 1f) : 1f;
		float[] c = null;
		if (gemm && node.has(2)) {
			Value cv = node.constant(2);
			c = cv.floats;
			if (c == null || !(c.length == m || c.length == 1) || cv.rank() > 2 || cv.rank() == 2 && cv.shape[0] != 1)
				throw node.fail("its C input must be a constant broadcast along the batch");
		}
		long[] shape = { Value.BATCH, m };
		LayerFields fields = a.fields.mixed(m, 1, f -> f, node.describe());
		Ops tf = node.tf();
		if (tf == null) return Value.computed(shape, fields, null);
		float[] kxm = new float[(int) k * m];
		for (int i = 0; i < k; i++)
			for (int j = 0; j < m; j++)
				kxm[i * m + j] = alpha * (transB ? b.floats[(int) (j * k + i)] : b.floats[i * m + j]);
		Operand<TFloat32> y = tf.linalg.matMul(a.op, Layout.floats(tf, kxm, k, m), MatMul.transposeA(false));
		if (c == null) return Value.computed(shape, fields, y);
		float[] bias = new float[m];
		for (int j = 0; j < m; j++)
			bias[j] = beta * c[c.length == 1 ? 0 : j];
		return Value.computed(shape, fields, tf.math.add(y, Layout.floats(tf, bias, m)));
	}

	@Override
	public boolean takesChannelsLast() {
		return !gemm;
	}

	/** MatMul of a map moved channels last, [N, H, W, K], by a constant [K, M]: [N, H, W, M], channels last. */
	private static Value perPosition(Step node, Value a, Value b) throws OnnxFormatException {
		long k = a.shape[3];
		if (b.rank() != 2 || b.floats == null || b.shape[0] != k)
			throw node.fail("needs a constant float matrix of " + k + " rows as its second input");
		int m = (int) b.shape[1];
		long[] shape = { Value.BATCH, a.shape[1], a.shape[2], m };
		LayerFields fields = a.fields.mixed(m, 1, f -> f, node.describe());
		Ops tf = node.tf();
		if (tf == null) return Value.channelsLast(shape, fields, null);
		Operand<TFloat32> rows = tf.reshape(a.op, tf.constant(new long[] { -1, k }));
		Operand<TFloat32> y = tf.linalg.matMul(rows, Layout.floats(tf, b.floats, k, m));
		return Value.channelsLast(shape, fields, tf.reshape(y, tf.constant(new long[] { -1, shape[1], shape[2], m })));
	}
}
