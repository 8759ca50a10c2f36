//! `os.walk` ported, with the two behaviours a port from Python most often depends on:
//!
//! 1. pruning: removing names from `dirnames` keeps the walk out of them (here `.git` and `target`);
//! 2. symlinks: not followed by default, even when a directory is replaced by a link while the walk is
//!    between two steps (the walk re-checks each directory with `lstat` just before listing it, as
//!    `os.walk` does), and with `followlinks` either stopped at loops (`WalkError::Loop`) or followed round
//!    them until `ELOOP` exactly as `os.walk` does (`Loops::OsWalk`).
//!
//! ```python
//! for dirpath, dirnames, filenames in os.walk(top):
//!     dirnames[:] = [d for d in dirnames if d not in (".git", "target")]
//!     print(dirpath, sorted(filenames))
//! ```
//!
//! `cargo run -p fsutil --example walk [DIR]` (a small generated tree when DIR is not given).

use fsutil::{Loops, WalkError, walk};
use std::os::unix::fs::symlink;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tmp;
    let top = match std::env::args_os().nth(1) {
        Some(dir) => PathBuf::from(dir),
        None => {
            tmp = tempfile::tempdir()?;
            let top = tmp.path().to_path_buf();
            for dir in ["src/bin", ".git/objects", "target/debug", "docs"] {
                fsutil::makedirs(top.join(dir), true)?;
            }
            std::fs::write(top.join("src/lib.rs"), "")?;
            std::fs::write(top.join("docs/index.md"), "")?;
            symlink("..", top.join("docs/up"))?; // a loop: docs/up -> top
            top
        }
    };

    println!("-- os.walk(top), pruning .git and target");
    let mut walker = walk(&top).sort(true);
    while let Some(step) = walker.next_step() {
        let step = step?;
        step.dirnames.retain(|d| d != ".git" && d != "target");
        println!("{} {:?}", step.dirpath.display(), step.filenames);
    }

    println!("-- os.walk(top, followlinks=True): loops stop with an error");
    for step in walk(&top).followlinks(true).sort(true) {
        match step {
            Ok(step) => println!("{}", step.dirpath.display()),
            Err(err @ WalkError::Loop { .. }) => println!("stopped: {err}"),
            Err(err) => return Err(err.into()),
        }
    }

    println!("-- the same as os.walk does it: round the loop until ELOOP");
    let steps = walk(&top)
        .followlinks(true)
        .loops(Loops::OsWalk)
        .filter_map(Result::ok)
        .count();
    println!("{steps} steps, the steps os.walk takes on this tree");
    Ok(())
}
