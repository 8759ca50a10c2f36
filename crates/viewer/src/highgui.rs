//! cv2's window constants, with the values cv2 gives them, so code ported from Python keeps its numbers:
//! `named_window` flags, `get_window_property` properties, and the mouse callback's events and flags.

/// `cv2.WINDOW_NORMAL`: the user (and [`resize_window`](crate::resize_window)) can resize the window; the
/// image is stretched to fill it.
pub const WINDOW_NORMAL: i32 = 0;
/// `cv2.WINDOW_AUTOSIZE` (the default): the window takes the image's size (shrunk to fit the work area)
/// and cannot be resized.
pub const WINDOW_AUTOSIZE: i32 = 1;
/// `cv2.WINDOW_KEEPRATIO`: accepted, and the same as cv2's default here (0).
pub const WINDOW_KEEPRATIO: i32 = 0;
/// `cv2.WINDOW_GUI_EXPANDED`: accepted (0); this viewer has no toolbar either way.
pub const WINDOW_GUI_EXPANDED: i32 = 0;
/// `cv2.WINDOW_FREERATIO`: accepted; a `WINDOW_NORMAL` window is always stretched freely here.
pub const WINDOW_FREERATIO: i32 = 0x100;
/// `cv2.WINDOW_GUI_NORMAL`: accepted; there is no toolbar to leave out.
pub const WINDOW_GUI_NORMAL: i32 = 0x10;
/// `cv2.WINDOW_OPENGL`: refused with an error (no OpenGL windows).
pub const WINDOW_OPENGL: i32 = 0x1000;

/// `cv2.WND_PROP_FULLSCREEN`: 0.0 (`WINDOW_NORMAL`: windows are never full screen here).
pub const WND_PROP_FULLSCREEN: i32 = 0;
/// `cv2.WND_PROP_AUTOSIZE`: 1.0 for a `WINDOW_AUTOSIZE` window, 0.0 for a `WINDOW_NORMAL` one.
pub const WND_PROP_AUTOSIZE: i32 = 1;
/// `cv2.WND_PROP_ASPECT_RATIO`: the window's width / height.
pub const WND_PROP_ASPECT_RATIO: i32 = 2;
/// `cv2.WND_PROP_OPENGL`: -1.0 (no OpenGL support, as cv2 built without it).
pub const WND_PROP_OPENGL: i32 = 3;
/// `cv2.WND_PROP_VISIBLE`: 1.0 while the window is open, 0.0 once it is closed (by the user, or
/// destroyed) or for a name that has no window, so `while get_window_property(name, WND_PROP_VISIBLE) >=
/// 1.0` runs until the user closes it.
pub const WND_PROP_VISIBLE: i32 = 4;
/// `cv2.WND_PROP_TOPMOST`: -1.0 (not supported).
pub const WND_PROP_TOPMOST: i32 = 5;
/// `cv2.WND_PROP_VSYNC`: -1.0 (not supported).
pub const WND_PROP_VSYNC: i32 = 6;

/// `cv2.EVENT_MOUSEMOVE`.
pub const EVENT_MOUSEMOVE: i32 = 0;
/// `cv2.EVENT_LBUTTONDOWN`.
pub const EVENT_LBUTTONDOWN: i32 = 1;
/// `cv2.EVENT_RBUTTONDOWN`.
pub const EVENT_RBUTTONDOWN: i32 = 2;
/// `cv2.EVENT_MBUTTONDOWN`.
pub const EVENT_MBUTTONDOWN: i32 = 3;
/// `cv2.EVENT_LBUTTONUP`.
pub const EVENT_LBUTTONUP: i32 = 4;
/// `cv2.EVENT_RBUTTONUP`.
pub const EVENT_RBUTTONUP: i32 = 5;
/// `cv2.EVENT_MBUTTONUP`.
pub const EVENT_MBUTTONUP: i32 = 6;
/// `cv2.EVENT_LBUTTONDBLCLK`: after the second `EVENT_LBUTTONDOWN` of a double click.
pub const EVENT_LBUTTONDBLCLK: i32 = 7;
/// `cv2.EVENT_RBUTTONDBLCLK`.
pub const EVENT_RBUTTONDBLCLK: i32 = 8;
/// `cv2.EVENT_MBUTTONDBLCLK`.
pub const EVENT_MBUTTONDBLCLK: i32 = 9;
/// `cv2.EVENT_MOUSEWHEEL`: the flags' upper 16 bits hold the step, -1 (up, away from the user) or +1.
pub const EVENT_MOUSEWHEEL: i32 = 10;
/// `cv2.EVENT_MOUSEHWHEEL`: the flags' upper 16 bits hold the step, -1 (left) or +1 (right).
pub const EVENT_MOUSEHWHEEL: i32 = 11;

