//! Key presses as `wait_key` returns them, and the minifb input callback that queues every press.
//!
//! minifb's `get_keys_pressed` misses taps shorter than a frame; its `InputCallback` sees every X key event,
//! so each window gets a [`KeyQueue`] and `wait_key` takes presses from it in order.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// minifb's key identifiers, re-exported so callers can match on them without naming minifb.
pub use minifb::Key as KeyCode;

/// One key press, as `wait_key` returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Which key (layout-independent identifier).
    pub code: KeyCode,
    /// The character the press typed with the current layout and modifiers, if any
    /// (`'a'`, `'A'`, `'\u{1b}'` for Escape, `'\r'` for Enter, `'\u{3}'` for Ctrl+C).
    pub text: Option<char>,
    /// The window that had the keyboard focus.
    pub window: String,
    /// The X keysym of the press with its modifiers applied (`0x41` for Shift+A, `0x63` for Ctrl+C,
    /// `0xff51` for Left): what GTK calls the key's `keyval`.
    pub keysym: u32,
    /// The X modifier and button mask when the key went down (Shift 1, Lock 2, Control 4, Mod1/Alt 8,
    /// Mod2/NumLock 16, Mod4/Super 64, Button1 256, ...).
    pub state: u32,
}

impl Key {
    /// The typed character's code point (27 for Escape, 13 for Enter, 8 for Backspace, 9 for Tab, 127 for
    /// Delete, 3 for Ctrl+C), or `None` for keys that type nothing (arrows, function keys, modifiers). For
    /// the number `cv2.waitKey` returns, see [`cv2_code`](Key::cv2_code).
    pub fn code_point(&self) -> Option<u32> {
        self.text.map(u32::from).or(match self.code {
            KeyCode::Escape => Some(27),
            KeyCode::Enter | KeyCode::NumPadEnter => Some(13),
            KeyCode::Backspace => Some(8),
            KeyCode::Tab => Some(9),
            KeyCode::Delete => Some(127),
            _ => None,
        })
    }

    /// What `cv2.waitKeyEx` returns for this press with OpenCV's GTK backend: the keysym (Escape 27,
    /// Return 13, Tab 9, any other key its keysym: Left 65361, F1 65470, `'a'` 97) with the modifier
    /// mask in the bits from 16 up (Shift+A 65601, Ctrl+C 262243).
    pub fn cv2_code_ex(&self) -> i32 {
        cv2_code_ex(self.keysym, self.state)
    }

    /// What `cv2.waitKey` returns for this press: [`cv2_code_ex`](Key::cv2_code_ex)`& 0xff` (Left 81,
    /// Up 82, F1 190, Ctrl+C 99, Shift 225).
    pub fn cv2_code(&self) -> i32 {
        self.cv2_code_ex() & 0xff
    }

    /// Whether this press typed `c` (e.g. `key.is('q')`).
    pub fn is(&self, c: char) -> bool {
        self.text == Some(c)
    }

    /// Whether the key is a modifier or lock key (Shift, Ctrl, Alt, Super, Caps/Num/Scroll Lock), which
    /// `wait_key` skips and `cv2.waitKey` (so [`crate::wait_key_code`]) reports.
    pub fn is_modifier(&self) -> bool {
        is_modifier(self.code)
    }
}

/// `cv2.waitKeyEx`'s value for a keysym and X modifier mask, as OpenCV's GTK backend computes it.
pub(crate) fn cv2_code_ex(keysym: u32, state: u32) -> i32 {
    let key = match keysym {
        XK_ESCAPE => 27,
        XK_RETURN | XK_LINEFEED => 13,
        XK_TAB => 9,
        other => other,
    };
    (key | (state << 16)) as i32
}

const XK_ESCAPE: u32 = 0xff1b;
const XK_RETURN: u32 = 0xff0d;
const XK_LINEFEED: u32 = 0xff0a;
const XK_TAB: u32 = 0xff09;

/// X modifier mask bits.
pub(crate) const SHIFT_MASK: u32 = 1;
pub(crate) const CONTROL_MASK: u32 = 4;
pub(crate) const MOD1_MASK: u32 = 8;
pub(crate) const MOD4_MASK: u32 = 64;

