package org.convnetexplorer.bioimage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numpy array from a {@code .npy} file's bytes (format versions 1 to 3), as values in float: little-endian float32,
 * float64, uint8 or uint16, in C order. Anything else (another type, big-endian, Fortran order, an object array) is
 * refused naming what it is; nothing from the header is evaluated, and the shape must account for exactly the bytes
 * after the header.
 */
public final class NpyArray {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([0-9,\\s]*)\\)");

	private final long[] shape;
	private final float[] values;

	NpyArray(long[] shape, float[] values) {
		this.shape = shape;
		this.values = values;
	}

	/** The dimensions, outermost first. */
	public long[] shape() {
		return shape.clone();
	}

	/** The values in C order (the last index fastest). */
	public float[] values() {
		return values;
	}

	/**
	 * Reads an array from the whole of a file's bytes.
	 *
	 * @param name what the array is, for messages (a file or an entry of a package)
	 * @throws IllegalArgumentException naming {@code name} and what is wrong
	 */
	public static NpyArray read(byte[] bytes, String name) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC))
			throw new IllegalArgumentException(name + " is not a .npy file (no \\x93NUMPY at its start)");
		int major = bytes[6];
		long headerLength = major == 1 ? buffer.getShort(8) & 0xffff
			: major == 2 || major == 3 ? buffer.getInt(8) & 0xffffffffL : -1;
		int dataStart = major == 1 ? 10 : 12;
		if (headerLength < 0) throw new IllegalArgumentException(name + " is a .npy file of format version " + major +
			"; versions 1 to 3 are read");
		if (headerLength > bytes.length - dataStart)
			throw new IllegalArgumentException(name + ": its .npy header is longer than the file");
		String header = new String(bytes, dataStart, (int) headerLength, StandardCharsets.ISO_8859_1);
		String type = field(DESCR, header, name, "descr");
		if (field(FORTRAN, header, name, "fortran_order").equals("True"))
			throw new IllegalArgumentException(name + " is stored in Fortran order; C order is read");
		long[] shape = shape(field(SHAPE, header, name, "shape"), name);
		ByteBuffer data = buffer.position(dataStart + (int) headerLength).slice().order(ByteOrder.LITTLE_ENDIAN);
		return new NpyArray(shape, values(data, type, count(shape, name), name));
	}

	private static String field(Pattern pattern, String header, String name, String key) {
		Matcher matcher = pattern.matcher(header);
		if (!matcher.find()) throw new IllegalArgumentException(name + ": its .npy header has no readable '" + key +
			"' (" + header.trim() + ")");
		return matcher.group(1);
	}

	private static long[] shape(String text, String name) {
		String[] parts = text.trim().isEmpty() ? new String[0] : text.split(",");
		long[] shape = new long[parts.length];
		int dims = 0;
		for (String part : parts) {
			if (part.isBlank()) continue;
			try {
				shape[dims++] = Long.parseLong(part.trim());
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException(name + ": shape (" + text + ") is not a list of sizes");
			}
		}
		return Arrays.copyOf(shape, dims);
	}

	private static long count(long[] shape, String name) {
		long count = 1;
		for (long size : shape) {
			if (size < 0 || size > Integer.MAX_VALUE || count * size > Integer.MAX_VALUE - 8)
				throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " is more values than " +
					"one array holds");
			count *= size;
		}
		return count;
	}

	private static float[] values(ByteBuffer data, String type, long count, String name) {
		int width;
		switch (type) {
			case "<f4":
				width = 4;
				break;
			case "<f8":
				width = 8;
				break;
			case "|u1":
			case "<u1":
				width = 1;
				break;
			case "<u2":
				width = 2;
				break;
			default:
				throw new IllegalArgumentException(name + " holds values of numpy type '" + type + "'; little-endian " +
					"float32, float64, uint8 and uint16 are read");
		}
		if (data.remaining() != count * width) throw new IllegalArgumentException(name + ": its shape needs " +
			count * width + " bytes of data, the file holds " + data.remaining());
		float[] values = new float[(int) count];
		for (int i = 0; i < values.length; i++) {
			if (width == 4) values[i] = data.getFloat();
			else if (width == 8) values[i] = (float) data.getDouble();
			else if (width == 2) values[i] = data.getShort() & 0xffff;
			else values[i] = data.get() & 0xff;
		}
		return values;
	}
}
