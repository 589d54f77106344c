"""Timings of every stage of the pipeline, and of a peer tool on the same pages."""
