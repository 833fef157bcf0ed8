"""Charts drawn offline (Altair to Vega-Lite to SVG, by vl-convert): no browser or network needed."""
