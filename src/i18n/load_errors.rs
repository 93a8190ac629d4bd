//! The texts of load errors (a file that cannot be read as a scenario), in bokmål and English.
//! The reader says where (field path, line, column) and what (a [`LoadErrorKind`] with the value
//! found and what would be valid); this is the one place that says it in words. The bokmål
//! texts speak of the file as a unit manager sees it in an editor: brackets, quotes, field names
//! as written, and the app's label beside a field the app has (see [`field_label`]). Examples of
//! what to write stay as the file must have them (`35.5` with a point), since the file is read
//! the same in every language.

use super::Language;
use super::problems::field_label;
use crate::model::load_error::{Expected, Found, Unexpected};
use crate::model::{LoadError, LoadErrorKind, cut};

/// `text` in double quotes, cut to 60 characters.
fn quoted(text: &str) -> String {
    format!("\"{}\"", cut(text))
}

/// "a, b or c" / "a, b eller c".
fn listed(words: &[String], language: Language) -> String {
    match words {
        [] => language.pick("ingen", "none").to_string(),
        [only] => only.clone(),
        [first @ .., last] => format!(
            "{} {} {last}",
            first.join(", "),
            language.pick("eller", "or")
        ),
    }
}

/// "found X" / "men fant X"; the end of the file when nothing is there.
fn found_text(found: &Found, language: Language) -> String {
    match (found, language) {
        (Some(value), Language::English) => format!("found {}", cut(value)),
        (None, Language::English) => "found the end of the file".to_string(),
        (Some(value), Language::Bokmal) => format!("men fant {}", cut(value)),
        (None, Language::Bokmal) => "men filen slutter her".to_string(),
    }
}

/// A field of the group at `path` with the app's label in bokmål: `end («Slutt» under
/// Vakttyper)`; the name alone where the app has no field for it, and in English.
fn field_named(path: &str, field: &str, language: Language) -> String {
    let full = if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    };
    match (language, field_label(&full)) {
        (Language::Bokmal, Some((label, panel))) => format!("{field} («{label}» under {panel})"),
        _ => field.to_string(),
    }
}

impl Expected {
    /// What a field takes, in words.
    pub fn text(&self, language: Language) -> String {
        let nb = language == Language::Bokmal;
        let text = match (self, nb) {
            (Expected::WholeNumber, false) => "a whole number such as 6",
            (Expected::WholeNumber, true) => "et helt tall, for eksempel 6",
            (Expected::Number, false) => "a number such as 35.5",
            (Expected::Number, true) => "et tall, for eksempel 35.5 (med punktum)",
            (Expected::Text, false) => "text in double quotes such as \"D\"",
            (Expected::Text, true) => "tekst i doble anførselstegn, for eksempel \"D\"",
            (Expected::Boolean, false) => "true or false",
            (Expected::Boolean, true) => "true (ja) eller false (nei)",
            (Expected::List, false) => "a list in [ ]",
            (Expected::List, true) => "en liste i [ ]",
            (Expected::Table, false) => "a table in { }",
            (Expected::Table, true) => "en tabell i { }",
            (Expected::Group, false) => "a group of fields in ( )",
            (Expected::Group, true) => "en gruppe felt i ( )",
            (Expected::Word, false) => "one of the words this field takes",
            (Expected::Word, true) => "et av ordene som passer i dette feltet",
            (Expected::Value, false) => "a value",
            (Expected::Value, true) => "en verdi",
            (Expected::Other(words), _) => return cut(words),
        };
        text.to_string()
    }
}

