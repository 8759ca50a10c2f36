//! `walk`: Python's `os.walk` — `(dirpath, dirnames, filenames)` for every directory, top-down (pruning by
//! editing `dirnames`) or bottom-up, symlinks classified as `os.walk` does, `followlinks` with loop
//! protection, `onerror`, optional sorting — plus the directory listing that `par_walk` shares.
//!
//! Top-down, `os.walk` lists a directory completely before it descends, because the caller may prune
//! `dirnames` in between. walkdir's depth-first stream cannot do that: it opens each subdirectory the moment
//! it yields it (even with `max_depth`, it opens and closes it again), so a top-down os.walk over walkdir would
//! either buffer whole subtrees or open every directory twice. The top-down walker therefore lists each
//! directory itself with one `read_dir`, exactly as `os.walk`'s `scandir` does, and classifies entries from
//! `d_type` without a `stat` except for symlinks. Bottom-up has no pruning, and walkdir's stream fits it: see
//! `bottom_up`, which it runs on unless `filter_dir` or `max_depth` asks that directories be left unopened.
//! The benches compare both with walkdir on the same tree.

use crate::bottom_up::BottomUp;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One directory of a walk: Python's `(dirpath, dirnames, filenames)` tuple, plus its depth (`top` is 0).
///
/// `dirnames` holds every entry that is a directory or a symbolic link to one (as `os.walk`); everything else,
/// dangling symlinks included, is in `filenames`. Names are `OsString`s, so names that are not UTF-8 survive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkStep {
    /// The directory, `top` joined with the names leading to it.
    pub dirpath: PathBuf,
    /// Subdirectories (and symlinks to directories). Top-down, remove names to avoid descending into them.
    pub dirnames: Vec<OsString>,
    /// Everything else in the directory.
    pub filenames: Vec<OsString>,
    /// How deep `dirpath` is below `top` (0 for `top` itself).
    pub depth: usize,
}

impl WalkStep {
    /// `os.path.join(dirpath, name)` for every name in `filenames`.
    ///
    /// ```
    /// # let tmp = tempfile::tempdir()?;
    /// # std::fs::write(tmp.path().join("a.txt"), "")?;
    /// for step in fsutil::walk(tmp.path()) {
    ///     for path in step?.file_paths() {
    ///         assert!(path.ends_with("a.txt"));
    ///     }
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn file_paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.filenames.iter().map(|name| self.dirpath.join(name))
    }

    /// `os.path.join(dirpath, name)` for every name in `dirnames`.
    pub fn dir_paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.dirnames.iter().map(|name| self.dirpath.join(name))
    }
}

/// An error met while walking, naming the path concerned. Like Python's `onerror` argument, a walk reports it
/// and goes on with the rest of the tree.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WalkError {
    /// A directory could not be opened or read (it is left out of the walk, as in `os.walk`).
    #[error("cannot list directory {path:?}: {}", hint(source))]
    ReadDir {
        /// The directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// With `followlinks`, a symbolic link leads back to one of its own ancestors; it is listed in `dirnames`
    /// but not descended into, so the walk ends.
    #[error(
        "not descending into {path:?}: it leads back to its ancestor {ancestor:?} (a file system loop)"
    )]
    Loop {
        /// The symbolic link (or directory) that closes the loop.
        path: PathBuf,
        /// The ancestor it is the same directory as.
        ancestor: PathBuf,
    },
}

impl WalkError {
    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::ReadDir { path, .. } | Self::Loop { path, .. } => path,
        }
    }

    /// The underlying I/O error, when there is one.
    pub fn io_error(&self) -> Option<&io::Error> {
        match self {
            Self::ReadDir { source, .. } => Some(source),
            Self::Loop { .. } => None,
        }
    }
}

impl From<WalkError> for io::Error {
    fn from(err: WalkError) -> Self {
        let kind = err.io_error().map_or(io::ErrorKind::Other, io::Error::kind);
        io::Error::new(kind, err)
    }
}

/// What a walk with `followlinks` does at a symbolic link that leads back to one of its own ancestors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Loops {
    /// Report [`WalkError::Loop`] and do not descend (the link stays in `dirnames`): each directory is walked
    /// once per path, and the walk ends.
    #[default]
    Stop,
    /// Do what `os.walk` does: no loop check, so the walk goes round the loop, one level deeper each time
    /// (`a/l/a/l/…`), until the operating system refuses to resolve the path (`ELOOP`: Linux follows at most
    /// 40 symbolic links in one path). `stat` then fails for the link, so the deepest step lists it in
    /// `filenames`, as `os.walk`'s `DirEntry.is_dir()` does, and nothing is reported. For porting a Python
    /// program whose output must stay the same; the cost is os.walk's too: about 40 rounds of the loop, and
    /// with two links into the same loop twice as many steps per level (2^40 in all), which never ends in
    /// practice.
    OsWalk,
}

