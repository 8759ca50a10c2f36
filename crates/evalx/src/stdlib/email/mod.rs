//! `email` (a package) and `email.utils`: addresses (`parseaddr`, `getaddresses`, `formataddr`) and RFC 2822
//! dates (`formatdate`, `format_datetime`, `parsedate*`), written in evalx-level Python (`utils.py`). The
//! message classes (`email.message`, parsers, MIME) are not here.

use crate::interp::{Interp, PyResult};

pub(crate) fn build(it: &mut Interp) -> PyResult<crate::value::Value> {
    super::module_from(
        it,
        "email",
        "A package for parsing, handling, and generating email messages (evalx: email.utils only).",
        &[],
        "",
    )
}

pub(crate) fn build_utils(it: &mut Interp) -> PyResult<crate::value::Value> {
    let m = super::module_from(
        it,
        "email.utils",
        "Miscellaneous utilities.",
        &[],
        include_str!("utils.py"),
    )?;
    super::bind_submodule(it, "email.utils", &m)?;
    Ok(m)
}
