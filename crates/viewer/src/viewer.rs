//! [`Viewer`]: the named windows of one thread, and the event pump behind `wait_key`.
//!
//! Each window is a minifb window with its own X connection. `imshow` converts the image, sizes the window
//! (shrinking images larger than the screen) and draws at once, on X11 with its own `XPutImage` of the
//! converted pixels (minifb's `update_with_buffer` would first copy them into a buffer of its own); `wait_key` pumps every window's events,
//! redraws windows that were uncovered, notices windows closed by their close button, and sleeps in
//! `ppoll(2)` on the X connections so a key press wakes it immediately.

use crate::Error;
use crate::display::{self, Blit, Plan, XConnection, plan_from_env};
use crate::image::{Image, Sample, fit, shrink};
use crate::key::{Key, KeyQueue, Presses};
use minifb::{Window, WindowOptions};
use raw_window_handle::{HasDisplayHandle, HasWindowHandle, RawDisplayHandle, RawWindowHandle};
use std::mem::ManuallyDrop;
use std::time::{Duration, Instant};

/// How long one `ppoll(2)` may sleep before the windows are pumped again (bounds the delay for an event that
/// Xlib read into its queue without the socket staying readable).
const MAX_SLEEP: Duration = Duration::from_millis(10);
/// Offset between windows opened while others are open, so they do not hide each other exactly.
const CASCADE: isize = 40;

/// The windows opened by one thread: `cv2`'s window registry as a value.
///
/// minifb windows cannot move between threads, so neither can a `Viewer`; the free functions
/// ([`crate::imshow`], …) use one per thread.
///
/// ```no_run
/// use viewer::{Image, Viewer};
/// let pixels = vec![0u8; 64 * 48 * 3];
/// let mut viewer = Viewer::new();
/// viewer.imshow("black", &Image::bgr(&pixels, 64, 48)?)?;
/// let key = viewer.wait_key(0); // until a key press or the window is closed
/// viewer.destroy_all_windows();
/// # Ok::<(), viewer::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Viewer {
    windows: Vec<Shown>,
    closed_by_user: Vec<String>,
    x: Option<XConnection>,
    scratch: Vec<u32>,
}

/// One open window and what it shows.
struct Shown {
    name: String,
    /// Dropped by hand in `Drop`, before the window id is forgotten.
    window: ManuallyDrop<Window>,
    /// The window-sized pixels last shown, kept for redraws.
    pixels: Vec<u32>,
    size: (usize, usize),
    presses: Presses,
    /// X11 window id and connection, when the window is an X11 one.
    x11: Option<(u64, *mut x11_dl::xlib::Display)>,
    /// Draws `pixels` on an X11 window without minifb's extra copy; dropped before `window`.
    blit: Option<Blit>,
    needs_redraw: bool,
}

impl std::fmt::Debug for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shown")
            .field("name", &self.name)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl Drop for Shown {
    fn drop(&mut self) {
        // The blitter's GC lives on minifb's connection, which dropping the window closes.
        self.blit = None;
        // SAFETY: dropped exactly once, here, and never used afterwards.
        unsafe { ManuallyDrop::drop(&mut self.window) };
        // minifb's drop destroyed the X window and closed its connection: no error about it can follow.
        if let Some((id, _)) = self.x11 {
            display::forget(id);
        }
    }
}

impl Shown {
    /// Whether the window is gone: closed with its close button, or destroyed by another X client.
    fn is_gone(&self) -> bool {
        !self.window.is_open() || self.x11.is_some_and(|(id, _)| display::is_lost(id))
    }

    fn draw(&mut self) -> Result<(), Error> {
        self.needs_redraw = false;
        let (w, h) = self.size;
        // Our own XPutImage while the window still has the size it was created with (a window manager may
        // resize it; minifb then scales the buffer to the new size, as before).
        if let Some(blit) = self
            .blit
            .as_mut()
            .filter(|_| self.window.get_size() == (w, h))
        {
            if blit.put(&self.pixels) {
                self.window.update();
                return Ok(());
            }
        }
        self.window
            .update_with_buffer(&self.pixels, w, h)
            .map_err(|e| Error::Draw {
                window: self.name.clone(),
                reason: e.to_string(),
            })
    }
}

