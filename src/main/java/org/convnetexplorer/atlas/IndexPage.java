package org.convnetexplorer.atlas;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.convnetexplorer.results.RunJson;
import org.convnetexplorer.runfile.RunKeys;

/** The atlas's front page: what ran on what (network, weights or model with SHA-256, images), and the layers. */
final class IndexPage {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private IndexPage() {}

	static void write(AtlasRun run, List<AtlasLayer> layers, ImageChoice choice, Path file) throws IOException {
		Page page = new Page("ConvNet Explorer atlas: " + run.folder.getFileName(), 0, "index");
		page.raw("<header><h1>What each unit learned</h1>\n<p class=\"lead\">Every unit of ")
			.text(layers.size() == 1 ? "one layer" : layers.size() + " layers")
			.raw(", with the " + run.k + " image patches that made it fire most. Choose a layer, then a unit.</p>")
			.raw("</header>\n<section class=\"facts\"><h2>The run</h2>\n<dl>\n");
		facts(run, choice, page);
		page.raw("</dl></section>\n<section><h2>Layers</h2>\n<table class=\"layers\">\n<thead><tr><th>layer</th>" +
			"<th>units</th><th>firing</th><th>feature map</th><th>receptive field in input pixels</th></tr></thead>\n" +
			"<tbody>\n");
		for (AtlasLayer layer : layers) {
			page.raw("<tr><td class=\"name\">").link(Html.url(layer.folder, Addresses.INDEX), layer.name)
				.raw("</td><td class=\"units\">" + layer.units + "</td><td>" + layer.firing() + "</td><td>")
				.text(layer.map != null ? layer.map : "–").raw("</td><td>")
				.text(layer.field != null ? layer.field : "not known: " + run.networkMissing).raw("</td></tr>\n");
		}
		page.raw("</tbody></table>\n<p class=\"note\">Box start = start + jump × position in the feature map; the " +
			"box may reach past the image border, as the network saw it.</p></section>\n");
		page.write(file);
	}

	private static void facts(AtlasRun run, ImageChoice choice, Page page) {
		RunJson json = run.run;
		if (run.isModel()) {
			fact(page, "network", "ONNX model " + optional(json, RunKeys.MODEL) + " at " + optional(json, RunKeys.INPUT_SIZE) +
				" px");
			fact(page, "model SHA-256", optional(json, RunKeys.MODEL_SHA256));
		}
		else {
			fact(page, "network", "AlexNet (built in), weights " + optional(json, RunKeys.WEIGHTS));
			fact(page, "weights SHA-256", optional(json, RunKeys.WEIGHTS_SHA256));
		}
		fact(page, "images", optional(json, RunKeys.IMAGES));
		fact(page, "scanned", optional(json, RunKeys.IMAGES_SCANNED) + " of " + optional(json, RunKeys.IMAGES_TOTAL) +
			" images; " + optional(json, RunKeys.IMAGES_SKIPPED) + " skipped (reasons in skipped.csv)");
		fact(page, "finished", DATE.format(run.finished) + flagText(json, RunKeys.PARTIAL,
			" — partial: stopped before every image was scanned"));
		if (json.has(RunKeys.MERGED_FROM)) {
			try {
				fact(page, "merged from", json.strings(RunKeys.MERGED_FROM).size() + " shard runs");
			}
			catch (IOException e) {
				// listed only when readable
			}
		}
		fact(page, "top patches", run.k + " per unit, on " + optional(json, RunKeys.DEVICE) + ", " +
			optional(json, RunKeys.PRECISION));
		fact(page, "this atlas holds", choice.description);
	}

	private static void fact(Page page, String name, String value) {
		page.raw("<dt>").text(name).raw("</dt><dd>").text(value).raw("</dd>\n");
	}

	/** A value run.json may lack (older or partial records): "–" then. */
	private static String optional(RunJson json, String key) {
		try {
			return json.has(key) ? json.string(key) : "–";
		}
		catch (IOException e) {
			try {
				return String.valueOf(json.integer(key));
			}
			catch (IOException | NumberFormatException notNumber) {
				return "–";
			}
		}
	}

	private static String flagText(RunJson json, String key, String text) {
		try {
			return json.bool(key, false) ? text : "";
		}
		catch (IOException e) {
			return "";
		}
	}
}
