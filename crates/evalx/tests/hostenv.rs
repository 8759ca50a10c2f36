//! The host's control of time and chance (`evalx::hostenv`): clocks, timezone, sleep and random's seed.

use evalx::hostenv::{Clock, Sleep};
use evalx::{Interpreter, ModulePolicy};
use std::time::{Duration, Instant};

fn run(policy: ModulePolicy, src: &str) -> String {
    let mut py = Interpreter::new_captured();
    py.set_module_policy(policy);
    py.exec(src, None, None).expect("runs");
    py.take_output()
}

#[test]
fn an_offset_clock_moves_time_and_datetime_together() {
    let day = 86_400.0 * 365.0;
    let out = run(
        ModulePolicy::standard().clock(Clock::Offset(-day)),
        "import time, datetime\nnow = time.time()\nd = datetime.datetime.now().timestamp()\nprint(abs(now - d) < 5)\nprint(now)",
    );
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("True"));
    let shown: f64 = lines.next().and_then(|l| l.parse().ok()).expect("a time");
    let real = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs_f64();
    assert!((real - day - shown).abs() < 60.0, "{shown} vs {real}");
}

#[test]
fn virtual_sleep_takes_no_real_time_and_moves_every_clock() {
    let start = Instant::now();
    let out = run(
        ModulePolicy::standard()
            .clock(Clock::Fixed(0.0))
            .sleep(Sleep::Virtual),
        "import time\nm = time.monotonic()\ntime.sleep(3600)\ntime.sleep(0.5)\nprint(time.time(), round(time.monotonic() - m, 1), time.gmtime().tm_hour)",
    );
    assert_eq!(out, "3600.5 3600.5 1\n");
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn the_timezone_sets_local_time_and_the_seed_sets_random() {
    let out = run(
        ModulePolicy::standard()
            .clock(Clock::Fixed(0.0))
            .utc_offset(-5 * 3600)
            .random_seed(1),
        "import time, datetime, random\nprint(time.localtime().tm_hour, time.timezone, time.tzname[0], datetime.datetime.now())\n\
         print(datetime.datetime.now().astimezone().isoformat(), time.strftime('%H:%M %z'))\n\
         print(random.randint(1, 100))",
    );
    // CPython: `random.seed(1); random.randint(1, 100)` is 18.
    assert_eq!(
        out,
        "19 18000 -05 1969-12-31 19:00:00\n1969-12-31T19:00:00-05:00 19:00 -0500\n18\n"
    );
}
