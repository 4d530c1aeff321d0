package org.convnetexplorer.ij1;

import java.awt.TextField;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import ij.Prefs;
import ij.gui.GenericDialog;

/**
 * A plugin's options, each declared once: its dialog label (whose first word, lower case, is its macro key), where its
 * default comes from and where its value goes. A macro's options are read by key ({@link MacroOptions}); otherwise
 * the dialog shows the fields in declaration order, each with the value the user gave it last (ImageJ's preferences,
 * kept also when the run then fails), and they are read back in the same order. A macro never sees remembered values:
 * a key left out takes the default, so a recorded macro does the same everywhere.
 *
 * @param <T> the options object the fields read from and write to
 */
final class DialogForm<T> {

	/** A dialog being built: its string fields by key, for buttons that fill one from another. */
	static final class Building {
		final GenericDialog dialog;
		final Map<String, TextField> texts = new LinkedHashMap<>();

		Building(GenericDialog dialog) {
			this.dialog = dialog;
		}

		/** The string field the dialog added last, under its key. */
		TextField lastText(String key) {
			TextField field = (TextField) dialog.getStringFields().lastElement();
			texts.put(key, field);
			return field;
		}

		/** The text of a field added before; "" when the dialog has none with that key. */
		String text(String key) {
			TextField field = texts.get(key);
			return field == null ? "" : field.getText();
		}
	}

	/** One field: adds itself to a dialog with a text to start from, and reads its value from a macro or the dialog. */
	private static final class Field<T> {
		final String label;
		final String key;
		/** The options' value as the dialog shows it. */
		final Function<T, String> shown;
		final BiConsumer<Building, String> add;
		final BiConsumer<OptionSource, T> read;
		boolean remembered = true;

		Field(String label, Function<T, String> shown, BiConsumer<Building, String> add,
			BiConsumer<OptionSource, T> read)
		{
			this.label = label;
			this.key = keyOf(label);
			this.shown = shown;
			this.add = add;
			this.read = read;
		}
	}

	private final List<Field<T>> fields = new ArrayList<>();

	/** A folder that starts empty (or remembered), as {@link #folder(String, Function, BiConsumer)}. */
	DialogForm<T> folder(String label, BiConsumer<T, File> set) {
		return folder(label, o -> null, set);
	}

	/** A folder: a text field with a "Browse" button where there is a screen; blank is null. */
	DialogForm<T> folder(String label, Function<T, File> get, BiConsumer<T, File> set) {
		return path(label, get, set, PathFields::addFolder);
	}

	/** A file, as {@link #folder}. */
	DialogForm<T> file(String label, Function<T, File> get, BiConsumer<T, File> set) {
		return path(label, get, set, PathFields::addFile);
	}

	/** Text that may name a file (a model, weights): a "Browse" button where there is a screen. */
	DialogForm<T> textOrFile(String label, Function<T, String> get, BiConsumer<T, String> set) {
		String key = keyOf(label);
		return add(label, get, (form, text) -> {
			PathFields.addFile(form.dialog, label, text);
			form.lastText(key);
		}, (in, options) -> set.accept(options, in.string(key, get.apply(options))));
	}

	private DialogForm<T> path(String label, Function<T, File> get, BiConsumer<T, File> set, PathFields.Adder adder) {
		String key = keyOf(label);
		return add(label, o -> get.apply(o) == null ? "" : get.apply(o).getPath(), (form, text) -> {
			adder.add(form.dialog, label, text);
			form.lastText(key);
		}, (in, options) -> set.accept(options, in.file(key)));
	}

	DialogForm<T> text(String label, Function<T, String> get, BiConsumer<T, String> set) {
		String key = keyOf(label);
		return add(label, get, (form, text) -> {
			form.dialog.addStringField(label, text, 30);
			form.lastText(key);
		}, (in, options) -> set.accept(options, in.string(key, get.apply(options))));
	}

	/**
	 * Layer names: a text field (a macro's key takes any list) with a button that lists the layers of the network
	 * the dialog's model field names, to pick from.
	 *
	 * @param several whether more than one layer may be chosen
	 */
	DialogForm<T> layers(String label, boolean several, Function<T, String> get, BiConsumer<T, String> set) {
		String key = keyOf(label);
		return add(label, get, (form, text) -> {
			form.dialog.addStringField(label, text, 30);
			TextField field = form.lastText(key);
			form.dialog.addButton(several ? "Choose layers..." : "Choose layer...",
				event -> LayerChooser.chooseInto(field, form.text("model"), several));
		}, (in, options) -> set.accept(options, in.string(key, get.apply(options))));
	}

