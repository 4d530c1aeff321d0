package org.convnetexplorer.atlas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One HTML page being written: the frame every page shares (head with the stylesheet and script, a trail of links
 * back to the index) around a body built with escaped text. Pages refer to everything relatively, so the atlas works
 * from the disk and from any web server, in any folder.
 */
final class Page {

	private final StringBuilder html = new StringBuilder(16_384);
	/** "" for the index, "../" for pages in a layer's folder. */
	private final String up;

	/**
	 * @param depth folders between the page and the atlas's root
	 * @param pageClass the body's class, which selects the script's behaviour (index, layer, unit)
	 */
	Page(String title, int depth, String pageClass) {
		up = "../".repeat(depth);
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<meta name=\"generator\" content=\"ConvNet Explorer\">\n")
			.append("<title>").append(Html.escape(title)).append("</title>\n")
			.append("<link rel=\"stylesheet\" href=\"").append(up).append(Addresses.ASSETS).append("/atlas.css\">\n")
			.append("<script src=\"").append(up).append(Addresses.ASSETS).append("/atlas.js\" defer></script>\n")
			.append("</head>\n<body class=\"").append(pageClass).append("\">\n");
	}

	/** The address of a file relative to the atlas's root, as seen from this page; segments percent-encoded. */
	String root(String... segments) {
		return up + Html.url(segments);
	}

	/** Raw markup: only for text this class's callers composed, never for text from files. */
	Page raw(String markup) {
		html.append(markup);
		return this;
	}

	/** Text, escaped. */
	Page text(String text) {
		html.append(Html.escape(text));
		return this;
	}

	/** {@code <tag class="cls">text</tag>}, the text escaped. */
	Page element(String tag, String cls, String text) {
		html.append('<').append(tag);
		if (cls != null) html.append(" class=\"").append(cls).append('"');
		html.append('>').append(Html.escape(text)).append("</").append(tag).append(">\n");
		return this;
	}

	/** {@code <a href="...">text</a>}: an address made by {@link #root} or {@link Html#url}, the text escaped. */
	Page link(String href, String text) {
		html.append("<a href=\"").append(Html.escape(href)).append("\">").append(Html.escape(text)).append("</a>");
		return this;
	}

	/** The trail at the top of the page: the atlas, then the links given (address, text pairs), then the page. */
	Page trail(String here, String... links) {
		html.append("<nav class=\"trail\">");
		link(root(Addresses.INDEX), "Atlas");
		for (int i = 0; i < links.length; i += 2) {
			html.append(" <span class=\"sep\">›</span> ");
			link(links[i], links[i + 1]);
		}
		html.append(" <span class=\"sep\">›</span> <span class=\"here\">").append(Html.escape(here))
			.append("</span></nav>\n");
		return this;
	}

	void write(Path file) throws IOException {
		html.append("<footer>Made by ConvNet Explorer: static files, nothing fetched from elsewhere.</footer>\n")
			.append("</body>\n</html>\n");
		Files.write(file, html.toString().getBytes(StandardCharsets.UTF_8));
	}
}
