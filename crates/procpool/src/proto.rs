//! The wire protocol between the pool and its workers: what travels on each worker's one task channel
//! and one result channel. Payloads are postcard bytes; from [`SHM_THRESHOLD`] up they travel in an
//! `IpcSharedMemory` region (one memfd) instead of through the socket.

use crate::func::Call;
use crate::segments::Segments;
use ipc_channel::ipc::{IpcSender, IpcSharedMemory};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

/// Payloads of this size or more go through shared memory rather than the socket.
pub const SHM_THRESHOLD: usize = 1 << 20;

/// A byte buffer for task arguments and results that serialises as one byte string — a length and a
/// copy — where serde's `Vec<u8>` is a sequence of separately encoded numbers. Use it for large binary
/// payloads: from [`SHM_THRESHOLD`] up they also travel in shared memory. Cheap to clone.
///
/// ```
/// # procpool::init();
/// use procpool::Bytes;
/// fn total(data: Bytes) -> u64 {
///     data.iter().map(|&b| u64::from(b)).sum()
/// }
/// let executor = procpool::ProcessPoolExecutor::new(1)?;
/// let data = Bytes::from(vec![1u8; 2 << 20]);
/// assert_eq!(executor.submit(total, data)?.result(None)?, 2 << 20);
/// # Ok::<(), pool::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Bytes(pub(crate) Arc<Vec<u8>>);

impl Bytes {
    /// The bytes as a new `Vec`.
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.to_vec()
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Bytes {
    /// Takes the vector over without copying it.
    fn from(v: Vec<u8>) -> Self {
        Bytes(Arc::new(v))
    }
}

impl From<&[u8]> for Bytes {
    fn from(v: &[u8]) -> Self {
        Bytes(Arc::new(v.to_vec()))
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({} bytes)", self.0.len())
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(Arc::new(v.to_vec())))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(Arc::new(v)))
            }
        }
        d.deserialize_bytes(V)
    }
}

/// A serialised argument or result.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) enum Payload {
    /// Small: inside the message.
    Inline(Bytes),
    /// Large: the first `len` bytes of a shared-memory segment whose file descriptor travels with the
    /// message. `seg` names the sender's segment, to release once decoded (0: not to be released).
    Shared {
        shm: IpcSharedMemory,
        len: usize,
        seg: u64,
    },
}

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Payload::Inline(b) => write!(f, "Inline({} bytes)", b.0.len()),
            Payload::Shared { len, .. } => write!(f, "Shared({len} bytes)"),
        }
    }
}

thread_local! {
    /// A worker's segments for its results (its tasks run on this one thread).
    static WORKER_SEGMENTS: RefCell<Option<Segments>> = const { RefCell::new(None) };
}

/// Result segments a worker keeps (and so file descriptors).
const WORKER_SEGMENTS_MAX: usize = 4;

/// Makes [`Payload::new`] on this thread lend reusable segments (the worker's task thread).
pub(crate) fn lend_segments_here() {
    WORKER_SEGMENTS.with(|s| *s.borrow_mut() = Some(Segments::new(WORKER_SEGMENTS_MAX)));
}

/// The receiver released segment `seg` lent by [`Payload::new`] on this thread.
pub(crate) fn release_segment_here(seg: u64) {
    WORKER_SEGMENTS.with(|s| {
        if let Some(s) = s.borrow_mut().as_mut() {
            s.release(seg);
        }
    });
}

impl Payload {
    /// A payload for `bytes`: inline below the threshold; else shared memory — a reused segment on a
    /// thread that called [`lend_segments_here`], a fresh one (never released) elsewhere.
    pub(crate) fn new(bytes: Vec<u8>) -> Self {
        if bytes.len() < SHM_THRESHOLD {
            return Payload::Inline(Bytes(Arc::new(bytes)));
        }
        let lent = WORKER_SEGMENTS.with(|s| s.borrow_mut().as_mut().and_then(|s| s.lend(&bytes)));
        match lent {
            Some((seg, shm)) => Payload::Shared {
                shm,
                len: bytes.len(),
                seg,
            },
            None => Payload::Shared {
                shm: IpcSharedMemory::from_bytes(&bytes),
                len: bytes.len(),
                seg: 0,
            },
        }
    }

