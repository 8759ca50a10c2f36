//! [`Viewer`]: the named windows of one thread, and the event pump behind `wait_key`.
//!
//! Each window is a minifb window with its own X connection. `imshow` converts the image, sizes the window
//! (shrinking images larger than the screen) and draws at once, on X11 with its own `XPutImage` of the
//! converted pixels (minifb's `update_with_buffer` would first copy them into a buffer of its own); `wait_key` pumps every window's events,
//! redraws windows that were uncovered, notices windows closed by their close button, and sleeps in
//! `ppoll(2)` on the X connections so a key press wakes it immediately.

use crate::Error;
use crate::display::{self, Blit, Plan, Usable, XConnection, XEvent, plan_from_env};
use crate::highgui;
use crate::image::{Image, Sample, fit, shrink};
use crate::key::{Key, KeyQueue, Press, Presses, key_code};
use minifb::{Window, WindowOptions};
use raw_window_handle::{HasDisplayHandle, HasWindowHandle, RawDisplayHandle, RawWindowHandle};
use std::cell::RefCell;
use std::mem::ManuallyDrop;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// How long one `ppoll(2)` may sleep before the windows are pumped again (bounds the delay for an event that
/// Xlib read into its queue without the socket staying readable).
const MAX_SLEEP: Duration = Duration::from_millis(10);
/// Offset between windows opened while others are open, so they do not hide each other exactly.
const CASCADE: isize = 40;
/// The size of a window `named_window` opens before it has an image (OpenCV's GTK image widget asks for
/// the same).
const EMPTY_WINDOW: (usize, usize) = (320, 240);

/// A mouse callback: `(event, x, y, flags)` as cv2 passes them (see [`crate::highgui`]).
pub(crate) type MouseCallback = Rc<RefCell<dyn FnMut(i32, i32, i32, i32)>>;

/// A mouse callback call collected while pumping events, made once the viewer is no longer borrowed (so
/// that the callback may call `imshow`, as cv2 callbacks often do).
pub(crate) struct MouseCall {
    callback: MouseCallback,
    args: (i32, i32, i32, i32),
}

impl MouseCall {
    /// Calls the callback (skipped if it is already running: a callback that waits for keys itself).
    pub(crate) fn run(self) {
        if let Ok(mut callback) = self.callback.try_borrow_mut() {
            let (event, x, y, flags) = self.args;
            callback(event, x, y, flags);
        }
    }
}

/// Which presses end a wait: `wait_key` skips modifier keys alone, cv2's `waitKey` does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    NonModifier,
    Any,
}

/// What one round of waiting gave.
#[derive(Debug)]
pub(crate) enum Step {
    Key(Key),
    /// Time is up, a window was closed, or no window is open: the wait ends without a key.
    Done,
    /// Nothing yet: wait again.
    Again,
}

/// What a window keeps when it is opened again (at another size).
#[derive(Default)]
struct Carry {
    presses: Presses,
    mouse: Option<MouseCallback>,
    title: Option<String>,
    autosize: bool,
    position: Option<(isize, isize)>,
}

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
#[derive(Default)]
pub struct Viewer {
    windows: Vec<Shown>,
    closed_by_user: Vec<String>,
    x: Option<XConnection>,
    scratch: Vec<u32>,
    mouse_calls: Vec<MouseCall>,
}

impl std::fmt::Debug for Viewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Viewer")
            .field("windows", &self.windows)
            .field("closed_by_user", &self.closed_by_user)
            .finish_non_exhaustive()
    }
}

/// One open window and what it shows.
struct Shown {
    name: String,
    /// Dropped by hand in `Drop`, before the window id is forgotten.
    window: ManuallyDrop<Window>,
    /// The window-sized pixels last shown, kept for redraws.
    pixels: Vec<u32>,
    /// The size of `pixels`: the size the window was opened with (a `WINDOW_NORMAL` window may have been
    /// resized since; the pixels are then stretched to it).
    size: (usize, usize),
    /// The size of the image last shown (`size` is smaller when it was shrunk to fit), for mouse
    /// coordinates; `None` before the first image.
    image: Option<(usize, usize)>,
    /// `WINDOW_AUTOSIZE` (else `WINDOW_NORMAL`).
    autosize: bool,
    /// `resize_window` was called: a `WINDOW_NORMAL` window keeps its size when its first image comes.
    user_sized: bool,
    title: Option<String>,
    presses: Presses,
    mouse: Option<MouseCallback>,
    /// The last button press (button, server time, x, y), for double clicks.
    last_press: Option<(u32, u64, i32, i32)>,
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
    /// What a reopened window keeps.
    fn carry(&self) -> Carry {
        Carry {
            presses: self.presses.clone(),
            mouse: self.mouse.clone(),
            title: self.title.clone(),
            autosize: self.autosize,
            position: None,
        }
    }

