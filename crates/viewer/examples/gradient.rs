//! Opens a window titled `gradient` showing a 256x256 image whose pixel (x, y) has red = x, green = y,
//! blue = 128, and exits on any key (or when the window is closed).
//!
//! `cargo run -p viewer --example gradient` (under a desktop, or `xvfb-run -a cargo run …`).

use std::process::ExitCode;
use viewer::{Image, destroy_all_windows, imshow, wait_key};

fn main() -> ExitCode {
    // OpenCV's BGR order: blue, green, red.
    let bgr: Vec<u8> = (0..256u32)
        .flat_map(|y| (0..256u32).flat_map(move |x| [128, y as u8, x as u8]))
        .collect();
    let shown = Image::bgr(&bgr, 256, 256).and_then(|image| imshow("gradient", &image));
    if let Err(err) = shown {
        eprintln!("gradient: {err}");
        return ExitCode::FAILURE;
    }
    match wait_key(0) {
        Some(key) => println!(
            "key {:?}: cv2.waitKey {}, cv2.waitKeyEx {}",
            key.code,
            key.cv2_code(),
            key.cv2_code_ex()
        ),
        None => println!("window closed"),
    }
    destroy_all_windows();
    ExitCode::SUCCESS
}
