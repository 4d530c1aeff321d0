package org.convnetexplorer.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records, the one way the CSV files of a run are written: every field is quoted when it holds a comma, quote
 * or line break (file names and an ONNX model's layer names can).
 */
final class Csv {

	private Csv() {}

	/** One record of these fields (their {@code toString}), each quoted where it needs to be, and its line break. */
	static String record(Object... fields) {
		StringBuilder record = new StringBuilder();
		for (Object value : fields) {
			if (record.length() > 0) record.append(',');
			record.append(field(String.valueOf(value)));
		}
		return record.append('\n').toString();
	}

	private static String field(String value) {
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0)
			return value;
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	/**
	 * The next record, or null at the end: a line, joined with the lines after it while a quoted field is open (a
	 * file name may hold a line break).
	 */
	static String readRecord(BufferedReader in) throws IOException {
		String record = in.readLine();
		while (record != null && record.chars().filter(c -> c == '"').count() % 2 == 1) {
			String next = in.readLine();
			if (next == null) break;
			record = record + '\n' + next;
		}
		return record;
	}

	/** Splits one record written with {@link #field}. */
	static List<String> split(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					current.append('"');
					i++;
				}
				else if (c == '"') quoted = false;
				else current.append(c);
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				fields.add(current.toString());
				current.setLength(0);
			}
			else current.append(c);
		}
		fields.add(current.toString());
		return fields;
	}
}
