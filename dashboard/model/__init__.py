"""The pure model layer: view state, transforms and the data each chart shows.

Nothing here imports Dash; every function takes values and returns values, so the
figures, the tables, the CSV downloads and the tests all read the same frames.
"""
