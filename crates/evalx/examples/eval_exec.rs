//! The seed's eval/exec section, run by evalx: the two programs print exactly what CPython prints
//! (`c: 22`, `d: 3`, `e: 4`, `22`, `f: None`, then `c: None`, `d: 22`, `3`, `this is a code snippet`),
//! followed by the same rules driven from Rust through `Interpreter::eval`/`exec` and `Namespace`.
//!
//! Run with `cargo run -p evalx --example eval_exec`.

use evalx::{Interpreter, Namespace, Value};

const EVAL_PROGRAM: &str = r#"a = 10
def foo():
    b = 12
    c = eval("a+b")
    print("c:",c)
    d = eval("a+b",{"a":1,"b":2})
    print("d:",d)
    e = eval("a+b",{"a":1,"b":2},{"b":3})
    print("e:",e)
    f = eval("print(a+b)")
    print("f:",f)

foo()
"#;

const EXEC_PROGRAM: &str = r#"snippet = """
a = 1
b = 2
c = a+b
print(c)
print("this is a code snippet")
"""

a = 10
def foo():
    b = 12
    c = exec("a+b")
    print("c:",c)
    d = exec("d=a+b\nprint('d:',d)")
    exec(snippet)

foo()
"#;

fn main() -> Result<(), evalx::Error> {
    let mut py = Interpreter::new();
    println!("--- eval (seed program 1)");
    py.run_file("eval_demo.py", EVAL_PROGRAM)?;
    println!("--- exec (seed program 2)");
    Interpreter::new().run_file("exec_demo.py", EXEC_PROGRAM)?;

    println!("--- the same rules from Rust");
    let g = Namespace::new();
    g.set("a", Value::Int(1));
    g.set("b", Value::Int(2));
    let l = Namespace::new();
    l.set("b", Value::Int(3));
    println!(
        "eval('a+b', g)    = {}",
        py.eval("a+b", Some(&g), None)?.repr()
    );
    println!(
        "eval('a+b', g, l) = {}",
        py.eval("a+b", Some(&g), Some(&l))?.repr()
    );
    py.exec("c = a * 100", Some(&g), Some(&l))?;
    println!(
        "after exec, locals hold c = {:?}; globals gained only {:?}",
        l.get("c"),
        g.keys()
    );
    match py.eval("x = 1", None, None) {
        Err(e) => print!("eval('x = 1') rejected:\n{}", e.render()),
        Ok(v) => println!("unexpected: {}", v.repr()),
    }
    Ok(())
}
