//! Cross-crate scenarios live in `tests/tests/`; this library is empty on purpose.

/// The root README's snippets are compiled (and, where they touch no files, windows or processes, run)
/// as doctests, so the front page cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct RootReadme;
