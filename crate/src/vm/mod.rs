//! The interpreter over typed, bounds-checked memory regions.
