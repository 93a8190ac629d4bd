//! Why a file cannot be read as a scenario, as data: the place (line and column; the field path
//! is the [`Problem`](super::Problem)'s), what was found there and what would be valid. The
//! reader (`crate::io`) fills it in from RON's errors; `crate::i18n` says it in words. Values are
//! kept whole here and cut to 60 characters when written.

/// A file that cannot be read as a scenario, at a line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong there.
    pub kind: LoadErrorKind,
}

/// What the file holds where the reader stopped: the text as written (one token: a number, a
/// quoted text, a bracket), or `None` at the end of the file.
pub type Found = Option<String>;

/// What is wrong where a file cannot be read, with the values to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// A whole number was wanted (`weeks: 6`).
    WholeNumber {
        /// What is there.
        found: Found,
    },
    /// A whole number of 0 or more was wanted and a negative one is there.
    NonNegative {
        /// What is there.
        found: Found,
    },
    /// A whole number too large for the field.
    TooLarge {
        /// What is there.
        found: Found,
    },
    /// A number was wanted (`position_pct: 35.5`).
    Number {
        /// What is there.
        found: Found,
    },
    /// A decimal number written with a comma (`35,5`), which the file reads as two values.
    DecimalComma {
        /// The digits before the comma.
        whole: String,
        /// The digits after it.
        fraction: String,
    },
    /// `true` or `false` was wanted.
    Boolean {
        /// What is there.
        found: Found,
    },
    /// A text in double quotes was wanted.
    Text {
        /// What is there.
        found: Found,
    },
    /// A text in double quotes is not closed.
    UnclosedText,
    /// A `\` in a text is not followed by a valid escape.
    Escape {
        /// What is there.
        found: Found,
    },
    /// A list in `[ ]` was wanted.
    List {
        /// What is there.
        found: Found,
    },
    /// `,` or `]` was wanted inside a list.
    ListEnd {
        /// What is there.
        found: Found,
    },
    /// A table in `{ }` was wanted.
    Table {
        /// What is there.
        found: Found,
    },
    /// `:` was wanted after a table's key.
    Colon {
        /// What is there.
        found: Found,
    },
    /// `,` or `}` was wanted inside a table.
    TableEnd {
        /// What is there.
        found: Found,
    },
    /// `(` was wanted to open a group of fields.
    GroupStart {
        /// What is there.
        found: Found,
    },
    /// `,` or `)` was wanted to close a group.
    GroupEnd {
        /// What is there.
        found: Found,
    },
    /// A comma was wanted.
    Comma {
        /// What is there.
        found: Found,
    },
    /// A field name was wanted.
    FieldName {
        /// What is there.
        found: Found,
    },
    /// A value was wanted.
    Value {
        /// What is there.
        found: Found,
    },
    /// The file ends inside a bracket or a quote.
    EndsEarly,
    /// Something follows the scenario's closing `)`.
    Trailing {
        /// What is there.
        found: Found,
    },
    /// A character that does not belong where it is.
    Character(char),
    /// A `/*` comment is not closed.
    UnclosedComment,
    /// Brackets nested more than 128 levels deep.
    TooDeep,
    /// A field name the group does not have.
    UnknownField {
        /// The name as written.
        found: String,
        /// The group's fields.
        fields: Vec<String>,
    },
    /// A field that has no default is not given.
    MissingField {
        /// The field's name.
        field: String,
    },
    /// A field given twice.
    DuplicateField {
        /// The field's name.
        field: String,
    },
    /// A word the field does not take (`qualification: Lege`).
    UnknownWord {
        /// The word as written.
        found: String,
        /// The words it takes.
        words: Vec<String>,
    },
    /// A value of another kind than the field takes.
    WrongType {
        /// What the field takes.
        expected: Expected,
        /// What the reader met.
        found: Unexpected,
    },
    /// A list with another number of values than the field takes.
    WrongLength {
        /// What the field takes.
        expected: Expected,
        /// Values given.
        count: usize,
    },
    /// `#![enable(…)]` names an extension the reader does not know.
    UnknownExtension {
        /// The name as written.
        name: String,
    },
    /// `#![enable(implicit_some)]` was wanted.
    Attribute {
        /// What is there.
        found: Found,
    },
    /// The text is not UTF-8 (met by the RON reader).
    NotUtf8Text,
    /// A byte that is not UTF-8 (met before the file is read as RON).
    NotUtf8 {
        /// The byte.
        byte: u8,
        /// Its 1-based place in the file.
        offset: usize,
    },
    /// Anything else the reader stopped at.
    CannotRead {
        /// What is there.
        found: Found,
    },
    /// The reader's own words, for what the kinds above do not cover (English).
    Other(String),
}

