package org.convnetexplorer.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The folder results go to. A folder that already holds something is only written into when the user says so. */
public final class OutputFolder {

	private OutputFolder() {}

	/** Creates the folder if needed and checks it can be written; refuses a non-empty one unless {@code overwrite}. */
	public static void prepare(Path folder, boolean overwrite) throws IOException {
		if (Files.exists(folder) && !Files.isDirectory(folder))
			throw new IOException("output " + folder + " is a file, not a folder");
		if (Files.isDirectory(folder) && !overwrite) {
			try (Stream<Path> entries = Files.list(folder)) {
				if (entries.findAny().isPresent()) throw new IOException("output folder " + folder +
					" is not empty; choose an empty or new folder, or allow overwriting (--overwrite / overwrite=true)");
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
}
