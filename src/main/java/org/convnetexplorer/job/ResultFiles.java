package org.convnetexplorer.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.convnetexplorer.files.CrashPoint;
import org.convnetexplorer.images.ImageSource;
import org.convnetexplorer.render.DrawnMontages;
import org.convnetexplorer.render.LayerMontages;
import org.convnetexplorer.render.MontageRenderer;
import org.convnetexplorer.render.RenderMonitor;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.results.WinnerImages;
import org.convnetexplorer.scan.ScanResult;

/**
 * What a scan, a merge and the Spark job write from the tables: topk.csv first (it is the result, and survives
 * whatever happens while rendering), then each layer's montage stack and overview figure, cut from the original
 * images, and winners.csv.
 */
public final class ResultFiles {

	public final List<TopkRow> rows;
	/** Of {@link #renderSeconds}, the time cutting and scaling the patches took. */
	public final double cutSeconds;
	public final double renderSeconds;

	private ResultFiles(List<TopkRow> rows, double cutSeconds, double renderSeconds) {
		this.rows = rows;
		this.cutSeconds = cutSeconds;
		this.renderSeconds = renderSeconds;
	}

	/** topk.csv alone: a shard's part, whose montages its merge renders. */
	public static ResultFiles table(ScanResult scan, OutputFolder output) throws IOException {
		List<TopkRow> rows = TopkCsv.rows(scan);
		output.write(TopkCsv.FILE, file -> TopkCsv.write(rows, file));
		return new ResultFiles(rows, 0, 0);
	}

	/**
	 * topk.csv, the montages and winners.csv.
	 *
	 * @param images the folder the table's paths are relative to
	 * @param cell montage cell side in pixels; 0 for each layer's default
	 * @param units the units of each layer's overview figure
	 * @param source how the winning images are read again and shown in their patches
	 */
	public static ResultFiles write(ScanResult scan, Path images, int cell, List<Integer> units, int threads,
		ImageSource source, OutputFolder output, JobListener listener) throws IOException, InterruptedException
	{
		List<TopkRow> rows = table(scan, output).rows;
		listener.status("Cutting receptive fields from " + images);
		CrashPoint.reached("cutting");
		long renderStart = System.nanoTime();
		RenderMonitor progress = new RenderProgress(listener);
		double cutSeconds;
		try (DrawnMontages montages = new MontageRenderer(images, cell, units, threads, source).render(scan, output.folder(),
			(image, reason) -> listener.status(
				"Could not re-open " + image + " for its patches (" + reason + "): its cells stay empty"), progress))
		{
			cutSeconds = (System.nanoTime() - renderStart) * 1e-9;
			for (LayerMontages layer : montages.layers()) {
				output.write(LayerFiles.units(layer.layer.name()), file -> layer.writeUnits(file, progress));
				output.write(LayerFiles.overview(layer.layer.name()), layer::writeOverview);
			}
		}
		double renderSeconds = (System.nanoTime() - renderStart) * 1e-9;
		// After rendering, which has just read them: what deconv and click-through compare against later.
		output.write(WinnerImages.FILE,
			file -> WinnerImages.write(images, rows.stream().map(row -> row.image).collect(Collectors.toSet()), file));
		return new ResultFiles(rows, cutSeconds, renderSeconds);
	}
}
