package org.convnetexplorer.bioimage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * An rdf.yaml as plain maps, lists, strings, numbers and booleans: SnakeYAML's {@link SafeConstructor}, so no type is
 * instantiated from the file (a {@code !!java/...} or {@code !!python/...} tag is refused), with limits on its size,
 * nesting, aliases (a "billion laughs" file) and duplicate keys. Typed reads name the key and what it should be.
 */
final class Yaml {

	private final Path location;

	Yaml(Path location) {
		this.location = location;
	}

	Path location() {
		return location;
	}

	/** The document, which must be a mapping. */
	Map<?, ?> parse(byte[] bytes) throws PackageException {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(50);
		options.setAllowRecursiveKeys(false);
		options.setNestingDepthLimit(50);
		options.setCodePointLimit(ModelDescription.MAX_RDF_BYTES);
		Object document;
		try {
			document = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options)).load(new String(bytes,
				StandardCharsets.UTF_8));
		}
		catch (YAMLException e) {
			throw new PackageException(location, "its rdf.yaml is not YAML it can read (" + firstLine(e.getMessage()) +
				")");
		}
		return map(document, "rdf.yaml");
	}

	private static String firstLine(String text) {
		return text == null ? "no reason given" : text.split("\n")[0];
	}

	Map<?, ?> map(Object value, String what) throws PackageException {
		if (value instanceof Map) return (Map<?, ?>) value;
		throw wrong(what, "a mapping", value);
	}

	List<?> list(Object value, String what) throws PackageException {
		if (value instanceof List) return (List<?>) value;
		throw wrong(what, "a list", value);
	}

	String string(Object value, String what) throws PackageException {
		if (value instanceof String || value instanceof Number) return value.toString();
		throw wrong(what, "a text", value);
	}

	/** A number, also where YAML 1.1 read it as text (1e-6 has no dot, so is a string there). */
	double number(Object value, String what) throws PackageException {
		if (value instanceof Number) return ((Number) value).doubleValue();
		if (value instanceof String) {
			try {
				return Double.parseDouble((String) value);
			}
			catch (NumberFormatException e) {
				// named below
			}
		}
		throw wrong(what, "a number", value);
	}

	/** One number, or a list of them (one per channel). */
	double[] numbers(Object value, String what) throws PackageException {
		if (!(value instanceof List)) return new double[] { number(value, what) };
		List<?> list = (List<?>) value;
		double[] numbers = new double[list.size()];
		for (int i = 0; i < numbers.length; i++)
			numbers[i] = number(list.get(i), what);
		return numbers;
	}

	PackageException wrong(String what, String expected, Object value) {
		String shown = String.valueOf(value);
		return new PackageException(location, "rdf.yaml's " + what + " should be " + expected + ", not " +
			(value == null ? "missing" : shown.length() > 60 ? shown.substring(0, 60) + "…" : shown));
	}
}
