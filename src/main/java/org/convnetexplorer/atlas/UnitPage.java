package org.convnetexplorer.atlas;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.convnetexplorer.geometry.Box;
import org.convnetexplorer.results.TopkRow;

/**
 * A unit's page: its top patches in rank order, each with its activation, image name and where the maximum was, its
 * deconvnet projection where the run has one, and its field drawn on a small copy of the whole image; clicking a
 * patch shows the image larger with the box and the maximum's position.
 */
final class UnitPage {

	private UnitPage() {}

	static void write(AtlasLayer layer, int unit, int k, WholeImages whole, Path file) throws IOException {
		List<TopkRow> rows = layer.rows(unit);
		Page page = new Page(layer.name + " unit " + unit + " — ConvNet Explorer atlas", 1, "unit");
		page.trail("unit " + unit, Html.url(Addresses.INDEX), layer.name);
		page.raw("<header><h1><span class=\"layer-name\">").text(layer.name).raw("</span> · unit " + unit + "</h1>\n");
		page.raw("<p class=\"lead\">").text(rows.isEmpty() ? "This unit never fired on a scanned image."
			: "The " + (rows.size() == 1 ? "image" : rows.size() + " images") + " that made unit " + unit +
				" fire most" + (rows.size() < k ? " (it fired on no other)" : "") +
				", and in each the patch it sees. Click a patch to see it in its image.").raw("</p>\n");
		if (!rows.isEmpty()) page.raw("<p class=\"note\">Activation: the unit's largest response anywhere in the " +
			"image. The box: the part of the image that response sees (the unit's receptive field there), which is " +
			"what the patch shows; it may reach past the image's border.</p>\n");
		steps(page, unit, layer.units);
		if (layer.visualized.contains(unit)) page.raw("<figure class=\"visualization\"><img src=\"" +
			Html.url(Addresses.visualization(unit)) + "\" alt=\"feature visualisation of unit " + unit + "\">" +
			"<figcaption>What unit " + unit + " responds to most: an image made by optimisation (feature " +
			"visualisation), free of the data's correlations</figcaption></figure>\n");
		page.raw("</header>\n");
		if (layer.noPatches != null) page.element("p", "warning", "No patches: " + layer.noPatches);
		page.raw("<ol class=\"winners" + (layer.projections ? " with-projections" : "") + "\">\n");
		for (TopkRow row : rows)
			winner(page, layer, row, rows.size(), whole.of(row.image));
		page.raw("</ol>\n");
		page.raw("<div id=\"viewer\" hidden><div class=\"viewer-body\"><div class=\"frame\"><img id=\"viewer-image\" " +
			"alt=\"\"><span id=\"viewer-box\" class=\"box\"></span><span id=\"viewer-max\" class=\"max\"></span></div>" +
			"<p id=\"viewer-caption\"></p><button type=\"button\" id=\"viewer-close\">Close (Esc)</button></div></div>\n");
		page.write(file);
	}

	/** Previous and next unit (also ← and → on the keyboard), and back to the layer. */
	private static void steps(Page page, int unit, int units) {
		page.raw("<nav class=\"steps\">");
		if (unit > 0) page.raw("<a id=\"prev\" rel=\"prev\" href=\"" + Html.url(Addresses.unitPage(unit - 1)) +
			"\">← unit " + (unit - 1) + "</a>");
		else page.raw("<span class=\"disabled\">← first unit</span>");
		page.raw("<a id=\"layer\" href=\"" + Addresses.INDEX + "\">all " + units + " units</a>");
		if (unit + 1 < units) page.raw("<a id=\"next\" rel=\"next\" href=\"" + Html.url(Addresses.unitPage(unit + 1)) +
			"\">unit " + (unit + 1) + " →</a>");
		else page.raw("<span class=\"disabled\">last unit →</span>");
		page.raw("</nav>\n");
	}

