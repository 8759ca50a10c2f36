//! The one error type of the crate: every way `imshow`, `wait_key`, `destroy_window` and `imwrite` can fail,
//! each message saying what was wrong and what to do about it (the seed's "The function is not implemented"
//! is the example of what never to print).

use std::path::PathBuf;

/// Everything that can go wrong when showing or writing an image.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Neither `DISPLAY` nor `WAYLAND_DISPLAY` is set: there is no screen to open a window on.
    #[error(
        "cannot open window '{window}': no display (neither DISPLAY nor WAYLAND_DISPLAY is set). \
         Run the program in a desktop session, or under a virtual X server with `xvfb-run -a <program>`, \
         or save the image with `viewer::imwrite(\"out.png\", &image)` instead"
    )]
    NoDisplay {
        /// The window that was to be opened.
        window: String,
    },

    /// `DISPLAY` names an X server that does not answer or refuses the connection.
    #[error(
        "cannot open window '{window}': cannot connect to the X display '{display}' (from DISPLAY): no X server \
         answers there or it refused the connection. Check that the server runs and that this user may use it \
         (XAUTHORITY, `xhost`), start one with `Xvfb {display} -screen 0 1920x1080x24 &`, run the program under \
         `xvfb-run -a`, or save the image with `viewer::imwrite` instead"
    )]
    CannotConnect {
        /// The window that was to be opened.
        window: String,
        /// The value of `DISPLAY`.
        display: String,
    },

    /// The X screen's colour depth is not one minifb can draw on (it would crash on 8, 15 or 16 bits).
    #[error(
        "cannot open window '{window}': the X display '{display}' has a {depth}-bit screen, and the viewer needs a \
         24- or 32-bit TrueColor screen (minifb crashes on anything else). Start the X server with 24-bit colour, \
         e.g. `Xvfb {display} -screen 0 1920x1080x24`"
    )]
    UnsupportedDepth {
        /// The window that was to be opened.
        window: String,
        /// The value of `DISPLAY`.
        display: String,
        /// The default depth of the X screen.
        depth: i32,
    },

    /// A run-time library the X11 backend loads with `dlopen` is not installed.
    #[error(
        "cannot open window '{window}': the X11 library {library} could not be loaded ({detail}). \
         Install it (Debian/Ubuntu: `apt-get install {package}`), or save the image with `viewer::imwrite` instead"
    )]
    MissingLibrary {
        /// The window that was to be opened.
        window: String,
        /// The shared object that failed to load, e.g. `libX11.so.6`.
        library: &'static str,
        /// The Debian package that provides it.
        package: &'static str,
        /// What the dynamic loader said.
        detail: String,
    },

    /// `WAYLAND_DISPLAY` is set, and neither the compositor nor the X server (if `DISPLAY` is set too)
    /// accepted the window.
    #[error(
        "cannot open window '{window}': {tried} ({reason}). Check that the compositor or X server runs and \
         that this user may use it, run the program under `xvfb-run -a` (with WAYLAND_DISPLAY unset), or save \
         the image with `viewer::imwrite` instead"
    )]
    NoUsableDisplay {
        /// The window that was to be opened.
        window: String,
        /// What was tried, in words.
        tried: String,
        /// minifb's reason (for the last display tried).
        reason: String,
    },

    /// The window system refused to create the window (minifb's own reason is kept).
    #[error("cannot open window '{window}' on {display}: {reason}")]
    WindowCreate {
        /// The window that was to be opened.
        window: String,
        /// Which display was tried, in words (e.g. "the X display ':0'").
        display: String,
        /// minifb's reason.
        reason: String,
    },

    /// Drawing into an open window failed.
    #[error("cannot draw into window '{window}': {reason}")]
    Draw {
        /// The window.
        window: String,
        /// minifb's reason.
        reason: String,
    },

    /// A window name the window system cannot carry.
    #[error("invalid window name {name:?}: {why}")]
    InvalidName {
        /// The name given.
        name: String,
        /// What is wrong with it.
        why: &'static str,
    },

    /// A window function was given a value it cannot use (a zero size, a title with a NUL byte, flags
    /// this viewer does not offer).
    #[error("cannot {action} window '{window}': {why}")]
    InvalidArgument {
        /// The window concerned.
        window: String,
        /// What was asked ("resize", "set the title of", ...).
        action: &'static str,
        /// What is wrong and what to do.
        why: String,
    },

    /// A window function (`destroy_window`, `move_window`, ...) was given a name that no open window has.
    #[error("no window named '{name}' is open (open windows: {open})")]
    NoSuchWindow {
        /// The name given.
        name: String,
        /// The open windows' names, comma-separated, or "none".
        open: String,
    },

    /// The pixel buffer's length does not match width x height x channels.
    #[error(
        "a {width}x{height} {channels} image needs {expected} samples ({width} x {height} x {per_pixel}), \
         but the buffer holds {actual}"
    )]
    BufferSize {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
        /// The channel layout's name, e.g. "BGR".
        channels: &'static str,
        /// Samples per pixel.
        per_pixel: usize,
        /// width x height x per_pixel.
        expected: usize,
        /// The buffer's length.
        actual: usize,
    },

    /// An image with no pixels, or one too large to address.
    #[error("cannot use a {width}x{height} image: {why}")]
    BadDimensions {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
        /// What is wrong.
        why: &'static str,
    },

    /// `imwrite` was asked for a format it does not write.
    #[error("cannot write '{}': only PNG is supported; give the file a .png extension", path.display())]
    UnsupportedFormat {
        /// The path given.
        path: PathBuf,
    },

    /// Writing the image file failed; an existing file at `path` is left as it was.
    #[error("cannot write '{}': {source}", path.display())]
    Write {
        /// The path given.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },

    /// The PNG encoder refused the image.
    #[error("cannot encode '{}' as PNG: {source}", path.display())]
    Encode {
        /// The path given.
        path: PathBuf,
        /// The encoder's error.
        #[source]
        source: png::EncodingError,
    },
}
