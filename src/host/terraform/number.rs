//! Numbers as `jsonencode` writes them.
//!
//! Terraform reads a number literal into an arbitrary-precision float, and `jsonencode` prints
//! it in plain decimal notation, shortest form: `1.0` becomes `1`, `007` becomes `7`, `1e3`
//! becomes `1000`. A decimal literal is exact at that precision, so the literal's own digits,
//! with the point moved and the zeros at either end dropped, are what Terraform prints.

/// The longest plain rendering written. Past it (`1e999999999` would be a billion digits) the
/// same value is written in exponent form, which JSON reads as the same number.
const MAX_PLAIN: usize = 1024;

/// The JSON text of the HCL number literal `literal` (an optional `-`, digits, an optional
/// fraction and exponent), or `None` when `literal` is not one.
pub(super) fn render(literal: &str) -> Option<String> {
    let (negative, rest) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, literal),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], exponent(&rest[at + 1..])?),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    // The value is `digits` × 10^`scale`, with no zero at either end of `digits`.
    let digits: String = whole.chars().chain(fraction.chars()).collect();
    let digits = digits.trim_start_matches('0');
    let trimmed = digits.trim_end_matches('0');
    if trimmed.is_empty() {
        return Some("0".to_owned());
    }
    let scale = exponent - fraction.len() as i128 + (digits.len() - trimmed.len()) as i128;
    let digits = trimmed;
    let sign = if negative { "-" } else { "" };
    // Digits before the decimal point.
    let point = digits.len() as i128 + scale;
    let plain_len = if scale >= 0 {
        point
    } else if point > 0 {
        digits.len() as i128 + 1
    } else {
        2 - point + digits.len() as i128
    };
    if plain_len > MAX_PLAIN as i128 {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        return Some(format!("{sign}{first}{dot}{rest}e{}", point - 1));
    }
    Some(if scale >= 0 {
        format!("{sign}{digits}{}", "0".repeat(scale as usize))
    } else if point > 0 {
        let (int, frac) = digits.split_at(point as usize);
        format!("{sign}{int}.{frac}")
    } else {
        format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
    })
}

/// An exponent's value, saturated far beyond any exponent a float can hold.
fn exponent(text: &str) -> Option<i128> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits
        .bytes()
        .fold(0i128, |n, b| (n * 10 + i128::from(b - b'0')).min(1 << 64));
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn numbers_come_out_as_terraform_prints_them() {
        for (literal, json) in [
            ("1", "1"),
            ("1.0", "1"),
            ("007", "7"),
            ("0", "0"),
            ("0.0", "0"),
            ("1.50", "1.5"),
            ("1e3", "1000"),
            ("1E+3", "1000"),
            ("1.5e-3", "0.0015"),
            ("120e-1", "12"),
            ("-7", "-7"),
            ("-0.25", "-0.25"),
            ("- 2", "-2"),
            ("12345678901234567890", "12345678901234567890"),
        ] {
            assert_eq!(render(literal).as_deref(), Some(json), "{literal}");
        }
    }

    #[test]
    fn a_huge_exponent_is_written_in_exponent_form() {
        assert_eq!(render("1e999999999").as_deref(), Some("1e999999999"));
        assert_eq!(render("2.5e-99999").as_deref(), Some("2.5e-99999"));
        assert_eq!(
            render("1e99999999999999999999999999999999999999").as_deref(),
            Some("1e18446744073709551616")
        );
    }

    #[test]
    fn what_is_not_a_number_literal_is_refused() {
        for text in ["", "-", "1.2.3", "1e", "e3", "0x10", "1_000", ".5"] {
            assert_eq!(render(text), None, "{text}");
        }
    }
}
