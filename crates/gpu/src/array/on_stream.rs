//! Copies queued on a stream (numba's `cuda.to_device(a, stream=s)`, `d.copy_to_host(stream=s)`,
//! `d.copy_to_device(a, stream=s)`): on CUDA they run in the stream's order, after the kernels and copies
//! queued on it before them and before those queued after, and the host does not wait for them. On the
//! simulator every launch has finished when it returns, so these copies run at once, in the same order.
//!
//! The host memory a queued copy reads or writes is owned by the copy, never borrowed from the caller:
//! `copy_from_host_on` stages the data in a buffer the stream keeps until its work has finished, and
//! `copy_to_host_on` writes into a buffer of its own, handed over by [`HostCopy::wait`]. So no safe program
//! can free or reuse memory the device is still copying.

use super::{DeviceArray, Storage};
use crate::dtype::Element;
use crate::stream::{Event, Stream};
use crate::{Device, Error, Result};

impl Device {
    /// `cuda.to_device(host, stream=stream)`: a new device array holding `host`, the copy queued on `stream`
    /// (the allocation itself is immediate). Kernels launched on `stream` afterwards see the data; work on
    /// other streams must wait for it (an [`Event`] recorded after it, or [`Stream::synchronize`]).
    ///
    /// # Errors
    /// As [`Device::to_device`], and [`Error::WrongDevice`] for a stream of another device.
    pub fn to_device_on<T: Element>(
        &self,
        stream: &Stream,
        host: &[T],
        shape: &[usize],
    ) -> Result<DeviceArray<T>> {
        stream.handle_for(self, "a copy to the device")?;
        if self.cuda_parts().is_none() {
            return self.to_device(host, shape);
        }
        let n = super::check_shape(shape)?;
        if host.len() != n {
            return Err(Error::LengthMismatch {
                shape: shape.to_vec(),
                expected: n,
                got: host.len(),
            });
        }
        let array = self.alloc_cuda::<T>(shape, n, false)?;
        array.copy_from_host_on(stream, host)?;
        Ok(array)
    }
}

impl<T: Element> DeviceArray<T> {
    /// `copy_to_device(host, stream=stream)`: overwrites the array with `host` (same number of elements),
    /// the copy queued on `stream`. `host` is staged first (copied into a buffer the stream keeps until its
    /// work is done), so the call returns without waiting for the device and `host` may be reused at once.
    /// Keep the [`Stream`] while copies are queued on it: dropping its last handle waits for them (so a
    /// temporary `device.default_stream()` makes the copy synchronous).
    ///
    /// ```
    /// use gpu::{Device, kernels};
    /// let device = Device::new();
    /// let stream = device.stream()?;
    /// let a = device.zeros::<f32>(&[2, 2])?;
    /// let c = device.device_array_like(&a)?;
    /// a.copy_from_host_on(&stream, &[1.0, 2.0, 3.0, 4.0])?; // queued
    /// kernels::source::mat_add.launch_on(&stream, &kernels::cover_2d(2, 2), (&a, &a, &c))?; // after it
    /// let result = c.copy_to_host_on(&stream)?; // after the kernel
    /// assert_eq!(result.wait()?, [2.0, 4.0, 6.0, 8.0]);
    /// # Ok::<(), gpu::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::WrongDevice`] for a stream of another device, [`Error::LengthMismatch`], or a CUDA copy
    /// failure.
    pub fn copy_from_host_on(&self, stream: &Stream, host: &[T]) -> Result<()> {
        let handle = stream.handle_for(&self.device, "a copy to the device")?;
        self.check_len(host.len())?;
        match (&self.storage, handle) {
            (Storage::Cuda { ptr, .. }, Some(handle)) => {
                let staged: Box<[T]> = host.into();
                let d = self.make_current()?;
                // SAFETY: the device range holds `len` elements (checked above); `staged` is kept by the
                // stream until its work has finished (`keep_until_done`), so the driver reads live memory
                // even after this call returns; its heap address does not move when the box does.
                d.check("cuMemcpyHtoDAsync", unsafe {
                    (d.memcpy_htod_async)(
                        *ptr,
                        staged.as_ptr().cast(),
                        std::mem::size_of_val(host),
                        handle,
                    )
                })?;
                stream.keep_until_done(Box::new(staged));
                self.device.count_copy(true, std::mem::size_of_val(host));
                Ok(())
            }
            _ => self.copy_from_host(host),
        }
    }

