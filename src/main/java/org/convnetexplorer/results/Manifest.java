package org.convnetexplorer.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.convnetexplorer.files.CheckedText;
import org.convnetexplorer.files.RegularFile;

/**
 * The text of {@value OutputFolder#MANIFEST_FILE}: a {@link CheckedText} of the names, one a line. A manifest whose
 * version or checksum does not match is refused, never trusted: it says which files may be replaced or removed.
 */
final class Manifest {

	private static final String KIND = "ConvNet Explorer output files";
	private static final int VERSION = 2;
	/** Far more than the names of any run's results. */
	private static final int MAX_BYTES = 1 << 24;

	private Manifest() {}

	static byte[] text(Collection<String> names) {
		return CheckedText.write(KIND, VERSION, String.join("\n", names) + "\n");
	}

	/** The names the manifest in {@code folder} records; none if there is none. */
	static Set<String> read(Path folder) throws IOException {
		Path manifest = folder.resolve(OutputFolder.MANIFEST_FILE);
		Set<String> names = new LinkedHashSet<>();
		if (!Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)) return names;
		String body;
		try {
			body = CheckedText.read(KIND, VERSION, RegularFile.readAll(manifest, MAX_BYTES));
		}
		catch (CheckedText.Mismatch e) {
			throw new IOException(manifest + " is not a list of files ConvNet Explorer wrote that it can trust: " +
				e.getMessage() + "; remove it to use this folder, and the files it named count as yours");
		}
		catch (IOException e) {
			throw new IOException("cannot read " + manifest + " (" + FileProblems.reason(e) + ")", e);
		}
		for (String line : body.split("\n"))
			// only plain names in this folder: a manifest can never point elsewhere
			if (!line.isEmpty() && !line.contains("/") && !line.equals(".") && !line.equals("..")) names.add(line);
		return names;
	}
}
