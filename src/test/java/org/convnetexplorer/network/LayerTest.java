package org.convnetexplorer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.geometry.AxisField;
import org.convnetexplorer.geometry.UnitField;
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
		assertEquals(UnitField.square(16, -34, 99), AlexNet.CONV3.field(383));
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
		UnitField narrow = new UnitField(new AxisField(8, -4, 19), new AxisField(8, -10, 31));
		UnitField wide = UnitField.square(8, -20, 51);
		Layer concat = new Layer("/inception/Concat", 96, 28, 30, LayerFields.concat(List.of(
			LayerFields.uniform(64, narrow), LayerFields.uniform(32, wide))));
		assertEquals(narrow, concat.field(63));
		assertEquals(wide, concat.field(64));
		assertEquals(new Box(6, -4, 37, 15), concat.field(0).inputBox(0, 2));
		assertEquals(51, concat.largestFieldSize());
		assertEquals(null, concat.noBoxReason());

		Layer pooled = new Layer("pool", 512, 1, 1, LayerFields.notBox(512, "after a global average pooling"));
		assertEquals("after a global average pooling", pooled.noBoxReason());
		assertTrue(assertThrows(IllegalStateException.class, () -> pooled.field(0)).getMessage()
			.endsWith("no box field: after a global average pooling"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Layer("x", 8, 2, 2,
			LayerFields.uniform(9, wide))).getMessage().contains("fields of 9 units for 8"));
	}
}