    /// `copy_to_host(stream=stream)`: queues a copy of the array's elements on `stream`, after the work
    /// queued on it so far, and returns at once; [`HostCopy::wait`] gives the elements once the copy has
    /// run. The copy writes into memory the [`HostCopy`] owns (dropping it unwaited waits for the copy).
    ///
    /// # Errors
    /// [`Error::WrongDevice`] for a stream of another device, or a CUDA failure queuing the copy.
    pub fn copy_to_host_on(&self, stream: &Stream) -> Result<HostCopy<T>> {
        let handle = stream.handle_for(&self.device, "a copy to the host")?;
        match (&self.storage, handle) {
            (Storage::Cuda { ptr, .. }, Some(handle)) => {
                let done = self.device.event()?;
                let mut data = vec![T::default(); self.len()];
                let d = self.make_current()?;
                let bytes = std::mem::size_of_val(data.as_slice());
                // SAFETY: `data` has room for `bytes`; the device range holds `len` elements. `data` moves
                // into the `HostCopy`, which hands it out (or frees it) only after the event recorded
                // behind the copy has completed; moving a `Vec` does not move its heap buffer.
                d.check("cuMemcpyDtoHAsync", unsafe {
                    (d.memcpy_dtoh_async)(data.as_mut_ptr().cast(), *ptr, bytes, handle)
                })?;
                let copy = HostCopy {
                    data: Some(data),
                    done: Some(done),
                };
                // Should recording fail, `done` stays unrecorded and dropping `copy` leaks `data` rather than
                // free memory the queued copy may still write.
                copy.done
                    .as_ref()
                    .map_or(Ok(()), |done| done.record(stream))?;
                self.device.count_copy(false, bytes);
                Ok(copy)
            }
            _ => Ok(HostCopy {
                data: Some(self.copy_to_host()?),
                done: None,
            }),
        }
    }

    /// `copy_to_device(source, stream=stream)`: overwrites this array with `source`'s elements on the
    /// device, queued on `stream` (not a host transfer).
    ///
    /// # Errors
    /// [`Error::WrongDevice`] for a stream or source of another device, [`Error::LengthMismatch`], or a
    /// CUDA copy failure.
    pub fn copy_from_device_on(&self, stream: &Stream, source: &DeviceArray<T>) -> Result<()> {
        let handle = stream.handle_for(&self.device, "a device-to-device copy")?;
        source.check_device(&self.device, "the source array")?;
        self.check_len(source.len())?;
        match (&self.storage, &source.storage, handle) {
            (Storage::Cuda { ptr: dst, .. }, Storage::Cuda { ptr: src, .. }, Some(handle)) => {
                let d = self.make_current()?;
                // SAFETY: both ranges hold `len` elements (allocated or checked on wrapping); device memory
                // stays allocated while the arrays live, and freeing it (`cuMemFree`) waits for the copy.
                d.check("cuMemcpyDtoDAsync", unsafe {
                    (d.memcpy_dtod_async)(*dst, *src, self.len() * size_of::<T>(), handle)
                })
            }
            _ => self.copy_from_device(source),
        }
    }

    fn check_len(&self, got: usize) -> Result<()> {
        if got == self.len() {
            return Ok(());
        }
        Err(Error::LengthMismatch {
            shape: self.shape.clone(),
            expected: self.len(),
            got,
        })
    }
}

/// A copy to the host queued on a stream ([`DeviceArray::copy_to_host_on`]): the elements, once the copy has
/// run. Dropping it without [`HostCopy::wait`] waits for the copy first (the device is writing into its
/// memory); forgetting it (`std::mem::forget`) leaks that memory instead.
#[derive(Debug)]
#[must_use = "the copied elements come from `wait()`"]
pub struct HostCopy<T: Element> {
    /// The destination buffer; `None` once handed out.
    data: Option<Vec<T>>,
    /// Recorded on the stream behind the copy (CUDA); `None` on the simulator, where the copy has run.
    done: Option<Event>,
}

impl<T: Element> HostCopy<T> {
    /// Waits for the copy and returns the elements (row-major).
    ///
    /// # Errors
    /// [`Error::Cuda`] when the copy, or work queued before it on the stream, failed.
    pub fn wait(mut self) -> Result<Vec<T>> {
        if let Some(done) = &self.done {
            done.synchronize()?;
        }
        // Only `Drop` and this method take the buffer, and this method consumes `self`.
        Ok(self.data.take().unwrap_or_default())
    }

    /// Whether the copy has run (without waiting).
    ///
    /// # Errors
    /// [`Error::Cuda`] when the copy, or work queued before it on the stream, failed.
    pub fn is_ready(&self) -> Result<bool> {
        match &self.done {
            Some(done) => done.query(),
            None => Ok(true),
        }
    }
}

impl<T: Element> Drop for HostCopy<T> {
    fn drop(&mut self) {
        let Some(data) = self.data.take() else { return };
        let finished = match &self.done {
            None => true,
            Some(done) => done.synchronize().is_ok(),
        };
        if !finished {
            // The device may still write into it: never free memory the driver could write.
            std::mem::forget(data);
        }
    }
}
