package org.convnetexplorer.tiles;

/** Rows [y0, y0 + rows) and columns [x0, x0 + columns) of a map. */
public final class Region {

	public final int y0;
	public final int x0;
	public final int rows;
	public final int columns;

	public Region(int y0, int x0, int rows, int columns) {
		if (y0 < 0 || x0 < 0 || rows < 0 || columns < 0)
			throw new IllegalArgumentException("region at " + y0 + "," + x0 + " of " + rows + "×" + columns);
		this.y0 = y0;
		this.x0 = x0;
		this.rows = rows;
		this.columns = columns;
	}

	public boolean isEmpty() {
		return rows == 0 || columns == 0;
	}

	public int positions() {
		return rows * columns;
	}

	@Override
	public String toString() {
		return "rows " + y0 + ".." + (y0 + rows - 1) + ", columns " + x0 + ".." + (x0 + columns - 1);
	}
}
