//! `BENCHMARKS.md` is written by two runs and by hand: `bench` writes the
//! whole file, `soak` only its "Soak" section, and the "Steps" section
//! records changes measured one at a time (before → after), which no
//! later run can measure again. Each keeps what the others wrote.

/// The repository's `BENCHMARKS.md`, where both runs write by default.
pub fn default_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(std::path::Path::new("."))
        .join("BENCHMARKS.md")
}

/// Where the soak's section begins; it runs to the end of the file.
pub const SOAK_HEADING: &str = "## Soak";

/// Where the steps begin; they run to the soak, which follows them.
pub const STEPS_HEADING: &str = "## Steps";

/// Where `heading` starts a line of `doc`.
fn heading_at(doc: &str, heading: &str) -> Option<usize> {
    if doc.starts_with(heading) {
        return Some(0);
    }
    doc.find(&format!("\n{heading}")).map(|at| at + 1)
}

/// What `bench` keeps of the previous file: the steps and the soak, from
/// the first of them to the end.
pub fn kept_tail(doc: &str) -> Option<&str> {
    [STEPS_HEADING, SOAK_HEADING]
        .iter()
        .filter_map(|h| heading_at(doc, h))
        .min()
        .map(|at| &doc[at..])
}

/// `doc` (a new report) followed by what it keeps of `previous`.
pub fn with_kept_tail(doc: &str, previous: &str) -> String {
    match kept_tail(previous) {
        Some(tail) => format!("{}\n\n{}", doc.trim_end(), tail.trim_end()) + "\n",
        None => doc.to_owned(),
    }
}

/// The soak section of `doc`, if it has one.
pub fn soak_section(doc: &str) -> Option<&str> {
    heading_at(doc, SOAK_HEADING).map(|at| &doc[at..])
}

/// `doc` with its soak section (if any) replaced by `section`.
pub fn with_soak_section(doc: &str, section: &str) -> String {
    let kept = heading_at(doc, SOAK_HEADING).map_or(doc, |at| &doc[..at]);
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

    #[test]
    fn a_new_report_keeps_the_steps_and_the_soak() {
        let previous = "# Benchmarks\n\nold figures\n\n## Steps\n\nlabels\n\n## Soak\n\nhour\n";
        let updated = with_kept_tail("# Benchmarks\n\nnew figures\n", previous);
        assert_eq!(
            updated,
            "# Benchmarks\n\nnew figures\n\n## Steps\n\nlabels\n\n## Soak\n\nhour\n"
        );
        // A soak run replaces the soak only.
        let soaked = with_soak_section(&updated, "## Soak\n\nnext hour");
        assert!(soaked.contains("## Steps\n\nlabels\n"), "{soaked}");
        assert!(soaked.ends_with("## Soak\n\nnext hour\n"), "{soaked}");
        // Nothing kept: the report alone.
        assert_eq!(with_kept_tail("# B\n", "# old\n"), "# B\n");
        // The words in running text are not a heading.
        assert_eq!(kept_tail("see ## Steps below\n"), None);
    }
}
