//! `BENCHMARKS.md` is written by two runs: `bench` writes the whole file,
//! `soak` only its "Soak" section. Each keeps what the other wrote.

/// The repository's `BENCHMARKS.md`, where both runs write by default.
pub fn default_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(std::path::Path::new("."))
        .join("BENCHMARKS.md")
}

/// Where the soak's section begins; it runs to the end of the file.
pub const SOAK_HEADING: &str = "## Soak";

/// The soak section of `doc`, if it has one.
pub fn soak_section(doc: &str) -> Option<&str> {
    doc.find(SOAK_HEADING).map(|at| &doc[at..])
}

/// `doc` with its soak section (if any) replaced by `section`.
pub fn with_soak_section(doc: &str, section: &str) -> String {
    let kept = doc.find(SOAK_HEADING).map_or(doc, |at| &doc[..at]);
    format!("{}\n\n{}", kept.trim_end(), section.trim_end()) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_soak_section_replaces_the_old_and_keeps_the_rest() {
        let doc = "# Benchmarks\n\nfigures\n\n## Soak\n\nold\n";
        let updated = with_soak_section(doc, "## Soak\n\nnew");
        assert_eq!(updated, "# Benchmarks\n\nfigures\n\n## Soak\n\nnew\n");
        assert_eq!(soak_section(&updated), Some("## Soak\n\nnew\n"));
        let first = with_soak_section("# Benchmarks\n", "## Soak\n\nfirst");
        assert_eq!(first, "# Benchmarks\n\n## Soak\n\nfirst\n");
    }
}
