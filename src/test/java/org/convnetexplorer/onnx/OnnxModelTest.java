package org.convnetexplorer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.convnetexplorer.geometry.UnitField;
import org.convnetexplorer.network.AlexNet;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.onnx.graph.OnnxFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OnnxModel's view of the exported models: input, layers, names, fields and reasons, default layers. */
class OnnxModelTest {

	@Test
	void alexNetFieldsAndMapSizesEqualTheBuiltInTable() throws Exception {
		OnnxModel model = OnnxModel.read(OnnxFixtures.model("alexnet"));
		for (Layer builtIn : AlexNet.LAYERS) {
			OnnxLayer layer = model.layer(builtIn.name(), 224, 224);
			assertEquals(builtIn.height(), layer.mapHeight(), builtIn.name());
			assertEquals(builtIn.width(), layer.mapWidth(), builtIn.name());
			assertEquals(1, layer.fields().groups().size(), builtIn.name());
			assertEquals(builtIn.field(0), layer.fields().field(0), builtIn.name());
		}
	}

	@Test
	void inputSpecs() throws Exception {
		OnnxInput fixed = OnnxModel.read(OnnxFixtures.model("resnet18")).input();
		assertEquals("input [1, 3, 224, 224]", fixed.toString());
		assertEquals(1, fixed.declaredBatch());
		assertTrue(fixed.hasFixedSize());
		OnnxInput dynamic = OnnxModel.read(OnnxFixtures.model("alexnet_dynamic")).input();
		assertTrue(dynamic.hasDynamicBatch());
		assertEquals(224, dynamic.height());
	}

