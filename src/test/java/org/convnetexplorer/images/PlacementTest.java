package org.convnetexplorer.images;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected numbers worked out by hand from the peer's formula (see Placement's Javadoc). */
class PlacementTest {

	private static final double EXACT = 1e-9;

	@Test
	void landscapePhotoIsScaledByItsHeightAndCroppedInTheMiddle() {
		// 640 * 224/427 = 335.74 -> 336; crop x0 = (336 - 224) / 2 = 56
		Placement p = InputSpec.IMAGENET.place(640, 427);
		assertAll(
			() -> assertEquals(336, p.resizedWidth()),
			() -> assertEquals(224, p.resizedHeight()),
			() -> assertEquals(56, p.cropX()),
			() -> assertEquals(0, p.cropY()),
			() -> assertEquals(0.525, p.scaleX(), EXACT),
			() -> assertEquals(224.0 / 427, p.scaleY(), EXACT),
			() -> assertEquals(56 / 0.525, p.toOriginalX(0), EXACT),
			() -> assertEquals(280 / 0.525, p.toOriginalX(224), EXACT),
			() -> assertEquals(0, p.toOriginalY(0), EXACT),
			() -> assertEquals(427, p.toOriginalY(224), EXACT));
	}

	@Test
	void portraitPhotoIsScaledByItsWidth() {
		Placement p = InputSpec.IMAGENET.place(427, 640);
		assertAll(
			() -> assertEquals(224, p.resizedWidth()),
			() -> assertEquals(336, p.resizedHeight()),
			() -> assertEquals(0, p.cropX()),
			() -> assertEquals(56, p.cropY()),
			() -> assertEquals(427, p.toOriginalX(224), EXACT),
			() -> assertEquals(56 / 0.525, p.toOriginalY(0), EXACT));
	}

	@Test
	void tallStripIsScaledUpAndCroppedFarDown() {
		// 224/40 = 5.6: 4000 * 5.6 = 22400; y0 = (22400 - 224) / 2 = 11088 -> original 11088/5.6 = 1980
		Placement p = InputSpec.IMAGENET.place(40, 4000);
		assertAll(
			() -> assertEquals(224, p.resizedWidth()),
			() -> assertEquals(22400, p.resizedHeight()),
			() -> assertEquals(0, p.cropX()),
			() -> assertEquals(11088, p.cropY()),
			() -> assertEquals(5.6, p.scaleX(), EXACT),
			() -> assertEquals(5.6, p.scaleY(), EXACT),
			() -> assertEquals(40, p.toOriginalX(224), EXACT),
			() -> assertEquals(1980, p.toOriginalY(0), EXACT),
			() -> assertEquals(2020, p.toOriginalY(224), EXACT));
	}

	@Test
	void wideStripIsCroppedInTheMiddle() {
		Placement p = InputSpec.IMAGENET.place(4000, 40);
		assertAll(
			() -> assertEquals(22400, p.resizedWidth()),
			() -> assertEquals(224, p.resizedHeight()),
			() -> assertEquals(11088, p.cropX()),
			() -> assertEquals(0, p.cropY()));
	}

	@Test
	void onePixelIsScaledUpTo224() {
		Placement p = InputSpec.IMAGENET.place(1, 1);
		assertAll(
			() -> assertEquals(224, p.resizedWidth()),
			() -> assertEquals(224, p.resizedHeight()),
			() -> assertEquals(0, p.cropX()),
			() -> assertEquals(224, p.scaleX(), EXACT),
			() -> assertEquals(0.5, p.toOriginalX(112), EXACT),
			() -> assertEquals(1, p.toOriginalY(224), EXACT));
	}

	@Test
	void inputSizedImageIsTheIdentity() {
		Placement p = InputSpec.IMAGENET.place(224, 224);
		assertAll(
			() -> assertEquals(224, p.resizedWidth()),
			() -> assertEquals(224, p.resizedHeight()),
			() -> assertEquals(0, p.cropX()),
			() -> assertEquals(0, p.cropY()),
			() -> assertEquals(1, p.scaleX(), 0),
			() -> assertEquals(17.5, p.toOriginalX(17.5), 0));
	}

	@Test
	void halvesRoundToEvenLikePython() {
		// 224/448 = 0.5: 449 * 0.5 = 224.5 -> 224 (not 225), 451 * 0.5 = 225.5 -> 226, 453 * 0.5 = 226.5 -> 226
		assertEquals(224, InputSpec.IMAGENET.place(449, 448).resizedWidth());
		assertEquals(226, InputSpec.IMAGENET.place(451, 448).resizedWidth());
		assertEquals(226, InputSpec.IMAGENET.place(453, 448).resizedWidth());
		assertEquals(1, InputSpec.IMAGENET.place(453, 448).cropX());
	}

	@Test
	void refusesEmptyAndImpossiblyElongatedSizes() {
		assertThrows(IllegalArgumentException.class, () -> InputSpec.IMAGENET.place(0, 10));
		assertThrows(IllegalArgumentException.class, () -> InputSpec.IMAGENET.place(10, -1));
		// 1 x 10 000 000 would need a 2 240 000 000 pixel tall resize
		assertThrows(IllegalArgumentException.class, () -> InputSpec.IMAGENET.place(1, 10_000_000));
		assertEquals(2_016_000_000, InputSpec.IMAGENET.place(1, 9_000_000).resizedHeight());
	}
}
