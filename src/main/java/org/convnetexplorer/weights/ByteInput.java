package org.convnetexplorer.weights;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.convnetexplorer.results.FileProblems;
import org.convnetexplorer.files.RegularFile;

/**
 * A stream of known length that refuses to read or skip past its end. Every length a file
 * declares is checked against what is left before anything is allocated for it, so a hostile
 * file cannot make us reserve more memory than its own size.
 */
final class ByteInput implements Closeable {

	/** The longest array every JVM can allocate. */
	static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
	private static final int BUFFER_SIZE = 1 << 16;

	private final Path file;
	private final String name;
	private final InputStream in;
	private final long length;
	private long position;

	/** {@code name} says which part of {@code file} this is, for messages. */
	ByteInput(Path file, String name, InputStream in, long length) {
		this.file = file;
		this.name = name;
		this.in = in;
		this.length = length;
	}

	/** The whole of {@code file}, buffered. */
	static ByteInput ofFile(Path file) throws WeightsException {
		try {
			long size = RegularFile.size(file, Long.MAX_VALUE);
			return new ByteInput(file, "the file", new BufferedInputStream(RegularFile.open(file, size), BUFFER_SIZE),
				size);
		}
		catch (IOException e) {
			throw new WeightsException(file, FileProblems.reason(e), e);
		}
	}

	Path file() {
		return file;
	}

	String name() {
		return name;
	}

	long position() {
		return position;
	}

	long remaining() {
		return length - position;
	}

	int readUnsignedByte() throws WeightsException {
		if (remaining() < 1) throw truncated();
		int b = readFromStream();
		if (b < 0) throw truncated();
		position++;
		return b;
	}

	/** An unsigned little-endian integer of 1 to 8 bytes (8 bytes give Java's signed long). */
	long readLittleEndian(int bytes) throws WeightsException {
		long value = 0;
		for (int i = 0; i < bytes; i++) {
			value |= (long) readUnsignedByte() << (8 * i);
		}
		return value;
	}

	byte[] readBytes(long count) throws WeightsException {
		requireAvailable(count);
		if (count > MAX_ARRAY_LENGTH) {
			throw new WeightsException(file, name + " holds a block of " + count + " bytes at offset " + position +
				", more than one Java array can hold");
		}
		byte[] bytes = new byte[(int) count];
		int read;
		try {
			read = in.readNBytes(bytes, 0, bytes.length);
		}
		catch (IOException e) {
			throw readError(e);
		}
		position += read;
		if (read < bytes.length) throw truncated();
		return bytes;
	}

	void skip(long count) throws WeightsException {
		requireAvailable(count);
		long left = count;
		while (left > 0) {
			long skipped;
			try {
				skipped = in.skip(left);
			}
			catch (IOException e) {
				throw readError(e);
			}
			if (skipped <= 0) {
				// skip() may refuse to move without being at the end; a read tells which it is.
				if (readFromStream() < 0) throw truncated();
				skipped = 1;
			}
			left -= skipped;
			position += skipped;
		}
	}

	private int readFromStream() throws WeightsException {
		try {
			return in.read();
		}
		catch (IOException e) {
			throw readError(e);
		}
	}

	private void requireAvailable(long count) throws WeightsException {
		if (count < 0 || count > remaining()) {
			throw new WeightsException(file, name + " declares " + count + " bytes at offset " +
				position + ", but only " + remaining() + " bytes are left (truncated or corrupt file?)");
		}
	}

	private WeightsException truncated() {
		return new WeightsException(file, name + " ends after " + position + " of its " + length +
			" bytes (truncated file?)");
	}

	private WeightsException readError(IOException e) {
		return new WeightsException(file, "error reading " + name + ": " + e.getMessage(), e);
	}

	@Override
	public void close() throws WeightsException {
		try {
			in.close();
		}
		catch (IOException e) {
			throw readError(e);
		}
	}
}
