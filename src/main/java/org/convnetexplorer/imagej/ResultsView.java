package org.convnetexplorer.imagej;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.TopPatchesJob;
import org.convnetexplorer.render.LayerMontages;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.LayerFiles;
import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.results.TopkCsv;
import org.convnetexplorer.results.TopkRow;
import org.convnetexplorer.results.WinnerImages;

import ij.ImagePlus;

/** Everything the result windows show, from a job just run or from an output folder written earlier. */
public final class ResultsView {

	public final Path imagesFolder;
	public final List<TopkRow> rows;
	public final List<LayerImages> layers;
	/** The scan's record of its winning images: click-through refuses one replaced since. */
	public final WinnerImages winners;

	public ResultsView(Path imagesFolder, List<TopkRow> rows, List<LayerImages> layers) {
		this(imagesFolder, rows, layers, WinnerImages.NONE);
	}

	public ResultsView(Path imagesFolder, List<TopkRow> rows, List<LayerImages> layers, WinnerImages winners) {
		this.imagesFolder = imagesFolder;
		this.rows = List.copyOf(rows);
		this.layers = List.copyOf(layers);
		this.winners = winners;
	}

	/** The results a job just wrote, read back from its output folder (the heap holds no montage). */
	public static ResultsView of(JobSettings settings, TopPatchesJob.Outcome outcome) {
		try {
			return read(settings.output);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read back the results in " + settings.output + ": " + e.getMessage(),
				e);
		}
	}

	/** The window model of one layer, for click-through. */
	public MontageWindowModel windowModel(LayerImages layer) {
		return new MontageWindowModel(layer.layer, layer.layout, imagesFolder, rows, winners);
	}

	/** Reads an output folder: run.json for the images folder, k and the layers, topk.csv, and each layer's TIFFs. */
	public static ResultsView read(Path outputFolder) throws IOException {
		RunJson run = RunJson.read(outputFolder);
		Path images = Paths.get(run.string("images"));
		int top = run.integer("top");
		List<TopkRow> rows = TopkCsv.read(outputFolder.resolve(TopkCsv.FILE));

		List<LayerImages> layers = new ArrayList<>();
		List<String> names = run.strings("layers");
		for (String layer : names) {
			Path stackFile = outputFolder.resolve(LayerFiles.units(layer));
			if (!Files.isRegularFile(stackFile)) continue;
			ImagePlus units = MontageFiles.read(stackFile);
			units.setTitle(LayerMontages.unitsTitle(layer, top));
			Path overviewFile = outputFolder.resolve(LayerFiles.overview(layer));
			ImagePlus overview = null;
			if (Files.isRegularFile(overviewFile)) {
				overview = MontageFiles.read(overviewFile);
				overview.setTitle(LayerMontages.overviewTitle(layer));
			}
			layers.add(new LayerImages(layer, layoutOf(units, top, stackFile), units, overview));
		}
		if (layers.isEmpty()) throw new IOException("no layer montage (" + names.stream().map(LayerFiles::units)
			.collect(Collectors.joining(", ")) + ") in " + outputFolder);
		return new ResultsView(images, rows, layers, WinnerImages.read(outputFolder));
	}

	/** The layout the job used, found from k and the stack's width (cells are square, on a near-square grid). */
	static MontageLayout layoutOf(ImagePlus units, int top, Path file) throws IOException {
		int columns = new MontageLayout(1, top).columns;
		int cell = (units.getWidth() - (columns + 1) * MontageLayout.GAP) / columns;
		MontageLayout layout = new MontageLayout(cell, top);
		if (cell < 1 || layout.width() != units.getWidth() || layout.height() != units.getHeight())
			throw new IOException(file + " is " + units.getWidth() + "×" + units.getHeight() +
				" pixels, which is no montage of top " + top + " patches");
		return layout;
	}
}
