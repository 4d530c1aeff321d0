/**
 * What the explorer window shows of a finished run, without a display: layers, units sorted and filtered, a unit's
 * patches and projections, the source image and box of a patch, unit addresses.
 */
package org.convnetexplorer.explorer;