/// The keys whose keysym does not depend on the layout, with their unshifted keysym.
const KEYSYMS: &[(KeyCode, u32)] = &[
    (KeyCode::Space, 0x20),
    (KeyCode::Apostrophe, 0x27),
    (KeyCode::Comma, 0x2c),
    (KeyCode::Minus, 0x2d),
    (KeyCode::Period, 0x2e),
    (KeyCode::Slash, 0x2f),
    (KeyCode::Semicolon, 0x3b),
    (KeyCode::Equal, 0x3d),
    (KeyCode::LeftBracket, 0x5b),
    (KeyCode::Backslash, 0x5c),
    (KeyCode::RightBracket, 0x5d),
    (KeyCode::Backquote, 0x60),
    (KeyCode::Backspace, 0xff08),
    (KeyCode::Tab, XK_TAB),
    (KeyCode::Enter, XK_RETURN),
    (KeyCode::Pause, 0xff13),
    (KeyCode::ScrollLock, 0xff14),
    (KeyCode::Escape, XK_ESCAPE),
    (KeyCode::Home, 0xff50),
    (KeyCode::Left, 0xff51),
    (KeyCode::Up, 0xff52),
    (KeyCode::Right, 0xff53),
    (KeyCode::Down, 0xff54),
    (KeyCode::PageUp, 0xff55),
    (KeyCode::PageDown, 0xff56),
    (KeyCode::End, 0xff57),
    (KeyCode::Insert, 0xff63),
    (KeyCode::Menu, 0xff67),
    (KeyCode::NumLock, 0xff7f),
    (KeyCode::NumPadEnter, 0xff8d),
    (KeyCode::NumPadAsterisk, 0xffaa),
    (KeyCode::NumPadPlus, 0xffab),
    (KeyCode::NumPadMinus, 0xffad),
    (KeyCode::NumPadDot, 0xffae),
    (KeyCode::NumPadSlash, 0xffaf),
    (KeyCode::NumPad0, 0xffb0),
    (KeyCode::NumPad1, 0xffb1),
    (KeyCode::NumPad2, 0xffb2),
    (KeyCode::NumPad3, 0xffb3),
    (KeyCode::NumPad4, 0xffb4),
    (KeyCode::NumPad5, 0xffb5),
    (KeyCode::NumPad6, 0xffb6),
    (KeyCode::NumPad7, 0xffb7),
    (KeyCode::NumPad8, 0xffb8),
    (KeyCode::NumPad9, 0xffb9),
    (KeyCode::F1, 0xffbe),
    (KeyCode::F2, 0xffbf),
    (KeyCode::F3, 0xffc0),
    (KeyCode::F4, 0xffc1),
    (KeyCode::F5, 0xffc2),
    (KeyCode::F6, 0xffc3),
    (KeyCode::F7, 0xffc4),
    (KeyCode::F8, 0xffc5),
    (KeyCode::F9, 0xffc6),
    (KeyCode::F10, 0xffc7),
    (KeyCode::F11, 0xffc8),
    (KeyCode::F12, 0xffc9),
    (KeyCode::F13, 0xffca),
    (KeyCode::F14, 0xffcb),
    (KeyCode::F15, 0xffcc),
    (KeyCode::LeftShift, 0xffe1),
    (KeyCode::RightShift, 0xffe2),
    (KeyCode::LeftCtrl, 0xffe3),
    (KeyCode::RightCtrl, 0xffe4),
    (KeyCode::CapsLock, 0xffe5),
    (KeyCode::LeftAlt, 0xffe9),
    (KeyCode::RightAlt, 0xffea),
    (KeyCode::LeftSuper, 0xffeb),
    (KeyCode::RightSuper, 0xffec),
    (KeyCode::Delete, 0xffff),
];

const LETTERS: [KeyCode; 26] = [
    KeyCode::A,
    KeyCode::B,
    KeyCode::C,
    KeyCode::D,
    KeyCode::E,
    KeyCode::F,
    KeyCode::G,
    KeyCode::H,
    KeyCode::I,
    KeyCode::J,
    KeyCode::K,
    KeyCode::L,
    KeyCode::M,
    KeyCode::N,
    KeyCode::O,
    KeyCode::P,
    KeyCode::Q,
    KeyCode::R,
    KeyCode::S,
    KeyCode::T,
    KeyCode::U,
    KeyCode::V,
    KeyCode::W,
    KeyCode::X,
    KeyCode::Y,
    KeyCode::Z,
];

const DIGITS: [KeyCode; 10] = [
    KeyCode::Key0,
    KeyCode::Key1,
    KeyCode::Key2,
    KeyCode::Key3,
    KeyCode::Key4,
    KeyCode::Key5,
    KeyCode::Key6,
    KeyCode::Key7,
    KeyCode::Key8,
    KeyCode::Key9,
];

/// The key for an X key event: `keypad` is the keysym at shift level 1 (a keypad digit there means a
/// keypad key, whatever NumLock says), `base` the one at level 0; as minifb identifies keys.
pub(crate) fn key_code(base: u32, keypad: u32) -> KeyCode {
    if (0xffb0..=0xffb9).contains(&keypad) || keypad == 0xffae || keypad == 0xff8d {
        if let Some((code, _)) = KEYSYMS.iter().find(|(_, s)| *s == keypad) {
            return *code;
        }
    }
    match base {
        0x61..=0x7a => LETTERS[(base - 0x61) as usize],
        0x41..=0x5a => LETTERS[(base - 0x41) as usize],
        0x30..=0x39 => DIGITS[(base - 0x30) as usize],
        _ => KEYSYMS
            .iter()
            .find(|(_, s)| *s == base)
            .map_or(KeyCode::Unknown, |(code, _)| *code),
    }
}

