//! `import`: the standard library registry and the module cache.

use super::*;

impl Interp {
    pub(crate) fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let made = match crate::stdlib::load(self, name) {
            Some(r) => Some(r?),
            None => crate::builtins::make_module(self, name),
        };
        match made {
            Some(m) => {
                crate::stdlib::bind_submodule(self, name, &m)?;
                self.modules.insert(name.into(), m.clone());
                Ok(m)
            }
            None => {
                let mut e = Exc::new("ModuleNotFoundError", format!("No module named '{name}'"));
                if let ExcKind::Lazy(_, args) = &mut e.kind {
                    let _ = args;
                }
                Err(e)
            }
        }
    }

    // ------------------------------------------------------------------ assignment
}