    /// The payload for sending `bytes` kept by the pool: a segment lent from `segments` from the
    /// threshold up (with its id, to release when the task is done), else a cheap clone of the bytes.
    pub(crate) fn for_send(bytes: &Bytes, segments: &mut Segments) -> (Self, Option<u64>) {
        if bytes.len() < SHM_THRESHOLD {
            return (Payload::Inline(bytes.clone()), None);
        }
        let (seg, shm) = match segments.lend(bytes) {
            Some((seg, shm)) => (Some(seg), shm),
            None => (None, IpcSharedMemory::from_bytes(bytes)),
        };
        let payload = Payload::Shared {
            shm,
            len: bytes.len(),
            seg: 0, // the pool learns from the task's Done that the worker is done with it
        };
        (payload, seg)
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        match self {
            Payload::Inline(b) => &b.0,
            Payload::Shared { shm, len, .. } => shm.get(..*len).unwrap_or(&[]),
        }
    }

    /// The sender's segment to release once this payload is decoded, if any.
    pub(crate) fn segment(&self) -> Option<u64> {
        match self {
            Payload::Shared { seg, .. } if *seg != 0 => Some(*seg),
            _ => None,
        }
    }
}

/// One task as the worker sees it.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct TaskMsg {
    pub(crate) id: u64,
    /// Its slot in the worker's claim table (see `claims`).
    pub(crate) slot: u32,
    pub(crate) call: Call,
    pub(crate) arg: Payload,
}

/// Parent to worker.
#[derive(Serialize, Deserialize)]
pub(crate) enum ToWorker {
    /// First message: the worker's settings and the initializer to run.
    Init(InitMsg),
    /// Tasks to run in order; the worker sends one `Done` per task.
    Tasks(Vec<TaskMsg>),
    /// The pool decoded these results: their segments can be reused.
    Release(Vec<u64>),
    /// Finish: exit cleanly.
    Exit,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct InitMsg {
    pub(crate) initializer: Option<(Call, Payload)>,
    /// The claim table shared with the pool (see `claims`).
    pub(crate) claims: IpcSharedMemory,
    /// Exit after this many tasks (0: never).
    pub(crate) max_tasks: u64,
    /// Retire when resident memory exceeds this many bytes after a task (0: never).
    pub(crate) max_rss: u64,
    /// Exit when no task arrived for this many milliseconds (0: never).
    pub(crate) idle_ms: u64,
}

/// Worker to parent.
#[derive(Serialize, Deserialize)]
pub(crate) enum FromWorker {
    /// The handshake: the worker's pid and the sending end of its task channel.
    Hello {
        pid: u32,
        tasks: IpcSender<ToWorker>,
    },
    /// The initializer ran.
    Ready,
    /// The initializer failed; the worker exits.
    InitFailed(String),
    /// One task finished.
    Done { id: u64, outcome: Outcome },
    /// A task was taken back before it started (cancelled, or given to another worker): not run.
    Skipped { id: u64 },
    /// The worker is about to exit cleanly; tasks sent to it and not done were never started.
    Retiring(Retire),
    /// Sent by the pool itself to unblock a start-up `accept` whose worker never connected.
    Abort,
}

/// Why a worker retires on its own.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) enum Retire {
    MaxTasks,
    Memory { rss: u64 },
    Idle,
}

/// How a task ended in the worker.
#[derive(Serialize, Deserialize)]
pub(crate) enum Outcome {
    Ok(Payload),
    Panicked(String),
    BadArgument(String),
    BadResult(String),
}
