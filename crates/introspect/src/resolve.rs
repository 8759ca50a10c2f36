//! Name lookup for `help("name")`: the [`Resolve`] trait and [`Registry`], a ready-made namespace of
//! modules, classes, functions and values. Dotted names follow pydoc's `locate`: the longest prefix naming a
//! module, then attribute lookups (`math.sqrt`, `shapes.Point.norm`); Rust paths (`shapes::Point::norm`)
//! resolve the same way.

use crate::describe::Introspect;
use crate::error::Error;
use crate::model::{DataDoc, ModuleDoc, RoutineDoc, Subject, TypeDoc};
use std::collections::BTreeMap;

/// Something that turns a name into the subject it documents, as `help("int")` does.
pub trait Resolve {
    /// The subject `name` (a plain or dotted name, already trimmed) refers to, or `None` when there is none.
    fn resolve(&self, name: &str) -> Option<Subject>;
}

/// A namespace of documented things for `help("name")`: modules by name and a top-level (builtins)
/// namespace of classes, functions and values.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    modules: BTreeMap<String, ModuleDoc>,
    names: BTreeMap<String, Subject>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a module under its name (`help("math")`, `help("math.sqrt")`).
    pub fn add_module(&mut self, module: ModuleDoc) -> &mut Self {
        self.modules.insert(module.name.clone(), module);
        self
    }

    /// Registers the class `T` in the top-level namespace under its name (`help("Point")`).
    pub fn add_type<T: Introspect>(&mut self) -> &mut Self {
        self.add_class(T::type_doc())
    }

    /// Registers a class description in the top-level namespace under its name.
    pub fn add_class(&mut self, class: TypeDoc) -> &mut Self {
        self.names.insert(class.name.clone(), Subject::Class(class));
        self
    }

    /// Registers a function in the top-level namespace under its name (`help("len")`).
    pub fn add_function(&mut self, function: RoutineDoc) -> &mut Self {
        self.names
            .insert(function.name.clone(), Subject::Routine(function));
        self
    }

    /// Registers any subject under `name` in the top-level namespace (an instance such as `help`, a value).
    pub fn add(&mut self, name: impl Into<String>, subject: Subject) -> &mut Self {
        self.names.insert(name.into(), subject);
        self
    }

    /// Registers a value by its repr (`help("answer")` prints `answer = 42`).
    pub fn add_data(&mut self, data: DataDoc) -> &mut Self {
        self.names.insert(data.name.clone(), Subject::Data(data));
        self
    }

    /// The registered module names, sorted.
    pub fn module_names(&self) -> Vec<String> {
        self.modules.keys().cloned().collect()
    }
}

impl Resolve for Registry {
    fn resolve(&self, name: &str) -> Option<Subject> {
        // Python's dots and Rust's `::` both separate a path (`math.sqrt`, `crate::shapes::Point`).
        let normal = name.replace("::", ".");
        let parts: Vec<&str> = normal.split('.').filter(|p| !p.is_empty()).collect();
        if parts.is_empty() {
            return None;
        }
        let module = |n: usize| {
            self.modules
                .get(&parts[..n].join("."))
                .or_else(|| self.modules.get(&parts[..n].join("::")))
        };
        let module_len = (1..=parts.len()).rev().find(|n| module(*n).is_some());
        let (mut subject, rest) = match module_len {
            Some(n) => (Subject::Module(module(n)?.clone()), &parts[n..]),
            None => (self.names.get(parts[0])?.clone(), &parts[1..]),
        };
        for part in rest {
            subject = attribute(&subject, part).ok()?;
        }
        Some(subject)
    }
}

/// `getattr(subject, name)` over descriptions: a module's bound names, a class's or instance's members.
///
/// # Errors
/// [`Error::UnknownMember`] when the subject has no such attribute, or has no attributes at all.
pub fn attribute(subject: &Subject, name: &str) -> Result<Subject, Error> {
    match subject {
        Subject::Module(module) => module.attribute(name),
        Subject::Class(class) | Subject::Object { class, .. } => class.member_subject(name),
        Subject::Routine(routine) => Err(Error::UnknownMember {
            class: format!("function {}", routine.name),
            member: name.to_owned(),
            known: Vec::new(),
        }),
        Subject::Member { member, .. } => Err(Error::UnknownMember {
            class: format!("attribute {}", member.name),
            member: name.to_owned(),
            known: Vec::new(),
        }),
        Subject::Data(data) => Err(Error::UnknownMember {
            class: format!("value {}", data.name),
            member: name.to_owned(),
            known: Vec::new(),
        }),
    }
}
