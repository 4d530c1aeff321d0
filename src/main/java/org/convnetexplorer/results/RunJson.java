package org.convnetexplorer.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convnetexplorer.files.RegularFile;
import org.convnetexplorer.runfile.RunFile;

/** Reads back the fields of a run.json that {@link RunReport} wrote: what later steps need of a finished run. */
public final class RunJson {

	public static final String FILE = RunFile.NAME;

	private final Path file;
	private final String json;

	private RunJson(Path file, String json) {
		this.file = file;
		this.json = json;
	}

	/** The run.json of an output folder. */
	public static RunJson read(Path outputFolder) throws IOException {
		Path file = outputFolder.resolve(FILE);
		if (!Files.isRegularFile(file))
			throw new IOException(outputFolder + " holds no run.json: not a ConvNet Explorer output folder");
		return new RunJson(file, new String(RegularFile.readAll(file, 1 << 24), StandardCharsets.UTF_8));
	}

	/**
	 * A JSON string, its plain runs matched as one: an alternation per character recursed once per character, and a
	 * model's list of layers overflowed the stack.
	 */
	private static final String STRING = "\"[^\"\\\\]*(?:\\\\.[^\"\\\\]*)*\"";

	public String string(String key) throws IOException {
		return unquote(value(key, STRING));
	}

	/** A list of strings, as {@link RunReport} writes the layers. */
	public List<String> strings(String key) throws IOException {
		String list = value(key, "\\[\\s*(?:" + STRING + "\\s*(?:,\\s*" + STRING + "\\s*)*)?\\]");
		List<String> strings = new ArrayList<>();
		Matcher item = Pattern.compile(STRING).matcher(list);
		while (item.find())
			strings.add(unquote(item.group()));
		return strings;
	}

	/** A list of numbers, as {@link RunReport} writes a model's mean and std. */
	public float[] floats(String key) throws IOException {
		String number = "-?[0-9][0-9.eE+-]*";
		String list = value(key, "\\[\\s*(?:" + number + "\\s*(?:,\\s*" + number + "\\s*)*)?\\]");
		Matcher item = Pattern.compile(number).matcher(list);
		List<Float> numbers = new ArrayList<>();
		while (item.find())
			numbers.add(Float.valueOf(item.group()));
		float[] values = new float[numbers.size()];
		for (int i = 0; i < values.length; i++)
			values[i] = numbers.get(i);
		return values;
	}

	/** Whether the run recorded {@code key}. */
	public boolean has(String key) {
		return Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:").matcher(json).find();
	}

	private static String unquote(String quoted) {
		StringBuilder value = new StringBuilder();
		for (int i = 1; i < quoted.length() - 1; i++) {
			char c = quoted.charAt(i);
			if (c != '\\') value.append(c);
			else if (quoted.charAt(++i) == 'u') {
				value.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
				i += 4;
			}
			else value.append(quoted.charAt(i));
		}
		return value.toString();
	}

	/** A boolean; {@code absent} when the run did not record the key (runs written before it existed). */
	/** A true/false value, such as "partial"; {@code absent} where the run did not record it. */
	public boolean bool(String key, boolean absent) throws IOException {
		return has(key) ? Boolean.parseBoolean(value(key, "true|false")) : absent;
	}

	public int integer(String key) throws IOException {
		return Integer.parseInt(value(key, "\\d+"));
	}

	private String value(String key, String valuePattern) throws IOException {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(" + valuePattern + ")").matcher(json);
		if (!matcher.find()) throw new IOException(file + " has no \"" + key + "\"");
		return matcher.group(1);
	}
}
