//! The RWS text format (DOMAIN.md §7): lines starting with `#` are comments, blank lines are
//! ignored, and the rest come in a fixed order:
//!
//! ```text
//! 7                      schedule length (days per week)
//! 9                      employees N (= weeks in the chain)
//! 3                      shift types S
//! 2 2 2 2 2 2 2          S rows of exact demand, Monday..Sunday
//! D 360 480 2 7          S rows: name, start minute, length in minutes, min and max block
//! 2 4                    min and max days-off block
//! 4 7                    min and max work block
//! 3 0                    forbidden sequences of length 2 and of length 3
//! N D                    the sequences: shift names, "-" for a day off ("N - D")
//! ```
//!
//! Every error names the file, the line, what was expected there and what was found. Every
//! size in the file is bounded (see the `MAX_` constants), and nothing is allocated from a
//! count before the lines it counts have been read.

use super::{BlockLimits, Instance, Shift, WEEK};
use std::path::Path;

/// Most employees (weeks in the chain); the benchmark's largest instance has 163.
pub const MAX_EMPLOYEES: usize = 1000;
/// Most shift types; the benchmark's instances have at most 3.
pub const MAX_SHIFTS: usize = 20;
/// Most forbidden sequences of one length.
pub const MAX_FORBIDDEN: usize = 10_000;

/// A file that could not be read or does not follow the RWS format.
#[derive(Debug, thiserror::Error)]
pub enum RwsError {
    /// The file could not be read.
    #[error("{file}: cannot be read: {source}")]
    Read {
        /// The file.
        file: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file does not follow the format.
    #[error("{file}, line {line}: expected {expected}, found {found}")]
    Format {
        /// The file (or the name given to [`parse`]).
        file: String,
        /// 1-based line number; one past the last line when the file ended too early.
        line: usize,
        /// What the format needs there.
        expected: String,
        /// What the line holds.
        found: String,
    },
}

/// Reads and parses an RWS file; the instance is named after the file name without extension.
pub fn load(path: &Path) -> Result<Instance, RwsError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| RwsError::Read {
        file: file.clone(),
        source,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        RwsError::Format {
            file: file.clone(),
            line: 1 + valid.iter().filter(|&&b| b == b'\n').count(),
            expected: "text (ASCII or UTF-8)".into(),
            found: format!("the byte 0x{:02X}", bytes[error.valid_up_to()]),
        }
    })?;
    let name = path
        .file_stem()
        .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
    let mut instance = parse(text, &file)?;
    instance.name = name;
    Ok(instance)
}

