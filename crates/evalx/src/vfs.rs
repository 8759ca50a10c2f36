//! The sandbox's file system: the folders a host mounts ([`crate::ModulePolicy::mount`]) seen by a program
//! under guest paths (`/data/x.txt`), and nothing else.
//!
//! A guest path is absolute, or relative to the guest's working directory (`os.getcwd()`; the host sets it
//! with [`crate::ModulePolicy::cwd`], else it is the first mount point, else `/`). It is normalised lexically
//! (`.` and `..` never climb above `/`), then served by the mount with the longest matching mount point:
//! - [`MountMode::ReadOnly`]: the host folder's files, read only (a write raises `PermissionError`);
//! - [`MountMode::ReadWrite`]: the host folder's files, read and written;
//! - [`MountMode::Overlay`]: the host folder's files are read, but every change (writes, new folders,
//!   removals, renames) is kept in memory: the host folder is never changed;
//! - [`MemoryFs`] ([`crate::ModulePolicy::mount_memory`]): files that live only in memory (the host keeps a
//!   handle and reads what the program wrote).
//!
//! Host paths never escape their mount: the real path (symbolic links resolved) of anything read or written
//! must lie inside the mounted folder's real path, and a dangling link is never followed. Guest folders
//! above mount points (`/` when `/data` is mounted) are read-only folders that list the mount points. Every
//! byte a program adds to writable mounts counts against the host's quota ([`crate::ModulePolicy::file_quota`]).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{SystemTime, UNIX_EPOCH};

/// How a mounted host folder may be used. See the [module docs](self).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MountMode {
    /// Reads only; every change raises `PermissionError`.
    ReadOnly,
    /// Reads and writes the host folder.
    ReadWrite,
    /// Reads the host folder; changes stay in memory (the host folder is never written).
    Overlay,
}

/// A mount the host asked for that cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum MountError {
    /// Mount points are absolute guest paths (`/data`).
    #[error("mount point '{0}' is not an absolute guest path")]
    NotAbsolute(String),
    /// Two mounts at the same guest path.
    #[error("guest path '{0}' is already a mount point")]
    Duplicate(String),
    /// The host folder is missing or unreadable.
    #[error("host folder '{path}' cannot be mounted: {source}")]
    Host {
        /// The folder asked for.
        path: PathBuf,
        /// Why it cannot be used.
        source: std::io::Error,
    },
    /// The host path is not a folder.
    #[error("host path '{0}' is not a folder")]
    NotAFolder(PathBuf),
    /// The guest working directory set by the host is not an absolute path.
    #[error("working directory '{0}' is not an absolute guest path")]
    BadCwd(String),
}

#[derive(Clone, Debug)]
enum Node {
    Dir(f64),
    File(Vec<u8>, f64),
}

#[derive(Debug, Default)]
struct Tree {
    /// Relative paths (`a/b`) to nodes; the root `""` is always a folder.
    nodes: BTreeMap<String, Node>,
    /// Overlays only: host paths removed (or renamed away) by the program.
    whiteouts: BTreeSet<String>,
}

/// Files kept in memory: mounted with [`crate::ModulePolicy::mount_memory`]. Clones share the files, so the
/// host keeps one to read what the program wrote.
///
/// ```
/// use evalx::{Interpreter, ModulePolicy, vfs::MemoryFs};
///
/// let mem = MemoryFs::new();
/// mem.write("in.txt", b"hello\n");
/// let mut py = Interpreter::new_captured();
/// py.set_module_policy(ModulePolicy::standard().mount_memory("/work", mem.clone()).expect("mount"));
/// py.exec("open('/work/out.txt', 'w').write(open('in.txt').read().upper())", None, None).expect("runs");
/// assert_eq!(mem.read("out.txt").as_deref(), Some(&b"HELLO\n"[..]));
/// ```
#[derive(Clone, Debug, Default)]
pub struct MemoryFs(Rc<RefCell<Tree>>);

impl MemoryFs {
    /// An empty in-memory folder.
    pub fn new() -> MemoryFs {
        MemoryFs::default()
    }

