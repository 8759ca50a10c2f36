//! Streams and events: numba's `cuda.stream()`, `cuda.event()`, `cuda.event_elapsed_time` (see [`Stream`]).

use crate::device::Device;
use crate::driver::{Driver, Handle};
use crate::{Error, Result};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// `CUDA_ERROR_NOT_READY`: the work is still running (from `cuStreamQuery`, `cuEventQuery`).
const NOT_READY: i32 = 600;

/// A queue of device work (numba's `cuda.stream()`). Clones share the stream, which is destroyed when the last
/// one is dropped.
///
/// On CUDA a [`Stream`] is a driver stream: kernels launched on it (`kernel.launch_on(&stream, ...)`,
/// [`crate::Module::launch_on`]) run in order on it and concurrently with other streams' work, and an
/// [`Event`] recorded on it marks a point in it, to wait for, to make another stream wait for, or to time.
/// On the simulator every launch runs to its end before it returns, so a stream is always idle, an event is
/// complete as soon as it is recorded, and the time between two events is the host time between their
/// recordings: the same program runs, and times, on both backends.
///
/// ```
/// use gpu::{Device, kernels};
/// let device = Device::new(); // CUDA where there is a GPU, else the simulator
/// let stream = device.stream()?; // cuda.stream()
/// let (start, end) = (device.event()?, device.event()?); // cuda.event()
/// let a = device.to_device(&[1.0f32; 1024], &[32, 32])?;
/// let c = device.device_array_like(&a)?;
/// start.record(&stream)?;
/// kernels::source::mat_add.launch_on(&stream, &kernels::cover_2d(32, 32), (&a, &a, &c))?;
/// end.record(&stream)?;
/// end.synchronize()?; // or stream.synchronize()
/// let ms = start.elapsed_ms(&end)?; // cuda.event_elapsed_time(start, end)
/// assert!(ms >= 0.0);
/// assert_eq!(c.copy_to_host()?, [2.0; 1024]);
/// # Ok::<(), gpu::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Stream {
    device: Device,
    inner: Arc<StreamInner>,
}

#[derive(Debug)]
enum StreamInner {
    Simulator,
    /// A driver stream; `owned` streams are destroyed on drop (the device's own stream is not).
    Cuda {
        driver: &'static Driver,
        context: Handle,
        handle: Handle,
        owned: bool,
        /// Host data staged for copies queued on the stream (`copy_from_host_on`), kept until a
        /// synchronize or a query has seen the stream's work finish (or until the stream is dropped, which
        /// waits for it first), so that the driver never reads memory that was freed.
        staged: Staged,
    },
}

/// Buffers a stream's queued copies still read from.
type Staged = Mutex<Vec<Box<dyn std::any::Any + Send>>>;

// SAFETY: driver handles are usable from any thread once their context is current, which every use makes
// it first.
unsafe impl Send for StreamInner {}
unsafe impl Sync for StreamInner {}

impl Drop for StreamInner {
    fn drop(&mut self) {
        if let StreamInner::Cuda {
            driver,
            context,
            handle,
            owned,
            ref staged,
        } = *self
        {
            let staged =
                std::mem::take(&mut *staged.lock().unwrap_or_else(PoisonError::into_inner));
            // SAFETY: a stream this crate created in `context` (or the device's own, when not `owned`),
            // destroyed once; the device it belongs to (held by the `Stream`) keeps the context retained
            // until after this runs.
            let finished = unsafe {
                (driver.ctx_set_current)(context);
                staged.is_empty() || (driver.stream_synchronize)(handle) == 0
            };
            if finished {
                drop(staged);
            } else {
                // The copies may still read them: never free memory the device could read.
                std::mem::forget(staged);
            }
            if owned {
                // SAFETY: as above.
                unsafe { (driver.stream_destroy)(handle) };
            }
        }
    }
}

/// A marker in a stream (numba's `cuda.event()`): recorded on a stream, it completes when the work queued
/// before it has; two of them time that work. Clones share the event.
#[derive(Debug, Clone)]
pub struct Event {
    device: Device,
    inner: Arc<EventInner>,
}

#[derive(Debug)]
struct EventInner {
    recorded: AtomicBool,
    kind: EventKind,
}

#[derive(Debug)]
enum EventKind {
    /// The host time of the last recording.
    Simulator(Mutex<Option<Instant>>),
    Cuda {
        driver: &'static Driver,
        context: Handle,
        handle: Handle,
    },
}

