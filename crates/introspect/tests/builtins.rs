//! The page kinds an interpreter needs for its built-ins, rendered from hand-built descriptions: `help(len)`,
//! `help([].append)`, `help(list.append)`, `help(1)` / `help(int)`, `help('math')`, `help('math.sqrt')`,
//! `help(help)`, and `dir([])`. The layout (headers, signatures, the gutter, sections, blank lines) is CPython
//! 3.11's, checked against its pydoc; the doc words are our own, never CPython's.

use introspect::{
    ClassRef, DataDoc, Error, MemberDoc, ModuleDoc, ModuleKind, Registry, RoutineDoc, RoutineKind,
    Subject, TypeDoc, dir, lookup, render, render_name,
};

fn builtins(name: &str) -> ClassRef {
    ClassRef::new("builtins", name)
}

fn type_class() -> ClassRef {
    builtins("type")
}

#[test]
fn builtin_function() {
    let len = RoutineDoc::new("len", RoutineKind::Builtin, "(obj, /)")
        .in_module("builtins")
        .with_doc("Count the items a container holds.");
    assert_eq!(
        render(&Subject::Routine(len)),
        "Help on built-in function len in module builtins:\n\nlen(obj, /)\n    Count the items a container holds.\n\n"
    );
}

#[test]
fn bound_builtin_method_has_no_module_and_names_its_instance() {
    let append = RoutineDoc::new("append", RoutineKind::Builtin, "(object, /)")
        .with_doc("Put object at the end of the list.")
        .bound_to(builtins("list"));
    assert_eq!(
        render(&Subject::Routine(append)),
        "Help on built-in function append:\n\nappend(object, /) method of builtins.list instance\n    \
         Put object at the end of the list.\n\n"
    );
}

#[test]
fn unbound_method_descriptor() {
    let append = RoutineDoc::new(
        "append",
        RoutineKind::Other("method_descriptor".into()),
        "(self, object, /)",
    )
    .with_doc("Put object at the end of the list.");
    assert_eq!(
        render(&Subject::Routine(append)),
        "Help on method_descriptor:\n\nappend(self, object, /)\n    Put object at the end of the list.\n\n"
    );
}

#[test]
fn missing_signature_prints_ellipsis() {
    let getitem = RoutineDoc {
        name: "__getitem__".into(),
        kind: RoutineKind::Builtin,
        ..RoutineDoc::default()
    };
    assert_eq!(
        render(&Subject::Routine(getitem)),
        "Help on built-in function __getitem__:\n\n__getitem__(...)\n\n"
    );
}

fn int_class() -> TypeDoc {
    let mut int = TypeDoc::new("int", "builtins")
        .with_doc("int([x]) -> integer\nint(x, base=10) -> integer\n\nMake an integer from a number or a string.")
        .with_base(builtins("object"))
        .with_mro(vec![builtins("object")])
        .with_member(MemberDoc::method("__add__", "(self, value, /)").with_doc("Return self+value."))
        .with_member(MemberDoc::method("__abs__", "(self, /)").with_doc("abs(self)"))
        .with_member(MemberDoc::method("bit_length", "(self, /)").with_doc("Bits needed for abs(self)."))
        .with_member(
            MemberDoc::class_method("from_bytes", "(bytes, byteorder='big', *, signed=False)")
                .with_doc("Make an integer from bytes.")
                .bound_from(type_class()),
        )
        .with_member(
            MemberDoc::static_method("__new__", "(*args, **kwargs)")
                .with_doc("Make a new int.")
                .bound_from(type_class()),
        )
        .with_member(MemberDoc::descriptor("real").with_doc("The real part."))
        .with_member(MemberDoc::descriptor("imag").with_doc("The imaginary part: always 0."))
        .with_member(MemberDoc::data("__doc__", "'...'"))
        .with_inherited(builtins("object"), vec![MemberDoc::method("__dir__", "(self, /)")]);
    int.builtin_subclasses = vec!["bool".into()];
    int
}

const INT_BODY: &str = "class int(object)
 |  int([x]) -> integer
 |  int(x, base=10) -> integer
 |  
 |  Make an integer from a number or a string.
 |  
 |  Built-in subclasses:
 |      bool
 |  
 |  Methods defined here:
 |  
 |  __abs__(self, /)
 |      abs(self)
 |  
 |  __add__(self, value, /)
 |      Return self+value.
 |  
 |  bit_length(self, /)
 |      Bits needed for abs(self).
 |  
 |  ----------------------------------------------------------------------
 |  Class methods defined here:
 |  
 |  from_bytes(bytes, byteorder='big', *, signed=False) from builtins.type
 |      Make an integer from bytes.
 |  
 |  ----------------------------------------------------------------------
 |  Static methods defined here:
 |  
 |  __new__(*args, **kwargs) from builtins.type
 |      Make a new int.
 |  
 |  ----------------------------------------------------------------------
 |  Data descriptors defined here:
 |  
 |  imag
 |      The imaginary part: always 0.
 |  
 |  real
 |      The real part.

