//! pydoc's plain-text renderer (`pydoc.TextDoc` with `plain()` applied, as `help()` prints when stdout is not a
//! terminal), ported over the [`crate::Subject`] data model. One function per pydoc routine:
//! [`page`] is `render_doc` plus the newline `Helper.help` adds, [`class_body`] is `docclass`, [`routine`] is
//! `docroutine`, [`module_body`] is `docmodule`. Layout only: the words come from the descriptions.

use crate::model::{
    ClassRef, DataDoc, MemberDoc, MemberKind, ModuleDoc, ModuleKind, RoutineDoc, RoutineKind,
    Subject, TypeDoc,
};
use crate::render_rust;
use crate::text::{data_line, doc_text, indent, py_str_repr, split_doc, visible_name};

/// The horizontal rule pydoc prints between the sections of a class page.
const RULE_WIDTH: usize = 70;
/// Data lines are cut to this many columns.
const DATA_MAXLEN: usize = 70;
/// pydoc lists at most this many built-in subclasses.
const MAX_SUBCLASSES: usize = 4;

/// The exact text `help(x)` prints for `subject`, reached by `requested` when it was asked for by a name
/// (`help('math.sqrt')`); a dotted name changes the header ("in math") and the title line
/// (`math.sqrt = sqrt(x, /)`), as in pydoc.
pub fn page(subject: &Subject, requested: Option<&str>) -> String {
    if let Some(page) = rust_page(subject) {
        return page;
    }
    let dotted = requested.filter(|name| name.contains('.'));
    let (mut desc, module) = describe(subject);
    if let Some(name) = dotted {
        let parent = name.rsplit_once('.').map_or("", |(parent, _)| parent);
        desc.push_str(&format!(" in {parent}"));
    } else if let Some(module) = module {
        desc.push_str(&format!(" in module {module}"));
    }
    let body = match subject {
        Subject::Module(module) => module_body(module),
        Subject::Class(class) => class_body(class, requested, None),
        Subject::Object { class, .. } => {
            desc.push_str(" object");
            class_body(class, requested, None)
        }
        Subject::Routine(doc) => routine(doc, requested),
        Subject::Member { member, .. } => member_body(member, requested),
        Subject::Data(data) => other(&data.name, requested, &data.repr, &data.doc),
    };
    format!("Help on {desc}:\n\n{body}\n")
}

/// The page of a Rust type, value, module, function or member (see [`crate::render_rust`]); `None` for
/// the Python subjects pydoc's layout prints word for word.
fn rust_page(subject: &Subject) -> Option<String> {
    let (desc, body) = match subject {
        Subject::Class(class) => {
            let rust = class.rust.as_ref()?;
            (
                render_rust::type_title(class, rust, false),
                render_rust::class_body(class, rust),
            )
        }
        Subject::Object { class, .. } => {
            let rust = class.rust.as_ref()?;
            (
                render_rust::type_title(class, rust, true),
                render_rust::class_body(class, rust),
            )
        }
        Subject::Module(module) => {
            let crate_name = module.crate_name.as_ref()?;
            (
                format!("module {} in crate {crate_name}", module.name),
                render_rust::module_body(module),
            )
        }
        Subject::Routine(routine) => {
            let owner = routine.owner.as_ref()?;
            (
                render_rust::routine_title(routine, owner),
                render_rust::routine_body(routine),
            )
        }
        Subject::Member { owner, member } => {
            let item = member.rust?;
            (
                format!(
                    "{} {}::{} in module {}",
                    item.as_str(),
                    owner.name,
                    member.name,
                    owner.module
                ),
                render_rust::entry(member),
            )
        }
        Subject::Data(_) => return None,
    };
    Some(format!("Help on {desc}:\n\n{body}\n"))
}

/// pydoc's "No Python documentation found" text for a name that resolves to nothing, with `help()`'s newline.
pub fn not_found(name: &str) -> String {
    format!(
        "No Python documentation found for {}.\nUse help() to get the interactive help utility.\n\
         Use help(str) for help on the str class.\n\n",
        py_str_repr(name)
    )
}