// SAFETY: as for `StreamInner`.
unsafe impl Send for EventInner {}
unsafe impl Sync for EventInner {}

impl Drop for EventInner {
    fn drop(&mut self) {
        if let EventKind::Cuda {
            driver,
            context,
            handle,
        } = self.kind
        {
            // SAFETY: an event this crate created in `context`, destroyed once.
            unsafe {
                (driver.ctx_set_current)(context);
                (driver.event_destroy)(handle);
            }
        }
    }
}

impl Device {
    /// A new stream on this device (numba's `cuda.stream()`): on CUDA a driver stream that does not wait for
    /// the device's default stream; on the simulator a handle whose launches run at once.
    ///
    /// # Errors
    /// [`Error::Cuda`] when the driver cannot create one.
    pub fn stream(&self) -> Result<Stream> {
        let inner = match self.cuda_parts() {
            None => StreamInner::Simulator,
            Some(cuda) => {
                cuda.make_current()?;
                let mut handle: Handle = std::ptr::null_mut();
                // SAFETY: a valid out-pointer; flag 1 is CU_STREAM_NON_BLOCKING, priority 0 the default.
                let code = unsafe { (cuda.driver.stream_create)(&mut handle, 1, 0) };
                cuda.driver.check("cuStreamCreateWithPriority", code)?;
                StreamInner::Cuda {
                    driver: cuda.driver,
                    context: cuda.context,
                    handle,
                    owned: true,
                    staged: Mutex::default(),
                }
            }
        };
        Ok(Stream {
            device: self.clone(),
            inner: Arc::new(inner),
        })
    }

    /// The stream `launch` and the copies use (numba's `cuda.default_stream()`): launches on it run in the
    /// order they were made.
    pub fn default_stream(&self) -> Stream {
        let inner = match self.cuda_parts() {
            None => StreamInner::Simulator,
            Some(cuda) => StreamInner::Cuda {
                driver: cuda.driver,
                context: cuda.context,
                handle: cuda.stream,
                owned: false,
                staged: Mutex::default(),
            },
        };
        Stream {
            device: self.clone(),
            inner: Arc::new(inner),
        }
    }

    /// A new event on this device, with timing (numba's `cuda.event(timing=True)`).
    ///
    /// # Errors
    /// [`Error::Cuda`] when the driver cannot create one.
    pub fn event(&self) -> Result<Event> {
        let kind = match self.cuda_parts() {
            None => EventKind::Simulator(Mutex::new(None)),
            Some(cuda) => {
                cuda.make_current()?;
                let mut handle: Handle = std::ptr::null_mut();
                // SAFETY: a valid out-pointer; flags 0 is CU_EVENT_DEFAULT (timing on).
                let code = unsafe { (cuda.driver.event_create)(&mut handle, 0) };
                cuda.driver.check("cuEventCreate", code)?;
                EventKind::Cuda {
                    driver: cuda.driver,
                    context: cuda.context,
                    handle,
                }
            }
        };
        Ok(Event {
            device: self.clone(),
            inner: Arc::new(EventInner {
                recorded: AtomicBool::new(false),
                kind,
            }),
        })
    }
}

/// The buffers staged on a stream so far (see [`StreamInner::Cuda`]'s `staged`).
fn take_staged(staged: &Staged) -> Vec<Box<dyn std::any::Any + Send>> {
    std::mem::take(&mut *staged.lock().unwrap_or_else(PoisonError::into_inner))
}

/// After a synchronize or query: frees `done` when the stream's work `finished`, else puts it back.
fn release_staged(staged: &Staged, done: Vec<Box<dyn std::any::Any + Send>>, finished: bool) {
    if !finished && !done.is_empty() {
        staged
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(done);
    }
}

/// `Ok(true)` for success, `Ok(false)` for `CUDA_ERROR_NOT_READY`, else the driver's error.
fn ready(driver: &Driver, call: &'static str, code: i32) -> Result<bool> {
    match code {
        0 => Ok(true),
        NOT_READY => Ok(false),
        _ => driver.check(call, code).map(|()| true),
    }
}

impl Stream {
    /// The device the stream belongs to.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The driver stream, or `None` on the simulator; fails when the stream is of another device than `device`.
    pub(crate) fn handle_for(&self, device: &Device, what: &str) -> Result<Option<Handle>> {
        if !self.device.same_as(device) {
            return Err(Error::WrongDevice {
                what: format!("the stream of {what}"),
                array: self.device.name().to_string(),
                device: device.name().to_string(),
            });
        }
        Ok(match *self.inner {
            StreamInner::Simulator => None,
            StreamInner::Cuda { handle, .. } => Some(handle),
        })
    }

