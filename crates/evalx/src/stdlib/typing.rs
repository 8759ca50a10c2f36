use crate::interp::{Interp, PyResult};
use crate::value::Value;
pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(it, "typing", "", &[], "")
}
