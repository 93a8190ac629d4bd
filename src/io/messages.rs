//! RON's errors in the words a scenario file uses: where (field path, line, column), what was
//! found there and what would be valid. RON's own texts name Rust types (`VersionProbe`,
//! `ShiftType`) and give library advice; none of that reaches a user.

use crate::model::{Problem, ProblemKind, cut};
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
    let place = if field.is_empty() {
        format!("line {}, column {}", position.line, position.col)
    } else {
        format!("{field} (line {}, column {})", position.line, position.col)
    };
    let found = match value_at(text, &error.span.start, &error.span.end) {
        Some(value) => format!("found {}", cut(&value)),
        None => "found the end of the file".to_string(),
    };
    Problem::new(
        place,
        ProblemKind::Unreadable(describe(&error.code, &found)),
    )
}

/// What is wrong, and what would be valid.
fn describe(code: &Error, found: &str) -> String {
    match code {
        Error::ExpectedInteger => format!("expected a whole number such as 6, {found}"),
        Error::IntegerOutOfBounds => {
            if found.starts_with("found -") {
                format!("expected a whole number of 0 or more, {found}")
            } else {
                format!("expected a smaller whole number, {found}")
            }
        }
        Error::InvalidIntegerDigit { .. } | Error::UnderscoreAtBeginning => {
            format!("expected a whole number such as 6, {found}")
        }
        Error::ExpectedFloat | Error::FloatUnderscore => {
            format!("expected a number such as 35.5, {found}")
        }
        Error::ExpectedBoolean => format!("expected true or false, {found}"),
        Error::ExpectedString | Error::ExpectedChar => {
            format!("expected text in double quotes such as \"D\", {found}")
        }
        Error::ExpectedStringEnd => "a text in double quotes is not closed with \"".to_string(),
        Error::InvalidEscape(_) => format!("expected a valid \\ escape in the text, {found}"),
        Error::ExpectedArray => format!("expected a list in [ ], {found}"),
        Error::ExpectedArrayEnd => format!("expected , or ] in the list, {found}"),
        Error::ExpectedMap => format!("expected a table in {{ }}, {found}"),
        Error::ExpectedMapColon => format!("expected : after the key, {found}"),
        Error::ExpectedMapEnd => format!("expected , or }} in the table, {found}"),
        Error::ExpectedStructLike
        | Error::ExpectedNamedStructLike(_)
        | Error::ExpectedDifferentStructName { .. }
        | Error::ExpectedStructName(_) => {
            format!("expected ( to open a group of fields, {found}")
        }
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => {
            format!("expected , or ) to close the group, {found}")
        }
        Error::ExpectedComma => format!("expected a comma, {found}"),
        Error::ExpectedIdentifier => format!("expected a field name, {found}"),
        Error::ExpectedOption | Error::ExpectedUnit => format!("expected a value, {found}"),
        Error::Eof => {
            "the file ends too early: a bracket ( [ { or a quote is not closed".to_string()
        }
        Error::TrailingCharacters => {
            format!("expected the end of the file after the scenario's closing ), {found}")
        }
        Error::UnexpectedChar(c) => format!("the character {c:?} does not belong here"),
        Error::UnclosedBlockComment => "a /* comment is not closed with */".to_string(),
        Error::ExceededRecursionLimit => {
            "brackets are nested too deeply here (more than 128 levels); a scenario nests a \
             few levels at most"
                .to_string()
        }
        Error::NoSuchStructField {
            expected, found, ..
        } => format!(
            "{} is not a field here; the fields are {}",
            quoted(found),
            listed(expected)
        ),
        Error::MissingStructField { field, .. } => {
            format!("{field} is missing; it has no default, so give it (`{field}: …`)")
        }
        Error::DuplicateStructField { field, .. } => {
            format!("{field} is given twice; keep one")
        }
        Error::NoSuchEnumVariant {
            expected, found, ..
        } => format!("{} is not one of {}", quoted(found), listed(expected)),
        Error::InvalidValueForType { expected, found } => format!(
            "expected {}, found {}",
            plain_expected(expected),
            cut(found)
        ),
        Error::ExpectedDifferentLength { expected, found } => format!(
            "expected {}, found {found} value(s)",
            plain_expected(expected)
        ),
        Error::NoSuchExtension(name) => format!(
            "{} is not a RON extension this program knows; use #![enable(implicit_some)]",
            quoted(name)
        ),
        Error::ExpectedAttribute | Error::ExpectedAttributeEnd => {
            format!("expected #![enable(implicit_some)], {found}")
        }
        Error::Utf8Error(_) => "the file is not UTF-8 text; save it as UTF-8".to_string(),
        Error::Message(message) | Error::Io(message) => cut(message),
        _ => format!("this cannot be read here, {found}"),
    }
}

fn quoted(word: &str) -> String {
    format!("\"{}\"", cut(word))
}

fn listed(words: &[&str]) -> String {
    match words {
        [] => "none".to_string(),
        [only] => only.to_string(),
        [first @ .., last] => format!("{} or {last}", first.join(", ")),
    }
}

/// serde's description of a wanted value ("u32", "struct ShiftType", "a sequence") in plain words.
fn plain_expected(expected: &str) -> String {
    let e = expected.trim();
    let integer = [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ];
    if integer.contains(&e) || e.contains("integer") {
        "a whole number such as 6".into()
    } else if e == "f32" || e == "f64" || e.contains("float") {
        "a number such as 35.5".into()
    } else if e.contains("string") || e == "char" {
        "text in double quotes such as \"D\"".into()
    } else if e.contains("bool") {
        "true or false".into()
    } else if e.contains("sequence") || e.contains("tuple") || e.contains("array") {
        "a list in [ ]".into()
    } else if e.contains("map") {
        "a table in { }".into()
    } else if e.starts_with("struct") {
        "a group of fields in ( )".into()
    } else if e.starts_with("enum") || e.contains("variant") {
        "one of the words this field takes".into()
    } else if e.contains("option") {
        "a value".into()
    } else {
        cut(e)
    }
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
        let message = describe(&Error::ExceededRecursionLimit, "found [");
        assert!(message.contains("nested too deeply"), "{message}");
        assert!(
            !message.contains("ron::") && !message.contains("serde"),
            "{message}"
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