impl Viewer {
    /// A viewer with no windows; nothing connects to the display until the first `imshow`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Shows `image` in the window called `name`, opening the window (sized to the image, or shrunk to fit
    /// the screen keeping the aspect ratio) if no window has that name, and drawing at once.
    ///
    /// Errors: no display, a display that refuses, a screen minifb cannot draw on, a missing X11 library
    /// (each message says what to do), or an empty name / one with a NUL byte.
    pub fn imshow<T: Sample>(&mut self, name: &str, image: &Image<'_, T>) -> Result<(), Error> {
        check_name(name)?;
        let src = (image.width(), image.height());
        let screen = self.x.as_ref().map(|x| x.screen);
        let index = match self.windows.iter().position(|w| w.name == name) {
            Some(i) if self.windows[i].size == fit(src, screen) && !self.windows[i].is_gone() => i,
            existing => {
                // New window, the image changed size (reopen at the new size, as cv2 resizes an autosized
                // window), or the old window is gone (show the image again, as cv2 does).
                let presses = existing
                    .map(|i| self.windows.remove(i).presses.clone())
                    .unwrap_or_default();
                self.open(name, src, presses)?
            }
        };
        let shown = &mut self.windows[index];
        if shown.size == src {
            // Straight into the window's own buffer: one pass, and the same memory every frame.
            image.to_xrgb_into(&mut shown.pixels);
        } else {
            image.to_xrgb_into(&mut self.scratch);
            shrink(&self.scratch, src, shown.size, &mut shown.pixels);
        }
        shown.draw()
    }

    /// Opens a window for an image of size `src`; returns its index.
    fn open(&mut self, name: &str, src: (usize, usize), presses: Presses) -> Result<usize, Error> {
        let refusal = self.connect(name)?;
        let size = fit(src, self.x.as_ref().map(|x| x.screen));
        // minifb draws only Wayland windows and X11 windows a window manager resized (X11 windows at their
        // own size get our `Blit`): Stretch fills the window without first clearing it, which
        // AspectRatioStretch would (about 8% more per 1080p frame).
        let options = WindowOptions::default();
        let mut window = Window::new(name, size.0, size.1, options).map_err(|e| {
            let (window, reason) = (name.to_owned(), e.to_string());
            match refusal {
                Refusal::X11(display) => Error::WindowCreate {
                    window,
                    display: format!("the X display '{display}'"),
                    reason,
                },
                Refusal::Wayland(tried) => Error::NoUsableDisplay {
                    window,
                    tried,
                    reason,
                },
            }
        })?;
        window.set_target_fps(0); // wait_key paces; minifb's own 4 ms sleep would only add latency
        window.set_input_callback(Box::new(KeyQueue::new(presses.clone())));
        self.cascade(&mut window, size);
        let x11 = x11_ids(&window);
        let blit = x11.and_then(|(id, owner)| Blit::new(owner, id, size));
        if let Some((id, owner)) = x11 {
            display::adopt(id);
            if let Some(x) = &self.x {
                x.watch(owner, id);
            }
        }
        self.windows.push(Shown {
            name: name.to_owned(),
            window: ManuallyDrop::new(window),
            pixels: Vec::new(),
            size,
            presses,
            x11,
            blit,
            needs_redraw: true,
        });
        Ok(self.windows.len() - 1)
    }

    /// Checks the display before minifb touches it; returns how to word minifb's error if it still fails.
    fn connect(&mut self, window: &str) -> Result<Refusal, Error> {
        match plan_from_env() {
            Plan::Nothing => Err(Error::NoDisplay {
                window: window.to_owned(),
            }),
            Plan::X11 { display } => {
                if self.x.is_none() {
                    self.x = Some(XConnection::open(window, &display)?);
                }
                Ok(Refusal::X11(display))
            }
            Plan::Wayland { wayland, x11 } => {
                // minifb tries Wayland first and falls back to X11; an X connection gives the screen size,
                // and a screen minifb would crash on must be refused before that fallback can happen.
                let mut x11_ok = self.x.is_some();
                if let (false, Some(display)) = (x11_ok, &x11) {
                    match XConnection::open(window, display) {
                        Ok(x) => (self.x, x11_ok) = (Some(x), true),
                        Err(e @ Error::UnsupportedDepth { .. }) => return Err(e),
                        Err(_) => {}
                    }
                }
                let tried = match (&x11, x11_ok) {
                    (None, _) => format!(
                        "the Wayland display '{wayland}' (WAYLAND_DISPLAY) did not accept it and DISPLAY is not set"
                    ),
                    (Some(d), false) => format!(
                        "neither the Wayland display '{wayland}' (WAYLAND_DISPLAY) nor the X display '{d}' (DISPLAY) accepted it"
                    ),
                    (Some(d), true) => format!(
                        "the Wayland display '{wayland}' (WAYLAND_DISPLAY) and then the X display '{d}' (DISPLAY) refused it"
                    ),
                };
                Ok(Refusal::Wayland(tried))
            }
        }
    }

