package org.convnetexplorer.visualize;

import java.util.LinkedHashMap;
import java.util.Map;

import org.convnetexplorer.results.RunJsonSection;

/**
 * The {@value #KEY} section of a folder's run.json: for each visualisation file, how it was made (method, objective,
 * steps, seed, ...). Added as the last key of the object, and replaced there by later runs, one line per file; the
 * other keys are left as they are.
 */
final class VisualizationRecord {

	static final String KEY = "feature_visualization";

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
		return RunJsonSection.with(json, KEY, file, entry);
	}
}
