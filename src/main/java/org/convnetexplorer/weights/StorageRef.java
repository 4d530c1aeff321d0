package org.convnetexplorer.weights;

/**
 * A storage a pickle refers to by key: its data lies outside the pickle (a zip entry, or a
 * block after the pickles of a legacy file). Legacy files may refer to a view, a window of
 * elements of a root storage; every other reference covers its whole storage.
 */
final class StorageRef {

	final String key;
	final StorageType type;
	/** Elements of the whole storage. */
	final long numel;
	/** The elements this reference can see: [viewOffset, viewOffset + viewSize). */
	final long viewOffset;
	final long viewSize;

	StorageRef(String key, StorageType type, long numel) {
		this(key, type, numel, 0, numel);
	}

	private StorageRef(String key, StorageType type, long numel, long viewOffset, long viewSize) {
		this.key = key;
		this.type = type;
		this.numel = numel;
		this.viewOffset = viewOffset;
		this.viewSize = viewSize;
	}

	StorageRef view(long offset, long size) {
		return new StorageRef(key, type, numel, offset, size);
	}

	/** Whether the whole storage fits in {@code bytes} bytes of data. */
	boolean fitsIn(long bytes) {
		return numel <= bytes / type.elementSize();
	}

	long byteLength() {
		return numel * type.elementSize();
	}

	boolean sameStorageAs(StorageRef other) {
		return key.equals(other.key) && type == other.type && numel == other.numel;
	}
}
