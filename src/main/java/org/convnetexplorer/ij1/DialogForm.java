package org.convnetexplorer.ij1;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import ij.gui.GenericDialog;

/**
 * A plugin's options, each declared once: its dialog label (whose first word, lower case, is its macro key), where its
 * default comes from and where its value goes. A macro's options are read by key ({@link MacroOptions}); otherwise
 * the dialog shows the fields in declaration order and they are read back in the same order.
 *
 * @param <T> the options object the fields read from and write to
 */
final class DialogForm<T> {

	/** One field: adds itself to a dialog with its default, and reads its value from a macro or the dialog. */
	private static final class Field<T> {
		final String label;
		final String key;
		final BiConsumer<GenericDialog, T> add;
		final BiConsumer<OptionSource, T> read;

		Field(String label, String key, BiConsumer<GenericDialog, T> add, BiConsumer<OptionSource, T> read) {
			this.label = label;
			this.key = key;
			this.add = add;
			this.read = read;
		}
	}

	private final List<Field<T>> fields = new ArrayList<>();

	/** A folder: a text field with a "Browse" button where there is a screen; blank is null. */
	DialogForm<T> folder(String label, BiConsumer<T, File> set) {
		String key = keyOf(label);
		return add(label, (dialog, options) -> PathFields.addFolder(dialog, label),
			(in, options) -> set.accept(options, in.file(key)));
	}

	/** A file, as {@link #folder}. */
	DialogForm<T> file(String label, BiConsumer<T, File> set) {
		String key = keyOf(label);
		return add(label, (dialog, options) -> PathFields.addFile(dialog, label),
			(in, options) -> set.accept(options, in.file(key)));
	}

	DialogForm<T> text(String label, Function<T, String> get, BiConsumer<T, String> set) {
		String key = keyOf(label);
		return add(label, (dialog, options) -> dialog.addStringField(label, get.apply(options), 30),
			(in, options) -> set.accept(options, in.string(key, get.apply(options))));
	}

	DialogForm<T> integer(String label, ToIntFunction<T> get, ObjIntConsumer<T> set) {
		String key = keyOf(label);
		return add(label, (dialog, options) -> dialog.addNumericField(label, get.applyAsInt(options), 0),
			(in, options) -> set.accept(options, in.integer(key, get.applyAsInt(options))));
	}

	DialogForm<T> choice(String label, List<String> choices, Function<T, String> get, BiConsumer<T, String> set) {
		String key = keyOf(label);
		return add(label, (dialog, options) -> dialog.addChoice(label, choices.toArray(new String[0]), get.apply(options)),
			(in, options) -> set.accept(options, in.choice(key, get.apply(options))));
	}

	DialogForm<T> checkbox(String label, Predicate<T> get, BiConsumer<T, Boolean> set) {
		String key = keyOf(label);
		return add(label, (dialog, options) -> dialog.addCheckbox(label, get.test(options)),
			(in, options) -> set.accept(options, in.flag(key, get.test(options))));
	}

	/** Adds the fields a shared fragment declares (see {@link NetworkFields}). */
	DialogForm<T> with(UnaryOperator<DialogForm<T>> fragment) {
		return fragment.apply(this);
	}

	/** The labels in dialog order. */
	List<String> labels() {
		return fields.stream().map(field -> field.label).collect(Collectors.toList());
	}

	/** The macro keys in dialog order. */
	List<String> keys() {
		return fields.stream().map(field -> field.key).collect(Collectors.toList());
	}

	/**
	 * Takes the macro's options (on the macro's own thread), else shows the dialog with the defaults {@code options}
	 * holds, and writes what was given into it.
	 *
	 * @param message shown below the dialog's fields; null for none
	 * @return false when the user cancels
	 * @throws IllegalArgumentException for a macro option the plugin does not have, or a malformed value
	 */
	boolean ask(String title, T options, String message) {
		OptionSource in = MacroOptions.current(keys());
		if (in == null) {
			GenericDialog dialog = new GenericDialog(title);
			for (Field<T> field : fields)
				field.add.accept(dialog, options);
			if (message != null) dialog.addMessage(message);
			dialog.showDialog();
			if (dialog.wasCanceled()) return false;
			in = OptionSource.of(dialog);
		}
		for (Field<T> field : fields)
			field.read.accept(in, options);
		return true;
	}

	private DialogForm<T> add(String label, BiConsumer<GenericDialog, T> add, BiConsumer<OptionSource, T> read) {
		fields.add(new Field<>(label, keyOf(label), add, read));
		return this;
	}

	/** ImageJ's macro key for a label: its first word, in lower case. */
	private static String keyOf(String label) {
		return label.split(" ", 2)[0].toLowerCase(Locale.ROOT);
	}
}