    /// minifb centres every window; offset each new one from the last so several stay visible.
    fn cascade(&self, window: &mut Window, size: (usize, usize)) {
        let count = self.windows.len();
        let Some(x) = self.x.as_ref().filter(|_| count > 0) else {
            return;
        };
        let step = CASCADE * isize::try_from(count).unwrap_or(0);
        let (sw, sh) = (x.screen.0 as isize, x.screen.1 as isize);
        let (w, h) = (size.0 as isize, size.1 as isize);
        let pos =
            |screen: isize, side: isize| ((screen - side) / 2 + step).min(screen - side).max(0);
        window.set_position(pos(sw, w), pos(sh, h));
    }

    /// Waits up to `ms` milliseconds (0: for ever) for a key press in any window, keeping every window drawn
    /// and responsive meanwhile, as `cv2.waitKey`.
    ///
    /// Returns `None` when the time is up, when the user closes a window (it is then gone: see
    /// [`Viewer::is_open`]), or at once when no window is open and `ms` is 0 (with no window, `wait_key(ms)`
    /// just sleeps `ms`). Modifier keys alone do not count as presses.
    pub fn wait_key(&mut self, ms: u64) -> Option<Key> {
        let deadline = (ms > 0).then(|| Instant::now() + Duration::from_millis(ms));
        if self.windows.is_empty() {
            if let Some(d) = deadline {
                std::thread::sleep(d.saturating_duration_since(Instant::now()));
            }
            return None;
        }
        loop {
            let closed = self.pump();
            if let Some(key) = self.next_key() {
                return Some(key);
            }
            if closed || self.windows.is_empty() {
                return None;
            }
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => MAX_SLEEP,
            };
            if left.is_zero() {
                return None;
            }
            self.sleep(left.min(MAX_SLEEP));
        }
    }

    /// Processes every window's events once: redraws uncovered windows, drops windows the user closed.
    /// Returns whether a window was closed.
    fn pump(&mut self) -> bool {
        if let Some(x) = &self.x {
            for id in x.exposed() {
                for w in self
                    .windows
                    .iter_mut()
                    .filter(|w| w.x11.is_some_and(|(wid, _)| wid == id))
                {
                    w.needs_redraw = true;
                }
            }
        }
        for shown in &mut self.windows {
            if shown.needs_redraw {
                // Cannot fail: the buffer always matches the size the window was created with.
                let _ = shown.draw();
            } else {
                shown.window.update();
            }
        }
        let before = self.windows.len();
        let closed = &mut self.closed_by_user;
        self.windows.retain(|w| {
            let open = !w.is_gone();
            if !open {
                closed.push(w.name.clone());
            }
            open
        });
        let closed = self.windows.len() != before;
        if closed {
            self.disconnect_if_idle();
        }
        closed
    }

    fn next_key(&mut self) -> Option<Key> {
        self.windows.iter().find_map(|w| {
            let press = w.presses.borrow_mut().pop_front()?;
            Some(Key {
                code: press.code,
                text: press.text,
                window: w.name.clone(),
            })
        })
    }

    /// Sleeps until an X connection has data or `timeout` passes.
    fn sleep(&self, timeout: Duration) {
        let Some(x) = &self.x else {
            std::thread::sleep(timeout);
            return;
        };
        let mut fds: Vec<libc::pollfd> = std::iter::once(x.fd())
            .chain(
                self.windows
                    .iter()
                    .filter_map(|w| w.x11.and_then(|(_, d)| x.fd_of(d))),
            )
            .map(|fd| libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        // ppoll, not poll: poll's whole milliseconds would turn wait_key(1) into up to 2 ms.
        let ts = libc::timespec {
            tv_sec: timeout.as_secs() as libc::time_t,
            tv_nsec: libc::c_long::from(timeout.subsec_nanos() as i32),
        };
        // SAFETY: `fds` is a valid array of `fds.len()` pollfd structs and `ts` a valid timespec for the
        // duration of the call; a null signal mask leaves the mask unchanged.
        unsafe {
            libc::ppoll(
                fds.as_mut_ptr(),
                fds.len() as libc::nfds_t,
                &ts,
                std::ptr::null(),
            );
        }
    }

    /// Closes the window called `name`. Closing a window the user already closed is not an error; a name
    /// that never had a window is (it is usually a typo).
    pub fn destroy_window(&mut self, name: &str) -> Result<(), Error> {
        if let Some(i) = self.windows.iter().position(|w| w.name == name) {
            self.windows.remove(i);
            self.disconnect_if_idle();
            return Ok(());
        }
        if let Some(i) = self.closed_by_user.iter().position(|n| n == name) {
            self.closed_by_user.remove(i);
            return Ok(());
        }
        let open: Vec<&str> = self.windows.iter().map(|w| w.name.as_str()).collect();
        let open = if open.is_empty() {
            "none".to_owned()
        } else {
            open.join(", ")
        };
        Err(Error::NoSuchWindow {
            name: name.to_owned(),
            open,
        })
    }

    /// Closes every window (the X windows disappear at once).
    pub fn destroy_all_windows(&mut self) {
        self.windows.clear();
        self.closed_by_user.clear();
        self.disconnect_if_idle();
    }

    /// Closes our own X connection once no window is left (the next `imshow` reads `DISPLAY` afresh).
    fn disconnect_if_idle(&mut self) {
        if self.windows.is_empty() {
            self.x = None;
        }
    }

    /// Whether a window called `name` is open (`false` once the user closed it and `wait_key` noticed).
    pub fn is_open(&self, name: &str) -> bool {
        self.windows.iter().any(|w| w.name == name)
    }

    /// The open windows' names, oldest first.
    pub fn window_names(&self) -> Vec<String> {
        self.windows.iter().map(|w| w.name.clone()).collect()
    }

    /// The size in pixels of the window called `name` (smaller than the image when it was shrunk to fit).
    pub fn window_size(&self, name: &str) -> Option<(usize, usize)> {
        self.windows.iter().find(|w| w.name == name).map(|w| w.size)
    }

    /// The X11 window id of the window called `name` (for tools such as `xdotool` or `xwd`); `None` for a
    /// Wayland window or an unknown name.
    pub fn x11_window_id(&self, name: &str) -> Option<u64> {
        self.windows
            .iter()
            .find(|w| w.name == name)
            .and_then(|w| w.x11.map(|(id, _)| id))
    }
}

