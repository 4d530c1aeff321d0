/**
 * Receptive fields: sliding-window arithmetic per axis, a unit's field, a layer's fields per range of channels, and
 * boxes in the input; nothing of any model format.
 */
package org.convnetexplorer.geometry;
