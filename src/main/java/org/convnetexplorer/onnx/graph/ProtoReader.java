package org.convnetexplorer.onnx.graph;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf's wire format from a window of a buffer (a file mapped into memory: only the pages read are ever
 * loaded), checking every length against the bytes that remain before it is used: a declared length or count never
 * allocates more than the message holds. A message is read as a sequence of (field, wire type, value); nested messages
 * are new readers over their window, no copy.
 */
final class ProtoReader {

	static final int VARINT = 0;
	static final int FIXED64 = 1;
	static final int LENGTH_DELIMITED = 2;
	static final int FIXED32 = 5;

	/** A violation of the wire format; the caller adds the file name. */
	static final class MalformedException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		MalformedException(String reason) {
			super(reason, null, false, false);
		}
	}

	private final ByteBuffer bytes;
	private int position;
	private final int end;
	private int field;
	private int wireType;

	ProtoReader(ByteBuffer bytes, int offset, int length) {
		if (offset < 0 || length < 0 || length > bytes.limit() - offset) throw new MalformedException("bad window");
		this.bytes = bytes;
		this.position = offset;
		this.end = offset + length;
	}

	/** Moves to the next field; false at the end of the message. */
	boolean next() {
		if (position >= end) return false;
		long tag = readVarint();
		if (tag >>> 32 != 0) throw new MalformedException("field tag out of range at byte " + position);
		field = (int) (tag >>> 3);
		wireType = (int) (tag & 7);
		if (field == 0) throw new MalformedException("field number 0 at byte " + position);
		if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32)
			throw new MalformedException("unsupported wire type " + wireType + " at byte " + position);
		return true;
	}

	int field() {
		return field;
	}

	int wireType() {
		return wireType;
	}

	/** Byte offset of the reader in the whole array: for messages. */
	int position() {
		return position;
	}

	long readVarint() {
		long value = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			if (position >= end) throw new MalformedException("truncated varint at byte " + position);
			byte b = bytes.get(position++);
			value |= (long) (b & 0x7f) << shift;
			if (b >= 0) return value;
		}
		throw new MalformedException("varint longer than 10 bytes at byte " + position);
	}

	int readFixed32() {
		require(4);
		int v = (bytes.get(position) & 0xff) | (bytes.get(position + 1) & 0xff) << 8
			| (bytes.get(position + 2) & 0xff) << 16 | (bytes.get(position + 3) & 0xff) << 24;
		position += 4;
		return v;
	}

	long readFixed64() {
		long low = readFixed32() & 0xffffffffL;
		long high = readFixed32() & 0xffffffffL;
		return low | high << 32;
	}

	/** The length-delimited value's window [offset, offset + length), after checking it fits; the reader moves past it. */
	int[] readWindow() {
		long length = readVarint();
		if (length < 0 || length > end - position)
			throw new MalformedException("declared length " + Long.toUnsignedString(length) + " at byte " + position
				+ " exceeds the " + (end - position) + " bytes left");
		int[] window = { position, (int) length };
		position += (int) length;
		return window;
	}

	ProtoReader readMessage() {
		int[] w = readWindow();
		return new ProtoReader(bytes, w[0], w[1]);
	}

	String readString() {
		int[] w = readWindow();
		byte[] text = new byte[w[1]];
		window(w).get(text);
		return new String(text, StandardCharsets.UTF_8);
	}

	/** The bytes of a window {@link #readWindow} returned, not copied. */
	ByteBuffer window(int[] window) {
		ByteBuffer view = bytes.duplicate();
		view.limit(window[0] + window[1]).position(window[0]);
		return view.slice();
	}

	float readFloat() {
		return Float.intBitsToFloat(readFixed32());
	}

	/** Skips the current field's value. */
	void skip() {
		switch (wireType) {
		case VARINT:
			readVarint();
			break;
		case FIXED64:
			require(8);
			position += 8;
			break;
		case FIXED32:
			require(4);
			position += 4;
			break;
		default:
			readWindow();
		}
	}

	private void require(int n) {
		if (end - position < n) throw new MalformedException("truncated value at byte " + position);
	}

	/** Appends a repeated varint field's value(s), packed or not. */
	void readVarints(LongList into) {
		if (wireType == LENGTH_DELIMITED) {
			ProtoReader packed = readMessage();
			while (packed.position < packed.end)
				into.add(packed.readVarint());
		}
		else if (wireType == VARINT) into.add(readVarint());
		else throw new MalformedException("wire type " + wireType + " for an integer field at byte " + position);
	}

	/** Appends a repeated float field's value(s), packed or not. */
	void readFloats(FloatList into) {
		if (wireType == LENGTH_DELIMITED) {
			int[] w = readWindow();
			if (w[1] % 4 != 0) throw new MalformedException("packed floats of " + w[1] + " bytes at byte " + w[0]);
			ProtoReader packed = new ProtoReader(bytes, w[0], w[1]);
			into.ensure(w[1] / 4);
			while (packed.position < packed.end)
				into.add(packed.readFloat());
		}
		else if (wireType == FIXED32) into.add(readFloat());
		else throw new MalformedException("wire type " + wireType + " for a float field at byte " + position);
	}

	/** Appends a repeated double field's value(s), packed or not. */
	void readDoubles(FloatList into) {
		if (wireType == LENGTH_DELIMITED) {
			int[] w = readWindow();
			if (w[1] % 8 != 0) throw new MalformedException("packed doubles of " + w[1] + " bytes at byte " + w[0]);
			ProtoReader packed = new ProtoReader(bytes, w[0], w[1]);
			into.ensure(w[1] / 8);
			while (packed.position < packed.end)
				into.add((float) Double.longBitsToDouble(packed.readFixed64()));
		}
		else if (wireType == FIXED64) into.add((float) Double.longBitsToDouble(readFixed64()));
		else throw new MalformedException("wire type " + wireType + " for a double field at byte " + position);
	}

	/** A growable long array (no boxing). */
	static final class LongList {
		private long[] values = new long[4];
		private int size;

		void add(long v) {
			if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
			values[size++] = v;
		}

		long[] toArray() {
			return java.util.Arrays.copyOf(values, size);
		}
	}

	/** A growable float array (no boxing). */
	static final class FloatList {
		private float[] values = new float[4];
		private int size;

		/** Makes room for {@code more} values: only called with a count checked against the bytes that hold them. */
		void ensure(int more) {
			if (values.length - size < more) values = java.util.Arrays.copyOf(values, Math.max(size + more, size * 2));
		}

		void add(float v) {
			if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
			values[size++] = v;
		}

		int size() {
			return size;
		}

		float[] toArray() {
			return java.util.Arrays.copyOf(values, size);
		}
	}
}