    /// Queues a call of the mouse callback for an event at window pixel (`x`, `y`), mapped to image pixels;
    /// nothing without a callback or outside the image.
    fn mouse_call(&self, calls: &mut Vec<MouseCall>, event: i32, x: i32, y: i32, flags: i32) {
        let Some(callback) = &self.mouse else {
            return;
        };
        let image = self.image.unwrap_or(self.size);
        let (ww, wh) = self.window.get_size();
        let (Some(ix), Some(iy)) = (to_image(x, image.0, ww), to_image(y, image.1, wh)) else {
            return;
        };
        calls.push(MouseCall {
            callback: callback.clone(),
            args: (event, ix, iy, flags),
        });
    }

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
    /// the work area keeping the aspect ratio) if no window has that name, and drawing at once. A
    /// `WINDOW_NORMAL` window (see [`named_window`](Viewer::named_window)) keeps its size and stretches the
    /// image to it, once its first image has sized it.
    ///
    /// Errors: no display, a display that refuses, a screen minifb cannot draw on, a missing X11 library
    /// (each message says what to do), or an empty name / one with a NUL byte.
    pub fn imshow<T: Sample>(&mut self, name: &str, image: &Image<'_, T>) -> Result<(), Error> {
        check_name(name)?;
        let src = (image.width(), image.height());
        let max = self.max_window();
        let want = fit(src, max);
        let index = match self.windows.iter().position(|w| w.name == name) {
            Some(i) if !self.windows[i].is_gone() => {
                let w = &self.windows[i];
                let keeps_size = !w.autosize && (w.image.is_some() || w.user_sized);
                if w.size == want {
                    i
                } else if keeps_size {
                    // WINDOW_NORMAL: the window stays as it is; the new pixels are stretched to it.
                    let w = &mut self.windows[i];
                    w.size = want;
                    w.blit = w.x11.and_then(|(id, owner)| Blit::new(owner, id, want));
                    i
                } else {
                    // An autosized window whose image changed size, or a normal one's first image: reopen
                    // at the new size, as cv2 resizes it. The old window goes only once the new one
                    // exists: the new connection then cannot get the old one's id range, so the window
                    // manager never sees a new window with the id of one it is still unmanaging.
                    let old = self.windows.remove(i);
                    let index = self.open(name, want, old.carry());
                    drop(old);
                    index?
                }
            }
            existing => {
                // A new window (cv2's imshow makes an autosized one), or the old window is gone (show the
                // image again, as cv2 does).
                let carry = match existing {
                    Some(i) => self.windows.remove(i).carry(),
                    None => Carry {
                        autosize: true,
                        ..Carry::default()
                    },
                };
                self.open(name, src, carry)?
            }
        };
        let shown = &mut self.windows[index];
        shown.image = Some(src);
        if shown.size == src {
            // Straight into the window's own buffer: one pass, and the same memory every frame.
            image.to_xrgb_into(&mut shown.pixels);
        } else {
            image.to_xrgb_into(&mut self.scratch);
            shrink(&self.scratch, src, shown.size, &mut shown.pixels);
        }
        shown.draw()
    }