fn hint(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::PermissionDenied => {
            format!("{err}; this user may not read it (check its mode and owner)")
        }
        io::ErrorKind::NotFound => {
            format!("{err}; it does not exist (or was removed during the walk)")
        }
        _ => err.to_string(),
    }
}

/// A predicate deciding, from its full path, whether a subdirectory is kept (listed in `dirnames` and walked).
pub(crate) type DirFilter = Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// The options `walk` and `par_walk` share.
#[derive(Clone, Default)]
pub(crate) struct Options {
    pub followlinks: bool,
    pub sort: bool,
    pub max_depth: Option<usize>,
    pub filter_dir: Option<DirFilter>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("followlinks", &self.followlinks)
            .field("sort", &self.sort)
            .field("max_depth", &self.max_depth)
            .field(
                "filter_dir",
                &self.filter_dir.as_ref().map(|_| "Fn(&Path) -> bool"),
            )
            .finish()
    }
}

impl Options {
    /// Whether the children of a directory at `depth` are walked.
    pub fn descends_below(&self, depth: usize) -> bool {
        self.max_depth.is_none_or(|max| depth < max)
    }
}

/// The identity of a directory (device and inode), for loop detection.
pub(crate) type DirId = (u64, u64);

pub(crate) fn dir_id(path: &Path) -> io::Result<DirId> {
    let meta = fs::metadata(path)?;
    Ok((meta.dev(), meta.ino()))
}

/// One directory, listed: the step to hand out, which subdirectories are symlinks, and the apparent size of
/// its non-directory entries (only when asked for, as it costs an `lstat` each).
pub(crate) struct Listing {
    pub step: WalkStep,
    /// Parallel to `step.dirnames`: whether each is a symbolic link (to a directory).
    pub dir_is_link: Vec<bool>,
    pub bytes: u64,
}

/// Lists `dirpath` as `os.walk`'s scandir loop does: an entry goes to `dirnames` when it is a directory or a
/// symlink to one (a `stat` only for symlinks), anything else to `filenames`. An error while opening or
/// reading drops the directory, as `os.walk` does.
pub(crate) fn list_dir(
    dirpath: PathBuf,
    depth: usize,
    opts: &Options,
    sizes: bool,
) -> Result<Listing, WalkError> {
    let read = |source| WalkError::ReadDir {
        path: dirpath.clone(),
        source,
    };
    let mut dirnames = Vec::new();
    let mut dir_is_link = Vec::new();
    let mut filenames = Vec::new();
    let mut bytes = 0;
    for entry in fs::read_dir(&dirpath).map_err(read)? {
        let entry = entry.map_err(read)?;
        let name = entry.file_name();
        let file_type = entry.file_type();
        let (is_dir, is_link) = match &file_type {
            Ok(t) if t.is_dir() => (true, false),
            Ok(t) if t.is_symlink() => (fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()), true),
            Ok(_) => (false, false),
            // `DirEntry.is_dir()` raising OSError counts as "not a directory" in os.walk.
            Err(_) => (false, false),
        };
        if is_dir {
            if let Some(filter) = &opts.filter_dir {
                if !filter(&dirpath.join(&name)) {
                    continue;
                }
            }
            dirnames.push(name);
            dir_is_link.push(is_link);
        } else {
            if sizes {
                bytes += entry.metadata().map_or(0, |m| m.len());
            }
            filenames.push(name);
        }
    }
    if opts.sort {
        sort_together(&mut dirnames, &mut dir_is_link);
        filenames.sort_unstable();
    }
    Ok(Listing {
        step: WalkStep {
            dirpath,
            dirnames,
            filenames,
            depth,
        },
        dir_is_link,
        bytes,
    })
}

fn sort_together(names: &mut Vec<OsString>, flags: &mut Vec<bool>) {
    let mut pairs: Vec<(OsString, bool)> = names.drain(..).zip(flags.drain(..)).collect();
    pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, flag) in pairs {
        names.push(name);
        flags.push(flag);
    }
}

