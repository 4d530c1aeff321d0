package org.convnetexplorer.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {

	/** Output lengths as torch 1.13 gives them (nn.Conv2d, nn.MaxPool2d with ceil_mode) for the same inputs. */
	@Test
	void outputLengthsAreTorchs() {
		assertEquals(55, SlidingWindow.of(11, 4, 2).outputLength(224));
		assertEquals(27, SlidingWindow.of(3, 2, 0).outputLength(55));
		assertEquals(6, new SlidingWindow(3, 1, 2, 0, 0, false).outputLength(10));
		assertEquals(56, new SlidingWindow(3, 2, 1, 0, 0, true).outputLength(112));
		assertEquals(4, new SlidingWindow(3, 2, 1, 1, 1, true).outputLength(6));
		// rounding up would start a last window in the trailing padding: torch drops it
		assertEquals(3, new SlidingWindow(2, 2, 1, 1, 1, true).outputLength(5));
		assertEquals(3, new SlidingWindow(3, 3, 1, 1, 1, true).outputLength(7));
	}

	@Test
	void ceilModeReadsPastTheEndPaddingOnlyWhereItRoundsUp() {
		assertEquals(1, new SlidingWindow(3, 2, 1, 0, 0, true).overhang(112));
		assertEquals(1, new SlidingWindow(3, 2, 1, 1, 1, true).overhang(6));
		assertEquals(0, new SlidingWindow(2, 2, 1, 1, 1, true).overhang(5));
		assertEquals(0, SlidingWindow.of(3, 2, 0).overhang(56));
	}

	@Test
	void aWindowLargerThanThePaddedInputIsRefused() {
		SlidingWindow dilated = new SlidingWindow(3, 1, 4, 1, 1, false);
		assertEquals(9, dilated.span());
		assertFalse(dilated.fits(6));
		assertEquals("window of 9 larger than the padded input (6)",
			assertThrows(IllegalArgumentException.class, () -> dilated.outputLength(6)).getMessage());
		assertEquals(1, dilated.outputLength(7));
	}

	@Test
	void fieldsComposeAsAxisFieldWindowsOnEitherAxis() {
		SlidingWindow conv = new SlidingWindow(3, 2, 2, 1, 0, false);
		assertEquals(new AxisField(8, -6, 9 + 4 * 2 * 2), conv.field(new AxisField(4, -2, 9)));
		UnitField f = UnitField.PIXEL.window(conv, SlidingWindow.of(1, 1, 0));
		assertEquals("y: jump 2, start -1, size 5; x: jump 1, start 0, size 1", f.toString());
	}
}
