package org.convnetexplorer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.weights.AlexNetWeights;
import org.convnetexplorer.weights.ConvWeights;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Winograd's transforms against plain correlation, and the graph against TF's own convolution op. */
class WinogradConvolutionTest {

	@Test
	void transformsComputeTheCorrelationForBothTileSizes() {
		checkTransforms(new double[] { 0, 1, -1, 2, -2 }, 4, 3);
		checkTransforms(new double[] { 0, 1, -1, 2, -2, 0.5, -0.5 }, 4, 5);
	}

	/** Aᵀ[(G g) ⊙ (Bᵀ d)] must equal y_i = Σ_k g_k d_{i+k} for any g and d (in double, to rounding). */
	private static void checkTransforms(double[] points, int m, int r) {
		double[][] b = WinogradConvolution.inputTransform(points);
		double[][] g = WinogradConvolution.kernelTransform(points, r);
		float[][] a = WinogradConvolution.outputTransform(points, m);
		int tile = points.length + 1;
		assertEquals(m + r - 1, tile);
		Random random = new Random(r);
		for (int trial = 0; trial < 20; trial++) {
			double[] kernel = random.doubles(r, -1, 1).toArray();
			double[] data = random.doubles(tile, -1, 1).toArray();
			double[] products = new double[tile];
			for (int j = 0; j < tile; j++) {
				double u = 0;
				double v = 0;
				for (int k = 0; k < r; k++)
					u += g[j][k] * kernel[k];
				for (int l = 0; l < tile; l++)
					v += b[j][l] * data[l];
				products[j] = u * v;
			}
			for (int i = 0; i < m; i++) {
				double expected = 0;
				for (int k = 0; k < r; k++)
					expected += kernel[k] * data[i + k];
				double actual = 0;
				for (int j = 0; j < tile; j++)
					actual += a[i][j] * products[j];
				assertEquals(expected, actual, 1e-12, "F(" + m + "," + r + ") output " + i);
			}
		}
	}

	@Test
	void graphMatchesTensorFlowsConvolutionOnEveryLayerItApplies() throws IOException {
		AlexNetWeights weights = AlexNetWeights.load(Fixtures.require(Fixtures.SEED0));
		assertFalse(WinogradConvolution.applies(AlexNetConv.CONV1));
		for (AlexNetConv layer : new AlexNetConv[] { AlexNetConv.CONV2, AlexNetConv.CONV3, AlexNetConv.CONV4,
			AlexNetConv.CONV5 })
		{
			assertTrue(WinogradConvolution.applies(layer), layer.layer().name());
			int n = layer.mapSide();
			int channels = layer.inputChannels;
			int batch = 3;
			float[] input = new float[batch * n * n * channels];
			Random random = new Random(layer.ordinal());
			// ReLU outputs: non-negative, a few large
			for (int i = 0; i < input.length; i++)
				input[i] = (float) Math.max(0, random.nextGaussian());
			ConvWeights layerWeights = weights.layer(layer.layer().name());
			try (Graph graph = new Graph()) {
				Ops tf = Ops.create(graph);
				Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, n, n, channels)));
				Operand<TFloat32> direct = tf.nn.conv2d(x, AlexNetTrunk.kernel(tf, layer, layerWeights),
					AlexNetTrunk.strides(layer), "SAME");
				Operand<TFloat32> winograd = WinogradConvolution.convolve(tf, x, layer, layerWeights);
				try (Session session = TensorFlowRuntime.newSession(graph, 2, Precision.FLOAT32);
					TFloat32 images = TFloat32.tensorOf(Shape.of(batch, n, n, channels));)
				{
					images.asRawTensor().data().asFloats().write(input);
					try (Result result = session.runner().feed(x, images).fetch(direct).fetch(winograd).run()) {
						assertEquals(Shape.of(batch, n, n, layer.units), result.get(1).shape(), layer.layer().name());
						float[] expected = new float[batch * n * n * layer.units];
						float[] actual = new float[expected.length];
						((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(expected);
						((TFloat32) result.get(1)).asRawTensor().data().asFloats().read(actual);
						float max = 0;
						float worst = 0;
						for (int i = 0; i < expected.length; i++) {
							max = Math.max(max, Math.abs(expected[i]));
							worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
						}
						assertTrue(max > 0, layer.layer().name());
						assertTrue(worst <= 3e-5 * max, layer.layer().name() + ": off by " + worst + " of " + max);
					}
				}
			}
		}
	}
}
