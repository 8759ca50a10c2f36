//! What travels between rank 0 and the worker ranks: postcard-encoded messages of MPI bytes, one tag each
//! way. Rank 0 opens one local process pool per executor on every worker rank, sends tasks in batches
//! within a window per rank, and closes the pools when the executor shuts down; a worker rank sends back
//! every result it has in one message.

use procpool::raw::Call;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Rank 0 to a worker rank.
pub(crate) const TAG_TO_RANK: i32 = 0x6d70;
/// A worker rank to rank 0.
pub(crate) const TAG_FROM_RANK: i32 = 0x6d71;

/// The most bytes one MPI message can carry (its count is a C `int`), less room for the envelope.
pub(crate) const MAX_PAYLOAD: usize = i32::MAX as usize - 4096;

/// Bytes that serialise as one byte string (serde's `Vec<u8>` is a sequence of separate numbers).
#[derive(Default, Clone, PartialEq, Eq)]
pub(crate) struct Blob(pub(crate) Vec<u8>);

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Blob;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Blob, E> {
                Ok(Blob(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob(v))
            }
        }
        d.deserialize_bytes(V)
    }
}

/// The settings of one executor's local pool on every worker rank.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RankSettings {
    /// Local worker processes per rank.
    pub(crate) processes: usize,
    /// Replace a local process after this many tasks.
    pub(crate) max_tasks_per_child: Option<u64>,
}

/// One task.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct TaskMsg {
    pub(crate) id: u64,
    pub(crate) call: Call,
    /// Per-task timeout in microseconds.
    pub(crate) timeout_us: Option<u64>,
    pub(crate) arg: Blob,
}

/// Rank 0 to a worker rank.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum ToRank {
    /// Start the local pool of executor `exec`.
    Open { exec: u32, settings: RankSettings },
    /// Run these tasks of executor `exec`.
    Tasks { exec: u32, tasks: Vec<TaskMsg> },
    /// Every task of `exec` is done: stop its local pool and answer `Closed`.
    Close { exec: u32 },
    /// The program is ending: kill local processes, finalize MPI and exit.
    Exit,
}

/// A worker rank to rank 0.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum FromRank {
    /// Finished tasks: (executor, task id, outcome), and how long the rank had tasks running since its
    /// previous report (ns, its own clock), which sizes its window at rank 0 without the trip between.
    Done {
        results: Vec<(u32, u64, WireOutcome)>,
        busy_ns: u64,
        /// The rank had no task left when it sent this: it waits for work (grows its window).
        drained: bool,
    },
    /// The local pool of `exec` has stopped and its processes are reaped.
    Closed { exec: u32 },
}

/// How a task ended on its rank.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum WireOutcome {
    Ok(Blob),
    Panicked(String),
    Crashed {
        pid: u32,
        status: String,
        host: String,
    },
    TimedOut {
        timeout_us: u64,
    },
    Argument(String),
    Result(String),
    TooLarge(usize),
    Cancelled,
    Broken(String),
    Other(String),
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn blobs_travel_as_one_byte_string() {
        let blob = Blob(vec![200u8; 1000]);
        let bytes = postcard::to_stdvec(&blob).unwrap();
        // A length prefix and the bytes; serde's Vec<u8> would spend two bytes on each value >= 128.
        assert_eq!(bytes.len(), 1000 + 2);
        assert_eq!(postcard::from_bytes::<Blob>(&bytes).unwrap(), blob);
    }

    #[test]
    fn messages_round_trip() {
        let call = procpool::raw::task_call(&|x: u32| x + 1).unwrap();
        let message = ToRank::Tasks {
            exec: 3,
            tasks: vec![TaskMsg {
                id: 9,
                call,
                timeout_us: Some(5),
                arg: Blob(vec![1, 2, 3]),
            }],
        };
        let bytes = postcard::to_stdvec(&message).unwrap();
        match postcard::from_bytes::<ToRank>(&bytes).unwrap() {
            ToRank::Tasks { exec: 3, tasks } => {
                assert_eq!((tasks[0].id, tasks[0].timeout_us), (9, Some(5)));
                assert_eq!(tasks[0].arg.0, [1, 2, 3]);
            }
            other => panic!("{other:?}"),
        }
    }
}
