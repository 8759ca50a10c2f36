//! `cv2.imshow`, `cv2.waitKey` / `waitKeyEx`, `cv2.namedWindow`, `moveWindow`, `resizeWindow`,
//! `setWindowTitle`, `getWindowProperty`, `setMouseCallback` and `cv2.destroyAllWindows` for Rust, over
//! [minifb], with cv2's numbers (key codes, flags, events) and errors that say what is missing and what to
//! do instead of OpenCV's "The function is not implemented".
//!
//! ```no_run
//! use viewer::{Image, destroy_all_windows, imshow, wait_key};
//!
//! // A 256x256 gradient: red = x, green = y, blue = 128, in OpenCV's BGR order.
//! let mut bgr = Vec::with_capacity(256 * 256 * 3);
//! for y in 0..256u32 {
//!     for x in 0..256u32 {
//!         bgr.extend([128, y as u8, x as u8]);
//!     }
//! }
//! imshow("gradient", &Image::bgr(&bgr, 256, 256)?)?;
//! if let Some(key) = wait_key(0) {          // 0: wait for ever, drawing and answering the window meanwhile
//!     println!("pressed {:?}", key.text);
//! }
//! destroy_all_windows();
//! # Ok::<(), viewer::Error>(())
//! ```
//!
//! ## The model
//! - Windows are named; `imshow` on an open name replaces the picture. They belong to the thread that
//!   opened them (minifb windows cannot move between threads); the free functions use one [`Viewer`] per
//!   thread, and a [`Viewer`] can be held directly instead.
//! - `imshow` draws at once; `wait_key(ms)` keeps every window drawn and responsive while it waits (calling
//!   mouse callbacks) and returns the first key press (`None` on time-out or when the user closes a window).
//!   Unlike minifb's `get_keys_pressed`, no tap is lost however short. [`wait_key_code`] and [`wait_key_ex`]
//!   return exactly what `cv2.waitKey` / `cv2.waitKeyEx` return with OpenCV's GTK backend (Left 81 /
//!   65361, F1 190 / 65470, Ctrl+C 99 / 262243, -1 on time-out), modifier presses included.
//! - [`named_window`] with [`WINDOW_AUTOSIZE`] or [`WINDOW_NORMAL`], [`move_window`], [`resize_window`],
//!   [`set_window_title`], [`get_window_property`] (`while get_window_property(name, WND_PROP_VISIBLE) >=
//!   1.0` runs until the user closes the window) and [`set_mouse_callback`] with cv2's event codes and
//!   flags (in [`highgui`], re-exported here).
//! - Images are borrowed [`Image`]s: gray, RGB, RGBA, BGR or BGRA, of u8, u16 (shown divided by 256) or
//!   f32/f64 (0.0..=1.0 shown as 0..=255, clamped), the rules of `cv2.imshow`. Alpha is ignored. An image
//!   larger than the screen is shrunk (area averaging) to fit, keeping its aspect ratio: under a window
//!   manager, to fit its work area (`_NET_WORKAREA`) with the window's frame.
//! - No display is an error, never a crash:
//!
//! ```standalone_crate
//! # // SAFETY of the doctest: it runs as its own single-threaded process.
//! # unsafe { std::env::remove_var("DISPLAY"); std::env::remove_var("WAYLAND_DISPLAY"); }
//! let pixels = [0u8; 3];
//! let err = viewer::imshow("w", &viewer::Image::rgb(&pixels, 1, 1)?).unwrap_err();
//! assert!(matches!(err, viewer::Error::NoDisplay { .. }));
//! assert!(err.to_string().contains("xvfb-run -a")); // says what to do
//! # Ok::<(), viewer::Error>(())
//! ```
//!
//! [`imwrite`] saves the same image as PNG, for headless programs.
//!
//! ## Platform notes
//! Linux/BSD X11 is the tested backend (minifb's Wayland backend is used when `WAYLAND_DISPLAY` is set). At
//! run time the X11 backend needs `libX11.so.6` and `libXcursor.so.1` (Debian: `libx11-6`, `libxcursor1`);
//! nothing is needed at build time. The viewer installs an Xlib error handler once per process: errors
//! about its own windows (one destroyed by another client) close that window as its close button would,
//! and every other error goes to the handler installed before (Xlib's default prints it and exits). If the
//! X server itself dies while a window is open, Xlib ends the process (exit status 1, "X connection to …
//! broken"): that cannot be turned into an error.
//!
//! [minifb]: https://docs.rs/minifb

