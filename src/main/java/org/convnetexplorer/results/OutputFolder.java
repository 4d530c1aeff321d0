package org.convnetexplorer.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The folder results go to. A folder that already holds something is only written into when the user says so. */
public final class OutputFolder {

	private OutputFolder() {}

	/**
	 * The files a run writes: on overwrite, those of an earlier run go first so none is mistaken for this run's. Its
	 * layers' files are known from its run.json; AlexNet's are known without.
	 */
	private static final Pattern RESULT_FILE =
		Pattern.compile("topk\\.csv|skipped\\.csv|run\\.json|conv[1-5](-overview|-deconv)?\\.tif");

	/**
	 * Creates the folder if needed and checks it can be written; refuses a non-empty one unless {@code overwrite}, and
	 * then removes only the results of an earlier run, never other files.
	 */
	public static void prepare(Path folder, boolean overwrite) throws IOException {
		if (Files.exists(folder) && !Files.isDirectory(folder))
			throw new IOException("output " + folder + " is a file, not a folder");
		if (Files.isDirectory(folder) && !overwrite) {
			try (Stream<Path> entries = Files.list(folder)) {
				if (entries.findAny().isPresent()) throw new IOException("output folder " + folder +
					" is not empty; choose an empty or new folder, or allow overwriting (--overwrite / overwrite=true)");
			}
		}
		if (Files.isDirectory(folder) && overwrite) {
			for (String layerFile : earlierLayerFiles(folder))
				Files.deleteIfExists(folder.resolve(layerFile));
			try (Stream<Path> entries = Files.list(folder)) {
				for (Path entry : (Iterable<Path>) entries::iterator)
					if (RESULT_FILE.matcher(entry.getFileName().toString()).matches()) Files.delete(entry);
			}
		}
		try {
			Files.createDirectories(folder);
			Files.delete(Files.createTempFile(folder, ".write-check", ".tmp"));
		}
		catch (IOException e) {
			throw new IOException("cannot write to output folder " + folder + " (" + e.getMessage() + ")", e);
		}
	}

	/** The layer files an earlier run in the folder wrote, by its run.json; none where it has none. */
	private static List<String> earlierLayerFiles(Path folder) {
		List<String> files = new ArrayList<>();
		try {
			RunJson run = RunJson.read(folder);
			for (String layer : run.strings("layers"))
				files.addAll(LayerFiles.all(layer));
		}
		catch (IOException e) {
			// no run.json, or not ours: nothing is known to be an earlier run's
		}
		return files;
	}
}
