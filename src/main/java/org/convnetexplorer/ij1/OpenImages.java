package org.convnetexplorer.ij1;

import java.io.File;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.ImagePlus;
import ij.WindowManager;
import ij.io.FileInfo;

/**
 * What the images on screen suggest as an occlusion's defaults, in ImageJ 1 and Fiji: the front image's file, and the
 * unit that a run's montage stack on screen shows (its slice label is "LAYER unit N").
 */
public final class OpenImages {

	private static final Pattern UNIT_LABEL = Pattern.compile("(.+) unit (\\d+)");

	/** A layer and unit, as a montage stack of a run shows them. */
	public static final class ShownUnit {
		public final String layer;
		public final int unit;

		ShownUnit(String layer, int unit) {
			this.layer = layer;
			this.unit = unit;
		}
	}

	private OpenImages() {}

	/** The file the front image was opened from; null when there is none, or it has no file (any more). */
	public static File frontImageFile() {
		ImagePlus image = WindowManager.getCurrentImage();
		FileInfo info = image == null ? null : image.getOriginalFileInfo();
		if (info == null || info.directory == null || info.fileName == null || info.fileName.isEmpty()) return null;
		File file = new File(info.directory, info.fileName);
		return file.isFile() ? file : null;
	}

	/** The unit of the montage stack opened last that is still on screen; null when none is. */
	public static ShownUnit shownUnit() {
		int[] ids = WindowManager.getIDList();
		if (ids == null) return null;
		for (int i = ids.length - 1; i >= 0; i--) {
			ImagePlus image = WindowManager.getImage(ids[i]);
			if (image == null || image.getStackSize() < 1) continue;
			String label = image.getStack().getSliceLabel(image.getCurrentSlice());
			Matcher matcher = UNIT_LABEL.matcher(label == null ? "" : label);
			if (matcher.matches()) return new ShownUnit(matcher.group(1), Integer.parseInt(matcher.group(2)));
		}
		return null;
	}
}
