//! The identity of the running executable, compared across ranks at start-up: functions travel as offsets
//! inside the binary, so every rank must run a byte-identical one. The identity is the linker's GNU
//! build-id (read from this process's own program headers, no file access) when there is one, otherwise
//! a hash of the executable file's contents.

use std::ffi::c_void;
use std::sync::OnceLock;

/// `NT_GNU_BUILD_ID`.
const NT_GNU_BUILD_ID: u32 = 3;

/// This executable's identity: `build-id:<hex>` or `sha:<hex>` (a 64-bit FNV-1a of the file and its size).
pub fn binary_identity() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| match build_id() {
        Some(id) => format!("build-id:{}", hex(&id)),
        None => file_hash(),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The GNU build-id note of the main program, if the linker wrote one.
fn build_id() -> Option<Vec<u8>> {
    let mut found: Option<Vec<u8>> = None;
    // SAFETY: dl_iterate_phdr calls `callback` with valid `dl_phdr_info` for each loaded object; `data`
    // is our `found`, alive for the whole call.
    unsafe {
        libc::dl_iterate_phdr(Some(callback), (&raw mut found).cast::<c_void>());
    }
    found
}

unsafe extern "C" fn callback(
    info: *mut libc::dl_phdr_info,
    _size: usize,
    data: *mut c_void,
) -> i32 {
    // SAFETY: see build_id; the first object reported is the main program.
    unsafe {
        let found = &mut *data.cast::<Option<Vec<u8>>>();
        let info = &*info;
        let phdrs = std::slice::from_raw_parts(info.dlpi_phdr, usize::from(info.dlpi_phnum));
        for ph in phdrs {
            if ph.p_type != libc::PT_NOTE {
                continue;
            }
            let start = (info.dlpi_addr as usize).wrapping_add(ph.p_vaddr as usize) as *const u8;
            let notes = std::slice::from_raw_parts(start, ph.p_memsz as usize);
            if let Some(id) = find_build_id(notes) {
                *found = Some(id);
                break;
            }
        }
    }
    1 // stop after the main program
}

/// Walks ELF notes (4-byte aligned: namesz, descsz, type, name, desc) for a GNU build-id.
fn find_build_id(mut notes: &[u8]) -> Option<Vec<u8>> {
    let word = |b: &[u8], i: usize| -> Option<u32> {
        Some(u32::from_ne_bytes(b.get(i..i + 4)?.try_into().ok()?))
    };
    let align = |n: usize| (n + 3) & !3;
    while notes.len() >= 12 {
        let namesz = word(notes, 0)? as usize;
        let descsz = word(notes, 4)? as usize;
        let kind = word(notes, 8)?;
        let name_end = 12 + align(namesz);
        let desc_end = name_end + align(descsz);
        let name = notes.get(12..12 + namesz)?;
        let desc = notes.get(name_end..name_end + descsz)?;
        if kind == NT_GNU_BUILD_ID && name == b"GNU\0" && !desc.is_empty() {
            return Some(desc.to_vec());
        }
        notes = notes.get(desc_end..)?;
    }
    None
}

/// A content hash of `/proc/self/exe` (for binaries linked without a build-id).
fn file_hash() -> String {
    match std::fs::read("/proc/self/exe") {
        Ok(bytes) => {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in &bytes {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            format!("sha:{h:016x}-{}", bytes.len())
        }
        Err(e) => format!("unreadable:{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_is_stable_and_names_its_kind() {
        let id = binary_identity();
        assert!(
            id.starts_with("build-id:") || id.starts_with("sha:"),
            "{id}"
        );
        assert_eq!(id, binary_identity());
        assert!(id.len() > 12, "{id}");
    }

    #[test]
    fn notes_are_parsed() {
        let mut note = Vec::new();
        // An unrelated note first, then the build-id.
        for (name, kind, desc) in [
            (&b"XY\0"[..], 1u32, &[9u8, 9, 9][..]),
            (b"GNU\0", 3, &[1, 2, 3, 4, 5]),
        ] {
            note.extend_from_slice(&(name.len() as u32).to_ne_bytes());
            note.extend_from_slice(&(desc.len() as u32).to_ne_bytes());
            note.extend_from_slice(&kind.to_ne_bytes());
            note.extend_from_slice(name);
            note.resize((note.len() + 3) & !3, 0);
            note.extend_from_slice(desc);
            note.resize((note.len() + 3) & !3, 0);
        }
        assert_eq!(find_build_id(&note), Some(vec![1, 2, 3, 4, 5]));
        assert_eq!(find_build_id(&note[..20]), None);
    }
}