    /// `cv2.namedWindow(name, flags)`: opens an empty (black, 320x240) window now, so that properties,
    /// callbacks, moves and resizes can be set before the first `imshow`. `flags` is
    /// [`WINDOW_AUTOSIZE`](crate::WINDOW_AUTOSIZE) (cv2's default: the window takes each image's size and
    /// cannot be resized) or [`WINDOW_NORMAL`](crate::WINDOW_NORMAL) (resizable; its first image sizes it,
    /// later ones are stretched to it); cv2's other flags are accepted and change nothing, except
    /// [`WINDOW_OPENGL`](crate::WINDOW_OPENGL), which is an error. A name that already has a window is
    /// left as it is, as in cv2.
    pub fn named_window(&mut self, name: &str, flags: i32) -> Result<(), Error> {
        check_name(name)?;
        if flags & highgui::WINDOW_OPENGL != 0 {
            return Err(Error::InvalidArgument {
                window: name.to_owned(),
                action: "open",
                why: "WINDOW_OPENGL: this viewer has no OpenGL windows; leave the flag out".into(),
            });
        }
        if let Some(i) = self.windows.iter().position(|w| w.name == name) {
            if !self.windows[i].is_gone() {
                return Ok(());
            }
            self.windows.remove(i);
        }
        let carry = Carry {
            autosize: flags & highgui::WINDOW_AUTOSIZE != 0,
            ..Carry::default()
        };
        let index = self.open(name, EMPTY_WINDOW, carry)?;
        let shown = &mut self.windows[index];
        shown.pixels = vec![0; shown.size.0 * shown.size.1];
        shown.draw()
    }

