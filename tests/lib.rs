//! Cross-crate scenarios live in `tests/tests/`; this library is empty on purpose.