	@Test
	void aLayerIsNamedByTensorOrByNode() throws Exception {
		OnnxModel model = OnnxModel.read(OnnxFixtures.model("alexnet"));
		OnnxLayer byTensor = model.layer("conv2", 224, 224);
		assertEquals("/model/features/features.4/Relu", byTensor.node());
		assertEquals("conv2", model.layer("/model/features/features.4/Relu", 224, 224).name());
		OnnxLayer unnamedOutput = model.layer("/model/features/features.3/Conv", 224, 224);
		assertEquals("/model/features/features.3/Conv_output_0", unnamedOutput.name());
		assertEquals(unnamedOutput.fields().toString(), byTensor.fields().toString(), "ReLU keeps the conv's field");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.layer("conv9", 224, 224));
		assertEquals("no tensor or node named 'conv9' in alexnet.onnx", e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> model.layers(256, 256), "the model fixes 224×224");
	}

	@Test
	void layersWithoutABoxSayWhy() throws Exception {
		OnnxLayer fc6 = OnnxModel.read(OnnxFixtures.model("alexnet")).layer("fc6", 224, 224);
		assertFalse(fc6.hasBoxFields());
		assertEquals("node '/model/Flatten' (Flatten) rearranges positions and channels: its units have no box in the input",
			fc6.fields().reason(0));
		OnnxLayer pooled = OnnxModel.read(OnnxFixtures.model("resnet18")).layer("pooled", 224, 224);
		assertEquals("node '/model/avgpool/GlobalAveragePool' (GlobalAveragePool) pools over the whole map: "
			+ "each unit sees the whole input", pooled.fields().reason(63));
		OnnxLayer gate = OnnxModel.read(OnnxFixtures.model("ops")).layer("/model/se/gate/Sigmoid_output_0", 224, 224);
		assertFalse(gate.hasBoxFields());
		assertTrue(gate.fields().reason(0).contains("each unit sees the whole input"), gate.fields().reason(0));
	}

	/**
	 * A squeeze-and-excitation gate scales each unit of its input by one number per image: with the gate held, the
	 * gated unit changes with exactly the pixels its input unit sees, so {@code se} (pool3 × gate) has pool3's fields,
	 * which OnnxReferenceTest holds equal to torch's gradient support; the gate is named.
	 */
	@Test
	void unitsScaledByAGlobalGateKeepTheirUngatedFields() throws Exception {
		OnnxModel ops = OnnxModel.read(OnnxFixtures.model("ops"));
		OnnxLayer gated = ops.layer("se", 224, 224);
		OnnxLayer ungated = ops.layer("pool3", 224, 224);
		assertTrue(gated.hasBoxFields());
		assertEquals(ungated.fields().toString(), gated.fields().toString());
		assertEquals(List.of("node '/model/se/Mul' (Mul)"), gated.fields().gates());
		assertEquals(List.of(), ungated.fields().gates());
	}

	/**
	 * An unsupported operator stops only the layers that need it: a convolution's ReLU before an unsupported head loads
	 * and is the default layer; the head's output, chosen, is refused with the node's reason; a model whose every
	 * default layer needs the refused node is refused as before.
	 */
	@Test
	void anUnsupportedHeadLeavesTheLayersBeforeItUsable(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("head.onnx");
		ProtoWriter g = ProtoWriter.graph(new long[] { 1, 3, 8, 8 }, "z",
			ProtoWriter.node("/conv", "Conv", new String[] { "x", "w" }, new String[] { "c" }),
			ProtoWriter.node("/relu", "Relu", new String[] { "c" }, new String[] { "r" }),
			ProtoWriter.node("/head/DeformConv", "DeformConv", new String[] { "r" }, new String[] { "z" }))
			.message(5, ProtoWriter.floatTensor("w", new long[] { 2, 3, 3, 3 }, new float[54]));
		Files.write(file, ProtoWriter.model(13, g));
		OnnxModel model = OnnxModel.read(file);
		assertEquals(List.of("r"), model.defaultLayers(8, 8).stream().map(OnnxLayer::name).collect(
			java.util.stream.Collectors.toList()));
		assertTrue(model.layer("r", 8, 8).hasBoxFields());
		assertEquals("node '/head/DeformConv' (DeformConv): unsupported operator", assertThrows(OnnxFormatException.class,
			() -> model.layer("z", 8, 8)).getMessage().replaceFirst("^.*?: node", "node"));
	}

	/** Reflect padding by {@code pad} on each side of an 8×8 input, then a 3×3 convolution. */
	private static OnnxModel reflectThenConv(Path folder, int pad) throws Exception {
		Path file = folder.resolve("reflect" + pad + ".onnx");
		ProtoWriter g = ProtoWriter.graph(new long[] { 1, 3, 8, 8 }, "y",
			ProtoWriter.node("/pad", "Pad", new String[] { "x" }, new String[] { "p" },
				ProtoWriter.intsAttribute("pads", 0, 0, pad, pad, 0, 0, pad, pad), ProtoWriter.stringAttribute("mode",
					"reflect")),
			ProtoWriter.node("/conv", "Conv", new String[] { "p", "w" }, new String[] { "y" }))
			.message(5, ProtoWriter.floatTensor("w", new long[] { 2, 3, 3, 3 }, new float[54]));
		Files.write(file, ProtoWriter.model(10, g));
		return OnnxModel.read(file);
	}

	@Test
	void unitsThatMaySeeMirroredPixelsOutsideTheirBoxHaveNoBox(@TempDir Path folder) throws Exception {
		// pad 1, 3×3 window: the mirror of row -1 is row 1, which every window over row -1 holds
		OnnxModel narrow = reflectThenConv(folder, 1);
		assertTrue(narrow.layer("y", 8, 8).hasBoxFields());
		assertEquals("node '/pad' (Pad) pads by reflection: its border pixels are mirrored ones from inside the map",
			narrow.layer("p", 8, 8).fields().reason(0));
		// pad 2: the window over rows -2..0 reads rows 2 and 1, mirrored, which its box [-2, 1) leaves out
		OnnxLayer wide = reflectThenConv(folder, 2).layer("y", 8, 8);
		assertFalse(wide.hasBoxFields());
		assertEquals("node '/conv' (Conv) reads pixels that node '/pad' (Pad) mirrors, from outside its units' boxes",
			wide.fields().reason(0));
	}

	@Test
	void inceptionUnitsHaveTheirBranchFields() throws Exception {
		OnnxLayer inception = OnnxModel.read(OnnxFixtures.model("googlenet")).layer("inception3a", 224, 224);
		// branch 1 (1×1 conv, 16 units) sees less than branches 2-4 (a 3×3 conv or pool on top)
		UnitField branch1 = inception.fields().field(0);
		UnitField others = inception.fields().field(16);
		assertEquals("jump 8, start -7, size 27", branch1.toString());
		assertEquals("jump 8, start -15, size 43", others.toString());
		assertEquals(2, inception.fields().groups().size());
		assertNull(inception.fields().reason(63));
	}

	@Test
	void defaultLayers() throws Exception {
		assertEquals(List.of("conv1", "conv2", "conv3", "conv4", "conv5"), names(OnnxModel.read(OnnxFixtures.model("alexnet"))));
		List<String> googlenet = names(OnnxModel.read(OnnxFixtures.model("googlenet")));
		assertTrue(googlenet.containsAll(List.of("conv1", "conv3", "inception3a", "inception4e", "inception5b")), googlenet.toString());
		assertTrue(googlenet.stream().noneMatch(n -> n.contains("branch")), "branches are inside their Concat: " + googlenet);
		List<String> resnet = names(OnnxModel.read(OnnxFixtures.model("resnet18")));
		assertTrue(resnet.containsAll(List.of("stem", "layer1", "layer2.0", "layer4")), resnet.toString());
		assertFalse(resnet.contains("pooled"));
	}

	private static List<String> names(OnnxModel model) throws OnnxFormatException {
		return model.defaultLayers(224, 224).stream().map(OnnxLayer::name).collect(Collectors.toList());
	}
}
