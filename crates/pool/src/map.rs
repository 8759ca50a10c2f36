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

/// A batch of input items for one task: what a [`MapResults::with_submitter`] submitter receives.
#[derive(Debug)]
pub enum MapBatch<T> {
    /// One item (chunk size 1): submit it as a task of its own, whose failure is that item's error.
    One(T),
    /// Several items, in order: submit them as one task returning one `Result` per item.
    Many(Vec<T>),
}

/// A submitted batch, as a submitter returns it: the future of one item, or of a chunk with its length.
#[derive(Debug)]
pub enum MapTask<R> {
    /// The future of a [`MapBatch::One`].
    One(Future<R>),
    /// The future of a [`MapBatch::Many`] of the given length.
    Chunk(Future<Vec<Result<R, Error>>>, usize),
}

impl<R> MapTask<R> {
    fn cancel(&self) {
        match self {
            MapTask::One(f) => f.cancel(),
            MapTask::Chunk(f, _) => f.cancel(),
        };
    }
}

/// Hands out the next submitted batch, `None` when the input is exhausted.
type Source<R> = Box<dyn FnMut() -> Option<Result<MapTask<R>, Error>> + Send>;

/// The lazy, ordered iterator `map` returns: exactly one `Result` per input item, in input order — the
/// item's value, or that item's error (its panic, or the failure of the chunk it was in). A timeout is
/// reported once and ends the iteration, as in Python. Dropping the iterator cancels the tasks that
/// have not started, as Python's result iterator does.
///
/// Other executors (`procpool`) build theirs with [`MapResults::with_submitter`].
pub struct MapResults<R> {
    pending: VecDeque<MapTask<R>>,
    current: std::vec::IntoIter<Result<R, Error>>,
    /// Copies of a whole chunk's error still to yield, one per item of the failed chunk.
    failed: Option<(Error, usize)>,
    source: Option<Source<R>>,
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

/// Python's argument checks for `map`.
fn check(options: &MapOptions) -> Result<(), Error> {
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
    Ok(())
}

impl<R: Send + 'static> MapResults<R> {
    /// The ordered `map` iterator over any executor: `submit` receives the input in batches (of
    /// `options.chunksize` items, or an automatic size for `workers` workers) and returns each batch's
    /// future. Without `buffersize` every batch is submitted before this returns (Python's behaviour);
    /// with it, at most that many are in flight and the input is read lazily.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a zero `chunksize` or `buffersize`, and whatever `submit` returns
    /// for the batches submitted before this returns.
    pub fn with_submitter<T, I, S>(
        items: I,
        workers: usize,
        options: MapOptions,
        mut submit: S,
    ) -> Result<Self, Error>
    where
        I: Iterator<Item = T> + Send + 'static,
        T: Send + 'static,
        S: FnMut(MapBatch<T>) -> Result<MapTask<R>, Error> + Send + 'static,
    {
        check(&options)?;
        // Python collects the input eagerly unless a buffer size asks for laziness.
        let (mut items, len): (Box<dyn Iterator<Item = T> + Send>, usize) = match options.buffersize
        {
            None => {
                let all: Vec<T> = items.collect();
                let len = all.len();
                (Box::new(all.into_iter()), len)
            }
            Some(_) => {
                let len = items.size_hint().0;
                (Box::new(items), len)
            }
        };
        let size = options
            .chunksize
            .unwrap_or_else(|| auto_chunksize(len, workers));
        let source: Source<R> = Box::new(move || {
            let batch = if size == 1 {
                MapBatch::One(items.next()?)
            } else {
                let chunk: Vec<T> = items.by_ref().take(size).collect();
                if chunk.is_empty() {
                    return None;
                }
                MapBatch::Many(chunk)
            };
            Some(submit(batch))
        });
        let mut results = MapResults {
            pending: VecDeque::new(),
            current: Vec::new().into_iter(),
            failed: None,
            source: Some(source),
            deadline: crate::future::deadline_after(options.timeout),
            timeout: options.timeout,
            buffersize: options.buffersize,
            finished: false,
        };
        let in_flight = options.buffersize.unwrap_or(usize::MAX);
        for _ in 0..in_flight {
            if !results.submit_next()? {
                break;
            }
        }
        Ok(results)
    }

    /// `map` on the thread pool: each batch becomes one task; a chunk catches each item's panic so it
    /// fails only that item.
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
        let f = Arc::new(f);
        let workers = inner.max_workers();
        Self::with_submitter(items, workers, options, move |batch| match batch {
            MapBatch::One(item) => {
                let f = Arc::clone(&f);
                let (future, job) = task(move || f(item));
                inner.submit_job(job).map(|()| MapTask::One(future))
            }
            MapBatch::Many(chunk) => {
                let len = chunk.len();
                let f = Arc::clone(&f);
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
                inner.submit_job(job).map(|()| MapTask::Chunk(future, len))
            }
        })
    }

    /// Submits the next batch; false when the input is exhausted.
    fn submit_next(&mut self) -> Result<bool, Error> {
        let next = match self.source.as_mut() {
            Some(source) => source(),
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
                MapTask::One(f) => (f.take_result(remaining).map(Done::One), 1),
                MapTask::Chunk(f, len) => (f.take_result(remaining).map(Done::Chunk), *len),
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
