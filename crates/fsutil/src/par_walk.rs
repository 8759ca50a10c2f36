//! `par_walk`: the same directory listing and filtering as `walk`, spread over rayon's threads (one task per
//! directory), for large trees where order does not matter; and a [`Summary`] (directories, files, bytes)
//! built on it.

use crate::walk::{DirId, Listing, Options, WalkError, WalkStep, dir_id, list_dir};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Starts a parallel walk of `top` on the current rayon pool (the global one, or the pool whose
/// [`install`](rayon::ThreadPool::install) it runs in). Steps arrive in no particular order, each
/// directory's `dirnames`/`filenames` as [`walk`](crate::walk) would list them.
///
/// ```
/// # let tmp = tempfile::tempdir()?;
/// # let top = tmp.path();
/// # fsutil::makedirs(top.join("a/b"), false)?;
/// # std::fs::write(top.join("a/one.txt"), "12345")?;
/// # std::fs::write(top.join("a/b/two.txt"), "123")?;
/// let summary = fsutil::par_walk(top).summary();
/// assert_eq!((summary.dirs, summary.files, summary.bytes), (3, 2, 8));
/// println!("{summary}"); // 3 directories, 2 files, 8 bytes
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn par_walk(top: impl AsRef<Path>) -> ParWalk {
    ParWalk {
        top: top.as_ref().to_path_buf(),
        opts: Options::default(),
    }
}

/// A parallel walk, configured; see [`par_walk`].
#[derive(Debug, Clone)]
pub struct ParWalk {
    top: PathBuf,
    opts: Options,
}

/// The steps and errors of a [`ParWalk::collect`], steps sorted by `dirpath`.
#[derive(Debug, Default)]
pub struct Collected {
    /// Every directory listed, sorted by path.
    pub steps: Vec<WalkStep>,
    /// What could not be listed, in no particular order.
    pub errors: Vec<WalkError>,
}

/// What a walk found: printable (`{summary}`) and the numbers one by one.
#[derive(Debug, Default)]
pub struct Summary {
    /// Directories: `top` and every name in a `dirnames` (symlinks to directories included).
    pub dirs: u64,
    /// Every name in a `filenames`.
    pub files: u64,
    /// The apparent size (`lstat`'s `st_size`) of all `filenames`; a symlink counts as the link itself.
    pub bytes: u64,
    /// Directories that could not be listed (and loops not followed).
    pub errors: Vec<WalkError>,
}

impl Summary {
    /// Directories and files together: the number of entries in the tree, `top` included.
    pub fn entries(&self) -> u64 {
        self.dirs + self.files
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let dirs = count(self.dirs, "directory", "directories");
        let files = count(self.files, "file", "files");
        write!(f, "{dirs}, {files}, {}", human_bytes(self.bytes))?;
        match self.errors.len() {
            0 => Ok(()),
            1 => write!(f, " (1 directory could not be listed: {})", self.errors[0]),
            n => write!(
                f,
                " ({n} directories could not be listed; first: {})",
                self.errors[0]
            ),
        }
    }
}

fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if bytes == 1 {
        return "1 byte".into();
    }
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {} ({bytes} bytes)", UNITS[unit])
}

impl ParWalk {
    /// Descend into symbolic links to directories too, with the loop protection of
    /// [`Walk::followlinks`](crate::Walk::followlinks).
    pub fn followlinks(mut self, followlinks: bool) -> Self {
        self.opts.followlinks = followlinks;
        self
    }

    /// Sort `dirnames` and `filenames` in every step (the steps themselves still arrive in any order).
    pub fn sort(mut self, sort: bool) -> Self {
        self.opts.sort = sort;
        self
    }

