package org.convnetexplorer.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.convnetexplorer.ij1.ShowUnitPlugin;
import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

import ij.Macro;

/** A unit's address takes the same macro keys in Fiji and plain ImageJ: output, layer, unit. */
class ShowUnitKeysTest {

	@Test
	void fijiCommandAndImageJ1PluginTakeOutputLayerUnit() {
		List<String> fiji = StreamSupport.stream(new CommandInfo(ShowUnitCommand.class).inputs().spliterator(), false)
			.map(ModuleItem::getName).collect(Collectors.toList());
		assertEquals(List.of("output", "layer", "unit"), fiji);
		assertEquals(fiji, ShowUnitPlugin.LABELS.stream().map(Macro::trimKey).collect(Collectors.toList()));
	}
}
