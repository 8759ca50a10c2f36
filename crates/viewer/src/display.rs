//! Finding the display before minifb does: reading `DISPLAY` / `WAYLAND_DISPLAY`, and an X connection of our
//! own that checks the screen (minifb segfaults on a 16-bit screen instead of returning an error), names the
//! display that refused us, says which library is missing, and then stays open to watch our windows for
//! `Expose` events (minifb never redraws an uncovered window; we do). It also installs an Xlib error
//! handler that turns errors about our own windows (one destroyed by another client) into "window closed"
//! instead of Xlib's default: print and end the process.

use crate::Error;
use std::ffi::OsStr;
use std::os::raw::c_int;
use std::sync::{Mutex, Once, OnceLock};
use x11_dl::xlib;

/// The handler signature Xlib calls for protocol errors.
type ErrorHandler = unsafe extern "C" fn(*mut xlib::Display, *mut xlib::XErrorEvent) -> c_int;

/// X window ids of this process's viewer windows (any thread's).
static OURS: Mutex<Vec<xlib::XID>> = Mutex::new(Vec::new());
/// Ours that the server reported as gone, not yet noticed by their viewer.
static LOST: Mutex<Vec<xlib::XID>> = Mutex::new(Vec::new());
/// The handler that was installed before ours (Xlib's default), for every other error.
static PREVIOUS: OnceLock<Option<ErrorHandler>> = OnceLock::new();
static INSTALL: Once = Once::new();

/// Xlib's error handler for the process: an error naming one of our windows means the window is gone
/// (destroyed by another client); anything else goes to the previous handler, unchanged.
unsafe extern "C" fn on_x_error(
    display: *mut xlib::Display,
    event: *mut xlib::XErrorEvent,
) -> c_int {
    // SAFETY: Xlib passes a valid event for the duration of the call.
    let id = unsafe { (*event).resourceid };
    let ours = OURS.lock().is_ok_and(|ours| ours.contains(&id));
    if ours {
        if let Ok(mut lost) = LOST.lock() {
            if !lost.contains(&id) {
                lost.push(id);
            }
        }
        return 0;
    }
    match PREVIOUS.get().copied().flatten() {
        // SAFETY: the handler Xlib had before ours, called with Xlib's own arguments.
        Some(previous) => unsafe { previous(display, event) },
        None => 0,
    }
}

/// Records `window` as ours, so errors about it mean "closed".
pub(crate) fn adopt(window: xlib::XID) {
    if let Ok(mut ours) = OURS.lock() {
        ours.push(window);
    }
}

/// Forgets `window` once it is destroyed and its connection closed (no error about it can come any more).
pub(crate) fn forget(window: xlib::XID) {
    if let Ok(mut ours) = OURS.lock() {
        ours.retain(|&w| w != window);
    }
    if let Ok(mut lost) = LOST.lock() {
        lost.retain(|&w| w != window);
    }
}

/// Whether the server reported `window` gone.
pub(crate) fn is_lost(window: xlib::XID) -> bool {
    LOST.lock().is_ok_and(|lost| lost.contains(&window))
}

/// Where windows can go, decided from the environment alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Plan {
    /// Neither variable is set (or both are empty).
    Nothing,
    /// Only X11: `DISPLAY` is set.
    X11 { display: String },
    /// `WAYLAND_DISPLAY` is set; minifb tries Wayland first and falls back to `DISPLAY` when one is set.
    Wayland {
        wayland: String,
        x11: Option<String>,
    },
}

/// Decides from the values of `DISPLAY` and `WAYLAND_DISPLAY`; empty values count as unset.
pub(crate) fn plan(display: Option<&OsStr>, wayland: Option<&OsStr>) -> Plan {
    let value = |v: Option<&OsStr>| {
        v.filter(|v| !v.is_empty())
            .map(|v| v.to_string_lossy().into_owned())
    };
    match (value(display), value(wayland)) {
        (None, None) => Plan::Nothing,
        (Some(display), None) => Plan::X11 { display },
        (x11, Some(wayland)) => Plan::Wayland { wayland, x11 },
    }
}

/// The plan for this process's environment.
pub(crate) fn plan_from_env() -> Plan {
    plan(
        std::env::var_os("DISPLAY").as_deref(),
        std::env::var_os("WAYLAND_DISPLAY").as_deref(),
    )
}

/// An Xlib connection of our own to the display named by `DISPLAY`.
pub(crate) struct XConnection {
    xlib: xlib::Xlib,
    display: *mut xlib::Display,
    /// The screen's size in pixels.
    pub screen: (usize, usize),
}

impl std::fmt::Debug for XConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XConnection")
            .field("screen", &self.screen)
            .finish_non_exhaustive()
    }
}

