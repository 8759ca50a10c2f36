//! Python's `dir` and `help` for evalx values and for Rust types that opt in. (Not yet implemented: its issue fills it in.)
