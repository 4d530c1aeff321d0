package org.convnetexplorer.onnx;

import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.convnetexplorer.onnx.graph.OnnxGraph;
import org.convnetexplorer.onnx.graph.OnnxTensor;

import static org.convnetexplorer.onnx.ProtoWriter.floatTensor;
import static org.convnetexplorer.onnx.ProtoWriter.graph;
import static org.convnetexplorer.onnx.ProtoWriter.intAttribute;
import static org.convnetexplorer.onnx.ProtoWriter.intsAttribute;
import static org.convnetexplorer.onnx.ProtoWriter.model;
import static org.convnetexplorer.onnx.ProtoWriter.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX files that are broken or hostile are refused with one line naming the file and the reason, without reading
 * outside the model's folder or allocating what a header declares.
 */
class OnnxHostileFilesTest {

	private static final long[] INPUT = { 1, 3, 8, 8 };

	@TempDir
	Path folder;

	private String refusal(String name, byte[] bytes) throws Exception {
		Path file = folder.resolve(name);
		Files.write(file, bytes);
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.read(file));
		assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
		return e.reason();
	}

	private static ProtoWriter relu(String name, String in, String out) {
		return node(name, "Relu", new String[] { in }, new String[] { out });
	}

	@Test
	void truncatedModel() throws Exception {
		byte[] whole = Files.readAllBytes(OnnxFixtures.model("resnet18"));
		for (int length : new int[] { 1, 100, whole.length / 2, whole.length - 1 }) {
			String reason = refusal("truncated.onnx", Arrays.copyOf(whole, length));
			assertTrue(reason.startsWith("not a valid ONNX file: ") && (reason.contains("exceeds") || reason.contains("truncated")),
				length + " bytes: " + reason);
		}
	}

	@Test
	void emptyAndNotOnnx() throws Exception {
		assertEquals("empty file", refusal("empty.onnx", new byte[0]));
		assertTrue(refusal("text.onnx", "hello, I am not a model\n".getBytes()).startsWith("not a valid ONNX file"));
	}

	@Test
	void hugeDeclaredLengthIsCheckedBeforeUse() throws Exception {
		// A graph claiming 2^40 bytes, holding a few.
		byte[] bytes = new ProtoWriter().varint(1, 8).lyingBytes(7, 1L << 40, new byte[] { 10, 0 }).toByteArray();
		assertTrue(refusal("huge-length.onnx", bytes).contains("declared length 1099511627776"));
	}

	@Test
	void inputSizesAreBoundedBeforeAnySizeIsComputedFromThem() throws Exception {
		// 3 × 30000² floats wrap an int: refused as an option, as is a model that fixes such a size
		Path open = folder.resolve("open-size.onnx");
		Files.write(open, model(13, graph(new long[] { 1, 3, -1, -1 }, "y", relu("r", "x", "y"))));
		assertEquals("input size must be 1..4096 (or 0: the model's), not 30000", assertThrows(
			IllegalArgumentException.class, () -> OnnxNetwork.open(open, 30000, null, null)).getMessage());
		assertEquals(4096, OnnxNetwork.open(open, 4096, null, null).input().size());
		Path fixed = folder.resolve("fixed-size.onnx");
		Files.write(fixed, model(13, graph(new long[] { 1, 3, 30000, 30000 }, "y", relu("r", "x", "y"))));
		assertEquals(fixed + ": input size 30000 out of range (1..4096)",
			assertThrows(OnnxFormatException.class, () -> OnnxNetwork.open(fixed, 0, null, null)).getMessage());
	}

	@Test
	void hugeDeclaredDimsAreCheckedAgainstTheData() throws Exception {
		ProtoWriter g = graph(INPUT, "y", relu("r", "x", "y"))
			.message(5, floatTensor("w", new long[] { 1L << 20, 1L << 20 }, 1f, 2f));
		assertTrue(refusal("huge-dims.onnx", model(13, g)).contains("tensor 'w' has bad or too large dims"));
		ProtoWriter wrapping = graph(INPUT, "y", relu("r", "x", "y"))
			.message(5, floatTensor("w", new long[] { 4, 1L << 62 }, 1f, 2f)); // 2^64 elements, 0 in a long
		assertTrue(refusal("wrapping-dims.onnx", model(13, wrapping)).contains("tensor 'w' has bad or too large dims"));
		ProtoWriter lying = graph(INPUT, "y", relu("r", "x", "y")).message(5, floatTensor("w", new long[] { 1000 }, 1f, 2f));
		assertEquals("tensor 'w' holds 8 bytes of data, its dims declare 4000", refusal("short-data.onnx", model(13, lying)));
	}

	private static ProtoWriter externalTensor(String location) {
		return externalTensor("w", OnnxTensor.FLOAT, 2, location);
	}

	private static ProtoWriter externalTensor(String name, int dataType, long elements, String location) {
		return new ProtoWriter().packedVarints(1, elements).varint(2, dataType).string(8, name)
			.message(13, new ProtoWriter().string(1, "location").string(2, location)).varint(14, 1);
	}

	@Test
	void externalDataIsReadOnceInAllAndNeverBeyondTwoGigabytes() throws Exception {
		Files.write(folder.resolve("w.bin"), new byte[8]);
		// two tensors of one range: fine for a byte, but a thousand of a 1 GB range would fill any heap
		assertEquals("tensor 'b': its 8 bytes of external data would make 16 in all, more than its data files hold " +
			"(8 bytes)", refusal("aliased.onnx", model(13, graph(INPUT, "y", relu("r", "x", "y"))
				.message(5, externalTensor("a", OnnxTensor.FLOAT, 2, "w.bin"))
				.message(5, externalTensor("b", OnnxTensor.FLOAT, 2, "w.bin")))));
		// 3 × 10^8 int64 values: 2.4 GB, more than an int counts (a sparse file costs no disk)
		try (RandomAccessFile big = new RandomAccessFile(folder.resolve("big.bin").toFile(), "rw")) {
			big.setLength(2_400_000_000L);
		}
		assertEquals("tensor 'big': its 2400000000 bytes of external data would make 2400000000 in all, more than the " +
			"2147483583 bytes read at most", refusal("big.onnx", model(13, graph(INPUT, "y", relu("r", "x", "y"))
				.message(5, externalTensor("big", OnnxTensor.INT64, 300_000_000, "big.bin")))));
	}

	@Test
	void externalDataOutsideTheModelFolderIsNotRead() throws Exception {
		Path inner = Files.createDirectories(folder.resolve("models"));
		Path outside = folder.resolve("secret.bin");
		Files.write(outside, new byte[8]);
		for (String location : new String[] { "../secret.bin", "sub/../../secret.bin", outside.toString() }) {
			Path file = inner.resolve("external.onnx");
			Files.write(file, model(13, graph(INPUT, "y", relu("r", "x", "y")).message(5, externalTensor(location))));
			OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.read(file));
			assertTrue(e.reason().contains("outside the model's folder") || e.reason().contains("is absolute"),
				location + ": " + e.getMessage());
		}
		Path link = inner.resolve("link.bin");
		Files.createSymbolicLink(link, outside);
		Path file = inner.resolve("linked.onnx");
		Files.write(file, model(13, graph(INPUT, "y", relu("r", "x", "y")).message(5, externalTensor("link.bin"))));
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModel.read(file));
		assertTrue(e.reason().contains("links outside the model's folder"), e.getMessage());
	}

	@Test
	void externalDataInsideTheFolderIsRead() throws Exception {
		Files.write(folder.resolve("w.bin"), new byte[] { 0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40 }); // 1.0f, 2.0f
		Path file = folder.resolve("ok.onnx");
		Files.write(file, model(13, graph(INPUT, "y", relu("r", "x", "y")).message(5, externalTensor("w.bin"))));
		OnnxGraph graph = OnnxGraph.read(file);
		assertEquals("[1.0, 2.0]", Arrays.toString(graph.initializers().get("w").floats()));
		Files.write(folder.resolve("w.bin"), new byte[4]);
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxGraph.read(file));
		assertEquals("tensor 'w' has 4 bytes of external data, its dims declare 8", e.reason());
	}

	@Test
	void poolingPadsAsWideAsTheKernelAreRefusedNamingTheNode() throws Exception {
		// count_include_pad=0: a window wholly in the padding would divide by zero pixels
		ProtoWriter pool = node("/pool", "AveragePool", new String[] { "x" }, new String[] { "y" },
			intsAttribute("kernel_shape", 2, 2), intsAttribute("pads", 0, 2, 0, 0));
		assertEquals("node '/pool' (AveragePool): pads [0, 2, 0, 0] not smaller than the kernel [2, 2]: a window could " +
			"hold padding only", refusal("pool.onnx", model(13, graph(INPUT, "y", pool))));
	}

	@Test
	void cyclicGraph() throws Exception {
		byte[] bytes = model(13, graph(INPUT, "b", relu("first", "b", "a"), relu("second", "a", "b")));
		assertTrue(refusal("cyclic.onnx", bytes).startsWith("cyclic graph: node '"));
		byte[] self = model(13, graph(INPUT, "a", node("self", "Add", new String[] { "x", "a" }, new String[] { "a" })));
		assertTrue(refusal("self.onnx", self).startsWith("cyclic graph: node 'self' (Add)"));
	}

	@Test
	void undefinedTensor() throws Exception {
		byte[] bytes = model(13, graph(INPUT, "y", relu("r", "nowhere", "y")));
		assertEquals("node 'r' (Relu) reads 'nowhere', which no node, input or initializer defines",
			refusal("undefined.onnx", bytes));
	}

	@Test
	void unsupportedOperatorIsNamedWithItsNode() throws Exception {
		byte[] bytes = model(13, graph(INPUT, "z", relu("r", "x", "y"),
			node("/head/DeformConv", "DeformConv", new String[] { "y" }, new String[] { "z" })));
		assertEquals("node '/head/DeformConv' (DeformConv): unsupported operator", refusal("deformconv.onnx", bytes));
	}

	@Test
	void upsamplingToHugeMapsIsRefused() throws Exception {
		ProtoWriter weights = floatTensor("w", new long[] { 3, 1, 3, 3 }, new float[27]);
		byte[] dilated = model(13, graph(INPUT, "y", node("up", "ConvTranspose", new String[] { "x", "w" },
			new String[] { "y" }, intsAttribute("dilations", 65536, 65536))).message(5, weights));
		assertEquals("node 'up' (ConvTranspose): dilations 65536, 65536 make a kernel too large to compute",
			refusal("dilated.onnx", dilated));
		byte[] strided = model(13, graph(INPUT, "y", node("up", "ConvTranspose", new String[] { "x", "w" },
			new String[] { "y" }, intsAttribute("strides", 65536, 65536))).message(5, weights));
		assertEquals("node 'up' (ConvTranspose): output of 458755×458755 is too large", refusal("strided.onnx", strided));
		byte[] resized = model(13, graph(INPUT, "y", node("up", "Resize", new String[] { "x", "", "s" },
			new String[] { "y" })).message(5, floatTensor("s", new long[] { 4 }, 1, 1, 1e4f, 1e4f)));
		assertEquals("node 'up' (Resize): output of 80000×80000 is too large", refusal("resized.onnx", resized));
	}

	@Test
	void unsupportedAttributeAndValuesAreRefused() throws Exception {
		byte[] attribute = model(13, graph(INPUT, "y", node("odd", "Relu", new String[] { "x" }, new String[] { "y" },
			intAttribute("fancy", 1))));
		assertEquals("node 'odd' (Relu): unsupported attribute 'fancy'", refusal("attribute.onnx", attribute));
		byte[] lrn = model(13, graph(INPUT, "y", node("norm", "LRN", new String[] { "x" }, new String[] { "y" },
			intAttribute("size", 4))));
		assertEquals("node 'norm' (LRN): size 4 (only odd sizes are supported)", refusal("lrn.onnx", lrn));
		byte[] domain = model(13, graph(INPUT, "y", relu("r", "x", "y").string(7, "com.microsoft")));
		assertEquals("node 'r' (Relu): operator of domain 'com.microsoft' is not supported", refusal("domain.onnx", domain));
	}

	@Test
	void twoInputsAreRefused() throws Exception {
		ProtoWriter g = graph(INPUT, "y", relu("r", "x", "y")).message(11, ProtoWriter.valueInfo("x2", INPUT));
		assertEquals("the model has 2 inputs; one image input is supported", refusal("two-inputs.onnx", model(13, g)));
	}
}
