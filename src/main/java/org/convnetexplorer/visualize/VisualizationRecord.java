package org.convnetexplorer.visualize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convnetexplorer.results.RunReport;

/**
 * The {@value #KEY} section of a folder's run.json: for each visualisation file, how it was made (method, objective,
 * steps, seed, ...). Added as the last key of the object, and replaced there by later runs, one line per file; the
 * other keys are left as they are.
 */
final class VisualizationRecord {

	static final String KEY = "feature_visualization";
	private static final Pattern SECTION = Pattern.compile(",?\\s*\"" + KEY + "\"\\s*:\\s*\\{\\n((?:.*\\n)*?)\\s*\\}");
	private static final Pattern ENTRY = Pattern.compile("^\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*:\\s*(\\{.*\\}),?\\s*$");

	private VisualizationRecord() {}

	/** What run.json records of one file. */
	static Map<String, Object> entry(Recipe recipe, int units, int size, String device) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("method", recipe.method.id());
		entry.put("objective", recipe.objective.id());
		entry.put("steps", recipe.steps);
		entry.put("seed", recipe.seed);
		entry.put("learning_rate", recipe.learningRate);
		entry.put("transforms", recipe.method == Method.LUCID && recipe.transforms);
		entry.put("batch", recipe.batch);
		entry.put("size", size);
		entry.put("units", units);
		entry.put("device", device);
		return entry;
	}

	/** {@code json} (a run.json) with {@code file}'s entry set, earlier entries of other files kept. */
	static String with(String json, String file, Map<String, Object> entry) {
		Map<String, String> entries = new LinkedHashMap<>();
		Matcher section = SECTION.matcher(json);
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
		StringBuilder added = new StringBuilder(",\n  \"" + KEY + "\": {\n");
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
