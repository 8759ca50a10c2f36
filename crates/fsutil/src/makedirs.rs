//! `makedirs`: a byte-for-byte port of CPython 3.11's `os.makedirs`, so a path behaves exactly as it does in
//! Python (the leaf that already exists, `''`, `.`, `n/.`, `n/..`, trailing slashes, symlinks, the mode applied
//! to the leaf only), with errors that name the path whose `mkdir` failed and say what to do.
//!
//! CPython's algorithm (Lib/os.py) is recursive; this port runs the same steps with a loop, in the same order
//! (every `exists(head)` probe top-down first, then every `mkdir` from the outermost missing parent down), so
//! a path of thousands of components cannot overflow the stack.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// The permission bits (with setuid, setgid and sticky) a mode may hold.
const MODE_BITS: u32 = 0o7777;

/// Creates the directory `path` and every missing parent, as Python's `os.makedirs(path, exist_ok=exist_ok)`.
///
/// New directories get mode `0o777` less the process umask. Where `path` already exists as a directory
/// (or a symlink to one) it is an error unless `exist_ok`; where it exists as anything else it is an error
/// even with `exist_ok`. For a mode other than `0o777`, use [`Makedirs`].
///
/// ```
/// # let tmp = tempfile::tempdir()?;
/// let leaf = tmp.path().join("a/b/c");
/// fsutil::makedirs(&leaf, false)?;
/// assert!(leaf.is_dir());
///
/// // The leaf exists now: an error without exist_ok, fine with it.
/// let err = fsutil::makedirs(&leaf, false).unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
/// fsutil::makedirs(&leaf, true)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn makedirs(path: impl AsRef<Path>, exist_ok: bool) -> Result<(), MakedirsError> {
    Makedirs::new().exist_ok(exist_ok).create(path)
}

/// Options for [`makedirs`]: the mode of the leaf and `exist_ok`.
///
/// ```
/// use std::os::unix::fs::PermissionsExt;
/// # let tmp = tempfile::tempdir()?;
/// let leaf = tmp.path().join("private/keys");
/// fsutil::Makedirs::new().mode(0o700).create(&leaf)?;
/// // As in Python the mode applies to the leaf only (less the umask); parents get 0o777 less the umask.
/// let mode = std::fs::metadata(&leaf)?.permissions().mode() & 0o777;
/// assert_eq!(mode & !0o700, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Makedirs {
    mode: u32,
    exist_ok: bool,
}

impl Default for Makedirs {
    fn default() -> Self {
        Self::new()
    }
}

impl Makedirs {
    /// Mode `0o777`, `exist_ok` false: Python's defaults.
    pub fn new() -> Self {
        Self {
            mode: 0o777,
            exist_ok: false,
        }
    }

    /// The mode passed to `mkdir` for the leaf (the kernel removes the umask's bits). Parents always get
    /// `0o777`, as in Python. Bits above `0o7777` make [`create`](Self::create) fail with
    /// [`MakedirsError::InvalidMode`].
    pub fn mode(mut self, mode: u32) -> Self {
        self.mode = mode;
        self
    }

    /// Whether an existing directory at the leaf is accepted (Python's `exist_ok`).
    pub fn exist_ok(mut self, exist_ok: bool) -> Self {
        self.exist_ok = exist_ok;
        self
    }

    /// Creates `path` and its missing parents with these options; see [`makedirs`].
    pub fn create(&self, path: impl AsRef<Path>) -> Result<(), MakedirsError> {
        if self.mode & !MODE_BITS != 0 {
            return Err(MakedirsError::InvalidMode { mode: self.mode });
        }
        let name = path.as_ref().as_os_str().as_bytes();
        run(name, self.mode, self.exist_ok).map_err(|(path, err)| MakedirsError::from_io(path, err))
    }
}

/// A failed `mkdir`: the path it was called on and the OS error.
type Failure = (PathBuf, io::Error);

