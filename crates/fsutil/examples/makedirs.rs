//! The seed's `os.makedirs` section in Rust: `makedirs(path, exist_ok)` creates every missing folder along
//! the path; when the path exists, `exist_ok = true` does nothing and `exist_ok = false` is an "already
//! exists" error. It replaces `if not os.path.exists(path): os.mkdir(path)` (which races with other
//! processes and cannot create parents). Then it walks what it made, as `os.walk`, and prints a summary.
//!
//! `cargo run -p fsutil --example makedirs [DIR]` (a temporary directory when DIR is not given).

use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tmp;
    let base = match std::env::args_os().nth(1) {
        Some(dir) => PathBuf::from(dir),
        None => {
            tmp = tempfile::tempdir()?;
            tmp.path().to_path_buf()
        }
    };
    let path = base.join("data/2024/06/raw");

    // os.makedirs(path, exist_ok=False): creates data, data/2024, data/2024/06 and data/2024/06/raw.
    fsutil::makedirs(&path, false)?;
    println!("created {}", path.display());

    // The path exists now: exist_ok=True does nothing ...
    fsutil::makedirs(&path, true)?;
    println!("makedirs(exist_ok=true) again: nothing to do");

    // ... and exist_ok=False is the "already exists" error, naming the path and saying what to do.
    match fsutil::makedirs(&path, false) {
        Ok(()) => println!("unexpected: no error"),
        Err(err) => println!("makedirs(exist_ok=false) again: error: {err}"),
    }

    // A mode for the leaf only, as Python's mode argument (the umask still applies).
    fsutil::Makedirs::new()
        .mode(0o700)
        .exist_ok(true)
        .create(base.join("data/private"))?;
    for (i, name) in ["a.csv", "b.csv"].iter().enumerate() {
        std::fs::write(path.join(name), "x,y\n".repeat(i + 1))?;
    }

    // for dirpath, dirnames, filenames in os.walk(base): ...
    println!("\nos.walk-style listing:");
    for step in fsutil::walk(&base).sort(true) {
        let step = step?;
        let shown = Path::new(".").join(step.dirpath.strip_prefix(&base).unwrap_or(&step.dirpath));
        println!(
            "  {:<22} dirs={:?} files={:?}",
            shown.display(),
            step.dirnames,
            step.filenames
        );
    }

    let summary = fsutil::par_walk(&base).summary();
    println!("\ntree summary: {summary}");
    Ok(())
}
