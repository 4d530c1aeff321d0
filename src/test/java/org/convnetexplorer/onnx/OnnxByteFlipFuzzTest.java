package org.convnetexplorer.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.convnetexplorer.ByteFlips;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random byte changes, from a fixed seed, to torch-exported ONNX files (a graph of every supported operator, and
 * AlexNet, changed mostly in its first kilobytes where the graph's structure lies): every mutant is read or refused
 * with a one-line reason naming the file.
 */
class OnnxByteFlipFuzzTest {

	@TempDir
	Path dir;

	@Test
	void everyMutantIsReadOrRefusedWithAReason() throws Exception {
		Map<String, byte[]> originals = new LinkedHashMap<>();
		for (String name : new String[] { "ops", "alexnet" })
			originals.put(name + ".onnx", Files.readAllBytes(OnnxFixtures.model(name)));
		ByteFlips.assertReadOrRefused(ByteFlips.write(dir, originals, 150, 19, 4096), OnnxFormatException.class,
			file -> {
				try {
					OnnxModel.read(file);
				}
				catch (OnnxFormatException e) {
					assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
					throw e;
				}
			});
	}
}
