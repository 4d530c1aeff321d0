package org.convnetexplorer.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** skipped.csv ({@code image,reason}), written as files are skipped so nothing is held in memory. Thread-safe. */
public final class SkippedLog implements AutoCloseable {

	public static final String FILE = "skipped.csv";
	public static final String HEADER = "image,reason";

	private final BufferedWriter out;
	/** The file errors name: the result's name, where {@code file} is a temporary one. */
	private final Path shownAs;
	private int count;

	public SkippedLog(Path file) throws IOException {
		this(file, file);
	}

	public SkippedLog(Path file, Path shownAs) throws IOException {
		this.shownAs = shownAs;
		out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		try {
			out.write(HEADER);
			out.write('\n');
		}
		catch (IOException e) {
			out.close();
			throw failure(e);
		}
	}

	public synchronized void add(String image, String reason) {
		try {
			out.write(Csv.record(image, reason.replace('\n', ' ')));
		}
		catch (IOException e) {
			throw new UncheckedIOException(failure(e));
		}
	}

	@Override
	public synchronized void close() throws IOException {
		try {
			out.close();
		}
		catch (IOException e) {
			throw failure(e);
		}
	}

	private IOException failure(IOException e) {
		return new IOException("could not write " + shownAs + " (" + FileProblems.reason(e) + ")", e);
	}
}
