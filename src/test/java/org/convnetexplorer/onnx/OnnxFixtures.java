package org.convnetexplorer.onnx;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The torch-made models and references of src/test/resources/org/convnetexplorer/onnx (make_onnx_models.py). */
final class OnnxFixtures {

	static final int SIZE = 224;
	static final int IMAGES = 4;
	private static final float[] MEAN = { 0.485f, 0.456f, 0.406f };
	private static final float[] STD = { 0.229f, 0.224f, 0.225f };

	private OnnxFixtures() {}

	static Path resource(String name) {
		try {
			return Paths.get(OnnxFixtures.class.getResource(name).toURI());
		}
		catch (URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing test resource " + name, e);
		}
	}

	static Path model(String name) {
		return resource(name + ".onnx");
	}

	/** The script's test batch: its integer pixels normalized with the same float32 steps (NCHW, IMAGES images). */
	static float[] imageBatch() {
		return imageBatch(3, SIZE);
	}

	/** The batch's first {@code channels} channels, its top-left {@code size} × {@code size} corner. */
	static float[] imageBatch(int channels, int size) {
		float[] batch = new float[IMAGES * channels * size * size];
		int i = 0;
		for (int index = 0; index < IMAGES; index++)
			for (int c = 0; c < channels; c++)
				for (int y = 0; y < size; y++)
					for (int x = 0; x < size; x++) {
						int v = (x * (index + 2) + y * (3 - c) + (x / 32) * (y / 32) * (31 + 7 * index)
							+ ((x * 131 + y * 71 + c * 17 + index * 29) ^ (y * 13 + x)) % 61 + 40 * c + 53 * index) % 256;
						batch[i++] = ((float) v / 255f - MEAN[c]) / STD[c];
					}
		return batch;
	}

	/** A CSV's rows after its header, split at commas. */
	static List<String[]> csv(String name) throws IOException {
		List<String> lines = Files.readAllLines(resource(name));
		List<String[]> rows = new ArrayList<>();
		for (String line : lines.subList(1, lines.size()))
			if (!line.isEmpty()) rows.add(line.split(",", -1));
		return rows;
	}
}
