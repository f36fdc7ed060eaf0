"""Developer tools around the pipeline: the benchmark (`python -m factcheck.bench`)
and the corpus evaluation (`python -m factcheck.eval`)."""
