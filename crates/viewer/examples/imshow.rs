//! The seed's `cv2.imshow` section, done properly: show an image and wait for a key; where no window can be
//! opened (no display, a refused display, a missing X library), print the reason and what to do — instead
//! of OpenCV's "The function is not implemented. Rebuild the library with Windows, GTK+ 2.x or Cocoa
//! support" — and save the image as PNG so the program still has an answer.
//!
//! ```sh
//! cargo run -p viewer --example imshow              # under a desktop: a window; press a key to quit
//! cargo run -p viewer --example imshow -- 2000      # wait at most 2000 ms (cv2.waitKey(2000))
//! env -u DISPLAY -u WAYLAND_DISPLAY cargo run -p viewer --example imshow   # the headless answer
//! ```

use std::process::ExitCode;
use viewer::{Image, destroy_all_windows, imshow, imwrite, wait_key};

/// A 320x240 BGR picture: a colour ramp with a white disc, as `cv2.imread` would hand it over.
fn picture() -> (Vec<u8>, usize, usize) {
    let (w, h) = (320usize, 240usize);
    let mut bgr = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as i64 - 160, y as i64 - 120);
            if dx * dx + dy * dy < 60 * 60 {
                bgr.extend([255, 255, 255]);
            } else {
                bgr.extend([(255 * y / h) as u8, 96, (255 * x / w) as u8]);
            }
        }
    }
    (bgr, w, h)
}

fn main() -> ExitCode {
    let delay_ms: u64 = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 0,
        Some(Ok(ms)) => ms,
        Some(Err(_)) => {
            eprintln!("usage: imshow [DELAY_MS]   (0 or nothing: wait for a key for ever)");
            return ExitCode::FAILURE;
        }
    };
    let (bgr, w, h) = picture();
    let image = match Image::bgr(&bgr, w, h) {
        Ok(image) => image,
        Err(err) => {
            eprintln!("imshow: {err}");
            return ExitCode::FAILURE;
        }
    };

    // cv2.imshow("image", img); cv2.waitKey(0); cv2.destroyAllWindows()
    match imshow("image", &image) {
        Ok(()) => {
            println!("showing 'image' ({w}x{h}); press a key in the window");
            match wait_key(delay_ms) {
                Some(key) => println!(
                    "cv2.waitKey returned {:?} ({:?})",
                    key.code_point(),
                    key.code
                ),
                None => println!("cv2.waitKey returned -1 (time-out or window closed)"),
            }
            destroy_all_windows();
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("imshow: {err}");
            let path = std::env::temp_dir().join("imshow.png");
            match imwrite(&path, &image) {
                Ok(()) => {
                    eprintln!("saved the image to {} instead", path.display());
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("imwrite: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
