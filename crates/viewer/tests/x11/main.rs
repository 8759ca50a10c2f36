//! Real windows under Xvfb: pixels checked in screenshots taken by `xwd`, keys sent with `xdotool`, the
//! close button, several windows, shrink-to-fit, redraw after uncovering, a window resized by another
//! client, and the no-display, refused-display and 16-bit-screen errors.
//!
//! A custom harness (`harness = false`): `DISPLAY` is process-wide and minifb reads it itself, so this main
//! sets it while it is still single-threaded, starts its own Xvfb servers (killed on exit, even on a crash)
//! and runs the scenarios one after another. Without Xvfb/xdotool/xwd it fails, naming the packages, when
//! `CI` or `VIEWER_REQUIRE_X11` is set (`cargo xtask test` sets it after installing them), and otherwise
//! says loudly that it skipped.

mod support;

use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};
use support::{
    Shot, Xvfb, click_close_button, destroy_from_another_client, geometry, run, spawn,
    unused_display, windows_titled,
};
use viewer::{Error, Image, KeyCode, Viewer};

type Outcome = Result<(), String>;
type Headless = fn() -> Outcome;
type OnXvfb = fn(&str) -> Outcome;

/// Scenarios that need no X server; they run first, with DISPLAY and WAYLAND_DISPLAY removed.
const HEADLESS: &[(&str, Headless)] = &[
    ("no_display_is_a_typed_error", no_display_is_a_typed_error),
    ("refusing_display_is_named", refusing_display_is_named),
    (
        "missing_wayland_compositor_is_explained",
        missing_wayland_compositor_is_explained,
    ),
];

/// Scenarios run against one 1280x1024x24 Xvfb.
const ON_XVFB: &[(&str, OnXvfb)] = &[
    (
        "gradient_pixels_reach_the_screen",
        gradient_pixels_reach_the_screen,
    ),
    (
        "formats_show_as_cv2_shows_them",
        formats_show_as_cv2_shows_them,
    ),
    ("key_presses_reach_wait_key", key_presses_reach_wait_key),
    ("wait_key_times_out", wait_key_times_out),
    ("close_button_is_noticed", close_button_is_noticed),
    (
        "window_destroyed_by_another_client_is_noticed",
        window_destroyed_by_another_client_is_noticed,
    ),
    (
        "several_windows_and_destroy_window",
        several_windows_and_destroy_window,
    ),
    ("uncovered_window_is_redrawn", uncovered_window_is_redrawn),
    ("large_image_is_shrunk_to_fit", large_image_is_shrunk_to_fit),
    (
        "same_name_replaces_and_resizes",
        same_name_replaces_and_resizes,
    ),
    (
        "free_functions_share_one_viewer",
        free_functions_share_one_viewer,
    ),
    (
        "window_resized_by_another_client_is_filled",
        window_resized_by_another_client_is_filled,
    ),
];

const TOOLS: [(&str, &str); 3] = [
    ("Xvfb", "xvfb"),
    ("xdotool", "xdotool"),
    ("xwd", "x11-apps"),
];