    /// Stores a file (`path` relative to the mount, `/`-separated; missing folders are made).
    pub fn write(&self, path: &str, data: &[u8]) {
        let parts = split_rel(path);
        let mut t = self.0.borrow_mut();
        for i in 1..parts.len() {
            let dir = parts[..i].join("/");
            t.nodes.entry(dir).or_insert(Node::Dir(now()));
        }
        t.nodes
            .insert(parts.join("/"), Node::File(data.to_vec(), now()));
    }

    /// A file's bytes (`path` relative to the mount), if it is there.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        match self.0.borrow().nodes.get(&split_rel(path).join("/")) {
            Some(Node::File(d, _)) => Some(d.clone()),
            _ => None,
        }
    }

    /// The files' paths (relative to the mount), sorted.
    pub fn files(&self) -> Vec<String> {
        let t = self.0.borrow();
        t.nodes
            .iter()
            .filter(|(_, n)| matches!(n, Node::File(..)))
            .map(|(k, _)| k.clone())
            .collect()
    }
}

fn split_rel(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .map(str::to_string)
        .collect()
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

#[derive(Clone, Debug)]
enum Backing {
    Host { root: PathBuf, mode: MountMode },
    Memory,
}

/// One mount: a guest mount point served by a host folder, memory, or both (an overlay).
#[derive(Clone, Debug)]
pub(crate) struct Mount {
    /// Normalised guest path parts (`["data"]` for `/data`; empty for `/`).
    point: Vec<String>,
    backing: Backing,
    /// Memory files: the whole mount for memory mounts, the changes for overlays.
    upper: MemoryFs,
}

/// The mounts of a policy, the guest working directory and the quota's use (shared by the policy's clones).
#[derive(Clone, Debug, Default)]
pub(crate) struct Mounts {
    mounts: Vec<Mount>,
    state: Rc<RefCell<State>>,
}

#[derive(Debug)]
struct State {
    cwd: Option<String>,
    quota: u64,
    used: i64,
}

impl Default for State {
    fn default() -> Self {
        State {
            cwd: None,
            quota: DEFAULT_QUOTA,
            used: 0,
        }
    }
}

/// Bytes a program may add to writable mounts unless the host sets another quota: 64 MiB.
pub const DEFAULT_QUOTA: u64 = 64 << 20;

/// A failed file operation: CPython's `OSError` subclass, errno and text.
#[derive(Debug)]
pub(crate) struct FsError {
    pub class: &'static str,
    pub errno: i64,
    pub text: String,
    pub path: String,
}

impl FsError {
    fn new(errno: i64, path: &str) -> FsError {
        let (class, text) = match errno {
            2 => ("FileNotFoundError", "No such file or directory"),
            13 => ("PermissionError", "Permission denied"),
            17 => ("FileExistsError", "File exists"),
            18 => ("OSError", "Invalid cross-device link"),
            20 => ("NotADirectoryError", "Not a directory"),
            21 => ("IsADirectoryError", "Is a directory"),
            22 => ("OSError", "Invalid argument"),
            39 => ("OSError", "Directory not empty"),
            122 => ("OSError", "Disk quota exceeded (the host's file quota)"),
            _ => ("OSError", "Input/output error"),
        };
        FsError {
            class,
            errno,
            text: text.into(),
            path: path.into(),
        }
    }

    fn denied(path: &str, why: &str) -> FsError {
        FsError {
            class: "PermissionError",
            errno: 13,
            text: format!("Permission denied ({why})"),
            path: path.into(),
        }
    }

    fn io(e: &std::io::Error, path: &str) -> FsError {
        use std::io::ErrorKind as K;
        let errno = match e.kind() {
            K::NotFound => 2,
            K::PermissionDenied => 13,
            K::AlreadyExists => 17,
            K::NotADirectory => 20,
            K::IsADirectory => 21,
            K::DirectoryNotEmpty => 39,
            _ => e.raw_os_error().map_or(5, i64::from),
        };
        FsError::new(errno, path)
    }
}

type FsResult<T> = Result<T, FsError>;

/// Why a path outside every mount is refused.
const OUTSIDE: &str = "no mount of the host's file policy covers this path";

/// What `os.stat` reports.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stat {
    pub is_dir: bool,
    pub size: u64,
    pub mtime: f64,
    pub writable: bool,
}

/// How a write treats an existing file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Write {
    Truncate,
    Append,
    /// Fails with `FileExistsError` when the file exists (`open(..., 'x')`).
    New,
}