/// Parses the text of an RWS file; `file` names it in errors and becomes the instance's name.
pub fn parse(text: &str, file: &str) -> Result<Instance, RwsError> {
    let mut lines = Lines::new(text, file);

    let (line, length) = lines.number("the schedule length (one number)")?;
    if length != WEEK as u64 {
        return Err(lines.error_at(
            line,
            "schedule length 7 (rotating rotas are built of whole weeks)",
            &length.to_string(),
        ));
    }
    let employees = lines.count(
        &format!("the number of employees (a whole number from 1 to {MAX_EMPLOYEES})"),
        MAX_EMPLOYEES,
    )?;
    let shift_count = lines.count(
        &format!("the number of shift types (a whole number from 1 to {MAX_SHIFTS})"),
        MAX_SHIFTS,
    )?;
    // A block cannot be longer than the whole chain.
    let chain_days = employees * WEEK;

    let mut demand = Vec::new();
    for s in 0..shift_count {
        let what = format!(
            "demand row {} of {shift_count}: 7 whole numbers, Monday to Sunday",
            s + 1
        );
        let (line, tokens) = lines.tokens(&what, WEEK)?;
        let mut row = [0; WEEK];
        for (cell, token) in row.iter_mut().zip(&tokens) {
            *cell = token
                .parse()
                .map_err(|_| lines.error_at(line, &what, token))?;
        }
        demand.push(row);
    }

    let mut shifts: Vec<Shift> = Vec::new();
    for s in 0..shift_count {
        let what = format!(
            "shift type {} of {shift_count}: name, start minute, length in minutes, \
             shortest and longest block",
            s + 1
        );
        let (line, tokens) = lines.tokens(&what, 5)?;
        let name = tokens[0].to_string();
        if name == "-" || name.parse::<f64>().is_ok() {
            return Err(lines.error_at(line, "a shift name (not a number, not \"-\")", &name));
        }
        if shifts.iter().any(|shift| shift.name == name) {
            return Err(lines.error_at(line, "a shift name not used before", &name));
        }
        let number = |i: usize, what: &str| -> Result<u32, RwsError> {
            tokens[i]
                .parse()
                .map_err(|_| lines.error_at(line, what, tokens[i]))
        };
        let start_minute = number(1, "a start minute (0 to 1439)")?;
        if start_minute >= 24 * 60 {
            return Err(lines.error_at(line, "a start minute (0 to 1439)", tokens[1]));
        }
        let length_minutes = number(2, "a shift length in minutes (at least 1)")?;
        if length_minutes == 0 {
            return Err(lines.error_at(line, "a shift length in minutes (at least 1)", tokens[2]));
        }
        let min = number(3, "the shortest block of this shift (at least 1)")?;
        let max = number(4, "the longest block of this shift")?;
        let block = limits(&lines, line, min, max, chain_days, "block of this shift")?;
        shifts.push(Shift {
            name,
            start_minute,
            length_minutes,
            block,
        });
    }

    let off_block = lines.limits("days-off blocks", chain_days)?;
    let work_block = lines.limits("work blocks", chain_days)?;

    let what = format!(
        "the number of forbidden sequences of length 2 and of length 3 (two whole numbers, \
         each 0 to {MAX_FORBIDDEN})"
    );
    let (line, tokens) = lines.tokens(&what, 2)?;
    let count = |token: &str| -> Result<usize, RwsError> {
        token
            .parse()
            .ok()
            .filter(|&count| count <= MAX_FORBIDDEN)
            .ok_or_else(|| lines.error_at(line, &what, token))
    };
    let counts = [count(tokens[0])?, count(tokens[1])?];

    // Grown line by line: the counts are only what the file claims.
    let mut forbidden = Vec::new();
    for (length, count) in [2, 3].into_iter().zip(counts) {
        for i in 0..count {
            let what = format!(
                "forbidden sequence {} of {count} of length {length}: {length} shift names \
                 or \"-\" for a day off",
                i + 1
            );
            let (line, tokens) = lines.tokens(&what, length)?;
            let mut sequence = Vec::new();
            for token in tokens {
                if token == "-" {
                    sequence.push(None);
                } else if let Some(s) = shifts.iter().position(|shift| shift.name == token) {
                    sequence.push(Some(s));
                } else {
                    let names: Vec<&str> = shifts.iter().map(|s| s.name.as_str()).collect();
                    return Err(lines.error_at(
                        line,
                        &format!("a shift name ({}) or \"-\"", names.join(", ")),
                        token,
                    ));
                }
            }
            forbidden.push(sequence);
        }
    }

    if let Some((line, text)) = lines.next() {
        return Err(lines.error_at(line, "the end of the file", text));
    }

    Ok(Instance {
        name: file.to_string(),
        employees,
        shifts,
        demand,
        off_block,
        work_block,
        forbidden,
    })
}

/// Checks that `min..=max` is a sensible range of block lengths in a chain of `chain_days`.
fn limits(
    lines: &Lines,
    line: usize,
    min: u32,
    max: u32,
    chain_days: usize,
    what: &str,
) -> Result<BlockLimits, RwsError> {
    if min == 0 {
        return Err(lines.error_at(
            line,
            &format!("the shortest {what} at least 1"),
            &min.to_string(),
        ));
    }
    if max < min {
        return Err(lines.error_at(
            line,
            &format!("the longest {what} at least the shortest ({min})"),
            &max.to_string(),
        ));
    }
    if max as usize > chain_days {
        return Err(lines.error_at(
            line,
            &format!(
                "the longest {what} at most the whole chain ({} employees × 7 = {chain_days} days)",
                chain_days / WEEK
            ),
            &max.to_string(),
        ));
    }
    Ok(BlockLimits {
        min: min as usize,
        max: max as usize,
    })
}

