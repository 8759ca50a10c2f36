//! Modules written in Python (session 8): as in `pure_more`, each module's source in `py/` (written for
//! evalx) is compiled into the binary and run in a fresh module namespace on first import. File access in
//! them (`tarfile`, `tokenize.open`) goes through evalx's `os` and `open()`, so the host's file policy
//! decides every path.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

macro_rules! py_modules {
    ($($build:ident: $name:literal, $file:literal, $doc:literal;)*) => {
        $(
            pub(crate) fn $build(it: &mut Interp) -> PyResult<Value> {
                let m = super::module_from(it, $name, $doc, &[], include_str!(concat!("py/", $file)))?;
                super::bind_submodule(it, $name, &m)?;
                Ok(m)
            }
        )*
    };
}

py_modules! {
    token: "token", "token.py", "The token type numbers of Python's tokenizer and their names.";
    tarfile: "tarfile", "tarfile.py", "Tar archives (ustar, GNU and pax formats, plain or gzip-compressed): reading, writing, appending, extracting over the host's file policy.";
    subprocess: "subprocess", "subprocess.py", "Processes: evalx's sandbox runs none, so every call that would start one raises PermissionError; the constants, exceptions and CompletedProcess are CPython's.";
    socket: "socket", "socket.py", "Sockets: evalx's sandbox has no network, so every operation that would reach it raises PermissionError; the constants, exceptions and address conversions are CPython's.";
    tokenize: "tokenize", "tokenize.py", "Python source split into tokens: comments, newlines, indentation, operators with their exact types.";
}