fn main() -> std::process::ExitCode {
    let started = Instant::now();
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let selected = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let mut tally = Tally::default();
    // SAFETY: still single-threaded: nothing else reads the environment concurrently.
    unsafe {
        std::env::remove_var("DISPLAY");
        std::env::remove_var("WAYLAND_DISPLAY");
    }
    for (name, test) in HEADLESS.iter().filter(|(n, _)| selected(n)) {
        tally.record(name, test);
    }

    let missing: Vec<&str> = TOOLS
        .iter()
        .filter(|(bin, _)| !on_path(bin))
        .map(|(_, pkg)| *pkg)
        .collect();
    let wanted: Vec<_> = ON_XVFB.iter().filter(|(n, _)| selected(n)).collect();
    let x11_wanted = !wanted.is_empty() || selected("sixteen_bit_screen_is_refused");
    if x11_wanted && !missing.is_empty() {
        let why = format!(
            "Xvfb, xdotool and xwd are needed for the window tests; install them with \
             `apt-get install {}` (`cargo xtask test` does this)",
            missing.join(" ")
        );
        if std::env::var_os("CI").is_some() || std::env::var_os("VIEWER_REQUIRE_X11").is_some() {
            tally.fail("x11_tools_present", &why);
        } else {
            eprintln!("\nSKIPPED {} window tests: {why}\n", wanted.len() + 1);
            tally.skipped = wanted.len() + 1;
        }
        return tally.finish(started);
    }
    if x11_wanted {
        start_watchdog();
    }
    if selected("sixteen_bit_screen_is_refused") {
        tally.record(
            "sixteen_bit_screen_is_refused",
            sixteen_bit_screen_is_refused,
        );
    }
    if !wanted.is_empty() {
        match Xvfb::start(1280, 1024, 24) {
            Err(e) => tally.fail("xvfb_starts", &e),
            Ok(server) => {
                // SAFETY: the watchdog thread never reads the environment; nothing else runs.
                unsafe { std::env::set_var("DISPLAY", &server.display) };
                for (name, test) in wanted {
                    tally.record(name, || test(&server.display));
                }
                drop(server);
            }
        }
    }
    tally.finish(started)
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    skipped: usize,
}

impl Tally {
    fn record(&mut self, name: &str, test: impl FnOnce() -> Outcome) {
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(test))
            .unwrap_or_else(|panic| Err(format!("panicked: {}", panic_text(&panic))));
        match outcome {
            Ok(()) => {
                println!("test {name} ... ok");
                self.passed += 1;
            }
            Err(why) => self.fail(name, &why),
        }
    }

    fn fail(&mut self, name: &str, why: &str) {
        println!("test {name} ... FAILED\n    {why}");
        self.failed.push(name.to_owned());
    }

    fn finish(self, started: Instant) -> std::process::ExitCode {
        let verdict = if self.failed.is_empty() {
            "ok"
        } else {
            "FAILED"
        };
        println!(
            "\ntest result: {verdict}. {} passed; {} failed; {} ignored; 0 measured; 0 filtered out; finished in {:.2}s\n",
            self.passed,
            self.failed.len(),
            self.skipped,
            started.elapsed().as_secs_f64()
        );
        if self.failed.is_empty() {
            std::process::ExitCode::SUCCESS
        } else {
            std::process::ExitCode::FAILURE
        }
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "non-string panic".into())
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Ends the run (stopping our X servers) if it hangs: a hung `wait_key` must fail the suite, not block CI.
fn start_watchdog() {
    std::thread::spawn(|| {
        std::thread::sleep(Duration::from_secs(120));
        eprintln!(
            "viewer window tests: still running after 120 s; a wait_key or an X call hangs. Stopping."
        );
        if let Ok(pids) = support::SERVERS.lock() {
            for &pid in pids.iter() {
                // SAFETY: signalling a child process we started.
                unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) };
            }
        }
        std::process::exit(1);
    });
}

macro_rules! check {
    ($cond:expr, $($why:tt)+) => {
        if !$cond {
            return Err(format!($($why)+));
        }
    };
}

fn e(err: Error) -> String {
    format!("unexpected error: {err}")
}

/// The gradient: pixel (x, y) has red = x, green = y, blue = 128; returned as BGR bytes.
fn gradient_bgr(w: usize, h: usize) -> Vec<u8> {
    (0..h)
        .flat_map(|y| (0..w).flat_map(move |x| [128, y as u8, x as u8]))
        .collect()
}

fn xrgb(r: u32, g: u32, b: u32) -> u32 {
    (r << 16) | (g << 8) | b
}

fn mismatches(expected: &[u32], got: &[u32], width: usize) -> Outcome {
    let bad: Vec<String> = expected
        .iter()
        .zip(got)
        .enumerate()
        .filter(|(_, (e, g))| e != g)
        .take(5)
        .map(|(i, (e, g))| {
            format!(
                "({}, {}) expected #{e:06X} got #{g:06X}",
                i % width,
                i / width
            )
        })
        .collect();
    let count = expected.iter().zip(got).filter(|(e, g)| e != g).count();
    check!(
        count == 0,
        "{count} of {} pixels differ, e.g. {}",
        expected.len(),
        bad.join("; ")
    );
    Ok(())
}

