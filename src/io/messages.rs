//! RON's errors as typed load errors ([`LoadError`]) in the words a scenario file uses: where
//! (field path, line, column), what was found there and what would be valid. RON's own texts
//! name Rust types (`VersionProbe`, `ShiftType`) and give library advice; none of that reaches a
//! user. The words, in bokmål and English, are in `crate::i18n`.

use crate::model::load_error::{Expected, Found, Unexpected};
use crate::model::{LoadError, LoadErrorKind, Problem, ProblemKind};
use ron::error::{Error, Position, SpannedError};

/// The problem for `error`, met at the field `path` (empty or "." when not inside a field).
pub fn problem(text: &str, error: &SpannedError, path: &str) -> Problem {
    let mut field = path
        .trim_end_matches(".?")
        .trim_end_matches('?')
        .trim_matches('.');
    // An unknown field is named in the message; the place is the group it was written in.
    if let Error::NoSuchStructField { found, .. } = &error.code
        && let Some(parent) = field.strip_suffix(found.as_str())
    {
        field = parent.trim_end_matches('.');
    }
    let position = &error.span.start;
    let mut field = field.to_string();
    let kind = match decimal_comma(text, position) {
        Some(DecimalComma {
            whole,
            fraction,
            name,
        }) => {
            // The place is the field the number was written in, not the group after it.
            if let Some(name) = name
                && !field.ends_with(&name)
            {
                field = if field.is_empty() {
                    name
                } else {
                    format!("{field}.{name}")
                };
            }
            LoadErrorKind::DecimalComma { whole, fraction }
        }
        None => kind(
            &error.code,
            value_at(text, &error.span.start, &error.span.end),
        ),
    };
    Problem::new(
        field,
        ProblemKind::Unreadable(LoadError {
            line: position.line,
            column: position.col,
            kind,
        }),
    )
}

/// A decimal number written with a comma, as [`decimal_comma`] finds it.
#[derive(Debug, PartialEq)]
struct DecimalComma {
    /// The digits before the comma.
    whole: String,
    /// The digits after it.
    fraction: String,
    /// The field it was written in (`position_pct: 35,5`), when the number follows one.
    name: Option<String>,
}

/// `35,5` where the reader stopped at the `5`: a decimal comma, which RON reads as a number and
/// then a field name.
fn decimal_comma(text: &str, at: &Position) -> Option<DecimalComma> {
    let rest = rest_at(text, at)?;
    let fraction: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[fraction.len()..].chars().next();
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    if fraction.is_empty() || after.is_some_and(word) {
        return None;
    }
    let before = text[..text.len() - rest.len()].strip_suffix(',')?;
    let digits_start = before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let number_start = match before[..digits_start].strip_suffix('-') {
        Some(signless) if digits_start < before.len() => signless.len(),
        _ => digits_start,
    };
    let whole = &before[number_start..];
    let before = &before[..number_start];
    // Not a word (`b6,5`, `1.0,5`), nor a list of numbers (`[1,2]`).
    let list = |c: char| c == '[' || c == ',';
    if whole.trim_start_matches('-').is_empty()
        || before.chars().next_back().is_some_and(word)
        || before.trim_end().chars().next_back().is_some_and(list)
    {
        return None;
    }
    // `name: ` before the number.
    let name = before.trim_end().strip_suffix(':').and_then(|before| {
        let before = before.trim_end();
        let start = before
            .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_')
            .len();
        let name = &before[start..];
        (!name.is_empty()).then(|| name.to_string())
    });
    Some(DecimalComma {
        whole: whole.to_string(),
        fraction,
        name,
    })
}

