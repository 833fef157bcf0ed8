"""Case-file reviews: XLSForm-style templates, answers read through their skip logic, "N of M"
results with intervals, and agreement between reviewers."""
