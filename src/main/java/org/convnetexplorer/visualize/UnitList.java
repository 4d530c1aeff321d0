package org.convnetexplorer.visualize;

import java.util.ArrayList;
import java.util.List;

import org.convnetexplorer.network.Layer;

/** Units as a user lists them: "0-15,17"; blank means every unit of the layer. */
final class UnitList {

	private UnitList() {}

	/** @throws IllegalArgumentException naming the part that is not a unit of the layer */
	static List<Integer> parse(String text, Layer layer) {
		List<Integer> units = new ArrayList<>();
		if (text == null || text.isBlank()) {
			for (int unit = 0; unit < layer.units(); unit++)
				units.add(unit);
			return units;
		}
		for (String part : text.split(",")) {
			String[] range = part.trim().split("-", -1);
			try {
				int first = Integer.parseInt(range[0].trim());
				int last = range.length == 2 ? Integer.parseInt(range[1].trim()) : first;
				if (range.length > 2 || first < 0 || last < first || last >= layer.units()) throw new NumberFormatException();
				for (int unit = first; unit <= last; unit++)
					if (!units.contains(unit)) units.add(unit);
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("units: '" + part.trim() + "' is not a unit or range of " +
					layer.name() + "'s units 0-" + (layer.units() - 1));
			}
		}
		return units;
	}
}
