//! Python's `os.makedirs` with its exact semantics, `os.walk`, and a parallel walk with a summary.
//!
//! ```
//! # let tmp = tempfile::tempdir()?;
//! # let top = tmp.path();
//! fsutil::makedirs(top.join("logs/2024/06"), true)?;        // os.makedirs(..., exist_ok=True)
//! std::fs::write(top.join("logs/2024/06/app.log"), "hello")?;
//!
//! for step in fsutil::walk(top).sort(true) {                // for dirpath, dirnames, filenames in os.walk(top)
//!     let step = step?;
//!     println!("{} {:?} {:?}", step.dirpath.display(), step.dirnames, step.filenames);
//! }
//! let summary = fsutil::par_walk(top).summary();            // on rayon's threads
//! assert_eq!((summary.dirs, summary.files, summary.bytes), (4, 1, 5));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # `makedirs`
//! [`makedirs`] is CPython 3.11's algorithm ported step for step, so every path does what it does in Python,
//! including where `std::fs::create_dir_all` differs: an existing leaf is an error unless `exist_ok`, `''` is
//! `NotFound`, `'n/.'` creates `n`, `'n/..'` creates `n` and then fails without `exist_ok`, a dangling symlink
//! as parent is `NotFound`, and [`Makedirs::mode`] applies to the leaf only (parents get `0o777`), both less the
//! umask. Concurrent calls creating overlapping trees all succeed with `exist_ok` (from any number of threads
//! and processes). Errors ([`MakedirsError`]) name the path whose `mkdir` failed — possibly a parent — and say
//! what to do; [`MakedirsError::raw_os_error`] gives the errno Python's exception would carry.
//!
//! # `walk`
//! [`walk`] yields [`WalkStep`]s — `(dirpath, dirnames, filenames)` — in `os.walk`'s order: top-down by default
//! (prune by editing `dirnames` through [`Walk::next_step`], each directory listed with one `read_dir`) or
//! bottom-up (streamed from walkdir, one open per directory; see [`Walk::topdown`]). Symlinks are classified as
//! `os.walk` does (a link to a directory is in `dirnames`, a dangling one in `filenames`) and followed only with
//! [`Walk::followlinks`], which also stops at loops (or, with [`Loops::OsWalk`], goes round them until `ELOOP`
//! exactly as `os.walk` does). Top-down without `followlinks`, each subdirectory is checked with `lstat` just
//! before it is listed, as `os.walk` checks `islink`, so a directory replaced by a symlink between steps is not
//! walked through. Names are `OsString`s: names that are not UTF-8 survive.
//! Errors come back as `Err` items, or go to [`Walk::onerror`] as Python's `onerror` argument.
//!
//! # `par_walk`
//! [`par_walk`] lists the same directories with the same options on rayon's threads (one task per directory)
//! and hands each step to a closure ([`ParWalk::for_each`]), collects them ([`ParWalk::collect`]) or counts
//! them ([`ParWalk::summary`]). Run it inside [`rayon::ThreadPool::install`] to choose the number of threads.
//!
//! Unix only: paths are handled as bytes, as Python's `posixpath` does.

#[cfg(not(unix))]
compile_error!(
    "fsutil supports Unix only: it works on paths as bytes and on Unix modes, as Python's posixpath does"
);

mod bottom_up;
mod makedirs;
mod par_walk;
mod walk;

pub use makedirs::{Existing, Makedirs, MakedirsError, makedirs};
pub use par_walk::{Collected, ParWalk, Summary, par_walk};
pub use walk::{Loops, Walk, WalkError, WalkStep, walk};

/// The README's example, compiled and run as a doctest so that it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
