//! Golden tests: the renderer, fed descriptions of `tests/golden/geometry.py` built by hand the way an
//! interpreter would build them, must print byte for byte what CPython 3.11's pydoc prints for that module
//! (`tests/golden/*.txt`, made by `tests/golden/generate.py`). The descriptions deliberately include what pydoc
//! hides (`__module__`, `__slots__`, `_private`, members inherited from `object`) to check the hiding too.

use introspect::text::clean_doc;
use introspect::{
    ClassRef, DataDoc, MemberDoc, ModuleDoc, Registry, RoutineDoc, RoutineKind, Subject, TypeDoc,
    render, render_name,
};

fn golden(name: &str) -> String {
    let path = format!("{}/tests/golden/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn assert_page(actual: &str, golden_name: &str) {
    let expected = golden(golden_name);
    if actual != expected {
        panic!("{golden_name} differs.\n--- expected\n{expected}\n--- actual\n{actual}\n---");
    }
}

fn geometry() -> ClassRef {
    ClassRef::new("geometry", "")
}

fn class(name: &str) -> ClassRef {
    ClassRef {
        name: name.to_owned(),
        ..geometry()
    }
}

/// A few of `object`'s members: never printed, but listed by `dir()`.
fn object_members() -> Vec<MemberDoc> {
    vec![
        MemberDoc::method("__eq__", "(self, value, /)").with_doc("Our words for equality."),
        MemberDoc::method("__repr__", "(self, /)").with_doc("Our words for repr."),
        MemberDoc::descriptor("__class__"),
    ]
}

fn point() -> TypeDoc {
    TypeDoc::new("Point", "geometry")
        .with_signature("(x, y=0)")
        .with_doc(clean_doc(
            "A point in the plane.\n\n    Holds two coordinates.",
        ))
        .with_base(ClassRef::object())
        .with_mro(vec![ClassRef::object()])
        .with_member(MemberDoc::data("__module__", "'geometry'"))
        .with_member(MemberDoc::data("__slots__", "('x', 'y')"))
        .with_member(MemberDoc::data("__doc__", "'A point in the plane.'"))
        .with_member(MemberDoc::method("norm", "(self)").with_doc("Distance from the origin."))
        .with_member(MemberDoc::method("__init__", "(self, x, y=0)").with_doc("Make a point."))
        .with_member(MemberDoc::method("scale", "(self, k, *, inplace=False)"))
        .with_member(MemberDoc::method("_private", "(self)").with_doc("Never shown."))
        .with_member(
            MemberDoc::class_method("zero", "()")
                .with_doc("The origin.")
                .bound_from(ClassRef::new("builtins", "type")),
        )
        .with_member(
            MemberDoc::static_method("parse", "(s: str) -> 'Point'").with_doc(clean_doc(
                "Parse 'x,y'.\n\n        Second paragraph, indented\n            deeper here.",
            )),
        )
        .with_member(MemberDoc::property("length").with_doc("Same as norm."))
        .with_member(MemberDoc::descriptor("x"))
        .with_member(MemberDoc::descriptor("y"))
        .with_member(MemberDoc::data("ORIGIN_NAME", "'origin'"))
        .with_inherited(ClassRef::object(), object_members())
}

fn point3() -> TypeDoc {
    let base = point();
    let inherited_from_point: Vec<MemberDoc> = base
        .members
        .iter()
        .filter(|m| !["norm", "__module__", "__slots__", "__doc__"].contains(&m.name.as_str()))
        .cloned()
        .collect();
    TypeDoc::new("Point3", "geometry")
        .with_signature("(x, y=0)")
        .with_doc("A point in space.")
        .with_base(class("Point"))
        .with_mro(vec![class("Point"), ClassRef::object()])
        .with_member(MemberDoc::method("norm", "(self)").with_doc("Overridden."))
        .with_member(MemberDoc::method("extra", "(self)"))
        .with_member(MemberDoc::descriptor("z"))
        .with_member(MemberDoc::data("__slots__", "('z',)"))
        .with_inherited(class("Point"), inherited_from_point)
        .with_inherited(ClassRef::object(), object_members())
}

fn empty() -> TypeDoc {
    TypeDoc::new("Empty", "geometry")
        .with_signature("()")
        .with_base(ClassRef::object())
        .with_mro(vec![ClassRef::object()])
        .with_member(MemberDoc::data("__slots__", "()"))
        .with_inherited(ClassRef::object(), object_members())
}

fn distance() -> RoutineDoc {
    RoutineDoc::new(
        "distance",
        RoutineKind::Function,
        "(a, b=1, *args, c, **kw)",
    )
    .in_module("geometry")
    .with_doc(clean_doc(
        "Distance between things.\n\n    Longer description.",
    ))
}

fn module() -> ModuleDoc {
    ModuleDoc {
        name: "geometry".into(),
        doc: clean_doc(
            "Plane and space geometry for the golden tests.\n\nPoints, a distance function and a few constants, \
             documented in our own\nwords; pydoc's rendering of this module is the expected layout.\n",
        ),
        classes: vec![
            point3(),
            point(),
            empty(),
            TypeDoc::new("object", "builtins"),
        ],
        functions: vec![
            distance(),
            RoutineDoc::new("nodoc", RoutineKind::Function, "(x)").in_module("geometry"),
            RoutineDoc::new("imported", RoutineKind::Function, "()").in_module("elsewhere"),
        ],
        data: vec![
            DataDoc::new("UNIT", "1.0"),
            DataDoc::new(
                "LABEL",
                "'a label long enough that pydoc has to cut it to seventy columns when shown'",
            ),
            DataDoc::new("_hidden", "3"),
            DataDoc::new("__version__", "'1.2'"),
        ],
        other_names: vec!["__name__".into(), "__doc__".into()],
        version: Some("1.2".into()),
        author: Some("tasklab".into()),
        file: Some("/src/geometry.py".into()),
        ..ModuleDoc::default()
    }
}

#[test]
fn class_page() {
    assert_page(&render(&Subject::Class(point())), "class_point");
}

#[test]
fn object_page() {
    assert_page(&render(&Subject::object(point())), "object_point");
}

#[test]
fn subclass_page_with_mro_and_inherited_sections() {
    assert_page(&render(&Subject::Class(point3())), "class_point3");
}

#[test]
fn class_with_nothing_to_show() {
    assert_page(&render(&Subject::Class(empty())), "class_empty");
}

#[test]
fn function_pages() {
    assert_page(&render(&Subject::Routine(distance())), "function_distance");
    let nodoc = RoutineDoc::new("nodoc", RoutineKind::Function, "(x)").in_module("geometry");
    assert_page(&render(&Subject::Routine(nodoc)), "function_nodoc");
}

#[test]
fn bound_method_pages() {
    let norm = RoutineDoc::new("norm", RoutineKind::Method, "()")
        .in_module("geometry")
        .with_doc("Distance from the origin.")
        .bound_to(class("Point"));
    assert_page(&render(&Subject::Routine(norm)), "bound_method");
    let zero = RoutineDoc::new("zero", RoutineKind::Method, "()")
        .in_module("geometry")
        .with_doc("The origin.")
        .bound_to(ClassRef::new("builtins", "type"));
    assert_page(&render(&Subject::Routine(zero)), "bound_classmethod");
}

#[test]
fn module_page() {
    assert_page(&render(&Subject::Module(module())), "module_geometry");
}

#[test]
fn names_resolve_like_pydoc_locate() {
    let mut registry = Registry::new();
    registry.add_module(module());
    assert_page(&render_name(&registry, "geometry"), "module_geometry");
    assert_page(
        &render_name(&registry, "geometry.distance"),
        "dotted_function",
    );
    assert_page(&render_name(&registry, "nonexistent_xyz"), "not_found");
    assert_page(&render_name(&registry, "it's"), "not_found_quote");
    assert_page(&render_name(&registry, "  nonexistent_xyz \n"), "not_found");
}

#[test]
fn dir_lists_everything_including_what_help_hides() {
    let names = Subject::object(point()).dir();
    let expected = [
        "ORIGIN_NAME",
        "__class__",
        "__doc__",
        "__eq__",
        "__init__",
        "__module__",
        "__repr__",
        "__slots__",
        "_private",
        "length",
        "norm",
        "parse",
        "scale",
        "x",
        "y",
        "zero",
    ];
    assert_eq!(names, expected);
    let module_names = module().dir();
    assert_eq!(
        module_names,
        [
            "Empty",
            "LABEL",
            "Point",
            "Point3",
            "UNIT",
            "__doc__",
            "__name__",
            "__version__",
            "_hidden",
            "distance",
            "imported",
            "nodoc",
            "object"
        ]
    );
}

/// The committed pages are what CPython 3.11's pydoc prints for `geometry.py` today: regenerated into a
/// temporary folder and compared. Skipped, saying so, where `python3` is missing or not 3.11 (pydoc's
/// layout differs between versions).
#[test]
fn committed_goldens_are_what_cpython_prints() {
    let golden_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let version = std::process::Command::new("python3")
        .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        .output();
    match version {
        Ok(out)
            if out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "3.11" => {}
        _ => {
            eprintln!("skipped: python3 3.11 is not available to regenerate the golden pages");
            return;
        }
    }
    let out_dir = std::env::temp_dir().join(format!("introspect-golden-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("create a temporary folder");
    let status = std::process::Command::new("python3")
        .arg(golden_dir.join("generate.py"))
        .arg(&out_dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PAGER", "cat")
        .status()
        .expect("run generate.py");
    assert!(status.success(), "generate.py failed");
    let mut compared = 0;
    for entry in std::fs::read_dir(&golden_dir).expect("list the golden folder") {
        let path = entry.expect("a folder entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_name().expect("a file name");
            let fresh = std::fs::read_to_string(out_dir.join(name)).expect("a regenerated page");
            let committed = std::fs::read_to_string(&path).expect("a committed page");
            assert_eq!(
                committed,
                fresh,
                "{} is stale: run python3 tests/golden/generate.py",
                path.display()
            );
            compared += 1;
        }
    }
    std::fs::remove_dir_all(&out_dir).expect("remove the temporary folder");
    assert_eq!(compared, 12, "every golden page is regenerated");
}
