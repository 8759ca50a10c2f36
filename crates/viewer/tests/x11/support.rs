//! Test helpers for real windows: an Xvfb server per test run (a free display number from `-displayfd`,
//! killed on drop and by the kernel if this process dies), external commands with a time limit, `xwd`
//! screenshots parsed pixel for pixel, window geometry from `xdotool`, and a close-button click sent the way
//! a window manager sends it.

use std::io::Read as _;
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::time::Duration;

/// Pids of the X servers this process started, for the watchdog.
pub static SERVERS: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// A running Xvfb; dropping it stops the server.
#[derive(Debug)]
pub struct Xvfb {
    child: Child,
    /// The display name, e.g. `:3`.
    pub display: String,
}

impl Xvfb {
    /// Starts `Xvfb` with one screen of `width`x`height` at `depth` bits on a display number it picks.
    pub fn start(width: u32, height: u32, depth: u32) -> Result<Xvfb, String> {
        let mut cmd = Command::new("Xvfb");
        cmd.args([
            "-displayfd",
            "1",
            "-nolisten",
            "tcp",
            "-noreset",
            "-screen",
            "0",
        ])
        .arg(format!("{width}x{height}x{depth}"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
        // SAFETY: prctl is async-signal-safe; it makes the kernel stop the server if this process dies
        // before dropping the guard (a killed or crashed test leaves no X server behind).
        unsafe {
            cmd.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("could not start Xvfb: {e}"))?;
        SERVERS.lock().map_err(|_| "poisoned")?.push(child.id());
        let mut stdout = child.stdout.take().ok_or("Xvfb has no stdout")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = Vec::new();
            let mut byte = [0u8; 1];
            // Xvfb writes "<number>\n" when it accepts connections; stop at the newline so the pipe stays open.
            while stdout.read(&mut byte).is_ok_and(|n| n == 1) && byte[0] != b'\n' {
                line.push(byte[0]);
            }
            let _ = tx.send(String::from_utf8_lossy(&line).into_owned());
            // Keep reading (nothing more comes) so Xvfb never sees a closed pipe.
            let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        });
        let mut server = Xvfb {
            child,
            display: String::new(),
        };
        let number = rx
            .recv_timeout(Duration::from_secs(20))
            .map_err(|_| "Xvfb did not start within 20 s")?;
        if number.trim().parse::<u32>().is_err() {
            return Err(format!(
                "Xvfb exited before it was ready (it printed {number:?})"
            ));
        }
        server.display = format!(":{}", number.trim());
        Ok(server)
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Ok(mut pids) = SERVERS.lock() {
            pids.retain(|&p| p != self.child.id());
        }
    }
}

