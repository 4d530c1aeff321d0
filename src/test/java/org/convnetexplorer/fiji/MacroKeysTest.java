package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.convnetexplorer.ij1.OpenResultsPlugin;
import org.convnetexplorer.ij1.TopPatchesPlugin;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import ij.Macro;

/**
 * Macro keys: ImageJ finds a key's value by looking for "key=" in the options, so a key that ends another key would
 * read the other's value. Fiji's command and ImageJ 1's plugin must take the same keys, the CLI's option names.
 */
class MacroKeysTest {

	/** The command's macro keys: its inputs other than the injected context and services. */
	private static List<String> commandKeys() {
		return StreamSupport.stream(new CommandInfo(TopPatchesCommand.class).inputs().spliterator(), false)
			.filter(input -> !Service.class.isAssignableFrom(input.getType()) && input.getType() != Context.class)
			.map(ModuleItem::getName)
			.collect(Collectors.toList());
	}

	@Test
	void noKeyEndsAnotherKey() {
		List<String> keys = commandKeys();
		for (String key : keys)
			for (String other : keys)
				assertFalse(!key.equals(other) && other.endsWith(key), "'" + key + "=' is found inside '" + other + "='");
	}

	@Test
	void fijiCommandAndImageJ1PluginTakeTheSameKeys() {
		assertEquals(TopPatchesOptions.KEYS, commandKeys());
		assertEquals(TopPatchesOptions.KEYS, TopPatchesPlugin.LABELS.stream().map(Macro::trimKey)
			.collect(Collectors.toList()));
	}

	@Test
	void keysAreTheCliOptionNames() throws Exception {
		String scanCommand = Files.readString(Paths.get("src/main/java/org/convnetexplorer/cli/ScanCommand.java"));
		for (String key : TopPatchesOptions.KEYS)
			assertTrue(scanCommand.contains("names = \"--" + key + "\""), "the CLI has no --" + key);
	}

	@Test
	void pluginIndexListsTheCommandsWithTheirMenuPaths() throws Exception {
		Path index = Paths.get("target/classes/META-INF/json/org.scijava.plugin.Plugin");
		String json = Files.readString(index);
		for (Class<?> command : List.of(TopPatchesCommand.class, OpenResultsCommand.class))
			assertTrue(json.contains("\"class\":\"" + command.getName() + "\""), command + " in " + index);
		assertTrue(json.contains("\"menuPath\":\"" + TopPatchesCommand.MENU_PATH + "\""), json);
		assertTrue(json.contains("\"menuPath\":\"" + OpenResultsCommand.MENU_PATH + "\""), json);
	}

	@Test
	void pluginsConfigNamesTheImageJ1PluginsUnderTheSameMenuLabels() throws Exception {
		List<String> entries = Files.readAllLines(Paths.get("target/classes/plugins.config")).stream()
			.filter(line -> !line.isBlank() && !line.startsWith("#")).collect(Collectors.toList());
		assertEquals(2, entries.size(), entries.toString());
		assertEquals("Plugins>ConvNet Explorer, \"Top Patches per Unit...\", " + TopPatchesPlugin.class.getName(),
			entries.get(0));
		assertTrue(TopPatchesCommand.MENU_PATH.endsWith(">Top Patches per Unit..."));
		assertTrue(entries.get(1).contains("\"Open ConvNet Explorer Results...\", " + OpenResultsPlugin.class.getName()));
		assertTrue(OpenResultsCommand.MENU_PATH.endsWith(">Open ConvNet Explorer Results..."));
	}
}
