package org.convnetexplorer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.convnetexplorer.geometry.LayerFields;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** What a user can scan: the network's layers with their units, map sizes and receptive fields. */
@Command(name = "layers", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Lists the layers a scan can choose (--layers): name, units, feature-map size at the input size, and",
		"the receptive field in input pixels (box start = start + jump x index; per axis where y and x differ; per",
		"range of units where they differ), or why the layer's units have no box. '*' marks the default layers." })
final class LayersCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ModelOptions model;

	@Override
	public Integer call() throws Exception {
		Network network = model.network(spec);
		PrintWriter out = spec.commandLine().getOut();
		out.println(network.name() + ": input " + network.input() + "; " + network.layers().size() + " layers, " +
			"* scanned by default");
		List<Layer> defaults = network.defaultLayers();
		int width = 5;
		for (Layer layer : network.layers())
			width = Math.max(width, layer.name().length());
		out.println(String.format("  %-" + width + "s %6s %9s  %s", "layer", "units", "map", "receptive field"));
		for (Layer layer : network.layers())
			out.println(String.format("%s %-" + width + "s %6d %9s  %s", defaults.contains(layer) ? "*" : " ",
				layer.name(), layer.units(), layer.height() + "×" + layer.width(), fields(layer.fields())));
		return 0;
	}

	/**
	 * "jump 16, start -34, size 99", or per range of units "units 0-15: …; units 16-47: …"; then, for units a global
	 * gate scales, which gate.
	 */
	static String fields(LayerFields fields) {
		List<String> parts = new ArrayList<>();
		for (LayerFields.Group group : fields.groups()) {
			String field = group.field != null ? group.field.toString() : "no box: " + group.reason;
			parts.add(fields.groups().size() == 1 ? field : "units " + group.from + "-" + (group.to - 1) + ": " + field);
		}
		boolean boxes = fields.groups().stream().anyMatch(group -> group.field != null);
		String gates = fields.gates().isEmpty() || !boxes ? "" : " (scaled by a global gate, one number per image and unit: " +
			String.join(", ", fields.gates()) + ")";
		return String.join(" | ", parts) + gates;
	}
}
