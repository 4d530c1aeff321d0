package org.convnetexplorer.render;

import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import ij.process.ColorProcessor;

import org.convnetexplorer.network.Layer;

/**
 * The lecture's figure for one layer: a row per chosen unit, its top patches in rank order left to right, the unit
 * number written in a margin on the left.
 */
final class OverviewFigure {

	static final int LABEL_WIDTH = 40;

	private OverviewFigure() {}

	static Montage of(LayerMontages drawn, int k, List<Integer> wantedUnits) {
		Layer layer = drawn.layer;
		MontageLayout layout = drawn.layout;
		List<Integer> units = wantedUnits.stream().filter(u -> u >= 0 && u < layer.units()).collect(Collectors.toList());
		int step = layout.cell + MontageLayout.GAP;
		int width = LABEL_WIDTH + k * step + MontageLayout.GAP;
		int height = Math.max(1, units.size()) * step + MontageLayout.GAP;
		int[] pixels = new int[width * height];
		Arrays.fill(pixels, MontageLayout.BACKGROUND);
		ColorProcessor canvas = new ColorProcessor(width, height, pixels);
		canvas.setColor(Color.WHITE);
		canvas.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(14, layout.cell / 3))));
		for (int row = 0; row < units.size(); row++) {
			int unit = units.get(row);
			int[] slice = drawn.slice(unit);
			int y0 = MontageLayout.GAP + row * step;
			for (int rank = 0; rank < k; rank++)
				for (int y = 0; y < layout.cell; y++)
					System.arraycopy(slice, (layout.cellY(rank) + y) * layout.width() + layout.cellX(rank), pixels,
						(y0 + y) * width + LABEL_WIDTH + MontageLayout.GAP + rank * step, layout.cell);
			canvas.drawString(String.valueOf(unit), 4, y0 + layout.cell / 2 + 6);
		}
		Montage overview = new Montage(LayerMontages.overviewTitle(layer.name()), width, height);
		overview.addSlice("units " + units.stream().map(String::valueOf).collect(Collectors.joining(",")), pixels);
		return overview;
	}
}
