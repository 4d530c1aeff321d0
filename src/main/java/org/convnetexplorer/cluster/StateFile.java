package org.convnetexplorer.cluster;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The primitives of scan-state files: length-prefixed strings, checked counts, and a write that is all or nothing. */
final class StateFile {

	/** A path or a skip reason longer than this is not one we wrote. */
	private static final int MAX_STRING_BYTES = 1 << 20;

	interface Body {
		void write(OutputStream out) throws IOException;
	}

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

	/**
	 * Writes a temporary file beside {@code file}, forces it to disk and renames it over {@code file}: a crash or kill -9
	 * at any moment leaves the previous version or the new one, never a mix.
	 */
	static void writeAtomically(Path file, Body body) throws IOException {
		Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING))
			{
				OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
				body.write(out);
				out.flush();
				channel.force(true);
			}
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}
}