/// What a field takes, as the reader describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A whole number such as 6.
    WholeNumber,
    /// A number such as 35.5.
    Number,
    /// A text in double quotes.
    Text,
    /// `true` or `false`.
    Boolean,
    /// A list in `[ ]`.
    List,
    /// A table in `{ }`.
    Table,
    /// A group of fields in `( )`.
    Group,
    /// One of the words the field takes.
    Word,
    /// A value.
    Value,
    /// The reader's own words.
    Other(String),
}

impl Expected {
    /// serde's description of a wanted value ("u32", "struct ShiftType", "a sequence").
    pub fn from_serde(expected: &str) -> Self {
        let e = expected.trim();
        let integer = [
            "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
        ];
        if integer.contains(&e) || e.contains("integer") {
            Self::WholeNumber
        } else if e == "f32" || e == "f64" || e.contains("float") {
            Self::Number
        } else if e.contains("string") || e == "char" {
            Self::Text
        } else if e.contains("bool") {
            Self::Boolean
        } else if e.contains("sequence") || e.contains("tuple") || e.contains("array") {
            Self::List
        } else if e.contains("map") {
            Self::Table
        } else if e.starts_with("struct") {
            Self::Group
        } else if e.starts_with("enum") || e.contains("variant") {
            Self::Word
        } else if e.contains("option") {
            Self::Value
        } else {
            Self::Other(e.to_string())
        }
    }
}

/// What the reader met instead, as serde describes it; the values as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unexpected {
    /// `true` or `false`.
    Boolean(String),
    /// A whole number of 0 or more.
    Unsigned(String),
    /// A whole number with a sign.
    Signed(String),
    /// A decimal number.
    Float(String),
    /// One character.
    Char(String),
    /// A text, with its quotes.
    Text(String),
    /// A byte string, as written after `b`.
    Bytes(String),
    /// `()`.
    Unit,
    /// An optional value.
    Optional,
    /// A value wrapped in a name.
    Wrapped,
    /// A list.
    List,
    /// A table.
    Table,
    /// A choice of words.
    Choice,
    /// A word alone.
    Word,
    /// A word with one value (`Hours(35.5)`).
    WordWithValue,
    /// A word with values in `( )`.
    WordWithValues,
    /// A word with fields in `( )`.
    WordWithFields,
    /// The reader's own words.
    Other(String),
}

impl Unexpected {
    /// RON's description of what it met ("the string \"6\"", "the unsigned integer `5`", "a
    /// sequence").
    pub fn from_ron(found: &str) -> Self {
        let ticked = |prefix: &str| {
            found
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('`'))
                .and_then(|rest| rest.strip_suffix('`'))
                .map(str::to_string)
        };
        if let Some(value) = ticked("the boolean ") {
            Self::Boolean(value)
        } else if let Some(value) = ticked("the unsigned integer ") {
            Self::Unsigned(value)
        } else if let Some(value) = ticked("the signed integer ") {
            Self::Signed(value)
        } else if let Some(value) = ticked("the floating point number ") {
            Self::Float(value)
        } else if let Some(value) = ticked("the UTF-8 character ") {
            Self::Char(value)
        } else if let Some(value) = found.strip_prefix("the string ") {
            Self::Text(value.to_string())
        } else if let Some(value) = found.strip_prefix("the byte string b") {
            Self::Bytes(value.to_string())
        } else {
            match found {
                "a unit value" => Self::Unit,
                "an optional value" => Self::Optional,
                "a newtype struct" => Self::Wrapped,
                "a sequence" => Self::List,
                "a map" => Self::Table,
                "an enum" => Self::Choice,
                "a unit variant" => Self::Word,
                "a newtype variant" => Self::WordWithValue,
                "a tuple variant" => Self::WordWithValues,
                "a struct variant" => Self::WordWithFields,
                other => Self::Other(other.to_string()),
            }
        }
    }
}
