//! `Executor.map`: results in input order, lazily, with Python's `timeout`, `chunksize` and
//! `buffersize`. An error (a panic in `f`) surfaces at its own element; the others still arrive.

use crate::error::{Error, panic_message};
use crate::executor::Inner;
use crate::future::Future;
use crate::task::task;
use std::collections::VecDeque;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Python's keyword arguments to `map`.
///
/// ```
/// use std::time::Duration;
/// let options = pool::MapOptions::new().timeout(Duration::from_secs(5)).chunksize(64).buffersize(8);
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MapOptions {
    /// See [`MapOptions::timeout`].
    pub timeout: Option<Duration>,
    /// See [`MapOptions::chunksize`].
    pub chunksize: Option<usize>,
    /// See [`MapOptions::buffersize`].
    pub buffersize: Option<usize>,
}

impl MapOptions {
    /// Defaults: no timeout, automatic chunking, every item submitted at once (Python's behaviour).
    pub fn new() -> Self {
        Self::default()
    }

    /// Fail with [`Error::Timeout`] at the first result not ready this long after the `map` call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Items per task. Python's thread pool ignores it; here it is the main throughput knob. Default:
    /// automatic (about four chunks per worker, at most 4096 items each).
    pub fn chunksize(mut self, n: usize) -> Self {
        self.chunksize = Some(n);
        self
    }

    /// At most this many tasks (chunks) submitted and not yet yielded; the input is then read lazily, so
    /// an endless iterator works (Python 3.14's `buffersize`).
    pub fn buffersize(mut self, n: usize) -> Self {
        self.buffersize = Some(n);
        self
    }
}

/// A submitted piece of the map: one item's future, or a chunk's future with its item count.
enum Pending<R> {
    One(Future<R>),
    Chunk(Future<Vec<Result<R, Error>>>, usize),
}

impl<R> Pending<R> {
    fn cancel(&self) {
        match self {
            Pending::One(f) => f.cancel(),
            Pending::Chunk(f, _) => f.cancel(),
        };
    }
}

/// Pulls the next chunk of at most `size` items from `items` and submits it; `None` when exhausted.
fn submit_next_chunk<T, R, F>(
    inner: &Arc<Inner>,
    f: &Arc<F>,
    items: &mut impl Iterator<Item = T>,
    size: usize,
) -> Option<Result<Pending<R>, Error>>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Send + Sync + 'static,
{
    if size == 1 {
        // One item, one task: its panic is the task's own error, no chunk vector needed.
        let item = items.next()?;
        let f = Arc::clone(f);
        let (future, job) = task(move || f(item));
        return Some(inner.submit_job(job).map(|()| Pending::One(future)));
    }
    let chunk: Vec<T> = items.take(size).collect();
    if chunk.is_empty() {
        return None;
    }
    let len = chunk.len();
    let f = Arc::clone(f);
    let (future, job) = task(move || {
        chunk
            .into_iter()
            .map(|x| {
                catch_unwind(AssertUnwindSafe(|| f(x))).map_err(|p| Error::Panicked {
                    message: panic_message(&*p),
                })
            })
            .collect::<Vec<_>>()
    });
    Some(inner.submit_job(job).map(|()| Pending::Chunk(future, len)))
}

/// The lazy input of a `buffersize` map: submits the next chunk, `None` when the input ends.
type ChunkSource<R> = Box<dyn FnMut(&Arc<Inner>) -> Option<Result<Pending<R>, Error>> + Send>;

/// The lazy, ordered iterator `map` returns: exactly one `Result` per input item, in input order — the
/// item's value, or that item's error (its panic, or the failure of the chunk it was in). A timeout is
/// reported once and ends the iteration, as in Python. Dropping the iterator cancels the tasks that
/// have not started, as Python's result iterator does.
pub struct MapResults<R> {
    inner: Arc<Inner>,
    pending: VecDeque<Pending<R>>,
    current: std::vec::IntoIter<Result<R, Error>>,
    /// Copies of a whole chunk's error still to yield, one per item of the failed chunk.
    failed: Option<(Error, usize)>,
    source: Option<ChunkSource<R>>,
    deadline: Option<Instant>,
    timeout: Option<Duration>,
    buffersize: Option<usize>,
    finished: bool,
}

impl<R> fmt::Debug for MapResults<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapResults")
            .field("pending_tasks", &self.pending.len())
            .field("buffersize", &self.buffersize)
            .field("finished", &self.finished)
            .finish()
    }
}

