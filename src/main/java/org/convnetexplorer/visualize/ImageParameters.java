package org.convnetexplorer.visualize;

import org.convnetexplorer.images.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * How a batch of images is made from the values optimised, as graph ops in front of the network: the values (fed each
 * step) become images in [0, 1], resampled by the step's {@link Resampling}, normalised with the network's mean and
 * std, NCHW. Its placeholders have defaults (zeros; the identity resampling), as {@link
 * org.convnetexplorer.network.GraphHead} asks.
 */
final class ImageParameters {

	enum Kind {
		/** lucid's: Fourier coefficients scaled by 1/frequency, decorrelated colour, sigmoid. */
		FOURIER,
		/** DeepVis's: the pixels themselves, NHWC, kept in [0, 1] by the optimiser. */
		PIXELS,
		/** The network's normalised input itself, NCHW, not resampled: for checking gradients. */
		NORMALISED_INPUT
	}

	private final Kind kind;
	private final InputSpec spec;
	private final int batch;
	private final int size;
	private Operand<TFloat32> variable;
	private Operand<TFloat32> image;
	private Operand<TInt32> index;
	private Operand<TFloat32> weight;
	private Operand<TFloat32> fill;

	ImageParameters(Kind kind, InputSpec spec, int batch) {
		this.kind = kind;
		this.spec = spec;
		this.batch = batch;
		size = spec.size();
	}

	Kind kind() {
		return kind;
	}

	/** The shape of the values fed: [batch·channels, S, S] coefficients, [batch, S², channels] pixels, or NCHW. */
	Shape shape() {
		int c = spec.channels();
		switch (kind) {
		case FOURIER:
			return Shape.of(batch * c, size, size);
		case PIXELS:
			return Shape.of(batch, size * size, c);
		default:
			return Shape.of(batch, c, size, size);
		}
	}

	/** Floats of the values fed: batch × channels × S². */
	int floats() {
		return (int) shape().size();
	}

	/** What the gradient is taken with respect to. */
	Operand<TFloat32> variable() {
		return variable;
	}

	/** The images in [0, 1] before resampling, [batch, S², channels]. */
	Operand<TFloat32> image() {
		if (image == null) throw new IllegalStateException(kind + " has no image in [0, 1]");
		return image;
	}

	/** Builds the ops; returns what the network reads (NCHW, normalised). */
	Operand<TFloat32> build(Ops tf, Operand<TFloat32> images) {
		if (kind == Kind.NORMALISED_INPUT) {
			variable = images;
			return images;
		}
		Shape shape = shape();
		variable = tf.placeholderWithDefault(tf.fill(tf.constant(toInts(shape)), tf.constant(0f)), shape);
		image = kind == Kind.FOURIER ? fourierImage(tf) : tf.identity(variable); // fed, so not fetchable itself
		return normalised(tf, resampled(tf, image));
	}

	/** B · (scale ⊙ P) · Bᵀ per channel plane ({@link SpectralBasis}), colour mixed, through a sigmoid. */
	private Operand<TFloat32> fourierImage(Ops tf) {
		int s = size;
		int planes = batch * spec.channels();
		Operand<TFloat32> basis = tf.constant(Shape.of(s, s), DataBuffers.of(SpectralBasis.basis(s), true, false));
		Operand<TFloat32> scaled = tf.math.mul(variable, tf.constant(Shape.of(s, s), DataBuffers.of(
			SpectralBasis.scale(s), true, false)));
		// rows: [(plane, jy), jx] · Bᵀ -> [(plane, jy), x]
		Operand<TFloat32> rows = tf.linalg.matMul(tf.reshape(scaled, tf.constant(new int[] { planes * s, s })), basis,
			MatMul.transposeB(true));
		Operand<TFloat32> byFrequency = tf.reshape(tf.linalg.transpose(tf.reshape(rows, tf.constant(
			new int[] { planes, s, s })), tf.constant(new int[] { 1, 0, 2 })), tf.constant(new int[] { s, planes * s }));
		// columns: B · [jy, (plane, x)] -> [y, (plane, x)]
		Operand<TFloat32> pixels = tf.linalg.transpose(tf.reshape(tf.linalg.matMul(basis, byFrequency),
			tf.constant(new int[] { s, planes, s })), tf.constant(new int[] { 1, 0, 2 }));
		Operand<TFloat32> nhwc = tf.linalg.transpose(tf.reshape(pixels, tf.constant(new int[] { batch,
			spec.channels(), s * s })), tf.constant(new int[] { 0, 2, 1 }));
		if (spec.channels() == 3) nhwc = tf.reshape(tf.linalg.matMul(tf.reshape(nhwc, tf.constant(new int[] { -1, 3 })),
			tf.constant(Shape.of(3, 3), DataBuffers.of(SpectralBasis.colourTransposed(), true, false))), tf.constant(
				new int[] { batch, s * s, 3 }));
		return tf.math.sigmoid(nhwc);
	}

