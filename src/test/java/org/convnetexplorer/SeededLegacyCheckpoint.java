package org.convnetexplorer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A legacy-format (pre-1.6) torch.save file rebuilt byte for byte from what the repository keeps of it: the head
 * torch wrote (its pickles, up to the first storage) and a recipe, one row per storage in file order, of seeded
 * values. Such a file ends in its storages, each an int64 element count and the raw little-endian values, so ~10 MB
 * of AlexNet weights cost ~2 kB of test data. src/test/python/make_fixtures.py writes the head, the recipe and the
 * sha256 of the file torch wrote, from the same generator.
 */
final class SeededLegacyCheckpoint {

	/** SplitMix64's increment (Steele, Lea and Flood 2014). */
	private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

	private SeededLegacyCheckpoint() {}

	/**
	 * Value {@code n} of the stream of {@code seed}, uniform in [-1/sqrt(fanIn), 1/sqrt(fanIn)), PyTorch's default
	 * Conv2d init bound: SplitMix64 of seed + (n + 1) * GOLDEN_GAMMA, its top 24 bits as u in [0, 1), then
	 * float((2u - 1) / sqrt(fanIn)) in double arithmetic, exactly as make_fixtures.py's seeded_uniform computes it.
	 */
	static float uniform(long seed, long n, int fanIn) {
		long z = seed + (n + 1) * GOLDEN_GAMMA;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		z ^= z >>> 31;
		double u = (z >>> 40) * 0x1p-24;
		return (float) ((2 * u - 1) * (1 / Math.sqrt(fanIn)));
	}

	/**
	 * Writes {@code target} from {@code STEM.head} and {@code STEM.recipe.csv} in {@code folder} (rows
	 * {@code key,seed,first,numel,fan_in}), replacing it atomically so that a reader never sees half a file.
	 */
	static Path rebuild(Path folder, String stem, Path target) {
		try {
			Files.createDirectories(target.getParent());
			Path partial = Files.createTempFile(target.getParent(), stem, ".partial");
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
				out.write(Files.readAllBytes(folder.resolve(stem + ".head")));
				List<String> rows = Files.readAllLines(folder.resolve(stem + ".recipe.csv"));
				for (String row : rows.subList(1, rows.size())) {
					String[] field = row.split(",");
					long seed = Long.parseLong(field[1]);
					long first = Long.parseLong(field[2]);
					int numel = Integer.parseInt(field[3]);
					int fanIn = Integer.parseInt(field[4]);
					ByteBuffer storage = ByteBuffer.allocate(8 + 4 * numel).order(ByteOrder.LITTLE_ENDIAN);
					storage.putLong(numel);
					for (int i = 0; i < numel; i++)
						storage.putFloat(uniform(seed, first + i, fanIn));
					out.write(storage.array());
				}
			}
			return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot rebuild " + target + " from " + folder.resolve(stem + ".head"), e);
		}
	}
}
