package org.convnetexplorer.results;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.scan.TopEntry;

/** One line of topk.csv: the file other tools, and reopened results, read. */
public final class TopkRow {

	public static final String HEADER = "layer,unit,rank,image,activation,fy,fx,x0,y0,x1,y1";

	public final String layer;
	public final int unit;
	public final int rank;
	/** Relative to the scanned folder, with '/'. */
	public final String image;
	public final float activation;
	public final int fy;
	public final int fx;
	/** Receptive field in original-image pixels, half-open. */
	public final Box box;

	public TopkRow(String layer, int unit, int rank, String image, float activation, int fy, int fx, Box box) {
		this.layer = layer;
		this.unit = unit;
		this.rank = rank;
		this.image = image;
		this.activation = activation;
		this.fy = fy;
		this.fx = fx;
		this.box = box;
	}

	public static TopkRow of(TopEntry entry) {
		return new TopkRow(entry.layer.name(), entry.unit, entry.rank, entry.image.path, entry.activation, entry.fy,
			entry.fx, entry.originalBox());
	}

	/** The row as a topk.csv record, its line break included. */
	public String toCsv() {
		return Csv.record(layer, unit, rank, image, activation, fy, fx, box.x0, box.y0, box.x1, box.y1);
	}

	public static TopkRow parse(String line) {
		String[] f = Csv.split(line).toArray(new String[0]);
		if (f.length != 11) throw new IllegalArgumentException("expected 11 fields, found " + f.length + ": " + line);
		return new TopkRow(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], Float.parseFloat(f[4]),
			Integer.parseInt(f[5]), Integer.parseInt(f[6]),
			new Box(Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10])));
	}
}
