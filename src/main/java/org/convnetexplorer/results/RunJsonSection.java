package org.convnetexplorer.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A section of a folder's run.json that steps after the scan keep (feature visualisation, deconvnet projections): for
 * each file they wrote, how it was made, one line per file. Added as the last key of the object, and replaced there by
 * later runs; the other keys are left as they are.
 */
public final class RunJsonSection {

	private static final Pattern ENTRY = Pattern.compile("^\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*:\\s*(\\{.*\\}),?\\s*$");

	private RunJsonSection() {}

	/** {@code json} (a run.json) with {@code file}'s entry set in section {@code key}, earlier entries of other files kept. */
	public static String with(String json, String key, String file, Map<String, Object> entry) {
		Pattern sectionPattern = Pattern.compile(",?\\s*\"" + Pattern.quote(key) + "\"\\s*:\\s*\\{\\n((?:.*\\n)*?)\\s*\\}");
		Map<String, String> entries = new LinkedHashMap<>();
		Matcher section = sectionPattern.matcher(json);
		String rest = json;
		if (section.find()) {
			for (String line : section.group(1).split("\\n")) {
				Matcher item = ENTRY.matcher(line);
				if (item.matches()) entries.put(item.group(1), item.group(2));
			}
			rest = json.substring(0, section.start()) + json.substring(section.end());
		}
		String object = new RunReport().putAll(entry).toJson().trim().replaceAll("\\s*\\n\\s*", " ");
		entries.put(quoted(file), object);
		StringBuilder added = new StringBuilder(",\n  \"" + key + "\": {\n");
		String separator = "";
		for (Map.Entry<String, String> item : entries.entrySet()) {
			added.append(separator).append("    ").append(item.getKey()).append(": ").append(item.getValue());
			separator = ",\n";
		}
		added.append("\n  }");
		int end = rest.lastIndexOf('}');
		if (end < 0) throw new IllegalArgumentException("run.json is not a JSON object");
		String before = rest.substring(0, end).replaceAll("\\s+$", "");
		boolean empty = before.endsWith("{");
		return before + (empty ? added.substring(1) : added) + "\n}\n";
	}

	private static String quoted(String s) {
		return new RunReport().put(s, 0).toJson().replaceAll("(?s)^\\{\\s*(\".*\"): 0\\s*\\}\\s*$", "$1");
	}
}