impl Unexpected {
    /// What the reader met, in words; English as RON says it.
    pub fn text(&self, language: Language) -> String {
        let nb = language == Language::Bokmal;
        match self {
            Unexpected::Boolean(value) => {
                if nb {
                    format!("sannhetsverdien {}", cut(value))
                } else {
                    format!("the boolean `{}`", cut(value))
                }
            }
            Unexpected::Unsigned(value) => {
                if nb {
                    format!("heltallet {}", cut(value))
                } else {
                    format!("the unsigned integer `{}`", cut(value))
                }
            }
            Unexpected::Signed(value) => {
                if nb {
                    format!("heltallet {}", cut(value))
                } else {
                    format!("the signed integer `{}`", cut(value))
                }
            }
            Unexpected::Float(value) => {
                if nb {
                    format!("desimaltallet {}", cut(value))
                } else {
                    format!("the floating point number `{}`", cut(value))
                }
            }
            Unexpected::Char(value) => {
                if nb {
                    format!("tegnet {}", cut(value))
                } else {
                    format!("the UTF-8 character `{}`", cut(value))
                }
            }
            Unexpected::Text(value) => {
                if nb {
                    format!("teksten {}", cut(value))
                } else {
                    format!("the string {}", cut(value))
                }
            }
            Unexpected::Bytes(value) => {
                if nb {
                    format!("bytene b{}", cut(value))
                } else {
                    format!("the byte string b{}", cut(value))
                }
            }
            Unexpected::Other(words) => cut(words),
            simple => {
                let (nb_text, en_text) = match simple {
                    Unexpected::Unit => ("en tom verdi ()", "a unit value"),
                    Unexpected::Optional => ("en valgfri verdi", "an optional value"),
                    Unexpected::Wrapped => ("en verdi med navn", "a newtype struct"),
                    Unexpected::List => ("en liste", "a sequence"),
                    Unexpected::Table => ("en tabell", "a map"),
                    Unexpected::Choice => ("et valg mellom ord", "an enum"),
                    Unexpected::Word => ("et ord", "a unit variant"),
                    Unexpected::WordWithValue => ("et ord med en verdi", "a newtype variant"),
                    Unexpected::WordWithValues => ("et ord med verdier", "a tuple variant"),
                    _ => ("et ord med felt", "a struct variant"),
                };
                language.pick(nb_text, en_text).to_string()
            }
        }
    }
}

