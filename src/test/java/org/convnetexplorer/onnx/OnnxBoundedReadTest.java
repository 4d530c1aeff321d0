package org.convnetexplorer.onnx;

import static org.convnetexplorer.onnx.ProtoWriter.floatTensor;
import static org.convnetexplorer.onnx.ProtoWriter.graph;
import static org.convnetexplorer.onnx.ProtoWriter.model;
import static org.convnetexplorer.onnx.ProtoWriter.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.convnetexplorer.ChildJvm;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.graph.OnnxTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONNX file and its external data are opened the bounded way: special files are refused by their kind, unopened
 * (a FIFO would block for ever, /dev/zero never ends), a large file is not read whole before its first bytes are
 * checked, ranges are stated as the file declares them, and initializers must be finite numbers.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OnnxBoundedReadTest {

	private static final long[] INPUT = { 1, 3, 8, 8 };

	@TempDir
	Path folder;

	private static String reason(Path file) {
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.read(file));
		assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
		return e.reason();
	}

	private Path fifo(String name) throws Exception {
		Path fifo = folder.resolve(name);
		assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
		return fifo;
	}

	private Path modelWithExternal(String location, String offset) throws Exception {
		ProtoWriter entries = new ProtoWriter();
		ProtoWriter tensor = new ProtoWriter().packedVarints(1, 2).varint(2, OnnxTensor.FLOAT).string(8, "w")
			.message(13, new ProtoWriter().string(1, "location").string(2, location));
		if (offset != null) tensor.message(13, new ProtoWriter().string(1, "offset").string(2, offset));
		Path file = folder.resolve("external.onnx");
		Files.write(file, model(13, graph(INPUT, "y", relu()).message(5, tensor.varint(14, 1))));
		return file;
	}

	private static ProtoWriter relu() {
		return node("r", "Relu", new String[] { "x" }, new String[] { "y" });
	}

	@Test
	void aFifoOrADeviceAsTheModelIsRefusedByItsKindUnopened() throws Exception {
		assertEquals("a FIFO (named pipe), not a regular file: not read", reason(fifo("pipe.onnx")));
		Path zero = Paths.get("/dev/zero");
		assumeTrue(Files.exists(zero));
		Path link = Files.createSymbolicLink(folder.resolve("zero.onnx"), zero);
		assertEquals("a character device, not a regular file: not read", reason(link));
		assertEquals("a folder", reason(Files.createDirectories(folder.resolve("folder.onnx"))));
	}

	@Test
	void externalDataThatIsNoRegularFileIsRefusedByItsKind() throws Exception {
		fifo("pipe.bin");
		assertEquals("tensor 'w': external data file 'pipe.bin' is a FIFO (named pipe), not a regular file: not read",
			reason(modelWithExternal("pipe.bin", null)));
		Files.createDirectories(folder.resolve("dir.bin"));
		assertEquals("tensor 'w': external data file 'dir.bin' is a folder", reason(modelWithExternal("dir.bin", null)));
		assertEquals("tensor 'w': external data file 'none.bin' not found", reason(modelWithExternal("none.bin", null)));
	}

	@Test
	void anOffsetPastTheEndIsStatedAsDeclared() throws Exception {
		Files.write(folder.resolve("w.bin"), new byte[8]);
		assertEquals("tensor 'w': external data offset 100 lies past the end of 'w.bin' (8 bytes)",
			reason(modelWithExternal("w.bin", "100")));
	}

	@Test
	void nanOrInfinityInAnInitializerIsRefusedNamingTheTensor() throws Exception {
		for (float bad : new float[] { Float.NaN, Float.POSITIVE_INFINITY }) {
			Path file = folder.resolve("bad.onnx");
			Files.write(file, model(13, graph(INPUT, "y", relu()).message(5, floatTensor("conv.weight",
				new long[] { 2, 2 }, 1f, 2f, bad, 4f))));
			assertEquals("initializer 'conv.weight' holds " + (Float.isNaN(bad) ? "NaN" : "an infinite value") +
				" at [1, 0]: weights must be finite numbers", reason(file));
		}
	}

	@Test
	void aGigabyteOfRandomBytesIsRefusedAtItsFirstBytesWithinASmallHeap() throws Exception {
		Path big = folder.resolve("random.onnx");
		byte[] head = new byte[1 << 16];
		new Random(2).nextBytes(head);
		try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
			file.write(head);
			file.setLength(1L << 30); // the rest sparse: no disk
		}
		ChildJvm layers = ChildJvm.run(ChildJvm.testClassPath(), List.of("-Xmx96m"), Map.of(), 100,
			folder.resolve("layers.log"), "org.convnetexplorer.cli.ConvNetExplorerCli", "layers", "--model",
			big.toString());
		assertEquals(1, layers.exitCode, layers.output);
		assertTrue(layers.output.contains(big + ": not a valid ONNX file: "), layers.output);
		assertFalse(layers.output.contains("OutOfMemoryError"), layers.output);
	}
}
