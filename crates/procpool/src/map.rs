//! `ProcessPoolExecutor::map`: `pool`'s ordered `map` ([`pool::MapResults`]) over processes. Items are
//! grouped into chunks, each chunk one message and one task; results come back in input order, a panic
//! fails only its own item, a chunk that failed as a whole (its worker died) fails each of its items,
//! `timeout` counts from the call, and `buffersize` bounds the chunks in the pool so the input is read
//! lazily — all of it `pool`'s logic; this file only says how a batch travels to a worker.

use crate::error::ProcessError;
use crate::executor::Inner;
use crate::func;
use pool::{Error, MapBatch, MapOptions, MapResults, MapTask};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// A chunk's result travels as one `Result<R, panic message>` per item; the future gets `pool::Error`s.
pub(crate) fn decode_chunk<R: DeserializeOwned>(
    bytes: &[u8],
) -> Result<Vec<Result<R, Error>>, postcard::Error> {
    let items: Vec<Result<R, String>> = postcard::from_bytes(bytes)?;
    Ok(items
        .into_iter()
        .map(|r| r.map_err(|message| Error::Panicked { message }))
        .collect())
}

/// Encodes one batch and submits it as one task.
fn submit_batch<F, A, R>(inner: &Arc<Inner>, f: F, batch: MapBatch<A>) -> Result<MapTask<R>, Error>
where
    F: Fn(A) -> R + Copy + Send + 'static,
    A: Serialize + DeserializeOwned + 'static,
    R: Serialize + DeserializeOwned + Send + 'static,
{
    let encode_err =
        |message: String, type_name: &'static str| ProcessError::Argument { type_name, message };
    match batch {
        MapBatch::One(item) => {
            let call = func::task_call(&f).map_err(Error::failed)?;
            let arg_type = std::any::type_name::<A>();
            let bytes = crate::encode::to_bytes(&item).map_err(|e| encode_err(e, arg_type));
            inner
                .submit_encoded(call, bytes, arg_type, None)
                .map(MapTask::One)
        }
        MapBatch::Many(chunk) => {
            let len = chunk.len();
            let call = func::chunk_call(&f).map_err(Error::failed)?;
            let arg_type = std::any::type_name::<Vec<A>>();
            let bytes = crate::encode::to_bytes(&chunk).map_err(|e| encode_err(e, arg_type));
            inner
                .submit_decoded(call, bytes, arg_type, None, decode_chunk::<R>)
                .map(|future| MapTask::Chunk(future, len))
        }
    }
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
    // Refuse an unsendable function up front rather than at the first item.
    func::task_call(&f).map_err(Error::failed)?;
    let workers = inner.max_workers();
    MapResults::with_submitter(items, workers, options, move |batch| {
        submit_batch(&inner, f, batch)
    })
}
