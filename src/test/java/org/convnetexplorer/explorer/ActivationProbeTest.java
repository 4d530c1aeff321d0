package org.convnetexplorer.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.convnetexplorer.Fixtures;
import org.convnetexplorer.images.ImageDecoder;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.NetworkListener;
import org.junit.jupiter.api.Test;

/**
 * "This image's activations" measure what PyTorch measured for the seed-0 AlexNet (maxima.csv, made by torch): every
 * unit's maximum of conv2 and conv5 on one image, and the units' order by it.
 */
class ActivationProbeTest {

	@Test
	void anImagesUnitMaximaAreTorchsAndRankTheUnits() throws Exception {
		String image = "chelsea_009.png";
		ImageActivations measured;
		try (ActivationProbe probe = ActivationProbe.open(new AlexNet(Fixtures.require(Fixtures.SEED0).toString(), null),
			List.of("conv5", "conv2"), new NetworkListener() {
				@Override
				public void status(String message) {}

				@Override
				public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}
			}))
		{
			measured = probe.measure("the cat", ImageDecoder.read(Fixtures.NATURAL224.resolve(image)));
		}
		assertEquals("the cat", measured.image);
		for (String layer : List.of("conv2", "conv5")) {
			List<String[]> rows = new ArrayList<>();
			for (String line : Files.readAllLines(Fixtures.REFERENCE.resolve("maxima.csv"))) {
				String[] f = line.split(",");
				if (f[0].equals(layer) && f[2].equals(image)) rows.add(f);
			}
			assertEquals(layer.equals("conv2") ? 192 : 256, rows.size());
			for (String[] f : rows) {
				float expected = Float.parseFloat(f[3]);
				assertEquals(expected, measured.of(layer, Integer.parseInt(f[1])), 1e-4f * Math.max(1f, expected),
					layer + " unit " + f[1]);
			}
			List<Integer> torchOrder = rows.stream().filter(f -> Float.parseFloat(f[3]) > 0)
				.sorted(Comparator.comparingDouble((String[] f) -> -Float.parseFloat(f[3]))).map(f -> Integer.parseInt(f[1]))
				.collect(Collectors.toList());
			assertEquals(torchOrder.subList(0, 5), measured.firing(layer).subList(0, 5), layer + "'s strongest units");
			assertEquals(torchOrder.size(), measured.firing(layer).size(), layer + ": the units that fire");
		}
		assertEquals(0f, measured.of("conv1", 0), "a layer not measured");
	}
}
