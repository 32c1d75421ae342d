//! "Did you mean ...?": the nearest known word to a misspelt one.

/// The candidate closest to `word`, when it is close enough to be a likely typo: the same
/// apart from case or `_`/`-`, or within a small edit distance that grows with the length.
pub fn nearest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let folded = fold(word);
    let limit = match word.chars().count() {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = if fold(candidate) == folded {
            0
        } else {
            match bounded_distance(word, candidate, limit) {
                Some(d) => d,
                None => continue,
            }
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Lower case, `_` and spaces as `-`: the differences that never make another word.
fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Levenshtein distance, or `None` when it exceeds `limit`. Words longer than a key ever is
/// are not compared, so a hostile input cannot make this quadratic in its size.
fn bounded_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    const LONGEST: usize = 64;
    let (la, lb) = (
        a.chars().take(LONGEST + 1).count(),
        b.chars().take(LONGEST + 1).count(),
    );
    if la > LONGEST || lb > LONGEST || la.abs_diff(lb) > limit {
        return None;
    }
    let distance = strsim::levenshtein(a, b);
    (distance <= limit).then_some(distance)
}

/// "`a`, `b` or `c`"
pub fn one_of<'w>(words: impl IntoIterator<Item = &'w str>) -> String {
    let words: Vec<String> = words.into_iter().map(|w| format!("`{w}`")).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_case_slips() {
        let keys = [
            "rule-type",
            "rule-id",
            "rule-name",
            "rule-action",
            "object-locator",
        ];
        assert_eq!(nearest("rule-acton", keys), Some("rule-action"));
        assert_eq!(nearest("Rule_Action", keys), Some("rule-action"));
        assert_eq!(nearest("objectlocator", keys), Some("object-locator"));
        assert_eq!(nearest("filters", keys), None);
    }

    #[test]
    fn lists_words() {
        assert_eq!(one_of(["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(one_of(["a"]), "`a`");
    }
}
