"""Statistics shared by the audits, the reviews and the indicators: intervals, the stratified ratio
estimator, significance tests, sample sizes and agreement between raters.

Generic on purpose: nothing here knows a review question or an indicator, and the audits' crime
groups are just groups of strata. Each module does one job and is imported by its own name.
"""