impl XConnection {
    /// Loads Xlib (and checks Xcursor, which minifb needs too), connects to `display_name` (the value of
    /// `DISPLAY`, which Xlib reads itself) and checks that the default screen is one minifb can draw on.
    pub(crate) fn open(window: &str, display_name: &str) -> Result<XConnection, Error> {
        let missing = |library, package, detail: String| Error::MissingLibrary {
            window: window.to_owned(),
            library,
            package,
            detail,
        };
        let xlib =
            xlib::Xlib::open().map_err(|e| missing("libX11.so.6", "libx11-6", e.to_string()))?;
        x11_dl::xcursor::Xcursor::open()
            .map_err(|e| missing("libXcursor.so.1", "libxcursor1", e.to_string()))?;
        // SAFETY: plain Xlib calls on a library that loaded; the display pointer is checked before use and
        // owned by the returned value, which closes it once.
        INSTALL.call_once(|| {
            // SAFETY: installing a handler with Xlib's signature; the previous one is kept and called for
            // every error that is not about our windows.
            let previous = unsafe { (xlib.XSetErrorHandler)(Some(on_x_error)) };
            let _ = PREVIOUS.set(previous);
        });
        unsafe {
            (xlib.XInitThreads)();
            let display = (xlib.XOpenDisplay)(std::ptr::null());
            if display.is_null() {
                return Err(Error::CannotConnect {
                    window: window.to_owned(),
                    display: display_name.to_owned(),
                });
            }
            let mut conn = XConnection {
                screen: (0, 0),
                xlib,
                display,
            };
            let screen = (conn.xlib.XDefaultScreen)(display);
            let depth = (conn.xlib.XDefaultDepth)(display, screen);
            if conn.bits_per_pixel(depth) != Some(32) {
                return Err(Error::UnsupportedDepth {
                    window: window.to_owned(),
                    display: display_name.to_owned(),
                    depth,
                });
            }
            let width = usize::try_from((conn.xlib.XDisplayWidth)(display, screen)).unwrap_or(0);
            let height = usize::try_from((conn.xlib.XDisplayHeight)(display, screen)).unwrap_or(0);
            conn.screen = (width, height);
            Ok(conn)
        }
    }

    /// The bits per pixel of the server's pixmap format for `depth` (minifb draws only 32-bit formats).
    fn bits_per_pixel(&self, depth: c_int) -> Option<c_int> {
        let mut count: c_int = 0;
        // SAFETY: XListPixmapFormats returns `count` entries (or null), which we read and free.
        unsafe {
            let formats = (self.xlib.XListPixmapFormats)(self.display, &mut count);
            if formats.is_null() {
                return None;
            }
            let list = std::slice::from_raw_parts(formats, usize::try_from(count).unwrap_or(0));
            let bits = list
                .iter()
                .find(|f| f.depth == depth)
                .map(|f| f.bits_per_pixel);
            (self.xlib.XFree)(formats.cast());
            bits
        }
    }

    /// Starts watching `window` (created by minifb on its own connection `owner`) for `Expose` events.
    pub(crate) fn watch(&self, owner: *mut xlib::Display, window: xlib::Window) {
        // SAFETY: `owner` is minifb's live connection; XSync makes the server create the window before our
        // request names it (so no BadWindow error, which Xlib's default handler would turn into an exit).
        unsafe {
            if !owner.is_null() {
                (self.xlib.XSync)(owner, xlib::False);
            }
            (self.xlib.XSelectInput)(self.display, window, xlib::ExposureMask);
            (self.xlib.XFlush)(self.display);
        }
    }

    /// Windows that received an `Expose` event since the last call (the last of each series).
    pub(crate) fn exposed(&self) -> Vec<xlib::Window> {
        let mut out = Vec::new();
        // SAFETY: the standard XPending / XNextEvent loop on our own connection.
        unsafe {
            while (self.xlib.XPending)(self.display) > 0 {
                let mut event: xlib::XEvent = std::mem::zeroed();
                (self.xlib.XNextEvent)(self.display, &mut event);
                if event.get_type() == xlib::Expose && event.expose.count == 0 {
                    out.push(event.expose.window);
                }
            }
        }
        out
    }

    /// The connection's file descriptor, readable when events arrive.
    pub(crate) fn fd(&self) -> c_int {
        // SAFETY: a live connection.
        unsafe { (self.xlib.XConnectionNumber)(self.display) }
    }

    /// The file descriptor of another live connection (a minifb window's).
    pub(crate) fn fd_of(&self, display: *mut xlib::Display) -> Option<c_int> {
        // SAFETY: the caller passes minifb's live connection.
        (!display.is_null()).then(|| unsafe { (self.xlib.XConnectionNumber)(display) })
    }
}

impl Drop for XConnection {
    fn drop(&mut self) {
        // SAFETY: opened in `open`, closed exactly once here.
        unsafe {
            (self.xlib.XCloseDisplay)(self.display);
        }
    }
}