    /// Opens a window of `size` pixels (less if that does not fit the work area); returns its index.
    fn open(&mut self, name: &str, size: (usize, usize), carry: Carry) -> Result<usize, Error> {
        let refusal = self.connect(name)?;
        let size = fit(size, self.max_window());
        // minifb draws only Wayland windows and X11 windows of another size than their pixels (X11
        // windows at their own size get our `Blit`): Stretch fills the window without first clearing it,
        // which AspectRatioStretch would (about 8% more per 1080p frame).
        let options = WindowOptions {
            resize: !carry.autosize,
            ..WindowOptions::default()
        };
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
        if let Some(title) = &carry.title {
            window.set_title(title);
        }
        let x11 = x11_ids(&window);
        if x11.is_none() {
            // Wayland: minifb's callback is the only source of key presses.
            window.set_input_callback(Box::new(KeyQueue::new(carry.presses.clone())));
        }
        match carry.position {
            Some((x, y)) => window.set_position(x, y),
            None => self.place(&mut window, size),
        }
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
            image: None,
            autosize: carry.autosize,
            user_sized: false,
            title: carry.title,
            presses: carry.presses,
            mouse: carry.mouse,
            last_press: None,
            x11,
            blit,
            needs_redraw: true,
        });
        Ok(self.windows.len() - 1)
    }

    /// The largest window that fits the work area inside its frame (`None` before the display is known).
    fn max_window(&mut self) -> Option<(usize, usize)> {
        self.x.as_mut().map(|x| x.usable().max_window())
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

    /// Centres a new window, frame included, in the work area (minifb centres it on the whole screen, which
    /// under a window manager can push the frame off it), each further window offset from the last so that
    /// several stay visible. Without a window manager, the first window stays where minifb put it.
    fn place(&mut self, window: &mut Window, size: (usize, usize)) {
        let count = self.windows.len();
        let Some(x) = self.x.as_mut() else {
            return;
        };
        let usable: Usable = x.usable();
        let managed =
            usable.frame != display::Frame::default() || usable.area.x != 0 || usable.area.y != 0;
        if count == 0 && !managed && (usable.area.width, usable.area.height) == x.screen {
            return;
        }
        let step = CASCADE * isize::try_from(count).unwrap_or(0);
        let f = usable.frame;
        let outer = (
            (size.0 + f.left + f.right) as isize,
            (size.1 + f.top + f.bottom) as isize,
        );
        let pos = |start: isize, room: usize, side: isize| {
            let room = room as isize;
            start + ((room - side) / 2 + step).min(room - side).max(0)
        };
        // A window manager puts the frame's corner where a client asks its window to go (ICCCM's
        // north-west gravity), so this is the frame's position.
        window.set_position(
            pos(usable.area.x, usable.area.width, outer.0),
            pos(usable.area.y, usable.area.height, outer.1),
        );
    }

    /// Waits up to `ms` milliseconds (0: for ever) for a key press in any window, keeping every window drawn
    /// and responsive meanwhile, as `cv2.waitKey`; mouse callbacks are called while it waits.
    ///
    /// Returns `None` when the time is up, when the user closes a window (it is then gone: see
    /// [`Viewer::is_open`]), or at once when no window is open and `ms` is 0 (with no window, `wait_key(ms)`
    /// just sleeps `ms`). Modifier keys alone do not count as presses here (they do for
    /// [`wait_key_code`](Viewer::wait_key_code), as in cv2). The [`Key`] says which key, what it typed,
    /// and the numbers cv2 gives ([`Key::cv2_code`], [`Key::cv2_code_ex`]).
    pub fn wait_key(&mut self, ms: u64) -> Option<Key> {
        self.wait(ms, Want::NonModifier)
    }

    /// `cv2.waitKey(ms)` exactly: the code of the next key press, modifier keys included, as OpenCV's GTK
    /// backend reports it (`& 0xff`: `'q'` 113, Esc 27, Enter 13, Left 81, Up 82, Right 83, Down 84,
    /// F1 190, Shift 225, Ctrl+C 99), or -1 when the time is up, a window is closed, or no window is open.
    pub fn wait_key_code(&mut self, ms: u64) -> i32 {
        self.wait(ms, Want::Any).map_or(-1, |k| k.cv2_code())
    }

    /// `cv2.waitKeyEx(ms)` exactly: as [`wait_key_code`](Viewer::wait_key_code) with the full code (the key's
    /// keysym, Left 65361, F1 65470, with the modifier mask from bit 16: Ctrl+C 262243), or -1.
    pub fn wait_key_ex(&mut self, ms: u64) -> i32 {
        self.wait(ms, Want::Any).map_or(-1, |k| k.cv2_code_ex())
    }

    fn wait(&mut self, ms: u64, want: Want) -> Option<Key> {
        let deadline = deadline(ms);
        loop {
            let step = self.wait_step(deadline, want);
            for call in self.take_mouse_calls() {
                call.run();
            }
            match step {
                Step::Key(key) => return Some(key),
                Step::Done => return None,
                Step::Again => {}
            }
        }
    }

    /// One round of a wait that ends at `deadline` (`None`: never): pump the windows, return a press if there
    /// is one, else sleep a little (at most until the deadline) and say to go again. Mouse callback calls
    /// are collected for [`take_mouse_calls`](Viewer::take_mouse_calls).
    pub(crate) fn wait_step(&mut self, deadline: Option<Instant>, want: Want) -> Step {
        if self.windows.is_empty() {
            if let Some(d) = deadline {
                std::thread::sleep(d.saturating_duration_since(Instant::now()));
            }
            return Step::Done;
        }
        let closed = self.pump();
        if let Some(key) = self.next_key(want) {
            return Step::Key(key);
        }
        if closed || self.windows.is_empty() {
            return Step::Done;
        }
        let left = match deadline {
            Some(d) => d.saturating_duration_since(Instant::now()),
            None => MAX_SLEEP,
        };
        if left.is_zero() {
            return Step::Done;
        }
        self.sleep(left.min(MAX_SLEEP));
        Step::Again
    }

    /// The mouse callback calls collected since the last call, oldest first.
    pub(crate) fn take_mouse_calls(&mut self) -> Vec<MouseCall> {
        std::mem::take(&mut self.mouse_calls)
    }

    /// Processes every window's events once: redraws uncovered windows, queues key presses and mouse
    /// callback calls, drops windows the user closed. Returns whether a window was closed.
    fn pump(&mut self) -> bool {
        let events = self.x.as_ref().map(XConnection::events).unwrap_or_default();
        for event in events {
            let id = event.window();
            let Some(w) = self
                .windows
                .iter_mut()
                .find(|w| w.x11.is_some_and(|(wid, _)| wid == id))
            else {
                continue;
            };
            match event {
                XEvent::Expose(_) => w.needs_redraw = true,
                XEvent::Key {
                    keysym,
                    base,
                    keypad,
                    state,
                    text,
                    ..
                } => w.presses.borrow_mut().push_back(Press {
                    code: key_code(base, keypad),
                    text,
                    keysym,
                    state,
                }),
                XEvent::Button {
                    press,
                    button,
                    x,
                    y,
                    state,
                    time,
                    ..
                } => {
                    let Some((cv_event, extra)) = highgui::button_event(button, press) else {
                        continue;
                    };
                    let flags = extra | highgui::mouse_flags(state);
                    w.mouse_call(&mut self.mouse_calls, cv_event, x, y, flags);
                    if press {
                        let double = w.last_press.is_some_and(|(b, t, px, py)| {
                            b == button
                                && time.saturating_sub(t) <= highgui::DOUBLE_CLICK_MS
                                && (x - px).abs() <= highgui::DOUBLE_CLICK_DISTANCE
                                && (y - py).abs() <= highgui::DOUBLE_CLICK_DISTANCE
                        });
                        match highgui::double_click_event(button) {
                            Some(dbl) if double => {
                                w.mouse_call(&mut self.mouse_calls, dbl, x, y, flags);
                                w.last_press = None; // a third press starts a new pair, as in GTK
                            }
                            Some(_) => w.last_press = Some((button, time, x, y)),
                            None => {}
                        }
                    }
                }
                XEvent::Motion { x, y, state, .. } => {
                    let flags = highgui::mouse_flags(state);
                    w.mouse_call(&mut self.mouse_calls, highgui::EVENT_MOUSEMOVE, x, y, flags);
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

    fn next_key(&mut self, want: Want) -> Option<Key> {
        self.windows.iter().find_map(|w| {
            let mut presses = w.presses.borrow_mut();
            loop {
                let key = presses.pop_front()?.into_key(&w.name);
                if want == Want::Any || !key.is_modifier() {
                    return Some(key);
                }
            }
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
        Err(self.no_such_window(name))
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

    /// `cv2.moveWindow(name, x, y)`: puts the window (its frame's corner, under a window manager) at `x`,
    /// `y` on the screen.
    pub fn move_window(&mut self, name: &str, x: i32, y: i32) -> Result<(), Error> {
        let shown = self.find(name)?;
        shown.window.set_position(x as isize, y as isize);
        shown.window.update();
        Ok(())
    }

    /// `cv2.resizeWindow(name, width, height)`: gives a `WINDOW_NORMAL` window this size (the image is
    /// stretched to it, and its first image no longer resizes it). An autosized window keeps the size of
    /// its image, as with cv2's Qt backend (this call changes nothing for it). Zero sizes are an error.
    pub fn resize_window(&mut self, name: &str, width: u32, height: u32) -> Result<(), Error> {
        if width == 0 || height == 0 {
            return Err(Error::InvalidArgument {
                window: name.to_owned(),
                action: "resize",
                why: format!("{width}x{height} is empty; give both sides at least 1 pixel"),
            });
        }
        let i = self.index(name)?;
        if self.windows[i].autosize {
            return Ok(());
        }
        self.windows[i].user_sized = true;
        match (&self.x, self.windows[i].x11) {
            (Some(x), Some((id, _))) => x.resize(id, width, height),
            _ => {
                return Err(Error::InvalidArgument {
                    window: name.to_owned(),
                    action: "resize",
                    why: "only X11 windows can be resized by the program".into(),
                });
            }
        }
        Ok(())
    }

    /// `cv2.setWindowTitle(name, title)`: shows `title` in the window's title bar; the window keeps its name
    /// for every other call.
    pub fn set_window_title(&mut self, name: &str, title: &str) -> Result<(), Error> {
        if title.contains('\0') {
            return Err(Error::InvalidArgument {
                window: name.to_owned(),
                action: "set the title of",
                why: "the title contains a NUL byte, which window titles cannot hold".into(),
            });
        }
        let shown = self.find(name)?;
        shown.window.set_title(title);
        shown.title = Some(title.to_owned());
        shown.window.update();
        Ok(())
    }

    /// `cv2.getWindowProperty(name, prop)` with cv2's numbers (see [`crate::highgui`]):
    /// [`WND_PROP_VISIBLE`](crate::WND_PROP_VISIBLE) is 1.0 while the window is open and 0.0 once it is
    /// closed or for a name with no window (as cv2's Qt backend answers for a destroyed window);
    /// [`WND_PROP_AUTOSIZE`](crate::WND_PROP_AUTOSIZE) 1.0 or 0.0, [`WND_PROP_FULLSCREEN`](crate::WND_PROP_FULLSCREEN)
    /// 0.0, [`WND_PROP_ASPECT_RATIO`](crate::WND_PROP_ASPECT_RATIO) the window's width / height; anything
    /// else, and every property of a name with no window, -1.0 (cv2's "not supported").
    pub fn get_window_property(&self, name: &str, prop: i32) -> f64 {
        let shown = self.windows.iter().find(|w| w.name == name && !w.is_gone());
        match (shown, prop) {
            (None, highgui::WND_PROP_VISIBLE) => 0.0,
            (None, _) => -1.0,
            (Some(_), highgui::WND_PROP_VISIBLE) => 1.0,
            (Some(w), highgui::WND_PROP_AUTOSIZE) => f64::from(u8::from(w.autosize)),
            (Some(_), highgui::WND_PROP_FULLSCREEN) => 0.0,
            (Some(w), highgui::WND_PROP_ASPECT_RATIO) => {
                let (width, height) = w.window.get_size();
                width as f64 / height.max(1) as f64
            }
            (Some(_), _) => -1.0,
        }
    }

    /// `cv2.setMouseCallback(name, callback)`: `callback(event, x, y, flags)` is called from `wait_key`
    /// (and its cv2-style variants) for every mouse event in the window, with cv2's event codes and flags
    /// (`EVENT_LBUTTONDOWN`, `EVENT_FLAG_SHIFTKEY`, ... in [`crate::highgui`]) and `x`, `y` in image
    /// pixels (a shrunk or stretched window is mapped back; events outside the image are not reported, as
    /// with cv2's GTK backend). Python's `param` argument is whatever the closure captures. The callback
    /// may call `imshow` and the other free functions.
    pub fn set_mouse_callback(
        &mut self,
        name: &str,
        callback: impl FnMut(i32, i32, i32, i32) + 'static,
    ) -> Result<(), Error> {
        let shown = self.find(name)?;
        shown.mouse = Some(Rc::new(RefCell::new(callback)));
        Ok(())
    }

    fn index(&self, name: &str) -> Result<usize, Error> {
        self.windows
            .iter()
            .position(|w| w.name == name && !w.is_gone())
            .ok_or_else(|| self.no_such_window(name))
    }

    fn find(&mut self, name: &str) -> Result<&mut Shown, Error> {
        let i = self.index(name)?;
        Ok(&mut self.windows[i])
    }

    fn no_such_window(&self, name: &str) -> Error {
        let open: Vec<&str> = self.windows.iter().map(|w| w.name.as_str()).collect();
        let open = if open.is_empty() {
            "none".to_owned()
        } else {
            open.join(", ")
        };
        Error::NoSuchWindow {
            name: name.to_owned(),
            open,
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

/// A window pixel coordinate as an image pixel coordinate, for a window of `window` pixels showing an image
/// of `image` pixels stretched over it (the same side when it is not); `None` outside the image.
fn to_image(v: i32, image: usize, window: usize) -> Option<i32> {
    let v = usize::try_from(v).ok()?;
    let mapped = if window == image || window == 0 {
        v
    } else {
        v * image / window
    };
    (mapped < image)
        .then(|| i32::try_from(mapped).ok())
        .flatten()
}

/// The instant a wait of `ms` milliseconds ends (`None` for 0: wait for ever).
pub(crate) fn deadline(ms: u64) -> Option<Instant> {
    (ms > 0).then(|| Instant::now() + Duration::from_millis(ms))
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
    fn mouse_coordinates_map_to_image_pixels() {
        assert_eq!(to_image(10, 200, 200), Some(10), "same size");
        assert_eq!(
            to_image(10, 100, 300),
            Some(3),
            "stretched 3x: floor(10 / 3)"
        );
        assert_eq!(to_image(639, 2560, 640), Some(2556), "shrunk 4x");
        assert_eq!(to_image(200, 200, 200), None, "right of the image");
        assert_eq!(to_image(-1, 200, 200), None, "left of the window");
    }

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
