package org.convnetexplorer.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlexNetWeightsTest {

	private static final List<String> LAYER_NAMES = List.of("conv1", "conv2", "conv3", "conv4", "conv5");
	private static final List<String> FEATURE_KEYS =
		List.of("features.0", "features.3", "features.6", "features.8", "features.10");

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { Fixtures.SEED0_ZIP, Fixtures.SEED1_LEGACY })
	void weightFilesLoadWithTorchValues(String fixture) throws Exception {
		AlexNetWeights weights = AlexNetWeights.load(Fixtures.weights(fixture));

		assertEquals(LAYER_NAMES, weights.layers().stream().map(ConvWeights::layer).collect(Collectors.toList()));
		assertShape(weights.layer("conv1"), 64, 3, 11);
		assertShape(weights.layer("conv2"), 192, 64, 5);
		assertShape(weights.layer("conv3"), 384, 192, 3);
		assertShape(weights.layer("conv4"), 256, 384, 3);
		assertShape(weights.layer("conv5"), 256, 256, 3);
		for (String[] row : Fixtures.csv("alexnet-samples.csv")) {
			if (!row[0].equals(fixture)) continue;
			ConvWeights layer = weights.layers().get(FEATURE_KEYS.indexOf(row[1].substring(0, row[1].lastIndexOf('.'))));
			float[] values = row[1].endsWith(".weight") ? layer.kernelOihw() : layer.bias();
			assertEquals((float) Double.parseDouble(row[3]), values[Integer.parseInt(row[2])], row[1] + "[" + row[2] + "]");
		}
	}

	@Test
	void otherKeysAreIgnored() throws Exception {
		Map<String, TestTensor> tensors = PthFiles.alexNetFeatures();
		tensors.put("classifier.1.weight", TestTensor.ramp(1, 16, 8));
		tensors.put("features.0.weight_extra", TestTensor.ramp(1, 3));
		Path file = PthFiles.writeZipStateDict(dir.resolve("extra.pth"), tensors);

		AlexNetWeights weights = AlexNetWeights.load(file);

		assertArrayEquals(tensors.get("features.3.weight").values, weights.layer("conv2").kernelOihw());
		assertArrayEquals(tensors.get("features.10.bias").values, weights.layer("conv5").bias());
	}

	@Test
	void layerLooksUpByName() throws Exception {
		AlexNetWeights weights = AlexNetWeights.load(Fixtures.weights(Fixtures.SEED0_ZIP));

		assertSame(weights.layers().get(2), weights.layer("conv3"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> weights.layer("fc6"));
		assertEquals("AlexNet has no layer fc6; its layers are conv1 to conv5", e.getMessage());
	}

	@Test
	void missingKeyIsNamed() throws Exception {
		Map<String, TestTensor> tensors = PthFiles.alexNetFeatures();
		tensors.remove("features.8.bias");
		Path file = PthFiles.writeLegacyStateDict(dir.resolve("missing.pth"), tensors);

		WeightsException e = assertThrows(WeightsException.class, () -> AlexNetWeights.load(file));

		assertEquals("cannot load " + file + ": it has no features.8.bias; an AlexNet state dict has the weight and " +
			"bias of features.0, features.3, features.6, features.8 and features.10", e.getMessage());
	}

	@Test
	void wrongShapeIsNamedWithBothShapes() throws Exception {
		Map<String, TestTensor> tensors = PthFiles.alexNetFeatures();
		tensors.put("features.3.weight", TestTensor.ramp(1e-3f, 192, 64, 3, 3));
		Path file = PthFiles.writeZipStateDict(dir.resolve("wrong.pth"), tensors);

		WeightsException e = assertThrows(WeightsException.class, () -> AlexNetWeights.load(file));

		assertEquals("cannot load " + file + ": features.3.weight has shape [192, 64, 3, 3], expected [192, 64, 5, 5]",
			e.getMessage());
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void nanOrInfiniteWeightsAreRefusedNamingTheTensor(boolean legacy) throws Exception {
		Map<String, TestTensor> tensors = PthFiles.alexNetFeatures();
		// conv2's kernel [1][2][3][4] and conv5's last bias
		tensors.get("features.3.weight").values[((1 * 64 + 2) * 5 + 3) * 5 + 4] = Float.NaN;
		Path withNan = legacy ? PthFiles.writeLegacyStateDict(dir.resolve("nan.pth"), tensors)
			: PthFiles.writeZipStateDict(dir.resolve("nan.pth"), tensors);
		assertEquals("cannot load " + withNan + ": features.3.weight holds NaN at [1, 2, 3, 4]: weights must be " +
			"finite numbers", assertThrows(WeightsException.class, () -> AlexNetWeights.load(withNan)).getMessage());

		tensors = PthFiles.alexNetFeatures();
		tensors.get("features.10.bias").values[255] = Float.NEGATIVE_INFINITY;
		Path withInfinity = legacy ? PthFiles.writeLegacyStateDict(dir.resolve("inf.pth"), tensors)
			: PthFiles.writeZipStateDict(dir.resolve("inf.pth"), tensors);
		assertEquals("cannot load " + withInfinity + ": features.10.bias holds an infinite value at [255]: weights " +
			"must be finite numbers", assertThrows(WeightsException.class, () -> AlexNetWeights.load(withInfinity))
				.getMessage());
	}

	@Test
	void textFileIsNoWeightsFile() throws Exception {
		Path file = Files.writeString(dir.resolve("alexnet.pth"), "<html>404 Not Found</html>");

		WeightsException e = assertThrows(WeightsException.class, () -> AlexNetWeights.load(file));

		assertEquals("cannot load " + file + ": it is neither a zip archive nor a pickle, so not a PyTorch checkpoint",
			e.getMessage());
	}

	private static void assertShape(ConvWeights layer, int outChannels, int inChannels, int kernelSize) {
		assertEquals(outChannels, layer.outChannels(), layer.layer());
		assertEquals(inChannels, layer.inChannels(), layer.layer());
		assertEquals(kernelSize, layer.kernelSize(), layer.layer());
		assertEquals(outChannels * inChannels * kernelSize * kernelSize, layer.kernelOihw().length, layer.layer());
		assertEquals(outChannels, layer.bias().length, layer.layer());
	}
}
