package org.convnetexplorer.ij1;

import java.io.File;

import ij.gui.GenericDialog;

/**
 * Where a plugin reads its options from, key by key in dialog order: the macro's options ({@link MacroOptions}) or
 * the dialog the user filled in ({@link #of(GenericDialog)}).
 */
interface OptionSource {

	/** A path; null when blank or missing. */
	File file(String key);

	String string(String key, String otherwise);

	/** One of a list's items (a dialog's drop-down). */
	default String choice(String key, String otherwise) {
		return string(key, otherwise);
	}

	int integer(String key, int otherwise);

	boolean flag(String key, boolean otherwise);

	/** The dialog's fields in the order they were added; the keys only document which is which. */
	static OptionSource of(GenericDialog dialog) {
		return new OptionSource() {
			@Override
			public File file(String key) {
				return PathFields.nextFileOrNull(dialog);
			}

			@Override
			public String string(String key, String otherwise) {
				return dialog.getNextString();
			}

			@Override
			public String choice(String key, String otherwise) {
				return dialog.getNextChoice();
			}

			@Override
			public int integer(String key, int otherwise) {
				return (int) dialog.getNextNumber();
			}

			@Override
			public boolean flag(String key, boolean otherwise) {
				return dialog.getNextBoolean();
			}
		};
	}
}
