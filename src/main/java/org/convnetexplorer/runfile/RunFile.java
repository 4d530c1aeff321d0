package org.convnetexplorer.runfile;

/**
 * The record a scan leaves in its output folder, as facts for both its writers and readers (results, job) and the
 * image listing (images), which must not take an output folder of ours for a folder of images: in a package of its
 * own, so that neither depends on the other.
 */
public final class RunFile {

	/** The record's file name. */
	public static final String NAME = "run.json";
	/** A key that only our run.json has: a folder holding a run.json with it is results, not images. */
	public static final String VERSION_KEY = "convnet_explorer_version";

	private RunFile() {}
}