/// pydoc's `describe()` and `inspect.getmodule()`: the header words and the module named after them.
fn describe(subject: &Subject) -> (String, Option<String>) {
    match subject {
        Subject::Module(module) => {
            let word = match module.kind {
                ModuleKind::Module => "module",
                ModuleKind::Builtin => "built-in module",
                ModuleKind::Package => "package",
            };
            (format!("{word} {}", module.name), None)
        }
        Subject::Class(class) => (format!("class {}", class.name), Some(class.module.clone())),
        // An instance's module is its class's `__module__`, which built-in instances do not expose.
        Subject::Object { class, .. } => (
            class.name.clone(),
            (class.module != "builtins").then(|| class.module.clone()),
        ),
        Subject::Routine(routine) => {
            let desc = match &routine.kind {
                RoutineKind::Function => format!("function {}", routine.name),
                RoutineKind::Builtin => format!("built-in function {}", routine.name),
                RoutineKind::Method => format!("method {}", routine.name),
                RoutineKind::Other(type_name) => type_name.clone(),
            };
            (desc, routine.module.clone())
        }
        Subject::Member { owner, member } => (
            format!(
                "{} {}.{}",
                member.kind.as_str(),
                owner.qualified(),
                member.name
            ),
            None,
        ),
        Subject::Data(_) => ("object".to_owned(), None),
    }
}

