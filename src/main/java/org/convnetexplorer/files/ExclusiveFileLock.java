package org.convnetexplorer.files;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OS lock on a file, held by one owner at a time in this JVM as well as across processes. The OS lock belongs to
 * the process, and closing any channel to a file drops every lock the process holds on it: so a second owner in this
 * JVM (a second run in Fiji) is refused by a JVM-wide set of locked files before it opens a channel of its own.
 */
public final class ExclusiveFileLock implements AutoCloseable {

	/** The {@link #identity} of each file locked in this JVM. */
	private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

	private final Object key;
	private final FileChannel channel;

	private ExclusiveFileLock(Object key, FileChannel channel) {
		this.key = key;
		this.channel = channel;
	}

	/**
	 * Locks {@code file}, created if missing, at once.
	 *
	 * @return the lock, or null where another owner, in this JVM or another process, holds it
	 * @throws IOException if the file cannot be created or opened for reading and writing
	 */
	public static ExclusiveFileLock tryLock(Path file) throws IOException {
		try {
			Files.createFile(file); // so that it has an identity before any channel to it is opened
		}
		catch (FileAlreadyExistsException e) {
			// the usual case
		}
		Object key = identity(file);
		if (!HELD.add(key)) return null;
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file, READ, WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException e) {
				// Locked in this JVM but not through this class: closing the channel would drop that lock, so it
				// stays open until the JVM ends.
				HELD.remove(key);
				return null;
			}
			if (lock != null) return new ExclusiveFileLock(key, channel);
			channel.close(); // this JVM holds no lock on the file: closing drops nothing
			HELD.remove(key);
			return null;
		}
		catch (IOException | RuntimeException e) {
			if (channel != null) channel.close();
			HELD.remove(key);
			throw e;
		}
	}

	/** The file's identity whatever the path to it (links, bind mounts): its device and inode where the OS has them. */
	private static Object identity(Path file) throws IOException {
		Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
		return fileKey != null ? fileKey : file.toRealPath();
	}

	/** The locked file, open for reading and writing while the lock is held. */
	public FileChannel channel() {
		return channel;
	}

	/** Releases the lock: the channel is closed, and another owner may lock the file. */
	@Override
	public void close() throws IOException {
		try {
			channel.close();
		}
		finally {
			HELD.remove(key);
		}
	}
}