/// Shows `image` and checks the window's pixels in a root screenshot equal `expected`.
fn shows(display: &str, viewer: &Viewer, name: &str, expected: &[u32]) -> Outcome {
    let id = viewer.x11_window_id(name).ok_or("no X11 window id")?;
    let geo = geometry(display, id)?;
    let (w, h) = viewer.window_size(name).ok_or("no window size")?;
    check!(
        (geo.2, geo.3) == (w, h),
        "X says the window is {}x{}, the viewer says {w}x{h}",
        geo.2,
        geo.3
    );
    let shot = Shot::root(display)?;
    mismatches(expected, &shot.crop(geo), w)
}

// ---- scenarios without an X server ----

fn no_display_is_a_typed_error() -> Outcome {
    let pixels = [0u8; 12];
    let image = Image::rgb(&pixels, 2, 2).map_err(e)?;
    let mut viewer = Viewer::new();
    let err = viewer
        .imshow("headless", &image)
        .err()
        .ok_or("imshow succeeded with no display")?;
    check!(
        matches!(err, Error::NoDisplay { .. }),
        "expected NoDisplay, got {err:?}"
    );
    let text = err.to_string();
    for needle in [
        "no display",
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "xvfb-run -a",
        "imwrite",
        "'headless'",
    ] {
        check!(text.contains(needle), "message lacks {needle:?}: {text}");
    }
    check!(viewer.window_names().is_empty(), "a window was registered");
    check!(
        viewer.wait_key(0).is_none(),
        "wait_key found a key with no window"
    );
    Ok(())
}

fn refusing_display_is_named() -> Outcome {
    let display = unused_display();
    // SAFETY: the headless scenarios run on the main thread before any other thread exists.
    unsafe { std::env::set_var("DISPLAY", &display) };
    let pixels = [0u8; 3];
    let result = Viewer::new().imshow("refused", &Image::rgb(&pixels, 1, 1).map_err(e)?);
    // SAFETY: as above.
    unsafe { std::env::remove_var("DISPLAY") };
    let err = result
        .err()
        .ok_or("imshow succeeded on a display with no server")?;
    check!(
        matches!(&err, Error::CannotConnect { display: d, .. } if *d == display),
        "got {err:?}"
    );
    check!(
        err.to_string().contains(&format!("'{display}'")),
        "message does not name {display}: {err}"
    );
    Ok(())
}

fn missing_wayland_compositor_is_explained() -> Outcome {
    let pixels = [0u8; 3];
    let image = Image::rgb(&pixels, 1, 1).map_err(e)?;
    let x11 = unused_display();
    let mut outcomes = Vec::new();
    for display in [None, Some(x11.as_str())] {
        // SAFETY: the headless scenarios run on the main thread before any other thread exists.
        unsafe {
            std::env::set_var("WAYLAND_DISPLAY", "tasklab-no-such-wayland");
            match display {
                Some(d) => std::env::set_var("DISPLAY", d),
                None => std::env::remove_var("DISPLAY"),
            }
        }
        outcomes.push(Viewer::new().imshow("wl", &image));
        // SAFETY: as above.
        unsafe {
            std::env::remove_var("WAYLAND_DISPLAY");
            std::env::remove_var("DISPLAY");
        }
    }
    let expect = [
        "the Wayland display 'tasklab-no-such-wayland' (WAYLAND_DISPLAY) did not accept it and DISPLAY is not set".to_owned(),
        format!("neither the Wayland display 'tasklab-no-such-wayland' (WAYLAND_DISPLAY) nor the X display '{x11}'"),
    ];
    for (outcome, expected) in outcomes.into_iter().zip(expect) {
        let err = outcome.err().ok_or("imshow succeeded with no compositor")?;
        check!(matches!(err, Error::NoUsableDisplay { .. }), "got {err:?}");
        let text = err.to_string();
        check!(
            text.contains(&expected) && text.contains("xvfb-run -a"),
            "message: {text}"
        );
    }
    Ok(())
}

