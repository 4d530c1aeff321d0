package org.convnetexplorer.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

/** Two topk.csv tables compared rank by rank, where two computations of one network may round ties differently. */
public final class TopkComparison {

	private TopkComparison() {}

	/**
	 * Same rows (layer, unit, rank), activations within {@code tolerance} of the expected row's; where the images
	 * differ, {@code swap} judges the pair (and fails where it is no near-tie), else position and box are equal.
	 *
	 * @return how many rows hold another image
	 */
	public static int compare(List<TopkRow> expected, List<TopkRow> actual, ToDoubleFunction<TopkRow> tolerance,
		BiConsumer<TopkRow, TopkRow> swap)
	{
		assertEquals(expected.size(), actual.size(), "rows");
		int swapped = 0;
		for (int i = 0; i < expected.size(); i++) {
			TopkRow e = expected.get(i);
			TopkRow a = actual.get(i);
			String where = where(e);
			assertEquals(e.layer + "," + e.unit + "," + e.rank, a.layer + "," + a.unit + "," + a.rank, where);
			assertEquals(e.activation, a.activation, tolerance.applyAsDouble(e), where);
			if (!e.image.equals(a.image)) {
				swap.accept(e, a);
				swapped++;
				continue;
			}
			assertEquals(List.of(e.fy, e.fx), List.of(a.fy, a.fx), where + " position");
			assertEquals(e.box, a.box, where + " box");
		}
		return swapped;
	}

	/** "conv3 unit 17 rank 2". */
	public static String where(TopkRow row) {
		return row.layer + " unit " + row.unit + " rank " + row.rank;
	}
}