";

#[test]
fn builtin_class_and_its_instance() {
    assert_eq!(
        render(&Subject::Class(int_class())),
        format!("Help on class int in module builtins:\n\n{INT_BODY}")
    );
    // help(1): the value's class page under "Help on int object:" (built-in instances name no module).
    assert_eq!(
        render(&Subject::object(int_class())),
        format!("Help on int object:\n\n{INT_BODY}")
    );
}

#[test]
fn many_builtin_subclasses_are_summarised() {
    let mut class = TypeDoc::new("Exception", "builtins");
    class.builtin_subclasses = [
        "ValueError",
        "ArithmeticError",
        "TypeError",
        "LookupError",
        "OSError",
        "NameError",
    ]
    .map(String::from)
    .to_vec();
    let page = render(&Subject::Class(class));
    assert_eq!(
        page,
        "Help on class Exception in module builtins:\n\nclass Exception\n |  Built-in subclasses:\n |      \
         ArithmeticError\n |      LookupError\n |      NameError\n |      OSError\n |      ... and 2 other subclasses\n\n"
    );
}

fn math() -> ModuleDoc {
    ModuleDoc {
        name: "math".into(),
        kind: ModuleKind::Builtin,
        doc: "Mathematical functions over floats,\nas the C library defines them.".into(),
        reference: Some("https://docs.python.org/3.11/library/math.html".into()),
        functions: vec![
            RoutineDoc::new("sqrt", RoutineKind::Builtin, "(x, /)")
                .in_module("math")
                .with_doc("The square root of x."),
            RoutineDoc::new("floor", RoutineKind::Builtin, "(x, /)")
                .in_module("math")
                .with_doc("The largest integer <= x.\n\nAs an int."),
        ],
        data: vec![
            DataDoc::new("pi", "3.141592653589793"),
            DataDoc::new("e", "2.718281828459045"),
        ],
        other_names: vec!["__name__".into(), "__doc__".into(), "__loader__".into()],
        ..ModuleDoc::default()
    }
}

#[test]
fn builtin_module_page() {
    let expected = "Help on built-in module math:

NAME
    math

MODULE REFERENCE
    https://docs.python.org/3.11/library/math.html
    
    The text below is generated from the module's own descriptions; where it and
    the reference above differ, the reference is authoritative.

DESCRIPTION
    Mathematical functions over floats,
    as the C library defines them.

FUNCTIONS
    floor(x, /)
        The largest integer <= x.
        
        As an int.
    
    sqrt(x, /)
        The square root of x.

DATA
    e = 2.718281828459045
    pi = 3.141592653589793

FILE
    (built-in)


";
    assert_eq!(render(&Subject::Module(math())), expected);
    let mut registry = Registry::new();
    registry.add_module(math());
    assert_eq!(render_name(&registry, "math"), expected);
    assert_eq!(
        dir(&Subject::Module(math())),
        [
            "__doc__",
            "__loader__",
            "__name__",
            "e",
            "floor",
            "pi",
            "sqrt"
        ]
    );
}

#[test]
fn dotted_name_of_a_builtin_function() {
    let mut registry = Registry::new();
    registry.add_module(math());
    assert_eq!(
        render_name(&registry, "math.sqrt"),
        "Help on built-in function sqrt in math:\n\nmath.sqrt = sqrt(x, /)\n    The square root of x.\n\n"
    );
    // A value known only by its repr (pydoc would show its class's page; an interpreter describes it as
    // `Subject::Object` of its class to get that).
    assert_eq!(
        render_name(&registry, "math.pi"),
        "Help on object in math:\n\nmath.pi = 3.141592653589793\n"
    );
    assert!(
        render_name(&registry, "math.nope")
            .starts_with("No Python documentation found for 'math.nope'.\n")
    );
    let error = lookup(&registry, "math.tau").expect_err("math.tau is not registered");
    assert!(
        matches!(&error, Error::NotFound { name } if name == "math.tau"),
        "{error}"
    );
}

#[test]
fn help_on_help_is_an_instance_of_a_class_in_another_module() {
    let helper = TypeDoc::new("_Helper", "_sitebuiltins")
        .with_doc("The object behind the builtin help.")
        .with_base(builtins("object"))
        .with_mro(vec![builtins("object")])
        .with_member(
            MemberDoc::method("__call__", "(self, *args, **kwds)")
                .with_doc("Call self as a function."),
        );
    let mut registry = Registry::new();
    registry.add("help", Subject::object(helper.clone()));
    // help('help') names the class by the name it was reached by, as pydoc does.
    assert!(render_name(&registry, "help").starts_with(
        "Help on _Helper in module _sitebuiltins object:\n\nhelp = class _Helper(builtins.object)\n"
    ));
    assert_eq!(
        render(&Subject::object(helper)),
        "Help on _Helper in module _sitebuiltins object:\n\nclass _Helper(builtins.object)\n |  The object behind \
         the builtin help.\n |  \n |  Methods defined here:\n |  \n |  __call__(self, *args, **kwds)\n |      Call self \
         as a function.\n\n"
    );
}

