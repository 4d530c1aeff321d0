package org.convnetexplorer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.geometry.ReceptiveField;
import org.convnetexplorer.weights.WeightsSource;
import org.junit.jupiter.api.Test;

class LayerTest {

	private final Network alexNet = new AlexNet(WeightsSource.DEMO, null);

	@Test
	void alexNetsLayersAreConv1ToConv5WithTheirMapSizesAndFields() {
		assertEquals(List.of("conv1", "conv2", "conv3", "conv4", "conv5"),
			alexNet.layers().stream().map(Layer::name).collect(java.util.stream.Collectors.toList()));
		int[] sides = { 55, 27, 13, 13, 13 };
		int[] units = { 64, 192, 384, 256, 256 };
		for (int i = 0; i < 5; i++) {
			Layer layer = alexNet.layers().get(i);
			assertEquals(sides[i], layer.height(), layer.name());
			assertEquals(sides[i], layer.width(), layer.name());
			assertEquals(units[i], layer.units(), layer.name());
			assertEquals(layer.name(), layer.fileName(), "AlexNet's files keep their names");
		}
		assertEquals(new ReceptiveField(16, -34, 99), AlexNet.CONV3.field(383));
		assertEquals(224, alexNet.input().size());
	}

	@Test
	void layersAreChosenByNameInNetworkOrder() {
		assertEquals(List.of(AlexNet.CONV1, AlexNet.CONV3), alexNet.parseLayers(" conv3,CONV1,conv3"));
		assertEquals(AlexNet.LAYERS, alexNet.parseLayers(""));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> alexNet.parseLayers("conv6"));
		assertEquals("unknown layer 'conv6': expected one of conv1, conv2, conv3, conv4, conv5", e.getMessage());
	}

	@Test
	void otherNamesGetSafeDistinctFileNames() {
		// hashes from coreutils: echo -n NAME | sha256sum
		assertEquals("features_features.3_Concat-8e8528fb", Layer.fileNameOf("/features/features.3/Concat"));
		assertEquals("a_b-c14cddc0", Layer.fileNameOf("a/b"));
		assertEquals("a_b", Layer.fileNameOf("a_b"));
		assertEquals("x-" + "d6b96a97",
			Layer.fileNameOf("../x"));
	}

	@Test
	void unitsOfOneLayerMayHaveFieldsOfTheirOwnOrNone() {
		ReceptiveField narrow = new ReceptiveField(8, -4, 19, 8, -10, 31);
		ReceptiveField wide = new ReceptiveField(8, -20, 51);
		Layer concat = new Layer("/inception/Concat", 96, 28, 30, LayerFields.grouped(List.of(
			new LayerFields.Group(0, narrow), new LayerFields.Group(64, wide))));
		assertEquals(narrow, concat.field(63));
		assertEquals(wide, concat.field(64));
		assertEquals(new Box(6, -4, 37, 15), concat.field(0).inputBox(0, 2));
		assertEquals(51, concat.fields().largestSize());
		assertEquals("units 0-63: y: jump 8, start -4, size 19; x: jump 8, start -10, size 31; " +
			"units 64-95: jump 8, start -20, size 51", concat.fields().describe(96));

		Layer pooled = new Layer("pool", 512, 1, 1, LayerFields.none("after a global average pooling"));
		assertFalse(pooled.fields().areBoxes());
		assertEquals("after a global average pooling",
			assertThrows(IllegalStateException.class, () -> pooled.field(0)).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Layer("x", 8, 2, 2,
			LayerFields.grouped(List.of(new LayerFields.Group(0, wide), new LayerFields.Group(8, narrow))))).getMessage()
			.contains("unit 8 of 8"));
	}
}
