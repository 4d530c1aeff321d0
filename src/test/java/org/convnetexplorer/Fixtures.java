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

/** The torchvision-made fixtures in ../shared (beside the project, in CI too). Tests only: the product never reads them. */
public final class Fixtures {

	public static final Path SHARED = Paths.get("..", "shared").toAbsolutePath().normalize();
	public static final Path NATURAL224 = SHARED.resolve("fixtures/images/natural224");
	public static final Path EDGE_CASES = SHARED.resolve("fixtures/images/edge-cases");
	public static final Path SEED0 = SHARED.resolve("fixtures/weights/alexnet-features-seed0.pth");
	public static final Path SEED1_LEGACY = SHARED.resolve("fixtures/weights/alexnet-features-seed1-legacy.pth");
	public static final Path REFERENCE = SHARED.resolve("fixtures/reference/seed0-natural224");
	public static final Path BENCH_IMAGES = SHARED.resolve("bench/images");

	private Fixtures() {}

	public static Path require(Path path) {
		assertTrue(Files.exists(path), "fixture missing: " + path + " (../shared must sit beside the project)");
		return path;
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
