package org.convnetexplorer.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.onnx.OnnxNetwork;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Projections through ONNX models against torch's (src/test/python/make_model_deconv_fixture.py: autograd through
 * the same networks, rebuilt in torch, with the method's ReLU rule): the narrow ResNet-18 (residual Adds, BatchNorm
 * kept as nodes, a padded max-pool), GoogLeNet (Inception Concats, ceil-mode max-pools), MobileNetV2 (ReLU6 as
 * Clip, depthwise convolutions, residual Adds) DenseNet-121 (its transitions' average pools, Concats) and the operator model (asymmetric Pad,
 * dilated strided Conv, LeakyRelu, grouped Conv, HardSwish, an average pool with padding, ceil_mode and
 * count_include_pad), deconvnet and guided. Each layer's selections, over two images, in one run.
 */
class ModelDeconvNetReferenceTest {

	private static final String RESOURCES = "/org/convnetexplorer/deconv/models/";
	private static final String ONNX = "/org/convnetexplorer/onnx/";
	private static final int SIZE = 224;
	private static final int FLOATS = 3 * SIZE * SIZE;
	private static final List<String> IMAGES = List.of("astronaut_000", "chelsea_001");

	@ParameterizedTest
	@CsvSource({ "resnet18, deconvnet", "resnet18, guided", "googlenet, deconvnet", "googlenet, guided",
		"mobilenet_v2, deconvnet", "mobilenet_v2, guided", "densenet121, deconvnet", "densenet121, guided",
		"ops, deconvnet", "ops, guided" })
	void projectionsMatchTorch(String model, String method) throws Exception {
		Map<String, List<String[]>> byLayer = new LinkedHashMap<>();
		for (String[] row : rows())
			if (row[0].equals(model) && row[2].equals(method)) byLayer.computeIfAbsent(row[1], l -> new ArrayList<>()).add(row);
		assertTrue(byLayer.size() >= 2, model + " " + method + ": " + byLayer.keySet());
		OnnxNetwork network = OnnxNetwork.open(resource(ONNX + model + ".onnx"), SIZE, null, null);
		List<Layer> layers = new ArrayList<>();
		for (String name : byLayer.keySet())
			layers.add(network.layer(name));
		float[] images = images();
		try (ModelDeconvNet net = ModelDeconvNet.create(network, layers, ProjectionMethod.fromId(method),
			ComputeDevice.CPU, 2, reason -> {}))
		{
			for (Layer layer : layers) {
				List<String[]> cases = byLayer.get(layer.name());
				// the layer's cases, of both images, in one run: each selection reads its own image's forward pass
				int n = cases.size();
				int[] sources = new int[n], units = new int[n], positions = new int[n];
				for (int i = 0; i < n; i++) {
					String[] row = cases.get(i);
					sources[i] = IMAGES.indexOf(row[4]);
					units[i] = Integer.parseInt(row[3]);
					positions[i] = Integer.parseInt(row[5]) * layer.width() + Integer.parseInt(row[6]);
				}
				float[] all = net.projectWhole(images, IMAGES.size(), layer, sources, units, positions);
				for (int i = 0; i < n; i++) {
					String[] row = cases.get(i);
					float[] expected = floats(RESOURCES + row[9]);
					float maxAbs = Float.parseFloat(row[8]);
					assertTrue(maxAbs > 0, row[9] + " is all zero");
					double worst = 0;
					for (int k = 0; k < FLOATS; k++)
						worst = Math.max(worst, Math.abs(all[i * FLOATS + k] - expected[k]));
					System.out.printf("%s %s %s unit %s: max |Java - torch| = %.2e of max |torch| %.3g%n", model, method,
						layer.name(), row[3], worst / maxAbs, maxAbs);
					assertTrue(worst <= 1e-4 * maxAbs, row[9] + ": differs by " + worst + ", max |torch| " + maxAbs);
				}
			}
		}
	}

	/** An operator without a backward rule (the ops model's HardSigmoid) is refused when built, naming the node. */
	@Test
	void operatorWithoutRuleIsRefusedNamingTheNode() throws Exception {
		OnnxNetwork network = OnnxNetwork.open(resource(ONNX + "ops.onnx"), SIZE, null, null);
		OnnxFormatException refusal = assertThrows(OnnxFormatException.class, () -> ModelDeconvNet.create(network,
			List.of(network.layer("act3")), ProjectionMethod.DECONVNET, ComputeDevice.CPU, 2, reason -> {}));
		assertTrue(refusal.getMessage().matches("(?s).*ops\\.onnx.*node '[^']+' \\(HardSigmoid\\): has no backward rule.*"),
			refusal.getMessage());
	}

	/** A Clip from a lower bound other than 0 (torch's Hardtanh, -1 to 1) has no rule: refused, naming it and why. */
	@Test
	void clipFromOtherThanZeroIsRefused() throws Exception {
		OnnxNetwork network = OnnxNetwork.open(resource(RESOURCES + "hardtanh.onnx"), SIZE, null, null);
		OnnxFormatException refusal = assertThrows(OnnxFormatException.class, () -> ModelDeconvNet.create(network,
			List.of(network.layer("clipped")), ProjectionMethod.GUIDED, ComputeDevice.CPU, 2, reason -> {}));
		assertTrue(refusal.getMessage().matches("(?s).*hardtanh\\.onnx.*node '/1/Clip' \\(Clip\\): has no backward rule " +
			"for Clip from -1\\.0 .*"), refusal.getMessage());
	}

	/** The two inputs, NCHW: the normalised astronaut_000 of the scan's references, chelsea_001 as torch made it. */
	private static float[] images() throws IOException {
		float[] batch = new float[2 * FLOATS];
		Path first = Fixtures.REFERENCE.resolve("activations/astronaut_000-input-chw3x224x224.f32");
		ByteBuffer.wrap(Files.readAllBytes(first)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(batch, 0, FLOATS);
		System.arraycopy(floats(RESOURCES + "chelsea_001-input.f32.gz"), 0, batch, FLOATS, FLOATS);
		return batch;
	}

	private static float[] floats(String gzResource) throws IOException {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(resource(gzResource)))) {
			byte[] bytes = new DataInputStream(in).readNBytes(4 * FLOATS);
			assertEquals(4 * FLOATS, bytes.length, gzResource);
			float[] values = new float[FLOATS];
			ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
			return values;
		}
	}

	private static List<String[]> rows() throws IOException {
		List<String> lines = Files.readAllLines(resource(RESOURCES + "projections.csv"));
		List<String[]> rows = new ArrayList<>();
		for (String line : lines.subList(1, lines.size()))
			if (!line.isEmpty()) rows.add(line.split(","));
		return rows;
	}

	private static Path resource(String name) {
		try {
			return Paths.get(ModelDeconvNetReferenceTest.class.getResource(name).toURI());
		}
		catch (URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing test resource " + name, e);
		}
	}
}
