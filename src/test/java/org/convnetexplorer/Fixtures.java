package org.convnetexplorer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The test data in src/test/fixtures: photos, edge-case files, AlexNet weights and what torchvision computes with
 * them (its README.md says what each file is and how src/test/python/make_fixtures.py makes it). Tests only: the
 * product never reads them. Tests run in the project root, as Maven runs them.
 */
public final class Fixtures {

	private static final Path SRC_TEST = Paths.get("src", "test").toAbsolutePath().normalize();
	/** src/test/fixtures, all the data the tests read beside src/test/resources. */
	public static final Path TEST_DATA = SRC_TEST.resolve("fixtures");
	public static final Path NATURAL224 = TEST_DATA.resolve("images/natural224");
	public static final Path EDGE_CASES = TEST_DATA.resolve("images/edge-cases");
	public static final Path WEIGHTS = TEST_DATA.resolve("weights");
	public static final Path SEED0 = WEIGHTS.resolve("alexnet-features-seed0.pth");
	/**
	 * The legacy-format seed-1 file, rebuilt into target/test-fixtures when this class loads, from the head torch
	 * wrote and seeded values (see {@link SeededLegacyCheckpoint}).
	 */
	public static final Path SEED1_LEGACY = SeededLegacyCheckpoint.rebuild(WEIGHTS, "alexnet-features-seed1-legacy",
		Paths.get("target", "test-fixtures", "alexnet-features-seed1-legacy.pth").toAbsolutePath());
	public static final Path REFERENCE = TEST_DATA.resolve("reference/seed0-natural224");
	/** The torch-made ONNX models and their references (src/test/python/make_onnx_models.py). */
	public static final Path ONNX = SRC_TEST.resolve("resources/org/convnetexplorer/onnx");
	/** The bioimage.io packages, .npy files and scan references of src/test/python/make_bioimage_packages.py. */
	public static final Path BIOIMAGE = SRC_TEST.resolve("resources/org/convnetexplorer/bioimage");

	private Fixtures() {}

	public static Path require(Path path) {
		assertTrue(Files.exists(path), "fixture missing: " + path);
		return path;
	}

	/** The AlexNet weight file of that name: {@link #SEED0}, {@link #SEED1_LEGACY}, or another file in WEIGHTS. */
	public static Path weights(String name) {
		return SEED1_LEGACY.getFileName().toString().equals(name) ? SEED1_LEGACY : WEIGHTS.resolve(name);
	}

	/**
	 * A folder of {@code count} images named 00000.png, 00001.png, …: natural224's images over and over, as hard links
	 * where the file system allows (copies elsewhere), for scans longer than the fixtures.
	 */
	public static Path repeatedImages(Path folder, int count) throws IOException {
		Files.createDirectories(folder);
		List<Path> originals;
		try (Stream<Path> files = Files.list(require(NATURAL224))) {
			originals = files.sorted().collect(Collectors.toList());
		}
		for (int i = 0; i < count; i++) {
			Path link = folder.resolve(String.format("%05d.png", i));
			Path original = originals.get(i % originals.size());
			try {
				Files.createLink(link, original);
			}
			catch (IOException | UnsupportedOperationException e) {
				Files.copy(original, link); // another file system: no hard links
			}
		}
		return folder;
	}

	/** A raw little-endian float32 tensor from reference/activations. */
	public static float[] readF32(Path file) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(require(file))).order(ByteOrder.LITTLE_ENDIAN);
		float[] values = new float[bytes.remaining() / 4];
		bytes.asFloatBuffer().get(values);
		return values;
	}
}
