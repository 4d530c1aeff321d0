package org.convnetexplorer.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** skipped.csv ({@code image,reason}), written as files are skipped so nothing is held in memory. Thread-safe. */
public final class SkippedLog implements AutoCloseable {

	public static final String HEADER = "image,reason";

	private final BufferedWriter out;
	private int count;

	public SkippedLog(Path file) throws IOException {
		out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		out.write(HEADER);
		out.write('\n');
	}

	public synchronized void add(String image, String reason) {
		try {
			out.write(Csv.field(image) + ',' + Csv.field(reason.replace('\n', ' ')) + '\n');
			count++;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public synchronized int count() {
		return count;
	}

	@Override
	public synchronized void close() throws IOException {
		out.close();
	}
}