/// What is wrong, and what would be valid; `found` is the value the error points at.
fn kind(code: &Error, found: Found) -> LoadErrorKind {
    use LoadErrorKind as K;
    match code {
        Error::ExpectedInteger
        | Error::InvalidIntegerDigit { .. }
        | Error::UnderscoreAtBeginning => K::WholeNumber { found },
        Error::IntegerOutOfBounds => {
            if found.as_deref().is_some_and(|f| f.starts_with('-')) {
                K::NonNegative { found }
            } else {
                K::TooLarge { found }
            }
        }
        Error::ExpectedFloat | Error::FloatUnderscore => K::Number { found },
        Error::ExpectedBoolean => K::Boolean { found },
        Error::ExpectedString | Error::ExpectedChar => K::Text { found },
        Error::ExpectedStringEnd => K::UnclosedText,
        Error::InvalidEscape(_) => K::Escape { found },
        Error::ExpectedArray => K::List { found },
        Error::ExpectedArrayEnd => K::ListEnd { found },
        Error::ExpectedMap => K::Table { found },
        Error::ExpectedMapColon => K::Colon { found },
        Error::ExpectedMapEnd => K::TableEnd { found },
        Error::ExpectedStructLike
        | Error::ExpectedNamedStructLike(_)
        | Error::ExpectedDifferentStructName { .. }
        | Error::ExpectedStructName(_) => K::GroupStart { found },
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => K::GroupEnd { found },
        Error::ExpectedComma => K::Comma { found },
        Error::ExpectedIdentifier => K::FieldName { found },
        Error::ExpectedOption | Error::ExpectedUnit => K::Value { found },
        Error::Eof => K::EndsEarly,
        Error::TrailingCharacters => K::Trailing { found },
        Error::UnexpectedChar(c) => K::Character(*c),
        Error::UnclosedBlockComment => K::UnclosedComment,
        Error::ExceededRecursionLimit => K::TooDeep,
        Error::NoSuchStructField {
            expected, found, ..
        } => K::UnknownField {
            found: found.clone(),
            fields: words(expected),
        },
        Error::MissingStructField { field, .. } => K::MissingField {
            field: field.to_string(),
        },
        Error::DuplicateStructField { field, .. } => K::DuplicateField {
            field: field.to_string(),
        },
        Error::NoSuchEnumVariant {
            expected, found, ..
        } => K::UnknownWord {
            found: found.clone(),
            words: words(expected),
        },
        Error::InvalidValueForType { expected, found } => K::WrongType {
            expected: Expected::from_serde(expected),
            found: Unexpected::from_ron(found),
        },
        Error::ExpectedDifferentLength { expected, found } => K::WrongLength {
            expected: Expected::from_serde(expected),
            count: *found,
        },
        Error::NoSuchExtension(name) => K::UnknownExtension { name: name.clone() },
        Error::ExpectedAttribute | Error::ExpectedAttributeEnd => K::Attribute { found },
        Error::Utf8Error(_) => K::NotUtf8Text,
        Error::Message(message) | Error::Io(message) => K::Other(message.clone()),
        _ => K::CannotRead { found },
    }
}

