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
    Openbox, Shot, Xvfb, cardinals, click_close_button, client_area, destroy_from_another_client,
    geometry, root_cardinals, run, spawn, unused_display, window_name, windows_titled,
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

/// Scenarios run against an 800x600x24 Xvfb managed by openbox (title bars, focus, a work area).
const WITH_WM: &[(&str, OnXvfb)] = &[
    (
        "every_key_code_is_cv2s_under_a_window_manager",
        every_key_code_is_cv2s_under_a_window_manager,
    ),
    (
        "oversize_image_fits_the_work_area_with_its_title_bar",
        oversize_image_fits_the_work_area_with_its_title_bar,
    ),
    (
        "named_normal_window_moves_resizes_and_retitles",
        named_normal_window_moves_resizes_and_retitles,
    ),
    (
        "mouse_callback_gets_cv2_events_and_flags",
        mouse_callback_gets_cv2_events_and_flags,
    ),
    (
        "installed_cv2_gives_the_same_key_codes",
        installed_cv2_gives_the_same_key_codes,
    ),
];

const TOOLS: [(&str, &str); 4] = [
    ("Xvfb", "xvfb"),
    ("xdotool", "xdotool"),
    ("xwd", "x11-apps"),
    ("openbox", "openbox"),
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
    let with_wm: Vec<_> = WITH_WM.iter().filter(|(n, _)| selected(n)).collect();
    let x11_wanted =
        !wanted.is_empty() || !with_wm.is_empty() || selected("sixteen_bit_screen_is_refused");
    if x11_wanted && !missing.is_empty() {
        let why = format!(
            "Xvfb, xdotool, xwd and openbox are needed for the window tests; install them with \
             `apt-get install {}` (`cargo xtask test` does this)",
            missing.join(" ")
        );
        if std::env::var_os("CI").is_some() || std::env::var_os("VIEWER_REQUIRE_X11").is_some() {
            tally.fail("x11_tools_present", &why);
        } else {
            let count = wanted.len() + with_wm.len() + 1;
            eprintln!("\nSKIPPED {count} window tests: {why}\n");
            tally.skipped = count;
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
    if !with_wm.is_empty() {
        let started = Xvfb::start(800, 600, 24)
            .and_then(|server| Openbox::start(&server.display).map(|wm| (server, wm)));
        match started {
            Err(e) => tally.fail("xvfb_with_openbox_starts", &e),
            Ok((server, wm)) => {
                // SAFETY: as above.
                unsafe { std::env::set_var("DISPLAY", &server.display) };
                for (name, test) in with_wm {
                    tally.record(name, || test(&server.display));
                }
                drop(wm);
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
        std::thread::sleep(Duration::from_secs(180));
        eprintln!(
            "viewer window tests: still running after 180 s; a wait_key or an X call hangs. Stopping."
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

/// The issue's gradient: pixel (x, y) has red = x, green = y, blue = 128; returned as BGR bytes.
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

// ---- scenarios under a window manager (openbox on an 800x600 screen) ----

/// Activates `window` through the window manager (it has the focus, as after a user's click).
fn focus(display: &str, window: u64) -> Outcome {
    run(
        display,
        "xdotool",
        &["windowactivate", "--sync", &window.to_string()],
    )?;
    Ok(())
}

/// What `cv2.waitKeyEx` returns for each key sent with xdotool, with OpenCV's GTK backend: the keysym
/// (Escape 27, Return 13, Tab 9 replaced) | modifier mask << 16 (window_gtk.cpp's `icvOnKeyPress`). No GTK
/// build of cv2 is installable here (the PyPI wheel and Debian's python3-opencv use Qt); the Qt backend,
/// run by `installed_cv2_gives_the_same_key_codes` where cv2 is installed, gives the same numbers for every
/// row without a modifier except BackSpace (Qt: 8) and KP_Enter (Qt: 13) — and Debian's cv2 4.6 (Qt 5.15.8)
/// never reports Tab, Prior or Next, which its Qt view keeps for itself (opencv-python 5.1.0 gave 9, 65365,
/// 65366); with modifiers Qt drops Ctrl combinations and leaves the modifier bits out, where GTK adds the
/// X state. cv2.waitKey is each & 0xff.
/// The keys without modifiers for which a Qt build of cv2 gives other codes than GTK's, or none.
const QT_DIFFERS: [&str; 5] = ["BackSpace", "KP_Enter", "Tab", "Prior", "Next"];

const KEYS_EX: &[(&str, &[i32])] = &[
    ("a", &[97]),
    ("shift+a", &[65505, 0x41 | 1 << 16]),
    ("ctrl+c", &[65507, 0x63 | 4 << 16]),
    ("alt+x", &[65513, 0x78 | 8 << 16]),
    ("Left", &[65361]),
    ("Up", &[65362]),
    ("Right", &[65363]),
    ("Down", &[65364]),
    ("F1", &[65470]),
    ("F12", &[65481]),
    ("Escape", &[27]),
    ("Return", &[13]),
    ("Tab", &[9]),
    ("BackSpace", &[65288]),
    ("Delete", &[65535]),
    ("Home", &[65360]),
    ("End", &[65367]),
    ("Prior", &[65365]),
    ("Next", &[65366]),
    ("Insert", &[65379]),
    ("space", &[32]),
    ("KP_Enter", &[65421]),
    ("Shift_L", &[65505]),
];

fn every_key_code_is_cv2s_under_a_window_manager(display: &str) -> Outcome {
    let pixels = gradient_bgr(64, 64);
    let mut viewer = Viewer::new();
    viewer
        .imshow("keys-wm", &Image::bgr(&pixels, 64, 64).map_err(e)?)
        .map_err(e)?;
    let id = viewer.x11_window_id("keys-wm").ok_or("no window id")?;
    viewer.wait_key(100);
    focus(display, id)?;
    let mut args = vec!["key", "--delay", "30"];
    args.extend(KEYS_EX.iter().map(|(k, _)| *k));
    let mut xdotool = spawn(display, "xdotool", &args)?;
    let expected: Vec<i32> = KEYS_EX
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .collect();
    let mut got = Vec::new();
    while got.len() < expected.len() {
        let code = viewer.wait_key_ex(10_000);
        check!(code != -1, "no key within 10 s; got {got:?} so far");
        got.push(code);
    }
    let _ = xdotool.wait();
    check!(
        got == expected,
        "waitKeyEx codes {got:?}, expected {expected:?}"
    );

    // cv2.waitKey: the low byte (Left 81, Up 82, F1 190, Ctrl+C 99, Shift 225).
    let mut xdotool = spawn(
        display,
        "xdotool",
        &["key", "--delay", "30", "Left", "Up", "F1", "ctrl+c", "q"],
    )?;
    let mut low = Vec::new();
    while low.len() < 6 {
        let code = viewer.wait_key_code(10_000);
        check!(code != -1, "no key within 10 s; got {low:?} so far");
        low.push(code);
    }
    let _ = xdotool.wait();
    check!(
        low == [81, 82, 190, 227, 99, 113],
        "waitKey codes {low:?}, expected [81, 82, 190, 227, 99, 113]"
    );

    // wait_key skips the modifier alone and reports the key with its cv2 codes.
    let mut xdotool = spawn(
        display,
        "xdotool",
        &["key", "--delay", "30", "ctrl+c", "F5"],
    )?;
    let ctrl_c = viewer.wait_key(10_000).ok_or("no Ctrl+C")?;
    let f5 = viewer.wait_key(10_000).ok_or("no F5")?;
    let _ = xdotool.wait();
    check!(
        (
            ctrl_c.code,
            ctrl_c.text,
            ctrl_c.cv2_code(),
            ctrl_c.cv2_code_ex()
        ) == (KeyCode::C, Some('\u{3}'), 99, 262_243),
        "Ctrl+C: {ctrl_c:?}"
    );
    check!(
        (f5.code, f5.cv2_code(), f5.cv2_code_ex()) == (KeyCode::F5, 194, 65474),
        "F5: {f5:?}"
    );
    Ok(())
}

/// Four solid quadrants (BGR) of a `w`x`h` image.
fn quadrants(w: usize, h: usize) -> Vec<u8> {
    (0..h)
        .flat_map(|y| {
            (0..w).flat_map(move |x| match (x < w / 2, y < h / 2) {
                (true, true) => [0, 0, 255],       // red
                (false, true) => [0, 255, 0],      // green
                (true, false) => [255, 0, 0],      // blue
                (false, false) => [255, 255, 255], // white
            })
        })
        .collect()
}

fn oversize_image_fits_the_work_area_with_its_title_bar(display: &str) -> Outcome {
    let area = root_cardinals(display, "_NET_WORKAREA")?;
    check!(area.len() >= 4, "openbox publishes no work area: {area:?}");
    let (ax, ay, aw, ah) = (area[0], area[1], area[2], area[3]);
    let (w, h) = (1000, 900);
    let bgr = quadrants(w, h);
    let mut viewer = Viewer::new();
    viewer
        .imshow("big", &Image::bgr(&bgr, w, h).map_err(e)?)
        .map_err(e)?;
    let id = viewer.x11_window_id("big").ok_or("no window id")?;
    viewer.wait_key(300);
    let ext = cardinals(display, id, "_NET_FRAME_EXTENTS")?;
    check!(ext.len() == 4, "no frame extents on the window: {ext:?}");
    let (l, r, t, b) = (ext[0], ext[1], ext[2], ext[3]);
    check!(t > 0, "openbox gave no title bar: {ext:?}");
    let (ww, wh) = viewer.window_size("big").ok_or("no size")?;
    check!(
        ww as i64 + l + r <= aw && wh as i64 + t + b <= ah,
        "a {ww}x{wh} window with frame {ext:?} does not fit the {aw}x{ah} work area"
    );
    check!(
        ww * h / w == wh || wh * w / h == ww,
        "aspect ratio lost: {ww}x{wh} for {w}x{h}"
    );
    let (x, y, gw, gh) = client_area(display, id)?;
    check!(
        (gw, gh) == (ww, wh),
        "X says {gw}x{gh}, the viewer {ww}x{wh}"
    );
    let (x, y) = (x as i64, y as i64);
    check!(
        x - l >= ax && y - t >= ay && x + ww as i64 + r <= ax + aw && y + wh as i64 + b <= ay + ah,
        "frame at ({}, {}) size {}x{} leaves the work area {area:?}",
        x - l,
        y - t,
        ww as i64 + l + r,
        wh as i64 + t + b
    );
    // Every corner of the picture is on the screen, in its colour (the bottom rows included).
    let shot = Shot::root(display)?;
    let (x, y) = (x as usize, y as usize);
    for (px, py, want) in [
        (x + 3, y + 3, 0xFF0000),
        (x + ww - 4, y + 3, 0x00FF00),
        (x + 3, y + wh - 2, 0x0000FF),
        (x + ww - 4, y + wh - 2, 0xFFFFFF),
    ] {
        check!(
            shot.at(px, py) == want,
            "pixel ({px}, {py}) is #{:06X}, expected #{want:06X}",
            shot.at(px, py)
        );
    }
    Ok(())
}

fn named_normal_window_moves_resizes_and_retitles(display: &str) -> Outcome {
    let mut viewer = Viewer::new();
    check!(
        viewer.get_window_property("normal", viewer::WND_PROP_VISIBLE) == 0.0,
        "a name with no window is not visible"
    );
    viewer
        .named_window("normal", viewer::WINDOW_NORMAL)
        .map_err(e)?;
    let id = viewer.x11_window_id("normal").ok_or("no window id")?;
    check!(
        viewer.get_window_property("normal", viewer::WND_PROP_VISIBLE) == 1.0
            && viewer.get_window_property("normal", viewer::WND_PROP_AUTOSIZE) == 0.0,
        "properties of an open WINDOW_NORMAL window"
    );
    viewer.resize_window("normal", 300, 200).map_err(e)?;
    viewer.move_window("normal", 50, 60).map_err(e)?;
    viewer
        .set_window_title("normal", "renamed title")
        .map_err(e)?;
    // 100x50: left half red, right half blue; stretched over the 300x200 window.
    let bgr: Vec<u8> = (0..50)
        .flat_map(|_| (0..100).flat_map(|x| if x < 50 { [0, 0, 255] } else { [255, 0, 0] }))
        .collect();
    viewer
        .imshow("normal", &Image::bgr(&bgr, 100, 50).map_err(e)?)
        .map_err(e)?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let geo = loop {
        viewer.wait_key(50);
        let geo = client_area(display, id)?;
        if (geo.2, geo.3) == (300, 200) || Instant::now() > deadline {
            break geo;
        }
    };
    check!(
        (geo.2, geo.3) == (300, 200),
        "size {}x{}, expected 300x200",
        geo.2,
        geo.3
    );
    let ext = cardinals(display, id, "_NET_FRAME_EXTENTS")?;
    check!(ext.len() == 4, "no frame extents: {ext:?}");
    check!(
        (geo.0 as i64 - ext[0], geo.1 as i64 - ext[2]) == (50, 60),
        "frame at ({}, {}), expected (50, 60)",
        geo.0 as i64 - ext[0],
        geo.1 as i64 - ext[2]
    );
    let title = window_name(display, id)?;
    check!(title == "renamed title", "title {title:?}");
    check!(
        viewer.is_open("normal") && windows_titled(display, "renamed title")? == [id],
        "the window keeps its name for the program, its title for the user"
    );
    viewer.wait_key(100);
    let shot = Shot::root(display)?;
    let (x, y) = (geo.0, geo.1);
    for (px, py, want) in [(x + 10, y + 100, 0xFF0000), (x + 290, y + 100, 0x0000FF)] {
        check!(
            shot.at(px, py) == want,
            "stretched image: ({px}, {py}) is #{:06X}, expected #{want:06X}",
            shot.at(px, py)
        );
    }
    let ratio = viewer.get_window_property("normal", viewer::WND_PROP_ASPECT_RATIO);
    let ratio_ok = (ratio - 1.5).abs() <= 1e-9;
    check!(ratio_ok, "aspect ratio {ratio}");
    // Mouse coordinates are image pixels: (150, 100) in the 300x200 window is (50, 25) in the 100x50 image.
    let clicks = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = clicks.clone();
    viewer
        .set_mouse_callback("normal", move |event, x, y, _| {
            if event == viewer::EVENT_LBUTTONDOWN {
                seen.borrow_mut().push((x, y));
            }
        })
        .map_err(e)?;
    run(
        display,
        "xdotool",
        &[
            "mousemove",
            "--window",
            &id.to_string(),
            "150",
            "100",
            "click",
            "1",
        ],
    )?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while clicks.borrow().is_empty() && Instant::now() < deadline {
        viewer.wait_key(20);
    }
    check!(
        *clicks.borrow() == [(50, 25)],
        "click in the stretched window: {:?}",
        clicks.borrow()
    );
    // An autosized window ignores resize_window, as cv2's does.
    viewer
        .named_window("auto", viewer::WINDOW_AUTOSIZE)
        .map_err(e)?;
    viewer
        .imshow("auto", &Image::bgr(&bgr, 100, 50).map_err(e)?)
        .map_err(e)?;
    viewer.resize_window("auto", 400, 400).map_err(e)?;
    viewer.wait_key(200);
    let auto = viewer.x11_window_id("auto").ok_or("no id")?;
    let g = client_area(display, auto)?;
    check!(
        (g.2, g.3) == (100, 50),
        "autosized window became {}x{}",
        g.2,
        g.3
    );
    check!(
        viewer.get_window_property("auto", viewer::WND_PROP_AUTOSIZE) == 1.0,
        "autosize property"
    );
    check!(
        matches!(
            viewer.resize_window("normal", 0, 10),
            Err(Error::InvalidArgument { .. })
        ) && matches!(
            viewer.move_window("nope", 0, 0),
            Err(Error::NoSuchWindow { .. })
        ) && matches!(
            viewer.named_window("gl", viewer::WINDOW_OPENGL),
            Err(Error::InvalidArgument { .. })
        ),
        "bad arguments are typed errors"
    );
    // The idiom `while getWindowProperty(name, WND_PROP_VISIBLE) >= 1` ends when the user closes it.
    click_close_button(id)?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while viewer.get_window_property("normal", viewer::WND_PROP_VISIBLE) >= 1.0 {
        check!(
            Instant::now() < deadline,
            "still visible 10 s after closing"
        );
        viewer.wait_key(20);
    }
    check!(
        viewer.get_window_property("normal", viewer::WND_PROP_AUTOSIZE) == -1.0,
        "a closed window's other properties are -1"
    );
    Ok(())
}

fn mouse_callback_gets_cv2_events_and_flags(display: &str) -> Outcome {
    use std::cell::RefCell;
    use std::rc::Rc;
    use viewer::*;
    // 200x100 shown in a 200x100 autosized window: window pixels are image pixels.
    let bgr = vec![90u8; 200 * 100 * 3];
    imshow("mouse", &Image::bgr(&bgr, 200, 100).map_err(e)?).map_err(e)?;
    let events = Rc::new(RefCell::new(Vec::new()));
    let seen = events.clone();
    set_mouse_callback("mouse", move |event, x, y, flags| {
        if event != EVENT_MOUSEMOVE {
            seen.borrow_mut().push((event, x, y, flags));
        }
        // cv2 callbacks often draw and show again: allowed here.
        if event == EVENT_RBUTTONDOWN {
            let red = [255u8, 0, 0].repeat(200 * 100);
            imshow("mouse", &Image::rgb(&red, 200, 100).expect("image")).expect("imshow");
        }
    })
    .map_err(e)?;
    let id = *windows_titled(display, "mouse")?
        .first()
        .ok_or("no window titled mouse")?;
    wait_key(100);
    let sid = id.to_string();
    let steps: [&[&str]; 7] = [
        &["mousemove", "--window", &sid, "10", "20"],
        &["click", "1"],
        &["click", "--repeat", "2", "--delay", "60", "1"],
        &["click", "3"],
        &["click", "4"],
        &["click", "5"],
        &["keydown", "shift", "click", "1", "keyup", "shift"],
    ];
    // Each step 450 ms after the last, more than GTK's 400 ms double-click time.
    for args in steps {
        run(display, "xdotool", args)?;
        let key = wait_key(450);
        check!(key.is_none(), "unexpected key {key:?}");
    }
    let (l, r) = (EVENT_FLAG_LBUTTON, EVENT_FLAG_RBUTTON);
    let at = |event, flags| (event, 10, 20, flags);
    let expected = vec![
        at(EVENT_LBUTTONDOWN, 0),
        at(EVENT_LBUTTONUP, l),
        at(EVENT_LBUTTONDOWN, 0),
        at(EVENT_LBUTTONUP, l),
        at(EVENT_LBUTTONDOWN, 0),
        at(EVENT_LBUTTONDBLCLK, 0),
        at(EVENT_LBUTTONUP, l),
        at(EVENT_RBUTTONDOWN, 0),
        at(EVENT_RBUTTONUP, r),
        at(EVENT_MOUSEWHEEL, -(1 << 16)),
        at(EVENT_MOUSEWHEEL, 1 << 16),
        at(EVENT_LBUTTONDOWN, EVENT_FLAG_SHIFTKEY),
        at(EVENT_LBUTTONUP, EVENT_FLAG_SHIFTKEY | l),
    ];
    let got = events.borrow().clone();
    check!(got == expected, "events {got:?}, expected {expected:?}");
    check!(
        got.iter()
            .filter(|e| e.0 == EVENT_MOUSEWHEEL)
            .map(|e| get_mouse_wheel_delta(e.3))
            .collect::<Vec<_>>()
            == [-1, 1],
        "wheel steps"
    );
    // The callback's own imshow (on the right click) reached the screen.
    let geo = client_area(display, id)?;
    let shot = Shot::root(display)?;
    check!(
        shot.at(geo.0 + 100, geo.1 + 50) == 0xFF0000,
        "the callback's imshow is not shown: #{:06X}",
        shot.at(geo.0 + 100, geo.1 + 50)
    );
    destroy_all_windows();
    Ok(())
}

/// The cv2 side of [`installed_cv2_gives_the_same_key_codes`]: opens a window, says "ready", collects
/// `count` `cv2.waitKeyEx` codes (20 s at most) and prints the GUI backend and the codes.
const CV2_KEYS: &str = r#"
import sys, time, cv2, numpy as np
count = int(sys.argv[1])
cv2.namedWindow("cv2-keys", cv2.WINDOW_AUTOSIZE)
cv2.imshow("cv2-keys", np.zeros((64, 64, 3), np.uint8))
cv2.waitKey(50)
print("ready", flush=True)
codes, end = [], time.time() + 20
while len(codes) < count and time.time() < end:
    k = cv2.waitKeyEx(10)
    if k != -1:
        codes.append(k)
gui = [l.split(":", 1)[1].strip() for l in cv2.getBuildInformation().splitlines() if l.strip().startswith("GUI:")]
print("gui", gui[0] if gui else "none")
print("codes", *codes)
"#;

/// A Python with a cv2 that can open windows (`python3`, then Debian's `/usr/bin/python3`), if any.
fn python_with_cv2() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|python| {
        std::process::Command::new(python)
            .args(["-c", "import cv2, numpy; cv2.namedWindow"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Where cv2 is installed, its own `waitKeyEx` codes for the same keys, under the same window manager, must
/// be the ones `KEYS_EX` holds (with a GTK build every row; with a Qt build the rows without modifiers
/// other than those `KEYS_EX` names as Qt's own). Without cv2 it says so and checks nothing more.
/// cv2 keeps only the last key of each `waitKeyEx` call, so the keys go 150 ms apart.
fn installed_cv2_gives_the_same_key_codes(display: &str) -> Outcome {
    use std::io::BufRead as _;
    let Some(python) = python_with_cv2() else {
        eprintln!("    no Python with cv2 here: nothing to compare KEYS_EX with");
        return Ok(());
    };
    let gui = std::process::Command::new(python)
        .args(["-c", "import cv2; print(cv2.getBuildInformation())"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let gtk = gui
        .lines()
        .any(|l| l.trim_start().starts_with("GTK") && l.contains("YES"));
    let rows: Vec<&(&str, &[i32])> = KEYS_EX
        .iter()
        .filter(|(k, codes)| gtk || (codes.len() == 1 && !QT_DIFFERS.contains(k)))
        .collect();
    let expected: Vec<i32> = rows.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    let mut child = std::process::Command::new(python)
        .args(["-c", CV2_KEYS, &expected.len().to_string()])
        .env("DISPLAY", display)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|err| format!("could not run {python}: {err}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let result = (|| -> Outcome {
        let ready = rx
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| "cv2 did not open its window within 30 s")?;
        check!(ready == "ready", "cv2 printed {ready:?}");
        let deadline = Instant::now() + Duration::from_secs(10);
        let id = loop {
            if let Some(&id) = windows_titled(display, "cv2-keys")?.first() {
                break id;
            }
            check!(Instant::now() < deadline, "no cv2 window");
            std::thread::sleep(Duration::from_millis(50));
        };
        focus(display, id)?;
        let mut args = vec!["key", "--delay", "150"];
        args.extend(rows.iter().map(|(k, _)| *k));
        run(display, "xdotool", &args)?;
        let mut lines = Vec::new();
        while let Ok(line) = rx.recv_timeout(Duration::from_secs(30)) {
            lines.push(line);
            if lines.len() == 2 {
                break;
            }
        }
        let codes: Vec<i32> = lines
            .iter()
            .find_map(|l| l.strip_prefix("codes"))
            .ok_or_else(|| format!("cv2 printed {lines:?}"))?
            .split_whitespace()
            .filter_map(|c| c.parse().ok())
            .collect();
        eprintln!("    cv2 ({}) waitKeyEx: {codes:?}", lines[0]);
        check!(
            codes == expected,
            "cv2 ({}) gave {codes:?}, KEYS_EX says {expected:?}",
            lines[0]
        );
        Ok(())
    })();
    let _ = child.kill();
    let _ = child.wait();
    result
}
