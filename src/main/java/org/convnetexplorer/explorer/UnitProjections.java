package org.convnetexplorer.explorer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import org.convnetexplorer.deconv.ProjectedWinner;
import org.convnetexplorer.deconv.ProjectionGraph;
import org.convnetexplorer.deconv.WinnerProjector;
import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.job.JobSettings;
import org.convnetexplorer.job.NetworkRecord;
import org.convnetexplorer.network.ComputeDevice;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.network.Network;
import org.convnetexplorer.network.NetworkListener;
import org.convnetexplorer.network.ProjectionMethod;
import org.convnetexplorer.render.MontageLayout;
import org.convnetexplorer.results.OutputFolder;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.TopkRow;

/**
 * One unit's deconvnet projections, computed on demand with the deconvnet of {@code deconv} and kept in the run folder
 * ({@code <layer>-unit<N>-deconv.png}: the projections in the cells of the stack's grid, rank order), so the next view
 * reads them back. For the built-in AlexNet and ONNX models alike ({@link ProjectionGraph#open}).
 */
public final class UnitProjections {

	private UnitProjections() {}

	public static String fileName(String layer, int unit) {
		return Layer.fileNameOf(layer) + "-unit" + unit + "-deconv.png";
	}

	/** The kept projections of a unit, in rank order, or null when none are kept. */
	public static List<RgbImage> stored(RunResults run, String layer, int unit, int count) throws IOException {
		Path file = run.folder.resolve(fileName(layer, unit));
		if (!Files.isRegularFile(file)) return null;
		BufferedImage picture = ImageIO.read(file.toFile());
		if (picture == null) throw new IOException("cannot read " + file);
		MontageLayout layout;
		try {
			layout = MontageLayout.ofSlice(picture.getWidth(), picture.getHeight(), run.top);
		}
		catch (IllegalArgumentException e) {
			throw new IOException(file + ": " + e.getMessage(), e);
		}
		return LayerPatches.cells(RgbImage.of(picture), layout, count);
	}

	/**
	 * Projects the unit's winners (its rows) and keeps them in the run folder.
	 *
	 * @param status told of each step (loading, device, images skipped)
	 * @return the projections in rank order; a winner whose image cannot be read (changed since the scan) is black
	 */
	public static List<RgbImage> compute(RunResults run, String layerName, List<TopkRow> rows, Consumer<String> status)
		throws IOException
	{
		if (rows.isEmpty()) throw new IOException("this unit never fired: nothing to project");
		NetworkRecord record = NetworkRecord.of(run.json(), run.folder);
		Network network = record.open();
		Layer layer = network.layer(layerName);
		NetworkListener listener = new NetworkListener() {
			@Override
			public void status(String message) {
				status.accept(message);
			}

			@Override
			public void update(long bytesSoFar, long totalBytes, double bytesPerSecond) {}
		};
		List<TopkRow> unchanged = new ArrayList<>();
		for (TopkRow row : rows) {
			String change = run.changeSinceScan(row);
			if (change == null) unchanged.add(row);
			else status.accept("Not projecting " + row.image + ": " + change);
		}
		List<ProjectedWinner> winners;
		try (ProjectionGraph net = ProjectionGraph.open(record, network, List.of(layer), ProjectionMethod.DECONVNET,
			ComputeDevice.AUTO, JobSettings.threadsOrCores(0), listener))
		{
			status.accept("Projecting " + unchanged.size() + " patches on " + net.device().id().toUpperCase());
			winners = new WinnerProjector(net, run.imagesFolder, Math.max(1, unchanged.size())).project(layer, unchanged,
				(image, reason) -> status.accept("Not projecting " + image + ": " + reason));
		}
		RgbImage[] projections = new RgbImage[rows.size()];
		for (ProjectedWinner winner : winners)
			projections[winner.row.rank - 1] = winner.projection.toRgb();
		int side = Arrays.stream(projections).filter(p -> p != null).mapToInt(RgbImage::width).max().orElse(1);
		for (int i = 0; i < projections.length; i++)
			if (projections[i] == null) projections[i] = new RgbImage(side, side, new int[side * side]);
		keep(run, layerName, rows.get(0).unit, Arrays.asList(projections), side);
		return Arrays.asList(projections);
	}

	private static void keep(RunResults run, String layer, int unit, List<RgbImage> projections, int side)
		throws IOException
	{
		MontageLayout layout = new MontageLayout(side, run.top);
		BufferedImage picture = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
		int[] background = new int[layout.width() * layout.height()];
		Arrays.fill(background, MontageLayout.BACKGROUND);
		picture.setRGB(0, 0, layout.width(), layout.height(), background, 0, layout.width());
		for (int rank0 = 0; rank0 < projections.size(); rank0++) {
			RgbImage projection = projections.get(rank0);
			picture.setRGB(layout.cellX(rank0), layout.cellY(rank0), Math.min(side, projection.width()),
				Math.min(side, projection.height()), projection.pixels(), 0, projection.width());
		}
		String name = fileName(layer, unit);
		try (OutputFolder output = OutputFolder.addTo(run.folder, List.of(name))) {
			output.write(name, file -> {
				try (OutputStream out = Files.newOutputStream(file)) {
					if (!ImageIO.write(picture, "png", out)) throw new IOException("no PNG writer in this Java");
				}
			});
		}
	}
}
