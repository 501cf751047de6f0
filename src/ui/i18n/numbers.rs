//! Numbers as each language writes them: 12,345 in English, 12.345 in
//! German. Fluent itself prints plain digits, so each bundle gets the
//! formatter of its language and `{ $count }` comes out grouped.

use fluent_bundle::FluentValue;

use super::Language;

/// A count shown to the user, grouped by thousands in `language`'s way.
pub fn format_count(language: Language, n: u64) -> String {
    let digits = n.to_string();
    let separator = match language {
        Language::English => ',',
        Language::German => '.',
    };
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

/// A measurement with `digits` decimals: 12.5 in English, 12,5 in German.
pub fn format_decimal(language: Language, value: f64, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    match language {
        Language::English => text,
        Language::German => text.replace('.', ","),
    }
}

/// The formatter a bundle in `language` prints numbers with. A plain
/// function each: Fluent takes a `fn`, not a closure.
pub(super) fn formatter<M>(language: Language) -> fn(&FluentValue<'_>, &M) -> Option<String> {
    match language {
        Language::English => english,
        Language::German => german,
    }
}

fn english<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    whole_number(Language::English, value)
}

fn german<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    whole_number(Language::German, value)
}

/// Whole numbers only (every number Chirp shows is a count); anything
/// else, or one that asks for no grouping, is left to Fluent.
fn whole_number(language: Language, value: &FluentValue<'_>) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let options = &number.options;
    let plain = options.use_grouping
        && options.minimum_fraction_digits.is_none()
        && options.minimum_integer_digits.is_none();
    // Exact as an f64 up to 2^53; past that Fluent's digits are as good.
    if !plain || number.value.fract() != 0.0 || number.value.abs() > 9.0e15 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    let whole = number.value as i64;
    let grouped = format_count(language, whole.unsigned_abs());
    Some(if whole < 0 {
        format!("-{grouped}")
    } else {
        grouped
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(format_count(Language::English, 0), "0");
        assert_eq!(format_count(Language::English, 999), "999");
        assert_eq!(format_count(Language::English, 1_000), "1,000");
        assert_eq!(format_count(Language::English, 1_234_567), "1,234,567");
        assert_eq!(format_count(Language::German, 12_345), "12.345");
        assert_eq!(format_count(Language::German, 100_000), "100.000");
    }

    #[test]
    fn decimals_use_the_language_s_point() {
        assert_eq!(format_decimal(Language::English, 12.345, 1), "12.3");
        assert_eq!(format_decimal(Language::German, 12.345, 1), "12,3");
    }

    #[test]
    fn fluent_numbers_are_grouped_but_fractions_left_alone() {
        let value = |n: f64| FluentValue::from(n);
        assert_eq!(
            whole_number(Language::German, &value(-4_500.0)).as_deref(),
            Some("-4.500")
        );
        assert_eq!(whole_number(Language::English, &value(2.5)), None);
        assert_eq!(
            whole_number(Language::English, &FluentValue::from("7")),
            None
        );
    }
}
