package org.convnetexplorer.atlas;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Text from the run folder (image names, layer names, file paths) made safe for HTML: escaped as text or attribute
 * values, and percent-encoded where it becomes part of an address.
 */
final class Html {

	private Html() {}

	/** Text or a quoted attribute value: {@code & < > " '} escaped, control characters dropped. */
	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '&': out.append("&amp;"); break;
			case '<': out.append("&lt;"); break;
			case '>': out.append("&gt;"); break;
			case '"': out.append("&quot;"); break;
			case '\'': out.append("&#39;"); break;
			default:
				if (c >= 0x20 && c != 0x7f || c == '\t') out.append(c);
			}
		}
		return out.toString();
	}

	/** A relative address from path segments, each percent-encoded (so '/', '?', '#' and spaces in them stay names). */
	static String url(String... segments) {
		StringBuilder out = new StringBuilder();
		for (String segment : segments) {
			if (out.length() > 0) out.append('/');
			out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return out.toString();
	}
}
