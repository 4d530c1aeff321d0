package org.convnetexplorer.results;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.io.InputStreamReader;
import org.convnetexplorer.files.RegularFile;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.scan.ScanResult;
import org.convnetexplorer.scan.UnitTopK;

/** topk.csv: every layer's units in order, each unit's ranks 1..k. */
public final class TopkCsv {

	public static final String FILE = "topk.csv";
	/** The largest table of an earlier run read back (topk.csv, winners.csv): far more than any scan writes. */
	static final long MAX_BYTES = 1L << 30;

	private TopkCsv() {}

	public static List<TopkRow> rows(ScanResult result) {
		List<TopkRow> rows = new ArrayList<>();
		for (Layer layer : result.topK.keySet()) {
			UnitTopK topK = result.topK.get(layer);
			for (int unit = 0; unit < layer.units(); unit++)
				for (int rank = 0; rank < topK.count(unit); rank++)
					rows.add(TopkRow.of(topK.entry(unit, rank)));
		}
		return rows;
	}

	public static void write(List<TopkRow> rows, Path file) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(TopkRow.HEADER);
			out.write('\n');
			for (TopkRow row : rows)
				out.write(row.toCsv());
		}
	}

	public static List<TopkRow> read(Path file) throws IOException {
		if (Files.isDirectory(file)) throw new IOException(file + " is a folder, not a " + FILE);
		if (!Files.exists(file)) throw new IOException("no " + FILE + " in " + file.getParent() +
			": not the output folder of a finished scan");
		List<TopkRow> rows = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(RegularFile.open(file, MAX_BYTES),
			StandardCharsets.UTF_8)))
		{
			String header = in.readLine();
			if (!TopkRow.HEADER.equals(header))
				throw new IOException(file + " is not a topk.csv: its header is '" + header + "'");
			int record = 1;
			for (String line; (line = Csv.readRecord(in)) != null;) {
				record++;
				if (line.isEmpty()) continue;
				try {
					rows.add(TopkRow.parse(line));
				}
				catch (IllegalArgumentException e) {
					throw new IOException(file + ", record " + record + ": " + e.getMessage(), e);
				}
			}
		}
		return rows;
	}
}