fn sixteen_bit_screen_is_refused() -> Outcome {
    let server = Xvfb::start(640, 480, 16)?;
    // SAFETY: only the watchdog thread exists, and it never reads the environment.
    unsafe { std::env::set_var("DISPLAY", &server.display) };
    let pixels = [0u8; 3];
    // minifb itself would segfault here (exit 139); the viewer must refuse first.
    let result = Viewer::new().imshow("deep", &Image::rgb(&pixels, 1, 1).map_err(e)?);
    // SAFETY: as above.
    unsafe { std::env::remove_var("DISPLAY") };
    let err = result.err().ok_or("imshow succeeded on a 16-bit screen")?;
    check!(
        matches!(err, Error::UnsupportedDepth { depth: 16, .. }),
        "got {err:?}"
    );
    check!(
        err.to_string().contains("x24"),
        "message does not say how to get 24 bits: {err}"
    );
    Ok(())
}

// ---- scenarios on Xvfb ----

fn gradient_pixels_reach_the_screen(display: &str) -> Outcome {
    let bgr = gradient_bgr(256, 256);
    let mut viewer = Viewer::new();
    viewer
        .imshow("gradient", &Image::bgr(&bgr, 256, 256).map_err(e)?)
        .map_err(e)?;
    let id = viewer.x11_window_id("gradient").ok_or("no window id")?;
    check!(
        windows_titled(display, "gradient")? == [id],
        "xdotool does not find one window titled 'gradient'"
    );
    let expected: Vec<u32> = (0..256)
        .flat_map(|y| (0..256).map(move |x| xrgb(x, y, 128)))
        .collect();
    shows(display, &viewer, "gradient", &expected)?;
    // Keep the screenshot for a person to look at.
    let shot = Shot::root(display)?;
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("viewer-gradient-screen.png");
    shot.save(&path)?;
    println!("    screenshot: {}", path.display());
    Ok(())
}

fn formats_show_as_cv2_shows_them(display: &str) -> Outcome {
    let mut viewer = Viewer::new();
    // Each image is 2x1: its pixels and what the screen must show.
    let gray = [0u8, 200];
    viewer
        .imshow("gray", &Image::gray(&gray, 2, 1).map_err(e)?)
        .map_err(e)?;
    shows(display, &viewer, "gray", &[0x000000, 0xC8C8C8])?;
    let rgb = [255u8, 0, 0, 1, 2, 3];
    viewer
        .imshow("rgb", &Image::rgb(&rgb, 2, 1).map_err(e)?)
        .map_err(e)?;
    shows(display, &viewer, "rgb", &[0xFF0000, 0x010203])?;
    let rgba = [255u8, 0, 0, 0, 1, 2, 3, 128];
    viewer
        .imshow("rgba", &Image::rgba(&rgba, 2, 1).map_err(e)?)
        .map_err(e)?;
    shows(display, &viewer, "rgba", &[0xFF0000, 0x010203])?;
    let bgr = [255u8, 0, 0, 1, 2, 3];
    viewer
        .imshow("bgr", &Image::bgr(&bgr, 2, 1).map_err(e)?)
        .map_err(e)?;
    shows(display, &viewer, "bgr", &[0x0000FF, 0x030201])?;
    let float = [0.0f32, 0.5, 1.0, -1.0, 2.0, f32::NAN];
    viewer
        .imshow("float", &Image::bgr(&float, 2, 1).map_err(e)?)
        .map_err(e)?;
    shows(display, &viewer, "float", &[0xFF8000, 0x00FF00])?;
    let deep = [0x1234u16, 0xFFFF];
    viewer
        .imshow("u16", &Image::gray(&deep, 2, 1).map_err(e)?)
        .map_err(e)?;
    shows(display, &viewer, "u16", &[0x121212, 0xFFFFFF])?;
    let short = [0u8; 5];
    check!(
        matches!(
            Image::rgb(&short, 2, 1),
            Err(Error::BufferSize {
                expected: 6,
                actual: 5,
                ..
            })
        ),
        "bad buffer"
    );
    check!(
        matches!(
            viewer.imshow("", &Image::gray(&gray, 2, 1).map_err(e)?),
            Err(Error::InvalidName { .. })
        ),
        "empty"
    );
    Ok(())
}

