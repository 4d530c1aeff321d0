package org.convnetexplorer.results;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import java.io.InputStreamReader;
import org.convnetexplorer.files.RegularFile;
import org.convnetexplorer.weights.Sha256;

/**
 * winners.csv ({@code image,bytes,sha256}): each winning image's size and content hash as the scan left it, so that
 * later steps (deconvnet projections, click-through) notice an image replaced since and do not show other pictures
 * as the scan's.
 */
public final class WinnerImages {

	public static final String FILE = "winners.csv";
	public static final String HEADER = "image,bytes,sha256";

	/** What a run written before this record existed has: nothing to compare, so nothing is refused. */
	public static final WinnerImages NONE = new WinnerImages(Map.of());

	private final Map<String, String[]> bytesAndHash;

	private WinnerImages(Map<String, String[]> bytesAndHash) {
		this.bytesAndHash = bytesAndHash;
	}

	/** Measures the images (relative paths with '/', as in topk.csv) and writes the record. */
	public static void write(Path imagesFolder, Collection<String> images, Path file) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(HEADER);
			out.write('\n');
			for (String image : new TreeSet<>(images)) {
				Path source = imagesFolder.resolve(image);
				String bytes, hash;
				try {
					bytes = String.valueOf(Files.size(source));
					hash = Sha256.hexOf(source);
				}
				catch (IOException e) {
					bytes = "-1"; // gone or unreadable right after the scan: any later version counts as changed
					hash = "";
				}
				out.write(Csv.record(image, bytes, hash));
			}
		}
	}

	/** The record in an output folder, or {@link #NONE} when the run has none. */
	public static WinnerImages read(Path outputFolder) throws IOException {
		Path file = outputFolder.resolve(FILE);
		if (!Files.isRegularFile(file)) return NONE;
		Map<String, String[]> records = new LinkedHashMap<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(RegularFile.open(file, TopkCsv.MAX_BYTES),
			StandardCharsets.UTF_8)))
		{
			String header = in.readLine();
			if (!HEADER.equals(header)) throw new IOException(file + " is not a " + FILE + ": its header is '" + header +
				"'");
			for (String line; (line = Csv.readRecord(in)) != null;) {
				List<String> fields = Csv.split(line);
				if (fields.size() != 3) throw new IOException(file + ": expected 3 fields, found " + fields.size() +
					": " + line);
				records.put(fields.get(0), new String[] { fields.get(1), fields.get(2) });
			}
		}
		return new WinnerImages(records);
	}

	/**
	 * Why the image is no longer the one the scan saw, or null when it is (or when nothing was recorded of it).
	 * Compares the size first, then the SHA-256.
	 */
	public String changeSinceScan(Path imagesFolder, String image) {
		String[] recorded = bytesAndHash.get(image);
		if (recorded == null) return null;
		Path source = imagesFolder.resolve(image);
		try {
			long bytes = Files.size(source);
			if (!recorded[0].equals(String.valueOf(bytes)))
				return "changed since the scan (" + bytes + " bytes, the scan's had " + recorded[0] + ")";
			if (!Sha256.hexOf(source).equals(recorded[1])) return "changed since the scan (its SHA-256 differs)";
			return null;
		}
		catch (IOException e) {
			return "cannot be read since the scan (" + FileProblems.reason(e) + ")";
		}
	}

	/** {@link #changeSinceScan} of each image, for those that changed. */
	public Map<String, String> changesSinceScan(Path imagesFolder, Collection<String> images) {
		Map<String, String> changes = new LinkedHashMap<>();
		for (String image : new TreeSet<>(images)) {
			String change = changeSinceScan(imagesFolder, image);
			if (change != null) changes.put(image, change);
		}
		return changes;
	}
}
