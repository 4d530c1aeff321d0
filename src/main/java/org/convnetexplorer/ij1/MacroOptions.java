package org.convnetexplorer.ij1;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.Macro;

/**
 * The options a macro passed to a command ({@code "images=[/a b] top=9 recursive"}), read with brackets respected.
 * ImageJ's own lookup ({@code Macro.getValue}, which GenericDialog uses) finds {@code top=} anywhere in the string, so a
 * path such as {@code images=[/tmp/my top=3 imgs]} would set {@code top}; here a bracketed value is only a value.
 */
final class MacroOptions implements OptionSource {

	private final Map<String, String> values;

	private MacroOptions(Map<String, String> values) {
		this.values = values;
	}

	/** The options of the macro running this command on this thread, or null when a user runs it from the menu. */
	static MacroOptions current(List<String> keys) {
		String options = Macro.getOptions();
		return options == null ? null : parse(options, keys);
	}

	/**
	 * @param keys the command's keys: any other is refused, so a misspelt key is not silently ignored
	 * @throws IllegalArgumentException naming the key or bracket that is wrong
	 */
	static MacroOptions parse(String options, List<String> keys) {
		Map<String, String> values = new LinkedHashMap<>();
		int i = 0;
		int n = options.length();
		while (i < n) {
			if (options.charAt(i) == ' ') {
				i++;
				continue;
			}
			int keyEnd = i;
			while (keyEnd < n && options.charAt(keyEnd) != '=' && options.charAt(keyEnd) != ' ')
				keyEnd++;
			String key = options.substring(i, keyEnd);
			String value = ""; // a key alone is a checkbox that is on
			i = keyEnd;
			if (i < n && options.charAt(i) == '=') {
				i++;
				if (i < n && options.charAt(i) == '[') {
					int close = options.indexOf(']', i + 1);
					if (close < 0) throw new IllegalArgumentException("the value of '" + key + "' opens [ but never " +
						"closes it");
					value = options.substring(i + 1, close);
					i = close + 1;
				}
				else {
					int end = options.indexOf(' ', i);
					if (end < 0) end = n;
					value = options.substring(i, end);
					i = end;
				}
			}
			if (!keys.contains(key)) throw new IllegalArgumentException("unknown option '" + key + "'; the options are " +
				String.join(", ", keys));
			if (values.put(key, value) != null) throw new IllegalArgumentException("option '" + key + "' is given twice");
		}
		return new MacroOptions(values);
	}

	@Override
	public String string(String key, String otherwise) {
		return values.getOrDefault(key, otherwise);
	}

	/**
	 * A checkbox: on when the key is there alone or {@code =true}, off when {@code =false} or missing (as ImageJ
	 * reads a macro's checkbox, off when not recorded).
	 *
	 * @throws IllegalArgumentException naming the key, for any other value
	 */
	@Override
	public boolean flag(String key, boolean otherwise) {
		String value = values.get(key);
		if (value == null) return false;
		if (value.isEmpty() || value.equalsIgnoreCase("true")) return true;
		if (value.equalsIgnoreCase("false")) return false;
		throw new IllegalArgumentException(key + " must be true or false (or the key alone, for true), not '" + value +
			"'");
	}

	@Override
	public int integer(String key, int otherwise) {
		String value = values.get(key);
		if (value == null) return otherwise;
		try {
			double number = Double.parseDouble(value.trim());
			if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) throw new NumberFormatException();
			return (int) number;
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
		}
	}

	@Override
	public File file(String key) {
		String value = values.get(key);
		return value == null || value.isBlank() ? null : new File(value.trim());
	}
}