/// CPython's `makedirs`, unrolled. `levels[0]` is `name`; `levels[i + 1]` is the head of `levels[i]`, present
/// when Python would recurse into it (head and tail both non-empty and `exists(head)` false).
fn run(name: &[u8], mode: u32, exist_ok: bool) -> Result<(), Failure> {
    let mut levels: Vec<(&[u8], &[u8])> = Vec::new(); // (path, tail) for each level
    let mut current = name;
    loop {
        let (head, tail) = split_for_makedirs(current);
        levels.push((current, tail));
        if !head.is_empty() && !tail.is_empty() && !exists(head) {
            current = head;
        } else {
            break;
        }
    }

    // The deepest level runs its mkdir; each level above it first sees the result of the one below.
    let last = levels.len() - 1;
    let mut below: Result<(), Failure> = Ok(());
    for (index, &(path, tail)) in levels.iter().enumerate().rev() {
        if index != last {
            // `except FileExistsError: pass` around the recursive call; any other error propagates.
            if let Err(failure) = below {
                if failure.1.raw_os_error() != Some(libc::EEXIST) {
                    return Err(failure);
                }
            }
            if tail == b"." {
                // `xxx/newdir/.` exists once `xxx/newdir` does.
                below = Ok(());
                continue;
            }
        }
        let level_mode = if index == 0 { mode } else { 0o777 };
        below = mkdir(path, level_mode, exist_ok);
    }
    below
}

/// `try: mkdir(name, mode) except OSError: if not exist_ok or not path.isdir(name): raise`.
fn mkdir(path: &[u8], mode: u32, exist_ok: bool) -> Result<(), Failure> {
    let path = Path::new(OsStr::from_bytes(path));
    match fs::DirBuilder::new().mode(mode).create(path) {
        Ok(()) => Ok(()),
        Err(_) if exist_ok && path.is_dir() => Ok(()),
        Err(err) => Err((path.to_path_buf(), err)),
    }
}

/// `os.path.exists`: `stat` succeeds (following symlinks); any error, a NUL byte included, means "no".
fn exists(path: &[u8]) -> bool {
    fs::metadata(Path::new(OsStr::from_bytes(path))).is_ok()
}

/// The head and tail `makedirs` starts from: `posixpath.split(name)`, and again on the head when the tail
/// is empty (a trailing slash).
fn split_for_makedirs(name: &[u8]) -> (&[u8], &[u8]) {
    let (head, tail) = split(name);
    if tail.is_empty() {
        split(head)
    } else {
        (head, tail)
    }
}

/// `posixpath.split`: everything after the last `/` is the tail; the head loses its trailing slashes unless
/// it is made of slashes only.
fn split(path: &[u8]) -> (&[u8], &[u8]) {
    let cut = path.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    let (mut head, tail) = path.split_at(cut);
    if head.iter().any(|&b| b != b'/') {
        while let [rest @ .., b'/'] = head {
            head = rest;
        }
    }
    (head, tail)
}

/// Why [`makedirs`] failed. Every variant names the path concerned; the message says what was wrong and what
/// to do. [`raw_os_error`](Self::raw_os_error) gives the errno Python's exception would carry.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MakedirsError {
    /// `mkdir` found something at `path` (Python's `FileExistsError`): a directory while `exist_ok` is
    /// false, or something that is not a directory.
    #[error("cannot create directory {path:?}: {existing} already exists there; {advice}", advice = existing.advice())]
    AlreadyExists {
        /// The path whose `mkdir` failed.
        path: PathBuf,
        /// What was found there (checked when the error was made).
        existing: Existing,
    },
    /// `mkdir` failed for another reason (Python's `OSError` with this errno), `path` being the directory whose
    /// creation failed: the leaf or one of its parents.
    #[error("cannot create directory {path:?}: {}", describe(path, source))]
    Os {
        /// The path whose `mkdir` failed (possibly a parent of the one asked for).
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// The path holds a NUL byte, which no file name can contain (Python raises `ValueError`).
    #[error(
        "cannot create directory {path:?}: the path contains a NUL byte, which no file name may contain"
    )]
    NulByte {
        /// The path given.
        path: PathBuf,
    },
    /// The mode has bits outside `0o7777`.
    #[error(
        "invalid mode {mode:#o} for makedirs: only permission bits (at most 0o7777) are allowed, e.g. 0o755"
    )]
    InvalidMode {
        /// The mode given.
        mode: u32,
    },
}

impl MakedirsError {
    fn from_io(path: PathBuf, err: io::Error) -> Self {
        match err.raw_os_error() {
            Some(libc::EEXIST) => {
                let existing = Existing::at(&path);
                MakedirsError::AlreadyExists { path, existing }
            }
            None if err.kind() == io::ErrorKind::InvalidInput => MakedirsError::NulByte { path },
            _ => MakedirsError::Os { path, source: err },
        }
    }

