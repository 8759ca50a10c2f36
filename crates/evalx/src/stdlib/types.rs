//! `types` (the part coroutines need): `coroutine`, which lets a generator function's generators be
//! awaited, and the generator/coroutine/async-generator types taken from live objects. The rest of the
//! module (`SimpleNamespace`, `FunctionType`...) belongs to the stdlib-A work and merges in beside this.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
def _g():
    yield 1
GeneratorType = type(_g())

async def _c():
    pass
_co = _c()
CoroutineType = type(_co)
_co.close()

async def _ag():
    yield
AsyncGeneratorType = type(_ag())
del _g, _c, _co, _ag
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "types",
        "Define names for built-in types that aren't directly accessible as a builtin.",
        &[("coroutine", super::asyncio::types_coroutine)],
        SOURCE,
    )
}
