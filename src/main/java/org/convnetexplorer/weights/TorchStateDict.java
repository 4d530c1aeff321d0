package org.convnetexplorer.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.convnetexplorer.results.FileProblems;
import org.convnetexplorer.files.RegularFile;

/**
 * Reads the tensors of a PyTorch state dict ({@code torch.save(model.state_dict(), ...)}) from
 * either format torch writes: the zip format (torch 1.6 and later) or the legacy pickle format.
 * The file is untrusted: nothing in it is executed, and it is refused if it names anything a
 * state dict does not.
 */
public final class TorchStateDict {

	private TorchStateDict() {}

	/**
	 * The tensors whose keys {@code wantedKey} accepts, in the file's order, as an unmodifiable
	 * map. Only their storages are read; other keys may hold anything a state dict may hold.
	 *
	 * @throws WeightsException if the file is missing, unreadable, truncated or not a state dict,
	 *         if a wanted key holds no tensor, or if the file names anything a state dict never does
	 */
	public static Map<String, TorchTensor> read(Path file, Predicate<String> wantedKey) throws WeightsException {
		byte[] start = firstBytes(file, 2);
		if (start.length == 0) throw new WeightsException(file, "the file is empty");
		if (start.length == 2 && start[0] == 'P' && start[1] == 'K') return ZipCheckpoint.read(file, wantedKey);
		// Legacy checkpoints start with a pickle's PROTO opcode.
		if ((start[0] & 0xff) == 0x80) return LegacyCheckpoint.read(file, wantedKey);
		throw new WeightsException(file, "it is neither a zip archive nor a pickle, so not a PyTorch checkpoint");
	}

	private static byte[] firstBytes(Path file, int count) throws WeightsException {
		try (InputStream in = RegularFile.open(file, Long.MAX_VALUE)) {
			return in.readNBytes(count);
		}
		catch (NoSuchFileException e) {
			throw new WeightsException(file, "no such file", e);
		}
		catch (IOException e) {
			throw new WeightsException(file, FileProblems.reason(e), e);
		}
	}

	/** The tensors of the unpickled state dict {@code root} that the caller wants. */
	static Map<String, TensorRef> wantedTensors(Object root, Predicate<String> wantedKey, Path file)
		throws WeightsException
	{
		if (!(root instanceof Map)) {
			throw new WeightsException(file, "it holds a " + Unpickler.describe(root) + ", not a state dict");
		}
		Map<String, TensorRef> wanted = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : ((Map<?, ?>) root).entrySet()) {
			if (!(entry.getKey() instanceof String)) {
				throw new WeightsException(file, "it holds a dict with a key of type " +
					Unpickler.describe(entry.getKey()) + ", not a state dict");
			}
			String key = (String) entry.getKey();
			if (!wantedKey.test(key)) continue;
			if (!(entry.getValue() instanceof TensorRef)) {
				throw new WeightsException(file, key + " holds a " + Unpickler.describe(entry.getValue()) +
					", not a tensor");
			}
			wanted.put(key, (TensorRef) entry.getValue());
		}
		return wanted;
	}

	/** {@code tensors} in the order of {@code keys}, unmodifiable. */
	static Map<String, TorchTensor> inOrder(Iterable<String> keys, Map<String, TorchTensor> tensors) {
		Map<String, TorchTensor> ordered = new LinkedHashMap<>();
		for (String key : keys) ordered.put(key, tensors.get(key));
		return Collections.unmodifiableMap(ordered);
	}
}