	/** As {@link #layers}, listing the layers scanned by the run that the dialog's output field names. */
	DialogForm<T> scannedLayers(String label, Function<T, String> get, BiConsumer<T, String> set) {
		String key = keyOf(label);
		return add(label, get, (form, text) -> {
			form.dialog.addStringField(label, text, 30);
			TextField field = form.lastText(key);
			form.dialog.addButton("Choose layers...",
				event -> LayerChooser.chooseScannedInto(field, form.text("output"), true));
		}, (in, options) -> set.accept(options, in.string(key, get.apply(options))));
	}

	DialogForm<T> integer(String label, ToIntFunction<T> get, ObjIntConsumer<T> set) {
		String key = keyOf(label);
		return add(label, o -> String.valueOf(get.applyAsInt(o)),
			(form, text) -> form.dialog.addNumericField(label, parseOr(text, 0), 0),
			(in, options) -> set.accept(options, in.integer(key, get.applyAsInt(options))));
	}

	DialogForm<T> choice(String label, List<String> choices, Function<T, String> get, BiConsumer<T, String> set) {
		String key = keyOf(label);
		return add(label, get, (form, text) -> form.dialog.addChoice(label, choices.toArray(new String[0]),
			choices.contains(text) ? text : choices.get(0)),
			(in, options) -> set.accept(options, in.choice(key, get.apply(options))));
	}

	DialogForm<T> checkbox(String label, Predicate<T> get, BiConsumer<T, Boolean> set) {
		String key = keyOf(label);
		return add(label, o -> String.valueOf(get.test(o)),
			(form, text) -> form.dialog.addCheckbox(label, Boolean.parseBoolean(text)),
			(in, options) -> set.accept(options, in.flag(key, get.test(options))));
	}

	/** The field declared last starts from the default each time: a value that must be asked for anew (resume). */
	DialogForm<T> notRemembered() {
		fields.get(fields.size() - 1).remembered = false;
		return this;
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

	/** What each field shows for {@code options} when nothing is remembered, by key. */
	Map<String, String> shown(T options) {
		Map<String, String> shown = new LinkedHashMap<>();
		for (Field<T> field : fields)
			shown.put(field.key, field.shown.apply(options));
		return shown;
	}

	/**
	 * Takes the macro's options (on the macro's own thread), else shows the dialog, each field with its remembered
	 * value or the default {@code options} holds, remembers what the user gave, and writes it into {@code options}.
	 *
	 * @param message shown below the dialog's fields; null for none
	 * @return false when the user cancels
	 * @throws IllegalArgumentException for a macro option the plugin does not have, or a malformed value
	 */
	boolean ask(String title, T options, String message) {
		return ask(title, options, message, Set.of());
	}

	/**
	 * As {@link #ask(String, Object, String)}, where the fields of {@code fromContext} start from the value
	 * {@code options} holds (what is on screen suggests it), not the remembered one.
	 */
	boolean ask(String title, T options, String message, Set<String> fromContext) {
		OptionSource in = MacroOptions.current(keys());
		if (in != null) {
			read(in, options);
			return true;
		}
		GenericDialog dialog = new GenericDialog(title);
		Building form = new Building(dialog);
		for (Field<T> field : fields) {
			String shown = field.shown.apply(options);
			boolean remembered = field.remembered && !fromContext.contains(field.key);
			field.add.accept(form, remembered ? Prefs.get(prefsKey(title, field), shown) : shown);
		}
		if (message != null) dialog.addMessage(message);
		dialog.showDialog();
		if (dialog.wasCanceled()) return false;
		read(OptionSource.of(dialog), options);
		for (Field<T> field : fields)
			if (field.remembered) Prefs.set(prefsKey(title, field), field.shown.apply(options));
		return true;
	}

	private void read(OptionSource in, T options) {
		for (Field<T> field : fields)
			field.read.accept(in, options);
	}

	private DialogForm<T> add(String label, Function<T, String> shown, BiConsumer<Building, String> add,
		BiConsumer<OptionSource, T> read)
	{
		fields.add(new Field<>(label, shown, add, read));
		return this;
	}

	/** Where ImageJ keeps a field's last value: {@code IJ_Prefs.txt}, saved when ImageJ quits. */
	static String prefsKey(String title, Field<?> field) {
		return "convnet-explorer." + title.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT) + "." + field.key;
	}

	private static double parseOr(String text, double otherwise) {
		try {
			return Double.parseDouble(text.trim());
		}
		catch (NumberFormatException e) {
			return otherwise;
		}
	}

	/** ImageJ's macro key for a label: its first word, in lower case. */
	private static String keyOf(String label) {
		return label.split(" ", 2)[0].toLowerCase(Locale.ROOT);
	}
}
