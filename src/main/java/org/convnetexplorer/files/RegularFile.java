package org.convnetexplorer.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way the project opens a file it reads (images, weights, models, external data, state files, the tables of
 * earlier runs): the file's type is checked first, links followed, and anything but a regular file is refused without
 * being opened, as opening a FIFO waits for a writer for ever and a device such as /dev/zero never ends; then its size
 * is checked against the most the caller reads, before anything is allocated or read. A file missing or not readable
 * fails with the JDK's {@link java.nio.file.NoSuchFileException} or {@link java.nio.file.AccessDeniedException}; a
 * refused one with an {@link UnreadableFileException} whose reason says why.
 */
public final class RegularFile {

	private RegularFile() {}

	/** The size of a regular file of at most {@code maxBytes}; refuses anything else unopened. */
	public static long size(Path file, long maxBytes) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
		if (attributes.isDirectory()) throw new UnreadableFileException(file, "a folder");
		if (!attributes.isRegularFile())
			throw new UnreadableFileException(file, specialFileKind(file) + ", not a regular file: not read");
		if (attributes.size() > maxBytes) throw new UnreadableFileException(file,
			attributes.size() + " bytes, more than the " + maxBytes + " this reads");
		return attributes.size();
	}

	/**
	 * A stream of a regular file of at most {@code maxBytes}, which fails rather than read past them (a file that
	 * grows while it is read).
	 */
	public static InputStream open(Path file, long maxBytes) throws IOException {
		size(file, maxBytes);
		return new AtMost(Files.newInputStream(file), file, maxBytes);
	}

	/** A channel of a regular file of at most {@code maxBytes}, for reads at offsets. */
	public static FileChannel channel(Path file, long maxBytes) throws IOException {
		size(file, maxBytes);
		return FileChannel.open(file, StandardOpenOption.READ);
	}

	/** The whole content of a regular file of at most {@code maxBytes}. */
	public static byte[] readAll(Path file, int maxBytes) throws IOException {
		try (InputStream in = open(file, maxBytes)) {
			return in.readAllBytes();
		}
	}

	/** What kind of special file this is, where the file system says (Unix). */
	private static String specialFileKind(Path file) {
		try {
			switch ((Integer) Files.getAttribute(file, "unix:mode") & 0170000) {
				case 0010000:
					return "a FIFO (named pipe)";
				case 0020000:
					return "a character device";
				case 0060000:
					return "a block device";
				case 0140000:
					return "a socket";
				default:
					break;
			}
		}
		catch (IOException | RuntimeException e) {
			// no Unix attributes here: the general words below
		}
		return "a special file";
	}

	/** Fails past a number of bytes. */
	private static final class AtMost extends FilterInputStream {

		private final Path file;
		private final long max;
		private long read;

		AtMost(InputStream in, Path file, long max) {
			super(in);
			this.file = file;
			this.max = max;
		}

		@Override
		public int read() throws IOException {
			int value = super.read();
			if (value >= 0) count(1);
			return value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = super.read(buffer, offset, length);
			if (count > 0) count(count);
			return count;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			count(skipped);
			return skipped;
		}

		private void count(long bytes) throws IOException {
			read += bytes;
			if (read > max) throw new UnreadableFileException(file, "it grew past " + max + " bytes while read");
		}
	}
}
