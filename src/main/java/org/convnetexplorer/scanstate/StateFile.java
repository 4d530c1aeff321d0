package org.convnetexplorer.scanstate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The primitives of scan-state files: length-prefixed strings and counts checked before anything is allocated. */
final class StateFile {

	/** A path or a skip reason longer than this is not one we wrote. */
	private static final int MAX_STRING_BYTES = 1 << 20;

	private StateFile() {}

	static void writeString(DataOutput out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	static String readString(DataInput in) throws IOException {
		byte[] bytes = new byte[readCount(in, MAX_STRING_BYTES, "string bytes")];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** A count, checked against {@code max} before anything is allocated for it. */
	static int readCount(DataInput in, int max, String what) throws IOException {
		int count = in.readInt();
		if (count < 0 || count > max) throw new IOException("it declares " + count + " " + what + " (at most " + max + ")");
		return count;
	}
}
