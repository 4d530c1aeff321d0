package org.convnetexplorer.images;

import ij.io.RandomAccessStream;
import ij.io.TiffDecoder;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A TIFF's first image directory, checked by us before ImageJ's {@link TiffDecoder} parses it, and the only one
 * ImageJ gets to see. ImageJ follows the chain of directories to its end, and a chain that loops (a directory
 * pointing to itself, or through several others back to an earlier one) kept it reading, and its list of directories
 * growing, forever. Only the first plane is scanned, so the decoder here reads the file with the first directory's
 * "next directory" pointer showing 0: no chain, however it is built, makes ImageJ read more than one directory.
 */
final class FirstDirectoryTiff {

	private static final int HEADER_BYTES = 8;
	private static final int ENTRY_BYTES = 12;

	private FirstDirectoryTiff() {
	}

	/** A decoder for {@code file} whose {@link TiffDecoder#getTiffInfo} returns the first directory only. */
	static TiffDecoder decoder(Path file) throws UnreadableImageException, IOException {
		long nextPointer = nextPointerOffset(file);
		File absolute = file.toAbsolutePath().toFile();
		return new FirstDirectoryDecoder(absolute, nextPointer);
	}

	/**
	 * Where the first directory's pointer to the next one lies, after checking that the header is classic TIFF and
	 * that the first directory lies inside the file.
	 */
	static long nextPointerOffset(Path file) throws UnreadableImageException, IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			ByteBuffer header = read(channel, 0, HEADER_BYTES);
			if (header.remaining() < HEADER_BYTES) throw new UnreadableImageException("truncated TIFF (no header)");
			header.order(header.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
			if (header.getShort(2) == 43) throw new UnreadableImageException("BigTIFF, which ImageJ cannot open");
			long first = header.getInt(4) & 0xffffffffL;
			if (first < HEADER_BYTES || first + 2 > size)
				throw new UnreadableImageException("corrupt TIFF: its first image directory (at byte " + first +
					") lies outside the file of " + size + " bytes");
			ByteBuffer count = read(channel, first, 2).order(header.order());
			int entries = count.getShort(0) & 0xffff;
			if (entries == 0)
				throw new UnreadableImageException("corrupt TIFF: its first image directory (at byte " + first +
					") has no entries");
			long end = first + 2 + (long) ENTRY_BYTES * entries;
			if (end > size)
				throw new UnreadableImageException("corrupt TIFF: its first image directory (" + entries +
					" entries at byte " + first + ") runs past the end of the file of " + size + " bytes");
			ByteBuffer directory = read(channel, first + 2, ENTRY_BYTES * entries).order(header.order());
			for (int entry = 0; entry < entries; entry++)
				requireValuesInFile(directory, entry * ENTRY_BYTES, size);
			return end;
		}
	}

	/**
	 * Refuses a tag whose values would lie outside the file: ImageJ reads every value a tag declares, a byte at a
	 * time, and a count of four billion kept it reading past the end of the file for hours.
	 */
	private static void requireValuesInFile(ByteBuffer directory, int entry, long size) throws UnreadableImageException {
		int tag = directory.getShort(entry) & 0xffff;
		long count = directory.getInt(entry + 4) & 0xffffffffL;
		long bytes = count * valueBytes(directory.getShort(entry + 2) & 0xffff);
		if (bytes <= 4)
			return; // the values sit in the entry itself
		long offset = directory.getInt(entry + 8) & 0xffffffffL;
		if (bytes > size || offset > size - bytes)
			throw new UnreadableImageException("corrupt TIFF: tag " + tag + " has " + count + " values at byte " + offset +
				", past the end of the file of " + size + " bytes");
	}

	/** Bytes per value of a TIFF field type; 1 for types unknown to TIFF 6, which still take a byte each at least. */
	private static int valueBytes(int type) {
		switch (type) {
			case 3: // SHORT
			case 8: // SSHORT
				return 2;
			case 4: // LONG
			case 9: // SLONG
			case 11: // FLOAT
			case 13: // IFD
				return 4;
			case 5: // RATIONAL
			case 10: // SRATIONAL
			case 12: // DOUBLE
				return 8;
			default: // BYTE, ASCII, SBYTE, UNDEFINED and unknown types
				return 1;
		}
	}

	private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
			// a file channel may return fewer bytes than asked
		}
		buffer.flip();
		return buffer;
	}

	/** ImageJ's decoder, reading through {@link FirstDirectoryFile}: ImageJ uses a stream already set. */
	private static final class FirstDirectoryDecoder extends TiffDecoder {

		FirstDirectoryDecoder(File file, long nextPointer) throws IOException {
			super(file.getParent() + File.separator, file.getName());
			in = new RandomAccessStream(new FirstDirectoryFile(file, nextPointer));
		}
	}

	/** The file with the four bytes at {@code nextPointer} read as zeros, which ends the chain of directories. */
	private static final class FirstDirectoryFile extends RandomAccessFile {

		private final long nextPointer;

		FirstDirectoryFile(File file, long nextPointer) throws IOException {
			super(file, "r");
			this.nextPointer = nextPointer;
		}

		@Override
		public int read() throws IOException {
			long position = getFilePointer();
			int value = super.read();
			return value >= 0 && position >= nextPointer && position < nextPointer + 4 ? 0 : value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			long position = getFilePointer();
			int count = super.read(buffer, offset, length);
			for (int i = 0; i < count; i++) {
				long at = position + i;
				if (at >= nextPointer && at < nextPointer + 4) buffer[offset + i] = 0;
			}
			return count;
		}

		@Override
		public int read(byte[] buffer) throws IOException {
			return read(buffer, 0, buffer.length);
		}
	}
}
