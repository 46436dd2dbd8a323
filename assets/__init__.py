"""The domain core of XiuCity: asset kinds, the registry (a GeoPackage), history,
ownership confirmation and merge planning. Runs without Qt."""
