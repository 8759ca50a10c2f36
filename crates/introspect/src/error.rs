//! The typed errors of introspect: a member or name that is not there, and output that could not be written.

/// What went wrong in a lookup or while printing help.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A member lookup (`getattr`) asked for a name the class or module does not have.
    #[error(
        "{class} has no attribute '{member}'{}; dir() lists: {}",
        suggestion(member, known),
        list(known)
    )]
    UnknownMember {
        /// The class (`shapes.Point`) or module (`module math`) that was searched.
        class: String,
        /// The name asked for.
        member: String,
        /// The names there are, sorted (what `dir()` gives).
        known: Vec<String>,
    },
    /// A member lookup by a bare name that several trait implementations of a Rust type define (`from` in
    /// `From<u8>` and `From<String>`).
    #[error(
        "{class} has several members named '{member}', one per trait; ask for one of: {}",
        candidates.join(", ")
    )]
    AmbiguousMember {
        /// The type that was searched.
        class: String,
        /// The name asked for.
        member: String,
        /// The trait-qualified names that match (`From<u8>::from`, `From<String>::from`).
        candidates: Vec<String>,
    },
    /// A name given to `help("...")` resolves to no module, class, function or value.
    #[error(
        "no documentation found for '{name}': no registered module, class, function or value has that name \
         (register it with Registry::add_module / add_type / add_function, or check the spelling)"
    )]
    NotFound {
        /// The name asked for.
        name: String,
    },
    /// Writing the help text to standard output failed (a closed pipe, a full disk).
    #[error("could not write the help text to standard output: {0}")]
    Io(#[from] std::io::Error),
}

fn list(known: &[String]) -> String {
    const SHOWN: usize = 12;
    if known.is_empty() {
        return "nothing".to_owned();
    }
    let mut out = known
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if known.len() > SHOWN {
        out.push_str(&format!(", ... ({} more)", known.len() - SHOWN));
    }
    out
}

/// ", did you mean 'norm'?" when a known name is within two edits of the one asked for (as Python 3.10+).
fn suggestion(member: &str, known: &[String]) -> String {
    known
        .iter()
        .map(|k| (edit_distance(member, k), k))
        .filter(|(d, _)| *d <= 2 && *d < member.chars().count())
        .min()
        .map(|(_, k)| format!(" (did you mean '{k}'?)"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_member_message_names_the_class_and_suggests() {
        let error = Error::UnknownMember {
            class: "shapes.Point".into(),
            member: "nrom".into(),
            known: vec!["norm".into(), "x".into(), "y".into()],
        };
        assert_eq!(
            error.to_string(),
            "shapes.Point has no attribute 'nrom' (did you mean 'norm'?); dir() lists: norm, x, y"
        );
    }

    #[test]
    fn long_lists_are_cut() {
        let known: Vec<String> = (0..20).map(|i| format!("m{i:02}")).collect();
        let error = Error::UnknownMember {
            class: "C".into(),
            member: "zzzzzz".into(),
            known,
        };
        assert!(error.to_string().ends_with("m11, ... (8 more)"), "{error}");
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("norm", "norm"), 0);
    }
}
