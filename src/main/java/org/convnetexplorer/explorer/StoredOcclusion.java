package org.convnetexplorer.explorer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.convnetexplorer.images.RgbImage;
import org.convnetexplorer.network.Layer;
import org.convnetexplorer.occlusion.OcclusionJob;
import org.convnetexplorer.render.MontageFiles;
import org.convnetexplorer.results.RunResults;
import org.convnetexplorer.results.TopkRow;

import ij.ImagePlus;

/**
 * An occlusion map of one unit on one of its images, kept in the run folder
 * ({@code occlusion/<layer>-unit<N>-<image>/}, as occlusion writes it: the overlay PNG and the float maps), so that the
 * explorer shows it again for that unit and image after the window is reopened.
 */
public final class StoredOcclusion {

	/** The drop map over the network's input, as the overlay PNG holds it. */
	public final RgbImage overlay;
	/** The largest |drop|: the colour bar's ends. */
	public final float largestDrop;
	/** The unit's maximum without occluder. */
	public final float unoccluded;

	public StoredOcclusion(RgbImage overlay, float[] drop, float unoccluded) {
		this.overlay = overlay;
		float largest = 0;
		for (float d : drop)
			largest = Math.max(largest, Math.abs(d));
		this.largestDrop = largest;
		this.unoccluded = unoccluded;
	}

	/** Where occlusion of the row's unit on the row's image is kept. */
	public static Path folder(RunResults run, TopkRow row) {
		return run.folder.resolve("occlusion").resolve(Layer.fileNameOf(row.layer) + "-unit" + row.unit + "-" +
			Paths.get(row.image).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"));
	}

	/** What occlusion just computed. */
	public static StoredOcclusion of(OcclusionJob.Outcome outcome) {
		BufferedImage picture = outcome.overlay.getBufferedImage();
		return new StoredOcclusion(RgbImage.of(picture), outcome.sensitivity.dropMap(), outcome.sensitivity.unoccluded);
	}

	/**
	 * The kept map of the row's unit on its image; empty where none is kept.
	 *
	 * @throws IOException for kept files that cannot be read as occlusion wrote them
	 */
	public static Optional<StoredOcclusion> read(RunResults run, TopkRow row) throws IOException {
		Path folder = folder(run, row);
		Path overlayFile = folder.resolve(OcclusionJob.OVERLAY_FILE);
		Path mapsFile = folder.resolve(OcclusionJob.MAPS_FILE);
		if (!Files.isRegularFile(overlayFile) || !Files.isRegularFile(mapsFile)) return Optional.empty();
		BufferedImage picture = ImageIO.read(overlayFile.toFile());
		if (picture == null) throw new IOException("cannot read " + overlayFile + " as a PNG");
		ImagePlus maps = MontageFiles.read(mapsFile);
		if (maps.getStackSize() != 2 || maps.getBitDepth() != 32) throw new IOException(mapsFile +
			" is not occlusion's two float maps");
		float[] occluded = (float[]) maps.getStack().getPixels(1);
		float[] drop = (float[]) maps.getStack().getPixels(2);
		return Optional.of(new StoredOcclusion(RgbImage.of(picture), drop, occluded[0] + drop[0]));
	}
}
