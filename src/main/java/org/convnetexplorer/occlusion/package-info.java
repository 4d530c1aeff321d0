/**
 * Occlusion sensitivity (Zeiler & Fergus): a grey square slid over one image, the unit's activation for each
 * position as a map and an overlay; for any layer of any network.
 */
package org.convnetexplorer.occlusion;