    /// The path the error is about: the one whose `mkdir` failed (`None` for an invalid mode).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::AlreadyExists { path, .. } | Self::Os { path, .. } | Self::NulByte { path } => {
                Some(path)
            }
            Self::InvalidMode { .. } => None,
        }
    }

    /// The errno Python's exception would carry (`EEXIST` for [`AlreadyExists`](Self::AlreadyExists));
    /// `None` where Python raises `ValueError` instead (a NUL byte, an invalid mode).
    pub fn raw_os_error(&self) -> Option<i32> {
        match self {
            Self::AlreadyExists { .. } => Some(libc::EEXIST),
            Self::Os { source, .. } => source.raw_os_error(),
            Self::NulByte { .. } | Self::InvalidMode { .. } => None,
        }
    }

    /// The error's [`io::ErrorKind`], as `std::fs` would report it.
    pub fn kind(&self) -> io::ErrorKind {
        match self {
            Self::AlreadyExists { .. } => io::ErrorKind::AlreadyExists,
            Self::Os { source, .. } => source.kind(),
            Self::NulByte { .. } | Self::InvalidMode { .. } => io::ErrorKind::InvalidInput,
        }
    }
}

impl From<MakedirsError> for io::Error {
    fn from(err: MakedirsError) -> Self {
        io::Error::new(err.kind(), err)
    }
}

/// What [`MakedirsError::AlreadyExists`] found at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Existing {
    /// A directory (only an error without `exist_ok`).
    Directory,
    /// A symbolic link to a directory (only an error without `exist_ok`).
    SymlinkToDirectory,
    /// A symbolic link whose target is missing or is not a directory.
    OtherSymlink,
    /// A regular file, device, socket or fifo.
    NotADirectory,
    /// It vanished or could not be examined after `mkdir` reported it.
    Unknown,
}

impl Existing {
    fn at(path: &Path) -> Self {
        // `f/` names the file `f` too, but lstat("f/") fails with ENOTDIR: look at the name without the slashes.
        let bytes = path.as_os_str().as_bytes();
        let trimmed = match bytes.iter().rposition(|&b| b != b'/') {
            Some(last) => &bytes[..=last],
            None => bytes,
        };
        let trimmed = Path::new(OsStr::from_bytes(trimmed));
        match fs::symlink_metadata(trimmed) {
            Ok(meta) if meta.is_dir() => Existing::Directory,
            Ok(meta) if meta.file_type().is_symlink() => match fs::metadata(trimmed) {
                Ok(target) if target.is_dir() => Existing::SymlinkToDirectory,
                _ => Existing::OtherSymlink,
            },
            Ok(_) => Existing::NotADirectory,
            Err(_) => Existing::Unknown,
        }
    }

    fn advice(self) -> &'static str {
        match self {
            Existing::Directory | Existing::SymlinkToDirectory => {
                "pass exist_ok = true to accept an existing directory"
            }
            _ => "remove it or choose another path (exist_ok accepts only a directory)",
        }
    }
}

impl std::fmt::Display for Existing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Existing::Directory => "a directory",
            Existing::SymlinkToDirectory => "a symbolic link to a directory",
            Existing::OtherSymlink => "a symbolic link that does not lead to a directory",
            Existing::NotADirectory => "a file that is not a directory",
            Existing::Unknown => "something (it could not be examined)",
        })
    }
}