impl<R: Send + 'static> MapResults<R> {
    pub(crate) fn start<T, F, I>(
        inner: Arc<Inner>,
        f: F,
        items: I,
        options: MapOptions,
    ) -> Result<Self, Error>
    where
        I: Iterator<Item = T> + Send + 'static,
        T: Send + 'static,
        F: Fn(T) -> R + Send + Sync + 'static,
    {
        if options.chunksize == Some(0) {
            return Err(Error::InvalidArgument(
                "chunksize must be at least 1 (or unset for automatic)".into(),
            ));
        }
        if options.buffersize == Some(0) {
            return Err(Error::InvalidArgument(
                "buffersize must be at least 1 (or unset to submit every item)".into(),
            ));
        }
        let deadline = options.timeout.map(|t| Instant::now() + t);
        let f = Arc::new(f);
        let workers = inner.max_workers();
        let mut results = MapResults {
            inner,
            pending: VecDeque::new(),
            current: Vec::new().into_iter(),
            failed: None,
            source: None,
            deadline,
            timeout: options.timeout,
            buffersize: options.buffersize,
            finished: false,
        };
        match options.buffersize {
            None => {
                // Python collects the input eagerly and submits everything before yielding.
                let items: Vec<T> = items.collect();
                let size = options
                    .chunksize
                    .unwrap_or_else(|| auto_chunksize(items.len(), workers));
                let mut items = items.into_iter();
                while let Some(submitted) = submit_next_chunk(&results.inner, &f, &mut items, size)
                {
                    results.pending.push_back(submitted?);
                }
            }
            Some(buffer) => {
                let size = options
                    .chunksize
                    .unwrap_or_else(|| auto_chunksize(items.size_hint().0, workers));
                let mut items = items;
                results.source = Some(Box::new(move |inner| {
                    submit_next_chunk(inner, &f, &mut items, size)
                }));
                for _ in 0..buffer {
                    if !results.submit_next()? {
                        break;
                    }
                }
            }
        }
        Ok(results)
    }

    /// Submits the next chunk from a lazy source; false when the input is exhausted.
    fn submit_next(&mut self) -> Result<bool, Error> {
        let next = match self.source.as_mut() {
            Some(source) => source(&self.inner),
            None => None,
        };
        match next {
            Some(submitted) => {
                self.pending.push_back(submitted?);
                Ok(true)
            }
            None => {
                self.source = None;
                Ok(false)
            }
        }
    }

    fn cancel_rest(&mut self) {
        self.finished = true;
        self.source = None;
        for p in self.pending.drain(..) {
            p.cancel();
        }
    }
}

/// About four chunks per worker, so uneven items still balance, and at most 4096 items a chunk, so the
/// first result is not long in coming.
fn auto_chunksize(len: usize, workers: usize) -> usize {
    len.div_ceil(workers.max(1) * 4).clamp(1, 4096)
}

impl<R: Send + 'static> Iterator for MapResults<R> {
    type Item = Result<R, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((err, left)) = self.failed.take() {
                if left > 1 {
                    self.failed = Some((err.clone(), left - 1));
                }
                return Some(Err(err));
            }
            if let Some(item) = self.current.next() {
                return Some(item);
            }
            if self.finished {
                return None;
            }
            let Some(front) = self.pending.pop_front() else {
                self.finished = true;
                return None;
            };
            let remaining = self
                .deadline
                .map(|d| d.saturating_duration_since(Instant::now()));
            let (outcome, len) = match &front {
                Pending::One(f) => (f.result(remaining).map(Done::One), 1),
                Pending::Chunk(f, len) => (f.result(remaining).map(Done::Chunk), *len),
            };
            let single = match outcome {
                Ok(Done::One(value)) => Some(Ok(value)),
                Ok(Done::Chunk(items)) => {
                    self.current = items.into_iter();
                    None
                }
                Err(Error::Timeout(_)) => {
                    front.cancel();
                    self.cancel_rest();
                    return Some(Err(Error::Timeout(self.timeout.unwrap_or_default())));
                }
                // A one-item task's failure is that item's error.
                Err(err) if len == 1 => Some(Err(err)),
                // A chunk failed as a whole (a broken pool, cancellation by shutdown): each of its items
                // reports that error.
                Err(err) => {
                    self.failed = Some((err, len));
                    None
                }
            };
            if self.source.is_some() {
                if let Err(err) = self.submit_next() {
                    self.cancel_rest();
                    return Some(Err(err));
                }
            }
            if single.is_some() {
                return single;
            }
        }
    }
}

/// A completed piece of the map.
enum Done<R> {
    One(R),
    Chunk(Vec<Result<R, Error>>),
}

impl<R> Drop for MapResults<R> {
    fn drop(&mut self) {
        for p in self.pending.drain(..) {
            p.cancel();
        }
    }
}
