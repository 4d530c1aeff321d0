package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.convnetexplorer.cli.ConvNetExplorerCli;
import org.convnetexplorer.ij1.DeconvProjectionsPlugin;
import org.convnetexplorer.ij1.FeatureVisualizationPlugin;
import org.convnetexplorer.ij1.OcclusionSensitivityPlugin;
import org.convnetexplorer.ij1.OpenResultsPlugin;
import org.convnetexplorer.ij1.ShowUnitPlugin;
import org.convnetexplorer.ij1.TopPatchesPlugin;
import org.convnetexplorer.options.DeconvOptions;
import org.convnetexplorer.options.OcclusionOptions;
import org.convnetexplorer.options.ScanOptions;
import org.convnetexplorer.options.VisualizationOptions;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;
import org.scijava.widget.Button;

import ij.Macro;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Macro keys: ImageJ finds a key's value by looking for "key=" in the options, so a key that ends another key would
 * read the other's value. Each Fiji command and its ImageJ 1 plugin must take the same keys, the CLI's option names.
 */
class MacroKeysTest {

	/** Each Fiji command with the keys its options class lists, its ImageJ 1 plugin's labels and its CLI command. */
	private static final List<MenuCommand> COMMANDS = List.of(
		new MenuCommand(TopPatchesCommand.class, ScanOptions.KEYS, TopPatchesPlugin.LABELS, "scan"),
		new MenuCommand(DeconvProjectionsCommand.class, DeconvOptions.KEYS, DeconvProjectionsPlugin.LABELS,
			"deconv"),
		new MenuCommand(OcclusionSensitivityCommand.class, OcclusionOptions.KEYS, OcclusionSensitivityPlugin.LABELS,
			"occlusion"),
		new MenuCommand(FeatureVisualizationCommand.class, VisualizationOptions.KEYS, FeatureVisualizationPlugin.LABELS,
			"visualize"));

	private static final class MenuCommand {
		final Class<? extends Command> command;
		final List<String> keys;
		final List<String> ij1Labels;
		final String cliCommand;

		MenuCommand(Class<? extends Command> command, List<String> keys, List<String> ij1Labels, String cliCommand) {
			this.command = command;
			this.keys = keys;
			this.ij1Labels = ij1Labels;
			this.cliCommand = cliCommand;
		}
	}

	/** The command's macro keys: its inputs other than the injected context and services, and buttons. */
	private static List<String> commandKeys(Class<? extends Command> command) {
		return StreamSupport.stream(new CommandInfo(command).inputs().spliterator(), false)
			.filter(input -> !Service.class.isAssignableFrom(input.getType()) && input.getType() != Context.class &&
				input.getType() != Button.class)
			.map(ModuleItem::getName)
			.collect(Collectors.toList());
	}

	/** Across the commands too: a user's macro line may be edited from one command into another. */
	@Test
	void noKeyEndsAnotherKey() {
		Set<String> keys = new TreeSet<>();
		for (MenuCommand entry : COMMANDS)
			keys.addAll(commandKeys(entry.command));
		for (String key : keys)
			for (String other : keys)
				assertFalse(!key.equals(other) && other.endsWith(key), "'" + key + "=' is found inside '" + other + "='");
	}

	@Test
	void fijiCommandAndImageJ1PluginTakeTheSameKeys() {
		for (MenuCommand entry : COMMANDS) {
			assertEquals(entry.keys, commandKeys(entry.command), entry.command.getName());
			assertEquals(entry.keys, entry.ij1Labels.stream().map(Macro::trimKey).collect(Collectors.toList()),
				entry.command.getName());
		}
	}

	@Test
	void keysAreTheCliOptionNames() throws Exception {
		for (MenuCommand entry : COMMANDS) {
			// its options as picocli sees them, mixins included
			CommandSpec cli = new CommandLine(new ConvNetExplorerCli()).getSubcommands().get(entry.cliCommand)
				.getCommandSpec();
			for (String key : entry.keys) {
				// "input_size" or "inputsize" would end occlusion's "size": the key is the option's first word.
				String option = key.equals("input") ? "input-size" : key;
				assertTrue(cli.findOption("--" + option) != null, entry.cliCommand + " has no --" + option);
			}
		}
	}

	@Test
	void pluginIndexListsTheCommandsWithTheirMenuPaths() throws Exception {
		Path index = Paths.get("target/classes/META-INF/json/org.scijava.plugin.Plugin");
		String json = Files.readString(index);
		Map<Class<?>, String> menuPaths = Map.of(TopPatchesCommand.class, TopPatchesCommand.MENU_PATH,
			OpenResultsCommand.class, OpenResultsCommand.MENU_PATH, DeconvProjectionsCommand.class,
			DeconvProjectionsCommand.MENU_PATH, OcclusionSensitivityCommand.class, OcclusionSensitivityCommand.MENU_PATH,
			ShowUnitCommand.class, ShowUnitCommand.MENU_PATH,
			FeatureVisualizationCommand.class, FeatureVisualizationCommand.MENU_PATH);
		for (Map.Entry<Class<?>, String> command : menuPaths.entrySet()) {
			assertTrue(json.contains("\"class\":\"" + command.getKey().getName() + "\""), command.getKey() + " in " + index);
			assertTrue(json.contains("\"menuPath\":\"" + command.getValue() + "\""), json);
		}
	}

	/** ImageJ 1's entries in Fiji's order, each under the label that ends its Fiji command's menu path. */
	@Test
	void pluginsConfigNamesTheImageJ1PluginsUnderTheSameMenuLabels() throws Exception {
		List<String> entries = Files.readAllLines(Paths.get("target/classes/plugins.config")).stream()
			.filter(line -> !line.isBlank() && !line.startsWith("#")).collect(Collectors.toList());
		List<String> menuPaths = List.of(TopPatchesCommand.MENU_PATH, OpenResultsCommand.MENU_PATH,
			DeconvProjectionsCommand.MENU_PATH, OcclusionSensitivityCommand.MENU_PATH, ShowUnitCommand.MENU_PATH,
			FeatureVisualizationCommand.MENU_PATH);
		List<Class<?>> plugins = List.of(TopPatchesPlugin.class, OpenResultsPlugin.class, DeconvProjectionsPlugin.class,
			OcclusionSensitivityPlugin.class, ShowUnitPlugin.class, FeatureVisualizationPlugin.class);
		assertEquals(plugins.size(), entries.size(), entries.toString());
		for (int i = 0; i < plugins.size(); i++) {
			String label = menuPaths.get(i).substring(menuPaths.get(i).lastIndexOf('>') + 1);
			assertEquals("Plugins>ConvNet Explorer, \"" + label + "\", " + plugins.get(i).getName(), entries.get(i));
		}
	}
}
