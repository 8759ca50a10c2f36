//! Bottom-up `walk` (`os.walk(topdown=False)`) on walkdir: a depth-first walkdir stream of the tree (and one
//! more per followed symlink), whose entries are gathered per directory; each directory's step is handed out
//! when the stream leaves the directory, which is after the steps of its whole subtree — `os.walk`'s
//! bottom-up order, with one open and one pass per directory.
//!
//! The stream yields a directory before its contents (walkdir's default order, not `contents_first`) so that
//! `followlinks` can check the directory against its ancestors and skip it before walkdir reads it: below a
//! followed symlink, a plain subdirectory can be the way back to an ancestor, and it must be stopped there.
//!
//! Symlinks are followed here, not by walkdir's `follow_links`, because walkdir 2.5's following differs from
//! `os.walk` where a user can see it: it reports a dangling symlink as an error (`os.walk` lists it in
//! `filenames`), counts a link to any ancestor of `top` as a loop without looking inside, and when its loop
//! check cannot open a directory it reports an error without a path and drops the entry (`os.walk` lists the
//! link in `dirnames` and reports the directory it cannot list). So each followed symlink gets a walkdir
//! stream of its own (walkdir always follows the root it is given), checked first by device and inode against
//! the directories above it, exactly as top-down `walk` and `par_walk` do.

use crate::walk::{DirId, WalkError, WalkStep, dir_id};
use std::collections::VecDeque;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// A bottom-up walk in progress (the options it honours: `sort` and `followlinks`).
pub(crate) struct BottomUp {
    sort: bool,
    followlinks: bool,
    /// The walkdir streams: `top`'s, then one per followed symlink being walked (the last one is read).
    streams: Vec<Stream>,
    /// The directories from `top` down to the one being read, indexed by depth.
    open: Vec<Dir>,
    /// Steps and errors decided, waiting to be handed out in this order.
    ready: VecDeque<Result<WalkStep, WalkError>>,
}

struct Stream {
    entries: walkdir::IntoIter,
    /// The depth of the stream's root in the whole walk: 0 for `top`, the symlink's depth for the others.
    base: usize,
    /// For a followed symlink: the identity of its target, already checked against the ancestors.
    root_id: Option<DirId>,
}

/// A directory being read: what will become its step.
struct Dir {
    path: PathBuf,
    dirnames: Vec<OsString>,
    filenames: Vec<OsString>,
    /// With `followlinks`: its device and inode, for the loop check of everything below it.
    id: Option<DirId>,
    /// Why it could not be listed (it then gets this error instead of a step, as in `os.walk`).
    error: Option<io::Error>,
}

impl Dir {
    fn new(path: PathBuf, id: Option<DirId>) -> Self {
        Dir {
            path,
            dirnames: Vec::new(),
            filenames: Vec::new(),
            id,
            error: None,
        }
    }
}

impl BottomUp {
    pub(crate) fn new(top: PathBuf, sort: bool, followlinks: bool) -> Self {
        let mut walker = BottomUp {
            sort,
            followlinks,
            streams: Vec::new(),
            open: Vec::new(),
            ready: VecDeque::new(),
        };
        walker.start(top, 0, None);
        walker
    }

    /// Starts walking `root` (at `base` in the whole walk) with walkdir; it follows `root` if it is a symlink.
    fn start(&mut self, root: PathBuf, base: usize, root_id: Option<DirId>) {
        let mut walkdir = WalkDir::new(root)
            .follow_links(false)
            .follow_root_links(true);
        if self.sort {
            // By name bytes, as `sort(true)` promises. The entries of one directory are its path joined with
            // each name, so comparing the whole paths as bytes orders them by name, without the component
            // parsing of `file_name()` in every comparison.
            walkdir = walkdir.sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
        }
        self.streams.push(Stream {
            entries: walkdir.into_iter(),
            base,
            root_id,
        });
    }