/// `cv2.EVENT_FLAG_LBUTTON`: the left button is down.
pub const EVENT_FLAG_LBUTTON: i32 = 1;
/// `cv2.EVENT_FLAG_RBUTTON`: the right button is down.
pub const EVENT_FLAG_RBUTTON: i32 = 2;
/// `cv2.EVENT_FLAG_MBUTTON`: the middle button is down.
pub const EVENT_FLAG_MBUTTON: i32 = 4;
/// `cv2.EVENT_FLAG_CTRLKEY`: Ctrl is held.
pub const EVENT_FLAG_CTRLKEY: i32 = 8;
/// `cv2.EVENT_FLAG_SHIFTKEY`: Shift is held.
pub const EVENT_FLAG_SHIFTKEY: i32 = 16;
/// `cv2.EVENT_FLAG_ALTKEY`: Alt is held.
pub const EVENT_FLAG_ALTKEY: i32 = 32;

/// `cv2.getMouseWheelDelta(flags)`: the wheel step of an `EVENT_MOUSEWHEEL`/`EVENT_MOUSEHWHEEL` event
/// (-1 or +1 per notch).
pub fn get_mouse_wheel_delta(flags: i32) -> i32 {
    flags >> 16
}

/// X button masks in an event's state.
const BUTTON1_MASK: u32 = 1 << 8;
const BUTTON2_MASK: u32 = 1 << 9;
const BUTTON3_MASK: u32 = 1 << 10;

/// The mouse callback's flags for an X modifier/button state, as OpenCV's GTK backend maps them (NumLock
/// is not Alt: GTK leaves it out of its default modifier mask before OpenCV looks).
pub(crate) fn mouse_flags(state: u32) -> i32 {
    let map = |mask: u32, flag: i32| if state & mask != 0 { flag } else { 0 };
    map(BUTTON1_MASK, EVENT_FLAG_LBUTTON)
        | map(BUTTON2_MASK, EVENT_FLAG_MBUTTON)
        | map(BUTTON3_MASK, EVENT_FLAG_RBUTTON)
        | map(crate::key::SHIFT_MASK, EVENT_FLAG_SHIFTKEY)
        | map(crate::key::CONTROL_MASK, EVENT_FLAG_CTRLKEY)
        | map(crate::key::MOD1_MASK, EVENT_FLAG_ALTKEY)
}

/// The cv2 event for an X button press (`press`) or release of `button` (1 left, 2 middle, 3 right, 4-7
/// the wheel), with the extra flags a wheel event carries; `None` for what cv2 ignores (wheel releases,
/// other buttons).
pub(crate) fn button_event(button: u32, press: bool) -> Option<(i32, i32)> {
    const UP_OR_LEFT: i32 = -(1 << 16); // OpenCV's ~0xffff: a step of -1 in the upper half
    const DOWN_OR_RIGHT: i32 = 1 << 16;
    Some(match (button, press) {
        (1, true) => (EVENT_LBUTTONDOWN, 0),
        (2, true) => (EVENT_MBUTTONDOWN, 0),
        (3, true) => (EVENT_RBUTTONDOWN, 0),
        (1, false) => (EVENT_LBUTTONUP, 0),
        (2, false) => (EVENT_MBUTTONUP, 0),
        (3, false) => (EVENT_RBUTTONUP, 0),
        (4, true) => (EVENT_MOUSEWHEEL, UP_OR_LEFT),
        (5, true) => (EVENT_MOUSEWHEEL, DOWN_OR_RIGHT),
        (6, true) => (EVENT_MOUSEHWHEEL, UP_OR_LEFT),
        (7, true) => (EVENT_MOUSEHWHEEL, DOWN_OR_RIGHT),
        _ => return None,
    })
}

/// The double-click event for a button, after its second press within GTK's double-click time and
/// distance.
pub(crate) fn double_click_event(button: u32) -> Option<i32> {
    match button {
        1 => Some(EVENT_LBUTTONDBLCLK),
        2 => Some(EVENT_MBUTTONDBLCLK),
        3 => Some(EVENT_RBUTTONDBLCLK),
        _ => None,
    }
}

/// GTK's default double-click time (ms) and distance (pixels).
pub(crate) const DOUBLE_CLICK_MS: u64 = 400;
pub(crate) const DOUBLE_CLICK_DISTANCE: i32 = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wheel_steps_read_back() {
        let (event, flags) = button_event(4, true).expect("wheel up");
        assert_eq!(
            (event, get_mouse_wheel_delta(flags)),
            (EVENT_MOUSEWHEEL, -1)
        );
        let (event, flags) = button_event(7, true).expect("wheel right");
        assert_eq!(
            (event, get_mouse_wheel_delta(flags)),
            (EVENT_MOUSEHWHEEL, 1)
        );
        assert_eq!(button_event(4, false), None);
        assert_eq!(button_event(8, true), None);
    }

    #[test]
    fn flags_follow_gtk() {
        assert_eq!(
            mouse_flags(1 << 8 | 1),
            EVENT_FLAG_LBUTTON | EVENT_FLAG_SHIFTKEY
        );
        assert_eq!(mouse_flags(4 | 8), EVENT_FLAG_CTRLKEY | EVENT_FLAG_ALTKEY);
        assert_eq!(mouse_flags(16), 0, "NumLock is not Alt");
        assert_eq!(mouse_flags(1 << 10), EVENT_FLAG_RBUTTON);
    }
}
