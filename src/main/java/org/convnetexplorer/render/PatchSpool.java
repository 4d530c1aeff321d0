package org.convnetexplorer.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The patches of a rendering, on disk in the order they were cut (3 bytes a pixel), so that the heap holds none of
 * them: the stacks are then written a slice at a time, each slice composed from its patches. The file is removed when
 * the spool is closed (and by the system, should the process die).
 */
final class PatchSpool implements AutoCloseable {

	private static final int BUFFER_BYTES = 1 << 20;

	private final Path folder;
	private final FileChannel channel;
	private final ByteBuffer pending = ByteBuffer.allocate(BUFFER_BYTES);
	private long written;

	/** @param file a new file: none of that name may exist */
	PatchSpool(Path file) throws IOException {
		folder = file.toAbsolutePath().getParent();
		channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
			StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
	}

	/** Stores a patch (packed RGB); returns where it lies, for {@link #read}. */
	long append(int[] rgb) throws IOException {
		byte[] bytes = new byte[rgb.length * 3]; // converted outside the lock: the cutting threads share the spool
		for (int i = 0; i < rgb.length; i++) {
			bytes[3 * i] = (byte) (rgb[i] >> 16);
			bytes[3 * i + 1] = (byte) (rgb[i] >> 8);
			bytes[3 * i + 2] = (byte) rgb[i];
		}
		synchronized (this) {
			if (pending.remaining() < bytes.length) flush();
			long offset = written + pending.position();
			if (bytes.length > pending.capacity()) {
				written += write(ByteBuffer.wrap(bytes), offset);
				return offset;
			}
			pending.put(bytes);
			return offset;
		}
	}

	/** Reads the patch of {@code into.length} pixels stored at {@code offset}. */
	synchronized void read(long offset, int[] into) throws IOException {
		flush();
		ByteBuffer bytes = ByteBuffer.allocate(into.length * 3);
		while (bytes.hasRemaining())
			if (channel.read(bytes, offset + bytes.position()) < 0)
				throw new IOException("the patch spool ended early at byte " + (offset + bytes.position()));
		for (int i = 0; i < into.length; i++)
			into[i] = (bytes.get(3 * i) & 0xff) << 16 | (bytes.get(3 * i + 1) & 0xff) << 8 | bytes.get(3 * i + 2) & 0xff;
	}

	private void flush() throws IOException {
		pending.flip();
		written += write(pending, written);
		pending.clear();
	}

	private int write(ByteBuffer bytes, long at) throws IOException {
		int count = bytes.remaining();
		try {
			while (bytes.hasRemaining())
				channel.write(bytes, at + count - bytes.remaining());
		}
		catch (IOException e) { // a full disk, mostly: say where
			throw new IOException("could not spool the montages' patches in " + folder + " (" + e.getMessage() + ")", e);
		}
		return count;
	}

	@Override
	public synchronized void close() throws IOException {
		channel.close();
	}
}