impl LoadErrorKind {
    /// What is wrong and what would be valid, in `language`; `path` is the field the reader was
    /// in (a missing or repeated field is named with the app's label in bokmål).
    pub fn text(&self, path: &str, language: Language) -> String {
        use LoadErrorKind as K;
        let nb = language == Language::Bokmal;
        let f = |found: &Found| found_text(found, language);
        match self {
            K::WholeNumber { found } => {
                if nb {
                    format!("ventet et helt tall, for eksempel 6, {}", f(found))
                } else {
                    format!("expected a whole number such as 6, {}", f(found))
                }
            }
            K::NonNegative { found } => {
                if nb {
                    format!("ventet et helt tall, 0 eller mer, {}", f(found))
                } else {
                    format!("expected a whole number of 0 or more, {}", f(found))
                }
            }
            K::TooLarge { found } => {
                if nb {
                    format!("ventet et mindre helt tall, {}", f(found))
                } else {
                    format!("expected a smaller whole number, {}", f(found))
                }
            }
            K::Number { found } => {
                if nb {
                    format!(
                        "ventet et tall, for eksempel 35.5 (med punktum), {}",
                        f(found)
                    )
                } else {
                    format!("expected a number such as 35.5, {}", f(found))
                }
            }
            K::DecimalComma { whole, fraction } => {
                let (whole, fraction) = (cut(whole), cut(fraction));
                if nb {
                    format!(
                        "{whole},{fraction} leses som to verdier; skriv desimaltall med punktum i filen: {whole}.{fraction}"
                    )
                } else {
                    format!(
                        "{whole},{fraction} reads as two values; write a decimal number with a point: {whole}.{fraction}"
                    )
                }
            }
            K::Boolean { found } => {
                if nb {
                    format!("ventet true (ja) eller false (nei), {}", f(found))
                } else {
                    format!("expected true or false, {}", f(found))
                }
            }
            K::Text { found } => {
                if nb {
                    format!(
                        "ventet tekst i doble anførselstegn, for eksempel \"D\", {}",
                        f(found)
                    )
                } else {
                    format!(
                        "expected text in double quotes such as \"D\", {}",
                        f(found)
                    )
                }
            }
            K::UnclosedText => language
                .pick(
                    "en tekst i doble anførselstegn er ikke avsluttet med \"",
                    "a text in double quotes is not closed with \"",
                )
                .to_string(),
            K::Escape { found } => {
                if nb {
                    format!(
                        "ventet en gyldig kode etter \\ i teksten (som \\\" eller \\n), {}",
                        f(found)
                    )
                } else {
                    format!("expected a valid \\ escape in the text, {}", f(found))
                }
            }
            K::List { found } => {
                if nb {
                    format!("ventet en liste i [ ], {}", f(found))
                } else {
                    format!("expected a list in [ ], {}", f(found))
                }
            }
            K::ListEnd { found } => {
                if nb {
                    format!("ventet , eller ] i listen, {}", f(found))
                } else {
                    format!("expected , or ] in the list, {}", f(found))
                }
            }
            K::Table { found } => {
                if nb {
                    format!("ventet en tabell i {{ }}, {}", f(found))
                } else {
                    format!("expected a table in {{ }}, {}", f(found))
                }
            }
            K::Colon { found } => {
                if nb {
                    format!("ventet : etter nøkkelen, {}", f(found))
                } else {
                    format!("expected : after the key, {}", f(found))
                }
            }
            K::TableEnd { found } => {
                if nb {
                    format!("ventet , eller }} i tabellen, {}", f(found))
                } else {
                    format!("expected , or }} in the table, {}", f(found))
                }
            }
            K::GroupStart { found } => {
                if nb {
                    format!("ventet ( som åpner en gruppe felt, {}", f(found))
                } else {
                    format!("expected ( to open a group of fields, {}", f(found))
                }
            }
            K::GroupEnd { found } => {
                if nb {
                    format!("ventet , eller ) som lukker gruppen, {}", f(found))
                } else {
                    format!("expected , or ) to close the group, {}", f(found))
                }
            }
            K::Comma { found } => {
                if nb {
                    format!("ventet et komma, {}", f(found))
                } else {
                    format!("expected a comma, {}", f(found))
                }
            }
            K::FieldName { found } => {
                if nb {
                    format!("ventet et feltnavn, {}", f(found))
                } else {
                    format!("expected a field name, {}", f(found))
                }
            }
            K::Value { found } => {
                if nb {
                    format!("ventet en verdi, {}", f(found))
                } else {
                    format!("expected a value, {}", f(found))
                }
            }
            K::EndsEarly => language
                .pick(
                    "filen slutter for tidlig: en parentes ( [ { eller et anførselstegn er ikke lukket",
                    "the file ends too early: a bracket ( [ { or a quote is not closed",
                )
                .to_string(),
            K::Trailing { found } => {
                if nb {
                    format!(
                        "ventet slutten av filen etter scenarioets siste ), {}",
                        f(found)
                    )
                } else {
                    format!(
                        "expected the end of the file after the scenario's closing ), {}",
                        f(found)
                    )
                }
            }
            K::Character(c) => {
                if nb {
                    format!("tegnet {c:?} hører ikke hjemme her")
                } else {
                    format!("the character {c:?} does not belong here")
                }
            }
            K::UnclosedComment => language
                .pick(
                    "en /*-kommentar er ikke avsluttet med */",
                    "a /* comment is not closed with */",
                )
                .to_string(),
            K::TooDeep => language
                .pick(
                    "for mange parenteser inni hverandre her (mer enn 128 nivåer); et scenario har bare noen få nivåer",
                    "brackets are nested too deeply here (more than 128 levels); a scenario nests a \
                     few levels at most",
                )
                .to_string(),
            K::UnknownField { found, fields } => {
                if nb {
                    format!(
                        "{} er ikke et felt her; feltene er {}",
                        quoted(found),
                        listed(fields, language)
                    )
                } else {
                    format!(
                        "{} is not a field here; the fields are {}",
                        quoted(found),
                        listed(fields, language)
                    )
                }
            }
            K::MissingField { field } => {
                let named = field_named(path, field, language);
                if nb {
                    format!(
                        "{named} mangler; feltet har ingen standardverdi, så skriv det inn (`{field}: …`)"
                    )
                } else {
                    format!("{named} is missing; it has no default, so give it (`{field}: …`)")
                }
            }
            K::DuplicateField { field } => {
                let named = field_named(path, field, language);
                if nb {
                    format!("{named} står to ganger; behold det ene")
                } else {
                    format!("{named} is given twice; keep one")
                }
            }
            K::UnknownWord { found, words } => {
                if nb {
                    format!(
                        "{} passer ikke her; bruk {}",
                        quoted(found),
                        listed(words, language)
                    )
                } else {
                    format!(
                        "{} is not one of {}",
                        quoted(found),
                        listed(words, language)
                    )
                }
            }
            K::WrongType { expected, found } => {
                if nb {
                    format!(
                        "ventet {}, men fant {}",
                        expected.text(language),
                        found.text(language)
                    )
                } else {
                    format!(
                        "expected {}, found {}",
                        expected.text(language),
                        found.text(language)
                    )
                }
            }
            K::WrongLength { expected, count } => {
                if nb {
                    let values = if *count == 1 { "verdi" } else { "verdier" };
                    format!(
                        "ventet {}, men fant {count} {values}",
                        expected.text(language)
                    )
                } else {
                    format!(
                        "expected {}, found {count} value(s)",
                        expected.text(language)
                    )
                }
            }
            K::UnknownExtension { name } => {
                if nb {
                    format!(
                        "{} er ikke en RON-utvidelse dette programmet kjenner; bruk #![enable(implicit_some)]",
                        quoted(name)
                    )
                } else {
                    format!(
                        "{} is not a RON extension this program knows; use #![enable(implicit_some)]",
                        quoted(name)
                    )
                }
            }
            K::Attribute { found } => {
                if nb {
                    format!("ventet #![enable(implicit_some)], {}", f(found))
                } else {
                    format!("expected #![enable(implicit_some)], {}", f(found))
                }
            }
            K::NotUtf8Text => language
                .pick(
                    "filen er ikke UTF-8-tekst; lagre den som UTF-8",
                    "the file is not UTF-8 text; save it as UTF-8",
                )
                .to_string(),
            K::NotUtf8 { byte, offset } => {
                if nb {
                    format!(
                        "byten 0x{byte:02X} (byte nr. {offset} i filen) er ikke UTF-8-tekst; lagre filen som UTF-8 (Unicode) og åpne den igjen"
                    )
                } else {
                    format!(
                        "byte 0x{byte:02X} (byte {offset} of the file) is not UTF-8 text; save the file \
                         as UTF-8 (Unicode) and open it again"
                    )
                }
            }
            K::CannotRead { found } => {
                if nb {
                    format!("dette kan ikke leses her, {}", f(found))
                } else {
                    format!("this cannot be read here, {}", f(found))
                }
            }
            K::Other(words) => {
                if nb {
                    format!("kan ikke leses: {}", cut(words))
                } else {
                    cut(words)
                }
            }
        }
    }
}

