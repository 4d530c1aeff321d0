package org.convnetexplorer.network;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * How a projection of a unit into the input passes a ReLU (or another rectifier) on its way down; every other
 * operator is passed as its gradient (transposed convolution, unpooling through the forward pass's switches, ...).
 */
public enum ProjectionMethod {

	/** Zeiler and Fergus's deconvnet (2013): the signal coming down is rectified, whatever the forward pass did. */
	DECONVNET,
	/**
	 * Springenberg et al.'s guided backpropagation (2014): the signal is rectified and also masked where the forward
	 * ReLU's input was not positive (its gradient), so only what both let through passes.
	 */
	GUIDED;

	/** The name on the command line, in macros and in run.json. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @throws IllegalArgumentException naming the ids there are */
	public static ProjectionMethod fromId(String id) {
		for (ProjectionMethod method : values())
			if (method.id().equals(id == null ? "" : id.trim().toLowerCase(Locale.ROOT))) return method;
		throw new IllegalArgumentException("method must be one of " + ids() + ", not '" + id + "'");
	}

	/** Every method's id, in declaration order (the default first). */
	public static List<String> allIds() {
		return Arrays.stream(values()).map(ProjectionMethod::id).collect(Collectors.toList());
	}

	/** "deconvnet, guided". */
	public static String ids() {
		return String.join(", ", allIds());
	}

	/**
	 * The signal below a ReLU.
	 *
	 * @param signal the signal at the ReLU's output
	 * @param forward the ReLU's input in the forward pass (or its output: both are positive at the same places), of the
	 *     signal's shape
	 */
	public Operand<TFloat32> rectify(Ops tf, Operand<TFloat32> signal, Operand<TFloat32> forward) {
		return rectify(tf, signal, forward, Float.POSITIVE_INFINITY);
	}

	/**
	 * The signal below a ReLU capped at {@code ceiling} (ReLU6): guided backpropagation's mask is its gradient's, so
	 * also zero where the forward input reached the cap.
	 *
	 * @param forward the capped ReLU's input in the forward pass, of the signal's shape
	 */
	public Operand<TFloat32> rectify(Ops tf, Operand<TFloat32> signal, Operand<TFloat32> forward, float ceiling) {
		Operand<TFloat32> rectified = tf.nn.relu(signal);
		if (this == DECONVNET) return rectified;
		Operand<TFloat32> guided = mask(tf, rectified, tf.math.greater(forward, tf.constant(0f)));
		return ceiling == Float.POSITIVE_INFINITY ? guided : mask(tf, guided, tf.math.less(forward, tf.constant(ceiling)));
	}

	/**
	 * The signal below a rectifier shaped otherwise than ReLU (LeakyRelu, HardSwish): rectified as a ReLU's; guided
	 * backpropagation multiplies it by the rectifier's own gradient at the forward input, as it masks by ReLU's.
	 *
	 * @param gradient the rectifier's derivative at its forward input, of the signal's shape (unused by deconvnet)
	 */
	public Operand<TFloat32> rectifyByGradient(Ops tf, Operand<TFloat32> signal, Operand<TFloat32> gradient) {
		Operand<TFloat32> rectified = tf.nn.relu(signal);
		return this == DECONVNET ? rectified : tf.math.mul(rectified, gradient);
	}

	private static Operand<TFloat32> mask(Ops tf, Operand<TFloat32> signal, Operand<TBool> where) {
		return tf.math.mul(signal, tf.dtypes.cast(where, TFloat32.class));
	}
}