fn key_presses_reach_wait_key(display: &str) -> Outcome {
    let pixels = gradient_bgr(64, 64);
    let mut viewer = Viewer::new();
    viewer
        .imshow("keys", &Image::bgr(&pixels, 64, 64).map_err(e)?)
        .map_err(e)?;
    let id = viewer
        .x11_window_id("keys")
        .ok_or("no window id")?
        .to_string();
    // No window manager: the focus follows the pointer, so put it over the window, then type with XTEST.
    let mut xdotool = spawn(
        display,
        "xdotool",
        &[
            "mousemove",
            "--window",
            &id,
            "5",
            "5",
            "key",
            "--delay",
            "20",
            "q",
            "Escape",
            "shift+a",
            "Left",
        ],
    )?;
    let mut got = Vec::new();
    for _ in 0..4 {
        got.push(
            viewer
                .wait_key(10_000)
                .ok_or_else(|| format!("no key within 10 s; got {got:?} so far"))?,
        );
    }
    let _ = xdotool.wait();
    let summary: Vec<(KeyCode, Option<char>, Option<u32>)> = got
        .iter()
        .map(|k| (k.code, k.text, k.code_point()))
        .collect();
    let expected = [
        (KeyCode::Q, Some('q'), Some(113)),
        (KeyCode::Escape, Some('\u{1b}'), Some(27)),
        (KeyCode::A, Some('A'), Some(65)),
        (KeyCode::Left, None, None),
    ];
    check!(
        summary == expected,
        "got {summary:?}, expected {expected:?}"
    );
    check!(
        got.iter().all(|k| k.window == "keys"),
        "wrong window in {got:?}"
    );
    Ok(())
}

fn wait_key_times_out(_display: &str) -> Outcome {
    let pixels = [9u8; 3];
    let mut viewer = Viewer::new();
    viewer
        .imshow("idle", &Image::rgb(&pixels, 1, 1).map_err(e)?)
        .map_err(e)?;
    let start = Instant::now();
    let key = viewer.wait_key(150);
    let took = start.elapsed();
    check!(key.is_none(), "got {key:?} with no key sent");
    check!(
        took >= Duration::from_millis(150),
        "returned after {took:?}, before 150 ms"
    );
    check!(took < Duration::from_secs(5), "returned after {took:?}");
    check!(viewer.is_open("idle"), "the window closed by itself");
    Ok(())
}

fn close_button_is_noticed(display: &str) -> Outcome {
    let pixels = [9u8; 3];
    let mut viewer = Viewer::new();
    viewer
        .imshow("closable", &Image::rgb(&pixels, 1, 1).map_err(e)?)
        .map_err(e)?;
    let id = viewer.x11_window_id("closable").ok_or("no window id")?;
    click_close_button(id)?;
    // wait_key(0) waits for ever unless it notices the close: the watchdog fails the run if it hangs.
    let key = viewer.wait_key(0);
    check!(key.is_none(), "got {key:?}");
    check!(
        !viewer.is_open("closable"),
        "the window is still registered"
    );
    check!(
        windows_titled(display, "closable")?.is_empty(),
        "the X window still exists"
    );
    viewer
        .destroy_window("closable")
        .map_err(|err| format!("destroying a user-closed window: {err}"))?;
    check!(
        matches!(
            viewer.destroy_window("closable"),
            Err(Error::NoSuchWindow { .. })
        ),
        "second destroy"
    );
    Ok(())
}

fn window_destroyed_by_another_client_is_noticed(display: &str) -> Outcome {
    let pixels = [9u8; 3 * 8 * 8];
    let mut viewer = Viewer::new();
    viewer
        .imshow("victim", &Image::rgb(&pixels, 8, 8).map_err(e)?)
        .map_err(e)?;
    viewer
        .imshow("bystander", &Image::rgb(&pixels, 8, 8).map_err(e)?)
        .map_err(e)?;
    let id = viewer.x11_window_id("victim").ok_or("no window id")?;
    destroy_from_another_client(id)?;
    // Xlib's default handler would end the process on the BadWindow/BadDrawable errors that follow.
    let key = viewer.wait_key(0);
    check!(key.is_none(), "got {key:?}");
    check!(
        !viewer.is_open("victim"),
        "the destroyed window is still registered"
    );
    check!(
        viewer.is_open("bystander"),
        "the other window went away too"
    );
    viewer
        .imshow("bystander", &Image::rgb(&pixels, 8, 8).map_err(e)?)
        .map_err(e)?;
    viewer
        .imshow("victim", &Image::rgb(&pixels, 8, 8).map_err(e)?)
        .map_err(e)?;
    check!(
        windows_titled(display, "victim")?.len() == 1,
        "could not show 'victim' again"
    );
    Ok(())
}

