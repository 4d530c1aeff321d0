package org.convnetexplorer.deconv;

import java.util.Arrays;
import java.util.List;

import org.convnetexplorer.images.BilinearResampler;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.render.Montage;
import org.convnetexplorer.render.MontageLayout;

/**
 * A layer's projections as a stack, one slice per unit, laid out like Zeiler and Fergus's Fig. 2: on the left the
 * unit's top patches in rank order (the grid of {@code <layer>.tif}, here cut from the 224×224 input the network saw),
 * on the right, in the same grid, each patch's projection ({@link Projection#toRgb()}: grey is zero).
 */
public final class DeconvMontage {

	/** Between the patches and the projections: wider than the gaps between cells, so the two grids read apart. */
	static final int SEPARATOR = 4 * MontageLayout.GAP;

	private DeconvMontage() {}

	/** The title of a layer's projection stack, also its window title. */
	public static String title(Layer layer) {
		return layer.name() + " - deconvnet projections";
	}

	public static Montage of(Layer layer, int k, int cell, List<ProjectedWinner> winners) {
		MontageLayout layout = new MontageLayout(cell, k);
		int halfWidth = layout.width();
		int width = 2 * halfWidth + SEPARATOR;
		Montage stack = new Montage(title(layer), width, layout.height());
		for (int unit = 0; unit < layer.units(); unit++) {
			int[] slice = new int[width * layout.height()];
			Arrays.fill(slice, MontageLayout.BACKGROUND);
			stack.addSlice(layer.name() + " unit " + unit, slice);
		}
		BilinearResampler resampler = new BilinearResampler();
		for (ProjectedWinner winner : winners) {
			int[] slice = stack.slices().get(winner.row.unit);
			int rank0 = winner.row.rank - 1;
			if (rank0 < 0 || rank0 >= k) throw new IllegalArgumentException("rank " + winner.row.rank + " of top " + k);
			int x0 = layout.cellX(rank0);
			int y0 = layout.cellY(rank0);
			draw(resampler.resize(winner.patch, cell, cell), slice, width, x0, y0);
			draw(resampler.resize(winner.projection.toRgb(), cell, cell), slice, width, halfWidth + SEPARATOR + x0, y0);
		}
		return stack;
	}

	private static void draw(RgbImage cellImage, int[] slice, int sliceWidth, int x0, int y0) {
		for (int y = 0; y < cellImage.height(); y++)
			System.arraycopy(cellImage.pixels(), y * cellImage.width(), slice, (y0 + y) * sliceWidth + x0,
				cellImage.width());
	}
}