/// Where a guest path lands.
enum Place<'a> {
    /// Inside a mount: the mount and the path relative to it (`a/b`, `""` for the mount point).
    In(&'a Mount, String),
    /// A folder above mount points (lists their next parts).
    Virtual(Vec<String>),
    Nowhere,
}

impl Mounts {
    pub(crate) fn add_host(
        &mut self,
        guest: &str,
        host: &Path,
        mode: MountMode,
    ) -> Result<(), MountError> {
        let point = self.point(guest)?;
        let root = host.canonicalize().map_err(|source| MountError::Host {
            path: host.to_path_buf(),
            source,
        })?;
        if !root.is_dir() {
            return Err(MountError::NotAFolder(host.to_path_buf()));
        }
        self.mounts.push(Mount {
            point,
            backing: Backing::Host { root, mode },
            upper: MemoryFs::new(),
        });
        Ok(())
    }

    pub(crate) fn add_memory(&mut self, guest: &str, fs: MemoryFs) -> Result<(), MountError> {
        let point = self.point(guest)?;
        self.mounts.push(Mount {
            point,
            backing: Backing::Memory,
            upper: fs,
        });
        Ok(())
    }

    fn point(&self, guest: &str) -> Result<Vec<String>, MountError> {
        if !guest.starts_with('/') {
            return Err(MountError::NotAbsolute(guest.into()));
        }
        let point = normalize(guest);
        if self.mounts.iter().any(|m| m.point == point) {
            return Err(MountError::Duplicate(guest.into()));
        }
        Ok(point)
    }

    pub(crate) fn set_cwd(&self, cwd: &str) -> Result<(), MountError> {
        if !cwd.starts_with('/') {
            return Err(MountError::BadCwd(cwd.into()));
        }
        self.state.borrow_mut().cwd = Some(join_parts(&normalize(cwd)));
        Ok(())
    }

    pub(crate) fn set_quota(&self, bytes: u64) {
        self.state.borrow_mut().quota = bytes;
    }

    /// The guest working directory.
    pub(crate) fn cwd(&self) -> String {
        if let Some(c) = &self.state.borrow().cwd {
            return c.clone();
        }
        self.mounts
            .first()
            .map_or_else(|| "/".to_string(), |m| join_parts(&m.point))
    }

    /// `os.chdir`.
    pub(crate) fn chdir(&self, path: &str) -> FsResult<()> {
        let abs = self.absolute(path);
        let st = self.stat(path)?;
        if !st.is_dir {
            return Err(FsError::new(20, path));
        }
        self.state.borrow_mut().cwd = Some(abs);
        Ok(())
    }

    /// The absolute normalised guest path.
    pub(crate) fn absolute(&self, path: &str) -> String {
        if path.starts_with('/') {
            join_parts(&normalize(path))
        } else {
            join_parts(&normalize(&format!("{}/{}", self.cwd(), path)))
        }
    }

