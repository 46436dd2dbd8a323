"""The map canvas: reusable Qt items and widgets that draw numpy arrays of assets.

One class per module. Import what you need from its own module, e.g.
``from desktop.map.map_canvas import MapCanvas``.
"""
