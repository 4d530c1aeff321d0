package org.convnetexplorer.atlas;

/** Which of the user's images an atlas holds besides the patches: a choice, since the images may not be theirs to share. */
public enum ImageChoice {
	/** {@code --no-source-images}: the patches only. */
	PATCHES_ONLY("the patches only: no copies of the scanned images"),
	/** The default: the patches and a small copy of each winning image. */
	SMALL_COPIES("the patches and small copies (at most " + ImageChoice.SMALL_SIDE + " px) of the winning images"),
	/** {@code --full-images}: the patches and each winning image at full size. */
	FULL_SIZE("the patches and full-size copies of the winning images");

	/** The longer side of a small copy: enough to see the field in context, small enough to share. */
	public static final int SMALL_SIDE = 320;

	/** What the atlas says it holds. */
	public final String description;

	ImageChoice(String description) {
		this.description = description;
	}

	/** From the command line's two flags, which exclude each other. */
	public static ImageChoice of(boolean noSourceImages, boolean fullImages) {
		if (noSourceImages && fullImages)
			throw new IllegalArgumentException("--no-source-images and --full-images exclude each other");
		return noSourceImages ? PATCHES_ONLY : fullImages ? FULL_SIZE : SMALL_COPIES;
	}
}