    fn place(&self, path: &str) -> Place<'_> {
        let parts = normalize(&self.absolute(path));
        let best = self
            .mounts
            .iter()
            .filter(|m| parts.starts_with(&m.point))
            .max_by_key(|m| m.point.len());
        if let Some(m) = best {
            return Place::In(m, parts[m.point.len()..].join("/"));
        }
        let below: BTreeSet<String> = self
            .mounts
            .iter()
            .filter(|m| m.point.len() > parts.len() && m.point.starts_with(&parts))
            .map(|m| m.point[parts.len()].clone())
            .collect();
        if below.is_empty() {
            Place::Nowhere
        } else {
            Place::Virtual(below.into_iter().collect())
        }
    }

    /// The host path of `rel` under a host mount, checked to stay inside it (links resolved). `Ok(None)`:
    /// the path does not exist on the host.
    fn host_path(root: &Path, rel: &str, guest: &str) -> FsResult<Option<PathBuf>> {
        let p = if rel.is_empty() {
            root.to_path_buf()
        } else {
            root.join(rel)
        };
        match std::fs::symlink_metadata(&p) {
            Err(_) => {
                // Missing: its nearest existing folder must still be inside the mount.
                let mut up = p.parent();
                while let Some(dir) = up {
                    if let Ok(real) = dir.canonicalize() {
                        if !real.starts_with(root) {
                            return Err(FsError::denied(guest, "a link leaves the mount"));
                        }
                        break;
                    }
                    up = dir.parent();
                }
                Ok(None)
            }
            Ok(_) => match p.canonicalize() {
                Ok(real) if real.starts_with(root) => Ok(Some(real)),
                Ok(_) => Err(FsError::denied(guest, "a link leaves the mount")),
                // A dangling link: never followed.
                Err(_) => Err(FsError::denied(guest, "a dangling link")),
            },
        }
    }

    /// The host file behind a guest path, for a library that must open the file itself (SQLite): `(host
    /// path, writable)`, only in a read-only or read-write host mount (an overlay's or a memory mount's
    /// files have no host file of their own), the path checked to stay inside the mount. A missing file is
    /// given only in a read-write mount (to be created there).
    pub(crate) fn host_file(&self, path: &str) -> Option<(PathBuf, bool)> {
        let Place::In(m, rel) = self.place(path) else {
            return None;
        };
        let Backing::Host { root, mode } = &m.backing else {
            return None;
        };
        let writable = match mode {
            MountMode::ReadOnly => false,
            MountMode::ReadWrite => true,
            MountMode::Overlay => return None,
        };
        match Self::host_path(root, &rel, path) {
            Ok(Some(p)) if p.is_file() => Some((p, writable)),
            Ok(None) if writable && !rel.is_empty() => Some((root.join(&rel), true)),
            _ => None,
        }
    }

    pub(crate) fn stat(&self, path: &str) -> FsResult<Stat> {
        match self.place(path) {
            Place::Nowhere => Err(FsError::denied(path, OUTSIDE)),
            Place::Virtual(_) => Ok(Stat {
                is_dir: true,
                size: 0,
                mtime: 0.0,
                writable: false,
            }),
            Place::In(m, rel) => self.stat_in(m, &rel, path),
        }
    }

    fn stat_in(&self, m: &Mount, rel: &str, guest: &str) -> FsResult<Stat> {
        let writable = !matches!(
            m.backing,
            Backing::Host {
                mode: MountMode::ReadOnly,
                ..
            }
        );
        if let Some(node) = upper_get(m, rel) {
            return Ok(match node {
                Node::Dir(t) => Stat {
                    is_dir: true,
                    size: 4096,
                    mtime: t,
                    writable,
                },
                Node::File(d, t) => Stat {
                    is_dir: false,
                    size: d.len() as u64,
                    mtime: t,
                    writable,
                },
            });
        }
        match &m.backing {
            Backing::Memory => Err(FsError::new(2, guest)),
            Backing::Host { root, .. } => {
                if whited_out(m, rel) {
                    return Err(FsError::new(2, guest));
                }
                let Some(p) = Self::host_path(root, rel, guest)? else {
                    return Err(FsError::new(2, guest));
                };
                let md = std::fs::metadata(&p).map_err(|e| FsError::io(&e, guest))?;
                let mtime = md
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0.0, |d| d.as_secs_f64());
                Ok(Stat {
                    is_dir: md.is_dir(),
                    size: md.len(),
                    mtime,
                    writable,
                })
            }
        }
    }

    /// A file's bytes, refusing files over `max` bytes.
    pub(crate) fn read(&self, path: &str, max: usize) -> FsResult<Vec<u8>> {
        let st = self.stat(path)?;
        if st.is_dir {
            return Err(FsError::new(21, path));
        }
        if st.size as usize > max {
            return Err(FsError {
                class: "MemoryError",
                errno: 12,
                text: format!("file of {} bytes is over the size limit", st.size),
                path: path.into(),
            });
        }
        let Place::In(m, rel) = self.place(path) else {
            return Err(FsError::new(21, path));
        };
        if let Some(Node::File(d, _)) = upper_get(m, &rel) {
            return Ok(d);
        }
        match &m.backing {
            Backing::Memory => Err(FsError::new(2, path)),
            Backing::Host { root, .. } => {
                let Some(p) = Self::host_path(root, &rel, path)? else {
                    return Err(FsError::new(2, path));
                };
                std::fs::read(&p).map_err(|e| FsError::io(&e, path))
            }
        }
    }

    /// Checks that `path` may be written (its folder exists, it is no folder, the mount is writable).
    fn writable(&self, path: &str) -> FsResult<(&Mount, String)> {
        match self.place(path) {
            Place::Nowhere => Err(FsError::denied(path, OUTSIDE)),
            Place::Virtual(_) => Err(FsError::denied(path, "a folder above the host's mounts")),
            Place::In(m, rel) => {
                if let Backing::Host {
                    mode: MountMode::ReadOnly,
                    ..
                } = m.backing
                {
                    return Err(FsError::denied(path, "read-only mount"));
                }
                Ok((m, rel))
            }
        }
    }

    fn parent_is_dir(&self, path: &str) -> FsResult<()> {
        let abs = self.absolute(path);
        let parent = match abs.rsplit_once('/') {
            Some(("", _)) | None => "/".to_string(),
            Some((p, _)) => p.to_string(),
        };
        match self.stat(&parent) {
            Ok(st) if st.is_dir => Ok(()),
            Ok(_) => Err(FsError::new(20, path)),
            Err(_) => Err(FsError::new(2, path)),
        }
    }

    fn charge(&self, grow: i64, path: &str) -> FsResult<()> {
        let mut st = self.state.borrow_mut();
        let next = st.used + grow;
        if grow > 0 && next > st.quota as i64 {
            return Err(FsError::new(122, path));
        }
        st.used = next;
        Ok(())
    }

    /// Writes a file (`how` says what happens to an existing one), charging the quota with its growth.
    pub(crate) fn write(&self, path: &str, data: &[u8], how: Write) -> FsResult<()> {
        let old = match self.stat(path) {
            Ok(st) if st.is_dir => return Err(FsError::new(21, path)),
            Ok(_) if how == Write::New => return Err(FsError::new(17, path)),
            Ok(st) => Some(st.size as i64),
            Err(e) if e.errno == 2 => None,
            Err(e) => return Err(e),
        };
        let (m, rel) = self.writable(path)?;
        if old.is_none() {
            self.parent_is_dir(path)?;
        }
        let grow = match how {
            Write::Append => data.len() as i64,
            _ => data.len() as i64 - old.unwrap_or(0),
        };
        self.charge(grow, path)?;
        let done = match &m.backing {
            Backing::Host {
                root,
                mode: MountMode::ReadWrite,
            } => {
                let p = match Self::host_path(root, &rel, path)? {
                    Some(p) => p,
                    None => root.join(&rel),
                };
                let mut o = std::fs::OpenOptions::new();
                match how {
                    Write::Append => o.append(true).create(true),
                    Write::Truncate => o.write(true).truncate(true).create(true),
                    Write::New => o.write(true).create_new(true),
                };
                o.open(&p)
                    .and_then(|mut f| std::io::Write::write_all(&mut f, data))
                    .map_err(|e| FsError::io(&e, path))
            }
            _ => {
                let mut content = match how {
                    Write::Append if old.is_some() => self.read(path, usize::MAX)?,
                    _ => Vec::new(),
                };
                content.extend_from_slice(data);
                let mut t = m.upper.0.borrow_mut();
                t.whiteouts.remove(&rel);
                t.nodes.insert(rel, Node::File(content, now()));
                Ok(())
            }
        };
        if done.is_err() {
            self.state.borrow_mut().used -= grow;
        }
        done
    }

    /// The names in a folder, sorted.
    pub(crate) fn listdir(&self, path: &str) -> FsResult<Vec<String>> {
        let (m, rel) = match self.place(path) {
            Place::Nowhere => return Err(FsError::denied(path, OUTSIDE)),
            Place::Virtual(names) => return Ok(names),
            Place::In(m, rel) => (m, rel),
        };
        let st = self.stat_in(m, &rel, path)?;
        if !st.is_dir {
            return Err(FsError::new(20, path));
        }
        let mut names = BTreeSet::new();
        if let Backing::Host { root, .. } = &m.backing {
            if !whited_out(m, &rel) {
                if let Some(p) = Self::host_path(root, &rel, path)? {
                    if p.is_dir() {
                        let rd = std::fs::read_dir(&p).map_err(|e| FsError::io(&e, path))?;
                        for e in rd.flatten() {
                            let n = e.file_name().to_string_lossy().into_owned();
                            let child = child_rel(&rel, &n);
                            if !m.upper.0.borrow().whiteouts.contains(&child) {
                                names.insert(n);
                            }
                        }
                    }
                }
            }
        }
        let t = m.upper.0.borrow();
        let prefix = if rel.is_empty() {
            String::new()
        } else {
            format!("{rel}/")
        };
        for k in t.nodes.keys() {
            if let Some(rest) = k.strip_prefix(&prefix) {
                if !rest.is_empty() && !rest.contains('/') {
                    names.insert(rest.to_string());
                }
            }
        }
        // Mount points just below this folder.
        let here = normalize(&self.absolute(path));
        for other in &self.mounts {
            if other.point.len() == here.len() + 1 && other.point.starts_with(&here) {
                names.insert(other.point[here.len()].clone());
            }
        }
        Ok(names.into_iter().collect())
    }

    pub(crate) fn mkdir(&self, path: &str) -> FsResult<()> {
        if self.stat(path).is_ok() {
            return Err(FsError::new(17, path));
        }
        let (m, rel) = self.writable(path)?;
        self.parent_is_dir(path)?;
        match &m.backing {
            Backing::Host {
                root,
                mode: MountMode::ReadWrite,
            } => {
                Self::host_path(root, &rel, path)?;
                std::fs::create_dir(root.join(&rel)).map_err(|e| FsError::io(&e, path))
            }
            _ => {
                let mut t = m.upper.0.borrow_mut();
                t.whiteouts.remove(&rel);
                t.nodes.insert(rel, Node::Dir(now()));
                Ok(())
            }
        }
    }

    /// `os.remove` (`dir`: false) or `os.rmdir` (`dir`: true).
    pub(crate) fn remove(&self, path: &str, dir: bool) -> FsResult<()> {
        let st = self.stat(path)?;
        if st.is_dir != dir {
            return Err(FsError::new(if dir { 20 } else { 21 }, path));
        }
        if dir && !self.listdir(path)?.is_empty() {
            return Err(FsError::new(39, path));
        }
        let (m, rel) = self.writable(path)?;
        if rel.is_empty() {
            return Err(FsError::denied(path, "a mount point"));
        }
        match &m.backing {
            Backing::Host {
                root,
                mode: MountMode::ReadWrite,
            } => {
                let Some(p) = Self::host_path(root, &rel, path)? else {
                    return Err(FsError::new(2, path));
                };
                if dir {
                    std::fs::remove_dir(&p)
                } else {
                    std::fs::remove_file(&p)
                }
                .map_err(|e| FsError::io(&e, path))?;
            }
            _ => {
                let mut t = m.upper.0.borrow_mut();
                t.nodes.remove(&rel);
                if matches!(m.backing, Backing::Host { .. }) {
                    t.whiteouts.insert(rel);
                }
            }
        }
        if !dir {
            self.state.borrow_mut().used -= st.size as i64;
        }
        Ok(())
    }

    /// `os.rename`/`os.replace`: an existing file at `dst` is replaced; a folder is moved with its contents.
    pub(crate) fn rename(&self, src: &str, dst: &str) -> FsResult<()> {
        let st = self.stat(src)?;
        let (ms, rs) = self.writable(src)?;
        let (md, rd) = self.writable(dst)?;
        if rs.is_empty() {
            return Err(FsError::denied(src, "a mount point"));
        }
        if let Ok(d) = self.stat(dst) {
            if d.is_dir && !st.is_dir {
                return Err(FsError::new(21, dst));
            }
            if d.is_dir && !self.listdir(dst)?.is_empty() {
                return Err(FsError::new(39, dst));
            }
        } else {
            self.parent_is_dir(dst)?;
        }
        let a = self.absolute(src);
        let b = self.absolute(dst);
        if st.is_dir && b.starts_with(&format!("{a}/")) {
            return Err(FsError::new(22, src));
        }
        if std::ptr::eq(ms, md) {
            if let Backing::Host {
                root,
                mode: MountMode::ReadWrite,
            } = &ms.backing
            {
                let Some(p) = Self::host_path(root, &rs, src)? else {
                    return Err(FsError::new(2, src));
                };
                Self::host_path(root, &rd, dst)?;
                return std::fs::rename(p, root.join(&rd)).map_err(|e| FsError::io(&e, src));
            }
        } else if matches!(ms.backing, Backing::Host { .. })
            || matches!(md.backing, Backing::Host { .. })
        {
            return Err(FsError::new(18, src));
        }
        // Memory and overlay mounts: copy, then remove the source.
        self.copy_tree(&a, &b, st.is_dir)?;
        self.remove_tree(&a, st.is_dir)
    }

    fn copy_tree(&self, a: &str, b: &str, dir: bool) -> FsResult<()> {
        if !dir {
            let data = self.read(a, usize::MAX)?;
            return self.write(b, &data, Write::Truncate);
        }
        if self.stat(b).is_err() {
            self.mkdir(b)?;
        }
        for n in self.listdir(a)? {
            let (ca, cb) = (format!("{a}/{n}"), format!("{b}/{n}"));
            let is_dir = self.stat(&ca)?.is_dir;
            self.copy_tree(&ca, &cb, is_dir)?;
        }
        Ok(())
    }

    fn remove_tree(&self, a: &str, dir: bool) -> FsResult<()> {
        if dir {
            for n in self.listdir(a)? {
                let c = format!("{a}/{n}");
                let is_dir = self.stat(&c)?.is_dir;
                self.remove_tree(&c, is_dir)?;
            }
        }
        self.remove(a, dir)
    }
}

