"""GIS data exchange: files in and out, coordinate systems, export profiles, symbology."""