    /// Keeps `buffer` alive until the work queued on the stream so far has finished (a CUDA stream; on
    /// the simulator nothing is queued and it is dropped at once).
    pub(crate) fn keep_until_done(&self, buffer: Box<dyn std::any::Any + Send>) {
        if let StreamInner::Cuda { staged, .. } = &*self.inner {
            staged
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(buffer);
        }
    }

    /// Waits until all the work queued on the stream has finished (numba's `stream.synchronize()`).
    ///
    /// # Errors
    /// [`Error::Cuda`] when work on the stream failed.
    pub fn synchronize(&self) -> Result<()> {
        match *self.inner {
            StreamInner::Simulator => Ok(()),
            StreamInner::Cuda {
                driver,
                context,
                handle,
                ref staged,
                ..
            } => {
                // SAFETY: the stream's own context and handle.
                driver.check("cuCtxSetCurrent", unsafe {
                    (driver.ctx_set_current)(context)
                })?;
                // The buffers staged so far are read by work queued before this point: free once it is done.
                let done = take_staged(staged);
                let code = unsafe { (driver.stream_synchronize)(handle) };
                release_staged(staged, done, code == 0);
                driver.check("cuStreamSynchronize", code)
            }
        }
    }

    /// Whether all the work queued on the stream has finished, without waiting (`cuStreamQuery`).
    ///
    /// # Errors
    /// [`Error::Cuda`] when work on the stream failed.
    pub fn query(&self) -> Result<bool> {
        match *self.inner {
            StreamInner::Simulator => Ok(true),
            StreamInner::Cuda {
                driver,
                context,
                handle,
                ref staged,
                ..
            } => {
                // SAFETY: as in `synchronize`.
                driver.check("cuCtxSetCurrent", unsafe {
                    (driver.ctx_set_current)(context)
                })?;
                let done = take_staged(staged);
                let code = unsafe { (driver.stream_query)(handle) };
                release_staged(staged, done, code == 0);
                ready(driver, "cuStreamQuery", code)
            }
        }
    }

    /// Makes the work queued on this stream from now on wait until `event` has completed (numba's
    /// `event.wait(stream)`), without blocking the host.
    ///
    /// # Errors
    /// [`Error::WrongDevice`] when the event belongs to another device, [`Error::Event`] when it was never
    /// recorded, [`Error::Cuda`] when the driver refuses.
    pub fn wait_event(&self, event: &Event) -> Result<()> {
        event.check_device(&self.device)?;
        event.check_recorded("a stream waits for")?;
        match (&*self.inner, &event.inner.kind) {
            (
                StreamInner::Cuda {
                    driver,
                    context,
                    handle,
                    ..
                },
                EventKind::Cuda { handle: e, .. },
            ) => {
                // SAFETY: a stream and an event of one context (checked above).
                driver.check("cuCtxSetCurrent", unsafe {
                    (driver.ctx_set_current)(*context)
                })?;
                let code = unsafe { (driver.stream_wait_event)(*handle, *e, 0) };
                driver.check("cuStreamWaitEvent", code)
            }
            _ => Ok(()),
        }
    }
}

impl Event {
    /// The device the event belongs to.
    pub fn device(&self) -> &Device {
        &self.device
    }

    fn check_device(&self, device: &Device) -> Result<()> {
        if self.device.same_as(device) {
            Ok(())
        } else {
            Err(Error::WrongDevice {
                what: "the event".to_string(),
                array: self.device.name().to_string(),
                device: device.name().to_string(),
            })
        }
    }

    fn check_recorded(&self, what: &str) -> Result<()> {
        if self.inner.recorded.load(Ordering::Acquire) {
            Ok(())
        } else {
            Err(Error::Event {
                why: format!(
                    "the event {what} was never recorded; call `event.record(&stream)` first"
                ),
            })
        }
    }

