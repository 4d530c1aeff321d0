package org.convnetexplorer.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json's feature_visualization section: added and updated per file, the scan's own keys left as they were. */
class VisualizationRecordTest {

	@Test
	void sectionKeepsTheRunsKeysAndOneEntryPerFile(@TempDir Path folder) throws IOException {
		String scan = new RunReport().put("images", "/data/im\"ages").put("layers", java.util.List.of("conv1", "conv3"))
			.put("top", 9).toJson();
		Recipe recipe = new Recipe();
		String once = VisualizationRecord.with(scan, "conv1-visualization.tif", VisualizationRecord.entry(recipe, 64,
			224, "cpu"));
		recipe.seed = 7;
		recipe.method = Method.DEEPVIS;
		String twice = VisualizationRecord.with(once, "conv3-visualization.tif", VisualizationRecord.entry(recipe, 8,
			224, "gpu"));
		recipe.steps = 100;
		String again = VisualizationRecord.with(twice, "conv1-visualization.tif", VisualizationRecord.entry(recipe, 64,
			224, "cpu"));
		assertTrue(again.startsWith(scan.substring(0, scan.lastIndexOf('\n', scan.length() - 3))), again);
		assertEquals("  \"feature_visualization\": {\n" +
			"    \"conv1-visualization.tif\": { \"method\": \"deepvis\", \"objective\": \"channel\", \"steps\": 100, " +
			"\"seed\": 7, \"learning_rate\": 0.05, \"transforms\": false, \"batch\": 16, \"size\": 224, \"units\": 64, " +
			"\"device\": \"cpu\" },\n" +
			"    \"conv3-visualization.tif\": { \"method\": \"deepvis\", \"objective\": \"channel\", \"steps\": 512, " +
			"\"seed\": 7, \"learning_rate\": 0.05, \"transforms\": false, \"batch\": 16, \"size\": 224, \"units\": 8, " +
			"\"device\": \"gpu\" }\n" +
			"  }\n}\n", again.substring(again.indexOf("  \"feature_visualization\"")));
		Files.write(folder.resolve(RunJson.FILE), again.getBytes(StandardCharsets.UTF_8));
		RunJson read = RunJson.read(folder);
		assertEquals("/data/im\"ages", read.string("images"));
		assertEquals(java.util.List.of("conv1", "conv3"), read.strings("layers"));
		assertEquals(9, read.integer("top"));
	}
}
