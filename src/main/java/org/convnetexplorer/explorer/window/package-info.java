/**
 * The explorer window: Swing views over {@link org.convnetexplorer.explorer.ExplorerModel}, one window per run; long
 * work (projections, occlusion) off the event thread, with progress and Stop.
 */
package org.convnetexplorer.explorer.window;
