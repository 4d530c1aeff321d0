package org.convnetexplorer.imagej;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.results.WinnerImages;

/**
 * What a layer's montage window shows, for click-through: slice u is unit u, and the cell under a pixel is a rank, so
 * a pixel names one topk.csv row and through it a source image and a receptive field.
 */
public final class MontageWindowModel {

	/** The layer's name. */
	public final String layer;
	public final MontageLayout layout;
	public final Path imagesFolder;
	private final WinnerImages winners;
	private final Map<Long, TopkRow> rowsByUnitAndRank = new HashMap<>();

	/** @param rows topk.csv rows; those of other layers are ignored */
	public MontageWindowModel(String layer, MontageLayout layout, Path imagesFolder, List<TopkRow> rows) {
		this(layer, layout, imagesFolder, rows, WinnerImages.NONE);
	}

	/** @param winners the scan's record of its winning images, to refuse one replaced since */
	public MontageWindowModel(String layer, MontageLayout layout, Path imagesFolder, List<TopkRow> rows,
		WinnerImages winners)
	{
		this.winners = winners;
		this.layer = layer;
		this.layout = layout;
		this.imagesFolder = imagesFolder;
		for (TopkRow row : rows)
			if (row.layer.equals(layer)) rowsByUnitAndRank.put(key(row.unit, row.rank), row);
	}

	/**
	 * @param slice 1-based stack position, as ImageJ counts slices
	 * @param x pixel column in the slice
	 * @return the row whose patch covers the pixel; empty on a gap or an empty cell (a unit that fired fewer times)
	 */
	public Optional<TopkRow> patchAt(int slice, int x, int y) {
		int rank0 = layout.rankAt(x, y);
		if (rank0 < 0) return Optional.empty();
		return Optional.ofNullable(rowsByUnitAndRank.get(key(slice - 1, rank0 + 1)));
	}

	public Path sourceOf(TopkRow row) {
		return imagesFolder.resolve(row.image);
	}

	/** Why the row's image is no longer the one the scan saw (it would show another picture), or null. */
	public String changeSinceScan(TopkRow row) {
		return winners.changeSinceScan(imagesFolder, row.image);
	}

	/** The status-bar line for a clicked patch. */
	public static String describe(TopkRow row) {
		return String.format("%s unit %d, rank %d: activation %.4g in %s at %s", row.layer, row.unit, row.rank,
			row.activation, row.image, row.box);
	}

	private static long key(int unit, int rank) {
		return (long) unit << 32 | rank;
	}
}