/// `docclass`: the `class X(bases)` title and the `" |  "`-ruled body. `name` is the name the class was
/// reached by (a module key or a dotted help request); `context` the module a member's ` from X` note is
/// qualified against (the module whose page lists the class; `None` on a class's own page, which qualifies
/// every such note).
pub fn class_body(class: &TypeDoc, name: Option<&str>, context: Option<&str>) -> String {
    let realname = class.name.as_str();
    let name = name.unwrap_or(realname);
    let mut title = if name == realname {
        format!("class {realname}")
    } else {
        format!("{name} = class {realname}")
    };
    if !class.bases.is_empty() {
        let parents: Vec<String> = class
            .bases
            .iter()
            .map(|b| b.qualified_in(&class.module))
            .collect();
        title.push_str(&format!("({})", parents.join(", ")));
    }
    let mut contents: Vec<String> = Vec::new();
    if let Some(signature) = class
        .signature
        .as_deref()
        .filter(|s| !s.is_empty() && *s != "()")
    {
        contents.push(format!("{name}{signature}\n"));
    }
    let doc = doc_text(&class.doc);
    if !doc.is_empty() {
        contents.push(format!("{doc}\n"));
    }
    if class.mro.len() + 1 > 2 {
        contents.push("Method resolution order:".to_owned());
        contents.push(format!(
            "    {}",
            class.class_ref().qualified_in(&class.module)
        ));
        contents.extend(
            class
                .mro
                .iter()
                .map(|base| format!("    {}", base.qualified_in(&class.module))),
        );
        contents.push(String::new());
    }
    push_subclasses(&mut contents, &class.builtin_subclasses);

    let mut needs_rule = false;
    let own = class.class_ref();
    let groups = std::iter::once((&own, &class.members))
        .chain(class.inherited.iter().map(|g| (&g.from, &g.members)));
    for (from, members) in groups {
        if from.is_object() && !own.is_object() {
            continue;
        }
        let tag = if *from == own {
            "defined here".to_owned()
        } else {
            format!("inherited from {}", from.qualified_in(&class.module))
        };
        let mut visible: Vec<&MemberDoc> = members
            .iter()
            .filter(|m| visible_name(&m.name, None))
            .collect();
        visible.sort_by(|a, b| a.name.cmp(&b.name));
        for kind in MemberKind::ALL {
            let of_kind: Vec<&MemberDoc> =
                visible.iter().copied().filter(|m| m.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            if needs_rule {
                contents.push("-".repeat(RULE_WIDTH));
            }
            needs_rule = true;
            contents.push(format!("{} {tag}:\n", kind.section_title()));
            contents.extend(of_kind.iter().map(|member| class_member(member, context)));
        }
    }
    let joined = contents.join("\n");
    let joined = joined.trim_end();
    if joined.is_empty() {
        return format!("{title}\n");
    }
    format!("{title}\n{}\n", indent(joined, " |  "))
}

fn push_subclasses(contents: &mut Vec<String>, subclasses: &[String]) {
    if subclasses.is_empty() {
        return;
    }
    let mut sorted: Vec<&String> = subclasses.iter().collect();
    sorted.sort_by_key(|name| name.to_lowercase());
    contents.push("Built-in subclasses:".to_owned());
    contents.extend(
        sorted
            .iter()
            .take(MAX_SUBCLASSES)
            .map(|name| format!("    {name}")),
    );
    if sorted.len() > MAX_SUBCLASSES {
        contents.push(format!(
            "    ... and {} other subclasses",
            sorted.len() - MAX_SUBCLASSES
        ));
    }
    contents.push(String::new());
}

/// One entry of a class section: `docroutine` for callables, `docdata` for descriptors, `docother` for data.
fn class_member(member: &MemberDoc, context: Option<&str>) -> String {
    let doc = doc_text(&member.doc);
    match member.kind {
        MemberKind::Method | MemberKind::ClassMethod | MemberKind::StaticMethod => {
            let note = member.bound_from.as_ref().map(|c| match context {
                Some(context) => format!(" from {}", c.qualified_in(context)),
                None => format!(" from {}", c.qualified()),
            });
            routine_text(
                &qualified_title(member.qualifiers.as_deref(), &member.name),
                member.signature.as_deref(),
                note.as_deref().unwrap_or(""),
                &doc,
            )
        }
        MemberKind::ReadonlyProperty | MemberKind::DataDescriptor => {
            let annotation = member.signature.as_deref().unwrap_or("");
            let mut out = format!("{}{annotation}\n", member.name);
            if !doc.is_empty() {
                out.push_str(&indent(&doc, "    "));
                out.push('\n');
            }
            out
        }
        MemberKind::Data => {
            // `name = repr` as pydoc; a Rust constant adds its type (`MAX: u32 = 10`), an enum variant
            // without a value prints its shape alone (`Move { x: i32 }`).
            let label = format!(
                "{}{}",
                member.name,
                member.signature.as_deref().unwrap_or("")
            );
            let mut out = match &member.value {
                Some(repr) => data_line(&label, repr, DATA_MAXLEN),
                None => label,
            };
            if !doc.is_empty() {
                out.push('\n');
                out.push_str(&indent(&doc, "    "));
                out.push('\n');
            }
            out.push('\n');
            out
        }
    }
}

/// pydoc's `asyncqualifier + title`: `async f(...)`, or Rust's `const unsafe f(...)`.
fn qualified_title(qualifiers: Option<&str>, title: &str) -> String {
    match qualifiers.filter(|q| !q.is_empty()) {
        Some(qualifiers) => format!("{qualifiers} {title}"),
        None => title.to_owned(),
    }
}

/// `docroutine`'s text: the declaration line and the doc indented by four spaces.
fn routine_text(title: &str, signature: Option<&str>, note: &str, doc: &str) -> String {
    let argspec = signature.filter(|s| !s.is_empty()).unwrap_or("(...)");
    let mut out = format!("{title}{argspec}{note}\n");
    if !doc.is_empty() {
        out.push_str(indent(doc, "    ").trim_end());
        out.push('\n');
    }
    out
}

/// `docroutine` for a function page or a module's FUNCTIONS entry: the note says what a bound method is
/// bound to; a name differing from the function's own prints `name = realname(...)`.
pub fn routine(routine: &RoutineDoc, name: Option<&str>) -> String {
    let name = name.unwrap_or(&routine.name);
    let title = if name == routine.name {
        name.to_owned()
    } else {
        format!("{name} = {}", routine.name)
    };
    let title = qualified_title(routine.qualifiers.as_deref(), &title);
    let note = routine
        .bound_to
        .as_ref()
        .map(|c| format!(" method of {} instance", c.qualified()));
    routine_text(
        &title,
        routine.signature.as_deref(),
        note.as_deref().unwrap_or(""),
        &doc_text(&routine.doc),
    )
}

/// A single non-callable member: the descriptor or data entry on its own.
fn member_body(member: &MemberDoc, requested: Option<&str>) -> String {
    match member.kind {
        MemberKind::Data => {
            let name = requested.unwrap_or(&member.name);
            let label = format!("{name}{}", member.signature.as_deref().unwrap_or(""));
            match &member.value {
                Some(repr) => other(&label, None, repr, &member.doc),
                None => other_without_value(&label, &member.doc),
            }
        }
        _ => {
            let name = requested.unwrap_or(&member.name);
            let doc = doc_text(&member.doc);
            let mut out = format!("{name}{}\n", member.signature.as_deref().unwrap_or(""));
            if !doc.is_empty() {
                out.push_str(&indent(&doc, "    "));
                out.push('\n');
            }
            out
        }
    }
}

fn other_without_value(label: &str, doc: &str) -> String {
    let mut out = label.to_owned();
    let doc = doc_text(doc);
    if !doc.is_empty() {
        out.push('\n');
        out.push_str(&indent(&doc, "    "));
        out.push('\n');
    }
    out
}

/// `docother` for a value on its own page: `name = repr` and its doc.
fn other(own_name: &str, requested: Option<&str>, repr: &str, doc: &str) -> String {
    let name = requested.unwrap_or(own_name);
    let mut out = format!("{name} = {repr}");
    let doc = doc_text(doc);
    if !doc.is_empty() {
        out.push('\n');
        out.push_str(&indent(&doc, "    "));
        out.push('\n');
    }
    out
}

/// `section`: a heading and its contents indented by four spaces, then a blank line.
fn section(title: &str, contents: &str) -> String {
    format!("{title}\n{}\n\n", indent(contents, "    ").trim_end())
}

/// `docmodule`: NAME, MODULE REFERENCE, DESCRIPTION, PACKAGE CONTENTS, CLASSES (a class tree, then each
/// class), FUNCTIONS, DATA, VERSION, AUTHOR and FILE, each present only when it has something to say.
pub fn module_body(module: &ModuleDoc) -> String {
    let all = module.all.as_deref();
    let (synopsis, description) = split_doc(&doc_text(&module.doc));
    let name_line = if synopsis.is_empty() {
        module.name.clone()
    } else {
        format!("{} - {synopsis}", module.name)
    };
    let mut out = section("NAME", &name_line);
    if let Some(reference) = &module.reference {
        out.push_str(&section(
            "MODULE REFERENCE",
            &format!(
                "{reference}\n\nThe text below is generated from the module's own descriptions; where it and\n\
                 the reference above differ, the reference is authoritative.\n"
            ),
        ));
    }
    if !description.is_empty() {
        out.push_str(&section("DESCRIPTION", &description));
    }
    if !module.package_contents.is_empty() {
        let mut contents = module.package_contents.clone();
        contents.sort();
        out.push_str(&section("PACKAGE CONTENTS", &contents.join("\n")));
    }

    let mut classes: Vec<&TypeDoc> = module
        .classes
        .iter()
        .filter(|c| (all.is_some() || c.module == module.name) && visible_name(&c.name, all))
        .collect();
    classes.sort_by(|a, b| a.name.cmp(&b.name));
    if !classes.is_empty() {
        let mut contents = vec![class_tree(&classes, &module.name)];
        contents.extend(
            classes
                .iter()
                .map(|c| class_body(c, Some(&c.name), Some(&module.name))),
        );
        out.push_str(&section("CLASSES", &contents.join("\n")));
    }

    let mut functions: Vec<&RoutineDoc> = module
        .functions
        .iter()
        .filter(|f| {
            let local = all.is_some()
                || f.kind == RoutineKind::Builtin
                || f.module.as_deref().is_none_or(|m| m == module.name);
            local && visible_name(&f.name, all)
        })
        .collect();
    functions.sort_by(|a, b| a.name.cmp(&b.name));
    if !functions.is_empty() {
        let contents: Vec<String> = functions.iter().map(|f| routine(f, None)).collect();
        out.push_str(&section("FUNCTIONS", &contents.join("\n")));
    }

    let mut data: Vec<&DataDoc> = module
        .data
        .iter()
        .filter(|d| visible_name(&d.name, all))
        .collect();
    data.sort_by(|a, b| a.name.cmp(&b.name));
    if !data.is_empty() {
        let contents: Vec<String> = data.iter().map(|d| module_data(d)).collect();
        out.push_str(&section("DATA", &contents.join("\n")));
    }
    if let Some(version) = &module.version {
        out.push_str(&section("VERSION", version));
    }
    if let Some(author) = &module.author {
        out.push_str(&section("AUTHOR", author));
    }
    out.push_str(&section(
        "FILE",
        module.file.as_deref().unwrap_or("(built-in)"),
    ));
    out
}

fn module_data(data: &DataDoc) -> String {
    let mut out = data_line(&data.name, &data.repr, DATA_MAXLEN);
    let doc = doc_text(&data.doc);
    if !doc.is_empty() {
        out.push('\n');
        out.push_str(&indent(&doc, "    "));
        out.push('\n');
    }
    out
}

/// `inspect.getclasstree(classes, unique=True)` rendered by `formattree`: each class under its first base
/// found in the list (or under each base otherwise), roots sorted by module and name, bases shown in
/// parentheses when they are not just the parent above.
fn class_tree(classes: &[&TypeDoc], module: &str) -> String {
    let listed: Vec<ClassRef> = classes.iter().map(|c| c.class_ref()).collect();
    let bases_of = |class: &ClassRef| -> Vec<ClassRef> {
        if let Some(doc) = classes.iter().find(|c| c.class_ref() == *class) {
            return doc.bases.clone();
        }
        // A base outside the list: its own base is the next entry of some listed class's MRO.
        classes
            .iter()
            .find_map(|c| {
                let pos = c.mro.iter().position(|m| m == class)?;
                Some(c.mro.get(pos + 1).cloned().into_iter().collect())
            })
            .unwrap_or_default()
    };
    let mut children: Vec<(ClassRef, Vec<ClassRef>)> = Vec::new();
    let mut roots: Vec<ClassRef> = Vec::new();
    for class in classes {
        let me = class.class_ref();
        if class.bases.is_empty() {
            if !roots.contains(&me) {
                roots.push(me.clone());
            }
            continue;
        }
        for parent in &class.bases {
            let index = match children.iter().position(|(p, _)| p == parent) {
                Some(index) => index,
                None => {
                    children.push((parent.clone(), Vec::new()));
                    children.len() - 1
                }
            };
            if !children[index].1.contains(&me) {
                children[index].1.push(me.clone());
            }
            if listed.contains(parent) {
                break;
            }
        }
    }
    for (parent, _) in &children {
        if !listed.contains(parent) && !roots.contains(parent) {
            roots.push(parent.clone());
        }
    }
    let mut out = String::new();
    walk_tree(&mut out, roots, None, "", &children, &bases_of, module);
    out
}

fn walk_tree(
    out: &mut String,
    mut level: Vec<ClassRef>,
    parent: Option<&ClassRef>,
    prefix: &str,
    children: &[(ClassRef, Vec<ClassRef>)],
    bases_of: &dyn Fn(&ClassRef) -> Vec<ClassRef>,
    module: &str,
) {
    level.sort_by(|a, b| (&a.module, &a.name).cmp(&(&b.module, &b.name)));
    for class in &level {
        out.push_str(prefix);
        out.push_str(&class.qualified_in(module));
        let bases = bases_of(class);
        let only_parent = parent.is_some_and(|p| bases.len() == 1 && bases[0] == *p);
        if !bases.is_empty() && !only_parent {
            let names: Vec<String> = bases.iter().map(|b| b.qualified_in(module)).collect();
            out.push_str(&format!("({})", names.join(", ")));
        }
        out.push('\n');
        // A valid tree is never deeper than the number of parents; deeper means the bases form a cycle
        // (impossible in Python, possible in a hand-built description), which must not recurse forever.
        let too_deep = prefix.len() / 4 >= children.len();
        if let Some((_, kids)) = children
            .iter()
            .find(|(p, _)| p == class)
            .filter(|_| !too_deep)
        {
            walk_tree(
                out,
                kids.clone(),
                Some(class),
                &format!("{prefix}    "),
                children,
                bases_of,
                module,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str, bases: &[ClassRef], mro: &[ClassRef]) -> TypeDoc {
        TypeDoc {
            bases: bases.to_vec(),
            mro: mro.to_vec(),
            ..TypeDoc::new(name, "m3")
        }
    }

    /// CPython 3.11 prints, for a module with `A`, `B(A)`, `C(A, dict)`, `MyError(ValueError)` and
    /// `Other(MyError)`, the tree below: roots outside the module with their own bases, a class with several
    /// bases listed once under the first one found in the module.
    #[test]
    fn class_tree_matches_inspect_getclasstree() {
        let object = ClassRef::object();
        let builtin = |name: &str| ClassRef::new("builtins", name);
        let local = |name: &str| ClassRef::new("m3", name);
        let errors = [
            builtin("ValueError"),
            builtin("Exception"),
            builtin("BaseException"),
            object.clone(),
        ];
        let classes = [
            class(
                "Other",
                &[local("MyError")],
                &[&[local("MyError")][..], &errors[..]].concat(),
            ),
            class(
                "C",
                &[local("A"), builtin("dict")],
                &[local("A"), builtin("dict"), object.clone()],
            ),
            class("MyError", &[builtin("ValueError")], &errors),
            class("B", &[local("A")], &[local("A"), object.clone()]),
            class(
                "A",
                std::slice::from_ref(&object),
                std::slice::from_ref(&object),
            ),
        ];
        let mut sorted: Vec<&TypeDoc> = classes.iter().collect();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));
        assert_eq!(
            class_tree(&sorted, "m3"),
            "builtins.ValueError(builtins.Exception)\n    MyError\n        Other\nbuiltins.object\n    A\n        B\n        \
             C(A, builtins.dict)\n"
        );
    }

    #[test]
    fn cyclic_bases_do_not_recurse_forever() {
        let local = |name: &str| ClassRef::new("m", name);
        // Root (outside the list) -> A -> B -> A -> ...
        let a = TypeDoc {
            bases: vec![local("Root"), local("B")],
            ..TypeDoc::new("A", "m")
        };
        let b = TypeDoc {
            bases: vec![local("A")],
            ..TypeDoc::new("B", "m")
        };
        let tree = class_tree(&[&a, &b], "m");
        assert!(
            tree.starts_with("Root\n    A(Root, B)\n        B\n"),
            "{tree}"
        );
        assert!(tree.lines().count() < 10, "{tree}");
    }

    #[test]
    fn all_decides_what_a_module_page_shows() {
        let module = ModuleDoc {
            name: "m".into(),
            all: Some(vec!["_exported".into(), "Imported".into()]),
            functions: vec![
                RoutineDoc::new("_exported", RoutineKind::Function, "()").in_module("m"),
                RoutineDoc::new("public_but_unlisted", RoutineKind::Function, "()").in_module("m"),
            ],
            classes: vec![TypeDoc::new("Imported", "elsewhere")],
            data: vec![DataDoc::new("VALUE", "1")],
            ..ModuleDoc::default()
        };
        let page = module_body(&module);
        assert!(page.contains("FUNCTIONS\n    _exported()\n\n"), "{page}");
        assert!(!page.contains("public_but_unlisted"), "{page}");
        assert!(
            page.contains("CLASSES\n    elsewhere.Imported\n    \n    class Imported\n"),
            "{page}"
        );
        assert!(!page.contains("DATA"), "{page}");
    }

    #[test]
    fn a_doc_without_blank_second_line_has_no_synopsis() {
        let module = ModuleDoc {
            doc: "First line\nsecond line.".into(),
            ..ModuleDoc::new("m")
        };
        assert_eq!(
            module_body(&module),
            "NAME\n    m\n\nDESCRIPTION\n    First line\n    second line.\n\nFILE\n    (built-in)\n\n"
        );
    }
}
