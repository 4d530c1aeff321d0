package org.convnetexplorer.ij1;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import ij.gui.GenericDialog;

/**
 * A plugin's options, each declared once: its dialog label (whose first word is its macro key), where its default
 * comes from and where its value goes. The dialog shows the fields in declaration order and reads them back in the
 * same order, as ImageJ's dialog (and a macro's options) require.
 *
 * @param <T> the options object the fields read from and write to
 */
final class DialogForm<T> {

	/** One field: adds itself to a dialog with its default, and reads its value back. */
	private static final class Field<T> {
		final String label;
		final BiConsumer<GenericDialog, T> add;
		final BiConsumer<GenericDialog, T> read;

		Field(String label, BiConsumer<GenericDialog, T> add, BiConsumer<GenericDialog, T> read) {
			this.label = label;
			this.add = add;
			this.read = read;
		}
	}

	private final List<Field<T>> fields = new ArrayList<>();

	/** A folder: a text field with a "Browse" button where there is a screen; blank is null. */
	DialogForm<T> folder(String label, BiConsumer<T, File> set) {
		return add(label, (dialog, options) -> {
			if (GraphicsEnvironment.isHeadless()) dialog.addStringField(label, "", 30);
			else dialog.addDirectoryField(label, "", 30);
		}, (dialog, options) -> set.accept(options, nextFileOrNull(dialog)));
	}

	/** A file, as {@link #folder}. */
	DialogForm<T> file(String label, BiConsumer<T, File> set) {
		return add(label, (dialog, options) -> {
			if (GraphicsEnvironment.isHeadless()) dialog.addStringField(label, "", 30);
			else dialog.addFileField(label, "", 30);
		}, (dialog, options) -> set.accept(options, nextFileOrNull(dialog)));
	}

	DialogForm<T> text(String label, Function<T, String> get, BiConsumer<T, String> set) {
		return add(label, (dialog, options) -> dialog.addStringField(label, get.apply(options), 30),
			(dialog, options) -> set.accept(options, dialog.getNextString()));
	}

	DialogForm<T> integer(String label, ToIntFunction<T> get, ObjIntConsumer<T> set) {
		return add(label, (dialog, options) -> dialog.addNumericField(label, get.applyAsInt(options), 0),
			(dialog, options) -> set.accept(options, (int) dialog.getNextNumber()));
	}

	DialogForm<T> choice(String label, List<String> choices, Function<T, String> get, BiConsumer<T, String> set) {
		return add(label, (dialog, options) -> dialog.addChoice(label, choices.toArray(new String[0]), get.apply(options)),
			(dialog, options) -> set.accept(options, dialog.getNextChoice()));
	}

	DialogForm<T> checkbox(String label, Predicate<T> get, BiConsumer<T, Boolean> set) {
		return add(label, (dialog, options) -> dialog.addCheckbox(label, get.test(options)),
			(dialog, options) -> set.accept(options, dialog.getNextBoolean()));
	}

	/** The labels in dialog order. */
	List<String> labels() {
		return fields.stream().map(field -> field.label).collect(Collectors.toList());
	}

	/**
	 * Shows the dialog (or takes a macro's options, on the macro's own thread) with the defaults {@code options} holds,
	 * and writes what was entered into it.
	 *
	 * @param message shown below the fields; null for none
	 * @return false when the user cancels
	 */
	boolean ask(String title, T options, String message) {
		GenericDialog dialog = new GenericDialog(title);
		for (Field<T> field : fields)
			field.add.accept(dialog, options);
		if (message != null) dialog.addMessage(message);
		dialog.showDialog();
		if (dialog.wasCanceled()) return false;
		for (Field<T> field : fields)
			field.read.accept(dialog, options);
		return true;
	}

	private DialogForm<T> add(String label, BiConsumer<GenericDialog, T> add, BiConsumer<GenericDialog, T> read) {
		fields.add(new Field<>(label, add, read));
		return this;
	}

	/** The next string field as a file; null when it is blank. */
	private static File nextFileOrNull(GenericDialog dialog) {
		String path = dialog.getNextString();
		return path.isBlank() ? null : new File(path.trim());
	}
}
