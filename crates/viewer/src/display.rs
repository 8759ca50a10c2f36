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
    /// The work area and frame extents, asked once.
    usable: Option<Usable>,
}

/// An event for one of our windows, read on our own connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum XEvent {
    /// The window was uncovered and must be redrawn.
    Expose(xlib::Window),
    /// A key went down: its keysym with the modifiers applied, at levels 0 and 1, the modifier mask, and
    /// the Latin-1 character it typed.
    Key {
        window: xlib::Window,
        keysym: u32,
        base: u32,
        keypad: u32,
        state: u32,
        text: Option<char>,
    },
    /// A mouse button went down or up (buttons 4 to 7 are the wheel).
    Button {
        window: xlib::Window,
        press: bool,
        button: u32,
        x: i32,
        y: i32,
        state: u32,
        time: xlib::Time,
    },
    /// The pointer moved over the window.
    Motion {
        window: xlib::Window,
        x: i32,
        y: i32,
        state: u32,
    },
}

impl XEvent {
    pub(crate) fn window(&self) -> xlib::Window {
        match *self {
            XEvent::Expose(window)
            | XEvent::Key { window, .. }
            | XEvent::Button { window, .. }
            | XEvent::Motion { window, .. } => window,
        }
    }
}

/// A rectangle of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Area {
    pub x: isize,
    pub y: isize,
    pub width: usize,
    pub height: usize,
}

/// What the window manager adds around a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Frame {
    pub left: usize,
    pub right: usize,
    pub top: usize,
    pub bottom: usize,
}

/// Where windows may go: the work area, and the frame around each window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Usable {
    pub area: Area,
    pub frame: Frame,
}

impl Usable {
    /// The largest window (inside its frame) that fits the area.
    pub(crate) fn max_window(&self) -> (usize, usize) {
        (
            self.area
                .width
                .saturating_sub(self.frame.left + self.frame.right)
                .max(1),
            self.area
                .height
                .saturating_sub(self.frame.top + self.frame.bottom)
                .max(1),
        )
    }
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
                usable: None,
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

    /// Starts watching `window` (created by minifb on its own connection `owner`) for `Expose`, key, button
    /// and pointer motion events. Only one client may select `ButtonPress` on a window: minifb's selection
    /// (which only feeds its `get_mouse_down`, unused here) is taken over, so that mouse callbacks see every
    /// click, however short.
    pub(crate) fn watch(&self, owner: *mut xlib::Display, window: xlib::Window) {
        // SAFETY: `owner` is minifb's live connection; XSync makes the server create the window before our
        // request names it (so no BadWindow error, which Xlib's default handler would turn into an exit).
        unsafe {
            if !owner.is_null() {
                (self.xlib.XSync)(owner, xlib::False);
                let mut attrs: xlib::XWindowAttributes = std::mem::zeroed();
                if (self.xlib.XGetWindowAttributes)(owner, window, &mut attrs) != 0 {
                    (self.xlib.XSelectInput)(
                        owner,
                        window,
                        attrs.your_event_mask & !xlib::ButtonPressMask,
                    );
                    (self.xlib.XSync)(owner, xlib::False);
                }
            }
            (self.xlib.XSelectInput)(
                self.display,
                window,
                xlib::ExposureMask
                    | xlib::KeyPressMask
                    | xlib::ButtonPressMask
                    | xlib::ButtonReleaseMask
                    | xlib::PointerMotionMask,
            );
            (self.xlib.XFlush)(self.display);
        }
    }

