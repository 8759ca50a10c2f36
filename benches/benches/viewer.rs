//! Criterion benches for `viewer`: frames per second of `imshow` (a BGR u8 image, OpenCV's usual kind) with
//! and without a 1 ms `wait_key`, beside minifb's raw `update_with_buffer` of a ready `0RGB` buffer doing the
//! same work, at 640x480 and 1920x1080. It starts its own Xvfb (1920x1200, 24-bit) and stops it at the end;
//! without Xvfb it prints why and measures nothing. `cargo xtask bench` turns the results into the report.

use criterion::{Criterion, Throughput};
use minifb::{Window, WindowOptions};
use std::hint::black_box;
use std::io::Read as _;
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use viewer::{Image, Viewer};

/// Sizes measured; keep in step with xtask/src/report/viewer.rs.
const SIZES: [(usize, usize); 2] = [(640, 480), (1920, 1080)];
/// Distinct frames cycled, so no frame repeats the previous one.
const FRAMES: usize = 4;

fn main() {
    let mut c = Criterion::default().configure_from_args();
    convert(&mut c);
    let server = match Xvfb::start() {
        Ok(server) => server,
        Err(why) => {
            eprintln!("viewer benches skipped: {why}");
            return;
        }
    };
    // SAFETY: single-threaded so far; criterion has not started any thread.
    unsafe {
        std::env::set_var("DISPLAY", &server.display);
        std::env::remove_var("WAYLAND_DISPLAY");
    }
    for size in SIZES {
        fps(&mut c, size);
    }
    c.final_summary();
    drop(server);
}

/// The CPU half of `imshow`: turning a BGR u8 image into minifb's `0RGB` pixels (no display needed).
fn convert(c: &mut Criterion) {
    let mut g = c.benchmark_group("viewer_convert");
    let (w, h) = (1920, 1080);
    g.throughput(Throughput::Elements((w * h) as u64));
    g.sample_size(20);
    let bgr = to_bgr(&frame_xrgb(w, h, 1));
    let gray: Vec<u8> = bgr.iter().step_by(3).copied().collect();
    let float: Vec<f32> = bgr.iter().map(|&v| f32::from(v) / 255.0).collect();
    let mut out = Vec::new();
    let bgr_image = Image::bgr(&bgr, w, h).expect("valid image");
    g.bench_function("bgr_u8_1920x1080", |b| {
        b.iter(|| black_box(&bgr_image).to_xrgb_into(&mut out))
    });
    let gray_image = Image::gray(&gray, w, h).expect("valid image");
    g.bench_function("gray_u8_1920x1080", |b| {
        b.iter(|| black_box(&gray_image).to_xrgb_into(&mut out))
    });
    let float_image = Image::bgr(&float, w, h).expect("valid image");
    g.bench_function("bgr_f32_1920x1080", |b| {
        b.iter(|| black_box(&float_image).to_xrgb_into(&mut out))
    });
    g.finish();
}

fn fps(c: &mut Criterion, (w, h): (usize, usize)) {
    let mut g = c.benchmark_group("viewer_fps");
    g.throughput(Throughput::Elements(1)); // one frame per iteration: ns per element = ns per frame
    g.sample_size(10);
    let xrgb: Vec<Vec<u32>> = (0..FRAMES).map(|f| frame_xrgb(w, h, f)).collect();
    let bgr: Vec<Vec<u8>> = xrgb.iter().map(|frame| to_bgr(frame)).collect();

    let mut window =
        Window::new("raw", w, h, WindowOptions::default()).expect("a minifb window on Xvfb");
    window.set_target_fps(0);
    let mut i = 0;
    g.bench_function(format!("raw_update_{w}x{h}"), |b| {
        b.iter(|| {
            i = (i + 1) % FRAMES;
            window
                .update_with_buffer(black_box(&xrgb[i]), w, h)
                .expect("update");
        })
    });
    g.bench_function(format!("raw_update_wait1ms_{w}x{h}"), |b| {
        b.iter(|| {
            i = (i + 1) % FRAMES;
            window
                .update_with_buffer(black_box(&xrgb[i]), w, h)
                .expect("update");
            // The same 1 ms of event pumping wait_key(1) does, by hand.
            let start = Instant::now();
            loop {
                window.update();
                let left = Duration::from_millis(1).saturating_sub(start.elapsed());
                if left.is_zero() {
                    break;
                }
                std::thread::sleep(left);
            }
        })
    });
    drop(window);

    let mut viewer = Viewer::new();
    let images: Vec<Image<'_>> = bgr
        .iter()
        .map(|f| Image::bgr(f, w, h).expect("valid image"))
        .collect();
    g.bench_function(format!("imshow_bgr_{w}x{h}"), |b| {
        b.iter(|| {
            i = (i + 1) % FRAMES;
            viewer
                .imshow("bench", black_box(&images[i]))
                .expect("imshow");
        })
    });
    g.bench_function(format!("imshow_bgr_wait_key1_{w}x{h}"), |b| {
        b.iter(|| {
            i = (i + 1) % FRAMES;
            viewer
                .imshow("bench", black_box(&images[i]))
                .expect("imshow");
            black_box(viewer.wait_key(1));
        })
    });
    viewer.destroy_all_windows();
    g.finish();
}

/// Frame `f`: red = x, green = y, blue = 64 f (so consecutive frames differ everywhere).
fn frame_xrgb(w: usize, h: usize, f: usize) -> Vec<u32> {
    (0..h)
        .flat_map(|y| {
            (0..w).map(move |x| {
                (((x & 0xff) as u32) << 16) | (((y & 0xff) as u32) << 8) | (64 * f as u32)
            })
        })
        .collect()
}

fn to_bgr(frame: &[u32]) -> Vec<u8> {
    frame
        .iter()
        .flat_map(|p| [*p as u8, (p >> 8) as u8, (p >> 16) as u8])
        .collect()
}

/// An Xvfb on a display number it picks itself, stopped on drop (and by the kernel if the bench dies).
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Result<Xvfb, String> {
        let mut cmd = Command::new("Xvfb");
        cmd.args([
            "-displayfd",
            "1",
            "-nolisten",
            "tcp",
            "-noreset",
            "-screen",
            "0",
            "1920x1200x24",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
        // SAFETY: prctl is async-signal-safe; the server dies with this process.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let mut child = cmd.spawn().map_err(|e| {
            format!("cannot start Xvfb ({e}); install it (Debian: `apt-get install xvfb`, or run `cargo xtask test` once)")
        })?;
        let mut stdout = child.stdout.take().ok_or("Xvfb has no stdout")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = Vec::new();
            let mut byte = [0u8; 1];
            while stdout.read(&mut byte).is_ok_and(|n| n == 1) && byte[0] != b'\n' {
                line.push(byte[0]);
            }
            let _ = tx.send(String::from_utf8_lossy(&line).trim().to_owned());
            let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        });
        let mut server = Xvfb {
            child,
            display: String::new(),
        };
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(n) if n.parse::<u32>().is_ok() => server.display = format!(":{n}"),
            _ => return Err("Xvfb did not become ready within 20 s".into()),
        }
        Ok(server)
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