/// A display number with no X server (no socket and no lock file).
pub fn unused_display() -> String {
    (90..1000)
        .find(|n| {
            !std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !std::path::Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .map(|n| format!(":{n}"))
        .unwrap_or_else(|| ":999".into())
}

/// Runs `program args` with `DISPLAY=display`, failing if it runs longer than 20 s or exits non-zero.
pub fn run(display: &str, program: &str, args: &[&str]) -> Result<Output, String> {
    let child = Command::new(program)
        .args(args)
        .env("DISPLAY", display)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    let pid = child.id();
    // Collect the output on another thread (a full pipe would otherwise stall the program) and give up
    // after 20 s.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(out) => out.map_err(|e| format!("{program}: {e}"))?,
        Err(_) => {
            // SAFETY: signalling our own child process.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            return Err(format!("{program} {args:?} did not finish within 20 s"));
        }
    };
    if !out.status.success() {
        return Err(format!(
            "{program} {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(out)
}

/// Starts `program args` in the background (it runs while the test waits in `wait_key`).
pub fn spawn(display: &str, program: &str, args: &[&str]) -> Result<Child, String> {
    Command::new(program)
        .args(args)
        .env("DISPLAY", display)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run {program}: {e}"))
}

/// A screenshot: `0x00RRGGBB` pixels, row-major.
#[derive(Debug)]
pub struct Shot {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u32>,
}

impl Shot {
    /// The whole X screen, taken by `xwd -root` (an independent X client).
    pub fn root(display: &str) -> Result<Shot, String> {
        let out = run(display, "xwd", &["-root", "-silent"])?;
        parse_xwd(&out.stdout)
    }

    pub fn at(&self, x: usize, y: usize) -> u32 {
        self.pixels[y * self.width + x]
    }

    /// The pixels of the rectangle `geometry` (x, y, w, h), row-major.
    pub fn crop(&self, (x0, y0, w, h): (usize, usize, usize, usize)) -> Vec<u32> {
        (y0..y0 + h)
            .flat_map(|y| (x0..x0 + w).map(move |x| (x, y)))
            .map(|(x, y)| self.at(x, y))
            .collect()
    }

    /// Saves the screenshot as PNG (for a person to look at).
    pub fn save(&self, path: &std::path::Path) -> Result<(), String> {
        let rgb: Vec<u8> = self
            .pixels
            .iter()
            .flat_map(|p| [(p >> 16) as u8, (p >> 8) as u8, *p as u8])
            .collect();
        let image = viewer::Image::rgb(&rgb, self.width, self.height).map_err(|e| e.to_string())?;
        viewer::imwrite(path, &image).map_err(|e| e.to_string())
    }
}

/// Parses an XWD file (`xwd`'s format) holding a 32-bit TrueColor ZPixmap.
pub fn parse_xwd(data: &[u8]) -> Result<Shot, String> {
    let field = |i: usize| -> Result<u32, String> {
        data.get(i * 4..i * 4 + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| "XWD file too short".to_string())
    };
    let (header_size, version, format) = (field(0)? as usize, field(1)?, field(2)?);
    let (width, height) = (field(4)? as usize, field(5)? as usize);
    let (byte_order, bits_per_pixel, bytes_per_line) = (field(7)?, field(11)?, field(12)? as usize);
    let masks = [field(14)?, field(15)?, field(16)?];
    let ncolors = field(19)? as usize;
    if version != 7 || format != 2 || bits_per_pixel != 32 {
        return Err(format!(
            "unexpected XWD: version {version}, format {format}, {bits_per_pixel} bits per pixel"
        ));
    }
    let start = header_size + ncolors * 12;
    let body = data
        .get(start..start + height * bytes_per_line)
        .ok_or("XWD pixel data truncated")?;
    let channel = |p: u32, mask: u32| (p & mask) >> mask.trailing_zeros();
    let mut pixels = Vec::with_capacity(width * height);
    for row in body.chunks_exact(bytes_per_line) {
        for b in row[..width * 4].chunks_exact(4) {
            let bytes = [b[0], b[1], b[2], b[3]];
            let p = if byte_order == 0 {
                u32::from_le_bytes(bytes)
            } else {
                u32::from_be_bytes(bytes)
            };
            pixels.push(
                (channel(p, masks[0]) << 16) | (channel(p, masks[1]) << 8) | channel(p, masks[2]),
            );
        }
    }
    Ok(Shot {
        width,
        height,
        pixels,
    })
}

/// A window's position and size on the screen, from `xdotool getwindowgeometry`.
pub fn geometry(display: &str, window: u64) -> Result<(usize, usize, usize, usize), String> {
    let out = run(
        display,
        "xdotool",
        &["getwindowgeometry", "--shell", &window.to_string()],
    )?;
    let text = String::from_utf8_lossy(&out.stdout);
    let value = |key: &str| -> Result<usize, String> {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| format!("no {key} in xdotool's output {text:?}"))
    };
    Ok((value("X")?, value("Y")?, value("WIDTH")?, value("HEIGHT")?))
}

/// The ids of the windows whose title is exactly `title` (`xdotool search`; empty when none).
pub fn windows_titled(display: &str, title: &str) -> Result<Vec<u64>, String> {
    let out = Command::new("xdotool")
        .args(["search", "--name", &format!("^{title}$")])
        .env("DISPLAY", display)
        .output()
        .map_err(|e| format!("could not run xdotool: {e}"))?;
    // xdotool exits 1 when nothing matches.
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect())
}

/// Sends `WM_DELETE_WINDOW` to `window`, exactly what a window manager does when its close button is
/// clicked (Xvfb has no window manager, so no button to click).
pub fn click_close_button(window: u64) -> Result<(), String> {
    use x11_dl::xlib;
    let lib = xlib::Xlib::open().map_err(|e| e.to_string())?;
    // SAFETY: a short-lived connection of our own; the event is fully initialised before it is sent.
    unsafe {
        let d = (lib.XOpenDisplay)(std::ptr::null());
        if d.is_null() {
            return Err("could not connect to the X server".into());
        }
        let protocols = (lib.XInternAtom)(d, c"WM_PROTOCOLS".as_ptr(), xlib::False);
        let delete = (lib.XInternAtom)(d, c"WM_DELETE_WINDOW".as_ptr(), xlib::False);
        let mut event: xlib::XEvent = std::mem::zeroed();
        event.client_message.type_ = xlib::ClientMessage;
        event.client_message.window = window;
        event.client_message.message_type = protocols;
        event.client_message.format = 32;
        event
            .client_message
            .data
            .set_long(0, delete as std::os::raw::c_long);
        event
            .client_message
            .data
            .set_long(1, xlib::CurrentTime as std::os::raw::c_long);
        (lib.XSendEvent)(d, window, xlib::False, xlib::NoEventMask, &mut event);
        (lib.XSync)(d, xlib::False);
        (lib.XCloseDisplay)(d);
    }
    Ok(())
}

/// Destroys `window` from another X client, as a misbehaving tool or `xdotool windowclose` would.
pub fn destroy_from_another_client(window: u64) -> Result<(), String> {
    use x11_dl::xlib;
    let lib = xlib::Xlib::open().map_err(|e| e.to_string())?;
    // SAFETY: a short-lived connection of our own.
    unsafe {
        let d = (lib.XOpenDisplay)(std::ptr::null());
        if d.is_null() {
            return Err("could not connect to the X server".into());
        }
        (lib.XDestroyWindow)(d, window);
        (lib.XSync)(d, xlib::False);
        (lib.XCloseDisplay)(d);
    }
    Ok(())
}

/// A running `openbox` window manager on a test display; dropping it stops it.
#[derive(Debug)]
pub struct Openbox {
    child: Child,
}

impl Openbox {
    /// Starts openbox on `display` and waits (up to 20 s) until it manages the screen: it has published
    /// `_NET_WORKAREA` and answers `_NET_REQUEST_FRAME_EXTENTS`.
    pub fn start(display: &str) -> Result<Openbox, String> {
        let mut cmd = Command::new("openbox");
        cmd.args(["--sm-disable"])
            .env("DISPLAY", display)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: as for Xvfb: prctl is async-signal-safe.
        unsafe {
            cmd.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd
            .spawn()
            .map_err(|e| format!("could not start openbox: {e}"))?;
        SERVERS.lock().map_err(|_| "poisoned")?.push(child.id());
        let wm = Openbox { child };
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while root_cardinals(display, "_NET_WORKAREA")?.len() < 4 {
            if std::time::Instant::now() > deadline {
                return Err("openbox did not publish _NET_WORKAREA within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(wm)
    }
}

impl Drop for Openbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Ok(mut pids) = SERVERS.lock() {
            pids.retain(|&p| p != self.child.id());
        }
    }
}

/// A CARDINAL[] property of `window` (0: the root window), empty when it is not set.
pub fn cardinals(display: &str, window: u64, name: &str) -> Result<Vec<i64>, String> {
    use x11_dl::xlib;
    let lib = xlib::Xlib::open().map_err(|e| e.to_string())?;
    let display_name = std::ffi::CString::new(display).map_err(|e| e.to_string())?;
    let name = std::ffi::CString::new(name).map_err(|e| e.to_string())?;
    // SAFETY: a short-lived connection of our own; the property data is read within its length and freed.
    unsafe {
        let d = (lib.XOpenDisplay)(display_name.as_ptr());
        if d.is_null() {
            return Err(format!("could not connect to {display}"));
        }
        let window = if window == 0 {
            (lib.XDefaultRootWindow)(d)
        } else {
            window
        };
        let atom = (lib.XInternAtom)(d, name.as_ptr(), xlib::False);
        let (mut actual, mut format, mut nitems, mut after) = (0, 0, 0, 0);
        let mut data: *mut u8 = std::ptr::null_mut();
        (lib.XGetWindowProperty)(
            d,
            window,
            atom,
            0,
            64,
            xlib::False,
            xlib::XA_CARDINAL,
            &mut actual,
            &mut format,
            &mut nitems,
            &mut after,
            &mut data,
        );
        let mut out = Vec::new();
        if !data.is_null() {
            if format == 32 {
                out = std::slice::from_raw_parts(data.cast::<i64>(), nitems as usize).to_vec();
            }
            (lib.XFree)(data.cast());
        }
        (lib.XCloseDisplay)(d);
        Ok(out)
    }
}

/// A CARDINAL[] property of the root window.
pub fn root_cardinals(display: &str, name: &str) -> Result<Vec<i64>, String> {
    cardinals(display, 0, name)
}

/// The title of `window` (`xdotool getwindowname`).
pub fn window_name(display: &str, window: u64) -> Result<String, String> {
    let out = run(display, "xdotool", &["getwindowname", &window.to_string()])?;
    Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_owned())
}

/// A window's position on the screen and size, from the server itself (`xdotool getwindowgeometry`
/// counts the frame's offset twice once a window manager has reparented the window).
pub fn client_area(display: &str, window: u64) -> Result<(usize, usize, usize, usize), String> {
    use x11_dl::xlib;
    let lib = xlib::Xlib::open().map_err(|e| e.to_string())?;
    let display_name = std::ffi::CString::new(display).map_err(|e| e.to_string())?;
    // SAFETY: a short-lived connection of our own.
    unsafe {
        let d = (lib.XOpenDisplay)(display_name.as_ptr());
        if d.is_null() {
            return Err(format!("could not connect to {display}"));
        }
        let root = (lib.XDefaultRootWindow)(d);
        let mut attrs: xlib::XWindowAttributes = std::mem::zeroed();
        let ok = (lib.XGetWindowAttributes)(d, window, &mut attrs) != 0;
        let (mut x, mut y, mut child) = (0, 0, 0);
        (lib.XTranslateCoordinates)(d, window, root, 0, 0, &mut x, &mut y, &mut child);
        (lib.XCloseDisplay)(d);
        if !ok {
            return Err(format!("no window {window}"));
        }
        let size = |v: i32| usize::try_from(v).map_err(|_| format!("negative coordinate {v}"));
        Ok((size(x)?, size(y)?, size(attrs.width)?, size(attrs.height)?))
    }
}
