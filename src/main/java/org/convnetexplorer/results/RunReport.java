package org.convnetexplorer.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * run.json: what was run on what (weights and their SHA-256, layers, k, device), what came of it (counts, partial or
 * not) and how long it took, with the versions involved. Values are strings, numbers, booleans or lists of those.
 */
public final class RunReport {

	private final Map<String, Object> fields = new LinkedHashMap<>();

	public RunReport put(String key, Object value) {
		fields.put(key, value);
		return this;
	}

	/** Each entry, in the map's order. */
	public RunReport putAll(Map<String, ?> entries) {
		fields.putAll(entries);
		return this;
	}

	public void write(Path file) throws IOException {
		Files.write(file, toJson().getBytes(StandardCharsets.UTF_8));
	}

	public String toJson() {
		StringBuilder json = new StringBuilder("{\n");
		String separator = "";
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			json.append(separator).append("  ").append(quote(field.getKey())).append(": ");
			appendValue(json, field.getValue());
			separator = ",\n";
		}
		return json.append("\n}\n").toString();
	}

	private static void appendValue(StringBuilder json, Object value) {
		if (value == null) json.append("null");
		else if (value instanceof Number || value instanceof Boolean) json.append(value);
		else if (value instanceof List) {
			json.append('[');
			String separator = "";
			for (Object item : (List<?>) value) {
				json.append(separator);
				appendValue(json, item);
				separator = ", ";
			}
			json.append(']');
		}
		else json.append(quote(value.toString()));
	}

	private static String quote(String s) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			if (c == '"' || c == '\\') quoted.append('\\').append(c);
			else if (c < 0x20) quoted.append(String.format("\\u%04x", (int) c));
			else quoted.append(c);
		}
		return quoted.append('"').toString();
	}
}
