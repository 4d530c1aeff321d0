package org.convnetexplorer.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.images.Preprocessor;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.weights.WeightsSource;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.weights.AlexNetWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Projections against torch's (src/test/python/make_deconv_fixture.py: autograd through torchvision's layers with the
 * deconvnet's ReLU rule) for the seed-0 weights: each layer's cases in one run, two images where a layer has two.
 */
class DeconvNetReferenceTest {

	private static final String RESOURCES = "/org/convnetexplorer/deconv/";

	private static DeconvNet net;

	@BeforeAll
	static void build() throws Exception {
		net = DeconvNet.create(AlexNetWeights.load(Fixtures.require(Fixtures.SEED0)), ProjectionMethod.DECONVNET,
			ComputeDevice.CPU, 2, reason -> {});
	}

	@AfterAll
	static void close() {
		net.close();
	}

	@Test
	void projectionsMatchTorch() throws Exception {
		Map<Layer, List<String[]>> cases = new LinkedHashMap<>();
		for (String[] row : fixtureRows())
			cases.computeIfAbsent(new AlexNet(WeightsSource.DEMO, null).layer(row[0]), layer -> new ArrayList<>()).add(row);
		assertEquals(4, cases.size());
		for (Map.Entry<Layer, List<String[]>> layerCases : cases.entrySet()) {
			Layer layer = layerCases.getKey();
			List<String[]> rows = layerCases.getValue();
			FloatBuffer batch = FloatBuffer.allocate(rows.size() * AlexNet.INPUT.floats());
			int n = rows.size();
			int[] sources = new int[n];
			int[] units = new int[n];
			int[] positions = new int[n];
			for (int i = 0; i < n; i++) {
				String[] row = rows.get(i);
				RgbImage image = ImageDecoder.read(Fixtures.NATURAL224.resolve(row[2]));
				new Preprocessor(AlexNet.INPUT).write(image, AlexNet.INPUT.place(image.width(), image.height()), batch);
				sources[i] = i;
				units[i] = Integer.parseInt(row[1]);
				positions[i] = Integer.parseInt(row[3]) * layer.width() + Integer.parseInt(row[4]);
			}
			List<Projection> projections = net.project(batch.array(), n, layer, sources, units, positions);
			for (int i = 0; i < n; i++) {
				String[] row = rows.get(i);
				float[] expected = readFloats(row[7]);
				float[] actual = projections.get(i).values();
				assertEquals(expected.length, actual.length, row[7]);
				float maxAbs = Float.parseFloat(row[6]);
				assertTrue(maxAbs > 0, row[7] + " is all zero: no test");
				double worst = 0;
				for (int j = 0; j < expected.length; j++)
					worst = Math.max(worst, Math.abs(expected[j] - actual[j]));
				System.out.printf("%s: max error %.3g of max |value| %.3g (%.2g)%n", row[7], worst, maxAbs, worst / maxAbs);
				assertTrue(worst <= 1e-4 * maxAbs, row[7] + ": max error " + worst + " over 1e-4 of " + maxAbs);
				assertEquals(maxAbs, projections.get(i).maxAbs(), 1e-4 * maxAbs, row[7]);
			}
		}
	}

	private static List<String[]> fixtureRows() throws IOException {
		List<String[]> rows = new ArrayList<>();
		try (InputStream in = DeconvNetReferenceTest.class.getResourceAsStream(RESOURCES + "projections.csv")) {
			String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
			assertEquals("layer,unit,image,fy,fx,activation,max_abs,file", lines[0]);
			for (int i = 1; i < lines.length; i++)
				rows.add(lines[i].split(","));
		}
		return rows;
	}

	private static float[] readFloats(String name) throws IOException {
		try (InputStream in = DeconvNetReferenceTest.class.getResourceAsStream(RESOURCES + name)) {
			ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
			float[] values = new float[bytes.remaining() / 4];
			bytes.asFloatBuffer().get(values);
			return values;
		}
	}
}