fn several_windows_and_destroy_window(display: &str) -> Outcome {
    let red = [255u8, 0, 0].repeat(50 * 40);
    let green = [0u8, 255, 0].repeat(30 * 20);
    let mut viewer = Viewer::new();
    viewer
        .imshow("red", &Image::rgb(&red, 50, 40).map_err(e)?)
        .map_err(e)?;
    viewer
        .imshow("green", &Image::rgb(&green, 30, 20).map_err(e)?)
        .map_err(e)?;
    check!(
        viewer.window_names() == ["red", "green"],
        "names {:?}",
        viewer.window_names()
    );
    shows(display, &viewer, "green", &vec![0x00FF00; 30 * 20])?;
    check!(
        windows_titled(display, "red")?.len() == 1,
        "no X window 'red'"
    );
    viewer.destroy_window("red").map_err(e)?;
    check!(
        windows_titled(display, "red")?.is_empty(),
        "'red' still exists after destroy_window"
    );
    check!(
        windows_titled(display, "green")?.len() == 1,
        "'green' went away too"
    );
    let err = viewer
        .destroy_window("blue")
        .err()
        .ok_or("destroying an unknown window succeeded")?;
    check!(err.to_string().contains("open windows: green"), "{err}");
    viewer.destroy_all_windows();
    check!(
        windows_titled(display, "green")?.is_empty(),
        "'green' still exists after destroy_all_windows"
    );
    Ok(())
}

fn uncovered_window_is_redrawn(display: &str) -> Outcome {
    let (w, h) = (400, 300);
    let red = [0u8, 0, 255].repeat(w * h); // BGR
    let green = [0u8, 255, 0].repeat(200 * 150);
    let mut viewer = Viewer::new();
    viewer
        .imshow("under", &Image::bgr(&red, w, h).map_err(e)?)
        .map_err(e)?;
    viewer
        .imshow("over", &Image::bgr(&green, 200, 150).map_err(e)?)
        .map_err(e)?;
    let (ux, uy, _, _) = geometry(display, viewer.x11_window_id("under").ok_or("no id")?)?;
    let (ox, oy, _, _) = geometry(display, viewer.x11_window_id("over").ok_or("no id")?)?;
    let shot = Shot::root(display)?;
    check!(
        shot.at(ox + 5, oy + 5) == 0x00FF00,
        "the second window is not on top"
    );
    check!(
        ox > ux && oy > uy && ox + 200 < ux + w && oy + 150 < uy + h,
        "'over' does not lie inside 'under'"
    );
    viewer.destroy_window("over").map_err(e)?;
    // Uncovered parts of an X window turn black until someone redraws them; wait_key must. The Expose
    // event may take a moment on a loaded machine: keep pumping until the pixels are right, for 5 s at most.
    let expected = vec![0xFF0000; w * h];
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let _ = viewer.wait_key(50);
        match shows(display, &viewer, "under", &expected) {
            Err(why) if Instant::now() < deadline => drop(why),
            outcome => return outcome,
        }
    }
}

fn large_image_is_shrunk_to_fit(display: &str) -> Outcome {
    // 2560x1024 on a 1280x1024 screen: the window must be 1280x512. Left half red, right half blue.
    let (w, h) = (2560, 1024);
    let rgb: Vec<u8> = (0..h)
        .flat_map(|_| (0..w).flat_map(|x| if x < w / 2 { [255, 0, 0] } else { [0, 0, 255] }))
        .collect();
    let mut viewer = Viewer::new();
    viewer
        .imshow("wide", &Image::rgb(&rgb, w, h).map_err(e)?)
        .map_err(e)?;
    check!(
        viewer.window_size("wide") == Some((1280, 512)),
        "window size {:?}",
        viewer.window_size("wide")
    );
    let expected: Vec<u32> = (0..512)
        .flat_map(|_| (0..1280).map(|x| if x < 640 { 0xFF0000 } else { 0x0000FF }))
        .collect();
    shows(display, &viewer, "wide", &expected)
}

