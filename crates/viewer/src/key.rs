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
    /// (`'a'`, `'A'`, `'\u{1b}'` for Escape, `'\r'` for Enter).
    pub text: Option<char>,
    /// The window that had the keyboard focus.
    pub window: String,
}

impl Key {
    /// The value `cv2.waitKey` returns for this press: the typed character's code point (27 for Escape,
    /// 13 for Enter, 8 for Backspace, 9 for Tab, 127 for Delete), or `None` for keys that type nothing
    /// (arrows, function keys), which OpenCV reports in platform-specific ways.
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

    /// Whether this press typed `c` (e.g. `key.is('q')`).
    pub fn is(&self, c: char) -> bool {
        self.text == Some(c)
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
}

/// The queue one window's callback fills and `wait_key` drains.
pub(crate) type Presses = Rc<RefCell<VecDeque<Press>>>;

/// minifb calls `set_key_state(key, true)` for a press and then `add_char` for the text it typed; this
/// pairs them into one [`Press`].
#[derive(Debug)]
pub(crate) struct KeyQueue {
    presses: Presses,
    /// Whether the last queued press is still waiting for its character.
    open: bool,
}

impl KeyQueue {
    pub(crate) fn new(presses: Presses) -> Self {
        KeyQueue {
            presses,
            open: false,
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
            Some(last) if self.open && last.text.is_none() => last.text = Some(c),
            // A character with no press of its own (e.g. the second of a composed sequence).
            _ => presses.push_back(Press {
                code: KeyCode::Unknown,
                text: Some(c),
            }),
        }
        self.open = false;
    }

    fn set_key_state(&mut self, key: KeyCode, down: bool) {
        self.open = false;
        if down && !is_modifier(key) {
            self.presses.borrow_mut().push_back(Press {
                code: key,
                text: None,
            });
            self.open = true;
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

    #[test]
    fn press_and_char_pair_up() {
        let (mut q, presses) = queue();
        q.set_key_state(KeyCode::LeftShift, true);
        q.set_key_state(KeyCode::H, true);
        q.add_char('H' as u32);
        q.set_key_state(KeyCode::H, false);
        q.set_key_state(KeyCode::LeftShift, false);
        q.set_key_state(KeyCode::Left, true);
        q.set_key_state(KeyCode::Left, false);
        let got: Vec<Press> = presses.borrow().iter().copied().collect();
        assert_eq!(
            got,
            [
                Press {
                    code: KeyCode::H,
                    text: Some('H')
                },
                Press {
                    code: KeyCode::Left,
                    text: None
                }
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
    }

    #[test]
    fn cv2_codes() {
        let key = |code, text| Key {
            code,
            text,
            window: "w".into(),
        };
        assert_eq!(key(KeyCode::Escape, Some('\u{1b}')).code_point(), Some(27));
        assert_eq!(key(KeyCode::Escape, None).code_point(), Some(27));
        assert_eq!(key(KeyCode::Enter, None).code_point(), Some(13));
        assert_eq!(
            key(KeyCode::Q, Some('q')).code_point(),
            Some(u32::from('q'))
        );
        assert_eq!(key(KeyCode::Up, None).code_point(), None);
        assert!(key(KeyCode::Q, Some('q')).is('q'));
    }
}
