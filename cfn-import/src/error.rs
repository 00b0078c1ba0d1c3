//! The one error type: a template that cannot be read, with where and why.

use std::fmt;

/// Why a template could not be read, and where: the file (as the caller named it), the 1-based
/// line and column when the reader knows them, and what is wrong, in one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The file the text came from, as the caller named it.
    pub file: String,
    /// The 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// The 1-based column of the problem, when known.
    pub column: Option<usize>,
    /// What is wrong, one line.
    pub message: String,
}

impl ParseError {
    /// An error at a known position (`line` and `column` 1-based).
    pub fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        ParseError {
            file: file.to_owned(),
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }

    /// An error with no position (an unreadable file, an empty one).
    pub fn whole(file: &str, message: impl Into<String>) -> Self {
        ParseError {
            file: file.to_owned(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ParseError {
    /// `file:line:column: message`, or `file: message` when the position is unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.message),
            (Some(line), None) => write!(f, "{}:{line}: {}", self.file, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ParseError {}
