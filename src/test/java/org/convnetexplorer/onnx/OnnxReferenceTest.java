package org.convnetexplorer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.geometry.UnitField;
import org.convnetexplorer.network.BatchMaxima;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The imported models against torch: per-unit maxima and their positions on the script's test images (fixed-batch-1
 * exports run as one batch of 4), map sizes, and receptive fields against the gradient supports measured in torch.
 */
class OnnxReferenceTest {

	@ParameterizedTest
	@CsvSource({ "alexnet,alexnet", "alexnet_dynamic,alexnet", "vgg11,vgg11", "resnet18,resnet18",
		"mobilenet_v2,mobilenet_v2", "googlenet,googlenet", "ops,ops", "modern,modern",
		"efficientnet_b0,efficientnet_b0", "mobilenet_v3_large,mobilenet_v3_large", "regnet_y_400mf,regnet_y_400mf",
		"shufflenet_v2,shufflenet_v2", "convnext_tiny,convnext_tiny", "convnext_tiny_opset17_dynamic,convnext_tiny",
		"densenet121,densenet121" })
	void maximaAndPositionsMatchTorch(String file, String reference) throws Exception {
		OnnxNetwork network = OnnxNetwork.open(OnnxFixtures.model(file), OnnxFixtures.SIZE, null, null);
		assertMaximaMatch(network, file, reference, OnnxFixtures.imageBatch(), layerShapes("layers.csv", reference),
			"maxima.csv");
	}

	/** The network's per-unit maxima and positions on {@code batch} against torch's rows of {@code maximaCsv}. */
	static void assertMaximaMatch(OnnxNetwork network, String file, String reference, float[] batch,
		Map<String, int[]> shapes, String maximaCsv) throws Exception
	{
		List<String> layers = new ArrayList<>(shapes.keySet());
		Map<String, BatchMaxima> result = new LinkedHashMap<>();
		try (OnnxTrunk trunk = new OnnxTrunk(network.model(), network.input(),
			layers.stream().map(network::layer).collect(Collectors.toList()), ComputeDevice.CPU, 0, Precision.FLOAT32))
		{
			trunk.forward(batch, OnnxFixtures.IMAGES).forEach((l, m) -> result.put(l.name(), m));
		}
		Map<String, List<String[]>> rows = OnnxFixtures.csv(maximaCsv).stream().filter(r -> r[0].equals(reference))
			.collect(Collectors.groupingBy(r -> r[1], LinkedHashMap::new, Collectors.toList()));
		for (String layer : layers) {
			BatchMaxima maxima = result.get(layer);
			int[] shape = shapes.get(layer);
			assertEquals(shape[0], maxima.layer.units(), layer + " units");
			assertEquals(shape[1], maxima.layer.height(), layer + " map height");
			assertEquals(shape[2], maxima.layer.width(), layer + " map width");
			List<String[]> expected = rows.get(layer);
			assertEquals(OnnxFixtures.IMAGES * shape[0], expected.size(), layer + " reference rows");
			double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
			for (String[] r : expected) {
				lo = Math.min(lo, Double.parseDouble(r[4]));
				hi = Math.max(hi, Double.parseDouble(r[4]));
			}
			double tolerance = 1e-4 * Math.max(hi - lo, 1e-3);
			int ties = 0;
			for (String[] r : expected) {
				int image = Integer.parseInt(r[2]);
				int unit = Integer.parseInt(r[3]);
				float torchMax = Float.parseFloat(r[4]);
				String where = file + " " + layer + " image " + image + " unit " + unit;
				assertEquals(torchMax, maxima.value(image, unit), tolerance, where + " maximum");
				int position = maxima.position(image, unit);
				if (r[6].equals("*")) continue; // silent unit: any position holds its maximum, 0
				Set<Integer> tied = Arrays.stream(r[6].split(" ")).map(Integer::valueOf).collect(Collectors.toSet());
				assertTrue(tied.contains(position), where + ": position " + position + ", torch's " + r[5]
					+ " (tied within 1e-5: " + r[6] + ")");
				if (position != Integer.parseInt(r[5])) ties++;
			}
			assertTrue(ties <= expected.size() / 10, layer + ": " + ties + " positions differ from torch's first among ties");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "alexnet", "vgg11", "resnet18", "mobilenet_v2", "googlenet", "ops", "modern",
		"efficientnet_b0", "mobilenet_v3_large", "regnet_y_400mf", "shufflenet_v2", "convnext_tiny", "densenet121" })
	void fieldsMatchMeasuredGradientSupports(String name) throws Exception {
		OnnxModel model = OnnxModel.read(OnnxFixtures.model(name));
		Map<String, OnnxLayer> layers = new LinkedHashMap<>();
		for (String layer : layerShapes("layers.csv", name).keySet())
			layers.put(layer, model.layer(layer, OnnxFixtures.SIZE, OnnxFixtures.SIZE));
		String firstGated = FIRST_GATED.get(name);
		boolean gated = false;
		for (OnnxLayer layer : layers.values()) {
			gated |= layer.name().equals(firstGated);
			assertEquals(gated, !layer.fields().gates().isEmpty(), name + " " + layer.name() + " gates "
				+ layer.fields().gates());
		}
		List<String[]> rows = OnnxFixtures.csv("fields.csv").stream().filter(r -> r[0].equals(name))
			.collect(Collectors.toList());
		int checked = assertFieldsMatch(name, layers, rows, OnnxFixtures.SIZE, OnnxFixtures.SIZE);
		assertTrue(checked >= 100, "only " + checked + " measured fields");
		if (name.equals("googlenet"))
			for (String inception : List.of("inception3a", "inception4e", "inception5b"))
				assertTrue(layers.get(inception).fields().groups().size() > 1, inception + " units all share one field");
	}

