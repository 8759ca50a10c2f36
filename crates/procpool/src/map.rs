//! `ProcessPoolExecutor::map`: `pool`'s `map` semantics over processes. Items are grouped into chunks,
//! each chunk one message and one task; results come back in input order, a panic fails only its own
//! item, a chunk that failed as a whole (its worker died) fails each of its items, `timeout` counts from
//! the call, and `buffersize` bounds the chunks in the pool so the input is read lazily.

use crate::error::ProcessError;
use crate::executor::Inner;
use crate::func;
use pool::{Error, Future, MapOptions};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A submitted piece of the map.
enum Pending<R> {
    One(Future<R>),
    Chunk(Future<Vec<Result<R, String>>>, usize),
}

impl<R> Pending<R> {
    fn cancel(&self) {
        match self {
            Pending::One(f) => f.cancel(),
            Pending::Chunk(f, _) => f.cancel(),
        };
    }
}

type ChunkSource<R> = Box<dyn FnMut(&Arc<Inner>) -> Option<Result<Pending<R>, Error>> + Send>;

/// The ordered, lazy iterator [`map`](crate::ProcessPoolExecutor::map) returns: one `Result` per input
/// item, in input order. A timeout is reported once and ends the iteration, as in Python. Dropping it
/// cancels the chunks that have not started.
pub struct MapResults<R> {
    inner: Arc<Inner>,
    pending: VecDeque<Pending<R>>,
    current: std::vec::IntoIter<Result<R, String>>,
    failed: Option<(Error, usize)>,
    source: Option<ChunkSource<R>>,
    deadline: Option<Instant>,
    timeout: Option<Duration>,
    finished: bool,
}

impl<R> fmt::Debug for MapResults<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapResults")
            .field("pending_tasks", &self.pending.len())
            .field("finished", &self.finished)
            .finish()
    }
}

/// About four chunks per worker, at most 4096 items each (as `pool` does).
fn auto_chunksize(len: usize, workers: usize) -> usize {
    len.div_ceil(workers.max(1) * 4).clamp(1, 4096)
}

/// Pulls up to `size` items and submits them as one task.
fn submit_next<F, A, R>(
    inner: &Arc<Inner>,
    f: F,
    items: &mut impl Iterator<Item = A>,
    size: usize,
) -> Option<Result<Pending<R>, Error>>
where
    F: Fn(A) -> R + Copy + Send + 'static,
    A: Serialize + DeserializeOwned + 'static,
    R: Serialize + DeserializeOwned + Send + 'static,
{
    let encode_err = |e: postcard::Error| ProcessError::Argument {
        type_name: std::any::type_name::<A>(),
        message: e.to_string(),
    };
    if size == 1 {
        let item = items.next()?;
        let call = match func::task_call(&f) {
            Ok(c) => c,
            Err(e) => return Some(Err(Error::failed(e))),
        };
        let bytes = postcard::to_stdvec(&item).map_err(encode_err);
        let arg_type = std::any::type_name::<A>();
        return Some(
            inner
                .submit_encoded(call, bytes, arg_type, None)
                .map(Pending::One),
        );
    }
    let chunk: Vec<A> = items.take(size).collect();
    if chunk.is_empty() {
        return None;
    }
    let len = chunk.len();
    let call = match func::chunk_call(&f) {
        Ok(c) => c,
        Err(e) => return Some(Err(Error::failed(e))),
    };
    let bytes = postcard::to_stdvec(&chunk).map_err(encode_err);
    Some(
        inner
            .submit_encoded(call, bytes, std::any::type_name::<Vec<A>>(), None)
            .map(|fut| Pending::Chunk(fut, len)),
    )
}

pub(crate) fn start<F, A, R, I>(
    inner: Arc<Inner>,
    f: F,
    items: I,
    options: MapOptions,
) -> Result<MapResults<R>, Error>
where
    F: Fn(A) -> R + Copy + Send + 'static,
    A: Serialize + DeserializeOwned + Send + 'static,
    R: Serialize + DeserializeOwned + Send + 'static,
    I: Iterator<Item = A> + Send + 'static,
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
    // Refuse an unsendable function up front rather than at the first item.
    func::task_call(&f).map_err(Error::failed)?;
    let workers = inner.max_workers();
    let mut results = MapResults {
        inner,
        pending: VecDeque::new(),
        current: Vec::new().into_iter(),
        failed: None,
        source: None,
        deadline: options.timeout.map(|t| Instant::now() + t),
        timeout: options.timeout,
        finished: false,
    };
    match options.buffersize {
        None => {
            let items: Vec<A> = items.collect();
            let size = options
                .chunksize
                .unwrap_or_else(|| auto_chunksize(items.len(), workers));
            let mut items = items.into_iter();
            while let Some(submitted) = submit_next(&results.inner, f, &mut items, size) {
                results.pending.push_back(submitted?);
            }
        }
        Some(buffer) => {
            let size = options
                .chunksize
                .unwrap_or_else(|| auto_chunksize(items.size_hint().0, workers));
            let mut items = items;
            results.source = Some(Box::new(move |inner| {
                submit_next(inner, f, &mut items, size)
            }));
            for _ in 0..buffer {
                if !results.pull()? {
                    break;
                }
            }
        }
    }
    Ok(results)
}

impl<R> MapResults<R> {
    /// Submits the next chunk from a lazy source; false when the input is exhausted.
    fn pull(&mut self) -> Result<bool, Error> {
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

impl<R> Iterator for MapResults<R> {
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
                return Some(item.map_err(|message| Error::Panicked { message }));
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
            let step = match &front {
                Pending::One(fut) => match fut.result(remaining) {
                    Err(Error::Timeout(_)) => Step::TimedOut,
                    other => Step::Value(other),
                },
                Pending::Chunk(fut, len) => match fut.result(remaining) {
                    Ok(items) => {
                        self.current = items.into_iter();
                        Step::Chunk
                    }
                    Err(Error::Timeout(_)) => Step::TimedOut,
                    Err(e) => {
                        self.failed = Some((e, *len));
                        Step::Chunk
                    }
                },
            };
            if let Step::TimedOut = step {
                front.cancel();
                self.cancel_rest();
                return Some(Err(Error::Timeout(self.timeout.unwrap_or_default())));
            }
            if self.source.is_some() {
                if let Err(err) = self.pull() {
                    self.cancel_rest();
                    return Some(Err(err));
                }
            }
            if let Step::Value(v) = step {
                return Some(v);
            }
        }
    }
}

/// What one pending piece gave.
enum Step<R> {
    Value(Result<R, Error>),
    Chunk,
    TimedOut,
}

impl<R> Drop for MapResults<R> {
    fn drop(&mut self) {
        for p in self.pending.drain(..) {
            p.cancel();
        }
    }
}