#[test]
fn builtin_names_resolve_through_the_registry() {
    let mut registry = Registry::new();
    registry.add_class(int_class());
    registry.add_function(
        RoutineDoc::new("len", RoutineKind::Builtin, "(obj, /)").in_module("builtins"),
    );
    assert!(
        render_name(&registry, "int")
            .starts_with("Help on class int in module builtins:\n\nclass int(object)\n")
    );
    assert_eq!(
        render_name(&registry, "len"),
        "Help on built-in function len in module builtins:\n\nlen(obj, /)\n\n"
    );
    // `int.bit_length` reaches the member as a function page, named by the dotted request.
    assert_eq!(
        render_name(&registry, "int.bit_length"),
        "Help on function bit_length in int:\n\nint.bit_length = bit_length(self, /)\n    Bits needed for abs(self).\n\n"
    );
    assert_eq!(
        render_name(&registry, "int.real"),
        "Help on data descriptor builtins.int.real in int:\n\nint.real\n    The real part.\n\n"
    );
}

/// `dir([])` as the seed prints it: 48 names, list's own and those it inherits from `object`.
#[test]
fn dir_of_a_list_is_the_seeds_48_names() {
    let own = [
        "__add__",
        "__class_getitem__",
        "__contains__",
        "__delitem__",
        "__doc__",
        "__eq__",
        "__ge__",
        "__getattribute__",
        "__getitem__",
        "__gt__",
        "__hash__",
        "__iadd__",
        "__imul__",
        "__init__",
        "__iter__",
        "__le__",
        "__len__",
        "__lt__",
        "__mul__",
        "__ne__",
        "__new__",
        "__repr__",
        "__reversed__",
        "__rmul__",
        "__setitem__",
        "__sizeof__",
        "append",
        "clear",
        "copy",
        "count",
        "extend",
        "index",
        "insert",
        "pop",
        "remove",
        "reverse",
        "sort",
    ];
    let from_object = [
        "__class__",
        "__delattr__",
        "__dir__",
        "__doc__",
        "__eq__",
        "__format__",
        "__getstate__",
        "__init_subclass__",
        "__reduce__",
        "__reduce_ex__",
        "__setattr__",
        "__str__",
        "__subclasshook__",
    ];
    let list = TypeDoc {
        members: own
            .iter()
            .rev()
            .map(|n| MemberDoc::method(*n, "(self, /)"))
            .collect(),
        inherited: vec![introspect::Inherited {
            from: builtins("object"),
            members: from_object
                .iter()
                .map(|n| MemberDoc::method(*n, "(self, /)"))
                .collect(),
        }],
        ..TypeDoc::new("list", "builtins")
    };
    let names = dir(&Subject::object(list));
    assert_eq!(names.len(), 48);
    let seed = "__add__ __class__ __class_getitem__ __contains__ __delattr__ __delitem__ __dir__ __doc__ __eq__ \
                __format__ __ge__ __getattribute__ __getitem__ __getstate__ __gt__ __hash__ __iadd__ __imul__ __init__ \
                __init_subclass__ __iter__ __le__ __len__ __lt__ __mul__ __ne__ __new__ __reduce__ __reduce_ex__ \
                __repr__ __reversed__ __rmul__ __setattr__ __setitem__ __sizeof__ __str__ __subclasshook__ append \
                clear copy count extend index insert pop remove reverse sort";
    assert_eq!(names, seed.split(' ').collect::<Vec<_>>());
}

#[test]
fn dir_sorts_by_code_point_like_python() {
    let class = TypeDoc::new("K", "m")
        .with_member(MemberDoc::method("method", "(self)"))
        .with_member(MemberDoc::data("Zeta", "1"))
        .with_member(MemberDoc::method("_priv", "(self)"))
        .with_member(MemberDoc::method("__dunder__", "(self)"))
        .with_member(MemberDoc::method("_K__mangled", "(self)"))
        .with_member(MemberDoc::data("alpha", "2"));
    let instance = Subject::Object {
        class,
        attributes: vec!["alpha".into(), "Écrit".into()],
    };
    assert_eq!(
        dir(&instance),
        [
            "Zeta",
            "_K__mangled",
            "__dunder__",
            "_priv",
            "alpha",
            "method",
            "Écrit"
        ]
    );
}

#[test]
fn unknown_member_is_a_typed_error() {
    let error = int_class()
        .member("bit_lenght")
        .expect_err("no such member");
    assert!(matches!(&error, Error::UnknownMember { member, .. } if member == "bit_lenght"));
    assert!(
        error
            .to_string()
            .starts_with("builtins.int has no attribute 'bit_lenght' (did you mean 'bit_length'?)")
    );
    assert!(int_class().member("real").is_ok());
    assert!(
        int_class().member("__dir__").is_ok(),
        "inherited members are found too"
    );
}