mod display;
mod error;
pub mod highgui;
mod image;
mod key;
mod png;
mod simd;
mod viewer;

pub use crate::error::Error;
pub use crate::highgui::*;
pub use crate::image::{Channels, Image, MAX_SIDE, Sample};
pub use crate::key::{Key, KeyCode};
pub use crate::png::imwrite;
pub use crate::viewer::Viewer;

use crate::viewer::{Step, Want};
use std::cell::RefCell;

thread_local! {
    static VIEWER: RefCell<Viewer> = RefCell::new(Viewer::new());
}

/// Shows `image` in the window `name` of this thread's [`Viewer`] (see [`Viewer::imshow`]).
pub fn imshow<T: Sample>(name: &str, image: &Image<'_, T>) -> Result<(), Error> {
    VIEWER.with_borrow_mut(|v| v.imshow(name, image))
}

/// Waits up to `ms` milliseconds (0: for ever) for a key press in this thread's windows, modifier keys
/// alone not counting (see [`Viewer::wait_key`]). Mouse callbacks run meanwhile, outside the viewer, so they
/// may call [`imshow`] themselves.
pub fn wait_key(ms: u64) -> Option<Key> {
    wait(ms, Want::NonModifier)
}

/// `cv2.waitKey(ms)`: the next key press's code as OpenCV's GTK backend gives it (`'q'` 113, Esc 27,
/// Left 81, F1 190, Ctrl+C 99, Shift 225), or -1 (see [`Viewer::wait_key_code`]).
pub fn wait_key_code(ms: u64) -> i32 {
    wait(ms, Want::Any).map_or(-1, |k| k.cv2_code())
}

/// `cv2.waitKeyEx(ms)`: the full code (Left 65361, F1 65470, Ctrl+C 262243), or -1 (see
/// [`Viewer::wait_key_ex`]).
pub fn wait_key_ex(ms: u64) -> i32 {
    wait(ms, Want::Any).map_or(-1, |k| k.cv2_code_ex())
}

fn wait(ms: u64, want: Want) -> Option<Key> {
    let deadline = viewer::deadline(ms);
    loop {
        let (step, calls) =
            VIEWER.with_borrow_mut(|v| (v.wait_step(deadline, want), v.take_mouse_calls()));
        for call in calls {
            call.run();
        }
        match step {
            Step::Key(key) => return Some(key),
            Step::Done => return None,
            Step::Again => {}
        }
    }
}

/// `cv2.namedWindow(name, flags)` (see [`Viewer::named_window`]).
pub fn named_window(name: &str, flags: i32) -> Result<(), Error> {
    VIEWER.with_borrow_mut(|v| v.named_window(name, flags))
}

/// `cv2.moveWindow(name, x, y)` (see [`Viewer::move_window`]).
pub fn move_window(name: &str, x: i32, y: i32) -> Result<(), Error> {
    VIEWER.with_borrow_mut(|v| v.move_window(name, x, y))
}

/// `cv2.resizeWindow(name, width, height)` (see [`Viewer::resize_window`]).
pub fn resize_window(name: &str, width: u32, height: u32) -> Result<(), Error> {
    VIEWER.with_borrow_mut(|v| v.resize_window(name, width, height))
}

/// `cv2.setWindowTitle(name, title)` (see [`Viewer::set_window_title`]).
pub fn set_window_title(name: &str, title: &str) -> Result<(), Error> {
    VIEWER.with_borrow_mut(|v| v.set_window_title(name, title))
}

/// `cv2.getWindowProperty(name, prop)` (see [`Viewer::get_window_property`]).
pub fn get_window_property(name: &str, prop: i32) -> f64 {
    VIEWER.with_borrow(|v| v.get_window_property(name, prop))
}

/// `cv2.setMouseCallback(name, callback)` (see [`Viewer::set_mouse_callback`]).
pub fn set_mouse_callback(
    name: &str,
    callback: impl FnMut(i32, i32, i32, i32) + 'static,
) -> Result<(), Error> {
    VIEWER.with_borrow_mut(|v| v.set_mouse_callback(name, callback))
}

/// Closes this thread's window `name` (see [`Viewer::destroy_window`]).
pub fn destroy_window(name: &str) -> Result<(), Error> {
    VIEWER.with_borrow_mut(|v| v.destroy_window(name))
}

/// Closes every window this thread opened.
pub fn destroy_all_windows() {
    VIEWER.with_borrow_mut(Viewer::destroy_all_windows);
}
