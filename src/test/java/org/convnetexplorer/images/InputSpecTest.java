package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Input sizes are bounded so that every size computed from them is exact. */
class InputSpecTest {

	private static InputSpec rgb(int size) {
		return new InputSpec(size, 3, new float[] { 0, 0, 0 }, new float[] { 1, 1, 1 });
	}

	@Test
	void theLargestInputCountsItsFloatsExactly() {
		assertEquals(3L * 4096 * 4096, rgb(InputSpec.MAX_SIZE).floats());
		assertEquals("input size must be 1..4096, not 26755",
			assertThrows(IllegalArgumentException.class, () -> rgb(26755)).getMessage(),
			"3 × 26755² is more than an int: refused, not wrapped");
	}

	@Test
	void aBatchBeyondOneJavaArrayIsRefusedNamingTheLargestThatFits() {
		assertEquals(42 * 3 * 4096 * 4096, rgb(4096).batchFloats(42));
		assertEquals("batch 43 of 4096×4096 inputs is more than one Java array holds; use a batch of 1..42",
			assertThrows(IllegalArgumentException.class, () -> rgb(4096).batchFloats(43)).getMessage());
	}
}
