package org.convnetexplorer.visualize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.weights.WeightsSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seed gives the same images on one device; another seed gives others. */
class DeterminismTest {

	@Test
	void sameSeedSameImagesOtherSeedOtherImages(@TempDir Path cache) throws IOException {
		AlexNet network = new AlexNet(WeightsSource.DEMO, cache);
		float[] first = run(network, 3, List.of(5, 9)).get(0).pixels;
		float[] again = run(network, 3, List.of(5, 9)).get(0).pixels;
		float[] otherSeed = run(network, 4, List.of(5, 9)).get(0).pixels;
		float[] alone = run(network, 3, List.of(5)).get(0).pixels;
		assertArrayEquals(first, again);
		assertFalse(Arrays.equals(first, otherSeed));
		float worst = 0;
		for (int i = 0; i < first.length; i++)
			worst = Math.max(worst, Math.abs(first[i] - alone[i]));
		System.out.println("unit 5 with and without a batch mate: largest pixel difference " + worst);
		assertFalse(worst > 1e-3, "unit 5's image depends on its batch mate: " + worst);
	}

	private static List<UnitImage> run(AlexNet network, long seed, List<Integer> units) throws IOException {
		Recipe recipe = new Recipe();
		recipe.steps = 4;
		recipe.seed = seed;
		recipe.batch = units.size();
		try (FeatureVisualizer visualizer = FeatureVisualizer.open(network, network.layer("conv2"), recipe,
			ComputeDevice.CPU, 2, Listeners.QUIET))
		{
			return visualizer.visualize(units, Listeners.QUIET);
		}
	}
}