/// The keysym GTK would report for `code` typing `text` with `state` (for windows whose X events the
/// viewer does not read itself, such as Wayland ones): the typed character for printable text (Latin-1
/// and Unicode keysyms), the letter for Ctrl+letter, else the key's own keysym.
pub(crate) fn keysym_of(code: KeyCode, text: Option<char>, state: u32) -> u32 {
    let letter = LETTERS.iter().position(|&l| l == code);
    match (text, letter) {
        (Some(c), _) if (' '..='~').contains(&c) || ('\u{a0}'..='\u{ff}').contains(&c) => {
            u32::from(c)
        }
        (Some(c), _) if u32::from(c) > 0xff => 0x0100_0000 | u32::from(c),
        (_, Some(i)) => {
            let base = if state & SHIFT_MASK != 0 { 0x41 } else { 0x61 };
            base + i as u32
        }
        _ => {
            if let Some(i) = DIGITS.iter().position(|&d| d == code) {
                return 0x30 + i as u32;
            }
            KEYSYMS
                .iter()
                .find(|(c, _)| *c == code)
                .map_or(0, |(_, s)| *s)
        }
    }
}

/// The X modifier bit a modifier key sets while it is held (0 for other keys).
fn modifier_mask(code: KeyCode) -> u32 {
    match code {
        KeyCode::LeftShift | KeyCode::RightShift => SHIFT_MASK,
        KeyCode::LeftCtrl | KeyCode::RightCtrl => CONTROL_MASK,
        KeyCode::LeftAlt | KeyCode::RightAlt => MOD1_MASK,
        KeyCode::LeftSuper | KeyCode::RightSuper => MOD4_MASK,
        _ => 0,
    }
}

/// Modifier and lock keys: pressing one alone does not end `wait_key` (Shift+Q reports `'Q'`).
fn is_modifier(code: KeyCode) -> bool {
    matches!(
        code,
        KeyCode::LeftShift
            | KeyCode::RightShift
            | KeyCode::LeftCtrl
            | KeyCode::RightCtrl
            | KeyCode::LeftAlt
            | KeyCode::RightAlt
            | KeyCode::LeftSuper
            | KeyCode::RightSuper
            | KeyCode::CapsLock
            | KeyCode::NumLock
            | KeyCode::ScrollLock
    )
}

/// A press not yet taken by `wait_key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Press {
    pub code: KeyCode,
    pub text: Option<char>,
    pub keysym: u32,
    pub state: u32,
}

impl Press {
    pub(crate) fn into_key(self, window: &str) -> Key {
        Key {
            code: self.code,
            text: self.text,
            window: window.to_owned(),
            keysym: self.keysym,
            state: self.state,
        }
    }
}

/// The queue one window's presses go to, and `wait_key` drains.
pub(crate) type Presses = Rc<RefCell<VecDeque<Press>>>;

/// minifb's input callback, for windows whose X events the viewer does not read itself (Wayland): minifb
/// calls `set_key_state(key, true)` for a press and then `add_char` for the text it typed; this pairs them
/// into one [`Press`], keeping track of the modifiers held for the cv2 codes.
#[derive(Debug)]
pub(crate) struct KeyQueue {
    presses: Presses,
    /// Whether the last queued press is still waiting for its character.
    open: bool,
    /// The modifier mask of the keys held down.
    held: u32,
}

impl KeyQueue {
    pub(crate) fn new(presses: Presses) -> Self {
        KeyQueue {
            presses,
            open: false,
            held: 0,
        }
    }
}

impl minifb::InputCallback for KeyQueue {
    fn add_char(&mut self, uni_char: u32) {
        let Some(c) = char::from_u32(uni_char) else {
            return;
        };
        let mut presses = self.presses.borrow_mut();
        match presses.back_mut() {
            Some(last) if self.open && last.text.is_none() => {
                last.text = Some(c);
                last.keysym = keysym_of(last.code, Some(c), last.state);
                if last.state & CONTROL_MASK != 0 {
                    // Ctrl+C types U+0003, but its keysym is still 'c'.
                    last.keysym = keysym_of(last.code, None, last.state);
                }
            }
            // A character with no press of its own (e.g. the second of a composed sequence).
            _ => presses.push_back(Press {
                code: KeyCode::Unknown,
                text: Some(c),
                keysym: keysym_of(KeyCode::Unknown, Some(c), self.held),
                state: self.held,
            }),
        }
        self.open = false;
    }

