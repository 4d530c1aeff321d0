package org.convnetexplorer.results;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 fields: quoted when they hold a comma, quote or line break (file names can). */
final class Csv {

	private Csv() {}

	static String field(String value) {
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0)
			return value;
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	/** Splits one line written by {@link #field}; quoted fields spanning lines are not produced by us for paths. */
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
