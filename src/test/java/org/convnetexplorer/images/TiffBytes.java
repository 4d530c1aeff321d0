package org.convnetexplorer.images;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian 8-bit gray TIFFs written byte by byte, so that a test can point a directory's "next directory" at any
 * offset: each directory is followed by its own pixels.
 */
final class TiffBytes {

	private static final int ENTRIES = 9;
	private static final int DIRECTORY_BYTES = 2 + 12 * ENTRIES + 4;

	private TiffBytes() {
	}

	/**
	 * One directory per image, all {@code width}×{@code height}, image i filled with {@code gray[i]}; directory i
	 * points to directory {@code next[i]} (-1: none).
	 */
	static byte[] chain(int width, int height, int[] gray, int[] next) {
		int pixels = width * height;
		int stride = DIRECTORY_BYTES + pixels;
		ByteBuffer out = ByteBuffer.allocate(8 + stride * gray.length).order(ByteOrder.LITTLE_ENDIAN);
		out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		for (int i = 0; i < gray.length; i++) {
			int directory = 8 + i * stride;
			out.position(directory);
			out.putShort((short) ENTRIES);
			entry(out, 256, 3, width); // ImageWidth
			entry(out, 257, 3, height); // ImageLength
			entry(out, 258, 3, 8); // BitsPerSample
			entry(out, 259, 3, 1); // Compression: none
			entry(out, 262, 3, 1); // PhotometricInterpretation: black is zero
			entry(out, 273, 4, directory + DIRECTORY_BYTES); // StripOffsets
			entry(out, 277, 3, 1); // SamplesPerPixel
			entry(out, 278, 3, height); // RowsPerStrip
			entry(out, 279, 4, pixels); // StripByteCounts
			out.putInt(next[i] < 0 ? 0 : 8 + next[i] * stride);
			for (int p = 0; p < pixels; p++)
				out.put((byte) gray[i]);
		}
		return out.array();
	}

	/** The offset of the first directory's "next directory" pointer. */
	static int firstNextPointer() {
		return 8 + DIRECTORY_BYTES - 4;
	}

	private static void entry(ByteBuffer out, int tag, int type, int value) {
		out.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3)
			out.putShort((short) value).putShort((short) 0);
		else
			out.putInt(value);
	}
}
