/**
 * Deconvnet projections (Zeiler & Fergus) of a scan's winning patches through the built-in AlexNet.
 */
package org.convnetexplorer.deconv;
