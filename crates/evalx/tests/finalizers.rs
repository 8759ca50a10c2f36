//! `__del__` under the sandbox: a finalizer is Python code, so it runs under the host's limits (an
//! endless one ends in the limit error, at a safe point or at the program's end), a long chain of dying
//! objects is finalized without deep recursion, and nothing panics. Outputs of the finalizers themselves
//! are checked against CPython by the program table (`tests/programs/finalizers_*.py`).

use evalx::{Error, Interpreter, Limits};

fn limited(instructions: u64) -> Interpreter {
    let mut py = Interpreter::new_captured();
    py.set_limits(Limits {
        instructions: Some(instructions),
        ..Limits::default()
    });
    py
}

#[test]
fn an_endless_finalizer_ends_in_the_instruction_budget() {
    let mut py = limited(200_000);
    let r = py.run_file(
        "prog.py",
        "class A:\n    def __del__(self):\n        while True:\n            pass\na = A()\ndel a\nprint('never')\n",
    );
    match r {
        Err(e @ Error::Limit(_)) => assert!(e.to_string().contains("instruction budget"), "{e}"),
        other => panic!("expected the limit error, got {other:?}"),
    }
    assert_eq!(py.take_output(), "");
}

#[test]
fn an_endless_finalizer_at_the_programs_end_is_stopped() {
    let mut py = limited(200_000);
    py.run_file(
        "prog.py",
        "class A:\n    def __del__(self):\n        print('del')\n        while True:\n            pass\nkeep = A()\nprint('end')\n",
    )
    .expect("the program itself runs");
    // The exit's finalizer starts, and the budget ends it: shutdown returns.
    py.shutdown();
    assert_eq!(py.take_output(), "end\ndel\n");
}

#[test]
fn a_long_chain_of_finalizers_runs_without_deep_recursion() {
    let mut py = Interpreter::new_captured();
    py.run_file(
        "prog.py",
        "n = [0]\nclass C:\n    def __init__(self, nxt):\n        self.nxt = nxt\n    def __del__(self):\n        n[0] += 1\nhead = None\nfor i in range(200000):\n    head = C(head)\nhead = None\nprint(n[0])\n",
    )
    .expect("runs");
    assert_eq!(py.take_output(), "200000\n");
}

#[test]
fn finalizers_of_one_interpreter_never_run_in_another() {
    let mut a = Interpreter::new_captured();
    a.run_file(
        "a.py",
        "class A:\n    def __del__(self):\n        print('a del')\nkeep = A()\n",
    )
    .expect("runs");
    a.shutdown();
    assert_eq!(a.take_output(), "a del\n");
    drop(a);
    let mut b = Interpreter::new_captured();
    b.run_file("b.py", "print('b')\n").expect("runs");
    assert_eq!(b.take_output(), "b\n");
}