/// Which display minifb will use, for wording its error.
enum Refusal {
    /// The X display (already checked by our own connection).
    X11(String),
    /// Wayland first, perhaps X11 after: what was tried, in words.
    Wayland(String),
}

fn check_name(name: &str) -> Result<(), Error> {
    let why = if name.is_empty() {
        "it is empty; give the window a name"
    } else if name.contains('\0') {
        "it contains a NUL byte, which window titles cannot hold"
    } else {
        return Ok(());
    };
    Err(Error::InvalidName {
        name: name.to_owned(),
        why,
    })
}

/// The X11 window id and Xlib connection of a minifb window, if it is an X11 window.
fn x11_ids(window: &Window) -> Option<(u64, *mut x11_dl::xlib::Display)> {
    let RawWindowHandle::Xlib(w) = window.window_handle().ok()?.as_raw() else {
        return None;
    };
    let RawDisplayHandle::Xlib(d) = window.display_handle().ok()?.as_raw() else {
        return None;
    };
    Some((w.window, d.display?.as_ptr().cast()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(matches!(check_name(""), Err(Error::InvalidName { .. })));
        assert!(matches!(check_name("a\0b"), Err(Error::InvalidName { .. })));
        assert!(check_name("gradient").is_ok());
    }

    #[test]
    fn unknown_window_is_an_error_naming_the_open_ones() {
        let mut viewer = Viewer::new();
        let err = viewer.destroy_window("nope").expect_err("no such window");
        assert_eq!(
            err.to_string(),
            "no window named 'nope' is open (open windows: none)"
        );
        viewer.destroy_all_windows();
        assert_eq!(
            viewer.wait_key(0),
            None,
            "no windows: returns at once instead of hanging"
        );
    }
}
