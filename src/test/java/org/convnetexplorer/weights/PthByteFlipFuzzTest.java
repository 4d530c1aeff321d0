package org.convnetexplorer.weights;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.convnetexplorer.ByteFlips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random byte changes, from a fixed seed, to torch-written .pth files of both formats (a few kilobytes: pickles and
 * zip headers make up most of them): every mutant is read or refused with a one-line reason naming the file.
 */
class PthByteFlipFuzzTest {

	@TempDir
	Path dir;

	@Test
	void everyMutantIsReadOrRefusedWithAReason() throws Exception {
		Map<String, byte[]> originals = new LinkedHashMap<>();
		for (String name : new String[] { "dtypes-legacy.pth", "views-legacy.pth", "dtypes-protocol4.pth", "views.pth" })
			originals.put(name, Files.readAllBytes(Fixtures.resource(name)));

		ByteFlips.assertReadOrRefused(ByteFlips.write(dir, originals, 80, 13, Integer.MAX_VALUE), WeightsException.class,
			file -> {
				try {
					TorchStateDict.read(file, key -> true);
				}
				catch (WeightsException e) {
					assertTrue(e.getMessage().startsWith("cannot load " + file + ": ") ||
						e.getMessage().startsWith("refusing to load " + file + ": "), e.getMessage());
					throw e;
				}
			});
	}
}
