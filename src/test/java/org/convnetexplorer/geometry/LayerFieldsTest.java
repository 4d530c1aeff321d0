package org.convnetexplorer.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LayerFieldsTest {

	/** AlexNet's table, derived: conv(11, 4, pad 2), pool(3, 2), conv(5, 1, 2), pool(3, 2), conv(3, 1, 1) ×3. */
	@Test
	void alexNetChain() {
		AxisField conv1 = AxisField.PIXEL.window(11, 4, 1, 2);
		AxisField conv2 = conv1.window(3, 2, 1, 0).window(5, 1, 1, 2);
		AxisField conv3 = conv2.window(3, 2, 1, 0).window(3, 1, 1, 1);
		AxisField conv4 = conv3.window(3, 1, 1, 1);
		AxisField conv5 = conv4.window(3, 1, 1, 1);
		assertEquals("jump 4, start -2, size 11", conv1.toString());
		assertEquals("jump 8, start -18, size 51", conv2.toString());
		assertEquals("jump 16, start -34, size 99", conv3.toString());
		assertEquals("jump 16, start -50, size 131", conv4.toString());
		assertEquals("jump 16, start -66, size 163", conv5.toString());
	}

	@Test
	void dilationAndAsymmetricAxes() {
		UnitField f = UnitField.PIXEL.window(3, 3, 2, 1, 2, 1, 0, 1);
		assertEquals("y: jump 2, start 0, size 5; x: jump 1, start -1, size 3", f.toString());
		assertEquals(new Box(-1 + 4, 2 * 3, -1 + 4 + 3, 6 + 5), f.inputBox(3, 4));
	}

	@Test
	void branchesMergeToTheirUnionOrSayWhyNot() {
		LayerFields small = LayerFields.uniform(4, UnitField.PIXEL.window(1, 1, 2, 2, 1, 1, 0, 0));
		LayerFields large = LayerFields.uniform(4, UnitField.PIXEL.window(3, 3, 2, 2, 1, 1, 1, 1));
		assertEquals("jump 2, start -1, size 3", LayerFields.merged(small, large, "add").toString());
		LayerFields coarse = LayerFields.uniform(4, UnitField.PIXEL.window(3, 3, 4, 4, 1, 1, 1, 1));
		LayerFields merged = LayerFields.merged(small, coarse, "node 'a' (Add)");
		assertNull(merged.field(0));
		assertTrue(merged.reason(0).startsWith("node 'a' (Add) joins branches whose fields step differently"), merged.reason(0));
	}

	@Test
	void concatKeepsEachBranchAndMixingJoinsThem() {
		LayerFields a = LayerFields.uniform(2, UnitField.PIXEL);
		LayerFields b = LayerFields.uniform(3, UnitField.PIXEL.window(3, 3, 1, 1, 1, 1, 1, 1));
		LayerFields both = LayerFields.concat(List.of(a, b));
		assertEquals(2, both.groups().size());
		assertEquals(UnitField.PIXEL, both.field(1));
		assertEquals("jump 1, start -1, size 3", both.field(2).toString());
		LayerFields mixed = both.mixed(6, 1, f -> f, "conv");
		assertEquals("jump 1, start -1, size 3", mixed.toString());
		LayerFields grouped = LayerFields.concat(List.of(a, LayerFields.uniform(2, both.field(2)))).mixed(4, 2, f -> f, "conv");
		assertEquals(UnitField.PIXEL, grouped.field(1));
		assertEquals("jump 1, start -1, size 3", grouped.field(2).toString());
		LayerFields gated = both.notBox("global");
		assertEquals("global", gated.reason(4));
		assertEquals("global", LayerFields.merged(both, LayerFields.notBox(1, "global"), "mul").reason(0));
	}
}