/// Starts an `os.walk` of `top`: top-down, symlinks to directories listed but not followed, errors returned
/// as `Err` items (set [`Walk::onerror`] to handle them as Python's `onerror` does), readdir order.
///
/// ```
/// # let tmp = tempfile::tempdir()?;
/// # let top = tmp.path();
/// # fsutil::makedirs(top.join("src/bin"), false)?;
/// # fsutil::makedirs(top.join(".git/objects"), false)?;
/// # std::fs::write(top.join("src/lib.rs"), "")?;
/// let mut walker = fsutil::walk(top).sort(true);
/// let mut seen = Vec::new();
/// while let Some(step) = walker.next_step() {
///     let step = step?;
///     step.dirnames.retain(|name| name != ".git"); // pruned: never descended into
///     seen.push((step.dirpath.strip_prefix(top)?.to_owned(), step.filenames.clone()));
/// }
/// assert_eq!(seen.len(), 3); // top, src, src/bin
/// assert_eq!(seen[1], ("src".into(), vec!["lib.rs".into()]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn walk(top: impl AsRef<Path>) -> Walk {
    Walk::new(top)
}

/// An `os.walk` in progress; see [`walk`]. It is an [`Iterator`] of owned [`WalkStep`]s; to prune top-down by
/// editing `dirnames`, use [`next_step`](Walk::next_step) instead.
pub struct Walk {
    opts: Options,
    top: Option<PathBuf>,
    topdown: bool,
    onerror: Option<Box<dyn FnMut(WalkError) + Send>>,
    /// With `followlinks`: stop at loops or go round them as `os.walk` does.
    loops: Loops,
    /// Top-down: directories still to list (last = next), with their depth.
    pending: Vec<(PathBuf, usize)>,
    /// Top-down: the step handed out by `next_step`, whose (edited) `dirnames` say where to go next.
    lent: Option<Listing>,
    /// Bottom-up with `filter_dir` or `max_depth`: the chain of directories being listed, each with the
    /// children still to walk.
    frames: Vec<Frame>,
    /// Bottom-up otherwise: the walk streamed from walkdir.
    streamed: Option<BottomUp>,
    /// With `followlinks`: the identities of the directories from `top` down to the current one.
    ancestors: Vec<(DirId, PathBuf)>,
}

struct Frame {
    step: WalkStep,
    children: std::vec::IntoIter<PathBuf>,
}

impl std::fmt::Debug for Walk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Walk")
            .field("opts", &self.opts)
            .field("topdown", &self.topdown)
            .field(
                "onerror",
                &self.onerror.as_ref().map(|_| "FnMut(WalkError)"),
            )
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

impl Walk {
    /// See [`walk`].
    pub fn new(top: impl AsRef<Path>) -> Self {
        Walk {
            opts: Options::default(),
            top: Some(top.as_ref().to_path_buf()),
            topdown: true,
            onerror: None,
            loops: Loops::Stop,
            pending: Vec::new(),
            lent: None,
            frames: Vec::new(),
            streamed: None,
            ancestors: Vec::new(),
        }
    }

