package org.convnetexplorer.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.junit.jupiter.api.Test;

/**
 * The gradient of a unit's objective with respect to the input, built in the network's own graph, against torch
 * autograd on the same image (src/test/python/make_gradient_fixtures.py): AlexNet through its Winograd and its direct
 * convolutions, resnet18 (BatchNorm, residual adds) and mobilenet_v2 (depthwise convolutions, ReLU6) through ONNX.
 */
class GradientReferenceTest {

	private static final Path REFERENCES = Fixtures.ONNX.resolveSibling("visualize");
	/** WinogradConvolution.PROPERTY (package-private there). */
	private static final String CONVOLUTION_PROPERTY = "convnetexplorer.convolution";
	private static final Path INPUT = Fixtures.REFERENCE.resolve("activations/astronaut_000-input-chw3x224x224.f32");

	@Test
	void alexNetWinogradGradientsEqualTorchAutograd() throws IOException {
		Network alexNet = new AlexNet(Fixtures.require(Fixtures.SEED0).toString(), null);
		assertGradientMatches(alexNet, "conv3", Objective.CHANNEL, 17, "gradient-alexnet-conv3-channel-u17.f32.gz");
		assertGradientMatches(alexNet, "conv5", Objective.NEURON, 7, "gradient-alexnet-conv5-neuron-u7.f32.gz");
	}

	@Test
	void alexNetDirectConvolutionGradientsEqualTorchAutograd() throws IOException {
		System.setProperty(CONVOLUTION_PROPERTY, "direct");
		try {
			assertGradientMatches(new AlexNet(Fixtures.SEED0.toString(), null), "conv3", Objective.CHANNEL, 17,
				"gradient-alexnet-conv3-channel-u17.f32.gz");
		}
		finally {
			System.clearProperty(CONVOLUTION_PROPERTY);
		}
	}

	@Test
	void resnet18GradientThroughBatchNormAndResidualAddsEqualsTorchAutograd() throws IOException {
		assertGradientMatches(OnnxNetwork.open(Fixtures.ONNX.resolve("resnet18.onnx"), 0, null, null), "layer3",
			Objective.CHANNEL, 5, "gradient-resnet18-layer3-channel-u5.f32.gz");
	}

	@Test
	void mobileNetV2GradientThroughDepthwiseConvolutionsEqualsTorchAutograd() throws IOException {
		assertGradientMatches(OnnxNetwork.open(Fixtures.ONNX.resolve("mobilenet_v2.onnx"), 0, null, null),
			"features.2.depthwise", Objective.CHANNEL, 3, "gradient-mobilenet_v2-features.2.depthwise-channel-u3.f32.gz");
	}

	private static void assertGradientMatches(Network network, String layer, Objective objective, int unit,
		String reference) throws IOException
	{
		float[] expected = readGzippedF32(REFERENCES.resolve(reference));
		float[] actual = FeatureVisualizer.inputGradient(network, network.layer(layer), objective,
			Fixtures.readF32(INPUT), new int[] { unit });
		assertEquals(expected.length, actual.length, reference);
		float min = Float.MAX_VALUE;
		float max = -Float.MAX_VALUE;
		for (float v : expected) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		float range = max - min;
		assertTrue(range > 0, reference + " is flat");
		float worst = 0;
		for (int i = 0; i < expected.length; i++)
			worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
		assertTrue(worst <= 1e-4 * range, reference + ": max abs difference " + worst + " vs range " + range);
	}

	static float[] readGzippedF32(Path file) throws IOException {
		try (InputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
			ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
			float[] values = new float[bytes.remaining() / Float.BYTES];
			bytes.asFloatBuffer().get(values);
			return values;
		}
	}
}
