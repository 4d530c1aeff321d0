/**
 * The web atlas of a run: static pages (index, layer, unit) and images that open from the disk or any web server.
 */
package org.convnetexplorer.atlas;
