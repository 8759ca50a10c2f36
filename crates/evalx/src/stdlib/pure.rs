//! The modules written in Python: their source (in `py/`, written for evalx) is compiled into the binary
//! and run in a fresh module namespace on first import, like the Python-level part of the native
//! modules (`module_from`). Each gets a `build` function here for `MODULES`.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

macro_rules! pure_modules {
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

pure_modules! {
    numbers: "numbers", "numbers.py", "Abstract Base Classes (ABCs) for numbers, according to PEP 3141.";
    fractions: "fractions", "fractions.py", "Fraction, infinite-precision, rational numbers.";
    statistics: "statistics", "statistics.py", "Basic statistics module.";
}
