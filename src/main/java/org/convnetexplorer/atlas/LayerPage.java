package org.convnetexplorer.atlas;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.convnetexplorer.results.TopkRow;

/**
 * A layer's page: every unit as a tile showing its top patch, which the script sorts (by unit, highest activation or
 * the number of images it fires on) and filters (units that never fire) from each tile's data attributes.
 */
final class LayerPage {

	private LayerPage() {}

	static void write(AtlasLayer layer, int k, Path file) throws IOException {
		Page page = new Page(layer.name + " — ConvNet Explorer atlas", 1, "layer");
		page.trail(layer.name);
		int silent = layer.units - layer.firing();
		page.raw("<header><h1 class=\"layer-name\">").text(layer.name).raw("</h1>\n<p class=\"lead\">" + layer.units +
			" units, each shown by the patch that made it fire most. Open a unit for its " + k + " top patches.</p>")
			.raw("</header>\n<form class=\"controls\" onsubmit=\"return false\">\n<label>Sort by <select id=\"sort\">" +
				"<option value=\"unit\">unit number</option><option value=\"top\">highest activation</option>" +
				"<option value=\"fires\">images it fires on</option></select></label>\n" +
				"<label><input type=\"checkbox\" id=\"hide-silent\" checked> hide units that never fire (" + silent +
				")</label>\n</form>\n");
		if (layer.noPatches != null) page.element("p", "warning", "No patches: " + layer.noPatches);
		page.raw("<p class=\"note\">Images a unit fires on: of the images scanned, counted up to k = " + k +
			" (the run keeps the top " + k + " only); \"" + k + "+\" means at least " + k + ".</p>\n");
		page.raw("<ol class=\"units\" id=\"units\">\n");
		for (int unit = 0; unit < layer.units; unit++)
			tile(page, layer, unit, k);
		page.raw("</ol>\n");
		page.write(file);
	}

	private static void tile(Page page, AtlasLayer layer, int unit, int k) {
		List<TopkRow> rows = layer.rows(unit);
		float top = rows.isEmpty() ? 0 : rows.get(0).activation;
		page.raw("<li class=\"unit" + (rows.isEmpty() ? " silent" : "") + "\" data-unit=\"" + unit + "\" data-top=\"" +
			top + "\" data-fires=\"" + rows.size() + "\"><a href=\"" + Html.url(Addresses.unitPage(unit)) + "\">");
		if (rows.isEmpty() || layer.noPatches != null) page.raw("<span class=\"thumb empty\"></span>");
		else page.raw("<span class=\"thumb\" role=\"img\" aria-label=\"top patch of unit " + unit + "\" style=\"" +
			UnitPage.cellStyle(Addresses.patches(unit), 0, rows.size()) + "\"></span>");
		page.raw("<span class=\"label\"><b>" + unit + "</b> " + (rows.isEmpty() ? "" : "max " +
			String.format(Locale.ROOT, "%.3g", top)) + "</span><span class=\"label\">" + (rows.isEmpty() ? "never fires"
				: "fires on " + (rows.size() >= k ? k + "+" : String.valueOf(rows.size()))) + "</span></a></li>\n");
	}
}
