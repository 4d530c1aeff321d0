package org.convnetexplorer.explorer;

import java.util.List;
import java.util.Locale;

import org.convnetexplorer.results.TopkRow;

/** One unit of a layer: its top-k rows in rank order (none for a unit that never fired). */
public final class UnitSummary {

	public final int unit;
	public final List<TopkRow> rows;
	/** Rank 1's activation; 0 for a unit that never fired. */
	public final float highestActivation;

	UnitSummary(int unit, List<TopkRow> rows) {
		this.unit = unit;
		this.rows = List.copyOf(rows);
		this.highestActivation = rows.isEmpty() ? 0 : rows.get(0).activation;
	}

	public boolean fires() {
		return !rows.isEmpty();
	}

	/** Whether one of its top-k images has {@code text} in its name (ignoring case); any unit for empty text. */
	boolean hasImageNamed(String text) {
		if (text.isEmpty()) return true;
		String wanted = text.toLowerCase(Locale.ROOT);
		return rows.stream().anyMatch(row -> row.image.toLowerCase(Locale.ROOT).contains(wanted));
	}
}
