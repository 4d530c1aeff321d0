package org.convnetexplorer.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading back what a run wrote, however long: a model's run lists dozens of long node names as its layers. */
class RunJsonTest {

	@TempDir
	Path folder;

	/** 200 names of MobileNetV2's kind (mobilenet_v2.onnx's 35 default layers, 2 KB, already overflowed the stack). */
	@Test
	void longLayerListsAndEscapesReadBack() throws Exception {
		List<String> layers = new ArrayList<>();
		for (int i = 0; i < 200; i++)
			layers.add("/features/features." + i + "/conv/conv.0/conv.0.2/Clip_output_0");
		layers.add("a \"quoted\" \\ name");
		String list = layers.stream().map(name -> "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
			.collect(Collectors.joining(", ", "[", "]"));
		Files.write(folder.resolve(RunJson.FILE), ("{\n  \"model\": \"/data/my \\\"net\\\".onnx\",\n  \"layers\": " + list +
			",\n  \"top_k\": 9\n}\n").getBytes(StandardCharsets.UTF_8));
		RunJson run = RunJson.read(folder);
		assertEquals(layers, run.strings("layers"));
		assertEquals("/data/my \"net\".onnx", run.string("model"));
		assertEquals(9, run.integer("top_k"));
	}
}
