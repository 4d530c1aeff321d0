package org.convnetexplorer.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.CRC32C;

import org.convnetexplorer.files.RegularFile;

/**
 * The text of {@value OutputFolder#MANIFEST_FILE}: a first line with its version and a CRC-32C of the names that follow,
 * one a line. A manifest whose version or checksum does not match is refused, never trusted: it says which files may be
 * replaced or removed.
 */
final class Manifest {

	private static final String HEADER = "# ConvNet Explorer output files, version ";
	private static final int VERSION = 2;
	private static final String CHECKSUM = ", CRC-32C ";
	/** Far more than the names of any run's results. */
	private static final int MAX_BYTES = 1 << 24;

	private Manifest() {}

	static byte[] text(Collection<String> names) {
		String body = String.join("\n", names) + "\n";
		return (HEADER + VERSION + CHECKSUM + checksum(body) + "\n" + body).getBytes(StandardCharsets.UTF_8);
	}

	/** The names the manifest in {@code folder} records; none if there is none. */
	static Set<String> read(Path folder) throws IOException {
		Path manifest = folder.resolve(OutputFolder.MANIFEST_FILE);
		Set<String> names = new LinkedHashSet<>();
		if (!Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)) return names;
		String text;
		try {
			text = new String(RegularFile.readAll(manifest, MAX_BYTES), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new IOException("cannot read " + manifest + " (" + FileProblems.reason(e) + ")", e);
		}
		int firstLineEnd = text.indexOf('\n');
		String problem = problem(firstLineEnd < 0 ? text : text.substring(0, firstLineEnd),
			firstLineEnd < 0 ? "" : text.substring(firstLineEnd + 1));
		if (problem != null) throw new IOException(manifest + " is not a list of files ConvNet Explorer wrote that it " +
			"can trust: " + problem + "; remove it to use this folder, and the files it named count as yours");
		for (String line : text.substring(firstLineEnd + 1).split("\n"))
			// only plain names in this folder: a manifest can never point elsewhere
			if (!line.isEmpty() && !line.contains("/") && !line.equals(".") && !line.equals("..")) names.add(line);
		return names;
	}

	/** What is wrong with a manifest of this first line and body, or null. */
	private static String problem(String firstLine, String body) {
		if (!firstLine.startsWith(HEADER)) return "it does not start with its version";
		String rest = firstLine.substring(HEADER.length());
		int comma = rest.indexOf(CHECKSUM);
		String version = comma < 0 ? rest : rest.substring(0, comma);
		if (!version.equals(String.valueOf(VERSION)))
			return "it is version " + version + ", this ConvNet Explorer reads version " + VERSION;
		if (comma < 0 || !rest.substring(comma + CHECKSUM.length()).equals(checksum(body)))
			return "its checksum does not match its content (changed or damaged since it was written)";
		return null;
	}

	private static String checksum(String body) {
		CRC32C crc = new CRC32C();
		crc.update(body.getBytes(StandardCharsets.UTF_8));
		return String.format("%08x", crc.getValue());
	}
}
