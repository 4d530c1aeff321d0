package org.convnetexplorer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.convnetexplorer.onnx.ops.Operators;
import org.junit.jupiter.api.Test;

/** docs/models.md states what the registry holds: the operators, and which activations give default layers. */
class OperatorListTest {

	private static final Path DOCS = Paths.get("docs", "models.md");
	private static final Pattern CODE = Pattern.compile("`([A-Z][A-Za-z]*)`");

	@Test
	void docsListTheRegisteredOperators() throws IOException {
		String supported = section(Files.readString(DOCS, StandardCharsets.UTF_8), "## What is supported");
		Set<String> documented = new TreeSet<>();
		for (String line : supported.split("\n"))
			if (line.startsWith("| `")) {
				Matcher m = CODE.matcher(line.split("\\|")[1]);
				while (m.find())
					documented.add(m.group(1));
			}
		assertEquals(new TreeSet<>(Operators.names()), documented);
	}

	@Test
	void docsNameTheDefaultLayerActivations() throws IOException {
		Matcher m = Pattern.compile("output of every activation \\(([^;)]*)").matcher(Files.readString(DOCS,
			StandardCharsets.UTF_8));
		assertTrue(m.find(), "docs/models.md states which activations give default layers");
		Set<String> documented = Arrays.stream(m.group(1).split(",")).map(String::trim).collect(Collectors.toSet());
		Set<String> registered = Operators.names().stream().filter(Operators::isDefaultLayerActivation)
			.collect(Collectors.toSet());
		assertEquals(registered, documented);
	}

	/** A gate (HardSigmoid in ops.onnx: act3) is no default layer, as its docs say; the features around it are. */
	@Test
	void gatesAreNoDefaultLayers() throws Exception {
		List<String> chosen = OnnxModel.read(OnnxFixtures.model("ops")).defaultLayers(224, 224).stream()
			.map(OnnxLayer::name).collect(Collectors.toList());
		assertFalse(chosen.contains("act3"), chosen.toString());
		assertTrue(chosen.containsAll(List.of("act1", "act2", "act4")), chosen.toString());
	}

	private static String section(String text, String heading) {
		int start = text.indexOf(heading);
		int end = text.indexOf("\n## ", start + heading.length());
		return text.substring(start, end < 0 ? text.length() : end);
	}
}
