//! The page of a Rust type, module, function or member: pydoc's layout (the ` |  ` gutter, 70-dash rules,
//! sections, four-space doc indent) in Rust's words. A type's page names its crate, module and source line,
//! prints generic arguments resolved for the instantiation at hand, lists fields or variants, associated
//! constants with their values, associated functions and methods, then one section per trait implementation
//! (`impl Display for Stack<i64>`), the way rustdoc orders a type's page.

use crate::model::{MemberDoc, MemberKind, ModuleDoc, RoutineDoc, RoutineKind, TypeDoc};
use crate::rust::{RustItem, RustType};
use crate::text::{data_line, doc_text, indent, split_doc};

const RULE_WIDTH: usize = 70;
const DATA_MAXLEN: usize = 70;

/// The words after "Help on " for a Rust type's page: `struct Stack<i64> in module m`, or for a value
/// `a value of type Stack<i64> in module m`.
pub(crate) fn type_title(class: &TypeDoc, rust: &RustType, value: bool) -> String {
    if value {
        format!(
            "a value of type {} in module {}",
            rust.display_name, class.module
        )
    } else {
        format!(
            "{} {} in module {}",
            rust.keyword, rust.display_name, class.module
        )
    }
}

/// The Rust item a member is; members built by hand without one get the item their pydoc kind suggests.
pub(crate) fn item_of(member: &MemberDoc) -> RustItem {
    member.rust.unwrap_or(match member.kind {
        MemberKind::Method => RustItem::Method,
        MemberKind::ClassMethod | MemberKind::StaticMethod => RustItem::Function,
        MemberKind::ReadonlyProperty | MemberKind::DataDescriptor => RustItem::Field,
        MemberKind::Data => RustItem::Const,
    })
}

/// One entry of a section: its declaration line and its doc indented by four spaces.
pub(crate) fn entry(member: &MemberDoc) -> String {
    let signature = member.signature.as_deref().unwrap_or("");
    let line = match item_of(member) {
        RustItem::Field => format!("{}{signature}", member.name),
        RustItem::Variant => match &member.value {
            Some(value) => format!("{}{signature} = {value}", member.name),
            None => format!("{}{signature}", member.name),
        },
        RustItem::Const => match &member.value {
            Some(value) => data_line(&format!("{}{signature}", member.name), value, DATA_MAXLEN),
            None => format!("{}{signature}", member.name),
        },
        RustItem::AssocType => match &member.value {
            Some(value) => format!("type {} = {value}", member.name),
            None => format!("type {}", member.name),
        },
        RustItem::Function | RustItem::Method => {
            let signature = if signature.is_empty() {
                "(...)"
            } else {
                signature
            };
            match member.qualifiers.as_deref().filter(|q| !q.is_empty()) {
                Some(words) => format!("{words} {}{signature}", member.name),
                None => format!("{}{signature}", member.name),
            }
        }
    };
    with_doc(line, &member.doc)
}

fn with_doc(line: String, doc: &str) -> String {
    let doc = doc_text(doc);
    let mut out = line;
    out.push('\n');
    if !doc.is_empty() {
        out.push_str(indent(&doc, "    ").trim_end());
        out.push('\n');
    }
    out
}