fn words(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

/// The value the error points at: from the span's start (or, when that is blank, from its end),
/// a quoted text up to its closing quote or else everything up to a comma, bracket or space.
/// None at the end of the file.
fn value_at(text: &str, start: &Position, end: &Position) -> Option<String> {
    let rest = rest_at(text, start)
        .filter(|rest| !rest.trim_start().is_empty())
        .or_else(|| rest_at(text, end))?;
    // RON's span starts after a number's sign.
    let offset = text.len() - rest.len();
    let rest = match text[..offset].chars().next_back() {
        Some(sign @ ('-' | '+')) => &text[offset - sign.len_utf8()..],
        _ => rest,
    };
    let rest = rest.trim_start();
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    let value_end = if first == '"' {
        // Up to the closing quote, or the end of the line when it is not closed there.
        let mut escaped = false;
        rest.char_indices()
            .skip(1)
            .find(|&(_, c)| {
                let closes = (c == '"' && !escaped) || c == '\n';
                escaped = c == '\\' && !escaped;
                closes
            })
            .map_or(rest.len(), |(i, c)| if c == '\n' { i } else { i + 1 })
    } else if matches!(first, ',' | ')' | ']' | '}' | '(' | '[' | '{' | ':') {
        first.len_utf8()
    } else {
        rest.char_indices()
            .find(|&(_, c)| {
                c.is_whitespace() || matches!(c, ',' | ')' | ']' | '}' | '(' | '[' | '{' | ':')
            })
            .map_or(rest.len(), |(i, _)| i)
    };
    Some(rest[..value_end].to_string())
}

/// The text from a 1-based line and column (in characters) on.
fn rest_at<'a>(text: &'a str, position: &Position) -> Option<&'a str> {
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if index + 1 == position.line {
            let column = line
                .char_indices()
                .nth(position.col.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i);
            return Some(&text[offset + column..]);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::i18n::Language::{Bokmal, English};
    use crate::model::cut;

    #[test]
    fn values_are_cut_at_60_characters() {
        assert_eq!(cut("kort"), "kort");
        let long = "x".repeat(100_000);
        let shown = cut(&long);
        assert_eq!(shown.chars().count(), 61);
        assert!(shown.ends_with('…'));
    }

    #[test]
    fn recursion_is_explained_without_library_advice() {
        let error = LoadError {
            line: 1,
            column: 300,
            kind: kind(&Error::ExceededRecursionLimit, Some("[".into())),
        };
        let english = error.text("", English);
        assert!(english.contains("nested too deeply"), "{english}");
        let bokmal = error.text("", Bokmal);
        assert!(bokmal.contains("128 nivåer"), "{bokmal}");
        for message in [english, bokmal] {
            assert!(
                !message.contains("ron::") && !message.contains("serde"),
                "{message}"
            );
        }
    }

    #[test]
    fn a_decimal_comma_is_found_after_digits_only() {
        let at = |text: &str, col| decimal_comma(text, &Position { line: 1, col });
        let text = "(staff: [(name: \"Kari\", position_pct: 35,5)])";
        let five = text.find(",5").map(|i| i + 2).expect("35,5");
        assert_eq!(
            at(text, five),
            Some(DecimalComma {
                whole: "35".into(),
                fraction: "5".into(),
                name: Some("position_pct".into()),
            })
        );
        assert_eq!(at(text, five - 1), None);
        let text = "(rules: (min_daily_rest_hours: -3,5))";
        let five = text.find(",5").map(|i| i + 2).expect("-3,5");
        assert_eq!(
            at(text, five).map(|found| found.whole),
            Some("-3".to_string())
        );
        let text = "(rota: (weeks: 6,x), a: b6,5, c: 1.0,5, d: [1,2])";
        for after in [",x", "b6,5", "1.0,5", "1,2"] {
            let col = text.find(after).map(|i| i + after.len()).expect(after);
            assert_eq!(at(text, col), None, "{after}");
        }
    }

    #[test]
    fn a_decimal_comma_is_placed_at_its_field() {
        let text = "(\n  staff: [(name: \"Kari\", position_pct: 35,5)],\n)";
        let found = crate::io::parse_scenario(text).expect_err("35,5");
        assert_eq!(
            found.messages_in(English),
            [
                "staff[0].position_pct (line 2, column 43): 35,5 reads as two values; write a \
              decimal number with a point: 35.5"
            ]
        );
        assert_eq!(
            found.messages_in(Bokmal),
            [
                "staff[0].position_pct («Stilling %» under Ansatte, linje 2, kolonne 43): 35,5 \
              leses som to verdier; skriv desimaltall med punktum i filen: 35.5"
            ]
        );
    }

    #[test]
    fn the_value_at_a_position_is_one_token() {
        let text = "(\n  rota: (weeks: \"6\", x: -1),\n)";
        let at = |line, col| value_at(text, &Position { line, col }, &Position { line, col });
        assert_eq!(at(2, 17).as_deref(), Some("\"6\""));
        assert_eq!(at(2, 25).as_deref(), Some("-1"));
        assert_eq!(at(2, 26).as_deref(), Some("-1"));
        assert_eq!(at(9, 1), None);
    }
}
