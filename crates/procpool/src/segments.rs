//! Reusing shared-memory segments for large payloads. Creating a fresh memfd for every payload makes
//! the kernel allocate (and zero) a new page for every 4 KiB written, and free them all again when the
//! last mapping goes: on a VM that is ~10 µs a page, ~25 ms for one 4 MiB round trip. A segment is
//! therefore kept by the process that created it and lent out: the payload is copied into a segment
//! whose pages already exist, the segment's descriptor travels with the message, and once the
//! receiver has decoded it the segment is released (the pool learns it from the task's `Done`; the
//! worker from a `Release` message) and lent again.

use ipc_channel::ipc::IpcSharedMemory;
use std::collections::HashMap;

/// Free segments kept for reuse, in bytes, per process side; beyond it the largest are dropped.
const KEEP_FREE_BYTES: usize = 64 << 20;
/// Segment sizes are multiples of this.
const GRAIN: usize = 256 << 10;

/// One process side's segments: those lent out, by id, and those free to lend. Each holds a file
/// descriptor, so there are at most `max` of them; past that, payloads travel in one-off regions.
pub(crate) struct Segments {
    next_id: u64,
    max: usize,
    lent: HashMap<u64, IpcSharedMemory>,
    free: Vec<(u64, IpcSharedMemory)>,
}

impl Segments {
    /// Room for `max` segments (and so `max` file descriptors).
    pub(crate) fn new(max: usize) -> Self {
        Segments {
            next_id: 0,
            max,
            lent: HashMap::new(),
            free: Vec::new(),
        }
    }

    /// A segment holding `bytes`, lent until [`release`](Self::release): its id and a handle to send;
    /// `None` when every segment is lent out.
    pub(crate) fn lend(&mut self, bytes: &[u8]) -> Option<(u64, IpcSharedMemory)> {
        let fit = self
            .free
            .iter()
            .enumerate()
            .filter(|(_, (_, m))| m.len() >= bytes.len())
            .min_by_key(|(_, (_, m))| m.len())
            .map(|(i, _)| i);
        let (id, mut shm) = match fit {
            Some(i) => self.free.swap_remove(i),
            None if self.lent.len() >= self.max => return None,
            None => {
                if self.lent.len() + self.free.len() >= self.max {
                    // Make room: the free ones are all too small.
                    self.free.pop();
                }
                self.next_id += 1;
                // Room to spare, so a slightly bigger payload next time still fits.
                let capacity = bytes.len().div_ceil(GRAIN).saturating_mul(GRAIN);
                (self.next_id, IpcSharedMemory::from_byte(0, capacity))
            }
        };
        // SAFETY: a free segment is mapped only here: its receivers are done with it (that is what
        // releasing it means), so nobody reads it while we write.
        unsafe { shm.deref_mut()[..bytes.len()].copy_from_slice(bytes) };
        let handle = shm.clone();
        self.lent.insert(id, shm);
        Some((id, handle))
    }

    /// The receiver is done with segment `id`: it can be lent again.
    pub(crate) fn release(&mut self, id: u64) {
        let Some(shm) = self.lent.remove(&id) else {
            return;
        };
        self.free.push((id, shm));
        let mut kept: usize = self.free.iter().map(|(_, m)| m.len()).sum();
        while kept > KEEP_FREE_BYTES {
            let Some(largest) = (0..self.free.len()).max_by_key(|&i| self.free[i].1.len()) else {
                break;
            };
            kept -= self.free.swap_remove(largest).1.len();
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_reused_after_release() {
        let mut s = Segments::new(2);
        let (a, ma) = s.lend(&[1; 3000]).unwrap();
        assert_eq!(&ma[..3000], &[1; 3000][..]);
        let (b, _) = s.lend(&[2; 100]).unwrap();
        assert_ne!(a, b, "a lent segment is not lent twice");
        assert!(s.lend(&[0; 10]).is_none(), "at most two");
        s.release(a);
        let (c, mc) = s.lend(&[3; 2000]).unwrap();
        assert_eq!(c, a, "the released segment is reused");
        assert_eq!(mc[0], 3);
        s.release(99); // unknown: ignored
        s.release(b);
        s.release(c);
        assert_eq!(s.free.len(), 2);
    }
}
