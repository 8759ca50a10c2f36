//! Golden pages of Rust types (`tests/golden/rust/*.txt`). They are recorded from the renderer with
//! `INTROSPECT_BLESS=1 cargo test -p introspect` and reviewed against rustdoc's page for the same types
//! (same members, same signatures: `python3 tests/golden/rustdoc_check.py`, see the README).

/// Compares `actual` with the golden page `name`, or records it when `INTROSPECT_BLESS` is set.
pub fn assert_golden(name: &str, actual: &str) {
    let path = format!(
        "{}/tests/golden/rust/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("INTROSPECT_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap_or_else(|e| panic!("writing {path}: {e}"));
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    if actual != expected {
        panic!("{name} differs from {path}.\n--- expected\n{expected}\n--- actual\n{actual}\n---");
    }
}
