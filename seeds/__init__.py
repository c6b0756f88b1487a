"""The seed articles, shipped with the package so that `eventdb demo` works from a wheel."""