fn same_name_replaces_and_resizes(display: &str) -> Outcome {
    let a = [10u8; 3 * 100 * 100];
    let b = [20u8; 3 * 200 * 50];
    let mut viewer = Viewer::new();
    viewer
        .imshow("same", &Image::rgb(&a, 100, 100).map_err(e)?)
        .map_err(e)?;
    viewer
        .imshow("same", &Image::rgb(&b, 200, 50).map_err(e)?)
        .map_err(e)?;
    check!(
        viewer.window_names() == ["same"],
        "names {:?}",
        viewer.window_names()
    );
    check!(
        windows_titled(display, "same")?.len() == 1,
        "not exactly one X window"
    );
    shows(display, &viewer, "same", &vec![0x141414; 200 * 50])?;
    let c = [30u8; 3 * 200 * 50];
    viewer
        .imshow("same", &Image::rgb(&c, 200, 50).map_err(e)?)
        .map_err(e)?;
    shows(display, &viewer, "same", &vec![0x1E1E1E; 200 * 50])
}

/// The viewer draws X11 windows with its own `XPutImage` at the size it created them; once another client
/// (a window manager) resizes one, frames go through minifb again, which stretches them over the window.
fn window_resized_by_another_client_is_filled(display: &str) -> Outcome {
    // 100x50, left half red, right half blue (BGR); the window is then made 200x100.
    let (w, h) = (100, 50);
    let bgr: Vec<u8> = (0..h)
        .flat_map(|_| (0..w).flat_map(|x| if x < w / 2 { [0, 0, 255] } else { [255, 0, 0] }))
        .collect();
    let mut viewer = Viewer::new();
    let image = Image::bgr(&bgr, w, h).map_err(e)?;
    viewer.imshow("resized", &image).map_err(e)?;
    let id = viewer.x11_window_id("resized").ok_or("no window id")?;
    run(
        display,
        "xdotool",
        &["windowsize", &id.to_string(), "200", "100"],
    )?;
    let expected: Vec<u32> = (0..100)
        .flat_map(|_| (0..200).map(|x| if x < 100 { 0xFF0000 } else { 0x0000FF }))
        .collect();
    // minifb learns the new size from a ConfigureNotify event, which may take a moment on a loaded
    // machine: keep showing frames until the whole window is right, for 5 s at most.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        viewer.imshow("resized", &image).map_err(e)?;
        let _ = viewer.wait_key(20);
        let geo = geometry(display, id)?;
        let outcome = if (geo.2, geo.3) == (200, 100) {
            mismatches(&expected, &Shot::root(display)?.crop(geo), 200)
        } else {
            Err(format!("the window is {}x{}, not 200x100", geo.2, geo.3))
        };
        match outcome {
            Err(why) if Instant::now() < deadline => drop(why),
            outcome => return outcome,
        }
    }
}

fn free_functions_share_one_viewer(display: &str) -> Outcome {
    let pixels = [7u8; 3 * 4 * 4];
    viewer::imshow("free", &Image::rgb(&pixels, 4, 4).map_err(e)?).map_err(e)?;
    check!(
        windows_titled(display, "free")?.len() == 1,
        "no X window 'free'"
    );
    check!(viewer::wait_key(1).is_none(), "a key appeared from nowhere");
    viewer::destroy_window("free").map_err(e)?;
    check!(
        windows_titled(display, "free")?.is_empty(),
        "'free' still exists"
    );
    viewer::imshow("free2", &Image::rgb(&pixels, 4, 4).map_err(e)?).map_err(e)?;
    viewer::destroy_all_windows();
    check!(
        windows_titled(display, "free2")?.is_empty(),
        "'free2' still exists"
    );
    let _ = run(display, "xdotool", &["getmouselocation"])?;
    Ok(())
}