    /// Marks the current end of `stream`'s queue (numba's `event.record(stream)`): the event completes when
    /// the work queued before it has. Recording again moves the mark.
    ///
    /// # Errors
    /// [`Error::WrongDevice`] when the stream belongs to another device, [`Error::Cuda`] when the driver
    /// refuses.
    pub fn record(&self, stream: &Stream) -> Result<()> {
        let handle = stream.handle_for(&self.device, "an event's recording")?;
        match (&self.inner.kind, handle) {
            (EventKind::Simulator(at), _) => {
                *at.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
            }
            (
                EventKind::Cuda {
                    driver,
                    context,
                    handle: e,
                },
                Some(s),
            ) => {
                // SAFETY: an event and a stream of one context (checked above).
                driver.check("cuCtxSetCurrent", unsafe {
                    (driver.ctx_set_current)(*context)
                })?;
                let code = unsafe { (driver.event_record)(*e, s) };
                driver.check("cuEventRecord", code)?;
            }
            (EventKind::Cuda { .. }, None) => {
                return Err(Error::WrongBackend {
                    operation: "recording a CUDA event".to_string(),
                    needed: "CUDA",
                    actual: "simulator",
                });
            }
        }
        self.inner.recorded.store(true, Ordering::Release);
        Ok(())
    }

    /// Waits on the host until the event has completed (numba's `event.synchronize()`).
    ///
    /// # Errors
    /// [`Error::Event`] when it was never recorded, [`Error::Cuda`] when work before it failed.
    pub fn synchronize(&self) -> Result<()> {
        self.check_recorded("waited for")?;
        match &self.inner.kind {
            EventKind::Simulator(_) => Ok(()),
            EventKind::Cuda {
                driver,
                context,
                handle,
            } => {
                // SAFETY: the event's own context and handle.
                driver.check("cuCtxSetCurrent", unsafe {
                    (driver.ctx_set_current)(*context)
                })?;
                let code = unsafe { (driver.event_synchronize)(*handle) };
                driver.check("cuEventSynchronize", code)
            }
        }
    }

    /// Whether the event has completed, without waiting (numba's `event.query()`).
    ///
    /// # Errors
    /// [`Error::Event`] when it was never recorded, [`Error::Cuda`] when work before it failed.
    pub fn query(&self) -> Result<bool> {
        self.check_recorded("queried")?;
        match &self.inner.kind {
            EventKind::Simulator(_) => Ok(true),
            EventKind::Cuda {
                driver,
                context,
                handle,
            } => {
                // SAFETY: as in `synchronize`.
                driver.check("cuCtxSetCurrent", unsafe {
                    (driver.ctx_set_current)(*context)
                })?;
                ready(driver, "cuEventQuery", unsafe {
                    (driver.event_query)(*handle)
                })
            }
        }
    }

    /// Milliseconds from this event to `end`, both recorded and complete (numba's
    /// `cuda.event_elapsed_time(self, end)`): the device's time on CUDA (about 0.5 µs resolution), the host's
    /// time between the recordings on the simulator.
    ///
    /// # Errors
    /// [`Error::WrongDevice`] for events of two devices, [`Error::Event`] when either was never recorded or
    /// (on CUDA) has not completed yet, [`Error::Cuda`] when the driver refuses.
    pub fn elapsed_ms(&self, end: &Event) -> Result<f32> {
        end.check_device(&self.device)?;
        self.check_recorded("timed from")?;
        end.check_recorded("timed to")?;
        match (&self.inner.kind, &end.inner.kind) {
            (EventKind::Simulator(a), EventKind::Simulator(b)) => {
                let a = *a.lock().unwrap_or_else(PoisonError::into_inner);
                let b = *b.lock().unwrap_or_else(PoisonError::into_inner);
                Ok(match (a, b) {
                    (Some(a), Some(b)) if b >= a => (b - a).as_secs_f32() * 1e3,
                    (Some(a), Some(b)) => -((a - b).as_secs_f32() * 1e3),
                    _ => 0.0,
                })
            }
            (
                EventKind::Cuda {
                    driver,
                    context,
                    handle: a,
                },
                EventKind::Cuda { handle: b, .. },
            ) => {
                let mut ms = 0.0f32;
                // SAFETY: two events of one context (checked above) and a valid out-pointer.
                driver.check("cuCtxSetCurrent", unsafe {
                    (driver.ctx_set_current)(*context)
                })?;
                let code = unsafe { (driver.event_elapsed_time)(&mut ms, *a, *b) };
                if code == NOT_READY {
                    return Err(Error::Event {
                        why: "the events have not completed yet; call `end.synchronize()` first"
                            .to_string(),
                    });
                }
                driver.check("cuEventElapsedTime", code)?;
                Ok(ms)
            }
            _ => Err(Error::WrongDevice {
                what: "the end event".to_string(),
                array: end.device.name().to_string(),
                device: self.device.name().to_string(),
            }),
        }
    }
}
