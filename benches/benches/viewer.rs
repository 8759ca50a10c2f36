//! Criterion benches for `viewer`: frames per second of `imshow` (a BGR u8 image, OpenCV's usual kind) with
//! and without a 1 ms `wait_key`, beside minifb's raw `update_with_buffer` of a ready `0RGB` buffer doing the
//! same work, at 640x480 and 1920x1080, plus a paired run of the two that the report's verdict uses. It
//! starts its own Xvfb (5760x1200, 24-bit: room for two 1080p windows side by side) and stops it at the end;
//! without Xvfb it prints why and measures nothing. `cargo xtask bench` turns the results into the report.

use criterion::{Criterion, SamplingMode, Throughput};
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
/// Rounds (one frame of each kind) timed by `paired` at each size (about a second each).
const PAIRED_ROUNDS: [usize; 2] = [250, 60];
/// The same in a quick run: a third (still far above the bootstrap's minimum), since on a loaded 2-core
/// machine the full count took 20 s of a quick run's 3 minutes.
const QUICK_PAIRED_ROUNDS: [usize; 2] = [80, 20];

fn main() {
    // Start the X server and set DISPLAY before criterion (or anything else) starts a thread.
    let server = Xvfb::start();
    if let Ok(server) = &server {
        // SAFETY: single-threaded so far (Xvfb's pipe reader never reads the environment).
        unsafe {
            std::env::set_var("DISPLAY", &server.display);
            std::env::remove_var("WAYLAND_DISPLAY");
        }
    }
    let mut c = Criterion::default().configure_from_args();
    convert(&mut c);
    match &server {
        Ok(_) => {
            for size in SIZES {
                fps(&mut c, size);
            }
            let rounds = if tasklab_benches::quick() {
                QUICK_PAIRED_ROUNDS
            } else {
                PAIRED_ROUNDS
            };
            for (size, rounds) in SIZES.into_iter().zip(rounds) {
                paired(size, tasklab_benches::sized(rounds, 6));
            }
        }
        Err(why) => eprintln!("viewer window benches skipped: {why}"),
    }
    c.final_summary();
    drop(server);
}

/// The CPU half of `imshow`: turning a BGR u8 image into minifb's `0RGB` pixels (no display needed).
fn convert(c: &mut Criterion) {
    let mut g = c.benchmark_group("viewer_convert");
    let (w, h) = (1920, 1080);
    g.throughput(Throughput::Elements((w * h) as u64));
    g.sample_size(tasklab_benches::samples(20));
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
    // Flat: a 1080p frame through `wait_key(1)` takes milliseconds, which criterion's default linear ramp
    // (1, 2, .. 10 iterations per sample) multiplies by 55.
    g.sampling_mode(SamplingMode::Flat);
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

/// The wrapper's cost measured robustly. Frames of three kinds alternate, in rotating order, so a change in
/// the machine's load hits all alike: minifb given a ready `0RGB` buffer, minifb given the BGR image
/// converted by a plain hand-written loop (what a minifb user showing a BGR image writes), each followed by
/// 1 ms of event pumping, and the viewer's `imshow` + `wait_key(1)`. The viewer's window is centred on the
/// 5760-pixel-wide screen and minifb's sits at the left edge: no overlap (a hidden window draws for free).
/// Writes the medians to `<target>/criterion/viewer_paired/<w>x<h>.json` for the report.
fn paired((w, h): (usize, usize), rounds: usize) {
    let xrgb: Vec<Vec<u32>> = (0..FRAMES).map(|f| frame_xrgb(w, h, f)).collect();
    let bgr: Vec<Vec<u8>> = xrgb.iter().map(|frame| to_bgr(frame)).collect();
    let images: Vec<Image<'_>> = bgr
        .iter()
        .map(|f| Image::bgr(f, w, h).expect("valid image"))
        .collect();
    let mut window =
        Window::new("raw", w, h, WindowOptions::default()).expect("a minifb window on Xvfb");
    window.set_target_fps(0);
    window.set_position(0, 0);
    let mut converted = vec![0u32; w * h];
    let mut viewer = Viewer::new();
    let mut frame = |kind: usize, i: usize| {
        let start = Instant::now();
        if kind == 2 {
            viewer
                .imshow("viewer", &images[i % FRAMES])
                .expect("imshow");
            black_box(viewer.wait_key(1));
            return start.elapsed();
        }
        if kind == 0 {
            window
                .update_with_buffer(&xrgb[i % FRAMES], w, h)
                .expect("update");
        } else {
            for (o, p) in converted.iter_mut().zip(bgr[i % FRAMES].chunks_exact(3)) {
                *o = (u32::from(p[2]) << 16) | (u32::from(p[1]) << 8) | u32::from(p[0]);
            }
            window.update_with_buffer(&converted, w, h).expect("update");
        }
        let pump = Instant::now();
        loop {
            window.update();
            let left = Duration::from_millis(1).saturating_sub(pump.elapsed());
            if left.is_zero() {
                break;
            }
            std::thread::sleep(left);
        }
        start.elapsed()
    };
    for i in 0..6 {
        frame(i % 3, i);
    }
    let mut times: [Vec<Duration>; 3] = Default::default();
    for i in 0..rounds {
        for k in 0..3 {
            let kind = (i + k) % 3;
            times[kind].push(frame(kind, i));
        }
    }
    let ratio = |a: usize, b: usize| {
        median(
            times[a]
                .iter()
                .zip(&times[b])
                .map(|(x, y)| x.as_secs_f64() / y.as_secs_f64())
                .collect(),
        )
    };
    let (ready, by_hand, ours) = (
        median_ns(&times[0]),
        median_ns(&times[1]),
        median_ns(&times[2]),
    );
    let (vs_ready, vs_hand) = (ratio(2, 0), ratio(2, 1));
    println!(
        "viewer_paired/{w}x{h} ({rounds} rounds): minifb + 1 ms pump {:.3} ms (ready 0RGB) / {:.3} ms (BGR converted by hand); \
         imshow + wait_key(1) {:.3} ms: x{vs_ready:.3} / x{vs_hand:.3}",
        ready / 1e6,
        by_hand / 1e6,
        ours / 1e6
    );
    let dir = tasklab_benches::criterion_dir(&target_dir()).join("viewer_paired");
    // Every round's frame times too, in measurement order, for the report's bootstrap intervals.
    let list = |k: usize| {
        times[k]
            .iter()
            .map(|t| format!("{:.0}", t.as_secs_f64() * 1e9))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let json = format!(
        "{{\"rounds\": {rounds}, \"minifb_ready_xrgb_wait1ms_ns\": {ready:.0}, \"minifb_hand_converted_wait1ms_ns\": {by_hand:.0}, \
         \"imshow_wait_key1_ns\": {ours:.0}, \"ratio_vs_ready\": {vs_ready:.4}, \"ratio_vs_hand_converted\": {vs_hand:.4}, \
         \"rounds_ns\": {{\"minifb_ready\": [{}], \"minifb_hand_converted\": [{}], \"imshow\": [{}]}}}}\n",
        list(0),
        list(1),
        list(2)
    );
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join(format!("{w}x{h}.json")), json));
    if let Err(e) = written {
        eprintln!("viewer_paired: could not write {}: {e}", dir.display());
    }
}

fn median_ns(times: &[Duration]) -> f64 {
    median(times.iter().map(|t| t.as_secs_f64() * 1e9).collect())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else three levels above this executable
/// (`<target>/release/deps/viewer-…`), where criterion writes too.
fn target_dir() -> std::path::PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return dir.into();
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| "target".into())
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
            "5760x1200x24",
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