impl LoadError {
    /// Where: "rota.weeks (line 2, column 12)" or "line 2, column 12"; in bokmål with the app's
    /// label: "rota.weeks («Turnusperiode (uker)» under Enhet og regler, linje 2, kolonne 12)".
    pub fn place(&self, path: &str, language: Language) -> String {
        let (line, column) = (self.line, self.column);
        let at = match language {
            Language::Bokmal => format!("linje {line}, kolonne {column}"),
            Language::English => format!("line {line}, column {column}"),
        };
        if path.is_empty() {
            return at;
        }
        match (language, field_label(path)) {
            (Language::Bokmal, Some((label, panel))) => {
                format!("{path} («{label}» under {panel}, {at})")
            }
            _ => format!("{path} ({at})"),
        }
    }

    /// "place: what is wrong", in `language`, for the field `path` (empty outside any field).
    pub fn text(&self, path: &str, language: Language) -> String {
        format!(
            "{}: {}",
            self.place(path, language),
            self.kind.text(path, language)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language::{Bokmal, English};

    fn at(kind: LoadErrorKind) -> LoadError {
        LoadError {
            line: 2,
            column: 12,
            kind,
        }
    }

    #[test]
    fn places_name_the_line_and_column_and_in_bokmal_the_apps_label() {
        let error = at(LoadErrorKind::NonNegative {
            found: Some("-1".into()),
        });
        assert_eq!(
            error.text("rota.weeks", English),
            "rota.weeks (line 2, column 12): expected a whole number of 0 or more, found -1"
        );
        assert_eq!(
            error.text("rota.weeks", Bokmal),
            "rota.weeks («Turnusperiode (uker)» under Enhet og regler, linje 2, kolonne 12): ventet et helt tall, 0 eller mer, men fant -1"
        );
        assert_eq!(
            error.text("", Bokmal),
            "linje 2, kolonne 12: ventet et helt tall, 0 eller mer, men fant -1"
        );
        assert_eq!(
            error.place("today.lines[0]", Bokmal),
            "today.lines[0] (linje 2, kolonne 12)"
        );
    }

    #[test]
    fn a_missing_field_is_named_by_its_label_in_bokmal() {
        let kind = LoadErrorKind::MissingField {
            field: "end".into(),
        };
        assert_eq!(
            kind.text("shifts[2]", Bokmal),
            "end («Slutt» under Vakttyper) mangler; feltet har ingen standardverdi, så skriv det inn (`end: …`)"
        );
        assert_eq!(
            kind.text("shifts[2]", English),
            "end is missing; it has no default, so give it (`end: …`)"
        );
    }

    #[test]
    fn every_kind_reads_differently_in_bokmal() {
        use LoadErrorKind as K;
        let found = || Some("x".to_string());
        let kinds = [
            K::WholeNumber { found: found() },
            K::NonNegative { found: found() },
            K::TooLarge { found: None },
            K::Number { found: found() },
            K::DecimalComma {
                whole: "35".into(),
                fraction: "5".into(),
            },
            K::Boolean { found: found() },
            K::Text { found: found() },
            K::UnclosedText,
            K::Escape { found: found() },
            K::List { found: found() },
            K::ListEnd { found: found() },
            K::Table { found: found() },
            K::Colon { found: found() },
            K::TableEnd { found: found() },
            K::GroupStart { found: found() },
            K::GroupEnd { found: found() },
            K::Comma { found: found() },
            K::FieldName { found: found() },
            K::Value { found: found() },
            K::EndsEarly,
            K::Trailing { found: found() },
            K::Character(';'),
            K::UnclosedComment,
            K::TooDeep,
            K::UnknownField {
                found: "x".into(),
                fields: vec!["a".into(), "b".into()],
            },
            K::MissingField { field: "a".into() },
            K::DuplicateField { field: "a".into() },
            K::UnknownWord {
                found: "Lege".into(),
                words: vec!["Sykepleier".into()],
            },
            K::WrongType {
                expected: Expected::Group,
                found: Unexpected::List,
            },
            K::WrongLength {
                expected: Expected::List,
                count: 3,
            },
            K::UnknownExtension { name: "x".into() },
            K::Attribute { found: found() },
            K::NotUtf8Text,
            K::NotUtf8 {
                byte: 0xC6,
                offset: 24,
            },
            K::CannotRead { found: found() },
            K::Other("x".into()),
        ];
        for kind in &kinds {
            assert_ne!(kind.text("", Bokmal), kind.text("", English), "{kind:?}");
        }
        assert_eq!(
            kinds[2].text("", Bokmal),
            "ventet et mindre helt tall, men filen slutter her"
        );
        assert_eq!(
            kinds[4].text("", Bokmal),
            "35,5 leses som to verdier; skriv desimaltall med punktum i filen: 35.5"
        );
    }

    #[test]
    fn rons_descriptions_read_back_as_before_in_english() {
        for found in [
            "the boolean `true`",
            "the unsigned integer `5`",
            "the signed integer `-5`",
            "the floating point number `1.5`",
            "the UTF-8 character `x`",
            "the string \"6\"",
            "a unit value",
            "a sequence",
            "a map",
            "a tuple variant",
            "something else",
        ] {
            assert_eq!(Unexpected::from_ron(found).text(English), found);
        }
        assert_eq!(
            Unexpected::from_ron("the string \"6\"").text(Bokmal),
            "teksten \"6\""
        );
        assert_eq!(Expected::from_serde("u32"), Expected::WholeNumber);
        assert_eq!(Expected::from_serde("struct ShiftType"), Expected::Group);
    }
}
