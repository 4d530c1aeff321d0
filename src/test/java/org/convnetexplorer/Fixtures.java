package org.convnetexplorer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

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

	/** A raw little-endian float32 tensor from reference/activations. */
	public static float[] readF32(Path file) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(require(file))).order(ByteOrder.LITTLE_ENDIAN);
		float[] values = new float[bytes.remaining() / 4];
		bytes.asFloatBuffer().get(values);
		return values;
	}
}