/// What an errno from `mkdir` means for the user, and what to do.
fn describe(path: &Path, err: &io::Error) -> String {
    let why = match err.raw_os_error() {
        Some(libc::ENOENT) if path.as_os_str().is_empty() => {
            "the path is empty; give a directory name such as \"out\" or \".\"".to_string()
        }
        Some(libc::ENOENT) => {
            "its parent does not exist (a dangling symbolic link, or it was removed meanwhile)"
                .to_string()
        }
        Some(libc::ENOTDIR) => "a component of its path is a file, not a directory".to_string(),
        Some(libc::EACCES | libc::EPERM) => {
            "permission denied: its parent is not writable (or not searchable) by this user"
                .to_string()
        }
        Some(libc::ENAMETOOLONG) => {
            "a name is too long (file systems allow 255 bytes per name, 4096 per path)".to_string()
        }
        Some(libc::EROFS) => "the file system is mounted read-only".to_string(),
        Some(libc::ENOSPC) => "no space (or no free inode) left on the device".to_string(),
        Some(libc::EDQUOT) => "the disk quota is exhausted".to_string(),
        Some(libc::ELOOP) => "too many levels of symbolic links in the path".to_string(),
        Some(libc::EMLINK) => "its parent holds too many subdirectories".to_string(),
        _ => return err.to_string(),
    };
    format!("{why} ({err})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_matches_posixpath_split() {
        let cases: [(&[u8], &[u8], &[u8]); 9] = [
            (b"", b"", b""),
            (b"a", b"", b"a"),
            (b"a/b", b"a", b"b"),
            (b"a/b/", b"a/b", b""),
            (b"a//b", b"a", b"b"),
            (b"/", b"/", b""),
            (b"//a", b"//", b"a"),
            (b"/a", b"/", b"a"),
            (b"x///", b"x", b""),
        ];
        for (path, head, tail) in cases {
            assert_eq!(
                split(path),
                (head, tail),
                "split({:?})",
                String::from_utf8_lossy(path)
            );
        }
    }

    #[test]
    fn trailing_slash_splits_again() {
        assert_eq!(split_for_makedirs(b"n1/a/b/"), (&b"n1/a"[..], &b"b"[..]));
        assert_eq!(split_for_makedirs(b"d/"), (&b""[..], &b"d"[..]));
    }

    #[test]
    fn invalid_mode_is_rejected_before_touching_the_disk() {
        let err = Makedirs::new()
            .mode(0o10777)
            .create("never-created-by-this-test")
            .expect_err("bad mode");
        assert!(matches!(err, MakedirsError::InvalidMode { mode: 0o10777 }));
        assert!(err.to_string().contains("0o10777"), "{err}");
        assert!(!Path::new("never-created-by-this-test").exists());
    }

    #[test]
    fn errors_name_the_failing_intermediate_path() {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::write(tmp.path().join("f"), b"x").expect("write");
        let err = makedirs(tmp.path().join("f/x/y"), true).expect_err("f is a file");
        assert_eq!(err.path(), Some(tmp.path().join("f/x").as_path()));
        assert_eq!(err.raw_os_error(), Some(libc::ENOTDIR));
        assert!(
            err.to_string().contains("is a file, not a directory"),
            "{err}"
        );
    }

    #[test]
    fn existing_leaf_messages_say_what_is_there() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("f");
        fs::write(&file, b"x").expect("write");
        let err = makedirs(format!("{}/", file.display()), true).expect_err("file");
        assert!(
            matches!(
                err,
                MakedirsError::AlreadyExists {
                    existing: Existing::NotADirectory,
                    ..
                }
            ),
            "{err:?}"
        );
        let err = makedirs(tmp.path(), false).expect_err("dir");
        assert!(err.to_string().contains("pass exist_ok = true"), "{err}");
        let io: io::Error = err.into();
        assert_eq!(io.kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn names_that_are_not_utf8_are_created_and_named_exactly() {
        use std::ffi::OsStr;
        let tmp = tempfile::tempdir().expect("tempdir");
        let odd = tmp.path().join(OsStr::from_bytes(b"caf\xe9/\xff\xfe"));
        makedirs(&odd, false).expect("bytes that are not UTF-8 are fine in Unix names");
        assert!(odd.is_dir());
        let err = makedirs(&odd, false).expect_err("exists now");
        assert_eq!(err.path(), Some(odd.as_path()));
        assert!(
            err.to_string().contains(r"\xFF\xFE"),
            "the name is shown escaped: {err}"
        );
    }

    #[test]
    fn very_deep_paths_do_not_overflow_the_stack() {
        // `new/././.../x` with 50,000 `.` levels: every head is missing, so the algorithm goes 50,000 levels
        // deep (CPython raises RecursionError here), creates `new`, and the leaf's mkdir fails with
        // ENAMETOOLONG: an error, no crash.
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut deep = tmp.path().join("new").into_os_string();
        for _ in 0..50_000 {
            deep.push("/.");
        }
        deep.push("/x");
        let err = makedirs(&deep, true).expect_err("too long");
        assert_eq!(err.raw_os_error(), Some(libc::ENAMETOOLONG), "{err}");
        assert!(tmp.path().join("new").is_dir());
    }
}
