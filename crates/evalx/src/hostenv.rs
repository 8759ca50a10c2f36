//! The host's control of time and chance: the clock a program reads (`time.time`, `datetime.now`), its
//! timezone (`time.localtime`, `datetime.now()`), what `time.sleep` does, and `random`'s initial seed. Set
//! with [`crate::ModulePolicy::clock`], [`crate::ModulePolicy::utc_offset`], [`crate::ModulePolicy::sleep`]
//! and [`crate::ModulePolicy::random_seed`].
//!
//! ```
//! use evalx::{Interpreter, ModulePolicy, hostenv::{Clock, Sleep}};
//!
//! let mut py = Interpreter::new_captured();
//! py.set_module_policy(
//!     ModulePolicy::standard()
//!         .clock(Clock::Fixed(86_400.0))
//!         .utc_offset(3_600)
//!         .sleep(Sleep::Virtual)
//!         .random_seed(7),
//! );
//! py.exec(
//!     "import time, datetime, random\n\
//!      time.sleep(30)\n\
//!      print(time.time(), datetime.datetime.now(), time.localtime().tm_hour)\n\
//!      a = random.random(); random.seed(7); print(a == random.random())",
//!     None,
//!     None,
//! )
//! .expect("runs");
//! assert_eq!(py.take_output(), "86430.0 1970-01-02 01:00:30 1\nTrue\n");
//! ```

use std::cell::Cell;
use std::rc::Rc;
use std::time::{SystemTime, UNIX_EPOCH};

/// What `time.time()` (and everything built on it: `datetime.now`, `date.today`) reads.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Clock {
    /// The host's real clock.
    #[default]
    System,
    /// A fixed instant (seconds since the Unix epoch); only virtual sleeps move it.
    Fixed(f64),
    /// The real clock shifted by this many seconds.
    Offset(f64),
}

/// What `time.sleep` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sleep {
    /// Sleeps for real, bounded by the host's deadline ([`crate::Limits`]).
    #[default]
    Real,
    /// Returns at once, advancing the program's clocks (`time.time`, `time.monotonic`...) by the time slept.
    Virtual,
}

/// The time settings of a policy (shared by its clones: a virtual sleep moves them all).
#[derive(Clone, Debug, Default)]
pub(crate) struct HostTime {
    pub clock: Clock,
    /// Seconds east of UTC of the program's local time (`None`: UTC, evalx's default).
    pub utc_offset: i32,
    pub sleep: Sleep,
    pub seed: Option<u64>,
    /// Seconds virtual sleeps added.
    pub slept: Rc<Cell<f64>>,
}

impl HostTime {
    /// `time.time()`.
    pub(crate) fn now(&self) -> f64 {
        let real = || {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs_f64())
                .unwrap_or(0.0)
        };
        let base = match self.clock {
            Clock::System => real(),
            Clock::Fixed(t) => t,
            Clock::Offset(d) => real() + d,
        };
        base + self.slept.get()
    }
}
