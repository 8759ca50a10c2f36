//! Importing module files and the host's module policy.
//!
//! Each folder under `tests/modules/` is a program (`main.py`) with the modules it imports beside it; evalx
//! runs it with that folder granted and must print `<folder>.out`, which CPython 3.11 printed
//! (`cd tests/modules/NAME && PYTHONDONTWRITEBYTECODE=1 python3 main.py > ../NAME.out`). The other tests check
//! the sandbox: what the policy refuses, and that nothing outside the granted folders is read.

use evalx::{Error, Interpreter, ModulePolicy, Namespace, Value};
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/modules")
}

/// Runs `main.py` of a case folder as the `evalx` command does (the folder granted); stdout, then the
/// error's last line on failure.
fn run_case(dir: &Path) -> String {
    let main = dir.join("main.py");
    let src = std::fs::read_to_string(&main).expect("main.py readable");
    let mut py = Interpreter::new_captured();
    py.set_module_policy(ModulePolicy::standard().with_path(dir));
    let r = py.run_file(&main.display().to_string(), &src);
    let mut out = py.take_output();
    if let Err(e) = r {
        out.push_str(&format!("!!! {e}\n"));
    }
    out
}

#[test]
fn module_files_import_as_in_cpython() {
    for case in ["siblings", "cycle", "failing", "relative"] {
        let got = run_case(&cases_dir().join(case));
        let expected = std::fs::read_to_string(cases_dir().join(format!("{case}.out")))
            .expect("expected output");
        assert_eq!(got, expected, "case {case}");
    }
}

/// A fresh folder under the system's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("evalx-modules-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn exec(py: &mut Interpreter, src: &str) -> Result<String, String> {
    match py.exec(src, None, None) {
        Ok(()) => Ok(py.take_output()),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn without_a_granted_folder_no_file_is_read() {
    let dir = temp_dir("ungranted");
    std::fs::write(dir.join("secret.py"), "print('read')\n").expect("test files");
    let mut py = Interpreter::new_captured();
    assert_eq!(
        exec(&mut py, "import secret"),
        Err("ModuleNotFoundError: No module named 'secret'".into())
    );
    // Editing sys.path grants nothing: the host's policy decides.
    let src = format!(
        "import sys\nsys.path.append({:?})\nimport secret",
        dir.display().to_string()
    );
    assert_eq!(
        exec(&mut py, &src),
        Err("ModuleNotFoundError: No module named 'secret'".into())
    );
    std::fs::remove_dir_all(&dir).expect("test files");
}

#[test]
fn names_and_links_cannot_leave_the_granted_folder() {
    let dir = temp_dir("escape");
    let granted = dir.join("granted");
    std::fs::create_dir_all(granted.join("pkg")).expect("test files");
    std::fs::write(granted.join("pkg/__init__.py"), "").expect("test files");
    std::fs::write(dir.join("outside.py"), "print('escaped')\n").expect("test files");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("outside.py"), granted.join("link.py"))
        .expect("test files");
    let mut py = Interpreter::new_captured();
    py.set_module_policy(ModulePolicy::standard().with_path(&granted));
    #[cfg(unix)]
    assert_eq!(
        exec(&mut py, "import link"),
        Err("ModuleNotFoundError: No module named 'link'".into())
    );
    // A program pointing a package's __path__ elsewhere still reads only inside the granted folder.
    let src = format!(
        "import pkg\npkg.__path__ = [{:?}]\nfrom pkg import outside",
        dir.display().to_string()
    );
    let err = exec(&mut py, &src).expect_err("refused");
    assert!(
        err.starts_with("ImportError: cannot import name 'outside'"),
        "{err}"
    );
    assert_eq!(py.take_output(), "");
    std::fs::remove_dir_all(&dir).expect("test files");
}