	/** The images resampled ({@link Resampling}): a gather of four pixels each, weighted, plus grey outside. */
	private Operand<TFloat32> resampled(Ops tf, Operand<TFloat32> images) {
		int pixels = size * size;
		Resampling identity = Resampling.identity(size);
		index = tf.placeholderWithDefault(tf.constant(identity.index), Shape.of(4 * pixels));
		weight = tf.placeholderWithDefault(tf.constant(identity.weight), Shape.of(4 * pixels));
		fill = tf.placeholderWithDefault(tf.constant(identity.fill), Shape.of(pixels));
		Operand<TFloat32> corners = tf.reshape(tf.gather(images, index, tf.constant(1)), tf.constant(
			new int[] { batch, 4, pixels, spec.channels() }));
		Operand<TFloat32> weighted = tf.sum(tf.math.mul(corners, tf.reshape(weight, tf.constant(
			new int[] { 1, 4, pixels, 1 }))), tf.constant(1));
		return tf.math.add(weighted, tf.math.mul(tf.reshape(fill, tf.constant(new int[] { 1, pixels, 1 })),
			tf.constant(Resampling.OUTSIDE)));
	}

	/** (x − mean) / std per channel, as the network's preprocessing does, to NCHW. */
	private Operand<TFloat32> normalised(Ops tf, Operand<TFloat32> images) {
		int c = spec.channels();
		float[] mean = new float[c];
		float[] std = new float[c];
		for (int i = 0; i < c; i++) {
			mean[i] = spec.mean(i);
			std[i] = spec.std(i);
		}
		Operand<TFloat32> normal = tf.math.div(tf.math.sub(images, tf.constant(mean)), tf.constant(std));
		return tf.linalg.transpose(tf.reshape(normal, tf.constant(new int[] { batch, size, size, c })),
			tf.constant(new int[] { 0, 3, 1, 2 }));
	}

	/** The tensors of one resampling, to feed with a run; nothing to feed for null or the normalised input. */
	ObjectiveHead.ResamplingTensors tensors(Resampling resampling) {
		if (resampling == null || kind == Kind.NORMALISED_INPUT) return new ObjectiveHead.ResamplingTensors() {
			@Override
			public void feed(Session.Runner runner) {}

			@Override
			public void close() {}
		};
		int pixels = size * size;
		TInt32 indexTensor = TInt32.tensorOf(Shape.of(4 * pixels), DataBuffers.of(resampling.index, true, false));
		TFloat32 weightTensor = TFloat32.tensorOf(Shape.of(4 * pixels), DataBuffers.of(resampling.weight, true, false));
		TFloat32 fillTensor = TFloat32.tensorOf(Shape.of(pixels), DataBuffers.of(resampling.fill, true, false));
		return new ObjectiveHead.ResamplingTensors() {
			@Override
			public void feed(Session.Runner runner) {
				runner.feed(index, indexTensor).feed(weight, weightTensor).feed(fill, fillTensor);
			}

			@Override
			public void close() {
				indexTensor.close();
				weightTensor.close();
				fillTensor.close();
			}
		};
	}

	private static int[] toInts(Shape shape) {
		int[] dims = new int[shape.numDimensions()];
		for (int i = 0; i < dims.length; i++)
			dims[i] = (int) shape.get(i);
		return dims;
	}
}