	/**
	 * The layers' fields, clipped to the input of {@code height} × {@code width}, against the gradient supports of
	 * {@code rows} (model, layer, unit, fy, fx, y0, y1, x0, x1); the number of rows checked.
	 */
	static int assertFieldsMatch(String name, Map<String, OnnxLayer> layers, List<String[]> rows, int height, int width) {
		int checked = 0;
		for (String[] r : rows) {
			OnnxLayer layer = layers.get(r[1]);
			int unit = Integer.parseInt(r[2]);
			UnitField field = layer.fields().field(unit);
			assertNotNull(field, r[1] + " unit " + unit + ": " + layer.fields().reason(unit));
			Box box = field.inputBox(Integer.parseInt(r[3]), Integer.parseInt(r[4]));
			long[] size = { height, height, width, width };
			long[] clipped = { clip(box.y0, height), clip(box.y1, height), clip(box.x0, width), clip(box.x1, width) };
			String where = name + " " + r[1] + " unit " + unit + " at (" + r[3] + ", " + r[4] + "): field " + field;
			if (r[5].isEmpty()) { // the unit sees only padding
				assertTrue(clipped[0] == clipped[1] || clipped[2] == clipped[3], where + " should lie outside the input");
				continue;
			}
			long[] measured = { Long.parseLong(r[5]), Long.parseLong(r[6]), Long.parseLong(r[7]), Long.parseLong(r[8]) };
			int holes = HOLES.getOrDefault(name, 0);
			for (int side = 0; side < 4; side++) {
				long inward = side % 2 == 0 ? measured[side] - clipped[side] : clipped[side] - measured[side];
				boolean cut = side % 2 == 0 ? clipped[side] == 0 : clipped[side] == size[side];
				if (inward > 0 && inward <= holes && cut) clipped[side] = measured[side];
			}
			assertEquals(Arrays.toString(measured), Arrays.toString(clipped), where + " (y0 y1 x0 x1)");
			checked++;
		}
		return checked;
	}

	/**
	 * ConvNeXt has no Relu-like activation (its GELU is Erf arithmetic), so its default layers are its residual sums:
	 * the output of each of its 7 CNBlocks (torch's `result + input`), named by the script where it chose them.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "convnext_tiny", "convnext_tiny_opset17_dynamic" })
	void defaultLayersOfConvNeXtAreItsBlocksOutputs(String file) throws Exception {
		OnnxModel model = OnnxModel.read(OnnxFixtures.model(file));
		List<String> expected = List.of("block1.0", "block1", "/model/features/features.3/features.3.0/Add_output_0",
			"block3", "/model/features/features.5/features.5.0/Add_output_0", "block5", "block7");
		assertEquals(expected, model.defaultLayers(OnnxFixtures.SIZE, OnnxFixtures.SIZE).stream().map(OnnxLayer::name)
			.collect(Collectors.toList()));
	}

	/**
	 * Models whose units' taps leave gaps: OpsNet's first conv (stride 2, dilation 2) reads only every other input row
	 * and column, so where the image border cuts a box, the support measured may begin or end a pixel inside the cut
	 * (the outermost taps there fell on padding); the field, the bounding box of the taps, is still as computed.
	 */
	private static final Map<String, Integer> HOLES = Map.of("ops", 1);

	/**
	 * The first chosen layer behind a squeeze-and-excitation gate, in layers.csv's order: it and every later layer are
	 * scaled by a global gate (their references held it constant); the layers before it and other models' are not.
	 */
	private static final Map<String, String> FIRST_GATED = Map.of("efficientnet_b0", "features.1.se",
		"mobilenet_v3_large", "features.4.se", "regnet_y_400mf", "block1.se", "ops", "se");

	private static long clip(long v, int size) {
		return Math.max(0, Math.min(size, v));
	}

	/** layer → {units, map height, map width} of a layers CSV. */
	static Map<String, int[]> layerShapes(String csv, String model) throws IOException {
		Map<String, int[]> shapes = new LinkedHashMap<>();
		for (String[] r : OnnxFixtures.csv(csv))
			if (r[0].equals(model))
				shapes.put(r[1], new int[] { Integer.parseInt(r[2]), Integer.parseInt(r[3]), Integer.parseInt(r[4]) });
		return shapes;
	}
}
