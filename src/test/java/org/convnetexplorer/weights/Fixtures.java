package org.convnetexplorer.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The AlexNet weight fixtures, the torch-made test resources, and the CSV references torch wrote for them. */
final class Fixtures {

	static final String SEED0_ZIP = "alexnet-features-seed0.pth";
	static final String SEED1_LEGACY = "alexnet-features-seed1-legacy.pth";

	private Fixtures() {}

	/** An AlexNet weight file of src/test/fixtures/weights ({@link #SEED1_LEGACY} rebuilt by the tests). */
	static Path weights(String name) {
		return org.convnetexplorer.Fixtures.weights(name);
	}

	/** A file of src/test/resources/org/convnetexplorer/weights. */
	static Path resource(String name) {
		try {
			return Paths.get(Fixtures.class.getResource(name).toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The rows of a CSV resource without its header, split at commas; no field holds a comma. */
	static List<String[]> csv(String name) {
		List<String[]> rows = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(resource(name))) rows.add(line.split(",", -1));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return rows.subList(1, rows.size());
	}

	/** "64x3x11x11" to [64, 3, 11, 11]; "" is a scalar's shape. */
	static long[] shape(String text) {
		if (text.isEmpty()) return new long[0];
		String[] sizes = text.split("x");
		long[] shape = new long[sizes.length];
		for (int i = 0; i < sizes.length; i++) shape[i] = Long.parseLong(sizes[i]);
		return shape;
	}

	/** Space-separated floats as the generating script writes them. */
	static float[] floats(String text) {
		if (text.isEmpty()) return new float[0];
		String[] parts = text.split(" ");
		float[] values = new float[parts.length];
		for (int i = 0; i < parts.length; i++) values[i] = (float) Double.parseDouble(parts[i]);
		return values;
	}
}