fn upper_get(m: &Mount, rel: &str) -> Option<Node> {
    let t = m.upper.0.borrow();
    if rel.is_empty() && matches!(m.backing, Backing::Memory) {
        return Some(t.nodes.get("").cloned().unwrap_or(Node::Dir(0.0)));
    }
    t.nodes.get(rel).cloned()
}

/// Whether an overlay removed `rel` or a folder above it.
fn whited_out(m: &Mount, rel: &str) -> bool {
    let t = m.upper.0.borrow();
    if t.whiteouts.is_empty() {
        return false;
    }
    let mut p = rel;
    loop {
        if t.whiteouts.contains(p) && !t.nodes.contains_key(p) {
            return true;
        }
        match p.rsplit_once('/') {
            Some((up, _)) => p = up,
            None => return false,
        }
    }
}

fn child_rel(rel: &str, name: &str) -> String {
    if rel.is_empty() {
        name.to_string()
    } else {
        format!("{rel}/{name}")
    }
}

/// The parts of a guest path after `.` and `..` (lexically; `..` stops at `/`).
fn normalize(path: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p.to_string()),
        }
    }
    out
}

fn join_parts(parts: &[String]) -> String {
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_mounts_write_list_and_remove() {
        let mut m = Mounts::default();
        m.add_memory("/mem", MemoryFs::new()).expect("mount");
        m.write("/mem/a.txt", b"xy", Write::Truncate)
            .expect("write");
        m.mkdir("/mem/d").expect("mkdir");
        m.write("d/b", b"z", Write::Append).expect("relative write");
        assert_eq!(m.listdir("/mem").expect("list"), ["a.txt", "d"]);
        assert_eq!(m.listdir("/").expect("virtual"), ["mem"]);
        assert_eq!(
            m.write("/etc/x", b"", Write::Truncate)
                .expect_err("refused")
                .errno,
            13
        );
        assert_eq!(
            m.write("/mem/a.txt", b"", Write::New)
                .expect_err("refused")
                .errno,
            17
        );
        assert_eq!(m.remove("/mem/d", true).expect_err("refused").errno, 39);
        m.rename("/mem/d", "/mem/e").expect("rename");
        assert_eq!(m.read("/mem/e/b", 10).expect("read"), b"z");
        assert_eq!(m.read("/mem/../mem/./a.txt", 10).expect("read"), b"xy");
        assert_eq!(m.read("/mem/zz", 10).expect_err("refused").errno, 2);
    }

    #[test]
    fn quota_bounds_growth() {
        let mut m = Mounts::default();
        m.add_memory("/m", MemoryFs::new()).expect("mount");
        m.set_quota(10);
        m.write("/m/a", &[0; 8], Write::Truncate).expect("fits");
        assert_eq!(
            m.write("/m/a", &[0; 3], Write::Append)
                .expect_err("refused")
                .errno,
            122
        );
        m.write("/m/a", &[0; 10], Write::Truncate)
            .expect("rewrite fits");
        m.remove("/m/a", false).expect("remove frees");
        m.write("/m/b", &[0; 10], Write::Truncate)
            .expect("fits again");
    }
}
