package org.convnetexplorer.bioimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.ZipFile;

import org.convnetexplorer.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * .npy files: numpy's own (the packages' uint16 and float32 test tensors) read with their shapes, the other types
 * read from bytes laid out as the format says, and what is not read refused naming it.
 */
class NpyArrayTest {

	/** A version 1 .npy of {@code header} and {@code data}. */
	static byte[] npy(String header, byte[] data) {
		byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
		ByteBuffer bytes = ByteBuffer.allocate(10 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
		bytes.put(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 }).putShort((short) text.length).put(text)
			.put(data);
		return bytes.array();
	}

	@Test
	void numpysFilesReadWithTheirShapes() throws IOException {
		NpyArray input = NpyArray.read(Files.readAllBytes(Fixtures.BIOIMAGE.resolve("encoder-0.5/test_input.npy")),
			"test_input.npy");
		assertArrayEquals(new long[] { 1, 1, 40, 56 }, input.shape());
		try (ZipFile zip = new ZipFile(Fixtures.BIOIMAGE.resolve("encoder-0.4.zip").toFile())) {
			NpyArray uint16 = NpyArray.read(zip.getInputStream(zip.getEntry("test_input.npy")).readAllBytes(), "u2");
			assertArrayEquals(input.values(), uint16.values()); // the same counts, stored as uint16 and as float32
			NpyArray float64 = NpyArray.read(zip.getInputStream(zip.getEntry("test_output.npy")).readAllBytes(), "f8");
			assertArrayEquals(new long[] { 1, 2, 20, 28 }, float64.shape());
		}
	}

	@Test
	void eachTypeReadsLittleEndianInCOrder() {
		ByteBuffer f8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2);
		NpyArray doubles = NpyArray.read(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", f8.array()),
			"f8");
		assertArrayEquals(new float[] { 1.5f, -2 }, doubles.values());
		NpyArray bytes = NpyArray.read(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1), }",
			new byte[] { (byte) 200, 7 }), "u1");
		assertArrayEquals(new float[] { 200, 7 }, bytes.values());
		assertArrayEquals(new long[] { 2, 1 }, bytes.shape());
		NpyArray scalar = NpyArray.read(npy("{'descr': '<u2', 'fortran_order': False, 'shape': (), }",
			new byte[] { (byte) 0xff, (byte) 0xff }), "u2");
		assertArrayEquals(new float[] { 65535 }, scalar.values());
	}

	@Test
	void whatIsNotReadIsRefusedNamingIt() {
		assertEquals("x.npy holds values of numpy type '>f4'; little-endian float32, float64, uint8 and uint16 are read",
			refusal(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4])));
		assertEquals("x.npy holds values of numpy type '<i4'; little-endian float32, float64, uint8 and uint16 are read",
			refusal(npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", new byte[4])));
		assertEquals("x.npy is stored in Fortran order; C order is read",
			refusal(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new byte[16])));
		assertEquals("x.npy: its shape needs 16 bytes of data, the file holds 12",
			refusal(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", new byte[12])));
		assertEquals("x.npy: its shape needs 4 bytes of data, the file holds 8",
			refusal(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[8])));
		assertEquals("x.npy: shape [2147483647, 2147483647] is more values than one array holds",
			refusal(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647), }", new byte[4])));
		assertEquals("x.npy is not a .npy file (no \\x93NUMPY at its start)", refusal("PK\3\4 not numpy".getBytes(
			StandardCharsets.ISO_8859_1)));
		assertEquals("x.npy: its .npy header has no readable 'descr' ({'descr': <class 'object'>})",
			refusal(npy("{'descr': <class 'object'>}", new byte[0])));
	}

	private static String refusal(byte[] bytes) {
		return assertThrows(IllegalArgumentException.class, () -> NpyArray.read(bytes, "x.npy")).getMessage();
	}
}
