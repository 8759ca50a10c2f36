//! The text modules' behaviour beyond what a golden program can show: a catastrophic regular expression
//! stops with a limit error instead of hanging the host.

use evalx::{Error, Interpreter};

#[test]
fn catastrophic_backtracking_is_a_limit_not_a_hang() {
    let mut py = Interpreter::new_captured();
    let t = std::time::Instant::now();
    let r = py.run_file(
        "t.py",
        "import re\nre.match(r'(a|aa)+(?=b)\\1', 'a' * 40 + 'c')\nprint('unreachable')\n",
    );
    match r {
        Err(Error::Limit(msg)) => assert!(msg.contains("backtracking"), "{msg}"),
        other => panic!("expected a limit error, got {other:?}"),
    }
    assert!(t.elapsed() < std::time::Duration::from_secs(120));
    assert_eq!(py.take_output(), "");
}

#[test]
fn nested_quantifiers_without_backrefs_run_in_linear_time() {
    let mut py = Interpreter::new_captured();
    py.run_file(
        "t.py",
        "import re\nprint(re.match(r'(a+)+b', 'a' * 20000 + 'c'))\n",
    )
    .expect("runs");
    assert_eq!(py.take_output(), "None\n");
}
