package org.convnetexplorer.explorer;

import java.util.Comparator;

/** The orders the unit grid offers. Ties keep unit order. */
public enum UnitSort {
	NUMBER("unit number", Comparator.comparingInt(unit -> unit.unit)),
	HIGHEST_ACTIVATION("highest activation",
		Comparator.comparingDouble((UnitSummary unit) -> unit.highestActivation).reversed()),
	IMAGES_FIRED_ON("images it fires on (of top k)",
		Comparator.comparingInt((UnitSummary unit) -> unit.rows.size()).reversed()),
	/** By the activation on one image ({@link ExplorerModel#ranking}), measured with the run's network. */
	ON_IMAGE("activation on the chosen image", Comparator.comparingInt(unit -> 0));

	public final String label;
	final Comparator<UnitSummary> order;

	UnitSort(String label, Comparator<UnitSummary> order) {
		this.label = label;
		this.order = order.thenComparingInt(unit -> unit.unit);
	}

	@Override
	public String toString() {
		return label;
	}
}
