package org.convnetexplorer.ij1;

import java.awt.GraphicsEnvironment;
import java.io.File;

import ij.gui.GenericDialog;

/**
 * Dialog fields for files and folders: with a "Browse" button where there is a screen, which opens in the folder the
 * field names (its remembered value), else in ImageJ's last folder.
 */
final class PathFields {

	/** Adds a path field with its Browse button. */
	interface Adder {
		void add(GenericDialog dialog, String label, String text);
	}

	private PathFields() {}

	/** Headless ImageJ's dialog knows only plain text fields. */
	static void addFolder(GenericDialog dialog, String label, String text) {
		if (GraphicsEnvironment.isHeadless()) dialog.addStringField(label, text, 30);
		else dialog.addDirectoryField(label, text, 30);
	}

	static void addFile(GenericDialog dialog, String label, String text) {
		if (GraphicsEnvironment.isHeadless()) dialog.addStringField(label, text, 30);
		else dialog.addFileField(label, text, 30);
	}

	/** The next string field as a file; null when it is blank. */
	static File nextFileOrNull(GenericDialog dialog) {
		String path = dialog.getNextString();
		return path.isBlank() ? null : new File(path.trim());
	}
}