/// The significant lines of the file (not blank, not comments), with their line numbers.
struct Lines<'a> {
    file: &'a str,
    lines: std::iter::Peekable<Box<dyn Iterator<Item = (usize, &'a str)> + 'a>>,
    /// One past the last line, for "ended too early".
    end: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, file: &'a str) -> Self {
        let end = text.lines().count() + 1;
        let significant: Box<dyn Iterator<Item = (usize, &'a str)> + 'a> = Box::new(
            text.lines()
                .enumerate()
                .map(|(i, line)| (i + 1, line.trim()))
                .filter(|(_, line)| !line.is_empty() && !line.starts_with('#')),
        );
        Self {
            file,
            lines: significant.peekable(),
            end,
        }
    }

    fn next(&mut self) -> Option<(usize, &'a str)> {
        self.lines.next()
    }

    fn error_at(&self, line: usize, expected: &str, found: &str) -> RwsError {
        let found = if found.is_empty() {
            "nothing".to_string()
        } else if found.chars().count() > 60 {
            format!("\"{}…\"", found.chars().take(60).collect::<String>())
        } else {
            format!("\"{found}\"")
        };
        RwsError::Format {
            file: self.file.to_string(),
            line,
            expected: expected.to_string(),
            found,
        }
    }

    /// The next line, split into exactly `count` tokens.
    fn tokens(&mut self, expected: &str, count: usize) -> Result<(usize, Vec<&'a str>), RwsError> {
        let Some((line, text)) = self.next() else {
            return Err(RwsError::Format {
                file: self.file.to_string(),
                line: self.end,
                expected: expected.to_string(),
                found: "the end of the file".into(),
            });
        };
        let tokens: Vec<&str> = text.split_whitespace().collect();
        if tokens.len() != count {
            return Err(self.error_at(line, expected, text));
        }
        Ok((line, tokens))
    }

    /// The next line as one whole number.
    fn number(&mut self, expected: &str) -> Result<(usize, u64), RwsError> {
        let (line, tokens) = self.tokens(expected, 1)?;
        let value = tokens[0]
            .parse()
            .map_err(|_| self.error_at(line, expected, tokens[0]))?;
        Ok((line, value))
    }

    /// The next line as one whole number from 1 to `most`.
    fn count(&mut self, expected: &str, most: usize) -> Result<usize, RwsError> {
        let (line, value) = self.number(expected)?;
        usize::try_from(value)
            .ok()
            .filter(|value| (1..=most).contains(value))
            .ok_or_else(|| self.error_at(line, expected, &value.to_string()))
    }

    /// The next line as the shortest and longest block of some kind.
    fn limits(&mut self, what: &str, chain_days: usize) -> Result<BlockLimits, RwsError> {
        let expected = format!("the shortest and longest {what} (two whole numbers)");
        let (line, tokens) = self.tokens(&expected, 2)?;
        let mut values = [0u32; 2];
        for (value, token) in values.iter_mut().zip(&tokens) {
            *value = token
                .parse()
                .map_err(|_| self.error_at(line, &expected, token))?;
        }
        let singular = what.trim_end_matches('s');
        limits(self, line, values[0], values[1], chain_days, singular)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE1: &str = "#Length of the schedule\r\n7\r\n\r\n#Number of Employees\r\n9\r\n\r\n\
##Number of Shifts\r\n3\r\n\r\n# Temporal Requirements Matrix\r\n2 2 2 2 2 2 2\r\n\
2 2 2 3 3 3 2\r\n2 2 2 2 2 2 2\r\n\r\n\
#ShiftName, Start, Length, Name, MinlengthOfBlocks, MaxLengthOfBlocks\r\n\
D  360 480 2 7\r\nA  840 480 2 6\r\nN  1320 480 2 4\r\n\r\n\
# Minimum and maximum length of days-off blocks \r\n2 4\r\n\r\n\
# Minimum and maximum length of work blocks\r\n4 7\r\n\r\n\
# Number of not allowed shift sequences: NrSequencesOfLength2, NrSequencesOfLength3: \r\n3 1\r\n\r\n\
# Not allowed shift sequences \r\nN D\r\nN A\r\nA D\r\nN - D";

    fn format_error(text: &str) -> (usize, String, String) {
        match parse(text, "bad.txt") {
            Err(RwsError::Format {
                file,
                line,
                expected,
                found,
            }) => {
                assert_eq!(file, "bad.txt");
                (line, expected, found)
            }
            other => panic!("expected a format error, got {other:?}"),
        }
    }

    #[test]
    fn parses_example1_with_crlf_and_a_length_3_sequence() {
        let instance = parse(EXAMPLE1, "Example1").unwrap();
        assert_eq!(instance.employees, 9);
        assert_eq!(instance.shifts.len(), 3);
        assert_eq!(instance.shifts[2].name, "N");
        assert_eq!(instance.shifts[2].start_minute, 1320);
        assert_eq!(instance.shifts[1].block, BlockLimits { min: 2, max: 6 });
        assert_eq!(instance.demand[1], [2, 2, 2, 3, 3, 3, 2]);
        assert_eq!(instance.off_block, BlockLimits { min: 2, max: 4 });
        assert_eq!(instance.work_block, BlockLimits { min: 4, max: 7 });
        assert_eq!(
            instance.forbidden,
            vec![
                vec![Some(2), Some(0)],
                vec![Some(2), Some(1)],
                vec![Some(1), Some(0)],
                vec![Some(2), None, Some(0)],
            ]
        );
    }

    #[test]
    fn schedule_length_other_than_7() {
        let text = EXAMPLE1.replacen("\r\n7\r\n", "\r\n5\r\n", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!(line, 2);
        assert!(expected.contains("schedule length 7"), "{expected}");
        assert_eq!(found, "\"5\"");
    }

    #[test]
    fn employees_not_a_number() {
        let text = EXAMPLE1.replacen("\r\n9\r\n", "\r\nnine\r\n", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!(line, 5);
        assert!(expected.contains("number of employees"), "{expected}");
        assert_eq!(found, "\"nine\"");
    }

    #[test]
    fn zero_employees() {
        let text = EXAMPLE1.replacen("\r\n9\r\n", "\r\n0\r\n", 1);
        let (line, _, found) = format_error(&text);
        assert_eq!((line, found.as_str()), (5, "\"0\""));
    }

    #[test]
    fn demand_row_too_short() {
        let text = EXAMPLE1.replacen("2 2 2 3 3 3 2", "2 2 2 3 3 3", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!(line, 12);
        assert!(expected.contains("demand row 2 of 3"), "{expected}");
        assert_eq!(found, "\"2 2 2 3 3 3\"");
    }

    #[test]
    fn negative_demand() {
        let text = EXAMPLE1.replacen("2 2 2 3 3 3 2", "2 2 2 3 -3 3 2", 1);
        let (line, _, found) = format_error(&text);
        assert_eq!((line, found.as_str()), (12, "\"-3\""));
    }

    #[test]
    fn shift_line_with_a_missing_field() {
        let text = EXAMPLE1.replacen("A  840 480 2 6", "A  840 480 2", 1);
        let (line, expected, _) = format_error(&text);
        assert_eq!(line, 17);
        assert!(expected.contains("shift type 2 of 3"), "{expected}");
    }

    #[test]
    fn shift_block_max_below_min() {
        let text = EXAMPLE1.replacen("A  840 480 2 6", "A  840 480 5 3", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!(line, 17);
        assert!(expected.contains("at least the shortest (5)"), "{expected}");
        assert_eq!(found, "\"3\"");
    }

    #[test]
    fn duplicate_shift_name() {
        let text = EXAMPLE1.replacen("A  840 480 2 6", "D  840 480 2 6", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!(line, 17);
        assert!(expected.contains("not used before"), "{expected}");
        assert_eq!(found, "\"D\"");
    }

    #[test]
    fn zero_length_days_off_block() {
        let text = EXAMPLE1.replacen("\r\n2 4\r\n", "\r\n0 4\r\n", 1);
        let (line, expected, _) = format_error(&text);
        assert_eq!(line, 21);
        assert!(expected.contains("days-off block at least 1"), "{expected}");
    }

    #[test]
    fn unknown_shift_in_a_forbidden_sequence() {
        let text = EXAMPLE1.replacen("N - D", "N - X", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!(line, 33);
        assert!(
            expected.contains("a shift name (D, A, N) or \"-\""),
            "{expected}"
        );
        assert_eq!(found, "\"X\"");
    }

    #[test]
    fn forbidden_sequence_of_the_wrong_length() {
        let text = EXAMPLE1.replacen("N - D", "N D", 1);
        let (line, expected, _) = format_error(&text);
        assert_eq!(line, 33);
        assert!(
            expected.contains("sequence 1 of 1 of length 3"),
            "{expected}"
        );
    }

    #[test]
    fn file_ends_too_early() {
        let text = EXAMPLE1.replacen("\r\nN - D", "", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!(line, 33);
        assert!(expected.contains("forbidden sequence 1 of 1"), "{expected}");
        assert_eq!(found, "the end of the file");
    }

    #[test]
    fn text_after_the_last_sequence() {
        let text = format!("{EXAMPLE1}\r\nA N\r\n");
        let (line, expected, found) = format_error(&text);
        assert_eq!(line, 34);
        assert_eq!(expected, "the end of the file");
        assert_eq!(found, "\"A N\"");
    }

    #[test]
    fn empty_and_binary_input_do_not_panic() {
        let (line, _, found) = format_error("");
        assert_eq!((line, found.as_str()), (1, "the end of the file"));
        let (line, _, _) = format_error("\u{0}\u{1}garbage ÿ\n7 7 7");
        assert_eq!(line, 1);
        let huge = "7\n99999999999999999999999\n";
        let (line, _, _) = format_error(huge);
        assert_eq!(line, 2);
    }

    // Issue 12, finding 1: counts near u32::MAX and u64::MAX aborted on allocation (exit 134)
    // or panicked on overflow (exit 101) before a sequence was read.
    #[test]
    fn huge_forbidden_counts_are_refused_with_the_limit() {
        for huge in [
            "4294967295",
            "18446744073709551615",
            "99999999999999999999999",
        ] {
            let text = EXAMPLE1.replacen("\r\n3 1\r\n", &format!("\r\n{huge} {huge}\r\n"), 1);
            let (line, expected, found) = format_error(&text);
            assert_eq!(line, 27);
            assert!(expected.contains("each 0 to 10000"), "{expected}");
            assert_eq!(found, format!("\"{huge}\""));
        }
    }

    #[test]
    fn more_sequences_claimed_than_given_ends_the_file_early() {
        let text = EXAMPLE1.replacen("\r\n3 1\r\n", "\r\n3 9000\r\n", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!(line, 34);
        assert!(expected.contains("sequence 2 of 9000"), "{expected}");
        assert_eq!(found, "the end of the file");
    }

    #[test]
    fn sizes_above_their_limits_name_the_value_and_the_limit() {
        let text = EXAMPLE1.replacen("\r\n9\r\n", "\r\n4294967295\r\n", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!((line, found.as_str()), (5, "\"4294967295\""));
        assert!(expected.contains("from 1 to 1000"), "{expected}");
        let text = EXAMPLE1.replacen("\r\n3\r\n", "\r\n18446744073709551615\r\n", 1);
        let (line, expected, _) = format_error(&text);
        assert_eq!(line, 8);
        assert!(expected.contains("from 1 to 20"), "{expected}");
    }

    #[test]
    fn a_block_longer_than_the_chain_is_refused() {
        // 9 employees: a chain of 63 days.
        let text = EXAMPLE1.replacen("\r\n2 4\r\n", "\r\n1 100000\r\n", 1);
        let (line, expected, found) = format_error(&text);
        assert_eq!((line, found.as_str()), (21, "\"100000\""));
        assert!(expected.contains("9 employees × 7 = 63 days"), "{expected}");
        let text = EXAMPLE1.replacen("N  1320 480 2 4", "N  1320 480 2 64", 1);
        let (line, _, found) = format_error(&text);
        assert_eq!((line, found.as_str()), (18, "\"64\""));
        let text = EXAMPLE1.replacen("N  1320 480 2 4", "N  1320 480 2 63", 1);
        assert!(parse(&text, "ok").is_ok());
    }

    #[test]
    fn a_file_that_is_not_text_names_the_line_and_the_byte() {
        let path =
            std::env::temp_dir().join(format!("heltid-rws-latin1-{}.txt", std::process::id()));
        std::fs::write(&path, b"7\n9\n\xc6\n").expect("written");
        let error = load(&path).expect_err("not UTF-8").to_string();
        assert!(
            error.ends_with(", line 3: expected text (ASCII or UTF-8), found the byte 0xC6"),
            "{error}"
        );
        std::fs::remove_file(&path).ok();
    }

    #[test]
    fn missing_file_is_a_read_error() {
        let error = load(Path::new("/nonexistent/Example0.txt")).unwrap_err();
        assert!(matches!(error, RwsError::Read { .. }));
        assert!(
            error
                .to_string()
                .starts_with("/nonexistent/Example0.txt: cannot be read")
        );
    }
}