/// Draws a window-sized `0x00RRGGBB` buffer straight onto a minifb X11 window with `XPutImage`, on
/// minifb's own connection, the way minifb draws its own buffer. minifb's `update_with_buffer` first
/// copies the buffer into a window-sized one of its own (a scaling loop, even at scale 1: another pass
/// over the frame's memory); `imshow` already wrote window-sized pixels, so it skips that pass.
pub(crate) struct Blit {
    xlib: xlib::Xlib,
    display: *mut xlib::Display,
    window: xlib::Window,
    gc: xlib::GC,
    /// An image header with no data of its own: `put` points it at the pixels for the call only.
    image: *mut xlib::XImage,
    size: (usize, usize),
}

impl std::fmt::Debug for Blit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Blit")
            .field("window", &self.window)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl Blit {
    /// A blitter for `window` (of `size` pixels) on `display`, minifb's live connection for it; `None`
    /// when Xlib cannot be loaded or the screen's format is not the 32-bit one minifb draws (the caller
    /// then lets minifb draw).
    pub(crate) fn new(
        display: *mut xlib::Display,
        window: xlib::Window,
        size: (usize, usize),
    ) -> Option<Blit> {
        if display.is_null() {
            return None;
        }
        let xlib = xlib::Xlib::open().ok()?;
        let (width, height) = (u32::try_from(size.0).ok()?, u32::try_from(size.1).ok()?);
        let stride = c_int::try_from(size.0.checked_mul(4)?).ok()?;
        // SAFETY: `display` is minifb's open connection and `window` its window on it (the caller's
        // contract); the image is created without data and freed with its data pointer null, so Xlib never
        // frees memory it does not own; the GC is freed in `drop`, before minifb closes the connection.
        unsafe {
            let screen = (xlib.XDefaultScreen)(display);
            let visual = (xlib.XDefaultVisual)(display, screen);
            let depth = u32::try_from((xlib.XDefaultDepth)(display, screen)).ok()?;
            let image = (xlib.XCreateImage)(
                display,
                visual,
                depth,
                xlib::ZPixmap,
                0,
                std::ptr::null_mut(),
                width,
                height,
                32,
                stride,
            );
            if image.is_null() {
                return None;
            }
            if (*image).bits_per_pixel != 32 {
                (xlib.XDestroyImage)(image);
                return None;
            }
            let gc = (xlib.XCreateGC)(display, window, 0, std::ptr::null_mut());
            if gc.is_null() {
                (xlib.XDestroyImage)(image);
                return None;
            }
            Some(Blit {
                xlib,
                display,
                window,
                gc,
                image,
                size,
            })
        }
    }

    /// Sends `pixels` (exactly the window's size, row-major) to the window and flushes; `false`, doing
    /// nothing, when the length does not match.
    pub(crate) fn put(&mut self, pixels: &[u32]) -> bool {
        let (w, h) = self.size;
        if pixels.len() != w * h {
            return false;
        }
        // SAFETY: the image header describes exactly w x h 32-bit pixels with a 4*w stride, which `pixels`
        // holds; XPutImage writes or copies all of them before returning (Xlib keeps no pointer to them),
        // and the data pointer is cleared again before anything else can see it.
        unsafe {
            (*self.image).data = pixels.as_ptr().cast_mut().cast();
            (self.xlib.XPutImage)(
                self.display,
                self.window,
                self.gc,
                self.image,
                0,
                0,
                0,
                0,
                w as u32,
                h as u32,
            );
            (*self.image).data = std::ptr::null_mut();
            (self.xlib.XFlush)(self.display);
        }
        true
    }
}

impl Drop for Blit {
    fn drop(&mut self) {
        // SAFETY: created in `new` on a connection that is still open (the owner drops the blitter before
        // the minifb window); the image's data pointer is null, so XDestroyImage frees only the header.
        unsafe {
            (self.xlib.XFreeGC)(self.display, self.gc);
            (*self.image).data = std::ptr::null_mut();
            (self.xlib.XDestroyImage)(self.image);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<&OsStr> {
        Some(OsStr::new(s))
    }

    #[test]
    fn plan_reads_both_variables() {
        assert_eq!(plan(None, None), Plan::Nothing);
        assert_eq!(plan(os(""), os("")), Plan::Nothing, "empty counts as unset");
        assert_eq!(
            plan(os(":1"), None),
            Plan::X11 {
                display: ":1".into()
            }
        );
        assert_eq!(
            plan(os(":1"), os("")),
            Plan::X11 {
                display: ":1".into()
            }
        );
        assert_eq!(
            plan(None, os("wayland-0")),
            Plan::Wayland {
                wayland: "wayland-0".into(),
                x11: None
            }
        );
        assert_eq!(
            plan(os(":0"), os("wayland-0")),
            Plan::Wayland {
                wayland: "wayland-0".into(),
                x11: Some(":0".into())
            }
        );
    }
}