    /// `topdown=False`: each directory comes after all of its subdirectories (pruning has no effect then).
    ///
    /// The walk streams from walkdir, one open and one pass per directory (with [`filter_dir`](Walk::filter_dir)
    /// or [`max_depth`](Walk::max_depth), it lists each directory itself, as top-down does, so that walkdir
    /// does not open the directories they leave out). A directory is read while its subdirectories are walked,
    /// so a name created in it meanwhile may appear in its step, where `os.walk` (which lists it first) would
    /// not show it; and when reading a directory fails part-way, the subdirectories read before the failure
    /// have been walked already (`os.walk` walks none).
    ///
    /// ```
    /// # let tmp = tempfile::tempdir()?;
    /// # let top = tmp.path();
    /// # fsutil::makedirs(top.join("a/b"), false)?;
    /// # std::fs::write(top.join("a/b/f.txt"), "")?;
    /// // rm -r, os.walk(topdown=False) style: a directory is empty when its step comes.
    /// for step in fsutil::walk(top.join("a")).topdown(false) {
    ///     let step = step?;
    ///     for file in step.file_paths() {
    ///         std::fs::remove_file(file)?;
    ///     }
    ///     std::fs::remove_dir(&step.dirpath)?;
    /// }
    /// assert!(!top.join("a").exists());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn topdown(mut self, topdown: bool) -> Self {
        self.topdown = topdown;
        self
    }

    /// Descend into symbolic links to directories too. A link back to one of its ancestors is reported as
    /// [`WalkError::Loop`] and not followed (`os.walk` would recurse until the OS refuses the path; see
    /// [`loops`](Walk::loops) to do that too).
    pub fn followlinks(mut self, followlinks: bool) -> Self {
        self.opts.followlinks = followlinks;
        self
    }

    /// With [`followlinks`](Walk::followlinks): what to do at a symbolic link back to an ancestor.
    /// [`Loops::Stop`] (the default) reports [`WalkError::Loop`]; [`Loops::OsWalk`] reproduces `os.walk`'s
    /// steps exactly, going round the loop until `ELOOP` and then listing the link as a file.
    ///
    /// ```
    /// # let tmp = tempfile::tempdir()?;
    /// # let top = tmp.path();
    /// # fsutil::makedirs(top.join("a"), false)?;
    /// std::os::unix::fs::symlink("..", top.join("a/up"))?; // a/up -> its own parent
    /// let steps: Vec<_> = fsutil::walk(top)
    ///     .followlinks(true)
    ///     .loops(fsutil::Loops::OsWalk)
    ///     .collect::<Result<_, _>>()?;
    /// let last = steps.last().unwrap(); // top/a/up/a/up/…/a: 40 links deep, `up` no longer resolves
    /// assert_eq!(last.depth, 81);
    /// assert_eq!(last.filenames, ["up"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn loops(mut self, loops: Loops) -> Self {
        self.loops = loops;
        self
    }

    /// Sort `dirnames` and `filenames` (by bytes) in every step, which also fixes the order of the steps.
    pub fn sort(mut self, sort: bool) -> Self {
        self.opts.sort = sort;
        self
    }

    /// Do not list directories deeper than `depth` below `top` (0: `top` only).
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.opts.max_depth = Some(depth);
        self
    }

    /// Keep only the subdirectories for which `keep(full path)` is true: the others are left out of
    /// `dirnames` and never descended into (the same filter as [`ParWalk::filter_dir`](crate::ParWalk::filter_dir)).
    pub fn filter_dir(mut self, keep: impl Fn(&Path) -> bool + Send + Sync + 'static) -> Self {
        self.opts.filter_dir = Some(Arc::new(keep));
        self
    }

    /// Python's `onerror`: errors go to `handler` and the walk goes on, instead of being returned as `Err`
    /// items. `.onerror(|_| {})` ignores them, as `os.walk` does by default.
    pub fn onerror(mut self, handler: impl FnMut(WalkError) + Send + 'static) -> Self {
        self.onerror = Some(Box::new(handler));
        self
    }

    /// The next directory, lent so that its `dirnames` can be edited (top-down): the walk descends only into
    /// the names left there when `next_step` is called again, as `os.walk` does after each `yield`. Names
    /// added that are not directories are reported as errors when listing them fails.
    pub fn next_step(&mut self) -> Option<Result<&mut WalkStep, WalkError>> {
        if !self.topdown {
            return match self.next_bottom_up()? {
                Ok(step) => {
                    let listing = Listing {
                        step,
                        dir_is_link: Vec::new(),
                        bytes: 0,
                    };
                    Some(Ok(&mut self.lent.insert(listing).step))
                }
                Err(err) => Some(Err(err)),
            };
        }
        if let Some(lent) = self.lent.take() {
            self.queue_children(&lent);
        }
        match self.next_listing()? {
            Ok(listing) => Some(Ok(&mut self.lent.insert(listing).step)),
            Err(err) => Some(Err(err)),
        }
    }

    /// Top-down: lists the next pending directory (reporting errors to `onerror` when set).
    ///
    /// Without `followlinks`, a subdirectory is checked with `lstat` just before it is listed, as `os.walk`
    /// checks `islink` for each name left in `dirnames` just before descending: the parent's listing may be
    /// stale by then (the caller, or anyone, may have replaced a directory by a symbolic link since, and the
    /// walk must not go through it). A name that is a symbolic link now is skipped silently; one that cannot
    /// be checked is listed anyway, which reports why it cannot be.
    fn next_listing(&mut self) -> Option<Result<Listing, WalkError>> {
        loop {
            let (dirpath, depth) = match self.top.take() {
                Some(top) => (top, 0),
                None => self.pending.pop()?,
            };
            if depth > 0
                && !self.opts.followlinks
                && fs::symlink_metadata(&dirpath).is_ok_and(|m| m.file_type().is_symlink())
            {
                continue;
            }
            match self
                .enter(&dirpath, depth)
                .and_then(|()| list_dir(dirpath, depth, &self.opts, false))
            {
                Ok(listing) => return Some(Ok(listing)),
                Err(err) => match &mut self.onerror {
                    Some(handler) => handler(err),
                    None => return Some(Err(err)),
                },
            }
        }
    }

    /// With `followlinks`, records `dirpath` as the ancestor at `depth`, failing when it is already one.
    fn enter(&mut self, dirpath: &Path, depth: usize) -> Result<(), WalkError> {
        if !self.opts.followlinks || self.loops == Loops::OsWalk {
            return Ok(());
        }
        self.ancestors.truncate(depth);
        let id = dir_id(dirpath).map_err(|source| WalkError::ReadDir {
            path: dirpath.to_path_buf(),
            source,
        })?;
        if let Some((_, ancestor)) = self.ancestors.iter().find(|(a, _)| *a == id) {
            return Err(WalkError::Loop {
                path: dirpath.to_path_buf(),
                ancestor: ancestor.clone(),
            });
        }
        self.ancestors.push((id, dirpath.to_path_buf()));
        Ok(())
    }

    /// Queues the subdirectories of a listed directory (every name in its `dirnames`, which the caller may
    /// have edited) in the order `os.walk` visits them. Whether each is a symbolic link is decided when it is
    /// listed (see [`next_listing`](Self::next_listing)), not from this listing, which may be stale by then.
    fn queue_children(&mut self, listing: &Listing) {
        let step = &listing.step;
        if !self.opts.descends_below(step.depth) {
            return;
        }
        let start = self.pending.len();
        for name in &step.dirnames {
            self.pending.push((step.dirpath.join(name), step.depth + 1));
        }
        self.pending[start..].reverse();
    }

    /// Bottom-up: the next directory whose subdirectories have all been handed out.
    ///
    /// Streamed from walkdir (see [`BottomUp`]), except with `filter_dir` or `max_depth`: walkdir opens every
    /// directory it reaches before a caller can skip it (reading it whole when sorting), which would open the
    /// directories the filter excludes and those below the depth limit, so those walks list each directory
    /// themselves; so do walks going round loops as `os.walk` ([`Loops::OsWalk`]), which walkdir refuses.
    fn next_bottom_up(&mut self) -> Option<Result<WalkStep, WalkError>> {
        let os_walk_loops = self.opts.followlinks && self.loops == Loops::OsWalk;
        if self.opts.filter_dir.is_none() && self.opts.max_depth.is_none() && !os_walk_loops {
            return self.next_streamed();
        }
        loop {
            if self.frames.is_empty() {
                let top = self.top.take()?;
                if let Err(err) = self.push_frame(top, 0) {
                    return self.report(err);
                }
                continue;
            }
            let depth = self.frames.len() - 1;
            let frame = self.frames.last_mut()?;
            match frame.children.next() {
                Some(child) => {
                    if let Err(err) = self.push_frame(child, depth + 1) {
                        if let Some(result) = self.report(err) {
                            return Some(result);
                        }
                    }
                }
                None => {
                    let frame = self.frames.pop()?;
                    return Some(Ok(frame.step));
                }
            }
        }
    }

    /// Bottom-up on walkdir: its next step, errors going to `onerror` when set.
    fn next_streamed(&mut self) -> Option<Result<WalkStep, WalkError>> {
        if let Some(top) = self.top.take() {
            self.streamed = Some(BottomUp::new(top, self.opts.sort, self.opts.followlinks));
        }
        loop {
            match self.streamed.as_mut()?.next()? {
                Ok(step) => return Some(Ok(step)),
                Err(err) => {
                    if let Some(result) = self.report(err) {
                        return Some(result);
                    }
                }
            }
        }
    }

    fn push_frame(&mut self, dirpath: PathBuf, depth: usize) -> Result<(), WalkError> {
        self.enter(&dirpath, depth)?;
        let listing = list_dir(dirpath, depth, &self.opts, false)?;
        let mut children = Vec::new();
        if self.opts.descends_below(depth) {
            for (name, &is_link) in listing.step.dirnames.iter().zip(&listing.dir_is_link) {
                if self.opts.followlinks || !is_link {
                    children.push(listing.step.dirpath.join(name));
                }
            }
        }
        self.frames.push(Frame {
            step: listing.step,
            children: children.into_iter(),
        });
        Ok(())
    }

    /// Hands an error to `onerror` (and returns `None`) or returns it as an item.
    fn report(&mut self, err: WalkError) -> Option<Result<WalkStep, WalkError>> {
        match &mut self.onerror {
            Some(handler) => {
                handler(err);
                None
            }
            None => Some(Err(err)),
        }
    }
}

/// After the last step, `next` keeps returning `None`.
impl std::iter::FusedIterator for Walk {}

impl Iterator for Walk {
    type Item = Result<WalkStep, WalkError>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.topdown {
            return self.next_bottom_up();
        }
        if let Some(lent) = self.lent.take() {
            self.queue_children(&lent);
        }
        let listing = match self.next_listing()? {
            Ok(listing) => listing,
            Err(err) => return Some(Err(err)),
        };
        self.queue_children(&listing);
        Some(Ok(listing.step))
    }
}
