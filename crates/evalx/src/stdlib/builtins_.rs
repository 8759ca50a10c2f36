//! `builtins`: the module whose namespace is the interpreter's built-in names (the same dict the
//! programs' `__builtins__` is), so `builtins.print`, `builtins.open = ...` and `dir(builtins)` work as
//! in CPython.

use crate::interp::{Interp, PyResult};
use crate::value::{Module, Value};
use std::rc::Rc;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let dict = it.builtins.clone();
    if dict.borrow().get_str("__name__").is_none() {
        dict.borrow_mut()
            .set_str("__name__", Value::str("builtins"));
    }
    Ok(Value::Module(Rc::new(Module {
        name: "builtins".into(),
        dict,
    })))
}