    pub(crate) fn next(&mut self) -> Option<Result<WalkStep, WalkError>> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            let stream = self.streams.last_mut()?;
            let base = stream.base;
            match stream.entries.next() {
                Some(Ok(entry)) => self.entry(entry, base),
                Some(Err(err)) => self.error(err, base),
                None => {
                    self.streams.pop();
                    self.leave(base);
                }
            }
        }
    }

    /// The stream has left every directory at `depth` or deeper: their steps (deepest first) are ready.
    fn leave(&mut self, depth: usize) {
        while self.open.len() > depth {
            let Some(dir) = self.open.pop() else { break };
            self.ready.push_back(match dir.error {
                Some(source) => Err(WalkError::ReadDir {
                    path: dir.path,
                    source,
                }),
                None => Ok(WalkStep {
                    dirpath: dir.path,
                    dirnames: dir.dirnames,
                    filenames: dir.filenames,
                    depth: self.open.len(),
                }),
            });
        }
    }

    fn skip_current_dir(&mut self) {
        if let Some(stream) = self.streams.last_mut() {
            stream.entries.skip_current_dir();
        }
    }

    /// The directory above `depth` that has identity `id`, if any (a loop when followed).
    fn ancestor_with(&self, id: DirId) -> Option<PathBuf> {
        self.open
            .iter()
            .find(|dir| dir.id == Some(id))
            .map(|dir| dir.path.clone())
    }

    fn entry(&mut self, entry: DirEntry, base: usize) {
        let depth = base + entry.depth();
        if entry.depth() == 0 {
            return self.enter_root(entry, depth);
        }
        self.leave(depth);
        if self.open.len() != depth {
            return; // below a directory that was not entered: walkdir yields nothing there
        }
        let file_type = entry.file_type();
        if file_type.is_dir() {
            let path = entry.into_path();
            self.push_name(
                depth,
                OsStr::from_bytes(name_of(&path)).to_os_string(),
                true,
            );
            let id = if self.followlinks {
                match self.check(&path, dir_id(&path)) {
                    Some(id) => Some(id),
                    None => return self.skip_current_dir(),
                }
            } else {
                None
            };
            self.open.push(Dir::new(path, id));
        } else if file_type.is_symlink() {
            // As os.walk's `entry.is_dir()`: a symlink to a directory is a directory name (a stat, for links only).
            match fs::metadata(entry.path()) {
                Ok(target) if target.is_dir() => {
                    let path = entry.into_path();
                    self.push_name(
                        depth,
                        OsStr::from_bytes(name_of(&path)).to_os_string(),
                        true,
                    );
                    if self.followlinks {
                        if let Some(id) = self.check(&path, Ok((target.dev(), target.ino()))) {
                            self.start(path, depth, Some(id));
                        }
                    }
                }
                _ => self.push_name(depth, into_name(entry.into_path()), false),
            }
        } else {
            self.push_name(depth, into_name(entry.into_path()), false);
        }
    }

    /// With `followlinks`: the identity of the directory at `path`, or `None` (and the error reported) when it
    /// cannot be had or closes a loop; either way the directory is not walked.
    fn check(&mut self, path: &Path, id: io::Result<DirId>) -> Option<DirId> {
        let err = match id {
            Ok(id) => match self.ancestor_with(id) {
                None => return Some(id),
                Some(ancestor) => WalkError::Loop {
                    path: path.to_path_buf(),
                    ancestor,
                },
            },
            Err(source) => WalkError::ReadDir {
                path: path.to_path_buf(),
                source,
            },
        };
        self.ready.push_back(Err(err));
        None
    }

    /// Adds a name to the directory at `depth - 1` (the parent of an entry at `depth`).
    fn push_name(&mut self, depth: usize, name: OsString, is_dir: bool) {
        if let Some(parent) = depth.checked_sub(1).and_then(|i| self.open.get_mut(i)) {
            if is_dir {
                parent.dirnames.push(name);
            } else {
                parent.filenames.push(name);
            }
        }
    }

    /// The root of a stream: `top` (checked to be a directory, as `os.walk`'s `scandir(top)` does), or a
    /// followed symlink, already checked.
    fn enter_root(&mut self, entry: DirEntry, depth: usize) {
        let root_id = self.streams.last().and_then(|s| s.root_id);
        if depth > 0 {
            return self.open.push(Dir::new(entry.into_path(), root_id));
        }
        let is_dir =
            entry.file_type().is_dir() || (entry.file_type().is_symlink() && entry.path().is_dir());
        let path = entry.into_path();
        if !is_dir {
            self.ready.push_back(Err(WalkError::ReadDir {
                path,
                source: io::Error::from_raw_os_error(libc::ENOTDIR),
            }));
            return;
        }
        let id = if self.followlinks {
            match self.check(&path, dir_id(&path)) {
                Some(id) => Some(id),
                None => return self.skip_current_dir(),
            }
        } else {
            None
        };
        self.open.push(Dir::new(path, id));
    }

    /// walkdir's errors (it follows no symlink but the roots, so none is a loop), each where `os.walk` has it.
    fn error(&mut self, err: walkdir::Error, base: usize) {
        let depth = base + err.depth();
        let path = err.path().map(Path::to_path_buf);
        let source = match err.into_io_error() {
            Some(source) => source,
            None => return, // a loop: only reported with walkdir's `follow_links`, which is off
        };
        match path {
            // Reading the directory at `depth - 1` failed part-way: no step for it, as in os.walk.
            None => {
                self.leave(depth);
                if let Some(dir) = depth.checked_sub(1).and_then(|i| self.open.get_mut(i)) {
                    dir.error.get_or_insert(source);
                }
            }
            Some(path) => {
                if self.open.len() == depth + 1 && self.open[depth].path == path {
                    // The directory just entered could not be opened.
                    self.open[depth].error.get_or_insert(source);
                } else if depth == base {
                    // The root itself: missing, or a symlink to nothing.
                    self.ready
                        .push_back(Err(WalkError::ReadDir { path, source }));
                } else {
                    // An entry whose type could not be read: os.walk's `is_dir()` raising, a file name.
                    self.leave(depth);
                    if let Some(name) = path.file_name() {
                        self.push_name(depth, name.to_os_string(), false);
                    }
                }
            }
        }
    }
}

/// The name at the end of an entry's path (its directory's path joined with the name, which has no `/`).
fn name_of(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_bytes();
    let start = bytes.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    &bytes[start..]
}

/// An entry's name, in the buffer of its path (moved to the front): no allocation per file.
fn into_name(path: PathBuf) -> OsString {
    let start = path.as_os_str().len() - name_of(&path).len();
    let mut bytes = path.into_os_string().into_vec();
    bytes.drain(..start);
    OsString::from_vec(bytes)
}
