package org.convnetexplorer.weights;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Sha256Test {

	@Test
	void hashesMatchTheStandardTestVectors() {
		assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DownloadFixtures.sha256(new byte[0]));
		assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DownloadFixtures.sha256("abc".getBytes(
			US_ASCII)));
	}

	@Test
	void prefixIsEightToSixtyFourHexDigitsInLowerCase() {
		assertEquals("7be5be79", Sha256.requirePrefix("7BE5BE79"));
		assertThrows(IllegalArgumentException.class, () -> Sha256.requirePrefix("7be5be7"));
		assertThrows(IllegalArgumentException.class, () -> Sha256.requirePrefix("7be5be7g"));
		assertThrows(IllegalArgumentException.class, () -> Sha256.requirePrefix(null));
	}
}