/// The body of a Rust type's page: the declaration line, then the ` |  `-ruled header, doc and sections.
pub(crate) fn class_body(class: &TypeDoc, rust: &RustType) -> String {
    let title = format!(
        "{} {}{}",
        rust.keyword,
        rust.display_name,
        class.signature.as_deref().unwrap_or("")
    );
    let mut contents: Vec<String> = Vec::new();
    let mut header = Vec::new();
    if !rust.crate_name.is_empty() {
        header.push(format!("crate     {}", rust.crate_name));
    }
    if !class.module.is_empty() {
        header.push(format!("module    {}", class.module));
    }
    if !rust.file.is_empty() {
        header.push(format!("source    {}:{}", rust.file, rust.line));
    }
    if !rust.generics.is_empty() {
        let generics: Vec<String> = rust
            .generics
            .iter()
            .map(|(param, value)| format!("{param} = {value}"))
            .collect();
        header.push(format!("generics  {}", generics.join(", ")));
    }
    if !header.is_empty() {
        contents.push(format!("{}\n", header.join("\n")));
    }
    let doc = doc_text(&class.doc);
    if !doc.is_empty() {
        contents.push(format!("{doc}\n"));
    }
    let mut needs_rule = false;
    let mut push_section = |contents: &mut Vec<String>, title: String, entries: Vec<String>| {
        if needs_rule {
            contents.push("-".repeat(RULE_WIDTH));
        }
        needs_rule = true;
        contents.push(format!("{title}\n"));
        contents.extend(entries);
    };
    let own: Vec<&MemberDoc> = class
        .members
        .iter()
        .chain(class.inherited.iter().flat_map(|g| g.members.iter()))
        .collect();
    for item in RustItem::ALL {
        let mut of_item: Vec<&MemberDoc> =
            own.iter().copied().filter(|m| item_of(m) == item).collect();
        if of_item.is_empty() {
            continue;
        }
        // Fields and variants keep their declaration order, as rustdoc lists them; the rest is sorted.
        if !matches!(item, RustItem::Field | RustItem::Variant) {
            of_item.sort_by(|a, b| a.name.cmp(&b.name));
        }
        push_section(
            &mut contents,
            format!("{}:", item.section_title()),
            of_item.into_iter().map(entry).collect(),
        );
    }
    for imp in &rust.impls {
        let params = if imp.params.is_empty() {
            String::new()
        } else {
            format!("<{}>", imp.params.join(", "))
        };
        let mut title = format!("impl{params} {} for {}", imp.trait_name, rust.display_name);
        if let Some(clause) = &imp.where_clause {
            title.push_str(&format!("\n    where {clause}"));
        }
        // The block's doc belongs to its header, indented under it as a member's doc is.
        let impl_doc = doc_text(&imp.doc);
        if !impl_doc.is_empty() {
            title.push_str(&format!("\n\n{}", indent(&impl_doc, "    ")));
        }
        // Associated types first, as rustdoc lists them, then constants, functions and methods by name.
        let mut members: Vec<&MemberDoc> = imp.members.iter().collect();
        members.sort_by_key(|m| (item_of(m), m.name.clone()));
        let entries: Vec<String> = members.into_iter().map(entry).collect();
        push_section(&mut contents, title, entries);
    }
    let joined = contents.join("\n");
    format!("{title}\n{}\n", indent(joined.trim_end(), " |  "))
}

/// The words after "Help on " for a Rust function or method: `method Stack<i64>::push in module m`.
pub(crate) fn routine_title(routine: &RoutineDoc, owner: &str) -> String {
    let word = match routine.kind {
        RoutineKind::Method => "method",
        _ => "function",
    };
    let mut title = format!("{word} {owner}::{}", routine.name);
    if let Some(module) = &routine.module {
        title.push_str(&format!(" in module {module}"));
    }
    title
}

/// A Rust function's page body: its declaration with the receiver kept, and its doc.
pub(crate) fn routine_body(routine: &RoutineDoc) -> String {
    let member = MemberDoc {
        name: routine.name.clone(),
        kind: MemberKind::Method,
        signature: routine.signature.clone(),
        qualifiers: routine.qualifiers.clone(),
        doc: routine.doc.clone(),
        rust: Some(RustItem::Method),
        ..MemberDoc::default()
    };
    entry(&member)
}

/// A Rust module's page: NAME, DESCRIPTION, TYPES, FUNCTIONS, CONSTANTS and FILE.
pub(crate) fn module_body(module: &ModuleDoc) -> String {
    let (synopsis, description) = split_doc(&doc_text(&module.doc));
    let name_line = if synopsis.is_empty() {
        module.name.clone()
    } else {
        format!("{} - {synopsis}", module.name)
    };
    let mut out = section("NAME", &name_line);
    if !description.is_empty() {
        out.push_str(&section("DESCRIPTION", &description));
    }
    let mut types: Vec<&TypeDoc> = module.classes.iter().collect();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    if !types.is_empty() {
        let bodies: Vec<String> = types
            .iter()
            .map(|class| match &class.rust {
                Some(rust) => class_body(class, rust),
                None => crate::render::class_body(class, Some(&class.name), Some(&module.name)),
            })
            .collect();
        out.push_str(&section("TYPES", &bodies.join("\n")));
    }
    let mut functions: Vec<&RoutineDoc> = module.functions.iter().collect();
    functions.sort_by(|a, b| a.name.cmp(&b.name));
    if !functions.is_empty() {
        let entries: Vec<String> = functions.iter().map(|f| routine_body(f)).collect();
        out.push_str(&section("FUNCTIONS", &entries.join("\n")));
    }
    let mut data: Vec<_> = module.data.iter().collect();
    data.sort_by(|a, b| a.name.cmp(&b.name));
    if !data.is_empty() {
        let entries: Vec<String> = data
            .iter()
            .map(|d| with_doc(data_line(&d.name, &d.repr, DATA_MAXLEN), &d.doc))
            .collect();
        out.push_str(&section("CONSTANTS", &entries.join("\n")));
    }
    if let Some(file) = &module.file {
        out.push_str(&section("FILE", file));
    }
    out
}

fn section(title: &str, contents: &str) -> String {
    format!("{title}\n{}\n\n", indent(contents, "    ").trim_end())
}