#[test]
fn the_policy_refuses_with_an_import_error_naming_it() {
    let mut py = Interpreter::new_captured();
    py.set_module_policy(ModulePolicy::standard().deny("collections"));
    assert_eq!(
        exec(&mut py, "import collections.abc"),
        Err(
            "ImportError: import of 'collections.abc' is refused by the host's module policy"
                .into()
        )
    );
    assert_eq!(
        exec(&mut py, "from collections import deque"),
        Err("ImportError: import of 'collections' is refused by the host's module policy".into())
    );
    // The policy judges what the program imports, not what an allowed module is built from: `random`
    // uses `math` inside.
    let mut py = Interpreter::new_captured();
    py.set_module_policy(ModulePolicy::standard().deny("math"));
    assert_eq!(
        exec(
            &mut py,
            "import random\nrandom.seed(1)\nprint(random.randint(1, 100))"
        ),
        Ok("18\n".into())
    );
    assert_eq!(
        exec(&mut py, "import math"),
        Err("ImportError: import of 'math' is refused by the host's module policy".into())
    );

    let mut py = Interpreter::new_captured();
    py.set_module_policy(ModulePolicy::only(["math"]));
    assert_eq!(
        exec(&mut py, "import math\nprint(math.pi > 3)"),
        Ok("True\n".into())
    );
    assert_eq!(
        exec(&mut py, "import json"),
        Err("ImportError: import of 'json' is refused by the host's module policy (not in its allow-list)".into())
    );
    py.set_module_policy(ModulePolicy::only(["math"]).allow("json"));
    assert_eq!(
        exec(&mut py, "import json\nprint(json.dumps([1]))"),
        Ok("[1]\n".into())
    );
    // A module that exists nowhere is CPython's error, not the policy's.
    assert_eq!(
        exec(&mut py, "import no_such_module_anywhere"),
        Err("ModuleNotFoundError: No module named 'no_such_module_anywhere'".into())
    );
}

#[test]
fn host_modules_share_their_namespace_and_functions() {
    let mut py = Interpreter::new_captured();
    let m = Namespace::new();
    m.set("version", Value::Int(3));
    let twice = py.function("twice", |args| {
        let n = args.first().and_then(Value::as_int).unwrap_or(0);
        Ok(Value::Int(2 * n))
    });
    m.set("twice", twice);
    py.set_module_policy(ModulePolicy::standard().with_module("host", m.clone()));
    assert_eq!(
        exec(
            &mut py,
            "import host\nfrom host import twice\nprint(host.__name__, host.version, twice(21))\nhost.seen = 1"
        ),
        Ok("host 3 42\n".into())
    );
    assert_eq!(m.get("seen").and_then(|v| v.as_int()), Some(1));
    py.set_module_policy(ModulePolicy::standard().with_module("host", m).deny("host"));
    assert!(matches!(
        py.exec("import host", None, None),
        Err(Error::Exception(_))
    ));
}

#[test]
fn sys_path_lists_the_granted_folders_and_sys_modules_is_the_cache() {
    let dir = temp_dir("syspath");
    std::fs::write(dir.join("m.py"), "x = 1\n").expect("test files");
    let mut py = Interpreter::new_captured();
    py.set_module_policy(ModulePolicy::standard().with_path(&dir));
    let src = "import sys, m\nprint(sys.path == [DIR], sys.modules['m'] is m)\n\
               del sys.modules['m']\nimport m as m2\nprint(m2 is m, m2.x)";
    let src = src.replace("DIR", &format!("{:?}", dir.display().to_string()));
    assert_eq!(exec(&mut py, &src), Ok("True True\nFalse 1\n".into()));
    std::fs::remove_dir_all(&dir).expect("test files");
}

/// The `evalx` command grants the script's folder (as CPython's `sys.path[0]`); `-P` withholds it,
/// `--path` grants another, `--deny-module` refuses one.
#[test]
fn the_command_line_grants_the_scripts_folder_and_more_on_request() {
    let evalx = env!("CARGO_BIN_EXE_evalx");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(evalx)
            .args(args)
            .current_dir(std::env::temp_dir())
            .output()
            .expect("evalx runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let cycle = cases_dir().join("cycle/main.py");
    let cycle = cycle.to_str().expect("utf-8 path");
    let expected = std::fs::read_to_string(cases_dir().join("cycle.out")).expect("expected output");
    let (code, out, _) = run(&[cycle]);
    assert_eq!((code, out), (Some(0), expected));
    let (code, _, err) = run(&["-P", cycle]);
    assert_eq!(code, Some(1));
    assert!(
        err.ends_with("ModuleNotFoundError: No module named 'a'\n"),
        "{err}"
    );
    let siblings = cases_dir().join("siblings");
    let siblings = siblings.to_str().expect("utf-8 path");
    let (code, out, _) = run(&[
        "--path",
        siblings,
        "-c",
        "import helper; print(helper.double(4))",
    ]);
    assert_eq!((code, out.as_str()), (Some(0), "8\n"));
    let (code, _, err) = run(&["--deny-module", "json", "-c", "import json"]);
    assert_eq!(code, Some(1));
    assert!(
        err.ends_with("ImportError: import of 'json' is refused by the host's module policy\n"),
        "{err}"
    );
}
