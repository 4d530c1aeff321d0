/**
 * What both ImageJ front ends share: the result windows, the status bar, and the menu of an ImageJ that {@code show}
 * starts.
 */
package org.convnetexplorer.imagej;
