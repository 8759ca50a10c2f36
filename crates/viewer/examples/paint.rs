//! A cv2 program ported line for line: a resizable window you paint on with the mouse (left button: a red
//! dot, dragging draws; right button: clear; wheel: brush size), arrow keys move a green marker, Esc or
//! closing the window quits. The Python it mirrors:
//!
//! ```python
//! cv2.namedWindow("paint", cv2.WINDOW_NORMAL)
//! cv2.setMouseCallback("paint", on_mouse)
//! while cv2.getWindowProperty("paint", cv2.WND_PROP_VISIBLE) >= 1:
//!     cv2.imshow("paint", canvas)
//!     k = cv2.waitKeyEx(20)
//!     if k & 0xff == 27: break
//!     if k == 65361: marker_x -= 10   # Left (GTK's waitKeyEx code)
//! cv2.destroyAllWindows()
//! ```
//!
//! `cargo run -p viewer --example paint` (under a desktop, or `xvfb-run -a cargo run …`).

use std::cell::RefCell;
use std::process::ExitCode;
use std::rc::Rc;
use viewer::*;

const W: usize = 480;
const H: usize = 320;

/// A BGR canvas.
struct Canvas {
    bgr: Vec<u8>,
    brush: i32,
}

impl Canvas {
    fn clear(&mut self) {
        self.bgr.fill(255);
    }

    fn dot(&mut self, cx: i32, cy: i32, radius: i32, bgr: [u8; 3]) {
        for y in (cy - radius).max(0)..(cy + radius + 1).min(H as i32) {
            for x in (cx - radius).max(0)..(cx + radius + 1).min(W as i32) {
                if (x - cx).pow(2) + (y - cy).pow(2) <= radius * radius {
                    let i = (y as usize * W + x as usize) * 3;
                    self.bgr[i..i + 3].copy_from_slice(&bgr);
                }
            }
        }
    }
}

fn main() -> ExitCode {
    let canvas = Rc::new(RefCell::new(Canvas {
        bgr: vec![255; W * H * 3],
        brush: 6,
    }));
    if let Err(err) = named_window("paint", WINDOW_NORMAL) {
        eprintln!("paint: {err}");
        return ExitCode::FAILURE;
    }
    let painted = canvas.clone();
    let callback = move |event, x, y, flags| {
        let mut c = painted.borrow_mut();
        match event {
            EVENT_LBUTTONDOWN => {
                let brush = c.brush;
                c.dot(x, y, brush, [0, 0, 255]);
            }
            EVENT_MOUSEMOVE if flags & EVENT_FLAG_LBUTTON != 0 => {
                let brush = c.brush;
                c.dot(x, y, brush, [0, 0, 255]);
            }
            EVENT_RBUTTONDOWN => c.clear(),
            EVENT_MOUSEWHEEL => c.brush = (c.brush - get_mouse_wheel_delta(flags)).clamp(1, 40),
            _ => {}
        }
    };
    if let Err(err) = set_mouse_callback("paint", callback) {
        eprintln!("paint: {err}");
        return ExitCode::FAILURE;
    }
    let (mut mx, mut my) = (W as i32 / 2, H as i32 / 2);
    while get_window_property("paint", WND_PROP_VISIBLE) >= 1.0 {
        let mut frame = canvas.borrow().bgr.clone();
        let mut marked = Canvas {
            bgr: std::mem::take(&mut frame),
            brush: 0,
        };
        marked.dot(mx, my, 4, [0, 160, 0]);
        let shown = Image::bgr(&marked.bgr, W, H).and_then(|image| imshow("paint", &image));
        if let Err(err) = shown {
            eprintln!("paint: {err}");
            return ExitCode::FAILURE;
        }
        match wait_key_ex(20) {
            k if k & 0xff == 27 => break,
            65361 => mx -= 10, // Left
            65362 => my -= 10, // Up
            65363 => mx += 10, // Right
            65364 => my += 10, // Down
            _ => {}
        }
    }
    destroy_all_windows();
    ExitCode::SUCCESS
}
