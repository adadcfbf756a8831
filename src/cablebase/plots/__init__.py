"""Charts of a query's cables: the counts behind them (``data``), where posts are (``places``),
and pictures drawn with matplotlib (``draw``) for ``cablebase plot``.

The web app draws the same counts in the browser (``web/routes_charts.py``).
"""
