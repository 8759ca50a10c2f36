//! The host's module policy: a program imports a module file from a folder the host granted, a module the
//! host provides (with a host function in it), and is refused a module the host denied.
//!
//! `cargo run -p evalx --example modules`

use evalx::{Error, Interpreter, ModulePolicy, Namespace, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A folder of module files, as a plugin directory would be.
    let dir = std::env::temp_dir().join(format!("evalx-example-modules-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        dir.join("shapes.py"),
        "import math\n\ndef area(r):\n    return math.pi * r * r\n",
    )?;

    let mut py = Interpreter::new_captured();
    let host = Namespace::new();
    host.set("greeting", Value::str("hello from the host"));
    let shout = py.function("shout", |args| {
        let text = args.first().and_then(Value::as_str).unwrap_or_default();
        Ok(Value::str(&text.to_uppercase()))
    });
    host.set("shout", shout);
    py.set_module_policy(
        ModulePolicy::standard()
            .deny("time")
            .with_module("host", host)
            .with_path(&dir),
    );
    py.exec(
        "import shapes, host\nprint(round(shapes.area(2), 3))\nprint(host.shout(host.greeting))",
        None,
        None,
    )?;
    print!("{}", py.take_output());
    match py.exec("import time", None, None) {
        Err(Error::Exception(e)) => println!("{}: {}", e.type_name, e.message),
        other => println!("unexpected: {other:?}"),
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
