package org.convnetexplorer.weights;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.convnetexplorer.results.FileProblems;
import org.convnetexplorer.files.RegularFile;

/**
 * The zip format of torch.save (torch 1.6 and later): {@code <name>/data.pkl} holds the pickle,
 * {@code <name>/data/<key>} the bytes of each storage, {@code <name>/byteorder} (torch 2.1 and
 * later) their byte order. Storages are read straight from the file, one at a time.
 */
final class ZipCheckpoint {

	private static final String PICKLE = "data.pkl";
	private static final int MAX_BYTEORDER_LENGTH = 16;

	private final Path file;
	private final ZipFile zip;
	private final long fileSize;

	private ZipCheckpoint(Path file, ZipFile zip, long fileSize) {
		this.file = file;
		this.zip = zip;
		this.fileSize = fileSize;
	}

	static Map<String, TorchTensor> read(Path file, Predicate<String> wantedKey) throws WeightsException {
		long size;
		try {
			size = RegularFile.size(file, Long.MAX_VALUE); // a FIFO would block the zip reader
		}
		catch (IOException e) {
			throw new WeightsException(file, FileProblems.reason(e), e);
		}
		try (ZipFile zip = new ZipFile(file.toFile())) {
			return new ZipCheckpoint(file, zip, size).read(wantedKey);
		}
		catch (WeightsException e) {
			throw e;
		}
		catch (IOException e) {
			throw new WeightsException(file, "not a readable zip archive (" + e.getMessage() + ")", e);
		}
	}

	private Map<String, TorchTensor> read(Predicate<String> wantedKey) throws IOException {
		String prefix = archivePrefix();
		ByteOrder order = byteOrder(prefix);
		Object root;
		try (ByteInput pickle = open(prefix + PICKLE)) {
			root = new Unpickler(pickle).load();
		}
		Map<String, TensorRef> wanted = TorchStateDict.wantedTensors(root, wantedKey, file);
		Map<String, TorchTensor> tensors = new HashMap<>();
		for (StorageSlice slice : StorageSlice.of(wanted, file).values()) {
			try (ByteInput data = open(prefix + "data/" + slice.storage.key)) {
				if (!slice.storage.fitsIn(data.remaining())) {
					throw new WeightsException(file, data.name() + " holds " + data.remaining() + " bytes, fewer than the " +
						slice.storage.numel + " elements of " + slice.storage.type + " its pickle declares");
				}
				tensors.putAll(slice.read(data, order));
			}
		}
		return TorchStateDict.inOrder(wanted.keySet(), tensors);
	}

	/** The top folder holding data.pkl, with its slash; torch names it after the file, but any name is valid. */
	private String archivePrefix() throws WeightsException {
		String prefix = null;
		for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
			String name = entries.nextElement().getName();
			int slash = name.indexOf('/');
			if (slash < 0 || !name.substring(slash + 1).equals(PICKLE)) continue;
			if (prefix != null) throw new WeightsException(file, "the zip archive holds more than one " + PICKLE);
			prefix = name.substring(0, slash + 1);
		}
		if (prefix == null) {
			throw new WeightsException(file, "a zip archive without <name>/" + PICKLE + " is not a PyTorch checkpoint");
		}
		return prefix;
	}

	private ByteOrder byteOrder(String prefix) throws IOException {
		if (zip.getEntry(prefix + "byteorder") == null) return ByteOrder.LITTLE_ENDIAN;
		String order;
		try (ByteInput in = open(prefix + "byteorder")) {
			if (in.remaining() > MAX_BYTEORDER_LENGTH) throw new WeightsException(file, in.name() + " is too long");
			order = new String(in.readBytes(in.remaining()), StandardCharsets.US_ASCII).trim();
		}
		if (order.equals("little")) return ByteOrder.LITTLE_ENDIAN;
		if (order.equals("big")) return ByteOrder.BIG_ENDIAN;
		throw new WeightsException(file, "unknown byteorder '" + order + "'");
	}

	private ByteInput open(String name) throws IOException {
		ZipEntry entry = zip.getEntry(name);
		if (entry == null) throw new WeightsException(file, "the zip archive has no entry " + name);
		// torch stores entries uncompressed; a compressed entry's declared size could not be trusted.
		if (entry.getMethod() != ZipEntry.STORED) {
			throw new WeightsException(file, "entry " + name + " is compressed, which torch.save never does");
		}
		// A stored entry lies inside the file, so the file's size bounds what it may declare.
		if (entry.getSize() < 0 || entry.getSize() > fileSize) {
			throw new WeightsException(file, "entry " + name + " declares " + entry.getSize() + " bytes, more than the " +
				"whole file of " + fileSize + " bytes");
		}
		return new ByteInput(file, name, zip.getInputStream(entry), entry.getSize());
	}
}