    /// The events our windows received since the last call, in order (`Expose` only for the last of each
    /// series).
    pub(crate) fn events(&self) -> Vec<XEvent> {
        let mut out = Vec::new();
        // SAFETY: the standard XPending / XNextEvent loop on our own connection; the key event is a copy.
        unsafe {
            while (self.xlib.XPending)(self.display) > 0 {
                let mut event: xlib::XEvent = std::mem::zeroed();
                (self.xlib.XNextEvent)(self.display, &mut event);
                match event.get_type() {
                    xlib::Expose if event.expose.count == 0 => {
                        out.push(XEvent::Expose(event.expose.window));
                    }
                    xlib::KeyPress => {
                        let mut key = event.key;
                        let mut keysym: xlib::KeySym = 0;
                        let mut buf = [0 as std::os::raw::c_char; 16];
                        let n = (self.xlib.XLookupString)(
                            &mut key,
                            buf.as_mut_ptr(),
                            buf.len() as c_int,
                            &mut keysym,
                            std::ptr::null_mut(),
                        );
                        let base = (self.xlib.XLookupKeysym)(&mut key, 0) as u32;
                        let keypad = (self.xlib.XLookupKeysym)(&mut key, 1) as u32;
                        // XLookupString writes Latin-1; longer output (a rebound key) is not one character.
                        let text = (n == 1).then(|| char::from(buf[0] as u8));
                        out.push(XEvent::Key {
                            window: key.window,
                            keysym: keysym as u32,
                            base,
                            keypad,
                            state: key.state,
                            text,
                        });
                    }
                    xlib::ButtonPress | xlib::ButtonRelease => {
                        let b = event.button;
                        out.push(XEvent::Button {
                            window: b.window,
                            press: event.get_type() == xlib::ButtonPress,
                            button: b.button,
                            x: b.x,
                            y: b.y,
                            state: b.state,
                            time: b.time,
                        });
                    }
                    xlib::MotionNotify => {
                        let m = event.motion;
                        out.push(XEvent::Motion {
                            window: m.window,
                            x: m.x,
                            y: m.y,
                            state: m.state,
                        });
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// Asks the server (and the window manager) to give `window` this size.
    pub(crate) fn resize(&self, window: xlib::Window, width: u32, height: u32) {
        // SAFETY: a live connection; errors about the window go to our handler (the window is ours).
        unsafe {
            (self.xlib.XResizeWindow)(self.display, window, width.max(1), height.max(1));
            (self.xlib.XFlush)(self.display);
        }
    }

    /// The area a window's frame may take: the window manager's work area (`_NET_WORKAREA`, the screen
    /// less panels and docks) when it publishes one, else the whole screen; and the frame it adds around
    /// each window (`_NET_FRAME_EXTENTS`: left, right, top, bottom), zero without a window manager.
    pub(crate) fn usable(&mut self) -> Usable {
        if let Some(usable) = self.usable {
            return usable;
        }
        let screen = Area {
            x: 0,
            y: 0,
            width: self.screen.0,
            height: self.screen.1,
        };
        let usable = match self.cardinals(self.root(), "_NET_WORKAREA", 4) {
            Some(v) => Usable {
                area: Area {
                    x: v[0] as isize,
                    y: v[1] as isize,
                    width: v[2] as usize,
                    height: v[3] as usize,
                },
                frame: self.frame_extents().unwrap_or_default(),
            },
            None => Usable {
                area: screen,
                frame: Frame::default(),
            },
        };
        self.usable = Some(usable);
        usable
    }

    fn root(&self) -> xlib::Window {
        // SAFETY: a live connection.
        unsafe { (self.xlib.XDefaultRootWindow)(self.display) }
    }

    /// The first `count` values of a CARDINAL[] property of `window`, if it is set.
    fn cardinals(
        &self,
        window: xlib::Window,
        name: &str,
        count: usize,
    ) -> Option<Vec<std::os::raw::c_ulong>> {
        let name = std::ffi::CString::new(name).ok()?;
        // SAFETY: standard XInternAtom / XGetWindowProperty calls on a live connection; the data Xlib
        // returns (format 32: an array of C longs) is read within its `nitems` and freed.
        unsafe {
            let atom = (self.xlib.XInternAtom)(self.display, name.as_ptr(), xlib::True);
            if atom == 0 {
                return None;
            }
            let (mut actual, mut format, mut nitems, mut after) = (0, 0, 0, 0);
            let mut data: *mut u8 = std::ptr::null_mut();
            let status = (self.xlib.XGetWindowProperty)(
                self.display,
                window,
                atom,
                0,
                count as std::os::raw::c_long,
                xlib::False,
                xlib::XA_CARDINAL,
                &mut actual,
                &mut format,
                &mut nitems,
                &mut after,
                &mut data,
            );
            if data.is_null() {
                return None;
            }
            let values = (status == 0 && format == 32 && nitems as usize >= count).then(|| {
                std::slice::from_raw_parts(data.cast::<std::os::raw::c_ulong>(), count).to_vec()
            });
            (self.xlib.XFree)(data.cast());
            values
        }
    }

    /// The frame the window manager will put around a window, asked before any is mapped with
    /// `_NET_REQUEST_FRAME_EXTENTS` on a window of our own that is never shown; `None` when the window
    /// manager does not answer within 500 ms.
    fn frame_extents(&self) -> Option<Frame> {
        let request = std::ffi::CString::new("_NET_REQUEST_FRAME_EXTENTS").ok()?;
        let extents = std::ffi::CString::new("_NET_FRAME_EXTENTS").ok()?;
        // SAFETY: plain Xlib calls on our live connection; the probe window is created and destroyed
        // here, and only its own events are taken from the queue.
        unsafe {
            let root = self.root();
            let probe = (self.xlib.XCreateSimpleWindow)(self.display, root, 0, 0, 1, 1, 0, 0, 0);
            (self.xlib.XSelectInput)(self.display, probe, xlib::PropertyChangeMask);
            let mut message: xlib::XEvent = std::mem::zeroed();
            message.client_message.type_ = xlib::ClientMessage;
            message.client_message.window = probe;
            message.client_message.message_type =
                (self.xlib.XInternAtom)(self.display, request.as_ptr(), xlib::False);
            message.client_message.format = 32;
            (self.xlib.XSendEvent)(
                self.display,
                root,
                xlib::False,
                xlib::SubstructureRedirectMask | xlib::SubstructureNotifyMask,
                &mut message,
            );
            (self.xlib.XFlush)(self.display);
            let atom = (self.xlib.XInternAtom)(self.display, extents.as_ptr(), xlib::False);
            let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
            let mut found = None;
            while found.is_none() && std::time::Instant::now() < deadline {
                let mut event: xlib::XEvent = std::mem::zeroed();
                if (self.xlib.XCheckWindowEvent)(
                    self.display,
                    probe,
                    xlib::PropertyChangeMask,
                    &mut event,
                ) != 0
                {
                    if event.property.atom == atom {
                        found = self.cardinals(probe, "_NET_FRAME_EXTENTS", 4);
                    }
                } else {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
            }
            (self.xlib.XDestroyWindow)(self.display, probe);
            (self.xlib.XFlush)(self.display);
            let v = found?;
            Some(Frame {
                left: v[0] as usize,
                right: v[1] as usize,
                top: v[2] as usize,
                bottom: v[3] as usize,
            })
        }
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