    /// Do not list directories deeper than `depth` below `top`.
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.opts.max_depth = Some(depth);
        self
    }

    /// Keep only the subdirectories for which `keep(full path)` is true, as
    /// [`Walk::filter_dir`](crate::Walk::filter_dir). It runs on several threads at once.
    pub fn filter_dir(mut self, keep: impl Fn(&Path) -> bool + Send + Sync + 'static) -> Self {
        self.opts.filter_dir = Some(Arc::new(keep));
        self
    }

    /// Calls `visit` for every directory (or error), on rayon's threads, in no particular order; returns when
    /// the whole tree has been visited.
    pub fn for_each<F>(&self, visit: F)
    where
        F: Fn(Result<WalkStep, WalkError>) + Sync + Send,
    {
        self.run(false, &|result| visit(result.map(|listing| listing.step)));
    }

    /// Every step and error, steps sorted by `dirpath`.
    pub fn collect(&self) -> Collected {
        let steps = Mutex::new(Vec::new());
        let errors = Mutex::new(Vec::new());
        self.run(false, &|result| match result {
            Ok(listing) => steps
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(listing.step),
            Err(err) => errors
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(err),
        });
        let mut steps = steps.into_inner().unwrap_or_else(PoisonError::into_inner);
        steps.sort_unstable_by(|a, b| a.dirpath.cmp(&b.dirpath));
        Collected {
            steps,
            errors: errors.into_inner().unwrap_or_else(PoisonError::into_inner),
        }
    }

    /// Counts directories, files and bytes (an `lstat` per file, run in parallel too).
    pub fn summary(&self) -> Summary {
        let dirs = AtomicU64::new(0);
        let files = AtomicU64::new(0);
        let bytes = AtomicU64::new(0);
        let errors = Mutex::new(Vec::new());
        self.run(true, &|result| match result {
            Ok(listing) => {
                dirs.fetch_add(listing.step.dirnames.len() as u64, Ordering::Relaxed);
                files.fetch_add(listing.step.filenames.len() as u64, Ordering::Relaxed);
                bytes.fetch_add(listing.bytes, Ordering::Relaxed);
            }
            Err(err) => errors
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(err),
        });
        // `top` is a directory of the tree too, when it could be listed.
        let errors = errors.into_inner().unwrap_or_else(PoisonError::into_inner);
        let top_listed = !errors
            .iter()
            .any(|e| matches!(e, WalkError::ReadDir { path, .. } if *path == self.top));
        Summary {
            dirs: dirs.into_inner() + u64::from(top_listed),
            files: files.into_inner(),
            bytes: bytes.into_inner(),
            errors,
        }
    }

    fn run(&self, sizes: bool, visit: &(dyn Fn(Result<Listing, WalkError>) + Sync)) {
        let job = Job {
            opts: &self.opts,
            sizes,
            visit,
        };
        rayon::scope(|scope| job.visit_dir(scope, self.top.clone(), 0, None));
    }
}

/// The ancestors of a directory being walked with `followlinks`: a chain shared by its subtree's tasks.
struct Ancestor {
    id: DirId,
    path: PathBuf,
    parent: Option<Arc<Ancestor>>,
}

#[derive(Clone, Copy)]
struct Job<'a> {
    opts: &'a Options,
    sizes: bool,
    visit: &'a (dyn Fn(Result<Listing, WalkError>) + Sync),
}

impl<'a> Job<'a> {
    fn visit_dir(
        self,
        scope: &rayon::Scope<'a>,
        dirpath: PathBuf,
        depth: usize,
        parent: Option<Arc<Ancestor>>,
    ) {
        let ancestors = if self.opts.followlinks {
            match self.enter(&dirpath, parent) {
                Ok(chain) => Some(chain),
                Err(err) => return (self.visit)(Err(err)),
            }
        } else {
            None
        };
        let listing = match list_dir(dirpath, depth, self.opts, self.sizes) {
            Ok(listing) => listing,
            Err(err) => return (self.visit)(Err(err)),
        };
        if self.opts.descends_below(depth) {
            let step = &listing.step;
            for (name, &is_link) in step.dirnames.iter().zip(&listing.dir_is_link) {
                if self.opts.followlinks || !is_link {
                    let child = step.dirpath.join(name);
                    let chain = ancestors.clone();
                    scope.spawn(move |scope| self.visit_dir(scope, child, depth + 1, chain));
                }
            }
        }
        (self.visit)(Ok(listing));
    }

    /// Adds `dirpath` to its ancestors' chain, or reports the loop it closes.
    fn enter(
        &self,
        dirpath: &Path,
        parent: Option<Arc<Ancestor>>,
    ) -> Result<Arc<Ancestor>, WalkError> {
        let id = dir_id(dirpath).map_err(|source| WalkError::ReadDir {
            path: dirpath.to_path_buf(),
            source,
        })?;
        let mut cursor = parent.as_deref();
        while let Some(ancestor) = cursor {
            if ancestor.id == id {
                return Err(WalkError::Loop {
                    path: dirpath.to_path_buf(),
                    ancestor: ancestor.path.clone(),
                });
            }
            cursor = ancestor.parent.as_deref();
        }
        Ok(Arc::new(Ancestor {
            id,
            path: dirpath.to_path_buf(),
            parent,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes_read_at_a_glance() {
        assert_eq!(human_bytes(0), "0 bytes");
        assert_eq!(human_bytes(1023), "1023 bytes");
        assert_eq!(human_bytes(1536), "1.5 KiB (1536 bytes)");
        assert_eq!(
            human_bytes(5 * 1024 * 1024 * 1024),
            "5.0 GiB (5368709120 bytes)"
        );
    }
}