    fn set_key_state(&mut self, key: KeyCode, down: bool) {
        self.open = false;
        if down {
            self.presses.borrow_mut().push_back(Press {
                code: key,
                text: None,
                keysym: keysym_of(key, None, self.held),
                state: self.held,
            });
            self.open = !is_modifier(key);
            self.held |= modifier_mask(key);
        } else {
            self.held &= !modifier_mask(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minifb::InputCallback;

    fn queue() -> (KeyQueue, Presses) {
        let presses = Presses::default();
        (KeyQueue::new(presses.clone()), presses)
    }

    fn key(code: KeyCode, text: Option<char>, keysym: u32, state: u32) -> Key {
        Key {
            code,
            text,
            window: "w".into(),
            keysym,
            state,
        }
    }

    #[test]
    fn press_and_char_pair_up_with_modifiers_tracked() {
        let (mut q, presses) = queue();
        q.set_key_state(KeyCode::LeftShift, true);
        q.set_key_state(KeyCode::H, true);
        q.add_char('H' as u32);
        q.set_key_state(KeyCode::H, false);
        q.set_key_state(KeyCode::LeftShift, false);
        q.set_key_state(KeyCode::LeftCtrl, true);
        q.set_key_state(KeyCode::C, true);
        q.add_char(3);
        q.set_key_state(KeyCode::C, false);
        q.set_key_state(KeyCode::LeftCtrl, false);
        q.set_key_state(KeyCode::Left, true);
        q.set_key_state(KeyCode::Left, false);
        let got: Vec<(KeyCode, Option<char>, i32)> = presses
            .borrow()
            .iter()
            .map(|p| (p.code, p.text, cv2_code_ex(p.keysym, p.state)))
            .collect();
        assert_eq!(
            got,
            [
                (KeyCode::LeftShift, None, 0xffe1),
                (KeyCode::H, Some('H'), 0x48 | 1 << 16),
                (KeyCode::LeftCtrl, None, 0xffe3),
                (KeyCode::C, Some('\u{3}'), 0x63 | 4 << 16),
                (KeyCode::Left, None, 0xff51),
            ]
        );
    }

    #[test]
    fn stray_char_is_kept() {
        let (mut q, presses) = queue();
        q.set_key_state(KeyCode::A, true);
        q.add_char('a' as u32);
        q.add_char('é' as u32);
        assert_eq!(presses.borrow().len(), 2);
        assert_eq!(presses.borrow()[1].text, Some('é'));
        assert_eq!(
            presses.borrow()[1].keysym,
            0xe9,
            "Latin-1 keysyms are the code points"
        );
    }

    #[test]
    fn cv2_codes_follow_opencv_gtk() {
        // OpenCV's GTK backend: Escape 27, Return 13, Tab 9, any other key its keyval; modifiers << 16;
        // cv2.waitKey keeps the low byte.
        let esc = key(KeyCode::Escape, Some('\u{1b}'), 0xff1b, 0);
        assert_eq!((esc.cv2_code(), esc.cv2_code_ex()), (27, 27));
        let enter = key(KeyCode::Enter, Some('\r'), 0xff0d, 0);
        assert_eq!((enter.cv2_code(), enter.cv2_code_ex()), (13, 13));
        let left = key(KeyCode::Left, None, 0xff51, 0);
        assert_eq!((left.cv2_code(), left.cv2_code_ex()), (81, 65361));
        let f1 = key(KeyCode::F1, None, 0xffbe, 0);
        assert_eq!((f1.cv2_code(), f1.cv2_code_ex()), (190, 65470));
        let ctrl_c = key(KeyCode::C, Some('\u{3}'), 0x63, 4);
        assert_eq!((ctrl_c.cv2_code(), ctrl_c.cv2_code_ex()), (99, 262_243));
        assert_eq!(
            ctrl_c.code_point(),
            Some(3),
            "the typed character stays Ctrl+C's"
        );
        let q = key(KeyCode::Q, Some('q'), 0x71, 0);
        assert_eq!(q.code_point(), Some(113));
        assert!(q.is('q'));
        assert_eq!(left.code_point(), None);
    }

    #[test]
    fn keysyms_name_the_keys_minifb_names() {
        assert_eq!(key_code(0x61, 0x41), KeyCode::A);
        assert_eq!(key_code(0x31, 0x21), KeyCode::Key1);
        assert_eq!(key_code(0xff51, 0xff51), KeyCode::Left);
        assert_eq!(
            key_code(0xff9c, 0xffb1),
            KeyCode::NumPad1,
            "keypad 1 with NumLock off"
        );
        assert_eq!(key_code(0xffbe, 0xffbe), KeyCode::F1);
        assert_eq!(key_code(0x1234, 0x1234), KeyCode::Unknown);
        for &(code, sym) in KEYSYMS {
            assert_eq!(keysym_of(code, None, 0), sym, "{code:?}");
        }
    }
}