	private static void winner(Page page, AtlasLayer layer, TopkRow row, int count, WholeImages.WholeImage image) {
		boolean copied = image != null && image.file != null;
		page.raw("<li class=\"winner\" id=\"rank-" + row.rank + "\" data-rank=\"" + row.rank + "\"");
		if (copied) page.raw(" data-src=\"" + page.root(WholeImages.FOLDER, image.file) + "\" data-box=\"" +
			boxPercent(row.box, image) + "\" data-max=\"" + maxPercent(row.box, image) + "\"");
		page.raw(">\n<div class=\"cells\">");
		String open = copied ? "<a class=\"open\" href=\"" + page.root(WholeImages.FOLDER, image.file) +
			"\" title=\"show in its image\">" : "<span>";
		String close = copied ? "</a>" : "</span>";
		if (layer.noPatches == null) page.raw("<figure>" + open + "<span class=\"patch\" role=\"img\" aria-label=\"" +
			"patch of rank " + row.rank + "\" style=\"" + cellStyle(Addresses.patches(row.unit), row.rank - 1, count) +
			"\"></span>" + close + "<figcaption>patch</figcaption></figure>");
		if (layer.projections) page.raw("<figure><span class=\"projection\" role=\"img\" aria-label=\"deconvnet " +
			"projection of rank " + row.rank + "\" style=\"" + cellStyle(Addresses.projections(row.unit), row.rank - 1,
				count) + "\"></span><figcaption>deconvnet projection</figcaption></figure>");
		if (copied) page.raw("<figure class=\"context\">" + open + "<span class=\"frame\"><img src=\"" +
			page.root(WholeImages.FOLDER, image.file) + "\" alt=\"the whole image\" loading=\"lazy\"><span class=\"box\" " +
			"style=\"" + boxStyle(boxPercent(row.box, image)) + "\"></span></span>" + close +
			"<figcaption>in its image</figcaption></figure>");
		page.raw("</div>\n<dl><dt>rank</dt><dd class=\"rank\">" + row.rank + "</dd><dt>activation</dt>" +
			"<dd class=\"activation\">" + row.activation + "</dd><dt>image</dt><dd class=\"image\">").text(row.image)
			.raw("</dd><dt>maximum</dt><dd class=\"where\">feature map row " + row.fy + ", column " + row.fx +
				"; field x " + row.box.x0 + "–" + row.box.x1 + ", y " + row.box.y0 + "–" + row.box.y1 +
				" px</dd></dl>\n");
		if (image != null && image.missing != null) page.element("p", "no-image", "Not shown in its image: " +
			image.missing + ".");
		page.raw("</li>\n");
	}

	/** One cell of a strip of {@code count} cells as a CSS background, scaled to whatever box shows it. */
	static String cellStyle(String strip, int index, int count) {
		double position = count == 1 ? 0 : 100.0 * index / (count - 1);
		return Html.escape("background-image:url(\"" + Html.url(strip) + "\");background-size:" + 100 * count +
			"% 100%;background-position:" + String.format(Locale.ROOT, "%.4f", position) + "% 0");
	}

	/** The field as left, top, width, height in percent of the whole image. */
	private static String boxPercent(Box box, WholeImages.WholeImage image) {
		return String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", 100.0 * box.x0 / image.width,
			100.0 * box.y0 / image.height, 100.0 * box.width() / image.width, 100.0 * box.height() / image.height);
	}

	/** The field's centre, where the unit's maximum is, in percent of the whole image. */
	private static String maxPercent(Box box, WholeImages.WholeImage image) {
		return String.format(Locale.ROOT, "%.4f,%.4f", 50.0 * (box.x0 + box.x1) / image.width,
			50.0 * (box.y0 + box.y1) / image.height);
	}

	private static String boxStyle(String percent) {
		String[] p = percent.split(",");
		return "left:" + p[0] + "%;top:" + p[1] + "%;width:" + p[2] + "%;height:" + p[3] + "%";
	}
}
