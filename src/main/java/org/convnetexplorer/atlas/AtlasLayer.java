package org.convnetexplorer.atlas;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convnetexplorer.network.Layer;
import org.convnetexplorer.results.TopkRow;

/** One layer as the atlas shows it: its name in full, its folder, its units and their rows, and what images it has. */
final class AtlasLayer {

	final String name;
	final String folder;
	final int units;
	/** Unit → its rows in rank order; units that never fired have none. */
	final Map<Integer, List<TopkRow>> rows;
	/** The receptive field at the network's input ("jump 16, start -34, size 99"), or null where it is not known. */
	final String field;
	/** The feature map's size at the input ("13×13"), or null. */
	final String map;
	/** Why the layer shows no patches (its montage stack is missing or unreadable), or null when it does. */
	final String noPatches;
	/** Whether the run holds deconvnet projections of its patches. */
	final boolean projections;
	/** The units whose feature visualisation the run holds. */
	final Set<Integer> visualized;

	AtlasLayer(String name, int units, Map<Integer, List<TopkRow>> rows, Layer network, String noPatches,
		boolean projections, Set<Integer> visualized)
	{
		this.name = name;
		this.folder = Addresses.layerFolder(name);
		this.units = units;
		this.rows = rows;
		this.field = network == null ? null : network.fields().toString();
		this.map = network == null ? null : network.height() + "×" + network.width();
		this.noPatches = noPatches;
		this.projections = projections;
		this.visualized = Set.copyOf(visualized);
	}

	List<TopkRow> rows(int unit) {
		return rows.getOrDefault(unit, List.of());
	}

	/** Units with at least one row: those that fired on some image. */
	int firing() {
		return (int) rows.values().stream().filter(unitRows -> !unitRows.isEmpty()).count();
	}
}
